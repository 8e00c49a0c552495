"""Write `.jmap` files in canonical form (`canonical`), atomically, keeping a backup.

Nothing is written that the reader would refuse: a map whose canonical form is over the size
limit is refused with the sizes, and the file on disk stays as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ..model.schema import Map
from .canonical import dumps
from .errors import SaveError
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
        raise SaveError(f"{path}: the map cannot be written: {exc}") from None
    if len(data) > MAX_FILE_BYTES:
        size_text, limit_text = describe_sizes(len(data))
        raise SaveError(f"{path}: the map would be a file of {size_text}, over the {limit_text} journeymapper "
                        "opens; nothing was written. Remove some notes or touchpoints, or split the map in two.")
    return data


def write_atomic(path: str | os.PathLike[str], data: bytes, keep_backup: bool = True) -> Path:
    """Write `data` so that `path` holds either its old bytes or the new ones, whole.

    The bytes go to a temporary file in the same folder, are flushed and
    fsynced, and the temporary file is renamed over the target. Until the
    rename nothing at `path` has changed; a failure removes the temporary file.
    """
    target = Path(os.path.realpath(path))
    folder = target.parent
    if not folder.is_dir():
        raise SaveError(f"{path}: the folder {folder} does not exist")
    existing_mode: int | None = None
    try:
        existing_mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise SaveError(f"{path}: {exc.strerror or exc}") from None
    if target.is_dir():
        raise SaveError(f"{path}: is a folder")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, existing_mode if existing_mode is not None else _default_mode())
        if keep_backup and existing_mode is not None:
            _make_backup(target)
        os.replace(tmp_name, target)
        tmp_name = None
        _fsync_folder(folder)
    except OSError as exc:
        raise SaveError(f"{path}: could not save: {exc.strerror or exc}") from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
    return target


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
