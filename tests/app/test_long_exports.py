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
    assert other.autosaver.data_path.exists()
