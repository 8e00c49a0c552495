"""Find (Ctrl+F): a bar above the canvas that finds words in every text of the map and shows
the matches one after another, selected and scrolled into view."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from ..i18n import _, _n
from ..model.schema import Map
from ..model.search import Match, find, found_elements
from .field_names import name_clear_button


class FindBar(QFrame):
    """Type to find; Enter or F3 shows the next match, Shift+Enter or Shift+F3 the one before; Esc closes."""

    show_element = Signal(str)
    """An element to select and scroll to (a match)."""
    closed = Signal()

    def __init__(self, current_map: Callable[[], Map | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find-bar")
        self._map = current_map
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        label = QLabel(_("Find:"))
        row.addWidget(label)
        self.field = QLineEdit()
        self.field.setPlaceholderText(_("a word in a title, a note, a pain point, a KPI…"))
        self.field.setClearButtonEnabled(True)
        label.setBuddy(self.field)  # (the field's name for screen readers)
        name_clear_button(self.field)
        self.field.setToolTip(_("Finds the words in every text of the map, in the order the map reads"))
        self.field.textChanged.connect(self._search)
        self.field.installEventFilter(self)
        row.addWidget(self.field, 1)
        self.count = QLabel("")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setMinimumWidth(200)
        row.addWidget(self.count)
        for text, tip, direction in ((_("Previous"), _("Show the previous match (Shift+F3)"), -1),
                                     (_("Next"), _("Show the next match (F3 or Enter)"), 1)):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, d=direction: self.step(d))
            row.addWidget(button)
        close = QPushButton(_("Close"))
        close.setToolTip(_("Close the find bar (Esc)"))
        close.clicked.connect(self.close_bar)
        row.addWidget(close)
        self.matches: list[Match] = []
        self.elements: list[str] = []
        self.current = -1
        self.hide()

    def open_bar(self) -> None:
        """Show the bar (the same words as last time, still at the match shown last)."""
        shown = self.elements[self.current] if 0 <= self.current < len(self.elements) else None
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self._search(keep=shown)

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def refresh(self) -> None:
        """The map changed: find again, staying on the element shown if it still matches."""
        if self.isVisible():
            shown = self.elements[self.current] if 0 <= self.current < len(self.elements) else None
            self._search(keep=shown)

    def _search(self, *_args: object, keep: str | None = None) -> None:
        the_map = self._map()
        self.matches = find(the_map, self.field.text()) if the_map is not None else []
        self.elements = found_elements(self.matches)
        self.current = self.elements.index(keep) if keep in self.elements else -1
        self._say()

    def step(self, direction: int) -> None:
        """Show the next (1) or previous (-1) element that matches, round and round."""
        if not self.isVisible():
            self.open_bar()
        if not self.elements:
            self._say()
            return
        self.current = (self.current + direction) % len(self.elements) if self.current >= 0 else (
            0 if direction > 0 else len(self.elements) - 1)
        self._say()
        self.show_element.emit(self.elements[self.current])

    def _say(self) -> None:
        if not self.field.text().strip():
            self.count.setText("")
        elif not self.elements:
            self.count.setText(_("not found"))
        else:
            # (`where` names the texts in the model's words: "title", "pain point 2", "KPI “Visits”")
            where = [m.where for m in self.matches if m.element_id == self.elements[self.current]] \
                if self.current >= 0 else []
            total = len(self.elements)
            place = (_n("{n} of {total}", "{n} of {total}", total).format(n=self.current + 1, total=total)
                     if self.current >= 0 else _n("{total} found", "{total} found", total).format(total=total))
            # TRANSLATORS: the find bar's count, then which texts of the element hold the words ("title, notes").
            self.count.setText(_("{place} — in its {texts}").format(place=place, texts=", ".join(where)) if where
                               else place)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """The field's Enter (next), Shift+Enter (previous) and Esc (close), before the field takes them."""
        if watched is self.field and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.step(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)
