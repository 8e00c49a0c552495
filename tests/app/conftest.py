"""GUI test fixtures: real windows (offscreen; on an X server under `./dev test-xcb`), real mouse and
key events, no dialogs left open, no shortcut conflicts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QStandardPaths, Qt, qInstallMessageHandler

QStandardPaths.setTestModeEnabled(True)  # settings, recent files and autosaves stay out of the user's home

from journeymapper import gui  # noqa: E402
from journeymapper.resources import example_map_path  # noqa: E402

AMBIGUOUS_SHORTCUT = "Ambiguous shortcut overload"


class ShortcutConflicts:
    """Collects Qt's "Ambiguous shortcut overload" warnings: a key press that two enabled actions (or
    one action twice) claim, and which therefore did nothing. Only a real platform's key bindings
    show them (offscreen has other ones), so `./dev test-xcb` is where they are caught."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self._previous = None

        def handler(msg_type, context, message) -> None:
            if AMBIGUOUS_SHORTCUT in str(message):
                self.messages.append(str(message))
            if self._previous is not None:
                self._previous(msg_type, context, message)  # pytest-qt's capture still sees everything
            else:
                print(message, file=sys.stderr)

        self._handler = handler

    def install(self) -> None:
        self._previous = qInstallMessageHandler(self._handler)

    def uninstall(self) -> None:
        current = qInstallMessageHandler(self._previous)
        if current is not self._handler:
            # pytest-qt already put back the handler it had replaced (after the test's call): keep that.
            qInstallMessageHandler(current)

    def check(self) -> None:
        """Fail when Qt reported a shortcut conflict."""
        if self.messages:
            found = "\n  ".join(dict.fromkeys(self.messages))
            pytest.fail(f"Qt reported a shortcut conflict (two enabled actions, or one action twice, claim "
                        f"these keys, so pressing them does nothing):\n  {found}", pytrace=False)


@pytest.fixture(autouse=True)
def shortcut_conflicts():
    """Every GUI test fails on an ambiguous shortcut, whatever pytest-qt's log settings or marks say."""
    watch = ShortcutConflicts()
    watch.install()
    try:
        yield watch
    finally:
        watch.uninstall()
    watch.check()


@pytest.fixture
def open_window(qtbot):
    """Factory: open a map (a path, or None for the start page) in a shown window; closed after the test."""
    opened = []

    def factory(path: str | Path | None = None, template: str | None = None):
        window = gui.open_window(path, template=template)
        window.ask_save_changes = lambda: "discard"
        window.show_error = lambda title, message: window.errors.append((title, message))
        window.errors = []
        qtbot.addWidget(window)
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        # A desktop's window manager activates a window it shows; under Xvfb nothing does, and the
        # keys then go nowhere: ask for it, as a user's click would.
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        opened.append(window)
        return window

    yield factory
    for window in opened:
        window.ask_save_changes = lambda: "discard"
        window.close()


@pytest.fixture
def big_window(open_window, tmp_path):
    """A map with more than EAGER_ITEMS cards and flows (built part by part), top left at 100 %."""
    from journeymapper.canvas.scene import EAGER_ITEMS
    from journeymapper.io import save
    from tests.benchmarks.bigmap import big_map

    the_map = big_map(1200, 2400, 4, 6)
    assert len(the_map.touchpoints) + len(the_map.flows) > EAGER_ITEMS
    path = tmp_path / "big.jmap"
    save(path, the_map)
    window = open_window(path)
    window.view().set_zoom(1.0)
    window.view().horizontalScrollBar().setValue(0)
    window.view().verticalScrollBar().setValue(0)
    assert window.editor.scene._shown is not None, "the scene makes its items part by part"
    return window


@pytest.fixture
def example_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the example map, in an editor whose "today" is the day the example was written: its
    plan's dates (readings, due dates) are fixed in the file, and the tests must not age with the clock."""
    from journeymapper.app.editor import Editor
    from journeymapper.io import load_path

    written = load_path(example_map_path()).map.modified.date()
    monkeypatch.setattr(Editor, "today", lambda self: written)
    copy = tmp_path / "bakery.jmap"
    copy.write_bytes(example_map_path().read_bytes())
    return copy


def viewport_point(window, scene_point: QPointF) -> QPoint:
    view = window.view()
    view.ensureVisible(scene_point.x() - 5, scene_point.y() - 5, 10, 10, 80, 80)
    return view.mapFromScene(scene_point)


def drag(qtbot, window, start: QPointF, end: QPointF, modifier=Qt.KeyboardModifier.NoModifier, steps: int = 6):
    """Press at `start`, move in steps, release at `end` (scene coordinates), on the viewport."""
    view = window.view()
    viewport = view.viewport()
    a = view.mapFromScene(start)
    b = view.mapFromScene(end)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, modifier, a)
    for k in range(1, steps + 1):
        p = QPoint(a.x() + (b.x() - a.x()) * k // steps, a.y() + (b.y() - a.y()) * k // steps)
        qtbot.mouseMove(viewport, p)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier, b)


@pytest.fixture(scope="session", autouse=True)
def _no_autosaves_left_behind():
    """Windows a test leaves open may autosave after a minute, and saves keep versions: the test-mode
    folders are emptied after the run."""
    import shutil

    from journeymapper.app.data_folder import data_folder

    yield
    for name in ("autosave", "versions"):
        folder = data_folder(name)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
