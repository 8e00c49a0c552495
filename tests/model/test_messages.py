"""A value the model refuses is explained in a person's words: the inspector (which already shows
the element) gets `KPI 1: the value 'abc' is not a number`, never `stage.kpis[0].value: ...`; the
reader, which has the whole map, also names the element (`Stage “Buy”, KPI 1 “NPS”`) and gives
the path in the file apart, for whoever repairs it."""

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
        ("s1", "kpis", [{"name": "NPS", "value": "abc"}], "KPI 1: the value 'abc' is not a number"),
        ("s1", "kpis", [{"name": "NPS"}, {"name": ""}], "KPI 2: the name must not be empty"),
        ("s1", "kpis", [{"name": "NPS", "target": float("inf")}],
         "KPI 1: the target must be a finite number (not NaN or infinity)"),
        ("a", "emotion", 3, "the emotion 3 is out of range: it must be from -2 to 2"),
        ("a", "title", "", "the title must not be empty"),
        ("a", "notes", "n" * 10_001, "the notes are longer than 10,000 characters"),
        ("a", "pain_points", [{"text": "Slow", "severity": "urgent"}],
         "Pain point 1: the severity 'urgent' is not one of 'low', 'medium' or 'high'"),
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
    raw["stages"][1]["kpis"] = [{"name": "NPS", "value": "abc"}]
    raw["touchpoints"][2]["emotion"] = 9
    raw["flows"][1]["label"] = "l" * 201
    raw["personas"][1]["name"] = ""
    explained = explain_validation_error(_errors(raw), "map", raw, "The map")
    assert explained == [
        ("Persona 2: the name must not be empty", "map.personas[1].name"),
        ("Stage “Buy”, KPI 1 “NPS”: the value 'abc' is not a number", "map.stages[1].kpis[0].value"),
        ("Card “C”: the emotion 9 is out of range: it must be from -2 to 2", "map.touchpoints[2].emotion"),
        ("Flow “C” → “B”: the label is longer than 200 characters", "map.flows[1].label"),
    ]


def test_describing_without_the_map_numbers_what_it_cannot_name() -> None:
    raw = small_map().model_dump(mode="json")
    raw["stages"][1]["kpis"] = [{"name": "NPS", "value": "abc"}]
    assert describe_validation_error(_errors(raw), "map") == ["Stage 2, KPI 1: the value 'abc' is not a number"]


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
    ],
)
def test_places_read_as_the_editor_shows_them(loc, place: str) -> None:
    assert place_of(loc, small_map().model_dump(mode="json"), top="The map") == place
