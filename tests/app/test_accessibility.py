"""The map for screen readers, read through Qt's own accessibility API: the canvas's children are the
map's stage and persona headers, cards and flows, each saying what it is; arrow keys move the focus a
screen reader follows, and the focused card shows a ring. (tests/atspi reads the same over AT-SPI.)"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QAccessible, QColor

from journeymapper import gui
from journeymapper.canvas.accessible_items import ElementAccessible
from journeymapper.canvas.items import FOCUS_RING_OFFSET
from journeymapper.layout.labels import EMOTION_LABELS
from journeymapper.layout.style import DEFAULT_STYLE
from journeymapper.resources import example_map_path

from .test_gestures import card_center, click
from .test_keyboard import Key, key, keyboard_window, select

NAME, DESCRIPTION = QAccessible.Text.Name, QAccessible.Text.Description
Role = QAccessible.Role


def canvas(window):
    return QAccessible.queryAccessibleInterface(window.view())


def children(window) -> list:
    iface = canvas(window)
    return [iface.child(k) for k in range(iface.childCount())]


def elements(window) -> list[ElementAccessible]:
    return [child for child in children(window) if isinstance(child, ElementAccessible)]


def by_name(window) -> dict[str, ElementAccessible]:
    return {child.text(NAME): child for child in elements(window)}


def test_the_canvas_is_named_after_the_map_and_says_what_it_holds(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    iface = canvas(window)
    assert iface.role() == Role.Canvas
    assert iface.text(NAME) == "Journey map: Corner bakery: cakes and catering"
    assert iface.text(DESCRIPTION).startswith("5 stages, 2 personas, 25 cards, 27 flows.")
    assert iface.state().focusable and iface.state().multiSelectable


def test_headers_then_each_lane_stage_by_stage_then_the_flows(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    doc = window.document()
    found = elements(window)
    cards = [t.id for persona in doc.personas for stage in doc.stages
             for t in doc.touchpoints_in(persona.id, stage.id)]
    expected = [s.id for s in doc.stages] + [p.id for p in doc.personas] + cards + [f.id for f in doc.flows]
    assert [child.element_id for child in found] == expected
    assert len(cards) == 25 and len(doc.flows) == 27
    roles = [child.role() for child in found]
    assert roles == [Role.ColumnHeader] * 5 + [Role.RowHeader] * 2 + [Role.ListItem] * (25 + 27)
    headers = [s.name for s in doc.stages] + [p.name for p in doc.personas]
    assert [child.text(NAME) for child in found[:7]] == headers
    assert found[0].text(DESCRIPTION).startswith("stage 1 of 5; goal: People who need a cake")
    assert found[5].text(DESCRIPTION) == "persona 1 of 2; segment: Families; 12 touchpoints"


def test_every_card_reads_its_title_stage_persona_feeling_and_counts(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    doc = window.document()
    named = by_name(window)
    for card in doc.touchpoints:
        child = named[card.title]
        assert child.role() == Role.ListItem
        description = child.text(DESCRIPTION)
        assert f"stage: {doc.get(card.stage).name}; persona: {doc.get(card.persona).name}" in description
        if card.emotion is None:
            assert "feeling: not set" in description
        else:
            value = f"{card.emotion:+d}" if card.emotion else "0"
            assert f"feeling: {EMOTION_LABELS[card.emotion]} ({value})" in description
        pains = len(card.pain_points)
        assert f"{pains} pain point{'s' if pains != 1 else ''}" in description
        state = child.state()
        assert state.focusable and state.selectable and not state.focused and not state.selected
    form = named["Fills in the custom cake order form"].text(DESCRIPTION)
    assert form == ("stage: Purchase; persona: Busy parent; channel: Website; feeling: Negative (-1); "
                    "2 pain points; 2 opportunities; 1 quote; evidence: Validated")


def test_a_flow_reads_from_its_card_to_the_other_with_its_kind_and_label(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    doc = window.document()
    flows = [child for child in elements(window) if child.element_id in {f.id for f in doc.flows}]
    assert len(flows) == len(doc.flows) == 27
    for child in flows:
        flow = doc.get(child.element_id)
        source, target = doc.get(flow.source).title, doc.get(flow.target).title
        assert child.text(NAME) == f"Flow from {source} to {target}"
        assert child.text(DESCRIPTION).startswith("kind: ")
        assert (f"label: {flow.label}" in child.text(DESCRIPTION)) == bool(flow.label)
    loop = next(child for child in flows if "Loop back" in child.text(DESCRIPTION))
    assert loop.text(DESCRIPTION) == "kind: Loop back; label: Next birthday"


def test_each_child_knows_its_parent_its_index_and_its_place_on_the_screen(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    view, iface = window.view(), canvas(window)
    for index, child in enumerate(children(window)):
        assert iface.indexOfChild(child) == index
        assert child.parent() is iface or not isinstance(child, ElementAccessible)
        assert child.window() is window.windowHandle()
    layout = window.editor.scene.layout
    card_id = "t-parent-order-form"
    child = by_name(window)["Fills in the custom cake order form"]
    r = layout.card_rect(card_id)
    expected = view.mapFromScene(QRectF(r.x, r.y, r.w, r.h)).boundingRect()
    expected.translate(view.viewport().mapToGlobal(QPoint(0, 0)))
    assert child.rect() == expected
    assert not child.state().offscreen
    middle = child.rect().center()
    assert iface.childAt(middle.x(), middle.y()) is child  # (what is under a point)
    view.set_zoom(2.0)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    assert child.state().offscreen and child.rect() != expected  # (scrolled away: off the screen)


def test_an_interface_lives_as_long_as_its_element_and_reads_the_map_as_it_is(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    iface = canvas(window)
    count = iface.childCount()
    card = by_name(window)["Calls the shop to order instead"]
    assert iface.child(iface.indexOfChild(card)) is card  # one interface per element, not one per question
    window.editor.set_field("t-parent-phone-order", "title", "Phones the shop")
    qtbot.waitUntil(lambda: card.text(NAME) == "Phones the shop")
    uid = QAccessible.uniqueId(card)
    assert QAccessible.accessibleInterface(uid) is card
    flows = len(window.document().flows_touching(["t-parent-phone-order"]))
    select(window, "t-parent-phone-order")
    key(qtbot, window, Key.Key_Delete)
    qtbot.waitUntil(lambda: iface.childCount() == count - 1 - flows)
    qtbot.waitUntil(lambda: QAccessible.accessibleInterface(uid) is None)  # (handed back to Qt's cache)
    assert "Phones the shop" not in by_name(window)
    window.undo_stack().undo()
    qtbot.waitUntil(lambda: iface.childCount() == count)
    assert by_name(window)["Phones the shop"].element_id == "t-parent-phone-order"


def test_arrow_keys_move_the_focus_a_screen_reader_follows(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    iface = canvas(window)
    key(qtbot, window, Key.Key_Right)  # nothing selected: the first card
    focused = iface.focusChild()
    assert focused.text(NAME) == "Sees a friend's unicorn cake on Instagram"
    assert focused.state().focused and focused.state().selected
    key(qtbot, window, Key.Key_Right)
    key(qtbot, window, Key.Key_Down)
    focused = iface.focusChild()
    assert focused.text(NAME) == "Reads Google reviews about birthday cakes"
    assert [c.text(NAME) for c in elements(window) if c.state().focused] == [focused.text(NAME)]
    assert [c.text(NAME) for c in elements(window) if c.state().selected] == [focused.text(NAME)]
    window.inspector.setFocus()  # the focus leaves the canvas: no card says it has it
    qtbot.waitUntil(lambda: not focused.state().focused)


def test_tabbing_back_to_the_canvas_puts_the_focus_on_the_selected_card(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    select(window, "t-parent-reviews")
    window.inspector.setFocus()
    window.view().setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: canvas(window).focusChild() is not None)
    focused = canvas(window).focusChild()
    assert focused.text(NAME) == "Reads Google reviews about birthday cakes" and focused.state().focused
    assert window.item_for("t-parent-reviews").shows_focus_ring()


def test_the_focused_card_shows_a_ring_after_keys_and_not_after_a_click(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    key(qtbot, window, Key.Key_Right)
    item = window.item_for("t-parent-instagram")
    assert item.hasFocus() and item.shows_focus_ring()
    click(qtbot, window, card_center(window, "t-parent-gallery"))
    clicked = window.item_for("t-parent-gallery")
    assert clicked.hasFocus() and not clicked.shows_focus_ring()
    key(qtbot, window, Key.Key_Left)
    assert item.shows_focus_ring()


def _ring_pixels(window, card_id: str) -> int:
    """Pixels of the text's ink in the band where the focus ring goes, around the card (not on it)."""
    view = window.view()
    image = view.viewport().grab().toImage()
    layout = window.editor.scene.layout
    r = layout.card_rect(card_id)
    inner = view.mapFromScene(QRectF(r.x, r.y, r.w, r.h)).boundingRect().adjusted(-2, -2, 2, 2)
    reach = round(FOCUS_RING_OFFSET * view.zoom()) + 3
    outer = inner.adjusted(-reach, -reach, reach, reach)
    ink = QColor(DEFAULT_STYLE.palette.text)
    count = 0
    for y in range(outer.top(), outer.bottom() + 1):
        for x in range(outer.left(), outer.right() + 1):
            if inner.contains(x, y) or not image.rect().contains(x, y):
                continue
            pixel = image.pixelColor(x, y)
            distance = abs(pixel.red() - ink.red()) + abs(pixel.green() - ink.green()) + abs(pixel.blue() - ink.blue())
            if distance < 90:
                count += 1
    return count


