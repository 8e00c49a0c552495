"""A map as a spreadsheet: an `.xlsx` workbook with a sheet per kind of thing, or a `.csv` file of the
touchpoints (docs/spreadsheets.md describes both).

Everything the map holds is in the workbook, so importing it again gives back the same map; a CSV
file holds what one row per touchpoint can. Cells are data, never formulas: a text that starts
like a formula ("=", "+", "-", "@") is written as text in a workbook (a string cell marked "text" so
that editing it keeps it text) and behind an apostrophe in CSV, which the import takes off again.
openpyxl is imported only when a workbook is written.
"""

from __future__ import annotations

import csv
import io
import os
from datetime import date
from pathlib import Path
from typing import Any

from ..i18n import _, _n
from ..model.schema import Map
from ..model.types import format_timestamp
from .sheet_columns import (
    ACTIONS,
    CSV_COLUMNS,
    FLOWS,
    KPIS,
    MAP_FIELD_LABELS,
    MAP_SHEET,
    PAIN_POINTS,
    PERSONAS,
    QUOTES,
    STAGES,
    TOUCHPOINTS,
    WORKBOOK,
    SheetSpec,
)
from .sheet_values import (
    CHANNEL_WORDS,
    DIRECTION_WORDS,
    EVIDENCE_WORDS,
    FLOW_KIND_WORDS,
    FORMULA_STARTS,
    LEVEL_WORDS,
    STATE_WORDS,
    STATUS_WORDS,
    csv_safe,
    first_word,
    join_items,
)
from .writer import write_atomic

Rows = list[list[Any]]
_CHOICES = {
    "channel": list(CHANNEL_WORDS.values()),
    "evidence": [first_word(EVIDENCE_WORDS, v) for v in EVIDENCE_WORDS],
    "severity": list(LEVEL_WORDS), "priority": list(LEVEL_WORDS), "effort": list(LEVEL_WORDS),
    "status": [first_word(STATUS_WORDS, v) for v in STATUS_WORDS],
    "kind": [first_word(FLOW_KIND_WORDS, v) for v in FLOW_KIND_WORDS],
    "direction": [first_word(DIRECTION_WORDS, v) for v in DIRECTION_WORDS],
}
"""Columns whose cells get a drop-down list of the words the import reads (typing another still works)."""


def map_tables(the_map: Map) -> list[tuple[SheetSpec, Rows]]:
    """Every sheet of the workbook with its rows (below the header), in the order of `WORKBOOK`."""
    personas = {p.id: p for p in the_map.personas}
    stages = {s.id: s for s in the_map.stages}
    cards = {t.id: t for t in the_map.touchpoints}
    pains = {p.id: p for t in the_map.touchpoints for p in t.pain_points}

    def place(card_id: str) -> list[Any]:
        card = cards[card_id]
        return [personas[card.persona].name, stages[card.stage].name, card.title]

    tables: dict[str, Rows] = {spec.name: [] for spec in WORKBOOK}
    tables[TOUCHPOINTS.name] = [touchpoint_row(the_map, t, personas, stages) for t in journey_order(the_map)]
    tables[FLOWS.name] = [[cards[f.source].title, cards[f.target].title, first_word(FLOW_KIND_WORDS, f.kind),
                           f.label, f.id, f.source, f.target] for f in the_map.flows]
    tables[STAGES.name] = [[s.name, s.goal, s.description, s.id] for s in the_map.stages]
    for stage in the_map.stages:
        for kpi in stage.kpis:
            head = [stage.name, kpi.name, kpi.unit, first_word(DIRECTION_WORDS, kpi.direction), kpi.target]
            tail = [kpi.id, stage.id]
            readings = [[r.date, r.value, r.note] for r in kpi.readings] or [[None, None, ""]]
            tables[KPIS.name] += [head + reading + tail for reading in readings]
    tables[PERSONAS.name] = [[p.name, p.segment, p.description, join_items(p.goals), join_items(p.needs),
                              join_items(p.frustrations), p.color, first_word(EVIDENCE_WORDS, p.evidence), p.source,
                              p.id] for p in the_map.personas]
    for persona in the_map.personas:
        tables[QUOTES.name] += [[persona.name, "", "", q.text, q.who, q.date, q.source, q.id, "", persona.id]
                                for q in persona.quotes]
    for card in journey_order(the_map):
        tables[PAIN_POINTS.name] += [place(card.id) + [p.text, p.severity, p.id, card.id] for p in card.pain_points]
        for o in card.opportunities:
            answered = [pains[i].text for i in o.addresses if i in pains]
            tables[ACTIONS.name].append(place(card.id) + [
                o.text, o.priority, first_word(STATUS_WORDS, o.status), o.owner, o.due, o.effort or "",
                join_items(answered), o.id, card.id, join_items(o.addresses)])
        tables[QUOTES.name] += [place(card.id) + [q.text, q.who, q.date, q.source, q.id, card.id, ""]
                                for q in card.quotes]
    tables[MAP_SHEET.name] = [[MAP_FIELD_LABELS[key], value] for key, value in map_fields(the_map)]
    return [(spec, tables[spec.name]) for spec in WORKBOOK]


