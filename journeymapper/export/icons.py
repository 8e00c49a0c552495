"""Channel icons in print, from the same icons/channels/*.svg as the canvas (read with svglib)."""

from __future__ import annotations

import io
from functools import lru_cache

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import STATE_DEFAULTS, Drawing
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from ..resources import icons_dir
from .fonts import REGULAR, register_bundled


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


@lru_cache(maxsize=256)
def icon_operators(channel: str, size: float, ink: tuple[float, float, float]) -> str | None:
    """The PDF operators with which `draw_centered` draws a channel's icon, worked out once.

    Drawing an icon from its SVG shapes takes about a millisecond, in every export. The
    operators name no fonts, images or graphics states, so any page or form can use them;
    None when the icon is missing, or when its operators do name something (then draw it).
    """
    drawing = channel_drawing(channel)
    if drawing is None:
        return None
    register_bundled()
    scratch = Canvas(io.BytesIO(), initialFontName=REGULAR)
    code = getattr(scratch, "_code", None)  # (what the canvas has written so far)
    if not isinstance(code, list):
        return None
    start = len(code)
    draw_centered(scratch, drawing, size, Color(*ink))
    operators = "\n".join(code[start:])
    return None if "/" in operators else operators
