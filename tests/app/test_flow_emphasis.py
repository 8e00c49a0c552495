"""Following a flow on the canvas: a click a few pixels off a flow picks it, at any zoom; a selected
flow's two cards are outlined; the card under the mouse brings its flows in front; a label cut short
on the map shows in full in a tooltip, as typed."""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

from journeymapper.canvas.emphasis import PICK_PIXELS
from journeymapper.canvas.items import Z_FLOW, Z_FLOW_FRONT
from journeymapper.io import save
from tests.check.builders import fl, make_map, tp

LEFT, NO = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
LONG = "<b>Asks</b> whether the roses can be delivered before the dinner on Friday evening, twice"


def _window(open_window, tmp_path, zoom: float):
    cards = [tp("ad", "p1", "s1", title="Sees an ad"), tp("site", "p1", "s2", title="Opens the site"),
             tp("buy", "p1", "s3", title="Buys the roses"), tp("call", "p1", "s2", title="Calls the shop"),
             tp("visit", "p1", "s3", title="Visits the shop")]
    # f2 is the only flow of its two card sides: it runs level across its gap.
    flows = [fl("f1", "ad", "site", label=LONG), fl("f2", "site", "buy"), fl("f3", "ad", "call"),
             fl("f4", "call", "visit")]
    path = tmp_path / "roses.jmap"
    save(path, make_map(cards, flows, stages=("s1", "s2", "s3")))
    window = open_window(path)
    window.view().set_zoom(zoom)
    window.view().horizontalScrollBar().setValue(0)
    window.view().verticalScrollBar().setValue(0)
    QApplication.processEvents()
    window.editor.scene.sync_if_dirty()
    return window