def journey_order(the_map: Map) -> list[Any]:
    """The touchpoints stage by stage, and in a stage lane by lane, each cell's cards in their order:
    how a journey reads, and an order the import turns back into the same map."""
    stage_at = {s.id: i for i, s in enumerate(the_map.stages)}
    persona_at = {p.id: i for i, p in enumerate(the_map.personas)}
    return sorted(the_map.touchpoints, key=lambda t: (stage_at[t.stage], persona_at[t.persona]))


def touchpoint_row(the_map: Map, card: Any, personas: dict[str, Any], stages: dict[str, Any]) -> list[Any]:
    """One touchpoint's row, in the columns of `TOUCHPOINTS`."""
    return [personas[card.persona].name, stages[card.stage].name, card.title,
            CHANNEL_WORDS[card.channel] if card.channel else "", card.emotion, card.action, card.thoughts,
            join_items([p.text for p in card.pain_points]), join_items([o.text for o in card.opportunities]),
            join_items([q.text for q in card.quotes]), card.owner, first_word(EVIDENCE_WORDS, card.evidence),
            card.source, card.notes, card.id, card.persona, card.stage]


def map_fields(the_map: Map) -> list[tuple[str, Any]]:
    """The Map sheet's rows: (field, value), the based-on rows only for a map based on another."""
    fields: list[tuple[str, Any]] = [("title", the_map.title), ("description", the_map.description),
                                     ("owner", the_map.owner), ("language", the_map.language),
                                     ("state", first_word(STATE_WORDS, the_map.state)), ("review_by", the_map.review_by)]
    if the_map.based_on is not None:
        based = the_map.based_on
        fields += [("based_on", based.title), ("based_on_id", based.id),
                   ("based_on_modified", format_timestamp(based.modified))]
    return fields


# -- workbook --------------------------------------------------------------------------------------

def _put(cell: Any, value: Any) -> None:
    """A value in a cell as what it is: text stays text (never a formula), numbers stay numbers (a
    whole number kept as a fraction, 3.0, is shown with its decimal so that it reads back as one)."""
    if value is None or value == "":
        return
    cell.value = value
    if isinstance(value, str):
        if cell.data_type == "f":  # (openpyxl takes a text starting with "=" for a formula)
            cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True  # Excel's "text" mark: typing into the cell again keeps it text
    elif isinstance(value, float) and value.is_integer():
        cell.number_format = "0.0"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"


