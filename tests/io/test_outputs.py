"""Outputs do what they say: a map or an export is written at the path given and nowhere else.

A link planted in a shared folder does not redirect an export (the link is replaced by the file);
a folder, a named pipe or a device is refused, and so is a file marked read-only (maps and
exports alike); temporary files left by a killed save of ours are cleaned up by the next one.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from journeymapper.cli.main import main
from journeymapper.io import SaveError, load_path, save
from journeymapper.io.errors import ReadOnlyFile
from journeymapper.io.writer import STALE_TEMPORARY, write_atomic
from journeymapper.resources import example_map_path
from tests.check.builders import make_map, tp


def _map():
    return make_map([tp("a", "p1", "s1")], [])


def test_an_export_replaces_a_planted_link_instead_of_writing_through_it(tmp_path: Path) -> None:
    elsewhere = tmp_path / "other-folder"
    elsewhere.mkdir()
    notes = elsewhere / "notes.txt"
    notes.write_text("my notes")
    link = tmp_path / "map.pdf"
    link.symlink_to(notes)
    write_atomic(link, b"%PDF-1.4 ...", keep_backup=False, follow_links=False)
    assert notes.read_text() == "my notes"
    assert not link.is_symlink() and link.read_bytes() == b"%PDF-1.4 ..."


def test_a_dangling_link_creates_no_file_elsewhere(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "planted.pdf"
    target.parent.mkdir()
    link = tmp_path / "map.pdf"
    link.symlink_to(target)
    write_atomic(link, b"data", keep_backup=False, follow_links=False)
    assert not target.exists() and link.read_bytes() == b"data"


def test_a_map_saved_through_a_link_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.jmap"
    save(real, _map())
    link = tmp_path / "link.jmap"
    link.symlink_to(real)
    save(link, _map().model_copy(update={"title": "Through the link"}))
    assert link.is_symlink() and load_path(real).map.title == "Through the link"


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_a_pipe_a_folder_or_a_device_is_refused_and_left_alone(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        path = tmp_path / "map.pdf"
        os.mkfifo(path)
    elif kind == "folder":
        path = tmp_path / "map.pdf"
        path.mkdir()
    else:
        path = Path("/dev/null")
    with pytest.raises(SaveError):
        write_atomic(path, b"data", keep_backup=False, follow_links=False)
    if kind == "fifo":
        assert path.is_fifo()
    elif kind == "folder":
        assert path.is_dir()


def test_a_read_only_map_is_not_replaced_by_save_or_upgrade(tmp_path: Path, capsys) -> None:
    path = tmp_path / "map.jmap"
    path.write_bytes(example_map_path().read_bytes().replace(b'\n', b'\n '))  # not canonical
    before = path.read_bytes()
    path.chmod(0o444)
    with pytest.raises(ReadOnlyFile):
        save(path, _map())
    assert main(["upgrade", str(path)]) == 1
    assert "read-only" in capsys.readouterr().err
    assert path.read_bytes() == before and (path.stat().st_mode & 0o777) == 0o444


def test_a_read_only_pdf_is_refused_before_the_export(tmp_path: Path, capsys) -> None:
    out = tmp_path / "map.pdf"
    out.write_bytes(b"old")
    out.chmod(0o444)
    assert main(["export", str(example_map_path()), "-o", str(out)]) == 1
    assert "read-only" in capsys.readouterr().err and out.read_bytes() == b"old"


def test_temporary_files_of_a_killed_save_are_cleaned_up_by_the_next(tmp_path: Path) -> None:
    path = tmp_path / "map.jmap"
    save(path, _map())
    stale = tmp_path / ".map.jmap.k1ll3d_x.tmp"
    stale.write_bytes(b"x" * 3_000_000)
    old = time.time() - STALE_TEMPORARY - 60
    os.utime(stale, (old, old))
    young = tmp_path / ".map.jmap.s4ving__.tmp"  # another process may be saving right now
    young.write_bytes(b"y")
    unrelated = tmp_path / ".other.jmap.k1ll3d_x.tmp"
    unrelated.write_bytes(b"z")
    os.utime(unrelated, (old, old))
    save(path, _map())
    assert not stale.exists() and young.exists() and unrelated.exists()


def test_a_backup_already_linked_to_the_map_leaves_no_temporary_file(tmp_path):
    """A save killed between its two renames leaves the backup and the map as links to one file; the
    next save's backup step must not leave its staging name behind (rename of a file onto another
    name of itself does nothing)."""
    import os

    from journeymapper.io.writer import backup_path, write_atomic

    path = tmp_path / "map.jmap"
    path.write_bytes(b"first")
    os.link(path, backup_path(path))  # as the killed save left them
    write_atomic(path, b"second")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.jmap", "map.jmap.bak"]
    assert path.read_bytes() == b"second" and backup_path(path).read_bytes() == b"first"
