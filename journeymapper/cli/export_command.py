"""`journeymapper export`: a printable PDF (or a PNG/SVG picture) of a map, without a window."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from ..export.paper import DEFAULT_MAX_PAGES, MIN_TEXT_AUTO, ORIENTATIONS, PAPERS, WALL_TITLE
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, _, _n, print_language
from .commands import summary
from .output import load_or_report, say_error, say_warning


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "export",
        help=summary("export"),
        description=_("Export a map as a vector PDF for printing: one sheet, or a poster tiled over smaller "
                      "paper. An output ending in .png or .svg writes a picture of the map instead, one "
                      "ending in .mmd a Mermaid journey diagram (docs/mermaid.md), one ending in .xlsx or "
                      ".csv a spreadsheet (docs/spreadsheets.md)."),
    )
    parser.add_argument("map", metavar="MAP.jmap")
    parser.add_argument("-o", "--output", required=True, metavar="OUT",
                        help=_("OUT.pdf, OUT.png, OUT.svg, OUT.mmd, OUT.xlsx or OUT.csv"))
    parser.add_argument("--paper", default=None, type=_paper,
                        help=_("paper size: {papers} (default A3; with --wall, A4 or A3: whichever needs "
                               "fewer sheets)").format(papers=", ".join(PAPERS)))
    parser.add_argument("--orientation", default="auto", choices=ORIENTATIONS,
                        help=_("auto (default): whichever prints the map larger"))
    parser.add_argument("--tiles", default=None, metavar="auto|1x1|CxR",
                        help=_("one sheet (1x1, default), a poster of C x R sheets, or auto: the fewest "
                               "sheets that keep the smallest text at --text-size or more"))
    parser.add_argument("--text-size", type=_text_size, default=None, metavar="PT",
                        help=_("the smallest map text an auto poster must reach (default {size} pt)").format(
                            size=f"{MIN_TEXT_AUTO:g}"))
    parser.add_argument("--wall", action="store_true",
                        help=_("a poster to read from 2 m away: card titles of about {size} pt, on as few "
                               "office sheets as that takes (--tiles auto)").format(size=f"{WALL_TITLE:g}"))
    parser.add_argument("--language", default=None, choices=tuple(LANGUAGES), metavar="LANG",
                        help=_("the language of the words the PDF prints itself: {languages} (default: the "
                               "map's language when it is one of these, else {default}); what the map says "
                               "is printed as typed").format(
                            languages=", ".join(f"{code} ({name})" for code, name in LANGUAGES.items()),
                            default=DEFAULT_LANGUAGE))
    parser.add_argument("--grayscale", action="store_true", help=_("print in shades of grey"))
    parser.add_argument("--no-appendix", action="store_true", help=_("leave out the checker's findings"))
    parser.add_argument("--max-pages", type=int, default=DEFAULT_MAX_PAGES, metavar="N",
                        help=_("refuse a PDF of more than N pages (default {pages}; 0: no limit)").format(
                            pages=DEFAULT_MAX_PAGES))
    parser.add_argument("--dpi", type=_dpi, default=150, help=_("resolution of a PNG picture (default 150)"))
    parser.add_argument("--map-only", action="store_true",
                        help=_("a PNG or SVG picture of the map alone, without the title block and legend "
                               "(to paste into slides)"))
    parser.set_defaults(run=run)


def _paper(text: str) -> str:
    for name in PAPERS:
        if name.lower() == text.lower():
            return name
    raise argparse.ArgumentTypeError(_("unknown paper {name} (choose from {papers})").format(
        name=repr(text), papers=", ".join(PAPERS)))


def _text_size(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("--text-size must be a number of points, not {value}").format(
            value=repr(text))) from None
    if not 4 <= value <= 72:
        raise argparse.ArgumentTypeError(_("--text-size must be between 4 and 72 points"))
    return value


def _dpi(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("--dpi must be a whole number, not {value}").format(
            value=repr(text))) from None
    if not 24 <= value <= 1200:
        raise argparse.ArgumentTypeError(_("--dpi must be between 24 and 1200"))
    return value


def run(args: argparse.Namespace) -> int:
    from ..export.pdf import ExportError, PdfOptions, export_pdf, fewest_sheets, wall_text_size
    from ..io import SaveError
    from ..io.writer import check_replaceable

    output = Path(args.output)
    suffix = output.suffix.lower()
    if suffix not in (".pdf", ".png", ".svg", ".mmd", ".mermaid", ".xlsx", ".csv"):
        say_error(_("{file}: the output must end in .pdf, .png, .svg, .mmd, .xlsx or .csv").format(
            file=args.output))
        return 2
    if not output.parent.is_dir() if str(output.parent) else False:
        say_error(_("{file}: the folder {folder} does not exist").format(
            file=args.output, folder=output.parent))
        return 2
    try:  # (before the work: a pipe, a folder or a read-only file there is refused at once)
        check_replaceable(output, follow_links=False)
    except SaveError as exc:
        say_error(str(exc))
        return 1
    if output.exists() and not output.is_symlink() and not os.access(output, os.W_OK):
        say_error(_("{file}: permission denied").format(file=args.output))
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
        print(_("wrote {file}: {what}").format(file=output, what=spreadsheet_summary(loaded.map, suffix)))
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
        print(_("wrote {file}: {what}").format(file=output, what=exported.summary))
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
    print(pdf_summary(output, report, options))
    return 0


def pdf_summary(output: Path, report: Any, options: Any) -> str:
    """"wrote map.pdf: 3 pages, the map on one sheet of A3 landscape, ...": what the export made."""
    if (report.columns, report.rows) != (1, 1):
        sheets = _("{columns} x {rows} sheets").format(columns=report.columns, rows=report.rows)
    else:
        sheets = _("one sheet")
    # TRANSLATORS: {orientation} is "landscape" or "portrait" (the PDF's own words), {paper} "A3"...
    line = _n("wrote {file}: {n} page, the map on {sheets} of {paper} {orientation}",
              "wrote {file}: {n} pages, the map on {sheets} of {paper} {orientation}", report.pages).format(
        file=output, n=report.pages, sheets=sheets, paper=options.paper,
        orientation=_(_ORIENTATIONS.get(report.orientation, report.orientation)))
    if report.detail_pages:
        line += _(", {n} of details").format(n=report.detail_pages)
    if report.action_pages:
        line += _(", {n} of actions").format(n=report.action_pages)
    return line + _(", smallest text {size} pt, filling {share} of its room").format(
        size=f"{report.smallest_text:.1f}", share=f"{report.fill:.0%}")


_ORIENTATIONS = {"landscape": N_("landscape"), "portrait": N_("portrait")}
