"""`journeymapper export MAP -o OUT.png|OUT.svg`: a picture of the map, made without a window.

Qt is started offscreen when there is no display, so pictures can be made on a server.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..i18n import _
from ..io import SaveError
from ..io.writer import write_atomic
from ..model.schema import Map
from .gui_command import has_display, qt_cannot_start
from .output import say_error


def write_picture(the_map: Map, output: Path, suffix: str, dpi: int, grayscale: bool, header: bool = True,
                  language: str = "en") -> int:
    if not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    reason = qt_cannot_start(_("cannot draw {file}").format(file=output.name))
    if reason is not None:
        say_error(reason)
        return 2
    from PySide6.QtWidgets import QApplication

    from ..canvas.picture import render_picture

    app = QApplication.instance() or QApplication([])  # noqa: F841 - scenes need a QApplication
    try:
        data = render_picture(the_map, suffix, dpi, grayscale, header, language)
        write_atomic(output, data, keep_backup=False, follow_links=False)
    except ValueError as exc:
        say_error(f"{output}: {exc}")
        return 2
    except SaveError as exc:
        say_error(str(exc))
        return 1
    print(_("wrote {file}").format(file=output))
    return 0
