"""The plan of an opportunity in the inspector: status, owner, due date, effort and the pain points it answers,
each change one undoable edit of the card's opportunities, made with real keys and clicks."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from journeymapper.app.opportunity_plan import OpportunitiesEditor
from journeymapper.io import load_path, save
from journeymapper.model.schema import Map, Touchpoint
from journeymapper.resources import example_map_path

from .test_docks import choose, focus, type_line, undoable

CARD = "t-parent-checkout"
OTHER_CARD = "t-parent-gallery"


def planned_example(today: date | None = None) -> Map:
    """The example map with a plan on some opportunities: overdue, due soon, done, nobody's."""
    today = today or date.today()
    the_map = load_path(example_map_path()).map
    plans = {
        "t-parent-checkout.o1": {"status": "planned", "owner": "Mia", "due": today - timedelta(days=5),
                                 "effort": "medium", "addresses": ["t-parent-checkout.p1"]},
        "t-parent-checkout.o2": {"status": "in_progress", "owner": "Tom", "due": today + timedelta(days=10)},
        "t-parent-gallery.o1": {"status": "done", "owner": "Mia", "due": today - timedelta(days=20), "effort": "low"},
        "t-parent-gallery.o2": {"status": "dropped", "effort": "high"},
        "t-office-search.o1": {"owner": "Sam", "effort": "low", "due": today + timedelta(days=3)},
    }
    blank = {"status": "idea", "owner": "", "due": None, "effort": None, "addresses": []}
    cards = [t.model_copy(update={"opportunities": [o.model_copy(update={**blank, **plans.get(o.id, {})})
                                                    for o in t.opportunities]})
             for t in the_map.touchpoints]
    return the_map.model_copy(update={"touchpoints": cards})


@pytest.fixture
def planned(open_window, tmp_path: Path):
    path = tmp_path / "planned.jmap"
    save(path, planned_example())
    return open_window(path)


def opportunities_field(window, card: str = CARD) -> OpportunitiesEditor:
    window.select_and_centre([card])
    QApplication.processEvents()
    form = window.inspector.current
    assert form is window.inspector.form_for(Touchpoint)
    field = form.widgets["opportunities"]
    assert isinstance(field, OpportunitiesEditor)
    return field


def click_row(qtbot, field: OpportunitiesEditor, row: int) -> None:
    table = field.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     table.visualItemRect(table.item(row, 0)).center())
    QApplication.processEvents()


def plan(window, opportunity: str, card: str = CARD):
    return next(o for o in window.document().get(card).opportunities if o.id == opportunity)


def test_selecting_an_opportunity_shows_its_plan(qtbot, planned):
    field = opportunities_field(planned)
    form = field.plan
    assert not form.fields.isEnabled() and form.hint.isVisible()  # nothing selected yet: says what to do
    click_row(qtbot, field, 0)
    assert form.fields.isEnabled() and not form.hint.isVisible()
    assert form.what.text() == "Offer Apple Pay and Google Pay"
    assert form.status.currentData() == "planned"
    assert form.owner.text() == "Mia"
    assert form.due.due() == date.today() - timedelta(days=5)
    assert form.effort.currentData() == "medium"
    assert form.ticked_labels() == [planned.document().get(CARD).pain_points[0].text]
    click_row(qtbot, field, 1)
    assert (form.status.currentData(), form.owner.text(), form.effort.currentData()) == ("in_progress", "Tom", None)
    assert form.effort.currentText() == "Not known yet" and form.ticked_labels() == []


