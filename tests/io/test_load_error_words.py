"""A file that cannot be opened is explained in plain words first -- what is wrong and what to do,
naming things as the editor shows them -- and the technical detail (line and column, the path in
the file) after it, for whoever repairs the file. Each broken file is built here."""

from __future__ import annotations

import json
import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from journeymapper.io import LoadError, load_bytes, load_path
from journeymapper.io.errors import LoadProblem

from .helpers import SPEC_EXAMPLE, V2_SPEC_GOLDEN, encode, spec_envelope, spec_v1_envelope

SPEC = V2_SPEC_GOLDEN.read_bytes()
CUT_OFF = "This file is cut off: it ends in the middle. If someone sent it to you, ask them to send it again."


def refused(data: bytes, source: str | None = None) -> LoadError:
    with pytest.raises(LoadError) as info:
        load_bytes(data, source)
    return info.value


def broken(change) -> bytes:
    envelope = spec_envelope()
    change(envelope)
    return encode(envelope)


def test_a_cut_off_file_says_so_first_then_where_it_ends() -> None:
    # Cut inside a text value that starts on a later line: the JSON error names where the text began.
    cut = SPEC[: SPEC.index(b"Checkout analytics") + 5]
    err = refused(cut, "cake.jmap")
    (problem,) = err.found
    line = SPEC[: SPEC.index(b'"Checkout analytics')].count(b"\n") + 1
    assert problem.plain == CUT_OFF
    assert re.fullmatch(rf"not valid JSON: Unterminated string starting at line {line}, column \d+", problem.detail)
    assert "at at" not in str(err)
    assert err.lines() == [f"cake.jmap: {CUT_OFF} ({problem.detail})"]


def test_every_cut_of_a_map_is_called_cut_off() -> None:
    """Wherever a copy or a save stopped -- in a word, a number, a character, or before zero bytes."""
    full = (Path(V2_SPEC_GOLDEN).parent / "full.jmap").read_bytes()
    for data in (SPEC, full, SPEC_EXAMPLE.read_bytes()):
        body = data.rstrip()
        for end in range(1, len(body)):
            for cut in (body[:end], body[:end] + b"\x00" * 64):
                assert refused(cut).plain() == CUT_OFF, cut[-20:]


def _docx() -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        docx.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def _xlsx() -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as xlsx:
        xlsx.writestr("[Content_Types].xml", "<Types/>")
        xlsx.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (_docx(), "a Word document"),
        (_xlsx(), "an Excel workbook"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "a PNG picture"),
        (b"%PDF-1.4\n" + bytes(100), "a PDF document"),
        (b"Shopping list:\n- flour\n- eggs\n", "ordinary text"),
        (bytes(range(256)), "binary data, not text"),
    ],
    ids=["word", "excel", "png", "pdf", "text", "binary"],
)
def test_a_file_that_is_not_json_at_all_says_what_it_is(data: bytes, what: str) -> None:
    err = refused(data)
    assert err.plain() == (f"This file is not a journey map: it holds {what} (perhaps it was renamed). "
                           "Open the journey map file you meant instead.")


@pytest.mark.parametrize(
    ("data", "plain"),
    [
        (SPEC.decode().encode("utf-16"), "This file is saved as UTF-16 text"),
        (SPEC.decode().encode("utf-16-le"), "This file looks like UTF-16 or UTF-32 text"),
        (SPEC.decode().replace("Busy parent", "Mère pressée").encode("cp1252"),
         "This file holds characters in another text encoding"),
    ],
    ids=["utf-16", "utf-16-without-mark", "windows-1252"],
)
def test_a_wrong_encoding_says_what_to_do(data: bytes, plain: str) -> None:
    err = refused(data)
    assert err.plain() == (f"{plain}, but journey map files are UTF-8 text: perhaps another program saved it. "
                           "Ask for the original file, or save it again as UTF-8.")


def test_the_encoding_detail_says_which_byte_and_where() -> None:
    data = SPEC.decode().replace("Busy parent", "Mère pressée").encode("cp1252")
    line = data[: data.index(b"M\xe8re")].count(b"\n") + 1
    assert re.fullmatch(rf"byte 0xe8 at line {line}, offset \d+, is not UTF-8 text", refused(data).found[0].detail)


def test_a_map_from_a_newer_version_says_to_update_and_names_both_formats() -> None:
    err = refused(broken(lambda e: e.update(schema_version=3, readable_by=3)), "cake.jmap")
    assert err.lines() == [
        ("cake.jmap: This map was saved by a newer version of journeymapper: update journeymapper to open it. "
         "(saved by a newer journeymapper: file format 3, this version reads up to 2)")
    ]


