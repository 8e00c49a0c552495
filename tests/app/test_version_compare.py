"""File > Compare With…: another version of the map (a colleague's copy) marked on the canvas and listed,
and theirs taken per element, per field, per item or all at once, each as one undoable step. Closing the
compare clears the marks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from journeymapper.app.take_theirs import PLACE, Pick, take_theirs
from journeymapper.app.version_changes import change_rows, signed
from journeymapper.canvas.compare_marks import MarkItem
from journeymapper.io import load_path, save
from journeymapper.model.diff import diff_maps
from journeymapper.model.document import Document
from journeymapper.model.schema import Stage, Touchpoint
from tests.app.conftest import viewport_point


class Theirs:
    """A colleague's copy of the example: one card's feeling and title changed, one card (with its flows)
    removed, one card added in an existing cell, one added in a new stage."""

    def __init__(self, path, tmp_path):
        doc = Document(load_path(path).map)
        cards = doc.touchpoints
        self.changed = next(t for t in cards if t.emotion is not None and t.emotion < 2)
        self.old_emotion, self.old_title = self.changed.emotion, self.changed.title
        self.new_emotion = self.old_emotion + 1 if self.old_emotion < 0 else -2
        doc.set_field(self.changed.id, "emotion", self.new_emotion)
        doc.set_field(self.changed.id, "title", "Sees the cake on Instagram")
        self.removed = next(t for t in cards if doc.flows_touching([t.id]) and t.id != self.changed.id)
        self.removed_flows = {f.id for f in doc.flows_touching([self.removed.id])}
        doc.remove_touchpoint(self.removed.id, cascade=True)
        self.cell = (doc.personas[0].id, doc.stages[1].id)
        doc.add_touchpoint(Touchpoint(id="c-whatsapp", persona=self.cell[0], stage=self.cell[1],
                                      title="Asks a friend on WhatsApp", emotion=1))
        doc.add_stage(Stage(id="s-club-new", name="Loyalty club"))
        doc.add_touchpoint(Touchpoint(id="c-club", persona=self.cell[0], stage="s-club-new", title="Joins the club"))
        self.map = doc.map
        self.path = tmp_path / "colleague.jmap"
        save(self.path, self.map)


@pytest.fixture
def theirs(example_copy, tmp_path):
    return Theirs(example_copy, tmp_path)


def _compare(window, path):
    window.ask_version_file = lambda: str(path)
    window.actions_by_name["compare_versions"].trigger()
    compare = window.version_compare
    assert compare is not None and window.compare_dock.isVisible()
    return compare


def _marks(window):
    return [item for item in window.editor.scene.items() if isinstance(item, MarkItem)]


def test_the_other_versions_changes_are_marked_on_the_cards_with_words(qtbot, open_window, example_copy, theirs):
    window = open_window(example_copy)
    compare = _compare(window, theirs.path)
    marks = compare.marks
    assert marks.kind_of(theirs.changed.id) == "changed"
    assert marks.kind_of(theirs.removed.id) == "not in theirs"
    assert marks.kind_of(theirs.cell) == "+1 new in theirs"  # (not in this map: its cell says so)
    assert marks.kind_of("c-club") is None  # (its stage is not in this map: listed only)
    unchanged = [t.id for t in window.document().touchpoints if t.id not in (theirs.changed.id, theirs.removed.id)]
    assert all(marks.kind_of(card) is None for card in unchanged)
    badge = marks.items[theirs.changed.id]
    card = window.item_for(theirs.changed.id).sceneBoundingRect()
    assert badge.sceneBoundingRect().intersects(card) and badge.toolTip()  # on the card, and says what changed


def test_the_list_names_each_difference_with_both_values(qtbot, open_window, example_copy, theirs):
    window = open_window(example_copy)
    panel = _compare(window, theirs.path).panel
    row = panel.item_for(theirs.changed.id)
    assert theirs.map.touchpoints and row.text(2).startswith("changed")
    emotion = panel.item_for(theirs.changed.id, "emotion")
    assert (emotion.text(3), emotion.text(4)) == (signed(theirs.old_emotion), signed(theirs.new_emotion))
    title = panel.item_for(theirs.changed.id, "title")
    assert (title.text(3), title.text(4)) == (theirs.old_title, "Sees the cake on Instagram")
    assert panel.item_for(theirs.removed.id).text(2) == "not in theirs"
    assert panel.item_for("c-whatsapp").text(2) == "new in theirs"
    assert panel.item_for("s-club-new").text(0) == "Stage “Loyalty club”"
    assert "1 changed" in panel.summary.text() and "“colleague.jmap”" in panel.summary.text()


def test_taking_one_field_of_theirs_is_one_undoable_step(qtbot, open_window, example_copy, theirs):
    window = open_window(example_copy)
    compare = _compare(window, theirs.path)
    before, steps = window.document().map.model_dump(), window.undo_stack().count()
    panel = compare.panel
    panel.tree.setCurrentItem(panel.item_for(theirs.changed.id, "emotion"))
    qtbot.mouseClick(panel.take_button, Qt.MouseButton.LeftButton)
    card = window.document().get(theirs.changed.id)
    assert card.emotion == theirs.new_emotion and card.title == theirs.old_title  # only that field
    assert window.undo_stack().count() == steps + 1
    assert "emotion" in window.undo_stack().undoText()
    assert panel.item_for(theirs.changed.id, "emotion") is None  # (no longer a difference)
    window.undo_stack().undo()
    assert window.document().map.model_dump() == before
    assert panel.item_for(theirs.changed.id, "emotion") is not None


def test_taking_a_card_only_theirs_has_brings_its_new_stage_along(qtbot, open_window, example_copy, theirs):
    window = open_window(example_copy)
    compare = _compare(window, theirs.path)
    before = window.document().map.model_dump()
    compare.panel.tree.setCurrentItem(compare.panel.item_for("c-club"))
    compare.panel.take_button.click()
    doc = window.document()
    assert "c-club" in doc and "s-club-new" in doc and doc.get("c-club").stage == "s-club-new"
    assert compare.marks.kind_of("c-club") is None and compare.panel.item_for("s-club-new") is None
    window.undo_stack().undo()  # one step takes both back
    assert window.document().map.model_dump() == before


def test_taking_a_removal_removes_the_card_and_its_flows(qtbot, open_window, example_copy, theirs):
    window = open_window(example_copy)
    compare = _compare(window, theirs.path)
    compare.panel.tree.setCurrentItem(compare.panel.item_for(theirs.removed.id))
    compare.panel.take_button.click()
    doc = window.document()
    assert theirs.removed.id not in doc
    assert not theirs.removed_flows & {f.id for f in doc.flows}
    assert compare.marks.kind_of(theirs.removed.id) is None


def test_taking_all_theirs_at_once_is_one_step(qtbot, open_window, example_copy, theirs):
    window = open_window(example_copy)
    compare = _compare(window, theirs.path)
    before, steps = window.document().map.model_dump(), window.undo_stack().count()
    compare.panel.take_all_button.click()
    assert diff_maps(window.document().map, theirs.map).same
    assert window.undo_stack().count() == steps + 1
    assert not compare.rows and not _marks(window)
    assert "No differences" in compare.panel.summary.text()
    window.undo_stack().undo()
    assert window.document().map.model_dump() == before
    assert _marks(window)  # the differences are back, and marked again


def test_marks_follow_edits_and_closing_the_compare_clears_them(qtbot, open_window, example_copy, theirs):
    window = open_window(example_copy)
    compare = _compare(window, theirs.path)
    window.editor.set_field(theirs.changed.id, "emotion", theirs.new_emotion)
    window.editor.set_field(theirs.changed.id, "title", "Sees the cake on Instagram")
    assert compare.marks.kind_of(theirs.changed.id) is None  # made as theirs by hand: no longer marked
    assert _marks(window)
    compare.panel.closeRequested.emit()
    qtbot.waitUntil(lambda: window.version_compare is None)
    assert not _marks(window)
    window.undo_stack().undo()  # a closed compare marks nothing any more
    assert not _marks(window)


def test_a_badge_lets_clicks_through_and_covers_only_itself(qtbot, open_window, example_copy, theirs):
    window = open_window(example_copy)
    compare = _compare(window, theirs.path)
    window.editor.scene.clearSelection()
    badge = compare.marks.items[theirs.changed.id].badge
    point = viewport_point(window, QPointF(badge.center().x(), badge.bottom() - 1.5))
    qtbot.mouseClick(window.view().viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.editor.scene.selected_ids() == [theirs.changed.id]
    # Inside the card the card is on top (its own tooltip shows); the badge answers only on itself.
    scene, card = window.editor.scene, window.item_for(theirs.changed.id)
    assert scene.items(card.sceneBoundingRect().center())[0] is card
    assert isinstance(scene.items(badge.center())[0], MarkItem)


def test_the_file_itself_can_be_compared_with_the_map_on_screen(qtbot, open_window, example_copy):
    window = open_window(example_copy)
    card = window.document().touchpoints[0]
    window.editor.set_field(card.id, "title", "Changed here, not saved")
    compare = _compare(window, example_copy)
    assert [row.pick.element_id for row in compare.rows] == [card.id]
    assert "the file on disk" in compare.panel.summary.text()


# -- taking theirs, without a window ---------------------------------------------------------------
def test_one_item_of_a_list_is_taken_alone(example_copy):
    ours = load_path(example_copy).map
    doc = Document(load_path(example_copy).map)
    card = next(t for t in doc.touchpoints if len(t.pain_points) >= 2)
    first, second = card.pain_points[:2]
    doc.set_field(card.id, "pain_points", [first.model_copy(update={"severity": "high" if first.severity != "high"
                                                                    else "low"}),
                                           second.model_copy(update={"text": "Reworded by a colleague"}),
                                           *card.pain_points[2:]])
    rows = change_rows(ours, doc.map, diff_maps(ours, doc.map))
    (row,) = rows
    detail = next(d for d in row.details if d.pick.item_id == second.id)
    assert (detail.yours, detail.theirs) == (second.text, "Reworded by a colleague")
    taken = take_theirs(ours, doc.map, [detail.pick])
    points = next(t for t in taken.touchpoints if t.id == card.id).pain_points
    assert points[1].text == "Reworded by a colleague" and points[0] == first  # the other item stays ours


def test_a_move_is_taken_as_a_place_only(example_copy):
    ours = load_path(example_copy).map
    doc = Document(load_path(example_copy).map)
    last = doc.stages[-1]
    doc.move_stage(last.id, 0)
    doc.set_field(last.id, "goal", "Changed by a colleague")
    rows = change_rows(ours, doc.map, diff_maps(ours, doc.map))
    (row,) = rows
    place = next(d for d in row.details if d.pick.field == PLACE)
    assert place.yours == f"column {len(ours.stages)}" and place.theirs == "column 1"
    taken = take_theirs(ours, doc.map, [place.pick])
    assert taken.stages[0].id == last.id and taken.stages[0].goal == last.goal  # moved, not changed
    assert [s.id for s in taken.stages] == [s.id for s in doc.map.stages]


def test_taking_a_stage_theirs_removed_takes_its_cards_and_their_flows(example_copy):
    ours = load_path(example_copy).map
    doc = Document(load_path(example_copy).map)
    stage = doc.stages[1]
    doc.remove_stage(stage.id, cascade=True)
    taken = take_theirs(ours, doc.map, [Pick("stages", stage.id)])
    assert diff_maps(taken, doc.map).same


def test_a_take_that_would_break_the_map_is_refused_in_words(qtbot, open_window, example_copy):
    """Theirs moved a pain point to another card: taking it on the new card alone would use its id twice."""
    doc = Document(load_path(example_copy).map)
    giver = next(t for t in doc.touchpoints if t.pain_points)
    taker = next(t for t in doc.touchpoints if t.id != giver.id)
    moved = giver.pain_points[0]
    doc.set_field(giver.id, "pain_points", list(giver.pain_points[1:]))
    doc.set_field(taker.id, "pain_points", [*taker.pain_points, moved])
    path = example_copy.with_name("moved.jmap")
    save(path, doc.map)
    window = open_window(example_copy)
    compare = _compare(window, path)
    before, steps = window.document().map.model_dump(), window.undo_stack().count()
    row = compare.panel.item_for(taker.id)
    addition = next(row.child(k) for k in range(row.childCount()) if row.child(k).text(2) == "new in theirs")
    compare.panel.tree.setCurrentItem(addition)
    compare.panel.take_button.click()
    assert window.document().map.model_dump() == before and window.undo_stack().count() == steps
    assert compare.panel.message.isVisible()
    assert compare.panel.message.text().startswith("Theirs could not be taken: ")
    compare.panel.tree.clearSelection()
    for card_id in (giver.id, taker.id):  # both cards at once: the pain point moves
        compare.panel.item_for(card_id).setSelected(True)
    compare.panel.take_button.click()
    assert diff_maps(window.document().map, doc.map).same and not compare.panel.message.isVisible()


def test_a_title_that_looks_like_markup_is_shown_as_typed_in_the_compare_list(qtbot, open_window, example_copy,
                                                                             tmp_path):
    """A colleague's card titled "<b>Bold</b> & <i>x</i>" is text: the list's tooltips show the tags."""
    doc = Document(load_path(example_copy).map)
    card = doc.touchpoints[0]
    doc.set_field(card.id, "title", "<b>Bold</b> & <i>x</i>")
    other = tmp_path / "markup.jmap"
    save(other, doc.map)
    window = open_window(example_copy)
    compare = _compare(window, other)
    tips = []
    tree = compare.panel.tree
    stack = [tree.topLevelItem(k) for k in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        tips += [item.toolTip(c) for c in range(item.columnCount()) if "<b>Bold</b>" in item.text(c)]
        stack += [item.child(k) for k in range(item.childCount())]
    assert tips and all("&lt;b&gt;Bold&lt;/b&gt;" in tip for tip in tips), tips


def test_a_card_whose_place_number_stayed_is_said_to_have_moved_by_its_neighbour():
    """Ours a, b, c; theirs z (from another cell), b, a, c: b is still second, but not where it was."""
    from tests.check.builders import make_map, tp

    ours = make_map([tp("a", "p1", "s1", "A"), tp("b", "p1", "s1", "B"), tp("c", "p1", "s1", "C"),
                     tp("z", "p1", "s2", "Z")])
    theirs = make_map([tp("z", "p1", "s1", "Z"), tp("b", "p1", "s1", "B"), tp("a", "p1", "s1", "A"),
                       tp("c", "p1", "s1", "C")])
    details = [d for row in change_rows(ours, theirs, diff_maps(ours, theirs)) for d in row.details
               if d.change == "moved"]
    assert details and all(d.yours != d.theirs for d in details), details
