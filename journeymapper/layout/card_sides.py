"""Where flows meet a card's side: spread along it, in the order of where they head, so they
leave without crossing and their arrowheads keep apart.

A side's flows are a list of entries `(lane, height, flow id, end)`: where the flow heads from
there (the lane and the height of the card at its other end, or below the lane's cards for a run
through a band: BELOW plus its track), the flow, and 0 where it leaves or 1 where it enters.
Sorted, the entries are the order along the side, top to bottom; a loop to the card itself has
both ends on its right side, next to each other.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model.schema import Flow
from .elements import CardBox
from .flow_plan import BAND, DOWN, FlowRoute
from .flows import SPREAD_LOW, SPREAD_SPAN

Ports = tuple[float, float]
"""(share of the source's height, share of the target's height) where a flow meets its two cards."""
CENTRE: Ports = (0.5, 0.5)
Edge = tuple[str, str]
"""(card id, 'R' or 'L'): one side of a card, where flows meet it."""
Entry = tuple[int, float, str, int]
"""(lane it heads for, height it heads for, flow id, 0 leaving / 1 entering)."""
BELOW = 1e9
"""Sorts a flow that heads for a band after every card of that lane (and deeper tracks lower)."""

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


def flow_entries(f: Flow, plan: FlowRoute, cards: dict[str, CardBox],
                 lane_index: dict[str, int]) -> tuple[tuple[Edge, Entry], tuple[Edge, Entry]]:
    """A flow's two places on card sides, each with where the flow heads from there."""
    source, target = cards[f.source], cards[f.target]
    if plan.how == BAND:
        lane = lane_index[target.persona]
        out_entry: Entry = (lane, BELOW + plan.track, f.id, 0)
        in_entry: Entry = (lane, BELOW + plan.track, f.id, 1)
    else:
        t_rect, s_rect = target.rect, source.rect
        out_entry = (lane_index[target.persona], t_rect.y + t_rect.h / 2, f.id, 0)
        in_entry = (lane_index[source.persona], s_rect.y + s_rect.h / 2, f.id, 1)
    return ((f.source, plan.out_side), out_entry), ((f.target, plan.in_side), in_entry)


def all_sides(flows: Iterable[Flow], cards: dict[str, CardBox], routes: dict[str, FlowRoute],
              lane_index: dict[str, int]) -> dict[Edge, list[Entry]]:
    """Every card side's entries (`flow_entries`, written out: a big map has thousands)."""
    sides: dict[Edge, list[Entry]] = {}
    get = sides.get
    for f in flows:
        plan = routes.get(f.id)
        if plan is None:
            continue
        how = plan.how
        if how == DOWN:
            continue
        flow_id, source_id, target_id = f.id, f.source, f.target
        target = cards[target_id]
        if how == BAND:
            lane = lane_index[target.persona]
            out_entry = (lane, BELOW + plan.track, flow_id, 0)
            in_entry = (lane, BELOW + plan.track, flow_id, 1)
        else:
            source = cards[source_id]
            t_rect, s_rect = target.rect, source.rect
            out_entry = (lane_index[target.persona], t_rect.y + t_rect.h / 2, flow_id, 0)
            in_entry = (lane_index[source.persona], s_rect.y + s_rect.h / 2, flow_id, 1)
        edge = (source_id, plan.out_side)
        side = get(edge)
        if side is None:
            sides[edge] = [out_entry]
        else:
            side.append(out_entry)
        edge = (target_id, plan.in_side)
        side = get(edge)
        if side is None:
            sides[edge] = [in_entry]
        else:
            side.append(in_entry)
    return sides


def shares(side: list[Entry], height: float) -> list[float]:
    """Where each of a side's flows meets it, as a share of the card's height, for its entries
    sorted (the order along the side). Spread evenly between SPREAD_LOW and SPREAD_HIGH
    when that keeps every two arrowheads, and a head and a line, apart; on a crowded side the
    room goes where it is needed and the side's middle WIDE share is used. A loop keeps its own
    height (SELF_GAP); a side's only flow meets it in the middle."""
    count = len(side)
    if count == 1:
        return [0.5]
    if SPREAD_SPAN * height >= HEADS_GAP * (count - 1) and len({entry[2] for entry in side}) == count:
        step = SPREAD_SPAN / (count - 1)  # (the usual side: room enough, and no loop)
        return [SPREAD_LOW + step * k for k in range(count)]
    needs: list[float] = []
    loops = 0
    for k in range(count - 1):
        (_, _, a_id, a_end), (_, _, b_id, b_end) = side[k], side[k + 1]
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
    result = [start / height]
    at = start
    for step in steps:
        at += step
        result.append(at / height)
    return result


def all_ports(sides: dict[Edge, list[Entry]], cards: dict[str, CardBox]) -> dict[str, Ports]:
    """Flow id -> where it meets its two cards, for every side."""
    ports: dict[str, Ports] = {}
    get = ports.get
    for edge, side in sides.items():
        if len(side) == 1:
            _, _, flow_id, end = side[0]
            pair = get(flow_id, CENTRE)
            ports[flow_id] = (0.5, pair[1]) if end == 0 else (pair[0], 0.5)
            continue
        side.sort()
        for (_, _, flow_id, end), share in zip(side, shares(side, cards[edge[0]].rect.h)):
            pair = get(flow_id, CENTRE)
            ports[flow_id] = (share, pair[1]) if end == 0 else (pair[0], share)
    return ports
