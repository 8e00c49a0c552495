"""Spreadsheets in and out: a map exported to .xlsx and imported again is the same map; a CSV file
gives back its touchpoints; a sheet a person typed (other headers, odd spacing, merged cells, numbers
as text, a 1-5 scale, Excel's German ";" CSV in Windows-1252) becomes a map, and every row or value
that cannot be used is named with its row number and the reason. Cells are data: nothing exported
is run as a formula by a spreadsheet.

Sheets "by hand" are written here with openpyxl and the csv module, not with the exporter.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymapper.io import dumps, load_bytes, load_path
from journeymapper.io.importers import ImportFailed, import_file
from journeymapper.io.spreadsheet_export import export_spreadsheet, journey_order
from journeymapper.model.document import new_map
from journeymapper.model.schema import Map, Touchpoint
from journeymapper.resources import examples_dir, templates_dir
from tests.io.strategies import raw_v2_maps

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(templates_dir().glob("*.jmap")) + sorted(examples_dir().glob("*.jmap"))
FULL = ROOT / "tests" / "data" / "v2" / "full.jmap"
"""Every format 2 field set: a future-state map with readings, plans, quotes, a persona's evidence."""


def content(the_map: Map) -> str:
    """The map as JSON text (so that 3 and 3.0 differ, as in a file), without what a new map gets
    afresh (its own id and timestamps)."""
    data = the_map.model_dump(mode="json")
    for key in ("id", "created", "modified"):
        data.pop(key)
    return json.dumps(data, indent=1, ensure_ascii=False)


def in_journey_order(the_map: Map) -> Map:
    """The same map with its cards listed stage by stage, lane by lane (each cell's order kept): the
    order a spreadsheet lists them in. The map means the same (card order counts within a cell only)."""
    return the_map.model_copy(update={"touchpoints": journey_order(the_map)})


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]], merged: dict[str, list[str]] | None = None) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cells in (merged or {}).get(name, ()):
            sheet.merge_cells(cells)
    workbook.save(path)
    return path


def write_csv(path: Path, rows: list[list[object]], delimiter: str = ",", encoding: str = "utf-8") -> Path:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def cards(the_map: Map) -> list[tuple]:
    personas = {p.id: p.name for p in the_map.personas}
    stages = {s.id: s.name for s in the_map.stages}
    return [(personas[t.persona], stages[t.stage], t.title, t.channel, t.emotion) for t in the_map.touchpoints]


# -- the way back --------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [*SHIPPED, FULL], ids=lambda p: p.name)
def test_a_workbook_exported_and_imported_gives_back_the_same_map(tmp_path, path):
    original = in_journey_order(load_path(path).map)
    export_spreadsheet(original, tmp_path / "map.xlsx")
    result = import_file(tmp_path / "map.xlsx")
    assert content(result.map) == content(original)
    assert result.problems == [] and result.notes == []


@pytest.mark.parametrize("path", [p for p in [*SHIPPED, FULL] if load_path(p).map.touchpoints], ids=lambda p: p.name)
def test_a_csv_file_gives_back_every_touchpoint(tmp_path, path):
    original = in_journey_order(load_path(path).map)
    export_spreadsheet(original, tmp_path / "cards.csv")
    result = import_file(tmp_path / "cards.csv")

    def held(the_map: Map) -> list[dict]:  # what a row per card holds: the card with its lane's and column's names
        names = {e.id: e.name for e in (*the_map.personas, *the_map.stages)}
        return [{**t.model_dump(mode="json", include=set(Touchpoint.model_fields) - {"pain_points", "opportunities",
                                                                                      "quotes", "persona", "stage"}),
                 "persona": names[t.persona], "stage": names[t.stage],
                 **{key: [item.text for item in getattr(t, key)] for key in ("pain_points", "opportunities", "quotes")}}
                for t in the_map.touchpoints]

    assert held(result.map) == held(original)
    assert [s.name for s in result.map.stages] == [s.name for s in original.stages
                                                   if any(t.stage == s.id for t in original.touchpoints)]
    assert result.problems == [] and result.notes == []


