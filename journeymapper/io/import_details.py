"""The sheets of a workbook besides the touchpoints, personas and stages: the map's own fields, KPIs
and their readings, pain points, actions (opportunities with their plan), quotes and flows.

Each row names the card it belongs to by its title (with its persona and stage when two cards have
one title); the hidden "Touchpoint id" an export writes picks between cards of one title and finds a
card renamed on the Touchpoints sheet only. A card's pain points, opportunities and quotes are the
rows of their sheet, plus any its Touchpoints row lists that no row there has (a text typed into
the Touchpoints sheet is not lost); without such a sheet (a CSV file), those its row lists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from ..model.document import utc_now
from ..model.messages import describe_validation_error
from ..model.schema import MAX_FLOWS, MAX_LIST_ITEMS, MAX_READINGS, BasedOn, Map
from ..model.types import ID_PATTERN, parse_timestamp
from .importers import ImportProblem
from .sheet_columns import MAP_FIELDS, header_key
from .sheet_files import Table
from .sheet_rows import Record, SheetRows, name_key, records_of
from .sheet_values import (
    DIRECTION_WORDS,
    FLOW_KIND_WORDS,
    LEVEL_WORDS,
    STATE_WORDS,
    STATUS_WORDS,
    cell_text,
    first_word,
    join_items,
    parse_date,
    parse_number,
    parse_word,
    split_items,
)
from .spreadsheet_import import MapBuilder

_NOUNS = {"pain_points": "pain points", "opportunities": "opportunities", "quotes": "quotes"}


def _word(table: dict[str, tuple[str, ...]], what: str) -> Callable[[object], str]:
    return lambda value: parse_word(table, value, what)


def find_card(builder: MapBuilder, record: Record, key: str = "card", id_key: str = "card_id",
              narrow: bool = True) -> tuple[dict[str, Any] | None, str]:
    """(the card a row names, "") or (None, why not)."""
    title = record.text(key, 500, "the touchpoint")
    hint = cell_text(record.raw(id_key)).strip()
    by_id = builder.card_by_id.get(hint)
    if not title:
        return by_id, "" if by_id is not None else "no touchpoint named: which card is it about?"
    matches = builder.cards_by_title.get(name_key(title), [])
    if narrow and len(matches) > 1:
        names = {p["id"]: p["name"] for p in builder.personas} | {s["id"]: s["name"] for s in builder.stages}
        for field in ("persona", "stage"):
            wanted = name_key(record.text(field, 200, f"the {field}"))
            narrower = [c for c in matches if name_key(names[c[field]]) == wanted]
            if wanted and narrower:
                matches = narrower
    if len(matches) == 1:
        return matches[0], ""
    if matches:
        if by_id in matches:
            return by_id, ""
        return None, (f"several touchpoints are called “{title}”: say which with its persona and stage"
                      if narrow else f"several touchpoints are called “{title}”")
    if by_id is not None:  # (renamed on the Touchpoints sheet only)
        return by_id, ""
    return None, f"no touchpoint called “{title}”"


# -- the map's own fields ------------------------------------------------------------------------

def read_map_sheet(builder: MapBuilder, table: Table | None) -> None:
    """The Map sheet: a row per field of the map (Title, Description...), its value beside it."""
    if table is None:
        return
    words = {header_key(word): key for key, synonyms in MAP_FIELDS.items() for word in synonyms}
    values: dict[str, tuple[object, Record]] = {}
    for number, row in enumerate(table.rows, start=1):
        key = words.get(header_key(row[0] if row else ""))
        if key is not None and len(row) > 1:
            values[key] = (row[1], Record(number, {key: row[1]}, table.name))
    builder.map_sheet_read, builder.map_sheet_name = bool(values), table.name
    for key, limit in (("title", 200), ("description", 10_000), ("owner", 200), ("language", 35)):
        if key in values:
            _, record = values[key]
            text = record.text(key, limit, f"the map's {key}", strip=key != "description")
            if key != "title" or text:
                builder.fields[key] = text
            builder.collect(record)
    if "state" in values:
        _, record = values["state"]
        builder.fields["state"] = record.parsed("state", lambda v: parse_word(STATE_WORDS, v, "state"), "state",
                                                "current")
        builder.collect(record)
    if "review_by" in values:
        _, record = values["review_by"]
        builder.fields["review_by"] = record.parsed("review_by", parse_date, "review date")
        builder.collect(record)
    _based_on(builder, values)
    try:
        Map.model_validate({**builder.fields, "id": "m", "created": utc_now(), "modified": utc_now()})
    except ValidationError as exc:
        for line in describe_validation_error(exc, "map"):
            builder.problems.append(ImportProblem(f"{line}: left out", None, table.name))
        for field in {str(err["loc"][0]) for err in exc.errors() if err["loc"]}:
            builder.fields.pop(field, None)


def _based_on(builder: MapBuilder, values: dict[str, tuple[object, Record]]) -> None:
    parts = [values.get(k) for k in ("based_on", "based_on_id", "based_on_modified")]
    if not any(p is not None and cell_text(p[0]).strip() for p in parts):
        return
    try:
        title, the_id, modified = (cell_text(p[0]).strip() if p else "" for p in parts)
        based = BasedOn(id=the_id, title=title, modified=parse_timestamp(modified))
    except (ValidationError, ValueError):
        builder.problems.append(ImportProblem("“Based on” needs the other map's title, id and the time it was "
                                              "saved: left out", None, builder.map_sheet_name))
        return
    if builder.fields.get("state") == "future":
        builder.fields["based_on"] = based.model_dump()
    else:
        builder.problems.append(ImportProblem("only a future-state map is based on another: “Based on” left out",
                                              None, builder.map_sheet_name))


# -- KPIs ------------------------------------------------------------------------------------------

def read_kpis(builder: MapBuilder, rows: SheetRows | None) -> None:
    made: list[tuple[str, str, str, dict[str, Any], int]] = []  # (stage id, name key, id hint, kpi, first row)
    for record in records_of(rows):
        _kpi_row(builder, record, made)
        builder.collect(record)
    for *_, kpi, _row in made:
        kpi["readings"].sort(key=lambda reading: reading["date"])  # oldest first, as the format keeps them


def _kpi_row(builder: MapBuilder, record: Record, made: list[tuple[str, str, str, dict[str, Any], int]]) -> None:
    name = record.text("name", 200, "the KPI's name")
    if not name:
        record.skip("no KPI name: row left out")
        return
    stage_name = record.text("stage", 200, "the stage")
    if not stage_name and len(builder.stages) != 1:
        record.skip(f"KPI “{name}” has no stage: row left out")
        return
    stage = builder.stage(stage_name or builder.stages[0]["name"], record.raw("stage_id"), record)
    if stage is None:
        return
    hint = cell_text(record.raw("id")).strip()
    kpi = next((k for sid, key, h, k, _ in made if sid == stage["id"] and key == name_key(name)
                and (not h or not hint or h == hint)), None)
    fields = {"unit": record.text("unit", 20, "the unit"),
              "direction": record.parsed("direction", _word(DIRECTION_WORDS, "“better when”"), "direction", "higher"),
              "target": record.parsed("target", lambda v: parse_number(v, "target"), "target")}
    if kpi is None:
        if len(stage["kpis"]) >= MAX_LIST_ITEMS:
            record.skip(f"stage “{stage['name']}” has {MAX_LIST_ITEMS} KPIs already (the most a stage has)")
            return
        kpi = {"id": builder.ids.claim(hint), "name": name, **fields, "readings": []}
        stage["kpis"].append(kpi)
        made.append((stage["id"], name_key(name), hint, kpi, record.row))
    else:
        first = next(row for *_, k, row in made if k is kpi)
        for field, value in fields.items():
            shown = {"direction": lambda v: first_word(DIRECTION_WORDS, v)}.get(field, str)
            if record.has(field) and value != kpi[field] and value not in (None, ""):
                record.value_problem(f"KPI “{name}”: {field} {shown(value)} differs from row {first}'s "
                                     f"({shown(kpi[field]) if kpi[field] not in (None, '') else 'empty'}): row {first}'s kept")
    _reading(record, kpi)


def _reading(record: Record, kpi: dict[str, Any]) -> None:
    if not (record.has("date") or record.has("value")):
        return
    if not (record.has("date") and record.has("value")):
        missing = "date" if not record.has("date") else "value"
        record.value_problem(f"KPI “{kpi['name']}”: a reading needs a date and a value; this one has no {missing}: "
                             "reading left out")
        return
    day = record.parsed("date", lambda v: parse_date(v, "reading date"), "reading date")
    value = record.parsed("value", lambda v: parse_number(v, "reading"), "reading")
    if day is None or value is None:
        return
    if len(kpi["readings"]) >= MAX_READINGS:
        record.value_problem(f"KPI “{kpi['name']}” has {MAX_READINGS} readings already: reading left out")
        return
    kpi["readings"].append({"date": day, "value": value, "note": record.text("note", 500, "the reading's note")})


# -- pain points, actions, quotes -----------------------------------------------------------------

def _holder_room(record: Record, holder: dict[str, Any], field: str) -> bool:
    if len(holder[field]) < MAX_LIST_ITEMS:
        return True
    name = holder.get("title") or holder.get("name")
    record.skip(f"“{name}” has {MAX_LIST_ITEMS} {_NOUNS[field]} already (the most it can have): row left out")
    return False


def read_pain_points(builder: MapBuilder, rows: SheetRows | None) -> None:
    builder.pain_ids = {}
    for record in records_of(rows):
        text = record.text("text", 500, "the pain point")
        card, why = find_card(builder, record) if text else (None, "no pain point written: row left out")
        if card is None:
            record.skip(why if not text else f"{why}: row left out")
        elif _holder_room(record, card, "pain_points"):
            hint = cell_text(record.raw("id")).strip()
            pain_id = builder.ids.claim(hint)
            if hint:
                builder.pain_ids[hint] = pain_id
            card["pain_points"].append({"id": pain_id, "text": text, "severity": record.parsed(
                "severity", _word(LEVEL_WORDS, "severity"), "severity", "medium")})
        builder.collect(record)


def merge_cell_items(builder: MapBuilder, field: str, sheet_present: bool) -> None:
    """Add to each card the items its Touchpoints row lists that its sheet's rows do not have."""
    for card in builder.cards:
        items = card[field]
        known = {name_key(piece) for item in items for piece in (item["text"], *split_items(item["text"]))} \
            if sheet_present else set()
        record = builder.card_record[card["id"]]
        for text in builder.cell_items[card["id"]][field]:
            if name_key(text) in known:
                continue
            if len(items) >= MAX_LIST_ITEMS:
                record.value_problem(f"more than {MAX_LIST_ITEMS} {_NOUNS[field]}: “{text}” left out")
                continue
            items.append({"id": builder.ids.claim(), "text": text})
        builder.collect(record)


