"""A corpus of broken and hostile .jmap files, each with the clear message the reader must give.

The files are the spec example in format 2 (what journeymapper writes) broken one way each, and a
few in format 1 (files that exist), whose problems are named where they are in that file.

Written from docs/jmap-format.md: every bad file gets a LoadError (never a traceback) whose
lines are single lines a user can act on -- what is wrong in plain words first (where it is, as
the editor shows the map), then the technical detail (the path in the file, line and column) in
parentheses -- and a file with many problems reports all of them (up to the cap) with a count of
the rest.
"""

from __future__ import annotations

import copy
import json
import os
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymapper.io import LoadError, dumps, load_bytes, load_path, reader
from journeymapper.io.limits import MAX_FILE_BYTES, MAX_REPORTED_PROBLEMS

from .helpers import SPEC_EXAMPLE, V2_SPEC_GOLDEN, delete_at, encode, set_at, spec_envelope, spec_v1_envelope

SPEC_BYTES = V2_SPEC_GOLDEN.read_bytes()
SPEC_TEXT = SPEC_BYTES.decode("utf-8")
SPEC_V1_BYTES = SPEC_EXAMPLE.read_bytes()

Builder = Callable[[], bytes]


# -- builders ------------------------------------------------------------------------------------
def mutated(*changes: tuple[tuple[Any, ...], Any]) -> Builder:
    """The spec example with values set at paths (a path is a tuple of keys and indexes)."""

    def build() -> bytes:
        envelope = spec_envelope()
        for path, value in changes:
            set_at(envelope, path, value)
        return encode(envelope)

    return build


def v1_mutated(*changes: tuple[tuple[Any, ...], Any]) -> Builder:
    """The spec example as format 1 wrote it, with values set at paths."""

    def build() -> bytes:
        envelope = spec_v1_envelope()
        for path, value in changes:
            set_at(envelope, path, value)
        return encode(envelope)

    return build


def without(*paths: tuple[Any, ...]) -> Builder:
    def build() -> bytes:
        envelope = spec_envelope()
        for path in paths:
            delete_at(envelope, path)
        return encode(envelope)

    return build


def edited(fn: Callable[[dict[str, Any]], Any]) -> Builder:
    def build() -> bytes:
        envelope = spec_envelope()
        fn(envelope)
        return encode(envelope)

    return build


def text_replaced(old: str, new: str) -> Builder:
    """The spec example's text with one literal replaced (for JSON the json module will not write)."""
    assert SPEC_TEXT.count(old) == 1, old

    def build() -> bytes:
        return SPEC_TEXT.replace(old, new).encode("utf-8")

    return build


def raw(data: bytes) -> Builder:
    return lambda: data


def nested(depth: int, open_: str = "[", close: str = "]") -> str:
    return open_ * depth + close * depth


def add_persona(envelope: dict[str, Any], **fields: Any) -> None:
    envelope["map"]["personas"].append({"id": "p2", "name": "Second", **fields})


# -- the corpus ----------------------------------------------------------------------------------
# Each case: the file's bytes, and regexes that must each match (re.search) one line of the error.
def case(name: str, build: Builder, *needles: str, bug: str | None = None) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=f"BUG: {bug}")] if bug else []
    return pytest.param(build, needles, id=name, marks=marks)


def unknown(path: str) -> str:
    """An unknown key: said in words, the path after it."""
    return rf"is not a field journeymapper knows \({re.escape(path)}(: unknown field)?\)$"


def at(path: str, reason: str) -> str:
    """A problem with one field: the reason in words, the field's path in the file after it."""
    return rf"(?:{reason}).*\({re.escape(path)}\)$"


def detail(text: str) -> str:
    """The technical detail, in parentheses at the end of a line."""
    return rf"\({text}\)$"


CUT_OFF = r"^This file is cut off: it ends in the middle\. If someone sent it to you, ask them to send it again\."
DAMAGED = r"^This file is damaged: "
NOT_A_MAP = r"^This file is not a journey map: "
OTHER_ENCODING = r"^This file holds characters in another text encoding, but journey map files are UTF-8"


KPI = ("map", "stages", 1, "kpis", 0)
R0 = (*KPI, "readings", 0)
OPP = ("map", "touchpoints", 1, "opportunities", 0)
PAIN = ("map", "touchpoints", 1, "pain_points", 0)
TP0 = ("map", "touchpoints", 0)
TP1 = ("map", "touchpoints", 1)
P0 = ("map", "personas", 0)
S0 = ("map", "stages", 0)
F0 = ("map", "flows", 0)
NOT_A_TIMESTAMP = "is not a timestamp like 2026-11-23T10:00:00Z"
NOT_A_DATE = "is not a date like 2027-03-31"
NOT_A_COLOUR = "is not a colour like #2E86AB"
CUT = len(SPEC_BYTES) // 2

