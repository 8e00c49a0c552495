"""File > Compare Current and Future State…: each persona's feelings today and in the plan on one chart,
the cards the plan adds, removes and changes (clicking one selects it in the window whose map has it),
and a warning when the plan was not made from the map it is compared with."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import Qt

from journeymapper import gui
from journeymapper.io import load_path, save
from journeymapper.io.templates import map_from_template
from journeymapper.layout.emotion_compare import stage_feelings
from journeymapper.model.document import Document
from journeymapper.model.future_state import make_future_state
from journeymapper.model.schema import Touchpoint

NOW = datetime(2026, 12, 7, tzinfo=timezone.utc)


@pytest.fixture
def plan_file(example_copy, tmp_path):
    """The example's plan: three cards feel better, one is gone, one is new. (path, changed, removed, added)"""
    today = load_path(example_copy).map
    doc = Document(make_future_state(today, NOW))
    changed = [t.id for t in doc.touchpoints if t.emotion is not None and t.emotion < 2][:3]
    for card_id in changed:
        doc.set_field(card_id, "emotion", 2)
    removed = doc.touchpoints[-1].id
    doc.remove_touchpoint(removed, cascade=True)
    doc.add_touchpoint(Touchpoint(id="c-whatsapp", persona=doc.personas[0].id, stage=doc.stages[1].id,
                                  title="Orders on WhatsApp", emotion=1))
    path = tmp_path / "plan.jmap"
    save(path, doc.map)
    return path, changed, removed, "c-whatsapp"


def _compare(qtbot, window, other):
    window.ask_compare_file = lambda: str(other)
    window.actions_by_name["compare_states"].trigger()
    view = window.compare_view
    assert view is not None
    qtbot.waitExposed(view)
    return view


def _click(qtbot, view, card_id):
    item = view.item_for(card_id)
    assert item is not None, card_id
    view.cards.scrollToItem(item)
    qtbot.mouseClick(view.cards.viewport(), Qt.MouseButton.LeftButton, pos=view.cards.visualItemRect(item).center())


def test_both_curves_of_each_persona_are_on_one_chart(qtbot, open_window, example_copy, plan_file):
    path, changed, _removed, _added = plan_file
    window = open_window(path)
    view = _compare(qtbot, window, example_copy)
    today, plan = load_path(example_copy).map, window.document().map
    assert not view.warning.isVisible()
    assert [c.persona_id for c in view.charts] == [p.id for p in plan.personas]
    for widget in view.charts:
        chart = widget.chart()
        dashed, solid = chart.lines
        assert (dashed.side, dashed.dashed, solid.side, solid.dashed) == ("current", True, "future", False)
        assert {s: v for s, _, v in dashed.points} == stage_feelings(today, widget.persona_id)
        assert {s: v for s, _, v in solid.points} == stage_feelings(plan, widget.persona_id)
    card = next(t for t in plan.touchpoints if t.id == changed[0])
    [chart] = [w.chart() for w in view.charts if w.persona_id == card.persona]
    before = {s: p.y for s, p, _ in chart.lines[0].points}
    after = {s: p.y for s, p, _ in chart.lines[1].points}
    assert after[card.stage] < before[card.stage]  # (it feels better in the plan: higher up)
    assert [e.text.lines[0] for e in chart.legend] == ["Today (current state)", "Planned (future state)"]


def test_the_card_list_says_what_was_added_removed_and_changed(qtbot, open_window, example_copy, plan_file):
    path, changed, removed, added = plan_file
    window = open_window(path)
    view = _compare(qtbot, window, example_copy)
    kinds = {c.card_id: c.kind for c in view.changes}
    assert kinds == {added: "added", removed: "removed", **{card_id: "changed" for card_id in changed}}
    rows = [view.cards.topLevelItem(k).text(0) for k in range(view.cards.topLevelItemCount())]
    assert rows[0] == "Added in the plan (1)" and rows[1] == "Orders on WhatsApp"
    assert "Removed in the plan (1)" in rows and "Changed in the plan (3)" in rows
    for card_id in changed:
        assert view.item_for(card_id).text(2).startswith("emotion ") and view.item_for(card_id).text(2).endswith("+2")


def test_clicking_a_card_selects_it_in_the_window_whose_map_has_it(qtbot, open_window, example_copy, plan_file):
    path, changed, removed, added = plan_file
    today_window = open_window(example_copy)
    window = open_window(path)
    view = _compare(qtbot, window, example_copy)
    for card_id in (added, changed[1]):
        _click(qtbot, view, card_id)
        assert window.selected_ids() == [card_id]
    _click(qtbot, view, removed)  # only today's map has it
    assert today_window.selected_ids() == [removed]
    assert window.selected_ids() == [changed[1]]


def test_a_card_only_today_has_opens_todays_map_to_show_it(qtbot, open_window, example_copy, plan_file):
    path, _changed, removed, _added = plan_file
    window = open_window(path)
    view = _compare(qtbot, window, example_copy)
    assert gui.window_for(example_copy) is None
    _click(qtbot, view, removed)
    today_window = gui.window_for(example_copy)
    assert today_window is not None
    today_window.ask_save_changes = lambda: "discard"
    qtbot.addWidget(today_window)
    assert today_window.selected_ids() == [removed]


def test_refresh_compares_the_maps_as_they_are_now(qtbot, open_window, example_copy, plan_file):
    path, changed, _removed, _added = plan_file
    window = open_window(path)
    view = _compare(qtbot, window, example_copy)
    other = next(t for t in window.document().touchpoints if t.id not in changed and t.emotion != -2)
    window.editor.set_field(other.id, "emotion", -2)
    assert other.id not in {c.card_id for c in view.changes}
    view.refresh()
    assert {c.card_id: c.kind for c in view.changes}[other.id] == "changed"


def test_a_plan_compared_with_a_map_it_was_not_made_from_is_a_warning(qtbot, open_window, tmp_path, plan_file):
    path, *_ = plan_file
    stranger = tmp_path / "salon.jmap"
    save(stranger, map_from_template("hair-salon"))
    window = open_window(path)
    view = _compare(qtbot, window, stranger)
    assert view.warning.isVisible()
    assert "was made from “Corner bakery: cakes and catering”" in view.warning.text()
    assert view.warning.textFormat() == Qt.TextFormat.PlainText


def test_todays_map_compares_with_its_plan_the_same_way(qtbot, open_window, example_copy, plan_file):
    path, changed, removed, added = plan_file
    window = open_window(example_copy)
    view = _compare(qtbot, window, path)
    assert view.current.state == "current" and view.future.state == "future"
    assert {c.card_id for c in view.changes} == {added, removed, *changed}
    assert not view.warning.isVisible()
