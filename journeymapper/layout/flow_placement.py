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
from itertools import pairwise

from ..model.schema import Flow
from .elements import CardBox, FlowPath, LaneBox
from .flow_labels import spread_labels
from .flow_plan import BAND, DOWN, FlowPlan, FlowRoute
from .flows import SPREAD_LOW, SPREAD_SPAN, route
from .style import Style

Ports = tuple[float, float]
CENTRE: Ports = (0.5, 0.5)
BELOW = 1e9
"""Sorts a flow that heads for a band after every card of that lane (and deeper tracks lower)."""
Edge = tuple[str, str]
"""(card id, 'R' or 'L'): one side of a card, where flows meet it."""


@dataclass
class FlowState:
    """What the last placement was made from, to tell which paths can be kept. (The flows
    themselves, by id and by card, are the plan's: `FlowPlan.by_id`, `FlowPlan.touching`.)"""

    ports: dict[str, Ports] = field(default_factory=dict)
    edges: dict[Edge, dict[tuple[str, int], tuple[int, float]]] = field(default_factory=dict)
    """Each card side's flows ((flow id, 0 leaving / 1 entering) -> where it heads)."""
    band_top: dict[str, float] = field(default_factory=dict)
    lane_y: dict[str, float] = field(default_factory=dict)
    lane_index: dict[str, int] = field(default_factory=dict)
    column_edges: tuple[float, ...] = ()
    between: dict[str, set[str]] = field(default_factory=dict)
    """Persona id -> the flows between its lane and another (they follow the lanes' places)."""


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
                   and inputs.plan.changed is not None and state.lane_index == lane_index
                   and state.column_edges == inputs.column_edges)
    if not incremental:
        edges = _edge_tables(flows, cards, inputs.plan.routes, lane_index)
        ports = _ports(edges, cards)
        between: dict[str, set[str]] = defaultdict(set)
        for f in flows:
            _note_lanes(f, cards, between)
        new_state = FlowState(ports, edges, dict(inputs.band_top), lane_y, lane_index, inputs.column_edges,
                              dict(between))
        placed = {}
        for f in flows:
            path = _place(f, inputs, ports, lane_y)
            if path is not None:
                placed[f.id] = path
        # Keep the previous objects where nothing changed (views tell changes by identity).
        if previous_flows:
            placed = {flow_id: previous_flows[flow_id] if previous_flows.get(flow_id) == path else path
                      for flow_id, path in placed.items()}
    else:
        placed, new_state = _update(inputs, previous_flows, previous_cards, state, lane_y)  # type: ignore[arg-type]
    if inputs.labelled:
        routes = inputs.plan.routes
        placed = spread_labels(placed, lane_y, {flow_id for flow_id, path in placed.items()
                                                if path.label_rect is not None and routes[flow_id].how == BAND})
    return placed, new_state


def _update(inputs: FlowInputs, old_flows: dict[str, FlowPath], old_cards: dict[str, CardBox],
            state: FlowState, lane_y: dict[str, float]) -> tuple[dict[str, FlowPath], FlowState]:
    """After an edit that kept the flows: place again the flows whose inputs changed."""
    cards, plan = inputs.cards, inputs.plan
    routes, by_id, touching = plan.routes, plan.by_id, plan.touching
    moved = [card_id for card_id, box in cards.items() if old_cards.get(card_id) is not box]
    dirty: set[str] = set(plan.changed or ())
    for card_id in moved:
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
    for flow_id in dirty:
        f = by_id[flow_id]
        for edge in ((f.source, "R"), (f.source, "L"), (f.target, "R"), (f.target, "L")):
            entries = edges.get(edge)
            if entries and ((flow_id, 0) in entries or (flow_id, 1) in entries):
                entries = edges[edge] = {k: v for k, v in entries.items() if k[0] != flow_id}
                touched_edges.add(edge)
        flow_route = routes.get(flow_id)
        if flow_route is None or flow_route.how == DOWN:
            continue
        for edge, entry, key in _entries(f, flow_route, cards, lane_index):
            if edge not in touched_edges:
                edges[edge] = dict(edges.get(edge, {}))
                touched_edges.add(edge)
            edges[edge][entry] = key
    ports = dict(state.ports)
    for edge in touched_edges:
        entries = edges[edge]
        if not entries:
            del edges[edge]
            continue
        for (flow_id, end), share in _shares(entries, cards[edge[0]].rect.h):
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
    new_state = FlowState(ports, edges, dict(inputs.band_top), lane_y, lane_index, inputs.column_edges, between)
    return placed, new_state


def _note_lanes(f: Flow, cards: dict[str, CardBox], between: dict[str, set[str]]) -> None:
    source, target = cards.get(f.source), cards.get(f.target)
    if source is not None and target is not None and source.persona != target.persona:
        between.setdefault(source.persona, set()).add(f.id)
        between.setdefault(target.persona, set()).add(f.id)


def _place(f: Flow, inputs: FlowInputs, ports: dict[str, Ports], lane_y: dict[str, float]) -> FlowPath | None:
    plan = inputs.plan.routes.get(f.id)
    if plan is None:
        return None  # a card that is not laid out: its flows wait for it
    cards = inputs.cards
    source, target = cards[f.source], cards[f.target]
    port = ports.get(f.id, CENTRE)
    s_col = inputs.stage_index[source.stage]
    band_top = inputs.band_top.get(target.persona, 0.0)
    if source.persona == target.persona:
        return route(f.id, f.kind, f.label, source, target, plan, inputs.style, source.persona, port,
                     inputs.column_edges, band_top, s_col)
    a = source._replace(rect=source.rect.moved(0.0, lane_y[source.persona]))
    b = target._replace(rect=target.rect.moved(0.0, lane_y[target.persona]))
    return route(f.id, f.kind, f.label, a, b, plan, inputs.style, None, port, inputs.column_edges,
                 lane_y[target.persona] + band_top, s_col)


