"""A KPI's readings in the inspector: shown under the KPI table for the selected KPI, each added,
edited or removed as one undoable edit of the stage's KPIs, kept oldest first, with dates checked."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from journeymapper.app.kpi_readings import ReadingsPanel, TrendView
from journeymapper.model.schema import Stage

from .test_docks import STAGE, edit_cell, press, select, undoable


@pytest.fixture
def bakery(open_window, example_copy):
    return open_window(example_copy)


def pick_kpi(qtbot, form, row: int) -> ReadingsPanel:
    """Click a KPI's row in the stage's KPI table, as a person would; returns the readings shown under it."""
    table = form.widgets["kpis"].table
    rect = table.visualItemRect(table.item(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    QApplication.processEvents()
    panel = form.widgets["kpis"].readings
    assert panel.isVisible()
    return panel


def readings(window, row: int = 0) -> list[tuple[str, float, str]]:
    kpi = window.document().get(STAGE).kpis[row]
    return [(r.date.isoformat(), r.value, r.note) for r in kpi.readings]


def shown(panel: ReadingsPanel) -> list[list[str]]:
    return [[panel.cell(r, c) for c in range(3)] for r in range(panel.table.rowCount())]


def test_the_readings_show_for_the_selected_kpi_only(qtbot, bakery):
    window = bakery
    form = select(window, STAGE, Stage)
    kpis = form.widgets["kpis"]
    assert not kpis.readings.isVisible()  # no KPI picked yet
    panel = pick_kpi(qtbot, form, 1)
    kpi = window.document().get(STAGE).kpis[1]
    assert kpi.name in panel.title.text()
    assert shown(panel) == [[d, str(v), n] for d, v, n in readings(window, 1)]
    select(window, "s-pickup", Stage)  # another stage: none of its KPIs is picked
    assert not kpis.readings.isVisible()


def test_adding_a_reading_is_one_undoable_edit_dated_today(qtbot, bakery):
    window = bakery
    form = select(window, STAGE, Stage)
    panel = pick_kpi(qtbot, form, 0)
    before = readings(window)
    after = undoable(window, lambda: readings(window), lambda: press(qtbot, panel, "Add reading"))
    assert after[:-1] == before and len(after) == len(before) + 1
    assert after[-1][0] == window.editor.today().isoformat()
    assert after[-1][1] == before[-1][1]  # the latest value, to type over
    assert shown(panel)[-1][0] == window.editor.today().isoformat()
    assert panel.trend.isVisible()  # two readings or more: their line shows


def test_editing_a_date_keeps_the_readings_oldest_first_and_undo_restores_them(qtbot, bakery):
    window = bakery
    form = select(window, STAGE, Stage)
    panel = pick_kpi(qtbot, form, 0)
    press(qtbot, panel, "Add reading")
    today = window.editor.today().isoformat()
    before = readings(window)
    assert [d for d, _, _ in before][-1] == today
    # The newest reading moved back to a day before all the others: it becomes the first.
    after = undoable(window, lambda: readings(window), lambda: edit_cell(qtbot, panel, len(before) - 1, 0, "2020-01-05"))
    assert [d for d, _, _ in after] == sorted(d for d, _, _ in after) and after[0][0] == "2020-01-05"
    assert sorted(after) == sorted([("2020-01-05", *before[-1][1:]), *before[:-1]])
    window.undo_stack().undo()
    assert readings(window) == before
    assert shown(panel) == [[d, str(v), n] for d, v, n in before]  # the table follows the undo


def test_a_date_not_written_year_month_day_is_refused_with_a_message(qtbot, bakery):
    window = bakery
    form = select(window, STAGE, Stage)
    panel = pick_kpi(qtbot, form, 0)
    stack, before = window.undo_stack(), readings(window)
    for typed in ("12/10/2026", "2026-02-30", "yesterday"):
        count = stack.count()
        edit_cell(qtbot, panel, 0, 0, typed)
        assert readings(window) == before and stack.count() == count, typed
        assert panel.error.isVisible() and f"\u201c{typed}\u201d is not a date like 2026-10-12" in panel.error.text()
    edit_cell(qtbot, panel, 0, 0, "2026-01-02")  # put right: the message goes, the change is made
    assert not panel.error.isVisible() and readings(window)[0][0] == "2026-01-02"


def test_a_readings_value_and_note_are_edited_and_a_reading_removed(qtbot, bakery):
    window = bakery
    form = select(window, STAGE, Stage)
    panel = pick_kpi(qtbot, form, 0)
    press(qtbot, panel, "Add reading")
    last = len(readings(window)) - 1
    undoable(window, lambda: readings(window), lambda: edit_cell(qtbot, panel, last, 1, "4,8"))
    assert readings(window)[last][1] == 4.8
    assert window.document().get(STAGE).kpis[0].value == 4.8  # the latest reading is the KPI's value
    assert form.widgets["kpis"].cell(0, 1) == "4.8"
    undoable(window, lambda: readings(window), lambda: edit_cell(qtbot, panel, last, 2, "after the new photos"))
    assert readings(window)[last][2] == "after the new photos"
    before = readings(window)
    panel.table.setCurrentCell(0, 0)
    after = undoable(window, lambda: readings(window), lambda: press(qtbot, panel, "Remove reading"))
    assert after == before[1:]


def test_typing_a_kpi_value_adds_a_reading_of_today_shown_under_the_table(qtbot, bakery):
    window = bakery
    form = select(window, STAGE, Stage)
    panel = pick_kpi(qtbot, form, 0)
    before = readings(window)
    edit_cell(qtbot, form.widgets["kpis"], 0, 1, "4.9")
    today = window.editor.today().isoformat()
    kept = before[:-1] if before[-1][0] == today else before  # (today's reading, if any, is corrected)
    assert readings(window) == [*kept, (today, 4.9, before[-1][2] if kept is not before else "")]
    assert shown(panel)[-1][:2] == [today, "4.9"]


def test_the_trend_is_drawn_and_said_in_words(qtbot):
    from journeymapper.model.schema import KPI

    view = TrendView()
    qtbot.addWidget(view)
    view.resize(240, 90)
    kpi = KPI(id="k", name="Complaints", unit="per month", direction="lower", target=5,
              readings=[{"date": "2026-08-31", "value": 14}, {"date": "2026-10-12", "value": 9},
                        {"date": "2026-11-30", "value": 11}])
    view.set_kpi(kpi)
    said = "3 readings from 2026-08-31 (14 per month) to 2026-11-30 (11 per month), worse than the reading before"
    assert view.accessibleDescription() == said
    assert said in view.toolTip()  # (a plain-text tooltip: the words escaped in a paragraph)
    image = view.grab().toImage()
    background = image.pixelColor(image.width() - 2, 2)
    drawn = {(x, y) for x in range(image.width()) for y in range(image.height())
             if image.pixelColor(x, y) != background}
    assert len(drawn) > 150  # the line, its dot and the labels
    view.set_kpi(KPI(id="k", name="One", readings=[{"date": "2026-11-30", "value": 11}]))
    assert view.grab().toImage().pixelColor(image.width() // 2, image.height() // 2) == background


def test_the_stage_headers_tooltip_says_each_kpis_readings_and_follows_them(qtbot, bakery):
    window = bakery
    form = select(window, STAGE, Stage)
    item = window.editor.scene.stage_items[STAGE]
    kpi = window.document().get(STAGE).kpis[0]
    assert f"Latest reading {kpi.readings[-1].value}" in item.toolTip()
    panel = pick_kpi(qtbot, form, 0)
    edit_cell(qtbot, panel, len(kpi.readings) - 1, 2, "after the spring campaign")
    assert "after the spring campaign" in item.toolTip()  # (the latest reading's note)
    press(qtbot, panel, "Add reading")
    before_today = window.document().get(STAGE).kpis[0].readings[-2]
    assert f"previous {before_today.value:,} on {before_today.date.isoformat()}" in item.toolTip()


def test_the_delete_key_in_the_readings_table_does_not_delete_the_stage(qtbot, bakery):
    window = bakery
    form = select(window, STAGE, Stage)
    panel = pick_kpi(qtbot, form, 0)
    panel.table.setFocus(Qt.FocusReason.MouseFocusReason)
    panel.table.setCurrentCell(0, 0)
    before = readings(window)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    QApplication.processEvents()
    assert STAGE in window.document() and readings(window) == before


def _set_readings(window, readings_: list[tuple[str, float, str]], row: int = 0) -> None:
    kpis = [k.model_dump() for k in window.document().get(STAGE).kpis]
    kpis[row]["readings"] = [{"date": d, "value": v, "note": n} for d, v, n in readings_]
    window.editor.set_field(STAGE, "kpis", kpis)


def test_a_typed_value_is_current_even_past_a_reading_dated_later(qtbot, bakery):
    window = bakery
    today = window.editor.today()
    later = (today + datetime.timedelta(days=30)).isoformat()
    earlier = (today - datetime.timedelta(days=30)).isoformat()
    _set_readings(window, [(earlier, 3, ""), (later, 99, "typo")])
    form = select(window, STAGE, Stage)
    kpis = form.widgets["kpis"]
    assert kpis.cell(0, 1) == "99"
    edit_cell(qtbot, kpis, 0, 1, "5")
    assert window.document().get(STAGE).kpis[0].value == 5
    assert kpis.cell(0, 1) == "5"
    edit_cell(qtbot, kpis, 0, 1, "6")  # today's reading corrected, not a second one
    assert readings(window) == [(earlier, 3, ""), (later, 99, "typo"), (today.isoformat(), 6, "")]
    assert window.document().get(STAGE).kpis[0].value == 6


def test_a_typed_value_corrects_todays_reading_wherever_it_is(qtbot, bakery):
    window = bakery
    today = window.editor.today()
    later = (today + datetime.timedelta(days=1)).isoformat()
    _set_readings(window, [("2026-01-05", 3, ""), (today.isoformat(), 4, "counted twice"), (later, 99, "")])
    form = select(window, STAGE, Stage)
    edit_cell(qtbot, form.widgets["kpis"], 0, 1, "7")
    assert readings(window) == [("2026-01-05", 3, ""), (later, 99, ""), (today.isoformat(), 7, "counted twice")]


def test_editing_a_note_or_value_keeps_the_readings_order_and_the_current_value(qtbot, bakery):
    window = bakery
    today = window.editor.today().isoformat()
    _set_readings(window, [("2026-01-05", 3, ""), ("2099-01-01", 99, ""), (today, 6, "")])
    form = select(window, STAGE, Stage)
    panel = pick_kpi(qtbot, form, 0)
    edit_cell(qtbot, panel, 0, 2, "the first count")
    assert readings(window) == [("2026-01-05", 3, "the first count"), ("2099-01-01", 99, ""), (today, 6, "")]
    edit_cell(qtbot, panel, 2, 1, "8")
    assert window.document().get(STAGE).kpis[0].value == 8
    press(qtbot, panel, "Add reading")  # last, with the current value to type over
    assert readings(window)[-1] == (today, 8, "") and len(readings(window)) == 4
    edit_cell(qtbot, panel, 1, 0, "2026-02-01")  # a date corrected: now they are put in date order
    assert [d for d, _, _ in readings(window)] == ["2026-01-05", "2026-02-01", today, today]


def test_a_figure_typed_as_the_header_prints_it_keeps_its_size():
    """The header prints "4,200 people"; typing that back must not make it 4.2."""
    from journeymapper.app.kpi_readings import parse_number

    assert parse_number("1,000") == 1000 and parse_number("4,200") == 4200
    assert parse_number("12,500.5") == 12500.5 and parse_number("-1,234,567") == -1234567
    assert parse_number("2,5") == 2.5 and parse_number("1 200") == 1200 and parse_number("0,75") == 0.75
    assert parse_number("1,00") == 1.0  # (not a group of three: a decimal comma)
    assert parse_number("12,34,567") == "12,34,567"  # refused as typed
