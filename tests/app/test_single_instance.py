"""A second start hands its files to the running journeymapper, which opens them in new windows."""

import subprocess
import sys
import uuid

from journeymapper.app.single_instance import InstanceServer, hand_over


def test_files_are_handed_to_the_running_instance(qtbot, qapp):
    """The second start is another process, as when the desktop opens a double-clicked file."""
    received = []
    name = f"jm-test-{uuid.uuid4().hex[:8]}"
    server = InstanceServer(received.append, name=name)
    assert server.listen()
    code = (
        "import sys; from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]);"
        "from journeymapper.app.single_instance import hand_over;"
        f"sys.exit(0 if hand_over(['/maps/a.jmap', '/maps/ü.jmap'], {name!r}) else 1)"
    )
    process = subprocess.Popen([sys.executable, "-c", code])
    try:
        qtbot.waitUntil(lambda: bool(received), timeout=8000)
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=8000)
        assert received == [["/maps/a.jmap", "/maps/ü.jmap"]]
        assert process.returncode == 0, "the second start exits once the first has the files"
    finally:
        process.kill()
        server.close()


def test_nobody_listening_means_this_process_starts_normally(qapp):
    assert hand_over(["/x.jmap"], f"jm-none-{uuid.uuid4().hex[:8]}") is False


def test_a_stale_socket_is_replaced(qapp):
    name = f"jm-stale-{uuid.uuid4().hex[:8]}"
    first = InstanceServer(lambda paths: None, name=name)
    assert first.listen()
    first.close()
    second = InstanceServer(lambda paths: None, name=name)
    assert second.listen()
    second.close()
