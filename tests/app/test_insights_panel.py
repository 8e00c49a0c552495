"""The Insights panel: the map's insights under a heading per kind, a tab beside Problems with a View
menu toggle; a click on a line selects what it is about; the lines follow the edits a moment later."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabBar

from journeymapper.app import insights_panel as panel_module
from journeymapper.app.insights_panel import InsightsPanel
from journeymapper.canvas.painting import plain_tooltip
from journeymapper.model.document import Document
from journeymapper.model.insights import KINDS, insights
from tests.check.plan_builders import card, opp, plan_map

TODAY = datetime.date(2026, 12, 7)


def _shown_panel(qtbot, doc: Document | None = None) -> InsightsPanel:
    panel = InsightsPanel()
    panel.today = lambda: TODAY
    qtbot.addWidget(panel)
    panel.resize(800, 300)
    panel.show()
    qtbot.waitExposed(panel)
    if doc is not None:
        panel.set_document(doc)
    return panel


def _tab_bar(window, title: str) -> QTabBar:
    return next(bar for bar in window.findChildren(QTabBar)
                if title in [bar.tabText(i) for i in range(bar.count())])


def _choose_tab(window, title: str) -> None:
    """Bring a tabbed dock to the front as a click on its tab does."""
    bar = _tab_bar(window, title)
    bar.setCurrentIndex([bar.tabText(i) for i in range(bar.count())].index(title))
    QApplication.processEvents()


def _tab_texts(window) -> list[str]:
    bar = _tab_bar(window, "Problems")
    return [bar.tabText(i) for i in range(bar.count())]


def _front_tab(window, title: str) -> str:
    bar = _tab_bar(window, title)
    return bar.tabText(bar.currentIndex())


def _click(qtbot, panel: InsightsPanel, index) -> None:
    rect = panel.view.visualRect(index)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     rect.center())


def test_the_lines_come_under_a_heading_per_kind_in_plain_text(qtbot) -> None:
    doc = Document(plan_map([
        card("a", title="Pays <b>online</b>", emotion=-2, evidence="assumed",
             opportunities=[opp("a.o1", "Guest checkout", status="planned", due="2026-11-01")]),
        card("b", stage="s2", title="Collects", emotion=1),
    ]))
    panel = _shown_panel(qtbot, doc)
    expected = insights(doc.map, TODAY)
    kinds = [kind for kind in KINDS if any(i.kind == kind for i in expected)]
    assert panel.headings() == [f"{KINDS[k]} ({sum(i.kind == k for i in expected)})" for k in kinds]
    assert "Late actions (1)" in panel.headings()
    late = panel.line_texts(panel.headings().index("Late actions (1)"))
    assert late == ["“Guest checkout” on “Pays <b>online</b>” was due on 1 November 2026 and is planned but not done"]
    line = panel.model_.item(panel.headings().index("Late actions (1)")).child(0)
    assert line.toolTip() == plain_tooltip(late[0])  # (shown as typed: the tags, not bold)
    assert panel.line_texts(panel.headings().index("Lowest moments (1)")) == [
        "Lowest moment of “Persona p1”: “Pays <b>online</b>” (very negative)"]


def test_clicking_a_line_selects_and_shows_what_it_is_about(qtbot, open_window, example_copy) -> None:
    window = open_window(example_copy)
    assert window.insights_dock in window.tabifiedDockWidgets(window.problem_dock)
    _choose_tab(window, "Insights")
    panel = window.insights
    qtbot.waitUntil(lambda: bool(panel.headings()), timeout=3000)
    row = next(k for k, h in enumerate(panel.headings()) if h.startswith(KINDS["low_point"]))
    line = next(i for i in insights(window.document().map) if i.kind == "low_point")
    index = panel.line_index(row, 0)
    panel.view.scrollTo(index)
    with qtbot.waitSignal(panel.elementsActivated) as activated:
        _click(qtbot, panel, index)
    assert activated.args == [list(line.elements)]
    assert window.editor.scene.selected_ids() == list(line.elements)
    view = window.view()
    card = window.item_for(line.elements[0])
    assert view.mapToScene(view.viewport().rect()).boundingRect().intersects(card.sceneBoundingRect())


def test_a_heading_folds_on_a_click_and_selects_nothing(qtbot) -> None:
    doc = Document(plan_map([card("a", emotion=-1), card("b", stage="s2", emotion=-1, evidence="assumed")]))
    panel = _shown_panel(qtbot, doc)
    picked: list = []
    panel.elementsActivated.connect(picked.append)
    heading = panel.model_.index(0, 0)
    _click(qtbot, panel, heading)
    assert not panel.view.isExpanded(heading) and picked == []
    _click(qtbot, panel, heading)
    assert panel.view.isExpanded(heading)


def test_the_lines_follow_the_edits_after_a_pause(qtbot, monkeypatch) -> None:
    doc = Document(plan_map([card("a", title="Browses", emotion=1), card("b", stage="s2", title="Pays", emotion=0)]))
    panel = _shown_panel(qtbot, doc)
    low = panel.headings().index("Lowest moments (1)")
    assert panel.line_texts(low) == ["Lowest moment of “Persona p1”: “Pays” (neutral)"]
    calls = []
    real = panel_module.insights
    monkeypatch.setattr(panel_module, "insights", lambda *args: calls.append(1) or real(*args))
    doc.set_field("a", "emotion", -2)
    doc.set_field("a", "title", "Gives up")
    assert panel.line_texts(low) == ["Lowest moment of “Persona p1”: “Pays” (neutral)"]  # not yet
    assert panel.timer.isActive() and calls == []
    qtbot.waitUntil(lambda: panel.line_texts(low) == ["Lowest moment of “Persona p1”: “Gives up” (very negative)"],
                    timeout=3000)
    assert calls == [1], "two edits in a row: one reading"


def test_a_hidden_panel_reads_the_map_when_it_is_shown(qtbot, monkeypatch) -> None:
    doc = Document(plan_map([card("a", emotion=-1)]))
    panel = _shown_panel(qtbot, doc)
    panel.hide()
    calls = []
    real = panel_module.insights
    monkeypatch.setattr(panel_module, "insights", lambda *args: calls.append(1) or real(*args))
    doc.set_field("a", "emotion", 2)
    qtbot.wait(panel_module.DELAY_MS + 200)
    assert calls == []
    panel.show()
    qtbot.waitUntil(lambda: calls == [1], timeout=2000)
    assert "(very positive)" in panel.line_texts(panel.headings().index("Lowest moments (1)"))[0]


def test_late_actions_follow_the_panels_today(qtbot) -> None:
    doc = Document(plan_map([card("a", opportunities=[opp("a.o1", due="2026-12-31")])]))
    panel = _shown_panel(qtbot, doc)
    assert not any(h.startswith("Late actions") for h in panel.headings())
    panel.today = lambda: datetime.date(2027, 1, 1)
    panel.refresh()
    assert "Late actions (1)" in panel.headings()


def test_an_empty_map_says_what_will_show_here(qtbot) -> None:
    empty = plan_map([], stages=[{"id": "s1", "kpis": [{"id": "k", "name": "Sales"}]}])
    panel = _shown_panel(qtbot, Document(empty))
    assert panel.headings() == [] and panel.empty.isVisible() and not panel.view.isVisible()
    assert panel.empty.textFormat() == Qt.TextFormat.PlainText


def test_the_view_menu_shows_and_hides_the_insights(qtbot, open_window, example_copy) -> None:
    window = open_window(example_copy)
    toggle = window.insights_dock.toggleViewAction()
    assert toggle in window.view_menu.actions()
    assert toggle.statusTip() and toggle.toolTip().startswith("Show or hide what the map tells you")
    assert toggle.isChecked() and not window.insights_dock.isHidden()
    toggle.trigger()
    QApplication.processEvents()
    assert window.insights_dock.isHidden() and not toggle.isChecked() and not window.insights.is_shown()
    assert "Insights" not in _tab_texts(window)
    toggle.trigger()
    QApplication.processEvents()
    assert not window.insights_dock.isHidden() and toggle.isChecked() and "Insights" in _tab_texts(window)


def test_a_map_opens_with_the_problems_tab_in_front(open_window, example_copy) -> None:
    window = open_window(example_copy)
    QApplication.processEvents()
    assert {window.insights_dock, window.actions_dock} <= set(window.tabifiedDockWidgets(window.problem_dock))
    assert _front_tab(window, "Problems") == "Problems"
    assert not window.problems.visibleRegion().isEmpty()  # (in sight, not only "visible")
    assert not window.insights.is_shown() and not window.actions_panel.is_shown()


def test_behind_another_tab_the_panel_reads_nothing_until_its_tab_is_chosen(qtbot, open_window, example_copy,
                                                                             monkeypatch) -> None:
    window = open_window(example_copy)
    panel = window.insights
    _choose_tab(window, "Insights")
    qtbot.waitUntil(lambda: bool(panel.headings()), timeout=3000)
    _choose_tab(window, "Problems")
    assert panel.isVisible() and not panel.is_shown()  # (Qt keeps a dock behind a tab "visible", out of sight)
    calls = []
    real = panel_module.insights
    monkeypatch.setattr(panel_module, "insights", lambda *args: calls.append(1) or real(*args))
    low = next(i for i in insights(window.document().map) if i.kind == "low_point")
    window.editor.set_field(low.elements[0], "title", "Gives up at the till")
    qtbot.wait(panel_module.DELAY_MS + 250)
    assert calls == []
    assert not any("Gives up at the till" in line for h in range(len(panel.headings())) for line in panel.line_texts(h))
    _choose_tab(window, "Insights")
    qtbot.waitUntil(lambda: calls == [1], timeout=3000)
    assert any("Gives up at the till" in line for h in range(len(panel.headings())) for line in panel.line_texts(h))


def test_the_start_page_has_no_insights(open_window) -> None:
    window = open_window(None)
    assert window.insights_dock.isHidden()
