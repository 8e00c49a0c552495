"""The Document: owns one map and is the only way to change it.

Each edit method validates its change against the format's rules (field
types, limits, one id space, no dangling references), applies it, and emits
one event on `Document.changed` per element it touched (a cascading remove
emits one per removed element; listeners that redo work should coalesce). Every method returns what its inverse needs,
so an undo command is "call the opposite method with what the first returned".
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any, Iterable, Literal

from psygnal import Signal
from pydantic import ValidationError

from .events import (
    DocumentEvent,
    ElementAdded,
    ElementChanged,
    ElementMoved,
    ElementRemoved,
    MapFieldChanged,
    MapReplaced,
)
from ..i18n import _
from .messages import describe_validation_error
from .schema import (
    ITEM_FIELDS,
    ITEM_LISTS,
    MAX_FLOWS,
    MAX_PERSONAS,
    MAX_STAGES,
    MAX_TOUCHPOINTS,
    Element,
    Flow,
    Map,
    Persona,
    Stage,
    Touchpoint,
)

Collection = Literal["personas", "stages", "touchpoints", "flows"]

_COLLECTION_OF: dict[type, Collection] = {
    Persona: "personas",
    Stage: "stages",
    Touchpoint: "touchpoints",
    Flow: "flows",
}
_LIMITS: dict[Collection, int] = {
    "personas": MAX_PERSONAS,
    "stages": MAX_STAGES,
    "touchpoints": MAX_TOUCHPOINTS,
    "flows": MAX_FLOWS,
}
_NOUN: dict[Collection, str] = {
    "personas": "persona",
    "stages": "stage",
    "touchpoints": "touchpoint",
    "flows": "flow",
}
_MAP_FIELDS = ("title", "description", "owner", "created", "modified", "review_by", "language")


PERSONA_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#666633", "#AA3377", "#EE6677", "#AA4499")
"""The lanes' colours, in the order new personas take them: Okabe & Ito's colour-blind-safe set, then Paul
Tol's, so that the first four stay well apart in every common colour blindness (and all eight apart enough
to tell side by side; each lane names its persona too), and each reads as the lane's name on white."""


def next_persona_color(used: Iterable[str]) -> str:
    """The first lane colour no persona has yet (they come round again after the eighth)."""
    taken = {colour.upper() for colour in used}
    return next((c for c in PERSONA_COLORS if c not in taken), PERSONA_COLORS[len(taken) % len(PERSONA_COLORS)])


class DocumentError(ValueError):
    """An edit that would break the map's rules; the map is unchanged."""


def new_id() -> str:
    """A fresh random id (the format's recommendation: uuid4 hex)."""
    return uuid.uuid4().hex


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def new_map(title: str = "Untitled journey map") -> Map:
    now = utc_now()
    return Map(id=new_id(), title=title, created=now, modified=now)


Removal = list[tuple[Element, int]]
"""What a cascading remove took away, in order: re-add in reverse to undo."""


