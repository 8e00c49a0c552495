"""Two versions of one map, said in words a person reads: what the compare list shows.

Qt-free (the compare panel and the merge dialog show it; tests read it without a window). Built on the
diff by id (`model.diff`): each element that differs is a row, with a detail per field, list item or
move that differs, both values in plain words, and the `Pick` that takes theirs of it (`take_theirs`).
The words are in the interface language (`_`): tables of them are marked with `N_` and translated
where a row is made; what decides (a detail's kind, its field) is kept apart from the words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..i18n import N_, _, _n
from ..layout.labels import CHANNEL_LABELS, EVIDENCE_LABELS, FLOW_KIND_LABELS, STATUS_LABELS
from ..model.diff import ElementChange, FieldChange, ItemChange, MapDiff, Move
from ..model.messages import NOUNS, label, quoted
from ..model.schema import ITEM_FIELDS, Map
from .take_theirs import COLLECTIONS, ORDER, PLACE, Pick

# TRANSLATORS: what a difference with another version of the map ("theirs") is called, seen from this map.
KIND_WORDS = {"added": N_("new in theirs"), "removed": N_("not in theirs"), "changed": N_("changed"),
              "moved": N_("moved")}
"""What a difference is called, seen from this map: theirs has it and we do not, we have it and theirs
does not, both have it but not alike, both have it alike but at another place."""
_PLACE_WORDS = {"stages": N_("column"), "personas": N_("lane"), "touchpoints": N_("place in its cell")}
"""Where an element is, before its number ("column 3")."""
_ORDER_WORDS = {
    "stages": N_("order of the stages"), "personas": N_("order of the personas"),
    "touchpoints": N_("order of the cards"), "flows": N_("order of the flows"), "kpis": N_("order of the KPIs"),
    "pain_points": N_("order of the pain points"), "opportunities": N_("order of the opportunities"),
    "goals": N_("order of the goals"), "needs": N_("order of the needs"),
    "frustrations": N_("order of the frustrations"), "readings": N_("order of the readings"),
    "quotes": N_("order of the quotes"), "addresses": N_("order of the addressed pain points"),
}
"""A list's order, as the compare names it."""
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
    kind: str = "changed"
    """What `change` says, as a key: "changed", "moved", "added" or "removed" (the words are translated)."""


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
        # TRANSLATORS: an element of the map in the compare list: its kind, then its name ("Card “Pays”").
        return _("{noun} {name}").format(noun=self.noun, name=quoted(self.name)) if self.name else self.noun


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
        return quoted(found) if found else _("(not in the map)")


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
    # TRANSLATORS: a card's feeling that is not set, in the compare list ("emotion none → +1").
    return _("none") if value is None else f"{value:+d}".replace("-", "−")


