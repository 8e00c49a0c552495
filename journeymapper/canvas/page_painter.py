"""The PDF's title block and legend drawn with QPainter, for pictures of the map (PNG, SVG).

`export.sheet_pages.title_block` draws them through a painter's small set of calls (text lines,
rectangles, circles, polygons, lines, curves, a half disc); the PDF's `PagePainter` makes PDF
operators of them, this one QPainter calls. One drawing, two painters: the picture's header is the
PDF's, word for word.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen, QPolygonF

from ..i18n import Words, words
from ..layout.channel_icons import Icon
from ..layout.elements import TextBlock
from ..layout.geometry import Cubic, Point, Rect
from ..layout.style import Palette
from ..layout.text import BOLD, REGULAR, text_width
from .painting import color, draw_line


class _Widths:
    """Text widths as the layout measures them (the bundled DejaVu Sans, as the PDF)."""

    def width(self, text: str, size: float, bold: bool = False) -> float:
        return text_width(text, size, BOLD if bold else REGULAR)


class QtPagePainter:
    """The calls of `export.painter.PagePainter` that the title block and legend use, on a QPainter
    whose units are points, y down, over a page `page_height` tall."""

    def __init__(self, painter: QPainter, palette: Palette, page_height: float, tr: Words | None = None) -> None:
        self.q, self.palette, self.page_height = painter, palette, page_height
        self.tr = tr if tr is not None else words()
        self.fonts = _Widths()
        self.ox, self.top, self.k, self.dy = 0.0, page_height, 1.0, 0.0
        self._pen: QPen | None = None

    @classmethod
    def at(cls, painter: QPainter, palette: Palette, dx: float, dy: float) -> QtPagePainter:
        """A painter for an item whose own (0, 0) is the layout's (-dx, -dy): layout points offset by (dx, dy)."""
        page = cls(painter, palette, 0.0)
        page.place(dx, -dy, 1.0)
        return page

    # -- where ---------------------------------------------------------------
    def place(self, ox: float, top: float, k: float) -> None:
        """Layout point (0, 0) goes to page point (ox, top), as the PDF measures (y up)."""
        self.ox, self.top, self.k = ox, top, k

    def _x(self, x: float) -> float:
        return self.ox + x * self.k

    def _y(self, y: float) -> float:
        return (self.page_height - self.top) + (self.dy + y) * self.k

    def _point(self, p: Point) -> QPointF:
        return QPointF(self._x(p.x), self._y(p.y))

    def shape(self, key: tuple, corner: Point, width: float, height: float, draw: Callable[[], None]) -> None:
        """A picture that `draw` paints from (0, 0), placed at `corner` (the PDF draws it once, as a form)."""
        ox, dy = self.ox, self.dy
        self.ox, self.dy = ox + corner.x * self.k, dy + corner.y
        try:
            draw()
        finally:
            self.ox, self.dy = ox, dy

    # -- pens and brushes ------------------------------------------------------
    def _brush(self, name: str | None) -> QBrush:
        return QBrush(color(self.palette, name)) if name else QBrush(Qt.BrushStyle.NoBrush)

    def _outline(self, name: str | None, width: float) -> QPen:
        if not name:
            return QPen(Qt.PenStyle.NoPen)
        pen = QPen(color(self.palette, name), width * self.k)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def stroke(self, name: str, width: float, dash: tuple[float, ...] | None = None) -> None:
        pen = self._outline(name, width)
        if dash:
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            pen.setDashPattern([d / width for d in dash])
        self._pen = pen

    def fill(self, name: str) -> None:  # (the next shapes take their fill as they are drawn)
        pass

    # -- shapes ------------------------------------------------------------------
    def rect(self, r: Rect, fill: str | None = None, stroke: str | None = None, width: float = 0.6,
             radius: float = 0.0) -> None:
        q = self.q
        q.setPen(self._outline(stroke, width))
        q.setBrush(self._brush(fill))
        box = QRectF(self._x(r.x), self._y(r.y), r.w * self.k, r.h * self.k)
        if radius:
            q.drawRoundedRect(box, radius * self.k, radius * self.k)
        else:
            q.drawRect(box)

    def circle(self, center: Point, radius: float, fill: str | None = None, stroke: str | None = None,
               width: float = 0.8) -> None:
        q = self.q
        q.setPen(self._outline(stroke, width))
        q.setBrush(self._brush(fill))
        q.drawEllipse(self._point(center), radius * self.k, radius * self.k)

    def half_disc(self, center: Point, radius: float, fill: str) -> None:
        r = radius * self.k
        c = self._point(center)
        path = QPainterPath(QPointF(c.x(), c.y() - r))
        path.arcTo(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), 90, 180)
        path.closeSubpath()
        self.q.fillPath(path, self._brush(fill))

    def polygon(self, points: Sequence[Point], fill: str) -> None:
        q = self.q
        q.setPen(QPen(Qt.PenStyle.NoPen))
        q.setBrush(self._brush(fill))
        q.drawPolygon(QPolygonF([self._point(p) for p in points]))

    def line(self, a: Point, b: Point) -> None:
        self.q.setPen(self._pen or QPen())
        self.q.drawLine(self._point(a), self._point(b))

    def curve(self, segments: Sequence[Cubic]) -> None:
        if not segments:
            return
        path = QPainterPath(QPointF(self._x(segments[0].x0), self._y(segments[0].y0)))
        for _, _, x1, y1, x2, y2, x3, y3 in segments:
            path.cubicTo(self._x(x1), self._y(y1), self._x(x2), self._y(y2), self._x(x3), self._y(y3))
        self.q.setPen(self._pen or QPen())
        self.q.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        self.q.drawPath(path)

    def icon(self, icon: Icon, center: Point, size: float, ink: str) -> None:
        """A channel icon (`layout.channel_icons`) `size` wide, centred on `center`, in `ink`."""
        q, k = self.q, size / icon.size * self.k
        x0, y0 = self._x(center.x) - size * self.k / 2, self._y(center.y) - size * self.k / 2
        caps = (Qt.PenCapStyle.FlatCap, Qt.PenCapStyle.RoundCap, Qt.PenCapStyle.SquareCap)
        joins = (Qt.PenJoinStyle.MiterJoin, Qt.PenJoinStyle.RoundJoin, Qt.PenJoinStyle.BevelJoin)
        for part in icon.parts:
            path = QPainterPath()
            for op in part.ops:
                points = [QPointF(x0 + op[i] * k, y0 + op[i + 1] * k) for i in range(1, len(op), 2)]
                if op[0] == "M":
                    path.moveTo(points[0])
                elif op[0] == "L":
                    path.lineTo(points[0])
                elif op[0] == "C":
                    path.cubicTo(*points)
                else:
                    path.closeSubpath()
            if part.stroke:
                pen = QPen(color(self.palette, ink), part.width * k)
                pen.setCapStyle(caps[part.cap % 3])
                pen.setJoinStyle(joins[part.join % 3])
                q.setPen(pen)
            else:
                q.setPen(QPen(Qt.PenStyle.NoPen))
            q.setBrush(self._brush(ink) if part.fill else QBrush(Qt.BrushStyle.NoBrush))
            q.drawPath(path)

    # -- text ----------------------------------------------------------------------
    def text(self, block: TextBlock | None) -> None:
        if block is None or not block.lines:
            return
        for line, baseline in block.baselines():
            self.text_line(block.x, baseline, line, block.size, block.bold, block.color)

    def text_line(self, x: float, baseline: float, text: str, size: float, bold: bool, color_name: str) -> None:
        if text:
            draw_line(self.q, self._x(x), self._y(baseline), text, size * self.k, bold,
                      color(self.palette, color_name))
