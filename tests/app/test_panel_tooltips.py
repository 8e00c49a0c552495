"""Text from the file is data, never markup, in the tooltips of the new panels too: a card titled
"<b>Bold</b> & <i>x</i>" shows those tags, not bold type (Qt reads a tooltip that merely looks like
markup as rich text, so each is escaped with `plain_tooltip`)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from journeymapper.app.actions_panel import action_tooltip
from journeymapper.app.compare_view import CompareView
from journeymapper.app.kpi_readings import TrendView, trend_summary
from journeymapper.canvas.painting import plain_tooltip
from journeymapper.io import load_path, save
from journeymapper.model.schema import KPI
from journeymapper.resources import example_map_path

from .test_opportunity_plan import click_row, opportunities_field

CARD, OTHER_CARD = "t-parent-checkout", "t-parent-gallery"
TITLE = "<b>Bold</b> & <i>x</i>"
OFFER = "<font size=7>Offer</font>"
PAIN = "<u>No</u> way to pay"


def shown_text(tooltip: str) -> str:
    """What a person reads in a tooltip: Qt renders it as rich text when it looks like markup."""
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


def assert_plain(tooltip: str, expected: str, literal: str) -> None:
    assert tooltip == plain_tooltip(expected)
    assert literal in shown_text(tooltip), "the tags show as typed, not as formatting"


@pytest.fixture
def marked_up(open_window, tmp_path: Path):
    """The example with markup in a card's title, its late opportunity and a serious pain point."""
    the_map = load_path(example_map_path()).map
    cards = []
    for card in the_map.touchpoints:
        if card.id == CARD:
            late = card.opportunities[0].model_copy(update={"text": OFFER, "due": date.today() - timedelta(days=3)})
            pains = [card.pain_points[0].model_copy(update={"text": PAIN}), *card.pain_points[1:]]
            card = card.model_copy(update={"title": TITLE, "opportunities": [late, *card.opportunities[1:]],
                                           "pain_points": pains})
        cards.append(card)
    path = tmp_path / "markup.jmap"
    save(path, the_map.model_copy(update={"touchpoints": cards}))
    window = open_window(path)
    window.editor.today = date.today
    return window


def test_the_actions_list_and_grid_show_the_tags_as_typed(qtbot, marked_up):
    window = marked_up
    window.actions_dock.raise_()
    QApplication.processEvents()
    panel = window.actions_panel
    panel.refresh()
    row = next(r for r in range(panel.row_count()) if panel.row_texts(r)["What"] == OFFER)
    action = panel.model_.rows[row]
    expected = action_tooltip(action, panel.model_.today)
    assert TITLE in expected and OFFER in expected
    assert_plain(panel.model_.index(row, 0).data(0x03), expected, OFFER)  # (Qt.ToolTipRole)
    panel.show_impact_effort()
    chips = [cell.chips.item(k) for cell in panel.grid.cells.values() for k in range(cell.chips.count())]
    chip = next(item for item in chips if OFFER in item.text())
    assert_plain(chip.toolTip(), expected, TITLE)


def test_the_insights_show_the_tags_as_typed(qtbot, marked_up):
    window = marked_up
    window.insights_dock.raise_()
    panel = window.insights
    qtbot.waitUntil(lambda: bool(panel.headings()), timeout=3000)
    lines = [panel.model_.item(h).child(r) for h in range(panel.model_.rowCount())
             for r in range(panel.model_.item(h).rowCount())]
    about = [line for line in lines if TITLE in line.text()]
    assert any(OFFER in line.text() for line in about)  # (the late action, on the card)
    for line in about:
        assert_plain(line.toolTip(), line.text(), TITLE)


def test_the_pain_points_to_pick_show_the_tags_as_typed(qtbot, marked_up):
    field = opportunities_field(marked_up, OTHER_CARD)
    click_row(qtbot, field, 0)
    pains = field.plan.pains
    item = next(pains.item(r) for r in range(pains.count()) if pains.item(r).text() == f"{TITLE}: {PAIN}")
    assert_plain(item.toolTip(), f"{TITLE}: {PAIN}\n(on another card)", f"{TITLE}: {PAIN}")


def test_the_compared_cards_show_the_tags_as_typed(qtbot, marked_up):
    today = load_path(example_map_path()).map
    plan = marked_up.document().map
    view = CompareView(lambda: (today, plan), lambda side, card: True)
    qtbot.addWidget(view)
    item = view.item_for(CARD)
    assert item is not None and item.text(0) == TITLE
    for column in range(3):
        assert item.toolTip(column) == plain_tooltip(item.text(column))
    assert TITLE in shown_text(item.toolTip(0))


def test_a_kpis_trend_shows_its_unit_as_typed(qtbot):
    view = TrendView()
    qtbot.addWidget(view)
    kpi = KPI(id="k", name="Sales", unit="<b>cups</b>",
              readings=[{"date": "2026-10-01", "value": 10}, {"date": "2026-11-01", "value": 12}])
    view.set_kpi(kpi)
    assert_plain(view.toolTip(), trend_summary(kpi), "(12 <b>cups</b>)")
    assert view.accessibleDescription() == trend_summary(kpi)  # (a screen reader gets the words, not markup)
