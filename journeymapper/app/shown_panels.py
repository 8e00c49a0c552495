"""Panels that read the whole map (Actions, Insights) do it only while a person can see them.

Both live in docks tabbed with Problems. Qt keeps a dock behind another tab "visible" (moved off
screen), so `isVisible()` alone would let a hidden panel re-read a 5,000-card map after every edit: the
panel also needs a visible region, and catches up when its tab is chosen (`visibilityChanged`) or it
is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDockWidget


class ReadsWhenShown:
    """Mixin for a QWidget panel with a `refresh()` that reads the map: call `_read_when_shown(delay_ms)`
    in `__init__`; `self.timer` (edits pause) and `self.catch_up` (came into sight) call it; `refresh`
    begins with `if self._put_off(): return`."""

    def _read_when_shown(self, delay_ms: int) -> None:
        self._stale = False
        self.timer = QTimer(self)  # type: ignore[arg-type]
        """Waits for edits to pause (each edit starts the wait again)."""
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.refresh)  # type: ignore[attr-defined]
        self.catch_up = QTimer(self)  # type: ignore[arg-type]
        """Reads a stale map just after the panel comes into sight (its dock laid out by then)."""
        self.catch_up.setSingleShot(True)
        self.catch_up.setInterval(0)
        self.catch_up.timeout.connect(self._catch_up)

    def is_shown(self) -> bool:
        """Whether a person can see the panel: shown, and not behind another tab of its dock area."""
        return self.isVisible() and not self.visibleRegion().isEmpty()  # type: ignore[attr-defined]

    def follow_dock(self, dock: QDockWidget) -> None:
        """Catch up when the dock's tab is chosen (Qt says so with `visibilityChanged`, not a show event)."""
        dock.visibilityChanged.connect(self._dock_shown)

    def _put_off(self) -> bool:
        """Stop waiting; True (and remember the map is unread) when the panel is out of sight."""
        self.timer.stop()
        self._stale = not self.is_shown()
        return self._stale

    def _dock_shown(self, shown: bool) -> None:
        if shown and self._stale:
            self.catch_up.start()

    def _catch_up(self) -> None:
        if self._stale:
            self.refresh()  # type: ignore[attr-defined]

    def showEvent(self, event) -> None:
        super().showEvent(event)  # type: ignore[misc]
        if self._stale:
            self.catch_up.start()
