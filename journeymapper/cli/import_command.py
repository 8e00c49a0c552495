"""`journeymapper import FILE -o MAP.jmap`: a new map from a spreadsheet (.xlsx or .csv) made by hand or
exported by journeymapper, or from another program's file (`io.importers` chooses by the suffix); every
row that could not be used is named with its number and the reason."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from ..i18n import _, _n
from .commands import summary
from .output import PROG, one_line, say_error

EXIT_ALL_USED, EXIT_SOME_LEFT_OUT, EXIT_NOTHING_WRITTEN = 0, 1, 2


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "import",
        help=summary("import"),
        description=_("Make a new journey map from a spreadsheet: an .xlsx workbook or a .csv file with a "
                      "row per touchpoint (columns such as Stage, Persona, Touchpoint, Channel, Emotion, "
                      "Pain points; see docs/spreadsheets.md). A workbook journeymapper exported gives back "
                      "the whole map. The file's suffix says what it is ({suffixes}). Rows that cannot be "
                      "used are listed with their row numbers; the rest is "
                      "imported.").format(suffixes=", ".join(_suffixes())),
        epilog=_("exit status: 0 every row imported, 1 the map was written but some rows or values were left "
                 "out, 2 nothing was written (no usable rows, an unreadable file, or MAP.jmap exists without "
                 "--force)"),
    )
    parser.add_argument("sheet", metavar="FILE", help=_("the spreadsheet (.xlsx or .csv) or other file to "
                                                        "import"))
    parser.add_argument("-o", "--output", required=True, metavar="MAP.jmap", help=_("the map file to create"))
    parser.add_argument("--force", action="store_true", help=_("replace MAP.jmap if it exists"))
    parser.set_defaults(run=run)


def _suffixes() -> list[str]:
    from ..io.importers import importable_suffixes  # (a table of names: nothing heavy)

    return list(importable_suffixes())


def say_problem(message: str) -> None:
    """A row or value the import left out: `journeymapper: problem: shop.csv, row 4: ...`."""
    print(_("{prog}: problem: {message}").format(prog=PROG, message=one_line(message)), file=sys.stderr)


def say_note(message: str) -> None:
    """What the import assumed: `journeymapper: note: shop.csv: the file is not UTF-8...`."""
    print(_("{prog}: note: {message}").format(prog=PROG, message=one_line(message)), file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from ..io import SaveError, save
    from ..io.importers import ImportFailed, import_file

    if os.path.lexists(args.output) and not args.force:
        say_error(_("{file}: already exists (use --force to replace it)").format(file=args.output))
        return EXIT_NOTHING_WRITTEN
    try:
        result = import_file(args.sheet)
    except ImportFailed as exc:
        for problem in exc.problems:
            say_problem(f"{args.sheet}: {problem}")
        if os.path.basename(args.sheet) in str(exc):  # (the message names the file itself)
            say_error(_("{problem}: nothing written").format(problem=exc))
        else:
            say_error(_("{file}: {problem}: nothing written").format(file=args.sheet, problem=exc))
        return EXIT_NOTHING_WRITTEN
    for note in result.notes:
        say_note(f"{args.sheet}: {note}")
    for problem in result.problems:
        say_problem(f"{args.sheet}: {problem}")
    try:
        save(args.output, result.map)
    except SaveError as exc:
        say_error(str(exc))
        return EXIT_NOTHING_WRITTEN
    left_out = len(result.problems)
    line = _("imported {file} into {map}: {what}").format(
        file=args.sheet, map=args.output, what=result.summary)
    if left_out:
        line += _n("; {n} problem (listed above)", "; {n} problems (listed above)", left_out).format(
            n=left_out)
    print(line)
    return EXIT_SOME_LEFT_OUT if result.problems else EXIT_ALL_USED