class Document:
    """One journey map being edited.

    Read freely through the properties; the lists they return belong to the
    Document and must not be changed by callers.
    """

    changed = Signal(object)
    """Emitted with one DocumentEvent after every change."""

    def __init__(self, the_map: Map | None = None) -> None:
        self._map = the_map if the_map is not None else new_map()
        self._by_id: dict[str, Element] = {}
        self._items: dict[str, str] = {}
        """The ids of KPIs, pain points, opportunities and quotes -> the element that holds each (one id space)."""
        self._reindex()

    # -- reading ---------------------------------------------------------
    @property
    def map(self) -> Map:
        return self._map

    @property
    def personas(self) -> list[Persona]:
        return self._map.personas

    @property
    def stages(self) -> list[Stage]:
        return self._map.stages

    @property
    def touchpoints(self) -> list[Touchpoint]:
        return self._map.touchpoints

    @property
    def flows(self) -> list[Flow]:
        return self._map.flows

    def __contains__(self, element_id: object) -> bool:
        return element_id in self._by_id

    def uses_id(self, some_id: str) -> bool:
        """Whether an element or an item (KPI, pain point, opportunity, quote) of this map has this id:
        elements and items share one id space, so a new one must take an id no one uses."""
        return some_id in self._by_id or some_id in self._items

    def get(self, element_id: str) -> Element:
        try:
            return self._by_id[element_id]
        except KeyError:
            raise DocumentError(f"no element with id {element_id!r}") from None

    def index_of(self, element_id: str) -> int:
        element = self.get(element_id)
        items = self._list_for(element)
        for i, item in enumerate(items):
            if item.id == element_id:
                return i
        raise AssertionError(f"id index out of step for {element_id!r}")  # pragma: no cover

    def touchpoints_in(self, persona_id: str, stage_id: str) -> list[Touchpoint]:
        """The cards of one cell, in card order."""
        return [t for t in self._map.touchpoints if t.persona == persona_id and t.stage == stage_id]

    def flows_touching(self, touchpoint_ids: Iterable[str]) -> list[Flow]:
        ids = set(touchpoint_ids)
        return [f for f in self._map.flows if f.source in ids or f.target in ids]

    def cell_insert_index(
        self,
        persona_id: str,
        stage_id: str,
        position: int,
        ignoring: str | None = None,
        skipping: Iterable[str] = (),
    ) -> int:
        """The index in `touchpoints` that puts a card at `position` in a cell.

        `ignoring` names the card about to be taken out of the list (a move):
        indexes are counted as they will be after it is removed. Cards in
        `skipping` stay in the list but are not counted as positions (other
        cards of the same multi-card move, not yet moved).
        """
        skip = set(skipping)
        last_index = -1
        count = 0
        index = 0
        for t in self._map.touchpoints:
            if t.id == ignoring:
                continue
            if t.persona == persona_id and t.stage == stage_id and t.id not in skip:
                if count == max(0, position):
                    return index
                count += 1
                last_index = index
            index += 1
        return last_index + 1 if last_index >= 0 else index

    # -- whole map -------------------------------------------------------
    def replace_map(self, the_map: Map) -> Map:
        """Swap in another map (open, revert). Returns the old one."""
        old = self._map
        self._map = the_map
        self._reindex()
        self._emit(MapReplaced(old, the_map))
        return old

    def validate_map_field(self, field: str, value: Any) -> Any:
        """The value as `set_map_field` would store it; raises DocumentError if it would be refused."""
        if field not in _MAP_FIELDS:
            raise DocumentError(f"the map has no editable field {field!r}")
        raw = self._map.model_dump(exclude={"personas", "stages", "touchpoints", "flows"})
        raw[field] = value
        try:
            return getattr(Map.model_validate(raw), field)
        except ValidationError as exc:
            raise DocumentError(_first_reason(exc, "map")) from None

    def set_map_field(self, field: str, value: Any) -> Any:
        """Set title, description, owner, created, modified or review_by. Returns the old value."""
        old_value = getattr(self._map, field) if field in _MAP_FIELDS else None
        new_value = self.validate_map_field(field, value)
        if new_value == old_value:
            return old_value
        self._map = self._map.model_copy(update={field: new_value})
        self._emit(MapFieldChanged(field, old_value, new_value))
        return old_value

    # -- adding and removing ---------------------------------------------
    def add_persona(self, persona: Persona, index: int | None = None) -> int:
        return self._add(persona, index)

    def add_stage(self, stage: Stage, index: int | None = None) -> int:
        return self._add(stage, index)

    def add_touchpoint(self, touchpoint: Touchpoint, index: int | None = None) -> int:
        return self._add(touchpoint, index)

    def add_flow(self, flow: Flow, index: int | None = None) -> int:
        return self._add(flow, index)

    def add(self, element: Element, index: int | None = None) -> int:
        """Add any element at `index` of its list (default: the end). Returns the index."""
        return self._add(element, index)

    def remove_persona(self, persona_id: str, cascade: bool = False) -> Removal:
        return self._remove_checked(persona_id, Persona, cascade)

    def remove_stage(self, stage_id: str, cascade: bool = False) -> Removal:
        return self._remove_checked(stage_id, Stage, cascade)

    def remove_touchpoint(self, touchpoint_id: str, cascade: bool = False) -> Removal:
        return self._remove_checked(touchpoint_id, Touchpoint, cascade)

    def remove_flow(self, flow_id: str) -> Removal:
        return self._remove_checked(flow_id, Flow, False)

    def remove(self, element_id: str, cascade: bool = False) -> Removal:
        """Remove any element. Without `cascade`, refuses while others still refer to it."""
        return self._remove_checked(element_id, type(self.get(element_id)), cascade)

    def restore(self, removal: Removal) -> None:
        """Undo a remove: put everything back where it was."""
        for element, index in reversed(removal):
            self._add(element, index)

    def dependents(self, element_id: str) -> list[Element]:
        """What must go with an element, in the order it must be removed (flows first)."""
        element = self.get(element_id)
        if isinstance(element, (Persona, Stage)):
            key = "persona" if isinstance(element, Persona) else "stage"
            cards = [t for t in self._map.touchpoints if getattr(t, key) == element_id]
            return [*self.flows_touching(t.id for t in cards), *cards]
        if isinstance(element, Touchpoint):
            return list(self.flows_touching([element_id]))
        return []

    # -- moving ----------------------------------------------------------
    def move_persona(self, persona_id: str, new_index: int) -> int:
        """Reorder swimlanes. Returns the old index."""
        return self._move(self._expect(persona_id, Persona), new_index)

    def move_stage(self, stage_id: str, new_index: int) -> int:
        """Reorder columns. Returns the old index."""
        return self._move(self._expect(stage_id, Stage), new_index)

    def move_flow(self, flow_id: str, new_index: int) -> int:
        return self._move(self._expect(flow_id, Flow), new_index)

    def move_touchpoint(
        self,
        touchpoint_id: str,
        persona_id: str | None = None,
        stage_id: str | None = None,
        index: int | None = None,
    ) -> tuple[str, str, int]:
        """Put a card in another cell and/or at another place in the list.

        `index` is the card's index in `touchpoints` after the move (see
        `cell_insert_index`); None keeps its place. Returns (persona, stage,
        index) as they were, which is exactly the call that undoes this one.
        """
        old = self._expect(touchpoint_id, Touchpoint)
        persona_id = old.persona if persona_id is None else persona_id
        stage_id = old.stage if stage_id is None else stage_id
        self._expect(persona_id, Persona)
        self._expect(stage_id, Stage)
        items = self._map.touchpoints
        old_index = self.index_of(touchpoint_id)
        new_index = old_index if index is None else index
        if not 0 <= new_index < len(items):
            raise DocumentError(f"index {new_index} is outside the touchpoint list")
        if (persona_id, stage_id, new_index) == (old.persona, old.stage, old_index):
            return old.persona, old.stage, old_index
        new = old.model_copy(update={"persona": persona_id, "stage": stage_id})
        del items[old_index]
        items.insert(new_index, new)
        self._by_id[new.id] = new
        self._emit(ElementMoved(old, new, old_index, new_index))
        return old.persona, old.stage, old_index

    # -- changing fields -------------------------------------------------
    def validate_field(self, element_id: str, field: str, value: Any) -> Any:
        """The value as `set_field` would store it; raises DocumentError if it would be refused."""
        return getattr(self._changed_element(element_id, field, value), field)

    def set_field(self, element_id: str, field: str, value: Any) -> Any:
        """Set one field of a persona, stage, touchpoint or flow. Returns the old value."""
        old = self.get(element_id)
        new = self._changed_element(element_id, field, value)
        old_value = getattr(old, field)
        if getattr(new, field) == old_value:
            return old_value
        items = self._list_for(old)
        items[self.index_of(element_id)] = new
        self._by_id[element_id] = new
        self._index_items(old, False)
        self._index_items(new, True)
        self._emit(ElementChanged(old, new, field))
        return old_value

    # -- internals -------------------------------------------------------
    def _changed_element(self, element_id: str, field: str, value: Any) -> Element:
        old = self.get(element_id)
        noun = _NOUN[_COLLECTION_OF[type(old)]]
        if field == "id":
            raise DocumentError("ids cannot be changed")
        if field not in type(old).model_fields:
            raise DocumentError(f"a {noun} has no field {field!r}")
        raw = old.model_dump()
        raw[field] = _with_ids(value) if field in ITEM_FIELDS else value
        try:
            new = type(old).model_validate(raw)
        except ValidationError as exc:
            raise DocumentError(_first_reason(exc, noun)) from None
        self._check_references(new)
        return new

    def _emit(self, event: DocumentEvent) -> None:
        self.changed.emit(event)

    def _reindex(self) -> None:
        self._by_id = {}
        self._items = {}
        for key in ("personas", "stages", "touchpoints", "flows"):
            for element in getattr(self._map, key):
                self._by_id[element.id] = element
                self._index_items(element, True)

    def _index_items(self, element: Element, present: bool) -> None:
        for item_id in item_ids(element):
            if present:
                self._items[item_id] = element.id
            elif self._items.get(item_id) == element.id:
                del self._items[item_id]

    def _list_for(self, element: Element) -> list[Any]:
        return getattr(self._map, _COLLECTION_OF[type(element)])

    def _expect(self, element_id: str, kind: type) -> Any:
        element = self._by_id.get(element_id)
        if not isinstance(element, kind):
            raise DocumentError(f"no {_NOUN[_COLLECTION_OF[kind]]} with id {element_id!r}")
        return element

    def _check_references(self, element: Element) -> None:
        ids = item_ids(element)
        if len(set(ids)) != len(ids) or element.id in ids:
            raise DocumentError("two of its items have the same id")
        for item_id in ids:
            owner = self._items.get(item_id)
            if item_id in self._by_id or (owner is not None and owner != element.id):
                raise DocumentError(f"id {item_id!r} is already used")
        if isinstance(element, Touchpoint):
            self._expect(element.persona, Persona)
            self._expect(element.stage, Stage)
        elif isinstance(element, Flow):
            self._expect(element.source, Touchpoint)
            self._expect(element.target, Touchpoint)

    def check_add(self, element: Element, index: int | None = None) -> int:
        """The index `add` would put the element at; raises DocumentError if it would be refused."""
        kind = _COLLECTION_OF.get(type(element))
        if kind is None:
            raise DocumentError(f"cannot add a {type(element).__name__} to a map")
        if element.id in self._by_id or element.id in self._items:
            raise DocumentError(f"id {element.id!r} is already used")
        items = getattr(self._map, kind)
        if len(items) >= _LIMITS[kind]:
            raise DocumentError(_full(kind).format(limit=f"{_LIMITS[kind]:,}"))
        self._check_references(element)
        index = len(items) if index is None else index
        if not 0 <= index <= len(items):
            raise DocumentError(f"index {index} is outside the {kind} list")
        return index

    def _add(self, element: Element, index: int | None) -> int:
        index = self.check_add(element, index)
        items = getattr(self._map, _COLLECTION_OF[type(element)])
        items.insert(index, element)
        self._by_id[element.id] = element
        self._index_items(element, True)
        self._emit(ElementAdded(element, index))
        return index

    def _remove_checked(self, element_id: str, kind: type, cascade: bool) -> Removal:
        element = self._expect(element_id, kind)
        dependents = self.dependents(element_id)
        if dependents and not cascade:
            noun = _NOUN[_COLLECTION_OF[type(dependents[-1])]]
            raise DocumentError(
                f"{len(dependents)} element(s) still refer to {element_id!r} (first a {noun}); remove them first"
            )
        removal: Removal = []
        # Flows, then cards, then the element: each group from the end of its list, so one scan
        # finds every index and removing one does not move the others (restore re-adds in reverse).
        flows = [d for d in dependents if isinstance(d, Flow)]
        cards = [d for d in dependents if isinstance(d, Touchpoint)]
        for group in (flows, cards, [element]):
            removal.extend(self._remove_group(group))
        return removal

    def _remove_group(self, elements: list[Element]) -> Removal:
        if not elements:
            return []
        items = self._list_for(elements[0])
        wanted = {e.id for e in elements}
        indexes = [i for i, item in enumerate(items) if item.id in wanted]
        removed: Removal = []
        for index in reversed(indexes):
            element = items[index]
            del items[index]
            del self._by_id[element.id]
            self._index_items(element, False)
            self._emit(ElementRemoved(element, index))
            removed.append((element, index))
        return removed

    def _move(self, element: Element, new_index: int) -> int:
        items = self._list_for(element)
        old_index = self.index_of(element.id)
        if not 0 <= new_index < len(items):
            raise DocumentError(f"index {new_index} is outside the list")
        if new_index != old_index:
            del items[old_index]
            items.insert(new_index, element)
            self._emit(ElementMoved(element, element, old_index, new_index))
        return old_index


def _with_ids(value: Any) -> Any:
    """A list of items given as data, each new one (without an id) with a fresh id: a script or a form can
    add a pain point as {"text": ...}. Anything else is left for validation to judge."""
    if not isinstance(value, list):
        return value
    return [{"id": new_id(), **item} if isinstance(item, dict) and "id" not in item else item for item in value]


def item_ids(element: Element) -> list[str]:
    """The ids of an element's KPIs, pain points, opportunities and quotes (format 2: one id space)."""
    fields = ITEM_LISTS.get(_COLLECTION_OF.get(type(element), ""), ())
    return [item.id for field in fields for item in getattr(element, field)]


def _full(kind: Collection) -> str:
    """What the editor says when a list of the map is full (the reader sees it when adding)."""
    if kind == "personas":
        return _("a map holds at most {limit} personas")
    if kind == "stages":
        return _("a map holds at most {limit} stages")
    if kind == "touchpoints":
        return _("a map holds at most {limit} touchpoints")
    return _("a map holds at most {limit} flows")


def _first_reason(exc: ValidationError, noun: str) -> str:
    return describe_validation_error(exc, noun)[0]