def test_each_plan_field_is_one_undoable_edit(qtbot, planned):
    window = planned
    field = opportunities_field(window)
    click_row(qtbot, field, 1)
    form = field.plan
    other = plan(window, "t-parent-checkout.o1")

    def read(name):
        return lambda: getattr(plan(window, "t-parent-checkout.o2"), name)

    undoable(window, read("status"), lambda: choose(qtbot, form.status, "done"))
    undoable(window, read("effort"), lambda: choose(qtbot, form.effort, "high"))
    undoable(window, read("owner"), lambda: type_line(qtbot, form.owner, "Jo (online)"))  # typing: one step
    assert plan(window, "t-parent-checkout.o2").owner == "Jo (online)"
    new_due = undoable(window, read("due"), lambda: type_date(qtbot, form.due, "2027-03-31"))
    assert new_due == date(2027, 3, 31)
    undoable(window, read("due"), lambda: qtbot.mouseClick(form.no_date, Qt.MouseButton.LeftButton))
    assert plan(window, "t-parent-checkout.o2").due is None and not form.no_date.isEnabled()
    o2 = plan(window, "t-parent-checkout.o2")
    assert (o2.status, o2.effort, o2.priority) == ("done", "high", "high")
    assert o2.text == "Send the order confirmation immediately, with the pick-up slot"
    assert plan(window, "t-parent-checkout.o1") == other  # the other opportunity of the card is as it was


def type_date(qtbot, edit, text: str) -> None:
    """Type a date over the date edit, section by section, as a person would."""
    focus(edit)
    edit.setSelectedSection(edit.Section.YearSection)
    year, month, day = text.split("-")
    qtbot.keyClicks(edit, year)
    qtbot.keyClick(edit, Qt.Key.Key_Right)
    edit.setSelectedSection(edit.Section.MonthSection)
    qtbot.keyClicks(edit, month)
    edit.setSelectedSection(edit.Section.DaySection)
    qtbot.keyClicks(edit, day)
    QApplication.processEvents()


def test_a_look_at_no_date_leaves_no_date(qtbot, planned):
    window = planned
    field = opportunities_field(window)
    click_row(qtbot, field, 0)
    qtbot.mouseClick(field.plan.no_date, Qt.MouseButton.LeftButton)
    assert plan(window, "t-parent-checkout.o1").due is None
    edit, count = field.plan.due, window.undo_stack().count()
    assert edit.text() == "No date"
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(8, edit.height() // 2))
    assert edit.date().year() == date.today().year  # starts from today, not from 1752
    focus(field.plan.owner)  # leaves without choosing
    assert edit.text() == "No date" and window.undo_stack().count() == count
    assert plan(window, "t-parent-checkout.o1").due is None


def test_owner_offers_the_names_already_in_the_map(qtbot, planned):
    field = opportunities_field(planned)
    click_row(qtbot, field, 1)
    names = field.plan.owner_names.stringList()
    assert {"Mia", "Tom", "Sam"} <= set(names)
    assert planned.document().map.owner in names  # the map's owner too
    completer = field.plan.owner.completer()
    completer.setCompletionPrefix("mi")
    assert completer.currentCompletion() == "Mia"


def test_the_pains_answered_are_picked_from_the_whole_map_this_cards_first(qtbot, planned):
    window = planned
    doc = window.document()
    field = opportunities_field(window)
    click_row(qtbot, field, 1)
    pains = field.plan.pains
    own = [p.text for p in doc.get(CARD).pain_points]
    labels = [pains.item(r).text() for r in range(pains.count())]
    assert labels[:len(own)] == own
    gallery = doc.get(OTHER_CARD)
    wanted = f"{gallery.title}: {gallery.pain_points[0].text}"
    assert wanted in labels[len(own):]
    row = labels.index(wanted)

    def addresses():
        return plan(window, "t-parent-checkout.o2").addresses

    def tick():
        item = pains.item(row)
        pains.scrollToItem(item)
        rect = pains.visualItemRect(item)
        # the check box is at the item's left
        qtbot.mouseClick(pains.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 10, rect.center().y()))
        QApplication.processEvents()

    assert undoable(window, addresses, tick) == [gallery.pain_points[0].id]
    assert field.plan.ticked_labels() == [wanted]
    # A pain point found by a word (the list is long)
    assert field.plan.find.isVisible()
    listed = pains.count()
    field.plan.find.setText(gallery.pain_points[0].text)
    found = [pains.item(r).text() for r in range(pains.count())]
    assert wanted in found and len(found) < listed
    assert field.plan.ticked_labels() == [wanted]