def test_the_example_keeps_its_ids_so_a_diff_finds_nothing(tmp_path):
    from journeymapper.model.diff import diff_maps

    original = load_path(examples_dir() / "corner-bakery.jmap").map
    export_spreadsheet(original, tmp_path / "bakery.xlsx")
    assert diff_maps(original, import_file(tmp_path / "bakery.xlsx").map).same


def test_edits_in_the_workbook_come_back(tmp_path):
    """A card renamed on the Touchpoints sheet keeps its flows (found by the hidden id) and an
    opportunity typed into its row is added to the ones the Actions sheet lists."""
    original = load_path(examples_dir() / "corner-bakery.jmap").map
    export_spreadsheet(original, tmp_path / "bakery.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "bakery.xlsx")
    sheet = workbook["Touchpoints"]
    headers = [c.value for c in sheet[1]]
    row = 2
    old_title = sheet.cell(row, headers.index("Touchpoint") + 1).value
    sheet.cell(row, headers.index("Touchpoint") + 1).value = "Renamed in Excel"
    opportunities = sheet.cell(row, headers.index("Opportunities") + 1)
    opportunities.value = ((opportunities.value or "") + "\nCall back within the hour").lstrip("\n")
    sheet.cell(row, headers.index("Emotion (-2 to 2)") + 1).value = -2
    workbook.save(tmp_path / "edited.xlsx")

    imported = import_file(tmp_path / "edited.xlsx")
    assert imported.problems == []
    card = next(t for t in imported.map.touchpoints if t.title == "Renamed in Excel")
    before = next(t for t in original.touchpoints if t.title == old_title)
    assert card.id == before.id and card.emotion == -2
    assert [o.text for o in card.opportunities] == [o.text for o in before.opportunities] + ["Call back within the hour"]
    assert [(f.source, f.target) for f in imported.map.flows] == [(f.source, f.target) for f in original.flows]


# -- sheets made by hand ---------------------------------------------------------------------------

def test_a_hand_made_workbook_with_other_headers_odd_spacing_and_merged_cells(tmp_path):
    rows = [
        ["Our customer journey, spring 2027"],  # a title above the headers
        [],
        ["  PHASE ", "segment", "Title", "Touchpoint type", "Feeling", "Pain point(s)", "Opportunities", "Budget"],
        ["Discover", "Wedding planner", "Finds us on Instagram", "instagram", "2", "", "", "ok"],
        [None, None, "Reads reviews", "Reviews", " -1 ", "Old reviews; No photos", "Ask for reviews", ""],
        [],
        ["Book", "Wedding planner", "Pays deposit by phone", "phone call", "angry", "Card declined", "", ""],
        ["Book", "Wedding Planner ", "Gets a confirmation", "E-Mail", 1, "", "Send a calendar file\nAdd a map", ""],
    ]
    path = write_xlsx(tmp_path / "journey.xlsx", {"Sheet1": rows}, {"Sheet1": ["A4:A5", "B4:B5"]})
    result = import_file(path)
    assert cards(result.map) == [
        ("Wedding planner", "Discover", "Finds us on Instagram", "social_media", 2),
        ("Wedding planner", "Discover", "Reads reviews", "review_site", -1),
        ("Wedding planner", "Book", "Pays deposit by phone", "phone", -2),
        ("Wedding planner", "Book", "Gets a confirmation", "email", 1),
    ]
    reviews, confirmation = result.map.touchpoints[1], result.map.touchpoints[3]
    assert [p.text for p in reviews.pain_points] == ["Old reviews", "No photos"]
    assert [o.text for o in confirmation.opportunities] == ["Send a calendar file", "Add a map"]
    assert result.problems == []
    assert any("“Budget”" in note for note in result.notes), result.notes


def test_a_stage_written_once_above_its_rows_holds_for_them(tmp_path):
    path = write_csv(tmp_path / "cards.csv", [["Stage", "Persona", "Touchpoint"], ["Visit", "Anna", "Walks in"],
                                              ["", "", "Looks around"], ["Pay", "", "Pays"]])
    assert cards(import_file(path).map) == [("Anna", "Visit", "Walks in", None, None),
                                            ("Anna", "Visit", "Looks around", None, None),
                                            ("Anna", "Pay", "Pays", None, None)]


def test_emotions_on_a_scale_of_one_to_five_are_mapped(tmp_path):
    path = write_csv(tmp_path / "scores.csv", [["Step", "Task", "Score"]] + [["S", f"t{n}", n] for n in (1, 2, 3, 4, 5)])
    result = import_file(path)
    assert [t.emotion for t in result.map.touchpoints] == [-2, -1, 0, 1, 2]
    assert any("scale of 1 to 5" in note for note in result.notes)
    # The format's own scale is left as it is.
    path = write_csv(tmp_path / "emotions.csv", [["Stage", "Title", "Emotion"]] + [["S", f"t{n}", n] for n in (-2, 0, 2)])
    assert [t.emotion for t in import_file(path).map.touchpoints] == [-2, 0, 2]


@pytest.mark.parametrize("word, emotion", [("very negative", -2), ("Angry", -2), ("frustrated", -2), ("bad", -1),
                                           ("neutral", 0), ("OK", 0), ("happy", 1), ("Very Positive", 2),
                                           ("delighted", 2), ("🙂", 1)])
def test_emotions_as_words(tmp_path, word, emotion):
    path = write_csv(tmp_path / "words.csv", [["Stage", "Title", "Emotion"], ["S", "t", word]])
    assert import_file(path).map.touchpoints[0].emotion == emotion


@pytest.mark.parametrize("word, channel", [("web", "website"), ("Website", "website"), ("e-mail", "email"),
                                           ("EMAIL", "email"), ("phone call", "phone"), ("Mobile App", "mobile_app"),
                                           ("mobile_app", "mobile_app"), ("in-store", "in_store"),
                                           ("word of mouth", "word_of_mouth"), ("Live chat", "chat")])
def test_channels_by_name_and_by_common_words(tmp_path, word, channel):
    path = write_csv(tmp_path / "channels.csv", [["Stage", "Title", "Channel"], ["S", "t", word]])
    assert import_file(path).map.touchpoints[0].channel == channel


def test_unusable_rows_are_reported_with_their_numbers_and_the_rest_imported(tmp_path):
    path = write_csv(tmp_path / "mixed.csv", [
        ["Stage", "Persona", "Touchpoint", "Channel", "Emotion"],
        ["Find", "Anna", "Searches", "fax machine", "1"],  # row 2: unknown channel: left empty
        ["Find", "Anna", "", "web", "1"],  # row 3: no title: row left out
        ["Find", "Anna", "Calls", "phone", "furious-ish"],  # row 4: emotion not understood
        ["Buy", "Anna", "Pays", "", "7"],  # row 5: out of range
    ])
    result = import_file(path)
    assert [t.title for t in result.map.touchpoints] == ["Searches", "Calls", "Pays"]
    assert result.map.touchpoints[0].channel is None and result.map.touchpoints[1].emotion is None
    said = {(p.row, p.skipped): p.message for p in result.problems}
    assert set(said) == {(2, False), (3, True), (4, False), (5, False)}
    assert "fax machine" in said[2, False] and "no touchpoint title" in said[3, True]
    assert "furious-ish" in said[4, False] and "outside" in said[5, False]
    assert result.rows_skipped == 1 and "1 of 4 rows left out" in result.summary


def test_a_sheet_with_no_usable_rows_is_an_error_that_says_why(tmp_path):
    path = write_csv(tmp_path / "empty.csv", [["Stage", "Touchpoint", "Emotion"], ["Find", "", "1"], ["", "", ""]])
    with pytest.raises(ImportFailed, match="no usable rows") as caught:
        import_file(path)
    assert [(p.row, p.skipped) for p in caught.value.problems] == [(2, True)]
    path = write_csv(tmp_path / "other.csv", [["Date", "Amount"], ["2026-01-01", "12"]])
    with pytest.raises(ImportFailed, match="touchpoint's title"):
        import_file(path)


def test_numbers_stored_as_text_and_dates_typed_by_hand(tmp_path):
    path = write_xlsx(tmp_path / "plan.xlsx", {
        "Journey": [["Stage", "Touchpoint", "Emotion"], ["Buy", "Pays online", "-1"]],
        "Metrics": [["Phase", "Metric", "Unit", "Target", "Measured on", "Value", "Better when"],
                    ["Buy", "Conversion", "%", "3,5", "01.03.2027", "2,5", "higher"],
                    ["Buy", "Conversion", "%", "3,5", date(2027, 1, 1), "2", "higher"],
                    ["Buy", "Waiting time", "min", 5, "2027-02-01", "7.0", "lower is better"]],
        "Action plan": [["Touchpoint", "Action", "Status", "Owner", "Deadline", "Effort"],
                        ["Pays online", "Offer PayPal", "in progress", "Sam", "31.05.2027", "small"]],
    })
    result = import_file(path)
    assert result.problems == []
    (stage,) = result.map.stages
    conversion, waiting = stage.kpis
    assert (conversion.unit, conversion.target, conversion.direction) == ("%", 3.5, "higher")
    assert [(r.date, r.value) for r in conversion.readings] == [(date(2027, 1, 1), 2), (date(2027, 3, 1), 2.5)]
    assert waiting.direction == "lower" and waiting.readings[0].value == 7.0 and isinstance(waiting.readings[0].value, float)
    (card,) = result.map.touchpoints
    assert card.emotion == -1
    (plan,) = card.opportunities
    assert (plan.text, plan.status, plan.owner, plan.due, plan.effort) == ("Offer PayPal", "in_progress", "Sam",
                                                                          date(2027, 5, 31), "low")


def test_hand_made_flows_name_their_cards_by_title(tmp_path):
    path = write_xlsx(tmp_path / "flows.xlsx", {
        "Touchpoints": [["Stage", "Persona", "Touchpoint"], ["A", "P", "Start"], ["B", "P", "End"],
                        ["A", "Q", "Same name"], ["B", "Q", "Same name"]],
        "Flows": [["From", "To", "Type"], ["start", "End", "alternative"], ["Start", "Nowhere", ""],
                  ["Same name", "End", ""]],
    })
    result = import_file(path)
    (flow,) = result.map.flows
    titles = {t.id: t.title for t in result.map.touchpoints}
    assert (titles[flow.source], titles[flow.target], flow.kind) == ("Start", "End", "alternative")
    said = {p.row: p.message for p in result.problems if p.sheet == "Flows"}
    assert "no touchpoint called “Nowhere”" in said[3] and "several touchpoints are called “Same name”" in said[4]


# -- CSV from many places ------------------------------------------------------------------------

def test_excel_in_germany_semicolons_in_windows_1252(tmp_path):
    rows = [["Phase", "Persona", "Touchpoint", "Emotion", "Pain points"],
            ["Suche", "Jürgen", "Googelt die Bäckerei", "1", "Öffnungszeiten fehlen"],
            ["Kauf", "Jürgen", "Zahlt 5 € bar", "-2", ""]]
    result = import_file(write_csv(tmp_path / "deutsch.csv", rows, ";", "cp1252"))
    assert cards(result.map) == [("Jürgen", "Suche", "Googelt die Bäckerei", None, 1),
                                 ("Jürgen", "Kauf", "Zahlt 5 € bar", None, -2)]
    assert result.map.touchpoints[0].pain_points[0].text == "Öffnungszeiten fehlen"
    assert any("Windows-1252" in note for note in result.notes)


def test_a_byte_order_mark_tabs_and_excels_sep_line(tmp_path):
    rows = [["Stage", "Touchpoint"], ["Visit", "Walks in"]]
    with_bom = write_csv(tmp_path / "bom.csv", rows, ",", "utf-8-sig")
    assert with_bom.read_bytes().startswith(b"\xef\xbb\xbf")
    result = import_file(with_bom)
    assert cards(result.map) == [("Customer", "Visit", "Walks in", None, None)] and result.problems == []
    assert not any("UTF-8" in note for note in result.notes)
    assert cards(import_file(write_csv(tmp_path / "tabs.tsv", rows, "\t")).map) == cards(result.map)
    (tmp_path / "sep.csv").write_text("sep=;\nStage;Touchpoint\nVisit;Walks in\n", encoding="utf-8")
    assert cards(import_file(tmp_path / "sep.csv").map) == cards(result.map)
    assert cards(import_file(write_csv(tmp_path / "utf16.txt", rows, "\t", "utf-16")).map) == cards(result.map)


# -- cells are data --------------------------------------------------------------------------------

FORMULAS = ["=HYPERLINK(\"http://example.com\",\"click\")", "+1 555 0100", "-2 days wait", "@SUM(A1:A2)",
            "'=already quoted", "=1+1"]


def _map_of_formulas() -> Map:
    the_map = new_map("=cmd|' /C calc'!A0")
    raw = the_map.model_dump()
    raw["personas"] = [{"id": "p1", "name": "+Anna"}]
    raw["stages"] = [{"id": "s1", "name": "-Buy"}]
    raw["touchpoints"] = [{"id": f"t{i}", "persona": "p1", "stage": "s1", "title": text, "notes": text,
                           "pain_points": [{"id": f"x{i}", "text": text}]} for i, text in enumerate(FORMULAS)]
    return Map.model_validate(raw)


def test_text_that_looks_like_a_formula_stays_text_in_a_workbook(tmp_path):
    the_map = _map_of_formulas()
    export_spreadsheet(the_map, tmp_path / "f.xlsx")
    with zipfile.ZipFile(tmp_path / "f.xlsx") as archive:
        sheets = [archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/worksheets/")]
    assert not any(re.search(r"<f[ >]", xml) for xml in sheets), "no cell is a formula"
    workbook = openpyxl.load_workbook(tmp_path / "f.xlsx")
    cells = [c for row in workbook["Touchpoints"].iter_rows(min_row=2) for c in row if c.value in FORMULAS]
    assert len(cells) >= 2 * len(FORMULAS)
    assert all(c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c in cells if c.value[0] in "=+-@"), "typing into the cell again keeps it text"
    assert content(import_file(tmp_path / "f.xlsx").map) == content(the_map)


def test_text_that_looks_like_a_formula_gets_an_apostrophe_in_csv_and_comes_back(tmp_path):
    the_map = _map_of_formulas()
    export_spreadsheet(the_map, tmp_path / "f.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "f.csv").read_text(encoding="utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row if cell]
    assert not [cell for cell in cells if cell[0] in "=+-@"], "no cell a spreadsheet would run"
    assert "'=HYPERLINK(\"http://example.com\",\"click\")" in cells and "''=already quoted" in cells
    imported = import_file(tmp_path / "f.csv").map
    assert [(t.title, t.notes, t.pain_points[0].text) for t in imported.touchpoints] == [(f, f, f) for f in FORMULAS]
    assert (imported.personas[0].name, imported.stages[0].name) == ("+Anna", "-Buy")


# -- files that are not spreadsheets -------------------------------------------------------------------

def test_files_that_cannot_be_imported_say_why(tmp_path):
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0 old")
    (tmp_path / "fake.xlsx").write_text("Stage,Touchpoint\n")
    (tmp_path / "locked.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")
    expected = {"old.xls": "save it as .xlsx", "fake.xlsx": "not an Excel workbook",
                "locked.xlsx": "password-protected", "broken.xlsx": "damaged", "picture.png": "imports files ending in",
                "missing.csv": "no such file"}
    for name, words in expected.items():
        with pytest.raises(ImportFailed, match=re.escape(words)):
            import_file(tmp_path / name)


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from journeymapper.io import sheet_files

    export_spreadsheet(load_path(examples_dir() / "corner-bakery.jmap").map, tmp_path / "bakery.xlsx")
    monkeypatch.setattr(sheet_files, "MAX_UNPACKED_BYTES", 10_000)
    with pytest.raises(ImportFailed, match="unpacks to"):
        import_file(tmp_path / "bakery.xlsx")


def test_the_documented_csv_columns_are_the_ones_written(tmp_path):
    """docs/spreadsheets.md lists the CSV columns in order; the file has exactly those."""
    docs = (ROOT / "docs" / "spreadsheets.md").read_text(encoding="utf-8")
    section = docs.split("## The CSV file", 1)[1].split("\n## ", 1)[0]
    documented = [line.split("|")[1].strip() for line in section.splitlines() if line.startswith("| ")][1:]
    export_spreadsheet(load_path(examples_dir() / "corner-bakery.jmap").map, tmp_path / "cards.csv")
    header = next(csv.reader(io.StringIO((tmp_path / "cards.csv").read_text(encoding="utf-8-sig"))))
    assert documented == header


_CELL = st.one_of(st.text(max_size=30), st.sampled_from(["", "-2", "5", "3.5", "web", "happy", "=1+1", "'@x", "Find",
                                                          "Buy", "a;b", "a\nb", "2027-13-40", "31.12.2027"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_CELL, min_size=0, max_size=8), max_size=12))
def test_any_csv_gives_a_valid_map_or_a_clear_refusal(tmp_path, rows):
    headers = ["Stage", "Persona", "Touchpoint", "Channel", "Emotion", "Pain points", "Opportunities", "Notes"]
    path = write_csv(tmp_path / "any.csv", [headers, *rows])
    try:
        result = import_file(path)
    except ImportFailed as exc:
        assert str(exc)
        return
    assert load_bytes(dumps(result.map)).map == result.map  # saved, it reads back: ids unique, references whole
    assert all(problem.row and problem.row >= 2 for problem in result.problems)


def _as_a_spreadsheet_keeps_it(value: object, key: str | None = None) -> object:
    """A map's values as a spreadsheet holds them (docs/spreadsheets.md, "The way back"): one-line texts
    without outer spaces, no carriage returns, list items of one line, readings in date order, numbers
    of at most 15 digits."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return max(-10**15, min(10**15, value))
    if isinstance(value, float):
        return float(f"{value:.15g}") if value else 0.0
    if isinstance(value, dict):
        ids = {"id", "persona", "stage"} | ({"source", "target"} if "kind" in value else set())  # (a flow's ends)
        return {k: v if k in ids else _as_a_spreadsheet_keeps_it(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_as_a_spreadsheet_keeps_it(v, key) for v in value]
        if key == "readings":
            items.sort(key=lambda reading: reading["date"])
        if key in ("goals", "needs", "frustrations"):
            items = [re.sub(r"[;\n\r\x85\u2028\u2029\x1c-\x1e\x0b\x0c]", " ", item).strip() or "x" for item in items]
        return items
    if isinstance(value, str) and key not in ("created", "modified"):
        text = value.replace("\r", "")
        if key in ("description", "action", "thoughts", "notes"):
            return text if text.strip() else ""
        return text.strip() or "x"
    return value


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(raw=raw_v2_maps())
def test_any_map_comes_back_from_a_workbook(tmp_path, raw):
    from pydantic import ValidationError

    try:
        original = Map.model_validate(_as_a_spreadsheet_keeps_it(raw))
    except ValidationError:  # (a text made "x" may now repeat a name: not what this test is about)
        return
    original = in_journey_order(original)
    export_spreadsheet(original, tmp_path / "any.xlsx")
    assert content(import_file(tmp_path / "any.xlsx").map) == content(original)


def test_a_number_outside_both_scales_does_not_decide_the_scale(tmp_path):
    path = write_csv(tmp_path / "typo.csv", [["Stage", "Title", "Emotion"], ["S", "a", 1], ["S", "b", 2], ["S", "c", 7]])
    result = import_file(path)
    assert [t.emotion for t in result.map.touchpoints] == [1, 2, None]
    assert [p.row for p in result.problems] == [4] and not any("1 to 5" in note for note in result.notes)


def test_formulas_without_a_saved_value_are_named_not_dropped(tmp_path):
    # openpyxl writes a formula without the value Excel would save with it
    path = write_xlsx(tmp_path / "formulas.xlsx", {"Touchpoints": [
        ["Stage", "Touchpoint", "Emotion"],
        ["Find", '="Card"&1', "1"],  # row 2: the title is a formula: row left out, said with its cell
        ["Find", "Plain", "=1+1"],  # row 3: the emotion is one: left empty, said
        ["Find", "Only", None],
        [None, "=1+1", None],  # row 5: nothing else in the row
    ]})
    result = import_file(path)
    assert [(t.title, t.emotion) for t in result.map.touchpoints] == [("Plain", None), ("Only", None)]
    said = {(p.row, p.skipped): p.message for p in result.problems}
    assert set(said) == {(2, True), (3, False), (5, True)}
    assert "cell B2" in said[2, True] and "cell C3" in said[3, False] and "cell B5" in said[5, True]
    assert all("formula without a saved value" in m and "open and save the file" in m for m in said.values())
    assert result.rows_skipped == 2 and "2 of 4 rows left out" in result.summary


def test_a_sheet_with_wrong_stated_size_and_merged_cells_is_read_whole(tmp_path):
    # read-only reading trusts a sheet's <dimension>; some programs write a wrong one
    path = write_xlsx(tmp_path / "merged.xlsx", {"Touchpoints": [
        ["Stage", "Touchpoint", "Emotion"], ["Find", "Searches", 1], [None, "Compares", -1], ["Buy", "Pays", 0]]},
        merged={"Touchpoints": ["A2:A3"]})
    data = Path(path).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(tmp_path / "small.xlsx", "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                body = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:B2"/>', body)
            target.writestr(info, body)
    result = import_file(tmp_path / "small.xlsx")
    assert [(t.title, t.emotion) for t in result.map.touchpoints] == [("Searches", 1), ("Compares", -1),
                                                                      ("Pays", 0)]
    stage_of = {s.id: s.name for s in result.map.stages}
    assert [stage_of[t.stage] for t in result.map.touchpoints] == ["Find", "Find", "Buy"]


def test_a_csv_with_thousands_of_columns_is_quick_and_its_note_short(tmp_path, monkeypatch):
    """Each header is put in words once (comparing each header with each synonym again took 5.5 s for
    10,000 columns); counted, not timed, so the test does not depend on the machine."""
    from journeymapper.io import sheet_columns

    calls = []
    keyed = sheet_columns.header_key
    monkeypatch.setattr(sheet_columns, "header_key", lambda text: calls.append(1) or keyed(text))
    headers = ["Touchpoint", "Emotion"] + [f"extra {n}" for n in range(10_000)]
    path = write_csv(tmp_path / "wide.csv", [headers, ["Searches", "1"] + [""] * 10_000])
    result = import_file(path)
    assert len(calls) < 2 * len(headers) + 1_000, len(calls)
    assert [t.title for t in result.map.touchpoints] == ["Searches"]
    note = next(n for n in result.notes if "columns left out" in n)
    assert "“extra 0”" in note and "and 9,992 more" in note and len(note) < 400
