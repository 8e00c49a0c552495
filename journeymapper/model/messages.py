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

from ..i18n import N_, Words, _, _n, current_words
from .types import EMOTION_MAX, EMOTION_MIN, show_value

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_UNSHOWABLE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
NAME_LIMIT = 60
"""The longest a name or title is quoted in a message (longer ones end in "…")."""

# How a person calls the things of a map, by the key of the list that holds them.
NOUNS = {
    "personas": N_("persona"),
    "stages": N_("stage"),
    "touchpoints": N_("card"),
    "flows": N_("flow"),
    "kpis": N_("KPI"),
    "pain_points": N_("pain point"),
    "opportunities": N_("opportunity"),
    "goals": N_("goal"),
    "needs": N_("need"),
    "frustrations": N_("frustration"),
    "readings": N_("reading"),
    "quotes": N_("quote"),
    "addresses": N_("addressed pain point"),
}
_NAME_KEYS = {"personas": "name", "stages": "name", "touchpoints": "title", "kpis": "name",
              "pain_points": "text", "opportunities": "text"}
_NUMBERED = {"kpis", "pain_points", "opportunities", "goals", "needs", "frustrations", "readings", "quotes",
             "addresses"}
"""Items shown as rows of a table in the inspector: their number says where they are."""

# A field as the editor labels it (a person never sees the file's keys).
_LABELS = {
    "id": N_("internal id"),
    "created": N_("creation date"),
    "modified": N_("date of the last change"),
    "review_by": N_("review date"),
    "touchpoints": N_("cards"),
    "color": N_("colour"),
    "kpis": N_("KPIs"),
    "action": N_("“Does” text"),
    "thoughts": N_("“Thinks / feels” text"),
    "pain_points": N_("pain points"),
    "based_on": N_("map it is based on"),
    "due": N_("due date"),
    "addresses": N_("pain points it addresses"),
    "who": N_("name of who said it"),
    # (the other fields, in the words of the editor's labels, so that they can be translated)
    "channel": N_("channel"), "date": N_("date"), "description": N_("description"),
    "direction": N_("direction"), "effort": N_("effort"), "emotion": N_("emotion"),
    "evidence": N_("evidence"), "flows": N_("flows"), "frustrations": N_("frustrations"), "goal": N_("goal"),
    "goals": N_("goals"), "kind": N_("kind"), "label": N_("label"), "language": N_("language"),
    "name": N_("name"), "needs": N_("needs"), "note": N_("note"), "notes": N_("notes"),
    "opportunities": N_("opportunities"), "owner": N_("owner"), "persona": N_("persona"),
    "personas": N_("personas"), "priority": N_("priority"), "quotes": N_("quotes"),
    "readings": N_("readings"),
    "segment": N_("segment"), "severity": N_("severity"), "source": N_("source"), "stage": N_("stage"),
    "stages": N_("stages"), "state": N_("state"), "status": N_("status"), "target": N_("target"),
    "text": N_("text"), "title": N_("title"), "unit": N_("unit"), "value": N_("value"),
}
_LABELS_IN = {
    ("flows", "source"): N_("card it starts from"),
    ("flows", "target"): N_("card it leads to"),
    ("touchpoints", "source"): N_("evidence source"),
    ("personas", "source"): N_("evidence source"),
}
_PLURAL_VERBS = {"is ": "are ", "has ": "have ", "contains ": "contain "}
_PLURAL_FIELDS = {"notes", "goals", "needs", "frustrations", "kpis", "pain_points", "opportunities",
                  "personas", "stages", "touchpoints", "flows", "readings", "quotes", "addresses"}
_VERB_FIRST = ("must ", *_PLURAL_VERBS)
"""How a reason that needs no colon after its subject starts (`Goal 2 is longer than ...`)."""
_ROOT_COLLECTIONS = {"persona": "personas", "stage": "stages", "touchpoint": "touchpoints", "flow": "flows"}
_SECTIONS = {"based_on": N_("the map it is based on")}
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


def noun(key: str, tr: Words | None = None) -> str:
    """How a person calls an item of the list `key` ("touchpoints" -> "card"), in `tr`'s language (the
    interface's by default)."""
    word = NOUNS.get(key)
    if word is None:
        return key
    return (tr or current_words())(word)


