"""Two versions of one map, said in words a person reads: what the compare list shows.

Qt-free (the compare panel and the merge dialog show it; tests read it without a window). Built on the
diff by id (`model.diff`): each element that differs is a row, with a detail per field, list item or
move that differs, both values in plain words, and the `Pick` that takes theirs of it (`take_theirs`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..layout.labels import CHANNEL_LABELS, EVIDENCE_LABELS, FLOW_KIND_LABELS, STATUS_LABELS
from ..model.diff import ElementChange, FieldChange, ItemChange, MapDiff, Move
from ..model.messages import NOUNS, label, quoted
from ..model.schema import ITEM_FIELDS, Map
from .take_theirs import COLLECTIONS, ORDER, PLACE, Pick

KIND_WORDS = {"added": "new in theirs", "removed": "not in theirs", "changed": "changed", "moved": "moved"}
"""What a difference is called, seen from this map: theirs has it and we do not, we have it and theirs
does not, both have it but not alike, both have it alike but at another place."""
_PLACE_WORDS = {"stages": "column", "personas": "lane", "touchpoints": "place in its cell"}
VALUE_LIMIT = 120
"""Longer values are cut in the list (in full in its tooltip)."""


@dataclass(frozen=True)
class Detail:
    """One field or list item that differs, with both values in words."""

    label: str
    change: str
    yours: str
    theirs: str
    pick: Pick


@dataclass(frozen=True)
class ChangeRow:
    """One element (or the map itself) that differs between the two versions."""

    pick: Pick
    kind: str
    """"added" (only theirs has it), "removed" (only ours has it), "changed" or "moved" (only its place)."""
    noun: str
    name: str
    where: str
    summary: str
    details: tuple[Detail, ...] = ()

    @property
    def on_canvas(self) -> bool:
        """Whether this map has the element (so the canvas can mark it)."""
        return self.kind != "added"

    @property
    def heading(self) -> str:
        """"Card “Pays the deposit”": how the list names the element."""
        return f"{self.noun} {quoted(self.name)}" if self.name else self.noun


# -- words ---------------------------------------------------------------------------------------
class Names:
    """Names of the elements and list items of both versions (ours wins), looked up when first asked
    for: a big map has thousands, and a list of differences names a few."""

    def __init__(self, ours: Map, theirs: Map) -> None:
        self.maps = (theirs, ours)
        self._of: dict[str, str] | None = None
        self._items: dict[str, str] | None = None

    @property
    def of(self) -> dict[str, str]:
        """Element id -> its title or name."""
        if self._of is None:
            self._of = {}
            for m in self.maps:  # (each kind's name field read directly: pydantic answers a missing one slowly)
                self._of.update((e.id, e.name) for e in (*m.stages, *m.personas))
                self._of.update((e.id, e.title) for e in m.touchpoints)
                self._of.update((e.id, e.label) for e in m.flows if e.label)
        return self._of

    @property
    def items(self) -> dict[str, str]:
        """List item id (a KPI, a pain point...) -> its words."""
        if self._items is None:
            self._items = {}
            for the_map in self.maps:
                for collection in COLLECTIONS:
                    for element in getattr(the_map, collection):
                        for field in ITEM_FIELDS & set(type(element).model_fields):
                            for item in getattr(element, field):
                                self._items[item.id] = _item_words(item.model_dump(mode="json"))
        return self._items

    def name(self, element_id: Any) -> str:
        found = self.of.get(element_id) if isinstance(element_id, str) else None
        return quoted(found) if found else "(not in the map)"


def _cut(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= VALUE_LIMIT else flat[: VALUE_LIMIT - 1].rstrip() + "…"


def _item_words(item: dict[str, Any]) -> str:
    """A list item as a person knows it: its text, or a KPI's name with its latest reading."""
    if "name" in item:  # a KPI
        readings = item.get("readings") or []
        latest = f": {readings[-1]['value']}{' ' + item['unit'] if item.get('unit') else ''}" if readings else ""
        return f"{item['name']}{latest}"
    return str(item.get("text", ""))


def signed(value: Any) -> str:
    return "none" if value is None else f"{value:+d}".replace("-", "−")


