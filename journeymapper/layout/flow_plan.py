"""Which way each flow goes around the cards, decided from the map alone (no geometry yet).

Cards stand in columns (stages) and stacks (a cell's cards); the free space between them is a set
of channels, as in orthogonal connector routers (libavoid, ELK, draw.io's orthogonal edges): the
vertical gap between two columns, and a band under each lane's cards. A flow uses them so that it
never crosses a card that is not its own:

- `next`: to the next column: an S-curve inside the gap between the two columns;
- `down`: to the card right below in the same cell: straight down the small gap between them;
- `around`: to another card of the same column: out of the source's right edge, along the gap to
  its right, into the target's right edge;
- `band`: everything else (columns skipped, or going back): out into the gap beside the source,
  down to a track of its own in the band under the target's lane, along it, up the gap beside the
  target, into the target;
- `self`: a card to itself: a small loop in the gap to its right.

Each `band` flow gets a track (a height in the band) that no other flow's run overlaps, and each
vertical run ("leg") a slot (an x in its gap) of its own, so no two flows share a run. The band is
as deep, and a gap as wide, as its tracks and slots need: room is made, not squeezed. Everything
here depends only on the map (cards' columns, lanes and order, flows), so an incremental layout
gets the very same plan as a fresh one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from ..model.schema import Map

NEXT, DOWN, AROUND, BAND, SELF = "next", "down", "around", "band", "self"


class Leg(NamedTuple):
    """A vertical run of a flow in the gap to the right of column `gap`, at slot `slot` from the left."""

    gap: int
    slot: int


class FlowRoute(NamedTuple):
    """How one flow goes (see the module's text). Legs and track only for the routes that use them."""

    how: str
    out_side: str
    """'R' or 'L': the edge of the source the flow leaves by ('B' for `down`)."""
    in_side: str
    """'R' or 'L': the edge of the target it enters by ('T' for `down`)."""
    out_leg: Leg | None = None
    in_leg: Leg | None = None
    track: int = -1
    """The band track (0 nearest the cards) in the target's lane, for `band`."""
    track_y: float = 0.0
    """How far below the top of the band that track runs."""


@dataclass
class FlowPlan:
    routes: dict[str, FlowRoute] = field(default_factory=dict)
    band: dict[str, float] = field(default_factory=dict)
    """Persona id -> how deep the band under its lane's cards must be for its tracks."""
    slots: dict[int, int] = field(default_factory=dict)
    """Gap index -> how many leg slots it needs (the most of any lane, plus the legs between lanes)."""


class _Card(NamedTuple):
    persona: str
    column: int
    position: int


TRACK_SPACING = 6.0
"""Between two runs in the band under a lane's cards."""


def plan_flows(the_map: Map, stage_index: dict[str, int],
               label_height: Callable[[str], float] = lambda label: 0.0) -> FlowPlan:
    """The plan for every flow whose two cards are on the map. A band flow's label sits on its run,
    under the cards: its track is then as much deeper as the label's pill (`label_height`) is tall."""
    cards: dict[str, _Card] = {}
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for t in the_map.touchpoints:
        column = stage_index.get(t.stage)
        if column is None:
            continue
        cell = (t.persona, t.stage)
        cards[t.id] = _Card(t.persona, column, counts[cell])
        counts[cell] += 1
    ends: list[tuple[int, str, _Card, _Card, str]] = []  # (order, flow id, source, target, how)
    band: dict[str, list[tuple[int, int, int, str]]] = defaultdict(list)  # lane -> (start, end, order, id)
    for order, f in enumerate(the_map.flows):
        source, target = cards.get(f.source), cards.get(f.target)
        if source is None or target is None:
            continue  # a card that is not laid out: its flows wait for it
        s, t = source.column, target.column
        if f.source == f.target:
            how = SELF
        elif t == s + 1:
            how = NEXT
        elif (t == s and source.persona == target.persona and target.position == source.position + 1
              and not f.label.strip()):  # (a label needs the room of a gap: it goes around)
            how = DOWN
        elif t == s:
            how = AROUND
        else:
            how = BAND
            band[target.persona].append((*_gaps_run(s, t), order, f.id))
        ends.append((order, f.id, source, target, how))
    track, depth, band_depth = _assign_tracks(band, {f.id: label_height(f.label) for f in the_map.flows
                                                       if f.label.strip() and f.id in _band_ids(band)})
    slot, slots = _assign_slots(ends, track)
    routes: dict[str, FlowRoute] = {}
    for _, flow_id, source, target, how in ends:
        if how == BAND:
            s, t = source.column, target.column
            out_gap, in_gap = (s, t - 1) if t > s else (s - 1, t)
            routes[flow_id] = FlowRoute(BAND, *(("R", "L") if t > s else ("L", "R")),
                                        Leg(out_gap, slot[(flow_id, "out")]), Leg(in_gap, slot[(flow_id, "in")]),
                                        track[flow_id], depth[flow_id])
        elif how == AROUND:
            routes[flow_id] = FlowRoute(AROUND, "R", "R", Leg(source.column, slot[(flow_id, "out")]))
        else:
            routes[flow_id] = _SIMPLE[how]
    return FlowPlan(routes, band_depth, slots)


def _band_ids(band: dict[str, list[tuple[int, int, int, str]]]) -> set[str]:
    return {entry[3] for entries in band.values() for entry in entries}


_SIMPLE = {NEXT: FlowRoute(NEXT, "R", "L"), DOWN: FlowRoute(DOWN, "B", "T"), SELF: FlowRoute(SELF, "R", "R")}


def _gaps_run(s: int, t: int) -> tuple[int, int]:
    """The gaps a band flow's run spans, first and last: from beside its source to beside its target."""
    return (s, t - 1) if t > s else (t, s - 1)


def _assign_tracks(band: dict[str, list[tuple[int, int, int, str]]], labels: dict[str, float],
                   ) -> tuple[dict[str, int], dict[str, float], dict[str, float]]:
    """Each band flow's track and its depth in the band, and each lane's band depth. Shorter runs
    nearer the cards (so runs nest rather than cross); a track holds runs that share no gap; a track
    with a label on it is as tall as the label."""
    track: dict[str, int] = {}
    depth: dict[str, float] = {}
    band_depth: dict[str, float] = {}
    for persona, entries in band.items():
        entries.sort(key=lambda entry: (entry[1] - entry[0], entry[0], entry[2]))
        held: list[int] = []  # per track, the gaps its runs hold, as bits
        for start, end, _, flow_id in entries:
            run = ((1 << (end + 1)) - 1) ^ ((1 << start) - 1)
            for k, taken in enumerate(held):
                if not taken & run:
                    held[k] = taken | run
                    track[flow_id] = k
                    break
            else:
                held.append(run)
                track[flow_id] = len(held) - 1
        heights = [TRACK_SPACING] * len(held)
        for _, _, _, flow_id in entries:
            if flow_id in labels:
                heights[track[flow_id]] = max(heights[track[flow_id]], labels[flow_id])
        tops = [0.0]
        for height in heights:
            tops.append(tops[-1] + height)
        for _, _, _, flow_id in entries:
            depth[flow_id] = tops[track[flow_id]] + heights[track[flow_id]] / 2
        band_depth[persona] = tops[-1]
    return track, depth, band_depth


def _assign_slots(ends: list[tuple[int, str, _Card, _Card, str]],
                  track: dict[str, int]) -> tuple[dict[tuple[str, str], int], dict[int, int]]:
    """Each leg's slot in its gap, and each gap's number of slots. In a lane's gap, from the left:
    the legs of `around` flows (shortest nearest the cards), then legs whose run goes right
    (deepest track first), then those whose run goes left (shallowest first), so that runs cross
    few legs. Legs between lanes take slots after every lane's own."""
    lane_legs: dict[tuple[str, int], list[tuple[tuple[int, int, int], str, str]]] = defaultdict(list)
    cross_legs: dict[int, list[tuple[tuple[int, int, int], str, str]]] = defaultdict(list)
    for order, flow_id, source, target, how in ends:
        same_lane = source.persona == target.persona
        if how == AROUND:
            key = (0, abs(target.position - source.position), order)
            (lane_legs[(source.persona, source.column)] if same_lane else cross_legs[source.column]).append(
                (key, flow_id, "out"))
        elif how == BAND:
            s, t, k = source.column, target.column, track[flow_id]
            forward = t > s
            out_gap, in_gap = (s, t - 1) if forward else (s - 1, t)
            out_key = (1, -k, order) if forward else (2, k, order)  # a forward run leaves its leg to the right
            in_key = (2, k, order) if forward else (1, -k, order)
            (lane_legs[(source.persona, out_gap)] if same_lane else cross_legs[out_gap]).append(
                (out_key, flow_id, "out"))
            lane_legs[(target.persona, in_gap)].append((in_key, flow_id, "in"))
    slot: dict[tuple[str, str], int] = {}
    slots: dict[int, int] = defaultdict(int)
    for (_, gap), legs in lane_legs.items():
        legs.sort()
        for k, (_, flow_id, end) in enumerate(legs):
            slot[(flow_id, end)] = k
        slots[gap] = max(slots[gap], len(legs))
    for gap, legs in cross_legs.items():
        legs.sort()
        for k, (_, flow_id, end) in enumerate(legs):
            slot[(flow_id, end)] = slots[gap] + k
        slots[gap] += len(legs)
    return slot, dict(slots)
