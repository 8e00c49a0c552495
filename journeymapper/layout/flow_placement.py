"""Where every flow of the map runs, redoing after an edit only the flows the edit touched.

The map's flows are compared by identity, flow by flow: the Document replaces
a flow object when it changes it. A flow's path depends on its two card boxes,
on where its forward flows meet the cards' edges (the "ports": flows of one
card are spread along its edge, ordered by where their other ends are), on its
lane's cards row height (flows that dip below the cards) and, for flows between
lanes, on where the lanes are. After a card is dropped only the flows of the
cards that moved, and of their neighbours whose port order may have changed,
are routed again: on a 5,000-card map that is a few hundred flows, not 7,500.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..model.schema import Flow
from .elements import CardBox, FlowPath, LaneBox
from .flows import SPREAD_LOW, SPREAD_SPAN, label_in_gap_before_target, route, spread, spread_labels
from .style import Style

Ports = tuple[float, float]
CENTRE: Ports = (0.5, 0.5)


@dataclass
class FlowState:
    """What the last placement was made from: the map's flows (compared by identity) and the ports."""

    flows: tuple[Flow, ...]
    """A snapshot of the map's flows: the Document edits its lists in place."""
    ports: dict[str, Ports]
    """Flow id -> (share of the source's height, share of the target's height); forward flows only."""
    by_id: dict[str, Flow] = field(default_factory=dict)
    """Flow id -> flow, for the flows that were placed (both cards laid out)."""
    lane_bound: set[str] = field(default_factory=set)
    """Flows whose path depends on their lanes: backward ones (they dip below the cards row) and
    flows between lanes. Only these can change when a lane grows or moves."""
    touching: dict[str, list[Flow]] | None = None
    """Card id -> the flows with it at either end; made when an edit first needs it."""
    column_edges: tuple[float, ...] = ()
    """The column edges the flows were placed with: a label of a flow that skips columns sits in the
    gap before its target's column, which can move while the flow's cards stay."""

    def flows_touching(self) -> dict[str, list[Flow]]:
        if self.touching is None:
            touching: dict[str, list[Flow]] = {}
            for f in self.flows:
                touching.setdefault(f.source, []).append(f)
                if f.target != f.source:
                    touching.setdefault(f.target, []).append(f)
            self.touching = touching
        return self.touching


@dataclass
class FlowInputs:
    """The finished boxes the flows are routed between."""

    cards: dict[str, CardBox]
    lanes: dict[str, LaneBox]
    row_bottom: dict[str, float]
    """Persona id -> its cards row height (lane coordinates): backward flows dip to just above it."""
    stage_index: dict[str, int]
    style: Style
    labelled: bool = True
    """Whether any flow has a label (labels are then moved apart: `spread_labels`)."""
    column_edges: tuple[float, ...] = ()
    """`MapLayout.column_edges`: where labels of flows that skip columns go."""


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
    placer = _Placer(inputs, previous_flows or {}, previous_cards or {}, previous_lanes or {},
                     state.column_edges if state is not None else ())
    if (state is not None and previous_flows is not None and _same_objects(state.flows, flows)
            and all(card_id in inputs.cards for card_id in previous_cards or {})
            and _same_lane_order(previous_lanes or {}, inputs.lanes)
            and state.column_edges == inputs.column_edges):  # (else `full`, which keeps what it can)
        placed, state = placer.update(flows, state)
    else:
        placed, state = placer.full(flows, state)
    return (spread_labels(placed) if inputs.labelled else placed), state


