"""Crash recovery at start-up: offer the autosaves a crashed journeymapper left behind (Later keeps
one for the next start)."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ..i18n import _
from .autosave import find_recoverable


def offer_recovery(open_window: Callable[[None], Any]) -> int:
    """Ask about each autosave a crashed journeymapper left behind; returns how many were reopened."""
    reopened = 0
    for item in find_recoverable():
        if item.original:
            text = _("journeymapper closed unexpectedly while “{title}” ({path}) had unsaved changes. "
                     "Recover them?").format(title=item.title, path=item.original)
        else:
            text = _("journeymapper closed unexpectedly while “{title}” (a new, unsaved map) had unsaved "
                     "changes. Recover them?").format(title=item.title)
        change = item.original_change()
        if change == "deleted":
            text += " " + _("The original file is gone since; saving writes it again.")
        elif change == "changed":
            text += " " + _("Someone else changed the original file since; saving asks before replacing "
                            "their version.")
        box = QMessageBox(QMessageBox.Icon.Question, _("Recover unsaved work"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Ignore)
        box.setTextFormat(Qt.TextFormat.PlainText)
        # TRANSLATORS: a button: ask again at the next start
        box.button(QMessageBox.StandardButton.Ignore).setText(_("Later"))
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Yes:
            window = open_window(None)
            window.adopt_recovered(item)  # the autosave stays until the work is saved or discarded
            window.show()
            reopened += 1
        elif answer == QMessageBox.StandardButton.Discard:
            item.discard()
    return reopened
