"""Write `.jmap` files in canonical form (`canonical`), atomically, keeping a backup.

Nothing is written that the reader would refuse: a map whose canonical form is over the size
limit is refused with the sizes, and the file on disk stays as it was.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

from ..i18n import _
from ..model.schema import Map
from .canonical import dumps
from .disk_state import is_read_only
from .errors import ReadOnlyFile, SaveError
from .limits import MAX_FILE_BYTES, describe_sizes

BACKUP_SUFFIX = ".bak"


def backup_path(path: str | os.PathLike[str]) -> Path:
    target = Path(path)
    return target.with_name(target.name + BACKUP_SUFFIX)


def save(path: str | os.PathLike[str], the_map: Map, view: dict[str, Any] | None = None) -> Path:
    """Save atomically; the file that was there before stays as `<name>.bak`.

    Returns the path written (links are followed, so a symlinked map stays a link).
    """
    return write_atomic(path, map_bytes(the_map, view, path))


def map_bytes(the_map: Map, view: dict[str, Any] | None = None, path: str | os.PathLike[str] | None = None) -> bytes:
    """The canonical bytes to save, or SaveError if there are none the reader would take back."""
    try:
        data = dumps(the_map, view)
    except (ValueError, TypeError, RecursionError, UnicodeError) as exc:
        raise SaveError(_("{file}: the map cannot be written: {reason}").format(
            file=path, reason=exc)) from None
    if len(data) > MAX_FILE_BYTES:
        size_text, limit_text = describe_sizes(len(data))
        raise SaveError(_("{file}: the map would be a file of {size}, over the {limit} journeymapper opens; "
                          "nothing was written. Remove some notes or touchpoints, or split the map in "
                          "two.").format(file=path, size=size_text, limit=limit_text))
    return data


def write_atomic(path: str | os.PathLike[str], data: bytes, keep_backup: bool = True,
                 follow_links: bool = True) -> Path:
    return write_atomic_stat(path, data, keep_backup, follow_links)[0]


def write_atomic_stat(path: str | os.PathLike[str], data: bytes, keep_backup: bool = True,
                      follow_links: bool = True) -> tuple[Path, os.stat_result]:
    """`write_atomic`, also giving the written file's state as it was put in place (taken from the
    file itself before the rename: a program that replaces it right after cannot pass as us)."""
    """Write `data` so that `path` holds either its old bytes or the new ones, whole.

    The bytes go to a temporary file in the same folder, are flushed and
    fsynced, and the temporary file is renamed over the target. Until the
    rename nothing at `path` has changed; a failure removes the temporary file.

    A map saved through a link stays a link (`follow_links`); an export replaces a link with
    its file rather than write wherever a link planted in a shared folder points. Only regular
    files are replaced: a folder, a named pipe or a device is refused, and so is a file marked
    read-only (ReadOnlyFile). Temporary files that an interrupted save of ours left are removed.
    """
    target = _target(path, follow_links)
    folder = target.parent
    info = check_replaceable(path, follow_links)
    existing_mode = info.st_mode & 0o7777 if info is not None and stat.S_ISREG(info.st_mode) else None
    _remove_stale_temporaries(folder, target.name)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, existing_mode if existing_mode is not None else _default_mode())
        written = os.stat(tmp_name)
        if keep_backup and existing_mode is not None:
            _make_backup(target)
        os.replace(tmp_name, target)
        tmp_name = None
        _fsync_folder(folder)
    except OSError as exc:
        raise SaveError(_("{file}: could not save: {reason}").format(
            file=path, reason=exc.strerror or exc)) from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
    return target, written


def _target(path: str | os.PathLike[str], follow_links: bool) -> Path:
    return Path(os.path.realpath(path)) if follow_links else Path(os.path.abspath(path))


def check_replaceable(path: str | os.PathLike[str], follow_links: bool = True) -> os.stat_result | None:
    """What is at `path` now (None: nothing), or SaveError if a save may not replace it: its folder
    is missing, it is a folder, a pipe or a device, or a file marked read-only (ReadOnlyFile)."""
    target = _target(path, follow_links)
    if not target.parent.is_dir():
        raise SaveError(_("{file}: the folder {folder} does not exist").format(
            file=path, folder=target.parent))
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SaveError(f"{path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise SaveError(_("{file}: is a folder").format(file=path))
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode)):
        raise SaveError(_("{file}: is not a regular file (a pipe or a device); nothing was written").format(
            file=path))
    if stat.S_ISREG(info.st_mode) and is_read_only(target):
        raise ReadOnlyFile(_("{file}: the file is read-only; nothing was written").format(file=path))
    return info


STALE_TEMPORARY = 10 * 60
"""Seconds after which a temporary file of ours is left over from a save that never finished."""


def _remove_stale_temporaries(folder: Path, name: str) -> None:
    """Remove what killed saves of this file left behind (`.NAME.XXXXXXXX.tmp`, `.NAME.bak.tmp`)."""
    pattern = re.compile(rf"\.{re.escape(name)}\.(?:[A-Za-z0-9_]{{8}}|bak)\.tmp")
    now = time.time()
    try:
        candidates = [entry for entry in os.scandir(folder) if entry.name.startswith(f".{name}.")]
    except OSError:
        return
    for entry in candidates:
        try:
            if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False) \
                    and now - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMPORARY:
                os.unlink(entry.path)
        except OSError:
            pass


def _current_umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    umask = os.umask(0)  # elsewhere: the classic set-and-restore
    os.umask(umask)
    return umask


def _default_mode() -> int:
    return 0o666 & ~_current_umask()


def _make_backup(target: Path) -> None:
    """Put the current file's bytes at `<name>.bak`, itself atomically."""
    backup = backup_path(target)
    staging = target.with_name(f".{target.name}.bak.tmp")
    try:
        os.unlink(staging)
    except FileNotFoundError:
        pass
    try:
        try:
            os.link(target, staging)  # cheap, and the old bytes stay untouched
        except OSError:
            shutil.copy2(target, staging)  # file systems without hard links
        os.replace(staging, backup)
        if os.path.lexists(staging):
            # The backup was already this very file (a save killed between its two renames left the
            # backup and the map as links to one file): rename then does nothing and keeps the name.
            os.unlink(staging)
    except OSError:
        try:
            os.unlink(staging)
        except OSError:
            pass
        raise


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform (e.g. Windows); the rename is done
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
