"""A KPI's trend as a small line (a sparkline): its readings over time, in a box of the stage header.

Geometry only, in layout points (y down), as `glyphs` gives faces: the canvas and the PDF draw the
same line from the same points (`draw_sparkline`), so the printout shows the trend the screen shows.

Higher values sit higher whichever way the KPI is better: the line is a plain chart of the figures,
and what is better is said in words beside it (`kpis.kpi_change_words`) and by the latest point's
ink (the KPI's health, as its bar).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any

from .geometry import Cubic, Point, Rect

DOT_RADIUS = 1.7
"""The latest reading's point: a dot in the KPI's health colour."""
LINE_WIDTH = 0.9


@dataclass(frozen=True, slots=True)
class Sparkline:
    box: Rect
    """Where the line is drawn; every point lies inside it."""
    points: tuple[Point, ...]
    """One per finite reading, in the readings' order (the last is the latest): x by date, y by value
    (higher values nearer the top)."""
    target_y: float | None
    """The target's height when it lies within the readings' range (a faint dashed line); else None."""
    latest_ink: str
    """The palette name the latest point is drawn in: the KPI's health ("kpi_good"...) or "muted"."""

    @property
    def path(self) -> tuple[Cubic, ...]:
        """The line through the points as straight cubic segments (what every painter draws)."""
        return tuple(Cubic.through(a, Point(a.x + (b.x - a.x) / 3, a.y + (b.y - a.y) / 3),
                                   Point(a.x + 2 * (b.x - a.x) / 3, a.y + 2 * (b.y - a.y) / 3), b)
                     for a, b in pairwise(self.points))


def sparkline(readings: Sequence[tuple[date, float]], box: Rect, target: float | None = None,
              latest_ink: str = "muted") -> Sparkline | None:
    """The line of `readings` ((day, value), in the file's order: oldest first as a rule, the last the
    latest) in `box`; None with fewer than two.

    x follows the dates from the earliest to the latest day, whatever the order (the format allows
    any), so a gap of months looks like one; readings all of one day are spread evenly instead. The
    values fill the box's height (a flat series runs across its middle); the dot of the latest point
    keeps DOT_RADIUS clear of the box's edges. Every point stays in the box, even for figures near the
    largest a float holds (scaled before they are subtracted); a value that is not finite is left out.
    """
    readings = [(day, float(value)) for day, value in readings if math.isfinite(value)]
    if len(readings) < 2:
        return None
    pad = DOT_RADIUS
    left, right = box.x + pad, box.right - pad
    top, bottom = box.y + pad, box.bottom - pad
    days = [day.toordinal() for day, _ in readings]
    first, span = min(days), max(days) - min(days)
    if span > 0:
        xs = [left + (right - left) * (d - first) / span for d in days]
    else:
        xs = [left + (right - left) * k / (len(days) - 1) for k in range(len(days))]
    # (divided by the largest size first: 1e308 − (−1e308) would overflow to infinity)
    scale = max(abs(value) for _, value in readings) or 1.0
    values = [value / scale for _, value in readings]
    low, high = min(values), max(values)
    middle = (top + bottom) / 2

    def y_of(value: float) -> float:
        if high == low:
            return middle
        return _clamp(bottom - (bottom - top) * (value - low) / (high - low), top, bottom)

    points = tuple(Point(_clamp(x, left, right), y_of(v)) for x, v in zip(xs, values))
    scaled_target = float(target) / scale if target is not None and math.isfinite(target) else None
    target_y = y_of(scaled_target) if scaled_target is not None and low <= scaled_target <= high and high > low \
        else None
    return Sparkline(box, points, target_y, latest_ink)


def _clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def reading_pairs(kpi: Any) -> list[tuple[date, float]]:
    """A KPI's readings as (day, value), in the file's order (oldest first as a rule; the last is the latest)."""
    return [(r.date, r.value) for r in kpi.readings]


def draw_sparkline(p: Any, spark: Sparkline | None) -> None:
    """Draw the line on `p`, a painter of `card_look`'s calls (the canvas's and the PDF's alike)."""
    if spark is None:
        return
    if spark.target_y is not None:
        p.stroke("faint", 0.5, (1.2, 1.2))
        p.line(Point(spark.box.x, spark.target_y), Point(spark.box.right, spark.target_y))
    p.stroke("muted", LINE_WIDTH)
    p.curve(spark.path)
    p.circle(spark.points[-1], DOT_RADIUS, fill=spark.latest_ink)
