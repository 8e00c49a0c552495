"""Taking theirs: a new map made from ours with parts of another version of it (theirs).

Qt-free. By element, field or list item (a `Pick`), bringing along what the taken part needs (a card's new
stage, a flow's cards) and taking away what depends on a part theirs removed (a stage's cards), so that the
result is always a whole map, checked as a file is when it is opened. The compare of two versions takes
theirs by the rows of `version_changes`; the merge of a change on disk by the conflicts of `model.merge`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ..i18n import _
from ..io.integrity import integrity_problems
from ..model.messages import describe_validation_error
from ..model.schema import Map

COLLECTIONS = ("personas", "stages", "touchpoints", "flows")
PLACE = "place"
"""The pseudo-field of a move (`model.diff.Move`): where the element is in its column, lane or cell."""
ORDER = " order"
"""A list's order, as the diff and the merge name it ("pain_points order", "stages order")."""


class TakeError(ValueError):
    """Theirs cannot be taken as asked (the result would not be a whole map): the reason, in words."""


@dataclass(frozen=True)
class Pick:
    """What to take from theirs: a whole element (`field` None), one field of it, or one item of one of
    its lists. `collection` "map" with a field: one of the map's own fields."""

    collection: str
    element_id: str | None = None
    field: str | None = None
    item_id: str | None = None
    key: str | None = None
    """With `item_id`: only this field of the item (a merge conflict about one field of a pain point)."""


