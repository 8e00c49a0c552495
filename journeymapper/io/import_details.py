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

from ..i18n import N_, _
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
from .spreadsheet_import import MapBuilder, row_left_out

_FULL = {
    "pain_points": N_("“{name}” has {limit} pain points already (the most it can have): row left out"),
    "opportunities": N_("“{name}” has {limit} opportunities already (the most it can have): row left out"),
    "quotes": N_("“{name}” has {limit} quotes already (the most it can have): row left out"),
}
_TOO_MANY = {
    "pain_points": N_("more than {limit} pain points: “{text}” left out"),
    "opportunities": N_("more than {limit} opportunities: “{text}” left out"),
    "quotes": N_("more than {limit} quotes: “{text}” left out"),
}
_FIELD_WORDS = {"persona": N_("the persona"), "stage": N_("the stage")}


def _word(table: dict[str, tuple[str, ...]], what: str) -> Callable[[object], str]:
    return lambda value: parse_word(table, value, what)


def find_card(builder: MapBuilder, record: Record, key: str = "card", id_key: str = "card_id",
              narrow: bool = True) -> tuple[dict[str, Any] | None, str]:
    """(the card a row names, "") or (None, why not)."""
    title = record.text(key, 500, _("the touchpoint"))
    hint = cell_text(record.raw(id_key)).strip()
    by_id = builder.card_by_id.get(hint)
    if not title:
        return by_id, "" if by_id is not None else _("no touchpoint named: which card is it about?")
    matches = builder.cards_by_title.get(name_key(title), [])
    if narrow and len(matches) > 1:
        names = {p["id"]: p["name"] for p in builder.personas} | {s["id"]: s["name"] for s in builder.stages}
        for field in ("persona", "stage"):
            wanted = name_key(record.text(field, 200, _(_FIELD_WORDS[field])))
            narrower = [c for c in matches if name_key(names[c[field]]) == wanted]
            if wanted and narrower:
                matches = narrower
    if len(matches) == 1:
        return matches[0], ""
    if matches:
        if by_id in matches:
            return by_id, ""
        return None, (_("several touchpoints are called “{title}”: say which with its persona and stage")
                      if narrow else _("several touchpoints are called “{title}”")).format(title=title)
    if by_id is not None:  # (renamed on the Touchpoints sheet only)
        return by_id, ""
    return None, _("no touchpoint called “{title}”").format(title=title)


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
    what = {"title": N_("the map's title"), "description": N_("the map's description"),
            "owner": N_("the map's owner"), "language": N_("the map's language")}
    for key, limit in (("title", 200), ("description", 10_000), ("owner", 200), ("language", 35)):
        if key in values:
            record = values[key][1]
            text = record.text(key, limit, _(what[key]), strip=key != "description")
            if key != "title" or text:
                builder.fields[key] = text
            builder.collect(record)
    if "state" in values:
        record = values["state"][1]
        builder.fields["state"] = record.parsed("state", lambda v: parse_word(STATE_WORDS, v, _("state")),
                                                "state", "current")
        builder.collect(record)
    if "review_by" in values:
        record = values["review_by"][1]
        builder.fields["review_by"] = record.parsed("review_by", lambda v: parse_date(v, _("review date")),
                                                    _("review date"))
        builder.collect(record)
    _based_on(builder, values)
    try:
        Map.model_validate({**builder.fields, "id": "m", "created": utc_now(), "modified": utc_now()})
    except ValidationError as exc:
        for line in describe_validation_error(exc, "map"):
            builder.problems.append(ImportProblem(_("{problem}: left out").format(
                problem=line), None, table.name))
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
        builder.problems.append(ImportProblem(_("“Based on” needs the other map's title, id and the time it "
                                                "was saved: left out"), None, builder.map_sheet_name))
        return
    if builder.fields.get("state") == "future":
        builder.fields["based_on"] = based.model_dump()
    else:
        builder.problems.append(ImportProblem(_("only a future-state map is based on another: “Based on” "
                                                "left out"),
                                              None, builder.map_sheet_name))


# -- KPIs ------------------------------------------------------------------------------------------

def read_kpis(builder: MapBuilder, rows: SheetRows | None) -> None:
    made: list[tuple[str, str, str, dict[str, Any], int]] = []  # (stage id, name key, id hint, kpi, first row)
    for record in records_of(rows):
        _kpi_row(builder, record, made)
        builder.collect(record)
    for *_rest, kpi, _row in made:
        kpi["readings"].sort(key=lambda reading: reading["date"])  # oldest first, as the format keeps them