def _middle_of(window, flow_id: str) -> tuple[QPointF, QPointF]:
    """A point in the middle of a flow (scene coordinates) and the unit normal to it there."""
    layout = window.editor.scene.layout
    path = layout.flows[flow_id]
    lane_y = layout.lanes[path.lane].y if path.lane else 0.0
    segment = path.path[len(path.path) // 2]
    a, b = segment.at(0.49), segment.at(0.51)
    length = math.hypot(b.x - a.x, b.y - a.y)
    middle = segment.at(0.5)
    return QPointF(middle.x, middle.y + lane_y), QPointF(-(b.y - a.y) / length, (b.x - a.x) / length)


def _click_off(qtbot, window, flow_id: str, pixels: float) -> None:
    """A click `pixels` on screen above the middle of a flow (it runs across a gap between columns,
    so above it there is no card)."""
    view = window.view()
    point, _ = _middle_of(window, flow_id)
    off = view.mapFromScene(point) + QPointF(0, -pixels).toPoint()
    qtbot.mouseClick(view.viewport(), LEFT, NO, off)


def test_a_click_a_few_pixels_off_a_flow_picks_it_at_any_zoom(qtbot, open_window, tmp_path):
    for zoom in (0.5, 1.0, 2.5):
        window = _window(open_window, tmp_path, zoom)
        _click_off(qtbot, window, "f2", PICK_PIXELS - 2)
        assert window.selected_ids() == ["f2"], zoom
        window.editor.scene.clearSelection()
        _click_off(qtbot, window, "f2", PICK_PIXELS * 3)  # too far: not the flow
        assert "f2" not in window.selected_ids(), zoom


def test_a_selected_flow_outlines_its_two_cards(qtbot, open_window, tmp_path):
    window = _window(open_window, tmp_path, 1.0)
    scene = window.editor.scene
    cards = scene.card_items
    scene.select_only(["f3"])
    assert {card_id for card_id, item in cards.items() if item.emphasised} == {"ad", "call"}
    scene.select_only(["f4"])
    assert {card_id for card_id, item in cards.items() if item.emphasised} == {"call", "visit"}
    scene.clearSelection()
    assert not any(item.emphasised for item in cards.values())


def test_the_card_under_the_mouse_brings_its_flows_in_front(qtbot, open_window, tmp_path):
    window = _window(open_window, tmp_path, 1.0)
    scene, view = window.editor.scene, window.view()
    rect = scene.card_items["call"].sceneBoundingRect()
    # (on a real display the pointer moves and its event comes a little later: wait for it)
    qtbot.mouseMove(view.viewport(), view.mapFromScene(rect.center()))

    def front() -> set[str]:
        return {flow_id for flow_id, item in scene.flow_items.items() if item.in_front}

    qtbot.waitUntil(lambda: front() == {"f3", "f4"}, timeout=2000)
    assert all(scene.flow_items[f].zValue() == Z_FLOW_FRONT for f in front())
    qtbot.mouseMove(view.viewport(), view.mapFromScene(QPointF(rect.center().x(), rect.bottom() + 200)))
    qtbot.waitUntil(lambda: not front(), timeout=2000)
    assert not any(item.in_front for item in scene.flow_items.values())
    assert all(item.zValue() == Z_FLOW for item in scene.flow_items.values())


def test_a_cut_label_shows_in_full_in_a_tooltip_as_typed(qtbot, open_window, tmp_path):
    window = _window(open_window, tmp_path, 1.0)
    item = window.editor.scene.flow_items["f1"]
    assert item.flow.full_label is not None  # cut on the map
    for tip in (item.toolTip(), item.label_item.toolTip()):
        assert "&lt;b&gt;Asks&lt;/b&gt;" in tip and "Friday evening, twice" in tip  # markup shown, not applied
    assert window.editor.scene.flow_items["f2"].toolTip() == ""


def test_a_selected_flow_that_changes_its_ends_outlines_its_new_cards(qtbot, open_window, tmp_path):
    window = _window(open_window, tmp_path, 1.0)
    scene = window.editor.scene
    scene.select_only(["f3"])
    window.editor.set_field("f3", "target", "visit")
    scene.sync_if_dirty()
    assert {card_id for card_id, item in scene.card_items.items() if item.emphasised} == {"ad", "visit"}


def test_a_double_click_a_few_pixels_off_a_flow_edits_it(qtbot, open_window, tmp_path):
    window = _window(open_window, tmp_path, 1.0)
    asked = []
    window.editor.scene.editRequested.connect(asked.append)
    added = []
    window.editor.scene.addCardRequested.connect(lambda *args: added.append(args))
    view = window.view()
    point, _ = _middle_of(window, "f2")
    off = view.mapFromScene(point) + QPointF(0, -(PICK_PIXELS - 2)).toPoint()
    qtbot.mouseDClick(view.viewport(), LEFT, NO, off)
    assert asked == ["f2"] and added == []


def test_cards_shown_later_on_a_big_map_take_the_outline_of_a_selected_flow(qtbot):
    from PySide6.QtWidgets import QGraphicsView

    from journeymapper.canvas.scene import MapScene
    from journeymapper.model.document import Document
    from tests.benchmarks.bigmap import big_map

    scene = MapScene(Document(big_map(1600, 1700, 5, 10)))
    view = QGraphicsView(scene)
    qtbot.addWidget(view)
    assert scene.makes_items_in_parts
    between = [f for f, path in scene.layout.flows.items()
               if path.lane is None and f in scene.flow_items
               and path.source not in scene.card_items and path.target not in scene.card_items]
    assert between, "the map has a flow between lanes whose cards have no items yet"
    flow = scene.layout.flows[between[0]]
    scene.flow_items[flow.id].setSelected(True)
    scene.reveal(None)  # everything comes into view
    assert scene.card_items[flow.source].emphasised and scene.card_items[flow.target].emphasised


def test_a_flow_under_the_mouse_comes_forward_and_a_click_there_picks_it(qtbot, open_window, tmp_path):
    """A flow is a thin line: near it (within PICK_PIXELS on screen), it is drawn in front in the selection
    colour and the pointer becomes a hand, so a person sees what a click will pick."""
    from .test_gestures import flow_point

    window = _window(open_window, tmp_path, 1.0)
    scene, view = window.editor.scene, window.view()
    flow = scene.flow_items["f3"]
    on_line = view.mapFromScene(flow_point(window, "f3"))
    near = on_line + QPoint(0, 3)  # (a few pixels off the line: where a person's click lands)
    far = on_line + QPoint(0, int(PICK_PIXELS) * 4)
    qtbot.mouseMove(view.viewport(), far)  # (from elsewhere: the pointer may be where an earlier test left it)
    qtbot.mouseMove(view.viewport(), near)
    qtbot.waitUntil(lambda: flow.in_front, timeout=2000)
    assert view.viewport().cursor().shape() == Qt.CursorShape.PointingHandCursor
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, near)
    assert window.selected_ids() == ["f3"]
    qtbot.mouseMove(view.viewport(), far)
    qtbot.waitUntil(lambda: view.viewport().cursor().shape() != Qt.CursorShape.PointingHandCursor, timeout=2000)
