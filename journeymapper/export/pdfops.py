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

import re
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
        self._canvas = canvas
        self._fonts: dict[str, _FontCodes | None] = {}

    def codes(self, font_name: str) -> _FontCodes | None:
        """The character codes of a TrueType font in this document; None for other fonts."""
        try:
            return self._fonts[font_name]
        except KeyError:
            font = pdfmetrics.getFont(font_name)
            codes = _FontCodes(font_name, self._canvas) if isinstance(font, TTFont) else None
            self._fonts[font_name] = codes
            return codes

    def shown(self, runs: list[tuple[str, str]], size: float) -> ShownLine | None:
        """What shows a line of `runs` from the current text position, one after another.

        It does not depend on the position, so a label can be shown anywhere with the same operators.
        None if a font is not a TrueType font whose codes are known: then a text object of the canvas
        must show the line (`line_by_text_object`).
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
            pieces = codes.encode(run) if codes is not None else None
            if pieces is None:
                return None
            for name, chunk in pieces:
                font = f"{name} {size_op} Tf"
                if fonts:
                    parts.append(f" {font}")
                fonts.append(font)
                parts.append(f" ({escapePDF(chunk)}) Tj")
            if n < last:  # the next run starts where this one ends
                parts.append(f" {NUM} 0 Td" % pdfmetrics.stringWidth(run, font_name, size))
        return ShownLine(fonts[0], "".join(parts), fonts[-1])


def line_by_text_object(canvas: Canvas, x: float, y: float, runs: list[tuple[str, str]], size: float) -> str:
    """A whole text object (`BT` ... `ET`) showing `runs` from (x, y), made by ReportLab's own text object:
    the way for fonts whose codes `TextOps` does not know."""
    text = canvas.beginText(x, y)
    for font_name, run in runs:
        text.setFont(font_name, size)
        text.textOut(run)
    return text.getCode()


class ShownLine(NamedTuple):
    """A line's text-showing operators: `first_font` (a `Tf`), then `rest` (which may set other fonts),
    after which `last_font` is the text object's font."""

    first_font: str
    rest: str
    last_font: str


_SHOWN = re.compile(r"(/\S+) [0-9.]+ Tf|\(((?:\\[0-7]{1,3}|\\.|[^\\)])*)\) Tj")
_ESCAPE = re.compile(r"\\([0-7]{1,3}|.)")
_ESCAPED = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def _unescape(literal: str) -> str:
    """The characters of a PDF string literal's text (one per byte)."""
    return _ESCAPE.sub(lambda m: chr(int(m[1], 8)) if m[1][0] in "01234567" else _ESCAPED.get(m[1], m[1]), literal)


class _FontCodes:
    """One TrueType font's character codes in one document.

    The font gives every character a code (a byte) in one of its subsets for the
    document, and registers the subset to be embedded, when a text object of the
    canvas shows the character. A code never changes once given, so each new
    character is shown once by a text object that is never drawn, its code read
    from what the text object would write (`getCode`), and kept here: a run is
    then encoded with a look-up per character, and a line is written with no
    text object of its own.
    """

    def __init__(self, font_name: str, canvas: Canvas) -> None:
        self._font_name = font_name
        self._canvas = canvas
        self._where: dict[str, tuple[str, str]] = {}
        """Every character learned: (its subset's font resource, its code as a character)."""
        self._main = ""
        """The first subset's font resource (it holds nearly every character of a map)."""
        self._first: set[str] = set()
        """The characters of the first subset that need no reordering (see `known`)."""
        self._codes: dict[int, str] = {}
        """Their codes, as a `str.translate` table: character -> the character of its byte."""
        self._size_ops: dict[float, str] = {}
        self.usable = True
        """False once the text object wrote what this cannot read: then the canvas's text objects show it."""

    def _learn(self, run: str) -> None:
        """Let the font give the run's new characters their codes, in order (as showing the run does)."""
        new = [char for char in dict.fromkeys(run) if char not in self._where]
        if not new or not self.usable:
            return
        text = self._canvas.beginText()
        text.setFont(self._font_name, 1)
        text.textOut("".join(new))
        learned: list[tuple[str, str]] = []
        name = ""
        for font, literal in _SHOWN.findall(text.getCode()):
            if font:
                name = font
            else:
                learned += ((name, code) for code in _unescape(literal))
        if len(learned) != len(new) or not all(name for name, _ in learned) or any(ord(c) > 255 for _, c in learned):
            self.usable = False  # a ReportLab that writes text otherwise: the slow way, never a wrong one
            return
        for char, (name, code) in zip(new, learned):
            self._where[char] = (name, code)
            self._main = self._main or name
            # (a line with right-to-left characters must be reordered first: `known` never takes it)
            if name == self._main and not needs_reordering(char):
                self._first.add(char)
                self._codes[ord(char)] = code

    def font_op(self, size: float) -> str:
        """`Tf` for the first subset at `size` (once a character was learned)."""
        op = self._size_ops.get(size)
        if op is None:
            op = self._size_ops[size] = f"{self._main} {fp_str(size)} Tf"
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

    def encode(self, run: str) -> list[tuple[str, bytes]] | None:
        """(subset font resource, bytes) pieces that show `run`; None if the codes cannot be read."""
        self._learn(run)
        if not self.usable:
            return None
        pieces: list[tuple[str, list[str]]] = []
        for char in run:
            name, code = self._where[char]
            if pieces and pieces[-1][0] == name:
                pieces[-1][1].append(code)
            else:
                pieces.append((name, [code]))
        return [(name, "".join(codes).encode("latin-1")) for name, codes in pieces]
