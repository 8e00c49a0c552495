"""Starting the desktop application: windows for the files named, recovery of autosaved work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ..io import LoadError
from .autosave import find_recoverable
from .editor import Editor


def offer_recovery(gui) -> int:
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
            window = gui.open_window(None)
            editor = Editor(item.load(), item.original)
            window.set_editor(editor)
            editor.stack.resetClean()  # recovered work is unsaved work
            window.show()
            reopened += 1
        item.discard()
    return reopened


def run(files: list[str]) -> int:
    """The desktop application's main loop; every named file opens in its own window."""
    from .. import gui

    app = gui.application()
    shown = offer_recovery(gui)
    for name in files:
        try:
            window = gui.open_window(name)
        except LoadError as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, "Could not open the map", "\n".join(exc.lines()))
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
            continue
        window.show()
        shown += 1
    if not shown:
        gui.open_window(None).show()
    return app.exec()


__all__ = ["run", "offer_recovery", "Path"]
