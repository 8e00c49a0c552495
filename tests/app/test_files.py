"""Files in the main window: new from a template, save, reopen, revert, bad files, closing, drops, recent files.

Every test drives a real window (offscreen) through what a person would do -- typing into the
inspector and the in-place editor, menu actions -- and checks the Document and the bytes on disk.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from journeymapper import gui
from journeymapper.app import editor as editor_module
from journeymapper.app.editor import Editor
from journeymapper.app.main_window import recent_files
from journeymapper.io import LoadError, load_path
from journeymapper.io import save as save_map
from journeymapper.model.document import new_map
from journeymapper.model.schema import Flow, Map, Persona, Stage, Touchpoint

TEMPLATE = "small-business-classic"
TEMPLATE_TITLE = "Customer journey"


# -- helpers -----------------------------------------------------------------------------------
def dump_without_modified(the_map: Map) -> dict:
    raw = the_map.model_dump(mode="json")
    raw.pop("modified")
    return raw


def shown_title(window) -> str:
    """The title as the window system shows it (the "[*]" placeholder resolved by Qt)."""
    return window.windowHandle().title()


def inspector_form(window):
    return window.inspector.current


def retype(qtbot, line_edit: QLineEdit, text: str) -> None:
    """Focus a line edit, select what it holds and type over it, key by key."""
    line_edit.setFocus(Qt.FocusReason.MouseFocusReason)
    QApplication.processEvents()
    line_edit.selectAll()
    qtbot.keyClicks(line_edit, text)


def rename_in_place(qtbot, window, text: str) -> None:
    """Type into the in-place editor that is open over the canvas and press Enter."""
    edit = window.inline.edit  # the one open now (earlier ones may still await deletion)
    assert edit is not None and edit.isVisible() and edit.objectName() == "inline-edit"
    assert edit.parent() is window.view().viewport()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    QApplication.processEvents()


def drop_files(window, paths: list[Path], accept_expected: bool = True) -> bool:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    QApplication.processEvents()
    return True


def close_extra_windows(before: list) -> None:
    for window in gui.windows():
        if window not in before:
            window.ask_save_changes = lambda: "discard"
            window.close()
            window.deleteLater()


def build_edited_template_map(qtbot, window) -> None:
    """Edit a template map the way a person would: canvas actions, in-place renames, the inspector."""
    doc = window.document()
    stages = [s.id for s in doc.stages]
    # A card in the first cell, named in place.
    window.actions_by_name["add_touchpoint"].trigger()
    rename_in_place(qtbot, window, "Sees the shop window")
    first = doc.touchpoints[-1].id
    # A card in the second stage: select the stage, add, name it.
    window.select_and_centre([stages[1]])
    window.actions_by_name["add_touchpoint"].trigger()
    rename_in_place(qtbot, window, "Reads the reviews")
    second = doc.touchpoints[-1].id
    assert [doc.get(first).stage, doc.get(second).stage] == stages[:2]
    # Connect them (keyboard path of drawing a flow).
    window.select_and_centre([first, second])
    window.actions_by_name["connect"].trigger()
    assert len(doc.flows) == 1 and (doc.flows[0].source, doc.flows[0].target) == (first, second)
    # A new stage, named in place.
    window.select_and_centre([stages[-1]])
    window.actions_by_name["add_stage"].trigger()
    rename_in_place(qtbot, window, "Loyalty")
    assert doc.stages[-1].name == "Loyalty"
    # The inspector: a card's owner, the map's title.
    window.select_and_centre([second])
    retype(qtbot, inspector_form(window).widgets["owner"], "Sam")
    assert doc.get(second).owner == "Sam"
    window.select_and_centre([])
    retype(qtbot, inspector_form(window).widgets["title"], "Bakery journey")
    assert doc.map.title == "Bakery journey"


# -- new, save, reopen ----------------------------------------------------------------------------
def test_template_map_edited_saved_and_reopened_is_the_same_map(qtbot, open_window, tmp_path):
    window = open_window(None, template=TEMPLATE)
    assert window.document() is not None
    assert not window.isWindowModified()
    build_edited_template_map(qtbot, window)
    assert window.isWindowModified()
    target = tmp_path / "journey.jmap"
    assert window.save(target)
    assert window.errors == []
    again = open_window(target)
    assert dump_without_modified(again.document().map) == dump_without_modified(window.document().map)
    assert not again.isWindowModified()
    assert load_path(target).map == again.document().map


def test_saving_an_unchanged_map_twice_gives_byte_identical_files(open_window, tmp_path, monkeypatch, example_copy):
    monkeypatch.setattr(editor_module, "utc_now", lambda: datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc))
    window = open_window(example_copy)
    first, second = tmp_path / "one.jmap", tmp_path / "two.jmap"
    assert window.save(first)
    assert window.save(second)
    assert first.read_bytes() == second.read_bytes()
    assert window.save()  # plain Save, to the file it now has
    assert second.read_bytes() == first.read_bytes()


def test_saving_again_later_without_changes_leaves_the_file_as_it_was(open_window, monkeypatch, example_copy):
    clock = [datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc)]
    monkeypatch.setattr(editor_module, "utc_now", lambda: clock[0])
    window = open_window(example_copy)
    assert window.save()
    saved = example_copy.read_bytes()
    clock[0] += timedelta(minutes=5)  # the person saves again, nothing changed
    assert not window.isWindowModified()
    assert window.save()
    assert example_copy.read_bytes() == saved


def test_save_clears_the_modified_marker(qtbot, open_window, tmp_path):
    window = open_window(None, template=TEMPLATE)
    assert "[*]" in window.windowTitle()
    assert not window.isWindowModified()
    assert "*" not in shown_title(window)
    window.select_and_centre([])
    retype(qtbot, inspector_form(window).widgets["owner"], "Ann")
    assert window.isWindowModified()
    assert "*" in shown_title(window)
    target = tmp_path / "marked.jmap"
    assert window.save(target)
    assert not window.isWindowModified()
    assert "*" not in shown_title(window)
    assert "marked.jmap" in shown_title(window)  # a saved map is named by its file
    # Undo after a save: the map differs from the file again.
    window.undo_stack().undo()
    assert window.isWindowModified()
    window.undo_stack().redo()
    assert not window.isWindowModified()


def test_the_window_title_follows_the_map_title_of_an_unsaved_map(qtbot, open_window):
    window = open_window(None, template=TEMPLATE)
    window.select_and_centre([])
    retype(qtbot, inspector_form(window).widgets["title"], "Bakery journey")
    assert window.document().map.title == "Bakery journey"
    assert shown_title(window).startswith("Bakery journey*")
    window.undo_stack().undo()
    assert shown_title(window).startswith(TEMPLATE_TITLE)


def test_save_as_asks_for_a_name_when_the_map_has_none(open_window, tmp_path, monkeypatch):
    window = open_window(None, template=TEMPLATE)
    target = tmp_path / "asked"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    assert window.save()
    assert (tmp_path / "asked.jmap").exists()  # the extension is added
    assert window.editor.path == tmp_path / "asked.jmap"


def test_revert_goes_back_to_the_saved_file(qtbot, open_window, example_copy, monkeypatch):
    window = open_window(example_copy)
    on_disk = load_path(example_copy).map
    card = window.document().touchpoints[0].id
    window.select_and_centre([card])
    retype(qtbot, inspector_form(window).widgets["title"], "Changed title")
    assert window.document().get(card).title == "Changed title"
    # "No" keeps the changes.
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))
    window.actions_by_name["revert"].trigger()
    assert window.document().get(card).title == "Changed title"
    assert window.isWindowModified()
    # "Yes" reverts.
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    window.actions_by_name["revert"].trigger()
    assert window.document().map == on_disk
    assert not window.isWindowModified()
    assert window.undo_stack().count() == 0
    assert window.errors == []


def test_undo_action_works_on_the_reverted_map(qtbot, open_window, example_copy, monkeypatch):
    window = open_window(example_copy)
    card = window.document().touchpoints[0].id
    window.select_and_centre([card])
    retype(qtbot, inspector_form(window).widgets["owner"], "Before revert")
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    window.actions_by_name["revert"].trigger()
    QApplication.processEvents()
    original_owner = window.document().get(card).owner
    window.select_and_centre([card])
    retype(qtbot, inspector_form(window).widgets["owner"], "After revert")
    assert window.document().get(card).owner == "After revert"
    window.actions_by_name["undo"].trigger()
    assert window.document().get(card).owner == original_owner


def test_revert_is_not_offered_for_a_map_never_saved(open_window):
    window = open_window(None, template=TEMPLATE)
    assert not window.actions_by_name["revert"].isEnabled()
    assert window.actions_by_name["save"].isEnabled()


# -- bad files ----------------------------------------------------------------------------------
BAD_FILES = {
    "not-json": b"this is not a journey map {",
    "wrong-format": json.dumps({"format": "somethingelse", "schema_version": 1, "map": {}}).encode(),
    "newer-version": json.dumps({"format": "journeymapper", "schema_version": 99, "map": {}}).encode(),
    "bad-field": None,  # filled in from a valid map below
    "empty": b"",
}


def bad_file(tmp_path: Path, kind: str, example: Path) -> Path:
    data = BAD_FILES[kind]
    if data is None:
        raw = json.loads(example.read_text(encoding="utf-8"))
        raw["map"]["personas"][0]["color"] = "red"
        data = json.dumps(raw).encode()
    path = tmp_path / f"{kind}.jmap"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_opening_a_broken_file_shows_the_loaders_message_and_keeps_the_map(open_window, tmp_path, example_copy,
                                                                            kind):
    window = open_window(example_copy)
    doc = window.document()
    before = doc.map.model_dump()
    bad = bad_file(tmp_path, kind, example_copy)
    with pytest.raises(LoadError) as caught:
        load_path(bad)
    assert window.load_file(bad) is False
    assert len(window.errors) == 1
    title, message = window.errors[0]
    assert title == "Could not open the map"
    assert message == "\n".join(caught.value.lines())
    assert str(bad) in message and "Traceback" not in message
    assert window.document() is doc and doc.map.model_dump() == before
    assert window.editor.path == example_copy
    assert not window.isWindowModified()


def test_a_missing_file_is_a_clear_error_too(open_window, tmp_path):
    window = open_window(None)
    assert window.load_file(tmp_path / "gone.jmap") is False
    assert window.errors and "no such file" in window.errors[0][1]
    assert window.document() is None
    assert window.stack.currentWidget() is window.start_page


def test_open_window_on_a_broken_file_raises_load_error(qtbot, tmp_path, example_copy):
    before = gui.windows()
    with pytest.raises(LoadError):
        gui.open_window(bad_file(tmp_path, "not-json", example_copy))
    assert gui.windows() == before


def test_the_real_error_box_shows_the_message_as_plain_text(qtbot, tmp_path, monkeypatch, example_copy):
    shown = []

    def fake_exec(box):
        shown.append((box.textFormat(), box.text()))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    raw = json.loads(example_copy.read_text(encoding="utf-8"))
    raw["map"]["personas"][0]["color"] = "<b>red</b>"
    bad = tmp_path / "markup.jmap"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    window = gui.open_window(None)
    qtbot.addWidget(window)
    assert window.load_file(bad) is False
    assert len(shown) == 1
    text_format, text = shown[0]
    assert text_format == Qt.TextFormat.PlainText
    assert "<b>red</b>" in text


# -- closing --------------------------------------------------------------------------------------
def make_unsaved_change(qtbot, window, text="Unsaved"):
    window.select_and_centre([])
    retype(qtbot, inspector_form(window).widgets["owner"], text)
    assert window.isWindowModified()


def test_close_with_unsaved_work_and_cancel_keeps_the_window(qtbot, open_window, example_copy):
    window = open_window(example_copy)
    make_unsaved_change(qtbot, window)
    asked = []
    window.ask_save_changes = lambda: asked.append(1) or "cancel"
    assert window.close() is False
    assert asked == [1]
    assert window.isVisible()
    assert window.document().map.owner == "Unsaved"


def test_close_with_unsaved_work_and_discard_closes_without_saving(qtbot, open_window, example_copy):
    window = open_window(example_copy)
    on_disk = example_copy.read_bytes()
    make_unsaved_change(qtbot, window)
    asked = []
    window.ask_save_changes = lambda: asked.append(1) or "discard"
    assert window.close() is True
    assert asked == [1]
    assert not window.isVisible()
    assert example_copy.read_bytes() == on_disk


def test_close_with_unsaved_work_and_save_saves(qtbot, open_window, example_copy):
    window = open_window(example_copy)
    make_unsaved_change(qtbot, window, "Saved on close")
    window.ask_save_changes = lambda: "save"
    assert window.close() is True
    assert load_path(example_copy).map.owner == "Saved on close"


def test_close_with_save_of_a_new_map_and_cancelled_file_dialog_stays_open(qtbot, open_window, monkeypatch):
    window = open_window(None, template=TEMPLATE)
    make_unsaved_change(qtbot, window)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    window.ask_save_changes = lambda: "save"
    assert window.close() is False
    assert window.isVisible()


def test_close_without_changes_does_not_ask(open_window, example_copy):
    window = open_window(example_copy)
    window.ask_save_changes = lambda: pytest.fail("asked although nothing changed")
    assert window.close() is True


# -- drag and drop --------------------------------------------------------------------------------
def test_dropping_a_jmap_on_the_start_page_opens_it_here(open_window, example_copy):
    window = open_window(None)
    assert window.document() is None
    assert drop_files(window, [example_copy])
    assert window.document() is not None
    assert window.document().map == load_path(example_copy).map
    assert window.editor.path == example_copy


def test_dropping_a_jmap_on_a_map_window_opens_another_window(open_window, example_copy, tmp_path):
    window = open_window(None, template=TEMPLATE)
    own = window.document()
    before = gui.windows()
    try:
        assert drop_files(window, [example_copy])
        new = [w for w in gui.windows() if w not in before]
        assert len(new) == 1
        assert new[0].document().map == load_path(example_copy).map
        assert window.document() is own
    finally:
        close_extra_windows(before)


def test_dropping_other_files_is_refused(open_window, tmp_path):
    window = open_window(None)
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    assert not drop_files(window, [other])
    assert window.document() is None


# -- recent files -----------------------------------------------------------------------------------
def test_recent_files_list_the_saved_file_first(open_window, tmp_path, example_copy):
    window = open_window(None, template=TEMPLATE)
    first, second = tmp_path / "first.jmap", tmp_path / "second.jmap"
    assert window.save(first)
    assert recent_files()[0] == str(first.resolve())
    assert window.save(second)
    assert recent_files()[:2] == [str(second.resolve()), str(first.resolve())]
    open_window(example_copy)
    assert recent_files()[0] == str(example_copy.resolve())
    assert window.save(first)
    recent = recent_files()
    assert recent[0] == str(first.resolve())
    assert recent.count(str(first.resolve())) == 1
    # The File menu's Open Recent shows the same list.
    window.recent_menu.aboutToShow.emit()
    assert [a.text() for a in window.recent_menu.actions()][:2] == recent[:2]


# -- markup safety ------------------------------------------------------------------------------------
BOLD = "<b>hi</b>"
IMAGE = '<img src="/etc/passwd"/>'


def markup_map() -> Map:
    the_map = new_map(BOLD)
    persona = Persona(id="p1", name=BOLD, description=IMAGE)
    stages = [Stage(id="s1", name=IMAGE), Stage(id="s2", name="Buy")]
    cards = [
        Touchpoint(id="t1", persona="p1", stage="s1", title=IMAGE, notes=BOLD),
        Touchpoint(id="t2", persona="p1", stage="s1", title=BOLD),
        Touchpoint(id="t3", persona="p1", stage="s2", title="Pays"),
    ]
    flows = [Flow(id="f1", source="t2", target="t3", label=BOLD)]
    return the_map.model_copy(update={"personas": [persona], "stages": stages, "touchpoints": cards,
                                      "flows": flows})


def test_markup_in_a_map_is_shown_as_the_characters_typed(qtbot, open_window, tmp_path):
    path = tmp_path / "markup.jmap"
    save_map(path, markup_map())
    window = open_window(path)
    assert window.errors == []
    doc = window.document()
    assert doc.get("t1").title == IMAGE
    # Inspector: the card's title and notes, the persona's name, the map's title.
    window.select_and_centre(["t1"])
    form = inspector_form(window)
    assert form.widgets["title"].text() == IMAGE
    assert form.widgets["notes"].toPlainText() == BOLD
    window.select_and_centre(["p1"])
    form = inspector_form(window)
    assert form.widgets["name"].text() == BOLD
    assert form.widgets["description"].toPlainText() == IMAGE
    window.select_and_centre(["f1"])
    assert inspector_form(window).widgets["label"].text() == BOLD
    window.select_and_centre([])
    assert inspector_form(window).widgets["title"].text() == BOLD
    # Problems panel: the dead end at t1 is named by its literal title.
    qtbot.waitUntil(lambda: window.problems.row_count() > 0)
    texts = [window.problems.row_text(i, 1) for i in range(window.problems.row_count())]
    assert any(IMAGE in text for text in texts), texts
    # Every label in the docks shows plain text.
    from PySide6.QtWidgets import QLabel

    for dock in (window.inspector_dock, window.problem_dock):
        for label in dock.findChildren(QLabel):
            assert label.textFormat() == Qt.TextFormat.PlainText or not label.text().strip().startswith("<"), \
                label.text()
    # A refused value that contains markup is shown literally in the form's error label.
    window.select_and_centre(["p1"])
    form = inspector_form(window)
    colour = form.widgets["color"].edit
    colour.setFocus()
    colour.selectAll()
    qtbot.keyClicks(colour, "<b>x")
    qtbot.keyClick(colour, Qt.Key.Key_Return)
    assert "<b>x" in form.error.text()
    assert form.error.textFormat() == Qt.TextFormat.PlainText


def test_markup_in_the_map_title_shows_literally_in_the_window_title(qtbot, open_window):
    window = open_window(None)
    window.set_editor(Editor(markup_map()))
    assert BOLD in window.windowTitle()
    assert BOLD in shown_title(window)


def test_a_title_with_the_placeholder_characters_shows_them(qtbot, open_window):
    window = open_window(None)
    window.set_editor(Editor(new_map("Plan [*] v2")))
    assert "Plan [*] v2" in shown_title(window)
    assert not window.isWindowModified()
    window.editor.set_map_field("owner", "x")
    assert window.isWindowModified()
    assert shown_title(window).startswith("Plan [*] v2*")


def test_the_save_changes_question_shows_the_title_as_plain_text(qtbot, monkeypatch):
    asked = []

    def fake_exec(box):
        asked.append((box.textFormat(), box.text()))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    window = gui.open_window(None)
    qtbot.addWidget(window)
    window.set_editor(Editor(markup_map()))
    window.show()
    window.editor.set_map_field("owner", "x")
    assert window.close() is False  # the real question, answered Cancel
    assert asked and asked[0][0] == Qt.TextFormat.PlainText and BOLD in asked[0][1]
    window.ask_save_changes = lambda: "discard"
    window.close()


# -- saves and reverts that cannot happen ---------------------------------------------------------------
def test_a_failed_save_shows_why_and_keeps_the_work_unsaved(qtbot, open_window, tmp_path):
    window = open_window(None, template=TEMPLATE)
    make_unsaved_change(qtbot, window)
    target = tmp_path / "no-such-folder" / "map.jmap"
    assert window.save(target) is False
    assert len(window.errors) == 1 and window.errors[0][0] == "Could not save"
    assert "no-such-folder" in window.errors[0][1]
    assert not target.exists()
    assert window.isWindowModified()
    assert window.editor.path is None


def test_close_with_save_that_fails_stays_open(qtbot, open_window, tmp_path):
    folder = tmp_path / "share"
    folder.mkdir()
    path = folder / "map.jmap"
    maker = open_window(None, template=TEMPLATE)
    assert maker.save(path)
    make_unsaved_change(qtbot, maker)
    shutil.rmtree(folder)  # the shared folder went away (the map and its lock with it)
    maker.ask_save_changes = lambda: "save"
    assert maker.close() is False
    assert maker.isVisible()
    assert maker.errors and maker.errors[-1][0] == "Could not save"


def test_revert_of_a_file_that_became_unreadable_keeps_the_work(qtbot, open_window, example_copy, monkeypatch):
    window = open_window(example_copy)
    make_unsaved_change(qtbot, window, "Keep me")
    example_copy.write_text("garbage")
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    window.actions_by_name["revert"].trigger()
    assert window.errors and window.errors[0][0] == "Could not open the map"
    assert window.document().map.owner == "Keep me"
    assert window.isWindowModified()


def test_dropping_a_broken_jmap_shows_the_error_and_keeps_the_start_page(open_window, tmp_path, example_copy):
    window = open_window(None)
    bad = bad_file(tmp_path, "not-json", example_copy)
    assert drop_files(window, [bad])
    assert window.document() is None
    assert window.stack.currentWidget() is window.start_page
    assert len(window.errors) == 1 and str(bad) in window.errors[0][1]
