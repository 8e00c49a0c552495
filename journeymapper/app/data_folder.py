"""The application's data folder (autosaves, earlier versions of maps), made on first use.

A data folder that cannot be made or written gives None, never an exception: the editor works
on without what needs it, and says so.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths


def data_folder(name: str) -> Path | None:
    """`<data folder>/<name>`, made if need be; None if it cannot be made or written."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    if not base:
        return None
    folder = Path(base) / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK | os.X_OK) else None