@pytest.mark.parametrize(
    "data",
    [b'{"name": "my-shop", "version": "1.0.0"}', b'{"format": "mindmapper", "nodes": []}', b"[1, 2, 3]"],
    ids=["package-json", "other-format", "a-list"],
)
def test_json_that_is_not_a_journey_map_says_so(data: bytes) -> None:
    assert refused(data).plain() == "This file is not a journey map: it holds data from another program."


def test_a_broken_field_is_named_as_a_person_sees_it() -> None:
    err = refused(broken(lambda e: e["map"]["stages"][1]["kpis"][0]["readings"][0].update(value="abc")))
    assert err.found == [LoadProblem("Stage “Purchase”, KPI 1 “Conversion rate”, reading 1: the value 'abc' is not "
                                     "a number", "map.stages[1].kpis[0].readings[0].value")]
    assert str(err) == ("Stage “Purchase”, KPI 1 “Conversion rate”, reading 1: the value 'abc' is not a number "
                        "(map.stages[1].kpis[0].readings[0].value)")


def test_a_broken_field_of_a_v1_file_is_named_where_that_file_has_it() -> None:
    """A format 1 file has the KPI's `value`, not a reading: its problem is named there."""
    envelope = spec_v1_envelope()
    envelope["map"]["stages"][1]["kpis"][0]["value"] = "abc"
    err = refused(encode(envelope))
    assert err.found == [LoadProblem("Stage “Purchase”, KPI 1 “Conversion rate”: the value 'abc' is not a number",
                                     "map.stages[1].kpis[0].value")]


@pytest.mark.parametrize(
    ("change", "plain"),
    [
        (lambda e: e["map"]["touchpoints"][0].update(emotion=7),
         "Card “Sees a friend's cake photo”: the emotion 7 is out of range: it must be from -2 to 2"),
        (lambda e: e["map"]["personas"][0].update(color="blue"),
         "Persona “Busy parent”: the colour 'blue' is not a colour like #2E86AB"),
        (lambda e: e["map"]["flows"][0].update(kind="jump"),
         ("Flow “Sees a friend's cake photo” → “Orders on the website”: the kind 'jump' is not one of 'next', "
          "'alternative' or 'loop'")),
        (lambda e: e["map"]["touchpoints"][1]["pain_points"][0].update(text=""),
         "Card “Orders on the website”, pain point 1: the text must not be empty"),
        (lambda e: e["map"].update(review_by="31/03/2027"),
         "The map: the review date '31/03/2027' is not a date like 2027-03-31"),
        (lambda e: e["map"]["touchpoints"][0].pop("title"), "Card 1: the title is missing"),
        (lambda e: e["map"]["touchpoints"][0].update(colour="red"),
         "Card “Sees a friend's cake photo”: 'colour' is not a field journeymapper knows"),
        (lambda e: e["map"]["stages"][1]["kpis"][0]["readings"].append({"date": "2027-01-10", "value": "2,6"}),
         "Stage “Purchase”, KPI 1 “Conversion rate”, reading 2: the value '2,6' is not a number"),
        (lambda e: e["map"]["stages"][1]["kpis"][0].update(direction="down"),
         ("Stage “Purchase”, KPI 1 “Conversion rate”: the direction 'down' is not one of 'higher', 'lower' or "
          "'target'")),
        (lambda e: e["map"]["touchpoints"][1]["opportunities"][0].update(due="end of May"),
         "Card “Orders on the website”, opportunity 1: the due date 'end of May' is not a date like 2027-03-31"),
        (lambda e: e["map"]["touchpoints"][1]["opportunities"][0].update(addresses=["t2.p1", ""]),
         ("Card “Orders on the website”, opportunity 1, addressed pain point 2: '' is not a valid id (1-64 "
          "letters, digits or _ . : -)")),
        (lambda e: e["map"]["personas"][0].update(quotes=[{"id": "q1", "text": "Hi", "who": 3}]),
         "Persona “Busy parent”, quote 1: the name of who said it must be text, not the number 3"),
        (lambda e: e["map"].update(state="future", based_on={"id": "m0", "title": "Today", "modified": "today"}),
         "The map it is based on: the date of the last change 'today' is not a timestamp like 2026-11-23T10:00:00Z"),
        (lambda e: e["map"].update(language="Deutsch"),
         "The map: the language 'Deutsch' is not a language tag like en, de or pt-BR"),
    ],
    ids=["emotion", "colour", "flow-kind", "pain-point", "review-date", "no-title", "unknown-field", "reading",
         "direction", "due-date", "addresses", "quote", "based-on", "language"],
)
def test_field_problems_name_the_card_stage_persona_or_flow(change, plain: str) -> None:
    assert refused(broken(change)).plain() == plain


