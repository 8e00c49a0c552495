"""A card's or a persona's customer quotes in the inspector: a table of them (Quote, Who, Date, Source)
and, under it, the words of the selected quote in a box of their own.

A quote can be long and have paragraphs, which a table cell cannot show or edit well: the table shows
its words on one line, the box below holds them whole. Who, when and where are typed in the table.
Every change commits the whole list as one undoable edit of the element's `quotes` (typing the words
is one step per visit to the box, as typing in any inspector field); a quote keeps its id, and a new
one gets a fresh id (`model.document.new_id`), as pain points and opportunities do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..canvas.painting import plain_tooltip
from ..model.document import new_id
from ..model.messages import one_line
from ..model.schema import Quote

Commit = Callable[[list[dict[str, Any]], bool], None]
"""Commits the whole list of quotes; the flag says whether it may merge with the last step of this
visit to the field (typing a quote's words)."""
HEADERS = ("Quote", "Who", "Date", "Source")
QUOTE, WHO, DATE, SOURCE = range(4)
NEW_QUOTE = "New quote"
WORDS_HINT = "Select a quote above to read or change its words"
TABLE_TIP = ("What customers said, in their own words: who said it, when (YYYY-MM-DD) and where it was heard or "
             "read (an interview, a review, a survey). Select a quote to change its words in the box below.")


class QuotesTable(QWidget):
    """The quotes table, the selected quote's words, and Add and Remove buttons."""

    def __init__(self, commit: Commit, watcher: QObject | None = None) -> None:
        super().__init__()
        self.commit = commit
        self.loading = False
        self.items: list[Quote] = []
        """The quotes shown, row by row (their ids, and their words in full)."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("quotes-table")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        # The columns share the table's width (the inspector is narrow): the date as wide as a date, the
        # words half of the rest, who and where a quarter each (`_share_width`); a person may widen one.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(16)
        self.table.viewport().installEventFilter(self)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setMinimumHeight(120)  # (three quotes in sight)
        self.table.setToolTip(TABLE_TIP)
        self.table.itemChanged.connect(self._cell_changed)
        self.table.currentCellChanged.connect(lambda *_: self._show_words())
        self.words = QPlainTextEdit()
        self.words.setObjectName("quote-words")
        self.words.setTabChangesFocus(True)
        self.words.setFixedHeight(72)
        self.words.setPlaceholderText(WORDS_HINT)
        self.words.setToolTip("The selected quote's words, as the customer said them (up to 1,000 characters)")
        self.words.textChanged.connect(self._words_changed)
        if watcher is not None:
            self.words.installEventFilter(watcher)  # (a new visit to the box starts a new undo step)
        buttons = QHBoxLayout()
        self.add_button, self.remove_button = QPushButton("Add"), QPushButton("Remove")
        self.add_button.setToolTip("Add a quote and type its words in the box below")
        self.remove_button.setToolTip("Remove the selected quote")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        words_label = QLabel("Words of the selected quote:")
        words_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(words_label)
        layout.addWidget(self.words)
        self._show_words()

    # -- showing -------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._share_width(self.table.viewport().width())
        return False

    def _share_width(self, width: int) -> None:
        header = self.table.horizontalHeader()
        date = min(self.table.fontMetrics().horizontalAdvance("0000-00-00") + 14, width // 3)
        rest = max(0, width - date)
        header.resizeSection(QUOTE, rest // 2)
        header.resizeSection(WHO, rest // 4)
        header.resizeSection(DATE, date)
        header.resizeSection(SOURCE, rest - rest // 2 - rest // 4)

    def set_value(self, quotes: Sequence[Quote]) -> None:
        """Show `quotes`; cells already showing the right text are left alone (the row selected, the
        cell being typed in and the words being typed stay as they are)."""
        self.items = list(quotes)
        self.loading = True
        try:
            if self.table.rowCount() != len(self.items):
                self.table.setRowCount(len(self.items))
            for row, quote in enumerate(self.items):
                cells = (one_line(quote.text), quote.who, quote.date.isoformat() if quote.date else "", quote.source)
                for column, text in enumerate(cells):
                    self._put(row, column, text)
        finally:
            self.loading = False
        self._show_words()

    def _put(self, row: int, column: int, text: str) -> None:
        item = self.table.item(row, column)
        if item is None:
            item = QTableWidgetItem(text)
            if column == QUOTE:  # (its words are changed in the box below, where they show whole)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, column, item)
        elif item.text() != text:
            item.setText(text)
        else:
            return
        item.setToolTip(plain_tooltip(text))  # (a narrow column cuts it: the whole of it, as typed)

    def _show_words(self) -> None:
        """The selected quote's words in the box (not while they are being typed: they are the same)."""
        row = self.current_row()
        self.words.setEnabled(row is not None)
        self.remove_button.setEnabled(row is not None)
        text = self.items[row].text if row is not None else ""
        if self.words.toPlainText() != text:
            with QSignalBlocker(self.words):
                self.words.setPlainText(text)

    def current_row(self) -> int | None:
        row = self.table.currentRow()
        return row if 0 <= row < len(self.items) else None

    # -- changing -------------------------------------------------------------------------------------
    def rows(self) -> list[dict[str, Any]]:
        """The quotes as the table says them: each row's quote with its Who, Date and Source cells typed over."""
        values = []
        for row, quote in enumerate(self.items):
            value = quote.model_dump()
            value.update(who=self._cell(row, WHO), date=self._cell(row, DATE) or None, source=self._cell(row, SOURCE))
            values.append(value)
        return values

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        if not self.loading and item.column() != QUOTE:
            self.commit(self.rows(), False)
            self._show_document()

    def _show_document(self) -> None:
        """The cells as the document has them. A change taken reloaded the table already (nothing to do);
        a refused one left its text in its cell, and every later edit of the card, which commits the
        whole list, would be refused for it again: it goes (its reason stays under the form)."""
        self.set_value(self.items)

    def _words_changed(self) -> None:
        row = self.current_row()
        if self.loading or row is None:
            return
        values = self.rows()
        values[row]["text"] = self.words.toPlainText()
        self.commit(values, True)

    def add_row(self) -> None:
        """A new quote at the end, selected, its words ready to be typed over."""
        count = len(self.items)
        self.commit([*self.rows(), {"id": new_id(), "text": NEW_QUOTE, "who": "", "date": None, "source": ""}],
                    False)
        if len(self.items) == count + 1:
            self.table.setCurrentCell(count, QUOTE)
            self.words.setFocus(Qt.FocusReason.OtherFocusReason)
            self.words.selectAll()

    def remove_row(self) -> None:
        row = self.current_row()
        if row is not None:
            values = self.rows()
            del values[row]
            self.commit(values, False)
