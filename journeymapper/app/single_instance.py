"""One journeymapper per user: a second start hands its files to the first, which opens them in
new windows of the same process (as desktop users expect from a double-click).

The first instance listens on a local socket named after the user; a later
start connects, sends the absolute paths as one JSON line, waits for "ok" and
exits. A stale socket left by a crash is detected (nobody answers) and replaced.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

TIMEOUT_MS = 1500


def server_name(suffix: str = "") -> str:
    try:
        user = getpass.getuser()
    except Exception:  # no user name (a container): one instance per machine is fine
        user = "user"
    digest = hashlib.sha1(user.encode("utf-8", "replace")).hexdigest()[:12]
    return f"journeymapper-{digest}{suffix}"


def hand_over(paths: list[str], name: str | None = None) -> bool:
    """Send `paths` to a running journeymapper; True if it took them (then this process may exit)."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    socket.write((json.dumps({"open": paths}) + "\n").encode("utf-8"))
    if not socket.flush():  # nothing written at once: wait for it
        socket.waitForBytesWritten(TIMEOUT_MS)
    if not socket.waitForReadyRead(TIMEOUT_MS):
        return False
    answer = bytes(socket.readAll().data()).strip()
    socket.disconnectFromServer()
    return answer == b"ok"


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
        if self.server.listen(self.name):
            return True
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
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(id(socket), None)
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
