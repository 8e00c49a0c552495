"""Turn pydantic's validation errors into lines a shop owner can act on.

A problem is said in the words of the editor first -- where it is, as a person sees the map
(`Stage “Purchase”, KPI 1 “Conversion rate”: the value 'abc' is not a number`) -- and, for
whoever repairs a file by hand, also as the path in the file (`map.stages[1].kpis[0].value`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from pydantic import ValidationError

from .types import EMOTION_MAX, EMOTION_MIN, show_value

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_UNSHOWABLE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
NAME_LIMIT = 60
"""The longest a name or title is quoted in a message (longer ones end in "…")."""

# How a person calls the things of a map, by the key of the list that holds them.
NOUNS = {
    "personas": "persona",
    "stages": "stage",
    "touchpoints": "card",
    "flows": "flow",
    "kpis": "KPI",
    "pain_points": "pain point",
    "opportunities": "opportunity",
    "goals": "goal",
    "needs": "need",
    "frustrations": "frustration",
    "readings": "reading",
    "quotes": "quote",
    "addresses": "addressed pain point",
}
_NAME_KEYS = {"personas": "name", "stages": "name", "touchpoints": "title", "kpis": "name",
              "pain_points": "text", "opportunities": "text"}
_NUMBERED = {"kpis", "pain_points", "opportunities", "goals", "needs", "frustrations", "readings", "quotes",
             "addresses"}
"""Items shown as rows of a table in the inspector: their number says where they are."""

# A field as the editor labels it (a person never sees the file's keys).
_LABELS = {
    "id": "internal id",
    "created": "creation date",
    "modified": "date of the last change",
    "review_by": "review date",
    "touchpoints": "cards",
    "color": "colour",
    "kpis": "KPIs",
    "action": "“Does” text",
    "thoughts": "“Thinks / feels” text",
    "pain_points": "pain points",
    "based_on": "map it is based on",
    "due": "due date",
    "addresses": "pain points it addresses",
    "who": "name of who said it",
}
_LABELS_IN = {
    ("flows", "source"): "card it starts from",
    ("flows", "target"): "card it leads to",
    ("touchpoints", "source"): "evidence source",
    ("personas", "source"): "evidence source",
}
_PLURAL_VERBS = {"is ": "are ", "has ": "have ", "contains ": "contain "}
_PLURAL_FIELDS = {"notes", "goals", "needs", "frustrations", "kpis", "pain_points", "opportunities",
                  "personas", "stages", "touchpoints", "flows", "readings", "quotes", "addresses"}
_VERB_FIRST = ("must ", *_PLURAL_VERBS)
"""How a reason that needs no colon after its subject starts (`Goal 2 is longer than ...`)."""
_ROOT_COLLECTIONS = {"persona": "personas", "stage": "stages", "touchpoint": "touchpoints", "flow": "flows"}
_SECTIONS = {"based_on": "the map it is based on"}
"""Objects (not lists) inside an element, as a person calls them: a problem inside one is placed there
(`The map it is based on: the title is missing`), not on the element that holds it."""


def json_path(root: str, loc: Iterable[Any]) -> str:
    """`map.touchpoints[3].title`; a key that is not a plain name is quoted: `map["bad\\nkey"]`."""
    path = root
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif _PLAIN_KEY.fullmatch(str(part)):
            path += f".{part}" if path else str(part)
        else:
            path += f"[{show_value(str(part))}]"
    return path


def one_line(text: str) -> str:
    """Fold line breaks and runs of white space, so a title typed over two lines reads as one."""
    return " ".join(text.split())


def quoted(text: str, limit: int = NAME_LIMIT) -> str:
    """A name or title in typographic quotes, on one line, printable and not too long to read."""
    flat = _UNSHOWABLE.sub("\ufffd", " ".join(text.split()))
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f"“{flat}”"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def spoken_date(day: date) -> str:
    """A day as a message says it, "3 November 2026" (English, whatever the user's locale: the
    messages are English)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _name(value: Any) -> str | None:
    """A value that can name something: non-empty text."""
    return quoted(value) if isinstance(value, str) and value.strip() else None


