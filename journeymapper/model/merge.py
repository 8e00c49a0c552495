"""Three-way merge of two versions of one map (ours, theirs) made from a common base, by element id.

Qt-free: `journeymapper merge`, git's merge driver and the editor's compare and changed-on-disk merge use it.
What each side changed is the diff by id (`diff.py`) of that side against the base; changes to different
elements, fields or items combine. The same field changed both ways differently is a `Conflict`, and the
merged map keeps ours; the same change on both sides is no conflict. An element (or item) removed on one
side and changed on the other is a conflict too, and ours' choice is kept (removed, or kept as ours has it).

Lists without ids (a persona's goals, a KPI's readings, an opportunity's addressed pain points) combine
when both sides only added to them; otherwise they are one value like any other field. A KPI's readings
are keyed by their day (the editor corrects a day's reading rather than adding a second): both sides
adding one on the same day differently keeps ours' and is a conflict (field "readings", the two readings).
An opportunity left answering a pain point one side removed no longer names it (a "repaired" conflict).

Order: each ordered group (the stages, the personas, the flows, the cards of one cell, the items of one
list) takes theirs' order when only theirs reordered it, else ours'; both reordering differently is a
conflict (ours kept). What one side added goes after what preceded it on that side.

The merged map is always valid (schema and integrity rules):
- a card kept in a stage or lane the other side removed brings that stage or persona back (a conflict:
  nothing written on a card is lost);
- a flow whose card is gone is dropped (a conflict);
- an id used twice, or a list over the format's limits, keeps ours and leaves out the other (a conflict).
The merged map's `modified` is the later of the two sides'.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..i18n import _
from .diff import COLLECTIONS, diff_maps, item_changes
from .diff_words import Places, field_words, spoken_value
from .merge_repair import keep_valid
from .messages import label
from .schema import ITEM_LISTS, MAX_LIST_ITEMS, MAX_READINGS, Map

Json = dict[str, Any]
_COMBINED_LISTS = {"goals": MAX_LIST_ITEMS, "needs": MAX_LIST_ITEMS, "frustrations": MAX_LIST_ITEMS,
                   "addresses": MAX_LIST_ITEMS, "readings": MAX_READINGS}
"""Lists without ids that combine when both sides only added to them (with the format's limit)."""


@dataclass(frozen=True)
class Conflict:
    """Something both sides changed differently; the merged map keeps ours.

    `kind` says what happened: "changed" (both sides changed `field` differently; "<list> order" for an
    order both sides changed), "removed" (the element or item was removed on one side and changed on the
    other; `field` is "") or "repaired" (brought back or left out to keep the merged map valid; `field`
    is "").
    For an item (a KPI, a pain point, an opportunity, a quote) `item_list` names its list and `item_id`
    it; `element_id` is then the element that holds it. Map-wide conflicts have `collection` "map" and
    the map's id. Values are JSON values (None: not there)."""

    element_id: str
    field: str
    base: Any
    ours: Any
    theirs: Any
    description: str
    collection: str = ""
    item_list: str = ""
    item_id: str | None = None
    kind: str = "changed"


@dataclass(frozen=True)
class MergeResult:
    map: Map
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge_maps(base: Map, ours: Map, theirs: Map) -> MergeResult:
    """Merge what `ours` and `theirs` each changed from `base` (see the module's docstring)."""
    return _Merge(base, ours, theirs).run()


def _by_id(items: Iterable[Json]) -> dict[str, Json]:
    return {item["id"]: item for item in items}


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _only_added(before: list[Any], after: list[Any]) -> bool:
    return not Counter(map(_key, before)) - Counter(map(_key, after))


def _added(before: list[Any], after: list[Any]) -> list[Any]:
    """What `after` has beyond `before`, counted (a second copy of an item is an addition too)."""
    left = Counter(map(_key, before))
    added = []
    for item in after:
        if left[_key(item)] > 0:
            left[_key(item)] -= 1
        else:
            added.append(item)
    return added


def _readings_by_day(readings: list[Json]) -> dict[Any, list[str]]:
    days: dict[Any, list[str]] = {}
    for reading in readings:
        days.setdefault(reading["date"], []).append(_key(reading))
    return {day: sorted(keys) for day, keys in days.items()}


def _days_both_filled_differently(ours_added: list[Json], theirs_added: list[Json]) -> list[Any]:
    """The days on which both sides added readings, and not the same ones."""
    ours_days, theirs_days = _readings_by_day(ours_added), _readings_by_day(theirs_added)
    return sorted(day for day in ours_days.keys() & theirs_days.keys() if ours_days[day] != theirs_days[day])


def three_way(key: str, base: Any, ours: Any, theirs: Any) -> tuple[Any, bool]:
    """One value merged: (the value, whether it is a conflict, in which case the value is ours)."""
    if ours == theirs or theirs == base:
        return ours, False
    if ours == base:
        return theirs, False
    if key in _COMBINED_LISTS and isinstance(base, list) and _only_added(base, ours) and _only_added(base, theirs):
        ours_added, theirs_added = _added(base, ours), _added(base, theirs)
        if key == "readings" and _a_day_holds_several(ours_added, theirs_added):
            return ours, True  # no one reading of that day to set against the other's: the list is one value
        more = Counter(map(_key, theirs_added)) - Counter(map(_key, ours_added))
        combined = list(ours)
        ours_days = {reading["date"] for reading in ours_added} if key == "readings" else set()
        for item in theirs:  # what theirs added that ours did not add too
            if more[_key(item)] > 0 and (key != "readings" or item["date"] not in ours_days):
                more[_key(item)] -= 1
                combined.append(item)
        if key == "readings":  # oldest first, as the format keeps them
            combined.sort(key=lambda reading: (reading["date"], _key(reading)))  # (two of one day: either way)
        if len(combined) <= _COMBINED_LISTS[key]:
            return combined, False
    return ours, True


def _a_day_holds_several(ours_added: list[Json], theirs_added: list[Json]) -> bool:
    """Whether a day both sides filled differently has more than one new reading on a side (a hand-written
    file can hold two readings of one day; the editor keeps one)."""
    added = (_readings_by_day(ours_added), _readings_by_day(theirs_added))
    return any(len(side[day]) > 1 for day in _days_both_filled_differently(ours_added, theirs_added)
               for side in added)


def same_day_readings(base: list[Json], ours: list[Json], theirs: list[Json]) -> list[tuple[Json, Json]]:
    """(ours', theirs') readings both sides added on the same day, differently: the editor corrects a
    day's reading rather than adding a second, so the day is a reading's key and `three_way` keeps ours'.
    Each such day has one new reading on each side (see `_a_day_holds_several`)."""
    if not (_only_added(base, ours) and _only_added(base, theirs)):
        return []  # (then the whole list is one conflict)
    ours_added, theirs_added = _added(base, ours), _added(base, theirs)
    ours_on, theirs_on = {r["date"]: r for r in ours_added}, {r["date"]: r for r in theirs_added}
    return [(ours_on[day], theirs_on[day]) for day in _days_both_filled_differently(ours_added, theirs_added)]


def _reading_words(reading: Json) -> str:
    value = spoken_value("value", reading["value"])
    if not reading.get("note"):
        return value
    # TRANSLATORS: a KPI's reading and its note: 42 (“after the campaign”)
    return _("{value} ({note})").format(value=value, note=spoken_value("note", reading["note"]))


@dataclass
class _Pending:
    """A conflict found before the merged map's names are known; `words` says it once they are."""

    conflict: dict[str, Any]
    words: Callable[[Places], str]


class _Merge:
    def __init__(self, base: Map, ours: Map, theirs: Map) -> None:
        self.maps = (base, ours, theirs)
        self.b, self.o, self.t = (m.model_dump(mode="json") for m in self.maps)
        self.changed = [{collection: {c.element_id for c in diff.of(collection, "changed")} for collection in COLLECTIONS}
                        for diff in (diff_maps(base, ours), diff_maps(base, theirs))]
        """Per side (ours, theirs), per collection: the ids of the elements that side changed (the diff by id)."""
        self.pending: list[_Pending] = []
        self.refused: set[str] = set()
        """Ids left out to keep the map valid: never brought back."""

    # -- conflicts -------------------------------------------------------------------------
    def conflict(self, words: Callable[[Places], str], element_id: str, field_name: str, base: Any, ours: Any,
                 theirs: Any, collection: str, item_list: str = "", item_id: str | None = None,
                 kind: str = "repaired") -> None:
        self.pending.append(_Pending({"element_id": element_id, "field": field_name, "base": base, "ours": ours,
                                      "theirs": theirs, "collection": collection, "item_list": item_list,
                                      "item_id": item_id, "kind": kind}, words))

    def field_conflict(self, collection: str, element_id: str, key: str, values: tuple[Any, Any, Any],
                       item_list: str = "", item: Json | None = None) -> None:
        def words(places: Places) -> str:
            where = self.where(places, collection, element_id, item_list, item)
            if key.endswith(" order"):  # (the values are ids: nothing to show a person)
                things = label(key.removesuffix(" order"))
                # TRANSLATORS: {things} names a list: "the pain points were put in different orders..."
                return _("{where}: the {things} were put in different orders on both sides: ours "
                         "kept").format(where=where, things=things)
            ours, theirs = (self.value_words(places, collection, key, v) for v in values[1:])
            # TRANSLATORS: a field both sides of a merge changed: "Card “Pay”: emotion: ours +1, theirs −1"
            return _("{where}: {field}: ours {ours}, theirs {theirs}").format(
                where=where, field=field_words(key, item_list or collection), ours=ours, theirs=theirs)
        self.conflict(words, element_id, key, *values, collection, item_list, item and item["id"], "changed")

    def reading_conflict(self, collection: str, element_id: str, kpi: Json, ours: Json, theirs: Json) -> None:
        def words(places: Places) -> str:
            where = self.where(places, collection, element_id, "kpis", kpi)
            return _("{where}: reading of {date}: ours {ours}, theirs {theirs}: ours kept").format(
                where=where, date=ours["date"], ours=_reading_words(ours), theirs=_reading_words(theirs))
        self.conflict(words, element_id, "readings", None, ours, theirs, collection, "kpis", kpi["id"], "changed")

    def removal_conflict(self, collection: str, element_id: str, removed_by: str, values: tuple[Any, Any, Any],
                         item_list: str = "", item: Json | None = None) -> None:
        def words(places: Places) -> str:
            where = self.where(places, collection, element_id, item_list, item)
            if removed_by == "ours":
                return _("{where}: removed in ours, changed in theirs: kept removed").format(where=where)
            return _("{where}: removed in theirs, changed in ours: kept").format(where=where)
        self.conflict(words, element_id, "", *values, collection, item_list, item and item["id"], "removed")

    def where(self, places: Places, collection: str, element_id: str, item_list: str, item: Json | None) -> str:
        if collection == "map":
            return _("Map")
        if item is not None:
            return places.item(collection, element_id, item_list, item)
        return places.element(collection, element_id)

    @staticmethod
    def value_words(places: Places, collection: str, key: str, value: Any) -> str:
        if collection == "touchpoints" and key == "stage" and value in places.stages:
            return spoken_value(key, places.stages[value])
        if collection == "touchpoints" and key == "persona" and value in places.personas:
            return spoken_value(key, places.personas[value])
        if collection == "flows" and key in ("source", "target") and value in places.cards:
            return places.card_title(value)
        return spoken_value(key, value)

    # -- the merge -------------------------------------------------------------------------
    def run(self) -> MergeResult:
        merged: Json = {key: value for key, value in self.o.items() if key not in COLLECTIONS}
        for key in merged:
            if key != "modified":
                merged[key] = self.map_field(key)
        merged["modified"] = max(self.maps[1].modified, self.maps[2].modified)
        if merged["state"] != "future" and merged["based_on"] is not None:  # each side valid, the two not
            merged["state"], merged["based_on"] = self.o["state"], self.o["based_on"]
            self.field_conflict("map", self.o["id"], "state", (self.b["state"], self.o["state"], self.t["state"]))
        elements = {c: self.collection(c) for c in COLLECTIONS}
        keep_valid(self, elements)
        for collection in COLLECTIONS:
            merged[collection] = self.ordered(collection, elements[collection])
        the_map = Map.model_validate(merged)
        places = Places(the_map, self.maps[1], self.maps[2], self.maps[0])
        conflicts = [Conflict(description=p.words(places), **p.conflict) for p in self.pending]
        return MergeResult(the_map, conflicts)

    def map_field(self, key: str) -> Any:
        values = (self.b[key], self.o[key], self.t[key])
        value, conflicted = three_way(key, *values)
        if conflicted:
            self.field_conflict("map", self.o["id"], key, values)
        return value

    def collection(self, collection: str) -> dict[str, Json]:
        """The merged elements of one collection, by id (unordered)."""
        return self.by_id(collection, *(_by_id(side[collection]) for side in (self.b, self.o, self.t)),
                          self.changed[0][collection], self.changed[1][collection])

    def by_id(self, collection: str, b: dict[str, Json], o: dict[str, Json], t: dict[str, Json],
              ours_changed: set[str], theirs_changed: set[str], holder: str = "", item_list: str = "",
              ) -> dict[str, Json]:
        """Elements (or, with `holder`, the items of one list of element `holder`) merged by id."""
        merged: dict[str, Json] = {}
        for i in {**b, **o, **t}:
            element_id, item = (holder, o.get(i) or t.get(i) or b.get(i)) if holder else (i, None)
            if i in o and i in t:
                if i in b and not (i in ours_changed and i in theirs_changed):
                    merged[i] = t[i] if i in theirs_changed else o[i]
                else:  # changed on both sides, or added on both with the same id
                    merged[i] = self.fields(collection, b.get(i, {}), o[i], t[i], holder, item_list)
            elif i not in b:
                merged[i] = o.get(i) or t[i]  # added on one side
            elif i in o and i in ours_changed:
                self.removal_conflict(collection, element_id, "theirs", (b[i], o[i], None), item_list, item)
                merged[i] = o[i]
            elif i in t and i in theirs_changed:
                self.removal_conflict(collection, element_id, "ours", (b[i], None, t[i]), item_list, item)
        return merged

    def fields(self, collection: str, b: Json, o: Json, t: Json, holder: str, item_list: str) -> Json:
        """One element (or item) both sides changed, field by field; its item lists item by item."""
        merged = dict(o)
        item_keys = () if holder else ITEM_LISTS.get(collection, ())
        for key in o:
            if key in item_keys:
                merged[key] = self.items(collection, o["id"], key, b.get(key, []), o[key], t[key])
                continue
            values = (b.get(key), o[key], t[key])
            merged[key], conflicted = three_way(key, *values)
            if key == "readings" and not conflicted and holder:
                for ours_reading, theirs_reading in same_day_readings(b.get(key, []), o[key], t[key]):
                    self.reading_conflict(collection, holder, o, ours_reading, theirs_reading)
            if conflicted:
                if holder:
                    self.field_conflict(collection, holder, key, values, item_list, o)
                else:
                    self.field_conflict(collection, o["id"], key, values)
        return merged

    def items(self, collection: str, element_id: str, key: str, b: list[Json], o: list[Json],
              t: list[Json]) -> list[Json]:
        """The items of one list of an element both sides changed, merged by id (see `by_id`)."""
        if o == t or t == b:
            return o
        if o == b:
            return t
        changed = [{c.item_id for c in item_changes(b, side, key) if c.kind == "changed"} for side in (o, t)]
        ours = _by_id(o)
        merged = self.by_id(collection, _by_id(b), ours, _by_id(t), *changed, holder=element_id, item_list=key)
        ids = tuple([i["id"] for i in side] for side in (b, o, t))
        order, conflicted = arrange(*ids, merged, {i for i in merged if i not in ours})
        if conflicted:
            self.field_conflict(collection, element_id, f"{key} order", ids)
        return _within_limit(self, collection, element_id, key, [merged[i] for i in order], ours, MAX_LIST_ITEMS)

    # -- order -----------------------------------------------------------------------------
    def ordered(self, collection: str, merged: dict[str, Json]) -> list[Json]:
        sides = [[e["id"] for e in side[collection]] for side in (self.b, self.o, self.t)]
        ours_ids = set(sides[1])
        if collection != "touchpoints":
            order, conflicted = arrange(*sides, merged, {i for i in merged if i not in ours_ids})
            if conflicted and collection != "flows":  # (a flow's place in the list shows nowhere)
                self.field_conflict("map", self.o["id"], f"{collection} order", tuple(sides))
            return [merged[i] for i in order]
        layout, _conflicted = arrange(*sides, merged, {i for i in merged if i not in ours_ids})
        cell_of = [{c["id"]: (c["stage"], c["persona"]) for c in side["touchpoints"]} for side in (self.b, self.o, self.t)]
        merged_cell = {i: (card["stage"], card["persona"]) for i, card in merged.items()}
        in_cells: dict[tuple[str, str], tuple[list[str], list[str], list[str]]] = {
            cell: ([], [], []) for cell in merged_cell.values()}
        for n, side_ids in enumerate(sides):  # each side's order of the cards of each merged cell
            for i in side_ids:
                if i in merged_cell:
                    in_cells[merged_cell[i]][n].append(i)
        slots: dict[tuple[str, str], list[int]] = {}
        for n, i in enumerate(layout):
            slots.setdefault(merged_cell[i], []).append(n)
        result = list(layout)
        for cell, cell_sides in in_cells.items():
            members = set(cell_sides[1]) | set(cell_sides[2])
            stable = {i for i in members if all(side.get(i) == cell for side in cell_of)}
            by_theirs = {i for i in members if cell_of[1].get(i) != cell}
            order, conflicted = arrange(*cell_sides, members, by_theirs, stable)
            if conflicted:
                self.order_conflict(cell, tuple([i for i in side if i in stable] for side in cell_sides))
            for slot, i in zip(slots[cell], order):
                result[slot] = i
        return [merged[i] for i in result]

    def order_conflict(self, cell: tuple[str, str], values: tuple[Any, Any, Any]) -> None:
        def words(places: Places) -> str:
            return _("{where}: the cards were put in different orders on both sides: ours kept").format(
                where=places.cell(*cell))
        self.conflict(words, self.o["id"], "touchpoints order", *values, "map", kind="changed")


def arrange(base: list[str], ours: list[str], theirs: list[str], members: dict[str, Any] | set[str],
            by_theirs: set[str], stable: set[str] | None = None) -> tuple[list[str], bool]:
    """The order of `members` (ids): the order of the `stable` ones (by default those on all three
    sides) is theirs' when only theirs changed it, else ours' (both changed it differently: conflict);
    each other member goes after what precedes it on its side (theirs for `by_theirs`, else ours)."""
    ours, theirs = [i for i in ours if i in members], [i for i in theirs if i in members]
    if stable is None:
        stable = set(ours) & set(theirs) & set(base)
    seq_b, seq_o, seq_t = ([i for i in side if i in stable] for side in (base, ours, theirs))
    primary = seq_t if seq_o == seq_b else seq_o
    conflicted = seq_o != seq_b and seq_t != seq_b and seq_o != seq_t
    placed = set(primary)
    after: dict[str | None, list[str]] = {}
    for side, chosen in ((theirs, by_theirs), (ours, set(members) - by_theirs)):
        last: str | None = None
        for i in side:
            if i not in placed and i in chosen:
                after.setdefault(last, []).append(i)
                placed.add(i)
            if i in placed:
                last = i
    order: list[str] = []
    for start in [None, *primary]:
        stack = [start] if start is not None else list(reversed(after.get(None, [])))
        while stack:
            i = stack.pop()
            order.append(i)
            stack.extend(reversed(after.get(i, [])))
    seen = set(order)
    order += [i for i in members if i not in seen]  # (none: every member is on a side)
    return order, conflicted


def _within_limit(merge: _Merge, collection: str, element_id: str, key: str, items: list[Json],
                  ours: dict[str, Json], limit: int) -> list[Json]:
    """At most `limit` items: what only theirs added is left out, from the end (a conflict each)."""
    extra = len(items) - limit
    if extra <= 0:
        return items
    dropped = [item for item in reversed(items) if item["id"] not in ours][:extra]
    for item in dropped:
        merge.refused.add(item["id"])

        def words(places: Places, item: Json = item) -> str:
            return _("{where}: left out: more than {limit} of them").format(
                where=merge.where(places, collection, element_id, key, item), limit=limit)
        merge.conflict(words, element_id, "", None, None, item, collection, key, item["id"])
    gone = {item["id"] for item in dropped}
    return [item for item in items if item["id"] not in gone]


__all__ = ["Conflict", "MergeResult", "arrange", "merge_maps", "three_way"]
