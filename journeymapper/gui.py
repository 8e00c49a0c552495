"""The automation API and the desktop entry point.

    from journeymapper import gui
    win = gui.open_window("map.jmap")   # or None for the start page; returns the QMainWindow, not shown
    win.document()                      # the Document being edited
    win.view()                          # the canvas QGraphicsView (send mouse events to .viewport())
    win.item_for(element_id)            # the QGraphicsItem showing that persona/stage/touchpoint/flow
    win.undo_stack()                    # the QUndoStack
    win.save(path=None)                 # save (atomic), or save as

Tests, scripts and other programs use these instead of private attributes.
`open_window` raises `journeymapper.io.LoadError` for a file it cannot read.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .app.desktop import offer_recovery
from .app.editor import Editor
from .app.interface_language import apply_interface_language
from .app.main_window import APP_NAME, MainWindow
from .app.preferences import settings
from .app.single_instance import InstanceServer, hand_over
from .gc_tuning import building_long_lived_objects
from .i18n import _
from .io import LoadError
from .io.disk_state import same_file
from .io.templates import map_from_template
from .resources import icons_dir

_windows: list[MainWindow] = []
_language_applied: list[str] = []
"""The interface language taken when the application was first made (before any window)."""


def application() -> QApplication:
    """The running QApplication, created (with our names) if there is none yet."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(APP_NAME)  # docks and task bars match windows to journeymapper.desktop
    if not _language_applied:
        _language_applied.append(apply_interface_language(app, settings()))
    icon = icons_dir() / "journeymapper.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app  # type: ignore[return-value]


def windows() -> list[MainWindow]:
    """The main windows this process has open."""
    return list(_windows)


def _forget(window: MainWindow) -> None:
    if window in _windows:
        _windows.remove(window)


def window_for(path: str | os.PathLike[str]) -> MainWindow | None:
    """The open window that edits this file, if any, however the path reaches it (links and hard
    links included): one file, one window, since two would overwrite each other's saves."""
    if not os.path.exists(path):
        return None  # nothing to open (or nothing we can reach): the caller reports it
    for window in _windows:
        editor = window.editor
        if editor is not None and editor.path is not None and same_file(editor.path, path):
            return window
    return None


def _raise(window: MainWindow) -> None:
    window.show()
    window.raise_()
    window.activateWindow()


def _show_new(path: str | None) -> None:
    """A window asked for another one (File > New Window, or opening a file while busy)."""
    if path is None:
        open_window(None).show()
        return
    existing = window_for(path)
    if existing is not None:
        _raise(existing)
        return
    window = MainWindow()
    _track(window)
    if window.load_file(path):
        window.show()
    else:
        _forget(window)
        window.deleteLater()


def _show_copy(the_map) -> None:
    """A map shown in a window of its own, unsaved (an earlier version, opened beside the map)."""
    window = open_window(None)
    with building_long_lived_objects():
        window.set_editor(Editor(the_map))
    window.editor.stack.resetClean()
    window.show()


def _track(window: MainWindow) -> MainWindow:
    _windows.append(window)
    window.open_requested.connect(_show_new)
    window.new_window_requested.connect(lambda: _show_new(None))
    window.open_copy_requested.connect(_show_copy)
    window.find_window = window_for
    window.closed.connect(lambda: _forget(window))  # a closed window is gone: free it with its map
    return window


def open_window(path: str | os.PathLike[str] | None = None, template: str | None = None) -> MainWindow:
    """A new main window on a map file, a new map from a template, or the start page. Not shown."""
    application()
    if path is not None:
        existing = window_for(path)
        if existing is not None:
            return existing  # one file, one window
    window = _track(MainWindow())
    if path is not None:
        try:
            window.open_file(path)
        except LoadError:
            _forget(window)
            window.deleteLater()
            raise
    elif template is not None:
        with building_long_lived_objects():
            window.set_editor(Editor(map_from_template(template)))
    return window


def open_files(paths: list[str]) -> int:
    """Open each map in its own window (a start page if there is none); a bad file gets a dialog
    and the other maps still open. Returns how many windows were shown."""
    shown = 0
    for name in paths:
        existing = window_for(name)
        if existing is not None:
            _raise(existing)
            shown += 1
            continue
        try:
            window = open_window(name)
        except LoadError as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, _("Could not open the map"), "\n".join(exc.lines()))
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
            continue
        _raise(window)
        shown += 1
    if not paths:
        open_window(None).show()
        shown += 1
    return shown


class _FileOpenHandler(QObject):
    """Opens the files the system hands over while journeymapper runs: on macOS, Finder (a
    double-click, a drop on the Dock icon) sends a FileOpen event instead of starting a new process."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FileOpen:
            path = event.file()  # type: ignore[attr-defined]
            if path:
                open_files([str(Path(path).resolve())])
                return True
        return False


def handle_file_open_events(app: QApplication) -> QObject:
    """Make `app` open the files the system asks it to (see _FileOpenHandler); returns the handler."""
    handler = _FileOpenHandler(app)
    app.installEventFilter(handler)
    return handler


def run(files: list[str]) -> int:
    """The desktop application: every named file opens in its own window, in one process per user
    (a second start hands its files to the first; JOURNEYMAPPER_NO_SINGLE_INSTANCE=1 turns that off)."""
    app = application()
    absolute = [str(Path(f).resolve()) for f in files]
    single = not os.environ.get("JOURNEYMAPPER_NO_SINGLE_INSTANCE")
    if single and hand_over(absolute):
        return 0
    handle_file_open_events(app)
    server = InstanceServer(open_files, parent=app)
    if single:
        server.listen()
    shown = offer_recovery(open_window)
    if absolute or not shown:
        open_files(absolute)
    if not windows():
        # Every file named failed to open (each said why in a dialog): with no window left, a program
        # still running would be invisible, and would take the next file opened.
        server.close()
        return 1
    return app.exec()
