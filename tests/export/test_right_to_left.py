"""Right-to-left text in print: Arabic letters joined, Hebrew and Arabic drawn right to left, as Qt
draws them on screen (export/visual_order.py).

pdftotext -layout reads right-to-left runs back in logical order (between direction marks), and the
joined forms are compatibility characters of the letters, so `logical` of a page holds each title as
typed.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from journeymapper.export.visual_order import visual
from tests.check.builders import fl, make_map, tp

from .conftest import export
from .pdftools import fonts, run

_DIRECTION_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def logical(text: str) -> str:
    """What pdftotext read, with joined forms back as letters and its direction marks dropped."""
    return unicodedata.normalize("NFKC", text.translate(_DIRECTION_MARKS))


def read_in_order(path: Path, page: int) -> str:
    """A page's text as pdftotext -layout reads it: right-to-left lines in reading order."""
    return run("pdftotext", "-enc", "UTF-8", "-layout", "-f", str(page), "-l", str(page), path, "-").stdout


def _joined(text: str) -> bool:
    return any("\ufe70" <= c <= "\ufeff" for c in text)


def test_text_with_nothing_right_to_left_is_left_as_it_is():
    line = "Touchpoint 12 · café · 例えば"
    assert visual(line) is line


def test_hebrew_is_drawn_right_to_left():
    assert visual("שלום עולם") == "םלוע םולש"


def test_arabic_letters_are_joined_and_drawn_right_to_left():
    drawn = visual("مرحبا")
    assert _joined(drawn) and len(drawn) == 5
    assert unicodedata.normalize("NFKC", drawn)[::-1] == "مرحبا"


def test_a_latin_word_and_a_number_in_arabic_keep_their_own_order():
    drawn = visual("طلب Cake رقم 42")
    # As Qt draws it in a left-to-right line: each Arabic run reversed in place, the number with the
    # Arabic word before it (the Unicode bidirectional algorithm).
    assert unicodedata.normalize("NFKC", drawn) == "بلط Cake 42 مقر"


def test_every_character_is_kept_vowel_marks_too():
    for text in ("مَرْحَبًا", "ب\u200dَب", "ب\u200dَ"):  # (a mark after a zero-width joiner, found in review)
        drawn = visual(text)
        marks = [c for c in text if unicodedata.combining(c)]
        assert sorted(c for c in drawn if unicodedata.combining(c)) == sorted(marks), text
    # the lam-alef ligature is the only one: two letters in one glyph
    assert len(visual("لا")) == 1 and unicodedata.normalize("NFKC", visual("لا")) == "لا"


def test_a_right_to_left_override_prints_as_the_screen_shows_it():
    assert "live" in visual("\u202eevil")


def test_a_map_in_hebrew_and_arabic_prints_every_title_in_reading_order(tmp_path):
    titles = ["שלום עולם", "עולם שלום", "طلب كعكة", "كعكة عيد ميلاد"]
    cards = [tp(f"t{n}", "p1", f"s{n % 2 + 1}", title) for n, title in enumerate(titles)]
    the_map = make_map(cards, [fl("f1", "t0", "t1", label="يزور المتجر")], personas=("p1",), stages=("s1", "s2"),
                       title="رحلة العميل")
    exported = export(the_map, tmp_path / "rtl.pdf", paper="A4")
    assert exported.report.warnings == []
    run("qpdf", "--check", exported.path)
    assert all(row["emb"] == "yes" for row in fonts(exported.path))
    page = read_in_order(exported.path, 1)
    for text in [*titles, "يزور المتجر", "رحلة العميل"]:
        assert text in logical(page), text
    assert _joined(page)


def test_common_words_with_lam_and_alef_maksura_use_glyphs_the_font_has():
    """على and إلى ("on", "to") are in most Arabic sentences: their lam and alef maksura stay two joined
    letters, not the word ligature (U+FC43, U+FC86) the bundled font has no glyph for."""
    from journeymapper.export.fonts import FontChooser

    for word in ("على", "إلى", "عليه"):
        drawn = visual(word)
        assert not any(0xFB50 <= ord(c) <= 0xFDFF and "MAKSURA" in unicodedata.name(c, "") and
                       "LIGATURE" in unicodedata.name(c, "") for c in drawn), word
        assert unicodedata.normalize("NFKC", drawn)[::-1] == unicodedata.normalize("NFKC", word), word
    chooser = FontChooser()
    chooser.runs(visual("على الطاولة إلى البيت"))
    assert chooser.missing == set()
