"""Property: laying a map out again from the previous layout gives exactly what a fresh layout gives.

The editor relies on the incremental layout after every edit (it reuses boxes
and reroutes only the flows an edit touched); the PDF and a fresh open use a
fresh layout. If the two ever disagreed, the screen would show a stale flow.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from journeymapper.layout.map_layout import MapLayout, layout_map
from journeymapper.model.document import Document
from tests.benchmarks.bigmap import big_map
from tests.model.conftest import small_map
from tests.model.test_document_inverses import apply_random_edit


def assert_same(incremental, fresh) -> None:
    assert incremental.cards == fresh.cards
    assert incremental.flows == fresh.flows
    assert list(incremental.flows) == list(fresh.flows)
    assert incremental.lanes == fresh.lanes
    assert incremental.curves == fresh.curves
    assert incremental.lists == fresh.lists
    assert incremental == fresh


@settings(max_examples=120, deadline=None)
@given(st.data())
def test_each_edit_laid_out_from_the_last_layout_equals_a_fresh_layout(data):
    doc = Document(small_map())
    layout = layout_map(doc.map)
    counter = [0]
    undo = []
    for _ in range(data.draw(st.integers(1, 20))):
        inverse = apply_random_edit(doc, data, counter)
        if inverse:
            undo.append(inverse)
        layout = layout_map(doc.map, previous=layout)
        assert_same(layout, layout_map(doc.map))
    for inverse in reversed(undo):
        inverse()
        layout = layout_map(doc.map, previous=layout)
        assert_same(layout, layout_map(doc.map))


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_moves_on_a_crowded_map_match_a_fresh_layout(data):
    """Many flows per card, between lanes and backwards: the ports and dips must follow every move."""
    doc = Document(big_map(120, 260, 3, 4, seed=data.draw(st.integers(0, 50))))
    layout = layout_map(doc.map)
    cards = [t.id for t in doc.touchpoints]
    for _ in range(data.draw(st.integers(1, 6))):
        card = data.draw(st.sampled_from(cards))
        persona = data.draw(st.sampled_from([p.id for p in doc.personas]))
        stage = data.draw(st.sampled_from([s.id for s in doc.stages]))
        index = doc.cell_insert_index(persona, stage, data.draw(st.integers(0, 12)), ignoring=card)
        doc.move_touchpoint(card, persona, stage, index)
        layout = layout_map(doc.map, previous=layout)
        assert_same(layout, layout_map(doc.map))


def _a_drop() -> tuple[Document, object, MapLayout, MapLayout]:
    """A 400-card map, laid out before and after its eighth card is dropped first in its cell."""
    doc = Document(big_map(400, 600, 4, 6))
    before = layout_map(doc.map)
    card = doc.touchpoints[7]
    doc.move_touchpoint(card.id, card.persona, card.stage, 0)
    return doc, card, before, layout_map(doc.map, previous=before)


def test_a_drop_reuses_the_paths_of_flows_it_did_not_touch():
    doc, _, before, after = _a_drop()
    reused = sum(after.flows[f] is before.flows[f] for f in after.flows)
    assert reused > 0.7 * len(after.flows)
    assert_same(after, layout_map(doc.map))


def test_an_edit_in_one_lane_keeps_the_other_lanes_whole():
    _, card, before, after = _a_drop()
    for persona_id, curve in after.curves.items():
        untouched = persona_id != card.persona
        assert (curve is before.curves[persona_id]) == untouched, persona_id
        cards = [c for c in after.cards.values() if c.persona == persona_id]
        assert all(c is before.cards[c.id] for c in cards) == untouched, persona_id


def test_a_move_plans_again_only_what_it_touched() -> None:
    """(An edit that made the plan afresh gives the same picture, only slower: this holds the
    incremental path to being taken.)"""
    doc = Document(big_map(200, 300, 2, 5))
    before = layout_map(doc.map)
    card = doc.touchpoints[7]
    stages = [s.id for s in doc.stages]
    doc.move_touchpoint(card.id, card.persona, stages[(stages.index(card.stage) + 1) % len(stages)], 0)
    after = layout_map(doc.map, previous=before)
    plan = after.sources["plan"]
    assert plan.changed is not None and len(plan.changed) < len(doc.flows) // 4
