"""Customers' own words reach paper whole: a card's quotes in the details after the map (the card then
always has an entry), a persona's on its page with its evidence and source. Long quotes wrap and are
never cut; text that looks like markup prints as typed; Greek and Japanese print as well as English."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from journeymapper.export.details import map_details
from journeymapper.export.pdf import PdfOptions, export_pdf
from journeymapper.layout.map_layout import layout_map
from journeymapper.model.schema import Map

from . import pdftools
from .test_fonts import DROID

LONG = " ".join(f"({k}) I ordered the unicorn cake on Tuesday, paid the deposit online and heard nothing at all, "
                 f"so I phoned the shop twice and waited on hold" for k in range(1, 7))
assert 800 < len(LONG) <= 1000
SAID = {
    "en": {"card": (LONG + " <b>really</b> & <img src='x'/>", "Anna, mother of two", "Phone interview, Nov 2026"),
           "persona": ("We order platters for every client meeting & we need them by 9.", "Kim", "Survey of 120")},
    "el": {"card": ("Θα ήθελα να ξέρω την τιμή πριν παραγγείλω την τούρτα.", "Ελένη", "Συνέντευξη στο κατάστημα"),
           "persona": ("Παραγγέλνω πάντα το βράδυ από το κινητό.", "Νίκος", "Έρευνα πελατών")},
}
if DROID.exists():
    SAID["ja"] = {"card": ("土曜日に間に合うか心配でした。誰も電話をくれませんでした。", "佐藤さん", "電話インタビュー"),
                  "persona": ("夜に携帯で注文することが多いです。", "田中さん", "アンケート")}
PERSONA_SOURCE = "Twelve interviews in the shop, October 2026 <i>and</i> a survey"


def quote(tag: str, words: tuple[str, str, str], day: str | None) -> dict[str, Any]:
    text, who, source = words
    return {"id": tag, "text": text, "who": who, "date": day, "source": source}


def quoted_map() -> Map:
    languages = list(SAID)
    personas = [{"id": f"p-{lang}", "name": f"Persona {lang}", "evidence": "anecdotal", "source": PERSONA_SOURCE,
                 "quotes": [quote(f"pq-{lang}", SAID[lang]["persona"], "2026-10-20")]} for lang in languages]
    cards = [{"id": f"t-{lang}", "persona": f"p-{lang}", "stage": "s", "title": f"Orders a cake ({lang})",
              "channel": "phone", "quotes": [quote(f"tq-{lang}", SAID[lang]["card"], "2026-11-02"),
                                             quote(f"tq2-{lang}", ("Short and sweet", "", ""), None)]}
             for lang in languages]
    plain = {"id": "t-plain", "persona": "p-en", "stage": "s", "title": "Pays"}  # (nothing hidden: no entry)
    return Map.model_validate({"id": "m", "title": "Quotes on paper", "created": "2026-01-01T00:00:00Z",
                               "modified": "2026-01-01T00:00:00Z", "personas": personas,
                               "stages": [{"id": "s", "name": "Order"}], "touchpoints": [*cards, plain]})


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pages(path: Path) -> list[str]:
    """Each page's text without its footer (a quote may run on to the next page, past it)."""
    return ["\n".join(line for line in pdftools.page_text(path, n).splitlines()
                      if not re.search(r"page \d+ of \d+|^Quotes on paper · ", line))
            for n in range(1, pdftools.page_count(path) + 1)]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Map, list[str]]:
    the_map = quoted_map()
    out = tmp_path_factory.mktemp("quotes") / "quotes.pdf"
    export_pdf(the_map, out, PdfOptions(paper="A4", orientation="portrait"))
    return the_map, pages(out)


def persona_page(texts: list[str], name: str) -> str:
    found = [text for text in texts if text.strip().splitlines()[0] == name]
    assert len(found) == 1, name
    return found[0]


def test_a_cards_quotes_are_printed_whole_in_its_details(printed):
    _, texts = printed
    first_persona = next(k for k, text in enumerate(texts) if text.strip().splitlines()[0].startswith("Persona "))
    details = squeezed("".join(texts[1:first_persona]))
    assert squeezed("Details") in details
    for lang, said in SAID.items():
        text, who, source = said["card"]
        assert squeezed(f"\u201c{text}\u201d") in details, lang  # (the long one wraps over lines, never cut)
        assert squeezed(f"\u2014 {who}, 2026-11-02, {source}") in details, lang
        assert squeezed("\u201cShort and sweet\u201d") in details
        assert squeezed(said["persona"][0]) not in details  # (a persona's quotes are on its page)


def test_every_card_with_quotes_has_an_entry_even_when_the_map_shows_the_rest():
    the_map = quoted_map()
    details = map_details(the_map, layout_map(the_map))
    assert set(details.refs) == {f"t-{lang}" for lang in SAID}
    entry = next(card for stage in details.stages for card in stage.cards if card.ref == details.refs["t-en"])
    quotes = [text for label, text in entry.fields if label == "Customer said"]
    said = f"\u201c{SAID['en']['card'][0]}\u201d\n\u2014 Anna, mother of two, 2026-11-02, Phone interview, Nov 2026"
    assert quotes == [said, "\u201cShort and sweet\u201d"]


def test_a_persona_page_prints_its_evidence_source_and_quotes(printed):
    _, texts = printed
    for lang, said in SAID.items():
        page = persona_page(texts, f"Persona {lang}")
        flat = squeezed(page)
        text, who, source = said["persona"]
        assert squeezed(f"\u201c{text}\u201d") in flat, lang
        assert squeezed(f"\u2014 {who}, 2026-10-20, {source}") in flat, lang
        assert squeezed(f"Anecdotal: {PERSONA_SOURCE}") in flat, lang
        assert "Customer quotes" in page
        assert squeezed("2 customer quotes") in flat  # (the persona's cards: "In this map")
        for other in SAID:
            if other != lang:
                assert squeezed(SAID[other]["persona"][0]) not in flat


def test_quotes_print_in_the_language_of_the_labels_too(tmp_path: Path):
    the_map = quoted_map()
    out = tmp_path / "ja.pdf"
    export_pdf(the_map, out, PdfOptions(paper="A4", language="ja"))
    everything = squeezed("".join(pages(out)))
    for said in SAID.values():
        for words in (said["card"], said["persona"]):
            assert squeezed(words[0]) in everything
            assert squeezed(words[1]) in everything
            assert squeezed(words[2]) in everything
