"""A value the model refuses is explained in a person's words: the inspector (which already shows
the element) gets `KPI 1, reading 2: the value 'abc' is not a number`, never
`stage.kpis[0].readings[1].value: ...`; the reader, which has the whole map, also names the element
(`Stage “Buy”, KPI 1 “NPS”, reading 2`) and gives the path in the file apart, for whoever repairs it.
Format 2's fields are named as the editor names them: a reading, a quote, the due date, the pain points
an opportunity addresses, the map it is based on."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from journeymapper.model.document import Document, DocumentError
from journeymapper.model.messages import describe_validation_error, explain_validation_error, place_of
from journeymapper.model.schema import Map

from .conftest import small_map

PATH_LIKE = re.compile(r"\w\.\w|\[\d+\]|\b(stage|touchpoint|persona|flow|map)\.")


@pytest.mark.parametrize(
    ("element_id", "field", "value", "message"),
    [
        ("s1", "kpis", [{"name": "NPS", "readings": [{"date": "2026-11-01", "value": 1},
                                                     {"date": "2026-11-08", "value": "abc"}]}],
         "KPI 1, reading 2: the value 'abc' is not a number"),
        ("s1", "kpis", [{"name": "NPS", "readings": [{"value": 3}]}], "KPI 1, reading 1: the date is missing"),
        ("s1", "kpis", [{"name": "NPS", "readings": [{"date": "2026-11-01", "value": 3}] * 501}],
         "KPI 1: it has 501 readings; at most 500 are allowed"),
        ("s1", "kpis", [{"name": "NPS", "direction": "down"}],
         "KPI 1: the direction 'down' is not one of 'higher', 'lower' or 'target'"),
        ("s1", "kpis", [{"name": "NPS"}, {"name": ""}], "KPI 2: the name must not be empty"),
        ("s1", "kpis", [{"name": "NPS", "target": float("inf")}],
         "KPI 1: the target must be a finite number (not NaN or infinity)"),
        ("a", "emotion", 3, "the emotion 3 is out of range: it must be from -2 to 2"),
        ("a", "title", "", "the title must not be empty"),
        ("a", "notes", "n" * 10_001, "the notes are longer than 10,000 characters"),
        ("a", "pain_points", [{"text": "Slow", "severity": "urgent"}],
         "Pain point 1: the severity 'urgent' is not one of 'low', 'medium' or 'high'"),
        ("a", "opportunities", [{"text": "Faster", "due": "soon"}],
         "Opportunity 1: the due date 'soon' is not a date like 2027-03-31"),
        ("a", "opportunities", [{"text": "Faster", "status": "doing"}],
         "Opportunity 1: the status 'doing' is not one of 'idea', 'planned', 'in_progress', 'done' or 'dropped'"),
        ("a", "opportunities", [{"text": "Faster", "addresses": "ap1"}],
         "Opportunity 1: the pain points it addresses must be a list, not the text 'ap1'"),
        ("a", "opportunities", [{"text": "Faster", "addresses": ["ok", "not ok"]}],
         "Opportunity 1, addressed pain point 2: 'not ok' is not a valid id (1-64 letters, digits or _ . : -)"),
        ("a", "quotes", [{"text": "q" * 1001}], "Quote 1: the text is longer than 1,000 characters"),
        ("p1", "quotes", [{"text": "Hi", "who": "w" * 201}],
         "Quote 1: the name of who said it is longer than 200 characters"),
        ("p1", "source", "s" * 501, "the evidence source is longer than 500 characters"),
        ("a", "action", "x" * 2_001, "the “Does” text is longer than 2,000 characters"),
        ("p1", "goals", ["g"] * 51, "it has 51 goals; at most 50 are allowed"),
        ("p1", "goals", ["fine", "bad\x07"], "Goal 2 contains a character that is not allowed in text (U+0007)"),
        ("p1", "color", "red", "the colour 'red' is not a colour like #2E86AB"),
        ("f1", "source", 7, "the card it starts from must be text"),
    ],
)
def test_the_inspector_gets_plain_words(doc: Document, element_id: str, field: str, value, message: str) -> None:
    with pytest.raises(DocumentError) as info:
        doc.set_field(element_id, field, value)
    assert str(info.value) == message
    assert not PATH_LIKE.search(message)


def test_a_map_field_too(doc: Document) -> None:
    with pytest.raises(DocumentError) as info:
        doc.set_map_field("review_by", "soon")
    assert str(info.value) == "the review date 'soon' is not a date like 2027-03-31"


def _errors(raw: dict) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        Map.model_validate(raw)
    return info.value


def test_the_reader_names_the_element_and_gives_the_path_apart() -> None:
    raw = small_map().model_dump(mode="json")
    raw["stages"][1]["kpis"] = [{"id": "k1", "name": "NPS", "readings": [{"date": "2026-11-01", "value": 7},
                                                                      {"date": "2026-11-08", "value": "abc"}]}]
    raw["touchpoints"][2]["emotion"] = 9
    raw["flows"][1]["label"] = "l" * 201
    raw["personas"][1]["name"] = ""
    explained = explain_validation_error(_errors(raw), "map", raw, "The map")
    assert explained == [
        ("Persona 2: the name must not be empty", "map.personas[1].name"),
        ("Stage “Buy”, KPI 1 “NPS”, reading 2: the value 'abc' is not a number",
         "map.stages[1].kpis[0].readings[1].value"),
        ("Card “C”: the emotion 9 is out of range: it must be from -2 to 2", "map.touchpoints[2].emotion"),
        ("Flow “C” → “B”: the label is longer than 200 characters", "map.flows[1].label"),
    ]


def test_describing_without_the_map_numbers_what_it_cannot_name() -> None:
    raw = small_map().model_dump(mode="json")
    raw["stages"][1]["kpis"] = [{"id": "k1", "name": "NPS", "readings": [{"date": "2026-11-01", "value": "abc"}]}]
    assert describe_validation_error(_errors(raw), "map") == [
        "Stage 2, KPI 1, reading 1: the value 'abc' is not a number"]


def test_a_problem_inside_the_map_it_is_based_on_is_placed_there() -> None:
    """`based_on` is an object, not a list: its own fields are not the map's (“the title” of which map?)."""
    raw = small_map().model_dump(mode="json")
    raw.update(state="future", based_on={"id": "m0", "title": "", "modified": "2026-11-23T10:00:00Z"})
    assert explain_validation_error(_errors(raw), "map", raw, "The map") == [
        ("The map it is based on: the title must not be empty", "map.based_on.title")]
    raw["based_on"] = "m0"
    assert explain_validation_error(_errors(raw), "map", raw, "The map") == [
        ("The map: the map it is based on is not written correctly: it is the text 'm0'", "map.based_on")]


