"""Crash recovery at start-up: offer the autosaves a crashed journeymapper left behind."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from .autosave import find_recoverable
from .editor import Editor


def offer_recovery(open_window: Callable[[None], Any]) -> int:
    """Ask about each autosave a crashed journeymapper left behind; returns how many were reopened."""
    reopened = 0
    for item in find_recoverable():
        where = item.original or "a new, unsaved map"
        box = QMessageBox(QMessageBox.Icon.Question, "Recover unsaved work",
                          f"journeymapper closed unexpectedly while “{item.title}” ({where}) had unsaved "
                          "changes. Recover them?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard)
        box.setTextFormat(Qt.TextFormat.PlainText)
        if box.exec() == QMessageBox.StandardButton.Yes:
            window = open_window(None)
            editor = Editor(item.load(), item.original)
            window.set_editor(editor)
            editor.stack.resetClean()  # recovered work is unsaved work
            window.show()
            reopened += 1
        item.discard()
    return reopened
