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
        ("s1", "kpis", [{"name": "NPS", "value": float("nan")}], "finite"),
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
