"""What the layout hands to renderers: every box, line of text and path, already placed.

Renderers (the Qt canvas, the PDF exporter) only draw these; they never
measure or wrap text themselves, so screen and paper agree. What a big map has
thousands of (cards, flows, lines of text) are named tuples: immutable, and
made several times faster than frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from .geometry import Cubic, Point, Rect
from .sparkline import Sparkline
from .text import ASCENT

if TYPE_CHECKING:
    from ..model.schema import Quote


class TextBlock(NamedTuple):
    """Lines of text at a position; `size` in points, `bold` picks the face."""

    x: float
    y: float
    """Top of the first line."""
    lines: tuple[str, ...]
    size: float
    bold: bool = False
    color: str = "text"
    """A Palette attribute name, or a colour of the map's own such as "#2E86AB"."""
    line_height: float = 0.0

    @property
    def height(self) -> float:
        return len(self.lines) * self.line_height

    def baselines(self) -> list[tuple[str, float]]:
        """Each line with the y of its baseline (every painter draws a block's lines there)."""
        baseline = self.y + self.size * ASCENT + (self.line_height - self.size) / 2
        return [(line, baseline + k * self.line_height) for k, line in enumerate(self.lines)]


@dataclass(frozen=True, slots=True)
class KpiLine:
    text: TextBlock
    bar: Rect | None
    """The track of the value-against-target bar; None when value or target is missing."""
    ratio: float
    """value / target, clamped to 0..1 for drawing (bar fill)."""
    health: str
    """'good', 'mid' or 'bad': how close the value is to the target."""
    mark: TextBlock | None = None
    """After the bar, the health as a sign (`kpis.HEALTH_MARKS`): never told by colour alone."""
    change_mark: TextBlock | None = None
    """On the line under it, when the KPI has two readings or more: ▲ or ▼ (or =), in the ink of
    better or worse (`kpis.kpi_change`)..."""
    change: TextBlock | None = None
    """...then the change in words ("+0.3 since 2026-10-12, better"); None when it has no room."""
    trend: Sparkline | None = None
    """Under the bar, the readings as a small line (`sparkline`)."""
    tip: str = ""
    """The KPI in full (figures, latest and previous reading, change) for the header's tooltip."""


@dataclass(frozen=True, slots=True)
class StageBox:
    id: str
    index: int
    header: Rect
    column: Rect
    """The whole column, header to bottom of the last lane."""
    name: TextBlock
    goal: TextBlock | None
    kpis: tuple[KpiLine, ...]


@dataclass(frozen=True, slots=True)
class LaneRow:
    kind: str
    """'cards', 'emotion', 'pains' or 'opportunities'."""
    rect: Rect
    """The row across every stage column (not the header)."""
    header: Rect
    label: TextBlock


@dataclass(frozen=True, slots=True)
class LaneBox:
    """One persona's swimlane.

    `y` is the lane's top in map coordinates; everything else here, and every
    card, cell, curve, list item and in-lane flow of this persona, is in lane
    coordinates (x as the map's, y from the lane's top). Moving a lane down
    then moves nothing inside it.
    """

    id: str
    index: int
    y: float
    width: float
    height: float
    header: Rect
    color: str
    name: TextBlock
    segment: TextBlock | None
    rows: tuple[LaneRow, ...]

    @property
    def rect(self) -> Rect:
        """The whole lane in map coordinates."""
        return Rect(0.0, self.y, self.width, self.height)

    def row(self, kind: str) -> LaneRow | None:
        return next((r for r in self.rows if r.kind == kind), None)


class CardBox(NamedTuple):
    id: str
    persona: str
    stage: str
    position: int
    """Place within its cell, from 0."""
    rect: Rect
    title: TextBlock
    emotion: int | None
    emotion_center: Point
    channel: str | None
    channel_chip: Rect | None
    """The chip: the channel's icon (`channel_icon`) then its name from `channel_label_x`."""
    channel_label: str
    pains: int
    opportunities: int
    counts_origin: Point
    """Baseline-left of the pain/opportunity counts, on the chip row."""
    evidence: str
    evidence_center: Point
    bar_color: str
    quotes: int = 0
    """How many customer quotes the card keeps: counted after the pain points and opportunities."""
    first_quotes: tuple[Quote, ...] = ()
    """The first few of them, for the card's tooltip (`card_look.QUOTES_IN_TIP`)."""

    @property
    def channel_icon(self) -> Rect | None:
        chip = self.channel_chip
        return None if chip is None else Rect(chip.x + 4, chip.y + (chip.h - 8) / 2, 8, 8)

    @property
    def channel_label_x(self) -> float:
        return 0.0 if self.channel_chip is None else self.channel_chip.x + 4 + 8 + 3


@dataclass(frozen=True, slots=True)
class CurveBox:
    persona: str
    points: tuple[tuple[str, Point, int], ...]
    """(touchpoint id, point, emotion) in journey order."""
    path: tuple[Cubic, ...]
    zero_y: float
    top_y: float
    bottom_y: float
    """The y of +2 and of -2."""


@dataclass(frozen=True, slots=True)
class ListItem:
    touchpoint: str
    kind: str
    """'pain' or 'opportunity'."""
    level: str
    """severity or priority: low, medium, high."""
    marker: Point
    text: TextBlock


class FlowPath(NamedTuple):
    id: str
    source: str
    target: str
    kind: str
    lane: str | None
    """The persona whose lane coordinates the path is in; None for map coordinates (between lanes)."""
    path: tuple[Cubic, ...]
    label: TextBlock | None
    label_rect: Rect | None
    """The pill behind the label, centred on the path: drawn above cards so it stays readable."""
    label_top: float | None
    """Where the pill's top is before the labels are moved apart (`flow_labels.spread_labels`)."""
    full_label: str | None = None
    """The label as typed when the lines shown leave some of it out (a tooltip on screen, a list in
    the PDF); None when the whole label is shown."""


@dataclass(frozen=True, slots=True)
class CellBox:
    persona: str
    stage: str
    rect: Rect
    """The cards area of one (persona, stage) cell: where cards can be dropped."""
