"""What changed between two maps, element by element, matched by id.

Qt-free: the same engine serves `journeymapper diff`, a future-state map against today's (which keeps
today's ids), and two versions of one shared file. Elements are matched by id, never by position or
title: a card moved to another stage is one card whose stage changed, a renamed card one whose title
changed. Within an element, lists whose items have ids (KPIs, pain points, opportunities, quotes) are
matched by id too, so one pain point reworded is said as that, not as a whole list replaced.
"""

from __future__ import annotations

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
class MapDiff:
    map_fields: tuple[FieldChange, ...] = ()
    elements: tuple[ElementChange, ...] = field(default_factory=tuple)

    @property
    def same(self) -> bool:
        return not self.map_fields and not self.elements

    def of(self, collection: str, kind: str | None = None) -> list[ElementChange]:
        return [c for c in self.elements if c.collection == collection and (kind is None or c.kind == kind)]


def _name(element: BaseModel) -> str:
    for key in ("title", "name", "label"):
        value = getattr(element, key, None)
        if isinstance(value, str) and value:
            return value
    return ""


def _items(old: list[dict[str, Any]], new: list[dict[str, Any]], field_name: str) -> list[ItemChange]:
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
            items.extend(_items(before.get(key, []), value, key))
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
    before, after = old.model_dump(mode="json"), new.model_dump(mode="json")
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
            else:
                change = _element(collection, olds[element_id], element)
                if change is not None:
                    elements.append(replace(change, name=name(element)))
    return MapDiff(map_fields, tuple(elements))


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
    }
