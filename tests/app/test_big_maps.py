"""Big maps: flow items are made lane by lane as the view shows the lanes, and nothing is lost by it.

A map with more than EAGER_FLOWS flows starts with the flow items of the lanes
on screen only; scrolling, zooming, finding a flow, a picture of the map and
edits in lanes not shown yet must all behave as if every item were there.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from journeymapper.canvas.scene import EAGER_FLOWS
from journeymapper.canvas.snapshot import render_scene
from journeymapper.io import save
from journeymapper.model.schema import Flow, Persona, Touchpoint
from tests.benchmarks.bigmap import big_map


@pytest.fixture
def big_window(open_window, tmp_path):
    the_map = big_map(1200, 2400, 4, 6)
    assert len(the_map.flows) > EAGER_FLOWS
    path = tmp_path / "big.jmap"
    save(path, the_map)
    window = open_window(path)
    window.view().set_zoom(1.0)
    window.view().horizontalScrollBar().setValue(0)
    window.view().verticalScrollBar().setValue(0)
    return window


def in_items(scene, flow_id: str) -> bool:
    return flow_id in scene.flow_items


def flows_of_lane(scene, persona: str) -> list[str]:
    return [f for f, path in scene.layout.flows.items() if path.lane == persona]


def test_only_the_lanes_on_screen_have_flow_items_at_first(big_window):
    scene = big_window.editor.scene
    first, last = list(scene.layout.lanes)[0], list(scene.layout.lanes)[-1]
    assert all(in_items(scene, f) for f in flows_of_lane(scene, first))
    assert not any(in_items(scene, f) for f in flows_of_lane(scene, last))
    between = [f for f, path in scene.layout.flows.items() if path.lane is None]
    assert all(in_items(scene, f) for f in between), "flows between lanes always have items"


def test_scrolling_to_a_lane_makes_its_flows(big_window, qtbot):
    scene = big_window.editor.scene
    last = scene.layout.lanes[list(scene.layout.lanes)[-1]]
    big_window.view().centerOn(300, last.y + 200)
    qtbot.waitUntil(lambda: all(in_items(scene, f) for f in flows_of_lane(scene, last.id)))
    for flow_id in flows_of_lane(scene, last.id):
        assert scene.flow_items[flow_id].flow is scene.layout.flows[flow_id]


def test_zooming_out_shows_every_flow(big_window):
    scene = big_window.editor.scene
    big_window.view().zoom_fit()
    assert set(scene.flow_items) == set(scene.layout.flows)


def test_finding_a_flow_in_a_lane_not_shown_yet_makes_it(big_window):
    scene = big_window.editor.scene
    last = list(scene.layout.lanes)[-1]
    flow_id = flows_of_lane(scene, last)[0]
    item = scene.item_for(flow_id)
    assert item is not None and item.flow is scene.layout.flows[flow_id]
    scene.select_only([flow_id])
    assert scene.selected_ids() == [flow_id]


def test_a_picture_of_the_map_has_every_flow(big_window):
    scene = big_window.editor.scene
    render_scene(scene, 0.05)
    assert set(scene.flow_items) == set(scene.layout.flows)


def test_edits_in_a_lane_not_shown_yet_are_there_when_it_is_shown(big_window, qtbot):
    window = big_window
    scene, doc = window.editor.scene, window.editor.doc
    last = list(scene.layout.lanes)[-1]
    card = next(t for t in doc.touchpoints if t.persona == last)
    stages = [s.id for s in doc.stages]
    target = stages[(stages.index(card.stage) + 1) % len(stages)]
    window.editor.move_cards([(card.id, last, target, 0)])
    assert doc.get(card.id).stage == target
    window.view().centerOn(300, scene.layout.lanes[last].y + 200)
    qtbot.waitUntil(lambda: all(in_items(scene, f) for f in flows_of_lane(scene, last)))
    for flow_id in flows_of_lane(scene, last):
        assert scene.flow_items[flow_id].flow is scene.layout.flows[flow_id], "an item shows its current path"
    window.editor.stack.undo()
    scene.sync_if_dirty()
    for flow_id, item in scene.flow_items.items():
        assert item.flow is scene.layout.flows[flow_id]


def test_a_new_lane_on_screen_shows_the_flows_drawn_in_it(big_window):
    window = big_window
    scene, doc = window.editor.scene, window.editor.doc
    doc.add_persona(Persona(id="newp", name="New"), 0)
    stage = doc.stages[0].id
    doc.add_touchpoint(Touchpoint(id="na", persona="newp", stage=stage, title="A"))
    doc.add_touchpoint(Touchpoint(id="nb", persona="newp", stage=doc.stages[1].id, title="B"))
    doc.add_flow(Flow(id="nf", source="na", target="nb"))
    scene.sync_if_dirty()
    assert scene.layout.flows["nf"].lane == "newp"
    assert "nf" in scene.flow_items, "the new lane is at the top, on screen: its flow is drawn"
    visible = window.view().mapToScene(window.view().viewport().rect()).boundingRect()
    assert QRectF(scene.flow_items["nf"].sceneBoundingRect()).intersects(visible)
