"""Review of the incremental layout (flow_placement.py, lane reuse in map_layout.py).

test_incremental.py walks the edits of the Document tests; this adds the edits that test leaves out
and that the lane signature and the flow state must notice: a persona's colour, name or segment, a
flow's label, ends or place in the list, pain points, a stage's goal (the header grows and every lane
moves), reordering stages and personas, removing a stage or a persona. Each relayout from the
previous layout must equal a fresh one.
"""

from __future__ import annotations

import random

import pytest

from journeymapper.layout.map_layout import layout_map
from journeymapper.model.document import Document, DocumentError
from journeymapper.model.schema import Flow, Persona, Touchpoint
from tests.benchmarks.bigmap import big_map

from .test_incremental import assert_same

COLORS = ("#2E86AB", "#5B8E7D", "#B5838D")


def random_edit(doc: Document, rng: random.Random, tag: str) -> None:
    cards = [t.id for t in doc.touchpoints]
    flows = [f.id for f in doc.flows]
    edit = rng.choice(["move", "move", "color", "label", "move_flow", "pains", "persona_name", "segment", "goal",
                       "move_persona", "move_stage", "kind", "add_flow", "remove_flow", "title", "add_card",
                       "flow_end", "remove_stage", "remove_persona", "add_persona"])
    persona = rng.choice(doc.personas).id
    stage = rng.choice(doc.stages).id
    if edit == "move" and cards:
        card = rng.choice(cards)
        doc.move_touchpoint(card, persona, stage, doc.cell_insert_index(persona, stage, rng.randint(0, 6), ignoring=card))
    elif edit == "color":
        doc.set_field(persona, "color", rng.choice(COLORS))
    elif edit == "label" and flows:
        doc.set_field(rng.choice(flows), "label", rng.choice(["", "x", "a longer label"]))
    elif edit == "move_flow" and flows:
        doc.move_flow(rng.choice(flows), rng.randint(0, len(flows) - 1))
    elif edit == "pains" and cards:
        doc.set_field(rng.choice(cards), "pain_points", [{"text": "p" * rng.randint(1, 80)}] * rng.randint(0, 3))
    elif edit == "persona_name":
        doc.set_field(persona, "name", rng.choice(["A", "A much longer persona name " * 3]))
    elif edit == "segment":
        doc.set_field(persona, "segment", rng.choice(["", "a segment"]))
    elif edit == "goal":
        doc.set_field(stage, "goal", rng.choice(["", "a goal long enough to wrap onto a second line of its header"]))
    elif edit == "move_persona":
        doc.move_persona(persona, rng.randint(0, len(doc.personas) - 1))
    elif edit == "move_stage":
        doc.move_stage(stage, rng.randint(0, len(doc.stages) - 1))
    elif edit == "kind" and flows:
        doc.set_field(rng.choice(flows), "kind", rng.choice(["next", "alternative", "loop"]))
    elif edit == "add_flow" and cards:
        doc.add_flow(Flow(id=f"f-{tag}", source=rng.choice(cards), target=rng.choice(cards)))
    elif edit == "remove_flow" and flows:
        doc.remove(rng.choice(flows))
    elif edit == "title" and cards:
        doc.set_field(rng.choice(cards), "title", rng.choice(["x", "a much longer title that wraps " * 2]))
    elif edit == "add_card":
        doc.add_touchpoint(Touchpoint(id=f"t-{tag}", persona=persona, stage=stage, title="new"),
                           rng.randint(0, len(cards)))
    elif edit == "flow_end" and flows and cards:
        doc.set_field(rng.choice(flows), rng.choice(["source", "target"]), rng.choice(cards))
    elif edit == "remove_stage" and len(doc.stages) > 2 and rng.random() < 0.3:
        doc.remove(stage, cascade=True)
    elif edit == "remove_persona" and len(doc.personas) > 1 and rng.random() < 0.3:
        doc.remove(persona, cascade=True)
    elif edit == "add_persona":
        doc.add_persona(Persona(id=f"p-{tag}", name="New"), rng.randint(0, len(doc.personas)))


@pytest.mark.parametrize("seed", range(20))
def test_edits_the_document_tests_leave_out_give_a_fresh_layout(seed):
    rng = random.Random(seed)
    doc = Document(big_map(60, 120, 3, 4, seed=seed))
    layout = layout_map(doc.map)
    for step in range(25):
        try:
            random_edit(doc, rng, f"{seed}-{step}")
        except DocumentError:
            continue
        layout = layout_map(doc.map, previous=layout)
        assert_same(layout, layout_map(doc.map))


def test_a_persona_colour_change_recolours_its_cards_and_nothing_else():
    doc = Document(big_map(60, 120, 3, 4))
    before = layout_map(doc.map)
    persona = doc.personas[1].id
    doc.set_field(persona, "color", "#B5838D")
    after = layout_map(doc.map, previous=before)
    assert all(card.bar_color == "#B5838D" for card in after.cards_in_lane(persona))
    others = [p.id for p in doc.personas if p.id != persona]
    assert all(after.cards[c.id] is c for p in others for c in before.cards_in_lane(p)), "other lanes are reused"
    assert_same(after, layout_map(doc.map))
