"""Read a spreadsheet file into plain tables of cells: an `.xlsx` workbook (openpyxl) or a CSV file.

Spreadsheets come from many programs and countries: Excel in Germany writes CSV with ";" in the
Windows code page, others with "," or tabs, in UTF-8 with or without a byte-order mark, or in
UTF-16. The reader finds the delimiter and the encoding itself and says (in `notes`) when it had to
guess the encoding. A cell merged over several rows is read as its value in each of them (a stage
written once beside its rows). openpyxl is imported only here, when a workbook is read.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import _
from .importers import ImportFailed
from .sheet_columns import TOUCHPOINTS, match_columns

MAX_SHEET_FILE_BYTES = 32 * 1024 * 1024
"""A spreadsheet larger than this is refused (as a .jmap file is): no journey map is that big."""
MAX_UNPACKED_BYTES = 128 * 1024 * 1024
"""The most a workbook may unpack to (a small zip can hold gigabytes of XML)."""
DELIMITERS = (",", ";", "\t")


@dataclass
class Table:
    name: str
    """The sheet's name ("" for a CSV file)."""
    rows: list[list[object]]
    """The cells, row by row; row i is the spreadsheet's row i + 1."""
    unsaved: dict[tuple[int, int], str] = field(default_factory=dict)
    """Formula cells without a saved value ((row, column), 0-based -> "B3"): read as empty, though
    the sheet shows a value once a spreadsheet program has calculated it."""


@dataclass
class SheetFile:
    tables: list[Table]
    notes: list[str] = field(default_factory=list)


