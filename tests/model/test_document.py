"""The Document is the only way to change a map: every edit validates, emits, and can be inverted."""

import pytest

from journeymapper.model.document import Document, DocumentError, new_map
from journeymapper.model.events import (
    ElementAdded,
    ElementChanged,
    ElementMoved,
    ElementRemoved,
    MapFieldChanged,
    MapReplaced,
)
from journeymapper.model.schema import Flow, Persona, Stage, Touchpoint

from .conftest import small_map


def ids(items):
    return [item.id for item in items]


def test_reading(doc):
    assert ids(doc.personas) == ["p1", "p2"]
    assert "a" in doc and "zz" not in doc
    assert doc.get("b").title == "B"
    assert doc.index_of("c") == 2
    assert ids(doc.touchpoints_in("p1", "s1")) == ["a", "c"]
    assert ids(doc.flows_touching(["b"])) == ["f1", "f2", "f3"]
    with pytest.raises(DocumentError, match="no element with id 'zz'"):
        doc.get("zz")


def test_add_each_kind_emits_and_indexes(doc, events):
    doc.add_persona(Persona(id="p3", name="Student"), 0)
    doc.add_stage(Stage(id="s4", name="Refer"))
    doc.add_touchpoint(Touchpoint(id="x", persona="p3", stage="s4", title="X"), 1)
    doc.add_flow(Flow(id="f5", source="e", target="x", kind="alternative"))
    assert ids(doc.personas) == ["p3", "p1", "p2"]
    assert ids(doc.stages)[-1] == "s4"
    assert doc.index_of("x") == 1
    assert [type(e) for e in events] == [ElementAdded] * 4
    assert events[2] == ElementAdded(doc.get("x"), 1)


@pytest.mark.parametrize(
    "element, message",
    [
        (Persona(id="a", name="Dup"), "already used"),
        (Touchpoint(id="n", persona="nope", stage="s1", title="N"), "no persona with id 'nope'"),
        (Touchpoint(id="n", persona="p1", stage="nope", title="N"), "no stage with id 'nope'"),
        (Flow(id="n", source="a", target="nope"), "no touchpoint with id 'nope'"),
        (Flow(id="n", source="p1", target="a"), "no touchpoint with id 'p1'"),
    ],
)
def test_add_refuses_what_would_break_the_map(doc, events, element, message):
    before = doc.map.model_dump()
    with pytest.raises(DocumentError, match=message):
        doc.add(element)
    assert doc.map.model_dump() == before
    assert events == []


def test_add_refuses_bad_index_and_over_limit(doc, monkeypatch):
    with pytest.raises(DocumentError, match="outside"):
        doc.add_stage(Stage(id="s9", name="Late"), 99)
    from journeymapper.model import document as document_module

    monkeypatch.setitem(document_module._LIMITS, "personas", 2)
    with pytest.raises(DocumentError, match="at most 2 personas"):
        doc.add_persona(Persona(id="p9", name="Third"))


def test_remove_refuses_while_referenced_then_cascades(doc, events):
    before = doc.map.model_dump()
    with pytest.raises(DocumentError, match="still refer"):
        doc.remove_stage("s2")
    removal = doc.remove_stage("s2", cascade=True)
    # flows first, then the cards, then the stage itself; each group from the end of its list
    assert [e.id for e, _ in removal] == ["f4", "f3", "f2", "f1", "d", "b", "s2"]
    assert "s2" not in doc and "b" not in doc and "f4" not in doc
    assert all(isinstance(e, ElementRemoved) for e in events)
    doc.restore(removal)
    assert doc.map.model_dump() == before


def test_remove_flow_and_touchpoint(doc):
    doc.remove_flow("f4")
    assert "f4" not in doc
    removal = doc.remove_touchpoint("e")
    assert removal == [(Touchpoint(id="e", persona="p2", stage="s3", title="E"), 4)]
    with pytest.raises(DocumentError):
        doc.remove_flow("a")  # a touchpoint is not a flow


def test_move_touchpoint_to_another_cell_and_back(doc, events):
    before = doc.map.model_dump()
    target = doc.cell_insert_index("p2", "s2", 0, ignoring="a")
    undo_args = doc.move_touchpoint("a", "p2", "s2", target)
    assert ids(doc.touchpoints_in("p2", "s2")) == ["a", "d"]
    assert doc.get("a").persona == "p2"
    assert isinstance(events[-1], ElementMoved) and events[-1].old.persona == "p1"
    doc.move_touchpoint("a", *undo_args)
    assert doc.map.model_dump() == before


