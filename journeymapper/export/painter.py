"""Drawing the layout's pieces on a ReportLab canvas, in layout coordinates.

The layout's y grows downwards; the painter maps (x, y) to the page once, so
the drawing code reads like the canvas's. Text goes through `drawString`,
which never interprets markup, run by run in the font that has each character.
"""

from __future__ import annotations

from typing import Callable

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfgen.canvas import Canvas

from ..layout.elements import TextBlock
from ..layout.geometry import Cubic, Point, Rect
from ..layout.style import Palette
from ..layout.text import ASCENT
from .fonts import FontChooser

_AS_SPACE = {ord(c): " " for c in "\t\n\r\x0b\x0c\u2028\u2029\x85"}
STAMP_REACH = 24.0
"""A stamp (form) is drawn within this many points of its centre; outside it would be clipped."""


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
        self._colors: dict[str, Color] = {}
        self._forms: set[str] = set()
        self.forget_state()

    def forget_state(self) -> None:
        """After a restoreState the page's colours and pens are not what was last set here."""
        self._fill: str | None = None
        self._stroke: tuple | None = None

    # -- placement ---------------------------------------------------------
    def place(self, ox: float, top: float, k: float) -> None:
        """Layout point (0, 0) goes to page point (ox, top); layout points are scaled by k."""
        self.ox, self.top, self.k = ox, top, k
        self.forget_state()

    def X(self, x: float) -> float:  # noqa: N802 - page coordinates read better in capitals
        return self.ox + x * self.k

    def Y(self, y: float) -> float:  # noqa: N802
        return self.top - (y + self.dy) * self.k

    # -- colours -----------------------------------------------------------
    def color(self, name: str) -> Color:
        cached = self._colors.get(name)
        if cached is None:
            value = name if name.startswith("#") else getattr(self.palette, name)
            cached = HexColor(value)
            if self.grayscale:
                gray = 0.299 * cached.red + 0.587 * cached.green + 0.114 * cached.blue
                cached = Color(gray, gray, gray)
            self._colors[name] = cached
        return cached

    # Colours and pens are set only when they change: a big map sets them tens of thousands of times.
    def fill(self, name: str) -> None:
        if name != self._fill:
            self.c.setFillColor(self.color(name))
            self._fill = name

    def stroke(self, name: str, width: float, dash: tuple[float, ...] | None = None) -> None:
        key = (name, width, self.k, dash)
        if key != self._stroke:
            self.c.setStrokeColor(self.color(name))
            self.c.setLineWidth(width * self.k)
            self.c.setDash([d * self.k for d in dash] if dash else [])
            self._stroke = key

    def stamp(self, form: str, center: Point, draw: Callable[[], None]) -> None:
        """A small picture drawn once per document (a PDF form) and placed wherever it is needed.

        `draw` paints it around (0, 0) in layout units, with y growing downwards.
        """
        c = self.c
        if form not in self._forms:
            c.beginForm(form, lowerx=-STAMP_REACH, lowery=-STAMP_REACH, upperx=STAMP_REACH, uppery=STAMP_REACH)
            saved = (self.ox, self.top, self.k, self.dy, self._fill, self._stroke)
            self.ox, self.top, self.k, self.dy = 0.0, 0.0, 1.0, 0.0
            self.forget_state()
            draw()
            self.ox, self.top, self.k, self.dy, self._fill, self._stroke = saved
            c.endForm()
            self._forms.add(form)
        c.saveState()
        c.translate(self.X(center.x), self.Y(center.y))
        c.scale(self.k, self.k)
        c.doForm(form)
        c.restoreState()

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
