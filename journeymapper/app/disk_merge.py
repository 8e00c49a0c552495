"""Changed on disk, merged: someone else saved this map's file while it had unsaved changes here, and
"Compare and Merge…" keeps both.

A three-way merge (`model.merge.merge_maps`) of the file as this editor last read or wrote it (the base,
`Editor.disk_map`), the map here (ours) and the file now (theirs). The dialog lists what the merge changes
here and, for what both changed differently, both values: ours is kept unless the user ticks theirs. The
merged map goes in as one undoable step; the editor then knows the file as it is now (Save does not warn
about the same change again), and the map is unsaved only if it differs from that file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..canvas.painting import plain_tooltip
from ..commands import ReplaceMap
from ..i18n import N_, _, _n
from ..io import LoadedMap
from ..model.diff import diff_maps
from ..model.diff_words import Places
from ..model.merge import Conflict, MergeResult, merge_maps
from ..model.messages import NOUNS, quoted
from ..model.schema import Map
from .take_theirs import TakeError, kept_copy, with_theirs_for
from .version_changes import ChangeRow, Names, change_rows, field_label, say

if TYPE_CHECKING:
    from .editor import Editor

MERGE_TEXT = N_("Merge with Changes on Disk")
"""The undo step's name (the Edit menu says "Undo Merge with Changes on Disk"), shown through `_()`."""
CONFLICT_COLUMNS = (N_("Use theirs"), N_("Where"), N_("What"), N_("Yours"), N_("Theirs"))
CHANGE_COLUMNS = (N_("What"), N_("Where"), N_("Change"))


