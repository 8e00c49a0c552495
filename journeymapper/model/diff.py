"""What changed between two maps, element by element, matched by id.

Qt-free: the same engine serves `journeymapper diff`, a future-state map against today's (which keeps
today's ids), and two versions of one shared file. Elements are matched by id, never by position or
title: a card moved to another stage is one card whose stage changed, a renamed card one whose title
changed. Within an element, lists whose items have ids (KPIs, pain points, opportunities, quotes) are
matched by id too, so one pain point reworded is said as that, not as a whole list replaced.

Order is a change too (`Move`): a stage put in another column, a persona in another lane, a card at
another place in its cell. Only the elements a person moved are named: those outside the longest run
that kept its order (moving one card to the top moves one card, not every card it passed). A move
also names the unmoved neighbour it now follows (or precedes): its place number alone may not change
when other elements came or went.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel

from .schema import ITEM_FIELDS, Map

COLLECTIONS = ("personas", "stages", "touchpoints", "flows")
_MAP_FIELDS = ("title", "description", "owner", "language", "state", "based_on", "review_by")


@dataclass(frozen=True)
class FieldChange:
    """One field of one element: `old` and `new` as JSON values (items: see `ItemChange`)."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ItemChange:
    """An item (a KPI, a pain point, an opportunity, a quote) of an element's list: added, removed or changed."""

    field: str
    item_id: str
    kind: str
    """"added", "removed" or "changed"."""
    old: dict[str, Any] | None
    new: dict[str, Any] | None


@dataclass(frozen=True)
class ElementChange:
    collection: str
    element_id: str
    kind: str
    """"added", "removed" or "changed"."""
    name: str
    """The element's title or name (the new one when it changed): how a person knows it."""
    fields: tuple[FieldChange, ...] = ()
    items: tuple[ItemChange, ...] = ()


@dataclass(frozen=True)
class Move:
    """An element put at another place in the order the map shows: a stage in another column, a persona
    in another lane, a card at another place in its cell (`old_place`, `new_place`: 1 is the first). A
    card put in another cell is a change of its `stage` or `persona` field instead (an `ElementChange`)."""

    collection: str
    element_id: str
    name: str
    old_place: int
    new_place: int
    after: str | None = None
    """The id of the element it now follows that was not moved (None: `before` says where it went)."""
    before: str | None = None
    """The id of the element not moved that it now precedes, when no such element comes before it."""


@dataclass(frozen=True)
class MapDiff:
    map_fields: tuple[FieldChange, ...] = ()
    elements: tuple[ElementChange, ...] = field(default_factory=tuple)
    moves: tuple[Move, ...] = ()

    @property
    def same(self) -> bool:
        return not self.map_fields and not self.elements and not self.moves

    def of(self, collection: str, kind: str | None = None) -> list[ElementChange]:
        return [c for c in self.elements if c.collection == collection and (kind is None or c.kind == kind)]


def _name(element: BaseModel) -> str:
    for key in ("title", "name", "label"):
        value = getattr(element, key, None)
        if isinstance(value, str) and value:
            return value
    return ""


def item_changes(old: list[dict[str, Any]], new: list[dict[str, Any]], field_name: str) -> list[ItemChange]:
    """The items of one list (as JSON) removed, added and changed, matched by id."""
    before = {item["id"]: item for item in old}
    after = {item["id"]: item for item in new}
    changes = [ItemChange(field_name, item_id, "removed", item, None) for item_id, item in before.items()
               if item_id not in after]
    for item_id, item in after.items():
        if item_id not in before:
            changes.append(ItemChange(field_name, item_id, "added", None, item))
        elif before[item_id] != item:
            changes.append(ItemChange(field_name, item_id, "changed", before[item_id], item))
    return changes


def _element(collection: str, old: BaseModel, new: BaseModel) -> ElementChange | None:
    before, after = old.model_dump(mode="json"), new.model_dump(mode="json")
    fields: list[FieldChange] = []
    items: list[ItemChange] = []
    for key, value in after.items():
        if before.get(key) == value:
            continue
        if key in ITEM_FIELDS:
            items.extend(item_changes(before.get(key, []), value, key))
            order_before = [i["id"] for i in before.get(key, []) if i["id"] in {j["id"] for j in value}]
            order_after = [i["id"] for i in value if i["id"] in {j["id"] for j in before.get(key, [])}]
            if order_before != order_after:
                fields.append(FieldChange(f"{key} order", order_before, order_after))
        else:
            fields.append(FieldChange(key, before.get(key), value))
    if not fields and not items:
        return None
    return ElementChange(collection, new.id, "changed", _name(new), tuple(fields), tuple(items))  # type: ignore[attr-defined]


