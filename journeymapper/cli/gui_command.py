"""`journeymapper [MAP.jmap ...]`: open the editor, or say clearly why it cannot start."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from ..i18n import _
from .output import say_error


def has_display() -> bool:
    """Whether Qt can show a window here (without one it aborts the process instead of raising)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def qt_cannot_start(outcome: str | None = None) -> str | None:
    """Why Qt's platform plugin would abort the process here (a missing system library), as the
    one line to show the user; None when it can start."""
    from ..desktop.qt_platform import platform_problem  # only when Qt is about to start

    problem = platform_problem()
    return problem.message(outcome or _("the editor cannot open a window")) if problem is not None else None


def tell_the_desktop(message: str) -> None:
    """Show a message where a user who double-clicked a map will see it: stderr goes nowhere
    visible then, and Qt, which would show a dialog, is what cannot start. Best effort."""
    if sys.stderr is not None and sys.stderr.isatty():
        return
    for command in (["zenity", "--error", "--no-markup", "--title", "journeymapper", "--text", message],
                    ["kdialog", "--title", "journeymapper", "--error", message],
                    ["xmessage", "-center", f"journeymapper: {message}"]):
        if shutil.which(command[0]):
            try:
                subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, start_new_session=True)
            except OSError:
                continue
            return


def run_gui(files: list[str]) -> int:
    if not has_display():
        say_error(_(
            "no display to open the editor on (no DISPLAY or WAYLAND_DISPLAY). "
            "Headless commands work anywhere: 'journeymapper check MAP.jmap' (see 'journeymapper --help')"
        ))
        return 2
    reason = qt_cannot_start()
    if reason is not None:
        say_error(reason)
        tell_the_desktop(reason)
        return 2
    try:
        from ..gui import run
    except ImportError as exc:
        say_error(_("the editor cannot start: {reason} (is PySide6 installed?)").format(reason=exc))
        return 2
    return run(files)
