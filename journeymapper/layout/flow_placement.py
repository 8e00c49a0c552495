"""Where every flow of the map runs, placing again after an edit only the flows it touched.

`flow_plan` says which way each flow goes; here each flow gets its ports (the places on its cards'
edges: the flows of one edge are spread along it, ordered by where they head, so they leave without
crossing) and its path (`flows.route`). A path depends on its two card boxes (the very objects), its
ports, its plan, the band it runs in, the lanes' places (flows between lanes) and the column edges
(flows that use the gaps). After an edit only the flows for which one of those changed are placed
again, and only the card edges whose flows changed are spread again: on a 5,000-card map a drop
touches a few hundred flows, not 7,500. Both ways give what a fresh placement gives.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..model.schema import Flow
from .card_sides import CENTRE, Edge, Entry, Ports, all_ports, all_sides, flow_entries, shares
from .elements import CardBox, FlowPath, LaneBox
from .flow_labels import LabelMemo, spread_labels
from .flow_plan import AROUND, BAND, DOWN, NEXT, FlowPlan
from .flows import label_gap, route
from .geometry import Cubic, new_tuple
from .style import Style


@dataclass
class FlowState:
    """What the last placement was made from, to tell which paths can be kept. (The flows
    themselves, by id and by card, are the plan's: `FlowPlan.by_id`, `FlowPlan.touching`.)"""

    ports: dict[str, Ports] = field(default_factory=dict)
    edges: dict[Edge, list[Entry]] = field(default_factory=dict)
    """Each card side's flows, sorted (`card_sides`)."""
    band_top: dict[str, float] = field(default_factory=dict)
    lane_y: dict[str, float] = field(default_factory=dict)
    lane_index: dict[str, int] = field(default_factory=dict)
    column_edges: tuple[float, ...] = ()
    between: dict[str, set[str]] = field(default_factory=dict)
    """Persona id -> the flows between its lane and another (they follow the lanes' places)."""
    slots: dict[int, int] = field(default_factory=dict)
    """Gap -> its vertical runs (a label in a gap sits right of them)."""
    loop_gaps: frozenset[int] = frozenset()
    labels: LabelMemo = field(default_factory=LabelMemo)
    """What spreading the labels found last time (kept, not compared: see `flow_labels`)."""


@dataclass
class FlowInputs:
    """The finished boxes the flows are routed between, and the plan they follow."""

    cards: dict[str, CardBox]
    lanes: dict[str, LaneBox]
    band_top: dict[str, float]
    """Persona id -> the top of the band under its lane's cards (lane coordinates)."""
    stage_index: dict[str, int]
    style: Style
    plan: FlowPlan
    labelled: bool = True
    """Whether any flow has a label (labels are then moved apart: `spread_labels`)."""
    column_edges: tuple[float, ...] = ()


def place_flows(
    flows: tuple[Flow, ...] | list[Flow],
    inputs: FlowInputs,
    previous_flows: dict[str, FlowPath] | None = None,
    previous_cards: dict[str, CardBox] | None = None,
    previous_lanes: dict[str, LaneBox] | None = None,
    state: FlowState | None = None,
) -> tuple[dict[str, FlowPath], FlowState]:
    """Every flow's path (in its lane's coordinates, or the map's between lanes), and the state
    to pass next time. Paths of flows nothing changed for are the previous objects."""
    del previous_lanes  # (the state keeps what the flows depended on)
    lane_index = {persona: lane.index for persona, lane in inputs.lanes.items()}
    lane_y = {persona: lane.y for persona, lane in inputs.lanes.items()}
    cards = inputs.cards
    # An incremental plan (`changed` known) was made from the previous layout's very flows.
    incremental = (state is not None and previous_flows is not None and previous_cards is not None
                   and inputs.plan.changed is not None and state.lane_index == lane_index)
    if not incremental:
        edges = all_sides(flows, cards, inputs.plan.routes, lane_index)
        ports = all_ports(edges, cards)
        placed, between = _place_all(flows, inputs, ports, lane_y)
        new_state = FlowState(ports, edges, dict(inputs.band_top), lane_y, lane_index, inputs.column_edges,
                              between, inputs.plan.slots, inputs.plan.loop_gaps)
        # Keep the previous objects where nothing changed (views tell changes by identity).
        if previous_flows:
            placed = {flow_id: previous_flows[flow_id] if previous_flows.get(flow_id) == path else path
                      for flow_id, path in placed.items()}
    else:
        placed, new_state = _update(inputs, previous_flows, previous_cards, state, lane_y)  # type: ignore[arg-type]
    if state is not None:  # (a cache: whatever it holds, the answer is the same)
        new_state.labels = state.labels
    if inputs.labelled:
        routes = inputs.plan.routes
        fixed = {flow_id for flow_id, path in placed.items()
                 if path.label_rect is not None and routes[flow_id].how == BAND}
        placed = spread_labels(placed, lane_y, fixed, inputs.style.arrow_size, new_state.labels)
    return placed, new_state


def _update(inputs: FlowInputs, old_flows: dict[str, FlowPath], old_cards: dict[str, CardBox],
            state: FlowState, lane_y: dict[str, float]) -> tuple[dict[str, FlowPath], FlowState]:
    """After an edit that kept the flows: place again the flows whose inputs changed."""
    cards, plan = inputs.cards, inputs.plan
    routes, by_id, touching = plan.routes, plan.by_id, plan.touching
    moved: list[str] = []  # cards whose flows may now leave from other sides, or in another order
    shifted: list[str] = []  # cards that only moved sideways, with their column (`_only_shifted`)
    for card_id, box in cards.items():
        old = old_cards.get(card_id)
        if old is not box:
            (shifted if _only_shifted(old, box) else moved).append(card_id)
    # Flows whose places on card sides must be worked out again, then all whose paths must be.
    resided: set[str] = set(plan.changed or ())
    for card_id in moved:
        resided.update(touching.get(card_id, ()))
    dirty = set(resided)
    for card_id in shifted:
        dirty.update(touching.get(card_id, ()))
    # Flows whose band moved (its lane's cards grew or shrank) or whose lanes moved (between lanes).
    between = state.between
    if moved:  # a moved card's flows may now be between lanes, or no longer
        between = {p: set(ids) for p, ids in between.items()}
        for card_id in moved:
            for flow_id in touching.get(card_id, ()):
                for ids in between.values():
                    ids.discard(flow_id)
                _note_lanes(by_id[flow_id], cards, between)
    first = _first_change(state, inputs)
    if first is not None:
        # Columns moved or a gap widened: flows that run in the gaps or have a label in one, right
        # of the first change (left of it nothing they use moved). (The cards of a moved column are
        # new boxes: their flows are already in.)
        ends = plan.ends
        for flow_id, flow_route in routes.items():
            how = flow_route.how
            if how == AROUND or how == BAND or by_id[flow_id].label:
                flow_ends = ends[flow_id]
                reach = max(flow_ends.source.column, flow_ends.target.column) + 1  # (a label's gap ends there)
                for leg in (flow_route.out_leg, flow_route.in_leg):
                    if leg is not None and leg.gap + 1 > reach:
                        reach = leg.gap + 1
                if reach >= first:
                    dirty.add(flow_id)
    if state.slots != plan.slots:  # a label in a gap sits right of the gap's runs
        changed = {gap for gap in state.slots.keys() | plan.slots.keys()
                   if state.slots.get(gap, 0) != plan.slots.get(gap, 0)}
        ends = plan.ends
        dirty.update(flow_id for flow_id, flow_route in routes.items() if by_id[flow_id].label
                     and label_gap(flow_route, ends[flow_id].source.column) in changed)
    for persona, top in inputs.band_top.items():
        if state.band_top.get(persona) != top:
            dirty.update(plan.lanes.get(persona, ()))
    for persona, y in lane_y.items():
        if state.lane_y.get(persona) != y:
            dirty.update(between.get(persona, ()))
    # Card sides whose flows' order may have changed: those of every dirty flow, and those where a
    # moved card's flows end (they are ordered by where the moved card now is).
    lane_index = state.lane_index
    edges = dict(state.edges)
    touched_edges: set[Edge] = set()
    for flow_id in resided:
        f = by_id[flow_id]
        for edge in ((f.source, "R"), (f.source, "L"), (f.target, "R"), (f.target, "L")):
            if edge in edges:
                touched_edges.add(edge)
    for edge in touched_edges:  # those flows' entries out (each side once)
        edges[edge] = [entry for entry in edges[edge] if entry[2] not in resided]
    for flow_id in resided:
        f = by_id[flow_id]
        flow_route = routes.get(flow_id)
        if flow_route is None or flow_route.how == DOWN:
            continue
        for edge, entry in flow_entries(f, flow_route, cards, lane_index):
            if edge not in touched_edges:
                edges[edge] = list(edges.get(edge, ()))
                touched_edges.add(edge)
            edges[edge].append(entry)
    ports = dict(state.ports)
    for edge in touched_edges:
        side = edges[edge]
        if not side:
            del edges[edge]
            continue
        side.sort()
        for (_, _, flow_id, end), share in zip(side, shares(side, cards[edge[0]].rect.h)):
            old = ports.get(flow_id, CENTRE)
            new = (share, old[1]) if end == 0 else (old[0], share)
            if ports.get(flow_id) != new:
                ports[flow_id] = new
                dirty.add(flow_id)
    for flow_id in dirty:
        if flow_id in ports and (flow_id not in routes or routes[flow_id].how == DOWN):
            del ports[flow_id]
    placed = dict(old_flows)
    for flow_id in dirty:
        path = _place(by_id[flow_id], inputs, ports, lane_y)
        if path is None:
            placed.pop(flow_id, None)
        elif old_flows.get(flow_id) != path:
            placed[flow_id] = path
    new_state = FlowState(ports, edges, dict(inputs.band_top), lane_y, lane_index, inputs.column_edges, between,
                          plan.slots, plan.loop_gaps)
    return placed, new_state


def _first_change(state: FlowState, inputs: FlowInputs) -> int | None:
    """The first column edge that moved, or the first gap that gained or lost loops (flows that use
    no edge from there on keep their paths); None when neither changed."""
    old, new = state.column_edges, inputs.column_edges
    first = None
    if old != new:
        first = 0 if len(old) != len(new) else next(k for k, (a, b) in enumerate(zip(old, new)) if a != b)
    loops = state.loop_gaps ^ inputs.plan.loop_gaps
    if loops:
        first = min(loops) if first is None else min(first, min(loops))
    return first


def _only_shifted(old: CardBox | None, new: CardBox) -> bool:
    """Whether a card only moved sideways (its column moved): its flows then keep their places on
    its sides (those follow lanes and heights, not x) and their lanes; only their paths change."""
    return (old is not None and old.persona == new.persona and old.stage == new.stage
            and old.rect.y == new.rect.y and old.rect.h == new.rect.h and old.rect.w == new.rect.w)


def _note_lanes(f: Flow, cards: dict[str, CardBox], between: dict[str, set[str]]) -> None:
    source, target = cards.get(f.source), cards.get(f.target)
    if source is not None and target is not None and source.persona != target.persona:
        between.setdefault(source.persona, set()).add(f.id)
        between.setdefault(target.persona, set()).add(f.id)


def _place_all(flows, inputs: FlowInputs, ports: dict[str, Ports],
               lane_y: dict[str, float]) -> tuple[dict[str, FlowPath], dict[str, set[str]]]:
    """Every flow's path, and the flows between lanes by lane. The usual flow (to the next column
    in its lane, unlabelled) is written out here as `flows.route` makes it: a big map has thousands."""
    placed: dict[str, FlowPath] = {}
    between: dict[str, set[str]] = defaultdict(set)
    routes, cards = inputs.plan.routes, inputs.cards
    for f in flows:
        flow_id = f.id
        plan = routes.get(flow_id)
        if plan is None:
            continue  # a card that is not laid out: its flows wait for it
        source, target = cards[f.source], cards[f.target]
        persona = source.persona
        if persona != target.persona:
            between[persona].add(flow_id)
            between[target.persona].add(flow_id)
        elif plan.how == NEXT and not f.label:
            p0, p1 = ports.get(flow_id, CENTRE)
            sx, sy, sw, sh = source.rect
            tx, ty, _, th = target.rect
            x0, y0, y1 = sx + sw, sy + sh * p0, ty + th * p1
            reach = (tx - x0) / 2
            reach = 6.0 if reach < 6.0 else min(reach, 80.0)
            placed[flow_id] = new_tuple(FlowPath, (
                flow_id, source.id, target.id, f.kind, persona,
                (new_tuple(Cubic, (x0, y0, x0 + reach, y0, tx - reach, y1, tx, y1)),), None, None, None, None))
            continue
        placed[flow_id] = _place(f, inputs, ports, lane_y)  # type: ignore[assignment]
    return placed, dict(between)


def _place(f: Flow, inputs: FlowInputs, ports: dict[str, Ports], lane_y: dict[str, float]) -> FlowPath | None:
    plan = inputs.plan.routes.get(f.id)
    if plan is None:
        return None  # a card that is not laid out: its flows wait for it
    cards = inputs.cards
    source, target = cards[f.source], cards[f.target]
    port = ports.get(f.id, CENTRE)
    s_col = inputs.stage_index[source.stage]
    band_top = inputs.band_top.get(target.persona, 0.0)
    gap = label_gap(plan, s_col) if f.label else None
    gap_slots = 0 if gap is None else inputs.plan.slots.get(gap, 0)
    if source.persona == target.persona:
        return route(f.id, f.kind, f.label, source, target, plan, inputs.style, source.persona, port,
                     inputs.column_edges, band_top, s_col, gap_slots, inputs.plan.loop_gaps)
    a = source._replace(rect=source.rect.moved(0.0, lane_y[source.persona]))
    b = target._replace(rect=target.rect.moved(0.0, lane_y[target.persona]))
    return route(f.id, f.kind, f.label, a, b, plan, inputs.style, None, port, inputs.column_edges,
                 lane_y[target.persona] + band_top, s_col, gap_slots, inputs.plan.loop_gaps)


