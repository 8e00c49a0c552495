"""Drawing the layout's pieces on a ReportLab canvas, in layout coordinates.

The layout's y grows downwards; the painter maps (x, y) to the page once, so
the drawing code reads like the canvas's. A big map has tens of thousands of
shapes, so each shape's PDF operators are written as one string (see pdfops)
and handed to the canvas with `addLiteral`; colours and pens are set only when
they change, and pictures that repeat are PDF forms placed where needed. Text
goes through ReportLab's font machinery, which never interprets markup, run by
run in the font that has each character.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain
from typing import TypeVar

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfdoc import xObjectName
from reportlab.pdfgen.canvas import Canvas

from ..i18n import Words, words
from ..layout.channel_icons import Icon
from ..layout.elements import TextBlock
from ..layout.geometry import Cubic, Point, Rect
from ..layout.style import Palette
from ..layout.text import ASCENT
from .fonts import FontChooser
from .form_deflater import end_form
from .pdfops import (
    ShownLine,
    TextOps,
    arrow_format,
    circle_path,
    color_op,
    curve_format,
    line_by_text_object,
    polygon_format,
    round_rect_path,
)
from .visual_order import visual

_AS_SPACE = {ord(c): " " for c in "\t\n\r\x0b\x0c\u2028\u2029\x85"}
STAMP_REACH = 24.0
"""A stamp (form) is drawn within this many points of its centre; outside it would be clipped."""
SHAPE_MARGIN = 4.0
"""Room around a shape's box for the half of its outline that is drawn outside."""

T = TypeVar("T")
_ONE_CURVE_ARROW = arrow_format(1, 3)
# Path painting as ReportLab's canvas does it (even-odd fill), so shapes fill as they always did.
_PAINT = {(False, True): "f*", (True, False): "S", (True, True): "B*", (False, False): "n"}


