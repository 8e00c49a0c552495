"""File > Export as Mermaid… in the editor, and a diagram brought back with File > Import…."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from journeymapper.io import load_path
from journeymapper.io.mermaid_import import read_mermaid
from journeymapper.resources import example_map_path


def _outline(the_map):
    stage = {s.id: s.name for s in the_map.stages}
    return [(p.name, [(stage[c.stage], c.title, c.emotion) for c in the_map.touchpoints if c.persona == p.id])
            for p in the_map.personas]


def test_the_menu_writes_a_diagram_of_the_map(open_window, tmp_path, monkeypatch):
    window = open_window(example_map_path())
    action = window.actions_by_name["export_mermaid"]
    assert action.isEnabled() and "Mermaid" in action.toolTip() and action.statusTip()
    assert action in window.menuBar().actions()[0].menu().actions()  # (in the File menu)
    chosen = tmp_path / "bakery"  # (no suffix typed: .mmd is added)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(chosen), "")))
    action.trigger()
    written = tmp_path / "bakery.mmd"
    assert written.read_text(encoding="utf-8").startswith("journey\n    title Corner bakery")
    assert "bakery.mmd" in window.statusBar().currentMessage()
    assert window.errors == []
    assert _outline(read_mermaid(written).map) == _outline(load_path(example_map_path()).map)


def test_cancelling_writes_nothing(open_window, tmp_path, monkeypatch):
    window = open_window(example_map_path())
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    window.actions_by_name["export_mermaid"].trigger()
    assert list(tmp_path.iterdir()) == [] and window.errors == []


def test_a_file_that_cannot_be_replaced_is_an_error_in_words(open_window, tmp_path, monkeypatch):
    window = open_window(example_map_path())
    target = tmp_path / "locked.mmd"
    target.write_text("journey\n", encoding="utf-8")
    target.chmod(0o444)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    window.actions_by_name["export_mermaid"].trigger()
    assert window.errors and "read-only" in window.errors[0][1]
    assert target.read_text(encoding="utf-8") == "journey\n"


def test_a_folder_that_is_gone_is_an_error_in_words(open_window, tmp_path, monkeypatch):
    window = open_window(example_map_path())
    target = tmp_path / "gone" / "map.mmd"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    window.actions_by_name["export_mermaid"].trigger()
    assert window.errors and "does not exist" in window.errors[0][1]


def test_an_exported_diagram_imports_as_a_new_map(open_window, tmp_path):
    window = open_window(example_map_path())
    target = tmp_path / "bakery.mmd"
    from journeymapper.app.mermaid_dialog import export_mermaid_to

    assert export_mermaid_to(window, target)
    start = open_window(None)
    assert start.import_path(target)
    assert _outline(start.editor.doc.map) == _outline(window.editor.doc.map)
    assert len(start.editor.doc.map.flows) == len(start.editor.doc.map.touchpoints) - len(start.editor.doc.map.personas)
