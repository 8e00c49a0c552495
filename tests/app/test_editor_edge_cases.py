"""Regressions found in review: full maps, bad clipboards, one window per file, closed windows,
discarded autosaves, and flows that keep their dashes in print."""

import re
import subprocess

from journeymapper import gui
from journeymapper.export.pdf import PdfOptions, export_pdf
from journeymapper.io.upgrade_1_to_2 import upgrade_map  # (these maps are written as v1 data)
from journeymapper.model import document as document_module
from journeymapper.model.schema import Map
from journeymapper.resources import example_map_path


def test_adding_to_a_full_map_says_why_and_leaves_no_step(open_window, monkeypatch):
    window = open_window(example_map_path())
    monkeypatch.setitem(document_module._LIMITS, "personas", len(window.document().personas))
    messages = []
    window.editor.error.connect(messages.append)
    before = window.undo_stack().count()
    window.add_persona()
    assert window.undo_stack().count() == before and window.editor.is_modified() is False
    assert messages and "at most" in messages[0]


def test_a_clipboard_with_no_valid_card_changes_nothing(open_window):
    window = open_window(example_map_path())
    for text in ('{"format":"journeymapper-fragment","touchpoints":[{"bogus":1}]}',
                 '{"format":"journeymapper-fragment","touchpoints":[{"id":"x","persona":"zz","stage":"yy",'
                 '"title":"T"}],"personas":{"zz":5}}', "[1, 2]", "not json"):
        count = window.undo_stack().count()
        added = window.editor.paste_fragment(text)
        if added:  # the second one is valid: it lands in the first cell, by name or position
            assert window.document().get(added[0]).title == "T"
        else:
            assert window.undo_stack().count() == count


def test_one_file_is_open_in_one_window(open_window, example_copy, qtbot):
    first = open_window(example_copy)
    shown = gui.open_files([str(example_copy)])
    assert shown == 1
    assert [w for w in gui.windows() if w.editor and w.editor.path and w.editor.path.resolve()
            == example_copy.resolve()] == [first]


def test_a_closed_window_is_forgotten(open_window):
    window = open_window(example_map_path())
    assert window in gui.windows()
    window.close()
    assert window not in gui.windows()


def test_revert_discards_the_autosave(open_window, example_copy, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window = open_window(example_copy)
    window.editor.add_stage()
    window.autosave()
    assert window.autosaver.data_path.exists()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.revert()
    assert not window.autosaver.data_path.exists()


def test_every_alternative_flow_prints_dashed(tmp_path):
    raw = {"id": "m", "title": "Dashes", "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z",
           "personas": [{"id": "p", "name": "P"}], "stages": [{"id": "s1", "name": "A"}, {"id": "s2", "name": "B"}],
           "touchpoints": [{"id": f"a{i}", "persona": "p", "stage": "s1", "title": f"A{i}"} for i in range(3)]
           + [{"id": f"b{i}", "persona": "p", "stage": "s2", "title": f"B{i}"} for i in range(3)],
           "flows": [{"id": f"f{i}", "source": f"a{i}", "target": f"b{i}", "kind": "alternative"} for i in range(3)]}
    out = tmp_path / "d.pdf"
    export_pdf(Map.model_validate(upgrade_map(raw)), out, PdfOptions(appendix=False))
    qdf = tmp_path / "d.qdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(out), str(qdf)], check=True)
    content = qdf.read_bytes()
    # Each dashed curve is preceded by a dash pattern in force: count curves drawn while dashed.
    # (Operators are read token by token: one line may hold several of them.)
    dashed, curves_dashed = False, 0
    for match in re.finditer(rb"\[([^\]]*)\]\s+[-\d.]+\s+d\b|(?<![\w/])c\s+S\b", content):
        if match.group(0).endswith(b"d"):
            dashed = bool(match.group(1).strip())
        elif dashed:
            curves_dashed += 1
    assert curves_dashed >= 3 * 1, "every alternative flow is dashed, not only the first"


def test_the_program_exits_cleanly_after_a_copy(tmp_path):
    """Qt crashed the interpreter's exit while the clipboard held our copied cards."""
    import os
    import sys

    code = (
        "from PySide6.QtCore import QStandardPaths; QStandardPaths.setTestModeEnabled(True);"
        "from journeymapper import gui; from journeymapper.resources import example_map_path;"
        "w = gui.open_window(example_map_path()); w.editor.scene.select_only([w.document().touchpoints[0].id]);"
        "assert w.copy()"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-500:]
