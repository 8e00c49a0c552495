"""Saving is atomic: the file holds its old bytes or the new ones, whole; the old ones stay as `.bak`.

docs/jmap-format.md: write `.NAME.jmap.XXXX.tmp` in the same folder, fsync it, make the backup,
rename over the target, fsync the folder; keep the permission bits; follow symbolic links.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Self

import pytest

from journeymapper.io import SaveError, dumps, load_bytes, load_path, save, writer
from journeymapper.model.schema import Map

from .helpers import SPEC_EXAMPLE, spec_envelope

OLD_BYTES = b'{"format": "journeymapper", "note": "the previous version, byte for byte"}\n'


@pytest.fixture
def the_map() -> Map:
    return load_bytes(SPEC_EXAMPLE.read_bytes()).map


@pytest.fixture
def other_map() -> Map:
    envelope = spec_envelope()
    envelope["map"]["title"] = "Changed title"
    return Map.model_validate(envelope["map"])


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def single_line(message: str) -> bool:
    return len(message.splitlines()) == 1


# -- the happy path -------------------------------------------------------------------------------
def test_save_writes_the_canonical_bytes(tmp_path: Path, the_map: Map) -> None:
    target = tmp_path / "bakery.jmap"
    view = {"zoom": 1.5}
    written = save(target, the_map, view)
    assert target.read_bytes() == dumps(the_map, view)
    assert Path(written) == target.resolve()
    assert listing(tmp_path) == ["bakery.jmap"]  # a first save has nothing to back up, leaves nothing else
    loaded = load_path(target)
    assert loaded.map == the_map and loaded.view == view


def test_save_accepts_str_paths_and_names_with_spaces_and_unicode(tmp_path: Path, the_map: Map) -> None:
    target = tmp_path / "Bäckerei Müller (v2).jmap"
    save(str(target), the_map)
    assert target.read_bytes() == dumps(the_map)


def test_saving_over_a_file_keeps_the_previous_bytes_as_bak(
    tmp_path: Path, the_map: Map, other_map: Map
) -> None:
    target = tmp_path / "bakery.jmap"
    target.write_bytes(OLD_BYTES)
    save(target, the_map)
    assert target.read_bytes() == dumps(the_map)
    assert (tmp_path / "bakery.jmap.bak").read_bytes() == OLD_BYTES
    save(target, other_map)
    assert target.read_bytes() == dumps(other_map)
    assert (tmp_path / "bakery.jmap.bak").read_bytes() == dumps(the_map)  # only one generation is kept
    assert listing(tmp_path) == ["bakery.jmap", "bakery.jmap.bak"]


def test_backup_is_not_a_link_to_the_new_file(tmp_path: Path, the_map: Map) -> None:
    target = tmp_path / "bakery.jmap"
    target.write_bytes(OLD_BYTES)
    save(target, the_map)
    assert not os.path.samefile(target, tmp_path / "bakery.jmap.bak")


def test_saving_twice_gives_identical_bytes(tmp_path: Path, the_map: Map) -> None:
    target = tmp_path / "bakery.jmap"
    save(target, the_map)
    first = target.read_bytes()
    save(target, load_path(target).map)
    assert target.read_bytes() == first
    assert (tmp_path / "bakery.jmap.bak").read_bytes() == first


# -- failures leave the old file whole and no temporary file ------------------------------------------------
def _prepare(tmp_path: Path) -> Path:
    target = tmp_path / "bakery.jmap"
    target.write_bytes(OLD_BYTES)
    return target


def _assert_untouched(tmp_path: Path, target: Path, before: list[str], err: SaveError) -> None:
    assert target.read_bytes() == OLD_BYTES
    leftovers = [name for name in listing(tmp_path) if name not in before and name != "bakery.jmap.bak"]
    assert leftovers == [], f"temporary files left behind: {leftovers}"
    if (tmp_path / "bakery.jmap.bak").exists():
        assert (tmp_path / "bakery.jmap.bak").read_bytes() == OLD_BYTES
    message = str(err)
    assert single_line(message) and "bakery.jmap" in message


def test_fsync_failure_raises_save_error_and_keeps_the_old_file(
    tmp_path: Path, the_map: Map, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _prepare(tmp_path)
    before = listing(tmp_path)

    def failing_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(writer.os, "fsync", failing_fsync)
    with pytest.raises(SaveError) as info:
        save(target, the_map)
    _assert_untouched(tmp_path, target, before, info.value)
    assert "Input/output error" in str(info.value)


def test_failure_of_the_final_rename_keeps_the_old_file(
    tmp_path: Path, the_map: Map, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _prepare(tmp_path)
    before = listing(tmp_path)
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(dst) == target.resolve():
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real_replace(src, dst)

    monkeypatch.setattr(writer.os, "replace", replace)
    with pytest.raises(SaveError) as info:
        save(target, the_map)
    _assert_untouched(tmp_path, target, before, info.value)


def test_failure_of_every_rename_leaves_no_temporary_file(
    tmp_path: Path, the_map: Map, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _prepare(tmp_path)
    before = listing(tmp_path)

    def replace(src: Any, dst: Any) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(writer.os, "replace", replace)
    with pytest.raises(SaveError) as info:
        save(target, the_map)
    _assert_untouched(tmp_path, target, before, info.value)


def test_backup_path_taken_by_a_folder_leaves_no_temporary_file(tmp_path: Path, the_map: Map) -> None:
    target = _prepare(tmp_path)
    (tmp_path / "bakery.jmap.bak").mkdir()
    before = listing(tmp_path)
    try:
        save(target, the_map)
    except SaveError as err:
        assert single_line(str(err))
        assert target.read_bytes() == OLD_BYTES
    else:
        assert target.read_bytes() == dumps(the_map)
    assert listing(tmp_path) == before


class _HalfWriter:
    """A file object that writes part of the data, then fails like a full disk."""

    def __init__(self, handle: Any) -> None:
        self._handle = handle

    def write(self, data: bytes) -> int:
        self._handle.write(data[: len(data) // 2])
        self._handle.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


def test_write_failing_half_way_keeps_the_old_file(
    tmp_path: Path, the_map: Map, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _prepare(tmp_path)
    before = listing(tmp_path)
    real_fdopen = os.fdopen
    monkeypatch.setattr(writer.os, "fdopen", lambda fd, *a, **k: _HalfWriter(real_fdopen(fd, *a, **k)))
    with pytest.raises(SaveError) as info:
        save(target, the_map)
    _assert_untouched(tmp_path, target, before, info.value)
    assert "No space left on device" in str(info.value)


def test_write_failing_half_way_on_a_new_file_leaves_nothing(
    tmp_path: Path, the_map: Map, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fdopen = os.fdopen
    monkeypatch.setattr(writer.os, "fdopen", lambda fd, *a, **k: _HalfWriter(real_fdopen(fd, *a, **k)))
    with pytest.raises(SaveError):
        save(tmp_path / "new.jmap", the_map)
    assert listing(tmp_path) == []


def test_process_killed_before_the_rename_leaves_the_old_file_whole(tmp_path: Path) -> None:
    """A real crash: the process dies (no cleanup, no finally) after writing the temporary file."""
    target = _prepare(tmp_path)
    script = textwrap.dedent(
        f"""
        import os
        from journeymapper.io import load_path, save, writer
        the_map = load_path({str(SPEC_EXAMPLE)!r}).map
        def die(fd):
            os._exit(9)
        writer.os.fsync = die
        save({str(target)!r}, the_map)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], check=False, cwd=Path(__file__).resolve().parents[2], timeout=60
    )
    assert result.returncode == 9
    assert target.read_bytes() == OLD_BYTES
    # a killed process may leave its temporary file, but only under the documented hidden name
    for name in listing(tmp_path):
        assert name == "bakery.jmap" or (name.startswith(".bakery.jmap.") and name.endswith(".tmp")), name