CORPUS = [
    # ---- syntax and encoding: nothing to validate, one clear line ----
    case("truncated-half", raw(SPEC_BYTES[:CUT]), CUT_OFF, detail(r"not valid JSON: .* at line \d+, column \d+")),
    case("truncated-last-brace", raw(SPEC_BYTES.rstrip()[:-1]), CUT_OFF),
    case("truncated-after-first-key", raw(b'{"format": "journeymapper",'), CUT_OFF),
    case(
        "truncated-in-a-string",
        raw(b'{"format": "journeym'),
        CUT_OFF,
        detail("not valid JSON: Unterminated string starting at line 1, column 12"),
    ),
    case("truncated-in-a-number", raw(SPEC_BYTES[: SPEC_BYTES.index(b"2.1") + 2]), CUT_OFF),
    case("truncated-in-a-word", raw(SPEC_BYTES[: SPEC_BYTES.index(b"null") + 2]), CUT_OFF),
    case("truncated-in-a-character", raw("{\"title\": \"Bäckerei".encode()[:-1]), CUT_OFF),
    case("truncated-then-zeros", raw(SPEC_BYTES[:CUT] + b"\x00" * 4096), CUT_OFF),
    case("only-zeros", raw(b"\x00" * 4096), r"^This file is empty"),
    case(
        "trailing-garbage",
        raw(SPEC_BYTES + b"}"),
        r"^This file is damaged: there is more after the end of the map",
        detail(r"not valid JSON: Extra data at line \d+, column \d+"),
    ),
    case("trailing-comma", text_replaced('"view": {}', '"view": {},'), DAMAGED, detail("not valid JSON: .*")),
    case("single-quotes", raw(b"{'format': 'journeymapper'}"), DAMAGED, detail("not valid JSON: .*")),
    case("comment", raw(b"// a map\n" + SPEC_BYTES), NOT_A_MAP + "it holds ordinary text"),
    case("empty-file", raw(b""), r"^This file is empty: there is nothing in it\."),
    case("whitespace-only", raw(b" \n\t\r\n   \n"), r"^This file is empty"),
    case("bom-only", raw(b"\xef\xbb\xbf"), r"^This file is empty"),
    case(
        "invalid-utf8",
        raw(SPEC_BYTES.replace(b"Corner bakery", b"Corner \xff bakery")),
        OTHER_ENCODING,
        detail(r"byte 0xff at line 8, offset \d+, is not UTF-8 text"),
    ),
    case(
        "latin1-file",
        raw(SPEC_TEXT.replace("Busy parent", "Mère pressée").encode("latin-1")),
        OTHER_ENCODING,
        r"byte 0xe8 at line \d+",
    ),
    case("overlong-utf8", raw(SPEC_BYTES.replace(b"Awareness", b"Aware\xc0\xafness")), OTHER_ENCODING),
    case("utf8-encoded-surrogate", raw(SPEC_BYTES.replace(b"Awareness", b"Aware\xed\xa0\x80ness")), OTHER_ENCODING),
    case("utf16-le-bom", raw(SPEC_TEXT.encode("utf-16")), r"^This file is saved as UTF-16 text, but .* UTF-8"),
    case("utf16-be-bom", raw(b"\xfe\xff" + SPEC_TEXT.encode("utf-16-be")), r"^This file is saved as UTF-16"),
    case("utf16-no-bom", raw(SPEC_TEXT.encode("utf-16-le")), r"^This file looks like UTF-16 or UTF-32 text"),
    case("utf32", raw(SPEC_TEXT.encode("utf-32-le")), r"^This file looks like UTF-16 or UTF-32 text"),
    case("raw-nul-byte", raw(SPEC_BYTES.replace(b'"view": {}', b'"view": {}\x00')), DAMAGED),
    case("binary-junk", raw(bytes(range(256)) * 4), NOT_A_MAP + "it holds binary data, not text"),
    # ---- other kinds of file, renamed to .jmap or picked by mistake ----
    case("png-picture", raw(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)), NOT_A_MAP + "it holds a PNG picture"),
    case("jpeg-picture", raw(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64)), NOT_A_MAP + "it holds a JPEG picture"),
    case("pdf-document", raw(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), NOT_A_MAP + "it holds a PDF document"),
    case(
        "word-document",
        raw(b"PK\x03\x04\x14\x00\x06\x00" + bytes(22) + b"[Content_Types].xml" + bytes(40) + b"word/document.xml"),
        NOT_A_MAP + r"it holds a Word document \(perhaps it was renamed\)\. Open the journey map file",
    ),
    case(
        "excel-workbook",
        raw(b"PK\x03\x04\x14\x00\x06\x00" + bytes(22) + b"[Content_Types].xml" + bytes(40) + b"xl/workbook.xml"),
        NOT_A_MAP + "it holds an Excel workbook",
    ),
    case("zip-archive", raw(b"PK\x03\x04\x14\x00" + bytes(24) + b"bakery.jmap"), NOT_A_MAP + "it holds a ZIP archive"),
    case(
        "old-word-document",
        raw(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
        NOT_A_MAP + "it holds an older Microsoft Office document",
    ),
    case("rtf-document", raw(b"{\\rtf1\\ansi Corner bakery}"), NOT_A_MAP + r"it holds a Rich Text \(RTF\) document"),
    case("web-page", raw(b"<!DOCTYPE html>\n<html><body>Corner bakery</body></html>\n"), NOT_A_MAP + "it holds a web page"),
    case("csv-text", raw(b"stage,touchpoint,emotion\nAwareness,Sees an ad,2\n"), NOT_A_MAP + "it holds ordinary text"),
    case("gzip-file", raw(b"\x1f\x8b\x08\x00" + bytes(32)), NOT_A_MAP + r"it holds a compressed \(gzip\) file"),
    case(
        "top-level-list",
        raw(b"[1, 2, 3]"),
        NOT_A_MAP + "it holds data from another program",
        detail("the file holds a list, not a JSON object"),
    ),
    case("top-level-envelope-in-list", raw(b"[" + SPEC_BYTES + b"]"), NOT_A_MAP, r"\(the file holds a list"),
    case("top-level-number", raw(b"42"), NOT_A_MAP, r"\(the file holds a single value"),
    case("top-level-null", raw(b"null"), NOT_A_MAP, r"single value"),
    case("top-level-string", raw(b'"journeymapper"'), NOT_A_MAP, r"single value"),
    case("top-level-true", raw(b"true"), NOT_A_MAP, r"single value"),
    # ---- numbers JSON allows only by accident ----
    case("NaN", text_replaced('"value": 2.1', '"value": NaN'), r"NaN is not a number"),
    case("Infinity", text_replaced('"target": 3.0', '"target": Infinity'), r"Infinity is not a number"),
    case("-Infinity", text_replaced('"value": 2.1', '"value": -Infinity'), r"-Infinity is not a number"),
    case("NaN-in-view", text_replaced('"view": {}', '"view": {"zoom": NaN}'), r"NaN is not a number"),
    case(
        "1e999-kpi-value",
        text_replaced('"value": 2.1', '"value": 1e999'),
        at("map.stages[1].kpis[0].readings[0].value", "^Stage “Purchase”, KPI 1 “Conversion rate”, reading 1: "
                                                      "the value must be a finite number"),
    ),
    case(
        "1e999-kpi-value-v1",
        raw(SPEC_V1_BYTES.replace(b'"value": 2.1', b'"value": 1e999')),
        at("map.stages[1].kpis[0].value", "^Stage “Purchase”, KPI 1 “Conversion rate”: the value must be a finite"),
    ),
    case(
        "-1e999-kpi-target",
        text_replaced('"target": 3.0', '"target": -1e999'),
        at("map.stages[1].kpis[0].target", "finite"),
    ),
    case(
        "1e999-emotion",
        text_replaced('"emotion": 2', '"emotion": 1e999'),
        at("map.touchpoints[0].emotion", "whole number"),
    ),
    case(
        "1e999-in-view",
        text_replaced('"view": {}', '"view": {"zoom": 1e999}'),
        r"view",
    ),
    case("int-5000-digits-kpi", text_replaced('"value": 2.1', '"value": ' + "7" * 5000), r"digits"),
    case("int-5000-digits-emotion", text_replaced('"emotion": 2', '"emotion": ' + "9" * 5000), r"digits"),
    case(
        "int-5000-digits-schema-version",
        text_replaced('"schema_version": 2', '"schema_version": 2' + "0" * 4999),
        r"digits",
    ),
    case(
        "int-5000-digits-readable-by",
        text_replaced('"readable_by": 2', '"readable_by": 2' + "0" * 4999),
        r"digits",
    ),
    case(
        "int-400-digits-kpi",
        text_replaced('"value": 2.1', '"value": 1' + "0" * 400),
        at("map.stages[1].kpis[0].readings[0].value", "too large a number"),
    ),
    case(
        "int-400-digits-kpi-v1",
        raw(SPEC_V1_BYTES.replace(b'"value": 2.1', b'"value": 1' + b"0" * 400)),
        at("map.stages[1].kpis[0].value", "too large a number"),
    ),
    # ---- deep nesting ----
    case(
        "nested-100k-lists-as-map",
        raw(b'{"format": "journeymapper", "schema_version": 2, "map": ' + nested(100_000).encode() + b"}"),
        r"nested too deeply",
    ),
    case(
        "nested-100k-objects-as-map",
        raw(
            b'{"format": "journeymapper", "schema_version": 2, "map": '
            + (nested(100_000, '{"a":', "}").replace('{"a":}', "{}")).encode()
            + b"}"
        ),
        r"nested too deeply",
    ),
    case(
        "nested-100k-lists-as-view",
        text_replaced('"view": {}', '"view": ' + nested(100_000)),
        r"nested too deeply",
    ),
    case(
        "nested-100k-lists-as-title",
        text_replaced('"title": "Corner bakery: online cake orders"', '"title": ' + nested(100_000)),
        r"nested too deeply",
    ),
    # ---- envelope ----
    case("format-missing", without(("format",)), NOT_A_MAP + "it holds data from another program", r'no "format" key'),
    case("format-typo", mutated((("format",), "journeymaper")), NOT_A_MAP, r"\(its format is 'journeymaper'"),
    case("format-wrong-case", mutated((("format",), "JourneyMapper")), r"its format is 'JourneyMapper'"),
    case("format-null", mutated((("format",), None)), NOT_A_MAP, r"its format is null"),
    case("format-number", mutated((("format",), 1)), NOT_A_MAP),
    case("other-program-json", raw(b'{"name": "my-package", "version": "1.0.0"}'), NOT_A_MAP, r'no "format" key'),
    case(
        "schema-version-3",
        mutated((("schema_version",), 3), (("readable_by",), 3)),
        r"^This map was saved by a newer version of journeymapper: update journeymapper to open it\. "
        r"\(saved by a newer journeymapper: file format 3, this version reads up to 2\)$",
    ),
    case(
        "schema-version-999",
        mutated((("schema_version",), 999), (("readable_by",), 999)),
        r"file format 999, this version reads up to 2",
    ),
    case(
        "schema-version-3-without-readable-by",
        edited(lambda e: e.update(schema_version=3) or e.pop("readable_by")),
        r"file format 3, this version reads up to 2\)$",
    ),
    case(
        "schema-version-3-readable-by-1",
        mutated((("schema_version",), 3), (("readable_by",), 1)),
        r"file format 3, this version reads up to 2\)$",
    ),
    case(
        "schema-version-3-readable-by-true",
        mutated((("schema_version",), 3), (("readable_by",), True)),
        r"file format 3, this version reads up to 2\)$",
    ),
    case(
        "schema-version-3-readable-by-text",
        mutated((("schema_version",), 3), (("readable_by",), "2")),
        r"file format 3, this version reads up to 2\)$",
    ),
    case(
        "schema-version-3-readable-by-float",
        mutated((("schema_version",), 3), (("readable_by",), 2.0)),
        r"file format 3, this version reads up to 2\)$",
    ),
    case(
        "schema-version-0",
        mutated((("schema_version",), 0)),
        r"^This map was saved by an old version of journeymapper",
        detail("file format 0 is not supported: this version reads formats 1 to 2"),
    ),
    case("schema-version-negative", mutated((("schema_version",), -1)), r"file format -1 is not supported"),
    case(
        "schema-version-string",
        mutated((("schema_version",), "1")),
        r"^This journey map file is damaged: the version of its file format is not a number",
        r"\(schema_version: must be a whole number",
    ),
    case("schema-version-true", mutated((("schema_version",), True)), r"\(schema_version: must be a whole number"),
    case("schema-version-float", mutated((("schema_version",), 2.0)), r"\(schema_version: must be a whole number"),
    case("schema-version-null", mutated((("schema_version",), None)), r"\(schema_version: "),
    case(
        "schema-version-missing",
        without(("schema_version",)),
        r"^This journey map file is damaged: it does not say which version",
        r"\(schema_version",
    ),
    case("envelope-unknown-key", mutated((("extra",), 1)), r"^The file: 'extra' is not a field", unknown("extra")),
    case(
        "readable-by-text",
        mutated((("readable_by",), "2")),
        r"^The file: which versions of journeymapper can show it is not written correctly "
        r"\(readable_by: must be 2, not '2'\)$",
    ),
    case("readable-by-true", mutated((("readable_by",), True)), detail("readable_by: must be 2, not true")),
    case("readable-by-float", mutated((("readable_by",), 2.0)), detail("readable_by: must be 2, not 2.0")),
    case("readable-by-null", mutated((("readable_by",), None)), detail("readable_by: must be 2, not null")),
    case("readable-by-1", mutated((("readable_by",), 1)), detail("readable_by: must be 2, not 1")),
    case("readable-by-above-the-file", mutated((("readable_by",), 3)), detail("readable_by: must be 2, not 3")),
    case(
        "readable-by-in-a-v1-file",
        v1_mutated((("readable_by",), 1)),
        r"^The file: 'readable_by' is not a field that maps of this file's version have "
        r"\(readable_by: unknown field in file format 1\)$",
    ),
    case(
        "envelope-misspelt-map",
        edited(lambda e: e.__setitem__("maps", e.pop("map"))),
        unknown("maps"),
        r"^This journey map file is damaged: the map itself is missing",
    ),
    case("app-version-number", mutated((("app_version",), 1)), r"\(app_version: must be text"),
    case("app-version-too-long", mutated((("app_version",), "1" * 51)), r"\(app_version: .*50 characters"),
    case(
        "view-list",
        mutated((("view",), [])),
        r"^The editor settings saved with this map \(zoom, scroll position…\) are damaged",
        detail("view: must be an object"),
    ),
    case("view-string", mutated((("view",), "zoom=2")), detail("view: must be an object")),
    case("map-missing", without(("map",)), r"^This journey map file is damaged: the map itself is missing"),
    case("map-list", mutated((("map",), [])), r"the map itself is not written correctly", detail("map: must be an object")),
    case("map-string", mutated((("map",), "m1")), detail("map: must be an object")),
    # ---- unknown keys at every level (strict objects, never silently dropped) ----
    case("unknown-key-map", mutated((("map", "colour"), "red")), unknown("map.colour")),
    case("unknown-key-persona", mutated(((*P0, "colour"), "red")), unknown("map.personas[0].colour")),
    case("unknown-key-stage", mutated(((*S0, "colour"), "red")), unknown("map.stages[0].colour")),
    case("unknown-key-kpi", mutated(((*KPI, "colour"), "red")), unknown("map.stages[1].kpis[0].colour")),
    case("unknown-key-touchpoint", mutated(((*TP0, "colour"), "red")), unknown("map.touchpoints[0].colour")),
    case(
        "unknown-key-pain-point",
        mutated(((*TP1, "pain_points", 0, "colour"), "red")),
        unknown("map.touchpoints[1].pain_points[0].colour"),
    ),
    case(
        "unknown-key-opportunity",
        mutated(((*TP1, "opportunities", 0, "colour"), "red")),
        unknown("map.touchpoints[1].opportunities[0].colour"),
    ),
    case("unknown-key-flow", mutated(((*F0, "colour"), "red")), unknown("map.flows[0].colour")),
    case(
        "misspelt-key-is-unknown-not-default",
        edited(
            lambda e: e["map"]["touchpoints"][0].update(emotions=e["map"]["touchpoints"][0].pop("emotion"))
        ),
        unknown("map.touchpoints[0].emotions"),
    ),
    case(
        "unknown-key-with-newline",
        mutated((("map", "evil\nkey"), 1)),
        r"^The map: 'evil\\nkey' is not a field journeymapper knows",
    ),
    case(
        "unknown-key-with-line-separator",
        mutated(((*TP0, "a\u2028b"), 1)),
        r"^Card “Sees a friend's cake photo”: 'a\\u2028b' is not a field journeymapper knows",
    ),
    # ---- wrong JSON types ----
    case(
        "string-where-number",
        mutated(((*R0, "value"), "2.1")),
        at("map.stages[1].kpis[0].readings[0].value",
           "^Stage “Purchase”, KPI 1 “Conversion rate”, reading 1: the value '2.1' is not a number"),
    ),
    case(
        "string-where-number-v1",
        v1_mutated(((*KPI, "value"), "2.1")),
        at("map.stages[1].kpis[0].value", "^Stage “Purchase”, KPI 1 “Conversion rate”: the value '2.1' is not a number"),
    ),
    case(
        "string-where-whole-number",
        mutated(((*TP0, "emotion"), "2")),
        at("map.touchpoints[0].emotion", "must be a whole number"),
    ),
    case(
        "number-where-string",
        mutated((("map", "title"), 5)),
        at("map.title", "must be text, not the number 5"),
    ),
    case("number-where-id", mutated(((*P0, "id"), 7)), at("map.personas[0].id", "")),
    case("number-where-reference", mutated(((*F0, "source"), 1)), at("map.flows[0].source", "")),
    case("object-where-list", mutated((("map", "personas"), {})), at("map.personas", "must be a list")),
    case(
        "string-where-list",
        mutated(((*P0, "goals"), "Order a cake")),
        at("map.personas[0].goals", "must be a list"),
    ),
    case(
        "list-where-object",
        mutated(((*TP0,), ["t1"])),
        r"^Card 1 is not written correctly: it is a list \(map\.touchpoints\[0\]\)$",
    ),
    case(
        "string-where-object",
        mutated(((*KPI,), "Conversion rate")),
        at("map.stages[1].kpis[0]", "^Stage “Purchase”, KPI 1 is not written correctly"),
    ),
    case(
        "true-for-emotion",
        mutated(((*TP0, "emotion"), True)),
        at("map.touchpoints[0].emotion", "whole number"),
    ),
    case(
        "false-for-emotion",
        mutated(((*TP0, "emotion"), False)),
        at("map.touchpoints[0].emotion", "whole number"),
    ),
    case(
        "true-for-kpi-value",
        mutated(((*R0, "value"), True)),
        at("map.stages[1].kpis[0].readings[0].value", "reading 1: the value true is not a number"),
    ),
    case(
        "true-for-kpi-value-v1",
        v1_mutated(((*KPI, "value"), True)),
        at("map.stages[1].kpis[0].value", "KPI 1 “Conversion rate”: the value true is not a number"),
    ),
    case("null-where-text", mutated((("map", "description"), None)), at("map.description", "must be text")),
    case(
        "list-where-text", mutated(((*TP0, "title"), ["a"])), at("map.touchpoints[0].title", "must be text")
    ),
    case(
        "required-title-missing",
        without((*TP0, "title")),
        at("map.touchpoints[0].title", "^Card 1: the title is missing"),
    ),
    case(
        "required-persona-ref-missing",
        without((*TP0, "persona")),
        at("map.touchpoints[0].persona", "^Card “Sees a friend's cake photo”: the persona is missing"),
    ),
    case(
        "required-map-created-missing",
        without(("map", "created")),
        at("map.created", "^The map: the creation date is missing"),
    ),
    case(
        "required-kpi-name-missing",
        without((*KPI, "name")),
        at("map.stages[1].kpis[0].name", "^Stage “Purchase”, KPI 1: the name is missing"),
    ),
    case(
        "empty-persona-name",
        mutated(((*P0, "name"), "")),
        at("map.personas[0].name", "^Persona 1: the name must not be empty"),
    ),
    case(
        "empty-pain-point-text",
        mutated(((*TP1, "pain_points", 0, "text"), "")),
        at("map.touchpoints[1].pain_points[0].text", "must not be empty"),
    ),
    # ---- integrity: dangling references and one id space ----
    case(
        "touchpoint-missing-persona",
        mutated(((*TP0, "persona"), "ghost")),
        r"^Card “Sees a friend's cake photo” belongs to a persona that is not in the map "
        r"\(map\.touchpoints\[0\]\.persona: no persona with id 'ghost'\)$",
    ),
    case(
        "touchpoint-missing-stage",
        mutated(((*TP1, "stage"), "s9")),
        r"^Card “Orders on the website” is in a stage that is not in the map "
        r"\(map\.touchpoints\[1\]\.stage: no stage with id 's9'\)$",
    ),
    case(
        "touchpoint-persona-is-a-stage",
        mutated(((*TP0, "persona"), "s1")),
        detail(r"map\.touchpoints\[0\]\.persona: no persona with id 's1'"),
    ),
    case(
        "flow-missing-source",
        mutated(((*F0, "source"), "t9")),
        r"^Flow to “Orders on the website” starts at a card that is not in the map "
        r"\(map\.flows\[0\]\.source: no touchpoint with id 't9'\)$",
    ),
    case(
        "flow-missing-target",
        mutated(((*F0, "target"), "gone")),
        r"^Flow from “Sees a friend's cake photo” leads to a card that is not in the map "
        r"\(map\.flows\[0\]\.target: no touchpoint with id 'gone'\)$",
    ),
    case(
        "flow-target-is-a-persona",
        mutated(((*F0, "target"), "p1")),
        r"leads to a card that is not in the map \(map\.flows\[0\]\.target: no touchpoint",
    ),
    case(
        "duplicate-id-in-personas",
        edited(lambda e: add_persona(e) or set_at(e, ("map", "personas", 1, "id"), "p1")),
        r"^Persona “Second” and persona “Busy parent” have the same internal id",
        r"\(map\.personas\[1\]\.id: .*'p1'.*map\.personas\[0\]\)$",
    ),
    case(
        "duplicate-id-in-touchpoints",
        mutated(((*TP1, "id"), "t1")),
        r"\(map\.touchpoints\[1\]\.id: .*'t1'.*already used",
    ),
    case(
        "duplicate-id-persona-and-flow",
        mutated(((*F0, "id"), "p1")),
        r"^Flow “Sees a friend's cake photo” → “Orders on the website” and persona “Busy parent” have the same",
        detail(r"map\.flows\[0\]\.id: id 'p1' is already used by map\.personas\[0\]"),
    ),
    case(
        "duplicate-id-stage-and-touchpoint",
        mutated(((*TP0, "id"), "s1")),
        r"\(map\.touchpoints\[0\]\.id: .*'s1'.*already",
    ),
    case("bad-id-space", mutated(((*P0, "id"), "p 1")), at("map.personas[0].id", "'p 1' is not a valid id")),
    case("bad-id-65-chars", mutated(((*S0, "id"), "s" * 65)), at("map.stages[0].id", "is not a valid id")),
    case("bad-id-empty", mutated((("map", "id"), "")), at("map.id", "'' is not a valid id")),
    case("bad-id-non-ascii", mutated(((*TP0, "id"), "tö")), at("map.touchpoints[0].id", "is not a valid id")),
    case("bad-id-slash", mutated(((*F0, "id"), "../f1")), at("map.flows[0].id", "is not a valid id")),
    case(
        "bad-reference-id",
        mutated(((*TP0, "stage"), "s 1")),
        at("map.touchpoints[0].stage", "is not a valid id"),
    ),
    # ---- limits (list counts refused before validation, lengths named) ----
    case(
        "51-personas",
        mutated((("map", "personas"), [{}] * 51)),
        r"^The map has 51 personas, more than the 50 it can hold \(map\.personas: has 51 items; the limit is 50\)$",
    ),
    case("101-stages", mutated((("map", "stages"), [{}] * 101)), r"^The map has 101 stages, .*limit is 100"),
    case(
        "20001-touchpoints",
        mutated((("map", "touchpoints"), [{}] * 20_001)),
        r"^The map has 20,001 cards, more than the 20,000 it can hold \(map\.touchpoints: .*limit is 20,000\)$",
    ),
    case("50001-flows", mutated((("map", "flows"), [0] * 50_001)), r"^The map has 50,001 flows, .*limit is 50,000"),
    case(
        "51-goals",
        mutated(((*P0, "goals"), ["x"] * 51)),
        at("map.personas[0].goals", "^Persona “Busy parent”: it has 51 goals; at most 50 are allowed"),
    ),
    case(
        "51-kpis",
        mutated(((*KPI[:-1],), [{"name": "k"}] * 51)),
        at("map.stages[1].kpis", "^Stage “Purchase”: it has 51 KPIs; at most 50"),
    ),
    case(
        "51-pain-points",
        mutated(((*TP0, "pain_points"), [{"text": "x"}] * 51)),
        at("map.touchpoints[0].pain_points", "51 pain points; at most 50"),
    ),
    case(
        "51-opportunities",
        mutated(((*TP0, "opportunities"), [{"text": "x"}] * 51)),
        at("map.touchpoints[0].opportunities", "51 opportunities; at most 50"),
    ),
    case(
        "title-201-chars",
        mutated((("map", "title"), "x" * 201)),
        at("map.title", "longer than 200 characters"),
    ),
    case(
        "pain-point-text-501",
        mutated(((*TP1, "pain_points", 0, "text"), "é" * 501)),
        at("map.touchpoints[1].pain_points[0].text", "longer than 500 characters"),
    ),
    case(
        "touchpoint-title-501", mutated(((*TP0, "title"), "t" * 501)), at("map.touchpoints[0].title", "500")
    ),
    case(
        "notes-10001",
        mutated(((*TP0, "notes"), "n" * 10_001)),
        at("map.touchpoints[0].notes", "the notes are longer than 10,000 characters"),
    ),
    case(
        "goal-item-501",
        mutated(((*P0, "goals", 0), "g" * 501)),
        at("map.personas[0].goals[0]", "^Persona “Busy parent”, goal 1 is longer than 500 characters"),
    ),
    case(
        "kpi-unit-21", mutated(((*KPI, "unit"), "u" * 21)), at("map.stages[1].kpis[0].unit", "20 characters")
    ),
    case("flow-label-201", mutated(((*F0, "label"), "l" * 201)), at("map.flows[0].label", "200 characters")),
    case("astral-title-201", mutated((("map", "title"), "🎂" * 201)), at("map.title", "200 characters")),
    # ---- values ----
    case(
        "emotion-3",
        mutated(((*TP0, "emotion"), 3)),
        at("map.touchpoints[0].emotion", "^Card “Sees a friend's cake photo”: the emotion 3 is out of range: "
                                         "it must be from -2 to 2"),
    ),
    case(
        "emotion--3", mutated(((*TP1, "emotion"), -3)), at("map.touchpoints[1].emotion", "-3 is out of range")
    ),
    case(
        "emotion-1.5",
        mutated(((*TP0, "emotion"), 1.5)),
        at("map.touchpoints[0].emotion", "whole number.*1.5"),
    ),
    case(
        "emotion-word",
        mutated(((*TP0, "emotion"), "happy")),
        at("map.touchpoints[0].emotion", "whole number"),
    ),
    case(
        "channel-unknown",
        mutated(((*TP0, "channel"), "fax")),
        at("map.touchpoints[0].channel", "'fax' is not one of"),
    ),
    case(
        "channel-wrong-case",
        mutated(((*TP0, "channel"), "Website")),
        at("map.touchpoints[0].channel", "not one of"),
    ),
    case("channel-empty", mutated(((*TP0, "channel"), "")), at("map.touchpoints[0].channel", "not one of")),
    case(
        "severity-unknown",
        mutated(((*TP1, "pain_points", 0, "severity"), "urgent")),
        at("map.touchpoints[1].pain_points[0].severity", "'urgent' is not one of"),
    ),
    case(
        "priority-unknown",
        mutated(((*TP1, "opportunities", 0, "priority"), 1)),
        at("map.touchpoints[1].opportunities[0].priority", "not one of"),
    ),
    case(
        "evidence-unknown",
        mutated(((*TP0, "evidence"), "proven")),
        at("map.touchpoints[0].evidence", "not one of"),
    ),
    case(
        "flow-kind-unknown", mutated(((*F0, "kind"), "jump")), at("map.flows[0].kind", "'jump' is not one of")
    ),
    case("colour-name", mutated(((*P0, "color"), "red")), at("map.personas[0].color", NOT_A_COLOUR)),
    case("colour-short", mutated(((*P0, "color"), "#2E86A")), at("map.personas[0].color", NOT_A_COLOUR)),
    case("colour-no-hash", mutated(((*P0, "color"), "2E86AB")), at("map.personas[0].color", NOT_A_COLOUR)),
    case("colour-not-hex", mutated(((*P0, "color"), "#GGGGGG")), at("map.personas[0].color", NOT_A_COLOUR)),
    case(
        "colour-with-alpha", mutated(((*P0, "color"), "#2E86AB80")), at("map.personas[0].color", NOT_A_COLOUR)
    ),
    case("colour-number", mutated(((*P0, "color"), 3049131)), at("map.personas[0].color", NOT_A_COLOUR)),
    case(
        "timestamp-no-timezone",
        mutated((("map", "created"), "2026-11-23T10:00:00")),
        at("map.created", "has no time zone"),
    ),
    case(
        "timestamp-garbage", mutated((("map", "modified"), "yesterday")), at("map.modified", NOT_A_TIMESTAMP)
    ),
    case("timestamp-empty", mutated((("map", "modified"), "")), at("map.modified", NOT_A_TIMESTAMP)),
    case(
        "timestamp-number", mutated((("map", "created"), 1_763_892_000)), at("map.created", NOT_A_TIMESTAMP)
    ),
    case(
        "timestamp-month-13",
        mutated((("map", "created"), "2026-13-01T00:00:00Z")),
        at("map.created", NOT_A_TIMESTAMP),
    ),
    case("timestamp-date-only", mutated((("map", "created"), "2026-11-23")), at("map.created", "")),
    case(
        "timestamp-offset-below-year-1",
        mutated((("map", "created"), "0001-01-01T00:00:00+01:00")),
        at("map.created", ""),
    ),
    case(
        "timestamp-offset-above-year-9999",
        mutated((("map", "modified"), "9999-12-31T23:59:59-01:00")),
        at("map.modified", ""),
    ),
    case(
        "review-by-impossible-date",
        mutated((("map", "review_by"), "2027-02-30")),
        at("map.review_by", NOT_A_DATE),
    ),
    case(
        "review-by-european", mutated((("map", "review_by"), "31/03/2027")), at("map.review_by", NOT_A_DATE)
    ),
    case(
        "review-by-timestamp",
        mutated((("map", "review_by"), "2027-03-31T00:00:00Z")),
        at("map.review_by", NOT_A_DATE),
    ),
    case("review-by-number", mutated((("map", "review_by"), 20270331)), at("map.review_by", NOT_A_DATE)),
    case(
        "review-by-arabic-digits",
        mutated((("map", "review_by"), "٢٠٢٧-٠٣-٣١")),
        at("map.review_by", NOT_A_DATE),
    ),
    # ---- format 2's fields: wrong types, values out of range, limits, ids ----
    case(
        "direction-unknown",
        mutated(((*KPI, "direction"), "up")),
        at("map.stages[1].kpis[0].direction", "^Stage “Purchase”, KPI 1 “Conversion rate”: the direction 'up' is not "
                                              "one of 'higher', 'lower' or 'target'"),
    ),
    case("direction-wrong-case", mutated(((*KPI, "direction"), "Lower")), at("map.stages[1].kpis[0].direction",
                                                                             "'Lower' is not one of")),
    case("direction-number", mutated(((*KPI, "direction"), 1)), at("map.stages[1].kpis[0].direction",
                                                                   "the direction 1 is not one of")),
    case("direction-null", mutated(((*KPI, "direction"), None)), at("map.stages[1].kpis[0].direction",
                                                                    "the direction null is not one of")),
    case(
        "status-unknown",
        mutated(((*OPP, "status"), "doing")),
        at("map.touchpoints[1].opportunities[0].status",
           "^Card “Orders on the website”, opportunity 1: the status 'doing' is not one of 'idea', 'planned', "
           "'in_progress', 'done' or 'dropped'"),
    ),
    case("status-spaced", mutated(((*OPP, "status"), "in progress")), at("map.touchpoints[1].opportunities[0].status",
                                                                         "'in progress' is not one of")),
    case("status-list", mutated(((*OPP, "status"), ["done"])), at("map.touchpoints[1].opportunities[0].status",
                                                                  "the status a list is not one of")),
    case(
        "effort-unknown",
        mutated(((*OPP, "effort"), "huge")),
        at("map.touchpoints[1].opportunities[0].effort", "^Card “Orders on the website”, opportunity 1: the effort "
                                                         "'huge' is not one of 'low', 'medium' or 'high'"),
    ),
    case("effort-number", mutated(((*OPP, "effort"), 3)), at("map.touchpoints[1].opportunities[0].effort",
                                                             "the effort 3 is not one of")),
    case(
        "due-not-a-date",
        mutated(((*OPP, "due"), "next week")),
        at("map.touchpoints[1].opportunities[0].due", "opportunity 1: the due date 'next week' is not a date like "
                                                      "2027-03-31"),
    ),
    case("due-timestamp", mutated(((*OPP, "due"), "2027-01-31T00:00:00Z")),
         at("map.touchpoints[1].opportunities[0].due", NOT_A_DATE)),
    case("opportunity-owner-number", mutated(((*OPP, "owner"), 7)),
         at("map.touchpoints[1].opportunities[0].owner", "opportunity 1: the owner must be text, not the number 7")),
    case("opportunity-owner-201", mutated(((*OPP, "owner"), "o" * 201)),
         at("map.touchpoints[1].opportunities[0].owner", "the owner is longer than 200 characters")),
    case(
        "addresses-text",
        mutated(((*OPP, "addresses"), "t2.p1")),
        at("map.touchpoints[1].opportunities[0].addresses", "opportunity 1: the pain points it addresses must be a "
                                                            "list, not the text 't2.p1'"),
    ),
    case(
        "addresses-bad-id",
        mutated(((*OPP, "addresses"), ["t2.p1", "t 2"])),
        at("map.touchpoints[1].opportunities[0].addresses[1]", "^Card “Orders on the website”, opportunity 1, "
                                                               "addressed pain point 2: 't 2' is not a valid id"),
    ),
    case("addresses-51", mutated(((*OPP, "addresses"), ["t2.p1"] * 51)),
         at("map.touchpoints[1].opportunities[0].addresses", "it has 51 pain points it addresses; at most 50")),
    case(
        "state-unknown",
        mutated((("map", "state"), "past")),
        at("map.state", "^The map: the state 'past' is not one of 'current' or 'future'"),
    ),
    case("state-null", mutated((("map", "state"), None)), at("map.state", "the state null is not one of")),
    case("state-bool", mutated((("map", "state"), True)), at("map.state", "the state true is not one of")),
    case(
        "language-a-name",
        mutated((("map", "language"), "English")),
        at("map.language", "^The map: the language 'English' is not a language tag like en, de or pt-BR"),
    ),
    case("language-underscore", mutated((("map", "language"), "en_GB")), at("map.language", "not a language tag")),
    case("language-one-letter", mutated((("map", "language"), "e")), at("map.language", "not a language tag")),
    case("language-too-long", mutated((("map", "language"), "en-" + "-".join(["abcdefgh"] * 4))),
         at("map.language", "not a language tag")),
    case("language-number", mutated((("map", "language"), 44)), at("map.language", "^The map: the language must be text")),
    case("language-null", mutated((("map", "language"), None)), at("map.language", "the language must be text")),
    case(
        "based-on-list",
        mutated((("map", "based_on"), ["m0"])),
        at("map.based_on", "^The map: the map it is based on is not written correctly: it is a list"),
    ),
    case("based-on-text", mutated((("map", "based_on"), "m0")),
         at("map.based_on", "the map it is based on is not written correctly: it is the text 'm0'")),
    case(
        "based-on-without-title",
        mutated((("map", "based_on"), {"id": "m0", "modified": "2026-11-23T10:00:00Z"})),
        at("map.based_on.title", "^The map it is based on: the title is missing"),
    ),
    case(
        "based-on-bad-id-and-date",
        mutated((("map", "based_on"), {"id": "m 0", "title": "Today", "modified": "2026-11-23"})),
        at("map.based_on.id", "^The map it is based on: the internal id 'm 0' is not a valid id"),
        at("map.based_on.modified", "^The map it is based on: the date of the last change '2026-11-23' is not a "
                                    "timestamp"),
    ),
    case(
        "based-on-unknown-key",
        mutated((("map", "based_on"), {"id": "m0", "title": "T", "modified": "2026-11-23T10:00:00Z", "path": "/x"})),
        r"^The map it is based on: 'path' is not a field journeymapper knows \(map\.based_on\.path\)$",
    ),
    case(
        "based-on-on-a-current-map",
        mutated((("map", "based_on"), {"id": "m0", "title": "Today", "modified": "2026-11-23T10:00:00Z"})),
        r"^The map: .*future-state map",
    ),
    case("based-on-empty-title", mutated((("map", "based_on"), {"id": "m0", "title": "",
                                                                "modified": "2026-11-23T10:00:00Z"})),
         at("map.based_on.title", "The map it is based on: the title must not be empty")),
    case(
        "501-readings",
        mutated(((*KPI, "readings"), [{"date": "2026-01-01", "value": 1}] * 501)),
        at("map.stages[1].kpis[0].readings", "^Stage “Purchase”, KPI 1 “Conversion rate”: it has 501 readings; at "
                                             "most 500 are allowed"),
    ),
    case(
        "reading-without-date",
        mutated(((*KPI, "readings"), [{"date": "2026-01-01", "value": 1}, {"value": 2}])),
        at("map.stages[1].kpis[0].readings[1].date", "^Stage “Purchase”, KPI 1 “Conversion rate”, reading 2: the "
                                                     "date is missing"),
    ),
    case("reading-date-null", mutated(((*R0, "date"), None)),
         at("map.stages[1].kpis[0].readings[0].date", "reading 1: the date must be a date like 2027-03-31")),
    case("reading-date-timestamp", mutated(((*R0, "date"), "2026-11-23T10:00:00Z")),
         at("map.stages[1].kpis[0].readings[0].date", "reading 1: the date '2026-11-23T10:00:00Z' is not a date")),
    case("reading-date-impossible", mutated(((*R0, "date"), "2026-02-30")),
         at("map.stages[1].kpis[0].readings[0].date", NOT_A_DATE)),
    case("reading-without-value", without((*R0, "value")),
         at("map.stages[1].kpis[0].readings[0].value", "reading 1: the value is missing")),
    case("reading-value-null", mutated(((*R0, "value"), None)),
         at("map.stages[1].kpis[0].readings[0].value", "reading 1: the value must be a number")),
    case("reading-value-nan-text", text_replaced('"value": 2.1', '"value": NaN'), r"NaN is not a number"),
    case("reading-note-501", mutated(((*R0, "note"), "n" * 501)),
         at("map.stages[1].kpis[0].readings[0].note", "reading 1: the note is longer than 500 characters")),
    case("reading-unknown-key", mutated(((*R0, "source"), "x")), unknown("map.stages[1].kpis[0].readings[0].source")),
    case("reading-a-number", mutated(((*KPI, "readings"), [2.1])),
         at("map.stages[1].kpis[0].readings[0]", "reading 1 is not written correctly: it is the number 2.1")),
    case("readings-an-object", mutated(((*KPI, "readings"), {"2026-11-23": 2.1})),
         at("map.stages[1].kpis[0].readings", "the readings must be a list")),
    case(
        "51-quotes-on-a-card",
        mutated(((*TP0, "quotes"), [{"id": f"q{n}", "text": "x"} for n in range(51)])),
        at("map.touchpoints[0].quotes", "^Card “Sees a friend's cake photo”: it has 51 quotes; at most 50"),
    ),
    case("51-quotes-on-a-persona", mutated(((*P0, "quotes"), [{"id": f"q{n}", "text": "x"} for n in range(51)])),
         at("map.personas[0].quotes", "^Persona “Busy parent”: it has 51 quotes; at most 50")),
    case(
        "quote-text-1001",
        mutated(((*TP0, "quotes"), [{"id": "q1", "text": "é" * 1001}])),
        at("map.touchpoints[0].quotes[0].text", "^Card “Sees a friend's cake photo”, quote 1: the text is longer "
                                                "than 1,000 characters"),
    ),
    case("quote-text-empty", mutated(((*P0, "quotes"), [{"id": "q1", "text": ""}])),
         at("map.personas[0].quotes[0].text", "^Persona “Busy parent”, quote 1: the text must not be empty")),
    case("quote-who-201", mutated(((*P0, "quotes"), [{"id": "q1", "text": "x", "who": "w" * 201}])),
         at("map.personas[0].quotes[0].who", "quote 1: the name of who said it is longer than 200 characters")),
    case("quote-source-501", mutated(((*TP0, "quotes"), [{"id": "q1", "text": "x", "source": "s" * 501}])),
         at("map.touchpoints[0].quotes[0].source", "quote 1: the source is longer than 500 characters")),
    case("quote-date-words", mutated(((*TP0, "quotes"), [{"id": "q1", "text": "x", "date": "last May"}])),
         at("map.touchpoints[0].quotes[0].date", "quote 1: the date 'last May' is not a date")),
    case("quote-without-id", mutated(((*TP0, "quotes"), [{"text": "x"}])),
         at("map.touchpoints[0].quotes[0].id", "quote 1: the internal id is missing")),
    case("quote-a-string", mutated(((*TP0, "quotes"), ["They loved it"])),
         at("map.touchpoints[0].quotes[0]", "quote 1 is not written correctly: it is the text")),
    case(
        "persona-evidence-unknown",
        mutated(((*P0, "evidence"), "proven")),
        at("map.personas[0].evidence", "^Persona “Busy parent”: the evidence 'proven' is not one of 'assumed', "
                                       "'anecdotal' or 'validated'"),
    ),
    case("persona-source-501", mutated(((*P0, "source"), "s" * 501)),
         at("map.personas[0].source", "^Persona “Busy parent”: the evidence source is longer than 500 characters")),
    case("persona-source-number", mutated(((*P0, "source"), 5)),
         at("map.personas[0].source", "the evidence source must be text")),
    case("kpi-without-id", without((*KPI, "id")),
         at("map.stages[1].kpis[0].id", "^Stage “Purchase”, KPI 1 “Conversion rate”: the internal id is missing")),
    case("pain-point-without-id", without((*PAIN, "id")),
         at("map.touchpoints[1].pain_points[0].id", "pain point 1: the internal id is missing")),
    case("opportunity-bad-id", mutated(((*OPP, "id"), "o/1")),
         at("map.touchpoints[1].opportunities[0].id", "opportunity 1: the internal id 'o/1' is not a valid id")),
    case("kpi-value-key-in-v2", mutated(((*KPI, "value"), 2.1)), unknown("map.stages[1].kpis[0].value")),
    case(
        "duplicate-id-kpi-and-card",
        mutated(((*KPI, "id"), "t1")),
        r"^Stage “Purchase”, KPI 1 “Conversion rate” and card “Sees a friend's cake photo” have the same internal "
        r"id: the file was probably changed by hand or by another program "
        r"\(map\.stages\[1\]\.kpis\[0\]\.id: id 't1' is already used by map\.touchpoints\[0\]\)$",
    ),
    case(
        "duplicate-id-two-pain-points",
        mutated(((*TP1, "pain_points"), [{"id": "pp", "text": "a"}, {"id": "pp", "text": "b"}])),
        r"^Card “Orders on the website”, pain point 2 and card “Orders on the website”, pain point 1 have the same "
        r"internal id",
        detail(r"map\.touchpoints\[1\]\.pain_points\[1\]\.id: id 'pp' is already used by "
               r"map\.touchpoints\[1\]\.pain_points\[0\]"),
    ),
    case(
        "duplicate-id-quote-and-opportunity",
        mutated(((*P0, "quotes"), [{"id": "t2.o1", "text": "x"}])),
        detail(r"map\.touchpoints\[1\]\.opportunities\[0\]\.id: id 't2\.o1' is already used by "
               r"map\.personas\[0\]\.quotes\[0\]"),
    ),
    case(
        "duplicate-id-pain-point-and-kpi",
        mutated(((*PAIN, "id"), "s2.k1")),
        r"^Card “Orders on the website”, pain point 1 and stage “Purchase”, KPI 1 “Conversion rate” have the same",
    ),
    case(
        "duplicate-id-flow-and-quote",
        mutated(((*TP0, "quotes"), [{"id": "f1", "text": "x"}])),
        detail(r"map\.touchpoints\[0\]\.quotes\[0\]\.id: id 'f1' is already used by map\.flows\[0\]"),
    ),
    # ---- characters that cannot be saved or printed ----
    case(
        "nul-in-title",
        mutated((("map", "title"), "Corner\x00bakery")),
        at("map.title", r"not allowed in text \(U\+0000\)"),
    ),
    case(
        "escape-char-in-notes",
        mutated(((*TP0, "notes"), "\x1b[31mred")),
        at("map.touchpoints[0].notes", r"U\+001B"),
    ),
    case(
        "bell-in-goal", mutated(((*P0, "goals", 0), "ding\x07")), at("map.personas[0].goals[0]", r"U\+0007")
    ),
    case(
        "lone-surrogate-in-title",
        mutated((("map", "title"), "cake \ud800")),
        at("map.title", r"(not allowed|surrogate|U\+D800)"),
    ),
    case(
        "lone-low-surrogate-in-kpi-name",
        mutated(((*KPI, "name"), "\udc80")),
        at("map.stages[1].kpis[0].name", r"(not allowed|surrogate|U\+DC80)"),
    ),
    case(
        "lone-surrogate-in-view",
        mutated((("view", "note"), "\ud800")),
        r"view",
    ),
    case(
        "json-duplicate-key",
        text_replaced(
            '"title": "Corner bakery: online cake orders",',
            '"title": "Corner bakery", "title": "Something else",',
        ),
        r"title.*(duplicate|twice|more than once|repeated)",
    ),
]


