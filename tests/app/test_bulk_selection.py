"""Selecting many elements at once (an insight about 5,000 cards, Select All) tells the inspector once."""

from __future__ import annotations


def test_selecting_many_cards_says_so_once(qtbot, open_window, example_copy):
    window = open_window(example_copy)
    scene = window.editor.scene
    cards = [t.id for t in window.document().touchpoints]
    said = []
    scene.selectionChanged.connect(lambda: said.append(True))
    scene.select_only(cards)
    assert len(said) == 1
    assert sorted(scene.selected_ids()) == sorted(cards)
    assert window.inspector.multi.text() == f"{len(cards)} items selected"
    scene.select_only(list(reversed(cards)))  # the same selection: nothing to say
    assert len(said) == 1
    scene.select_only(cards[:1])
    assert len(said) == 2 and scene.selected_ids() == cards[:1]
