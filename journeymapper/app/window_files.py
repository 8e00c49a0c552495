"""The window's files: open, save, save as, revert, autosave, recent files.

A mixin of `MainWindow` (it uses the window's editor, status bar and dialogs): the window's code
for files in one room, apart from its menus and canvas.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..gc_tuning import building_long_lived_objects
from ..io import LoadError, SaveError, load_path
from ..io.templates import map_from_template
from .editor import Editor
from .export_dialog import suggested_path

APP_NAME = "journeymapper"
MAX_RECENT = 10
FILE_FILTER = "Journey maps (*.jmap);;All files (*)"


def settings() -> QSettings:
    return QSettings(APP_NAME, APP_NAME)


def recent_files() -> list[str]:
    value = settings().value("recentFiles", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v]


def remember_recent(path: Path) -> None:
    entry = str(path.resolve())
    files = [f for f in recent_files() if f != entry]
    settings().setValue("recentFiles", [entry, *files][:MAX_RECENT])


class FileHandling:
    """Open, save and keep a window's map (mixed into `MainWindow`)."""

    def save(self, path: str | Path | None = None) -> bool:
        """Save (atomic), or save as `path`. Returns False if it failed (the user was told why)."""
        if self.editor is None:
            return False
        if path is None and self.editor.path is None:
            return self.save_as()
        try:
            written = self.editor.save(path)
        except SaveError as exc:
            self.show_error("Could not save", str(exc))
            return False
        remember_recent(written)
        self.autosaver.clear()
        self._update_title()
        self.statusBar().showMessage(f"Saved {written}", 4000)
        return True

    def load_file(self, path: str | Path) -> bool:
        """Open a file in this window; a bad file shows the loader's message and changes nothing."""
        try:
            with building_long_lived_objects():
                loaded = load_path(path)
                self.set_editor(Editor(loaded, path))
        except LoadError as exc:
            self.show_error("Could not open the map", "\n".join(exc.lines()))
            return False
        remember_recent(Path(path))
        if loaded.upgraded:
            self.statusBar().showMessage(
                f"Opened a map of file format {loaded.schema_version}; saving writes the current format", 8000)
        return True

    def open_path(self, path: str) -> None:
        """Open here if this window holds nothing yet, else in a new window; a file already open
        in a window is brought to the front instead of being opened twice."""
        existing = self.find_window(path)
        if existing is not None:
            existing.show()
            existing.raise_()
            existing.activateWindow()
        elif self.editor is None:
            self.load_file(path)
        else:
            self.open_requested.emit(path)

    def open_dialog(self) -> None:
        start = str(self.editor.path.parent) if self.editor and self.editor.path else ""
        paths, _ = QFileDialog.getOpenFileNames(self, "Open journey maps", start, FILE_FILTER)
        for path in paths:
            self.open_path(path)

    def new_from_template(self, name: str) -> None:
        """The start page's choice (it is shown only while this window has no map)."""
        self.set_editor(Editor(map_from_template(name)))

    def revert(self) -> None:
        if self.editor is None or self.editor.path is None:
            return
        answer = QMessageBox.question(self, "Revert", "Discard all changes since the last save?")
        if answer == QMessageBox.StandardButton.Yes and self.load_file(self.editor.path):
            self.autosaver.clear()  # the discarded changes must not come back as "recovered"

    def save_as(self) -> bool:
        if self.editor is None:
            return False
        suggestion = suggested_path(self.editor.path, self.editor.doc.map.title, ".jmap")
        path, _ = QFileDialog.getSaveFileName(self, "Save journey map", suggestion, FILE_FILTER)
        if not path:
            return False
        if not path.endswith(".jmap"):
            path += ".jmap"
        return self.save(path)

    def autosave(self) -> None:
        """Write unsaved work to the autosave slot, unless nothing changed since the last time."""
        if self.editor is None or not self.editor.is_modified():
            return
        state = (id(self.editor.stack), self.editor.stack.index(), self.editor.stack.count())
        if state == getattr(self, "_autosaved_at", None):
            return
        if self.autosaver.write(self.editor.doc.map, self.editor.view_state, self.editor.path):
            self._autosaved_at = state

    def _forget_autosave_when_clean(self, clean: bool) -> None:
        if clean:
            self.autosaver.clear()
            self._autosaved_at = None

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in recent_files():
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        if not self.recent_menu.actions():
            self.recent_menu.addAction("(none)").setEnabled(False)
