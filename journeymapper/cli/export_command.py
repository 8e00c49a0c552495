"""`journeymapper export`: a printable PDF (or a PNG/SVG picture) of a map, without a window."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from ..export.paper import DEFAULT_MAX_PAGES, MIN_TEXT_AUTO, ORIENTATIONS, PAPERS, WALL_TITLE
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES, print_language
from .commands import summary
from .output import load_or_report, say_error, say_warning


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "export",
        help=summary("export"),
        description="Export a map as a vector PDF for printing: one sheet, or a poster tiled over smaller "
        "paper. An output ending in .png or .svg writes a picture of the map instead, one ending in .mmd a "
        "Mermaid journey diagram (docs/mermaid.md), one ending in .xlsx or .csv a spreadsheet "
        "(docs/spreadsheets.md).",
    )
    parser.add_argument("map", metavar="MAP.jmap")
    parser.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="OUT.pdf, OUT.png, OUT.svg, OUT.mmd, OUT.xlsx or OUT.csv")
    parser.add_argument("--paper", default=None, type=_paper,
                        help=f"paper size: {', '.join(PAPERS)} (default A3; with --wall, A4 or A3: whichever "
                        "needs fewer sheets)")
    parser.add_argument("--orientation", default="auto", choices=ORIENTATIONS,
                        help="auto (default): whichever prints the map larger")
    parser.add_argument("--tiles", default=None, metavar="auto|1x1|CxR",
                        help="one sheet (1x1, default), a poster of C x R sheets, or auto: the fewest sheets "
                        "that keep the smallest text at --text-size or more")
    parser.add_argument("--text-size", type=_text_size, default=None, metavar="PT",
                        help=f"the smallest map text an auto poster must reach (default {MIN_TEXT_AUTO:g} pt)")
    parser.add_argument("--wall", action="store_true",
                        help=f"a poster to read from 2 m away: card titles of about {WALL_TITLE:g} pt, on as few "
                        "office sheets as that takes (--tiles auto)")
    parser.add_argument("--language", default=None, choices=tuple(LANGUAGES), metavar="LANG",
                        help="the language of the words the PDF prints itself: "
                        + ", ".join(f"{code} ({name})" for code, name in LANGUAGES.items())
                        + f" (default: the map's language when it is one of these, else {DEFAULT_LANGUAGE}); what the map "
                        "says is printed as typed")
    parser.add_argument("--grayscale", action="store_true", help="print in shades of grey")
    parser.add_argument("--no-appendix", action="store_true", help="leave out the checker's findings")
    parser.add_argument("--max-pages", type=int, default=DEFAULT_MAX_PAGES, metavar="N",
                        help=f"refuse a PDF of more than N pages (default {DEFAULT_MAX_PAGES}; 0: no limit)")
    parser.add_argument("--dpi", type=_dpi, default=150, help="resolution of a PNG picture (default 150)")
    parser.add_argument("--map-only", action="store_true",
                        help="a PNG or SVG picture of the map alone, without the title block and legend "
                        "(to paste into slides)")
    parser.set_defaults(run=run)


def _paper(text: str) -> str:
    for name in PAPERS:
        if name.lower() == text.lower():
            return name
    raise argparse.ArgumentTypeError(f"unknown paper {text!r} (choose from {', '.join(PAPERS)})")


def _text_size(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--text-size must be a number of points, not {text!r}") from None
    if not 4 <= value <= 72:
        raise argparse.ArgumentTypeError("--text-size must be between 4 and 72 points")
    return value


def _dpi(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--dpi must be a whole number, not {text!r}") from None
    if not 24 <= value <= 1200:
        raise argparse.ArgumentTypeError("--dpi must be between 24 and 1200")
    return value


def run(args: argparse.Namespace) -> int:
    from ..export.pdf import ExportError, PdfOptions, export_pdf, fewest_sheets, wall_text_size
    from ..io import SaveError
    from ..io.writer import check_replaceable

    output = Path(args.output)
    suffix = output.suffix.lower()
    if suffix not in (".pdf", ".png", ".svg", ".mmd", ".mermaid", ".xlsx", ".csv"):
        say_error(f"{args.output}: the output must end in .pdf, .png, .svg, .mmd, .xlsx or .csv")
        return 2
    if not output.parent.is_dir() if str(output.parent) else False:
        say_error(f"{args.output}: the folder {output.parent} does not exist")
        return 2
    try:  # (before the work: a pipe, a folder or a read-only file there is refused at once)
        check_replaceable(output, follow_links=False)
    except SaveError as exc:
        say_error(str(exc))
        return 1
    if output.exists() and not output.is_symlink() and not os.access(output, os.W_OK):
        say_error(f"{args.output}: permission denied")
        return 1
    loaded = load_or_report(args.map)
    if loaded is None:
        return 2
    if suffix in (".png", ".svg"):
        from .picture_command import write_picture  # Qt is loaded only for pictures

        language = args.language or print_language(loaded.map.language)
        return write_picture(loaded.map, output, suffix, args.dpi, args.grayscale, not args.map_only, language)
    if suffix in (".xlsx", ".csv"):  # a spreadsheet (docs/spreadsheets.md)
        from ..io.spreadsheet_export import export_spreadsheet, spreadsheet_summary

        try:
            export_spreadsheet(loaded.map, output)
        except SaveError as exc:
            say_error(str(exc))
            return 1
        print(f"wrote {output}: {spreadsheet_summary(loaded.map, suffix)}")
        return 0
    if suffix in (".mmd", ".mermaid"):  # a Mermaid journey diagram (docs/mermaid.md)
        from ..io.mermaid_export import save_mermaid

        try:
            exported = save_mermaid(output, loaded.map)
        except SaveError as exc:
            say_error(str(exc))
            return 1
        for note in exported.notes:
            say_warning(note)
        print(f"wrote {output}: {exported.summary}")
        return 0
    tiles = args.tiles or ("auto" if args.wall or args.text_size else "1x1")
    text_size = args.text_size or (wall_text_size() if args.wall else MIN_TEXT_AUTO)
    options = PdfOptions(paper=args.paper or "A3", orientation=args.orientation, tiles=tiles,
                         grayscale=args.grayscale, appendix=not args.no_appendix, text_size=text_size,
                         language=args.language or "",
                         max_pages=args.max_pages if args.max_pages > 0 else None, source_name=Path(args.map).name)
    try:
        if args.wall and args.paper is None:  # office paper: the one that needs fewer sheets
            options = fewest_sheets(loaded.map, options, ("A4", "A3"))
        report = export_pdf(loaded.map, output, options)
    except ExportError as exc:
        say_error(str(exc))
        return 2
    except SaveError as exc:
        say_error(str(exc))  # it names the file already
        return 1
    except OSError as exc:
        say_error(f"{args.output}: {exc.strerror or exc}")
        return 1
    for warning in report.warnings:
        say_warning(warning)
    sheets = f"{report.columns} x {report.rows} sheets" if (report.columns, report.rows) != (1, 1) else "one sheet"
    details = f", {report.detail_pages} of details" if report.detail_pages else ""
    details += f", {report.action_pages} of actions" if report.action_pages else ""
    print(f"wrote {output}: {report.pages} pages, the map on {sheets} of {options.paper} {report.orientation}{details}, "
          f"smallest text {report.smallest_text:.1f} pt, filling {report.fill:.0%} of its room")
    return 0
