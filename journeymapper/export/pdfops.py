"""PDF content-stream operators written as strings: the fast path of the PDF export.

A big map draws tens of thousands of shapes. ReportLab's canvas formats every
number with `fp_str` and keeps a graphics-state stack per call, which cost more
than the drawing itself; the painter builds each shape's operators here and
hands them to the canvas with the public `Canvas.addLiteral`. Text still goes
through ReportLab's font machinery (TrueType subsets, `escapePDF`), so fonts
are subset and embedded as before and text from the map is never read as
markup or PDF syntax.

Coordinates are written with two decimals (`NUM`): a hundredth of a point
(a map is drawn in layout points, scaled by at most a few times), far finer
than any printer's dot.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import pdfgeom
from reportlab.pdfgen.canvas import Canvas

from .visual_order import needs_reordering

NUM = "%.2f"
ROUND_CORNER = 0.4472
"""ReportLab's control-point factor for a rounded corner: the same curves as `Canvas.roundRect`."""

_ROUND_RECT = " ".join([
    f"{NUM} {NUM} m {NUM} {NUM} l",
    f"{NUM} {NUM} {NUM} {NUM} {NUM} {NUM} c {NUM} {NUM} l",
    f"{NUM} {NUM} {NUM} {NUM} {NUM} {NUM} c {NUM} {NUM} l",
    f"{NUM} {NUM} {NUM} {NUM} {NUM} {NUM} c {NUM} {NUM} l",
    f"{NUM} {NUM} {NUM} {NUM} {NUM} {NUM} c h",
])


def round_rect_path(x: float, y: float, w: float, h: float, radius: float) -> str:
    """The path of `Canvas.roundRect` (same points, same order), without the canvas's bookkeeping."""
    xlo, xhi = (x, x + w) if w >= 0 else (x + w, x)
    ylo, yhi = (y, y + h) if h >= 0 else (y + h, y)
    r = radius
    t = ROUND_CORNER * r
    return _ROUND_RECT % (
        xlo + r, ylo, xhi - r, ylo,
        xhi - t, ylo, xhi, ylo + t, xhi, ylo + r, xhi, yhi - r,
        xhi, yhi - t, xhi - t, yhi, xhi - r, yhi, xlo + r, yhi,
        xlo + t, yhi, xlo, yhi - t, xlo, yhi - r, xlo, ylo + r,
        xlo, ylo + t, xlo + t, ylo, xlo + r, ylo,
    )


@lru_cache(maxsize=1)
def _unit_circle() -> tuple[tuple[float, ...], ...]:
    """ReportLab's four Bézier quarters of a circle (`pdfgeom.bezierArc`), for radius 1 around (0, 0)."""
    return tuple(tuple(curve) for curve in pdfgeom.bezierArc(-1.0, -1.0, 1.0, 1.0, 0, 360))


def circle_path(cx: float, cy: float, r: float) -> str:
    """The path of `Canvas.circle` (same curves), without working out the arcs for every circle."""
    curves = _unit_circle()
    parts = [f"{cx + curves[0][0] * r:.2f} {cy + curves[0][1] * r:.2f} m"]
    for _, _, x1, y1, x2, y2, x3, y3 in curves:
        parts.append(f"{cx + x1 * r:.2f} {cy + y1 * r:.2f} {cx + x2 * r:.2f} {cy + y2 * r:.2f} "
                     f"{cx + x3 * r:.2f} {cy + y3 * r:.2f} c")
    return " ".join(parts)


@lru_cache(maxsize=64)
def curve_format(segments: int) -> str:
    """A stroked path of `segments` cubic curves: 2 + 6 * segments numbers."""
    return f"{NUM} {NUM} m " + f"{NUM} {NUM} {NUM} {NUM} {NUM} {NUM} c " * segments + "S"


@lru_cache(maxsize=64)
def polygon_format(points: int) -> str:
    """A closed polygon of `points` corners, filled as ReportLab fills (even-odd): 2 * points numbers."""
    return f"{NUM} {NUM} m " + f"{NUM} {NUM} l " * (points - 1) + "h f*"


@lru_cache(maxsize=64)
def arrow_format(segments: int, head: int) -> str:
    """A stroked path of `segments` cubic curves, then a filled polygon of `head` corners."""
    return curve_format(segments) + " " + polygon_format(head)


def color_op(rgb: tuple[float, float, float], operator: str) -> str:
    """`r g b rg` (fill) or `r g b RG` (stroke), numbers as ReportLab writes them."""
    return f"{fp_str(rgb)} {operator}"


