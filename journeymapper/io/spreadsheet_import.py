"""A new map from a spreadsheet: an `.xlsx` workbook (ours, or one a person made) or a `.csv` file of
touchpoints (docs/spreadsheets.md says what is read and how).

Names decide: a row's persona and stage are found by name (case and spacing aside) and made, in the
order they first appear, when the map has none of that name yet; the hidden id columns an export
writes only tell apart two of the same name, and give each element its id back when it is free.
A row that cannot be used is left out and reported with its row number and the reason; a value
that cannot be used is left out of its row and reported the same way; the rest is imported.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..i18n import _, _n
from ..model.document import PERSONA_COLORS, new_id, next_persona_color, utc_now
from ..model.messages import describe_validation_error, quoted
from ..model.schema import (
    DEFAULT_PERSONA_COLOR,
    MAX_LIST_ITEMS,
    MAX_PERSONAS,
    MAX_STAGES,
    MAX_TOUCHPOINTS,
    Map,
    Persona,
    Touchpoint,
)
from ..model.types import ID_PATTERN
from .importers import ImportFailed, ImportProblem, ImportResult
from .sheet_columns import (
    ACTIONS,
    FLOWS,
    KPIS,
    MAP_SHEET,
    PAIN_POINTS,
    PERSONAS,
    QUOTES,
    STAGES,
    TOUCHPOINTS,
    WORKBOOK,
    header_key,
)
from .sheet_files import SheetFile, Table, read_csv, read_xlsx
from .sheet_rows import Record, SheetRows, name_key, records_of, sheet_rows
from .sheet_values import (
    EVIDENCE_WORDS,
    cell_text,
    emotion_scale,
    from_csv_safe,
    parse_channel,
    parse_emotion,
    parse_word,
    split_items,
)

"""Lanes made from names alone get these colours in turn (the editor's own for a new persona)."""
DEFAULT_PERSONA, DEFAULT_STAGE = "Customer", "Journey"
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")


def import_xlsx(path: str | os.PathLike[str]) -> ImportResult:
    return build_map(read_xlsx(path), Path(path).stem, csv=False)


def import_csv(path: str | os.PathLike[str]) -> ImportResult:
    return build_map(read_csv(path), Path(path).stem, csv=True)


class IdPool:
    """The map's one id space: an id from the sheet is kept when it is valid and still free."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def claim(self, wanted: object = None) -> str:
        text = cell_text(wanted).strip()
        if not (ID_PATTERN.fullmatch(text) and text not in self.taken):
            text = new_id()
            while text in self.taken:
                text = new_id()
        self.taken.add(text)
        return text


def find_sheets(workbook: SheetFile, csv: bool) -> dict[str, tuple[Table, SheetRows]]:
    """Each kind of sheet the file has, by the spec's name: a sheet named for it (Touchpoints,
    Phases, Metrics...) whose header it recognises; the touchpoints otherwise from the first sheet
    whose header names a touchpoint's title."""
    found: dict[str, tuple[Table, SheetRows]] = {}
    used: set[int] = set()
    for spec in (TOUCHPOINTS,) if csv else WORKBOOK:  # (a CSV file is a Touchpoints sheet)
        names = {header_key(spec.name), *(header_key(n) for n in spec.names)}
        for index, table in enumerate(workbook.tables):
            if index not in used and (csv or header_key(table.name) in names):
                rows = sheet_rows(table, spec, csv) if spec is not MAP_SHEET else SheetRows([], {}, [])
                if rows is not None:
                    found[spec.name] = (table, rows)
                    used.add(index)
                    break
    if TOUCHPOINTS.name not in found:
        for index, table in enumerate(workbook.tables):
            rows = sheet_rows(table, TOUCHPOINTS, csv) if index not in used else None
            if rows is not None:
                found[TOUCHPOINTS.name] = (table, rows)
                break
    return found


