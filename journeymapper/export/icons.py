"""Channel icons in print, from the same icons/channels/*.svg as the canvas (read with svglib)."""

from __future__ import annotations

from functools import lru_cache

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import STATE_DEFAULTS, Drawing

from .fonts import REGULAR, register_bundled

from ..resources import icons_dir


@lru_cache(maxsize=32)
def channel_drawing(channel: str) -> Drawing | None:
    """The channel's icon as a ReportLab drawing; None if the file is missing or unreadable."""
    path = icons_dir() / "channels" / f"{channel}.svg"
    if not path.is_file():
        return None
    try:
        from svglib.svglib import svg2rlg

        return svg2rlg(str(path))
    except Exception:  # an unreadable icon must not stop the export: the chip keeps its name
        return None


def _recolour(node, ink) -> None:
    """Give every stroked or filled shape of an icon the ink of the page (grey when printing in grey)."""
    for child in getattr(node, "contents", ()):
        _recolour(child, ink)
    if getattr(node, "strokeColor", None) is not None:
        node.strokeColor = ink
    if getattr(node, "fillColor", None) is not None:
        node.fillColor = ink


def draw_centered(canvas, drawing: Drawing, size: float, ink=None) -> None:
    """Draw `drawing` scaled into a `size` square centred on the canvas origin, in `ink` if given."""
    if ink is not None:
        drawing = drawing.copy()
        _recolour(drawing, ink)
    # ReportLab's drawing renderer starts from Helvetica, which is never embedded: start from ours.
    register_bundled()
    STATE_DEFAULTS["fontName"] = REGULAR
    canvas.saveState()
    canvas.translate(-size / 2, -size / 2)
    scale = size / max(drawing.width, drawing.height, 1e-6)
    canvas.scale(scale, scale)
    renderPDF.draw(drawing, canvas, 0, 0)
    canvas.restoreState()