def _single_line(line: str) -> bool:
    return "\n" not in line and "\r" not in line and len(line.splitlines()) == 1


_TECHNICAL = re.compile(r"\bmap\.|\[\d+\]|JSON|schema_version|readable_by|app_version|unknown field|touchpoint|"
                        r"based_on|pain_points|review_by|\bat at\b")
"""Words of the file, not of the person: paths, key names, format jargon."""
_QUOTED = re.compile(r"“[^”]*”|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
"""What a message quotes from the file (titles, keys, values): the file's words, not the message's."""


def check_error(err: LoadError) -> list[str]:
    """What every LoadError must be, whatever the file: non-empty, single-line, printable lines,
    each in plain words first (no paths, no JSON talk: those come after, in parentheses)."""
    lines = err.lines()
    assert lines, "a LoadError must carry at least one problem"
    assert len(lines) <= MAX_REPORTED_PROBLEMS + 1
    for line in [*lines, str(err)]:
        assert _single_line(line), f"message is not a single line: {line!r}"
        line.encode("utf-8")  # printable on a UTF-8 terminal and in a dialog
    head = f"{err.source}: " if err.source else ""
    for line, problem in zip(lines, err.found):
        assert problem.plain[:1].isupper(), problem
        own_words = _QUOTED.sub("", problem.plain)
        assert not _TECHNICAL.search(own_words), f"technical words before the plain ones: {problem.plain!r}"
        assert line == head + problem.plain + (f" ({problem.detail})" if problem.detail else "")
    assert err.plain() == err.found[0].plain
    return lines


@pytest.mark.parametrize(("build", "needles"), CORPUS)
def test_bad_file_is_refused_with_a_clear_message(build: Builder, needles: tuple[str, ...]) -> None:
    data = build()
    with pytest.raises(LoadError) as info:
        load_bytes(data)
    lines = check_error(info.value)
    for needle in needles:
        assert any(re.search(needle, line) for line in lines), f"{needle!r} not in {lines}"


def test_corpus_ids_are_unique() -> None:
    ids = [param.id for param in CORPUS]
    assert len(ids) == len(set(ids))


def test_load_path_names_the_file_on_every_line(tmp_path: Path) -> None:
    bad = tmp_path / "broken map.jmap"
    envelope = spec_envelope()
    envelope["map"]["touchpoints"][0]["emotion"] = 7
    envelope["map"]["flows"][0]["target"] = "nowhere"
    bad.write_bytes(encode(envelope))
    with pytest.raises(LoadError) as info:
        load_path(bad)
    lines = check_error(info.value)
    assert len(lines) == 2
    assert all(line.startswith(f"{bad}: ") for line in lines)
    assert info.value.source == str(bad)


def test_every_cut_of_the_spec_example_is_a_load_error() -> None:
    """A file cut off at any byte (a failed copy, a full disk) is refused, never a traceback."""
    for end in range(len(SPEC_BYTES.rstrip())):
        with pytest.raises(LoadError) as info:
            load_bytes(SPEC_BYTES[:end])
        check_error(info.value)


def test_whole_spec_example_loads() -> None:
    loaded = load_bytes(SPEC_BYTES)
    assert loaded.map.title == "Corner bakery: online cake orders"


# -- many problems ---------------------------------------------------------------------------------
def test_all_problems_of_a_file_are_reported_not_only_the_first() -> None:
    envelope = spec_envelope()
    envelope["extra"] = True  # envelope
    envelope["map"]["touchpoints"][0]["colour"] = "red"  # unknown key
    envelope["map"]["touchpoints"][1]["emotion"] = 3  # out of range
    envelope["map"]["personas"][0]["color"] = "blue"  # bad colour
    envelope["map"]["stages"][1]["kpis"][0]["readings"][0]["value"] = "2.1"  # wrong type
    envelope["map"]["flows"][0]["target"] = "t9"  # dangling
    envelope["map"]["flows"][0]["id"] = "s1"  # duplicate across lists
    with pytest.raises(LoadError) as info:
        load_bytes(encode(envelope))
    lines = check_error(info.value)
    expected = [
        unknown("extra"),
        unknown("map.touchpoints[0].colour"),
        at("map.touchpoints[1].emotion", "out of range"),
        at("map.personas[0].color", NOT_A_COLOUR),
        at("map.stages[1].kpis[0].readings[0].value", "not a number"),
        detail(r"map\.flows\[0\]\.target: no touchpoint with id 't9'"),
        detail(r"map\.flows\[0\]\.id: id 's1' is already used by map\.stages\[0\]"),
    ]
    for needle in expected:
        assert any(re.search(needle, line) for line in lines), f"{needle!r} not in {lines}"
    assert len(lines) == len(expected)
    assert info.value.more == 0
    assert "(and 6 more problems)" in str(info.value)


def test_problems_over_the_cap_are_counted() -> None:
    envelope = spec_envelope()
    cards = envelope["map"]["touchpoints"]
    cards[:] = [dict(cards[0], id=f"t{i}", emotion=9) for i in range(1, 81)]  # 80 bad emotions
    with pytest.raises(LoadError) as info:
        load_bytes(encode(envelope))
    err = info.value
    lines = check_error(err)
    assert MAX_REPORTED_PROBLEMS == 50
    assert len(err.problems) == 50
    assert err.more == 30
    assert [problem.detail for problem in err.found] == [f"map.touchpoints[{i}].emotion" for i in range(50)]
    assert lines[0] == ("Card “Sees a friend's cake photo”: the emotion 9 is out of range: it must be from -2 to 2 "
                        "(map.touchpoints[0].emotion)")
    assert re.fullmatch(r"\.\.\. and 30 more problems", lines[-1])
    assert "(and 79 more problems)" in str(err)


def test_exactly_the_cap_has_no_more_line() -> None:
    envelope = spec_envelope()
    cards = envelope["map"]["touchpoints"]
    cards[:] = [dict(cards[0], id=f"t{i}", emotion=-9) for i in range(1, 51)]
    envelope["map"]["flows"] = []
    with pytest.raises(LoadError) as info:
        load_bytes(encode(envelope))
    assert len(info.value.lines()) == 50
    assert info.value.more == 0


def test_twenty_thousand_empty_touchpoints_are_reported_quickly_and_capped() -> None:
    """At the limit the list is validated: the flood of problems is capped, not all listed."""
    envelope = spec_envelope()
    envelope["map"]["touchpoints"] = [{}] * 20_000
    start = time.perf_counter()
    with pytest.raises(LoadError) as info:
        load_bytes(encode(envelope))
    assert time.perf_counter() - start < 10
    lines = check_error(info.value)
    assert len(lines) == 51 and info.value.more > 50_000
    assert lines[0] == "Card 1: the internal id is missing (map.touchpoints[0].id)"


# -- limits are checked before the work they protect -----------------------------------------------
def _forbid(monkeypatch: pytest.MonkeyPatch, obj: Any, name: str) -> None:
    def boom(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"{name} ran although a limit should have stopped the reading first")

    monkeypatch.setattr(obj, name, boom)


def _padded_spec(size: int) -> bytes:
    """The spec example padded with spaces to exactly `size` bytes: valid JSON of any size."""
    body = SPEC_BYTES.rstrip()
    assert body.endswith(b"}")
    return body[:-1] + b" " * (size - len(body)) + b"}"


def test_40_mb_file_is_refused_by_size_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.jmap"
    big.write_bytes(_padded_spec(40 * 1024 * 1024))
    _forbid(monkeypatch, reader, "decode_text")
    _forbid(monkeypatch, reader, "parse_json")
    start = time.perf_counter()
    with pytest.raises(LoadError) as info:
        load_path(big)
    elapsed = time.perf_counter() - start
    assert elapsed < 0.5, f"size check took {elapsed:.2f}s: the file was read or parsed"
    (line,) = check_error(info.value)
    assert line.startswith(f"{big}: ")
    assert "40.0 MB" in line and "32" in line


def test_40_mb_bytes_are_refused_by_size_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _padded_spec(40 * 1024 * 1024)
    _forbid(monkeypatch, reader, "decode_text")
    _forbid(monkeypatch, reader, "parse_json")
    with pytest.raises(LoadError) as info:
        load_bytes(data)
    (line,) = check_error(info.value)
    assert "40.0 MB" in line


def test_file_of_exactly_the_size_limit_loads() -> None:
    assert MAX_FILE_BYTES == 32 * 1024 * 1024
    assert load_bytes(_padded_spec(MAX_FILE_BYTES)).map.id == "m1"


def test_one_byte_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.jmap"
    big.write_bytes(_padded_spec(MAX_FILE_BYTES + 1))
    with pytest.raises(LoadError) as info:
        load_path(big)
    check_error(info.value)


def test_size_message_tells_the_sizes_apart() -> None:
    with pytest.raises(LoadError) as info:
        load_bytes(_padded_spec(MAX_FILE_BYTES + 1))
    sizes = re.findall(r"\d[\d.,]*\s*(?:[KMG]i?B|bytes)", info.value.problems[0])
    assert len(sizes) == 2 and sizes[0] != sizes[1], info.value.problems[0]


@pytest.mark.parametrize("key", ["personas", "stages", "touchpoints", "flows"])
def test_list_limits_stop_before_schema_validation(key: str, monkeypatch: pytest.MonkeyPatch) -> None:
    limit = {"personas": 50, "stages": 100, "touchpoints": 20_000, "flows": 50_000}[key]
    envelope = spec_envelope()
    envelope["map"][key] = [{}] * (limit + 1)
    data = encode(envelope)
    _forbid(monkeypatch, reader.Map, "model_validate")
    _forbid(monkeypatch, reader, "integrity_problems")
    with pytest.raises(LoadError) as info:
        load_bytes(data)
    (line,) = check_error(info.value)
    noun = "cards" if key == "touchpoints" else key
    assert line == (f"The map has {limit + 1:,} {noun}, more than the {limit:,} it can hold "
                    f"(map.{key}: has {limit + 1:,} items; the limit is {limit:,})")


def test_lists_at_their_limits_load() -> None:
    envelope = spec_envelope()
    the_map = envelope["map"]
    the_map["personas"] = [{"id": f"p{i}", "name": f"P{i}"} for i in range(1, 51)]
    the_map["stages"] = [{"id": f"s{i}", "name": f"S{i}"} for i in range(1, 101)]
    the_map["stages"][1]["kpis"] = [{"id": f"k{i}", "name": f"k{i}"} for i in range(50)]
    the_map["stages"][1]["kpis"][0]["readings"] = [{"date": "2026-11-23", "value": i, "note": "n" * 500}
                                                   for i in range(500)]
    the_map["personas"][0]["goals"] = ["g"] * 50
    the_map["personas"][0]["quotes"] = [{"id": f"pq{i}", "text": "q" * 1000} for i in range(50)]
    card = the_map["touchpoints"][1]
    card["pain_points"] = [{"id": f"pp{i}", "text": "x" * 500} for i in range(50)]
    card["opportunities"] = [{"id": f"o{i}", "text": "x", "addresses": [f"pp{n}" for n in range(50)]}
                             for i in range(50)]
    card["quotes"] = [{"id": f"cq{i}", "text": "q" * 1000, "who": "w" * 200, "source": "s" * 500}
                      for i in range(50)]
    the_map["title"] = "t" * 200
    loaded = load_bytes(encode(envelope))
    assert len(loaded.map.personas) == 50 and len(loaded.map.stages) == 100
    assert len(loaded.map.stages[1].kpis[0].readings) == 500 and len(loaded.map.touchpoints[1].quotes) == 50


# -- not regular files -------------------------------------------------------------------------------
def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as info:
        load_path(tmp_path)
    (line,) = check_error(info.value)
    assert line.endswith(": This is a folder, not a journey map file: open a .jmap file inside it instead.")


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as info:
        load_path(tmp_path / "nope.jmap")
    (line,) = check_error(info.value)
    assert line.endswith(": There is no file here: it may have been moved, renamed or deleted. (no such file)")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_endless_device_is_refused() -> None:
    with pytest.raises(LoadError) as info:
        load_path("/dev/zero")
    (line,) = check_error(info.value)
    assert "is not a journey map: it is a device or a pipe" in line and "(not a regular file)" in line


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "map.jmap"
    os.mkfifo(fifo)
    outcome: list[BaseException | object] = []

    def run() -> None:
        try:
            outcome.append(load_path(fifo))
        except BaseException as exc:  # noqa: BLE001 - reported below
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=1)
    hung = worker.is_alive()
    if hung:  # release the reader: open the pipe for writing and close it at once
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        worker.join(timeout=5)
    assert not hung, "load_path blocked on a named pipe"
    assert isinstance(outcome[0], LoadError)