def say(field: str, value: Any, names: Names | None = None) -> str:
    """A field's value in words: names for ids, labels for choices, "(none)" for nothing."""
    if value is None or value == "" or value == []:
        return "(none)"
    if field == "emotion" and isinstance(value, int):
        return signed(value)
    if names is not None and field in ("stage", "persona", "source", "target"):
        return names.name(value)
    if field == "channel":
        return CHANNEL_LABELS.get(value, str(value))
    if field == "evidence":
        return EVIDENCE_LABELS.get(value, str(value))
    if field == "kind":
        return FLOW_KIND_LABELS.get(value, str(value))
    if field == "status":
        return STATUS_LABELS.get(value, str(value))
    if field.endswith(ORDER) and isinstance(value, list):
        shown = [(names.items.get(i) or names.of.get(i, "?")) if names else str(i) for i in value]
        return _cut(" · ".join(f"{n}. {text}" for n, text in enumerate(shown, 1)))
    if field == "readings" and isinstance(value, list):
        latest = value[-1]
        return _cut(f"{len(value)} reading{'' if len(value) == 1 else 's'}, latest {latest.get('value')} "
                    f"on {latest.get('date')}")
    if field == "addresses" and isinstance(value, list):
        return _cut("; ".join(names.items.get(i, "?") if names else str(i) for i in value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return _cut(_item_words(value) or str(value.get("title", "")) or ", ".join(map(str, value.values())))
    if isinstance(value, list):
        return _cut("; ".join(_item_words(v) if isinstance(v, dict) else str(v) for v in value))
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return _cut(str(value))


def field_label(field: str, collection: str | None = None) -> str:
    if field.endswith(ORDER):
        noun = NOUNS.get(field[: -len(ORDER)], "item")
        return f"order of the {noun}s" if not noun.endswith("y") else f"order of the {noun[:-1]}ies"
    return label(field, collection)


def _field_detail(collection: str, element_id: str | None, change: FieldChange, names: Names) -> Detail:
    return Detail(field_label(change.field, collection), "changed", say(change.field, change.old, names),
                  say(change.field, change.new, names), Pick(collection, element_id, change.field))


def _item_detail(collection: str, element_id: str, change: ItemChange, names: Names) -> Detail:
    noun = NOUNS.get(change.field, change.field)
    pick = Pick(collection, element_id, change.field, change.item_id)
    if change.kind != "changed" or change.old is None or change.new is None:
        yours = _item_words(change.old) if change.old else "(none)"
        theirs = _item_words(change.new) if change.new else "(none)"
        return Detail(noun, KIND_WORDS.get(change.kind, change.kind), _cut(yours), _cut(theirs), pick)
    keys = [k for k in change.new if change.old.get(k) != change.new.get(k)]
    if len(keys) == 1:
        key = keys[0]
        what = f"{noun} {quoted(_item_words(change.new), 40)}: {label(key)}"
        return Detail(what, "changed", say(key, change.old.get(key), names), say(key, change.new.get(key), names),
                      pick)
    both = [(f"{label(k)}: {say(k, change.old.get(k), names)}", f"{label(k)}: {say(k, change.new.get(k), names)}")
            for k in keys]
    return Detail(noun, "changed", _cut("; ".join(a for a, _ in both)), _cut("; ".join(b for _, b in both)), pick)


def _where(change: ElementChange, cards: tuple[dict[str, Any], dict[str, Any]], names: Names) -> str:
    """Where a card is: "Persona · Stage" (in the version that has it; ours when both do)."""
    if change.collection != "touchpoints":
        return ""
    card = cards[0].get(change.element_id) if change.kind != "added" else cards[1].get(change.element_id)
    if card is None:
        return ""
    return f"{names.of.get(card.persona, '?')} · {names.of.get(card.stage, '?')}"


def _move_detail(move: Move, names: Names) -> Detail:
    """Where it was and where it is: by number, or, when the number stayed (others came or went), by the
    unmoved neighbour it is next to now."""
    noun = _PLACE_WORDS.get(move.collection, PLACE)
    now = f"{noun} {move.new_place}"
    if move.old_place == move.new_place and (move.after or move.before):
        now = f"after {names.name(move.after)}" if move.after else f"before {names.name(move.before)}"
    return Detail("place", "moved", f"{noun} {move.old_place}", now, Pick(move.collection, move.element_id, PLACE))


def _summary(kind: str, details: Sequence[Detail]) -> str:
    if kind in ("added", "removed"):
        return KIND_WORDS[kind]
    words: list[str] = []
    for detail in details:
        if detail.change == "moved":
            words.append(f"moved: {detail.yours} → {detail.theirs.split()[-1]}")
        elif detail.label == "emotion":
            words.append(f"emotion {detail.yours} → {detail.theirs}")
        elif detail.change == "changed":
            words.append(detail.label.split(" “")[0])
        else:
            words.append(f"{detail.label} {detail.change}")
    text = " · ".join(dict.fromkeys(words))
    return text if kind == "moved" else "changed: " + text


def change_rows(ours: Map, theirs: Map, diff: MapDiff) -> list[ChangeRow]:
    """The differences from ours to theirs, as the compare list shows them: the map's own fields first,
    then stages, personas, cards and flows (new in theirs, not in theirs, changed: in the diff's order)."""
    names = Names(ours, theirs)
    rows: list[ChangeRow] = []
    if diff.map_fields:
        details = tuple(_field_detail("map", None, f, names) for f in diff.map_fields)
        rows.append(ChangeRow(Pick("map"), "changed", "The map", ours.title, "", _summary_of_map(details), details))
    moves = {(m.collection, m.element_id): m for m in getattr(diff, "moves", ())}
    cards = ({t.id: t for t in ours.touchpoints}, {t.id: t for t in theirs.touchpoints})
    for collection in ("stages", "personas", "touchpoints", "flows"):
        noun = NOUNS.get(collection, collection).capitalize()
        changes = diff.of(collection)
        changed = {c.element_id for c in changes}
        # (an element only moved has no change of its own: a row for it, in the moves' order)
        changes += [ElementChange(collection, m.element_id, "moved", m.name) for m in moves.values()
                    if m.collection == collection and m.element_id not in changed]
        for change in changes:
            details = tuple(_field_detail(collection, change.element_id, f, names) for f in change.fields) + \
                tuple(_item_detail(collection, change.element_id, i, names) for i in change.items)
            move = moves.get((collection, change.element_id))
            if move is not None:
                details += (_move_detail(move, names),)
            rows.append(ChangeRow(Pick(collection, change.element_id), change.kind, noun, change.name,
                                  _where(change, cards, names), _summary(change.kind, details), details))
    return rows


def _summary_of_map(details: Sequence[Detail]) -> str:
    return "changed: " + " · ".join(d.label for d in details)


__all__ = ["KIND_WORDS", "ChangeRow", "Detail", "Names", "change_rows", "field_label", "say", "signed"]
