"""Drawing the layout's pieces with QPainter: colours, fonts and plain-text lines.

Text is drawn with `QPainter.drawText(point, str)`, which never interprets
markup: a title `<b>hi</b>` shows as those ten characters.
"""

from __future__ import annotations

import html
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter, QPainterPath, QPen

from ..layout.elements import TextBlock
from ..layout.geometry import Cubic, Rect
from ..layout.style import Palette
from ..layout.text import ASCENT, BOLD, REGULAR, font_path

_family: str | None = None


def font_family() -> str:
    """The bundled DejaVu Sans, registered once; the layout measured text with it."""
    global _family
    if _family is None:
        family = "DejaVu Sans"
        for name in (REGULAR, BOLD):
            font_id = QFontDatabase.addApplicationFont(str(font_path(name)))
            if font_id >= 0:
                families = QFontDatabase.applicationFontFamilies(font_id)
                if families:
                    family = families[0]
        _family = family
    return _family


_REFERENCE_PIXELS = 100


@lru_cache(maxsize=4)
def reference_font(bold: bool) -> QFont:
    """The font at a large whole pixel size; text is drawn with it under a scale.

    Qt rounds small font sizes to whole pixels, which would make text up to
    7 % wider than the layout measured; drawing at 100 px and scaling keeps
    the exact widths the layout (and the PDF) use.
    """
    font = QFont(font_family())
    font.setPixelSize(_REFERENCE_PIXELS)
    font.setBold(bold)
    font.setKerning(False)  # ReportLab does not kern either: same line breaks on screen and paper
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def draw_line(painter: QPainter, x: float, baseline: float, text: str, size: float, bold: bool, ink: QColor) -> None:
    """One line of plain text with its left end at (x, baseline), `size` scene units tall."""
    painter.save()
    painter.translate(x, baseline)
    k = size / _REFERENCE_PIXELS
    painter.scale(k, k)
    painter.setFont(reference_font(bold))
    painter.setPen(ink)
    painter.drawText(QPointF(0, 0), text)
    painter.restore()


@lru_cache(maxsize=512)
def qcolor(value: str) -> QColor:
    return QColor(value)


def color(palette: Palette, name: str) -> QColor:
    """A palette colour by attribute name, or a map's own '#RRGGBB'."""
    return qcolor(name if name.startswith("#") else getattr(palette, name))


def qrect(rect: Rect, dx: float = 0.0, dy: float = 0.0) -> QRectF:
    return QRectF(rect.x + dx, rect.y + dy, rect.w, rect.h)


def draw_text(painter: QPainter, block: TextBlock, palette: Palette, dx: float = 0.0, dy: float = 0.0) -> None:
    """Draw a layout text block, offset by (dx, dy); each line is plain text."""
    if not block.lines:
        return
    ink = color(palette, block.color)
    ascent = block.size * ASCENT
    baseline = block.y + dy + ascent + (block.line_height - block.size) / 2
    for line in block.lines:
        draw_line(painter, block.x + dx, baseline, line, block.size, block.bold, ink)
        baseline += block.line_height


def cubic_path(segments: tuple[Cubic, ...] | list[Cubic], dx: float = 0.0, dy: float = 0.0) -> QPainterPath:
    path = QPainterPath()
    if not segments:
        return path
    path.moveTo(segments[0].x0 + dx, segments[0].y0 + dy)
    for _, _, x1, y1, x2, y2, x3, y3 in segments:
        path.cubicTo(x1 + dx, y1 + dy, x2 + dx, y2 + dy, x3 + dx, y3 + dy)
    return path


_SOLID = Qt.PenStyle.SolidLine


def pen(value: QColor, width: float, style: Qt.PenStyle = _SOLID) -> QPen:
    """A round-capped pen (kept: items ask for the same few pens on every repaint)."""
    return _pen(value.rgba(), width, style)


@lru_cache(maxsize=256)
def _pen(rgba: int, width: float, style: Qt.PenStyle) -> QPen:
    result = QPen(QColor.fromRgba(rgba), width, style)
    result.setCapStyle(Qt.PenCapStyle.RoundCap)
    result.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    result.setCosmetic(False)
    return result


def plain_tooltip(text: str | None) -> str:
    """A tooltip that shows `text` as typed: Qt renders a tooltip that merely looks like markup
    ("<b>...") as rich text, so the text is escaped inside a paragraph that keeps its spaces."""
    if not text:
        return ""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


SELECTION_HANDLE = 4.4
"""The side of a selected card's corner handles, in points."""


def selection_handles(painter: QPainter, width: float, height: float, palette: Palette) -> None:
    """A selected card's four corner handles, on its frame's corners: the selection shows by its shape
    (handles, a frame two and a half times as heavy), not by its colour alone, so it reads in greys and
    in every colour blindness."""
    half = SELECTION_HANDLE / 2
    painter.setPen(pen(color(palette, "card"), 0.8))
    painter.setBrush(color(palette, "selection"))
    for x, y in ((0.0, 0.0), (width, 0.0), (0.0, height), (width, height)):
        painter.drawRect(QRectF(x - half, y - half, SELECTION_HANDLE, SELECTION_HANDLE))