class _Work:
    """Ours being changed: its four lists, copied (elements are frozen and can be shared)."""

    def __init__(self, ours: Map, theirs: Map) -> None:
        self.ours, self.theirs = ours, theirs
        self.lists: dict[str, list[Any]] = {c: list(getattr(ours, c)) for c in COLLECTIONS}
        self.map_fields: dict[str, Any] = {}

    def index(self, collection: str, element_id: str) -> int | None:
        return next((i for i, e in enumerate(self.lists[collection]) if e.id == element_id), None)

    def get(self, collection: str, element_id: str) -> Any:
        found = self.index(collection, element_id)
        return None if found is None else self.lists[collection][found]

    def theirs_of(self, collection: str, element_id: str) -> Any:
        return next((e for e in getattr(self.theirs, collection) if e.id == element_id), None)

    # (what an element needs, and what needs it)
    def ensure(self, collection: str, element_id: str) -> None:
        """The element is in ours, brought from theirs (with what it needs) if it is not."""
        if self.index(collection, element_id) is not None:
            return
        element = self.theirs_of(collection, element_id)
        if element is None:
            raise TakeError(_("It needs something that neither version has."))
        self._needs(collection, element)
        self.lists[collection].append(element)
        self.place_like_theirs(collection, element)

    def _needs(self, collection: str, element: Any) -> None:
        if collection == "touchpoints":
            self.ensure("personas", element.persona)
            self.ensure("stages", element.stage)
        elif collection == "flows":
            self.ensure("touchpoints", element.source)
            self.ensure("touchpoints", element.target)

    def remove(self, collection: str, element_id: str) -> None:
        """Take the element out of ours, with what depends on it (a stage's cards, a card's flows)."""
        cards: set[str] = set()
        if collection in ("personas", "stages"):
            key = "persona" if collection == "personas" else "stage"
            cards = {t.id for t in self.lists["touchpoints"] if getattr(t, key) == element_id}
        elif collection == "touchpoints":
            cards = {element_id}
        if cards:
            self.lists["touchpoints"] = [t for t in self.lists["touchpoints"] if t.id not in cards]
            self.lists["flows"] = [f for f in self.lists["flows"] if f.source not in cards and f.target not in cards]
        self.lists[collection] = [e for e in self.lists[collection] if e.id != element_id]

    def replace(self, collection: str, element: Any) -> None:
        index = self.index(collection, element.id)
        if index is None:
            self.lists[collection].append(element)
        else:
            self.lists[collection][index] = element

    def place_like_theirs(self, collection: str, element: Any) -> None:
        """Put the element where theirs has it: after the nearest one before it in theirs (in the same
        cell, for a card) that ours has too, else before the nearest one after it; else where it is."""
        theirs_list = list(getattr(self.theirs, collection))
        at = next((i for i, e in enumerate(theirs_list) if e.id == element.id), None)
        if at is None:
            return

        def together(other: Any) -> bool:
            return collection != "touchpoints" or (other.persona, other.stage) == (element.persona, element.stage)

        work = self.lists[collection]
        here = self.index(collection, element.id)
        for neighbours, after in ((reversed(theirs_list[:at]), True), (theirs_list[at + 1:], False)):
            for other in neighbours:
                if not together(other):
                    continue
                found = self.index(collection, other.id)
                if found is None or not together(work[found]):
                    continue
                if here is not None:
                    del work[here]
                    found = self.index(collection, other.id)
                work.insert(found + 1 if after else found, element)
                return

    # (the picks)
    def take(self, pick: Pick) -> None:
        if pick.collection == "map":
            self._take_map_field(pick.field)
            return
        collection, element_id = pick.collection, pick.element_id
        theirs = self.theirs_of(collection, element_id)
        if pick.field is None:
            if theirs is None:
                self.remove(collection, element_id)
            else:
                self._needs(collection, theirs)
                self.replace(collection, theirs)
                if collection != "flows":
                    self.place_like_theirs(collection, theirs)
            return
        ours = self.get(collection, element_id)
        if ours is None or theirs is None:  # (gone from one side since: take the whole of it)
            self.take(Pick(collection, element_id))
            return
        if pick.field == PLACE:
            self.place_like_theirs(collection, ours)
        elif pick.item_id is not None:
            self.replace(collection, _with_item(ours, theirs, pick.field, pick.item_id, pick.key))
        elif pick.field.endswith(ORDER):
            field = pick.field[: -len(ORDER)]
            self.replace(collection, ours.model_copy(update={field: _in_their_order(getattr(ours, field),
                                                                                      getattr(theirs, field))}))
        elif pick.field in type(ours).model_fields:
            changed = ours.model_copy(update={pick.field: getattr(theirs, pick.field)})
            self._needs(collection, changed)
            self.replace(collection, changed)
            if collection == "touchpoints" and pick.field in ("persona", "stage"):
                self.place_like_theirs(collection, changed)
        else:  # a difference this version does not know by name (a place, an order): theirs' whole element
            self.take(Pick(collection, element_id))

    def _take_map_field(self, field: str | None) -> None:
        if field is not None and field.endswith(ORDER) and field[: -len(ORDER)] in COLLECTIONS:
            collection = field[: -len(ORDER)]
            self.lists[collection] = in_order(self.lists[collection], [e.id for e in getattr(self.theirs, collection)])
            return
        fields = [field] if field else [f for f in type(self.ours).model_fields if f not in COLLECTIONS]
        if field in ("state", "based_on"):  # (one says what the other may be: taken together)
            fields = ["state", "based_on"]
        for name in fields:
            if name in ("id", "created", "modified"):
                continue
            self.map_fields[name] = getattr(self.theirs, name)

    def result(self) -> Map:
        the_map = self.ours.model_copy(update={**self.map_fields, **self.lists})
        try:  # (the whole map, checked as a file is when it is opened)
            Map.model_validate(the_map.model_dump(mode="json"))
        except ValidationError as exc:
            raise TakeError(describe_validation_error(exc, "map")[0]) from None
        problems = integrity_problems(the_map.model_dump(mode="json"))
        if problems:
            raise TakeError(_in_words(problems[0].plain))
        return the_map


_SAME_ID = " have the same internal id"


def _in_words(problem: str) -> str:
    """An integrity problem as it comes about here: one thing in two places because theirs moved it."""
    if _SAME_ID in problem:
        both = problem.split(_SAME_ID)[0]
        # TRANSLATORS: {both} names two elements ("Card “A” and card “B”") that taking theirs would merge.
        return _("{both} would be one and the same: theirs moved it from one to the other. Select both and take "
                 "them together.").format(both=both)
    return problem


