"""Earlier versions of each map, kept in the data folder: a mistaken save, or a colleague's
change taken in, can be undone days later.

Every time a map is opened or saved, its bytes are kept as a version (unless the newest kept
version is already those bytes), in a folder of the data folder named after the map's path. The
newest `keep` versions stay, up to `max_bytes` for one map (the newest always stays). Versions
are written like saves (whole or not at all), so every version is a readable map.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .writer import write_atomic

DEFAULT_KEEP = 10
MAX_BYTES_PER_MAP = 200 * 1024 * 1024


@dataclass(frozen=True)
class Version:
    path: Path
    saved: datetime
    size: int


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S.%fZ")


class VersionStore:
    def __init__(self, folder: Path, keep: int = DEFAULT_KEEP, max_bytes: int = MAX_BYTES_PER_MAP) -> None:
        self.folder = folder
        self.keep = keep
        self.max_bytes = max_bytes

    def folder_for(self, map_path: str | os.PathLike[str]) -> Path:
        key = hashlib.sha256(os.path.realpath(map_path).encode("utf-8", "surrogateescape")).hexdigest()[:20]
        return self.folder / key

    def versions(self, map_path: str | os.PathLike[str]) -> list[Version]:
        """The kept versions of a map, newest first."""
        folder = self.folder_for(map_path)
        found = []
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return []
        for entry in entries:
            if not entry.name.endswith(".jmap") or entry.name.startswith("."):
                continue
            try:
                saved = datetime.strptime(entry.name.split("-", 1)[0], "%Y%m%dT%H%M%S.%fZ").replace(tzinfo=UTC)
                size = entry.stat(follow_symlinks=False).st_size
            except (ValueError, OSError):
                continue
            found.append(Version(Path(entry.path), saved, size))
        return sorted(found, key=lambda v: v.path.name, reverse=True)

    def record(self, map_path: str | os.PathLike[str], data: bytes, now: datetime | None = None) -> Version | None:
        """Keep `data` as the newest version of the map (nothing if it is the newest already, or
        if keeping is off); then let the oldest go. Returns the version kept."""
        if self.keep <= 0:
            return None
        digest = hashlib.sha256(data).hexdigest()[:16]
        existing = self.versions(map_path)
        if existing and existing[0].path.name.endswith(f"-{digest}.jmap"):
            return None
        folder = self.folder_for(map_path)
        folder.mkdir(parents=True, exist_ok=True)
        note = folder / "map.txt"
        if not note.exists():
            note.write_text(os.path.realpath(map_path) + "\n", encoding="utf-8")  # (for a person looking)
        moment = now or datetime.now(UTC)
        path = folder / f"{_stamp(moment)}-{digest}.jmap"
        write_atomic(path, data, keep_backup=False)
        self.prune(map_path)
        return Version(path, moment, len(data))

    def prune(self, map_path: str | os.PathLike[str]) -> None:
        kept = self.versions(map_path)
        total = 0
        for index, version in enumerate(kept):
            total += version.size
            if index >= max(self.keep, 1) or (index > 0 and total > self.max_bytes):
                try:
                    version.path.unlink()
                except OSError:
                    pass
