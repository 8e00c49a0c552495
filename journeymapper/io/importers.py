"""Make a new map from a file another program wrote: one entry point, chosen by the file's suffix.

`import_file(path)` gives the map and what could not be used (each problem with its place in the
file), or raises `ImportFailed` when nothing usable was found. Qt-free: the command line
(`journeymapper import`) and the editor (File > Import…) both call it. A format adds itself with one
line in `IMPORTERS` (the module and function are loaded only when such a file is imported).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import N_, _

if TYPE_CHECKING:
    from ..model.schema import Map


@dataclass(frozen=True)
class ImportProblem:
    """Something in the file that was not used: a whole row (`skipped`) or one value of a row."""

    message: str
    row: int | None = None
    """The row (a spreadsheet's row number, as the spreadsheet shows it), or None for the whole file."""
    sheet: str = ""
    """The sheet of a workbook ("" for a file of one table)."""
    skipped: bool = False
    """True when the whole row was left out; False when the row was used without this value."""
    unit: str = "row"
    """What `row` counts ("row" in a spreadsheet, "line" in a text file)."""

    def __str__(self) -> str:
        counted = _(_UNITS.get(self.unit, "{unit} {number}")).format(
            unit=self.unit, number=self.row) if self.row else ""
        place = ", ".join(part for part in (self.sheet, counted) if part)
        # TRANSLATORS: a problem of an imported file after its place: "Touchpoints, row 12: no title"
        return _("{place}: {problem}").format(place=place, problem=self.message) if place else self.message


_UNITS = {"row": N_("row {number}"), "line": N_("line {number}")}
"""Where in a file a problem is, by what `ImportProblem.row` counts."""


@dataclass
class ImportResult:
    map: Map
    problems: list[ImportProblem] = field(default_factory=list)
    """What was not used, in the order of the file."""
    notes: list[str] = field(default_factory=list)
    """What the import assumed, for the user to know (an encoding, a scale of emotions...)."""
    summary: str = ""
    """One line: what was made ("24 touchpoints of 26 rows, 2 personas, 5 stages")."""

    @property
    def rows_skipped(self) -> int:
        return sum(1 for problem in self.problems if problem.skipped)


class ImportFailed(Exception):
    """Nothing usable in the file (or it cannot be read); `problems` are the reasons row by row."""

    def __init__(self, message: str, problems: list[ImportProblem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


IMPORTERS: dict[str, tuple[str, str]] = {
    ".xlsx": ("spreadsheet_import", "import_xlsx"),
    ".xlsm": ("spreadsheet_import", "import_xlsx"),
    ".csv": ("spreadsheet_import", "import_csv"),
    ".tsv": ("spreadsheet_import", "import_csv"),
    ".txt": ("spreadsheet_import", "import_csv"),
    ".mmd": ("mermaid_import", "read_mermaid"),
    ".mermaid": ("mermaid_import", "read_mermaid"),
    ".md": ("mermaid_import", "read_mermaid"),  # (Markdown: its first ```mermaid journey block)
}
"""suffix -> (module in journeymapper.io, function(path) -> ImportResult)."""

_REFUSED = {
    ".xls": N_("{file} is an old Excel workbook (.xls): save it as .xlsx (Excel Workbook) or .csv and import "
               "that"),
    ".ods": N_("{file} is an OpenDocument spreadsheet (.ods): save it as .xlsx or .csv and import that"),
    ".numbers": N_("{file} is a Numbers spreadsheet: export it as .xlsx or .csv and import that"),
    ".jmap": N_("{file} is already a journey map: open it with File > Open (or `journeymapper` MAP.jmap)"),
}


def importable_suffixes() -> tuple[str, ...]:
    return tuple(IMPORTERS)


def import_file(path: str | os.PathLike[str]) -> ImportResult:
    """A new map made from `path`; ImportFailed (with a clear message) if there is nothing to make it of."""
    suffix = Path(path).suffix.lower()
    if suffix in _REFUSED:
        raise ImportFailed(_(_REFUSED[suffix]).format(file=Path(path).name))
    if suffix not in IMPORTERS:
        known = ", ".join(sorted(set(IMPORTERS)))
        raise ImportFailed(_("{file}: journeymapper imports files ending in {suffixes}").format(
            file=Path(path).name, suffixes=known))
    module, function = IMPORTERS[suffix]
    return getattr(import_module(f".{module}", __package__), function)(path)
