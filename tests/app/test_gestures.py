"""Every mouse gesture on the canvas, with real events on the viewport, checked on the Document.

Each gesture is one undo step: undoing it gives back the exact `model_dump()` from before.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from journeymapper.canvas.items import CardItem, FlowItem, LaneItem, StageHeaderItem
from journeymapper.layout.map_layout import layout_map
from journeymapper.resources import example_map_path

from .conftest import drag

NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


# -- helpers ------------------------------------------------------------------------------------------
def dump(window) -> dict:
    return window.document().map.model_dump()


def layout_of(window):
    window.editor.scene.sync_if_dirty()
    return window.editor.scene.layout


def settle(qtbot) -> None:
    """Give deferred work a turn: the scene's zero-timer sync, deleteLater() of an inline edit."""
    qtbot.wait(1)


def open_fitted(open_window, path=None, template=None):
    """A shown window on a map, zoomed to fit so every point of the map is on the viewport."""
    window = open_window(path, template=template)
    window.view().zoom_fit()
    QApplication.processEvents()
    return window


def card_rect(window, card_id: str) -> QRectF:
    """A card's body (without the handle) in scene coordinates."""
    item = window.item_for(card_id)
    r = item.box.rect
    return item.mapRectToScene(QRectF(0, 0, r.w, r.h))


def card_center(window, card_id: str) -> QPointF:
    return card_rect(window, card_id).center()


def handle_point(window, card_id: str) -> QPointF:
    item = window.item_for(card_id)
    return item.mapToScene(item.handle_center())


def cell_rect(window, persona: str, stage: str) -> QRectF:
    """A cards cell in scene coordinates."""
    layout = layout_of(window)
    r = layout.cells[(persona, stage)].rect
    return QRectF(r.x, layout.lanes[persona].y + r.y, r.w, r.h)


def empty_spot(window, persona: str, stage: str) -> QPointF:
    """A point in a cell below its cards (no card, no flow there in the example's first two stages)."""
    r = cell_rect(window, persona, stage)
    return QPointF(r.left() + 6, r.bottom() - 6)


def stage_header_center(window, stage: str) -> QPointF:
    h = layout_of(window).stages[stage].header
    return QPointF(h.x + h.w / 2, h.y + h.h / 2)


def lane_header_point(window, persona: str) -> QPointF:
    lane = layout_of(window).lanes[persona]
    return QPointF(50, lane.y + 30)


def vp(window, scene_point: QPointF) -> QPoint:
    return window.view().mapFromScene(scene_point)


def click(qtbot, window, scene_point: QPointF, modifier=NO) -> None:
    qtbot.mouseClick(window.view().viewport(), LEFT, modifier, vp(window, scene_point))


def double_click(qtbot, window, scene_point: QPointF) -> None:
    qtbot.mouseDClick(window.view().viewport(), LEFT, NO, vp(window, scene_point))


def inline_edit(window) -> QLineEdit | None:
    for edit in window.view().viewport().findChildren(QLineEdit, "inline-edit"):
        if edit.isVisible():
            return edit
    return None


def cell_ids(window, persona: str, stage: str) -> list[str]:
    return [t.id for t in window.document().touchpoints_in(persona, stage)]


def selected_cards(window) -> set[str]:
    cards = {t.id for t in window.document().touchpoints}
    return {i for i in window.selected_ids() if i in cards}


def assert_canvas_in_step(window) -> None:
    """The scene shows exactly the document, each item where a fresh layout of the document puts it."""
    doc = window.document()
    scene = window.editor.scene
    scene.sync_if_dirty()
    fresh = layout_map(doc.map, scene.style)
    shown = {getattr(i, "element_id", None) for i in scene.items() if isinstance(i, (CardItem, FlowItem))}
    assert shown == {t.id for t in doc.touchpoints} | {f.id for f in doc.flows}
    for stage in doc.stages:
        header = fresh.stages[stage.id].header
        assert window.item_for(stage.id).scenePos() == QPointF(header.x, header.y), stage.id
    for persona in doc.personas:
        assert window.item_for(persona.id).scenePos() == QPointF(0, fresh.lanes[persona.id].y), persona.id
    for card in doc.touchpoints:
        r = fresh.card_rect(card.id)
        item = window.item_for(card.id)
        assert item.scenePos() == QPointF(r.x, r.y), card.id
        assert item.parentItem() is window.item_for(card.persona), card.id
    for flow in doc.flows:
        item, path = window.item_for(flow.id), fresh.flows[flow.id]
        assert (item.flow.kind, item.flow.lane, item.flow.path) == (path.kind, path.lane, path.path), flow.id
        assert item.parentItem() is (window.item_for(path.lane) if path.lane else None), flow.id


