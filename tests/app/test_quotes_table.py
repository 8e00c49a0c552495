"""Customer quotes in the inspector, on a card and on a persona: added, typed (the words in their own
multi-line box, who, when and where in the table), refused when wrong, removed; every change one
undoable edit of the element's `quotes`, each new quote with an id of its own. A persona's evidence
and source are edited there too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from journeymapper.app.quotes_table import NEW_QUOTE, QuotesTable
from journeymapper.model.schema import Persona, Touchpoint

from .test_docks import CARD, PERSONA, choose, edit_cell, focus, press, refused, select, type_line, undoable


@pytest.fixture
def bakery(open_window, example_copy):
    return open_window(example_copy)


def quotes_of(window, element_id: str) -> list[dict]:
    return [q.model_dump() for q in window.document().get(element_id).quotes]


def add_quote(qtbot, window, table: QuotesTable, element_id: str, words: str) -> str:
    """Add (the words box gets the focus, "New quote" selected), then type the words over it (a Return
    key between lines): one undo step each, undone and redone exactly."""
    stack = window.undo_stack()
    count, before = stack.count(), quotes_of(window, element_id)
    press(qtbot, table, "Add")
    assert stack.count() == count + 1
    added = quotes_of(window, element_id)
    assert added[:-1] == before and added[-1]["text"] == NEW_QUOTE
    assert QApplication.focusWidget() is table.words and table.words.textCursor().selectedText() == NEW_QUOTE
    for k, line in enumerate(words.split("\n")):
        if k:
            qtbot.keyClick(table.words, Qt.Key.Key_Return)
        qtbot.keyClicks(table.words, line)
    assert stack.count() == count + 2, [stack.text(i) for i in range(stack.count())]
    typed = quotes_of(window, element_id)
    assert typed[-1]["text"] == words and typed[-1]["id"] == added[-1]["id"]
    stack.undo()
    assert quotes_of(window, element_id) == added
    stack.undo()
    assert quotes_of(window, element_id) == before
    stack.redo()
    stack.redo()
    assert quotes_of(window, element_id) == typed
    return typed[-1]["id"]


def test_a_quote_is_added_typed_and_removed_on_a_card_one_undo_step_each(qtbot, bakery):
    window = bakery
    doc = window.document()
    form = select(window, CARD, Touchpoint)
    table = form.widgets["quotes"]
    assert isinstance(table, QuotesTable)
    assert [table.table.horizontalHeaderItem(c).text() for c in range(4)] == ["Quote", "Who", "Date", "Source"]
    first = add_quote(qtbot, window, table, CARD, "I phoned twice.\nNobody called me back.")
    assert quotes_of(window, CARD)[-1]["text"] == "I phoned twice.\nNobody called me back."
    second = add_quote(qtbot, window, table, CARD, "Lovely cakes, <b>great</b> service")
    ids = [q["id"] for q in quotes_of(window, CARD)]
    assert first != second and len(set(ids)) == len(ids)
    elsewhere = {item for t in doc.touchpoints if t.id != CARD for item in
                 [p.id for p in t.pain_points] + [o.id for o in t.opportunities] + [q.id for q in t.quotes]}
    assert not elsewhere & set(ids), "a new quote's id is new in the map"
    assert table.table.item(1, 0).text() == "Lovely cakes, <b>great</b> service"  # (as typed: plain text)

    # Who, when and where are typed in the table: one step each.
    row = len(ids) - 2
    undoable(window, lambda: quotes_of(window, CARD)[row]["who"], lambda: edit_cell(qtbot, table, row, 1, "Anna"))
    undoable(window, lambda: quotes_of(window, CARD)[row]["date"],
             lambda: edit_cell(qtbot, table, row, 2, "2026-11-02"))
    undoable(window, lambda: quotes_of(window, CARD)[row]["source"],
             lambda: edit_cell(qtbot, table, row, 3, "Phone interview"))
    assert quotes_of(window, CARD)[row] == {"id": first, "text": "I phoned twice.\nNobody called me back.",
                                            "who": "Anna", "date": "2026-11-02", "source": "Phone interview"}

    # Selecting a row shows that quote's words, whole; typing there changes that quote only.
    table.table.setCurrentCell(row, 0)
    assert table.words.toPlainText() == "I phoned twice.\nNobody called me back."
    focus(table.words)
    table.words.moveCursor(table.words.textCursor().MoveOperation.End)
    undoable(window, lambda: quotes_of(window, CARD), lambda: qtbot.keyClicks(table.words, " Twice!"))
    assert quotes_of(window, CARD)[row]["text"].endswith("back. Twice!")
    assert quotes_of(window, CARD)[row + 1]["text"] == "Lovely cakes, <b>great</b> service"

    # Removed: one step; undo brings it back with its id.
    table.table.setCurrentCell(row, 0)
    before = quotes_of(window, CARD)
    undoable(window, lambda: quotes_of(window, CARD), lambda: press(qtbot, table, "Remove"))
    assert [q["id"] for q in quotes_of(window, CARD)] == [q["id"] for q in before if q["id"] != first]
    window.undo_stack().undo()
    assert quotes_of(window, CARD) == before


def test_a_wrong_date_or_empty_words_are_refused_with_a_reason(qtbot, bakery):
    window = bakery
    form = select(window, CARD, Touchpoint)
    table = form.widgets["quotes"]
    add_quote(qtbot, window, table, CARD, "Too slow")
    row = len(quotes_of(window, CARD)) - 1
    message = refused(window, form, lambda: quotes_of(window, CARD),
                      lambda: edit_cell(qtbot, table, row, 2, "next Tuesday"), "Customer quotes")
    assert "date" in message.lower()
    edit_cell(qtbot, table, row, 2, "")  # (put right: no date)
    table.table.setCurrentCell(row, 0)
    focus(table.words)
    refused(window, form, lambda: quotes_of(window, CARD),
            lambda: (table.words.selectAll(), qtbot.keyClick(table.words, Qt.Key.Key_Backspace)), "Customer quotes")
    assert quotes_of(window, CARD)[row]["text"] == "Too slow"


def test_a_refused_cell_shows_the_documents_value_again_and_blocks_no_later_edit(qtbot, bakery):
    """A Who of 300 characters is refused; its text must not stay in its cell, or every later edit of
    the card's quotes (each commits the whole list) is refused with the old reason."""
    window = bakery
    form = select(window, CARD, Touchpoint)
    table = form.widgets["quotes"]
    add_quote(qtbot, window, table, CARD, "Too slow")
    add_quote(qtbot, window, table, CARD, "Nice staff")
    first, second = len(quotes_of(window, CARD)) - 2, len(quotes_of(window, CARD)) - 1
    message = refused(window, form, lambda: quotes_of(window, CARD),
                      lambda: edit_cell(qtbot, table, first, 1, "W" * 300), "Customer quotes")
    assert "200" in message
    assert table.table.item(first, 1).text() == quotes_of(window, CARD)[first]["who"] == ""
    assert form.error.text() == message  # (the reason stays under the form)
    stack = window.undo_stack()
    count = stack.count()
    edit_cell(qtbot, table, first, 2, "2026-11-11")
    assert str(quotes_of(window, CARD)[first]["date"]) == "2026-11-11"
    assert stack.count() == count + 1 and form.error.text() == ""
    edit_cell(qtbot, table, second, 2, "2026-10-10")
    assert str(quotes_of(window, CARD)[second]["date"]) == "2026-10-10"
    refused(window, form, lambda: quotes_of(window, CARD), lambda: edit_cell(qtbot, table, second, 2, "soon"),
            "Customer quotes")
    assert table.table.item(second, 2).text() == "2026-10-10"


