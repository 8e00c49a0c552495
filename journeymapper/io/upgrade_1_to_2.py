"""Format 1 -> 2, on the raw envelope: every v1 field gets its v2 home, nothing is lost.

- Pain points, opportunities and KPIs get ids in the map's one id space, made from their owner's
  id and their place (`<card id>.p1`, `<card id>.o2`, `<stage id>.k1`), so that upgrading the
  same file twice gives the same ids (a diff of two upgraded copies shows no change).
- A KPI's `value` becomes its one reading, dated the day the map was last modified (the only day
  the file says anything about), in UTC as the upgraded file writes `modified`; its direction is
  "higher" (v1 judged none).
- An opportunity is an idea with no plan yet: status "idea", no owner, no date, effort unknown.
- The map is today's ("current"), its language not said; personas are "assumed", with no source.

Format 1 was strict too: a key it does not define is an error in a v1 file even when format 2 defines
it (`V2_ONLY_KEYS`, reported by the reader), so the step never has to choose between a file's value and
its own. A problem found after the step is placed where it is in the v1 file (`v1_loc`).
"""

from __future__ import annotations

import hashlib
from typing import Any

MAX_ID = 64

V2_ONLY_KEYS: dict[str, tuple[str, ...]] = {
    "envelope": ("readable_by",),
    "map": ("language", "state", "based_on"),
    "personas": ("evidence", "source", "quotes"),
    "kpis": ("id", "direction", "readings"),
    "touchpoints": ("quotes",),
    "pain_points": ("id",),
    "opportunities": ("id", "status", "owner", "due", "effort", "addresses"),
}
"""Keys format 2 added, by the object that holds them: in a file that says it is format 1, each is an
unknown key, as it was for a format-1 reader."""


def _stand_in(base: str, letter: str, number: int) -> str:
    """A short id made from the parent's: the same parent always gives the same one."""
    digest = hashlib.sha1(base.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return f"x{digest}.{letter}{number}"


def _child_id(parent: Any, letter: str, number: int, taken: set[str]) -> str:
    """`<parent>.<letter><number>`, or a stable stand-in when that is too long or not a valid id; `-2`,
    `-3`... when it is already an id (never past 64 characters: a long one goes on from its stand-in)."""
    from ..model.types import ID_PATTERN  # (loaded when a file is upgraded, not with the step registry)

    base = parent if isinstance(parent, str) else "x"
    candidate = f"{base}.{letter}{number}"

    if len(candidate) > MAX_ID or not ID_PATTERN.fullmatch(candidate):
        candidate = _stand_in(base, letter, number)
    unique, extra = candidate, 1
    while unique in taken:  # (a v1 map may already use such an id for something else)
        extra += 1
        unique = f"{candidate}-{extra}"
        if len(unique) > MAX_ID:
            candidate, extra = _stand_in(base, letter, number), 1
            unique = candidate
    taken.add(unique)
    return unique


def _ids_in(raw_map: dict[str, Any]) -> set[str]:
    taken: set[str] = set()
    for key in ("personas", "stages", "touchpoints", "flows"):
        items = raw_map.get(key)
        if isinstance(items, list):
            taken.update(item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str))
    return taken


def _day_of(timestamp: Any) -> str | None:
    """The UTC day of an RFC 3339 timestamp ("2026-11-23T23:30:00-05:00" -> "2026-11-24"), the day the
    upgraded file's `modified` shows; None when it is not one (validation then names `modified`)."""
    try:
        from ..model.types import parse_timestamp

        return parse_timestamp(timestamp).date().isoformat()
    except ValueError:
        return None


def upgrade(envelope: dict[str, Any]) -> dict[str, Any]:
    """The v2 envelope of a v1 one (the input is not changed). Entries of the wrong shape are left as
    they are: validation then names them, as it would have in v1."""
    result = dict(envelope)
    raw_map = envelope.get("map")
    if not isinstance(raw_map, dict):
        return result
    the_map = dict(raw_map)
    result["map"] = the_map
    taken = _ids_in(the_map)
    day = _day_of(the_map.get("modified"))
    the_map.setdefault("language", "")
    the_map.setdefault("state", "current")
    the_map.setdefault("based_on", None)
    stages = the_map.get("stages")
    if isinstance(stages, list):
        the_map["stages"] = [_stage(stage, taken, day) for stage in stages]
    cards = the_map.get("touchpoints")
    if isinstance(cards, list):
        the_map["touchpoints"] = [_card(card, taken) for card in cards]
    personas = the_map.get("personas")
    if isinstance(personas, list):
        the_map["personas"] = [_persona(persona) for persona in personas]
    return _reordered(result)


