"""File > Compare With…: another version of this map (a colleague's copy, an earlier one, the file as it
is on disk now), its differences marked on the canvas and listed in a dock, and theirs taken per element,
per field or all at once, each as one undoable step.

The differences are the diff by id (`model.diff`) in words (`version_changes`); taking theirs makes a new
map (`take_theirs`) put in place by the editor as one step (`Editor.restore`, a ReplaceMap), so Undo brings
back what was there. The list and the marks follow every change of the map (an edit, a take, an undo).
Closing the compare clears the marks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..canvas.painting import plain_tooltip
from ..canvas.compare_marks import CompareMarks, Mark
from ..i18n import N_, _, _n
from ..io import LoadError, load_path
from ..io.disk_state import same_file
from ..model.diff import diff_maps
from ..model.schema import Map
from .take_theirs import Pick, TakeError, kept_copy, take_all, take_theirs
from .version_changes import ChangeRow, change_rows

if TYPE_CHECKING:
    from .editor import Editor

COLUMNS = (N_("What"), N_("Where"), N_("Change"), N_("Yours"), N_("Theirs"))
"""The list's headings, marked with `N_`: shown through `_()`."""
PICK_ROLE = Qt.ItemDataRole.UserRole
EXPANDED_UP_TO = 4
"""A row with this many details or fewer opens with them shown."""
BIG_MAP = 5_000
"""Cards and flows from which the list and marks wait for edits to pause (the diff of a big map takes a
good part of a second)."""
PAUSE_MS = 400


def file_filter() -> str:
    """The file dialog's filter, in the interface language (the patterns stay as they are)."""
    return _("Journey maps ({patterns})").format(patterns="*.jmap") + ";;" + \
        _("All files ({patterns})").format(patterns="*")


def _counts(rows: list[ChangeRow]) -> str:
    counts = {kind: sum(1 for r in rows if r.kind == kind) for kind in ("changed", "moved", "added", "removed")}
    # TRANSLATORS: how many elements differ in a compare with another version of the map ("theirs").
    words = {"changed": lambda n: _n("{n} changed", "{n} changed", n),
             "moved": lambda n: _n("{n} moved", "{n} moved", n),
             "added": lambda n: _n("{n} new in theirs", "{n} new in theirs", n),
             "removed": lambda n: _n("{n} not in theirs", "{n} not in theirs", n)}
    return ", ".join(words[kind](n).format(n=n) for kind, n in counts.items() if n)


class CompareDock(QDockWidget):
    """The dock that holds the compare list; closing it ends the compare."""

    closed = Signal()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()


