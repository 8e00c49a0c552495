"""The title block and the legend share the top of every map page: they must not print over each other."""

from __future__ import annotations

import pytest

from journeymapper.export.pdf import MARGIN, PdfOptions, paper_size, title_block_height

from .conftest import export
from .pdftools import overlapping_words, word_boxes


@pytest.mark.parametrize("paper, orientation, tiles, page", [
    ("A3", "landscape", "1x1", 1),
    ("A2", "portrait", "1x1", 1),
    pytest.param("A4", "landscape", "2x2", 2, id="A4-landscape-2x2-sheet"),
    pytest.param("A4", "landscape", "2x2", 1, id="A4-landscape-2x2-overview"),
    pytest.param("A4", "portrait", "1x1", 1, id="A4-portrait"),
    pytest.param("letter", "portrait", "1x1", 1, id="letter-portrait"),
])
def test_no_text_of_the_title_block_prints_over_the_legend(tmp_path, example_map, paper, orientation, tiles,
                                                            page):
    exported = export(example_map, tmp_path / "map.pdf", paper=paper, orientation=orientation, tiles=tiles,
                      appendix=False)
    top = [box for box in word_boxes(exported.path, page) if box[4] <= MARGIN + title_block_height(paper_size(PdfOptions(paper=paper, orientation=orientation))) + 6]
    assert len(top) > 10  # title, info line and legend are there
    assert overlapping_words(top) == []


def test_a_long_title_takes_two_lines_before_it_is_cut(tmp_path, example_map):
    from .pdftools import flat, page_text

    title = ("Plumbing company: emergency call-outs from first panic to the five-star review and the yearly "
             "boiler check reminder")
    exported = export(example_map.model_copy(update={"title": title}), tmp_path / "long.pdf", appendix=False)
    assert title in flat(page_text(exported.path, 1))
