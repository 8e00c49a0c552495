"""Right-to-left text in the order it is drawn, for a PDF canvas that draws characters as given.

Qt shapes and orders text itself, so the screen shows Arabic letters joined and
Hebrew or Arabic words right to left. ReportLab draws a string's characters
left to right, one glyph each: a line with right-to-left characters is first
shaped (`arabic_reshaper`: each Arabic letter in the form it takes beside its
neighbours, and the lam-alef ligatures) and then put in visual order
(`python-bidi`, the Unicode bidirectional algorithm), with a left-to-right
paragraph direction, as Qt's `drawText` lays out a line on the canvas.
"""

from __future__ import annotations

import re
from functools import lru_cache

RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u061c\u200f\u202a-\u202e\u2066-\u2069]")
"""Characters that need shaping or reordering: the right-to-left scripts' letters and presentation
forms, and the marks and controls that change direction (a right-to-left override reverses Latin too)."""


def needs_reordering(char: str) -> bool:
    return RTL.match(char) is not None


def visual(line: str) -> str:
    """`line` as drawn, left to right; the very same string if nothing in it runs right to left."""
    return line if RTL.search(line) is None else _visual(line)


@lru_cache(maxsize=65536)
def _visual(line: str) -> str:
    from bidi import get_display  # imported when a map first has right-to-left text

    # (vowel marks stay before their letter in visual order: the bundled font draws them over the glyph after)
    return get_display(_reshaper().reshape(line), base_dir="L")


_LAM_ALEF = frozenset(("ARABIC LIGATURE LAM WITH ALEF", "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE",
                       "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW", "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE"))


@lru_cache(maxsize=1)
def _reshaper():  # -> arabic_reshaper.ArabicReshaper
    from arabic_reshaper import ArabicReshaper
    from arabic_reshaper.ligatures import LIGATURES

    # Keep every character (the default deletes the vowel marks, and its zero-width-joiner support
    # drops a mark after one), and of the ligatures only the lam-alef ones every Arabic font has:
    # the others are words the bundled font has no glyph for.
    configuration = {"delete_harakat": False, "support_zwj": False, "support_ligatures": True}
    # ("LAM WITH ALEF MAKSURA", in على and إلى, is a word ligature the font lacks: not one of them.)
    configuration.update({name: name in _LAM_ALEF for name, _ in LIGATURES})
    return ArabicReshaper(configuration=configuration)