class VersionComparePanel(QWidget):
    """The list of differences, and the buttons that take theirs."""

    takeRequested = Signal(list)
    """[Pick]: the selected rows (an element, or one field or item of it)."""
    takeAllRequested = Signal()
    closeRequested = Signal()
    elementActivated = Signal(str)
    """An element of this map chosen in the list: show it on the canvas."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.hide()
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(_("Compare"))  # (as the dock is called: for screen readers)
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([_(column) for column in COLUMNS])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        header = self.tree.header()
        header.setStretchLastSection(True)
        for column, width in enumerate((300, 170, 260, 200)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.take_button = QPushButton(_("&Take Theirs"))
        self.take_button.setToolTip(_("Make the selected element, field or item here as it is in theirs (one step: "
                                      "Undo takes it back)"))
        self.take_button.clicked.connect(self._take_selected)
        self.take_all_button = QPushButton(_("Take A&ll Theirs"))
        self.take_all_button.setToolTip(_("Make this map as theirs is, everything at once (one step: Undo takes it "
                                          "back)"))
        self.take_all_button.clicked.connect(self.takeAllRequested.emit)
        close = QPushButton(_("Close Compare"))
        close.setToolTip(_("Stop comparing: the marks on the map go"))
        close.clicked.connect(self.closeRequested.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for button in (self.take_button, self.take_all_button, close):
            buttons.addWidget(button)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 4, 6, 4)
        column.addLayout(buttons)
        column.addWidget(self.message)
        column.addWidget(self.tree, 1)
        self.rows: list[ChangeRow] = []
        self._picks: list[Pick] = []
        self._selection_changed()

    def set_rows(self, rows: list[ChangeRow], their_name: str) -> None:
        """Show these differences (in the order given), keeping the selection's place in the list."""
        self.rows = rows
        current = self.tree.currentItem()
        while current is not None and current.parent() is not None:
            current = current.parent()
        was = self.tree.indexOfTopLevelItem(current) if current is not None else -1
        self.tree.blockSignals(True)
        self.tree.clear()
        self._picks = []
        for row in rows:
            top = self._item(None, (row.heading, row.where, row.summary, "", ""), row.pick)
            for detail in row.details:
                self._item(top, (detail.label, "", detail.change, detail.yours, detail.theirs), detail.pick)
            top.setExpanded(len(row.details) <= EXPANDED_UP_TO)
        if rows and was >= 0:  # (after a take: the row that took its place, without showing it on the map)
            self.tree.setCurrentItem(self.tree.topLevelItem(min(was, len(rows) - 1)))
        self.tree.blockSignals(False)
        if rows:
            # TRANSLATORS: {theirs} names the other version ("“colleague.jmap”", "the file on disk (…)").
            self.summary.setText(_("This map compared with {theirs} (theirs): {counts}. The marks on the map show "
                                   "where.").format(theirs=their_name, counts=_counts(rows)))
        else:
            self.summary.setText(_("No differences: this map is the same as {theirs}.").format(theirs=their_name))
        self.take_all_button.setEnabled(bool(rows))
        self._selection_changed()

    def show_message(self, text: str) -> None:
        """A sentence under the buttons (why theirs could not be taken); "" hides it."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def item_for(self, element_id: str, field: str | None = None) -> QTreeWidgetItem | None:
        """The row of an element (or of one of its fields), for tests and for following the canvas."""
        for n in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(n)
            if self.pick_of(top).element_id != element_id:
                continue
            if field is None:
                return top
            for k in range(top.childCount()):
                if self.pick_of(top.child(k)).field == field:
                    return top.child(k)
        return None

    def pick_of(self, item: QTreeWidgetItem) -> Pick:
        return self._picks[item.data(0, PICK_ROLE)]

    def selected_picks(self) -> list[Pick]:
        """The selected rows' picks; a detail whose element is selected too is in the element's."""
        chosen = self.tree.selectedItems()
        whole = {id(i) for i in chosen if i.parent() is None}
        return [self.pick_of(i) for i in chosen if i.parent() is None or id(i.parent()) not in whole]

    def _item(self, parent: QTreeWidgetItem | None, texts: tuple[str, ...], pick: Pick) -> QTreeWidgetItem:
        item = QTreeWidgetItem(list(texts)) if parent is None else QTreeWidgetItem(parent, list(texts))
        for column, text in enumerate(texts):
            if text:
                item.setToolTip(column, plain_tooltip(text))  # (Qt reads a tooltip that looks like markup as markup)
        item.setData(0, PICK_ROLE, len(self._picks))
        self._picks.append(pick)
        if parent is None:
            self.tree.addTopLevelItem(item)
        return item

    def _selection_changed(self) -> None:
        self.take_button.setEnabled(bool(self.tree.selectedItems()))

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is None:
            return
        pick = self.pick_of(current)
        if pick.element_id is not None:
            self.elementActivated.emit(pick.element_id)

    def _take_selected(self) -> None:
        picks = self.selected_picks()
        if picks:
            self.takeRequested.emit(picks)


class VersionCompare(QObject):
    """One compare of a window's map with another version: the list, the marks, and taking theirs."""

    def __init__(self, editor: Editor, theirs: Map, their_name: str, panel: VersionComparePanel,
                 show: Callable[[list[str]], None] | None = None) -> None:
        super().__init__(editor)
        self.editor, self.theirs, self.their_name, self.panel = editor, kept_copy(theirs), their_name, panel
        self.show_element = show
        self.marks = CompareMarks(editor.scene)
        self.rows: list[ChangeRow] = []
        panel.takeRequested.connect(self.take)
        panel.takeAllRequested.connect(self.take_all)
        panel.elementActivated.connect(self._activated)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self.refresh)
        editor.stack.indexChanged.connect(self._changed)
        self.refresh()

    def _changed(self, *_args) -> None:
        """After an edit, a take or an undo: at once, or on a big map once edits pause."""
        doc = self.editor.doc
        if len(doc.touchpoints) + len(doc.flows) > BIG_MAP:
            self._timer.start()
        else:
            self.refresh()

    def refresh(self, *_args) -> None:
        """List and mark the differences of the map as it is now."""
        self._timer.stop()
        ours = self.editor.doc.map
        self.rows = change_rows(ours, self.theirs, diff_maps(ours, self.theirs))
        self.panel.set_rows(self.rows, self.their_name)
        marks: dict[str, Mark] = {}
        new_in_cells: dict[tuple[str, str], list[str]] = {}
        cards = {t.id: t for t in self.theirs.touchpoints}
        for row in self.rows:
            if row.kind == "added":
                card = cards.get(row.pick.element_id) if row.pick.collection == "touchpoints" else None
                if card is not None:
                    new_in_cells.setdefault((card.persona, card.stage), []).append(card.title)
            elif row.pick.element_id is not None:
                lines = [_("{what}: {change}").format(what=row.heading, change=row.summary)]
                lines += [_("{what}: yours {yours}, theirs {theirs}").format(what=d.label, yours=d.yours,
                                                                             theirs=d.theirs) for d in row.details]
                marks[row.pick.element_id] = Mark(row.kind, "\n".join(lines))
        self.marks.show(marks, new_in_cells)

    def take(self, picks: list[Pick]) -> bool:
        """Take theirs for these rows, as one undoable step."""
        try:
            the_map = take_theirs(self.editor.doc.map, self.theirs, picks)
        except TakeError as exc:
            self.panel.show_message(_("Theirs could not be taken: {reason}").format(reason=exc))
            return False
        self.panel.show_message("")
        # TRANSLATORS: an undo step's name ("Undo Take Theirs: Card “Pays”"); {what} names what was taken.
        self.editor.restore(the_map, _("Take Theirs: {what}").format(what=self._what(picks)))
        return True

    def _what(self, picks: list[Pick]) -> str:
        """What the undo step names: the element (and its field), or how many were taken."""
        if len(picks) == 1:
            for row in self.rows:
                if row.pick == picks[0]:
                    return row.heading
                detail = next((d for d in row.details if d.pick == picks[0]), None)
                if detail is not None:
                    return _("{element}, {field}").format(element=row.heading, field=detail.label)
        return _n("{n} Change", "{n} Changes", len(picks)).format(n=len(picks))

    def take_all(self) -> None:
        self.panel.show_message("")
        self.editor.restore(take_all(self.editor.doc.map, self.theirs), _("Take All Theirs"))

    def close(self) -> None:
        """End the compare: the marks go, the list stops following the map."""
        self._timer.stop()
        self.marks.close()
        try:
            self.editor.stack.indexChanged.disconnect(self._changed)
        except (RuntimeError, TypeError):
            pass

    def _activated(self, element_id: str) -> None:
        if self.show_element is not None and element_id in self.editor.doc:
            self.show_element([element_id])


