"""Pasted and duplicated cards keep the links between opportunities and the pain points they answer:
one rename table for the whole pasted fragment, and item ids kept where the target map does not use
them (a card cut and pasted back)."""

from __future__ import annotations

from journeymapper.io import save
from journeymapper.model.document import new_map
from journeymapper.model.schema import Persona, Stage, Touchpoint
from journeymapper.resources import example_map_path


def _two_cards_with_plans(doc) -> tuple[Touchpoint, Touchpoint]:
    cards = [t for t in doc.touchpoints if t.pain_points and t.opportunities]
    assert len(cards) >= 2, "the example map has cards with pain points and opportunities"
    return cards[0], cards[1]


def _answer_across(editor, a: Touchpoint, b: Touchpoint) -> str:
    """A's first opportunity answers B's first pain point (and its own): returns B's pain point id."""
    opportunities = [o.model_dump() for o in a.opportunities]
    opportunities[0]["addresses"] = [b.pain_points[0].id, a.pain_points[0].id]
    editor.set_field(a.id, "opportunities", opportunities)
    return b.pain_points[0].id


def _pain_ids(doc) -> set[str]:
    return {p.id for t in doc.touchpoints for p in t.pain_points}


def _pasted(doc, before: set[str]) -> dict[str, Touchpoint]:
    return {t.title: t for t in doc.touchpoints if t.id not in before}


def test_duplicating_two_cards_links_the_copies_to_each_other(open_window):
    window = open_window(example_map_path())
    doc, editor = window.document(), window.editor
    a, b = _two_cards_with_plans(doc)
    b_pain = _answer_across(editor, a, b)
    a = doc.get(a.id)
    before = {t.id for t in doc.touchpoints}
    editor.scene.select_only([a.id, b.id])
    window.duplicate()
    copies = _pasted(doc, before)
    a2, b2 = copies[a.title], copies[b.title]
    answered = a2.opportunities[0].addresses
    assert answered == [b2.pain_points[0].id, a2.pain_points[0].id]
    assert b_pain not in answered
    # the originals are untouched, and every item of the copies has an id of its own
    assert doc.get(a.id).opportunities[0].addresses == [b_pain, a.pain_points[0].id]
    items = [i.id for t in doc.touchpoints for key in ("pain_points", "opportunities", "quotes")
             for i in getattr(t, key)]
    assert len(items) == len(set(items))


def test_duplicating_one_card_keeps_its_answer_to_a_card_not_copied(open_window):
    window = open_window(example_map_path())
    doc, editor = window.document(), window.editor
    a, b = _two_cards_with_plans(doc)
    b_pain = _answer_across(editor, a, b)
    before = {t.id for t in doc.touchpoints}
    editor.scene.select_only([a.id])
    window.duplicate()
    a2 = _pasted(doc, before)[a.title]
    assert a2.opportunities[0].addresses == [b_pain, a2.pain_points[0].id]


def test_cut_and_paste_keeps_the_pain_points_other_cards_answer(open_window):
    window = open_window(example_map_path())
    doc, editor = window.document(), window.editor
    a, b = _two_cards_with_plans(doc)
    b_pain = _answer_across(editor, a, b)
    b_items = [p.id for p in b.pain_points] + [o.id for o in b.opportunities]
    editor.scene.select_only([b.id])
    window.cut()
    assert b_pain not in _pain_ids(doc)
    editor.scene.select_only([])
    window.paste()
    moved = next(t for t in doc.touchpoints if t.title == b.title)
    assert [p.id for p in moved.pain_points] + [o.id for o in moved.opportunities] == b_items
    assert doc.get(a.id).opportunities[0].addresses[0] in _pain_ids(doc)
    # pasting the same card again: now its ids are taken, so the second copy gets new ones
    editor.scene.select_only([])
    window.paste()
    copies = [t for t in doc.touchpoints if t.title == b.title]
    assert len(copies) == 2
    assert not {p.id for p in copies[1].pain_points} & {p.id for p in copies[0].pain_points}
    # undo the second paste, the first and the cut: the map is as before, with the link
    for _ in range(3):
        window.undo_stack().undo()
    assert doc.get(b.id).pain_points[0].id == b_pain
    assert [t.title for t in doc.touchpoints].count(b.title) == 1
    assert doc.get(a.id).opportunities[0].addresses[0] == b_pain


def test_undoing_a_duplicate_leaves_the_map_as_it_was(open_window):
    window = open_window(example_map_path())
    doc, editor = window.document(), window.editor
    a, b = _two_cards_with_plans(doc)
    _answer_across(editor, a, b)
    before = doc.map.model_dump()
    editor.scene.select_only([a.id, b.id])
    window.duplicate()
    assert len(doc.touchpoints) == len(before["touchpoints"]) + 2
    window.undo_stack().undo()
    assert doc.map.model_dump() == before


def test_paste_into_another_map_keeps_the_ids_and_the_links(open_window, tmp_path):
    source = open_window(example_map_path())
    a, b = _two_cards_with_plans(source.document())
    b_pain = _answer_across(source.editor, a, b)
    a = source.document().get(a.id)
    source.editor.scene.select_only([a.id, b.id])
    assert source.copy()

    other_map = new_map("Other")
    other_map.personas.append(Persona(id="someone", name="Someone"))
    other_map.stages.append(Stage(id="first", name="First"))
    path = tmp_path / "other.jmap"
    save(path, other_map)
    target = open_window(path)
    target.paste()
    doc = target.document()
    a2 = next(t for t in doc.touchpoints if t.title == a.title)
    b2 = next(t for t in doc.touchpoints if t.title == b.title)
    # this map used none of the ids: the items keep theirs, and A's answer finds B's pain point here
    assert [p.id for p in b2.pain_points] == [p.id for p in b.pain_points]
    assert a2.opportunities[0].addresses == [b_pain, a.pain_points[0].id]
    assert set(a2.opportunities[0].addresses) <= _pain_ids(doc)
    target.undo_stack().undo()
    assert doc.touchpoints == []
