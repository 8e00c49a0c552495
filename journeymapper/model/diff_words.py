"""Where an element is and what a value is, in the words of the map: for `journeymapper diff` and merge.

A card is named by its place and title (`Purchase / Wedding planner: “Pays deposit by phone”`: the stage,
then the persona, as a person finds it on the map), a stage or persona by its name, a flow by the cards it
joins, an item (a KPI, a pain point...) by its element and its text. Names are looked up in several maps,
the first that has the element winning: the merged map first, then ours, theirs and the base, so a card
removed on one side is still named.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..i18n import _, _n
from .messages import NOUNS, label, noun, quoted
from .schema import Map

_ITEM_NAME_KEYS = ("name", "text")
VALUE_LIMIT = 60


class Places:
    """Names the elements of one or more versions of a map (see the module's docstring)."""

    def __init__(self, *maps: Map) -> None:
        self.stages: dict[str, str] = {}
        self.personas: dict[str, str] = {}
        self.cards: dict[str, tuple[str, str, str]] = {}
        """Card id -> (title, stage id, persona id)."""
        self.flows: dict[str, tuple[str, str, str]] = {}
        """Flow id -> (label, source card id, target card id)."""
        for the_map in reversed(maps):  # the first map that has an element names it
            self.stages.update((s.id, s.name) for s in the_map.stages)
            self.personas.update((p.id, p.name) for p in the_map.personas)
            self.cards.update((t.id, (t.title, t.stage, t.persona)) for t in the_map.touchpoints)
            self.flows.update((f.id, (f.label, f.source, f.target)) for f in the_map.flows)

    def cell(self, stage_id: str, persona_id: str) -> str:
        """`Purchase / Wedding planner`: a cell of the grid, its column then its lane."""
        return f"{self.stages.get(stage_id, '?')} / {self.personas.get(persona_id, '?')}"

    def card_title(self, card_id: str) -> str:
        return quoted(self.cards[card_id][0]) if card_id in self.cards else "?"

    def element(self, collection: str, element_id: str) -> str:
        """An element as a person finds it on the map."""
        if collection == "touchpoints" and element_id in self.cards:
            title, stage, persona = self.cards[element_id]
            return f"{self.cell(stage, persona)}: {quoted(title)}"
        if collection == "stages" and element_id in self.stages:
            return _("Stage {name}").format(name=quoted(self.stages[element_id]))
        if collection == "personas" and element_id in self.personas:
            return _("Persona {name}").format(name=quoted(self.personas[element_id]))
        if collection == "flows" and element_id in self.flows:
            flow_label, source, target = self.flows[element_id]
            source, target = self.card_title(source), self.card_title(target)
            if flow_label:
                # TRANSLATORS: a flow by the cards it joins and its label: Flow “Order” → “Pay” (“online”)
                return _("Flow {source} → {target} ({label})").format(source=source, target=target,
                                                                       label=quoted(flow_label))
            return _("Flow {source} → {target}").format(source=source, target=target)
        word = noun(collection) if collection in NOUNS else collection
        # TRANSLATORS: an element no map names any more, by its kind and its id: Card 7f3a...
        return _("{noun} {id}").format(noun=word[:1].upper() + word[1:], id=element_id)

    def item(self, collection: str, element_id: str, list_key: str, item: dict[str, Any] | None) -> str:
        """`Stage “Purchase”, KPI “Conversion rate”`."""
        words = next((item[k] for k in _ITEM_NAME_KEYS if item and isinstance(item.get(k), str) and item[k]), "")
        kind = noun(list_key) if list_key in NOUNS else list_key
        if words:
            # TRANSLATORS: an item of an element: Stage “Purchase”, KPI “Conversion rate”
            return _("{element}, {noun} {name}").format(
                element=self.element(collection, element_id), noun=kind,
                                                        name=quoted(words))
        return _("{element}, {noun}").format(element=self.element(collection, element_id), noun=kind)


def signed(value: int) -> str:
    """An emotion as the map shows it: −1, 0, +2 (a true minus sign)."""
    return f"{value:+d}".replace("-", "−") if value else "0"


def spoken_value(field: str, value: Any, ascii_signs: bool = False) -> str:
    """A field's value on one line: text in quotes, an emotion signed, nothing as "none", a list by its
    items or its size, a stage or persona id as is (callers name those)."""
    if value is None:
        return _("none")
    if field == "emotion" and isinstance(value, int):
        return str(value) if ascii_signs else signed(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str):
        return quoted(value, VALUE_LIMIT) if value else _("(empty)")
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, list):
        if not value:
            return _("(empty)")
        if all(isinstance(v, str) for v in value) and len(value) <= 3:
            return ", ".join(quoted(v, VALUE_LIMIT // 2) for v in value)
        return count_of(field, len(value))
    if isinstance(value, dict):
        name = value.get("title") or value.get("name") or value.get("text")
        return quoted(name, VALUE_LIMIT) if isinstance(name, str) and name else _("(set)")
    return str(value)


_COUNTS: dict[str, Callable[[int], str]] = {
    "personas": lambda n: _n("{n} persona", "{n} personas", n),
    "stages": lambda n: _n("{n} stage", "{n} stages", n),
    "touchpoints": lambda n: _n("{n} card", "{n} cards", n),
    "flows": lambda n: _n("{n} flow", "{n} flows", n),
    "kpis": lambda n: _n("{n} KPI", "{n} KPIs", n),
    "pain_points": lambda n: _n("{n} pain point", "{n} pain points", n),
    "opportunities": lambda n: _n("{n} opportunity", "{n} opportunities", n),
    "goals": lambda n: _n("{n} goal", "{n} goals", n),
    "needs": lambda n: _n("{n} need", "{n} needs", n),
    "frustrations": lambda n: _n("{n} frustration", "{n} frustrations", n),
    "readings": lambda n: _n("{n} reading", "{n} readings", n),
    "quotes": lambda n: _n("{n} quote", "{n} quotes", n),
    "addresses": lambda n: _n("{n} addressed pain point", "{n} addressed pain points", n),
}
"""A list's size in words, by its key (each form given whole, so that the catalogue has it)."""


def count_of(field: str, n: int) -> str:
    """"3 pain points", "1 goal": a list's size as a change says it."""
    counted = _COUNTS.get(field) or (lambda n: _n("{n} item", "{n} items", n))
    return counted(n).format(n=n)


def field_words(field: str, collection: str | None = None) -> str:
    """A field as the editor labels it (`action` -> “Does” text); item lists' order as "order of ..."."""
    if field.endswith(" order"):
        # TRANSLATORS: a change of the order of a list: "order of the pain points"
        return _("order of the {field}").format(field=label(field[: -len(' order')], collection))
    return label(field, collection)


__all__ = ["Places", "field_words", "signed", "spoken_value"]
