"""Where a flow's line runs between two cards, in free space only.

`flow_plan` decides which way a flow goes (from the map alone); this turns that into a path:
an S-curve inside the gap between two columns for a flow to the next column, a straight line
down the gap between two stacked cards, and for the rest orthogonal lines with rounded corners
along the gaps between columns (each vertical run at its own slot) and the band under a lane
(each run on its own track). None of them crosses a card that is not its source or target.
"""

from __future__ import annotations

from .elements import CardBox, FlowPath, TextBlock
from .flow_labels import BAND_LABEL_WIDTH, LABEL_ROOM, LABEL_TOP, LABEL_WIDTH, label_cut, label_pill
from .flow_plan import AROUND, BAND, DOWN, NEXT, SELF, FlowRoute
from .geometry import Cubic, Point, Rect, new_tuple
from .style import Style

LEG_MARGIN = 7.0
"""From a card's edge to the first vertical run (slot) in a gap."""
LEG_SPACING = 5.0
"""Between two vertical runs in a gap."""
CORNER = 6.0
"""The radius of a routed flow's rounded corners."""
SELF_REACH = 14.0
"""How far a card's flow to itself reaches into the gap to its right."""


def gap_left(edges: tuple[float, ...], gap: int, style: Style) -> float:
    """The left side of the gap to the right of column `gap`: its cards' right edge."""
    return edges[gap] + style.cell_padding + style.card_width


def gap_right(edges: tuple[float, ...], gap: int, style: Style) -> float:
    """The right side of that gap: the next column's cards' left edge (the map's edge after the last)."""
    return edges[gap + 1] + style.cell_padding if gap + 2 < len(edges) else edges[gap + 1]


def loop_room(loops: bool) -> float:
    """Kept at the left of a gap beside a column with loops to their own cards: its runs start
    after it, so no run goes through a loop."""
    return SELF_REACH if loops else 0.0


def gap_width_needed(slots: int, loops: bool = False) -> float:
    """How wide a gap must be for `slots` vertical runs, each clear of the cards, of the others and
    of the column's loops."""
    if slots <= 0:
        return loop_room(loops) + LEG_MARGIN if loops else 0.0
    return loop_room(loops) + 2 * LEG_MARGIN + (slots - 1) * LEG_SPACING


def slot_x(edges: tuple[float, ...], gap: int, slot: int, style: Style, loops: bool = False) -> float:
    return gap_left(edges, gap, style) + loop_room(loops) + LEG_MARGIN + slot * LEG_SPACING


def label_gap(route_plan: FlowRoute, s_col: int) -> int | None:
    """The gap whose room holds a flow's label (the source's column's), or None for a band flow,
    whose label sits on its run under the cards, in room the band makes for it."""
    return None if route_plan.how == BAND else s_col


HEAD_ROOM = 2.0
"""Kept free at the right of a gap, where arrowheads enter the next column's cards. A head is 6 long:
a label that would still cover one is moved clear of it (`flow_labels.spread_labels`); a full 6 here
would widen every gap with a label and print the whole map smaller."""


def _runs_width(slots: int, loops: bool) -> float:
    """How much of a gap, from its left, its loops and vertical runs take."""
    return gap_width_needed(slots, loops) - LEG_MARGIN / 2 if slots or loops else 0.0


def label_room(pill: float, slots: int, loops: bool) -> float:
    """How wide the gap holding a flow's label (`label_gap`) must be for a pill `pill` wide: the
    label sits right of the gap's loops and vertical runs (`slots` of them) and left of the
    arrowheads that enter the next column, so it hides no loop, nor where a flow turns or ends."""
    return _runs_width(slots, loops) + pill + 2 * LABEL_ROOM + HEAD_ROOM


def label_span(column_edges: tuple[float, ...], gap: int, slots: int, loops: bool,
               style: Style) -> tuple[float, float]:
    """Where in a gap a label may sit, left and right (see `label_room`)."""
    left = gap_left(column_edges, gap, style)
    return left + _runs_width(slots, loops) + LABEL_ROOM, gap_right(column_edges, gap, style) - HEAD_ROOM - LABEL_ROOM


def y_at_x(segment: Cubic, x: float) -> float:
    """Where a curve whose x only grows (a flow to the next column) is at `x`."""
    low, high = 0.0, 1.0
    for _ in range(30):
        t = (low + high) / 2
        if segment.at(t).x < x:
            low = t
        else:
            high = t
    return segment.at((low + high) / 2).y


def _line(x0: float, y0: float, x1: float, y1: float) -> Cubic:
    dx, dy = (x1 - x0) / 3, (y1 - y0) / 3
    return new_tuple(Cubic, (x0, y0, x0 + dx, y0 + dy, x1 - dx, y1 - dy, x1, y1))


KAPPA = 0.5523
"""Control-point distance of a quarter circle drawn as one cubic, as a share of its radius."""


