"""How the map's parts other than cards look, drawn once for every painter (see `card_look`): a stage's
header, a lane's frame (its header, row names and grid), a list item, the emotion curve and a flow's
label. The canvas draws each in its own item; the PDF draws them in its forms (`export.map_drawing`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .card_look import Painter
from .elements import CurveBox, FlowPath, LaneBox, ListItem, StageBox
from .geometry import Point, Rect
from .glyphs import star, triangle
from .sparkline import draw_sparkline
from .style import Style

KPI_FILL = {"good": "kpi_good", "mid": "kpi_mid", "bad": "kpi_bad"}
FLOW_DASH: dict[str, tuple[float, float]] = {"alternative": (4.0, 3.0), "loop": (1.0, 2.2)}
"""The dashes of a flow by its kind, in points (a "next" flow is solid): the same on screen and on paper."""
DOT_RADIUS = 3.6
"""A card's point on the emotion curve."""


def stage_header(p: Painter, box: StageBox) -> None:
    """A stage's header: its name, goal, and KPIs with a value-against-target bar and a health sign."""
    header = box.header
    p.rect(header, fill="header")
    p.stroke("grid", 0.8)
    p.line(Point(header.x, header.bottom), Point(header.right, header.bottom))
    p.line(Point(header.x, header.y), Point(header.x, header.bottom))
    p.text(box.name)
    p.text(box.goal)
    for kpi in box.kpis:
        p.text(kpi.text)
        if kpi.bar is not None:
            p.rect(kpi.bar, fill="kpi_track")
            p.rect(Rect(kpi.bar.x, kpi.bar.y, kpi.bar.w * kpi.ratio, kpi.bar.h), fill=KPI_FILL.get(kpi.health, "kpi_bad"))
        p.text(kpi.mark)
        p.text(kpi.change_mark)  # (the change since the previous reading, and the readings' trend)
        p.text(kpi.change)
        draw_sparkline(p, kpi.trend)


def lane_frame(p: Painter, lane: LaneBox, column_edges: Sequence[float], style: Style, emotion_axis: tuple[float, float] | None) -> None:
    """A lane's background, header (persona's bar, name, segment), row names, the grid of its cells, and the
    +2 / −2 marks of its emotion row (`emotion_axis`: the rows' y for them), in lane coordinates."""
    p.rect(Rect(0, 0, lane.width, lane.height), fill="canvas")
    p.rect(lane.header, fill="header")
    p.rect(Rect(0, 0, style.card_bar, lane.height), fill=lane.color)
    for row in lane.rows:
        if row.rect.y > 0:
            p.stroke("grid", 0.5)
            p.line(Point(style.card_bar, row.rect.y), Point(lane.width, row.rect.y))
        p.text(row.label)
    p.stroke("grid", 0.8)
    p.line(Point(0, lane.height), Point(lane.width, lane.height))
    for x in column_edges:
        p.line(Point(x, 0), Point(x, lane.height))
    p.text(lane.name)
    p.text(lane.segment)
    if emotion_axis is not None:
        top, bottom = emotion_axis
        p.text_line(style.lane_header_width - 18, top + 3, "+2", style.small_size, False, "faint")
        p.text_line(style.lane_header_width - 18, bottom + 3, "\u22122", style.small_size, False, "faint")


def list_items(p: Painter, items: Iterable[ListItem]) -> None:
    """Pain points (a triangle) and opportunities (a star), the marker as large as the item is grave."""
    for item in items:
        size = 7.0 if item.level == "high" else 6.0 if item.level == "medium" else 5.0
        if item.kind == "pain":
            p.polygon(triangle(item.marker, size), "pain")
        else:
            p.polygon(star(item.marker, size + 2), "opportunity")
        p.text(item.text)


def curve_line(p: Painter, curve: CurveBox, left: float, right: float) -> None:
    """The emotion row's zero line (from `left` to `right`) and the curve through the cards' feelings
    (their points are `curve_dot`: the PDF stamps them)."""
    p.stroke("zero_line", 0.8, (3.0, 3.0))
    p.line(Point(left, curve.zero_y), Point(right, curve.zero_y))
    if curve.path:
        p.stroke("curve", 2.0)
        p.curve(curve.path)


def curve_dot(p: Painter, center: Point, emotion: int) -> None:
    p.circle(center, DOT_RADIUS, fill="card", stroke=p.palette.emotions[emotion + 2], width=1.6)


def flow_label(p: Painter, flow: FlowPath) -> None:
    """A flow's label on its pill."""
    if flow.label is None or flow.label_rect is None:
        return
    r = flow.label_rect
    p.rect(r, fill="paper", stroke="card_border", width=0.6, radius=r.h / 2)
    p.text(flow.label)
