"""`journeymapper [MAP.jmap ...]`: open the editor, or say clearly why it cannot start."""

from __future__ import annotations

import os
import sys

from .output import say_error


def has_display() -> bool:
    """Whether Qt can show a window here (without one it aborts the process instead of raising)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def run_gui(files: list[str]) -> int:
    if not has_display():
        say_error(
            "no display to open the editor on (no DISPLAY or WAYLAND_DISPLAY). "
            "Headless commands work anywhere: 'journeymapper check MAP.jmap' (see 'journeymapper --help')"
        )
        return 2
    try:
        from ..gui import run
    except ImportError as exc:
        say_error(f"the editor cannot start: {exc} (is PySide6 installed?)")
        return 2
    return run(files)
