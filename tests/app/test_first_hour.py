"""The first hour with the editor, as a new user meets it: keys that work, maps that open showing
their names, words on every control, a start page and an empty map that say what to do, and a
program that does not linger unseen after a file it could not open."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QTableWidget

from journeymapper.app.help_dialogs import shortcut_rows
from journeymapper.app.inspector import KPI_DIRECTION_NOTE, KpiTable
from journeymapper.canvas.view import READABLE_ZOOM
from journeymapper.io import save
from journeymapper.layout.kpis import kpi_health
from journeymapper.model.schema import KPI
from journeymapper.resources import example_map_path
from tests.benchmarks.bigmap import big_map

from .test_gestures import card_center, settle
from .test_keyboard import activate

PORTABLE = QKeySequence.SequenceFormat.PortableText


def every_action(window) -> list[QAction]:
    """The window's actions, those of its menus (and their submenus) and of its canvas, each once."""
    found: dict[int, QAction] = {}

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            elif not action.isSeparator():
                found[id(action)] = action

    for action in window.actions():
        found[id(action)] = action
    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu())
    if window.view() is not None:
        for action in window.view().actions():
            found[id(action)] = action
    return list(found.values())


# -- keys ------------------------------------------------------------------------------------------------------
def test_no_two_actions_share_a_key(open_window):
    """Qt ignores a key two actions claim ("Ambiguous shortcut overload"): the Redo key did nothing."""
    window = open_window(example_map_path())
    owners: dict[str, str] = {}
    for action in every_action(window):
        keys = [k.toString(PORTABLE) for k in action.shortcuts()]
        assert len(keys) == len(set(keys)), f"{action.objectName()} has a key twice: {keys}"
        for key in keys:
            assert key not in owners, f"{key}: {owners[key]} and {action.objectName()}"
            owners[key] = action.objectName()
    assert window.shortcut_conflicts == []
    redo = {k.toString(PORTABLE) for k in window.actions_by_name["redo"].shortcuts()}
    assert {"Ctrl+Shift+Z", "Ctrl+Y"} <= redo


