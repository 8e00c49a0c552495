"""The insights section printed after the map, just before the checker's findings: what the map tells
its owner (model/insights.py), under a heading per kind, each line followed by where to find what it
is about on the printed map ("B3", the reference printed on a card; "stage B"; a card without a
reference by its stage and lane, "stage B, Busy parent").

It is printed with the appendix (`PdfOptions.appendix`): the pages after the map are one flowing
column of notes, and a PDF without the appendix keeps its page count.
"""

from __future__ import annotations

from ..i18n import Words
from ..layout.geometry import Point
from ..layout.labels import stage_letter
from ..model.insights import KINDS, Insight
from ..model.schema import Map
from .painter import PagePainter
from .profiles import PageColumn

PRINTED_PER_KIND = 40
"""Lines printed under one heading; the rest are counted."""
PLACES_PER_LINE = 8
"""Places named after one line; the rest are counted."""


def map_places(the_map: Map, refs: dict[str, str], tr: Words) -> dict[str, str]:
    """Element id -> where to find it on the printed map: a card's printed reference ("B3") or its stage
    and lane ("stage B, Busy parent"), a stage's letter ("stage B"), a persona's name."""
    letters = {s.id: stage_letter(k) for k, s in enumerate(the_map.stages)}
    lanes = {p.id: " ".join(p.name.split()) for p in the_map.personas}
    stage = tr("stage {letter}")
    places = {s_id: stage.format(letter=letter) for s_id, letter in letters.items()}
    places.update(lanes)
    for t in the_map.touchpoints:
        if t.id in refs:
            places[t.id] = refs[t.id]
        elif t.stage in letters:
            places[t.id] = f"{stage.format(letter=letters[t.stage])}, {lanes.get(t.persona, '')}".rstrip(", ")
    return places


def where(line: Insight, places: dict[str, str], tr: Words) -> str:
    """"On the map: B3; stage C, Busy parent" (empty when nothing it is about is on the map)."""
    found = [places[e] for e in line.elements if e in places]
    if not found:
        return ""
    shown = "; ".join(found[:PLACES_PER_LINE])
    if len(found) > PLACES_PER_LINE:
        shown += " " + tr.n("and {n} more", "and {n} more", len(found) - PLACES_PER_LINE).format(
            n=len(found) - PLACES_PER_LINE)
    return tr("On the map: {places}").format(places=shown)


def draw_insights(p: PagePainter, lines: list[Insight], places: dict[str, str], col: PageColumn) -> None:
    """The insights, a heading per kind, each line with where to find what it is about."""
    tr = p.tr
    col.heading(tr("Insights"), 18)
    if not lines:
        col.paragraph(tr("The map does not say much yet: add feelings, pain points, opportunities and KPIs."),
                      10, "muted")
        return
    col.paragraph(tr("What the map says about the customers' journey and the plan to improve it. A card's "
                     "reference, such as \u201cB3\u201d, is printed on it; the letter is its stage."), 9, "muted")
    for kind in KINDS:
        mine = [line for line in lines if line.kind == kind]
        if not mine:
            continue
        col.room(50)  # (a heading starts where its first line fits under it)
        col.y += 8
        col.heading(tr(KINDS.get(kind, kind)), 12, lines=0)
        for line in mine[:PRINTED_PER_KIND]:
            col.room(28)
            col.y += 2
            p.circle(Point(col.x + 4, col.y + 10 * 1.35 - 3.2), 1.6, fill="muted")
            col.paragraph(" ".join(line.text.split()), 10, "text", 12)
            place = where(line, places, tr)
            if place:
                col.paragraph(place, 8.5, "muted", 12)
        if len(mine) > PRINTED_PER_KIND:
            more = len(mine) - PRINTED_PER_KIND
            col.paragraph(tr.n("\u2026 and {n} more", "\u2026 and {n} more", more).format(n=f"{more:,}"), 9,
                          "muted", 12)