class Namer:
    """Names the places of one raw map (what was validated) the way a person sees them; card
    titles, which flows are named by, are looked up once, when a flow first needs them."""

    def __init__(self, data: Any = None) -> None:
        self.data = data
        self._titles: dict[str, str] | None = None

    def title(self, card_id: Any) -> str | None:
        if self._titles is None:
            cards = self.data.get("touchpoints") if isinstance(self.data, dict) else None
            self._titles = {}
            for card in cards if isinstance(cards, list) else []:
                if isinstance(card, dict) and isinstance(card.get("id"), str):
                    title = _name(card.get("title"))
                    if title is not None:
                        self._titles.setdefault(card["id"], title)
        return self._titles.get(card_id) if isinstance(card_id, str) else None

    def item(self, key: str, index: int, item: Any) -> str:
        """One item of a list: `stage “Purchase”`, `KPI 1 “Conversion rate”`, `card 12`."""
        noun = NOUNS.get(key, f"{key} item")
        entry = item if isinstance(item, dict) else {}
        if key == "flows":
            source, target = self.title(entry.get("source")), self.title(entry.get("target"))
            if source and target:
                return f"flow {source} → {target}"
            if source or target:
                return f"flow from {source}" if source else f"flow to {target}"
            return f"flow {index + 1}"
        name = _name(entry.get(_NAME_KEYS[key])) if key in _NAME_KEYS else None
        if key in _NUMBERED:
            return f"{noun} {index + 1} {name}" if name and key == "kpis" else f"{noun} {index + 1}"
        return f"{noun} {name}" if name else f"{noun} {index + 1}"

    def place(self, loc: Sequence[Any], top: str = "",
              collection: str | None = None) -> tuple[str, str | None, str | None]:
        """Where `loc` points, in words: (the place, the field there or None, the list the place
        is in). Without data, items are numbered only. `top` is the place of a field of the root
        itself ("The map"; "" when the reader already knows what it is about, as in the
        inspector); `collection` is the list the root is an item of ("flows" for a flow)."""
        parts: list[str] = []
        node, field = self.data, None
        n = 0
        while n < len(loc):
            part = loc[n]
            if isinstance(part, int):  # an index not after a key (never from the models): number it
                parts.append(f"item {part + 1}")
                node = None
                n += 1
                continue
            if n + 1 < len(loc) and isinstance(loc[n + 1], int):
                index = loc[n + 1]
                items = node.get(part) if isinstance(node, dict) else None
                node = items[index] if isinstance(items, list) and 0 <= index < len(items) else None
                parts.append(self.item(str(part), index, node))
                collection, field = str(part), None
                n += 2
                continue
            field = str(part)
            node = node.get(part) if isinstance(node, dict) else None
            n += 1
            if n < len(loc) and isinstance(loc[n], str):  # a key inside an object the field holds
                parts.append(_SECTIONS.get(field) or f"the {label(field, collection)}")
                field = None
        place = ", ".join(parts) if parts else top
        return place[:1].upper() + place[1:], field, collection

    def explain(self, error: dict[str, Any], top: str = "", collection: str | None = None) -> str:
        """One pydantic error in a person's words: `Card “Pays”: the emotion 5 is out of range: ...`."""
        place, field, collection = self.place(error["loc"], top, collection)
        if error["type"] == "extra_forbidden":
            what = f"{show_value(field)} is not a field journeymapper knows"
            return f"{place}: {what}" if place else what
        if error["type"] == "too_long" and field is not None:
            ctx = error.get("ctx") or {}
            count = ctx.get("actual_length") or len(error.get("input") or ())
            most = ctx.get("max_length", 0)
            what = f"it has {count:,} {label(field, collection)}; at most {most:,} are allowed"
            return f"{place}: {what}" if place else what
        reason = _reason(error, field)
        if field is not None:
            name = label(field, collection)
            verb = next((v for v in _PLURAL_VERBS if reason.startswith(v)), None)
            if verb is not None and field in _PLURAL_FIELDS:  # "the notes are longer than ..."
                reason = _PLURAL_VERBS[verb] + reason[len(verb):]
            what = f"the {name} {reason}"
            return f"{place}: {what}" if place else what
        if not place:
            return reason
        return f"{place} {reason}" if reason.startswith(_VERB_FIRST) else f"{place}: {reason}"


