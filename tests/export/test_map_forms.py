"""Review of the batched PDF drawing (map forms, titles in one text object, forms deflated on a thread).

A bug the review found, fixed: `PagePainter.texts` worked out a block's fill colour once
(`_fill_op`, which also records it as the current fill) but emitted it only with the block's first
*shown* line. A title whose first line is empty (a title of only spaces, or one that starts with a
line break; the format allows both) had its colour recorded and never written, so it and every
later title in that lane printed in whatever fill was set before: in a lane without pain points
or opportunities, the faint grey of the emotion axis labels. The colour is now set with the line
that shows it.
"""

from __future__ import annotations

import re
import subprocess
import threading

import pytest
from PIL import Image

from journeymapper.export.pdf import PdfOptions, export_pdf
from journeymapper.layout.elements import TextBlock
from journeymapper.layout.style import DEFAULT_STYLE
from tests.check.builders import fl, make_map, tp

from .conftest import TODAY, export
from .pdftools import flat, page_count, page_text, run, word_boxes
from .test_batched_drawing import draw_blocks

TEXT_RGB = tuple(int(DEFAULT_STYLE.palette.text[i:i + 2], 16) for i in (1, 3, 5))


def _fill_before(stream: str, shown: str) -> str:
    """The last `r g b rg` written before the string `shown` is shown."""
    at = stream.index(f"({shown}) Tj")
    fills = re.findall(r"([\d.]+ [\d.]+ [\d.]+) rg", stream[:at])
    return fills[-1]


def _page_stream(blocks: list[TextBlock], batched: bool) -> str:
    # After red (what a lane may have set last before its titles).
    data = draw_blocks(batched, blocks, fill_before="pain")
    return next(s for s in re.findall(r"stream\r?\n(.*?)endstream", data, re.DOTALL) if "Tj" in s)


BLANK_FIRST = [
    TextBlock(10, 10, ("",), 9, True, "text", 12),  # a title of only spaces wraps to one empty line
    TextBlock(10, 40, ("", "Starts after a break"), 9, True, "text", 12),
    TextBlock(10, 80, ("Orders the cake",), 9, True, "text", 12),
]


def test_line_by_line_titles_after_a_blank_one_are_in_the_text_colour():
    """The plain path (`text`, as before the change): the reference the batched path must match."""
    stream = _page_stream(BLANK_FIRST, batched=False)
    text_rg = _fill_before(stream, "Orders the cake")
    assert [float(v) for v in text_rg.split()] == pytest.approx([c / 255 for c in TEXT_RGB], abs=0.002)
    assert _fill_before(stream, "Starts after a break") == text_rg


def test_titles_in_one_text_object_after_a_blank_one_are_in_the_text_colour():
    stream = _page_stream(BLANK_FIRST, batched=True)
    for shown in ("Starts after a break", "Orders the cake"):
        rg = [float(v) for v in _fill_before(stream, shown).split()]
        assert rg == pytest.approx([c / 255 for c in TEXT_RGB], abs=0.002), shown


def _darkest_in_word(path, word: str, dpi: int = 200) -> tuple[int, int, int]:
    """The darkest pixel inside `word`'s box on page 1, as a person sees the printed page."""
    [(_, x0, y0, x1, y1)] = [b for b in word_boxes(path, 1) if b[0] == word]
    out = path.with_suffix("")
    run("pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-png", "-singlefile", path, out)
    image = Image.open(str(out) + ".png").convert("RGB")
    k = dpi / 72
    pixels = [image.getpixel((x, y)) for x in range(int(x0 * k), int(x1 * k))
              for y in range(int(y0 * k), int(y1 * k))]
    return min(pixels, key=sum)


def _one_lane(first_title: str | None):
    """One lane without pain points or opportunities; its first card titled `first_title` (if given)."""
    cards = [tp("b", "p1", "s1", "Orders the cake")]
    if first_title is not None:
        cards.insert(0, tp("a", "p1", "s1", first_title))
    return make_map(cards, stages=("s1",))