def _with_item(ours: Any, theirs: Any, field: str, item_id: str, key: str | None = None) -> Any:
    """Ours' element with one item of a list as theirs has it (added, changed, or gone; or only its `key`)."""
    mine, their_items = list(getattr(ours, field)), list(getattr(theirs, field))
    wanted = next((i for i in their_items if i.id == item_id), None)
    at = next((k for k, i in enumerate(mine) if i.id == item_id), None)
    if key is not None and wanted is not None and at is not None and key in type(wanted).model_fields:
        mine[at] = mine[at].model_copy(update={key: getattr(wanted, key)})
    elif wanted is None:
        if at is not None:
            del mine[at]
    elif at is not None:
        mine[at] = wanted
    else:
        position = next((k for k, i in enumerate(their_items) if i.id == item_id))
        before = {i.id for i in their_items[:position]}
        insert_at = max((k + 1 for k, i in enumerate(mine) if i.id in before), default=0)
        mine.insert(insert_at, wanted)
    return ours.model_copy(update={field: mine})


def _in_their_order(mine: list[Any], theirs: list[Any]) -> list[Any]:
    """Ours' items, those that theirs has too in theirs' order (in the places they held in ours)."""
    return in_order(mine, [i.id for i in theirs])


def in_order(elements: list[Any], ids: Sequence[str]) -> list[Any]:
    """`elements` with those named in `ids` put in that order, in the places they held; the rest stay."""
    rank = {element_id: n for n, element_id in enumerate(ids)}
    shared = sorted((e for e in elements if e.id in rank), key=lambda e: rank[e.id])
    queue = iter(shared)
    return [next(queue) if e.id in rank else e for e in elements]


def kept_copy(the_map: Map) -> Map:
    """A copy of a map that stays as it is: the Document changes its map's four lists in place."""
    return the_map.model_copy(update={c: list(getattr(the_map, c)) for c in COLLECTIONS})


def take_theirs(ours: Map, theirs: Map, picks: Iterable[Pick]) -> Map:
    """A new map: ours with the picked parts as theirs has them. Raises TakeError (in words) when the
    result would not be a whole map."""
    work = _Work(ours, theirs)
    for pick in picks:
        work.take(pick)
    return work.result()


def take_all(ours: Map, theirs: Map) -> Map:
    """Ours with everything theirs has different: theirs' content, ours' identity and dates."""
    update = {f: getattr(theirs, f) for f in type(ours).model_fields
              if f not in ("id", "created", "modified", *COLLECTIONS)}
    return ours.model_copy(update={**update, **{c: list(getattr(theirs, c)) for c in COLLECTIONS}})


def pick_for_conflict(conflict: Any) -> Pick:
    """What taking theirs means for one conflict of `model.merge` (ours is what the merge kept)."""
    collection, field = conflict.collection or "map", conflict.field
    if collection == "map":
        return Pick("map", field=field or None)
    if conflict.item_id is not None:  # (an item: one field of it, or the whole of it)
        return Pick(collection, conflict.element_id, conflict.item_list, conflict.item_id, field or None)
    return Pick(collection, conflict.element_id, field or None)


def with_theirs_for(merged: Map, theirs: Map, conflicts: Iterable[Any]) -> Map:
    """The merged map with theirs taken for these conflicts. Raises TakeError."""
    work = _Work(merged, theirs)
    for conflict in conflicts:
        if conflict.collection == "map" and conflict.field == f"touchpoints{ORDER}":
            # (the cards of one cell: `theirs` names them in theirs' order)
            work.lists["touchpoints"] = in_order(work.lists["touchpoints"], list(conflict.theirs or ()))
        else:
            work.take(pick_for_conflict(conflict))
    return work.result()


__all__ = ["COLLECTIONS", "ORDER", "PLACE", "Pick", "TakeError", "in_order", "kept_copy", "pick_for_conflict",
           "take_all", "take_theirs", "with_theirs_for"]