def _entries(f: Flow, plan: FlowRoute, cards: dict[str, CardBox], lane_index: dict[str, int]):
    """A flow's two places on card sides, each with where the flow heads from there: the card at
    its other end (its lane, then its height), or, for a flow that runs through a band, below that
    lane's cards (deeper tracks lower)."""
    source, target = cards[f.source], cards[f.target]
    if plan.how == BAND:
        out_key = in_key = (lane_index[target.persona], BELOW + plan.track)
    else:
        t_rect, s_rect = target.rect, source.rect
        out_key = (lane_index[target.persona], t_rect.y + t_rect.h / 2)
        in_key = (lane_index[source.persona], s_rect.y + s_rect.h / 2)
    return (((f.source, plan.out_side), (f.id, 0), out_key), ((f.target, plan.in_side), (f.id, 1), in_key))


def _edge_tables(flows, cards: dict[str, CardBox], routes: dict[str, FlowRoute],
                 lane_index: dict[str, int]) -> dict[Edge, dict[tuple[str, int], tuple[int, float]]]:
    """Every card side's flows, with where each heads (`_entries`, written out: a big map has thousands)."""
    edges: dict[Edge, dict[tuple[str, int], tuple[int, float]]] = {}
    for f in flows:
        plan = routes.get(f.id)
        if plan is None:
            continue
        how = plan.how
        if how == DOWN:
            continue
        flow_id, source_id, target_id = f.id, f.source, f.target
        source, target = cards[source_id], cards[target_id]
        if how == BAND:
            out_key = in_key = (lane_index[target.persona], BELOW + plan.track)
        else:
            t_rect, s_rect = target.rect, source.rect
            out_key = (lane_index[target.persona], t_rect.y + t_rect.h / 2)
            in_key = (lane_index[source.persona], s_rect.y + s_rect.h / 2)
        edge = (source_id, plan.out_side)
        table = edges.get(edge)
        if table is None:
            table = edges[edge] = {}
        table[(flow_id, 0)] = out_key
        edge = (target_id, plan.in_side)
        table = edges.get(edge)
        if table is None:
            table = edges[edge] = {}
        table[(flow_id, 1)] = in_key
    return edges


SELF_GAP = 12.0
"""From where a flow to its own card leaves the card's side to where it comes back (the loop's height)."""
HEADS_GAP = 7.0
"""Least room between two arrowheads on one side (a head is 0.9 x the style's arrow size, 6, tall)."""
HEAD_LINE_GAP = 4.5
"""Least room between an arrowhead and a line leaving beside it."""
LINES_GAP = 3.0
"""Least room between two lines leaving one side."""
WIDE = 0.84
"""On a crowded side, flows may use this share of the card's height (its middle)."""


def _shares(entries: dict[tuple[str, int], tuple[int, float]], height: float) -> list[tuple[tuple[str, int], float]]:
    """One card side's flows ((flow id, 0 leaving / 1 entering)) with the share of the card's height
    where each meets it, in the order of where they head (ties by flow id, so a loop's two ends are
    next to each other). Spread evenly between SPREAD_LOW and SPREAD_HIGH when that keeps every two
    arrowheads, and a head and a line, apart; on a crowded side the room goes where it is needed and
    the side's middle WIDE share is used. A loop keeps its own height (SELF_GAP) and a side's only
    flow meets it in the middle."""
    ordered = [entry for _, entry in sorted([(key, entry) for entry, key in entries.items()])]
    count = len(ordered)
    if count == 1:
        return [(ordered[0], 0.5)]
    needs: list[float] = []
    loops = 0
    for (a_id, a_end), (b_id, b_end) in pairwise(ordered):
        if a_id == b_id:
            needs.append(-SELF_GAP)  # (negative: a fixed gap)
            loops += 1
        else:
            needs.append(HEADS_GAP if a_end and b_end else HEAD_LINE_GAP if a_end or b_end else LINES_GAP)
    fixed = SELF_GAP * loops
    flexible = count - 1 - loops
    span = SPREAD_SPAN * height
    if flexible == 0:
        steps = [-need for need in needs]
        start = (height - fixed) / 2
    else:
        even = (span - fixed) / flexible
        if even >= max(needs):
            steps = [-need if need < 0 else even for need in needs]
            start = SPREAD_LOW * height
        else:
            wanted = sum(abs(need) for need in needs)
            room = min(max(span, wanted), WIDE * height)
            if room >= wanted:  # every gap gets what it needs, and the rest shared alike
                scale = (room - fixed) / (wanted - fixed)
                steps = [-need if need < 0 else need * scale for need in needs]
            else:  # too many flows for the card: all gaps shrink alike
                steps = [abs(need) * room / wanted for need in needs]
            start = (height - room) / 2
    shares = [(ordered[0], start / height)]
    at = start
    for entry, step in zip(ordered[1:], steps):
        at += step
        shares.append((entry, at / height))
    return shares


def _ports(tables: dict[Edge, dict[tuple[str, int], tuple[int, float]]], cards: dict[str, CardBox]) -> dict[str, Ports]:
    """Flow id -> (share of the source's height, share of the target's height), for every side."""
    ports: dict[str, list[float]] = {}
    for edge, entries in tables.items():
        for (flow_id, end), share in _shares(entries, cards[edge[0]].rect.h):
            pair = ports.get(flow_id)
            if pair is None:
                pair = ports[flow_id] = [0.5, 0.5]
            pair[end] = share
    return {flow_id: (pair[0], pair[1]) for flow_id, pair in ports.items()}