def test_a_card_title_prints_in_the_text_colour(tmp_path):
    exported = export(_one_lane(None), tmp_path / "plain.pdf", tiles="1x1")
    assert _darkest_in_word(exported.path, "Orders") == pytest.approx(TEXT_RGB, abs=12)


@pytest.mark.parametrize("first_title", [" ", "\nStarts after a break"])
def test_titles_after_a_blank_title_print_in_the_text_colour(tmp_path, first_title):
    exported = export(_one_lane(first_title), tmp_path / "blank.pdf", tiles="1x1")
    assert "Orders the cake" in flat(page_text(exported.path, 1))
    assert _darkest_in_word(exported.path, "Orders") == pytest.approx(TEXT_RGB, abs=12)


# -- what did not break (pinned: each could fail) ------------------------------------------------

TRICKY = {
    "a": "(parens) and \\ back slash )(",
    "b": "tab\there",
    "c": "日本語のタイトル",
    "d": "Ünïcödé façade — “quotes”",
    "e": "<b>hi</b> & <img src=x>",
    "f": "".join(chr(c) for c in range(0x100, 0x130)),
    "g": "".join(chr(c) for c in range(0x391, 0x3A1)) + "".join(chr(c) for c in range(0x3A3, 0x3AA)),
    "h": "".join(chr(c) for c in range(0x400, 0x420)),
    "i": "".join(chr(c) for c in range(0x420, 0x440)),
    "j": "".join(chr(c) for c in range(0x4E0, 0x500)),
    "k": "".join(chr(c) for c in range(0x130, 0x150)) + "ǅǆǇǈǉǊ",
}


def _tricky_map():
    stages = ("s1", "s2", "s3", "s4")
    cards = [tp(key, "p1" if n % 2 else "p2", stages[n % 4], title, channel=None, emotion=None)
             for n, (key, title) in enumerate(TRICKY.items())]
    flows = [fl("f1", "a", "b", label="label (x) \\ y"), fl("f2", "c", "a", kind="loop"), fl("f3", "d", "d")]
    return make_map(cards, flows, personas=("p1", "p2"), stages=stages)


@pytest.mark.parametrize("tiles", ["1x1", "2x2"])
def test_tricky_titles_print_exactly_on_the_map_and_every_sheet_shows_them(tmp_path, tiles):
    """More than 128 distinct characters beyond ASCII (a second font subset), PDF string syntax,
    fallback fonts: every title reads back as typed (a tab as a space), on one sheet or on a poster."""
    exported = export(_tricky_map(), tmp_path / f"tricky-{tiles}.pdf", paper="A3", tiles=tiles, appendix=False)
    run("qpdf", "--check", exported.path)
    pages = [1] if tiles == "1x1" else [2, 3, 4, 5]  # the map page, or the poster's sheets
    printed = ["".join(page_text(exported.path, n).split()) for n in pages]
    if tiles != "1x1":
        printed_overview = "".join(page_text(exported.path, 1).split())
        for title in TRICKY.values():
            assert "".join(title.replace("\t", " ").split()) in printed_overview, title
    for title in TRICKY.values():
        squeezed = "".join(title.replace("\t", " ").split())
        if tiles == "1x1":
            assert squeezed in printed[0], title
        else:  # a sheet's edge may cut through a card: every character is on some sheet, as typed
            assert set(squeezed) <= set("".join(printed)), title


def test_an_export_stopped_by_its_progress_callback_leaves_no_file_and_no_thread(tmp_path, example_map):
    def stop(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt  # e.g. the user closed the progress dialog

    before = {t.ident for t in threading.enumerate()}
    with pytest.raises(KeyboardInterrupt):
        export_pdf(example_map, tmp_path / "stopped.pdf", PdfOptions(paper="A4", tiles="2x2", today=TODAY),
                   progress=stop)
    assert list(tmp_path.iterdir()) == []
    assert {t.ident for t in threading.enumerate()} <= before
    # and the next export in the same process is whole
    again = export(example_map, tmp_path / "again.pdf", paper="A4", tiles="2x2")
    assert again.report.pages == page_count(again.path)
    subprocess.run(["qpdf", "--check", str(again.path)], check=True, capture_output=True)
