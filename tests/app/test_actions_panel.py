"""The Actions panel: every opportunity of the map, sorted by meaning and filtered, overdue ones said in
words; choosing one selects its card; the impact/effort view; the panel follows the map's edits."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QTabBar

from journeymapper.app import actions_panel as panel_module
from journeymapper.app.actions_panel import COLUMNS, DELAY_MS
from journeymapper.app.opportunity_plan import plan_of
from journeymapper.canvas.painting import plain_tooltip
from journeymapper.io import save
from journeymapper.model.schema import Touchpoint

from .test_docks import choose
from .test_opportunity_plan import planned_example

TODAY = date.today()


@pytest.fixture
def window(open_window, tmp_path: Path):
    path = tmp_path / "planned.jmap"
    save(path, planned_example(TODAY))
    window = open_window(path)
    window.actions_dock.show()
    window.actions_dock.raise_()
    QApplication.processEvents()
    panel = window.actions_panel
    total = sum(len(t.opportunities) for t in window.document().touchpoints)
    panel.refresh()
    assert panel.isVisible() and panel.row_count() == total
    return window


def click_heading(qtbot, panel, title: str) -> None:
    header = panel.view.horizontalHeader()
    k = [t for _key, t in COLUMNS].index(title)
    x = header.sectionViewportPosition(k) + header.sectionSize(k) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    QApplication.processEvents()


def test_every_opportunity_is_listed_with_its_plan_and_card(window):
    panel, doc = window.actions_panel, window.document()
    rows = {panel.row_texts(r)["What"]: panel.row_texts(r) for r in range(panel.row_count())}
    card = doc.get("t-parent-checkout")
    row = rows[card.opportunities[0].text]
    assert row["Card"] == card.title
    assert row["Stage"] == doc.get(card.stage).name and row["Persona"] == doc.get(card.persona).name
    assert (row["Status"], row["Owner"], row["Effort"], row["Priority"]) == ("Planned", "Mia", "Some work", "High")
    # Overdue in words, not by colour alone
    assert row["Due"] == f"{(TODAY - timedelta(days=5)).isoformat()}  (overdue)"
    done = rows[doc.get("t-parent-gallery").opportunities[0].text]
    assert "overdue" not in done["Due"] and done["Status"] == "Done"  # past its date, but done
    assert rows[doc.get("t-parent-gallery").opportunities[1].text]["Effort"] == "A lot of work"
    assert "1 overdue" in panel.summary.text()


def test_headings_sort_by_meaning(qtbot, window):
    panel = window.actions_panel
    click_heading(qtbot, panel, "Priority")
    priorities = panel.column("Priority")
    assert priorities == sorted(priorities, key=["High", "Medium", "Low"].index)  # not alphabetical
    assert priorities[0] == "High" and priorities[-1] == "Low"
    click_heading(qtbot, panel, "Priority")  # the other way round
    assert panel.column("Priority")[0] == "Low"
    click_heading(qtbot, panel, "Due")
    dates = [text.split()[0] for text in panel.column("Due") if text]
    assert dates == sorted(dates) and len(dates) == 4
    assert panel.column("Due")[-1] == ""  # no date last
    click_heading(qtbot, panel, "Effort")
    efforts = panel.column("Effort")
    order = ["Little work", "Some work", "A lot of work", "Not known yet"]
    assert efforts == sorted(efforts, key=order.index) and efforts[-1] == "Not known yet"
    click_heading(qtbot, panel, "Status")
    statuses = panel.column("Status")
    assert statuses == sorted(statuses, key=["Idea", "Planned", "In progress", "Done", "Dropped"].index)


def test_filters_by_status_owner_priority_effort_and_due(qtbot, window):
    panel = window.actions_panel
    total = panel.row_count()
    choose(qtbot, panel.owner, "Mia")
    assert set(panel.column("Owner")) == {"Mia"} and panel.row_count() == 2
    assert panel.summary.text().startswith(f"2 of {total} actions")
    choose(qtbot, panel.status, "open")  # not done or dropped
    assert panel.column("Status") == ["Planned"]
    choose(qtbot, panel.owner, None)
    choose(qtbot, panel.due, "overdue")
    assert panel.column("Due") == [f"{(TODAY - timedelta(days=5)).isoformat()}  (overdue)"]
    choose(qtbot, panel.due, "any")
    choose(qtbot, panel.status, None)
    choose(qtbot, panel.priority, "low")
    assert set(panel.column("Priority")) == {"Low"}
    choose(qtbot, panel.priority, None)
    choose(qtbot, panel.effort, "unknown")
    assert set(panel.column("Effort")) == {"Not known yet"}
    choose(qtbot, panel.owner, "")  # nobody yet
    assert set(panel.column("Owner")) == {""} and panel.row_count() > 0
    choose(qtbot, panel.due, "soon")
    assert panel.row_count() == 0 and panel.message.isVisible() and "No action matches" in panel.message.text()


def test_selecting_an_action_selects_its_card_and_shows_its_plan(qtbot, window):
    panel = window.actions_panel
    row = panel.column("Owner").index("Tom")
    rect = panel.view.visualRect(panel.model_.index(row, 0))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QApplication.processEvents()
    assert window.selected_ids() == ["t-parent-checkout"]
    field = plan_of(window.inspector.form_for(Touchpoint))
    assert field.selected().id == "t-parent-checkout.o2" and field.plan.owner.text() == "Tom"
    # The keyboard: the next row selects its card too
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    card_id, _opportunity = panel.model_.data(panel.model_.index(row + 1, 0), Qt.ItemDataRole.UserRole)
    assert window.selected_ids() == [card_id]


def test_the_panel_follows_edits_of_the_map(qtbot, window):
    panel, doc = window.actions_panel, window.document()
    card = doc.get("t-office-search")
    changed = [{**o.model_dump(), "owner": "Noor", "status": "planned"} for o in card.opportunities]
    window.editor.set_field(card.id, "opportunities", changed)
    qtbot.waitUntil(lambda: "Noor" in panel.column("Owner"), timeout=3000)
    assert panel.owner.findData("Noor") >= 0  # the owner filter offers the new name
    window.undo_stack().undo()
    qtbot.waitUntil(lambda: "Noor" not in panel.column("Owner"), timeout=3000)


def test_the_impact_effort_view_names_its_cells_and_hides_closed_actions(qtbot, window):
    panel, doc = window.actions_panel, window.document()
    qtbot.mouseClick(panel.show_grid, Qt.MouseButton.LeftButton)
    grid = panel.grid
    assert grid.isVisible() and not panel.view.isVisible()
    do_first = grid.cell("high", "low")
    assert do_first.title.text() == "Do first"
    search = doc.get("t-office-search").opportunities[0]  # high priority, little work
    assert do_first.texts() == [search.text]
    planned_chip = grid.cell("high", "medium").texts()
    assert planned_chip == ["⚠ " + doc.get("t-parent-checkout").opportunities[0].text]  # overdue, marked
    done = doc.get("t-parent-gallery").opportunities[0].text  # done: hidden until asked for
    assert not any(done in text for cell in grid.cells.values() for text in cell.texts())
    grid.closed.setChecked(True)
    assert any(text == "✓ " + done for cell in grid.cells.values() for text in cell.texts())
    grid.closed.setChecked(False)
    # A chip shows its whole text as its tooltip; clicking it selects the card
    item = do_first.chips.item(0)
    assert item.toolTip().startswith(plain_tooltip(search.text).removesuffix("</p>"))
    rect = do_first.chips.visualItemRect(item)
    qtbot.mouseClick(do_first.chips.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.selected_ids() == ["t-office-search"]


def test_a_map_without_opportunities_says_how_to_start(qtbot, open_window):
    window = open_window(None, template="blank")
    window.actions_dock.show()
    window.actions_dock.raise_()
    QApplication.processEvents()
    panel = window.actions_panel
    panel.refresh()
    assert panel.row_count() == 0 and panel.message.isVisible()
    assert panel.message.text().startswith("No actions yet")


def test_the_view_menu_shows_and_hides_the_panel(window):
    toggle = window.actions_dock.toggleViewAction()
    assert toggle in window.view_menu.actions()
    assert toggle.statusTip() and toggle.toolTip()
    toggle.trigger()
    assert not window.actions_dock.isVisible()
    toggle.trigger()
    assert window.actions_dock.isVisible()
    assert window.shortcut_conflicts == []


def choose_tab(window, title: str) -> None:
    """Bring a tabbed dock to the front as a click on its tab does."""
    bar = next(bar for bar in window.findChildren(QTabBar)
               if title in [bar.tabText(i) for i in range(bar.count())])
    bar.setCurrentIndex([bar.tabText(i) for i in range(bar.count())].index(title))
    QApplication.processEvents()


def test_behind_another_tab_the_panel_reads_nothing_until_its_tab_is_chosen(qtbot, window, monkeypatch):
    panel, doc = window.actions_panel, window.document()
    assert window.actions_dock in window.tabifiedDockWidgets(window.problem_dock)
    choose_tab(window, "Problems")
    assert panel.isVisible() and not panel.is_shown()  # (Qt keeps a dock behind a tab "visible", out of sight)
    calls = []
    real = panel_module.action_rows
    monkeypatch.setattr(panel_module, "action_rows", lambda *args: calls.append(1) or real(*args))
    card = doc.get("t-office-search")
    changed = [{**o.model_dump(), "owner": "Noor"} for o in card.opportunities]
    window.editor.set_field(card.id, "opportunities", changed)
    qtbot.wait(DELAY_MS + 250)
    assert calls == [] and "Noor" not in panel.column("Owner")
    choose_tab(window, "Actions")
    qtbot.waitUntil(lambda: "Noor" in panel.column("Owner"), timeout=3000)
    assert calls == [1]


def test_edits_that_cannot_change_an_action_are_not_read(qtbot, window, monkeypatch):
    panel, doc = window.actions_panel, window.document()
    calls = []
    real = panel_module.action_rows
    monkeypatch.setattr(panel_module, "action_rows", lambda *args: calls.append(1) or real(*args))
    bare = next(t for t in doc.touchpoints if not t.opportunities)
    window.editor.set_field(bare.id, "title", "Renamed, with no opportunity")
    window.editor.set_field("t-office-search", "emotion", -2)
    assert not panel.timer.isActive()
    qtbot.wait(DELAY_MS + 250)
    assert calls == []
    window.editor.set_field("t-office-search", "title", "Searches the web")  # (it has opportunities)
    qtbot.waitUntil(lambda: calls == [1], timeout=3000)
    assert "Searches the web" in panel.column("Card")


def test_the_impact_effort_grid_is_filled_only_while_it_is_shown(qtbot, window, monkeypatch):
    panel = window.actions_panel
    fills = []
    real = panel.grid.set_rows
    monkeypatch.setattr(panel.grid, "set_rows", lambda *args: fills.append(1) or real(*args))
    panel.refresh()
    assert fills == [] and panel.view.isVisible()
    qtbot.mouseClick(panel.show_grid, Qt.MouseButton.LeftButton)
    assert fills == [1] and panel.grid.isVisible()
    do_first = window.document().get("t-office-search").opportunities[0].text
    assert panel.grid.cell("high", "low").texts() == [do_first]
    panel.refresh()
    assert fills == [1, 1]


def test_a_long_owner_name_does_not_widen_the_filters(qtbot, window):
    """The owner filter stays as wide as a usual name: a 200-character owner would push the other
    filters out of the dock."""
    panel, doc = window.actions_panel, window.document()
    before = panel.owner.sizeHint().width()
    card = doc.get("t-office-search")
    long_name = "Catering and events coordinator for the north side shops " * 3
    changed = [{**o.model_dump(), "owner": long_name.strip(), "status": "planned"} for o in card.opportunities]
    window.editor.set_field(card.id, "opportunities", changed)
    qtbot.waitUntil(lambda: panel.owner.findData(long_name.strip()) >= 0, timeout=3000)
    assert panel.owner.sizeHint().width() <= max(before, 260)
