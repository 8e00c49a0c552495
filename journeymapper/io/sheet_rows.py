"""The rows of one sheet as records of fields: the header row found, its columns matched to the
map's fields, each row's cells read as the field's text, with what could not be used collected as
problems against the row's number.

A sheet typed by hand may start with a title or a blank row above its headers: the header row is
the first of the top rows that names the sheet's key column (a touchpoint's title, a flow's From
and To...). Rows with nothing in them are passed over without a word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..i18n import N_, _
from .importers import ImportProblem
from .sheet_columns import SheetSpec, match_columns
from .sheet_files import Table
from .sheet_values import ValueProblem, cell_text, from_csv_safe

HEADER_SEARCH_ROWS = 10
"""How far down a sheet its header row is looked for."""
_UNSAVABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


REQUIRED: dict[str, tuple[str, ...]] = {"Touchpoints": ("title",), "Flows": ("source", "target"), "Stages": ("name",),
                                        "KPIs": ("name",), "Personas": ("name",), "Pain points": ("text",),
                                        "Actions": ("text",), "Quotes": ("text",), "Map": ("field",)}
"""The columns without which a sheet of each kind says nothing, by the spec's name."""


def find_header(table: Table, spec: SheetSpec) -> tuple[int, dict[int, str]] | None:
    """(index of the header row, column index -> field) or None if no top row names the key columns."""
    wanted = set(REQUIRED[spec.name])
    for index, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        columns = match_columns(spec, row)
        if wanted <= set(columns.values()):
            return index, columns
    return None


@dataclass
class Record:
    """One row of a sheet: its number as the spreadsheet shows it and its cells by field."""

    row: int
    cells: dict[str, object]
    sheet: str
    csv: bool = False
    problems: list[ImportProblem] = field(default_factory=list)

    def raw(self, key: str) -> object:
        return self.cells.get(key)

    def has(self, key: str) -> bool:
        return bool(cell_text(self.cells.get(key)).strip())

    def text(self, key: str, limit: int, what: str, strip: bool = True) -> str:
        """The cell as text of at most `limit` characters (cut, and said so, if longer); characters a
        map cannot hold are taken out (and said so). Names and titles are stripped of outer spaces;
        long texts (`strip=False`) are kept as typed unless they are only spaces."""
        text = cell_text(self.cells.get(key))
        if self.csv:
            text = from_csv_safe(text)
        if strip or not text.strip():
            text = text.strip()
        cleaned = _UNSAVABLE.sub("", text)
        # TRANSLATORS: {what} is a value of a spreadsheet's row: "the title", "the persona's name"...
        if cleaned != text:
            self.value_problem(_("{what}: took out characters that cannot be saved in a map").format(
                what=what))
        if len(cleaned) > limit:
            self.value_problem(_("{what} is {length} characters long: cut to {limit}").format(
                what=what, length=f"{len(cleaned):,}", limit=f"{limit:,}"))
            cleaned = cleaned[:limit].rstrip() if strip else cleaned[:limit]
        return cleaned

    def value_problem(self, message: str) -> None:
        """A value of this row not used (the row is)."""
        self.problems.append(ImportProblem(message, self.row, self.sheet))

    def skip(self, message: str) -> None:
        """The whole row not used."""
        self.problems.append(ImportProblem(message, self.row, self.sheet, skipped=True))

    def parsed(self, key: str, parse: Callable[[object], Any], what: str, default: Any = None) -> Any:
        """`parse(cell)` for a non-empty cell, `default` for an empty one or (said as a problem) one
        that does not parse."""
        if not self.has(key):
            return default
        value = self.cells[key]
        if self.csv and isinstance(value, str):
            value = from_csv_safe(value.strip())
        try:
            return parse(value)
        except ValueProblem as exc:
            if default in (None, ""):
                self.value_problem(_("{problem}: left empty").format(problem=exc))
            else:
                # TRANSLATORS: {value} is the word the spreadsheet would say by default: medium, idea, next...
                self.value_problem(_("{problem}: left as {value}").format(problem=exc, value=default))
            return default


@dataclass
class SheetRows:
    records: list[Record]
    columns: dict[int, str]
    unused_headers: list[str]
    """Headers of columns no field reads (said in a note)."""
    left_out: list[ImportProblem] = field(default_factory=list)
    """Rows not read at all, each with why (a key cell that is a formula without a saved value)."""


UNSAVED_FORMULA = N_("open and save the file in Excel or LibreOffice, then import it again")


def sheet_rows(table: Table, spec: SheetSpec, csv: bool = False) -> SheetRows | None:
    """The records below the header row (None when the sheet has no header this spec knows)."""
    found = find_header(table, spec)
    if found is None:
        return None
    header, columns = found
    headers = table.rows[header]
    unused = [cell_text(h).strip() for i, h in enumerate(headers) if i not in columns and cell_text(h).strip()]
    records, left_out = [], []
    required = set(REQUIRED[spec.name])
    for offset, row in enumerate(table.rows[header + 1:], start=header + 2):
        formulas = {key: table.unsaved[(offset - 1, i)] for i, key in columns.items()
                    if (offset - 1, i) in table.unsaved} if table.unsaved else {}
        if not formulas and not any(cell_text(cell).strip() for cell in row):
            continue
        cells = {key: row[i] if i < len(row) else None for i, key in columns.items()}
        record = Record(offset, cells, table.name, csv)
        blocking = [reference for key, reference in formulas.items() if key in required]
        if blocking:  # (without its title or name the row would pass for a heading or an empty row)
            said = _("cell {cell} holds a formula without a saved value (row left out): {advice}")
            left_out.append(ImportProblem(said.format(cell=blocking[0], advice=_(UNSAVED_FORMULA)), offset,
                                          table.name, skipped=True))
            continue
        for reference in formulas.values():
            said = _("cell {cell} holds a formula without a saved value (left empty): {advice}")
            record.value_problem(said.format(cell=reference, advice=_(UNSAVED_FORMULA)))
        records.append(record)
    return SheetRows(records, columns, unused, left_out)


def records_of(rows: SheetRows | None) -> Iterator[Record]:
    yield from (rows.records if rows is not None else ())


@lru_cache(maxsize=8192)
def name_key(text: str) -> str:
    """A name as names are matched (personas, stages, card titles): case and spacing aside.
    (Cached: every row looks its persona and stage up among all of them.)"""
    return " ".join(text.casefold().split())

