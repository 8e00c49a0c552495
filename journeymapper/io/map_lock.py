"""A lock file beside an open map, as office suites leave one, so that a second editor (in this
process, another process, or on another machine through a shared folder) knows the map is open
and by whom.

`.~lock.<name>#` holds who opened the map (user, machine, process, since when). The holder
touches it every minute while the map is open (`refresh`); a lock whose process is gone (on this
machine) or that nobody touched for STALE_AFTER seconds (a crash elsewhere, a laptop that went to
sleep) is stale and may be taken over. Locks are advice, not enforcement: a person may still open
the map anyway, and the disk check (`disk_state`) keeps either save from silently undoing the other.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .. import __version__
from ..i18n import _
from .disk_state import read_regular

STALE_AFTER = 10 * 60
"""Seconds after the last refresh when a lock of another machine counts as left behind."""
MAX_LOCK_BYTES = 4096


@dataclass(frozen=True)
class LockOwner:
    user: str
    host: str
    pid: int
    since: str
    """When the map was opened (ISO 8601, UTC)."""
    age: float = 0.0
    """Seconds since the holder last refreshed the lock."""

    def describe(self) -> str:
        when = self.since
        try:
            when = datetime.fromisoformat(self.since).astimezone().strftime("%Y-%m-%d %H:%M")
        except ValueError:
            pass
        who = self.user or _("someone")
        if self.host and self.host != _host():
            # TRANSLATORS: who has a map open: "anna on laptop-3 (since 2026-12-07 09:30)"
            return _("{user} on {host} (since {time})").format(user=who, host=self.host, time=when)
        # TRANSLATORS: who has a map open: "anna (since 2026-12-07 09:30)"
        return _("{user} (since {time})").format(user=who, time=when)


def lock_path(map_path: str | os.PathLike[str]) -> Path:
    path = Path(map_path)
    return path.with_name(f".~lock.{path.name}#")


def _host() -> str:
    try:
        return socket.gethostname()
    except OSError:
        return ""


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 (no user name: a container)
        return ""


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError, ValueError):
        return True  # someone else's process (or a number we cannot ask about)
    return True


def read_lock(map_path: str | os.PathLike[str]) -> LockOwner | None:
    """Who holds the map's lock, if anyone (an unreadable or foreign file counts as a lock by
    'someone', so that a lock written by another program is respected)."""
    path = lock_path(map_path)
    if not os.path.lexists(path):
        return None
    found = read_regular(path, MAX_LOCK_BYTES)
    if found is None:
        return LockOwner("", "", 0, "", 0.0)  # (something there we cannot read: respected as a lock)
    info, data = found
    age = max(0.0, time.time() - info.st_mtime)
    try:
        note = json.loads(data.decode("utf-8"))
        pid = int(note.get("pid", 0))
        return LockOwner(str(note.get("user", ""))[:100], str(note.get("host", ""))[:200],
                         pid if 0 <= pid < 2 ** 31 else 0, str(note.get("since", ""))[:40], age)
    except (ValueError, TypeError, AttributeError, UnicodeDecodeError, OverflowError):
        return LockOwner("", "", 0, "", age)


def is_this_process(owner: LockOwner) -> bool:
    """The lock is this process's (another window of it, or a lock not released)."""
    return (owner.host, owner.pid) == (_host(), os.getpid())


def is_stale(owner: LockOwner) -> bool:
    """Left behind: its process is gone (on this machine), or nobody refreshed it for STALE_AFTER."""
    if owner.host == _host() and owner.pid and not _alive(owner.pid):
        return True
    return owner.age > STALE_AFTER


class MapLock:
    """This process's lock on one map file."""

    def __init__(self, map_path: str | os.PathLike[str]) -> None:
        # One lock however the map is reached (a link, a folder through a link): the real file's.
        self.map_path = Path(os.path.realpath(map_path))
        self.path = lock_path(self.map_path)
        self.held = False
        self._note = json.dumps({"app": f"journeymapper {__version__}", "user": _user(), "host": _host(),
                                 "pid": os.getpid(),
                                 "since": datetime.now(UTC).isoformat(timespec="microseconds")}).encode()

    def acquire(self, take_over: bool = False) -> LockOwner | None:
        """Take the lock; returns who else holds it (and then it is not taken), or None when it is
        ours. A stale lock, or any with `take_over`, is replaced. A folder we cannot write to gives
        no lock and no error (the map opens; the disk check still guards saves)."""
        owner = None
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                owner = read_lock(self.map_path)
                if owner is None:
                    continue  # gone meanwhile: try again
                if is_this_process(owner):
                    break  # (this process: another window, or a lock we did not release)
                if not (take_over or is_stale(owner)):
                    return owner
                try:
                    os.unlink(self.path)
                except OSError:
                    return None
                continue
            except OSError:
                return None
            with os.fdopen(fd, "wb") as handle:
                handle.write(self._note)
            self.held = True
            return None
        self._write()
        return None

    def _write(self) -> None:
        try:
            tmp = self.path.with_name(self.path.name + ".tmp")
            tmp.write_bytes(self._note)
            os.replace(tmp, self.path)
            self.held = True
        except OSError:
            self.held = False

    def mine(self) -> bool:
        found = read_regular(self.path, MAX_LOCK_BYTES)
        return found is not None and found[1] == self._note

    def refresh(self) -> None:
        """Still here: touch the lock (it is written again if someone removed it)."""
        if not self.held:
            return
        if self.mine():
            try:
                os.utime(self.path)
            except OSError:
                pass
        elif not os.path.lexists(self.path):
            if os.path.isdir(self.path.parent):
                self._write()
        else:
            self.held = False  # someone took it over ("open anyway"): theirs now

    def release(self) -> None:
        if self.held and self.mine():
            try:
                os.unlink(self.path)
            except OSError:
                pass
        self.held = False
