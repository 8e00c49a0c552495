"""Odd things that happen to shared files, each met without a traceback or lost work: a map
replaced by a named pipe, a garbled lock, Save As onto a map someone has open, a revert that
fails, a second request to open a map that is still opening."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from journeymapper.app import window_files
from journeymapper.io import load_path, save
from journeymapper.io.map_lock import lock_path, read_lock
from tests.check.builders import make_map, tp


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    path = tmp_path / "shared.jmap"
    save(path, make_map([tp("a", "p1", "s1")], []).model_copy(update={"title": "Ours"}))
    return path


@pytest.fixture
def no_hang():
    """A call that would wait for ever (reading a pipe) fails the test instead of hanging the run."""
    def _timeout(*_args):
        raise TimeoutError("blocked")

    old = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def test_a_map_replaced_by_a_pipe_is_seen_as_gone_without_waiting(qtbot, open_window, shared, no_hang):
    window = open_window(shared)
    shared.unlink()
    os.mkfifo(shared)
    lock = lock_path(shared)
    lock.unlink()
    os.mkfifo(lock)  # (and a pipe where the lock was)
    window.check_disk()
    assert window.notice.kind == "disk" and "deleted or moved" in window.notice.label.text()
    window.autosave()  # (refreshing the lock must not wait either)
    assert read_lock(shared) is not None  # something is there we cannot read: respected as a lock


@pytest.mark.parametrize("note", ['{"pid": 1e400}', '{"pid": 1180591620717411303424, "host": "HOST"}', "\x00\xff",
                                  '["not", "a", "note"]'])
def test_a_garbled_lock_is_respected_without_a_crash(qtbot, open_window, shared, monkeypatch, note):
    import socket

    lock_path(shared).write_text(note.replace("HOST", socket.gethostname()), encoding="latin-1")
    asked = []
    monkeypatch.setattr("journeymapper.app.main_window.MainWindow._ask_locked",
                        lambda self, name, owner: asked.append(owner) or "read_only")
    window = open_window(shared)
    assert window.editor is not None and window.editor.read_only and len(asked) == 1


def test_save_as_onto_a_map_open_in_another_window_is_refused(qtbot, open_window, shared, tmp_path, monkeypatch):
    other = tmp_path / "other.jmap"
    save(other, make_map([tp("b", "p1", "s1")], []).model_copy(update={"title": "Theirs"}))
    first = open_window(shared)
    open_window(other)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    assert first.save_as() is False
    assert first.errors and first.errors[-1][0] == "The map is open elsewhere"
    assert load_path(other).map.title == "Theirs"


def test_save_as_onto_a_map_someone_else_has_open_is_refused(qtbot, open_window, shared, tmp_path, monkeypatch):
    other = tmp_path / "alices.jmap"
    save(other, make_map([tp("b", "p1", "s1")], []).model_copy(update={"title": "Alice's"}))
    lock_path(other).write_text(json.dumps({"user": "alice", "host": "laptop-of-alice", "pid": 4242,
                                            "since": "2026-12-06T09:00:00+00:00"}))
    window = open_window(shared)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    assert window.save_as() is False
    assert "alice on laptop-of-alice" in window.errors[-1][1]
    assert load_path(other).map.title == "Alice's" and read_lock(other).user == "alice"


def test_a_revert_that_fails_keeps_the_lock(qtbot, open_window, shared):
    window = open_window(shared)
    shared.write_text("garbage")
    assert window.load_file(shared) is False  # (what Revert does)
    assert read_lock(shared) is not None and read_lock(shared).pid == os.getpid()
    window.autosave()
    assert lock_path(shared).exists()


def test_a_map_still_opening_is_not_opened_twice(qtbot, open_window, shared):
    window = open_window(None)
    window_files._OPENING.add(os.path.realpath(shared))
    try:
        assert window.open_file(shared) is False and window.editor is None
        assert "being opened already" in window.statusBar().currentMessage()
    finally:
        window_files._OPENING.clear()
