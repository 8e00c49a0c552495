"""A flow's label never covers a card, nor another label, on screen or on paper.

A label sits on its own flow: in the gap between two columns (widened for it, `map_layout.column_edges`)
for a flow to the next column or within one column, or on its run in the band under the cards for a
flow routed there (the band is as deep as its labels). Labels in one gap are moved apart along it
(`flows.spread_labels`).
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from journeymapper.io import load_path
from journeymapper.layout.geometry import Rect
from journeymapper.layout.map_layout import MapLayout, layout_map
from journeymapper.model.document import Document
from journeymapper.resources import example_map_path
from tests.check.builders import fl, make_map, tp

LABELS = ("Taps the tag", "Would rather call", "Orders at home that evening", "Comes back to the shop",
          "x", "A label far too long to be shown whole in the little room a flow has between two columns")


def _overlap(a: Rect, b: Rect) -> bool:
    return min(a.right, b.right) - max(a.x, b.x) > 0.01 and min(a.bottom, b.bottom) - max(a.y, b.y) > 0.01


def _in_map(layout: MapLayout, rect: Rect, lane: str | None) -> Rect:
    return rect if lane is None else rect.moved(0.0, layout.lanes[lane].y)


def _problems(layout: MapLayout) -> list[str]:
    cards = [(card.id, _in_map(layout, card.rect, card.persona)) for card in layout.cards.values()]
    labels = [(flow.id, _in_map(layout, flow.label_rect, flow.lane), flow)
              for flow in layout.flows.values() if flow.label_rect is not None]
    problems = []
    stages = list(layout.stages)
    for flow_id, rect, flow in labels:
        source, target = stages.index(layout.cards[flow.source].stage), stages.index(layout.cards[flow.target].stage)
        if target > source and flow.kind != "loop":  # forward: its label is in the gap before the target
            problems += [f"{flow_id} covers {card_id}" for card_id, card in cards if _overlap(rect, card)]
        problems += [f"{flow_id} covers {other_id}" for other_id, other, other_flow in labels
                     if other_id != flow_id and flow.lane == other_flow.lane and _overlap(rect, other)]
    return problems


def test_the_example_maps_labels_cover_no_card_and_no_other_label():
    layout = layout_map(load_path(example_map_path()).map)
    assert sum(1 for flow in layout.flows.values() if flow.label_rect is not None) >= 8
    assert _problems(layout) == []
    # The gaps that hold labels are wider than the others; the rest keep the style's column width.
    widths = [b - a for a, b in zip(layout.column_edges, layout.column_edges[1:])]
    assert max(widths) > layout.style.column_width and min(widths) == layout.style.column_width


def _random_map(seed: int):
    rng = random.Random(seed)
    stages = ("s1", "s2", "s3", "s4")
    cards = [tp(f"t{n}", rng.choice(("p1", "p2")), rng.choice(stages)) for n in range(16)]
    flows = []
    for n in range(20):
        a, b = rng.sample(range(16), 2)
        flows.append(fl(f"f{n}", f"t{a}", f"t{b}", kind=rng.choice(("next", "next", "alternative", "loop")),
                        label=rng.choice(LABELS + ("", "", ""))))
    unique = {(f["source"], f["target"]): f for f in flows}
    return make_map(cards, list(unique.values()), personas=("p1", "p2"), stages=stages)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000))
def test_labels_of_forward_flows_cover_no_card_and_no_other_label(seed):
    assert _problems(layout_map(_random_map(seed))) == []


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.lists(st.sampled_from(LABELS + ("",)), min_size=1, max_size=6))
def test_after_labels_change_the_layout_is_what_a_fresh_layout_gives(seed, new_labels):
    document = Document(_random_map(seed))
    layout = layout_map(document.map)
    for n, label in enumerate(new_labels):
        flow = document.map.flows[n % len(document.map.flows)]
        document.set_field(flow.id, "label", label)
        layout = layout_map(document.map, previous=layout)
        fresh = layout_map(document.map)
        assert layout.column_edges == fresh.column_edges
        assert layout.flows == fresh.flows
        assert layout.cards == fresh.cards
        assert _problems(layout) == []


def test_a_skipping_flows_label_follows_its_gap_when_the_gap_moves_but_its_cards_stay():
    """A card moves to another column: one gap narrows and the next widens, so the column before F's
    target moves while F's two cards stay where they were (found in review)."""
    cards = [tp("a", "p1", "s1"), tp("b", "p1", "s2"), tp("d", "p1", "s4"), tp("c", "p1", "s4"), tp("e", "p1", "s3")]
    document = Document(make_map(cards, [fl("F", "a", "d", label="x"), fl("G", "b", "c", label=LABELS[2])],
                                 stages=("s1", "s2", "s3", "s4")))
    before = layout_map(document.map)
    document.move_touchpoint("c", stage_id="s3")
    after, fresh = layout_map(document.map, previous=before), layout_map(document.map)
    assert after.column_edges != before.column_edges
    assert after.flows == fresh.flows
    assert _problems(after) == []