def _plain(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def conflict_words(conflict: Conflict, places: Places, names: Names) -> tuple[str, str, str, str]:
    """(where, what, yours, theirs): a conflict in the list's words (where: the element; what: which
    part of it, an item of its lists named there)."""
    collection = conflict.collection or "map"
    where = _("The map") if collection == "map" else places.element(collection, conflict.element_id)
    part = ""
    if conflict.item_id is not None:
        words = names.items.get(conflict.item_id, "")
        noun = _(NOUNS[conflict.item_list]) if conflict.item_list in NOUNS else str(conflict.item_list)
        part = _("{noun} {name}").format(noun=noun, name=quoted(words, 22)) if words else noun
    if conflict.field:
        what = field_label(conflict.field, collection)
        # TRANSLATORS: which field of a list item both sides changed ("pain point “Slow”: severity").
        what = _("{item}: {field}").format(item=part, field=what) if part else what
        values = (say(conflict.field, conflict.ours, names), say(conflict.field, conflict.theirs, names))
    else:
        if conflict.ours is None and conflict.theirs is not None:
            what = (_("you removed {thing}, they changed it").format(thing=part) if part else
                    _("you removed it, they changed it"))
        elif conflict.theirs is None and conflict.ours is not None:
            what = (_("they removed {thing}, you changed it").format(thing=part) if part else
                    _("they removed it, you changed it"))
        else:
            what = part or _("the whole of it")
        values = tuple(_("(removed)") if v is None else say("", v, names) for v in (conflict.ours, conflict.theirs))
    return where, what, values[0], values[1]


class DiskMergeDialog(QDialog):
    """What merging the file on disk into this map does, and the choice of theirs per conflict."""

    def __init__(self, file_name: str, ours: Map, theirs: Map, result: MergeResult, base: Map,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Compare and Merge"))
        self.ours, self.theirs, self.merge_result = kept_copy(ours), theirs, result
        self.merged: Map | None = None
        """The map to put in place (set when the user accepts)."""
        conflicts = result.conflicts
        names = Names(ours, theirs)
        places = Places(result.map, ours, theirs, base)
        intro = _("Someone else saved “{file}” while you had unsaved changes here. Their changes and yours "
                  "are combined: the list shows what the merge changes in your map.").format(file=file_name)
        self.changes = QTreeWidget()
        self.changes.setHeaderLabels([_(column) for column in CHANGE_COLUMNS])
        self.changes.setRootIsDecorated(False)
        self.changes.setUniformRowHeights(True)
        self.changes_heading = _plain("")
        if conflicts:
            told = _n("You both changed {n} thing differently. Yours is kept unless you tick “Use theirs”.",
                      "You both changed {n} things differently. Yours is kept unless you tick “Use theirs”.",
                      len(conflicts)).format(n=len(conflicts))
        else:
            told = _("Nothing was changed both ways: no choices to make.")
        self.conflicts = QTreeWidget()
        self.conflicts.setHeaderLabels([_(column) for column in CONFLICT_COLUMNS])
        self.conflicts.setRootIsDecorated(False)
        self.conflict_items: list[QTreeWidgetItem] = []
        for conflict in conflicts:
            words = conflict_words(conflict, places, names)
            item = QTreeWidgetItem(["", *words])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            item.setToolTip(0, _("Tick to use theirs here instead of yours"))
            for column, text in enumerate(words, 1):
                item.setToolTip(column, plain_tooltip(conflict.description if column == 1 and conflict.description
                                                      else text))
            self.conflicts.addTopLevelItem(item)
            self.conflict_items.append(item)
        header = self.conflicts.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(1, 390)
        header.resizeSection(2, 210)
        header.resizeSection(3, 150)
        self.conflicts.setVisible(bool(conflicts))
        self.message = _plain("")
        self.message.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton(_("&Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setDefault(True)
        self.merge_button.setToolTip(_("Put the merged map here (one step: Undo takes it back); save it to keep it"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(_plain(intro))
        column.addWidget(self.changes_heading)
        column.addWidget(self.changes, 1)
        conflicts_heading = _plain(told)
        column.addWidget(conflicts_heading)
        column.addWidget(self.conflicts, 1)
        self.changes_heading.setBuddy(self.changes)  # (each list's name, for screen readers)
        conflicts_heading.setBuddy(self.conflicts)
        column.addWidget(self.message)
        column.addWidget(self.buttons)
        self.resize(1000, 580)
        self.conflicts.itemChanged.connect(lambda *_: self._show_changes())
        self._show_changes()

    # -- choices ---------------------------------------------------------------------------
    def choose_theirs(self, index: int, theirs: bool = True) -> None:
        """Tick (or untick) “Use theirs” for conflict `index` (as a click on its box does)."""
        state = Qt.CheckState.Checked if theirs else Qt.CheckState.Unchecked
        self.conflict_items[index].setCheckState(0, state)

    def chosen(self) -> list[Conflict]:
        """The conflicts the user wants theirs for."""
        return [c for c, item in zip(self.merge_result.conflicts, self.conflict_items)
                if item.checkState(0) == Qt.CheckState.Checked]

    def merged_map(self) -> Map:
        """The merge with the choices made. Raises TakeError when a choice cannot be made whole."""
        chosen = self.chosen()
        return with_theirs_for(self.merge_result.map, self.theirs, chosen) if chosen else self.merge_result.map

    def accept(self) -> None:
        try:
            self.merged = self.merged_map()
        except TakeError as exc:
            self._say(_("Theirs cannot be used for what you ticked: {reason}").format(reason=exc))
            return
        super().accept()

    def _show_changes(self) -> None:
        try:
            merged = self.merged_map()
        except TakeError as exc:
            self._say(_("Theirs cannot be used for what you ticked: {reason}").format(reason=exc))
            self.merge_button.setEnabled(False)
            return
        self._say("")
        self.merge_button.setEnabled(True)
        rows = change_rows(self.ours, merged, diff_maps(self.ours, merged))
        self.changes.clear()
        for row in rows:
            item = QTreeWidgetItem([row.heading, row.where, _merge_words(row)])
            for column in range(len(CHANGE_COLUMNS)):
                item.setToolTip(column, plain_tooltip(item.text(column)))
            self.changes.addTopLevelItem(item)
        self.changes.header().resizeSection(0, 360)
        self.changes.header().resizeSection(1, 200)
        count = len(rows)
        self.changes_heading.setText(_("What the merge changes in your map ({count}):").format(count=count) if count
                                     else _("The merge changes nothing in your map: theirs has nothing you do not."))
        self.changes.setVisible(bool(count))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))


def _merge_words(row: ChangeRow) -> str:
    """The compare's words from this map's side, for what the merge brings: "new in theirs" comes in."""
    if row.kind == "added":
        return _("comes in from theirs")
    if row.kind == "removed":
        return _("removed by theirs")
    return row.summary


class MergeWithDisk(ReplaceMap):
    """The merged map put in place, and the file on disk taken as the one this editor knows. Undo takes
    both back: the map here then no longer holds their changes, so the file is again "changed on disk"
    (the notice comes back, and Save asks before writing over their work instead of removing it unasked)."""

    def __init__(self, editor: Editor, merged: Map, loaded: LoadedMap) -> None:
        super().__init__(editor.doc, merged, _(MERGE_TEXT))
        self.editor = editor
        self.disk_before, self.disk_map_before = editor.disk, editor.disk_map
        self.disk_after, self.disk_map_after = loaded.disk, kept_copy(loaded.map)

    def redo(self) -> None:
        super().redo()
        if self.editor.disk == self.disk_before:  # (a save since the undo: the file is known as saved)
            self.editor.disk, self.editor.disk_map = self.disk_after, self.disk_map_after

    def undo(self) -> None:
        super().undo()
        if self.editor.disk == self.disk_after:
            self.editor.disk, self.editor.disk_map = self.disk_before, self.disk_map_before


def apply_disk_merge(editor: Editor, merged: Map, loaded: LoadedMap) -> None:
    """Put the merged map in place as one undoable step (`MergeWithDisk`); the editor then knows the file
    as `loaded` read it, and the map is unsaved only if it differs from that file."""
    editor.push(MergeWithDisk(editor, merged, loaded))
    if merged == loaded.map or diff_maps(loaded.map, merged).same:
        editor.stack.setClean()
    else:
        editor.stack.resetClean()  # (no step of the stack is the file now: every one is unsaved)


class DiskMerging:
    """"Compare and Merge…" of the changed-on-disk notice (mixed into `MainWindow`)."""

    def review_merge(self, dialog: DiskMergeDialog) -> bool:
        """Show the dialog; whether to merge. Tests replace it to choose without a dialog's loop."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def merge_with_disk(self) -> bool:
        """Merge the file as it is on disk now with the map here (see the module's docstring)."""
        editor, loaded = self.editor, self.file_on_disk(_("Could not read the changed file"))
        if editor is None or editor.path is None or loaded is None:
            return False
        base: Any = getattr(editor, "disk_map", None)
        if base is None:  # (recovered work: what it was made from is not known, so only a compare can help)
            self.show_version_compare(loaded.map, _("the file on disk (“{file}”)").format(file=editor.path.name))
            self.statusBar().showMessage(_("The version you started from is not known here: take what you want "
                                           "from theirs in the Compare list"), 8000)
            return False
        result = merge_maps(base, editor.doc.map, loaded.map)
        dialog = DiskMergeDialog(editor.path.name, editor.doc.map, loaded.map, result, base, self)
        try:
            if not self.review_merge(dialog) or dialog.merged is None:
                self._disk_noticed = None
                self.check_disk()  # (the notice went with the click: its choices are still to make)
                return False
            apply_disk_merge(editor, dialog.merged, loaded)
        finally:
            dialog.deleteLater()
        self.notice.dismiss("disk")
        self._disk_noticed = None
        self.statusBar().showMessage(_("Merged their changes with yours; Undo takes the merge back"), 6000)
        return True


__all__ = ["MERGE_TEXT", "DiskMergeDialog", "DiskMerging", "MergeWithDisk", "apply_disk_merge", "conflict_words"]
