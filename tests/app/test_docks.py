"""The docks: the inspector edits every field of every kind of element (undoably, validated), and the
Problems panel follows the checker and selects what a problem is about.

Typing is real key events into the inspector's widgets; choices are made with the keyboard
(arrow keys on a combo box), table cells are edited with F2, typing and Enter.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QPlainTextEdit, QPushButton

from journeymapper.check import check_map
from journeymapper.model.schema import Flow, Persona, Stage, Touchpoint

CARD = "t-parent-gallery"
STAGE = "s-consideration"
PERSONA = "p-office"
FLOW = "f-06"


# -- helpers -----------------------------------------------------------------------------------------
def select(window, element_id: str | None, kind=None):
    """Select one element (None: nothing, so the map's own form shows) and return the inspector form."""
    window.select_and_centre([element_id] if element_id else [])
    QApplication.processEvents()
    form = window.inspector.current
    assert form is window.inspector.form_for(kind or "map")
    return form


def focus(widget) -> None:
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    QApplication.processEvents()
    assert QApplication.focusWidget() is widget


def type_line(qtbot, line_edit, text: str) -> None:
    """Click into a line edit, select all and type over it."""
    focus(line_edit)
    line_edit.selectAll()
    qtbot.keyClicks(line_edit, text)


def clear_line(qtbot, line_edit) -> None:
    focus(line_edit)
    line_edit.selectAll()
    qtbot.keyClick(line_edit, Qt.Key.Key_Backspace)


def type_text(qtbot, edit: QPlainTextEdit, text: str) -> None:
    """Type over a multi-line field; a newline is a Return key."""
    focus(edit)
    edit.selectAll()
    for k, line in enumerate(text.split("\n")):
        if k:
            qtbot.keyClick(edit, Qt.Key.Key_Return)
        if line:
            qtbot.keyClicks(edit, line)


def choose(qtbot, combo: QComboBox, value) -> None:
    """Pick a choice with the arrow keys, as a person using the keyboard would."""
    target = combo.findData(value)
    assert target >= 0, value
    focus(combo)
    for _ in range(combo.count()):
        if combo.currentIndex() == target:
            break
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)
    assert combo.currentIndex() == target


