"""A bar above the canvas that tells the user something they must decide on, without stopping
them: the file changed on disk, the map is open read-only, autosave is off.

Not a dialog: work goes on while it is shown, and several windows can each show their own.
Messages are plain text (a file name is data, never markup).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class NoticeBar(QFrame):
    """One notice at a time: a sentence and its buttons; a button's action then hides the bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice-bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#notice-bar { background: palette(tooltip-base); }")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self._layout.addWidget(self.label, 1)
        self.buttons: dict[str, QPushButton] = {}
        self.kind: str | None = None
        """What the shown notice is about ('disk', 'read-only', 'autosave'), None when hidden."""
        self.hide()

    def show_notice(self, kind: str, text: str, actions: list[tuple[str, Callable[[], object]]]) -> None:
        """Show `text` with a button per (label, action); any button hides the bar before it acts."""
        for button in self.buttons.values():
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        self.kind = kind
        self.label.setText(text)
        for label, action in actions:
            button = QPushButton(label)
            button.clicked.connect(lambda _checked=False, act=action: self._run(act))
            self._layout.addWidget(button)
            self.buttons[label.replace("&", "")] = button
        self.show()

    def dismiss(self, kind: str | None = None) -> None:
        """Hide the bar (only if it shows a notice of `kind`, when given)."""
        if kind is None or kind == self.kind:
            self.kind = None
            self.hide()

    def _run(self, action: Callable[[], object]) -> None:
        self.dismiss()
        action()
