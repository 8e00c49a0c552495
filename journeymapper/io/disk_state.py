"""What a map file on disk was when we last read or wrote it, to tell whether someone else has
changed it since.

Maps are shared through folders, e-mail and git: a colleague's save, a `git pull` or a sync
client can replace the file under an open window. Saving the window's map then would silently
throw their work away. The editor keeps the `DiskState` of the bytes it read (or wrote) and asks
`change_since` before it saves and whenever the file is reported changed: size, time and file
identity first (cheap), then, if any of those differ, the content's hash (a `touch` or a save of
identical bytes is not a change).
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from typing import Literal

from .limits import MAX_FILE_BYTES

Change = Literal["changed", "deleted"]


@dataclass(frozen=True)
class DiskState:
    size: int
    mtime_ns: int
    file_id: tuple[int, int]
    """(device, inode): an atomic save by another program gives the path a new file."""
    digest: str
    """SHA-256 of the bytes."""

    @classmethod
    def of(cls, info: os.stat_result, data: bytes) -> DiskState:
        return cls(len(data), info.st_mtime_ns, (info.st_dev, info.st_ino), hashlib.sha256(data).hexdigest())


def state_of_file(path: str | os.PathLike[str]) -> DiskState | None:
    """The state of the file now (None if there is none, or it is not a regular file we can read)."""
    data = read_regular(path, MAX_FILE_BYTES + 1)
    return None if data is None else DiskState.of(*data)


def read_regular(path: str | os.PathLike[str], limit: int) -> tuple[os.stat_result, bytes] | None:
    """A regular file's state and (up to `limit`) bytes; None for anything else or an error. Never
    waits: a named pipe put in a file's place is not opened for reading."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            return info, handle.read(limit)
    except OSError:
        return None
    finally:
        if fd >= 0:
            os.close(fd)


def change_since(path: str | os.PathLike[str], known: DiskState | None) -> Change | None:
    """'deleted' if the file is gone, 'changed' if its bytes are not those of `known`, else None.
    With `known` None (a map never read from this file), any file there counts as changed."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "deleted"
    except OSError:
        return None  # (cannot tell: saving will say what is wrong)
    if known is None:
        return "changed"
    if (info.st_size, info.st_mtime_ns, (info.st_dev, info.st_ino)) == (known.size, known.mtime_ns, known.file_id):
        return None
    now = state_of_file(path)
    if now is None:
        return "deleted"
    return None if now.digest == known.digest else "changed"


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name one file (links, hard links and `..` included)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def is_read_only(path: str | os.PathLike[str]) -> bool:
    """Whether the file is marked read-only: no write permission for us, or (as root, who may write
    anything) no write bit for anyone. Someone meant it not to change."""
    try:
        info = os.stat(path)
    except OSError:
        return False
    if not info.st_mode & 0o222:
        return True
    return not os.access(path, os.W_OK)