def test_the_words_box_follows_the_selection_and_the_element(qtbot, bakery):
    window = bakery
    form = select(window, CARD, Touchpoint)
    table = form.widgets["quotes"]
    add_quote(qtbot, window, table, CARD, "First words")
    add_quote(qtbot, window, table, CARD, "Second words")
    table.table.setCurrentCell(0, 0)
    assert table.words.toPlainText() == "First words"
    table.table.setCurrentCell(1, 3)
    assert table.words.toPlainText() == "Second words"
    other = next(t.id for t in window.document().touchpoints if t.id != CARD and not t.quotes)
    form = select(window, other, Touchpoint)
    assert form.widgets["quotes"].table.rowCount() == 0
    assert not form.widgets["quotes"].words.isEnabled() and form.widgets["quotes"].words.toPlainText() == ""


def test_a_persona_has_evidence_a_source_and_quotes(qtbot, bakery):
    window = bakery
    doc = window.document()
    form = select(window, PERSONA, Persona)
    w = form.widgets

    def persona():
        return doc.get(PERSONA)

    undoable(window, lambda: persona().evidence, lambda: choose(qtbot, w["evidence"], "validated"))
    assert persona().evidence == "validated"
    undoable(window, lambda: persona().source, lambda: type_line(qtbot, w["source"], "Survey of 120 customers"))
    assert persona().source == "Survey of 120 customers"
    quote_id = add_quote(qtbot, window, w["quotes"], PERSONA, "I order platters twice a month")
    undoable(window, lambda: quotes_of(window, PERSONA)[0]["who"], lambda: edit_cell(qtbot, w["quotes"], 0, 1, "Kim"))
    assert quotes_of(window, PERSONA) == [{"id": quote_id, "text": "I order platters twice a month", "who": "Kim",
                                           "date": None, "source": ""}]
    assert quote_id not in {q.id for t in doc.touchpoints for q in t.quotes}
