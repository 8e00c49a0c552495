"""Property: any sequence of edits, each undone by the inverse the Document returned, gives the original map.

This is the contract the editor's undo commands rely on.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from journeymapper.model.document import Document, DocumentError
from journeymapper.model.schema import Flow, Persona, Stage, Touchpoint

from .conftest import small_map

EDITS = ("add_card", "add_flow", "add_stage", "add_persona", "remove", "move_card", "move_stage",
         "move_persona", "set_title", "set_emotion", "set_kind", "set_map_title")


def apply_random_edit(doc: Document, data, counter: list[int]):
    """Perform one random valid edit; return a function that undoes it (or None if nothing was possible)."""
    edit = data.draw(st.sampled_from(EDITS))
    counter[0] += 1
    fresh = f"n{counter[0]}"
    cards = [t.id for t in doc.touchpoints]
    if edit == "add_card" and doc.personas and doc.stages:
        persona = data.draw(st.sampled_from([p.id for p in doc.personas]))
        stage = data.draw(st.sampled_from([s.id for s in doc.stages]))
        index = data.draw(st.integers(0, len(cards)))
        doc.add_touchpoint(Touchpoint(id=fresh, persona=persona, stage=stage, title=fresh), index)
        return lambda: doc.remove(fresh)
    if edit == "add_flow" and cards:
        source, target = data.draw(st.sampled_from(cards)), data.draw(st.sampled_from(cards))
        doc.add_flow(Flow(id=fresh, source=source, target=target))
        return lambda: doc.remove(fresh)
    if edit == "add_stage":
        doc.add_stage(Stage(id=fresh, name=fresh), data.draw(st.integers(0, len(doc.stages))))
        return lambda: doc.remove(fresh)
    if edit == "add_persona":
        doc.add_persona(Persona(id=fresh, name=fresh), data.draw(st.integers(0, len(doc.personas))))
        return lambda: doc.remove(fresh)
    if edit == "remove":
        every = [e.id for e in (*doc.personas, *doc.stages, *doc.touchpoints, *doc.flows)]
        if not every:
            return None
        removal = doc.remove(data.draw(st.sampled_from(every)), cascade=True)
        return lambda: doc.restore(removal)
    if edit == "move_card" and cards:
        card = data.draw(st.sampled_from(cards))
        persona = data.draw(st.sampled_from([p.id for p in doc.personas]))
        stage = data.draw(st.sampled_from([s.id for s in doc.stages]))
        index = doc.cell_insert_index(persona, stage, data.draw(st.integers(0, 5)), ignoring=card)
        old = doc.move_touchpoint(card, persona, stage, index)
        return lambda: doc.move_touchpoint(card, *old)
    if edit in ("move_stage", "move_persona"):
        items = doc.stages if edit == "move_stage" else doc.personas
        if not items:
            return None
        move = doc.move_stage if edit == "move_stage" else doc.move_persona
        element = data.draw(st.sampled_from([e.id for e in items]))
        old = move(element, data.draw(st.integers(0, len(items) - 1)))
        return lambda: move(element, old)
    if edit in ("set_title", "set_emotion") and cards:
        card = data.draw(st.sampled_from(cards))
        field, value = ("title", data.draw(st.text(min_size=1, max_size=5).filter(str.strip))) \
            if edit == "set_title" else ("emotion", data.draw(st.none() | st.integers(-2, 2)))
        try:
            old = doc.set_field(card, field, value)
        except DocumentError:
            return None  # e.g. a drawn title with a control character
        return lambda: doc.set_field(card, field, old)
    if edit == "set_kind" and doc.flows:
        flow = data.draw(st.sampled_from([f.id for f in doc.flows]))
        old = doc.set_field(flow, "kind", data.draw(st.sampled_from(["next", "alternative", "loop"])))
        return lambda: doc.set_field(flow, "kind", old)
    if edit == "set_map_title":
        old = doc.set_map_field("title", data.draw(st.sampled_from(["One", "Two", "Small"])))
        return lambda: doc.set_map_field("title", old)
    return None


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_edits_undone_in_reverse_give_back_the_original(data):
    doc = Document(small_map())
    original = doc.map.model_dump()
    undo = []
    counter = [0]
    for _ in range(data.draw(st.integers(1, 25))):
        inverse = apply_random_edit(doc, data, counter)
        if inverse:
            undo.append(inverse)
    for inverse in reversed(undo):
        inverse()
    assert doc.map.model_dump() == original
    # the id index is back in step with the lists
    assert all(doc.get(t.id) is t for t in doc.touchpoints)
