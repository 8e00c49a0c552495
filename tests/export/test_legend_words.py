"""The legend gives each entry the room its words need in the language printed: no word of it is cut
on A4 or A3 (it grows into the title's room, or takes the sheet's width under the title), and it
never runs into the title or the map."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymapper.export.pdf import PdfOptions, export_pdf
from journeymapper.i18n import words
from journeymapper.layout.labels import EVIDENCE_LABELS, FLOW_KIND_LABELS
from journeymapper.model import Map

from .pdftools import flat, page_text, word_boxes
from .test_fonts import DROID

LANGUAGES = ["en", "de", "fr", "es"] + (["ja"] if DROID.exists() else [])
PERSONAS = ("Pendlerin mit E-Bike", "Student mit gebrauchtem Rennrad")
OWN_WORDS = ("Emotion", "Evidence", "Personas", *EVIDENCE_LABELS.values(), "On a card", "pain points",
             "opportunities", "customer quotes", "KPI target", "met", "near", "off", *FLOW_KIND_LABELS.values())


@pytest.fixture(scope="module")
def long_names(example_map: Map) -> Map:
    """The example map with its personas named at length, as a German shop would name them."""
    personas = [person.model_copy(update={"name": name}) for person, name in zip(example_map.personas, PERSONAS)]
    return example_map.model_copy(update={"personas": personas})


def legend_region(boxes, tr) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of the legend on the page: from its first label to its last flow kind's words.
    (The topmost of each: the map's lanes may use the same words further down.)"""
    def first_box(phrase: str):
        word = phrase.split()[0] if " " in phrase else phrase
        found = [box for box in boxes if box[0] == word]
        assert found, phrase
        return min(found, key=lambda box: box[2])
    emotion, personas = first_box(tr("Emotion")), first_box(tr("Personas"))
    last_flow = tr(list(FLOW_KIND_LABELS.values())[-1]).split()[-1]
    flow = min((box for box in boxes if box[0] == last_flow), key=lambda box: box[2])
    return emotion[1], emotion[2], flow[3], max(personas[4], flow[4])


@pytest.mark.parametrize("paper", ["A4", "A3"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_legend_word_is_printed_whole_and_clear_of_title_and_map(tmp_path: Path, long_names: Map,
                                                                       paper: str, language: str) -> None:
    out = tmp_path / f"{language}-{paper}.pdf"
    export_pdf(long_names, out, PdfOptions(paper=paper, language=language, appendix=False))
    tr = words(language)
    first = flat(page_text(out, 1))
    for english in OWN_WORDS:
        assert tr(english) in first, (language, paper, english, tr(english))
    for name in PERSONAS:
        assert name in first, (language, paper, name)
    boxes = word_boxes(out, 1)
    x0, y0, x1, y1 = legend_region(boxes, tr)
    legend_words = {word for phrase in (*OWN_WORDS, "Finding", "its number in the findings")
                    for word in tr(phrase).split()}
    legend_words |= {word for name in PERSONAS for word in name.split()} | {"\u22122", "\u22121", "0", "+1", "+2", "1"}
    legend_words |= {"\u2713", "\u2248", "\u2717"}  # (the KPI's health signs)
    inside = [box for box in boxes if box[1] < x1 and x0 < box[3] and box[2] < y1 and y0 < box[4]]
    strangers = [box[0] for box in inside if box[0] not in legend_words]
    assert not strangers, (language, paper, strangers)  # no title, owner, date or map word in the legend
    assert not [box[0] for box in inside if "\u2026" in box[0]], (language, paper)  # and nothing cut
    title_words = {word for word in long_names.title.split()}
    title_boxes = [box for box in boxes if box[0] in title_words and box[2] < y0 + 40]
    assert title_boxes, (language, paper)
    assert all(box[3] < x0 or box[4] <= y0 or box[2] >= y1 for box in title_boxes), (language, paper)
