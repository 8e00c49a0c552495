"""macOS hands files to a running app as FileOpen events (Finder double-click, a drop on the Dock)."""

from __future__ import annotations

from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from journeymapper import gui


def test_a_file_open_event_opens_the_map_in_a_window(qtbot, example_copy):
    app = QApplication.instance()
    handler = gui.handle_file_open_events(app)
    try:
        assert gui.window_for(example_copy) is None
        QApplication.sendEvent(app, QFileOpenEvent(str(example_copy)))
        window = gui.window_for(example_copy)
        assert window is not None and window.isVisible()
        assert window.document().map.title == "Corner bakery: cakes and catering"
        QApplication.sendEvent(app, QFileOpenEvent(str(example_copy)))  # again: the same window, raised
        assert [w for w in gui.windows() if w is window] == [window]
        assert sum(1 for w in gui.windows() if w.editor is not None and w.editor.path == window.editor.path) == 1
    finally:
        app.removeEventFilter(handler)
        for w in gui.windows():
            w.ask_save_changes = lambda: "discard"
            w.close()