# -- messages stay short whatever the file holds -------------------------------------------------------
HUGE = "x" * 200_000
LONG_VALUE_CASES = [
    pytest.param(mutated((("format",), HUGE)), id="huge-format-tag"),
    pytest.param(mutated((("schema_version",), HUGE)), id="huge-schema-version-text"),
    pytest.param(mutated((("map", HUGE), 1)), id="huge-unknown-key"),
    pytest.param(mutated(((*TP0, "persona"), "a" * 60 + HUGE)), id="huge-dangling-reference"),
    pytest.param(
        edited(lambda e: [set_at(e, (*P0, "id"), HUGE), set_at(e, (*F0, "id"), HUGE)]), id="huge-duplicate-id"
    ),
    pytest.param(
        raw(SPEC_TEXT.replace('"schema_version": 2', '"schema_version": 2' + "0" * 4000)
            .replace('"readable_by": 2,', "").encode()),
        id="4000-digit-schema-version",
    ),
    pytest.param(mutated((("readable_by",), HUGE)), id="huge-readable-by"),
    pytest.param(
        edited(lambda e: [set_at(e, (*PAIN, "id"), HUGE), set_at(e, (*KPI, "id"), HUGE)]), id="huge-duplicate-item-id"
    ),
]


@pytest.mark.parametrize("build", LONG_VALUE_CASES)
def test_messages_stay_short_for_huge_values(build: Builder) -> None:
    with pytest.raises(LoadError) as info:
        load_bytes(build())
    lines = check_error(info.value)
    assert max(len(line) for line in lines) <= 1000


