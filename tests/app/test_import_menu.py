"""File > Import… makes a new, unsaved map from a spreadsheet (in this window on the start page, else in a
window of its own) and lists what was left out, row by row, as plain text; File > Export Spreadsheet…
writes the map as a workbook or its touchpoints as CSV."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from journeymapper import gui
from journeymapper.io.importers import import_file

HAND_MADE = ("Phase,Segment,Touchpoint,Feeling,Channel\n"
             "Find,Anna,Searches,4,web\n"
             "Find,Anna,,2,\n"
             "Buy,Anna,Pays,terrible,<b>fax</b>\n")


def _new_window(qtbot, before):
    (window,) = [w for w in gui.windows() if w not in before]
    window.ask_save_changes = lambda: "discard"
    qtbot.addWidget(window)
    return window


def test_import_on_the_start_page_opens_the_map_here_unsaved_with_its_problems(qtbot, open_window, tmp_path):
    sheet = tmp_path / "research.csv"
    sheet.write_text(HAND_MADE, encoding="utf-8")
    window = open_window(None)
    assert window.actions_by_name["import"].isEnabled()
    assert not window.actions_by_name["export_spreadsheet"].isEnabled()
    window.ask_import_file = lambda: str(sheet)
    window.actions_by_name["import"].trigger()
    assert [t.title for t in window.document().map.touchpoints] == ["Searches", "Pays"]
    assert window.editor.path is None and window.editor.is_modified()  # new and not saved: closing asks
    assert window.windowTitle().startswith("research")
    report = window.import_report
    assert report is not None and report.isVisible()
    lines = report.text.toPlainText().splitlines()
    assert lines[0].startswith("row 3: no touchpoint title") and lines[1].startswith("row 4: channel “<b>fax</b>”")
    assert any(line.startswith("Note: Emotions were read on a scale of 1 to 5") for line in lines)
    labels = report.findChildren(QLabel)
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    assert "2 touchpoints (1 of 3 rows left out)" in labels[0].text()
    report.close()


def test_import_beside_an_open_map_opens_a_new_window(qtbot, open_window, example_copy, tmp_path):
    sheet = tmp_path / "clean.csv"
    sheet.write_text("Stage,Persona,Touchpoint\nVisit,Anna,Walks in\n", encoding="utf-8")
    window = open_window(example_copy)
    before_map = window.document().map
    before = gui.windows()
    window.ask_import_file = lambda: str(sheet)
    window.actions_by_name["import"].trigger()
    imported = _new_window(qtbot, before)
    assert [t.title for t in imported.document().map.touchpoints] == ["Walks in"]
    assert imported.editor.path is None and imported.editor.is_modified() and imported.isVisible()
    assert window.document().map is before_map and not window.editor.is_modified()
    assert imported.import_report is None and "Imported clean.csv" in imported.statusBar().currentMessage()


def test_a_file_with_nothing_to_import_says_why_and_opens_nothing(open_window, tmp_path):
    sheet = tmp_path / "numbers.csv"
    sheet.write_text("Date,Amount\n2027-01-01,12\n", encoding="utf-8")
    window = open_window(None)
    before = gui.windows()
    assert window.import_path(sheet) is False
    [(title, message)] = window.errors
    assert title == "Could not import" and "numbers.csv" in message and "Touchpoint" in message
    assert gui.windows() == before and window.editor is None


def test_export_spreadsheet_writes_a_workbook_that_imports_as_the_same_map(open_window, example_copy, tmp_path):
    window = open_window(example_copy)
    action = window.actions_by_name["export_spreadsheet"]
    assert action.isEnabled() and action.statusTip() and action.toolTip()
    window.ask_spreadsheet_path = lambda: str(tmp_path / "bakery.xlsx")
    action.trigger()
    assert window.errors == []
    assert "Exported" in window.statusBar().currentMessage()
    from journeymapper.model.diff import diff_maps

    assert diff_maps(window.document().map, import_file(tmp_path / "bakery.xlsx").map).same
    window.ask_spreadsheet_path = lambda: str(tmp_path / "bakery.csv")
    action.trigger()
    assert (tmp_path / "bakery.csv").read_bytes().startswith(b"\xef\xbb\xbfPersona,Stage,Touchpoint")


def test_the_new_actions_explain_themselves_and_claim_no_keys(open_window):
    window = open_window(None)
    for name in ("import", "export_spreadsheet"):
        action = window.actions_by_name[name]
        assert action.toolTip() and action.statusTip() and action.shortcuts() == []
    assert window.shortcut_conflicts == []
    files = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in files.actions()]
    assert texts.index("&Import…") == texts.index("&Open…") + 2  # after Open and Open Recent
    mnemonics = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
    assert mnemonics.count("i") == 1 and mnemonics.count("h") == 1, texts  # Import, Export Spreads_h_eet
