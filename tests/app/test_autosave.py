"""Autosave and crash recovery: unsaved work goes to the autosave folder, a save or a close removes it,
and work left behind by a process that is gone is offered back at the next start."""

from __future__ import annotations

import inspect
import hashlib
import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from journeymapper import gui
from journeymapper.app import autosave as autosave_module
from journeymapper.app.autosave import INTERVAL_MS, autosave_dir, find_recoverable
from journeymapper.app.desktop import offer_recovery
from journeymapper.io.disk_state import state_of_file
from journeymapper.io import dumps, load_path
from journeymapper.io.templates import map_from_template
from journeymapper.resources import example_map_path

DEAD_PID = 2**22 + 12345  # above Linux's pid_max: no process has it


def recover() -> int:
    """Run the start-up recovery the way the application does (it hands over how to open a window)."""
    parameter = next(iter(inspect.signature(offer_recovery).parameters))
    return offer_recovery(gui if parameter == "gui" else gui.open_window)


def type_owner(qtbot, window, text: str) -> None:
    """Type into the map's Owner field in the inspector (nothing selected on the canvas)."""
    window.select_and_centre([])
    owner = window.inspector.current.widgets["owner"]
    owner.setFocus()
    QApplication.processEvents()
    owner.selectAll()
    qtbot.keyClicks(owner, text)
    assert window.document().map.owner == text


@pytest.fixture
def private_autosave_dir(tmp_path, monkeypatch) -> Path:
    """An autosave folder of this test's own, so work left by other runs is never offered here."""
    folder = tmp_path / "autosave"
    folder.mkdir()
    monkeypatch.setattr(autosave_module, "autosave_dir", lambda: folder)
    return folder


def leave_behind(folder: Path, name: str, the_map, pid: int = DEAD_PID, original: str | None = None) -> Path:
    """What a crashed journeymapper leaves: the map and a note naming its process (and the original
    file as it had read it)."""
    data = folder / f"{name}.jmap"
    data.write_bytes(dumps(the_map, {}))
    note = folder / f"{name}.json"
    state = state_of_file(original) if original else None
    original_state = None if state is None else {"size": state.size, "mtime_ns": state.mtime_ns,
                                                  "file_id": list(state.file_id), "digest": state.digest}
    note.write_text(json.dumps({"pid": pid, "original": original, "title": the_map.title,
                                "original_state": original_state}), encoding="utf-8")
    return data


# -- writing and removing ------------------------------------------------------------------------------
def test_the_autosave_folder_is_in_the_test_location():
    folder = autosave_dir()
    assert folder.is_dir()
    base = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    assert folder == base / "autosave"
    assert ".qttest" in folder.parts or "qttest" in str(folder).lower()


def test_autosave_writes_unsaved_work_to_the_autosave_folder(qtbot, open_window, example_copy):
    window = open_window(example_copy)
    data, note = window.autosaver.data_path, window.autosaver.note_path
    window.autosave()
    assert not data.exists(), "nothing to save: nothing written"
    type_owner(qtbot, window, "Autosaved owner")
    window.autosave()
    assert data.parent == autosave_dir()
    assert data.exists() and note.exists()
    assert load_path(data).map == window.document().map
    written = json.loads(note.read_text(encoding="utf-8"))
    state = written.pop("original_state")  # the original as the window read it (recovery compares)
    assert written == {"pid": os.getpid(), "original": str(example_copy), "title": window.document().map.title}
    assert state["digest"] == hashlib.sha256(example_copy.read_bytes()).hexdigest()
    # A live process's autosave is not offered for recovery.
    assert all(item.data != data for item in find_recoverable())
    # The file on disk is untouched and the window still shows unsaved work.
    assert load_path(example_copy).map.owner != "Autosaved owner"
    assert window.isWindowModified()


def test_a_save_removes_the_autosave(qtbot, open_window, example_copy):
    window = open_window(example_copy)
    type_owner(qtbot, window, "Then saved")
    window.autosave()
    assert window.autosaver.data_path.exists()
    assert window.save()
    assert not window.autosaver.data_path.exists()
    assert not window.autosaver.note_path.exists()


def test_a_close_removes_the_autosave(qtbot, open_window):
    window = open_window(None, template="small-business-classic")
    type_owner(qtbot, window, "Then closed")
    window.autosave()
    data, note = window.autosaver.data_path, window.autosaver.note_path
    assert data.exists() and json.loads(note.read_text())["original"] is None
    window.ask_save_changes = lambda: "cancel"
    assert not window.close()
    assert data.exists(), "a cancelled close keeps the autosave"
    window.ask_save_changes = lambda: "discard"
    assert window.close()
    assert not data.exists() and not note.exists()


def test_each_window_has_its_own_autosave(qtbot, open_window, example_copy):
    one = open_window(example_copy)
    two = open_window(None, template="four-steps")
    assert one.autosaver.data_path != two.autosaver.data_path
    type_owner(qtbot, one, "One")
    type_owner(qtbot, two, "Two")
    one.autosave()
    two.autosave()
    assert load_path(one.autosaver.data_path).map.owner == "One"
    assert load_path(two.autosaver.data_path).map.owner == "Two"


