"""Where a flow's label sits: on its own flow, in a gap, wrapped to the room there, and clear of
every other label on the map.

A label first sits where its flow's route puts it (`flows.route`); `spread_labels` then moves
labels in gaps down just far enough to clear the labels above them. Labels on runs under a lane's
cards stay put: the band made room for each on a track of its own.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from .elements import FlowPath
from .glyphs import flow_head_numbers
from .text import shows_whole, text_width, wrap

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


@lru_cache(maxsize=65_536)
def label_pill(label: str, size: float, width: float = 0.0) -> tuple[tuple[str, ...], float]:
    """A flow label's lines as shown and the width of the pill behind them (lines of at most
    `width`, LABEL_WIDTH unless given)."""
    lines = wrap(" ".join(label.split()), size, width or LABEL_WIDTH, LABEL_LINES)
    return lines, max(text_width(line, size) for line in lines) + 8


@lru_cache(maxsize=65_536)
def label_cut(label: str, shown: tuple[str, ...]) -> bool:
    """Whether the lines shown leave out some of what the user typed (the full text then goes in a
    tooltip on screen and in the PDF)."""
    return not shows_whole(label, shown)


Box = tuple[float, float, float, float]
"""(left, right, top, bottom) on the map."""


@dataclass
class LabelMemo:
    """What the last spreading was made from and found, kept from layout to layout so that after
    an edit only the labels near what it changed are worked out again (the answer is the same)."""

    seen: dict[str, tuple[FlowPath, float, tuple[tuple[float, float], ...]]] = field(default_factory=dict)
    """Flow id -> its path, its lane's top, and the x ranges its label and arrowhead take."""
    heads: dict[str, tuple[FlowPath, Box]] = field(default_factory=dict)
    """Flow id -> its path and its arrowhead's box in the path's coordinates (a lane that only
    moved keeps its flows' heads)."""
    tops: dict[str, float] = field(default_factory=dict)
    """Flow id -> where its label ended up (top, on the map)."""


def _head_box(flow_id: str, flow: FlowPath, offset: float, arrow_size: float, memo: LabelMemo) -> Box:
    known = memo.heads.get(flow_id)
    if known is not None and known[0] is flow:
        left, right, top, bottom = known[1]
    else:
        tx, ty, ax, ay, bx, by = flow_head_numbers(flow.path[-1], arrow_size)
        left, right, top, bottom = min(tx, ax, bx), max(tx, ax, bx), min(ty, ay, by), max(ty, ay, by)
        memo.heads[flow_id] = (flow, (left, right, top, bottom))
    return left, right, top + offset, bottom + offset


def _ranges(flow: FlowPath, arrow_size: float) -> tuple[tuple[float, float], ...]:
    """The x ranges a flow's label and arrowhead take (what it can change in the spreading)."""
    ranges = []
    if flow.path:
        x = flow.path[-1].x3
        ranges.append((x - arrow_size, x + arrow_size))
    rect = flow.label_rect
    if rect is not None:
        ranges.append((rect.x, rect.x + rect.w))
    return tuple(ranges)


def _touches(spans: list[tuple[float, float]], starts: list[float], left: float, right: float) -> bool:
    """Whether [left, right] meets one of the sorted, merged `spans` (`starts`: their lefts)."""
    index = bisect_right(starts, right) - 1
    return index >= 0 and spans[index][1] >= left