def test_reorder_within_a_cell(doc):
    index = doc.cell_insert_index("p1", "s1", 2, ignoring="a")  # after "c"
    doc.move_touchpoint("a", index=index)
    assert ids(doc.touchpoints_in("p1", "s1")) == ["c", "a"]


def test_cell_insert_index_in_an_empty_cell_appends(doc):
    assert doc.cell_insert_index("p2", "s1", 0) == len(doc.touchpoints)


def test_move_touchpoint_checks_its_targets(doc):
    with pytest.raises(DocumentError, match="no persona"):
        doc.move_touchpoint("a", "zz", "s1")
    with pytest.raises(DocumentError, match="outside"):
        doc.move_touchpoint("a", index=50)


def test_reorder_stages_and_personas(doc, events):
    old = doc.move_stage("s3", 0)
    assert old == 2 and ids(doc.stages) == ["s3", "s1", "s2"]
    doc.move_stage("s3", old)
    assert ids(doc.stages) == ["s1", "s2", "s3"]
    doc.move_persona("p2", 0)
    assert ids(doc.personas) == ["p2", "p1"]
    assert events[-1] == ElementMoved(doc.get("p2"), doc.get("p2"), 1, 0)


def test_set_field_validates_and_replaces_the_element(doc, events):
    old_card = doc.get("a")
    assert doc.set_field("a", "emotion", -2) is None
    assert doc.get("a").emotion == -2
    assert old_card.emotion is None, "elements are immutable: views and undo keep their snapshot"
    assert events == [ElementChanged(old_card, doc.get("a"), "emotion")]
    doc.set_field("a", "pain_points", [{"text": "Slow site", "severity": "high"}])
    assert doc.get("a").pain_points[0].severity == "high"


@pytest.mark.parametrize(
    "element_id, field, value, message",
    [
        ("a", "emotion", 3, "out of range"),
        ("a", "emotion", "2", "whole number"),
        ("a", "channel", "fax", "is not one of"),
        ("a", "title", "", "must not be empty"),
        ("a", "colour", "#000000", "has no field 'colour'"),
        ("a", "id", "new", "cannot be changed"),
        ("a", "stage", "nope", "no stage with id 'nope'"),
        ("f1", "target", "p1", "no touchpoint with id 'p1'"),
        ("p1", "color", "red", "not a colour"),
        ("s1", "kpis", [{"name": "NPS", "readings": [{"date": "2026-11-01", "value": float("nan")}]}], "finite"),
        ("s1", "kpis", [{"name": "NPS", "value": 2.1}], "'value' is not a field"),
        ("a", "opportunities", [{"text": "Faster", "effort": "huge"}], "'huge' is not one of"),
        ("p1", "evidence", "proven", "'proven' is not one of"),
    ],
)
def test_set_field_refuses_invalid_values(doc, events, element_id, field, value, message):
    before = doc.map.model_dump()
    with pytest.raises(DocumentError, match=message):
        doc.set_field(element_id, field, value)
    assert doc.map.model_dump() == before and events == []


def test_set_field_to_the_same_value_is_silent(doc, events):
    doc.set_field("a", "title", "A")
    assert events == []


def test_map_fields(doc, events):
    assert doc.set_map_field("title", "Bakery") == "Small"
    assert doc.map.title == "Bakery"
    assert events == [MapFieldChanged("title", "Small", "Bakery")]
    doc.set_map_field("review_by", "2027-01-31")
    assert str(doc.map.review_by) == "2027-01-31"
    with pytest.raises(DocumentError, match="not a date"):
        doc.set_map_field("review_by", "soon")
    with pytest.raises(DocumentError, match="no editable field"):
        doc.set_map_field("personas", [])
    assert len(doc.personas) == 2, "lists survive a map field change"


def test_replace_map(doc, events):
    fresh = new_map("Other")
    old = doc.replace_map(fresh)
    assert old.title == "Small" and doc.map is fresh
    assert "a" not in doc
    assert isinstance(events[-1], MapReplaced)


def test_a_new_document_has_a_valid_empty_map():
    doc = Document()
    assert doc.map.title and doc.personas == [] and len(doc.map.id) == 32


def test_lists_of_two_documents_are_independent():
    one, two = Document(small_map()), Document(small_map())
    one.remove_flow("f1")
    assert "f1" in two


# -- format 2: KPIs, pain points, opportunities and quotes share the map's one id space ----------------
def _card_with_items(doc: Document) -> None:
    """Card a gets a pain point `a.p1` and an opportunity `a.o1`; stage s1 a KPI `s1.k1`."""
    doc.set_field("a", "pain_points", [{"id": "a.p1", "text": "Slow"}])
    doc.set_field("a", "opportunities", [{"id": "a.o1", "text": "Faster", "addresses": ["a.p1"]}])
    doc.set_field("s1", "kpis", [{"id": "s1.k1", "name": "Visits"}])