def quoted(text: str, limit: int = NAME_LIMIT, tr: Words | None = None) -> str:
    """A name or title in the quotation marks of the language (“…”, „…“, « … », 「…」), on one line,
    printable and not too long to read; in the words of `tr` (the interface language by default)."""
    flat = _UNSHOWABLE.sub("\ufffd", " ".join(text.split()))
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    tr = tr or current_words()
    # TRANSLATORS: a name or title quoted in a sentence: the language's own quotation marks around {text}
    return tr("“{text}”").format(text=flat)


def listing(names: list[str], shown: int = 3, tr: Words | None = None) -> str:
    """“A”, “B” and “C”; “A”, “B”, “C” and 2 more: names quoted, the first `shown` of them, in the
    words of `tr` (the interface language by default)."""
    tr = tr or current_words()
    quoted_names = [quoted(n, tr=tr) for n in names[:shown]]
    if len(names) > shown:
        more = len(names) - shown
        # TRANSLATORS: {names} lists the first names ("“A”, “B”, “C”"), {n} counts the others
        said = tr.n("{names} and {n} more", "{names} and {n} more", more)
        return said.format(names=", ".join(quoted_names), n=more)
    if len(quoted_names) > 1:
        # TRANSLATORS: the last name of a list: "“A”, “B” and “C”"
        return tr("{names} and {last}").format(names=", ".join(quoted_names[:-1]), last=quoted_names[-1])
    return quoted_names[0]


_MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
           N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))


def spoken_date(day: date, tr: Words | None = None) -> str:
    """A day as a message says it, "3 November 2026", in the words of `tr` (the interface language by
    default; the print passes the map's): the catalogue's, not the C library's locale."""
    tr = tr or current_words()
    # TRANSLATORS: a date in a sentence, "3 November 2026"; {month} is the month's name
    return tr("{day} {month} {year}").format(day=day.day, month=tr(_MONTHS[day.month - 1]), year=day.year)


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
        # TRANSLATORS: an item of a list of a map whose kind has no name, by the list's key in the file
        what = noun(key) if key in NOUNS else _("{key} item").format(key=key)
        entry = item if isinstance(item, dict) else {}
        if key == "flows":
            source, target = self.title(entry.get("source")), self.title(entry.get("target"))
            if source and target:
                return _("flow {source} → {target}").format(source=source, target=target)
            if source or target:
                return (_("flow from {card}").format(card=source) if source
                        else _("flow to {card}").format(card=target))
            return _("flow {number}").format(number=index + 1)
        name = _name(entry.get(_NAME_KEYS[key])) if key in _NAME_KEYS else None
        # TRANSLATORS: an item of a map: "{noun}" is "stage", "KPI", "goal"..., {number} its place in its
        # list, {name} its name in quotes: “KPI 1 “Conversion rate””, “goal 2”, “stage “Purchase””
        if key in _NUMBERED:
            if name and key == "kpis":
                return _("{noun} {number} {name}").format(noun=what, number=index + 1, name=name)
            return _("{noun} {number}").format(noun=what, number=index + 1)
        if name:
            return _("{noun} {name}").format(noun=what, name=name)
        return _("{noun} {number}").format(noun=what, number=index + 1)

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
                parts.append(_("item {number}").format(number=part + 1))
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
                section = _SECTIONS.get(field)
                # TRANSLATORS: a field of an element, as a place in a message: "the KPI", "the plan"
                field_name = _("the {field}").format(field=label(field, collection))
                parts.append(_(section) if section else field_name)
                field = None
        place = ", ".join(parts) if parts else top
        return place[:1].upper() + place[1:], field, collection

    def explain(self, error: dict[str, Any], top: str = "", collection: str | None = None) -> str:
        """One pydantic error in a person's words: `Card “Pays”: the emotion 5 is out of range: ...`."""
        place, field, collection = self.place(error["loc"], top, collection)
        if error["type"] == "extra_forbidden":
            return _at(place, _("{key} is not a field journeymapper knows").format(key=show_value(field)))
        if error["type"] == "too_long" and field is not None:
            ctx = error.get("ctx") or {}
            count = ctx.get("actual_length") or len(error.get("input") or ())
            most = ctx.get("max_length", 0)
            # TRANSLATORS: {field} is a list of an element: "it has 101 goals; at most 100 are allowed"
            what = _n("it has {count} {field}; at most {most} is allowed",
                      "it has {count} {field}; at most {most} are allowed", most)
            what = what.format(count=f"{count:,}", field=label(field, collection), most=f"{most:,}")
            return _at(place, what)
        plural = field in _PLURAL_FIELDS
        reason = _reason(error, field, plural)
        if field is not None:
            verb = next((v for v in _PLURAL_VERBS if reason.startswith(v)), None)
            if verb is not None and plural:  # "the notes are longer than ..." (a reason a validator gave)
                reason = _PLURAL_VERBS[verb] + reason[len(verb):]
            # TRANSLATORS: what is wrong with a field: "the title is missing", "the emotion 5 is out of..."
            return _at(place, _("the {field} {reason}").format(field=label(field, collection), reason=reason))
        if not place:
            return reason
        return f"{place} {reason}" if reason.startswith(_VERB_FIRST) else _at(place, reason)


