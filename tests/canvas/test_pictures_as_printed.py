"""PNG and SVG pictures as good as the PDF: the SVG is shapes and real text (no bitmaps), with fonts
named and fallbacks; both carry the PDF's title block and legend, unless asked for the map alone."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from journeymapper.canvas.picture import FONT_FALLBACKS, render_picture
from journeymapper.io import load_path
from journeymapper.resources import example_map_path


@pytest.fixture(scope="module")
def example():
    return load_path(example_map_path()).map


def svg_text(data: bytes) -> str:
    root = ET.fromstring(data)
    return " ".join(" ".join(el.itertext()) for el in root.iter() if el.tag.endswith("text"))


def test_the_svg_is_vector_shapes_and_real_text(qapp, example):
    data = render_picture(example, ".svg")
    assert b"<image" not in data  # no card, flow or label drawn as pixels
    words = svg_text(data)
    for card in example.touchpoints:
        for line_word in card.title.split()[:3]:
            assert line_word in words, card.title
    families = set(re.findall(rb'<text[^>]*font-family="([^"]*)"', data))
    assert families == {FONT_FALLBACKS.encode()}


def test_both_pictures_carry_the_title_block_and_legend_unless_asked_not_to(qapp, example):
    with_header = svg_text(render_picture(example, ".svg"))
    alone = svg_text(render_picture(example, ".svg", header=False))
    for words in (example.title, "Owner:", "Emotion", "Evidence", "KPI target", "Loop back"):
        assert words in with_header, words
    assert example.title not in alone and "Owner:" not in alone and "Touchpoints" in alone
    tall, short = (QImage.fromData(render_picture(example, ".png", dpi=36, header=h)) for h in (True, False))
    assert tall.width() == short.width() and tall.height() > short.height() + 40 * 36 / 72


def test_a_picture_in_another_language(qapp, example):
    words = svg_text(render_picture(example, ".svg", language="fr"))
    assert "Points de contact" in words and "Preuve" in words and example.title in words