LONG_VALUE_OK_CASES = [
    pytest.param(mutated((("map", "title"), HUGE)), id="huge-title"),
    pytest.param(mutated(((*TP0, "channel"), HUGE)), id="huge-channel"),
    pytest.param(mutated(((*P0, "id"), HUGE)), id="huge-bad-id"),
    pytest.param(mutated(((*P0, "color"), HUGE)), id="huge-colour"),
    pytest.param(mutated((("map", "created"), HUGE)), id="huge-timestamp"),
    pytest.param(mutated(((*R0, "value"), HUGE)), id="huge-number-text"),
    pytest.param(v1_mutated(((*KPI, "value"), HUGE)), id="huge-number-text-v1"),
    pytest.param(mutated(((*OPP, "status"), HUGE)), id="huge-status"),
    pytest.param(mutated((("map", "language"), HUGE)), id="huge-language"),
    pytest.param(mutated(((*R0, "date"), HUGE)), id="huge-reading-date"),
    pytest.param(mutated(((*OPP, "addresses"), [HUGE])), id="huge-address"),
]


@pytest.mark.parametrize("build", LONG_VALUE_OK_CASES)
def test_field_messages_shorten_huge_values(build: Builder) -> None:
    with pytest.raises(LoadError) as info:
        load_bytes(build())
    lines = check_error(info.value)
    assert max(len(line) for line in lines) <= 1000


