"""Crash recovery at start-up: offer the autosaves a crashed journeymapper left behind (Later keeps
one for the next start)."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from .autosave import find_recoverable


def offer_recovery(open_window: Callable[[None], Any]) -> int:
    """Ask about each autosave a crashed journeymapper left behind; returns how many were reopened."""
    reopened = 0
    for item in find_recoverable():
        where = item.original or "a new, unsaved map"
        change = item.original_change()
        since = {"deleted": " The original file is gone since; saving writes it again.",
                 "changed": " Someone else changed the original file since; saving asks before "
                            "replacing their version."}.get(change or "", "")
        box = QMessageBox(QMessageBox.Icon.Question, "Recover unsaved work",
                          f"journeymapper closed unexpectedly while “{item.title}” ({where}) had unsaved "
                          f"changes. Recover them?{since}",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Ignore)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.button(QMessageBox.StandardButton.Ignore).setText("Later")
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Yes:
            window = open_window(None)
            window.adopt_recovered(item)  # the autosave stays until the work is saved or discarded
            window.show()
            reopened += 1
        elif answer == QMessageBox.StandardButton.Discard:
            item.discard()
    return reopened
