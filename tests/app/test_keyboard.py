"""The keyboard paths of the canvas, the clipboard, zoom and pan, the Edit menu's undo names,
and a property test: any sequence of edits undoes back to the original document.

Keys go to the view (or the focused inline editor) with real key events; the window is made the
active window first so that its actions' shortcuts apply, as they do for a user.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsView

from journeymapper.app.editor import FRAGMENT_MIME
from journeymapper.canvas.view import MIN_ZOOM
from journeymapper.resources import example_map_path

from .conftest import drag
from .test_gestures import (
    CTRL,
    NO,
    assert_canvas_in_step,
    assert_one_step_undoes_to,
    card_center,
    cell_ids,
    click,
    dump,
    empty_spot,
    inline_edit,
    lane_header_point,
    open_fitted,
    selected_cards,
    settle,
    stage_header_center,
)

ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
Key = Qt.Key


def activate(qtbot, window) -> None:
    """Make the window the active one: its shortcuts (WindowShortcut context) then apply."""
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def keyboard_window(qtbot, open_window, path=None, template=None):
    window = open_fitted(open_window, path if path is not None or template else example_map_path(), template)
    activate(qtbot, window)
    window.view().setFocus()
    return window


def key(qtbot, window, k, modifier=NO) -> None:
    qtbot.keyClick(window.view(), k, modifier)


def select(window, *ids: str) -> None:
    window.editor.scene.select_only(list(ids))


def undo_text(window) -> str:
    return window.actions_by_name["undo"].text().replace("&", "")


def redo_text(window) -> str:
    return window.actions_by_name["redo"].text().replace("&", "")


# -- rename in place (F2) ------------------------------------------------------------------------------------
def test_f2_renames_the_selected_card_in_place(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    select(window, "t-office-chat")
    key(qtbot, window, Key.Key_F2)
    edit = inline_edit(window)
    assert edit is not None and edit.hasFocus()
    assert edit.text() == "Confirms dietary options via website chat" and edit.selectedText() == edit.text()
    qtbot.keyClick(edit, Key.Key_Delete)  # the field's own editing key, not the window's Delete action
    qtbot.keyClicks(edit, "Checks allergens in the chat")
    qtbot.keyClick(edit, Key.Key_Return)
    settle(qtbot)
    assert "t-office-chat" in window.document()
    assert window.document().get("t-office-chat").title == "Checks allergens in the chat"
    assert inline_edit(window) is None
    assert undo_text(window) == "Undo Change Touchpoint Title"
    assert_one_step_undoes_to(window, before)


def test_f2_then_escape_changes_nothing(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    select(window, "t-office-chat")
    key(qtbot, window, Key.Key_F2)
    edit = inline_edit(window)
    qtbot.keyClicks(edit, "xyz")
    qtbot.keyClick(edit, Key.Key_Escape)
    settle(qtbot)
    assert inline_edit(window) is None
    assert dump(window) == before
    assert window.undo_stack().count() == 0


def test_f2_renames_a_selected_stage(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    click(qtbot, window, stage_header_center(window, "s-loyalty"))
    key(qtbot, window, Key.Key_F2)
    edit = inline_edit(window)
    assert edit is not None and edit.text() == "After the purchase"
    qtbot.keyClicks(edit, "Loyalty")
    qtbot.keyClick(edit, Key.Key_Return)
    settle(qtbot)
    assert window.document().get("s-loyalty").name == "Loyalty"
    assert_one_step_undoes_to(window, before)


def test_f2_with_several_selected_does_nothing(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    select(window, "t-office-chat", "t-office-search")
    key(qtbot, window, Key.Key_F2)
    assert inline_edit(window) is None


def test_rename_to_an_empty_title_is_refused(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    select(window, "t-office-chat")
    key(qtbot, window, Key.Key_F2)
    edit = inline_edit(window)
    qtbot.keyClick(edit, Key.Key_Backspace)
    qtbot.keyClick(edit, Key.Key_Return)
    settle(qtbot)
    assert dump(window) == before
    assert window.undo_stack().count() == 0
    assert window.statusBar().currentMessage()


# -- arrow keys: selection -------------------------------------------------------------------------------
def test_arrow_keys_move_the_selection_between_cards(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    key(qtbot, window, Key.Key_Right)  # nothing selected: the first card
    assert window.selected_ids() == ["t-parent-instagram"]
    select(window, "t-parent-gallery")
    key(qtbot, window, Key.Key_Right)
    assert window.selected_ids() == ["t-parent-order-form"]
    key(qtbot, window, Key.Key_Left)
    assert window.selected_ids() == ["t-parent-gallery"]
    key(qtbot, window, Key.Key_Down)
    assert window.selected_ids() == ["t-parent-reviews"]
    key(qtbot, window, Key.Key_Down)
    assert window.selected_ids() == ["t-parent-tasting"]
    key(qtbot, window, Key.Key_Down)  # past the cell: the same stage in the next lane
    assert window.selected_ids() == ["t-office-catering-menu"]
    key(qtbot, window, Key.Key_Up)
    assert window.selected_ids() == ["t-parent-tasting"]
    assert window.editor.scene.focusItem() is window.item_for("t-parent-tasting")
    select(window, "t-parent-instagram")
    key(qtbot, window, Key.Key_Left)  # at the edge: stays
    assert window.selected_ids() == ["t-parent-instagram"]
    key(qtbot, window, Key.Key_Up)
    assert window.selected_ids() == ["t-parent-instagram"]
    assert dump(window) == before
    assert window.undo_stack().count() == 0


def test_ctrl_a_selects_every_card_and_delete_removes_them_in_one_step(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    key(qtbot, window, Key.Key_A, CTRL)
    assert selected_cards(window) == {t.id for t in window.document().touchpoints}
    key(qtbot, window, Key.Key_Delete)
    assert window.document().touchpoints == [] and window.document().flows == []
    assert len(window.document().stages) == 5 and len(window.document().personas) == 2
    assert undo_text(window) == "Undo Delete 25 Touchpoints"
    assert_one_step_undoes_to(window, before)


def test_delete_with_nothing_selected_does_nothing(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    key(qtbot, window, Key.Key_Delete)
    key(qtbot, window, Key.Key_Backspace)
    assert dump(window) == before
    assert window.undo_stack().count() == 0


def test_delete_key_removes_a_selected_stage_in_one_step(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    select(window, "s-purchase")
    key(qtbot, window, Key.Key_Delete)
    doc = window.document()
    assert "s-purchase" not in doc and not [t for t in doc.touchpoints if t.stage == "s-purchase"]
    assert undo_text(window) == "Undo Delete Stage"
    assert_one_step_undoes_to(window, before)


# -- Alt+arrows: the keyboard path of dragging ---------------------------------------------------------------
def test_alt_right_moves_the_card_to_the_next_stage(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    select(window, "t-parent-gallery")
    key(qtbot, window, Key.Key_Right, ALT)
    assert window.document().get("t-parent-gallery").stage == "s-purchase"
    assert cell_ids(window, "p-parent", "s-purchase")[0] == "t-parent-gallery"  # same position (first)
    assert window.selected_ids() == ["t-parent-gallery"]
    assert undo_text(window) == "Undo Move Touchpoint"
    assert_one_step_undoes_to(window, before)


def test_alt_arrows_step_by_step_and_stop_at_the_edges(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    select(window, "t-parent-instagram")
    key(qtbot, window, Key.Key_Left, ALT)  # first stage already
    assert dump(window) == before and window.undo_stack().count() == 0
    key(qtbot, window, Key.Key_Right, ALT)
    key(qtbot, window, Key.Key_Right, ALT)
    assert window.document().get("t-parent-instagram").stage == "s-purchase"
    assert window.undo_stack().count() == 2
    window.undo_stack().undo()
    window.undo_stack().undo()
    assert dump(window) == before


def test_alt_down_reorders_in_the_cell_then_moves_to_the_next_lane(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    select(window, "t-parent-gallery")
    key(qtbot, window, Key.Key_Down, ALT)
    assert cell_ids(window, "p-parent", "s-consideration") == ["t-parent-reviews", "t-parent-gallery",
                                                               "t-parent-tasting"]
    key(qtbot, window, Key.Key_Down, ALT)
    key(qtbot, window, Key.Key_Down, ALT)  # last in its cell: to the top of the cell below
    card = window.document().get("t-parent-gallery")
    assert (card.persona, card.stage) == ("p-office", "s-consideration")
    assert cell_ids(window, "p-office", "s-consideration")[0] == "t-parent-gallery"
    key(qtbot, window, Key.Key_Up, ALT)  # and back up: to the end of the cell above
    assert cell_ids(window, "p-parent", "s-consideration")[-1] == "t-parent-gallery"
    assert window.undo_stack().count() == 4
    for _ in range(4):
        window.undo_stack().undo()
    assert dump(window) == before
    assert_canvas_in_step(window)


def test_alt_arrows_move_a_selected_stage_or_lane(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    click(qtbot, window, stage_header_center(window, "s-awareness"))
    key(qtbot, window, Key.Key_Right, ALT)
    assert [s.id for s in window.document().stages][:2] == ["s-consideration", "s-awareness"]
    assert undo_text(window) == "Undo Move Stage"
    assert_one_step_undoes_to(window, before)
    click(qtbot, window, lane_header_point(window, "p-parent"))
    key(qtbot, window, Key.Key_Down, ALT)
    assert [p.id for p in window.document().personas] == ["p-office", "p-parent"]
    assert undo_text(window) == "Undo Move Persona"
    window.undo_stack().undo()
    assert dump(window) == before


# -- Ctrl+L: the keyboard path of drawing a flow -----------------------------------------------------------
def test_ctrl_l_connects_two_selected_cards_in_map_order(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    click(qtbot, window, card_center(window, "t-parent-instagram"))
    click(qtbot, window, card_center(window, "t-parent-reviews"), CTRL)
    key(qtbot, window, Key.Key_L, CTRL)
    new = window.document().flows[-1]
    assert (new.source, new.target, new.kind) == ("t-parent-instagram", "t-parent-reviews", "next")
    assert_one_step_undoes_to(window, before)


def test_ctrl_l_connects_exactly_two_selected_cards(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    select(window, "t-parent-instagram", "t-office-chat")  # selected by the program: no focus card
    key(qtbot, window, Key.Key_L, CTRL)
    new = window.document().flows[-1]
    assert {new.source, new.target} == {"t-parent-instagram", "t-office-chat"}
    assert undo_text(window) == "Undo Add Flow"
    assert_one_step_undoes_to(window, before)


def test_ctrl_l_needs_exactly_two_cards(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    select(window, "t-parent-instagram")
    key(qtbot, window, Key.Key_L, CTRL)
    assert "two" in window.statusBar().currentMessage()
    select(window, "t-parent-instagram", "t-parent-reviews", "t-office-chat")
    key(qtbot, window, Key.Key_L, CTRL)
    select(window, "t-parent-instagram", "t-parent-gallery")  # already connected (f-01)
    key(qtbot, window, Key.Key_L, CTRL)
    assert dump(window) == before
    assert window.undo_stack().count() == 0


# -- adding by keyboard -------------------------------------------------------------------------------------
def test_ctrl_shift_t_adds_a_touchpoint_after_the_selected_card_and_edits_it(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    select(window, "t-parent-gallery")
    key(qtbot, window, Key.Key_T, CTRL | SHIFT)
    cell = cell_ids(window, "p-parent", "s-consideration")
    assert len(cell) == 4 and cell[0] == "t-parent-gallery"
    new_id = cell[1]
    assert window.selected_ids() == [new_id]
    assert undo_text(window) == "Undo Add Touchpoint"
    after_add = dump(window)
    edit = inline_edit(window)
    assert edit is not None and edit.hasFocus()
    qtbot.keyClicks(edit, "Compares prices")
    qtbot.keyClick(edit, Key.Key_Return)
    settle(qtbot)
    assert window.document().get(new_id).title == "Compares prices"
    assert window.undo_stack().count() == 2
    window.undo_stack().undo()
    assert dump(window) == after_add
    window.undo_stack().undo()
    assert dump(window) == before
    assert_canvas_in_step(window)


def test_ctrl_shift_t_with_nothing_selected_adds_to_the_first_cell(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    key(qtbot, window, Key.Key_T, CTRL | SHIFT)
    qtbot.keyClick(inline_edit(window), Key.Key_Escape)
    settle(qtbot)
    cell = cell_ids(window, "p-parent", "s-awareness")
    assert len(cell) == 3 and window.document().get(cell[-1]).title == "New touchpoint"
    assert_one_step_undoes_to(window, before)


def test_ctrl_shift_t_on_an_empty_map_is_one_step(qtbot, open_window):
    window = keyboard_window(qtbot, open_window, template="blank")
    doc = window.document()
    window.editor.delete([p.id for p in doc.personas] + [s.id for s in doc.stages])
    window.undo_stack().clear()
    before = dump(window)
    key(qtbot, window, Key.Key_T, CTRL | SHIFT)
    qtbot.keyClick(inline_edit(window), Key.Key_Escape)
    settle(qtbot)
    assert (len(doc.personas), len(doc.stages), len(doc.touchpoints)) == (1, 1, 1)
    assert_one_step_undoes_to(window, before)


def test_add_stage_action_inserts_after_the_selected_stage_and_renames_it(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    select(window, "s-purchase")
    window.actions_by_name["add_stage"].trigger()
    stages = window.document().stages
    assert len(stages) == 6 and stages[2].id == "s-purchase"
    new_id = stages[3].id
    edit = inline_edit(window)
    assert edit is not None and edit.text() == stages[3].name
    edit.selectAll()
    qtbot.keyClicks(edit, "Delivery")
    qtbot.keyClick(edit, Key.Key_Return)
    settle(qtbot)
    assert window.document().get(new_id).name == "Delivery"
    assert window.undo_stack().count() == 2
    window.undo_stack().undo()
    window.undo_stack().undo()
    assert dump(window) == before


def test_add_stage_has_a_keyboard_shortcut(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    assert window.actions_by_name["add_stage"].shortcut().toString() == "Ctrl+Shift+G"
    key(qtbot, window, Key.Key_G, CTRL | SHIFT)
    assert len(window.document().stages) == 6


def test_ctrl_shift_p_adds_a_persona_and_renames_it(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    select(window, "p-parent")
    key(qtbot, window, Key.Key_P, CTRL | SHIFT)
    personas = window.document().personas
    assert [p.id for p in personas][0] == "p-parent" and personas[2].id == "p-office"
    new_id = personas[1].id
    assert personas[1].color not in {"#2E86AB"} or personas[1].color != personas[0].color
    edit = inline_edit(window)
    assert edit is not None
    edit.selectAll()
    qtbot.keyClicks(edit, "Tourist")
    qtbot.keyClick(edit, Key.Key_Return)
    settle(qtbot)
    assert window.document().get(new_id).name == "Tourist"
    assert_canvas_in_step(window)
    window.undo_stack().undo()
    window.undo_stack().undo()
    assert dump(window) == before


# -- clipboard ---------------------------------------------------------------------------------------------
def test_copy_and_paste_into_the_selected_cards_cell(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    select(window, "t-parent-gallery")
    key(qtbot, window, Key.Key_C, CTRL)
    data = QApplication.clipboard().mimeData()
    assert data.hasFormat(FRAGMENT_MIME)
    assert json.loads(bytes(data.data(FRAGMENT_MIME)).decode())["touchpoints"][0]["id"] == "t-parent-gallery"
    assert dump(window) == before and window.undo_stack().count() == 0
    select(window, "t-office-order-invoice")
    key(qtbot, window, Key.Key_V, CTRL)
    cell = cell_ids(window, "p-office", "s-purchase")
    assert len(cell) == 3
    pasted = window.document().get(cell[-1])
    original = window.document().get("t-parent-gallery")
    assert pasted.id != original.id and pasted.title == original.title and pasted.emotion == original.emotion
    assert window.selected_ids() == [pasted.id]
    assert undo_text(window) == "Undo Paste Touchpoint"
    assert_one_step_undoes_to(window, before)


def test_copy_two_connected_cards_pastes_them_with_their_flow(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    select(window, "t-parent-instagram", "t-parent-gallery")
    window.actions_by_name["copy"].trigger()
    select(window)
    key(qtbot, window, Key.Key_V, CTRL)
    doc = window.document()
    assert len(doc.touchpoints) == 27 and len(doc.flows) == 28
    new_a = cell_ids(window, "p-parent", "s-awareness")[-1]
    new_b = cell_ids(window, "p-parent", "s-consideration")[-1]
    assert doc.get(new_a).title == doc.get("t-parent-instagram").title
    assert (doc.flows[-1].source, doc.flows[-1].target) == (new_a, new_b)
    assert set(window.selected_ids()) == {new_a, new_b}
    assert undo_text(window) == "Undo Paste Touchpoints"
    assert_one_step_undoes_to(window, before)


def test_cut_removes_and_paste_brings_back(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    select(window, "t-office-chat")
    key(qtbot, window, Key.Key_X, CTRL)
    doc = window.document()
    assert "t-office-chat" not in doc
    assert not [f for f in doc.flows if "t-office-chat" in (f.source, f.target)]
    assert undo_text(window) == "Undo Cut"
    assert window.undo_stack().count() == 1
    after_cut = dump(window)
    window.undo_stack().undo()
    assert dump(window) == before
    window.undo_stack().redo()
    key(qtbot, window, Key.Key_V, CTRL)
    cell = cell_ids(window, "p-office", "s-purchase")
    assert len(cell) == 2 and doc.get(cell[-1]).title == "Confirms dietary options via website chat"
    assert window.undo_stack().count() == 2
    window.undo_stack().undo()
    assert dump(window) == after_cut


def test_duplicate_adds_a_copy_to_the_same_cell(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    select(window, "t-parent-reviews")
    key(qtbot, window, Key.Key_D, CTRL)
    cell = cell_ids(window, "p-parent", "s-consideration")
    assert len(cell) == 4
    copy = window.document().get(cell[-1])
    assert copy.title == "Reads Google reviews about birthday cakes" and copy.id != "t-parent-reviews"
    assert window.selected_ids() == [copy.id]
    assert_one_step_undoes_to(window, before)


def test_paste_of_foreign_text_does_nothing(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    QApplication.clipboard().setText("just some words")
    key(qtbot, window, Key.Key_V, CTRL)
    QApplication.clipboard().setText('{"format": "journeymapper-fragment", "touchpoints": [{"id": 3}]}')
    key(qtbot, window, Key.Key_V, CTRL)
    assert dump(window) == before


def test_copy_in_one_map_and_paste_into_another(qtbot, open_window):
    source = keyboard_window(qtbot, open_window)
    source_before = dump(source)
    target = open_fitted(open_window, template="small-business-classic")
    target_before = dump(target)
    activate(qtbot, source)
    select(source, "t-parent-gallery", "t-parent-reviews")  # linked by f-03
    key(qtbot, source, Key.Key_C, CTRL)
    activate(qtbot, target)
    target.view().setFocus()
    key(qtbot, target, Key.Key_V, CTRL)
    doc = target.document()
    consideration = next(s.id for s in doc.stages if s.name == "Consideration")
    assert [t.title for t in doc.touchpoints] == ["Browses the cake gallery on her phone",
                                                  "Reads Google reviews about birthday cakes"]
    assert all(t.stage == consideration and t.persona == doc.personas[0].id for t in doc.touchpoints)
    assert [(f.source, f.target) for f in doc.flows] == [(doc.touchpoints[0].id, doc.touchpoints[1].id)]
    assert not {t.id for t in doc.touchpoints} & {t["id"] for t in source_before["touchpoints"]}
    assert dump(source) == source_before and source.undo_stack().count() == 0
    assert_one_step_undoes_to(target, target_before)
    # and back again with the menu actions: cut in the target, paste into the source
    target.undo_stack().redo()
    select(target, doc.touchpoints[0].id)
    target.actions_by_name["cut"].trigger()
    assert len(doc.touchpoints) == 1
    select(source)
    source.actions_by_name["paste"].trigger()
    assert cell_ids(source, "p-parent", "s-consideration")[-1] not in source_before
    assert len(source.document().touchpoints) == 26
    source.undo_stack().undo()
    assert dump(source) == source_before


# -- zoom and pan --------------------------------------------------------------------------------------------
def wheel(window, dy: int, modifiers=NO) -> None:
    viewport = window.view().viewport()
    pos = QPointF(viewport.width() / 2, viewport.height() / 2)
    event = QWheelEvent(pos, QPointF(viewport.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, dy),
                        Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, event)


def test_ctrl_wheel_zooms(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    view = window.view()
    before = dump(window)
    view.zoom_reset()
    wheel(window, 120, CTRL)
    assert view.zoom() == pytest.approx(1.2)
    assert window.zoom_label.text() == "120 %"
    wheel(window, -240, CTRL)
    assert view.zoom() == pytest.approx(1 / 1.2)
    for _ in range(30):
        wheel(window, 120, CTRL)
    assert view.zoom() == pytest.approx(8.0)
    for _ in range(40):
        wheel(window, -120, CTRL)
    assert view.zoom() == pytest.approx(MIN_ZOOM)
    assert dump(window) == before and window.undo_stack().count() == 0 and not window.isWindowModified()


def test_ctrl_plus_minus_zero_and_one(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    view = window.view()
    key(qtbot, window, Key.Key_1, CTRL)
    assert view.zoom() == pytest.approx(1.0)
    key(qtbot, window, Key.Key_Plus, CTRL)
    assert view.zoom() == pytest.approx(1.2)
    key(qtbot, window, Key.Key_Equal, CTRL)
    assert view.zoom() == pytest.approx(1.44)
    key(qtbot, window, Key.Key_Minus, CTRL)
    key(qtbot, window, Key.Key_Minus, CTRL)
    key(qtbot, window, Key.Key_Minus, CTRL)
    assert view.zoom() == pytest.approx(1 / 1.2)
    key(qtbot, window, Key.Key_0, CTRL)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.scene().itemsBoundingRect())
    assert view.zoom() < 1.0
    assert window.undo_stack().count() == 0


def test_pan_with_the_scroll_bars_and_the_wheel(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    view = window.view()
    view.zoom_reset()
    settle(qtbot)
    hbar, vbar = view.horizontalScrollBar(), view.verticalScrollBar()
    assert hbar.maximum() > 0 and vbar.maximum() > 0
    hbar.setValue(0)
    vbar.setValue(0)
    left_top = view.mapToScene(QPoint(0, 0))
    hbar.setValue(hbar.maximum())
    vbar.setValue(vbar.maximum())
    moved = view.mapToScene(QPoint(0, 0))
    assert moved.x() > left_top.x() and moved.y() > left_top.y()
    vbar.setValue(0)
    wheel(window, -120)  # the plain wheel scrolls
    assert vbar.value() > 0
    assert view.zoom() == pytest.approx(1.0)


def test_space_drag_pans_without_touching_the_map(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    view = window.view()
    before = dump(window)
    view.zoom_reset()
    settle(qtbot)
    hbar, vbar = view.horizontalScrollBar(), view.verticalScrollBar()
    hbar.setValue(0)
    vbar.setValue(0)
    # grab a card: with space held it is the canvas that moves, not the card
    start = card_center(window, "t-parent-gallery")
    end = view.mapToScene(view.mapFromScene(start) - QPoint(150, 120))
    qtbot.keyPress(view, Key.Key_Space)
    assert view.dragMode() == QGraphicsView.DragMode.ScrollHandDrag
    drag(qtbot, window, start, end)
    assert hbar.value() > 100 and vbar.value() > 80
    qtbot.keyRelease(view, Key.Key_Space)
    assert view.dragMode() == QGraphicsView.DragMode.RubberBandDrag and view.isInteractive()
    assert dump(window) == before and window.undo_stack().count() == 0
    # after the space is released, a drag moves cards again
    view.zoom_fit()
    settle(qtbot)
    drag(qtbot, window, card_center(window, "t-parent-gallery"), empty_spot(window, "p-parent", "s-purchase"))
    assert window.document().get("t-parent-gallery").stage == "s-purchase"


# -- the Edit menu's undo names ----------------------------------------------------------------------------
def test_undo_and_redo_actions_name_the_step_and_follow_the_keys(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    before = dump(window)
    assert not window.actions_by_name["undo"].isEnabled()
    drag(qtbot, window, card_center(window, "t-parent-gallery"), empty_spot(window, "p-parent", "s-purchase"))
    assert undo_text(window) == "Undo Move Touchpoint"
    assert window.actions_by_name["undo"].isEnabled()
    after = dump(window)
    key(qtbot, window, Key.Key_Z, CTRL)
    assert dump(window) == before
    assert redo_text(window) == "Redo Move Touchpoint"
    key(qtbot, window, Key.Key_Z, CTRL | SHIFT)
    assert dump(window) == after
    key(qtbot, window, Key.Key_Z, CTRL)
    key(qtbot, window, Key.Key_Y, CTRL)
    assert dump(window) == after
    assert window.isWindowModified()
    key(qtbot, window, Key.Key_Z, CTRL)
    assert not window.isWindowModified()
    select(window, "t-office-chat", "t-office-search")
    key(qtbot, window, Key.Key_Delete)
    assert undo_text(window) == "Undo Delete 2 Touchpoints"
    # an edit pushed after a Move Stage once crashed the process (MoveElement hid QUndoCommand.id())
    drag(qtbot, window, stage_header_center(window, "s-loyalty"),
         stage_header_center(window, "s-awareness") - QPointF(60, 0))
    assert undo_text(window) == "Undo Move Stage"
    key(qtbot, window, Key.Key_Right)
    key(qtbot, window, Key.Key_D, CTRL)
    assert undo_text(window) == "Undo Paste Touchpoint"
    key(qtbot, window, Key.Key_Z, CTRL)
    key(qtbot, window, Key.Key_Z, CTRL)
    assert redo_text(window) == "Redo Move Stage"


def test_undo_action_follows_a_map_loaded_into_the_same_window(qtbot, open_window, example_copy):
    window = keyboard_window(qtbot, open_window)
    for _ in range(2):  # File > Revert, or opening into an empty window, loads a map into a used window
        assert window.load_file(example_copy)
        settle(qtbot)  # the replaced editor (and its undo stack) is gone now
    activate(qtbot, window)
    window.view().setFocus()
    window.view().zoom_fit()
    settle(qtbot)
    before = dump(window)
    drag(qtbot, window, card_center(window, "t-parent-gallery"), empty_spot(window, "p-parent", "s-purchase"))
    assert window.undo_stack().count() == 1
    assert undo_text(window) == "Undo Move Touchpoint"
    key(qtbot, window, Key.Key_Z, CTRL)
    assert dump(window) == before
    assert redo_text(window) == "Redo Move Touchpoint"


# -- property: any sequence of edits undoes to the start ---------------------------------------------------
OPERATIONS = (
    "add_touchpoint", "add_flow", "add_stage", "add_persona",
    "delete", "move_cards", "move_element", "set_field",
)


def _apply_random_edit(editor, data) -> None:
    """One random, valid edit through the editor's methods."""
    doc = editor.doc
    draw = data.draw
    op = draw(st.sampled_from(OPERATIONS), label="op")
    cards = [t.id for t in doc.touchpoints]
    if op == "add_touchpoint" and doc.personas and doc.stages:
        persona = draw(st.sampled_from([p.id for p in doc.personas]))
        stage = draw(st.sampled_from([s.id for s in doc.stages]))
        position = draw(st.integers(0, len(doc.touchpoints_in(persona, stage))))
        editor.add_touchpoint(persona, stage, position, edit=False)
    elif op == "add_flow" and len(cards) >= 2:
        source, target = draw(st.lists(st.sampled_from(cards), min_size=2, max_size=2, unique=True))
        kind = draw(st.sampled_from([None, "next", "alternative", "loop"]))
        editor.add_flow(source, target, kind)
    elif op == "add_stage":
        editor.add_stage(draw(st.integers(0, len(doc.stages))))
    elif op == "add_persona":
        editor.add_persona(draw(st.integers(0, len(doc.personas))))
    elif op == "delete":
        everything = [e.id for e in (*doc.personas, *doc.stages, *doc.touchpoints, *doc.flows)]
        if everything:
            editor.delete(draw(st.lists(st.sampled_from(everything), min_size=1, max_size=3, unique=True)))
    elif op == "move_cards" and cards:
        moving = draw(st.lists(st.sampled_from(cards), min_size=1, max_size=3, unique=True))
        persona = draw(st.sampled_from([p.id for p in doc.personas]))
        stage = draw(st.sampled_from([s.id for s in doc.stages]))
        position = draw(st.integers(0, 5))
        editor.move_cards([(card, persona, stage, position + k) for k, card in enumerate(moving)])
    elif op == "move_element":
        kind = draw(st.sampled_from(["stages", "personas"]))
        items = getattr(doc, kind)
        if items:
            element = draw(st.sampled_from([e.id for e in items]))
            editor.move_element(element, draw(st.integers(0, len(items) - 1)))
    elif op == "set_field":
        choices = [(t.id, "title") for t in doc.touchpoints] + [(t.id, "emotion") for t in doc.touchpoints]
        choices += [(s.id, "name") for s in doc.stages] + [(p.id, "name") for p in doc.personas]
        choices += [(f.id, "kind") for f in doc.flows] + [(f.id, "label") for f in doc.flows]
        if choices:
            element, field = draw(st.sampled_from(choices))
            values = {
                "emotion": st.sampled_from([None, -2, -1, 0, 1, 2]),
                "kind": st.sampled_from(["next", "alternative", "loop"]),
            }.get(field, st.text(alphabet="abc ÄΩ-", min_size=0, max_size=8))
            editor.set_field(element, field, draw(values))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_sequence_of_edits_undoes_to_the_original_and_redoes_to_the_final(
        qtbot, open_window, example_copy, data):
    window = open_window(example_copy)  # a fresh window and undo stack per example
    try:
        editor, stack = window.editor, window.undo_stack()
        original = dump(window)
        for _ in range(data.draw(st.integers(1, 12), label="edits")):
            _apply_random_edit(editor, data)
        final = dump(window)
        steps = stack.count()
        while stack.canUndo():
            stack.undo()
        assert dump(window) == original
        assert_canvas_in_step(window)
        while stack.canRedo():
            stack.redo()
        assert stack.index() == steps
        assert dump(window) == final
        assert_canvas_in_step(window)
    finally:  # (one file, one window: the next example's window is a new one only once this is closed)
        window.ask_save_changes = lambda: "discard"
        window.close()
