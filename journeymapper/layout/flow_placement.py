"""Where every flow of the map runs, reusing the paths of flows nothing changed for.

`flow_plan` says which way each flow goes (from the map alone); here each flow gets its ports (the
places on its cards' edges: the flows of one edge are spread along it, ordered by where they head,
so they leave without crossing) and its path (`flows.route`). A flow whose inputs (its two card
boxes, the very objects; its ports; its plan; the band and lanes it runs through; the column
edges when its path uses the gaps) are as in the previous layout keeps its previous path object:
after a card is dropped most flows are reused, and the incremental layout equals a fresh one by
construction, since both come from the same inputs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..model.schema import Flow
from .elements import CardBox, FlowPath, LaneBox
from .flow_plan import BAND, NEXT, SELF, DOWN, FlowPlan, FlowRoute
from .flows import SPREAD_LOW, SPREAD_SPAN, route, spread, spread_labels
from .style import Style

Ports = tuple[float, float]
CENTRE: Ports = (0.5, 0.5)
BELOW = 1e9
"""Sorts a flow that heads for a band after every card of that lane (and deeper tracks lower)."""


@dataclass
class FlowState:
    """What the last placement was made from, to tell which paths can be kept."""

    by_id: dict[str, Flow] = field(default_factory=dict)
    ports: dict[str, Ports] = field(default_factory=dict)
    routes: dict[str, FlowRoute] = field(default_factory=dict)
    band_top: dict[str, float] = field(default_factory=dict)
    lane_y: dict[str, float] = field(default_factory=dict)
    column_edges: tuple[float, ...] = ()


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
    cards, routes = inputs.cards, inputs.plan.routes
    lane_index = {persona: lane.index for persona, lane in inputs.lanes.items()}
    ports = _ports(flows, cards, routes, lane_index)
    old_flows = previous_flows or {}
    old_cards = previous_cards or {}
    old = state or FlowState()
    same_edges = old.column_edges == inputs.column_edges
    lane_y = {persona: lane.y for persona, lane in inputs.lanes.items()}
    band_top, style, edges, stage_index = inputs.band_top, inputs.style, inputs.column_edges, inputs.stage_index
    placed: dict[str, FlowPath] = {}
    by_id: dict[str, Flow] = {}
    for f in flows:
        plan = routes.get(f.id)
        if plan is None:
            continue  # a card that is not laid out: its flows wait for it
        source, target = cards[f.source], cards[f.target]
        flow_id = f.id
        by_id[flow_id] = f
        port = ports.get(flow_id, CENTRE)
        how = plan.how
        same_lane = source.persona == target.persona
        previous = old_flows.get(flow_id)
        if (previous is not None and old.by_id.get(flow_id) is f and old_cards.get(f.source) is source
                and old_cards.get(f.target) is target and old.ports.get(flow_id) == port
                and old.routes.get(flow_id) == plan
                and (how in (NEXT, DOWN) or same_edges)
                and (how != BAND or old.band_top.get(target.persona) == band_top[target.persona])
                and (same_lane or (old.lane_y.get(source.persona) == lane_y[source.persona]
                                   and old.lane_y.get(target.persona) == lane_y[target.persona]))):
            placed[flow_id] = previous
            continue
        s_col = stage_index[source.stage]
        if same_lane:
            placed[flow_id] = route(flow_id, f.kind, f.label, source, target, plan, style, source.persona, port,
                                    edges, band_top.get(target.persona, 0.0), s_col)
        else:
            a = source._replace(rect=source.rect.moved(0.0, lane_y[source.persona]))
            b = target._replace(rect=target.rect.moved(0.0, lane_y[target.persona]))
            placed[flow_id] = route(flow_id, f.kind, f.label, a, b, plan, style, None, port, edges,
                                    lane_y[target.persona] + band_top.get(target.persona, 0.0), s_col)
    new_state = FlowState(by_id, ports, dict(routes), dict(band_top), lane_y, inputs.column_edges)
    return (spread_labels(placed) if inputs.labelled else placed), new_state


def _ports(flows, cards: dict[str, CardBox], routes: dict[str, FlowRoute],
           lane_index: dict[str, int]) -> dict[str, Ports]:
    """Flow id -> (share of the source's height, share of the target's height) where it meets their
    edges. Each edge's flows are ordered by where they head: the card at their other end (its lane,
    then its height), or, for a flow that runs through a band, below that lane's cards (deeper
    tracks lower), so that flows leave an edge without crossing each other."""
    edges: dict[tuple[str, str], list[tuple[tuple[int, float], str, int]]] = defaultdict(list)
    for f in flows:
        plan = routes.get(f.id)
        if plan is None or plan.how in (DOWN, SELF):
            continue
        source, target = cards[f.source], cards[f.target]
        if plan.how == BAND:
            toward = (lane_index[target.persona], BELOW + plan.track)
            out_key = in_key = toward
        else:
            t_rect, s_rect = target.rect, source.rect
            out_key = (lane_index[target.persona], t_rect.y + t_rect.h / 2)
            in_key = (lane_index[source.persona], s_rect.y + s_rect.h / 2)
        edges[(f.source, plan.out_side)].append((out_key, f.id, 0))
        edges[(f.target, plan.in_side)].append((in_key, f.id, 1))
    shares: dict[str, list[float]] = {}
    for entries in edges.values():
        count = len(entries)
        if count > 1:
            entries.sort()
        last = count - 1
        for k, (_, flow_id, end) in enumerate(entries):
            share = spread(1, 0) if count == 1 else SPREAD_LOW + SPREAD_SPAN * k / last
            shares.setdefault(flow_id, [0.5, 0.5])[end] = share
    return {flow_id: (pair[0], pair[1]) for flow_id, pair in shares.items()}
