"""Finding words in a map: every text a person typed, in the order a map is read.

Qt-free, so the editor's Find and any script search the same way. Matching ignores case as
`str.casefold` does ("STRASSE" finds "Straße"), and white space in the query matches any run of
white space (a title typed over two lines is still found).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..i18n import N_, _
from .schema import Map


@dataclass(frozen=True)
class Match:
    """A text of an element that holds the words looked for."""

    element_id: str
    where: str
    """Which text, as a person names it (in the interface language): "title", "pain point 2"…"""
    text: str


Fill = dict[str, object] | None
"""What goes in a text's name: {number}, {kpi}, {date}; None for a name without placeholders."""


def _texts(the_map: Map) -> Iterator[tuple[str, str, Fill, str]]:
    """(element id, which text, what fills its name, text) for every text of the map, in reading order:
    stages left to right, then each persona's lane top to bottom with its cards stage by stage, then the
    flows. Which text is said in English (marked), and worded in the interface language for a match only."""
    for stage in the_map.stages:
        yield stage.id, N_("name"), None, stage.name
        yield stage.id, N_("description"), None, stage.description
        yield stage.id, N_("goal"), None, stage.goal
        for kpi in stage.kpis:
            yield stage.id, N_("KPI"), None, kpi.name
            yield stage.id, N_("unit of KPI “{kpi}”"), {"kpi": kpi.name}, kpi.unit
            for reading in kpi.readings:
                yield (stage.id, N_("note on the {date} reading of KPI “{kpi}”"),
                       {"kpi": kpi.name, "date": reading.date.isoformat()}, reading.note)
    stage_order = {s.id: k for k, s in enumerate(the_map.stages)}
    for persona in the_map.personas:
        yield persona.id, N_("name"), None, persona.name
        yield persona.id, N_("segment"), None, persona.segment
        yield persona.id, N_("description"), None, persona.description
        for field, items in ((N_("goal {number}"), persona.goals), (N_("need {number}"), persona.needs),
                             (N_("frustration {number}"), persona.frustrations)):
            for k, item in enumerate(items, 1):
                yield persona.id, field, {"number": k}, item
        yield persona.id, N_("source"), None, persona.source
        yield from _quotes(persona.id, persona.quotes)
        cards = [t for t in the_map.touchpoints if t.persona == persona.id]
        cards.sort(key=lambda t: stage_order.get(t.stage, len(stage_order)))  # (stable: order within a cell)
        for card in cards:
            yield card.id, N_("title"), None, card.title
            yield card.id, N_("action"), None, card.action
            yield card.id, N_("thoughts"), None, card.thoughts
            for k, pain in enumerate(card.pain_points, 1):
                yield card.id, N_("pain point {number}"), {"number": k}, pain.text
            for k, opportunity in enumerate(card.opportunities, 1):
                yield card.id, N_("opportunity {number}"), {"number": k}, opportunity.text
                yield card.id, N_("owner of opportunity {number}"), {"number": k}, opportunity.owner
            yield from _quotes(card.id, card.quotes)
            yield card.id, N_("owner"), None, card.owner
            yield card.id, N_("source"), None, card.source
            yield card.id, N_("notes"), None, card.notes
    for flow in the_map.flows:
        yield flow.id, N_("label"), None, flow.label


def _quotes(element_id: str, quotes: list) -> Iterator[tuple[str, str, Fill, str]]:
    """A customer's words, and who said them where (a quote is found by its speaker too)."""
    for k, quote in enumerate(quotes, 1):
        yield element_id, N_("customer quote {number}"), {"number": k}, quote.text
        yield element_id, N_("who said customer quote {number}"), {"number": k}, quote.who
        yield element_id, N_("source of customer quote {number}"), {"number": k}, quote.source


def _worded(name: str, fill: Fill) -> str:
    """A text's name in the interface language: "pain point 2"."""
    return _(name).format(**fill) if fill else _(name)


def pattern(query: str) -> re.Pattern[str] | None:
    """The query as a pattern; None when it has no words."""
    words = query.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w.casefold()) for w in words))


def find(the_map: Map, query: str) -> list[Match]:
    """Every text of the map that holds `query`, in reading order; an element once per text that matches."""
    wanted = pattern(query)
    if wanted is None:
        return []
    return [Match(element_id, _worded(where, fill), text) for element_id, where, fill, text in _texts(the_map)
            if text and wanted.search(text.casefold())]


def found_elements(matches: list[Match]) -> list[str]:
    """The elements of `matches`, each once, in the order first found: what Find steps through."""
    return list(dict.fromkeys(m.element_id for m in matches))
