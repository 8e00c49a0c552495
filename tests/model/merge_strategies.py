"""Hypothesis strategies for merge tests: a base map and two versions edited from it as the editor edits
(through the Document), so that each side is a valid map and the two sides' edits may collide."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from journeymapper.model.document import Document, DocumentError
from journeymapper.model.schema import Flow, Map, Persona, Stage, Touchpoint
from tests.io.strategies import raw_v2_maps

from .conftest import small_map

WORDS = st.sampled_from(["Calls", "Pays", "Waits", "Leaves a review", "Asks", "😊 Smiles"])
"""Few words, so both sides often make the same change (which is no conflict)."""


def _pick(draw: st.DrawFn, items: list[Any]) -> Any:
    return items[draw(st.integers(0, len(items) - 1))] if items else None


def _fresh(draw: st.DrawFn, doc: Document, side: str) -> str:
    """A new id: mostly the side's own, sometimes one the other side may use too (both added it)."""
    for n in range(1, 100):
        candidate = draw(st.sampled_from([f"{side}-{n}", f"shared-{n}"]))
        if not doc.uses_id(candidate) and candidate not in _item_ids(doc):
            return candidate
    return f"{side}-x"


def _item_ids(doc: Document) -> set[str]:
    raw = doc.map.model_dump(mode="json")
    return {i["id"] for c in ("personas", "stages", "touchpoints") for e in raw[c]
            for key in ("quotes", "kpis", "pain_points", "opportunities") for i in e.get(key, [])}


def _edit(draw: st.DrawFn, doc: Document, side: str) -> None:
    cards, stages, personas, flows = doc.touchpoints, doc.stages, doc.personas, doc.flows
    kind = draw(st.sampled_from(["field", "field", "move", "remove", "add card", "add flow", "reorder", "pains",
                                 "move pain", "map", "add lane", "reading", "goal", "flow label"]))
    card = _pick(draw, cards)
    if kind == "field" and card:
        key = draw(st.sampled_from(["emotion", "title", "notes", "channel"]))
        value = {"emotion": st.one_of(st.none(), st.integers(-2, 2)), "title": WORDS, "notes": WORDS,
                 "channel": st.sampled_from([None, "phone", "email"])}[key]
        doc.set_field(card.id, key, draw(value))
    elif kind == "move" and card:
        persona, stage = _pick(draw, personas), _pick(draw, stages)
        index = doc.cell_insert_index(persona.id, stage.id, draw(st.integers(0, 3)), ignoring=card.id)
        doc.move_touchpoint(card.id, persona.id, stage.id, min(index, len(cards) - 1))
    elif kind == "remove":
        element = _pick(draw, draw(st.sampled_from([cards, cards, flows, stages, personas])))
        if element:
            doc.remove(element.id, cascade=True)
    elif kind == "add card" and personas and stages:
        persona, stage = _pick(draw, personas), _pick(draw, stages)
        new = Touchpoint(id=_fresh(draw, doc, side), persona=persona.id, stage=stage.id, title=draw(WORDS))
        doc.add_touchpoint(new, doc.cell_insert_index(persona.id, stage.id, draw(st.integers(0, 3))))
    elif kind == "add flow" and cards:
        target = _pick(draw, cards)
        doc.add_flow(Flow(id=_fresh(draw, doc, side), source=card.id, target=target.id))
    elif kind == "reorder":
        some = draw(st.sampled_from([stages, personas, flows]))
        element = _pick(draw, some)
        if element:
            doc._move(element, draw(st.integers(0, len(some) - 1)))
    elif kind == "pains" and card:
        pains = [p.model_dump(mode="json") for p in card.pain_points]
        action = draw(st.sampled_from(["add", "change", "remove"]))
        if action == "add" or not pains:
            pains.insert(draw(st.integers(0, len(pains))), {"id": _fresh(draw, doc, side), "text": draw(WORDS)})
        elif action == "change":
            pains[draw(st.integers(0, len(pains) - 1))]["severity"] = draw(st.sampled_from(["low", "high"]))
        else:
            del pains[draw(st.integers(0, len(pains) - 1))]
        doc.set_field(card.id, "pain_points", pains)
    elif kind == "move pain" and card and card.pain_points:
        other = _pick(draw, cards)
        pain = card.pain_points[0]
        if other.id != card.id:
            doc.set_field(card.id, "pain_points", [p.model_dump(mode="json") for p in card.pain_points[1:]])
            doc.set_field(other.id, "pain_points",
                          [*(p.model_dump(mode="json") for p in doc.get(other.id).pain_points),
                           pain.model_dump(mode="json")])
    elif kind == "map":
        doc.set_map_field(draw(st.sampled_from(["title", "description"])), draw(WORDS))
    elif kind == "add lane":
        if draw(st.booleans()):
            doc.add_stage(Stage(id=_fresh(draw, doc, side), name=draw(WORDS)), draw(st.integers(0, len(stages))))
        else:
            doc.add_persona(Persona(id=_fresh(draw, doc, side), name=draw(WORDS)), draw(st.integers(0, len(personas))))
    elif kind == "reading":
        stage = _pick(draw, [s for s in stages if s.kpis])
        if stage:
            kpis = [k.model_dump(mode="json") for k in stage.kpis]
            kpis[0]["readings"] = [*kpis[0]["readings"], {"date": draw(st.sampled_from(["2026-01-01", "2026-02-01"])),
                                                          "value": draw(st.integers(0, 3))}]
            kpis[0]["readings"].sort(key=lambda r: r["date"])
            doc.set_field(stage.id, "kpis", kpis)
    elif kind == "goal":
        persona = _pick(draw, personas)
        if persona and len(persona.goals) < 50:
            doc.set_field(persona.id, "goals", [*persona.goals, draw(WORDS)])
    elif kind == "flow label":
        flow = _pick(draw, flows)
        if flow:
            doc.set_field(flow.id, "label", draw(WORDS))


def edited(draw: st.DrawFn, base: Map, side: str, max_edits: int = 8) -> Map:
    doc = Document(base.model_copy(deep=True))
    for _ in range(draw(st.integers(0 if draw(st.booleans()) else 1, max_edits))):
        try:
            _edit(draw, doc, side)
        except DocumentError:
            pass  # an edit the editor would refuse: not made
    return Map.model_validate(doc.map.model_dump(mode="json"))


@st.composite
def three_versions(draw: st.DrawFn) -> tuple[Map, Map, Map]:
    """(base, ours, theirs): a valid map and two versions of it, each edited from it."""
    if draw(st.booleans()):
        base = Map.model_validate(draw(raw_v2_maps(max_personas=3, max_stages=3, max_cards=6)))
    else:  # a small map with something in every cell kind, so that the two sides' edits meet more often
        base = edited(draw, small_map(), "base", max_edits=12)
    base = Map.model_validate(base.model_dump(mode="json"))
    return base, edited(draw, base, "ours"), edited(draw, base, "theirs")
