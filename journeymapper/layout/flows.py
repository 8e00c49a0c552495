"""Where a flow's arrow runs between two cards.

Forward flows leave a card's right edge and enter the target's left edge in
an S-curve through the gap between columns; flows inside one column run down
the gap between cards, or around the right-hand side when they go up; loop
and backward flows dip below the cards, so they never hide a card's text.
"""

from __future__ import annotations

from .elements import CardBox, FlowPath, TextBlock
from .geometry import Cubic, Point, Rect, new_tuple
from .style import Style
from .text import text_width, wrap


def route(
    flow_id: str,
    kind: str,
    label: str,
    source: CardBox,
    target: CardBox,
    s_col: int,
    t_col: int,
    cards_row_bottom: float,
    style: Style,
    lane: str | None = None,
    ports: tuple[float, float] = (0.5, 0.5),
    column_edges: tuple[float, ...] = (),
) -> FlowPath:
    """`s_col`, `t_col`: the columns of the source's and the target's stages. `ports`: where a forward
    flow leaves its source's right edge and enters its target's left edge, as a share of the card's
    height (flows of one card are spread along its edge). `column_edges` (`MapLayout.column_edges`): a
    forward flow that skips columns has its label in the gap before its target's column, not over
    the cards of a column it passes."""
    sx, sy, sw, sh = source.rect
    tx, ty, tw, th = target.rect
    if t_col > s_col and kind != "loop":  # forward (so between two cards): by far the most flows
        x0, y0, x1, y1 = sx + sw, sy + sh * ports[0], tx, ty + th * ports[1]
        # Control points never cross: in a narrow gap the curve stays a gentle S.
        reach = (x1 - x0) / 2
        reach = 6.0 if reach < 6.0 else 80.0 if reach > 80.0 else reach
        segment = new_tuple(Cubic, (x0, y0, x0 + reach, y0, x1 - reach, y1, x1, y1))
    elif source.id == target.id:
        start = Point(sx + sw - 28, sy)
        end = Point(sx + sw, sy + 16)
        segment = Cubic.through(start, Point(start.x, sy - 26), Point(sx + sw + 26, end.y), end)
    elif kind == "loop" or t_col < s_col:
        start = Point(sx + sw / 2, sy + sh)
        end = Point(tx + tw / 2, ty + th)
        depth = min(max(24.0, abs(start.x - end.x) * 0.18), 90.0)
        low = max(start.y, end.y) + depth
        low = min(low, cards_row_bottom - 4) if cards_row_bottom > max(start.y, end.y) + 12 else low
        segment = Cubic.through(start, Point(start.x, low), Point(end.x, low), end)
    elif ty >= sy + sh:  # same column, downwards
        start = Point(sx + sw / 2, sy + sh)
        end = Point(tx + tw / 2, ty)
        reach = (end.y - start.y) / 2
        segment = Cubic.through(start, Point(start.x, start.y + reach), Point(end.x, end.y - reach), end)
    else:  # same column, upwards (or another lane): around the right-hand side
        start = Point(sx + sw, sy + sh / 2)
        end = Point(tx + tw, ty + th / 2)
        out = min(style.cell_padding + 14, 30.0)
        segment = Cubic.through(start, Point(start.x + out, start.y), Point(end.x + out, end.y), end)
    label_block = label_rect = label_top = None
    if label and not label.isspace():
        middle = segment.at(0.5)
        if label_in_gap_before_target(kind, s_col, t_col) and len(column_edges) > t_col:
            # the middle of the gap between the cards of the column before the target's and the target
            middle = point_at_x(segment, (column_edges[t_col - 1] + style.cell_padding + style.card_width + tx) / 2)
        size = style.small_size
        lines, width = label_pill(label, size)
        line_height = style.line_height(size)
        height = line_height * len(lines) + 2
        label_rect = Rect(middle.x - width / 2, middle.y - height / 2, width, height)
        label_block = TextBlock(label_rect.x + 4, label_rect.y + LABEL_TOP, lines, size, False, "muted", line_height)
        label_top = label_rect.y
    return new_tuple(FlowPath, (flow_id, source.id, target.id, kind, lane, (segment,), label_block, label_rect,
                                label_top))