def test_items_given_without_an_id_get_a_fresh_one_and_keep_it(doc):
    """A form or a script adds a pain point as {"text": ...}: it gets an id of the map's kind."""
    doc.set_field("a", "pain_points", [{"text": "Slow"}, {"text": "Dear"}])
    first, second = doc.get("a").pain_points
    assert first.id != second.id and all(len(i) == 32 and int(i, 16) >= 0 for i in (first.id, second.id))
    doc.set_field("a", "pain_points", [p.model_dump() for p in doc.get("a").pain_points] + [{"text": "Far"}])
    assert [p.id for p in doc.get("a").pain_points][:2] == [first.id, second.id]
    doc.set_field("p1", "quotes", [{"text": "Hi"}])
    doc.set_field("s2", "kpis", [{"name": "NPS"}])
    new_ids = [doc.get("p1").quotes[0].id, doc.get("s2").kpis[0].id, *(p.id for p in doc.get("a").pain_points)]
    assert len(set(new_ids)) == 5


@pytest.mark.parametrize(
    ("element_id", "field", "value"),
    [
        ("b", "pain_points", [{"id": "a.p1", "text": "Same id as card a's"}]),
        ("b", "quotes", [{"id": "s1.k1", "text": "Same id as a KPI"}]),
        ("p2", "quotes", [{"id": "f1", "text": "Same id as a flow"}]),
        ("s2", "kpis", [{"id": "a", "name": "Same id as a card"}]),
        ("a", "pain_points", [{"id": "a", "text": "Same id as its own card"}]),
        ("a", "quotes", [{"id": "a.p1", "text": "Same id as the card's own pain point"}]),
        ("b", "opportunities", [{"id": "x", "text": "One"}, {"id": "x", "text": "Two"}]),
    ],
    ids=["other-cards-item", "a-kpi", "a-flow", "a-card", "its-own-card", "its-own-item", "each-other"],
)
def test_an_item_id_already_in_the_map_is_refused(doc, element_id, field, value):
    _card_with_items(doc)
    before = doc.map.model_dump()
    with pytest.raises(DocumentError, match="already used|same id"):
        doc.set_field(element_id, field, value)
    assert doc.map.model_dump() == before


def test_an_element_may_keep_its_own_item_ids_when_edited(doc):
    _card_with_items(doc)
    doc.set_field("a", "pain_points", [{"id": "a.p1", "text": "Very slow", "severity": "high"}])
    assert doc.get("a").pain_points[0].text == "Very slow"


def test_an_added_element_may_not_take_an_item_id_nor_bring_a_used_one(doc):
    _card_with_items(doc)
    with pytest.raises(DocumentError, match="already used"):
        doc.add_persona(Persona(id="a.p1", name="Named like a pain point"))
    with pytest.raises(DocumentError, match="already used"):
        doc.add_stage(Stage.model_validate({"id": "s9", "name": "S", "kpis": [{"id": "s1.k1", "name": "K"}]}))
    assert "s9" not in doc and "a.p1" not in doc


def test_an_added_element_may_not_give_an_item_its_own_id(doc):
    card = Touchpoint.model_validate({"id": "n", "persona": "p1", "stage": "s1", "title": "N",
                                      "pain_points": [{"id": "n", "text": "Same id as its card"}]})
    with pytest.raises(DocumentError, match="already used|same id"):
        doc.add_touchpoint(card)


def test_removing_an_element_frees_its_item_ids_and_restoring_takes_them_back(doc):
    _card_with_items(doc)
    removal = doc.remove_touchpoint("a", cascade=True)
    doc.set_field("b", "pain_points", [{"id": "a.p1", "text": "Now b's"}])
    with pytest.raises(DocumentError, match="already used"):
        doc.restore(removal)
    doc.set_field("b", "pain_points", [])
    doc.restore(removal)
    assert doc.get("a").pain_points[0].id == "a.p1"
    with pytest.raises(DocumentError, match="already used"):
        doc.set_field("c", "pain_points", [{"id": "a.p1", "text": "Taken again"}])


def test_a_replaced_map_brings_its_own_item_ids(doc):
    _card_with_items(doc)
    doc.replace_map(small_map())
    doc.set_field("b", "pain_points", [{"id": "a.p1", "text": "Free in the new map"}])
    with pytest.raises(DocumentError, match="already used"):
        doc.set_field("c", "quotes", [{"id": "a.p1", "text": "Now taken"}])