# -- hostile text that is fine: markup is data, kept byte for byte --------------------------------------
MARKUP = [
    "<b>hi</b>",
    '<img src="/etc/passwd"/>',
    "<script>alert('x')</script>",
    '<link href="http://example.com/x">click</link>',
    "<para><font color=red>ReportLab</font></para>",
    "{{ template }} ${HOME} %(name)s __import__('os').system('x')",
    "&amp; &lt;b&gt; &#x41;",
    "file:///etc/passwd",
]


@pytest.mark.parametrize("markup", MARKUP)
def test_markup_loads_and_is_kept_literally(markup: str) -> None:
    envelope = spec_envelope()
    envelope["map"]["title"] = markup
    envelope["map"]["personas"][0]["goals"] = [markup]
    envelope["map"]["touchpoints"][1]["pain_points"][0]["text"] = markup
    envelope["map"]["touchpoints"][0]["notes"] = markup
    envelope["map"]["flows"][0]["label"] = markup
    loaded = load_bytes(encode(envelope))
    assert loaded.map.title == markup
    assert loaded.map.personas[0].goals == [markup]
    assert loaded.map.touchpoints[1].pain_points[0].text == markup
    assert loaded.map.touchpoints[0].notes == markup
    assert loaded.map.flows[0].label == markup
    out = dumps(loaded.map, loaded.view)
    # json.dumps escapes only `"` and `\`: the markup's bytes appear as written, not HTML-escaped
    written = json.dumps(markup, ensure_ascii=False).encode("utf-8")
    assert out.count(written) >= 5
    assert b"\\u003c" not in out and b"\\u0026" not in out
    again = load_bytes(out)
    assert again.map == loaded.map


