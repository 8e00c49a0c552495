"""Small pictures drawn the same way on screen and paper: emotion faces, markers.

Each returns geometry only (circles and curves in points), so the canvas and
the PDF exporter draw identical shapes without sharing any drawing code.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .geometry import Cubic, Point


@dataclass(frozen=True, slots=True)
class Face:
    center: Point
    radius: float
    eyes: tuple[Point, Point]
    eye_radius: float
    mouth: Cubic
    open_mouth: tuple[Point, ...] | None = None
    """For the strongest feelings (±2) the mouth is open, a filled shape (a grin, a wail), drawn instead
    of `mouth`'s line: five feelings, five mouths, told apart without their colours."""


def emotion_face(center: Point, size: float, emotion: int) -> Face:
    """A round face whose mouth says the emotion: −2 an open frown, −1 a frown, 0 a straight line,
    +1 a smile, +2 an open grin."""
    r = size / 2
    eye_y = center.y - r * 0.22
    eyes = (Point(center.x - r * 0.33, eye_y), Point(center.x + r * 0.33, eye_y))
    mouth_y = center.y + r * 0.32
    bend = emotion * r * 0.16  # positive: the middle of the mouth dips (a smile, y grows downwards)
    half = r * (0.38 + 0.04 * abs(emotion))
    if abs(emotion) == 2:
        bend *= 1.3  # (an open mouth a little deeper, so its opening shows at a 9 pt legend's size)
    left, right = Point(center.x - half, mouth_y - bend / 2), Point(center.x + half, mouth_y - bend / 2)
    mouth = Cubic.through(left, Point(left.x + half * 0.5, mouth_y + bend), Point(right.x - half * 0.5, mouth_y + bend),
                          right)
    opened = None
    if abs(emotion) == 2:  # the curve, closed by the straight line between its ends
        opened = tuple(mouth.at(k / 8) for k in range(9))
    return Face(center, r, eyes, r * 0.11, mouth, opened)


def triangle(center: Point, size: float) -> tuple[Point, Point, Point]:
    """The pain point marker: a small upward triangle."""
    h = size * 0.87
    return (
        Point(center.x, center.y - h / 2),
        Point(center.x + size / 2, center.y + h / 2),
        Point(center.x - size / 2, center.y + h / 2),
    )


def star(center: Point, size: float) -> tuple[Point, ...]:
    """The opportunity marker: a five-pointed star."""
    outer, inner = size / 2, size / 5
    points = []
    for k in range(10):
        radius = outer if k % 2 == 0 else inner
        angle = -math.pi / 2 + k * math.pi / 5
        points.append(Point(center.x + radius * math.cos(angle), center.y + radius * math.sin(angle)))
    return tuple(points)


def arrow_head(tip: Point, behind: Point, size: float) -> tuple[Point, Point, Point]:
    """A filled triangle at `tip`, pointing away from `behind`."""
    dx, dy = tip.x - behind.x, tip.y - behind.y
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    base = Point(tip.x - ux * size, tip.y - uy * size)
    half = size * 0.45
    return tip, Point(base.x - uy * half, base.y + ux * half), Point(base.x + uy * half, base.y - ux * half)


def flow_head(last: Cubic, size: float) -> tuple[Point, Point, Point]:
    """A flow's arrow head: at the end of its last segment, pointing from the point at 9/10 of it.

    The same as `arrow_head(Point(last.x3, last.y3), last.at(0.9), size)`, in one step: a big map
    has thousands.
    """
    tx, ty, ax, ay, bx, by = flow_head_numbers(last, size)
    return Point(tx, ty), Point(ax, ay), Point(bx, by)


def flow_head_numbers(last: Cubic, size: float) -> tuple[float, float, float, float, float, float]:
    """`flow_head`'s three corners as six numbers (x, y of each), for renderers that write numbers."""
    x0, y0, x1, y1, x2, y2, tx, ty = last
    # tip - at(0.9), with at's Bernstein weights 0.001, 0.027, 0.243 and 0.729
    dx = 0.271 * tx - 0.001 * x0 - 0.027 * x1 - 0.243 * x2
    dy = 0.271 * ty - 0.001 * y0 - 0.027 * y1 - 0.243 * y2
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx * size / length, dy * size / length
    bx, by = tx - ux, ty - uy
    hx, hy = uy * 0.45, ux * 0.45
    return tx, ty, bx - hx, by + hy, bx + hx, by - hy
