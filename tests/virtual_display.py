"""A virtual X display (Xvfb) for the tests that start the editor as a separate program on a real
X server: the fresh-machine test and the screen-reader test."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def xvfb_display(size: str) -> Iterator[str]:
    """An Xvfb server of one screen `size` ("1400x900x24"); yields its display name (":3"). Xvfb picks a
    free number itself (-displayfd), so tests running side by side never meet."""
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", size],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as numbers:
        number = numbers.readline().strip()
    assert number.isdigit(), "Xvfb did not start"
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)