def test_an_upgraded_map_is_placed_where_the_old_file_has_it() -> None:
    """`where` moves an error to the place the file read has it, or leaves one out."""
    raw = small_map().model_dump(mode="json")
    raw["stages"][1]["kpis"] = [{"id": "k1", "name": "NPS", "readings": [{"date": None, "value": "abc"}]}]

    def v1_place(loc: tuple) -> tuple | None:
        return None if loc[-1] == "date" else (*loc[:4], "value")

    assert explain_validation_error(_errors(raw), "map", raw, "The map", where=v1_place) == [
        ("Stage “Buy”, KPI 1 “NPS”: the value 'abc' is not a number", "map.stages[1].kpis[0].value")]


def test_only_the_first_errors_are_worded_when_asked() -> None:
    raw = small_map().model_dump(mode="json")
    for card in raw["touchpoints"]:
        card["emotion"] = 5
    assert len(explain_validation_error(_errors(raw), "map", raw, limit=2)) == 2


@pytest.mark.parametrize(
    ("loc", "place"),
    [
        (("touchpoints", 0), "Card “A”"),
        (("touchpoints", 9), "Card 10"),
        (("flows", 2), "Flow “B” → “D”"),
        (("stages", 2), "Stage “Love”"),
        (("personas", 0, "goals", 3), "Persona “Parent”, goal 4"),
        (("title",), "The map"),
        (("stages", 1, "kpis", 0, "readings", 4), "Stage “Buy”, KPI 1 “NPS”, reading 5"),
        (("touchpoints", 1, "quotes", 0), "Card “B”, quote 1"),
        (("personas", 1, "quotes", 2), "Persona “Office”, quote 3"),
        (("touchpoints", 0, "opportunities", 1, "addresses", 2), "Card “A”, opportunity 2, addressed pain point 3"),
        (("based_on", "title"), "The map it is based on"),
    ],
)
def test_places_read_as_the_editor_shows_them(loc, place: str) -> None:
    raw = small_map().model_dump(mode="json")
    raw["stages"][1]["kpis"] = [{"id": "k1", "name": "NPS"}]
    assert place_of(loc, raw, top="The map") == place
