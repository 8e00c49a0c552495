"""A card's or a persona's customer quotes in the inspector: a table of them (Quote, Who, Date, Source)
and, under it, the words of the selected quote in a box of their own.

A quote can be long and have paragraphs, which a table cell cannot show or edit well: the table shows
its words on one line, the box below holds them whole. Who, when and where are typed in the table.
Every change commits the whole list as one undoable edit of the element's `quotes` (typing the words
is one step per visit to the box, as typing in any inspector field); a quote keeps its id, and a new
one gets a fresh id (`model.document.new_id`), as pain points and opportunities do. Its date shows,
and is read, as the user's locale writes one (ISO is read too); the map keeps it as ISO.
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
from ..i18n import N_, _
from ..model.document import new_id
from ..model.messages import one_line
from ..model.schema import Quote
from .local_formats import EXAMPLE_DAY, day_text, parse_day

Commit = Callable[[list[dict[str, Any]], bool], None]
"""Commits the whole list of quotes; the flag says whether it may merge with the last step of this
visit to the field (typing a quote's words)."""
HEADERS = (N_("Quote"), N_("Who"), N_("Date"), N_("Source"))
QUOTE, WHO, DATE, SOURCE = range(4)
NEW_QUOTE = N_("New quote")
WORDS_HINT = N_("Select a quote above to read or change its words")
# TRANSLATORS: {example} is a date as the user's locale writes it.
TABLE_TIP = N_("What customers said, in their own words: who said it, when (a date like {example}) and where it "
               "was heard or read (an interview, a review, a survey). Select a quote to change its words in the "
               "box below.")


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
        self.table.setHorizontalHeaderLabels([_(header) for header in HEADERS])
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
        self.table.setToolTip(_(TABLE_TIP).format(example=day_text(EXAMPLE_DAY)))
        self.table.itemChanged.connect(self._cell_changed)
        self.table.currentCellChanged.connect(lambda *_: self._show_words())
        self.words = QPlainTextEdit()
        self.words.setObjectName("quote-words")
        self.words.setTabChangesFocus(True)
        self.words.setFixedHeight(72)
        self.words.setPlaceholderText(_(WORDS_HINT))
        self.words.setToolTip(_("The selected quote's words, as the customer said them (up to 1,000 characters)"))
        self.words.textChanged.connect(self._words_changed)
        if watcher is not None:
            self.words.installEventFilter(watcher)  # (a new visit to the box starts a new undo step)
        buttons = QHBoxLayout()
        self.add_button, self.remove_button = QPushButton(_("Add")), QPushButton(_("Remove"))
        self.add_button.setToolTip(_("Add a quote and type its words in the box below"))
        self.remove_button.setToolTip(_("Remove the selected quote"))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        words_label = QLabel(_("Words of the selected quote:"))
        words_label.setTextFormat(Qt.TextFormat.PlainText)
        words_label.setBuddy(self.words)  # (the box's name for screen readers)
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
        date = min(self.table.fontMetrics().horizontalAdvance(day_text(EXAMPLE_DAY)) + 14, width // 3)
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
                cells = (one_line(quote.text), quote.who, day_text(quote.date), quote.source)
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
            value.update(who=self._cell(row, WHO), date=_typed_day(self._cell(row, DATE)),
                         source=self._cell(row, SOURCE))
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
        self.commit([*self.rows(), {"id": new_id(), "text": _(NEW_QUOTE), "who": "", "date": None, "source": ""}],
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


def _typed_day(text: str) -> Any:
    """A date cell's value: None when empty; the day, typed as the locale writes it or as ISO; else the
    text as typed (the format refuses it, with its reason)."""
    if not text:
        return None
    day = parse_day(text)
    return day.isoformat() if day is not None else text
