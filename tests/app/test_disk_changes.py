"""Someone else's changes on disk are never lost: a window notices that its file changed (another
process saved it), offers to reload it or keep its own version, and Save never replaces a file it
did not read without asking. Real files, a real second process, real watchers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog

from journeymapper.io import load_path, save
from tests.check.builders import make_map, tp

ROOT = Path(__file__).resolve().parents[2]


def _map(title: str):
    the_map = make_map([tp("a", "p1", "s1", title="Sees an ad"), tp("b", "p1", "s1", title="Calls")], [])
    return the_map.model_copy(update={"title": title})


def _colleague_saves(path: Path, title: str) -> None:
    """Another process (a colleague's journeymapper on a shared folder) saves the map."""
    code = ("import sys; from journeymapper.io import load_path, save; "
            "p = sys.argv[1]; m = load_path(p).map; save(p, m.model_copy(update={'title': sys.argv[2]}))")
    subprocess.run([sys.executable, "-c", code, str(path), title], check=True, cwd=ROOT, timeout=60)


def _wait_for_notice(qtbot, window, timeout: int = 5000) -> None:
    qtbot.waitUntil(lambda: window.notice.kind == "disk" and window.notice.isVisible(), timeout=timeout)


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    path = tmp_path / "shared.jmap"
    save(path, _map("Ours"))
    return path


def test_a_change_by_another_process_is_noticed_and_can_be_reloaded_and_undone(qtbot, open_window, shared):
    window = open_window(shared)
    _colleague_saves(shared, "Theirs")
    _wait_for_notice(qtbot, window)
    assert "Someone else changed “shared.jmap” on disk." == window.notice.label.text()
    window.notice.buttons["Reload"].click()
    assert window.document().map.title == "Theirs"
    assert not window.editor.is_modified() and not window.notice.isVisible()
    window.undo_stack().undo()  # what was on screen is not lost
    assert window.document().map.title == "Ours"


def test_save_without_edits_does_not_write_the_stale_map_back(qtbot, open_window, shared):
    window = open_window(shared)
    _colleague_saves(shared, "Theirs")
    asked = []
    window.ask_disk_conflict = lambda: asked.append(1) or "cancel"
    assert window.save() is False
    assert asked == [1]
    assert load_path(shared).map.title == "Theirs"


def test_replacing_their_version_is_a_choice_and_then_saves(qtbot, open_window, shared):
    window = open_window(shared)
    window.editor.set_map_field("title", "Mine")
    _colleague_saves(shared, "Theirs")
    window.ask_disk_conflict = lambda: "replace"
    assert window.save() is True
    assert load_path(shared).map.title == "Mine"
    window.ask_disk_conflict = lambda: pytest.fail("asked again though nobody changed the file since")
    window.editor.set_map_field("title", "Mine again")
    assert window.save() is True


def test_save_mine_as_another_file_keeps_both(qtbot, open_window, shared, monkeypatch):
    window = open_window(shared)
    window.editor.set_map_field("title", "Mine")
    _colleague_saves(shared, "Theirs")
    other = shared.with_name("mine.jmap")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    window.ask_disk_conflict = lambda: "save_as"
    assert window.save() is True
    assert load_path(shared).map.title == "Theirs" and load_path(other).map.title == "Mine"
    assert window.editor.path == other


def test_unsaved_changes_and_a_change_on_disk_offer_theirs_mine_or_both(qtbot, open_window, shared):
    window = open_window(shared)
    window.editor.set_map_field("title", "Mine")
    _colleague_saves(shared, "Theirs")
    _wait_for_notice(qtbot, window)
    assert set(window.notice.buttons) == {"Compare and Merge…", "Reload Theirs", "Save Mine As…", "Keep Mine"}
    window.notice.buttons["Keep Mine"].click()
    assert window.document().map.title == "Mine" and window.editor.is_modified()
    window.check_disk()  # the same change is not announced twice
    assert not window.notice.isVisible()


def test_a_deleted_file_is_announced_and_save_writes_it_again(qtbot, open_window, shared):
    window = open_window(shared)
    shared.unlink()
    _wait_for_notice(qtbot, window)
    assert "was deleted or moved" in window.notice.label.text()
    window.notice.buttons["Save"].click()
    assert load_path(shared).map.title == "Ours"


def test_touching_the_file_or_writing_the_same_bytes_is_not_a_change(qtbot, open_window, shared):
    window = open_window(shared)
    later = time.time() + 5
    os.utime(shared, (later, later))
    shared.write_bytes(shared.read_bytes())
    qtbot.wait(600)
    QApplication.processEvents()
    window.check_disk()
    assert not window.notice.isVisible()
    window.ask_disk_conflict = lambda: pytest.fail("asked though the file holds what was read")
    assert window.save() is True


def test_a_read_only_map_is_not_overwritten(qtbot, open_window, shared, monkeypatch):
    window = open_window(shared)
    window.editor.set_map_field("title", "Mine")
    before = shared.read_bytes()
    shared.chmod(0o444)
    other = shared.with_name("copy.jmap")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    assert window.save() is True  # (it told the user why, and saved under another name)
    assert window.errors and window.errors[0][0] == "The file is read-only"
    assert shared.read_bytes() == before and (shared.stat().st_mode & 0o777) == 0o444
    assert load_path(other).map.title == "Mine"