def read_actions(builder: MapBuilder, rows: SheetRows | None) -> None:
    pains = {p["id"]: p for c in builder.cards for p in c["pain_points"]}
    pains_by_text: dict[str, list[str]] = {}
    for pain_id, pain in pains.items():
        pains_by_text.setdefault(name_key(pain["text"]), []).append(pain_id)
    for record in records_of(rows):
        text = record.text("text", 500, "the opportunity")
        card, why = find_card(builder, record) if text else (None, "no opportunity written: row left out")
        if card is None:
            record.skip(why if not text else f"{why}: row left out")
        elif _holder_room(record, card, "opportunities"):
            card["opportunities"].append({
                "id": builder.ids.claim(record.raw("id")), "text": text,
                "priority": record.parsed("priority", _word(LEVEL_WORDS, "priority"), "priority", "medium"),
                "status": record.parsed("status", _word(STATUS_WORDS, "status"), "status", "idea"),
                "owner": record.text("owner", 200, "the owner"),
                "due": record.parsed("due", lambda v: parse_date(v, "due date"), "due date"),
                "effort": record.parsed("effort", _word(LEVEL_WORDS, "effort"), "effort"),
                "addresses": _addresses(builder, record, card, pains, pains_by_text)})
        builder.collect(record)


def _addresses(builder: MapBuilder, record: Record, card: dict[str, Any], pains: dict[str, dict[str, Any]],
               pains_by_text: dict[str, list[str]]) -> list[str]:
    """The pain points an action answers: the hidden ids when the texts beside them still say the
    same, else found by their texts (on the action's card first, then anywhere)."""
    texts = split_items(cell_text(record.raw("addresses")))  # (not stripped: a line end keeps one text whole)
    ids = [builder.pain_ids.get(i, i) for i in split_items(record.raw("address_ids")) if ID_PATTERN.fullmatch(i)]
    unchanged = split_items(join_items([pains[i]["text"] for i in ids if i in pains]))  # (as the export wrote them)
    if ids and [name_key(t) for t in unchanged] == [name_key(t) for t in texts]:
        return ids[:MAX_LIST_ITEMS]
    found: list[str] = []
    for text in texts[:MAX_LIST_ITEMS]:
        mine = [p["id"] for p in card["pain_points"] if name_key(p["text"]) == name_key(text)]
        anywhere = pains_by_text.get(name_key(text), [])
        if mine or len(anywhere) == 1:
            found.append((mine or anywhere)[0])
        else:
            record.value_problem(f"answers pain point “{text}”: " + (
                "several cards have a pain point of that text" if anywhere else "there is no such pain point")
                + ": left out")
    return found