def test_typing_over_an_opportunitys_text_keeps_its_plan(qtbot, planned):
    from .test_docks import edit_cell

    window = planned
    field = opportunities_field(window)
    edit_cell(qtbot, field.entries, 0, 0, "Offer Apple Pay")
    kept = plan(window, "t-parent-checkout.o1")
    assert (kept.text, kept.owner, kept.status, kept.effort) == ("Offer Apple Pay", "Mia", "planned", "medium")
    assert field.plan.what.text() == "Offer Apple Pay"


def test_a_new_opportunity_is_selected_to_be_planned(qtbot, planned):
    window = planned
    field = opportunities_field(window)
    button = next(b for b in field.entries.findChildren(QPushButton) if b.text() == "Add")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert field.selected() is not None and field.selected().text == "New"
    choose(qtbot, field.plan.status, "planned")
    assert window.document().get(CARD).opportunities[-1].status == "planned"


def test_another_card_starts_with_nothing_selected(qtbot, planned):
    field = opportunities_field(planned)
    click_row(qtbot, field, 0)
    opportunities_field(planned, OTHER_CARD)
    assert field.selected() is None and not field.plan.fields.isEnabled()


def test_a_big_map_lists_some_pains_and_finds_the_others_by_a_word(qtbot):
    from journeymapper.app.opportunity_plan import SHOWN_OTHERS, PlanForm
    from journeymapper.model.actions import PainChoice
    from journeymapper.model.schema import Opportunity

    form = PlanForm()
    qtbot.addWidget(form)
    form.show()
    choices = tuple(PainChoice(f"p{k}", f"Card {k}: pain number {k}", k < 2) for k in range(5000))
    form.show_plan(Opportunity(id="o", text="Fix it", addresses=["p4999"]), [], choices)
    labels = [form.pains.item(r).text() for r in range(form.pains.count())]
    assert labels[:2] == ["Card 0: pain number 0", "Card 1: pain number 1"]  # the card's own, all of them
    assert "Card 4999: pain number 4999" in labels  # ticked, though far down the map
    assert len(labels) == 2 + SHOWN_OTHERS + 1 + 1 and labels[-1].startswith(f"{5000 - 2 - SHOWN_OTHERS - 1:,} more")
    assert form.ticked_labels() == ["Card 4999: pain number 4999"]
    form.find.setText("number 3210")
    assert [form.pains.item(r).text() for r in range(form.pains.count())] == ["Card 3210: pain number 3210"]


def test_typing_a_cards_title_lists_no_pain_points_when_no_opportunity_is_selected(qtbot, planned, monkeypatch):
    from journeymapper.app import opportunity_plan

    window, doc = planned, planned.document()
    calls = []
    real = opportunity_plan.pain_choices
    monkeypatch.setattr(opportunity_plan, "pain_choices", lambda *args: calls.append(1) or real(*args))
    field = opportunities_field(window)
    assert field.selected() is None and field.plan.pains.count() == 0
    title = window.inspector.current.widgets["title"]
    focus(title)
    title.end(False)
    qtbot.keyClicks(title, " now")
    QApplication.processEvents()
    assert doc.get(CARD).title.endswith(" now")
    assert calls == [], "the pain points to pick from are listed only for a selected opportunity"
    # Selected: listed once; typing this card's own title lists them no more (its own are named without it)
    click_row(qtbot, field, 0)
    assert calls == [1] and field.plan.pains.count() > 0
    focus(title)
    title.end(False)
    qtbot.keyClicks(title, "!")
    QApplication.processEvents()
    assert doc.get(CARD).title.endswith(" now!") and calls == [1]
    # A card without pain points renamed: nothing to list again; another card with them: listed again
    bare = next(t for t in doc.touchpoints if not t.pain_points)
    window.editor.set_field(bare.id, "title", "Renamed")
    assert calls == [1]
    window.editor.set_field(OTHER_CARD, "title", "Looks at the new gallery")
    window.select_and_centre([CARD])
    QApplication.processEvents()
    click_row(qtbot, field, 0)
    labels = [field.plan.pains.item(r).text() for r in range(field.plan.pains.count())]
    assert f"Looks at the new gallery: {doc.get(OTHER_CARD).pain_points[0].text}" in labels
