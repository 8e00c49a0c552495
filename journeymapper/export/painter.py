"""Drawing the layout's pieces on a ReportLab canvas, in layout coordinates.

The layout's y grows downwards; the painter maps (x, y) to the page once, so
the drawing code reads like the canvas's. Text goes through `drawString`,
which never interprets markup, run by run in the font that has each character.
"""

from __future__ import annotations

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfgen.canvas import Canvas

from ..layout.elements import TextBlock
from ..layout.geometry import Cubic, Point, Rect
from ..layout.style import Palette
from .fonts import FontChooser

_AS_SPACE = {ord(c): " " for c in "\t\n\r\x0b\x0c\u2028\u2029\x85"}
ASCENT = 0.93  # DejaVu Sans ascender, as a share of the font size (the canvas uses the same)


class PagePainter:
    def __init__(self, canvas: Canvas, fonts: FontChooser, palette: Palette, grayscale: bool = False) -> None:
        self.c = canvas
        self.fonts = fonts
        self.palette = palette
        self.grayscale = grayscale
        self.ox = 0.0
        self.top = 0.0
        self.k = 1.0
        self.dy = 0.0
        self.smallest_text = float("inf")

    # -- placement ---------------------------------------------------------
    def place(self, ox: float, top: float, k: float) -> None:
        """Layout point (0, 0) goes to page point (ox, top); layout points are scaled by k."""
        self.ox, self.top, self.k = ox, top, k

    def X(self, x: float) -> float:  # noqa: N802 - page coordinates read better in capitals
        return self.ox + x * self.k

    def Y(self, y: float) -> float:  # noqa: N802
        return self.top - (y + self.dy) * self.k

    # -- colours -----------------------------------------------------------
    def color(self, name: str) -> Color:
        value = name if name.startswith("#") else getattr(self.palette, name)
        col = HexColor(value)
        if self.grayscale:
            gray = 0.299 * col.red + 0.587 * col.green + 0.114 * col.blue
            return Color(gray, gray, gray)
        return col

    def fill(self, name: str) -> None:
        self.c.setFillColor(self.color(name))

    def stroke(self, name: str, width: float, dash: tuple[float, ...] | None = None) -> None:
        self.c.setStrokeColor(self.color(name))
        self.c.setLineWidth(width * self.k)
        self.c.setDash([d * self.k for d in dash] if dash else [])

    # -- shapes --------------------------------------------------------------
    def rect(self, r: Rect, fill: str | None = None, stroke: str | None = None, width: float = 0.6,
             radius: float = 0.0) -> None:
        if fill:
            self.fill(fill)
        if stroke:
            self.stroke(stroke, width)
        x, y, w, h = self.X(r.x), self.Y(r.bottom), r.w * self.k, r.h * self.k
        if radius:
            self.c.roundRect(x, y, w, h, radius * self.k, stroke=1 if stroke else 0, fill=1 if fill else 0)
        else:
            self.c.rect(x, y, w, h, stroke=1 if stroke else 0, fill=1 if fill else 0)

    def line(self, a: Point, b: Point) -> None:
        self.c.line(self.X(a.x), self.Y(a.y), self.X(b.x), self.Y(b.y))

    def curve(self, segments: tuple[Cubic, ...] | list[Cubic]) -> None:
        if not segments:
            return
        path = self.c.beginPath()
        first = segments[0].p0
        path.moveTo(self.X(first.x), self.Y(first.y))
        for s in segments:
            path.curveTo(self.X(s.c1.x), self.Y(s.c1.y), self.X(s.c2.x), self.Y(s.c2.y), self.X(s.p1.x), self.Y(s.p1.y))
        self.c.drawPath(path, stroke=1, fill=0)

    def polygon(self, points: tuple[Point, ...], fill: str) -> None:
        self.fill(fill)
        path = self.c.beginPath()
        path.moveTo(self.X(points[0].x), self.Y(points[0].y))
        for p in points[1:]:
            path.lineTo(self.X(p.x), self.Y(p.y))
        path.close()
        self.c.drawPath(path, stroke=0, fill=1)

    def circle(self, center: Point, radius: float, fill: str | None = None, stroke: str | None = None,
               width: float = 0.8) -> None:
        if fill:
            self.fill(fill)
        if stroke:
            self.stroke(stroke, width)
        self.c.circle(self.X(center.x), self.Y(center.y), radius * self.k, stroke=1 if stroke else 0,
                      fill=1 if fill else 0)

    # -- text ----------------------------------------------------------------
    def text_line(self, x: float, baseline: float, text: str, size: float, bold: bool, color: str) -> None:
        """One line at a layout baseline; each run in the font that has its characters."""
        if not text:
            return
        # Tabs and line breaks have no glyph: one line of print shows them as spaces.
        text = text.translate(_AS_SPACE)
        page_size = size * self.k
        self.smallest_text = min(self.smallest_text, page_size)
        self.fill(color)
        cursor = self.X(x)
        y = self.Y(baseline)
        for font, run in self.fonts.runs(text, bold):
            self.c.setFont(font, page_size)
            self.c.drawString(cursor, y, run)
            cursor += self.c.stringWidth(run, font, page_size)

    def text(self, block: TextBlock | None) -> None:
        if block is None or not block.lines:
            return
        baseline = block.y + block.size * ASCENT + (block.line_height - block.size) / 2
        for line in block.lines:
            self.text_line(block.x, baseline, line, block.size, block.bold, block.color)
            baseline += block.line_height