def read_quotes(builder: MapBuilder, rows: SheetRows | None) -> None:
    for record in records_of(rows):
        text = record.text("text", 1_000, "the quote")
        holder: dict[str, Any] | None = None
        if not text:
            record.skip("no quote written: row left out")
        elif record.has("card") or record.has("card_id"):
            holder, why = find_card(builder, record)
            if holder is None:
                record.skip(f"{why}: row left out")
        else:
            name = record.text("persona", 200, "the persona")
            if name:
                holder = builder.persona(name, record.raw("persona_id"), record)
                if holder is not None:
                    holder.setdefault("quotes", [])
            else:
                record.skip("neither a touchpoint nor a persona: whose words are these? Row left out")
        if holder is not None and _holder_room(record, holder, "quotes"):
            holder["quotes"].append({"id": builder.ids.claim(record.raw("id")), "text": text,
                                     "who": record.text("who", 200, "who said it"),
                                     "date": record.parsed("date", lambda v: parse_date(v, "date"), "date"),
                                     "source": record.text("source", 500, "the source")})
        builder.collect(record)


# -- flows -----------------------------------------------------------------------------------------

def read_flows(builder: MapBuilder, rows: SheetRows | None) -> None:
    for record in records_of(rows):
        ends = [find_card(builder, record, key, f"{key}_id", narrow=False) for key in ("source", "target")]
        (source, why_source), (target, why_target) = ends
        if source is None or target is None:
            reasons = [f"From: {why_source}" if source is None else "", f"To: {why_target}" if target is None else ""]
            record.skip("; ".join(r for r in reasons if r) + ": flow left out")
        elif len(builder.flows) >= MAX_FLOWS:
            record.skip(f"a map has at most {MAX_FLOWS:,} flows: row left out")
        else:
            builder.flows.append({"id": builder.ids.claim(record.raw("id")), "source": source["id"],
                                  "target": target["id"], "label": record.text("label", 200, "the label"),
                                  "kind": record.parsed("kind", _word(FLOW_KIND_WORDS, "kind"), "kind", "next")})
        builder.collect(record)