def _kpi_row(builder: MapBuilder, record: Record, made: list[tuple[str, str, str, dict[str, Any], int]]) -> None:
    name = record.text("name", 200, _("the KPI's name"))
    if not name:
        record.skip(_("no KPI name: row left out"))
        return
    stage_name = record.text("stage", 200, _("the stage"))
    if not stage_name and len(builder.stages) != 1:
        record.skip(_("KPI “{name}” has no stage: row left out").format(name=name))
        return
    stage = builder.stage(stage_name or builder.stages[0]["name"], record.raw("stage_id"), record)
    if stage is None:
        return
    hint = cell_text(record.raw("id")).strip()
    kpi = next((k for sid, key, h, k, _first in made if sid == stage["id"] and key == name_key(name)
                and (not h or not hint or h == hint)), None)
    fields = {"unit": record.text("unit", 20, _("the unit")),
              "direction": record.parsed("direction", _word(DIRECTION_WORDS, _("“better when”")), "direction",
                                         "higher"),
              "target": record.parsed("target", lambda v: parse_number(v, _("target")), "target")}
    if kpi is None:
        if len(stage["kpis"]) >= MAX_LIST_ITEMS:
            record.skip(_("stage “{name}” has {limit} KPIs already (the most a stage has)").format(
                name=stage["name"], limit=MAX_LIST_ITEMS))
            return
        kpi = {"id": builder.ids.claim(hint), "name": name, **fields, "readings": []}
        stage["kpis"].append(kpi)
        made.append((stage["id"], name_key(name), hint, kpi, record.row))
    else:
        first = next(row for *_rest, k, row in made if k is kpi)
        for field, value in fields.items():
            shown = {"direction": lambda v: first_word(DIRECTION_WORDS, v)}.get(field, str)
            if record.has(field) and value != kpi[field] and value not in (None, ""):
                kept = shown(kpi[field]) if kpi[field] not in (None, "") else _("empty")
                # TRANSLATORS: {field} is the column's field: unit, direction or target; {row} a row's number
                said = _("KPI “{name}”: {field} {value} differs from row {row}'s ({kept}): row {row}'s kept")
                record.value_problem(said.format(name=name, field=field, value=shown(value), row=first,
                                                 kept=kept))
    _reading(record, kpi)


def _reading(record: Record, kpi: dict[str, Any]) -> None:
    if not (record.has("date") or record.has("value")):
        return
    if not (record.has("date") and record.has("value")):
        if not record.has("date"):
            record.value_problem(_("KPI “{name}”: a reading needs a date and a value; this one has no date: "
                                   "reading left out").format(name=kpi["name"]))
        else:
            record.value_problem(_("KPI “{name}”: a reading needs a date and a value; this one has no value: "
                                   "reading left out").format(name=kpi["name"]))
        return
    day = record.parsed("date", lambda v: parse_date(v, _("reading date")), _("reading date"))
    value = record.parsed("value", lambda v: parse_number(v, _("reading")), _("reading"))
    if day is None or value is None:
        return
    if len(kpi["readings"]) >= MAX_READINGS:
        record.value_problem(_("KPI “{name}” has {limit} readings already: reading left out").format(
            name=kpi["name"], limit=MAX_READINGS))
        return
    kpi["readings"].append({"date": day, "value": value, "note": record.text("note", 500, _("the reading's "
                                                                                            "note"))})


# -- pain points, actions, quotes -----------------------------------------------------------------

def _holder_room(record: Record, holder: dict[str, Any], field: str) -> bool:
    if len(holder[field]) < MAX_LIST_ITEMS:
        return True
    name = holder.get("title") or holder.get("name")
    record.skip(_(_FULL[field]).format(name=name, limit=MAX_LIST_ITEMS))
    return False