def xlsx_bytes(the_map: Map) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold, shade = Font(bold=True), PatternFill("solid", fgColor="E8ECEF")
    wrap = Alignment(wrap_text=True, vertical="top")
    for spec, rows in map_tables(the_map):
        sheet = workbook.create_sheet(spec.name)
        for col, column in enumerate(spec.columns, start=1):
            cell = sheet.cell(1, col, column.header)
            cell.font, cell.fill = bold, shade
            dimension = sheet.column_dimensions[get_column_letter(col)]
            dimension.width = column.width
            dimension.hidden = column.hidden
        for r, row in enumerate(rows, start=2):
            for col, value in enumerate(row, start=1):
                cell = sheet.cell(r, col)
                _put(cell, value)
                if isinstance(value, str) and "\n" in value:
                    cell.alignment = wrap
        sheet.freeze_panes = "A2"
        if spec is not MAP_SHEET:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(spec.columns))}{max(len(rows) + 1, 2)}"
        for col, column in enumerate(spec.columns, start=1):
            choices = _CHOICES.get(column.key)
            if choices:  # a drop-down of the words the import reads; any other text may still be typed
                rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                                      showErrorMessage=False)
                letter = get_column_letter(col)
                rule.add(f"{letter}2:{letter}{len(rows) + 1000}")
                sheet.add_data_validation(rule)
        if spec is PERSONAS:
            color_col = next(i for i, c in enumerate(spec.columns, start=1) if c.key == "color")
            for r, row in enumerate(rows, start=2):
                sheet.cell(r, color_col).fill = PatternFill("solid", fgColor=row[color_col - 1].lstrip("#").upper())
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


# -- CSV -------------------------------------------------------------------------------------------

def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_safe(value)
    if isinstance(value, date):
        return value.isoformat()
    return repr(value) if isinstance(value, float) else str(value)


def csv_bytes(the_map: Map) -> bytes:
    """The touchpoints, one row each, in UTF-8 with a byte-order mark (so that Excel reads the
    letters right) and "," between cells."""
    personas = {p.id: p for p in the_map.personas}
    stages = {s.id: s for s in the_map.stages}
    keep = [i for i, column in enumerate(TOUCHPOINTS.columns) if column in CSV_COLUMNS]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.header for column in CSV_COLUMNS])
    for card in journey_order(the_map):
        row = touchpoint_row(the_map, card, personas, stages)
        writer.writerow([_csv_cell(row[i]) for i in keep])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


SPREADSHEET_SUFFIXES = (".xlsx", ".csv")


def spreadsheet_summary(the_map: Map, suffix: str) -> str:
    """What a spreadsheet export holds, in one line."""
    cards = len(the_map.touchpoints)
    if suffix.lower() == ".csv":
        return _n("{n} touchpoint, one row each (a CSV file holds the touchpoints only; an .xlsx workbook "
                  "holds the whole "
                  "map)", "{n} touchpoints, one row each (a CSV file holds the touchpoints only; an "
                                ".xlsx workbook holds the whole map)", cards).format(n=cards)
    # TRANSLATORS: what a workbook holds: "12 touchpoints, 11 flows, 4 stages, 2 personas and the actions..."
    return _("{touchpoints}, {flows}, {stages}, {personas} and the actions, on sheets of their own").format(
        touchpoints=_n("{n} touchpoint", "{n} touchpoints", cards).format(n=cards),
        flows=_n("{n} flow", "{n} flows", len(the_map.flows)).format(n=len(the_map.flows)),
        stages=_n("{n} stage", "{n} stages", len(the_map.stages)).format(n=len(the_map.stages)),
        personas=_n("{n} persona", "{n} personas", len(the_map.personas)).format(n=len(the_map.personas)))


def export_spreadsheet(the_map: Map, path: str | os.PathLike[str]) -> Path:
    """Write `path` (.xlsx or .csv, by its suffix) atomically; SaveError if it cannot be written."""
    suffix = Path(path).suffix.lower()
    if suffix not in SPREADSHEET_SUFFIXES:
        raise ValueError(f"{path}: a spreadsheet ends in .xlsx or .csv")
    data = xlsx_bytes(the_map) if suffix == ".xlsx" else csv_bytes(the_map)
    return write_atomic(path, data, keep_backup=False, follow_links=False)