def assert_one_step_undoes_to(window, before: dict) -> None:
    stack = window.undo_stack()
    assert stack.count() == 1, [stack.text(i) for i in range(stack.count())]
    after = dump(window)
    assert after != before
    assert_canvas_in_step(window)
    stack.undo()
    assert dump(window) == before
    assert_canvas_in_step(window)
    stack.redo()
    assert dump(window) == after
    assert_canvas_in_step(window)
    stack.undo()


# -- dragging cards ---------------------------------------------------------------------------------------
def test_drag_card_within_its_cell_reorders_it(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    p, s = "p-parent", "s-consideration"
    assert cell_ids(window, p, s) == ["t-parent-gallery", "t-parent-reviews", "t-parent-tasting"]
    # drop the first card between the second and third (below the second's middle, above the third's)
    reviews, tasting = card_rect(window, "t-parent-reviews"), card_rect(window, "t-parent-tasting")
    end = QPointF(reviews.center().x(), (reviews.bottom() + tasting.top()) / 2)
    drag(qtbot, window, card_center(window, "t-parent-gallery"), end)
    assert cell_ids(window, p, s) == ["t-parent-reviews", "t-parent-gallery", "t-parent-tasting"]
    card = window.document().get("t-parent-gallery")
    assert (card.persona, card.stage) == (p, s)
    assert window.undo_stack().text(0) == "Move Touchpoint"
    assert_one_step_undoes_to(window, before)


def test_drag_card_to_the_top_of_its_cell(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    p, s = "p-office", "s-awareness"
    first = cell_ids(window, p, s)
    top = cell_rect(window, p, s).top() + 4
    drag(qtbot, window, card_center(window, first[-1]), QPointF(card_center(window, first[0]).x(), top))
    assert cell_ids(window, p, s) == [first[-1], *first[:-1]]
    assert_one_step_undoes_to(window, before)


def test_drag_card_into_another_cell_changes_stage_and_persona(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    target = cell_ids(window, "p-office", "s-purchase")
    # between the office's two purchase cards
    a, b = card_rect(window, target[0]), card_rect(window, target[1])
    end = QPointF(a.center().x(), (a.bottom() + b.top()) / 2)
    drag(qtbot, window, card_center(window, "t-parent-instagram"), end)
    card = window.document().get("t-parent-instagram")
    assert (card.persona, card.stage) == ("p-office", "s-purchase")
    assert cell_ids(window, "p-office", "s-purchase") == [target[0], "t-parent-instagram", target[1]]
    assert "t-parent-instagram" not in cell_ids(window, "p-parent", "s-awareness")
    # the flows of the card go with it
    assert any(f.source == "t-parent-instagram" for f in window.document().flows)
    assert_one_step_undoes_to(window, before)


def test_short_press_on_a_card_moves_nothing(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    start = card_center(window, "t-parent-gallery")
    drag(qtbot, window, start, start + QPointF(2, 1))
    assert dump(window) == before
    assert window.undo_stack().count() == 0
    assert window.selected_ids() == ["t-parent-gallery"]


def test_drag_card_back_onto_its_own_place_changes_nothing(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    gallery, reviews = card_rect(window, "t-parent-gallery"), card_rect(window, "t-parent-reviews")
    # a real drag (well past the start distance) that ends above the next card's middle: the same slot
    end = QPointF(gallery.center().x() + 60, reviews.center().y() - 8)
    drag(qtbot, window, gallery.center(), end)
    assert dump(window) == before
    assert window.undo_stack().count() == 0
    assert_canvas_in_step(window)


def test_drag_card_outside_the_cells_changes_nothing(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    drag(qtbot, window, card_center(window, "t-parent-gallery"), stage_header_center(window, "s-pickup"))
    assert dump(window) == before
    assert window.undo_stack().count() == 0
    # and the card is back where the layout puts it
    item = window.item_for("t-parent-gallery")
    assert (item.pos().x(), item.pos().y()) == (item.box.rect.x, item.box.rect.y)


# -- dragging headers ---------------------------------------------------------------------------------------
def test_drag_stage_header_reorders_columns(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    order = [s.id for s in window.document().stages]
    layout = layout_of(window)
    # awareness (first) dropped on the boundary after purchase (third): it becomes the third column
    boundary = layout.style.lane_header_width + 3 * layout.style.column_width
    start = stage_header_center(window, "s-awareness")
    drag(qtbot, window, start, QPointF(boundary - 5, start.y()))
    assert [s.id for s in window.document().stages] == [order[1], order[2], order[0], order[3], order[4]]
    assert window.undo_stack().text(0) == "Move Stage"
    assert_one_step_undoes_to(window, before)


def test_drag_stage_header_to_the_left(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    order = [s.id for s in window.document().stages]
    layout = layout_of(window)
    start = stage_header_center(window, "s-loyalty")
    drag(qtbot, window, start, QPointF(layout.style.lane_header_width + 8, start.y()))
    assert [s.id for s in window.document().stages] == [order[4], *order[:4]]
    assert_one_step_undoes_to(window, before)


def test_drag_lane_header_reorders_lanes(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    layout = layout_of(window)
    office = layout.lanes["p-office"]
    start = lane_header_point(window, "p-parent")
    drag(qtbot, window, start, QPointF(start.x(), office.y + office.height * 0.8))
    assert [p.id for p in window.document().personas] == ["p-office", "p-parent"]
    assert window.undo_stack().text(0) == "Move Persona"
    assert_one_step_undoes_to(window, before)


def test_drag_lane_header_up(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    layout = layout_of(window)
    parent = layout.lanes["p-parent"]
    start = lane_header_point(window, "p-office")
    drag(qtbot, window, start, QPointF(start.x(), parent.y + 10))
    assert [p.id for p in window.document().personas] == ["p-office", "p-parent"]
    assert_one_step_undoes_to(window, before)


def test_drag_header_back_onto_its_place_changes_nothing(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    start = stage_header_center(window, "s-purchase")
    drag(qtbot, window, start, start + QPointF(40, 0))
    assert dump(window) == before
    assert window.undo_stack().count() == 0


_CRASH_CHILD = r"""
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QPoint, QPointF, QStandardPaths, Qt
QStandardPaths.setTestModeEnabled(True)
from PySide6.QtTest import QTest
from journeymapper import gui
from journeymapper.resources import example_map_path

window = gui.open_window(example_map_path())
window.ask_save_changes = lambda: "discard"
window.resize(1400, 900)
window.show()
QTest.qWaitForWindowExposed(window)
view = window.view()
view.zoom_fit()
layout = window.editor.scene.layout
header = layout.stages["s-loyalty"].header
a = view.mapFromScene(QPointF(header.x + header.w / 2, header.h / 2))
b = view.mapFromScene(QPointF(layout.style.lane_header_width + 8, header.h / 2))
viewport = view.viewport()
QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
for k in range(1, 7):
    QTest.mouseMove(viewport, QPoint(a.x() + (b.x() - a.x()) * k // 6, a.y() + (b.y() - a.y()) * k // 6))
QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
assert window.document().stages[0].id == "s-loyalty", "the drag did not move the column"
print("dragged", flush=True)
window.editor.scene.select_only(["t-office-chat"])
window.delete_selected()  # what the Delete key does
assert "t-office-chat" not in window.document()
print("survived", flush=True)
"""


def test_pushing_after_a_column_drag_does_not_crash():
    """Drag a column, then delete a card. In a child process: this once segfaulted (MoveElement hid
    QUndoCommand.id(), which the stack calls on the next push), and a crash must not end the test run."""
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", _CRASH_CHILD], cwd=root, env=env, capture_output=True,
                            text=True, timeout=120)
    assert "dragged" in result.stdout, result.stderr[-3000:]  # the set-up itself worked
    assert result.returncode == 0, f"exit code {result.returncode}: {result.stderr[-3000:]}"
    assert "survived" in result.stdout


# -- drawing flows ----------------------------------------------------------------------------------------
def test_drag_from_handle_to_a_later_card_draws_a_next_flow(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    count = len(window.document().flows)
    drag(qtbot, window, handle_point(window, "t-parent-instagram"), card_center(window, "t-parent-reviews"))
    flows = window.document().flows
    assert len(flows) == count + 1
    new = flows[-1]
    assert (new.source, new.target, new.kind) == ("t-parent-instagram", "t-parent-reviews", "next")
    assert window.undo_stack().text(0) == "Add Flow"
    # the cards did not move
    assert [t.model_dump() for t in window.document().touchpoints] == \
        [before_t for before_t in before["touchpoints"]]
    assert_one_step_undoes_to(window, before)


def test_drag_from_handle_to_an_earlier_card_draws_a_loop(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    drag(qtbot, window, handle_point(window, "t-parent-checkout"), card_center(window, "t-parent-gallery"))
    new = window.document().flows[-1]
    assert (new.source, new.target, new.kind) == ("t-parent-checkout", "t-parent-gallery", "loop")
    assert_one_step_undoes_to(window, before)


def test_flow_between_lanes(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    start, end = handle_point(window, "t-office-colleague"), card_center(window, "t-parent-order-form")
    drag(qtbot, window, start, end)
    new = window.document().flows[-1]
    assert (new.source, new.target, new.kind) == ("t-office-colleague", "t-parent-order-form", "next")
    assert window.item_for(new.id) is not None
    assert_one_step_undoes_to(window, before)


def flow_point(window, flow_id: str) -> QPointF:
    """A point on a flow's path (scene coordinates) where the flow is the topmost element."""
    layout = layout_of(window)
    path = layout.flows[flow_id]
    lane_y = layout.lanes[path.lane].y if path.lane else 0.0
    scene = window.editor.scene
    for segment in path.path:
        for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.2, 0.8, 0.15):
            p = segment.at(t)
            # Where the click will really land: the nearest viewport pixel, back in the scene.
            point = window.view().mapToScene(window.view().mapFromScene(QPointF(p.x, p.y + lane_y)))
            # The view picks what is under a one-pixel square, so look at a slightly larger one.
            pixel = 2 / window.view().transform().m11()
            area = QRectF(point.x() - pixel, point.y() - pixel, 2 * pixel, 2 * pixel)
            top = next((i for i in scene.items(area) if isinstance(i, (CardItem, FlowItem, LaneItem,
                                                                         StageHeaderItem))), None)
            if isinstance(top, FlowItem) and top.element_id == flow_id:
                return point
    raise AssertionError(f"no free point on {flow_id}")


def test_click_selects_a_flow_and_delete_removes_only_it(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    click(qtbot, window, flow_point(window, "f-14"))
    assert window.selected_ids() == ["f-14"]
    qtbot.keyClick(window.view(), Qt.Key.Key_Delete)
    assert "f-14" not in window.document()
    assert len(window.document().flows) == 26 and len(window.document().touchpoints) == 25
    assert window.undo_stack().text(0) == "Delete Flow"
    assert_one_step_undoes_to(window, before)


def test_double_click_flow_edits_its_label(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    double_click(qtbot, window, flow_point(window, "f-14"))
    edit = inline_edit(window)
    assert edit is not None
    qtbot.keyClicks(edit, "deposit")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    settle(qtbot)
    assert window.document().get("f-14").label == "deposit"
    assert window.undo_stack().text(0) == "Change Flow Label"
    assert_one_step_undoes_to(window, before)


def test_flow_dropped_on_nothing_or_on_itself_adds_nothing(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    start = handle_point(window, "t-parent-instagram")
    drag(qtbot, window, start, empty_spot(window, "p-parent", "s-consideration"))
    drag(qtbot, window, handle_point(window, "t-parent-instagram"), card_center(window, "t-parent-instagram"))
    assert dump(window) == before
    assert window.undo_stack().count() == 0


def test_flow_that_already_exists_is_not_added_twice(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    # f-01 already links instagram to gallery
    drag(qtbot, window, handle_point(window, "t-parent-instagram"), card_center(window, "t-parent-gallery"))
    assert dump(window) == before
    assert window.undo_stack().count() == 0


# -- double-click: add and rename in place ------------------------------------------------------------------
def test_double_click_empty_cell_adds_touchpoint_and_edits_its_title(qtbot, open_window):
    window = open_fitted(open_window, template="four-steps")
    doc = window.document()
    persona, stage = doc.personas[0].id, doc.stages[2].id
    before = dump(window)
    double_click(qtbot, window, cell_rect(window, persona, stage).center())
    assert len(doc.touchpoints) == 1
    card = doc.touchpoints[0]
    assert (card.persona, card.stage) == (persona, stage)
    assert window.undo_stack().count() == 1
    after_add = dump(window)
    edit = inline_edit(window)
    assert edit is not None
    assert edit.text() == card.title and edit.hasSelectedText()
    qtbot.keyClicks(edit, "Asks a friend")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    settle(qtbot)
    assert doc.get(card.id).title == "Asks a friend"
    assert inline_edit(window) is None
    assert window.undo_stack().count() == 2
    window.undo_stack().undo()
    assert dump(window) == after_add
    window.undo_stack().undo()
    assert dump(window) == before


def test_double_click_below_the_cards_of_a_cell_adds_at_its_end(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    cell = cell_ids(window, "p-office", "s-consideration")
    double_click(qtbot, window, empty_spot(window, "p-office", "s-consideration"))
    now = cell_ids(window, "p-office", "s-consideration")
    assert now[:-1] == cell and len(now) == len(cell) + 1
    edit = inline_edit(window)
    assert edit is not None
    qtbot.keyClick(edit, Qt.Key.Key_Escape)  # keep the default title
    settle(qtbot)
    assert inline_edit(window) is None
    assert window.document().get(now[-1]).title == "New touchpoint"
    assert_one_step_undoes_to(window, before)


def test_double_click_above_the_first_card_adds_at_the_top(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    cell = cell_ids(window, "p-parent", "s-pickup")
    top = card_rect(window, cell[0]).top()
    double_click(qtbot, window, QPointF(card_center(window, cell[0]).x(), top - 5))
    now = cell_ids(window, "p-parent", "s-pickup")
    assert now[1:] == cell and len(now) == len(cell) + 1
    qtbot.keyClick(inline_edit(window), Qt.Key.Key_Escape)
    settle(qtbot)
    assert_one_step_undoes_to(window, before)


def test_double_click_card_renames_it_in_place(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    double_click(qtbot, window, card_center(window, "t-parent-reviews"))
    edit = inline_edit(window)
    assert edit is not None
    assert edit.text() == "Reads Google reviews about birthday cakes"
    edit.selectAll()
    qtbot.keyClicks(edit, "Reads reviews")
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)  # typing keys stay in the field: no card is deleted
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    settle(qtbot)
    assert window.document().get("t-parent-reviews").title == "Reads review"
    assert window.undo_stack().text(0) == "Change Touchpoint Title"
    assert_one_step_undoes_to(window, before)


def test_escape_cancels_rename_in_place(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    double_click(qtbot, window, card_center(window, "t-parent-reviews"))
    edit = inline_edit(window)
    assert edit is not None
    qtbot.keyClicks(edit, "Something else")
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    settle(qtbot)
    assert inline_edit(window) is None
    assert dump(window) == before
    assert window.undo_stack().count() == 0
    assert window.view().hasFocus()


def test_clicking_away_commits_the_rename(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    double_click(qtbot, window, card_center(window, "t-parent-reviews"))
    edit = inline_edit(window)
    edit.selectAll()
    qtbot.keyClicks(edit, "Reads reviews")
    click(qtbot, window, empty_spot(window, "p-office", "s-awareness"))
    settle(qtbot)
    assert inline_edit(window) is None
    assert window.document().get("t-parent-reviews").title == "Reads reviews"
    assert_one_step_undoes_to(window, before)


def test_double_click_stage_header_renames_the_stage(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    double_click(qtbot, window, stage_header_center(window, "s-pickup"))
    edit = inline_edit(window)
    assert edit is not None and edit.text() == "Pick-up & delivery"
    edit.selectAll()
    qtbot.keyClicks(edit, "Collection")
    qtbot.keyClick(edit, Qt.Key.Key_Enter)
    settle(qtbot)
    assert window.document().get("s-pickup").name == "Collection"
    assert_one_step_undoes_to(window, before)


def test_double_click_lane_header_renames_the_persona(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    double_click(qtbot, window, lane_header_point(window, "p-office"))
    edit = inline_edit(window)
    assert edit is not None and edit.text() == "Office manager"
    edit.selectAll()
    qtbot.keyClicks(edit, "Office lead")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    settle(qtbot)
    assert window.document().get("p-office").name == "Office lead"
    assert_one_step_undoes_to(window, before)


# -- selection -------------------------------------------------------------------------------------------
def test_rubber_band_selects_the_cards_it_crosses(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    cell = cell_rect(window, "p-parent", "s-awareness")
    start = empty_spot(window, "p-parent", "s-awareness")
    end = QPointF(cell.center().x(), cell.top() + 4)
    drag(qtbot, window, start, end)
    assert selected_cards(window) == {"t-parent-instagram", "t-parent-school-fair"}
    assert dump(window) == before
    assert window.undo_stack().count() == 0


def test_rubber_band_across_cells(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    start = empty_spot(window, "p-parent", "s-awareness")
    top = cell_rect(window, "p-parent", "s-awareness").top()
    end = QPointF(card_rect(window, "t-parent-gallery").left() + 10, top + 4)
    drag(qtbot, window, start, end)
    assert selected_cards(window) == {"t-parent-instagram", "t-parent-school-fair", "t-parent-gallery",
                                      "t-parent-reviews",
                        "t-parent-tasting"}


def test_click_selects_and_ctrl_click_adds_and_removes(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    click(qtbot, window, card_center(window, "t-parent-gallery"))
    assert window.selected_ids() == ["t-parent-gallery"]
    click(qtbot, window, card_center(window, "t-office-chat"), CTRL)
    assert set(window.selected_ids()) == {"t-parent-gallery", "t-office-chat"}
    click(qtbot, window, card_center(window, "t-parent-reviews"), Qt.KeyboardModifier.ShiftModifier)
    assert set(window.selected_ids()) == {"t-parent-gallery", "t-office-chat", "t-parent-reviews"}
    click(qtbot, window, card_center(window, "t-office-chat"), CTRL)
    assert set(window.selected_ids()) == {"t-parent-gallery", "t-parent-reviews"}
    click(qtbot, window, card_center(window, "t-office-search"))
    assert window.selected_ids() == ["t-office-search"]
    # a click on an empty spot clears the selection
    click(qtbot, window, empty_spot(window, "p-office", "s-awareness"))
    assert window.selected_ids() == []
    assert window.undo_stack().count() == 0


def test_ctrl_rubber_band_adds_to_the_selection(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    click(qtbot, window, card_center(window, "t-office-chat"))
    cell = cell_rect(window, "p-parent", "s-awareness")
    start = empty_spot(window, "p-parent", "s-awareness")
    drag(qtbot, window, start, QPointF(cell.center().x(), cell.top() + 4), CTRL)
    assert selected_cards(window) == {"t-office-chat", "t-parent-instagram", "t-parent-school-fair"}


def test_drag_several_selected_cards_at_once_is_one_step(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    click(qtbot, window, card_center(window, "t-parent-instagram"))
    click(qtbot, window, card_center(window, "t-parent-reviews"), CTRL)
    click(qtbot, window, card_center(window, "t-office-search"), CTRL)
    assert set(window.selected_ids()) == {"t-parent-instagram", "t-parent-reviews", "t-office-search"}
    target = cell_ids(window, "p-office", "s-pickup")
    drag(qtbot, window, card_center(window, "t-parent-reviews"), empty_spot(window, "p-office", "s-pickup"))
    doc = window.document()
    for card_id in ("t-parent-instagram", "t-parent-reviews", "t-office-search"):
        assert (doc.get(card_id).persona, doc.get(card_id).stage) == ("p-office", "s-pickup"), card_id
    now = cell_ids(window, "p-office", "s-pickup")
    assert now[: len(target)] == target
    assert set(now[len(target):]) == {"t-parent-instagram", "t-parent-reviews", "t-office-search"}
    assert window.undo_stack().text(0) == "Move 3 Touchpoints"
    assert_one_step_undoes_to(window, before)


def test_dragged_cards_keep_their_order_on_the_map(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    # first put the gallery card below the reviews card...
    start = card_center(window, "t-parent-gallery")
    drag(qtbot, window, start, empty_spot(window, "p-parent", "s-consideration"))
    assert cell_ids(window, "p-parent", "s-consideration") == ["t-parent-reviews", "t-parent-tasting",
                                                               "t-parent-gallery"]
    before = dump(window)
    # ...then drag both together: they land in the order they had, reviews above gallery
    click(qtbot, window, card_center(window, "t-parent-gallery"))
    click(qtbot, window, card_center(window, "t-parent-reviews"), CTRL)
    start = card_center(window, "t-parent-gallery")
    drag(qtbot, window, start, empty_spot(window, "p-office", "s-awareness"))
    assert cell_ids(window, "p-office", "s-awareness")[-2:] == ["t-parent-reviews", "t-parent-gallery"]
    stack = window.undo_stack()
    assert stack.count() == 2
    stack.undo()
    assert dump(window) == before


def test_rubber_band_then_drag_moves_the_band_selection(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    cell = cell_rect(window, "p-parent", "s-awareness")
    band_start = empty_spot(window, "p-parent", "s-awareness")
    drag(qtbot, window, band_start, QPointF(cell.center().x(), cell.top() + 4))
    start = card_center(window, "t-parent-instagram")
    drag(qtbot, window, start, empty_spot(window, "p-parent", "s-consideration"))
    assert cell_ids(window, "p-parent", "s-awareness") == []
    moved = cell_ids(window, "p-parent", "s-consideration")[-2:]
    assert moved == ["t-parent-instagram", "t-parent-school-fair"]
    assert_one_step_undoes_to(window, before)


# -- delete ----------------------------------------------------------------------------------------------
def test_delete_key_removes_the_selected_card_and_its_flows(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    click(qtbot, window, card_center(window, "t-parent-gallery"))
    qtbot.keyClick(window.view(), Qt.Key.Key_Delete)
    doc = window.document()
    assert "t-parent-gallery" not in doc
    assert not [f for f in doc.flows if "t-parent-gallery" in (f.source, f.target)]
    assert len(doc.flows) == 27 - 3
    assert window.item_for("t-parent-gallery") is None
    assert window.undo_stack().text(0) == "Delete Touchpoint"
    assert_one_step_undoes_to(window, before)
    assert window.item_for("t-parent-gallery") is not None


def test_delete_selected_stage_header_removes_stage_cards_and_flows_in_one_step(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    click(qtbot, window, stage_header_center(window, "s-consideration"))
    assert window.selected_ids() == ["s-consideration"]
    qtbot.keyClick(window.view(), Qt.Key.Key_Delete)
    doc = window.document()
    assert "s-consideration" not in doc
    assert not [t for t in doc.touchpoints if t.stage == "s-consideration"]
    assert len(doc.touchpoints) == 25 - 6
    gone = {t["id"] for t in before["touchpoints"] if t["stage"] == "s-consideration"}
    assert not [f for f in doc.flows if f.source in gone or f.target in gone]
    assert window.undo_stack().count() == 1
    assert window.undo_stack().text(0) == "Delete Stage"
    window.undo_stack().undo()
    assert dump(window) == before
    # the canvas shows it all again
    assert window.item_for("s-consideration") is not None
    assert all(window.item_for(t.id) is not None for t in window.document().touchpoints)
    assert all(window.item_for(f.id) is not None for f in window.document().flows)


def test_backspace_deletes_a_selected_lane(qtbot, open_window):
    window = open_fitted(open_window, example_map_path())
    before = dump(window)
    click(qtbot, window, lane_header_point(window, "p-office"))
    assert window.selected_ids() == ["p-office"]
    qtbot.keyClick(window.view(), Qt.Key.Key_Backspace)
    doc = window.document()
    assert [p.id for p in doc.personas] == ["p-parent"]
    assert all(t.persona == "p-parent" for t in doc.touchpoints)
    assert_one_step_undoes_to(window, before)