# -- accepted edge cases (the spec's decisions) ---------------------------------------------------------
ACCEPTED = [
    pytest.param(
        mutated(((*P0, "id"), "m1"), ((*TP0, "persona"), "m1"), ((*TP1, "persona"), "m1")),
        id="persona-may-share-the-map-id",
    ),
    pytest.param(mutated(((*P0, "color"), "#a1b2c3")), id="lower-case-colour"),
    pytest.param(mutated(((*TP0, "emotion"), -2), ((*TP1, "emotion"), None)), id="emotion-bounds-and-null"),
    pytest.param(mutated(((*TP0, "channel"), None)), id="channel-null"),
    pytest.param(mutated(((*R0, "value"), 0), ((*KPI, "target"), -1.5e300)), id="kpi-numbers"),
    pytest.param(v1_mutated(((*KPI, "value"), 0), ((*KPI, "target"), -1.5e300)), id="kpi-numbers-v1"),
    pytest.param(raw(SPEC_V1_BYTES), id="the-v1-spec-example"),
    pytest.param(without(("readable_by",)), id="readable-by-missing"),
    pytest.param(mutated(((*OPP, "addresses"), ["gone.p1", "t2.p1", "t2.p1", "t1"])), id="addresses-dangling"),
    pytest.param(mutated((("map", "language"), "zh-Hant-TW")), id="language-with-script-and-region"),
    pytest.param(mutated((("map", "language"), "EN-gb")), id="language-any-case"),
    pytest.param(mutated((("map", "state"), "future")), id="future-without-based-on"),
    pytest.param(
        mutated((("map", "state"), "future"),
                (("map", "based_on"), {"id": "m1", "title": "Same map", "modified": "2026-11-23T10:00:00+01:00"})),
        id="based-on-sharing-the-map-id",
    ),
    pytest.param(mutated(((*KPI, "readings"), [{"date": "2026-01-01", "value": 1}] * 500)), id="500-readings"),
    pytest.param(
        mutated(((*KPI, "readings"), [{"date": "2026-02-01", "value": 2}, {"date": "2026-01-01", "value": 1},
                                      {"date": "2026-01-01", "value": 1.5}])),
        id="readings-out-of-order-and-on-one-day",
    ),
    pytest.param(
        mutated((("map", "touchpoints", 0, "quotes"), [{"id": f"q{n}", "text": "x" * 1000} for n in range(50)])),
        id="50-quotes-of-1000-chars",
    ),
    pytest.param(mutated(((*KPI, "id"), "m1")), id="item-may-share-the-map-id"),
    pytest.param(
        mutated((("map", "created"), "2026-11-23T10:00:00.123456789+05:30")), id="nanosecond-fraction"
    ),
    pytest.param(mutated((("map", "created"), "2026-11-23t10:00:00z")), id="lower-case-t-and-z"),
    pytest.param(mutated((("map", "created"), "2026-11-23T10:00:00-00:00")), id="unknown-local-offset"),
    pytest.param(mutated((("map", "review_by"), "2028-02-29")), id="leap-day-review"),
    pytest.param(mutated((("map", "title"), "tab\there\r\nand\nlines")), id="tab-cr-lf-in-text"),
    pytest.param(
        mutated((("map", "title"), "del\x7f c1\x85 ls\u2028 ps\u2029 bom\ufeff zw\u200b")),
        id="non-c0-controls-in-text",
    ),
    pytest.param(mutated((("map", "title"), "🎂" * 200)), id="200-astral-chars"),
    pytest.param(mutated((("view",), None)), id="view-null"),
    pytest.param(without(("view",)), id="view-missing"),
    pytest.param(without(("app_version",)), id="app-version-missing"),
    pytest.param(mutated((("view",), {"zoom": 2, "unknown": {"deep": [1, "x", None]}})), id="free-view-keys"),
    pytest.param(raw(b"\xef\xbb\xbf" + SPEC_BYTES), id="utf8-bom"),
    pytest.param(raw(SPEC_BYTES.replace(b"\n", b"\r\n")), id="crlf-line-ends"),
    pytest.param(raw(json.dumps(json.loads(SPEC_BYTES)).encode()), id="one-line-json"),
    pytest.param(raw(b"\n\n  " + SPEC_BYTES + b"\n\n  "), id="surrounding-whitespace"),
]


