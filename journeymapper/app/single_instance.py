"""One journeymapper per user: a second start hands its files to the first, which opens them in
new windows of the same process (as desktop users expect from a double-click).

The first instance listens on a local socket in a folder only its user can enter (the runtime
folder, `$XDG_RUNTIME_DIR`, or `/tmp/journeymapper-UID` made with mode 0700): another user can
neither take the socket's name before us nor connect to it. The folder and the socket are checked
to be this user's own before they are used, and the server also asks the system who connected
(SO_PEERCRED) and drops anyone else. If no safe place can be had, single-instance is off: each
start runs its own process, and the lock beside each map still tells two editors of each other.

A later start connects, sends the absolute paths as one JSON line, waits for "ok" and exits. A
stale socket left by a crash is detected (nobody answers) and replaced.
"""

from __future__ import annotations

import json
import os
import socket as pysocket
import stat
import struct
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from shiboken6 import isValid

TIMEOUT_MS = 1500
ANSWER_MS = 20_000
"""How long a later start waits for a running journeymapper that took its connection to answer: one
busy opening a big map answers late, and giving up early would open the map in two processes."""
SOCKET_NAME = "journeymapper.sock"


def _private(folder: Path) -> bool:
    """A real folder (not a link), ours, that nobody else may enter or change."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def private_folder() -> Path | None:
    """This user's folder for the socket, made if need be; None when none is safe to use."""
    if not hasattr(os, "getuid"):
        return None  # (not a POSIX system: no single instance)
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and _private(Path(runtime)):
        return Path(runtime)
    folder = Path(os.environ.get("TMPDIR") or "/tmp") / f"journeymapper-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    return folder if _private(folder) else None  # someone else made it first: not ours to trust


def server_name(folder: Path | None = None) -> str | None:
    """The socket's full path, or None when single-instance cannot be set up safely."""
    folder = folder or private_folder()
    return None if folder is None else str(folder / SOCKET_NAME)


def _socket_is_ours(name: str) -> bool:
    try:
        info = os.lstat(name)
    except OSError:
        return False
    return stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid()


def hand_over(paths: list[str], name: str | None = None) -> bool:
    """Send `paths` to a running journeymapper; True if it took them (then this process may exit)."""
    name = name or server_name()
    if name is None or not _socket_is_ours(name):
        return False
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    socket.write((json.dumps({"open": paths}) + "\n").encode("utf-8"))
    if not socket.flush():  # nothing written at once: wait for it
        socket.waitForBytesWritten(TIMEOUT_MS)
    if not socket.waitForReadyRead(ANSWER_MS):
        return False
    answer = bytes(socket.readAll().data()).strip()
    socket.disconnectFromServer()
    return answer == b"ok"


def peer_uid(socket: QLocalSocket) -> int | None:
    """The user id of the process at the other end (Linux: SO_PEERCRED), None where it cannot be told."""
    option = getattr(pysocket, "SO_PEERCRED", None)
    descriptor = int(socket.socketDescriptor())
    if option is None or descriptor < 0:
        return None
    probe = pysocket.socket(pysocket.AF_UNIX, pysocket.SOCK_STREAM, 0, os.dup(descriptor))
    try:
        _pid, uid, _gid = struct.unpack("3i", probe.getsockopt(pysocket.SOL_SOCKET, option, struct.calcsize("3i")))
    except OSError:
        return None
    finally:
        probe.close()
    return uid


class InstanceServer(QObject):
    """Listens for later starts and calls `on_open(paths)` for what they hand over."""

    def __init__(self, on_open: Callable[[list[str]], None], name: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.on_open = on_open
        self.name = name or server_name()
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[int, bytes] = {}

    def listen(self) -> bool:
        """Listen, unless there is no safe place (False: this process runs on its own)."""
        if self.name is None:
            return False
        # (Qt would put its socket in place of whatever is there: look first.)
        if os.path.lexists(self.name):
            if not _socket_is_ours(self.name):
                return False  # something else is there: leave it, and run on our own
            probe = QLocalSocket()
            probe.connectToServer(self.name)
            if probe.waitForConnected(TIMEOUT_MS):
                probe.disconnectFromServer()
                return False  # a live (busy) journeymapper owns the name: do not take it from it
            QLocalServer.removeServer(self.name)  # a crashed instance's socket: nobody is behind it
        return self.server.listen(self.name)

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            uid = peer_uid(socket)
            if uid is not None and hasattr(os, "getuid") and uid != os.getuid():
                socket.abort()  # another user: not one of our starts
                socket.deleteLater()
                continue
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(id(socket), None)
        if isValid(socket):  # (gone already when the server closed first)
            socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        key = id(socket)
        data = self._buffers.get(key, b"") + bytes(socket.readAll().data())
        if b"\n" not in data:
            if len(data) > 1_000_000:
                socket.disconnectFromServer()
                self._buffers.pop(key, None)
            else:
                self._buffers[key] = data
            return
        self._buffers.pop(key, None)
        line = data.split(b"\n", 1)[0]
        try:
            message = json.loads(line)
            paths = [p for p in message.get("open", []) if isinstance(p, str)]
        except (ValueError, AttributeError, TypeError):
            socket.write(b"bad\n")
            socket.flush()
            return
        socket.write(b"ok\n")
        socket.flush()
        self.on_open(paths)
