"""A second start hands its files to the running journeymapper, which opens them in new windows,
through a socket in a folder only this user may enter; nobody else can take its place or its
messages, and where no safe place can be had each start simply runs on its own."""

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from journeymapper.app import single_instance
from journeymapper.app.single_instance import InstanceServer, hand_over, private_folder, server_name


@pytest.fixture
def runtime(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    folder.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


def test_files_are_handed_to_the_running_instance(qtbot, qapp, runtime):
    """The second start is another process, as when the desktop opens a double-clicked file."""
    received = []
    server = InstanceServer(received.append)
    assert server.listen()
    assert Path(server.name).parent == runtime
    code = (
        "import sys; from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]);"
        "from journeymapper.app.single_instance import hand_over;"
        "sys.exit(0 if hand_over(['/maps/a.jmap', '/maps/ü.jmap']) else 1)"
    )
    process = subprocess.Popen([sys.executable, "-c", code], env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)})
    try:
        qtbot.waitUntil(lambda: bool(received), timeout=8000)
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=8000)
        assert received == [["/maps/a.jmap", "/maps/ü.jmap"]]
        assert process.returncode == 0, "the second start exits once the first has the files"
    finally:
        process.kill()
        server.close()


def test_the_socket_lives_in_a_folder_only_this_user_may_enter(qapp, runtime):
    server = InstanceServer(lambda paths: None)
    assert server.listen()
    try:
        info = os.stat(Path(server.name).parent)
        assert info.st_uid == os.getuid() and not info.st_mode & 0o077
        assert stat.S_ISSOCK(os.lstat(server.name).st_mode)
    finally:
        server.close()


def test_an_open_runtime_folder_is_not_used_and_a_squatted_fallback_turns_single_instance_off(
        qapp, tmp_path, monkeypatch):
    shared = tmp_path / "shared-run"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    folder = private_folder()
    assert folder == tmp_path / f"journeymapper-{os.getuid()}"  # the private fallback, not the open folder
    folder.chmod(0o755)  # someone made it reachable (or made it first): not to be trusted
    assert private_folder() is None and server_name() is None
    assert InstanceServer(lambda paths: None).listen() is False  # each start runs on its own
    assert hand_over(["/secret-plan.jmap"]) is False


def test_a_socket_that_is_not_ours_is_never_sent_the_paths(qapp, runtime, monkeypatch):
    """A squatter's socket (here: one whose owner is not us) gets nothing, and is left alone."""
    name = server_name()
    squatter = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    squatter.bind(name)
    squatter.listen(1)
    try:
        monkeypatch.setattr(single_instance.os, "getuid", lambda: os.geteuid() + 1)
        assert single_instance._socket_is_ours(name) is False
        assert hand_over(["/secret-plan.jmap"], name) is False
        assert InstanceServer(lambda paths: None, name=name).listen() is False
        squatter.settimeout(0.2)
        with pytest.raises(TimeoutError):
            squatter.accept()
    finally:
        squatter.close()


def test_the_server_can_tell_who_connected(qapp, qtbot, runtime):
    """The check the server makes of each connection (another user's is dropped)."""
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

    server = QLocalServer()
    assert server.listen(server_name())
    try:
        client = QLocalSocket()
        client.connectToServer(server_name())
        assert client.waitForConnected(2000)
        qtbot.waitUntil(server.hasPendingConnections, timeout=2000)
        assert single_instance.peer_uid(server.nextPendingConnection()) == os.getuid()
    finally:
        server.close()


def test_nobody_listening_means_this_process_starts_normally(qapp, runtime):
    assert hand_over(["/x.jmap"]) is False


def test_a_stale_socket_is_replaced(qapp, runtime):
    first = InstanceServer(lambda paths: None)
    assert first.listen()
    first.close()
    second = InstanceServer(lambda paths: None)
    assert second.listen()
    second.close()


def test_the_socket_is_named_in_the_private_folder(runtime):
    assert server_name() == str(runtime / "journeymapper.sock")