@pytest.mark.parametrize("keys", ["Ctrl+Shift+Z", "Ctrl+Y"])
def test_redo_keys_redo(qtbot, open_window, keys):
    window = open_window(example_map_path())
    activate(qtbot, window)
    window.view().setFocus()
    card = window.document().touchpoints[0].id
    window.editor.set_field(card, "title", "Changed")
    qtbot.keyClick(window.view(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document().get(card).title != "Changed"
    sequence = QKeySequence(keys)[0]
    qtbot.keyClick(window.view(), sequence.key(), sequence.keyboardModifiers())
    assert window.document().get(card).title == "Changed"


def test_every_action_explains_itself(open_window):
    """A tooltip (with the keys, where there are some) and a status-bar tip on every menu action."""
    window = open_window(example_map_path())
    for action in every_action(window):
        if not action.text() or action.objectName() in ("", "recent"):
            continue
        assert action.toolTip(), action.objectName()
        keys = action.shortcuts()
        if keys and action.objectName() not in ("undo", "redo"):
            assert keys[0].toString(QKeySequence.SequenceFormat.NativeText) in action.toolTip(), action.objectName()


def test_the_toolbar_offers_the_main_actions(open_window):
    window = open_window(example_map_path())
    names = {a.objectName() for a in window.toolbar.actions() if not a.isSeparator()}
    assert {"add_touchpoint", "add_stage", "add_persona", "connect", "undo", "redo", "zoom_fit", "find",
            "print", "export_pdf"} <= names
    assert window.toolbar.isVisible()


def test_the_shortcut_list_is_read_from_the_menus(open_window):
    window = open_window(example_map_path())
    rows = shortcut_rows(window.menuBar())
    listed = {(what, keys) for _where, what, keys, _tip in rows}
    for name in ("save", "find", "add_touchpoint", "redo"):
        action = window.actions_by_name[name]
        keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
        assert any(keys == shown for _what, shown in listed), name
    assert any(where == "Canvas" for where, *_ in rows)
    dialog = window.show_shortcuts()
    table = dialog.findChild(QTableWidget)
    assert table.rowCount() == len(rows)
    dialog.close()
    dialog = window.show_getting_started()
    assert dialog.isVisible()
    dialog.close()


# -- how a map opens ----------------------------------------------------------------------------------------
def visible(window):
    view = window.view()
    return view.mapToScene(view.viewport().rect()).boundingRect()


def test_a_map_opens_at_its_top_left_corner_at_a_readable_zoom(qtbot, open_window):
    window = open_window(example_map_path())
    settle(qtbot)
    view = window.view()
    assert READABLE_ZOOM <= view.zoom() <= 1.0
    seen = visible(window)
    layout = window.editor.scene.layout
    first_stage = next(iter(layout.stages.values())).header
    first_lane = next(iter(layout.lanes.values()))
    assert seen.left() <= 0 and seen.top() <= 0  # the corner, with the first stage's and persona's names
    assert seen.contains(QPointF(first_stage.x + 20, first_stage.y + 20))
    assert seen.contains(QPointF(first_lane.header.x + 20, first_lane.y + 20))


def test_a_small_map_opens_whole(qtbot, open_window):
    window = open_window(None, template="four-steps")
    settle(qtbot)
    view = window.view()
    assert READABLE_ZOOM <= view.zoom() <= 1.0
    assert visible(window).contains(view.map_rect())


def test_a_zoom_saved_with_the_map_wins(qtbot, open_window, tmp_path):
    from journeymapper.io import load_path

    loaded = load_path(example_map_path())
    path = tmp_path / "zoomed.jmap"
    save(path, loaded.map, {**loaded.view, "zoom": 1.5})
    window = open_window(path)
    settle(qtbot)
    assert window.view().zoom() == pytest.approx(1.5)
    assert visible(window).top() <= 0


def test_fit_shows_the_whole_of_a_big_map(qtbot, open_window, tmp_path):
    path = tmp_path / "big.jmap"
    save(path, big_map())
    window = open_window(path)
    settle(qtbot)
    view = window.view()
    made = len(window.editor.scene.card_items)
    view.zoom_fit()
    settle(qtbot)
    assert visible(window).contains(view.map_rect())
    assert len(window.editor.scene.card_items) == made  # the overview draws it: no item per card


# -- words ------------------------------------------------------------------------------------------------------
def test_kpi_health_counts_higher_values_as_better():
    """4 % against a target of 3 % is met, not off; 2 % is off; on target either way for `target`."""
    def health(value, target, better="higher"):
        return kpi_health(KPI(id="k", name="k", target=target, readings=[{"date": "2026-12-01", "value": value}]),
                          better)[1]

    assert health(4, 3) == "good" and health(3, 3) == "good" and health(2.8, 3) == "good"
    assert health(2.4, 3) == "mid" and health(2, 3) == "bad"
    assert health(2, 3, "lower") == "good" and health(4, 3, "lower") == "bad"
    assert health(4, 3, "target") == "bad" and health(3.1, 3, "target") == "good"
    assert health(-5, -10) == "good" and health(-15, -10) == "bad"  # (a negative target, as an NPS may have)


def test_the_kpi_table_shows_every_column_and_says_which_way_is_better(qtbot):
    table = KpiTable(lambda rows: None)
    table.resize(330, 240)
    table.show()
    qtbot.waitExposed(table)
    table.set_value([KPI(id="k1", name="Conversion rate of visitors who saw the cake gallery", target=3.0,
                         unit="%", readings=[{"date": "2026-12-01", "value": 2.1}])])
    grid = table.table
    width = grid.viewport().width()
    for column in (1, 2, 3, 4):
        left = grid.horizontalHeader().sectionViewportPosition(column)
        assert 0 <= left and left + grid.horizontalHeader().sectionSize(column) <= width + 1, column
    assert grid.horizontalHeader().sectionSize(0) >= 80  # the name keeps room to be read
    assert KPI_DIRECTION_NOTE in [label.text() for label in table.findChildren(QLabel)]


def test_a_cards_parts_say_what_they_are(qtbot, open_window):
    from journeymapper.layout.card_tips import HANDLE_TIP, card_tip

    window = open_window(example_map_path())
    layout = window.editor.scene.layout
    box = next(b for b in layout.cards.values() if b.channel_chip is not None and b.emotion is not None
               and b.pains)
    style = layout.style
    assert card_tip(box, *box.evidence_center, style).startswith("Evidence: ")
    assert card_tip(box, *box.emotion_center, style).startswith("Feeling: ")
    chip = box.channel_chip
    assert card_tip(box, chip.x + 2, chip.y + chip.h / 2, style) == f"Channel: {box.channel_label}"
    x, y = box.counts_origin
    assert "pain point" in card_tip(box, x + 2, y - 3, style)
    item = window.item_for(box.id)
    assert item.on_handle(item.handle_center()) and HANDLE_TIP
    assert window.editor.scene.stage_items[box.stage].toolTip()


def test_a_long_title_shows_its_beginning_in_the_inspector(qtbot, open_window):
    window = open_window(example_map_path())
    title = window.inspector.forms["map"].widgets["title"]
    assert title.cursorPosition() == 0


# -- the start page and an empty map --------------------------------------------------------------------------
def test_the_start_page_hides_the_empty_panels(qtbot, open_window):
    window = open_window(None)
    assert not window.inspector_dock.isVisible() and not window.problem_dock.isVisible()
    window.new_from_template("blank")
    settle(qtbot)
    assert window.inspector_dock.isVisible() and window.problem_dock.isVisible()


def test_an_empty_map_says_how_to_begin_until_it_has_a_card(qtbot, open_window):
    window = open_window(None, template="four-steps")
    settle(qtbot)
    hint = window.view().hint
    assert hint.isVisible() and "add a touchpoint" in hint.text()
    doc = window.document()
    window.editor.add_touchpoint(doc.personas[0].id, doc.stages[0].id)
    settle(qtbot)
    assert not hint.isVisible()


# -- a file that cannot be opened at start-up ------------------------------------------------------------------
def test_a_file_that_cannot_be_opened_at_start_up_leaves_no_program_running(tmp_path):
    """The error is shown, then the program ends: no invisible process to take the next file."""
    bad = tmp_path / "bad.jmap"
    bad.write_text('{"format": "journeymapper", "schema_version": 1, "map": {"title": "x"', encoding="utf-8")
    code = textwrap.dedent(f"""
        import sys
        from PySide6.QtWidgets import QMessageBox
        QMessageBox.exec = lambda self: print("dialog:", self.text().splitlines()[0], flush=True) or 0
        from journeymapper import gui
        sys.exit(gui.run([{str(bad)!r}]))
    """)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(runtime),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 1, result.stderr
    assert "dialog:" in result.stdout


def test_closing_the_menu_leaves_the_canvas_as_it_was(qtbot, open_window):
    """(The card under a right-click is selected, as in a file manager; nothing else changes.)"""
    window = open_window(example_map_path())
    card = window.document().touchpoints[0].id
    before = window.undo_stack().count()
    window._context_menu(card, card_center(window, card), window.mapToGlobal(window.rect().center()))
    menu = window.last_context_menu
    assert menu is not None and menu.isVisible()
    menu.close()
    QApplication.processEvents()
    assert window.selected_ids() == [card] and window.undo_stack().count() == before


# -- headers that stay ------------------------------------------------------------------------------------------
def test_stage_and_persona_names_stay_in_sight_while_scrolling(qtbot, open_window):
    window = open_window(example_map_path())
    view = window.view()
    view.set_zoom(1.0)
    view.show_top_left()
    settle(qtbot)
    assert view.frozen.shown() == (False, False)  # the real headers are in sight
    view.horizontalScrollBar().setValue(600)
    view.verticalScrollBar().setValue(700)
    settle(qtbot)
    assert view.frozen.shown() == (True, True)
    top, left = view.frozen.top, view.frozen.left
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    # The top strip shows the stage row where the canvas is scrolled sideways; the left one the persona
    # column where it is scrolled down; both at the canvas's zoom.
    assert top.mapToScene(0, 0).y() == pytest.approx(0, abs=1)
    assert top.mapToScene(0, 0).x() == pytest.approx(seen.left(), abs=1)
    assert left.mapToScene(0, 0).x() == pytest.approx(0, abs=1)
    assert top.transform().m11() == left.transform().m11() == view.zoom()
    stage = window.editor.scene.layout.stages[window.document().stages[2].id].header
    point = top.mapFromScene(QPointF(stage.x + 30, stage.y + 12))
    assert top.rect().contains(point)
    qtbot.mouseDClick(top.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    settle(qtbot)
    from .test_gestures import inline_edit

    assert inline_edit(window) is not None  # the frozen header is the header: double-click renames it
    view.show_top_left()
    settle(qtbot)
    assert view.frozen.shown() == (False, False)