@pytest.mark.parametrize(
    ("change", "line"),
    [
        (lambda e: e["map"]["touchpoints"][1].update(stage="s9"),
         ("Card “Orders on the website” is in a stage that is not in the map "
          "(map.touchpoints[1].stage: no stage with id 's9')")),
        (lambda e: e["map"]["touchpoints"][0].update(persona="ghost"),
         ("Card “Sees a friend's cake photo” belongs to a persona that is not in the map "
          "(map.touchpoints[0].persona: no persona with id 'ghost')")),
        (lambda e: e["map"]["flows"][0].update(target="gone"),
         ("Flow from “Sees a friend's cake photo” leads to a card that is not in the map "
          "(map.flows[0].target: no touchpoint with id 'gone')")),
        (lambda e: e["map"]["flows"][0].update(id="p1"),
         ("Flow “Sees a friend's cake photo” → “Orders on the website” and persona “Busy parent” have the same "
          "internal id: the file was probably changed by hand or by another program "
          "(map.flows[0].id: id 'p1' is already used by map.personas[0])")),
        (lambda e: e["map"]["touchpoints"][1]["opportunities"][0].update(id="t2.p1"),
         ("Card “Orders on the website”, opportunity 1 and card “Orders on the website”, pain point 1 have the same "
          "internal id: the file was probably changed by hand or by another program "
          "(map.touchpoints[1].opportunities[0].id: id 't2.p1' is already used by "
          "map.touchpoints[1].pain_points[0])")),
    ],
    ids=["card-stage", "card-persona", "flow-target", "same-id", "same-item-id"],
)
def test_dangling_references_name_what_points_nowhere(change, line: str) -> None:
    assert refused(broken(change)).lines() == [line]


@pytest.mark.parametrize(
    ("key", "count", "noun"),
    [("personas", 51, "personas"), ("stages", 101, "stages"), ("touchpoints", 20_001, "cards")],
)
def test_over_a_limit_says_how_many_and_how_many_are_allowed(key: str, count: int, noun: str) -> None:
    err = refused(broken(lambda e: e["map"].update({key: [{}] * count})))
    assert err.plain() == f"The map has {count:,} {noun}, more than the {count - 1:,} it can hold"


def test_a_list_in_a_card_over_its_limit() -> None:
    err = refused(broken(lambda e: e["map"]["touchpoints"][0].update(pain_points=[{"text": "x"}] * 51)))
    assert err.plain() == "Card “Sees a friend's cake photo”: it has 51 pain points; at most 50 are allowed"


def test_a_file_too_big_says_its_size_and_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.jmap"
    big.write_bytes(b" " * (33 * 1024 * 1024))
    with pytest.raises(LoadError) as info:
        load_path(big)
    assert info.value.plain() == ("This file is too big to be a journey map: it is 33.0 MB, and journeymapper "
                                  "opens files of up to 32 MB.")


def test_names_from_the_file_cannot_break_the_line() -> None:
    def change(e):
        e["map"]["stages"][1]["name"] = "Pur\nchase\u2028now\x00"
        e["map"]["stages"][1]["kpis"][0]["readings"][0]["value"] = "abc"

    lines = refused(broken(change)).lines()
    assert lines[0] == ("Stage “Pur chase now\ufffd”: the name contains a character that is not allowed in text "
                        "(U+0000) (map.stages[1].name)")
    assert lines[1].startswith("Stage “Pur chase now\ufffd”, KPI 1 “Conversion rate”, reading 1: the value 'abc'")
    assert all(len(line.splitlines()) == 1 for line in lines)


def test_load_error_keeps_its_api() -> None:
    """Code that raises LoadError with plain strings, or reads `problems`, `lines()` and `str()`, still works."""
    err = LoadError(["something is wrong", LoadProblem("Plain words.", "the detail")], "x.jmap", more=2)
    assert err.problems == ["something is wrong", "Plain words. (the detail)"]
    assert err.lines() == ["x.jmap: something is wrong", "x.jmap: Plain words. (the detail)",
                           "x.jmap: ... and 2 more problems"]
    assert str(err) == err.summary() == "x.jmap: something is wrong (and 3 more problems)"
    assert err.plain() == "something is wrong" and err.source == "x.jmap" and err.more == 2
    assert json.loads(json.dumps(err.problems)) == err.problems