# -- where the file goes -----------------------------------------------------------------------------
def test_saving_into_a_missing_folder_is_a_clear_save_error(tmp_path: Path, the_map: Map) -> None:
    target = tmp_path / "no such folder" / "bakery.jmap"
    with pytest.raises(SaveError) as info:
        save(target, the_map)
    message = str(info.value)
    assert single_line(message)
    assert str(target) in message and "does not exist" in message
    assert not target.parent.exists()


def test_saving_onto_a_folder_is_a_save_error(tmp_path: Path, the_map: Map) -> None:
    folder = tmp_path / "bakery.jmap"
    folder.mkdir()
    with pytest.raises(SaveError) as info:
        save(folder, the_map)
    assert single_line(str(info.value)) and "folder" in str(info.value)
    assert folder.is_dir() and listing(folder) == []
    assert listing(tmp_path) == ["bakery.jmap"]


def test_saving_through_a_symlink_keeps_the_link_and_replaces_its_target(
    tmp_path: Path, the_map: Map
) -> None:
    real_dir = tmp_path / "shared"
    real_dir.mkdir()
    real = real_dir / "bakery.jmap"
    real.write_bytes(OLD_BYTES)
    link = tmp_path / "link.jmap"
    link.symlink_to(real)
    written = save(link, the_map)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == dumps(the_map)
    assert Path(written) == real.resolve()
    assert (real_dir / "bakery.jmap.bak").read_bytes() == OLD_BYTES
    assert listing(tmp_path) == ["link.jmap", "shared"]
    assert listing(real_dir) == ["bakery.jmap", "bakery.jmap.bak"]


def test_saving_through_a_relative_symlink(
    tmp_path: Path, the_map: Map, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "maps").mkdir()
    real = tmp_path / "maps" / "bakery.jmap"
    real.write_bytes(OLD_BYTES)
    (tmp_path / "link.jmap").symlink_to(Path("maps") / "bakery.jmap")
    monkeypatch.chdir(tmp_path)
    save("link.jmap", the_map)
    assert (tmp_path / "link.jmap").is_symlink()
    assert real.read_bytes() == dumps(the_map)


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o644, 0o664])
def test_file_mode_of_an_existing_file_is_kept(tmp_path: Path, the_map: Map, mode: int) -> None:
    """(A file marked read-only, 0o444, is not replaced at all: tests/io/test_outputs.py.)"""
    target = _prepare(tmp_path)
    target.chmod(mode)
    save(target, the_map)
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_bytes() == dumps(the_map)


def test_new_file_mode_follows_the_umask(tmp_path: Path, the_map: Map) -> None:
    old = os.umask(0o027)
    try:
        save(tmp_path / "new.jmap", the_map)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.jmap").stat().st_mode) == 0o640


# -- a map that cannot be written is a SaveError too, and leaves the old file alone ---------------
@pytest.mark.parametrize(
    "view",
    [
        pytest.param({"zoom": float("inf")}, id="infinite-number"),
        pytest.param({"note": "\ud800"}, id="lone-surrogate"),
    ],
)
def test_unwritable_view_is_a_save_error(tmp_path: Path, the_map: Map, view: dict[str, Any]) -> None:
    target = _prepare(tmp_path)
    with pytest.raises(SaveError):
        save(target, the_map, view)
    assert target.read_bytes() == OLD_BYTES
    assert listing(tmp_path) == ["bakery.jmap"]
