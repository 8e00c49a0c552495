"""The undoable edits of a journey map.

Each command keeps what its Document call returned, and undo() is the
inverse call with exactly that. Names are what the Edit menu shows
("Undo Move Touchpoint").
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from ..i18n import N_, _, _n
from ..model.document import Document, Removal
from ..model.schema import Element, Flow, Map, Persona, Stage, Touchpoint

_NOUNS = {Persona: N_("Persona"), Stage: N_("Stage"), Touchpoint: N_("Touchpoint"), Flow: N_("Flow")}
_FIELD_NAMES = {
    "pain_points": N_("Pain Points"),
    "kpis": N_("KPIs"),
    "review_by": N_("Review Date"),
    "color": N_("Colour"),
    # (the other fields an edit changes, as the Edit menu names them)
    "title": N_("Title"), "name": N_("Name"), "channel": N_("Channel"), "emotion": N_("Emotion"),
    "action": N_("Action"), "thoughts": N_("Thoughts"), "notes": N_("Notes"), "owner": N_("Owner"),
    "evidence": N_("Evidence"), "source": N_("Source"), "description": N_("Description"), "goal": N_("Goal"),
    "segment": N_("Segment"), "goals": N_("Goals"), "needs": N_("Needs"), "frustrations": N_("Frustrations"),
    "opportunities": N_("Opportunities"), "quotes": N_("Quotes"), "label": N_("Label"), "kind": N_("Kind"),
    "language": N_("Language"), "state": N_("State"), "stage": N_("Stage"), "persona": N_("Persona"),
}
_DELETE_MANY = {
    Persona: lambda n: _n("Delete {n} Persona", "Delete {n} Personas", n),
    Stage: lambda n: _n("Delete {n} Stage", "Delete {n} Stages", n),
    Touchpoint: lambda n: _n("Delete {n} Touchpoint", "Delete {n} Touchpoints", n),
    Flow: lambda n: _n("Delete {n} Flow", "Delete {n} Flows", n),
}
_MERGE_FIELD, _MERGE_MAP_FIELD = 1001, 1002


def describe(element: Element) -> str:
    """The kind of an element as the Edit menu names it ("Touchpoint"), in the interface language."""
    return _(_NOUNS[type(element)])


def _field_name(field: str) -> str:
    name = _FIELD_NAMES.get(field)
    return _(name) if name else field.replace("_", " ").title()


def _deleting(elements: list[Element]) -> str:
    """"Delete Stage", "Delete 25 Touchpoints", "Delete 3 Items"."""
    if len(elements) == 1:
        return _("Delete {element}").format(element=describe(elements[0]))
    kinds = {type(element) for element in elements}
    if len(kinds) == 1:
        return _DELETE_MANY[kinds.pop()](len(elements)).format(n=len(elements))
    return _n("Delete {n} Item", "Delete {n} Items", len(elements)).format(n=len(elements))


class AddElement(QUndoCommand):
    """Add a persona, stage, touchpoint or flow at an index of its list."""

    def __init__(self, doc: Document, element: Element, index: int | None = None, parent: QUndoCommand | None = None):
        super().__init__(_("Add {element}").format(element=describe(element)), parent)
        self.doc, self.element, self.index = doc, element, index

    def redo(self) -> None:
        self.index = self.doc.add(self.element, self.index)

    def undo(self) -> None:
        # Anything added later that refers to it was undone first, by stack order.
        self.doc.remove(self.element.id)


class RemoveElements(QUndoCommand):
    """Delete elements with everything that depends on them (a stage takes its cards and flows)."""

    def __init__(self, doc: Document, ids: list[str], parent: QUndoCommand | None = None):
        super().__init__(_deleting([doc.get(i) for i in ids]), parent)
        self.doc, self.ids = doc, list(ids)
        self.removals: list[Removal] = []

    def redo(self) -> None:
        self.removals = []
        for element_id in self.ids:
            if element_id in self.doc:  # may have gone with an earlier one (a card with its stage)
                self.removals.append(self.doc.remove(element_id, cascade=True))

    def undo(self) -> None:
        for removal in reversed(self.removals):
            self.doc.restore(removal)


class MoveCards(QUndoCommand):
    """Move cards to cells and positions: one drag of several cards is one step."""

    def __init__(self, doc: Document, moves: list[tuple[str, str, str, int]], parent: QUndoCommand | None = None):
        super().__init__(_("Move Touchpoint") if len(moves) == 1 else
                         _n("Move {n} Touchpoint", "Move {n} Touchpoints", len(moves)).format(
                             n=len(moves)), parent)
        self.doc, self.moves = doc, list(moves)
        self.previous: list[tuple[str, tuple[str, str, int]]] = []

    def redo(self) -> None:
        # Positions are final positions: card k lands at its position once all have moved,
        # so cards still waiting to move are not counted.
        self.previous = []
        waiting = [card for card, *_place in self.moves]
        for k, (card, persona, stage, position) in enumerate(self.moves):
            index = self.doc.cell_insert_index(persona, stage, position, ignoring=card, skipping=waiting[k + 1:])
            self.previous.append((card, self.doc.move_touchpoint(card, persona, stage, index)))

    def undo(self) -> None:
        for card, (persona, stage, index) in reversed(self.previous):
            self.doc.move_touchpoint(card, persona, stage, index)


class MoveElement(QUndoCommand):
    """Reorder a stage (column) or a persona (lane)."""

    def __init__(self, doc: Document, element_id: str, new_index: int, parent: QUndoCommand | None = None):
        element = doc.get(element_id)
        super().__init__(_("Move {element}").format(element=describe(element)), parent)
        # Not `self.id`: that would hide QUndoCommand.id(), which the stack calls on every push.
        self.doc, self.element_id, self.new_index = doc, element_id, new_index
        self.move = doc.move_stage if isinstance(element, Stage) else doc.move_persona
        self.old_index = doc.index_of(element_id)

    def redo(self) -> None:
        self.old_index = self.move(self.element_id, self.new_index)

    def undo(self) -> None:
        self.move(self.element_id, self.old_index)


class SetField(QUndoCommand):
    """Change one field.

    Changes made in one typing session (same non-None `session`, same field)
    merge into one undo step; the editor starts a new session when a field
    gets the focus.
    """

    def __init__(self, doc: Document, element_id: str, field: str, value: Any, session: object = None,
                 parent: QUndoCommand | None = None):
        # TRANSLATORS: an edit in the Edit menu (Undo ...): "Change Touchpoint Title"
        super().__init__(_("Change {element} {field}").format(element=describe(doc.get(element_id)),
                                                               field=_field_name(field)), parent)
        self.doc, self.element_id, self.field, self.value, self.session = doc, element_id, field, value, session
        self.old: Any = getattr(doc.get(element_id), field)

    def id(self) -> int:  # noqa: A003 - Qt's name
        return _MERGE_FIELD if self.session is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, SetField) or other.session is None or other.session != self.session:
            return False
        if (other.element_id, other.field) != (self.element_id, self.field):
            return False
        self.value = other.value
        return True

    def redo(self) -> None:
        self.doc.set_field(self.element_id, self.field, self.value)

    def undo(self) -> None:
        self.doc.set_field(self.element_id, self.field, self.old)


class SetMapField(QUndoCommand):
    def __init__(self, doc: Document, field: str, value: Any, session: object = None,
                 parent: QUndoCommand | None = None):
        super().__init__(_("Change Map {field}").format(field=_field_name(field)), parent)
        self.doc, self.field, self.value, self.session = doc, field, value, session
        self.old = getattr(doc.map, field)

    def id(self) -> int:  # noqa: A003
        return _MERGE_MAP_FIELD if self.session is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if isinstance(other, SetMapField) and other.session is not None and other.session == self.session \
                and other.field == self.field:
            self.value = other.value
            return True
        return False

    def redo(self) -> None:
        self.doc.set_map_field(self.field, self.value)

    def undo(self) -> None:
        self.doc.set_map_field(self.field, self.old)


class ReplaceMap(QUndoCommand):
    """The whole map at once: reloaded from disk, or an earlier version restored. Undo brings back
    the map as it was, so neither loses what was on screen."""

    def __init__(self, doc: Document, the_map: Map, text: str, parent: QUndoCommand | None = None):
        super().__init__(text, parent)
        self.doc, self.new, self.old = doc, the_map, doc.map

    def redo(self) -> None:
        self.doc.replace_map(self.new)

    def undo(self) -> None:
        self.doc.replace_map(self.old)
