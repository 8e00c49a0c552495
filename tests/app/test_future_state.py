"""File > New Future-State Map: the plan opens in a window of its own, unsaved, with today's ids; the
title bar says which map is the plan. The map's Language is edited in the inspector's map form."""

from __future__ import annotations

from PySide6.QtCore import Qt

from journeymapper import gui
from journeymapper.app.language_field import LanguageField


def _new_window(qtbot, before):
    """The one window opened since `before`; closed (without asking to save) after the test."""
    (window,) = [w for w in gui.windows() if w not in before]
    window.ask_save_changes = lambda: "discard"
    qtbot.addWidget(window)
    return window


def _ids(the_map):
    return {c: [e.id for e in getattr(the_map, c)] for c in ("personas", "stages", "touchpoints", "flows")}


def test_the_menu_makes_the_plan_in_a_new_unsaved_window_with_todays_ids(qtbot, open_window, example_copy):
    window = open_window(example_copy)
    today = window.document().map
    before = gui.windows()
    window.actions_by_name["new_future"].trigger()
    plan_window = _new_window(qtbot, before)
    plan = plan_window.document().map
    assert plan.state == "future" and plan.id != today.id
    assert plan.based_on is not None and (plan.based_on.id, plan.based_on.title) == (today.id, today.title)
    assert _ids(plan) == _ids(today)
    assert plan_window.editor.path is None and plan_window.editor.is_modified()  # unsaved, like a new map
    assert plan_window.isVisible()
    assert "Future state" in plan_window.windowTitle()
    assert "Future state" not in window.windowTitle()
    # Today's map is as it was: making the plan is no change to it (nothing to undo there).
    assert window.document().map is today and window.undo_stack().count() == 0
    assert not window.editor.is_modified()


def test_a_saved_plan_keeps_saying_so_in_the_title_bar(qtbot, open_window, example_copy, tmp_path):
    window = open_window(example_copy)
    before = gui.windows()
    window.new_future_state_map()
    plan_window = _new_window(qtbot, before)
    assert plan_window.save(tmp_path / "plan.jmap")
    assert plan_window.windowTitle().startswith("plan.jmap")
    assert "Future state" in plan_window.windowTitle()
    plan_window.close()
    reopened = open_window(tmp_path / "plan.jmap")
    assert reopened.document().map.state == "future" and "Future state" in reopened.windowTitle()


def _language_field(window) -> LanguageField:
    window.editor.scene.select_only([])
    form = window.inspector.form_for("map")
    window.inspector.refresh()
    field = form.widgets["language"]
    assert isinstance(field, LanguageField)
    return field


def test_the_maps_language_is_chosen_from_the_list_or_typed(qtbot, open_window, example_copy):
    window = open_window(example_copy)
    field = _language_field(window)
    index = field.findData("de")
    assert index > 0 and field.itemText(index).startswith("Deutsch")
    field.setCurrentIndex(index)
    field.activated.emit(index)
    assert window.document().map.language == "de"
    window.view().setFocus()  # (a new visit to the field: a new undo step)
    field.lineEdit().setFocus()
    qtbot.waitUntil(field.lineEdit().hasFocus)
    field.lineEdit().clear()
    qtbot.keyClicks(field.lineEdit(), "pt-BR")
    assert window.document().map.language == "de"  # (a tag is taken whole, not "p", "pt", "pt-"...)
    qtbot.keyClick(field.lineEdit(), Qt.Key.Key_Return)
    assert window.document().map.language == "pt-BR"
    assert field.currentText() == "pt-BR"  # (what was typed stays as typed)
    window.undo_stack().undo()
    assert window.document().map.language == "de"
    qtbot.waitUntil(lambda: field.currentText().startswith("Deutsch"))


def test_a_language_that_is_not_a_tag_is_refused_with_its_reason(qtbot, open_window, example_copy):
    window = open_window(example_copy)
    field = _language_field(window)
    field.lineEdit().setFocus()
    field.lineEdit().selectAll()
    qtbot.keyClicks(field.lineEdit(), "German please")
    qtbot.keyClick(field.lineEdit(), Qt.Key.Key_Return)
    assert window.document().map.language == ""
    error = window.inspector.form_for("map").error
    assert error.text().startswith("Language:") and "language tag" in error.text()
    assert error.textFormat() == Qt.TextFormat.PlainText
