"""Changed on disk, merged: another process saves the open map's file while the window has unsaved changes,
and "Compare and Merge…" keeps both (a three-way merge with the file as the window read it), lets the user
take theirs where both changed the same thing, and puts the result in as one undoable step."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from journeymapper.app.disk_merge import MERGE_TEXT, DiskMergeDialog
from journeymapper.io import load_path

ROOT = Path(__file__).resolve().parents[2]
MERGE_BUTTON = "Compare and Merge…"


def _colleague_sets(path: Path, card_id: str, field: str, value: object, add_card: str | None = None) -> None:
    """Another process (a colleague's journeymapper on a shared folder) changes one field of one card (and
    adds a card) and saves the map."""
    code = ("import sys, json; from journeymapper.io import load_path, save; "
            "from journeymapper.model.document import Document; from journeymapper.model.schema import Touchpoint; "
            "p, card, field, value, new = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4]), sys.argv[5]; "
            "d = Document(load_path(p).map); d.set_field(card, field, value); "
            "new and d.add_touchpoint(Touchpoint(id='c-colleague', persona=d.personas[0].id, "
            "stage=d.stages[0].id, title=new)); save(p, d.map)")
    subprocess.run([sys.executable, "-c", code, str(path), card_id, field, json.dumps(value), add_card or ""],
                   check=True, cwd=ROOT, timeout=60)


def _wait_for_notice(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.notice.kind == "disk" and window.notice.isVisible(), timeout=5000)


class Review:
    """Stands in for the person at the dialog: looks at it, ticks theirs for some conflicts, merges."""

    def __init__(self, theirs_for: tuple[int, ...] = (), merge: bool = True) -> None:
        self.theirs_for, self.merge = theirs_for, merge
        self.dialog: DiskMergeDialog | None = None
        self.ticked_at_start: list[bool] = []

    def __call__(self, dialog: DiskMergeDialog) -> bool:
        self.dialog = dialog
        self.ticked_at_start = [bool(c) for c in dialog.chosen()]
        for index in self.theirs_for:
            dialog.choose_theirs(index)
        if not self.merge:
            dialog.reject()
            return False
        dialog.accept()
        return dialog.merged is not None


@pytest.fixture
def cards(example_copy):
    the_map = load_path(example_copy).map
    """Two cards whose feeling is neither −2 nor +2 (so that either is a change)."""
    first, second = [t for t in the_map.touchpoints if t.emotion is not None and abs(t.emotion) < 2][:2]
    return first, second


def test_compare_and_merge_keeps_their_change_and_mine(qtbot, open_window, example_copy, cards):
    mine, theirs = cards
    window = open_window(example_copy)
    window.editor.set_field(mine.id, "title", "Renamed here, not saved yet")
    _colleague_sets(example_copy, theirs.id, "emotion", -2, add_card="Added by a colleague")
    _wait_for_notice(qtbot, window)
    assert MERGE_BUTTON in window.notice.buttons
    review = window.review_merge = Review()
    window.notice.buttons[MERGE_BUTTON].click()
    doc = window.document()
    assert doc.get(mine.id).title == "Renamed here, not saved yet"  # mine
    assert doc.get(theirs.id).emotion == -2 and "c-colleague" in doc  # theirs
    assert review.dialog is not None and not review.dialog.merge_result.conflicts
    assert not window.notice.isVisible()
    assert window.editor.change_on_disk() is None  # the editor knows the file as it is now
    assert window.editor.is_modified()  # (the map has my change the file does not have)
    window.ask_disk_conflict = lambda: pytest.fail("Save warned about the change already merged")
    assert window.save() is True
    saved = load_path(example_copy).map
    assert "c-colleague" in {t.id for t in saved.touchpoints}
    assert next(t for t in saved.touchpoints if t.id == mine.id).title == "Renamed here, not saved yet"


def test_undo_brings_back_the_map_from_before_the_merge(qtbot, open_window, example_copy, cards):
    mine, theirs = cards
    window = open_window(example_copy)
    window.editor.set_field(mine.id, "title", "Renamed here")
    before, steps = window.document().map.model_dump(), window.undo_stack().count()
    _colleague_sets(example_copy, theirs.id, "title", "Renamed there")
    window.check_disk()
    window.review_merge = Review()
    assert window.merge_with_disk() is True
    assert window.undo_stack().count() == steps + 1 and window.undo_stack().undoText() == MERGE_TEXT
    window.undo_stack().undo()
    assert window.document().map.model_dump() == before
    assert window.editor.is_modified()


def test_after_undoing_the_merge_save_asks_before_writing_over_their_change(qtbot, open_window, example_copy,
                                                                           cards):
    """Undo takes their change out of the map here: the file on disk has it again and this map not, so Save
    must ask (as for any change on disk) rather than remove their work from the file unasked; Redo makes the
    merged map the file's again."""
    mine, theirs = cards
    window = open_window(example_copy)
    window.editor.set_field(mine.id, "title", "Renamed here")
    _colleague_sets(example_copy, theirs.id, "title", "Renamed there")
    window.check_disk()
    window.review_merge = Review()
    assert window.merge_with_disk() is True
    assert window.editor.change_on_disk() is None
    window.undo_stack().undo()
    assert window.editor.change_on_disk() == "changed"
    window.check_disk()
    _wait_for_notice(qtbot, window)  # the notice is back, with its Compare and Merge
    asked = []
    window.ask_disk_conflict = lambda: asked.append(True) or "cancel"
    assert window.save() is False
    assert asked and load_path(example_copy).map.model_dump() != window.document().map.model_dump()
    assert next(t for t in load_path(example_copy).map.touchpoints if t.id == theirs.id).title == "Renamed there"
    window.undo_stack().redo()
    assert window.editor.change_on_disk() is None
    window.ask_disk_conflict = lambda: pytest.fail("Save asked although the merge holds their change")
    assert window.save() is True
    saved = {t.id: t.title for t in load_path(example_copy).map.touchpoints}
    assert (saved[mine.id], saved[theirs.id]) == ("Renamed here", "Renamed there")


