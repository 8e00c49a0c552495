"""Where a flow's label sits: on its own flow, in a gap, wrapped to the room there, and clear of
every other label on the map.

A label first sits where its flow's route puts it (`flows.route`); `spread_labels` then moves
labels in gaps down just far enough to clear the labels above them. Labels on runs under a lane's
cards stay put: the band made room for each on a track of its own.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from .elements import FlowPath
from .glyphs import flow_head_numbers
from .text import text_width, wrap

LABEL_ROOM = 2.0
"""Room on each side of a flow's label between the cards it runs between (see map_layout.column_edges)."""
LABEL_WIDTH = 60.0
"""A flow's label wraps at this width, onto at most LABEL_LINES lines (the last cut with "…" if need be)."""
LABEL_LINES = 2
BAND_LABEL_WIDTH = 150.0
"""A label on a run under the cards has the room of the run: it wraps at this width."""
LABEL_TOP = 1.0
"""From the top of a label's pill to the top of its text."""
LABEL_SPACING = 2.0
"""Room between two labels."""
CELL = 64.0
"""Size of the cells of the map that index what labels keep clear of."""


def label_pill(label: str, size: float, width: float = 0.0) -> tuple[tuple[str, ...], float]:
    """A flow label's lines as shown and the width of the pill behind them (lines of at most
    `width`, LABEL_WIDTH unless given)."""
    lines = wrap(" ".join(label.split()), size, width or LABEL_WIDTH, LABEL_LINES)
    return lines, max(text_width(line, size) for line in lines) + 8


def label_cut(label: str, shown: tuple[str, ...]) -> bool:
    """Whether the lines shown leave out some of what the user typed (the full text then goes in a
    tooltip on screen and in the PDF)."""
    return "".join("".join(shown).split()) != "".join(label.split())  # (lines of CJK break between letters)


Box = tuple[float, float, float, float]
"""(left, right, top, bottom) on the map."""


def _cells(left: float, right: float, top: float, bottom: float) -> list[tuple[int, int]]:
    return [(x, y) for x in range(int(left // CELL), int(right // CELL) + 1)
            for y in range(int(top // CELL), int(bottom // CELL) + 1)]


def heads_near_labels(flows: dict[str, FlowPath], lane_top: Mapping[str, float], arrow_size: float) -> list[Box]:
    """The arrowheads a label could cover: those in the strips of the map that hold labels."""
    strips: set[int] = set()
    for flow in flows.values():
        rect = flow.label_rect
        if rect is not None:
            strips.update(range(int(rect.x // CELL), int((rect.x + rect.w) // CELL) + 1))
    heads: list[Box] = []
    if not strips:
        return heads
    for flow in flows.values():
        if not flow.path:
            continue
        last = flow.path[-1]
        if int(last.x3 // CELL) not in strips and int((last.x3 - arrow_size) // CELL) not in strips \
                and int((last.x3 + arrow_size) // CELL) not in strips:
            continue
        offset = 0.0 if flow.lane is None else lane_top.get(flow.lane, 0.0)
        tx, ty, ax, ay, bx, by = flow_head_numbers(last, arrow_size)
        heads.append((min(tx, ax, bx), max(tx, ax, bx), min(ty, ay, by) + offset, max(ty, ay, by) + offset))
    return heads


def spread_labels(flows: dict[str, FlowPath], lane_top: Mapping[str, float],
                  fixed: Collection[str] = (), obstacles: Collection[Box] = ()) -> dict[str, FlowPath]:
    """Labels moved down just as far as keeps each clear of every label above it on the map (in a
    lane or between lanes) and of the `obstacles` (arrowheads: `heads_near_labels`), taken from the
    top. `lane_top`: each lane's top on the map (labels of flows in a lane are in its coordinates);
    `fixed`: flows whose labels do not move (they are on a track of their own), which the others
    keep clear of.

    Worked out from where each label would sit alone (`FlowPath.label_top`), so the result
    depends only on the paths and the lanes' places: an incremental layout gets what a fresh one
    gets. Flows whose label does not move are the same objects.
    """
    labels: list[tuple[int, float, str, float]] = []  # (moves, top on the map, flow id, lane top)
    for flow_id, flow in flows.items():
        if flow.label_rect is not None and flow.label is not None and flow.label_top is not None:
            offset = 0.0 if flow.lane is None else lane_top.get(flow.lane, 0.0)
            labels.append((0 if flow_id in fixed else 1, flow.label_top + offset, flow_id, offset))
    labels.sort()
    grid: dict[tuple[int, int], list[Box]] = {}  # what labels keep clear of, by cell of the map
    for box in obstacles:
        for key in _cells(*box):
            grid.setdefault(key, []).append(box)
    moved: dict[str, FlowPath] | None = None
    for moves, natural_top, flow_id, offset in labels:
        flow = flows[flow_id]
        rect = flow.label_rect
        left, right, height = rect.x, rect.x + rect.w, rect.h  # type: ignore[union-attr]
        top = natural_top
        clear = not moves
        while not clear:  # (labels only move down, so this ends)
            clear = True
            for key in _cells(left, right, top - LABEL_SPACING, top + height + LABEL_SPACING):
                for other_left, other_right, other_top, other_bottom in grid.get(key, ()):
                    if (other_left < right and left < other_right and other_top < top + height + LABEL_SPACING
                            and top < other_bottom + LABEL_SPACING):
                        top, clear = other_bottom + LABEL_SPACING, False
        placed = (left, right, top, top + height)
        for key in _cells(*placed):
            grid.setdefault(key, []).append(placed)
        y = top - offset
        if y != rect.y:  # type: ignore[union-attr]
            block = flow.label
            if moved is None:
                moved = dict(flows)
            moved[flow_id] = flow._replace(label_rect=rect._replace(y=y),  # type: ignore[union-attr]
                                           label=block._replace(y=y + LABEL_TOP))  # type: ignore[union-attr]
    return flows if moved is None else moved
