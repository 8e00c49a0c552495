"""The diff of two maps by id: what a person would say changed, not what moved in the file."""

from __future__ import annotations

from journeymapper.io import load_path
from journeymapper.model.diff import Move, diff_maps, kept_in_order, to_json
from journeymapper.model.diff_words import Places, spoken_value
from journeymapper.model.document import Document
from journeymapper.resources import example_map_path


def _example():
    return load_path(example_map_path()).map


def test_the_same_map_has_no_changes():
    the_map = _example()
    diff = diff_maps(the_map, the_map)
    assert diff.same and to_json(diff) == {"same": True, "map": [], "elements": [], "moves": []}


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


def test_a_reorder_is_a_move_of_only_the_elements_a_person_moved():
    old = _example()
    doc = Document(old.model_copy(deep=True))
    last = doc.stages[-1]
    doc.move_stage(last.id, 0)  # one stage to the front: the others only shift
    diff = diff_maps(old, doc.map)
    assert not diff.same and diff.elements == ()
    first = old.stages[0].id
    assert diff.moves == (Move("stages", last.id, last.name, len(old.stages), 1, None, first),)
    assert to_json(diff)["moves"] == [{"collection": "stages", "id": last.id, "name": last.name,
                                       "old_place": len(old.stages), "new_place": 1, "after": None,
                                       "before": first}]


def test_a_card_reordered_in_its_cell_is_a_move_and_one_put_in_another_cell_is_a_change():
    old = _example()
    doc = Document(old.model_copy(deep=True))
    cell = next((p.id, s.id) for p in doc.personas for s in doc.stages if len(doc.touchpoints_in(p.id, s.id)) >= 3)
    first, *_, last = doc.touchpoints_in(*cell)
    doc.move_touchpoint(last.id, index=doc.index_of(first.id))
    elsewhere = next(t for t in doc.touchpoints if (t.persona, t.stage) != cell)
    doc.move_touchpoint(elsewhere.id, stage_id=next(s.id for s in doc.stages if s.id != elsewhere.stage
                                                     and (elsewhere.persona, s.id) != cell))
    diff = diff_maps(old, doc.map)
    [move] = diff.moves
    count = len(doc.touchpoints_in(*cell))
    assert (move.collection, move.element_id, move.old_place, move.new_place) == ("touchpoints", last.id, count, 1)
    [change] = diff.elements
    assert change.element_id == elsewhere.id and [f.field for f in change.fields] == ["stage"]


def test_a_card_swapped_while_another_card_came_into_its_cell_names_the_neighbour_it_is_next_to_now():
    """Its place number stays 2 (the new card took place 1): the move says which card it now precedes."""
    old = _example()
    doc = Document(old.model_copy(deep=True))
    cell = next((p.id, s.id) for p in doc.personas for s in doc.stages if len(doc.touchpoints_in(p.id, s.id)) == 2)
    first, second = doc.touchpoints_in(*cell)
    doc.move_touchpoint(second.id, index=doc.index_of(first.id))
    newcomer = next(t for t in doc.touchpoints if (t.persona, t.stage) != cell and t.persona == cell[0])
    doc.move_touchpoint(newcomer.id, stage_id=cell[1], index=doc.index_of(second.id))
    assert [t.id for t in doc.touchpoints_in(*cell)] == [newcomer.id, second.id, first.id]
    [move] = diff_maps(old, doc.map).moves
    moved, kept = (second, first) if move.element_id == second.id else (first, second)
    assert move.element_id == moved.id and (move.after, move.before) in ((kept.id, None), (None, kept.id))
    if move.element_id == second.id:
        assert (move.old_place, move.new_place, move.before) == (2, 2, first.id)


def test_kept_in_order_is_the_longest_run_that_kept_its_order():
    assert kept_in_order("abcde", "eabcd") == set("abcd")
    assert kept_in_order("abcde", "abdce") in ({"a", "b", "d", "e"}, {"a", "b", "c", "e"})
    assert kept_in_order("abc", "xaybzc") == set("abc")
    assert kept_in_order("", "abc") == set()


def test_places_name_cards_by_cell_and_title_and_the_first_map_wins():
    old = _example()
    doc = Document(old.model_copy(deep=True))
    card = doc.touchpoints[0]
    stage = next(s for s in doc.stages if s.id == card.stage)
    persona = next(p for p in doc.personas if p.id == card.persona)
    doc.set_field(stage.id, "name", "Renamed stage")
    assert Places(doc.map, old).element("touchpoints", card.id) == f"Renamed stage / {persona.name}: “{card.title}”"
    assert Places(old, doc.map).element("stages", stage.id) == f"Stage “{stage.name}”"
    assert Places(doc.map).element("touchpoints", "gone") == "Card gone"
    assert (spoken_value("emotion", -1), spoken_value("emotion", -1, ascii_signs=True)) == ("−1", "-1")
    assert (spoken_value("notes", ""), spoken_value("goals", ["a"]), spoken_value("readings", [{}, {}])) == \
        ("(empty)", "“a”", "2 readings")