def test_the_focus_ring_is_drawn_around_the_card_apart_from_the_selection(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    window.view().set_zoom(1.0)
    key(qtbot, window, Key.Key_Right)
    scene = window.editor.scene
    qtbot.waitUntil(lambda: _ring_pixels(window, "t-parent-instagram") > 100)  # the dashed ring, all round
    scene.set_focus_ring(False)
    assert window.item_for("t-parent-instagram").isSelected()
    qtbot.waitUntil(lambda: _ring_pixels(window, "t-parent-instagram") < 10)  # selected without a ring: no ink


def test_the_canvas_lists_a_big_map_whole_without_making_items(big_window):
    scene = big_window.editor.scene
    layout = scene.layout
    iface = canvas(big_window)
    made = len(scene.card_items)
    widgets = [c for c in children(big_window) if not isinstance(c, ElementAccessible)]
    assert iface.childCount() == len(layout.stages) + len(layout.lanes) + len(layout.cards) + len(layout.flows) + len(
        widgets)
    last_card = iface.child(len(layout.stages) + len(layout.lanes) + len(layout.cards) - 1)
    assert last_card.element_id not in scene.card_items, "(a part of the map no view has shown)"
    assert last_card.text(NAME) == big_window.document().get(last_card.element_id).title
    assert "stage: " in last_card.text(DESCRIPTION) and last_card.state().offscreen
    assert len(scene.card_items) == made, "reading the map makes no item"


def test_closing_the_window_hands_every_interface_back_to_qt(qtbot):
    window = gui.open_window(example_map_path())  # (not the fixture's: this test deletes the window)
    window.show()
    qtbot.waitExposed(window)
    iface = canvas(window)
    uids = [QAccessible.uniqueId(iface.child(k)) for k in range(12)]
    doc = window.document()
    listening = len(doc.changed)
    window.ask_save_changes = lambda: "discard"
    window.close()
    window.deleteLater()
    qtbot.waitUntil(lambda: all(QAccessible.accessibleInterface(uid) is None for uid in uids))
    assert len(doc.changed) < listening  # (the canvas no longer listens to the map)
