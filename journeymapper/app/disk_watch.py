"""Noticing that an open map's file was changed by someone else: a colleague's save in a shared
folder, `git pull`, a sync client.

The system tells us (QFileSystemWatcher on the file and its folder: an atomic save replaces the
file, and a watch on the old file would go quiet); network folders where it cannot are checked
when the window comes to the front. Reports are gathered for a moment (a save is several events)
and then `changed` is emitted once; the window decides what the change means (`Editor.change_on_disk`).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

SETTLE_MS = 300


class DiskWatch(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._reported)
        self.watcher.directoryChanged.connect(self._reported)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SETTLE_MS)
        self.timer.timeout.connect(self.changed.emit)
        self.path: Path | None = None

    def watch(self, path: Path | None) -> None:
        """Watch this file (None: nothing); the previous one is let go."""
        watched = self.watcher.files() + self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)
        self.path = path
        if path is not None:
            self._add()

    def _add(self) -> None:
        path = self.path
        if path is None:
            return
        wanted = [str(p) for p in (path, path.parent) if os.path.exists(p)]
        missing = [p for p in wanted if p not in self.watcher.files() + self.watcher.directories()]
        if missing:
            self.watcher.addPaths(missing)

    def _reported(self, _path: str) -> None:
        self._add()  # a file replaced by a rename is a new file: watch it again
        self.timer.start()
