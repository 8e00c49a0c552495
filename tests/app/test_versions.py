"""File > Versions…: every save keeps what it replaces and what it wrote, in the data folder; one
can be restored (as one undoable change) or opened beside the map; Preferences say how many."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from journeymapper import gui
from journeymapper.app import preferences, window_shared_files
from journeymapper.io import load_path, save
from tests.check.builders import make_map, tp


def _titled(title: str):
    return make_map([tp("a", "p1", "s1")], []).model_copy(update={"title": title})


def _versions(window):
    return window.version_store().versions(window.editor.path)


def test_saves_keep_versions_that_can_be_restored_and_undone(qtbot, open_window, tmp_path):
    path = tmp_path / "map.jmap"
    save(path, _titled("First"))
    window = open_window(path)
    for title in ("Second", "Third"):
        window.editor.set_map_field("title", title)
        assert window.save()
    titles = [load_path(v.path).map.title for v in _versions(window)]
    assert titles == ["Third", "Second", "First"]
    assert window.use_version("restore", _versions(window)[2])
    assert window.document().map.title == "First" and window.editor.is_modified()
    window.undo_stack().undo()
    assert window.document().map.title == "Third"


def test_a_version_opens_beside_the_map_as_an_unsaved_copy(qtbot, open_window, tmp_path):
    path = tmp_path / "map.jmap"
    save(path, _titled("Old"))
    window = open_window(path)
    window.editor.set_map_field("title", "New")
    assert window.save()
    before = gui.windows()
    old = _versions(window)[-1]
    assert window.use_version("open", old)
    (copy,) = [w for w in gui.windows() if w not in before]
    copy.ask_save_changes = lambda: "discard"
    try:
        assert copy.document().map.title == "Old" and copy.editor.path is None and copy.editor.is_modified()
    finally:
        copy.close()


def test_preferences_say_how_many_versions_are_kept(qtbot, open_window, tmp_path, monkeypatch):
    monkeypatch.setattr(window_shared_files, "versions_kept", lambda: 2)
    path = tmp_path / "map.jmap"
    save(path, _titled("V0"))
    window = open_window(path)
    for n in range(1, 5):
        window.editor.set_map_field("title", f"V{n}")
        assert window.save()
    assert [load_path(v.path).map.title for v in _versions(window)] == ["V4", "V3"]


def test_the_preferences_dialog_stores_the_count(qtbot):
    dialog = preferences.PreferencesDialog()
    qtbot.addWidget(dialog)
    old = preferences.versions_kept()
    try:
        dialog.versions.setValue(7)
        dialog.accept()
        assert dialog.result() == QDialog.DialogCode.Accepted and preferences.versions_kept() == 7
    finally:
        preferences.set_versions_kept(old)


def test_the_versions_dialog_lists_them_newest_first(qtbot, open_window, tmp_path):
    from journeymapper.app.versions_dialog import VersionsDialog

    path = tmp_path / "map.jmap"
    save(path, _titled("A"))
    window = open_window(path)
    window.editor.set_map_field("title", "B")
    assert window.save()
    dialog = VersionsDialog("map.jmap", _versions(window))
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2 and dialog.restore_button.isEnabled()
    dialog.list.setCurrentRow(1)
    dialog.restore_button.click()
    assert dialog.choice is not None and dialog.choice[0] == "restore"
    assert load_path(dialog.choice[1].path).map.title == "A"
    assert Path(dialog.choice[1].path).is_file()
