"""Points, rectangles and cubic curves: the vocabulary every renderer understands.

Coordinates are points with y growing downwards, as on screen; the PDF
exporter flips them once when it draws.
"""

from __future__ import annotations

from typing import NamedTuple

new_tuple = tuple.__new__
"""Makes a named tuple from its fields in order, without its Python-level `__new__` (twice as fast):
for what a big map makes thousands of."""


class Point(NamedTuple):
    x: float
    y: float


class Rect(NamedTuple):
    """A rectangle; a tuple, as Point is, because a big map makes tens of thousands and tuples are made fastest."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def center(self) -> Point:
        return Point(self.cx, self.cy)

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.right and self.y <= y <= self.bottom

    def intersects(self, other: "Rect") -> bool:
        return not (
            other.x >= self.right or other.right <= self.x or other.y >= self.bottom or other.bottom <= self.y
        )

    def inset(self, dx: float, dy: float | None = None) -> "Rect":
        dy = dx if dy is None else dy
        return Rect(self.x + dx, self.y + dy, max(0.0, self.w - 2 * dx), max(0.0, self.h - 2 * dy))

    def moved(self, dx: float, dy: float) -> "Rect":
        return Rect(self.x + dx, self.y + dy, self.w, self.h)


class Cubic(NamedTuple):
    """One cubic Bézier segment from (x0, y0) to (x3, y3), pulled towards (x1, y1) and (x2, y2).

    Eight numbers in one tuple, not four points: a big map has tens of thousands of segments, a
    tuple is made far faster than five, and renderers read them as numbers anyway.
    """

    x0: float
    y0: float
    x1: float
    y1: float
    x2: float
    y2: float
    x3: float
    y3: float

    @classmethod
    def through(cls, p0: Point, c1: Point, c2: Point, p1: Point) -> Cubic:
        """The segment from `p0` to `p1` with control points `c1` and `c2`."""
        return new_tuple(cls, (*p0, *c1, *c2, *p1))

    def at(self, t: float) -> Point:
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        x0, y0, x1, y1, x2, y2, x3, y3 = self
        return Point(a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3)


def smooth_path(points: list[Point], tension: float = 1 / 6) -> list[Cubic]:
    """A smooth curve through every point (Catmull-Rom, as cubic segments).

    Control points are clamped to each segment's vertical range, so the
    emotion curve never overshoots past +2 or -2 between two cards.
    """
    if len(points) < 2:
        return []
    # Segment i runs from points[i] to points[i + 1]; its tangents come from the points before and
    # after (the ends stand in for the missing ones). Written as one pass over shifted lists: a big
    # map's lane has a thousand points.
    before = [points[0], *points[:-2]]
    after = [*points[2:], points[-1]]
    segments: list[Cubic] = []
    append = segments.append
    for (x0, y0), (x1, y1), (x2, y2), (x3, y3) in zip(before, points, points[1:], after):
        if y1 < y2:
            low, high = y1, y2
        else:
            low, high = y2, y1
        c1y = y1 + (y2 - y0) * tension
        c2y = y2 - (y3 - y1) * tension
        append(new_tuple(Cubic, (x1, y1, x1 + (x2 - x0) * tension, high if c1y > high else low if c1y < low else c1y,
                                 x2 - (x3 - x1) * tension, high if c2y > high else low if c2y < low else c2y, x2, y2)))
    return segments