class TextOps:
    """Text-showing operators for lines of text, made with ReportLab's font machinery."""

    def __init__(self, canvas: Canvas) -> None:
        # The document the fonts keep their subsets for, as ReportLab's text objects do. A ReportLab that
        # keeps it elsewhere leaves None: every line is then drawn by the canvas (slower, the same page;
        # tests/export/test_reportlab_we_rely_on.py fails so that we know).
        self._doc = getattr(canvas, "_doc", None)
        self._fonts: dict[str, _FontCodes | None] = {}

    def codes(self, font_name: str) -> _FontCodes | None:
        """The character codes of a TrueType font in this document; None for other fonts."""
        try:
            return self._fonts[font_name]
        except KeyError:
            font = pdfmetrics.getFont(font_name)
            usable = self._doc is not None and getattr(font, "_dynamicFont", False)
            codes = _FontCodes(font, self._doc) if usable else None
            self._fonts[font_name] = codes
            return codes

    def shown(self, runs: list[tuple[str, str]], size: float) -> ShownLine | None:
        """What shows a line of `runs` from the current text position, one after another.

        It does not depend on the position, so a label can be shown anywhere with the same operators.
        None if a font is not a TrueType subset font: then the canvas must draw the text.
        """
        if len(runs) == 1:  # the usual line: one font, one subset
            codes = self.codes(runs[0][0])
            chunk = codes.in_first_subset(runs[0][1]) if codes is not None else None
            if chunk is not None:
                font = codes.font_op(size)  # type: ignore[union-attr]
                return ShownLine(font, f" ({escapePDF(chunk)}) Tj", font)
        size_op = fp_str(size)
        fonts: list[str] = []
        parts = []
        last = len(runs) - 1
        for n, (font_name, run) in enumerate(runs):
            codes = self.codes(font_name)
            if codes is None:
                return None
            for name, chunk in codes.encode(run):
                font = f"{name} {size_op} Tf"
                if fonts:
                    parts.append(f" {font}")
                fonts.append(font)
                parts.append(f" ({escapePDF(chunk)}) Tj")
            if n < last:  # the next run starts where this one ends
                parts.append(f" {NUM} 0 Td" % pdfmetrics.stringWidth(run, font_name, size))
        return ShownLine(fonts[0], "".join(parts), fonts[-1])


class ShownLine(NamedTuple):
    """A line's text-showing operators: `first_font` (a `Tf`), then `rest` (which may set other fonts),
    after which `last_font` is the text object's font."""

    first_font: str
    rest: str
    last_font: str


class _FontCodes:
    """One TrueType font's character codes in one document.

    The font gives every character its code in one of its subsets for the
    document, and registers the subset to be embedded, as `PDFTextObject` does
    with `splitString` and `getSubsetInternalName`. A code never changes once
    given, so codes are kept here: a run is encoded with a look-up per
    character instead of a `splitString` per run.
    """

    def __init__(self, font: TTFont, doc: object) -> None:
        self._font = font
        self._doc = doc
        self._first: set[str] = set()
        """The characters of the first subset (nearly every character of a map)."""
        self._codes: dict[int, str] = {}
        """Their codes, as a `str.translate` table: character -> the character of its byte."""
        self._names: dict[int, str] = {}
        self._size_ops: dict[float, str] = {}

    def _learn(self, run: str) -> None:
        """Let the font give the run's new characters their codes, in order (as splitString on the run does)."""
        for char in dict.fromkeys(run):
            # (a line with right-to-left characters must be reordered first: `known` never takes it)
            if char not in self._first and not needs_reordering(char):
                [(subset, byte)] = self._font.splitString(char, self._doc)
                if subset == 0:
                    self._first.add(char)
                    self._codes[ord(char)] = chr(byte[0])

    def _name(self, subset: int) -> str:
        name = self._names.get(subset)
        if name is None:
            name = self._names[subset] = self._font.getSubsetInternalName(subset, self._doc)
        return name

    def font_op(self, size: float) -> str:
        """`Tf` for the first subset at `size`."""
        op = self._size_ops.get(size)
        if op is None:
            op = self._size_ops[size] = f"{self._name(0)} {fp_str(size)} Tf"
        return op

    def known(self, run: str) -> bytes | None:
        """`run`'s bytes if all its characters already have codes in the first subset, else None.

        Codes are given only to what `shown` has shown, so a character the font lacks, or one
        a line shows as a space (a tab), never has one; nor does a right-to-left one, so a line
        that holds one is always shaped and reordered first (`PagePainter._runs`).
        """
        return run.translate(self._codes).encode("latin-1") if self._first.issuperset(run) else None

    def in_first_subset(self, run: str) -> bytes | None:
        """`run`'s bytes if all its characters are in the first subset (the usual case), else None."""
        chunk = self.known(run)
        if chunk is None:
            self._learn(run)
            chunk = self.known(run)
        return chunk

    def encode(self, run: str) -> list[tuple[str, bytes]]:
        """(subset font resource, bytes) pieces that show `run`."""
        chunk = self.in_first_subset(run)
        if chunk is not None:
            return [(self._name(0), chunk)]
        # characters beyond the first subset: the font splits the run itself
        return [(self._name(subset), chunk) for subset, chunk in self._font.splitString(run, self._doc)]