def read_pain_points(builder: MapBuilder, rows: SheetRows | None) -> None:
    builder.pain_ids = {}
    for record in records_of(rows):
        text = record.text("text", 500, _("the pain point"))
        card, why = find_card(builder, record) if text else (None, _("no pain point written: row left out"))
        if card is None:
            record.skip(why if not text else row_left_out(why))
        elif _holder_room(record, card, "pain_points"):
            hint = cell_text(record.raw("id")).strip()
            pain_id = builder.ids.claim(hint)
            if hint:
                builder.pain_ids[hint] = pain_id
            card["pain_points"].append({"id": pain_id, "text": text, "severity": record.parsed(
                "severity", _word(LEVEL_WORDS, _("severity")), "severity", "medium")})
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
                record.value_problem(_(_TOO_MANY[field]).format(limit=MAX_LIST_ITEMS, text=text))
                continue
            items.append({"id": builder.ids.claim(), "text": text})
        builder.collect(record)


def read_actions(builder: MapBuilder, rows: SheetRows | None) -> None:
    pains = {p["id"]: p for c in builder.cards for p in c["pain_points"]}
    pains_by_text: dict[str, list[str]] = {}
    for pain_id, pain in pains.items():
        pains_by_text.setdefault(name_key(pain["text"]), []).append(pain_id)
    for record in records_of(rows):
        text = record.text("text", 500, _("the opportunity"))
        card, why = find_card(builder, record) if text else (None, _("no opportunity written: row left out"))
        if card is None:
            record.skip(why if not text else row_left_out(why))
        elif _holder_room(record, card, "opportunities"):
            card["opportunities"].append({
                "id": builder.ids.claim(record.raw("id")), "text": text,
                "priority": record.parsed("priority", _word(LEVEL_WORDS, _("priority")), "priority",
                                          "medium"),
                "status": record.parsed("status", _word(STATUS_WORDS, _("status")), "status", "idea"),
                "owner": record.text("owner", 200, _("the owner")),
                "due": record.parsed("due", lambda v: parse_date(v, _("due date")), _("due date")),
                "effort": record.parsed("effort", _word(LEVEL_WORDS, _("effort")), "effort"),
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
            if anywhere:
                record.value_problem(_("answers pain point “{text}”: several cards have a pain point of that "
                                       "text: left out").format(text=text))
            else:
                record.value_problem(_("answers pain point “{text}”: there is no such pain point: left "
                                       "out").format(text=text))
    return found


def read_quotes(builder: MapBuilder, rows: SheetRows | None) -> None:
    for record in records_of(rows):
        text = record.text("text", 1_000, _("the quote"))
        holder: dict[str, Any] | None = None
        if not text:
            record.skip(_("no quote written: row left out"))
        elif record.has("card") or record.has("card_id"):
            holder, why = find_card(builder, record)
            if holder is None:
                record.skip(row_left_out(why))
        else:
            name = record.text("persona", 200, _("the persona"))
            if name:
                holder = builder.persona(name, record.raw("persona_id"), record)
                if holder is not None:
                    holder.setdefault("quotes", [])
            else:
                record.skip(_("neither a touchpoint nor a persona: whose words are these? Row left out"))
        if holder is not None and _holder_room(record, holder, "quotes"):
            holder["quotes"].append({"id": builder.ids.claim(record.raw("id")), "text": text,
                                     "who": record.text("who", 200, _("who said it")),
                                     "date": record.parsed("date", lambda v: parse_date(v, _("date")),
                                                           _("date")),
                                     "source": record.text("source", 500, _("the source"))})
        builder.collect(record)


# -- flows -----------------------------------------------------------------------------------------

def read_flows(builder: MapBuilder, rows: SheetRows | None) -> None:
    for record in records_of(rows):
        ends = [find_card(builder, record, key, f"{key}_id", narrow=False) for key in ("source", "target")]
        (source, why_source), (target, why_target) = ends
        if source is None or target is None:
            # TRANSLATORS: From and To are the headers of a Flows sheet's columns (the sheet's own words)
            reasons = [_("From: {problem}").format(problem=why_source) if source is None else "",
                       _("To: {problem}").format(problem=why_target) if target is None else ""]
            record.skip(_("{problems}: flow left out").format(problems="; ".join(r for r in reasons if r)))
        elif len(builder.flows) >= MAX_FLOWS:
            record.skip(_("a map has at most {limit} flows: row left out").format(limit=f"{MAX_FLOWS:,}"))
        else:
            builder.flows.append({"id": builder.ids.claim(record.raw("id")), "source": source["id"],
                                  "target": target["id"], "label": record.text("label", 200, _("the label")),
                                  "kind": record.parsed("kind", _word(FLOW_KIND_WORDS, _("kind")), "kind",
                                                        "next")})
        builder.collect(record)
