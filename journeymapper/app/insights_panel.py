"""The Insights panel: what the map tells its owner (model/insights.py), grouped by kind; clicking a
line selects the cards or stages it is about and brings them into view.

It reads the map again a moment after the edits stop (DELAY_MS), and only while it is really shown: a
panel hidden, or behind another tab of its dock area (Qt keeps such a dock "visible", moved out of sight),
reads it when it is next shown.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QTreeView, QVBoxLayout, QWidget

from ..canvas.painting import plain_tooltip
from ..i18n import N_, _, _n
from ..model.document import Document
from ..model.insights import KINDS, Insight, insights
from .local_formats import count_text
from .shown_panels import ReadsWhenShown

DELAY_MS = 400
"""How long after the last edit the insights are read again."""
SHOWN_PER_KIND = 100
"""Lines shown under one heading; the rest are counted in a last line."""
EMPTY_TEXT = N_("Nothing to point out yet. Insights appear as the map fills in: feelings on the cards, "
                "serious pain points, opportunities with due dates, KPIs with readings.")
_ELEMENTS = Qt.ItemDataRole.UserRole


class InsightsPanel(ReadsWhenShown, QWidget):
    """The insight lines under a heading per kind. A click (or Enter) on a line emits
    `elementsActivated` with the ids it is about."""

    elementsActivated = Signal(list)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.today: Callable[[], datetime.date] = datetime.date.today
        """What "today" is for late actions (tests replace it)."""
        self.lines: list[Insight] = []
        self._doc: Document | None = None
        self.model_ = QStandardItemModel(self)
        self.view = QTreeView()
        self.view.setModel(self.model_)
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.view.setExpandsOnDoubleClick(False)
        self.view.setAccessibleName(_("Insights"))  # (no heading in the dock's tab: for screen readers)
        self.empty = QLabel(_(EMPTY_TEXT))
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setContentsMargins(8, 6, 8, 6)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        self.empty.hide()
        self._read_when_shown(DELAY_MS)
        # A click shows what a line is about, and folds a heading; Enter (or a double click) on a line
        # does the same (on a heading, the arrow keys fold). Where one click activates, both come: harmless.
        self.view.clicked.connect(self._activated)
        self.view.activated.connect(lambda index: index.parent().isValid() and self._activated(index))

    # -- following a document ------------------------------------------------------------------------------
    def set_document(self, doc: Document | None) -> None:
        """Show the insights of `doc` (None: of nothing), and follow its changes."""
        if self._doc is not None:
            try:
                self._doc.changed.disconnect(self._changed)
            except (RuntimeError, TypeError, ValueError):
                pass
        self._doc = doc
        if doc is not None:
            doc.changed.connect(self._changed)
        self.timer.stop()
        self.refresh()

    def _changed(self, _event: object = None) -> None:
        self.timer.start()  # (each edit starts the wait again)

    def refresh(self) -> None:
        """Read the map again now (if the panel is in sight; else when it next comes into sight)."""
        if self._put_off() and self._doc is not None:
            return
        self._stale = False
        self.set_insights(insights(self._doc.map, self.today()) if self._doc is not None else [])

    # -- what it shows --------------------------------------------------------------------------------------
    def set_insights(self, lines: list[Insight]) -> None:
        if lines == self.lines and self.model_.rowCount():
            return  # most edits do not change what the map says: keep the rows (and the user's place)
        self.lines = list(lines)
        self.model_.clear()
        bold = QFont()
        bold.setBold(True)
        for kind, title in KINDS.items():
            mine = [line for line in lines if line.kind == kind]
            if not mine:
                continue
            # TRANSLATORS: a heading of the Insights panel with how many lines it has: "Late actions (3)".
            heading = QStandardItem(_("{heading} ({count})").format(heading=_(title), count=count_text(len(mine))))
            heading.setFont(bold)
            heading.setSelectable(False)
            for line in mine[:SHOWN_PER_KIND]:
                text = " ".join(line.text.split())
                item = QStandardItem(text)  # (plain text: a view does not read markup in an item)
                tip = text if line.elements else text + "\n" + _("(nothing on the map to show)")
                item.setToolTip(plain_tooltip(tip))  # (the map's words, never markup)
                item.setData(list(line.elements), _ELEMENTS)
                heading.appendRow(item)
            if len(mine) > SHOWN_PER_KIND:
                rest = len(mine) - SHOWN_PER_KIND
                more = QStandardItem(_n("… and {count} more", "… and {count} more", rest).format(
                    count=count_text(rest)))
                more.setSelectable(False)
                heading.appendRow(more)
            self.model_.appendRow(heading)
        self.view.expandAll()
        self.empty.setVisible(not lines and self._doc is not None)
        self.view.setVisible(bool(lines) or self._doc is None)

    def _activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        if not index.parent().isValid():  # a heading: fold or unfold its lines
            self.view.setExpanded(index, not self.view.isExpanded(index))
            return
        elements = self.model_.data(index, _ELEMENTS)
        if elements:
            self.elementsActivated.emit(list(elements))

    # -- for tests and automation: what a person sees ---------------------------------------------------------
    def headings(self) -> list[str]:
        return [self.model_.item(row).text() for row in range(self.model_.rowCount())]

    def line_texts(self, heading_row: int) -> list[str]:
        heading = self.model_.item(heading_row)
        return [heading.child(row).text() for row in range(heading.rowCount())]

    def line_index(self, heading_row: int, row: int) -> QModelIndex:
        return self.model_.index(row, 0, self.model_.index(heading_row, 0))