def label_in_gap_before_target(kind: str, s_col: int, t_col: int) -> bool:
    """Whether a flow's label sits where it crosses the gap before its target's column (a forward flow
    that skips columns), rather than on its middle."""
    return t_col > s_col + 1 and kind != "loop"


def point_at_x(segment: Cubic, x: float) -> Point:
    """The point of a segment that runs left to right (as a forward flow does) where it reaches `x`."""
    low, high = 0.0, 1.0
    for _ in range(48):  # (x grows with t along such a segment: halving the range finds t to 2^-48)
        t = (low + high) / 2
        if segment.at(t).x < x:
            low = t
        else:
            high = t
    return segment.at((low + high) / 2)


LABEL_ROOM = 2.0
"""Room on each side of a flow's label between the cards it runs between (see map_layout.column_edges)."""
LABEL_WIDTH = 60.0
"""A flow's label wraps at this width, onto at most LABEL_LINES lines (the last cut with "…" if need be)."""
LABEL_LINES = 2
LABEL_TOP = 1.0
"""From the top of a label's pill to the top of its text."""
LABEL_SPACING = 2.0
"""Room between two labels in one gap between columns."""


def label_pill(label: str, size: float) -> tuple[tuple[str, ...], float]:
    """A flow label's lines as shown and the width of the pill behind them."""
    lines = wrap(" ".join(label.split()), size, LABEL_WIDTH, LABEL_LINES)
    return lines, max(text_width(line, size) for line in lines) + 8


def spread_labels(flows: dict[str, FlowPath]) -> dict[str, FlowPath]:
    """Labels moved down just as far as keeps each clear of the labels above it in its lane (or,
    between lanes, in the map), taken from the top; labels in one gap between columns stack there.

    Worked out from where each label would sit alone (`FlowPath.label_top`), so the result
    depends only on the paths: an incremental layout gets what a fresh one gets. Flows whose
    label does not move are the same objects.
    """
    lanes: dict[str | None, list[tuple[float, str, FlowPath]]] = {}
    for flow_id, flow in flows.items():
        rect = flow.label_rect
        if rect is not None and flow.label is not None and flow.label_top is not None:
            lanes.setdefault(flow.lane, []).append((flow.label_top, flow_id, flow))
    moved: dict[str, FlowPath] | None = None
    for labels in lanes.values():
        labels.sort()
        placed: list[tuple[float, float, float, float]] = []  # (left, right, top, bottom) of labels above
        for natural_top, flow_id, flow in labels:
            rect = flow.label_rect
            left, right, height = rect.x, rect.x + rect.w, rect.h  # type: ignore[union-attr]
            top = natural_top
            clear = False
            while not clear:  # (labels only move down, so this ends)
                clear = True
                for other_left, other_right, other_top, other_bottom in placed:
                    if (other_left < right and left < other_right and other_top < top + height + LABEL_SPACING
                            and top < other_bottom + LABEL_SPACING):
                        top, clear = other_bottom + LABEL_SPACING, False
            placed.append((left, right, top, top + height))
            if top != rect.y:  # type: ignore[union-attr]
                block = flow.label
                if moved is None:
                    moved = dict(flows)
                moved[flow_id] = flow._replace(label_rect=rect._replace(y=top),  # type: ignore[union-attr]
                                               label=block._replace(y=top + LABEL_TOP))  # type: ignore[union-attr]
    return flows if moved is None else moved


SPREAD_LOW, SPREAD_HIGH = 0.3, 0.7
"""Flows of one card meet its edge between these shares of its height."""
SPREAD_SPAN = SPREAD_HIGH - SPREAD_LOW


def spread(count: int, index: int) -> float:
    """The share of a card's height where the index-th of `count` flows meets its edge."""
    if count <= 1:
        return 0.5
    return SPREAD_LOW + SPREAD_SPAN * index / (count - 1)