class PagePainter:
    def __init__(self, canvas: Canvas, fonts: FontChooser, palette: Palette, grayscale: bool = False,
                 tr: Words | None = None) -> None:
        self.c = canvas
        self.fonts = fonts
        self.palette = palette
        self.grayscale = grayscale
        self.tr = tr if tr is not None else words()
        """The words the pages print themselves, in the language asked for (`i18n`)."""
        self.shows_findings = False
        """Whether the map's cards carry the numbers of the checker's findings (the legend says so then)."""
        self.ox = 0.0
        self.top = 0.0
        self.k = 1.0
        self._dy = 0.0
        self._ty = 0.0
        """Page y of layout y = 0 (in the current lane): Y(y) = _ty - y * k."""
        self._place_op = "q 1 0 0 1 "
        """The start of the operators that place a form at the current scale."""
        self._emit = canvas.addLiteral
        self._text = TextOps(canvas)
        self._shown: dict[tuple[str, bool, float], ShownLine | None] = {}
        self._colors: dict[str, Color] = {}
        self._color_ops: dict[tuple[str, str], str] = {}
        self._forms: set[str] = set()
        self._shape_names: dict[tuple, str] = {}
        self._placed: dict[str, str] = {}
        """Forms already listed in the resources of page `_placed_page`, with the operators that draw them."""
        self._placed_page = 0
        self._in_form = False
        self._in_text = False
        self._font_op = ""
        """The font (`Tf`) of the open text object."""
        self.forget_state()

    def forget_state(self) -> None:
        """After a restoreState the page's colours and pens are not what was last set here."""
        self._fill: str | None = None
        self._stroke: tuple | None = None

    # -- placement ---------------------------------------------------------
    def place(self, ox: float, top: float, k: float) -> None:
        """Layout point (0, 0) goes to page point (ox, top); layout points are scaled by k."""
        self.ox, self.top, self.k = ox, top, k
        self._ty = top - self._dy * k
        self._place_op = f"q {fp_str(k)} 0 0 {fp_str(k)} "
        self.forget_state()

    @property
    def dy(self) -> float:
        """The current lane's offset in the map: lane pieces are laid out from their lane's top."""
        return self._dy

    @dy.setter
    def dy(self, value: float) -> None:
        self._dy = value
        self._ty = self.top - value * self.k

    def X(self, x: float) -> float:  # page coordinates read better in capitals
        return self.ox + x * self.k

    def Y(self, y: float) -> float:
        return self._ty - y * self.k

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

    def _color_op(self, name: str, operator: str) -> str:
        key = (name, operator)
        op = self._color_ops.get(key)
        if op is None:
            color = self.color(name)
            op = self._color_ops[key] = color_op((color.red, color.green, color.blue), operator)
        return op

    # Colours and pens are set only when they change: a big map sets them tens of thousands of times.
    def _fill_op(self, name: str | None) -> str:
        """The operator (and a space) that makes `name` the fill colour; "" if it already is, or no fill."""
        if name is None or name == self._fill:
            return ""
        self._fill = name
        return self._color_op(name, "rg") + " "

    def _stroke_op(self, name: str | None, width: float, dash: tuple[float, ...] | None = None) -> str:
        """The operators (and a space) that set the pen; "" if it is already set, or no stroke."""
        if name is None:
            return ""
        key = (name, width, self.k, dash)
        if key == self._stroke:
            return ""
        self._stroke = key
        k = self.k
        pattern = fp_str([d * k for d in dash]) if dash else ""
        return f"{self._color_op(name, 'RG')} {fp_str(width * k)} w [{pattern}] 0 d "

    def fill(self, name: str) -> None:
        op = self._fill_op(name)
        if op:
            self._emit(op)

    def stroke(self, name: str, width: float, dash: tuple[float, ...] | None = None) -> None:
        op = self._stroke_op(name, width, dash)
        if op:
            self._emit(op)

    # -- forms ---------------------------------------------------------------
    def stamp(self, form: str, center: Point, draw: Callable[[], None]) -> None:
        """A small picture drawn once per document (a PDF form) and placed wherever it is needed.

        `draw` paints it around (0, 0) in layout units, with y growing downwards.
        """
        self._place_form(form, center, draw, (-STAMP_REACH, -STAMP_REACH, STAMP_REACH, STAMP_REACH))

    def shape(self, key: tuple, corner: Point, width: float, height: float, draw: Callable[[], None]) -> None:
        """A stamp for a bigger picture, like a card's frame, that `draw` paints from (0, 0) to (width, height).

        `key` holds everything the picture depends on: the same key, the same form.
        """
        name = self._shape_names.get(key)
        if name is None:
            name = self._shape_names[key] = f"jm-shape-{len(self._shape_names)}"
        m = SHAPE_MARGIN
        self._place_form(name, corner, draw, (-m, -height - m, width + m, m))

    def stamps(self, items: Sequence[tuple[str, Point]], draw: Callable[[str], None]) -> None:
        """Many stamps, (form, centre) each; `draw(form)` paints a form the first time it is needed."""
        self._place_many([(form, at, form) for form, at in items], lambda form, at, payload: self.stamp(
            form, at, lambda: draw(form)))

    def shapes(self, items: Sequence[tuple[tuple, Point, float, float, T]], draw: Callable[[T], None]) -> None:
        """Many shapes, (key, corner, width, height, payload) each; `draw(payload)` paints a shape's form
        (from the corner, like `shape`) the first time it is needed."""
        names = self._shape_names
        many = []
        for key, corner, width, height, payload in items:
            name = names.get(key)
            if name is None:
                name = names[key] = f"jm-shape-{len(names)}"
            many.append((name, corner, (key, width, height, payload)))
        self._place_many(many, lambda name, corner, extra: self.shape(
            extra[0], corner, extra[1], extra[2], lambda: draw(extra[3])))

    def _place_many(self, items: list[tuple[str, Point, object]],
                    place_first: Callable[[str, Point, object], None]) -> None:
        """Forms, (name, point, payload) each: placed with one string of operators, but for a form not yet
        listed in this page or form, which `place_first` places."""
        parts: list[str] = []
        k, ox, ty, op = self.k, self.ox, self._ty, self._place_op
        placed = self._listed()
        for name, at, payload in items:
            drawn = placed.get(name)
            if drawn is None:
                if parts:
                    self._emit(" ".join(parts))
                    parts = []
                place_first(name, at, payload)
                placed = self._listed()
            else:
                parts.append(f"{op}{ox + at.x * k:.2f} {ty - at.y * k:.2f}{drawn}")
        if parts:
            self._emit(" ".join(parts))

    def _listed(self) -> dict[str, str]:
        """The forms listed in the page (or form) being drawn, with the operators that place them."""
        if not self._in_form:
            page = self.c.getPageNumber()
            if page != self._placed_page:
                self._placed_page = page
                self._placed = {}
        return self._placed

    def _place_form(self, form: str, at: Point, draw: Callable[[], None],
                    box: tuple[float, float, float, float]) -> None:
        if form not in self._forms:
            self._define_form(form, draw, box)
        placed = self._listed()
        x, y = self.ox + at.x * self.k, self._ty - at.y * self.k
        drawn = placed.get(form)
        if drawn is not None:
            self._emit(f"{self._place_op}{x:.2f} {y:.2f}{drawn}")
            return
        # The first time on a page (or in a form) the canvas draws it, so the page (or form) lists it.
        self._emit(f"{self._place_op}{x:.2f} {y:.2f} cm")
        self._do_form(form)
        self._emit("Q")
        self._placed[form] = f" cm /{xObjectName(form)} Do Q"

    def _do_form(self, form: str) -> None:
        """Draw a form here, and list it in the page's (or form's) resources."""
        self.c.doForm(form)  # lists it; in a form, what the canvas writes is not the form's stream (`form`)
        if self._in_form:
            self._emit(f"/{xObjectName(form)} Do")

    def _define_form(self, form: str, draw: Callable[[], None], box: tuple[float, float, float, float]) -> None:
        with self.form(form, box):
            draw()

    @contextmanager
    def form(self, name: str, box: tuple[float, float, float, float],
             end: Callable[[Canvas, str], None] | None = None) -> Iterator[None]:
        """Draw a PDF form, in layout points from (0, 0), y growing downwards; `box` is its extent in PDF
        points (y upwards).

        The form's operators are gathered here, not in the canvas, and given to the canvas as the form's
        stream (`endForm(Contents=...)`): `end(canvas, operators)` ends the form, if not `end_form`.
        Inside a form everything is drawn through the painter.
        """
        c = self.c
        lowerx, lowery, upperx, uppery = box
        c.beginForm(name, lowerx=lowerx, lowery=lowery, upperx=upperx, uppery=uppery)
        saved = (self.ox, self.top, self.k, self._dy, self._fill, self._stroke, self._in_form, self._placed,
                 self._emit)
        operators: list[str] = []
        self._emit = operators.append
        self._in_form = True
        self._placed = {}
        self._dy = 0.0
        self.place(0.0, 0.0, 1.0)
        try:
            yield
        finally:
            ox, top, k, self._dy, fill, stroke, self._in_form, self._placed, self._emit = saved
            self.place(ox, top, k)
            self._fill, self._stroke = fill, stroke  # a form has its own graphics state: the page's is as it was
            (end or end_form)(c, "\n".join(operators))
            self._forms.add(name)

    def place_forms(self, names: Sequence[str]) -> None:
        """Draw forms made with `form` at the current placement."""
        k = self.k
        self._emit(f"q {fp_str(k)} 0 0 {fp_str(k)} {fp_str(self.ox)} {fp_str(self._ty)} cm")
        for name in names:
            self._do_form(name)
        self._emit("Q")

    # -- shapes --------------------------------------------------------------
    def rect(self, r: Rect, fill: str | None = None, stroke: str | None = None, width: float = 0.6,
             radius: float = 0.0) -> None:
        k = self.k
        state = self._fill_op(fill) + self._stroke_op(stroke, width)
        x, y, w, h = self.ox + r.x * k, self._ty - r.bottom * k, r.w * k, r.h * k
        paint = _PAINT[bool(stroke), bool(fill)]
        if radius:
            self._emit(f"{state}{round_rect_path(x, y, w, h, radius * k)} {paint}")
        else:
            self._emit(f"{state}{x:.2f} {y:.2f} {w:.2f} {h:.2f} re {paint}")

    def icon(self, icon: Icon, center: Point, size: float, ink: str) -> None:
        """A channel icon (`layout.channel_icons`) `size` wide, centred on `center`, in `ink`."""
        k = self.k
        scale = size / icon.size * k
        x0, y0 = self.ox + center.x * k - size * k / 2, self._ty - center.y * k + size * k / 2
        fill_op, stroke_op = self._color_op(ink, "rg"), self._color_op(ink, "RG")
        out = ["q"]
        for part in icon.parts:
            path = []
            for op in part.ops:
                if op[0] == "Z":
                    path.append("h")
                    continue
                numbers = " ".join(f"{x0 + op[i] * scale:.3f} {y0 - op[i + 1] * scale:.3f}" for i in range(1, len(op), 2))
                path.append(f"{numbers} {'m' if op[0] == 'M' else 'l' if op[0] == 'L' else 'c'}")
            paint = "B" if part.fill and part.stroke else "f" if part.fill else "S"
            out.append(f"{fill_op} {stroke_op} {fp_str(part.width * scale)} w {part.cap} J {part.join} j [] 0 d "
                       f"{' '.join(path)} {paint}")
        out.append("Q")
        self._emit(" ".join(out))

    def line(self, a: Point, b: Point) -> None:
        k, ox, ty = self.k, self.ox, self._ty
        self._emit(f"{ox + a.x * k:.2f} {ty - a.y * k:.2f} m {ox + b.x * k:.2f} {ty - b.y * k:.2f} l S")

    def curve(self, segments: Sequence[Cubic]) -> None:
        if not segments:
            return
        k, ox, ty = self.k, self.ox, self._ty
        if k == 1.0:  # (in forms) under a y-down transform, the layout's numbers are written as they are
            numbers = (*segments[0][:2], *chain.from_iterable(s[2:] for s in segments))
            self._emit(f"q 1 0 0 -1 {fp_str(ox)} {fp_str(ty)} cm {curve_format(len(segments)) % numbers} Q")
            return
        first = segments[0]
        numbers = [ox + first.x0 * k, ty - first.y0 * k]
        for _, _, x1, y1, x2, y2, x3, y3 in segments:
            numbers += (ox + x1 * k, ty - y1 * k, ox + x2 * k, ty - y2 * k, ox + x3 * k, ty - y3 * k)
        self._emit(curve_format(len(segments)) % tuple(numbers))

    def arrows(self, flows: Sequence[tuple[Sequence[Cubic], Sequence[float], tuple[float, ...] | None]], ink: str,
               width: float) -> None:
        """Flows: (path, head, dash) each, the path stroked and its head (a triangle, as six numbers)
        filled in `ink`.

        Flows hold no text, so they are drawn under a transform whose y grows downwards, as
        the layout's does: their points are written as they are, with no sums per number.
        """
        if not flows:
            return
        k = self.k
        emit = self._emit
        emit(f"q {fp_str(k)} 0 0 {fp_str(-k)} {fp_str(self.ox)} {fp_str(self._ty)} cm "
             f"{self._color_op(ink, 'RG')} {self._color_op(ink, 'rg')} {fp_str(width)} w")
        current: object = ()
        parts: list[str] = []
        for path, head, dash in flows:
            if dash != current:
                current = dash
                parts.append(f"[{fp_str(dash) if dash else ''}] 0 d")
            if len(path) == 1:
                parts.append(_ONE_CURVE_ARROW % (*path[0], *head))
            else:
                numbers = [*path[0][:2]]
                for segment in path:
                    numbers += segment[2:]
                numbers += head
                parts.append(arrow_format(len(path), 3) % tuple(numbers))
        parts.append("Q")  # the page's colours and pen are as they were before `q`
        emit(" ".join(parts))

    def polygon(self, points: Sequence[Point], fill: str) -> None:
        k, ox, ty = self.k, self.ox, self._ty
        numbers = []
        for p in points:
            numbers += (ox + p.x * k, ty - p.y * k)
        self._emit(self._fill_op(fill) + polygon_format(len(points)) % tuple(numbers))

    def half_disc(self, center: Point, radius: float, fill: str) -> None:
        """The left half of a disc (the anecdotal evidence mark)."""
        k, x, y = self.k, self.ox + center.x * self.k, self._ty - center.y * self.k
        r, c = radius * k, radius * k * 0.5523
        self._emit(f"{self._fill_op(fill)}{x:.3f} {y + r:.3f} m {x - c:.3f} {y + r:.3f} {x - r:.3f} {y + c:.3f} "
                   f"{x - r:.3f} {y:.3f} c {x - r:.3f} {y - c:.3f} {x - c:.3f} {y - r:.3f} {x:.3f} {y - r:.3f} c h f")

    def circle(self, center: Point, radius: float, fill: str | None = None, stroke: str | None = None,
               width: float = 0.8) -> None:
        state = self._fill_op(fill) + self._stroke_op(stroke, width)
        path = circle_path(self.ox + center.x * self.k, self._ty - center.y * self.k, radius * self.k)
        self._emit(f"{state}{path} {_PAINT[bool(stroke), bool(fill)]}")

    # -- text ----------------------------------------------------------------
    @contextmanager
    def text_object(self) -> Iterator[None]:
        """Lines shown in one text object (`BT` ... `ET`): each placed with `Tm`, the font set only when
        it changes. Inside it only text may be drawn: no shapes, no forms."""
        self._emit("BT")
        self._font_op = ""
        self._in_text = True
        try:
            yield
        finally:
            self._in_text = False
            self._emit("ET")

    def text_line(self, x: float, baseline: float, text: str, size: float, bold: bool, color: str) -> None:
        """One line at a layout baseline; each run in the font that has its characters."""
        if not text:
            return
        k = self.k
        page_size = size * k
        state = self._fill_op(color)
        px, py = self.ox + x * k, self._ty - baseline * k
        # Labels repeat (channels, counts, axis marks): what shows a line is made once per text and size.
        key = (text, bold, page_size)
        if key in self._shown:
            shown = self._shown[key]
        else:
            shown = self._shown[key] = self._text.shown(self._runs(text, bold), page_size)
        if shown is not None:
            if not self._in_text:
                self._emit(f"{state}BT {px:.2f} {py:.2f} Td {shown.first_font}{shown.rest} ET")
                return
            self._emit(self._shown_at(state, f"1 0 0 1 {px:.2f} ", py, *shown))
            return
        # A font whose codes are not known here: a text object of the canvas shows the line.
        code = line_by_text_object(self.c, px, py, self._runs(text, bold), page_size)
        if self._in_text:
            self._emit(f"ET {state}{code} BT")
            self._font_op = ""
        else:
            self._emit(f"{state}{code}")

    def _runs(self, text: str, bold: bool) -> list[tuple[str, str]]:
        # Tabs and line breaks have no glyph: one line of print shows them as spaces. Right-to-left
        # text is shaped and put in the order it is drawn (visual_order).
        return self.fonts.runs(visual(text if text.isprintable() else text.translate(_AS_SPACE)), bold)

    def texts(self, blocks: Sequence[TextBlock]) -> None:
        """Many blocks in the open text object (`text_object`): as `text` for each, with less work per line."""
        if not self._in_text:
            for block in blocks:
                self.text(block)
            return
        k, ox, ty, cache = self.k, self.ox, self._ty, self._shown
        parts: list[str] = []
        for x, y, lines, size, bold, color, line_height in blocks:
            page_size = size * k
            px = f"1 0 0 1 {ox + x * k:.2f} "
            baseline = y + size * ASCENT + (line_height - size) / 2
            # The usual line: characters the bundled font has shown before, in its first subset.
            codes = self._text.codes(self.fonts.base(bold))
            for line in lines:
                chunk = codes.known(line) if line and codes is not None else None
                if chunk is not None:
                    # (the colour is set with the line that shows it: an empty line shows nothing)
                    font_op = codes.font_op(page_size)  # type: ignore[union-attr]
                    parts.append(self._shown_at(self._fill_op(color), px, ty - baseline * k, font_op,
                                                f" ({escapePDF(chunk)}) Tj", font_op))
                    baseline += line_height
                    continue
                key = (line, bold, page_size)
                shown = cache.get(key)
                if shown is None and line and key not in cache:
                    shown = cache[key] = self._text.shown(self._runs(line, bold), page_size)
                if shown is None:  # an empty line, or one the canvas must draw
                    if parts:
                        self._emit(" ".join(parts))
                        parts = []
                    self.text_line(x, baseline, line, size, bold, color)
                else:
                    parts.append(self._shown_at(self._fill_op(color), px, ty - baseline * k, *shown))
                baseline += line_height
        if parts:
            self._emit(" ".join(parts))

    def _shown_at(self, state: str, origin: str, y: float, first_font: str, rest: str, last_font: str) -> str:
        """A line in the open text object: `state`, its place (`origin` is "1 0 0 1 x "), its font only if
        the text object's is another, then what shows it (see `ShownLine`)."""
        font = "" if first_font == self._font_op else " " + first_font
        self._font_op = last_font
        return f"{state}{origin}{y:.2f} Tm{font}{rest}"

    def text(self, block: TextBlock | None) -> None:
        if block is None or not block.lines:
            return
        for line, baseline in block.baselines():
            self.text_line(block.x, baseline, line, block.size, block.bold, block.color)