def double_click(qtbot, widget, point) -> None:
    """A person's double-click: a click, then the second press that makes it a double-click."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def edit_cell(qtbot, table_widget, row: int, column: int, text: str) -> None:
    """Double-click a cell of an inspector table, type over it, Enter."""
    table = table_widget.table
    table.scrollToItem(table.item(row, column))
    double_click(qtbot, table.viewport(), table.visualItemRect(table.item(row, column)).center())
    editor = QApplication.focusWidget()
    assert editor is not table and table.isAncestorOf(editor), editor
    editor.selectAll()
    if text:
        qtbot.keyClicks(editor, text)
    else:
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()


def press(qtbot, table_widget, label: str) -> None:
    button = next(b for b in table_widget.findChildren(QPushButton) if b.text() == label)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def undoable(window, read, action):
    """Run an edit; it must change the value as ONE undo step that undoes and redoes exactly."""
    stack = window.undo_stack()
    count, old = stack.count(), read()
    action()
    new = read()
    assert new != old, "the edit did not reach the Document"
    assert stack.count() == count + 1, [stack.text(i) for i in range(stack.count())]
    stack.undo()
    assert read() == old
    stack.redo()
    assert read() == new
    return new


def refused(window, form, read, action, field_label: str) -> str:
    """Run an edit that must be refused: a visible message, no change, no undo step."""
    stack = window.undo_stack()
    count, old = stack.count(), read()
    action()
    assert read() == old
    assert stack.count() == count
    assert form.error.isVisible()
    assert form.error.text().startswith(f"{field_label}:"), form.error.text()
    return form.error.text()


@pytest.fixture
def bakery(open_window, example_copy):
    return open_window(example_copy)


# -- the inspector ------------------------------------------------------------------------------------
def test_clicking_a_card_shows_it_in_the_inspector(qtbot, bakery):
    window = bakery
    item = window.item_for(CARD)
    view = window.view()
    view.ensureVisible(item.sceneBoundingRect(), 20, 20)
    point = view.mapFromScene(item.sceneBoundingRect().center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert window.selected_ids() == [CARD]
    form = window.inspector.current
    assert form is window.inspector.form_for(Touchpoint)
    assert form.widgets["title"].text() == window.document().get(CARD).title


def test_inspector_edits_every_field_of_a_touchpoint(qtbot, bakery):
    window = bakery
    doc = window.document()
    form = select(window, CARD, Touchpoint)
    w = form.widgets

    def card():
        return doc.get(CARD)

    undoable(window, lambda: card().title, lambda: type_line(qtbot, w["title"], "Scrolls the gallery"))
    assert card().title == "Scrolls the gallery"
    undoable(window, lambda: card().channel, lambda: choose(qtbot, w["channel"], "email"))
    assert card().channel == "email"
    undoable(window, lambda: card().emotion, lambda: choose(qtbot, w["emotion"], -2))
    assert card().emotion == -2
    undoable(window, lambda: card().action, lambda: type_text(qtbot, w["action"], "Opens the site\nScrolls"))
    assert card().action == "Opens the site\nScrolls"
    undoable(window, lambda: card().thoughts, lambda: type_text(qtbot, w["thoughts"], "Too pricey?"))
    assert card().thoughts == "Too pricey?"
    undoable(window, lambda: card().owner, lambda: type_line(qtbot, w["owner"], "Kim"))
    assert card().owner == "Kim"
    undoable(window, lambda: card().evidence, lambda: choose(qtbot, w["evidence"], "anecdotal"))
    assert card().evidence == "anecdotal"
    undoable(window, lambda: card().source, lambda: type_line(qtbot, w["source"], "Interviews"))
    assert card().source == "Interviews"
    undoable(window, lambda: card().notes, lambda: type_text(qtbot, w["notes"], "Check with Jo"))
    assert card().notes == "Check with Jo"
    assert form.error.text() == ""


@pytest.mark.parametrize("field,level_key", [("pain_points", "severity"), ("opportunities", "priority")])
def test_inspector_edits_a_touchpoints_entry_tables(qtbot, bakery, field, level_key):
    window = bakery
    doc = window.document()
    form = select(window, CARD, Touchpoint)
    table = form.widgets[field]

    def entries():
        return [(e.text, getattr(e, level_key)) for e in getattr(doc.get(CARD), field)]

    before = entries()
    assert table.table.rowCount() == len(before)
    undoable(window, entries, lambda: press(qtbot, table, "Add"))
    assert entries() == [*before, ("New", "medium")]
    row = len(before)
    undoable(window, entries, lambda: edit_cell(qtbot, table, row, 0, "Queue at the till"))
    assert entries()[row] == ("Queue at the till", "medium")
    undoable(window, entries, lambda: choose(qtbot, table.table.cellWidget(row, 1), "high"))
    assert entries()[row] == ("Queue at the till", "high")

    def remove_first():
        table.table.setCurrentCell(0, 0)
        press(qtbot, table, "Remove")

    undoable(window, entries, remove_first)
    assert entries() == [*before[1:], ("Queue at the till", "high")]
    assert table.table.rowCount() == len(entries())


def test_inspector_edits_every_field_of_a_stage(qtbot, bakery):
    window = bakery
    doc = window.document()
    form = select(window, STAGE, Stage)
    w = form.widgets

    def stage():
        return doc.get(STAGE)

    undoable(window, lambda: stage().name, lambda: type_line(qtbot, w["name"], "Choosing"))
    assert stage().name == "Choosing"
    undoable(window, lambda: stage().goal, lambda: type_line(qtbot, w["goal"], "Pick a cake"))
    assert stage().goal == "Pick a cake"
    undoable(window, lambda: stage().description, lambda: type_text(qtbot, w["description"], "Where\nthey look"))
    assert stage().description == "Where\nthey look"

    kpis = w["kpis"]

    def rows():
        return [(k.name, k.value, k.target, k.unit) for k in stage().kpis]

    before = rows()
    undoable(window, rows, lambda: press(qtbot, kpis, "Add"))
    row = len(before)
    assert rows()[row] == ("New KPI", None, None, "")
    undoable(window, rows, lambda: edit_cell(qtbot, kpis, row, 0, "Cake enquiries"))
    undoable(window, rows, lambda: edit_cell(qtbot, kpis, row, 1, "2,5"))
    undoable(window, rows, lambda: edit_cell(qtbot, kpis, row, 2, "12"))
    undoable(window, rows, lambda: edit_cell(qtbot, kpis, row, 3, "per week"))
    assert rows()[row] == ("Cake enquiries", 2.5, 12, "per week")
    assert isinstance(stage().kpis[row].target, int)
    assert rows()[:row] == before


def test_inspector_edits_every_field_of_a_persona(qtbot, bakery):
    window = bakery
    doc = window.document()
    form = select(window, PERSONA, Persona)
    w = form.widgets

    def persona():
        return doc.get(PERSONA)

    undoable(window, lambda: persona().name, lambda: type_line(qtbot, w["name"], "Office lead"))
    assert persona().name == "Office lead"
    undoable(window, lambda: persona().segment, lambda: type_line(qtbot, w["segment"], "B2B"))
    assert persona().segment == "B2B"

    def set_colour():
        type_line(qtbot, w["color"].edit, "#123456")
        qtbot.keyClick(w["color"].edit, Qt.Key.Key_Return)

    undoable(window, lambda: persona().color, set_colour)
    assert persona().color == "#123456"
    undoable(window, lambda: persona().description, lambda: type_text(qtbot, w["description"], "Orders lunch"))
    assert persona().description == "Orders lunch"
    for field in ("goals", "needs", "frustrations"):
        undoable(window, lambda f=field: getattr(persona(), f),
                 lambda f=field: type_text(qtbot, w[f], f"First {f}\n\nSecond {f}  "))
        assert getattr(persona(), field) == [f"First {field}", f"Second {field}"]


def test_inspector_edits_a_flow(qtbot, bakery):
    window = bakery
    doc = window.document()
    form = select(window, FLOW, Flow)

    def flow():
        return doc.get(FLOW)

    undoable(window, lambda: flow().label, lambda: type_line(qtbot, form.widgets["label"], "Calls instead"))
    assert flow().label == "Calls instead"
    undoable(window, lambda: flow().kind, lambda: choose(qtbot, form.widgets["kind"], "loop"))
    assert flow().kind == "loop"


def test_inspector_edits_the_map(qtbot, bakery):
    window = bakery
    doc = window.document()
    form = select(window, None)
    w = form.widgets
    undoable(window, lambda: doc.map.title, lambda: type_line(qtbot, w["title"], "Bakery 2027"))
    assert doc.map.title == "Bakery 2027"
    undoable(window, lambda: doc.map.owner, lambda: type_line(qtbot, w["owner"], "Maria"))
    assert doc.map.owner == "Maria"
    undoable(window, lambda: doc.map.review_by, lambda: type_line(qtbot, w["review_by"], "2027-03-01"))
    assert doc.map.review_by == date(2027, 3, 1)
    undoable(window, lambda: doc.map.description, lambda: type_text(qtbot, w["description"], "Why\nand how"))
    assert doc.map.description == "Why\nand how"
    # Emptying the date removes it.
    undoable(window, lambda: doc.map.review_by, lambda: clear_line(qtbot, w["review_by"]))
    assert doc.map.review_by is None


def test_typing_in_one_field_is_one_undo_step_per_visit(qtbot, bakery):
    window = bakery
    doc = window.document()
    stack = window.undo_stack()
    form = select(window, CARD, Touchpoint)
    original = doc.get(CARD).title
    title = form.widgets["title"]
    type_line(qtbot, title, "Abc")
    qtbot.keyClicks(title, "def")
    assert doc.get(CARD).title == "Abcdef"
    assert stack.count() == 1
    # Leaving the field and coming back starts a new step.
    focus(form.widgets["owner"])
    focus(title)
    qtbot.keyClicks(title, "gh")
    assert doc.get(CARD).title == "Abcdefgh"
    assert stack.count() == 2
    stack.undo()
    assert doc.get(CARD).title == "Abcdef"
    assert title.text() == "Abcdef"  # the form follows the Document
    stack.undo()
    assert doc.get(CARD).title == original
    assert title.text() == original
    # Typing in a multi-line field is one step as well.
    type_text(qtbot, form.widgets["notes"], "one\ntwo three")
    assert stack.count() == 1
    assert doc.get(CARD).notes == "one\ntwo three"


def test_typing_into_another_element_is_another_step(qtbot, bakery):
    window = bakery
    doc = window.document()
    stack = window.undo_stack()
    form = select(window, CARD, Touchpoint)
    form.widgets["owner"].end(False)  # (a field shows the beginning of its text; the typing here goes at its end)
    qtbot.keyClicks(form.widgets["owner"], "X")
    other = doc.touchpoints[0].id
    assert other != CARD
    form = select(window, other, Touchpoint)
    form.widgets["owner"].end(False)
    qtbot.keyClicks(form.widgets["owner"], "Y")
    assert stack.count() == 2
    assert doc.get(CARD).owner.endswith("X") and doc.get(other).owner.endswith("Y")


def test_invalid_values_are_refused_with_a_message(qtbot, bakery):
    window = bakery
    doc = window.document()
    # The map: a date that is not a date, an empty title.
    form = select(window, None)
    refused(window, form, lambda: doc.map.review_by, lambda: type_line(qtbot, form.widgets["review_by"], "soon"),
            "Review by (YYYY-MM-DD)")
    refused(window, form, lambda: doc.map.title, lambda: clear_line(qtbot, form.widgets["title"]), "Title")
    # A valid value clears the message.
    type_line(qtbot, form.widgets["title"], "Fine")
    assert doc.map.title == "Fine" and form.error.text() == ""
    # A card's empty title.
    form = select(window, CARD, Touchpoint)
    refused(window, form, lambda: doc.get(CARD).title, lambda: clear_line(qtbot, form.widgets["title"]), "Title")
    # A persona's colour "red".
    form = select(window, PERSONA, Persona)
    colour = form.widgets["color"].edit

    def red():
        type_line(qtbot, colour, "red")
        qtbot.keyClick(colour, Qt.Key.Key_Return)

    message = refused(window, form, lambda: doc.get(PERSONA).color, red, "Colour")
    assert "red" in message
    # A KPI value "abc".
    form = select(window, STAGE, Stage)
    message = refused(window, form, lambda: doc.get(STAGE).kpis,
                      lambda: edit_cell(qtbot, form.widgets["kpis"], 0, 1, "abc"), "KPIs")
    assert "abc" in message
    # Coming back to the stage shows the Document's values again; an empty KPI name is refused too.
    select(window, CARD, Touchpoint)
    form = select(window, STAGE, Stage)
    assert form.widgets["kpis"].cell(0, 1) == f"{doc.get(STAGE).kpis[0].value:g}" != "abc"
    message = refused(window, form, lambda: doc.get(STAGE).kpis,
                      lambda: edit_cell(qtbot, form.widgets["kpis"], 1, 0, ""), "KPIs")
    assert "name" in message, message
    assert window.undo_stack().count() == 1  # only the valid map title


def test_selecting_another_element_clears_an_old_message(qtbot, bakery):
    window = bakery
    form = select(window, CARD, Touchpoint)
    clear_line(qtbot, form.widgets["title"])
    assert form.error.text()
    select(window, STAGE, Stage)
    form = select(window, window.document().touchpoints[0].id, Touchpoint)
    assert form.error.text() == ""
    assert form.widgets["title"].text() == window.document().touchpoints[0].title


def test_kpi_numbers_are_read_as_a_person_types_them(qtbot, bakery):
    window = bakery
    doc = window.document()
    form = select(window, STAGE, Stage)
    kpis = form.widgets["kpis"]
    readings = len(doc.get(STAGE).kpis[0].readings)
    today = window.editor.today()
    had_today = any(r.date == today for r in doc.get(STAGE).kpis[0].readings)
    # (a cleared cell removes no reading: the history stays, the latest value with it)
    for typed, stored in [("1 200", 1200), ("2,5", 2.5), ("-3", -3), ("0.75", 0.75), ("", 0.75)]:
        edit_cell(qtbot, kpis, 0, 1, typed)
        assert doc.get(STAGE).kpis[0].value == stored, typed
        assert type(doc.get(STAGE).kpis[0].value) is type(stored)
        assert form.error.text() == ""
    # A new value is a reading of today; today's reading is corrected, not added again.
    latest = doc.get(STAGE).kpis[0].readings[-1]
    assert len(doc.get(STAGE).kpis[0].readings) == readings + (0 if had_today else 1) and latest.date == today
    for typed in ("nan", "inf", "12%"):
        message = refused(window, form, lambda: doc.get(STAGE).kpis, lambda t=typed: edit_cell(qtbot, kpis, 0, 1, t),
                          "KPIs")
        assert message.startswith("KPIs: KPI 1"), message
    # A pain point with no text is refused too.
    form = select(window, CARD, Touchpoint)
    refused(window, form, lambda: doc.get(CARD).pain_points,
            lambda: edit_cell(qtbot, form.widgets["pain_points"], 0, 0, ""), "Pain points")


def test_coming_back_to_an_element_shows_no_stale_message(qtbot, bakery):
    window = bakery
    form = select(window, CARD, Touchpoint)
    clear_line(qtbot, form.widgets["title"])
    assert form.error.text()
    select(window, STAGE, Stage)
    form = select(window, CARD, Touchpoint)
    assert form.widgets["title"].text() == window.document().get(CARD).title
    assert form.error.text() == ""


def test_several_selected_elements_show_a_count(bakery):
    window = bakery
    ids = [t.id for t in window.document().touchpoints[:3]]
    window.select_and_centre(ids)
    current = window.inspector.current
    assert isinstance(current, QLabel) and current.text() == "3 items selected"


# -- the Problems panel ---------------------------------------------------------------------------------
def panel_rows(window):
    panel = window.problems
    return [(panel.row_text(i, 0), panel.row_text(i, 1), panel.row_text(i, 2)) for i in range(panel.row_count())]


def expected_rows(window):
    return [(p.code, " ".join(p.message.split()), ", ".join(p.names)) for p in check_map(window.document().map)]


def test_problems_panel_follows_the_checker(qtbot, bakery):
    window = bakery
    assert panel_rows(window) == expected_rows(window) == []
    assert window.counts.text() == "No problems"
    # Delete a flow on the canvas: its source becomes a dead end.
    window.select_and_centre(["f-04"])
    assert window.selected_ids() == ["f-04"]
    qtbot.keyClick(window.view(), Qt.Key.Key_Delete)
    assert "f-04" not in window.document()
    qtbot.waitUntil(lambda: panel_rows(window) != [])
    rows = panel_rows(window)
    assert rows == expected_rows(window)
    assert [r[0] for r in rows] == ["JM006"]
    assert rows[0][2] == "“Reads Google reviews about birthday cakes”"
    assert "Reads Google reviews about birthday cakes" in rows[0][1]
    assert window.counts.text() == "0 errors · 1 warning · 0 info"
    # Another change: an empty stage adds an info.
    window.select_and_centre(["s-loyalty"])
    window.actions_by_name["add_stage"].trigger()
    window.inline.cancel()
    qtbot.waitUntil(lambda: len(panel_rows(window)) == 2)
    assert panel_rows(window) == expected_rows(window)
    assert window.counts.text() == "0 errors · 1 warning · 1 info"
    # Undo both: back to no problems.
    window.undo_stack().undo()
    window.undo_stack().undo()
    qtbot.waitUntil(lambda: panel_rows(window) == [])
    assert window.counts.text() == "No problems"


def test_activating_a_problem_selects_its_elements(qtbot, bakery):
    window = bakery
    window.select_and_centre(["f-04"])
    window.actions_by_name["delete"].trigger()
    qtbot.waitUntil(lambda: window.problems.row_count() == 1)
    window.select_and_centre([])
    panel = window.problems
    rect = panel.row_rect(0)
    double_click(qtbot, panel.viewport(), rect.center())
    assert window.selected_ids() == ["t-parent-reviews"]
    assert window.inspector.current is window.inspector.form_for(Touchpoint)
    # The keyboard way (Enter on the row) and the signal give the same.
    window.select_and_centre([])
    panel.setCurrentIndex(panel.finding_index(0))
    panel.activated.emit(panel.finding_index(0))
    assert window.selected_ids() == ["t-parent-reviews"]
    # The card is in view.
    view = window.view()
    card_rect = view.mapFromScene(window.item_for("t-parent-reviews").sceneBoundingRect()).boundingRect()
    assert view.viewport().rect().intersects(card_rect)


def test_a_problem_about_a_deleted_element_selects_what_is_left(qtbot, bakery):
    window = bakery
    window.select_and_centre(["f-04"])
    window.actions_by_name["delete"].trigger()
    qtbot.waitUntil(lambda: window.problems.row_count() == 1)
    window.problems.elementsActivated.emit(["t-parent-reviews", "no-such-id"])
    assert window.selected_ids() == ["t-parent-reviews"]


# -- keys typed in the docks stay in the docks ------------------------------------------------------------
def test_delete_key_in_an_inspector_table_does_not_delete_the_card(qtbot, bakery):
    window = bakery
    form = select(window, CARD, Touchpoint)
    table = form.widgets["pain_points"].table
    focus(table)
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert CARD in window.document()


def test_f2_in_an_inspector_table_edits_the_cell(qtbot, bakery):
    window = bakery
    form = select(window, STAGE, Stage)
    table = form.widgets["kpis"].table
    focus(table)
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    assert window.inline.edit is None
    assert table.isAncestorOf(QApplication.focusWidget())


def test_backspace_and_select_all_in_an_inspector_field_edit_the_field(qtbot, bakery):
    window = bakery
    doc = window.document()
    form = select(window, CARD, Touchpoint)
    owner = form.widgets["owner"]
    focus(owner)
    qtbot.keyClick(owner, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert owner.selectedText() == owner.text()
    assert window.selected_ids() == [CARD]
    qtbot.keyClick(owner, Qt.Key.Key_End)
    qtbot.keyClick(owner, Qt.Key.Key_Backspace)
    assert CARD in doc
    assert doc.get(CARD).owner == "Jo (online orders"