class MapBuilder:
    """The map being made, row by row, with what could not be used."""

    def __init__(self, title: str, csv: bool) -> None:
        self.csv = csv
        self.ids = IdPool()
        self.fields: dict[str, Any] = {"title": title[:200].strip() or "Imported journey map"}
        self.personas: list[dict[str, Any]] = []
        self.stages: list[dict[str, Any]] = []
        self.cards: list[dict[str, Any]] = []
        self.flows: list[dict[str, Any]] = []
        self.problems: list[ImportProblem] = []
        self.notes: list[str] = []
        self.cell_items: dict[str, dict[str, list[str]]] = {}
        """A card's pain points, opportunities and quotes as its Touchpoints row lists them."""
        self.card_record: dict[str, Record] = {}
        self.card_rows = 0
        """Rows of the Touchpoints sheet with something in them."""
        self.card_by_id: dict[str, dict[str, Any]] = {}
        self.cards_by_title: dict[str, list[dict[str, Any]]] = {}
        """The cards by id and by title (as `name_key` gives it), once the Touchpoints sheet is read."""
        self.map_sheet_read, self.map_sheet_name = False, MAP_SHEET.name
        """Whether a Map sheet named the map's fields (then even a map without elements is a map)."""
        self.pain_ids: dict[str, str] = {}
        """A pain point's id in the sheet -> its id in the map (they differ when the sheet's was taken)."""

    def collect(self, record: Record) -> None:
        self.problems.extend(record.problems)
        record.problems = []

    # -- personas and stages ------------------------------------------------------------------------
    def _find(self, elements: list[dict[str, Any]], name: str, id_hint: object) -> dict[str, Any] | None:
        matches = [e for e in elements if name_key(e["name"]) == name_key(name)]
        hint = cell_text(id_hint).strip()
        return next((e for e in matches if e["id"] == hint), matches[0] if matches else None)

    def persona(self, name: str, id_hint: object, record: Record | None) -> dict[str, Any] | None:
        """The persona of that name, made (with the next lane colour) if there is none yet."""
        found = self._find(self.personas, name, id_hint)
        if found is not None:
            return found
        if len(self.personas) >= MAX_PERSONAS:
            if record is not None:
                record.skip(_("a map has at most {limit} personas: no room for “{name}”").format(
                    limit=MAX_PERSONAS,
                                                                                                 name=name))
            return None
        color = next_persona_color(p["color"] for p in self.personas)
        persona = {"id": self.ids.claim(id_hint), "name": name, "color": color}
        self.personas.append(persona)
        return persona

    def stage(self, name: str, id_hint: object, record: Record | None) -> dict[str, Any] | None:
        found = self._find(self.stages, name, id_hint)
        if found is not None:
            return found
        if len(self.stages) >= MAX_STAGES:
            if record is not None:
                record.skip(_("a map has at most {limit} stages: no room for “{name}”").format(
                    limit=MAX_STAGES,
                                                                                               name=name))
            return None
        stage = {"id": self.ids.claim(id_hint), "name": name, "kpis": []}
        self.stages.append(stage)
        return stage

    def read_personas(self, rows: SheetRows | None) -> None:
        for record in records_of(rows):
            name = record.text("name", 200, _("the persona's name"))
            if not name:
                record.skip(_("no persona name"))
            elif len(self.personas) >= MAX_PERSONAS:
                record.skip(_("a map has at most {limit} personas").format(limit=MAX_PERSONAS))
            else:
                persona: dict[str, Any] = {
                    "id": self.ids.claim(record.raw("id")), "name": name,
                    "segment": record.text("segment", 200, _("the segment")),
                    "description": record.text("description", 10_000, _("the description"), strip=False)}
                for key, what in (("goals", _("goals")), ("needs", _("needs")),
                                  ("frustrations", _("frustrations"))):
                    persona[key] = self.items_of(record, key, what)
                color = record.text("color", 20, _("the colour"))
                color = color if color.startswith("#") or not color else "#" + color
                persona["color"] = color or PERSONA_COLORS[len(self.personas) % len(PERSONA_COLORS)]
                persona["evidence"] = record.parsed(
                    "evidence", lambda v: parse_word(EVIDENCE_WORDS, v, _("evidence")), "evidence", "assumed")
                persona["source"] = record.text("source", 500, _("the source"))
                persona["quotes"] = []
                if not _COLOR.fullmatch(persona["color"]):
                    record.value_problem(_("colour “{value}” is not a colour like #2E86AB: the lane gets "
                                           "{colour}").format(value=color, colour=DEFAULT_PERSONA_COLOR))
                    persona["color"] = DEFAULT_PERSONA_COLOR
                try:
                    Persona.model_validate(persona)
                except ValidationError as exc:  # (each value was checked: not expected)
                    record.skip(row_left_out("; ".join(describe_validation_error(exc, "persona"))))
                else:
                    self.personas.append(persona)
            self.collect(record)

    def items_of(self, record: Record, key: str, what: str, limit: int = 500) -> list[str]:
        text = cell_text(record.raw(key))
        items = split_items(from_csv_safe(text) if self.csv else text)
        if len(items) > MAX_LIST_ITEMS:
            # TRANSLATORS: {what} is a list of a spreadsheet's row: "goals", "pain points"...
            record.value_problem(_("{what}: {count} given, a map keeps {limit}: the rest left out").format(
                what=what, count=len(items), limit=MAX_LIST_ITEMS))
            items = items[:MAX_LIST_ITEMS]
        for index, item in enumerate(items):
            if len(item) > limit:
                record.value_problem(_("{what}: item {number} cut to {limit} characters").format(
                    what=what, number=index + 1, limit=limit))
                items[index] = item[:limit].rstrip()
        return items

    def read_stages(self, rows: SheetRows | None) -> None:
        for record in records_of(rows):
            name = record.text("name", 200, _("the stage's name"))
            if not name:
                record.skip(_("no stage name"))
            elif len(self.stages) >= MAX_STAGES:
                record.skip(_("a map has at most {limit} stages").format(limit=MAX_STAGES))
            else:
                self.stages.append({"id": self.ids.claim(record.raw("id")), "name": name,
                                    "description": record.text("description", 10_000, _("the description"),
                                                               strip=False),
                                    "goal": record.text("goal", 500, _("the goal")), "kpis": []})
            self.collect(record)

    # -- touchpoints --------------------------------------------------------------------------------
    def read_touchpoints(self, rows: SheetRows | None) -> None:
        records = list(records_of(rows))
        scale = emotion_scale([r.raw("emotion") for r in records if r.has("emotion")])
        if scale == "1..5":
            self.notes.append(_("Emotions were read on a scale of 1 to 5 (1 very negative, 3 neutral, 5 very "
                                "positive) and kept as -2 to 2."))
        columns = set(rows.columns.values()) if rows is not None else set()
        self.card_rows += len(rows.left_out) if rows is not None else 0
        above = ["", ""]  # a persona or stage written once (or in a merged cell) holds for the rows below
        defaulted: set[str] = set()
        for record in records:
            names = [record.text("persona", 200, _("the persona")), record.text("stage", 200, _("the stage"))]
            above = [name or previous for name, previous in zip(names, above)]
            if not record.has("title") and not any(record.has(key) for key in columns - {"persona", "stage"}):
                for name, make in zip(names, (self.persona, self.stage)):  # a row that only names a group
                    if name:
                        make(name, None, record)
            else:
                self.card_rows += 1
                self._touchpoint(record, scale, self._lane_and_column(above, columns, defaulted))
            self.collect(record)
        self.card_by_id = {card["id"]: card for card in self.cards}
        for card in self.cards:
            self.cards_by_title.setdefault(name_key(card["title"]), []).append(card)
        if DEFAULT_PERSONA in defaulted:
            self.notes.append(_("Rows without a persona were put in a lane called “{name}”.").format(
                name=DEFAULT_PERSONA))
        if DEFAULT_STAGE in defaulted:
            self.notes.append(_("Rows without a stage were put in a stage called “{name}”.").format(
                name=DEFAULT_STAGE))

    def _lane_and_column(self, above: list[str], columns: set[str], defaulted: set[str]) -> tuple[str, str]:
        """The persona and stage names of a row: its own, or those above it; without either, the map's
        only one (a sheet without that column), or a lane "Customer" and a stage "Journey"."""
        chosen = []
        for name, key, elements, default in ((above[0], "persona", self.personas, DEFAULT_PERSONA),
                                             (above[1], "stage", self.stages, DEFAULT_STAGE)):
            if not name and len(elements) == 1 and key not in columns:
                name = elements[0]["name"]
            if not name:
                name = default
                defaulted.add(default)
            chosen.append(name)
        return chosen[0], chosen[1]

    def _touchpoint(self, record: Record, scale: str, names: tuple[str, str]) -> None:
        title = record.text("title", 500, _("the title"))
        if not title:
            record.skip(_("no touchpoint title: row left out"))
            return
        if len(self.cards) >= MAX_TOUCHPOINTS:
            record.skip(_("a map has at most {limit} touchpoints: row left out").format(
                limit=f"{MAX_TOUCHPOINTS:,}"))
            return
        persona = self.persona(names[0], record.raw("persona_id"), record)
        stage = self.stage(names[1], record.raw("stage_id"), record) if persona is not None else None
        if persona is None or stage is None:
            return
        card: dict[str, Any] = {
            "id": self.ids.claim(record.raw("id")), "persona": persona["id"], "stage": stage["id"], "title": title,
            "channel": record.parsed("channel", parse_channel, "channel"),
            "action": record.text("action", 2_000, _("the action"), strip=False),
            "thoughts": record.text("thoughts", 2_000, _("the thoughts"), strip=False),
            "emotion": self._emotion(record, scale),
            "pain_points": [], "opportunities": [], "quotes": [],
            "owner": record.text("owner", 200, _("the owner")),
            "evidence": record.parsed("evidence", lambda v: parse_word(EVIDENCE_WORDS, v, _("evidence")),
                                      "evidence", "assumed"),
            "source": record.text("source", 500, _("the source")),
            "notes": record.text("notes", 10_000, _("the notes"), strip=False),
        }
        self.cell_items[card["id"]] = {
            "pain_points": self.items_of(record, "pain_points", _("pain points")),
            "opportunities": self.items_of(record, "opportunities", _("opportunities")),
            "quotes": self.items_of(record, "quotes", _("quotes"), 1_000)}
        try:
            Touchpoint.model_validate(card)
        except ValidationError as exc:
            record.skip(row_left_out("; ".join(describe_validation_error(exc, "touchpoint"))))
            return
        self.cards.append(card)
        self.card_record[card["id"]] = record

    def _emotion(self, record: Record, scale: str) -> int | None:
        result = record.parsed("emotion", lambda v: parse_emotion(v, scale), _("emotion"))
        if result is None:
            return None
        emotion, note = result
        if note:
            place = _("row {number}").format(number=record.row)
            if record.sheet:
                place = f"{record.sheet}, {place}"
            self.notes.append(_("{place}: {problem}").format(place=place, problem=note))
        return emotion

    # -- the map --------------------------------------------------------------------------------------
    def result(self, counts: str) -> ImportResult:
        now = utc_now()
        raw = {"id": new_id(), **self.fields, "created": now, "modified": now, "personas": self.personas,
               "stages": self.stages, "touchpoints": self.cards, "flows": self.flows}
        try:
            the_map = Map.model_validate(raw)
        except ValidationError as exc:  # (every element was checked as it was made: this is a bug if seen)
            raise ImportFailed(_("the map made from the sheet is not valid: {problems}").format(
                problems="; ".join(describe_validation_error(exc, "map")[:3]))) from None
        return ImportResult(the_map, self.problems, self.notes, counts)