def _at(place: str, what: str) -> str:
    """`Stage “Purchase”: the name is missing`: what is wrong, after where (when there is a place)."""
    # TRANSLATORS: where a problem is in a map, then what it is: "Card “Pays”: the title is missing"
    return _("{place}: {problem}").format(place=place, problem=what) if place else what


def place_of(loc: Sequence[Any], data: Any = None, top: str = "") -> str:
    """Where `loc` points in `data` (a raw map), as a person finds it: `Stage “Purchase”, KPI 1`."""
    return Namer(data).place(loc, top)[0]


def label(field: str, collection: str | None = None) -> str:
    """A field's name as the editor shows it: `review_by` -> "review date"."""
    found = _LABELS_IN.get((collection or "", field)) or _LABELS.get(field)
    return _(found) if found else field.replace("_", " ")


def _json_type(value: Any) -> str:
    if value is None:
        return _("nothing (null)")
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, (int, float)):
        return _("the number {value}").format(value=show_value(value))
    if isinstance(value, str):
        return _("the text {value}").format(value=show_value(value))
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a group of fields")
    return type(value).__name__


def _reason(error: dict[str, Any], field: str | None, plural: bool = False) -> str:
    """What is wrong with the value, to follow its subject ("the title", "Goal 2"; `plural`: "the
    notes", "the goals")."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return _("are missing") if plural else _("is missing")
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "string_too_short":
        least = ctx.get("min_length", 1)
        if least == 1:
            return _("must not be empty")
        return _n("must be at least {n} character", "must be at least {n} characters", least).format(
            n=f"{least:,}")
    if kind == "string_too_long":
        most = ctx["max_length"]
        if plural:
            return _n("are longer than {n} character", "are longer than {n} characters", most).format(
                n=f"{most:,}")
        return _n("is longer than {n} character", "is longer than {n} characters", most).format(n=f"{most:,}")
    if kind == "string_unicode" or (kind == "string_type" and isinstance(value, str)):
        bad = next((c for c in str(value or "") if 0xD800 <= ord(c) <= 0xDFFF), "\ufffd")
        code = f"U+{ord(bad):04X}"
        if plural:
            return _("contain a character that is not allowed in text ({code})").format(code=code)
        return _("contains a character that is not allowed in text ({code})").format(code=code)
    if kind == "string_type":
        return _("must be text, not {what}").format(what=_json_type(value))
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return _("must be a whole number, not {what}").format(what=_json_type(value))
    if kind in ("greater_than_equal", "less_than_equal"):
        if field == "emotion":
            bounds = _("from {low} to {high}").format(low=EMOTION_MIN, high=EMOTION_MAX)
        elif kind == "greater_than_equal":
            bounds = _("at least {low}").format(low=ctx.get("ge"))
        else:
            bounds = _("at most {high}").format(high=ctx.get("le"))
        return _("{value} is out of range: it must be {bounds}").format(
            value=show_value(value), bounds=bounds)
    if kind == "literal_error":
        return _("{value} is not one of {choices}").format(
            value=show_value(value), choices=ctx.get("expected", ""))
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if plural:
            return _("are not written correctly: they are {what}").format(what=_json_type(value))
        return _("is not written correctly: it is {what}").format(what=_json_type(value))
    if kind == "list_type":
        return _("must be a list, not {what}").format(what=_json_type(value))
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
