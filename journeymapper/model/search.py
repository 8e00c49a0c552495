"""Finding words in a map: every text a person typed, in the order a map is read.

Qt-free, so the editor's Find and any script search the same way. Matching ignores case as
`str.casefold` does ("STRASSE" finds "Straße"), and white space in the query matches any run of
white space (a title typed over two lines is still found).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .schema import Map


@dataclass(frozen=True)
class Match:
    """A text of an element that holds the words looked for."""

    element_id: str
    where: str
    """Which text, as a person names it: "title", "pain point 2", "KPI “Visits”"…"""
    text: str


def _texts(the_map: Map) -> Iterator[tuple[str, str, str]]:
    """(element id, which text, text) for every text of the map, in reading order: stages left to right,
    then each persona's lane top to bottom with its cards stage by stage, then the flows."""
    for stage in the_map.stages:
        yield stage.id, "name", stage.name
        yield stage.id, "description", stage.description
        yield stage.id, "goal", stage.goal
        for kpi in stage.kpis:
            yield stage.id, "KPI", kpi.name
            yield stage.id, f"unit of KPI “{kpi.name}”", kpi.unit
            for reading in kpi.readings:
                yield stage.id, f"note on the {reading.date.isoformat()} reading of KPI “{kpi.name}”", reading.note
    stage_order = {s.id: k for k, s in enumerate(the_map.stages)}
    for persona in the_map.personas:
        yield persona.id, "name", persona.name
        yield persona.id, "segment", persona.segment
        yield persona.id, "description", persona.description
        for field, items in (("goal", persona.goals), ("need", persona.needs),
                             ("frustration", persona.frustrations)):
            for k, item in enumerate(items, 1):
                yield persona.id, f"{field} {k}", item
        yield persona.id, "source", persona.source
        yield from _quotes(persona.id, persona.quotes)
        cards = [t for t in the_map.touchpoints if t.persona == persona.id]
        cards.sort(key=lambda t: stage_order.get(t.stage, len(stage_order)))  # (stable: order within a cell)
        for card in cards:
            yield card.id, "title", card.title
            yield card.id, "action", card.action
            yield card.id, "thoughts", card.thoughts
            for k, pain in enumerate(card.pain_points, 1):
                yield card.id, f"pain point {k}", pain.text
            for k, opportunity in enumerate(card.opportunities, 1):
                yield card.id, f"opportunity {k}", opportunity.text
                yield card.id, f"owner of opportunity {k}", opportunity.owner
            yield from _quotes(card.id, card.quotes)
            yield card.id, "owner", card.owner
            yield card.id, "source", card.source
            yield card.id, "notes", card.notes
    for flow in the_map.flows:
        yield flow.id, "label", flow.label


def _quotes(element_id: str, quotes: list) -> Iterator[tuple[str, str, str]]:
    """A customer's words, and who said them where (a quote is found by its speaker too)."""
    for k, quote in enumerate(quotes, 1):
        yield element_id, f"customer quote {k}", quote.text
        yield element_id, f"who said customer quote {k}", quote.who
        yield element_id, f"source of customer quote {k}", quote.source


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
    return [Match(element_id, where, text) for element_id, where, text in _texts(the_map)
            if text and wanted.search(text.casefold())]


def found_elements(matches: list[Match]) -> list[str]:
    """The elements of `matches`, each once, in the order first found: what Find steps through."""
    return list(dict.fromkeys(m.element_id for m in matches))
