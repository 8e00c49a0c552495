"""The diff of two maps by id: what a person would say changed, not what moved in the file."""

from __future__ import annotations

from journeymapper.io import load_path
from journeymapper.model.diff import diff_maps, to_json
from journeymapper.model.document import Document
from journeymapper.resources import example_map_path


def _example():
    return load_path(example_map_path()).map


def test_the_same_map_has_no_changes():
    the_map = _example()
    diff = diff_maps(the_map, the_map)
    assert diff.same and to_json(diff) == {"same": True, "map": [], "elements": []}


def test_a_card_moved_and_renamed_is_one_card_that_changed():
    old = _example()
    doc = Document(old.model_copy(deep=True))
    card = doc.touchpoints[0]
    other_stage = next(s.id for s in doc.stages if s.id != card.stage)
    doc.move_touchpoint(card.id, card.persona, other_stage, 0)
    doc.set_field(card.id, "title", "Renamed")
    diff = diff_maps(old, doc.map)
    [change] = diff.of("touchpoints")
    assert change.kind == "changed" and change.element_id == card.id and change.name == "Renamed"
    assert {f.field for f in change.fields} == {"stage", "title"}
    assert not diff.of("touchpoints", "added") and not diff.of("touchpoints", "removed")


def test_items_are_matched_by_id_and_the_rest_by_field():
    old = _example()
    doc = Document(old.model_copy(deep=True))
    card = next(t for t in doc.touchpoints if len(t.pain_points) >= 2)
    pains = [p.model_dump() for p in card.pain_points]
    pains[0]["text"] = "Reworded"
    del pains[1]
    doc.set_field(card.id, "pain_points", [*pains, {"text": "New pain"}])
    doc.set_map_field("title", "A new title")
    diff = diff_maps(old, doc.map)
    [change] = diff.of("touchpoints")
    kinds = sorted((i.kind, i.field) for i in change.items)
    assert kinds == [("added", "pain_points"), ("changed", "pain_points"), ("removed", "pain_points")]
    changed = next(i for i in change.items if i.kind == "changed")
    assert changed.item_id == card.pain_points[0].id and changed.new["text"] == "Reworded"
    assert [f.field for f in diff.map_fields] == ["title"]


def test_added_and_removed_elements_and_unlabelled_flows_by_their_cards():
    old = _example()
    doc = Document(old.model_copy(deep=True))
    flow = next(f for f in doc.flows if not f.label)
    doc.remove(flow.id)
    persona = doc.personas[0].id
    added = doc.add_touchpoint(doc.touchpoints[0].model_copy(update={"id": "new-card", "title": "Brand new"}))
    assert added >= 0
    diff = diff_maps(old, doc.map)
    [removed] = diff.of("flows", "removed")
    source, target = (old_card.title for i in (flow.source, flow.target) for old_card in old.touchpoints
                      if old_card.id == i)
    assert removed.element_id == flow.id and removed.name == f"{source} → {target}"
    [new_card] = diff.of("touchpoints", "added")
    assert new_card.element_id == "new-card" and new_card.name == "Brand new" and persona
