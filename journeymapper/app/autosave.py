"""Autosave and crash recovery.

Every minute, a window with unsaved changes writes them to the application's
data folder (`autosave/<session>.jmap`, beside a small JSON note naming the
original file and the process). A clean save or a clean close deletes both.
At the next start, notes whose process is gone are offered for recovery: a
crash loses at most a minute of work.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from ..io import LoadError, SaveError, dumps, load_path
from ..io.writer import write_atomic
from ..model.schema import Map

INTERVAL_MS = 60_000


def autosave_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    folder = Path(base) / "autosave"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass(frozen=True)
class Recoverable:
    data: Path
    note: Path
    original: str | None
    title: str

    def load(self) -> Map:
        return load_path(self.data).map

    def discard(self) -> None:
        for path in (self.data, self.note):
            try:
                path.unlink()
            except OSError:
                pass


class Autosaver:
    """Writes one editor's unsaved work to its own slot."""

    def __init__(self) -> None:
        self.slot = uuid.uuid4().hex

    @property
    def data_path(self) -> Path:
        return autosave_dir() / f"{self.slot}.jmap"

    @property
    def note_path(self) -> Path:
        return autosave_dir() / f"{self.slot}.json"

    def write(self, the_map: Map, view: dict, original: Path | None) -> bool:
        try:
            write_atomic(self.data_path, dumps(the_map, view), keep_backup=False)
            note = {"pid": os.getpid(), "original": str(original) if original else None, "title": the_map.title}
            write_atomic(self.note_path, json.dumps(note).encode("utf-8"), keep_backup=False)
            return True
        except (SaveError, OSError):
            return False

    def clear(self) -> None:
        Recoverable(self.data_path, self.note_path, None, "").discard()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def find_recoverable() -> list[Recoverable]:
    """Autosaves left behind by a journeymapper that is no longer running."""
    found = []
    for note_path in sorted(autosave_dir().glob("*.json")):
        data_path = note_path.with_suffix(".jmap")
        try:
            note = json.loads(note_path.read_text(encoding="utf-8"))
            pid = int(note.get("pid", 0))
        except (OSError, ValueError, TypeError, AttributeError):
            continue
        if _alive(pid) or not data_path.exists():
            continue
        try:
            load_path(data_path)
        except LoadError:
            continue
        found.append(Recoverable(data_path, note_path, note.get("original"), str(note.get("title", ""))))
    return found