def spread_labels(flows: dict[str, FlowPath], lane_top: Mapping[str, float], fixed: Collection[str] = (),
                  arrow_size: float = 6.0, memo: LabelMemo | None = None) -> dict[str, FlowPath]:
    """Labels moved down just as far as keeps each clear of every label above it on the map (in a
    lane or between lanes) and of every arrowhead, taken from the top. `lane_top`: each lane's top
    on the map (labels of flows in a lane are in its coordinates); `fixed`: flows whose labels do
    not move (they are on a track of their own), which the others keep clear of.

    Worked out from where each label would sit alone (`FlowPath.label_top`), so the result
    depends only on the paths and the lanes' places: an incremental layout gets what a fresh one
    gets. Flows whose label does not move are the same objects.

    Labels that share no x with each other never meet, so they are spread in groups (in practice
    one gap between columns each), each a sweep from the top. With a `memo` of the last spreading,
    only the groups near a flow whose path (or lane) changed are worked out again.
    """
    memo = memo if memo is not None else LabelMemo()
    seen, old_seen = {}, memo.seen
    dirty: list[tuple[float, float]] = []
    movable: list[tuple[float, float, float, str, float, float]] = []  # (left, right, top, id, height, lane top)
    walls: list[Box] = []
    for flow_id, flow in flows.items():
        offset = 0.0 if flow.lane is None else lane_top.get(flow.lane, 0.0)
        before = old_seen.get(flow_id)
        if before is not None and before[0] is flow and before[1] == offset:
            seen[flow_id] = before
        else:
            ranges = _ranges(flow, arrow_size)
            seen[flow_id] = (flow, offset, ranges)
            dirty.extend(ranges)
            if before is not None:
                dirty.extend(before[2])
        rect = flow.label_rect
        if rect is None or flow.label is None or flow.label_top is None:
            continue
        top = flow.label_top + offset
        if flow_id in fixed:
            walls.append((rect.x, rect.x + rect.w, top, top + rect.h))
        else:
            movable.append((rect.x, rect.x + rect.w, top, flow_id, rect.h, offset))
    for flow_id, before in old_seen.items():
        if flow_id not in seen:
            dirty.extend(before[2])  # (a flow that is gone)
            memo.heads.pop(flow_id, None)
    memo.seen = seen
    if not movable:
        memo.tops = {}
        return flows
    spans = _merged(dirty)
    starts = [left for left, _ in spans]
    movable.sort()
    groups: list[tuple[float, float, list]] = []  # (left, right, members) with no x in common
    for label in movable:
        if groups and label[0] < groups[-1][1]:
            left, right, members = groups[-1]
            members.append(label)
            groups[-1] = (left, max(right, label[1]), members)
        else:
            groups.append((label[0], label[1], [label]))
    # Walls (labels that stay, arrowheads) of the groups worked out again.
    redo = [bool(spans) and _touches(spans, starts, left, right) or any(m[3] not in memo.tops for m in members)
            for left, right, members in groups]
    redo_spans = _merged([(left, right) for (left, right, _), again in zip(groups, redo) if again])
    redo_starts = [left for left, _ in redo_spans]
    near: dict[int, list[Box]] = {}
    if redo_spans:
        rights = [right for _, right, _ in groups]
        candidates = walls + [_head_box(flow_id, flow, seen[flow_id][1], arrow_size, memo)
                              for flow_id, flow in flows.items()
                              if flow.path and _touches(redo_spans, redo_starts, flow.path[-1].x3 - arrow_size,
                                                        flow.path[-1].x3 + arrow_size)]
        for wall in candidates:
            index = bisect_right(rights, wall[0])
            while index < len(groups) and groups[index][0] < wall[1]:
                if redo[index]:
                    near.setdefault(index, []).append(wall)
                index += 1
    tops: dict[str, float] = {}
    moved: dict[str, FlowPath] | None = None
    for index, (_, _, members) in enumerate(groups):
        members.sort(key=lambda label: (label[2], label[3]))
        if redo[index]:
            found = _sweep(members, sorted(near.get(index, ()), key=lambda box: box[2]))
        else:
            found = [memo.tops[member[3]] for member in members]
        for (_, _, _, flow_id, _, offset), top in zip(members, found):
            tops[flow_id] = top
            flow = flows[flow_id]
            rect = flow.label_rect
            y = top - offset
            if y != rect.y:  # type: ignore[union-attr]
                if moved is None:
                    moved = dict(flows)
                moved[flow_id] = flow._replace(label_rect=rect._replace(y=y),  # type: ignore[union-attr]
                                               label=flow.label._replace(y=y + LABEL_TOP))  # type: ignore[union-attr]
    memo.tops = tops
    return flows if moved is None else moved


def _merged(ranges: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Overlapping x ranges joined, sorted by their left."""
    merged: list[tuple[float, float]] = []
    for left, right in sorted(ranges):
        if merged and left <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], right))
        else:
            merged.append((left, right))
    return merged


def _sweep(members: list, walls: list[Box]) -> list[float]:
    """Where each label of a group ends up (its members sorted by where they would sit alone, the
    walls by their top): each moved down past whatever it would touch above or at it."""
    tops: list[float] = []
    active: list[Box] = []
    next_wall = 0
    for left, right, natural, _, height, _ in members:
        # Nothing that ends above this label's natural place can touch it or any later one.
        active = [box for box in active if box[3] + LABEL_SPACING > natural]
        top = natural
        clear = False
        while not clear:  # (labels only move down, so this ends)
            while next_wall < len(walls) and walls[next_wall][2] < top + height + LABEL_SPACING:
                active.append(walls[next_wall])
                next_wall += 1
            clear = True
            for other_left, other_right, other_top, other_bottom in active:
                if (other_left < right and left < other_right and other_top < top + height + LABEL_SPACING
                        and top < other_bottom + LABEL_SPACING):
                    top, clear = other_bottom + LABEL_SPACING, False
        active.append((left, right, top, top + height))
        tops.append(top)
    return tops