def place_of(loc: Sequence[Any], data: Any = None, top: str = "") -> str:
    """Where `loc` points in `data` (a raw map), as a person finds it: `Stage “Purchase”, KPI 1`."""
    return Namer(data).place(loc, top)[0]


def label(field: str, collection: str | None = None) -> str:
    """A field's name as the editor shows it: `review_by` -> "review date"."""
    return _LABELS_IN.get((collection or "", field)) or _LABELS.get(field) or field.replace("_", " ")


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _json_type(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {show_value(value)}"
    if isinstance(value, str):
        return f"the text {show_value(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return type(value).__name__


def _reason(error: dict[str, Any], field: str | None) -> str:
    """What is wrong with the value, to follow its subject ("the title", "Goal 2")."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return "is missing"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "string_too_short":
        least = ctx.get("min_length", 1)
        return "must not be empty" if least == 1 else f"must be at least {_plural(least, 'character')}"
    if kind == "string_too_long":
        return f"is longer than {_plural(ctx['max_length'], 'character')}"
    if kind == "string_unicode" or (kind == "string_type" and isinstance(value, str)):
        bad = next((c for c in str(value or "") if 0xD800 <= ord(c) <= 0xDFFF), "\ufffd")
        return f"contains a character that is not allowed in text (U+{ord(bad):04X})"
    if kind == "string_type":
        return f"must be text, not {_json_type(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, not {_json_type(value)}"
    if kind in ("greater_than_equal", "less_than_equal"):
        if field == "emotion":
            bounds = f"from {EMOTION_MIN} to {EMOTION_MAX}"
        else:
            low, high = ctx.get("ge"), ctx.get("le")
            bounds = f"at least {low}" if kind == "greater_than_equal" else f"at most {high}"
        return f"{show_value(value)} is out of range: it must be {bounds}"
    if kind == "literal_error":
        return f"{show_value(value)} is not one of {ctx.get('expected', '')}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"is not written correctly: it is {_json_type(value)}"
    if kind == "list_type":
        return f"must be a list, not {_json_type(value)}"
    return error["msg"]


def explain_validation_error(exc: ValidationError, root: str, data: Any = None, top: str = "",
                             limit: int | None = None,
                             where: Callable[[tuple[Any, ...]], tuple[Any, ...] | None] | None = None,
                             ) -> list[tuple[str, str]]:
    """(in a person's words, the path in the file) for each error, the first `limit` of them. `where`
    places an error of a map upgraded from an older format where it is in the file that was read
    (None: it follows from another error, and is left out)."""
    errors = located_errors(exc, where)
    if limit is not None:
        errors = errors[:limit]
    namer = Namer(data)
    return [(namer.explain(err, top), json_path(root, err["loc"])) for err in errors]


def located_errors(exc: ValidationError,
                   where: Callable[[tuple[Any, ...]], tuple[Any, ...] | None] | None = None) -> list[dict[str, Any]]:
    """The errors of `exc`, each placed by `where` (see `explain_validation_error`)."""
    errors = exc.errors(include_url=False)
    if where is None:
        return list(errors)
    return [{**err, "loc": loc} for err in errors if (loc := where(tuple(err["loc"]))) is not None]


def describe_validation_error(exc: ValidationError, root: str) -> list[str]:
    """Each error in a person's words, for someone who knows which element it is about (the
    inspector shows `KPIs: KPI 1: the value 'abc' is not a number`)."""
    namer, collection = Namer(), _ROOT_COLLECTIONS.get(root)
    return [namer.explain(err, collection=collection) for err in exc.errors(include_url=False)]