def diff_maps(old: Map, new: Map) -> MapDiff:
    """What changed from `old` to `new`: the map's own fields, then each collection's removed, added
    and changed elements, in the new map's order (removed ones in the old map's order)."""
    before, after = (m.model_dump(mode="json", include=set(_MAP_FIELDS)) for m in (old, new))
    map_fields = tuple(FieldChange(key, before[key], after[key]) for key in _MAP_FIELDS if before[key] != after[key])
    elements: list[ElementChange] = []
    titles = {t.id: t.title for t in old.touchpoints} | {t.id: t.title for t in new.touchpoints}

    def name(element: BaseModel) -> str:
        if collection == "flows" and not _name(element):  # a flow without a label: by its two cards
            return f"{titles.get(element.source, '?')} → {titles.get(element.target, '?')}"  # type: ignore[attr-defined]
        return _name(element)

    for collection in COLLECTIONS:
        olds = {e.id: e for e in getattr(old, collection)}
        news = {e.id: e for e in getattr(new, collection)}
        elements += [ElementChange(collection, i, "removed", name(e)) for i, e in olds.items() if i not in news]
        for element_id, element in news.items():
            if element_id not in olds:
                elements.append(ElementChange(collection, element_id, "added", name(element)))
            elif element is not olds[element_id] and element != olds[element_id]:  # (most are the same)
                change = _element(collection, olds[element_id], element)
                if change is not None:
                    elements.append(replace(change, name=name(element)))
    return MapDiff(map_fields, tuple(elements), tuple(_moves(old, new)))


def kept_in_order(old: Sequence[Hashable], new: Sequence[Hashable]) -> set[Hashable]:
    """The longest run of the elements of both lists that kept its order (an element of `new` that
    is not in `old`, or the reverse, is left out): every other common element was moved."""
    position = {key: i for i, key in enumerate(old)}
    common = [key for key in new if key in position]
    tails: list[int] = []  # tails[k]: the index in `common` ending the best increasing run of length k + 1
    before: list[int | None] = [None] * len(common)
    tail_positions: list[int] = []
    for i, key in enumerate(common):
        k = bisect_left(tail_positions, position[key])
        before[i] = tails[k - 1] if k else None
        if k == len(tails):
            tails.append(i)
            tail_positions.append(position[key])
        else:
            tails[k], tail_positions[k] = i, position[key]
    kept: set[Hashable] = set()
    at = tails[-1] if tails else None
    while at is not None:
        kept.add(common[at])
        at = before[at]
    return kept


def _places(ids: Sequence[str]) -> dict[str, int]:
    return {element_id: n for n, element_id in enumerate(ids, start=1)}


def _moves(old: Map, new: Map) -> list[Move]:
    """Stages, personas and cards (within their cell) put elsewhere in the order, in the new map's order."""
    moves: list[Move] = []
    for collection in ("personas", "stages"):
        before = [e.id for e in getattr(old, collection)]
        after = [e.id for e in getattr(new, collection)]
        moves += _moved(collection, before, after, {e.id: _name(e) for e in getattr(new, collection)})

    def cell_of(card: Any) -> tuple[str, str]:
        return card.stage, card.persona

    old_cells = _grouped(old.touchpoints, cell_of)
    new_cells = _grouped(new.touchpoints, cell_of)
    titles = {t.id: t.title for t in new.touchpoints}
    for cell, after in new_cells.items():
        moves += _moved("touchpoints", old_cells.get(cell, []), after, titles)
    order = {t.id: n for n, t in enumerate(new.touchpoints)}
    return sorted(moves, key=lambda m: (COLLECTIONS.index(m.collection), order.get(m.element_id, 0)))


def _grouped(elements: Sequence[Any], key: Callable[[Any], Hashable]) -> dict[Hashable, list[str]]:
    groups: dict[Hashable, list[str]] = {}
    for element in elements:
        groups.setdefault(key(element), []).append(element.id)
    return groups


def _moved(collection: str, before: list[str], after: list[str], names: dict[str, str]) -> list[Move]:
    """The elements of one ordered group that were moved: the common ones outside the run kept in order
    (their places counted among all the group's elements of each map)."""
    common = set(before) & set(after)
    kept = kept_in_order(before, after)
    old_places, new_places = _places(before), _places(after)
    moves = []
    for n, i in enumerate(after):
        if i in common and i not in kept:
            follows = next((j for j in reversed(after[:n]) if j in kept), None)
            precedes = None if follows else next((j for j in after[n + 1:] if j in kept), None)
            moves.append(Move(collection, i, names.get(i, ""), old_places[i], new_places[i], follows, precedes))
    return moves


def to_json(diff: MapDiff) -> dict[str, Any]:
    """The diff as plain data (for `journeymapper diff --format json`)."""
    return {
        "same": diff.same,
        "map": [{"field": f.field, "old": f.old, "new": f.new} for f in diff.map_fields],
        "elements": [
            {"collection": c.collection, "id": c.element_id, "change": c.kind, "name": c.name,
             "fields": [{"field": f.field, "old": f.old, "new": f.new} for f in c.fields],
             "items": [{"field": i.field, "id": i.item_id, "change": i.kind, "old": i.old, "new": i.new}
                       for i in c.items]}
            for c in diff.elements
        ],
        "moves": [{"collection": m.collection, "id": m.element_id, "name": m.name, "old_place": m.old_place,
                   "new_place": m.new_place, "after": m.after, "before": m.before} for m in diff.moves],
    }
