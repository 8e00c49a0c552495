"""One map, one editor at a time unless someone decides otherwise: a lock file beside an open map
tells a second editor (in this process, another process, or another machine through a shared
folder) who has it open, and offers read-only or open anyway; stale locks are taken over; one
file is one window however it is reached."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from journeymapper import gui
from journeymapper.io import load_path, save
from journeymapper.io.map_lock import STALE_AFTER, lock_path, read_lock
from tests.check.builders import make_map, tp

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    path = tmp_path / "shared.jmap"
    save(path, make_map([tp("a", "p1", "s1", title="Sees an ad")], []).model_copy(update={"title": "Ours"}))
    return path


def _foreign_lock(path: Path, host: str, pid: int, age: float = 0.0, user: str = "alice") -> None:
    lock = lock_path(path)
    lock.write_text(json.dumps({"user": user, "host": host, "pid": pid, "since": "2026-12-06T09:00:00+00:00"}))
    then = time.time() - age
    os.utime(lock, (then, then))


def test_an_open_map_has_a_lock_beside_it_until_its_window_closes(qtbot, open_window, shared):
    window = open_window(shared)
    owner = read_lock(shared)
    assert owner is not None and owner.pid == os.getpid() and owner.host == socket.gethostname()
    window.ask_save_changes = lambda: "discard"
    window.close()
    assert not lock_path(shared).exists()


def test_one_file_is_one_window_however_it_is_reached(qtbot, open_window, shared, tmp_path):
    window = open_window(shared)
    assert gui.open_window(shared) is window
    linked = tmp_path / "hard-link.jmap"
    os.link(shared, linked)
    assert gui.window_for(linked) is window
    assert gui.open_window(linked) is window
    symlinked = tmp_path / "sym-link.jmap"
    symlinked.symlink_to(shared)
    assert gui.window_for(symlinked) is window


def test_a_map_open_elsewhere_offers_read_only_and_save_as_keeps_the_changes(qtbot, open_window, shared,
                                                                             monkeypatch):
    _foreign_lock(shared, "laptop-of-alice", 4242)
    asked = []
    monkeypatch.setattr("journeymapper.app.main_window.MainWindow._ask_locked",
                        lambda self, name, owner: asked.append((name, owner)) or "read_only")
    window = open_window(shared)
    ((name, owner),) = asked
    assert name == "shared.jmap" and owner.user == "alice" and owner.host == "laptop-of-alice"
    assert window.editor.read_only and window.notice.kind == "read-only"
    assert "alice on laptop-of-alice" in window.notice.label.text()
    assert read_lock(shared).user == "alice"  # hers still
    window.editor.set_map_field("title", "Mine")
    other = shared.with_name("mine.jmap")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    assert window.save() is True
    assert load_path(shared).map.title == "Ours" and load_path(other).map.title == "Mine"
    assert not window.editor.read_only and read_lock(other).pid == os.getpid()


def test_open_anyway_takes_the_lock_and_cancel_opens_nothing(qtbot, open_window, shared, monkeypatch):
    _foreign_lock(shared, "laptop-of-alice", 4242)
    answers = iter(["cancel", "open_anyway"])
    monkeypatch.setattr("journeymapper.app.main_window.MainWindow._ask_locked", lambda self, n, o: next(answers))
    window = open_window(shared)
    assert window.editor is None
    window.close()
    window = open_window(shared)
    assert window.editor is not None and not window.editor.read_only
    assert read_lock(shared).pid == os.getpid()


@pytest.mark.parametrize("host, pid, age", [
    (socket.gethostname(), 2 ** 22 + 12345, 0.0),  # this machine, its process is gone: a crash
    ("laptop-of-alice", 4242, STALE_AFTER + 60),  # another machine, not refreshed for long
])
def test_a_stale_lock_is_taken_over_without_asking(qtbot, open_window, shared, monkeypatch, host, pid, age):
    _foreign_lock(shared, host, pid, age)
    monkeypatch.setattr("journeymapper.app.main_window.MainWindow._ask_locked",
                        lambda self, n, o: pytest.fail("asked about a stale lock"))
    window = open_window(shared)
    assert not window.editor.read_only and read_lock(shared).pid == os.getpid()


def test_a_second_journeymapper_process_is_told_who_has_the_map(qtbot, open_window, shared, tmp_path,
                                                                  monkeypatch):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "JOURNEYMAPPER_NO_SINGLE_INSTANCE": "1"}
    other = subprocess.Popen([sys.executable, "-m", "tests.app.editor_process", str(shared)], cwd=ROOT, env=env,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "ready"
        asked = []
        monkeypatch.setattr("journeymapper.app.main_window.MainWindow._ask_locked",
                            lambda self, name, owner: asked.append(owner) or "read_only")
        window = open_window(shared)
        assert [owner.pid for owner in asked] == [other.pid]
        assert window.editor.read_only
        other.stdin.write("close\n")
        other.stdin.flush()
        assert other.stdout.readline().strip() == "closed"
        assert other.wait(timeout=30) == 0
    finally:
        if other.poll() is None:
            other.kill()
    assert not lock_path(shared).exists() or read_lock(shared).pid != other.pid
