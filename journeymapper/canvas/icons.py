"""Channel icons on the canvas, from icons/channels/*.svg (the PDF uses the same files)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray
from PySide6.QtSvg import QSvgRenderer

from ..resources import icons_dir

_DRAWN_IN = "#5F6B7A"  # the stroke colour the icon files are drawn in


@lru_cache(maxsize=64)
def channel_icon(channel: str, ink: str) -> QSvgRenderer | None:
    """The channel's icon, recoloured to `ink` (so it suits the dark palette too); None if missing."""
    path = icons_dir() / "channels" / f"{channel}.svg"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    renderer = QSvgRenderer(QByteArray(text.replace(_DRAWN_IN, ink).encode("utf-8")))
    return renderer if renderer.isValid() else None
