"""Measuring and wrapping text with the bundled font's own metrics.

The canvas and the PDF both draw with DejaVu Sans from `resources/fonts`, and
both ask this module where lines break, so a title wraps the same way on
screen and on paper. Characters the font lacks (CJK, Arabic...) are measured
by their East Asian width, close to what the fallback fonts draw.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFont

from ..resources import resources_dir

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
ELLIPSIS = "…"
ASCENT = 0.93
"""DejaVu Sans' ascender (0.928 em): where a line's baseline sits below its top, on screen and paper."""


def font_path(name: str) -> Path:
    return resources_dir() / "fonts" / _FILES[name]


@lru_cache(maxsize=None)
def _widths(name: str) -> tuple[dict[int, float], float]:
    """Advance widths in thousandths of the font size, by code point."""
    face = TTFont(name, str(font_path(name))).face
    return dict(face.charWidths), float(face.defaultWidth)


def _missing_width(char: str) -> float:
    if unicodedata.combining(char):
        return 0.0
    return 1000.0 if unicodedata.east_asian_width(char) in ("W", "F") else 600.0


@lru_cache(maxsize=None)
def _char_widths(name: str) -> dict[str, float]:
    """Advance widths by character (not code point): `text_width` sums them without a loop in Python."""
    widths, _ = _widths(name)
    return {chr(code): width for code, width in widths.items()}


@lru_cache(maxsize=65536)
def text_width(text: str, size: float, font: str = REGULAR) -> float:
    table = _char_widths(font)
    try:
        total = sum(map(table.__getitem__, text))
    except KeyError:  # a character the font lacks: measured by its East Asian width
        total = 0.0
        for char in text:
            width = table.get(char)
            total += width if width is not None else _missing_width(char)
    return total * size / 1000.0


_NO_LINE_START = frozenset(
    ",.;:!?)]}\u2019\u201d\u00bb\u2026\u3001\u3002\uff0c\uff0e\uff1a\uff1b\uff1f\uff01\u30fb\u30fc\u300d\u300f"
    "\uff09\uff3d\uff5d\u3015\u3009\u300b\u3011\u3005\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085"
    "\u3087\u308e\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7\u30ee\u30f5\u30f6")
"""What a line may not start with: closing brackets and punctuation, the long-vowel mark, small kana
(the Japanese line-breaking rules, kinsoku; the Latin ones too)."""
_NO_LINE_END = frozenset("([{\u2018\u201c\u00ab\u300c\u300e\uff08\uff3b\uff5b\u3014\u3008\u300a\u3010")
"""What a line may not end with: opening brackets and quotation marks."""
_HYPHENS = ("-", "\u2010", "/")


def _break_word(word: str, size: float, width: float, font: str) -> list[str]:
    """Split one word that is wider than a line (long URLs, compounds, CJK without spaces)."""
    pieces: list[str] = []
    current = ""
    for index, char in enumerate(word):
        if current and text_width(current + char, size, font) > width:
            cut = _break_point(current, word[index:], size, width, font)
            pieces.append(current[:cut])
            current = current[cut:] + char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def _break_point(current: str, rest: str, size: float, width: float, font: str) -> int:
    """Where the line `current` ends when the `rest` of its word no longer fits after it: after its last
    hyphen when what follows it, up to the word's next hyphen, fits the next line whole
    ("Remote-|Arbeiterin", not "Kunden-|Zufriedenheitsbefr|agung"); else before the rest, moved back a
    letter or two so that the next line starts with no closing punctuation and this one ends with no
    opening bracket ("…の|席」" rather than "…の席|」"), as long as the next line still fits."""
    def fits(cut: int, more: str) -> bool:
        return 0 < cut and text_width(current[cut:] + more, size, font) <= width

    hyphen = max(current.rfind(h) for h in _HYPHENS)
    if 2 <= hyphen < len(current) - 1:
        tail = rest
        for h in _HYPHENS:
            tail = tail.split(h, 1)[0]
        if fits(hyphen + 1, tail + rest[len(tail):len(tail) + 1]):
            return hyphen + 1
    char = rest[0]
    joined = current + char
    for cut in range(len(current), max(len(current) - 3, 0), -1):
        if joined[cut] not in _NO_LINE_START and joined[cut - 1] not in _NO_LINE_END and fits(cut, char):
            return cut
    return len(current)


def _ellipsize(line: str, size: float, width: float, font: str) -> str:
    while line and text_width(line + ELLIPSIS, size, font) > width:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS


@lru_cache(maxsize=65536)
def wrap(text: str, size: float, width: float, max_lines: int = 0, font: str = REGULAR) -> tuple[str, ...]:
    """Lines of `text` that each fit `width` points; with `max_lines`, the last ends in '…' if cut."""
    paragraphs = text.splitlines() or [""]
    if len(paragraphs) == 1:  # the usual title: one paragraph, which may fit on one line
        line = " ".join(paragraphs[0].split())
        if text_width(line, size, font) <= width:  # (then so does every start of it)
            return (line,)
    lines: list[str] = []
    for paragraph in paragraphs:
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if text_width(candidate, size, font) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            if text_width(word, size, font) <= width:
                current = word
            else:
                *full, current = _break_word(word, size, width, font)
                lines.extend(full)
        lines.append(current)
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _ellipsize(lines[-1], size, width, font)
    return tuple(lines)


def elide(text: str, size: float, width: float, font: str = REGULAR) -> str:
    """One line, cut with '…' if it does not fit."""
    return wrap(" ".join(text.split()), size, width, 1, font)[0] if text.strip() else ""


def shows_whole(typed: str, lines: tuple[str, ...]) -> bool:
    """Whether `lines` say all of `typed`: wrapping only moves where lines break (and lines of CJK
    break between letters), so spaces do not count."""
    return "".join("".join(lines).split()) == "".join(typed.split())
