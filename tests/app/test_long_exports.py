"""In the editor, a PDF longer than the page limit is made only if the user says so, an export can
be cancelled with nothing written, and other windows' unsaved work is autosaved before long work."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QProgressDialog

from journeymapper.export.pdf import PdfOptions
from journeymapper.resources import example_map_path


def test_a_long_pdf_is_made_only_when_the_user_confirms(qtbot, open_window, example_copy, tmp_path):
    window = open_window(example_copy)
    asked = []
    window.confirm_pages = lambda pages: asked.append(pages) or False
    out = tmp_path / "map.pdf"
    assert window.export_pdf_to(out, PdfOptions(max_pages=1)) is None
    assert len(asked) == 1 and asked[0] > 1 and not out.exists()
    window.confirm_pages = lambda pages: True
    report = window.export_pdf_to(out, PdfOptions(max_pages=1))
    assert report is not None and report.pages > 1 and out.exists()


def test_a_cancelled_export_writes_nothing(qtbot, open_window, example_copy, tmp_path, monkeypatch):
    window = open_window(example_copy)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    out = tmp_path / "map.pdf"
    assert window.export_pdf_to(out, replace(PdfOptions(), max_pages=None)) is None
    assert not out.exists()
    assert "cancelled" in window.statusBar().currentMessage()


def test_other_windows_work_is_autosaved_before_a_long_export(qtbot, open_window, example_copy, tmp_path):
    other = open_window(None, template="four-steps")
    other.editor.set_map_field("title", "Unsaved elsewhere")
    window = open_window(example_map_path())
    assert not other.autosaver.data_path.exists()
    window.export_pdf_to(tmp_path / "map.pdf", PdfOptions())
    assert other.autosaver.data_path.exists(), other.autosaver.problem  # (why, if it could not be written)


def test_opening_a_big_map_shows_its_steps_and_can_be_cancelled(qtbot, open_window, example_copy, monkeypatch):
    from journeymapper.app import window_files
    from journeymapper.io.map_lock import lock_path

    monkeypatch.setattr(window_files, "LONG_OPEN_BYTES", 1000)  # (the example counts as big here)
    window = open_window(None)
    shown = []
    monkeypatch.setattr(QProgressDialog, "setLabelText", lambda self, text: shown.append(text))
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: len(shown) >= 2)
    assert window.open_file(example_copy) is False
    assert window.editor is None and not lock_path(example_copy).exists()
    assert shown == ["Laying out the map…", "Showing the map…"]
    assert "cancelled" in window.statusBar().currentMessage()
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: False)
    assert window.open_file(example_copy) is True and window.editor is not None