class VersionComparing:
    """File > Compare With… (mixed into `MainWindow`)."""

    version_compare: VersionCompare | None = None
    compare_dock: CompareDock | None = None

    def ask_version_file(self) -> str:
        """The other version's file ("" if none was chosen); tests replace it."""
        start = str(self.editor.path.parent) if self.editor and self.editor.path else ""
        path, _chosen = QFileDialog.getOpenFileName(self, _("Compare this map with another version of it"), start,
                                                    file_filter())
        return path

    def compare_with_file(self) -> VersionCompare | None:
        """Ask for another version of this map and compare with it."""
        if self.editor is None:
            return None
        path = self.ask_version_file()
        if not path:
            return None
        own = self.editor.path is not None and same_file(path, self.editor.path)
        try:
            # (the file as it is now; a map open in another window, with what is not saved there yet)
            theirs = load_path(path).map if own else self._map_in(path)
        except LoadError as exc:
            self.show_error(_("Could not open the map to compare with"), "\n".join(exc.lines()))
            return None
        name = _("the file on disk (“{file}”)").format(file=Path(path).name) if own else f"“{Path(path).name}”"
        return self.show_version_compare(theirs, name)

    def show_version_compare(self, theirs: Map, their_name: str) -> VersionCompare:
        """Compare this map with `theirs` (named `their_name` in the list), in the Compare dock."""
        self.close_version_compare()
        panel = VersionComparePanel()
        dock = CompareDock(_("Compare"), self)
        dock.setObjectName("compare-dock")
        dock.setWidget(panel)
        dock.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        if self.problem_dock.isVisible():
            self.tabifyDockWidget(self.problem_dock, dock)
        dock.show()
        dock.raise_()
        self.compare_dock = dock
        self.version_compare = VersionCompare(self.editor, theirs, their_name, panel, self.select_and_centre)
        panel.closeRequested.connect(dock.close)
        dock.closed.connect(lambda d=dock: self._compare_closed(d))
        self.statusBar().showMessage(_("Compared: the marks on the map and the Compare list show what theirs has "
                                       "different"), 6000)
        return self.version_compare

    def close_version_compare(self) -> None:
        """End the compare (if one is open): its marks go with its dock."""
        if self.compare_dock is not None:
            self.compare_dock.close()

    def _compare_closed(self, dock: CompareDock) -> None:
        if dock is not self.compare_dock:
            return
        if self.version_compare is not None:
            self.version_compare.close()
            self.version_compare.deleteLater()
        self.version_compare = None
        self.compare_dock = None


__all__ = ["CompareDock", "VersionCompare", "VersionComparePanel", "VersionComparing"]
