"""Autosave and crash recovery.

Every minute, a window with unsaved changes writes them to the application's data folder
(`autosave/<session>.jmap`, beside a small JSON note naming the original file, its state on disk
when it was read, and the process). A clean save or a deliberate discard deletes both. At the
next start, notes whose process is gone are offered for recovery; recovered work keeps its
autosave (the window that takes it over writes its own process into the note), so a second crash
right after recovery loses nothing either. Recovery says when the original file is gone or was
changed by someone else since, and saving over a changed original asks first (`Editor.save`).

A data folder that cannot be written turns autosave off, and the window says so; nothing raises.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _
from ..io import LoadError, SaveError, load_path
from ..io.disk_state import DiskState, change_since
from ..io.writer import map_bytes, write_atomic
from ..model.schema import Map
from .data_folder import data_folder

INTERVAL_MS = 60_000


def autosave_dir() -> Path | None:
    """The folder for autosaves, made if need be; None if it cannot be made or written."""
    return data_folder("autosave")


def _state_to_json(state: DiskState | None) -> dict | None:
    if state is None:
        return None
    return {"size": state.size, "mtime_ns": state.mtime_ns, "file_id": list(state.file_id), "digest": state.digest}


def _state_from_json(value: object) -> DiskState | None:
    try:
        return DiskState(int(value["size"]), int(value["mtime_ns"]),  # type: ignore[index]
                         (int(value["file_id"][0]), int(value["file_id"][1])), str(value["digest"]))  # type: ignore[index]
    except (TypeError, KeyError, IndexError, ValueError):
        return None


@dataclass(frozen=True)
class Recoverable:
    data: Path
    note: Path
    original: str | None
    title: str
    original_state: DiskState | None = None
    """The original file as the crashed window had read it (to tell whether it changed since)."""

    @property
    def slot(self) -> str:
        return self.data.stem

    def load(self) -> Map:
        return load_path(self.data).map

    def original_change(self) -> str | None:
        """'deleted' or 'changed' if the original file is gone or not what the crashed window read."""
        return change_since(self.original, self.original_state) if self.original else None

    def discard(self) -> None:
        for path in (self.data, self.note):
            try:
                path.unlink()
            except OSError:
                pass


class Autosaver:
    """Writes one editor's unsaved work to its own slot (a recovered window keeps the slot it
    recovered from)."""

    def __init__(self, slot: str | None = None) -> None:
        self.slot = slot or uuid.uuid4().hex
        self.problem: str | None = None
        """Why the last write failed (None when it worked)."""

    def _paths(self) -> tuple[Path, Path] | None:
        folder = autosave_dir()
        return None if folder is None else (folder / f"{self.slot}.jmap", folder / f"{self.slot}.json")

    @property
    def data_path(self) -> Path:
        paths = self._paths()
        if paths is None:
            raise OSError(_("the autosave folder cannot be written"))
        return paths[0]

    @property
    def note_path(self) -> Path:
        paths = self._paths()
        if paths is None:
            raise OSError(_("the autosave folder cannot be written"))
        return paths[1]

    def write(self, the_map: Map, view: dict, original: Path | None, original_state: DiskState | None = None) -> bool:
        paths = self._paths()
        if paths is None:
            # TRANSLATORS: completes "Your work is not being autosaved: {reason}."
            self.problem = _("the folder for autosaves cannot be made or written")
            return False
        try:
            write_atomic(paths[0], map_bytes(the_map, view, paths[0]), keep_backup=False)
            self.write_note(original, the_map.title, original_state)
        except (SaveError, OSError) as exc:
            self.problem = str(exc)
            return False
        self.problem = None
        return True

    def write_note(self, original: Path | str | None, title: str, original_state: DiskState | None) -> None:
        """Say that this process holds the slot (raises OSError or SaveError)."""
        paths = self._paths()
        if paths is None:
            raise OSError(_("the autosave folder cannot be written"))
        note = {"pid": os.getpid(), "original": str(original) if original else None, "title": title,
                "original_state": _state_to_json(original_state)}
        write_atomic(paths[1], json.dumps(note).encode("utf-8"), keep_backup=False)

    def clear(self) -> None:
        paths = self._paths()
        if paths is not None:
            Recoverable(paths[0], paths[1], None, "").discard()


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
    folder = autosave_dir()
    if folder is None:
        return []
    found = []
    try:
        notes = sorted(folder.glob("*.json"))
    except OSError:
        return []
    for note_path in notes:
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
        original = note.get("original")
        found.append(Recoverable(data_path, note_path, original if isinstance(original, str) else None,
                                 str(note.get("title", "")), _state_from_json(note.get("original_state"))))
    return found