def rounded(points: list[tuple[float, float]], radius: float = CORNER) -> tuple[Cubic, ...]:
    """An orthogonal polyline as cubic segments, its corners rounded (each radius at most half of
    the shorter of the two runs it joins, so corners never overlap)."""
    pts = [p for k, p in enumerate(points) if k == 0 or p != points[k - 1]]
    if len(pts) < 2:
        return ()
    segments: list[Cubic] = []
    x, y = pts[0]
    for k in range(1, len(pts) - 1):
        (ax, ay), (bx, by), (cx, cy) = pts[k - 1], pts[k], pts[k + 1]
        before, after = abs(bx - ax) + abs(by - ay), abs(cx - bx) + abs(cy - by)
        r = min(radius, before / 2, after / 2)
        ux, uy = (bx - ax) / before, (by - ay) / before
        vx, vy = (cx - bx) / after, (cy - by) / after
        ex, ey = bx - ux * r, by - uy * r  # where the corner's arc begins
        fx, fy = bx + vx * r, by + vy * r  # and ends
        if (ex, ey) != (x, y):
            segments.append(_line(x, y, ex, ey))
        k_r = KAPPA * r
        segments.append(new_tuple(Cubic, (ex, ey, ex + ux * k_r, ey + uy * k_r, fx - vx * k_r, fy - vy * k_r, fx, fy)))
        x, y = fx, fy
    end = pts[-1]
    if (x, y) != end:
        segments.append(_line(x, y, *end))
    return tuple(segments)


def route(
    flow_id: str,
    kind: str,
    label: str,
    source: CardBox,
    target: CardBox,
    plan: FlowRoute,
    style: Style,
    lane: str | None = None,
    ports: tuple[float, float] = (0.5, 0.5),
    column_edges: tuple[float, ...] = (),
    band_top: float = 0.0,
    s_col: int = 0,
    gap_slots: int = 0,
    loop_gaps: frozenset[int] = frozenset(),
) -> FlowPath:
    """A flow's path as `plan` says (`flow_plan`). `ports`: where it meets its source's and its target's
    edge, as a share of the card's height (flows of one edge are spread along it). `band_top`: the
    top of the band under the target's lane, in the path's coordinates. `gap_slots`: how many vertical
    runs the gap that holds the flow's label has (the label sits right of them); `loop_gaps`: the
    gaps beside columns with loops (their runs start right of the loops)."""
    sx, sy, sw, sh = source.rect
    tx, ty, tw, th = target.rect
    how = plan.how
    label_at: Point | None = None
    if how == NEXT:  # by far the most flows
        x0, y0, x1, y1 = sx + sw, sy + sh * ports[0], tx, ty + th * ports[1]
        # Control points never cross: in a narrow gap the curve stays a gentle S.
        reach = (x1 - x0) / 2
        reach = 6.0 if reach < 6.0 else min(reach, 80.0)
        segments: tuple[Cubic, ...] = (new_tuple(Cubic, (x0, y0, x0 + reach, y0, x1 - reach, y1, x1, y1)),)
    elif how == DOWN:
        segments = (_line(sx + sw / 2, sy + sh, tx + tw / 2, ty),)
    elif how == SELF:
        right, top, bottom = sx + sw, sy + sh * ports[0], sy + sh * ports[1]
        # Leaves and comes back level (its arrowhead points straight at the card), reaching SELF_REACH.
        reach = right + SELF_REACH * 4 / 3
        segments = (new_tuple(Cubic, (right, top, reach, top, reach, bottom, right, bottom)),)
        label_at = Point(right + SELF_REACH, (top + bottom) / 2)
    elif how == AROUND:
        gap = plan.out_leg.gap  # type: ignore[union-attr]
        x = slot_x(column_edges, gap, plan.out_leg.slot, style, gap in loop_gaps)  # type: ignore[union-attr]
        y0, y1 = sy + sh * ports[0], ty + th * ports[1]
        segments = rounded([(sx + sw, y0), (x, y0), (x, y1), (tx + tw, y1)])
        label_at = Point(x, (y0 + y1) / 2)
    else:  # BAND
        out_leg, in_leg = plan.out_leg, plan.in_leg
        x0 = sx + sw if plan.out_side == "R" else sx
        x1 = tx if plan.in_side == "L" else tx + tw
        y0, y1 = sy + sh * ports[0], ty + th * ports[1]
        xo = slot_x(column_edges, out_leg.gap, out_leg.slot, style, out_leg.gap in loop_gaps)  # type: ignore[union-attr]
        xi = slot_x(column_edges, in_leg.gap, in_leg.slot, style, in_leg.gap in loop_gaps)  # type: ignore[union-attr]
        y = band_top + plan.track_y
        segments = rounded([(x0, y0), (xo, y0), (xo, y), (xi, y), (xi, y1), (x1, y1)])
        label_at = Point((xo + xi) / 2, y)
    label_block = label_rect = label_top = full_label = None
    if label and not label.isspace():
        gap = label_gap(plan, s_col)
        size = style.small_size
        lines, width = label_pill(label, size, BAND_LABEL_WIDTH if how == BAND else LABEL_WIDTH)
        if gap is None:
            middle = label_at
        else:  # in the gap, right of its runs and left of the heads that enter the next column
            left, right = label_span(column_edges, gap, gap_slots, gap in loop_gaps, style)
            x = (left + right) / 2
            middle = Point(x, y_at_x(segments[0], x) if label_at is None else label_at.y)
        line_height = style.line_height(size)
        height = line_height * len(lines) + 2
        label_rect = Rect(middle.x - width / 2, middle.y - height / 2, width, height)
        label_block = TextBlock(label_rect.x + 4, label_rect.y + LABEL_TOP, lines, size, False, "muted", line_height)
        label_top = label_rect.y
        if label_cut(label, lines):
            full_label = " ".join(label.split())
    return new_tuple(FlowPath, (flow_id, source.id, target.id, kind, lane, segments, label_block, label_rect,
                                label_top, full_label))


SPREAD_LOW, SPREAD_HIGH = 0.2, 0.8
"""Flows of one card meet its edge between these shares of its height."""
SPREAD_SPAN = SPREAD_HIGH - SPREAD_LOW