@pytest.mark.parametrize("build", ACCEPTED)
def test_accepted_edge_cases_load(build: Builder) -> None:
    loaded = load_bytes(build())
    assert loaded.map.id == "m1"


def test_minimal_v1_map_takes_the_documented_defaults() -> None:
    """A format 1 file that leaves out every key it may (as format 1 allowed)."""
    envelope = {
        "format": "journeymapper",
        "schema_version": 1,
        "map": {
            "id": "m",
            "title": "T",
            "created": "2026-01-01T00:00:00Z",
            "modified": "2026-01-01T00:00:00Z",
            "personas": [{"id": "p", "name": "P"}],
            "stages": [{"id": "s", "name": "S", "kpis": [{"name": "NPS"}]}],
            "touchpoints": [
                {
                    "id": "t",
                    "persona": "p",
                    "stage": "s",
                    "title": "Card",
                    "pain_points": [{"text": "slow"}],
                    "opportunities": [{"text": "faster"}],
                }
            ],
            "flows": [{"id": "f", "source": "t", "target": "t"}],
        },
    }
    loaded = load_bytes(encode(envelope))
    assert loaded.view == {} and loaded.app_version == ""
    m = loaded.map
    assert (m.description, m.owner, m.review_by) == ("", "", None)
    p = m.personas[0]
    assert (p.segment, p.description, p.goals, p.needs, p.frustrations, p.color) == (
        "",
        "",
        [],
        [],
        [],
        "#2E86AB",
    )
    s = m.stages[0]
    assert (s.description, s.goal) == ("", "")
    k = s.kpis[0]
    assert (k.value, k.target, k.unit) == (None, None, "")
    t = m.touchpoints[0]
    assert (t.channel, t.action, t.thoughts, t.emotion, t.owner, t.evidence, t.source, t.notes) == (
        None,
        "",
        "",
        None,
        "",
        "assumed",
        "",
        "",
    )
    assert t.pain_points[0].severity == "medium" and t.opportunities[0].priority == "medium"
    assert (m.flows[0].label, m.flows[0].kind) == ("", "next")


def test_minimal_v2_map_takes_the_documented_defaults() -> None:
    """A format 2 file that leaves out every key it may: the defaults of docs/jmap-format.md."""
    envelope = {
        "format": "journeymapper",
        "schema_version": 2,
        "map": {
            "id": "m",
            "title": "T",
            "created": "2026-01-01T00:00:00Z",
            "modified": "2026-01-01T00:00:00Z",
            "personas": [{"id": "p", "name": "P", "quotes": [{"id": "q1", "text": "Said"}]}],
            "stages": [{"id": "s", "name": "S", "kpis": [{"id": "k", "name": "NPS",
                                                          "readings": [{"date": "2026-01-01", "value": 7}]}]}],
            "touchpoints": [{"id": "t", "persona": "p", "stage": "s", "title": "Card",
                             "pain_points": [{"id": "t.p", "text": "slow"}],
                             "opportunities": [{"id": "t.o", "text": "faster"}]}],
            "flows": [],
        },
    }
    loaded = load_bytes(encode(envelope))
    assert loaded.view == {} and loaded.app_version == "" and loaded.dropped == ()
    m = loaded.map
    assert (m.language, m.state, m.based_on) == ("", "current", None)
    p = m.personas[0]
    assert (p.evidence, p.source) == ("assumed", "")
    assert (p.quotes[0].who, p.quotes[0].date, p.quotes[0].source) == ("", None, "")
    k = m.stages[0].kpis[0]
    assert (k.unit, k.direction, k.target, k.value, k.previous) == ("", "higher", None, 7, None)
    assert k.readings[0].note == ""
    t = m.touchpoints[0]
    assert t.quotes == [] and t.pain_points[0].severity == "medium"
    o = t.opportunities[0]
    assert (o.priority, o.status, o.owner, o.due, o.effort, o.addresses) == ("medium", "idea", "", None, None, [])


# -- fuzzing: whatever the bytes, a LoadedMap or a LoadError ------------------------------------------------
def _load_or_error(data: bytes) -> None:
    try:
        load_bytes(data)
    except LoadError as err:
        check_error(err)


@settings(max_examples=150, deadline=None, database=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_crash(data: bytes) -> None:
    _load_or_error(data)


@settings(max_examples=100, deadline=None, database=None)
@given(st.sampled_from([SPEC_BYTES, SPEC_V1_BYTES]), st.floats(0, 1, exclude_max=True), st.binary(min_size=1, max_size=8))
def test_corrupted_bytes_never_crash(data: bytes, where: float, junk: bytes) -> None:
    offset = int(where * len(data))
    _load_or_error(data[:offset] + junk + data[offset + len(junk) :])


_SAFE_KEYS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)
_JSON_LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
)
_JSON = st.recursive(
    _JSON_LEAF,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_SAFE_KEYS, inner, max_size=3)),
    max_leaves=8,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*prefix, i))
    return found


_FULL_V2 = json.loads((V2_SPEC_GOLDEN.parent / "full.jmap").read_bytes())
_NEWER = dict(_FULL_V2, schema_version=3)
"""A file from a newer journeymapper that format 2 may show: read with unknown keys left out."""
BASES = {"v2": _FULL_V2, "v1": spec_v1_envelope(), "v3": _NEWER}
_ALL_PATHS = {name: _paths(base) for name, base in BASES.items()}


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(BASES)).flatmap(lambda name: st.tuples(st.just(name), st.lists(
    st.tuples(st.sampled_from(_ALL_PATHS[name]), _JSON, st.booleans()), min_size=1, max_size=4))))
def test_structural_mutations_never_crash(case: tuple[str, list[tuple[tuple[Any, ...], Any, bool]]]) -> None:
    """Replace or add values anywhere in a map of every field, in format 2, 1 or 3 (read-only): the reader
    answers, never crashes."""
    name, changes = case
    envelope = copy.deepcopy(BASES[name])
    for path, value, add_sibling in changes:
        try:
            if add_sibling and isinstance(path[-1], str):
                set_at(envelope, (*path[:-1], path[-1] + "_x"), value)
            else:
                set_at(envelope, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change replaced a parent of this path
    _load_or_error(encode(envelope))


def test_the_corpus_is_at_least_what_the_brief_asks() -> None:
    """Guard against the table shrinking unnoticed."""
    assert len(CORPUS) >= 150
    for expected in [
        "truncated-half",
        "NaN",
        "Infinity",
        "-Infinity",
        "1e999-kpi-value",
        "int-5000-digits-kpi",
        "nested-100k-lists-as-map",
        "nested-100k-lists-as-view",
        "utf16-le-bom",
        "empty-file",
        "whitespace-only",
        "invalid-utf8",
        "lone-surrogate-in-title",
        "nul-in-title",
    ]:
        assert expected in {param.id for param in CORPUS}, expected