def row_left_out(why: str) -> str:
    """`no stage named “Buy”: row left out`: why a spreadsheet's row was not used."""
    # TRANSLATORS: why a row of a spreadsheet was not imported, then that it was not
    return _("{problem}: row left out").format(problem=why)


UNUSED_NAMED = 8
"""How many of the columns left out a note names (a sheet may have thousands)."""


def build_map(sheets: SheetFile, title: str, csv: bool) -> ImportResult:
    """The map a spreadsheet describes (see the module's docstring)."""
    from .import_details import (
        merge_cell_items,
        read_actions,
        read_flows,
        read_kpis,
        read_map_sheet,
        read_pain_points,
        read_quotes,
    )

    found = find_sheets(sheets, csv)
    builder = MapBuilder(title, csv)
    builder.notes.extend(sheets.notes)
    if TOUCHPOINTS.name not in found and not (set(found) & {PERSONAS.name, STAGES.name}):
        names = ", ".join(c.header for c in TOUCHPOINTS.columns if not c.hidden)
        if csv:
            raise ImportFailed(_("no row of headers naming a touchpoint's title (Touchpoint, Title, Card…) "
                                 "in the first rows: journeymapper reads the columns "
                                 "{columns}").format(columns=names))
        raise ImportFailed(_("no row of headers naming a touchpoint's title (Touchpoint, Title, Card…) in "
                             "the first rows of any sheet: journeymapper reads the columns {columns}").format(
                                 columns=names))
    for table, rows in found.values():
        builder.problems.extend(rows.left_out)
        if rows.unused_headers:
            named = ", ".join(quoted(h, limit=60) for h in rows.unused_headers[:UNUSED_NAMED])
            more = len(rows.unused_headers) - UNUSED_NAMED
            if more > 0:
                named = _n("{names} and {n} more", "{names} and {n} more", more).format(
                    names=named, n=f"{more:,}")
            note = _("columns left out (journeymapper does not read them): {names}").format(names=named)
            builder.notes.append(_("sheet {sheet}: {note}").format(
                sheet=table.name, note=note) if table.name else note)
    rows_of = {name: rows for name, (table, rows) in found.items()}
    read_map_sheet(builder, found[MAP_SHEET.name][0] if MAP_SHEET.name in found else None)
    builder.read_personas(rows_of.get(PERSONAS.name))
    builder.read_stages(rows_of.get(STAGES.name))
    read_kpis(builder, rows_of.get(KPIS.name))
    builder.read_touchpoints(rows_of.get(TOUCHPOINTS.name))
    read_pain_points(builder, rows_of.get(PAIN_POINTS.name))
    merge_cell_items(builder, "pain_points", PAIN_POINTS.name in found)
    read_actions(builder, rows_of.get(ACTIONS.name))
    merge_cell_items(builder, "opportunities", ACTIONS.name in found)
    read_quotes(builder, rows_of.get(QUOTES.name))
    merge_cell_items(builder, "quotes", QUOTES.name in found)
    read_flows(builder, rows_of.get(FLOWS.name))
    order = {table.name: index for index, table in enumerate(sheets.tables)}
    builder.problems.sort(key=lambda p: (order.get(p.sheet, -1), p.row or 0))
    cards_sheet = found[TOUCHPOINTS.name][0].name if TOUCHPOINTS.name in found else None
    if not builder.cards and (csv or not (builder.personas or builder.stages or builder.map_sheet_read)):
        what = _("the file") if csv else (_("sheet {sheet}").format(
            sheet=cards_sheet) if cards_sheet is not None
                                          else _("the workbook"))
        if builder.problems:
            message = _("no usable rows in {what}: no row has a touchpoint title (each row's problem is "
                        "listed)")
        else:
            message = _("no usable rows in {what}: no row has a touchpoint title")
        raise ImportFailed(message.format(what=what), builder.problems)
    skipped = sum(1 for p in builder.problems if p.skipped and p.sheet == cards_sheet)
    cards = _n("{n} touchpoint", "{n} touchpoints", len(builder.cards)).format(n=len(builder.cards))
    if skipped:
        cards += " " + _n("({n} of {rows} row left out)", "({n} of {rows} rows left out)",
            builder.card_rows).format(n=skipped, rows=builder.card_rows)
    counts = ", ".join([
        cards, _n("{n} persona", "{n} personas", len(builder.personas)).format(n=len(builder.personas)),
        _n("{n} stage", "{n} stages", len(builder.stages)).format(n=len(builder.stages)),
        _n("{n} flow", "{n} flows", len(builder.flows)).format(n=len(builder.flows))])
    return builder.result(counts)