def test_a_conflict_keeps_mine_unless_theirs_is_chosen(qtbot, open_window, example_copy, cards):
    card, _ = cards
    window = open_window(example_copy)
    window.editor.set_field(card.id, "emotion", 2)
    _colleague_sets(example_copy, card.id, "emotion", -2)
    window.check_disk()
    review = window.review_merge = Review()
    assert window.merge_with_disk() is True
    assert review.ticked_at_start == []  # nothing chosen for theirs at first
    assert len(review.dialog.merge_result.conflicts) == 1
    row = review.dialog.conflict_items[0]
    assert (row.text(2), row.text(3), row.text(4)) == ("emotion", "+2", "−2")  # both values, in words
    assert window.document().get(card.id).emotion == 2  # mine kept
    assert window.editor.is_modified()


def test_choosing_theirs_for_a_conflict_takes_their_value(qtbot, open_window, example_copy, cards):
    card, other = cards
    window = open_window(example_copy)
    window.editor.set_field(card.id, "emotion", 2)
    window.editor.set_field(other.id, "title", "Mine, no conflict")
    _colleague_sets(example_copy, card.id, "emotion", -2)
    window.check_disk()
    window.review_merge = Review(theirs_for=(0,))
    assert window.merge_with_disk() is True
    doc = window.document()
    assert doc.get(card.id).emotion == -2 and doc.get(other.id).title == "Mine, no conflict"


def test_a_merge_that_gives_the_file_leaves_the_map_saved(qtbot, open_window, example_copy, cards):
    card, _ = cards
    window = open_window(example_copy)
    window.editor.set_field(card.id, "emotion", 2)
    _colleague_sets(example_copy, card.id, "emotion", -2)
    window.check_disk()
    window.review_merge = Review(theirs_for=(0,))
    assert window.merge_with_disk() is True
    assert not window.editor.is_modified()  # the map is the file's now
    window.undo_stack().undo()
    assert window.editor.is_modified() and window.document().get(card.id).emotion == 2


def test_cancelling_changes_nothing_and_the_notice_stays(qtbot, open_window, example_copy, cards):
    card, _ = cards
    window = open_window(example_copy)
    window.editor.set_field(card.id, "title", "Mine")
    before = window.document().map.model_dump()
    _colleague_sets(example_copy, card.id, "title", "Theirs")
    _wait_for_notice(qtbot, window)
    window.review_merge = Review(merge=False)
    window.notice.buttons[MERGE_BUTTON].click()
    assert window.document().map.model_dump() == before
    assert window.notice.isVisible() and MERGE_BUTTON in window.notice.buttons
    assert window.editor.change_on_disk() == "changed"


def test_without_the_version_started_from_the_changes_are_compared_instead(qtbot, open_window, example_copy, cards):
    card, _ = cards
    window = open_window(example_copy)
    window.editor.set_field(card.id, "title", "Mine")
    window.editor.disk_map = None  # (recovered work: what it was made from is not known)
    _colleague_sets(example_copy, card.id, "emotion", -2)
    window.review_merge = lambda dialog: pytest.fail("merged without a base")
    assert window.merge_with_disk() is False
    compare = window.version_compare
    assert compare is not None and compare.marks.kind_of(card.id) == "changed"
    assert "the file on disk" in compare.panel.summary.text()


def test_a_conflict_about_a_title_that_looks_like_markup_shows_it_as_typed(qtbot, open_window, example_copy, cards):
    card, _ = cards
    window = open_window(example_copy)
    window.editor.set_field(card.id, "title", "<b>Mine</b> & <i>x</i>")
    _colleague_sets(example_copy, card.id, "title", "<font color=red>Theirs</font>")
    window.check_disk()
    review = window.review_merge = Review()
    assert window.merge_with_disk() is True
    row = review.dialog.conflict_items[0]
    tips = [row.toolTip(c) for c in range(1, row.columnCount())]
    assert any("&lt;font color=red&gt;" in tip for tip in tips), tips
    assert not any("<font" in tip or "<b>" in tip for tip in tips), tips
