"""Find reaches what format 2 added: customers' words (and who said them), action owners, reading notes."""

from __future__ import annotations

from journeymapper.io import load_path
from journeymapper.model.search import find
from journeymapper.resources import example_map_path


def example():
    return load_path(example_map_path()).map


def test_a_customers_words_are_found_on_their_card_and_persona():
    the_map = example()
    card = next(t for t in the_map.touchpoints if t.quotes)
    words = " ".join(card.quotes[0].text.split()[:3])
    matches = [m for m in find(the_map, words.upper()) if m.element_id == card.id]
    assert matches and matches[0].where == "customer quote 1"
    persona = next((p for p in the_map.personas if p.quotes), None)
    if persona is not None:
        said = find(the_map, persona.quotes[0].text)
        assert any(m.element_id == persona.id and m.where.startswith("customer quote") for m in said)


def test_who_said_it_and_an_actions_owner_are_found():
    the_map = example()
    quote = next(q for t in the_map.touchpoints for q in t.quotes if q.who)
    assert any(m.where.startswith("who said") for m in find(the_map, quote.who))
    owner = next(o.owner for t in the_map.touchpoints for o in t.opportunities if o.owner)
    assert any(m.where.startswith("owner of opportunity") for m in find(the_map, owner))


def test_a_reading_note_is_found_on_its_stage():
    the_map = example()
    stage, reading = next((s, r) for s in the_map.stages for k in s.kpis for r in k.readings if r.note)
    matches = find(the_map, reading.note)
    assert any(m.element_id == stage.id and reading.date.isoformat() in m.where for m in matches)