class _Placer:
    def __init__(self, inputs: FlowInputs, old_flows: dict[str, FlowPath], old_cards: dict[str, CardBox],
                 old_lanes: dict[str, LaneBox], old_edges: tuple[float, ...] = ()) -> None:
        self.inputs = inputs
        self.cards = inputs.cards
        self.stage_index = inputs.stage_index
        self.lane_index = {persona: lane.index for persona, lane in inputs.lanes.items()}
        self.old_flows, self.old_cards = old_flows, old_cards
        self.old_edges = old_edges
        """The column edges the previous flows were placed with."""
        # Per lane, once: is its cards row as tall as before, and is it where it was?
        self.same_height: dict[str, bool] = {}
        self.same_place: dict[str, bool] = {}
        for persona, lane in inputs.lanes.items():
            old = old_lanes.get(persona)
            self.same_height[persona] = old is not None and old.rows[0].rect.h == inputs.row_bottom[persona]
            self.same_place[persona] = old is not None and old.y == lane.y

    # -- the whole map ------------------------------------------------------------
    def full(self, flows, state: FlowState | None) -> tuple[dict[str, FlowPath], FlowState]:
        # (a big map has thousands of flows: this is written out, and reads each flow's fields once,
        # for a model's fields are slow to read)
        cards, column, key = self.cards, self.columns(), self.height_keys()
        ends = []
        outgoing: defaultdict[str, list[tuple[tuple[int, float], str]]] = defaultdict(list)
        incoming: defaultdict[str, list[tuple[tuple[int, float], str]]] = defaultdict(list)
        for f in flows:
            source_id, target_id = f.source, f.target
            source_column, target_column = column.get(source_id), column.get(target_id)
            if source_column is None or target_column is None:
                continue  # a card that is not laid out: its flows wait for it
            flow_id, kind = f.id, f.kind
            ends.append((f, flow_id, kind, cards[source_id], cards[target_id], source_column, target_column))
            if target_column > source_column and kind != "loop":  # forward: spread along the cards' edges
                outgoing[source_id].append((key[target_id], flow_id))
                incoming[target_id].append((key[source_id], flow_id))
        out_share, in_share = _shares(outgoing), _shares(incoming)
        ports = {flow_id: (share, in_share[flow_id]) for flow_id, share in out_share.items()}
        old_ports = state.ports if state is not None else {}
        old_by_id = state.by_id if state is not None else {}
        old_flows = self.old_flows
        row_bottom, style, edges = self.inputs.row_bottom, self.inputs.style, self.inputs.column_edges
        placed: dict[str, FlowPath] = {}
        by_id: dict[str, Flow] = {}
        lane_bound: set[str] = set()
        for f, flow_id, kind, source, target, source_column, target_column in ends:
            by_id[flow_id] = f
            persona = source.persona
            same_lane = persona == target.persona
            if kind == "loop" or target_column < source_column or not same_lane:
                lane_bound.add(flow_id)
            port = ports.get(flow_id, CENTRE)
            old = old_flows.get(flow_id) if old_flows else None
            if old is not None and old_by_id.get(flow_id) is f and self.unchanged(f, source, target, port, old_ports):
                placed[flow_id] = old
            elif same_lane:
                placed[flow_id] = route(flow_id, kind, f.label, source, target, source_column, target_column,
                                        row_bottom[persona], style, persona, port, edges)
            else:
                placed[flow_id] = self.route(f, source, target, port)
        return placed, FlowState(tuple(flows), ports, by_id, lane_bound, column_edges=self.inputs.column_edges)

    # -- after an edit that kept the flows ------------------------------------------
    def update(self, flows, state: FlowState) -> tuple[dict[str, FlowPath], FlowState]:
        cards, old_cards = self.cards, self.old_cards
        touching = state.flows_touching()
        moved = [card_id for card_id, box in cards.items() if old_cards.get(card_id) is not box]
        if any(f.id not in state.by_id for card_id in moved for f in touching.get(card_id, ())):
            return self.full(flows, state)  # a card came back that flows were waiting for
        ports, dirty = self.ports_after_moves(moved, touching, state.ports)
        placed = dict(self.old_flows)
        old_ports = state.ports
        lane_bound = set(state.lane_bound)
        for flow_id in dirty:
            f = state.by_id[flow_id]
            source, target = cards[f.source], cards[f.target]
            if self.depends_on_lanes(f, source, target):
                lane_bound.add(flow_id)
            else:
                lane_bound.discard(flow_id)
            port = ports.get(flow_id, CENTRE)
            if flow_id in placed and self.unchanged(f, source, target, port, old_ports):
                continue
            placed[flow_id] = self.route(f, source, target, port)
        if not (all(self.same_height.values()) and all(self.same_place.values())):
            # A lane grew or moved: backward flows in it dip lower, flows between lanes follow it.
            for flow_id in lane_bound - dirty:
                f = state.by_id[flow_id]
                source, target = cards[f.source], cards[f.target]
                if not self.still_fits(f, source, target):
                    placed[flow_id] = self.route(f, source, target, ports.get(flow_id, CENTRE))
        return placed, FlowState(state.flows, ports, state.by_id, lane_bound, touching, self.inputs.column_edges)

    # -- pieces ---------------------------------------------------------------------
    def unchanged(self, f: Flow, source: CardBox, target: CardBox, port: Ports, old_ports: dict[str, Ports]) -> bool:
        """Whether the previous path of `f` is still right: the same card boxes and ports, and what
        its route depends on in its lanes as before."""
        old_cards = self.old_cards
        return (old_cards.get(f.source) is source and old_cards.get(f.target) is target
                and old_ports.get(f.id, CENTRE) == port and self.still_fits(f, source, target)
                and self.same_label_gap(f, source, target))

    def same_label_gap(self, f: Flow, source: CardBox, target: CardBox) -> bool:
        """Whether a labelled flow that skips columns still has the gap its label sits in where it was."""
        target_column = self.stage_index[target.stage]
        if not f.label or not label_in_gap_before_target(f.kind, self.stage_index[source.stage], target_column):
            return True
        old, new = self.old_edges, self.inputs.column_edges
        gap = target_column - 1
        return len(old) > target_column and len(new) > target_column and old[gap] == new[gap]

    def still_fits(self, f: Flow, source: CardBox, target: CardBox) -> bool:
        """Whether a path routed with the same boxes and ports before is still right."""
        backward = f.kind == "loop" or self.stage_index[target.stage] < self.stage_index[source.stage]
        fits = self.same_height[source.persona] or not backward
        if source.persona != target.persona:
            fits = fits and self.same_place[source.persona] and self.same_place[target.persona]
        return fits

    def route(self, f: Flow, source: CardBox, target: CardBox, port: Ports) -> FlowPath:
        inputs, stage_index = self.inputs, self.stage_index
        columns = stage_index[source.stage], stage_index[target.stage]
        if source.persona == target.persona:
            return route(f.id, f.kind, f.label, source, target, *columns,
                         inputs.row_bottom[source.persona], inputs.style, source.persona, port, inputs.column_edges)
        source_top = inputs.lanes[source.persona].y
        a = source._replace(rect=source.rect.moved(0.0, source_top))
        b = target._replace(rect=target.rect.moved(0.0, inputs.lanes[target.persona].y))
        return route(f.id, f.kind, f.label, a, b, *columns,
                     source_top + inputs.row_bottom[source.persona], inputs.style, None, port, inputs.column_edges)

    def depends_on_lanes(self, f: Flow, source: CardBox, target: CardBox) -> bool:
        stage_index = self.stage_index
        return (f.kind == "loop" or stage_index[target.stage] < stage_index[source.stage]
                or source.persona != target.persona)

    def is_forward(self, f: Flow) -> bool:
        if f.kind == "loop":
            return False
        source, target = self.cards.get(f.source), self.cards.get(f.target)
        if source is None or target is None:
            return False
        return self.stage_index[target.stage] > self.stage_index[source.stage]

    def height_key(self, card: CardBox) -> tuple[int, float]:
        """Orders cards top to bottom across lanes (lanes never overlap): the lane, then the place in it.

        Not the y in the map: that changes when a lane above grows, and the ports of cards that did
        not move are kept (an incremental layout must order them as a fresh one does)."""
        rect = card.rect
        return self.lane_index[card.persona], rect.y + rect.h / 2

    def height_keys(self) -> dict[str, tuple[int, float]]:
        """Card id -> `height_key`, for every card."""
        lane_index = self.lane_index
        return {card_id: (lane_index[card.persona], card.rect.y + card.rect.h / 2)
                for card_id, card in self.cards.items()}

    def columns(self) -> dict[str, int]:
        """Card id -> the index of its stage's column."""
        stage_index = self.stage_index
        return {card_id: stage_index[card.stage] for card_id, card in self.cards.items()}

    def ports_after_moves(self, moved: list[str], touching: dict[str, list[Flow]],
                          old_ports: dict[str, Ports]) -> tuple[dict[str, Ports], set[str]]:
        """The ports after some cards moved, and the flows that need routing again: every flow of a
        moved card, and every flow whose place on a card's edge changed.

        A card's edge order changes only when one of the cards at the other end of its flows
        moved, so only the edges (tables) that hold a flow of a moved card are sorted again."""
        leaving: set[str] = set()
        entering: set[str] = set()
        dirty: set[str] = set()
        for card_id in moved:
            leaving.add(card_id)
            entering.add(card_id)
            for f in touching.get(card_id, ()):
                leaving.add(f.source)
                entering.add(f.target)
                dirty.add(f.id)
        out_share = self.edge_shares(leaving, True, touching)
        in_share = self.edge_shares(entering, False, touching)
        ports = dict(old_ports)
        for flow_id in dirty:
            ports.pop(flow_id, None)  # forward again below if it still is
        for flow_id in out_share.keys() | in_share.keys():
            old = old_ports.get(flow_id, CENTRE)
            port = (out_share.get(flow_id, old[0]), in_share.get(flow_id, old[1]))
            if port != ports.get(flow_id):
                ports[flow_id] = port
                dirty.add(flow_id)
        return ports, dirty

    def edge_shares(self, cards: set[str], leaving: bool, touching: dict[str, list[Flow]]) -> dict[str, float]:
        """Flow id -> its share along the right (leaving) or left edge, for the forward flows of `cards`."""
        boxes, key, forward = self.cards, self.height_key, self.is_forward
        table: dict[str, list[tuple[tuple[int, float], str]]] = {}
        for card_id in cards:
            table[card_id] = [
                (key(boxes[f.target] if leaving else boxes[f.source]), f.id)
                for f in touching.get(card_id, ())
                if (f.source if leaving else f.target) == card_id and forward(f)
            ]
        return _shares(table)


def _same_lane_order(old: dict[str, LaneBox], new: dict[str, LaneBox]) -> bool:
    """Port order across lanes follows the lanes' order: reordered lanes need every port again."""
    return old.keys() == new.keys() and all(old[p].index == lane.index for p, lane in new.items())


def _same_objects(old: tuple[Flow, ...], new) -> bool:
    """The very same flow objects in the same order (a changed flow is a new object)."""
    return len(old) == len(new) and all(a is b for a, b in zip(old, new))


def _shares(table: dict[str, list[tuple[tuple[int, float], str]]]) -> dict[str, float]:
    """Flow id -> its share along its card's edge (`spread`), for each card's flows ordered by key."""
    share: dict[str, float] = {}
    for entries in table.values():
        count = len(entries)
        if count == 1:
            share[entries[0][1]] = spread(1, 0)
            continue
        entries.sort()
        last = count - 1
        for k, (_, flow_id) in enumerate(entries):
            share[flow_id] = SPREAD_LOW + SPREAD_SPAN * k / last  # `spread`, written out
    return share
