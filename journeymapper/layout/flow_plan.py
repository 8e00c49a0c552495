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
as deep, and a gap as wide, as its tracks and slots need: room is made, not squeezed.

The plan depends only on the map (cards' lanes, columns and places in their cells; the flows), so
an incremental layout gets the very same plan as a fresh one. After an edit that kept the flows,
only what the moved cards touch is planned again: their flows, the tracks of the lanes those run
in, the slots of the gaps their legs stand in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from ..model.schema import Flow, Map

NEXT, DOWN, AROUND, BAND, SELF = "next", "down", "around", "band", "self"
TRACK_SPACING = 6.0
"""Between two runs in the band under a lane's cards."""


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


_SIMPLE = {NEXT: FlowRoute(NEXT, "R", "L"), DOWN: FlowRoute(DOWN, "B", "T"), SELF: FlowRoute(SELF, "R", "R")}


class _Card(NamedTuple):
    persona: str
    column: int
    position: int


class _Ends(NamedTuple):
    """A planned flow's cards and its way, before tracks and slots."""

    order: int
    source: _Card
    target: _Card
    how: str


Group = tuple[str, int]
"""The legs that must not share a slot: one lane's in one gap, or ("", gap) for legs between lanes."""
LegKey = tuple[str, str]
"""(flow id, 'out' or 'in')."""


@dataclass
class FlowPlan:
    routes: dict[str, FlowRoute] = field(default_factory=dict)
    band: dict[str, float] = field(default_factory=dict)
    """Persona id -> how deep the band under its lane's cards must be for its tracks."""
    slots: dict[int, int] = field(default_factory=dict)
    """Gap index -> how many leg slots it needs (the most of any lane, plus the legs between lanes)."""
    changed: frozenset[str] | None = None
    """The flows whose route is not the previous plan's very object (None: a plan made afresh)."""
    # What the next plan starts from:
    flows: tuple[Flow, ...] = ()
    cards: dict[str, _Card] = field(default_factory=dict)
    touching: dict[str, list[str]] = field(default_factory=dict)
    ends: dict[str, _Ends] = field(default_factory=dict)
    lanes: dict[str, dict[str, tuple[int, int, int]]] = field(default_factory=dict)
    """Band lane -> flow id -> (first gap, last gap, order) of its run."""
    tracks: dict[str, tuple[int, float]] = field(default_factory=dict)
    """Flow id -> (track, depth in the band)."""
    groups: dict[Group, dict[LegKey, tuple[int, int, int]]] = field(default_factory=dict)
    slot: dict[LegKey, int] = field(default_factory=dict)
    label_height: Callable[[str], float] | None = None
    lane_max: dict[int, int] = field(default_factory=dict)
    """Gap -> the most legs any one lane has in it (legs between lanes take the slots after)."""
    by_id: dict[str, Flow] = field(default_factory=dict)
    loop_gaps: frozenset[int] = frozenset()
    """The gaps beside columns with loops to their own cards (runs there start right of the loops)."""


def plan_flows(the_map: Map, stage_index: dict[str, int],
               label_height: Callable[[str], float] = lambda label: 0.0,
               previous: FlowPlan | None = None) -> FlowPlan:
    """The plan for every flow whose two cards are on the map. A band flow's label sits on its run,
    under the cards: its track is then as much deeper as the label's pill (`label_height`) is tall.
    With the `previous` plan, only what changed is planned again (same result)."""
    cards: dict[str, _Card] = {}
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for t in the_map.touchpoints:
        column = stage_index.get(t.stage)
        if column is None:
            continue
        cell = (t.persona, t.stage)
        position = counts[cell]
        cards[t.id] = _Card(t.persona, column, position)
        counts[cell] = position + 1
    flows = tuple(the_map.flows)
    if (previous is None or previous.label_height is not label_height or len(previous.flows) != len(flows)
            or not all(a is b for a, b in zip(previous.flows, flows)) or previous.cards.keys() != cards.keys()):
        return _Planner(FlowPlan(flows=flows, cards=cards, label_height=label_height)).full(the_map.flows)
    old = previous.cards
    moved = [card_id for card_id, card in cards.items() if old[card_id] != card]
    return _Planner(previous, cards).update(moved)


class _Planner:
    """Makes a plan: afresh, or from the previous one by planning again what moved cards touch.
    The previous plan is never changed: what changes is copied first."""

    def __init__(self, base: FlowPlan, cards: dict[str, _Card] | None = None) -> None:
        self.base = base
        self.cards = base.cards if cards is None else cards
        self.routes = dict(base.routes)
        self.ends = dict(base.ends)
        self.lanes = dict(base.lanes)  # each lane's members copied when first changed (`lane`)
        self.copied: set = set()
        self.tracks = dict(base.tracks)
        self.band = dict(base.band)
        self.groups = dict(base.groups)
        self.slot = dict(base.slot)
        self.dirty_lanes: set[str] = set()
        self.dirty_groups: set[Group] = set()
        self.dirty_flows: set[str] = set()
        self.lane_max: dict[int, int] = dict(base.lane_max)
        self.slots: dict[int, int] = dict(base.slots)

    # -- entry points -------------------------------------------------------------
    def full(self, flows: Iterable[Flow]) -> FlowPlan:
        """Every flow planned (written out: a big map has thousands)."""
        cards = self.cards
        touching: dict[str, list[str]] = defaultdict(list)
        lanes: dict[str, dict[str, tuple[int, int, int]]] = defaultdict(dict)
        ends: dict[str, _Ends] = {}
        by_id: dict[str, Flow] = {}
        routes = self.routes
        routed: list[str] = []  # flows around a column or through a band: routed once slots are known
        for order, f in enumerate(flows):
            flow_id, source_id, target_id = f.id, f.source, f.target
            by_id[flow_id] = f
            touching[source_id].append(flow_id)
            if target_id != source_id:
                touching[target_id].append(flow_id)
            source, target = cards.get(source_id), cards.get(target_id)
            if source is None or target is None:
                continue  # a card that is not laid out: its flows wait for it
            how = NEXT if target.column == source.column + 1 and source_id != target_id else _how(f, source, target)
            ends[flow_id] = _Ends(order, source, target, how)
            if how == BAND:
                lanes[target.persona][flow_id] = (*_gaps_run(source.column, target.column), order)
                routed.append(flow_id)
            elif how == AROUND:
                routed.append(flow_id)
            else:
                routes[flow_id] = _SIMPLE[how]
        base = self.base
        base.touching, base.by_id = dict(touching), by_id
        self.ends, self.lanes, self.copied = ends, dict(lanes), set(lanes)
        for persona in lanes:
            self.assign_tracks(persona)
        groups: dict[Group, dict[LegKey, tuple[int, int, int]]] = defaultdict(dict)
        for flow_id in routed:
            for group, leg, key in self.leg_entries(flow_id):
                groups[group][leg] = key
        self.groups = dict(groups)
        self.dirty_groups = set(groups)
        self.dirty_flows = set(routed)
        self.slots_and_routes()
        return self.result(None)

    def update(self, moved: list[str]) -> FlowPlan:
        base = self.base
        for order, f in self._flows_touching(moved):
            self.classify(f, order)
        self.finish()
        changed = frozenset(flow_id for flow_id, route in self.routes.items() if base.routes.get(flow_id) is not route)
        return self.result(changed | frozenset(flow_id for flow_id in base.routes if flow_id not in self.routes))

    def _flows_touching(self, moved: list[str]) -> list[tuple[int, Flow]]:
        base = self.base
        wanted = {flow_id for card_id in moved for flow_id in base.touching.get(card_id, ())}
        if not wanted:
            return []
        return [(order, f) for order, f in enumerate(base.flows) if f.id in wanted]

    # -- planning -----------------------------------------------------------------
    def classify(self, f: Flow, order: int) -> None:
        """A flow's way, and the band it runs in (if any); marks what that changes."""
        flow_id = f.id
        source, target = self.cards.get(f.source), self.cards.get(f.target)
        old = self.ends.get(flow_id)
        if source is None or target is None:
            new = None  # a card that is not laid out: its flows wait for it
        else:
            new = _Ends(order, source, target, _how(f, source, target))
        if new == old:
            return
        self.dirty_flows.add(flow_id)
        if old is not None:
            self.drop_legs(flow_id)
            if old.how == BAND:
                self.lane(old.target.persona).pop(flow_id, None)
                self.dirty_lanes.add(old.target.persona)
        if new is None:
            self.ends.pop(flow_id, None)
            self.routes.pop(flow_id, None)
            self.tracks.pop(flow_id, None)
            return
        self.ends[flow_id] = new
        if new.how == BAND:
            self.lane(new.target.persona)[flow_id] = (*_gaps_run(new.source.column, new.target.column), order)
            self.dirty_lanes.add(new.target.persona)
        else:
            self.tracks.pop(flow_id, None)
            self.add_legs(flow_id)

    def lane(self, persona: str) -> dict[str, tuple[int, int, int]]:
        if persona not in self.copied:
            self.lanes[persona] = dict(self.lanes.get(persona, {}))
            self.copied.add(persona)
        return self.lanes[persona]

    def finish(self) -> None:
        """Tracks of the lanes that changed, then legs of the flows whose way or track changed,
        then slots of the gaps whose legs changed, then the routes of whatever moved."""
        for persona in self.dirty_lanes:
            self.assign_tracks(persona)
        for flow_id in list(self.dirty_flows):
            ends = self.ends.get(flow_id)
            if ends is not None and ends.how == BAND:
                self.drop_legs(flow_id)
                self.add_legs(flow_id)
        self.slots_and_routes()

    def slots_and_routes(self) -> None:
        for group in self.dirty_groups:
            self.assign_slots(group)
        lane_max: dict[int, int] = defaultdict(int)
        cross: dict[int, int] = defaultdict(int)
        for (lane, gap), legs in self.groups.items():
            if lane:
                lane_max[gap] = max(lane_max[gap], len(legs))
            else:
                cross[gap] = len(legs)
        self.lane_max = dict(lane_max)
        self.slots = {gap: lane_max.get(gap, 0) + cross.get(gap, 0) for gap in lane_max.keys() | cross.keys()}
        old_max = self.base.lane_max
        for gap in cross:  # legs between lanes stand after the lanes' own: they move when those grow
            if old_max.get(gap, 0) != lane_max.get(gap, 0):
                self.dirty_flows.update(flow_id for flow_id, _ in self.groups[("", gap)])
        for flow_id in self.dirty_flows:
            self.make_route(flow_id)

    def assign_tracks(self, persona: str) -> None:
        """A lane's band: shorter runs nearer the cards (so runs nest rather than cross); a track
        holds runs that share no gap (bits over the gaps); a track with a label is as tall as it."""
        members = self.lanes.get(persona, {})
        if not members:
            self.band.pop(persona, None)
            return
        entries = sorted(((end - start, start, order, flow_id) for flow_id, (start, end, order) in members.items()))
        held: list[int] = []
        track: dict[str, int] = {}
        for length, start, _, flow_id in entries:
            run = ((1 << (start + length + 1)) - 1) ^ ((1 << start) - 1)
            for k, taken in enumerate(held):
                if not taken & run:
                    held[k] = taken | run
                    track[flow_id] = k
                    break
            else:
                held.append(run)
                track[flow_id] = len(held) - 1
        heights = [TRACK_SPACING] * len(held)
        label_height = self.base.label_height
        for flow_id, k in track.items():
            label = self.label_of(flow_id)
            if label and label_height is not None:
                heights[k] = max(heights[k], label_height(label))
        tops = [0.0]
        for height in heights:
            tops.append(tops[-1] + height)
        for flow_id, k in track.items():
            placed = (k, tops[k] + heights[k] / 2)
            if self.tracks.get(flow_id) != placed:
                self.tracks[flow_id] = placed
                self.dirty_flows.add(flow_id)
        self.band[persona] = tops[-1]

    def label_of(self, flow_id: str) -> str:
        label = self.base.by_id[flow_id].label
        return label if label.strip() else ""

    def leg_entries(self, flow_id: str) -> list[tuple[Group, LegKey, tuple[int, int, int]]]:
        """A flow's legs: their group and their sort key in it. In a lane's gap, from the left: the
        legs of `around` flows (shortest nearest the cards), then legs whose run goes right (deepest
        track first), then those whose run goes left (shallowest first), so that runs cross few legs."""
        ends = self.ends[flow_id]
        source, target, order = ends.source, ends.target, ends.order
        same_lane = source.persona == target.persona
        if ends.how == AROUND:
            key = (0, abs(target.position - source.position), order)
            return [((source.persona if same_lane else "", source.column), (flow_id, "out"), key)]
        if ends.how != BAND:
            return []
        s, t, k = source.column, target.column, self.tracks[flow_id][0]
        forward = t > s
        out_gap, in_gap = _leg_gaps(s, t)
        out_key = (1, -k, order) if forward else (2, k, order)  # a forward run leaves its leg to the right
        in_key = (2, k, order) if forward else (1, -k, order)
        return [((source.persona if same_lane else "", out_gap), (flow_id, "out"), out_key),
                ((target.persona, in_gap), (flow_id, "in"), in_key)]

    def group(self, group: Group) -> dict[LegKey, tuple[int, int, int]]:
        """A group's legs, to change (copied from the previous plan the first time)."""
        if group not in self.dirty_groups:
            self.groups[group] = dict(self.groups.get(group, {}))
            self.dirty_groups.add(group)
        return self.groups[group]

    def add_legs(self, flow_id: str) -> None:
        for group, leg, key in self.leg_entries(flow_id):
            self.group(group)[leg] = key

    def drop_legs(self, flow_id: str) -> None:
        old = self.ends.get(flow_id)
        if old is None:
            return
        for end in ("out", "in"):
            leg = (flow_id, end)
            for group in self._groups_of(old, end):
                legs = self.groups.get(group)
                if legs is not None and leg in legs:
                    del self.group(group)[leg]
            self.slot.pop(leg, None)

    @staticmethod
    def _groups_of(ends: _Ends, end: str) -> list[Group]:
        source, target = ends.source, ends.target
        if ends.how == AROUND:  # one leg, beside its column
            return [(source.persona, source.column), ("", source.column)] if end == "out" else []
        out_gap, in_gap = _leg_gaps(source.column, target.column)
        if end == "out":
            return [(source.persona, out_gap), ("", out_gap)]
        return [(target.persona, in_gap)]

    def assign_slots(self, group: Group) -> None:
        legs = self.groups.get(group)
        if not legs:
            self.groups.pop(group, None)
            return
        for k, (_, leg) in enumerate(sorted((key, leg) for leg, key in legs.items())):
            if self.slot.get(leg) != k:
                self.slot[leg] = k
                self.dirty_flows.add(leg[0])

    def make_route(self, flow_id: str) -> None:
        ends = self.ends.get(flow_id)
        if ends is None:
            return
        how, source, target = ends.how, ends.source, ends.target
        if how == BAND:
            s, t = source.column, target.column
            out_gap, in_gap = _leg_gaps(s, t)
            track, depth = self.tracks[flow_id]
            route = FlowRoute(BAND, *(("R", "L") if t > s else ("L", "R")),
                              Leg(out_gap, self.slot_of(flow_id, "out", out_gap, source.persona == target.persona)),
                              Leg(in_gap, self.slot[(flow_id, "in")]), track, depth)
        elif how == AROUND:
            route = FlowRoute(AROUND, "R", "R", Leg(source.column, self.slot_of(
                flow_id, "out", source.column, source.persona == target.persona)))
        else:
            route = _SIMPLE[how]
        if self.routes.get(flow_id) != route:
            self.routes[flow_id] = route

    def slot_of(self, flow_id: str, end: str, gap: int, same_lane: bool) -> int:
        """A leg's slot in its gap; legs between lanes come after every lane's own."""
        slot = self.slot[(flow_id, end)]
        return slot if same_lane else self.lane_max.get(gap, 0) + slot

    def result(self, changed: frozenset[str] | None) -> FlowPlan:
        base = self.base
        touching = base.touching
        loop_gaps = frozenset(ends.source.column for ends in self.ends.values() if ends.how == SELF)
        return FlowPlan(self.routes, self.band, self.slots, changed, base.flows, self.cards, touching, self.ends,
                        self.lanes, self.tracks, self.groups, self.slot, base.label_height, self.lane_max, base.by_id,
                        loop_gaps)


def _how(f: Flow, source: _Card, target: _Card) -> str:
    """Which way a flow goes, by where its two cards stand."""
    if f.source == f.target:
        return SELF
    s, t = source.column, target.column
    if t == s + 1:
        return NEXT
    if t == s:
        if (source.persona == target.persona and target.position == source.position + 1
                and not f.label.strip()):  # (a label needs the room of a gap: it goes around)
            return DOWN
        return AROUND
    return BAND


def _leg_gaps(s: int, t: int) -> tuple[int, int]:
    """The gaps of a band flow's two legs: beside its source, on the side it leaves by, and beside
    its target, on the side it enters by (a forward flow leaves right and enters left)."""
    return (s, t - 1) if t > s else (s - 1, t)


def _gaps_run(s: int, t: int) -> tuple[int, int]:
    """The gaps a band flow's run spans, first and last: from beside its source to beside its target."""
    return (s, t - 1) if t > s else (t, s - 1)
