"""Big maps: card and flow items are made part by part as views show the map, and nothing is lost by it.

A map with more than EAGER_ITEMS cards and flows starts with the items of the
parts of the lanes on screen only; scrolling, zooming, finding an element,
selecting all, a picture of the map and edits in parts not shown yet must all
behave as if every item were there.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt

from journeymapper.canvas.overview import OVERVIEW_ZOOM
from journeymapper.canvas.reveal import vertical_extent
from journeymapper.canvas.snapshot import render_scene
from journeymapper.model.schema import Flow, Persona, Touchpoint


def on_screen(window) -> QRectF:
    view = window.view()
    return view.mapToScene(view.viewport().rect()).boundingRect()


def card_rect(scene, card_id: str) -> QRectF:
    r = scene.layout.card_rect(card_id)
    return QRectF(r.x, r.y, r.w, r.h)


def flow_rect(scene, flow_id: str) -> QRectF:
    path = scene.layout.flows[flow_id]
    top, bottom = vertical_extent(path)
    lane_y = scene.layout.lanes[path.lane].y if path.lane is not None else 0.0
    xs = [x for segment in path.path for x in segment[0::2]]
    return QRectF(min(xs), lane_y + top, max(xs) - min(xs) + 1, bottom - top + 1)


def assert_everything_on_screen_is_drawn(window) -> None:
    scene, seen = window.editor.scene, on_screen(window)
    for card_id in scene.layout.cards:
        if card_rect(scene, card_id).intersects(seen):
            item = scene.card_items.get(card_id)
            assert item is not None, f"card {card_id} is on screen"
            assert item.box is scene.layout.cards[card_id]
    for flow_id in scene.layout.flows:
        if flow_rect(scene, flow_id).intersects(seen):
            item = scene.flow_items.get(flow_id)
            assert item is not None, f"flow {flow_id} is on screen"
            assert item.flow is scene.layout.flows[flow_id]


def test_only_what_is_on_screen_has_items_at_first(big_window):
    scene = big_window.editor.scene
    assert_everything_on_screen_is_drawn(big_window)
    last = list(scene.layout.lanes)[-1]
    assert not any(card.id in scene.card_items for card in scene.layout.cards_in_lane(last))
    assert len(scene.card_items) < len(scene.layout.cards) / 2
    between = [f for f, path in scene.layout.flows.items() if path.lane is None]
    assert all(f in scene.flow_items for f in between), "flows between lanes always have items"


def test_scrolling_makes_the_items_that_come_into_view(big_window, qtbot):
    scene = big_window.editor.scene
    last = scene.layout.lanes[list(scene.layout.lanes)[-1]]
    big_window.view().centerOn(500, last.y + last.height / 2)
    assert_everything_on_screen_is_drawn(big_window)


def test_zooming_out_shows_everything_without_making_every_item(big_window, qtbot):
    """Seen whole, a big map is drawn by its overview (every card and flow, as shapes); zooming back in
    makes the items of what is then on screen."""
    scene, view = big_window.editor.scene, big_window.view()
    made = len(scene.card_items)
    view.zoom_fit()
    assert view.zoom() < OVERVIEW_ZOOM
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(view.map_rect())
    assert len(scene.card_items) == made  # no item was made for the whole map
    boxes, bars, flows = scene.overview._shapes()
    assert boxes.elementCount() == 5 * len(scene.layout.cards)  # (a rectangle: five points)
    assert flows.elementCount() == sum(1 + 3 * len(p.path) for p in scene.layout.flows.values())
    last = scene.layout.lanes[list(scene.layout.lanes)[-1]]
    view.set_zoom(1.0)
    view.centerOn(500, last.y + last.height / 2)
    assert_everything_on_screen_is_drawn(big_window)


def test_finding_a_flow_not_shown_yet_makes_it(big_window):
    scene = big_window.editor.scene
    last = list(scene.layout.lanes)[-1]
    flow_id = next(f for f, path in scene.layout.flows.items() if path.lane == last)
    assert flow_id not in scene.flow_items
    item = scene.item_for(flow_id)
    assert item is not None and item.flow is scene.layout.flows[flow_id]
    scene.select_only([flow_id])
    assert scene.selected_ids() == [flow_id]


def test_a_picture_of_the_map_has_everything(big_window):
    scene = big_window.editor.scene
    render_scene(scene, 0.05)
    assert set(scene.flow_items) == set(scene.layout.flows)
    assert set(scene.card_items) == set(scene.layout.cards)


def test_edits_where_nobody_looked_are_there_when_shown(big_window, qtbot):
    window = big_window
    scene, doc = window.editor.scene, window.editor.doc
    last = list(scene.layout.lanes)[-1]
    card = next(t for t in reversed(doc.touchpoints) if t.persona == last)
    stages = [s.id for s in doc.stages]
    target = stages[(stages.index(card.stage) + 1) % len(stages)]
    window.editor.move_cards([(card.id, last, target, 0)])
    assert doc.get(card.id).stage == target
    window.view().centerOn(300, scene.layout.lanes[last].y + 200)
    assert_everything_on_screen_is_drawn(window)
    window.editor.stack.undo()
    scene.sync_if_dirty()
    assert_everything_on_screen_is_drawn(window)
    for flow_id, item in scene.flow_items.items():
        assert item.flow is scene.layout.flows[flow_id]
    for card_id, item in scene.card_items.items():
        assert item.box is scene.layout.cards[card_id]


def test_a_new_lane_on_screen_shows_the_flows_drawn_in_it(big_window):
    window = big_window
    scene, doc = window.editor.scene, window.editor.doc
    doc.add_persona(Persona(id="newp", name="New"), 0)
    doc.add_touchpoint(Touchpoint(id="na", persona="newp", stage=doc.stages[0].id, title="A"))
    doc.add_touchpoint(Touchpoint(id="nb", persona="newp", stage=doc.stages[1].id, title="B"))
    doc.add_flow(Flow(id="nf", source="na", target="nb"))
    scene.sync_if_dirty()
    assert scene.layout.flows["nf"].lane == "newp"
    assert {"na", "nb"} <= set(scene.card_items) and "nf" in scene.flow_items
    assert_everything_on_screen_is_drawn(window)


def test_a_card_asked_for_by_id_is_made_and_can_be_selected(big_window):
    window = big_window
    scene = window.editor.scene
    card_id = scene.layout.cards_in_lane(list(scene.layout.lanes)[-1])[5].id
    window.select_and_centre([card_id])
    assert scene.selected_ids() == [card_id]
    assert on_screen(window).intersects(scene.item_for(card_id).sceneBoundingRect())
    assert_everything_on_screen_is_drawn(window)


def test_select_all_selects_every_card_of_a_big_map(big_window, qtbot):
    window = big_window
    window.view().setFocus()
    qtbot.keyClick(window.view(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    scene = window.editor.scene
    assert set(scene.selected_ids()) >= set(scene.layout.cards)


def test_arrow_keys_walk_into_a_part_not_shown_yet(big_window, qtbot):
    window = big_window
    scene = window.editor.scene
    lanes = list(scene.layout.lanes)
    stage = next(iter(scene.layout.stages))
    window.select_and_centre([scene.layout.cards_in(lanes[0], stage)[-1].id])
    window.view().setFocus()
    qtbot.keyClick(window.view(), Qt.Key.Key_Down)
    (chosen,) = scene.selected_ids()
    assert scene.layout.cards[chosen].persona == lanes[1]
    assert chosen in scene.card_items
    assert_everything_on_screen_is_drawn(window)


def test_a_big_maps_check_runs_beside_the_editor_and_ends_with_the_last_edit(big_window, qtbot, monkeypatch):
    """A check of seconds must not hold up the next edit: on a big map it runs in a thread, on the
    map the edit left, and an edit made meanwhile is checked when it ends."""
    import threading

    import journeymapper.app.editor as editor_module
    import journeymapper.check as check_module

    monkeypatch.setattr(editor_module, "BIG_MAP", 100)  # (the same way as on a map of 10,000)
    real_check, threads = check_module.check_map, []

    def watched(*args, **kwargs):
        threads.append(threading.current_thread())
        return real_check(*args, **kwargs)

    monkeypatch.setattr(check_module, "check_map", watched)  # (the editor loads the checker when it first checks)
    editor = big_window.editor
    persona, stage = editor.doc.personas[0].id, editor.doc.stages[-1].id
    lonely = editor.add_touchpoint(persona, stage, title="A card nobody reaches", edit=False)
    qtbot.waitUntil(lambda: any(lonely in p.elements for p in editor.problems), timeout=20_000)
    later = editor.add_touchpoint(persona, stage, title="Another one", edit=False)
    editor.stack.undo()  # (both edits while the map may still be being checked)
    editor.stack.undo()
    qtbot.waitUntil(lambda: editor._checking is None and not editor._check_timer.isActive(), timeout=20_000)
    editor.wait_for_check()
    assert threads and all(thread is not threading.main_thread() for thread in threads)
    assert not {lonely, later} & {t.id for t in editor.doc.touchpoints}
    assert [str(p) for p in editor.problems] == [str(p) for p in real_check(editor.doc.map)]
