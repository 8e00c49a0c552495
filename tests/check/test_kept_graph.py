"""Review of the checker's kept graph (check/graph.py: `GraphMemo`, kept SCCs and reachability).

The kept graph is reused while the touchpoint ids and the flow objects are the same; every edit that
keeps them (moving a card to another stage or persona, renaming, removing a card and adding another
with the same id) and every edit that does not (a flow's kind or ends) must give exactly the problems
of a check from scratch.
"""

from __future__ import annotations

import gc
import random
import weakref

import pytest

from journeymapper.check import check_map
from journeymapper.check.graph import GraphMemo
from journeymapper.model.document import Document, DocumentError
from journeymapper.model.schema import Flow, Touchpoint
from tests.benchmarks.bigmap import big_map

from .builders import fl, make_map, tp


def fresh_check(the_map):
    return check_map(the_map)


def kept_check(the_map, memo: GraphMemo):
    return check_map(the_map, memo=memo)


def test_a_flow_kind_change_is_seen_by_the_kept_graph():
    doc = Document(make_map([tp("a", "p1", "s1"), tp("b", "p1", "s2")],
                            [fl("ab", "a", "b"), fl("ba", "b", "a", kind="loop")]))
    memo = GraphMemo()
    assert not [p for p in kept_check(doc.map, memo) if p.code == "JM004"]
    doc.set_field("ba", "kind", "next")  # now a circle with no loop flow
    assert [p.code for p in kept_check(doc.map, memo) if p.code == "JM004"] == ["JM004"]
    doc.set_field("ba", "kind", "loop")
    assert not [p for p in kept_check(doc.map, memo) if p.code == "JM004"]


def test_the_same_ids_with_a_card_elsewhere_are_checked_anew():
    doc = Document(make_map([tp("a", "p1", "s1"), tp("b", "p1", "s2"), tp("c", "p1", "s3")],
                            [fl("ab", "a", "b")]))
    memo = GraphMemo()
    first = kept_check(doc.map, memo)
    removal = doc.remove("c")
    doc.add_touchpoint(Touchpoint(id="c", persona="p1", stage="s1", title="Card c", channel="website", emotion=0))
    assert kept_check(doc.map, memo) == fresh_check(doc.map) != first
    doc.remove("c")
    doc.restore(removal)
    assert kept_check(doc.map, memo) == first


@pytest.mark.parametrize("seed", range(30))
def test_random_edits_give_the_problems_of_a_check_from_scratch(seed):
    rng = random.Random(seed)
    doc = Document(big_map(30, 50, 3, 4, seed=seed))
    memo = GraphMemo()
    kept_check(doc.map, memo)
    undo = []
    for step in range(40):
        cards = [t.id for t in doc.touchpoints]
        edit = rng.choice(["move", "kind", "flow_end", "add_flow", "remove_flow", "remove_card", "undo", "undo",
                           "move_persona", "move_stage", "add_card", "same_id_elsewhere"])
        try:
            if edit == "move" and cards:
                card, persona, stage = rng.choice(cards), rng.choice(doc.personas).id, rng.choice(doc.stages).id
                old = doc.move_touchpoint(card, persona, stage,
                                          doc.cell_insert_index(persona, stage, rng.randint(0, 4), ignoring=card))
                undo.append(lambda card=card, old=old: doc.move_touchpoint(card, *old))
            elif edit == "kind" and doc.flows:
                flow = rng.choice(doc.flows).id
                old = doc.set_field(flow, "kind", rng.choice(["next", "loop", "alternative"]))
                undo.append(lambda flow=flow, old=old: doc.set_field(flow, "kind", old))
            elif edit == "flow_end" and doc.flows:
                doc.set_field(rng.choice(doc.flows).id, rng.choice(["source", "target"]), rng.choice(cards))
            elif edit == "add_flow" and cards:
                flow = f"f-{step}"
                doc.add_flow(Flow(id=flow, source=rng.choice(cards), target=rng.choice(cards)))
                undo.append(lambda flow=flow: doc.remove(flow))
            elif edit == "remove_flow" and doc.flows:
                removal = doc.remove(rng.choice(doc.flows).id)
                undo.append(lambda removal=removal: doc.restore(removal))
            elif edit == "remove_card" and cards:
                removal = doc.remove(rng.choice(cards), cascade=True)
                undo.append(lambda removal=removal: doc.restore(removal))
            elif edit == "undo" and undo:
                undo.pop()()
            elif edit == "move_persona":
                doc.move_persona(rng.choice(doc.personas).id, rng.randint(0, len(doc.personas) - 1))
            elif edit == "move_stage":
                doc.move_stage(rng.choice(doc.stages).id, rng.randint(0, len(doc.stages) - 1))
            elif edit == "add_card":
                card = f"t-{step}"
                doc.add_touchpoint(Touchpoint(id=card, persona=rng.choice(doc.personas).id,
                                              stage=rng.choice(doc.stages).id, title="new"))
                undo.append(lambda card=card: doc.remove(card, cascade=True))
            elif edit == "same_id_elsewhere" and cards:  # the id set stays, the card and its flows do not
                card = rng.choice(cards)
                doc.remove(card, cascade=True)
                doc.add_touchpoint(Touchpoint(id=card, persona=rng.choice(doc.personas).id,
                                              stage=rng.choice(doc.stages).id, title="again"))
                undo.clear()
        except DocumentError:
            continue
        assert kept_check(doc.map, memo) == fresh_check(doc.map)


def test_a_map_that_is_gone_is_not_kept_by_the_checker():
    the_map = big_map(200, 300, 3, 4)
    check_map(the_map)  # no memo: nothing is kept
    memo = GraphMemo()
    check_map(the_map, memo=memo)
    flow = weakref.ref(the_map.flows[0])
    del the_map, memo  # the editor (and its memo) closed
    gc.collect()
    assert flow() is None