def _read_bytes(path: str | os.PathLike[str]) -> bytes:
    name = Path(path).name
    try:
        size = os.stat(path).st_size
        if size > MAX_SHEET_FILE_BYTES:
            raise ImportFailed(_(
                "{file} is {size} MB: journeymapper imports spreadsheets of up to {limit} MB").format(
                file=name, size=f"{size / 1024 / 1024:.0f}", limit=MAX_SHEET_FILE_BYTES // 1024 // 1024))
        with open(path, "rb") as stream:
            return stream.read(MAX_SHEET_FILE_BYTES + 1)
    except IsADirectoryError:
        raise ImportFailed(_("{file} is a folder, not a spreadsheet").format(file=name)) from None
    except FileNotFoundError:
        raise ImportFailed(_("{file}: no such file").format(file=path)) from None
    except OSError as exc:
        raise ImportFailed(_("{file} cannot be read: {reason}").format(
            file=name, reason=exc.strerror or exc)) from None


# -- workbooks -------------------------------------------------------------------------------------

def read_xlsx(path: str | os.PathLike[str]) -> SheetFile:
    data = _read_bytes(path)
    name = Path(path).name
    if not data.startswith(b"PK"):
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise ImportFailed(_("{file} is a password-protected workbook (remove the password in Excel and "
                                 "save again)").format(file=name))
        raise ImportFailed(_("{file} is not an Excel workbook (.xlsx)").format(file=name))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportFailed(_("{file} is damaged or not an Excel workbook (.xlsx)").format(
            file=name)) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFailed(_("{file} unpacks to {size} MB: more than a journey map needs (journeymapper "
                             "reads up to {limit} "
                             "MB)").format(file=name, size=f"{unpacked / 1024 / 1024:.0f}",
                                                    limit=MAX_UNPACKED_BYTES // 1024 // 1024))
    import openpyxl  # (loaded here: nothing else needs it)

    # Read-only: a full load parses every cell's style and takes seconds for a few thousand rows.
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds (KeyError, ValueError, XML errors) for broken files
        raise _not_a_workbook(name, exc) from None
    tables = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for sheet in workbook.worksheets:
                sheet.reset_dimensions()  # (a workbook's stated size may be wrong: read every row there is)
                rows = [[_value(cell) for cell in row] for row in sheet.iter_rows()]
                merged, unsaved = sheet_extras(archive.read(str(sheet._worksheet_path).lstrip("/")))
                for min_col, min_row, max_col, max_row in merged:  # the top-left value fills the whole range
                    top_row = rows[min_row - 1] if min_row <= len(rows) else []
                    top = top_row[min_col - 1] if min_col <= len(top_row) else None
                    for r in range(min_row - 1, min(max_row, len(rows))):
                        if len(rows[r]) < max_col:
                            rows[r] = list(rows[r]) + [None] * (max_col - len(rows[r]))
                        for c in range(min_col - 1, max_col):
                            rows[r][c] = top
                tables.append(Table(sheet.title, rows, unsaved))
    except ImportFailed:
        raise
    except Exception as exc:  # noqa: BLE001 - the rows are parsed lazily, so a broken sheet fails here
        raise _not_a_workbook(name, exc) from None
    finally:
        workbook.close()
    return SheetFile(tables)


def _not_a_workbook(name: str, exc: Exception) -> ImportFailed:
    return ImportFailed(_("{file} cannot be read as an Excel workbook ({reason})").format(
        file=name, reason=f"{type(exc).__name__}: {exc}"))


_MERGE_TAG = re.compile(rb"<(?:\w+:)?mergeCell[\s>/]")
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def sheet_extras(xml: bytes) -> tuple[list[tuple[int, int, int, int]], dict[tuple[int, int], str]]:
    """What a read-only openpyxl sheet does not give: its merged ranges (min_col, min_row, max_col,
    max_row; 1-based) and its formula cells without a saved value ((row, column) 0-based -> "B3"),
    which read as empty though the sheet shows something. The XML is parsed only when it has either."""
    has_merges, has_formulas = bool(_MERGE_TAG.search(xml)), bool(_FORMULA_TAG.search(xml))
    if not (has_merges or has_formulas):
        return [], {}
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:  # (a sheet never declares entities: refuse to expand them)
        raise ImportFailed(_("a sheet of the workbook declares XML entities, which no spreadsheet program "
                             "writes"))
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries

    merged: list[tuple[int, int, int, int]] = []
    unsaved: dict[tuple[int, int], str] = {}
    for _event, element in iterparse(io.BytesIO(xml), events=("end",)):
        tag = _local(element.tag)
        if tag == "c":
            children = {_local(child.tag): child for child in element}
            reference, value = element.get("r"), children.get("v")
            # (no <v>, or an empty one that is not a formula's empty text: openpyxl writes <v></v>)
            saved = value is not None and (bool(value.text) or element.get("t") == "str")
            if "f" in children and not saved and reference:
                row, column = coordinate_to_tuple(reference)
                unsaved[(row - 1, column - 1)] = reference
            element.clear()
        elif tag == "mergeCell" and element.get("ref"):
            bounds = range_boundaries(element.get("ref"))
            if None not in bounds:
                merged.append(bounds)  # type: ignore[arg-type]
    return merged, unsaved


def _value(cell: object) -> object:
    """A cell's value; a whole number shown with decimals ("3.0") is the fraction it shows: a workbook
    stores 3.0 as 3, and the map tells 3 from 3.0."""
    value = getattr(cell, "value", None)
    if isinstance(value, int) and not isinstance(value, bool) and "." in (getattr(cell, "number_format", "") or ""):
        return float(value)
    return value


# -- CSV -------------------------------------------------------------------------------------------

def decode_text(data: bytes) -> tuple[str, str]:
    """(text, a note or "") from the bytes of a text file: UTF-8 (with or without a byte-order mark),
    UTF-16 with its mark, else Windows-1252 (what Excel writes on Western European Windows), else
    Latin-1; the note says when the encoding was a guess."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), ""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), ""
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        pass
    try:
        note = _("the file is not UTF-8: it was read as Windows-1252 (Western European Windows, as Excel "
                 "saves CSV there); check letters such as ä, é or €")
        return data.decode("cp1252"), note
    except UnicodeDecodeError:
        return data.decode("latin-1"), _("the file is not UTF-8: it was read as Latin-1; check letters such "
                                         "as ä or é")


def _parse(text: str, delimiter: str) -> list[list[object]]:
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)]


def _score(rows: list[list[object]]) -> tuple[int, int]:
    """How well a delimiter splits a file: journey map headers found in its first rows, then columns."""
    known = max((len(match_columns(TOUCHPOINTS, row)) for row in rows[:10]), default=0)
    return known, max((len(row) for row in rows[:10]), default=0)


def read_csv(path: str | os.PathLike[str]) -> SheetFile:
    data = _read_bytes(path)
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFailed(_("{file} is not a text (CSV) file").format(file=Path(path).name))
    text, note = decode_text(data)
    first, _newline, rest = text.partition("\n")
    hint = first.strip()
    if len(hint) == 5 and hint[:4].lower() == "sep=" and hint[4] in DELIMITERS:
        delimiters: tuple[str, ...] = (hint[4],)  # Excel's "sep=;" first line
        text = rest
    else:
        delimiters = DELIMITERS
    try:
        candidates = [(_parse(text, d), d) for d in delimiters]
    except csv.Error as exc:
        raise ImportFailed(_("{file} cannot be read as CSV: {reason}").format(
            file=Path(path).name, reason=exc)) from None
    rows, _delimiter = max(candidates, key=lambda pair: _score(pair[0]))  # (ties: the first, ",")
    return SheetFile([Table("", rows)], [note] if note else [])