def upgrade_map(raw_map: dict[str, Any]) -> dict[str, Any]:
    """The v2 form of a v1 `map` object (for code and tests that write maps as v1 data)."""
    return upgrade({"map": raw_map})["map"]


def _stage(stage: Any, taken: set[str], day: str | None) -> Any:
    if not isinstance(stage, dict) or not isinstance(stage.get("kpis"), list):
        return stage
    stage = dict(stage)
    kpis = []
    for number, kpi in enumerate(stage["kpis"], 1):
        if isinstance(kpi, dict):
            kpi = dict(kpi)
            kpi.setdefault("id", _child_id(stage.get("id"), "k", number, taken))
            value = kpi.pop("value", None)
            readings = [] if value is None else [{"date": day, "value": value, "note": ""}]
            kpi.setdefault("direction", "higher")
            kpi.setdefault("readings", readings)
        kpis.append(kpi)
    stage["kpis"] = kpis
    return stage


def _card(card: Any, taken: set[str]) -> Any:
    if not isinstance(card, dict):
        return card
    card = dict(card)
    for key, letter in (("pain_points", "p"), ("opportunities", "o")):
        items = card.get(key)
        if not isinstance(items, list):
            continue
        upgraded = []
        for number, item in enumerate(items, 1):
            if isinstance(item, dict):
                item = {"id": _child_id(card.get("id"), letter, number, taken), **item}
                if key == "opportunities":
                    for field, default in (("status", "idea"), ("owner", ""), ("due", None), ("effort", None),
                                           ("addresses", [])):
                        item.setdefault(field, default)
            upgraded.append(item)
        card[key] = upgraded
    card.setdefault("quotes", [])
    return card


def _persona(persona: Any) -> Any:
    if not isinstance(persona, dict):
        return persona
    persona = dict(persona)
    for field, default in (("evidence", "assumed"), ("source", ""), ("quotes", [])):
        persona.setdefault(field, default)
    return persona


def _reordered(envelope: dict[str, Any]) -> dict[str, Any]:
    """The envelope with `readable_by: 2` after `schema_version` (the order a v2 writer gives). A v1 file
    has no `readable_by` of its own (the reader refuses one: `V2_ONLY_KEYS`)."""
    ordered: dict[str, Any] = {}
    for key, value in envelope.items():
        if key != "readable_by":
            ordered[key] = value
        if key == "schema_version":
            ordered["readable_by"] = 2
    ordered.setdefault("readable_by", 2)
    return ordered


def v2_only_keys(envelope: Any) -> list[tuple[Any, ...]]:
    """Where a v1 envelope holds a key only format 2 defines (paths from the envelope, e.g.
    `("map", "stages", 1, "kpis", 0, "readings")`)."""
    found: list[tuple[Any, ...]] = []

    def check(obj: Any, kind: str, loc: tuple[Any, ...]) -> None:
        if isinstance(obj, dict):
            found.extend((*loc, key) for key in V2_ONLY_KEYS[kind] if key in obj)

    def each(obj: Any, key: str, loc: tuple[Any, ...]) -> list[tuple[Any, tuple[Any, ...]]]:
        items = obj.get(key) if isinstance(obj, dict) else None
        return [(item, (*loc, key, n)) for n, item in enumerate(items)] if isinstance(items, list) else []

    check(envelope, "envelope", ())
    the_map = envelope.get("map") if isinstance(envelope, dict) else None
    check(the_map, "map", ("map",))
    for persona, loc in each(the_map, "personas", ("map",)):
        check(persona, "personas", loc)
    for stage, loc in each(the_map, "stages", ("map",)):
        for kpi, kpi_loc in each(stage, "kpis", loc):
            check(kpi, "kpis", kpi_loc)
    for card, loc in each(the_map, "touchpoints", ("map",)):
        check(card, "touchpoints", loc)
        for key in ("pain_points", "opportunities"):
            for item, item_loc in each(card, key, loc):
                check(item, key, item_loc)
    return found


def v1_loc(loc: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """Where a problem the upgraded map's validation found (a path inside `map`) is in the v1 file: a
    reading's value is the KPI's `value`. None for a reading's date: it comes from the map's
    `modified`, which is then named itself."""
    if len(loc) == 7 and loc[0] == "stages" and loc[2] == "kpis" and loc[4:6] == ("readings", 0):
        if loc[6] == "value":
            return (*loc[:4], "value")
        if loc[6] == "date":
            return None
    return loc