def say(field: str, value: Any, names: Names | None = None) -> str:
    """A field's value in words: names for ids, labels for choices, "(none)" for nothing."""
    if value is None or value == "" or value == []:
        return _("(none)")
    if field == "emotion" and isinstance(value, int):
        return signed(value)
    if names is not None and field in ("stage", "persona", "source", "target"):
        return names.name(value)
    if field == "channel":
        return _(CHANNEL_LABELS[value]) if value in CHANNEL_LABELS else str(value)
    if field == "evidence":
        return _(EVIDENCE_LABELS[value]) if value in EVIDENCE_LABELS else str(value)
    if field == "kind":
        return _(FLOW_KIND_LABELS[value]) if value in FLOW_KIND_LABELS else str(value)
    if field == "status":
        return _(STATUS_LABELS[value]) if value in STATUS_LABELS else str(value)
    if field.endswith(ORDER) and isinstance(value, list):
        shown = [(names.items.get(i) or names.of.get(i, "?")) if names else str(i) for i in value]
        return _cut(" · ".join(f"{n}. {text}" for n, text in enumerate(shown, 1)))
    if field == "readings" and isinstance(value, list):
        latest = value[-1]
        return _cut(_n("{n} reading, latest {value} on {day}", "{n} readings, latest {value} on {day}",
                       len(value)).format(n=len(value), value=latest.get("value"), day=latest.get("date")))
    if field == "addresses" and isinstance(value, list):
        return _cut("; ".join(names.items.get(i, "?") if names else str(i) for i in value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict):
        return _cut(_item_words(value) or str(value.get("title", "")) or ", ".join(map(str, value.values())))
    if isinstance(value, list):
        return _cut("; ".join(_item_words(v) if isinstance(v, dict) else str(v) for v in value))
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return _cut(str(value))


def field_label(field: str, collection: str | None = None) -> str:
    if field.endswith(ORDER):
        return _(_ORDER_WORDS.get(field[: -len(ORDER)], N_("order of the items")))
    return label(field, collection)


def _field_detail(collection: str, element_id: str | None, change: FieldChange, names: Names) -> Detail:
    return Detail(field_label(change.field, collection), _(KIND_WORDS["changed"]),
                  say(change.field, change.old, names), say(change.field, change.new, names),
                  Pick(collection, element_id, change.field))


def _item_detail(collection: str, element_id: str, change: ItemChange, names: Names) -> Detail:
    noun = _(NOUNS[change.field]) if change.field in NOUNS else change.field
    pick = Pick(collection, element_id, change.field, change.item_id)
    if change.kind != "changed" or change.old is None or change.new is None:
        yours = _item_words(change.old) if change.old else _("(none)")
        theirs = _item_words(change.new) if change.new else _("(none)")
        kind = KIND_WORDS.get(change.kind, change.kind)
        return Detail(noun, _(kind), _cut(yours), _cut(theirs), pick, change.kind)
    changed = _(KIND_WORDS["changed"])
    keys = [k for k in change.new if change.old.get(k) != change.new.get(k)]
    if len(keys) == 1:
        key = keys[0]
        # TRANSLATORS: one field of a list item in the compare list ("pain point “Slow”: severity").
        what = _("{noun} {name}: {field}").format(noun=noun, name=quoted(_item_words(change.new), 40),
                                                  field=label(key))
        return Detail(what, changed, say(key, change.old.get(key), names), say(key, change.new.get(key), names),
                      pick)
    both = [(_("{field}: {value}").format(field=label(k), value=say(k, change.old.get(k), names)),
             _("{field}: {value}").format(field=label(k), value=say(k, change.new.get(k), names))) for k in keys]
    return Detail(noun, changed, _cut("; ".join(a for a, _b in both)), _cut("; ".join(b for _a, b in both)), pick)


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
    noun = _(_PLACE_WORDS.get(move.collection, N_("place")))
    now = f"{noun} {move.new_place}"
    if move.old_place == move.new_place and (move.after or move.before):
        now = (_("after {name}").format(name=names.name(move.after)) if move.after else
               _("before {name}").format(name=names.name(move.before)))
    return Detail(_("place"), _(KIND_WORDS["moved"]), f"{noun} {move.old_place}", now,
                  Pick(move.collection, move.element_id, PLACE), "moved")


def _summary(kind: str, details: Sequence[Detail]) -> str:
    if kind in ("added", "removed"):
        return _(KIND_WORDS[kind])
    words: list[str] = []
    for detail in details:
        if detail.kind == "moved":
            words.append(_("moved: {yours} → {theirs}").format(yours=detail.yours, theirs=detail.theirs.split()[-1]))
        elif detail.pick.field == "emotion" and detail.pick.item_id is None:
            words.append(_("emotion {yours} → {theirs}").format(yours=detail.yours, theirs=detail.theirs))
        elif detail.kind == "changed":
            words.append(detail.label.split(" “")[0])
        else:
            # TRANSLATORS: a list item that differs, in a compare's summary ("pain point new in theirs").
            words.append(_("{what} {change}").format(what=detail.label, change=detail.change))
    text = " · ".join(dict.fromkeys(words))
    return text if kind == "moved" else _("changed: {what}").format(what=text)


def change_rows(ours: Map, theirs: Map, diff: MapDiff) -> list[ChangeRow]:
    """The differences from ours to theirs, as the compare list shows them: the map's own fields first,
    then stages, personas, cards and flows (new in theirs, not in theirs, changed: in the diff's order)."""
    names = Names(ours, theirs)
    rows: list[ChangeRow] = []
    if diff.map_fields:
        details = tuple(_field_detail("map", None, f, names) for f in diff.map_fields)
        rows.append(ChangeRow(Pick("map"), "changed", _("The map"), ours.title, "", _summary_of_map(details),
                              details))
    moves = {(m.collection, m.element_id): m for m in getattr(diff, "moves", ())}
    cards = ({t.id: t for t in ours.touchpoints}, {t.id: t for t in theirs.touchpoints})
    for collection in ("stages", "personas", "touchpoints", "flows"):
        noun = _(NOUNS[collection]).capitalize() if collection in NOUNS else collection
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
    return _("changed: {what}").format(what=" · ".join(d.label for d in details))


__all__ = ["KIND_WORDS", "ChangeRow", "Detail", "Names", "change_rows", "field_label", "say", "signed"]
