"""Everything the user typed reaches paper: on the map, or in the details the card points to.

Maps with every field filled, in several scripts, are exported on several papers; pdftotext must
find the full text of every field (whitespace aside: lines wrap, and CJK text breaks between
letters).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journeymapper.export.details import map_details
from journeymapper.export.pdf import PdfOptions, export_pdf
from journeymapper.io.upgrade_1_to_2 import upgrade_map  # (these maps are written as v1 data)
from journeymapper.layout.labels import stage_letter
from journeymapper.layout.map_layout import layout_map
from journeymapper.model.schema import Map

from . import pdftools
from .test_fonts import DROID

LONG = ("The owner wants to know whether people who order a birthday cake online ever come back for a "
        "second one, and whether the ones who order in the shop tell their friends about the bakery.")

SCRIPTS = {
    "en": ("Orders a cake online", "Fills the form on her phone at night", "Will it be ready on Saturday?"),
    "de": ("Bestellt eine Torte über die Website", "Füllt das Formular spät abends aus", "Ist sie bis Samstag fertig?"),
    "el": ("Παραγγέλνει τούρτα", "Συμπληρώνει τη φόρμα", "Θα είναι έτοιμη το Σάββατο;"),
    "ru": ("Заказывает торт", "Заполняет форму вечером", "Успеют ли к субботе?"),
}
if DROID.exists():
    SCRIPTS["ja"] = ("ケーキをオンラインで注文する", "夜に携帯でフォームに記入する", "土曜日に間に合うかな？")


def full_map() -> Map:
    personas = [{"id": f"p{k}", "name": name, "segment": "Families", "description": LONG,
                 "goals": ["A cake that looks like the photo"], "needs": ["Clear prices"],
                 "frustrations": ["Waiting for a quote"]}
                for k, name in enumerate(("Busy parent", "Office manager with a very long job title"))]
    stages = [{"id": f"s{k}", "name": name, "description": f"{name}: {LONG}", "goal": f"Goal of {name}: {LONG}",
               "kpis": [{"name": f"Share of visitors who reach the order form from {name}", "value": 12.5,
                         "target": 20, "unit": "%"},
                        {"name": "Reviews", "value": 4.6, "target": 4.8}]}
              for k, name in enumerate(("Awareness", "Consideration", "Purchase"))]
    cards = []
    for k, (lang, (title, action, thoughts)) in enumerate(SCRIPTS.items()):
        cards.append({
            "id": f"t{k}", "persona": f"p{k % 2}", "stage": f"s{k % 3}",
            "title": f"{title} ({lang}) and then reads every review on three different sites before deciding",
            "channel": "website", "action": f"{action}. {LONG}", "thoughts": thoughts, "emotion": k % 5 - 2,
            "pain_points": [{"text": f"{lang}: the price is only given after a long form, {LONG}", "severity": "high"}],
            "opportunities": [{"text": f"{lang}: show a price from the start, {LONG}", "priority": "low"}],
            "owner": f"Maria {lang}", "evidence": "validated", "source": f"Survey {lang}, spring",
            "notes": f"Notes {lang}: first line\nsecond line of the notes {lang}",
        })
    flows = [{"id": f"f{k}", "source": f"t{k}", "target": f"t{k + 1}",
              "label": f"Comes back after a week when the cake was a success ({k})"} for k in range(len(cards) - 1)]
    return Map.model_validate(upgrade_map({
        "id": "m", "title": "Everything typed", "description": f"About the map: {LONG}", "owner": "Zoë",
        "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z",
        "personas": personas, "stages": stages, "touchpoints": cards, "flows": flows,
    }))


def typed_texts(the_map: Map) -> list[str]:
    texts = [the_map.title, the_map.description, the_map.owner]
    for p in the_map.personas:
        texts += [p.name, p.segment, p.description, *p.goals, *p.needs, *p.frustrations]
    for s in the_map.stages:
        texts += [s.name, s.description, s.goal, *(k.name for k in s.kpis)]
    for t in the_map.touchpoints:
        texts += [t.title, t.action, t.thoughts, t.owner, t.source, *t.notes.splitlines(),
                  *(p.text for p in t.pain_points), *(o.text for o in t.opportunities)]
    texts += [f.label for f in the_map.flows]
    return [t for t in texts if t.strip()]


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("paper,orientation,tiles", [("A3", "landscape", "1x1"), ("A4", "portrait", "1x1"),
                                                     ("letter", "landscape", "2x2")])
def test_every_field_typed_is_found_in_the_pdf(tmp_path: Path, paper: str, orientation: str, tiles: str) -> None:
    the_map = full_map()
    out = tmp_path / "map.pdf"
    export_pdf(the_map, out, PdfOptions(paper=paper, orientation=orientation, tiles=tiles))
    # (a field may run on to the next page: its footer comes between in pdftotext's text)
    found = squeezed("\n".join(line for line in pdftools.text(out).splitlines()
                               if not re.search(r"page \d+ of \d+|^Everything typed · ", line)))
    missing = [text for text in typed_texts(the_map) if squeezed(text) not in found]
    assert not missing, f"not on paper: {missing}"


def test_a_card_with_more_than_it_shows_points_to_its_details() -> None:
    the_map = full_map()
    details = map_details(the_map, layout_map(the_map))
    assert set(details.refs) == {t.id for t in the_map.touchpoints}
    # "B2": the second card, top to bottom, of the second stage
    by_stage = {s.id: stage_letter(k) for k, s in enumerate(the_map.stages)}
    for t in the_map.touchpoints:
        assert details.refs[t.id].startswith(by_stage[t.stage])


def test_a_card_the_map_shows_in_full_has_no_reference(tmp_path: Path) -> None:
    the_map = full_map()
    plain = the_map.model_copy(update={"touchpoints": [
        t.model_copy(update={"title": "Short", "action": "", "thoughts": "", "owner": "", "source": "", "notes": "",
                             "pain_points": [], "opportunities": []}) for t in the_map.touchpoints],
        "description": ""})
    details = map_details(plain, layout_map(plain))
    assert details.refs == {}
    out = tmp_path / "plain.pdf"
    export_pdf(plain, out, PdfOptions())
    assert "Short" in pdftools.text(out)


def test_the_reference_on_the_card_is_printed_and_names_its_entry(tmp_path: Path) -> None:
    the_map = full_map()
    out = tmp_path / "map.pdf"
    export_pdf(the_map, out, PdfOptions(appendix=False))
    map_page, rest = pdftools.page_text(out, 1), pdftools.text(out, 2)
    for ref in map_details(the_map, layout_map(the_map)).refs.values():
        assert re.search(rf"\b{ref}\b", map_page), ref
        assert re.search(rf"\b{ref}\b", rest), ref


def test_stage_letters(tmp_path: Path) -> None:
    assert [stage_letter(k) for k in (0, 1, 25, 26, 27, 99)] == ["A", "B", "Z", "AA", "AB", "CV"]