def test_the_autosave_timer_runs_at_least_every_minute(open_window, example_copy):
    window = open_window(example_copy)
    assert INTERVAL_MS <= 60_000
    assert window.autosave_timer.isActive()
    assert 0 < window.autosave_timer.interval() <= 60_000
    assert not window.autosave_timer.isSingleShot()


def test_the_timer_autosaves(qtbot, open_window, example_copy):
    window = open_window(example_copy)
    type_owner(qtbot, window, "By the timer")
    window.autosave_timer.setInterval(10)
    try:
        qtbot.waitUntil(window.autosaver.data_path.exists, timeout=2000)
        assert load_path(window.autosaver.data_path).map.owner == "By the timer"
    finally:
        window.autosave_timer.setInterval(INTERVAL_MS)


def test_a_closed_window_does_not_autosave_again(qtbot, open_window, example_copy):
    window = open_window(example_copy)
    type_owner(qtbot, window, "Discarded")
    window.autosave_timer.setInterval(10)  # a minute, made short
    try:
        window.ask_save_changes = lambda: "discard"
        assert window.close()
        assert not window.autosaver.data_path.exists()
        qtbot.wait(150)
        assert not window.autosaver.data_path.exists()
    finally:
        window.autosave_timer.stop()
        window.autosaver.clear()


# -- finding and recovering ---------------------------------------------------------------------------------
def test_find_recoverable_returns_work_of_a_process_that_is_gone(private_autosave_dir):
    the_map = map_from_template("four-steps")
    data = leave_behind(private_autosave_dir, "crashed", the_map, original="/maps/plan.jmap")
    leave_behind(private_autosave_dir, "running", the_map, pid=os.getpid())
    (private_autosave_dir / "orphan-note.json").write_text(json.dumps({"pid": DEAD_PID}))
    (private_autosave_dir / "garbage.json").write_text("{not json")
    (private_autosave_dir / "garbage.jmap").write_text("{}")
    broken = leave_behind(private_autosave_dir, "broken", the_map)
    broken.write_text("not a map")
    found = find_recoverable()
    assert [item.data for item in found] == [data]
    item = found[0]
    assert item.original == "/maps/plan.jmap" and item.title == the_map.title
    assert item.load() == the_map


def test_offer_recovery_reopens_the_work_as_a_modified_window(qtbot, private_autosave_dir, monkeypatch, tmp_path):
    the_map = map_from_template("four-steps", title="Recovered plan")
    original = tmp_path / "plan.jmap"
    original.write_bytes(example_map_path().read_bytes())
    leave_behind(private_autosave_dir, "crashed", the_map, original=str(original))
    asked = []

    def answer_yes(box):
        asked.append((box.textFormat(), box.text()))
        return QMessageBox.StandardButton.Yes.value  # exec() gives the button as an int

    monkeypatch.setattr(QMessageBox, "exec", answer_yes)
    before = gui.windows()
    try:
        assert recover() == 1
        assert len(asked) == 1 and asked[0][0] == Qt.TextFormat.PlainText
        assert "Recovered plan" in asked[0][1] and str(original) in asked[0][1]
        new = [w for w in gui.windows() if w not in before]
        assert len(new) == 1
        window = new[0]
        window.ask_save_changes = lambda: "discard"
        assert window.isVisible()
        assert window.document().map == the_map
        assert window.isWindowModified()
        assert "*" in window.windowHandle().title()
        # The autosave is kept (a second crash must not lose the recovered work), as this process's.
        assert find_recoverable() == []
        assert sorted(p.name for p in private_autosave_dir.iterdir()) == ["crashed.jmap", "crashed.json"]
        assert json.loads((private_autosave_dir / "crashed.json").read_text())["pid"] == os.getpid()
        # Saving the recovered work writes it to the file it came from; then the autosave goes.
        assert window.save()
        assert load_path(original).map.title == "Recovered plan"
        assert not window.isWindowModified()
        assert list(private_autosave_dir.iterdir()) == []
    finally:
        for window in gui.windows():
            if window not in before:
                window.ask_save_changes = lambda: "discard"
                window.close()
                window.deleteLater()


def test_offer_recovery_of_a_new_map_keeps_it_unnamed(qtbot, private_autosave_dir, monkeypatch):
    the_map = map_from_template("blank", title="Never saved")
    leave_behind(private_autosave_dir, "crashed", the_map, original=None)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes.value)
    before = gui.windows()
    try:
        assert recover() == 1
        (window,) = [w for w in gui.windows() if w not in before]
        window.ask_save_changes = lambda: "discard"
        assert window.editor.path is None
        assert window.isWindowModified()
        assert "Never saved" in window.windowTitle()
    finally:
        for window in gui.windows():
            if window not in before:
                window.ask_save_changes = lambda: "discard"
                window.close()
                window.deleteLater()


def test_declining_recovery_discards_the_work(qtbot, private_autosave_dir, monkeypatch):
    leave_behind(private_autosave_dir, "crashed", map_from_template("blank"))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Discard.value)
    before = gui.windows()
    assert recover() == 0
    assert gui.windows() == before
    assert find_recoverable() == []
    assert list(private_autosave_dir.iterdir()) == []
