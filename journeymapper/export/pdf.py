"""A printable, vector PDF of a journey map: one sheet, or a poster tiled over office paper.

Pages: the map (with a title block, a legend and a footer) on one sheet or on
C x R tiles (then preceded by an overview of how the sheets go together), one
page per persona with its profile, and an appendix with the checker's findings.
The file is written to a temporary file and renamed into place: a failed
export leaves nothing behind.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from .. import __version__
from ..gc_tuning import collector_paused
from ..i18n import _, print_language, words
from ..i18n.formats import formats_locale, print_formats
from ..io.writer import write_atomic
from ..layout.map_layout import MapLayout
from ..layout.style import DEFAULT_STYLE, Style, grayscale_palette
from ..model.insights import insights
from ..model.schema import Map
from .action_pages import action_list, draw_action_list
from .details import draw_details, map_details, notes_column, reference_blocks
from .fonts import FontChooser
from .form_deflater import FormDeflater
from .insights_page import draw_insights, map_places
from .map_drawing import map_forms
from .painter import PagePainter
from .paper import DEFAULT_MAX_PAGES, WALL_TITLE
from .profiles import (
    PageColumn,
    draw_appendix,
    draw_flow_labels,
    draw_persona_page,
    finding_cards,
    persona_facts,
)
from .sheet_pages import footer, map_sheet, overview, sheet_name
from .sheets import (
    FOOTER,
    MARGIN,
    MAX_TILES,
    MIN_TEXT_AUTO,
    MIN_TEXT_WARN,
    OVERLAP,
    PAPERS,
    ExportError,
    choose_tiles,
    fit_scale,
    paper_size,
    parse_tiles,
    plan_sheets,
    smallest_text,
    smallest_text_of,
    title_block_height,
)


class TooManyPages(ExportError):
    """The PDF would have more pages than the options allow (`PdfOptions.max_pages`); nothing was
    written. `pages` says how many it would have."""

    def __init__(self, pages: int, limit: int) -> None:
        self.pages, self.limit = pages, limit
        super().__init__(_("the PDF would have {pages} pages, more than the {limit} allowed; nothing was "
                           "written (allow them with --max-pages {count})").format(
            pages=f"{pages:,}", limit=f"{limit:,}", count=pages))


class ExportCancelled(Exception):
    """The person exporting cancelled (the progress callback raised it); nothing was written."""


@dataclass(frozen=True)
class PdfOptions:
    paper: str = "A3"
    orientation: str = "auto"
    """landscape, portrait, or auto: whichever prints the map larger."""
    tiles: str = "1x1"
    """'1x1' (one sheet), 'CxR' (columns x rows of sheets) or 'auto'."""
    grayscale: bool = False
    appendix: bool = True
    today: date | None = None
    max_pages: int | None = DEFAULT_MAX_PAGES
    """More pages than this are refused before any is drawn (TooManyPages); None: no limit."""
    source_name: str = ""
    """The map's file name, printed on every page (a loose page says where it came from)."""
    text_size: float = MIN_TEXT_AUTO
    """The smallest map text (points) an auto poster (`tiles="auto"`) must reach."""
    language: str = ""
    """The language of the words the PDF prints itself (`i18n.LANGUAGES`); "" (the default): the map's
    language where there are words for it, else English. What the user typed is printed as typed."""


@dataclass
class ExportReport:
    pages: int = 0
    columns: int = 1
    rows: int = 1
    smallest_text: float = 0.0
    """The size the smallest map text prints at, in points."""
    detail_pages: int = 0
    """Pages of what the map does not show in full (`details`)."""
    action_pages: int = 0
    """Pages of the action list (none until someone has planned an action)."""
    orientation: str = "landscape"
    """The sheets' orientation (the one chosen, when asked for "auto")."""
    fill: float = 0.0
    """The share of the sheets' room for the map that the map covers."""
    warnings: list[str] = field(default_factory=list)


def export_pdf(
    the_map: Map,
    target: str | Path,
    options: PdfOptions = PdfOptions(),
    style: Style = DEFAULT_STYLE,
    progress: Callable[[int, int], None] | None = None,
    previous: MapLayout | None = None,
) -> ExportReport:
    """Write the PDF of `the_map` to `target` (atomically) and say how it went.

    `previous`: a layout of the map made before (the editor's), whose unchanged parts are reused.
    """
    # A big map's layout and drawing make ~a million objects, none of them garbage; its forms are
    # compressed on a worker thread while the next is drawn.
    printed = options.language or print_language(the_map.language)
    with collector_paused(), FormDeflater() as deflater, formats_locale(print_formats(the_map.language, printed)):
        return _export_pdf(the_map, target, options, style, progress, deflater, previous)


def _export_pdf(
    the_map: Map,
    target: str | Path,
    options: PdfOptions,
    style: Style,
    progress: Callable[[int, int], None] | None,
    deflater: FormDeflater,
    previous: MapLayout | None,
) -> ExportReport:
    if not options.language:
        options = replace(options, language=print_language(the_map.language))
    if style.language != options.language:  # (the map's own words: row names, channels)
        style = replace(style, language=options.language)
    plan = plan_sheets(the_map, options.paper, options.orientation, options.tiles, style, previous,
                       text_size=options.text_size)
    paper, layout, columns, rows, scale = plan.paper, plan.layout, plan.columns, plan.rows, plan.scale
    options = replace(options, orientation=plan.orientation)
    report = ExportReport(columns=columns, rows=rows, smallest_text=round(smallest_text(layout) * scale, 2),
                          orientation=plan.orientation, fill=plan.fill)
    if round(report.smallest_text, 1) < MIN_TEXT_WARN:
        # (an auto poster already has the most sheets that help: only bigger paper or less map can)
        # (these warnings are said to the person exporting: the interface language, not the print's)
        advice = (_("even {columns} x {rows} sheets are not enough: try a larger --paper (a copy shop prints "
                    "A1 and A0)").format(columns=columns, rows=rows)
                  if options.tiles == "auto" and columns * rows > 1 else
                  _("try --tiles auto (or a larger --paper) for a legible poster"))
        report.warnings.append(_("the smallest text prints at {size} pt, below {least} pt: {advice}").format(
            size=f"{report.smallest_text:.1f}", least=f"{MIN_TEXT_WARN:.0f}", advice=advice))
    fonts = FontChooser()
    buffer = io.BytesIO()
    # initialFontName: no page may refer to a font that is not embedded (ReportLab starts with Helvetica).
    # The file's dates are now, or SOURCE_DATE_EPOCH's (ReportLab reads it): then the same map gives
    # the same bytes (invariant: no random document id either), for reproducible builds and caches.
    reproducible = 1 if os.environ.get("SOURCE_DATE_EPOCH", "").strip() else 0
    # The document's language (/Lang) is the map's, which most of its words are in; a map that does not say
    # (v1 maps) has the one of the words printed, most maps being written in the language their owner prints in.
    canvas = Canvas(buffer, pagesize=paper, pageCompression=1, invariant=reproducible,
                    initialFontName="DejaVuSans", lang=the_map.language or options.language)
    canvas.setTitle(the_map.title)
    canvas.setAuthor(the_map.owner or "journeymapper")
    canvas.setSubject("Customer journey map")
    canvas.setCreator(f"journeymapper {__version__}")
    canvas.setKeywords(["customer journey map", "journeymapper"])
    today = options.today or date.today()
    tr = words(options.language)
    problems = []
    if options.appendix:
        from ..check import check_map  # (networkx: loaded only for the findings)

        problems = check_map(the_map, today, tr=tr)  # (printed: in the print's language)
    tiled = (columns, rows) != (1, 1)
    palette = grayscale_palette(style.palette) if options.grayscale else style.palette
    painter = PagePainter(canvas, fonts, palette, options.grayscale, tr)
    # The map is drawn once, as forms that every sheet places.
    details = map_details(the_map, layout, tr)
    refs = reference_blocks(details, layout, style.small_size, fonts.width)
    marked = finding_cards(the_map, problems)
    painter.shows_findings = bool(marked)
    drawn = map_forms(painter, layout, deflater.end_form, refs, marked)
    # Profiles and the appendix may run over several pages: count them first (a dry run), so
    # every page can say "page n of m" with the true m.
    facts = persona_facts(the_map, tr)
    with_cards = {t.persona for t in the_map.touchpoints}
    # (bookmark title, how to draw it)
    # After the map: the details, a page per persona (each a hand-out), then the flow labels in full and
    # the findings flowing one after the other (so that a short one takes no page of its own).
    extra_pages: list[tuple[str | None, Callable]] = []
    if details:
        extra_pages.append((tr("Details"),
                            lambda pp, brk=None: draw_details(pp, details, notes_column(pp, paper, MARGIN, brk))))
    extra_pages += [
        (tr("Persona: {name}").format(name=" ".join(persona.name.split())),
         lambda pp, persona=persona, brk=None: draw_persona_page(pp, persona, facts[persona.id], paper, MARGIN, brk))
        for persona in the_map.personas if _has_content(persona, persona.id in with_cards)
    ]
    actions = action_list(the_map, today, details.refs)  # (None until someone has planned an action)
    if actions is not None:
        extra_pages.append((tr("Actions"), lambda pp, brk=None: draw_action_list(pp, actions, paper, MARGIN, brk)))
    notes: list[tuple[str, Callable]] = []
    if options.appendix:  # what the map tells its owner, first of the notes (then the findings)
        found, places = insights(the_map, today, tr), map_places(the_map, details.refs, tr)
        notes.append((tr("Insights"), lambda pp, col: draw_insights(pp, found, places, col)))
    cut = {flow_id: path.full_label for flow_id, path in layout.flows.items() if path.full_label is not None}
    if cut:
        notes.append((tr("Flow labels in full"), lambda pp, col: draw_flow_labels(pp, the_map, cut, col)))
    if options.appendix:
        notes.append((tr("Checker findings"), lambda pp, col: draw_appendix(pp, the_map, problems, col)))

    def draw_notes(pp: PagePainter, brk=None, mark: Callable[[str], None] | None = None) -> None:
        col = PageColumn(pp, paper, MARGIN, brk)
        for k, (title, draw) in enumerate(notes):
            if k:  # (a section starts where there is room for its heading and a few lines)
                col.room(90)
                col.y += 16
            if mark is not None:
                mark(title)
            draw(pp, col)

    if notes:
        extra_pages.append((None, draw_notes))
    extra_counts = [_pages_of(draw, paper, fonts, style) for _, draw in extra_pages]
    report.detail_pages = extra_counts[0] if details else 0
    report.action_pages = extra_counts[len(extra_pages) - 1 - bool(notes)] if actions is not None else 0
    sheets = plan.sheets
    total = (1 if tiled else 0) + len(sheets) + sum(extra_counts)
    if options.max_pages is not None and total > options.max_pages:
        raise TooManyPages(total, options.max_pages)
    done = 0

    def finish_page(extra: str | None = None) -> None:
        nonlocal done
        if extra is not None:
            footer(painter, the_map, paper, canvas.getPageNumber(), total, options, extra)
        canvas.showPage()
        done += 1
        if progress is not None:
            progress(done, total)

    marks = iter(range(1_000_000))

    def bookmark(title: str, level: int = 0) -> None:
        key = f"jm-mark-{next(marks)}"
        canvas.bookmarkPage(key)
        canvas.addOutlineEntry(title, key, level)

    bookmark(tr("Map"))
    if tiled:
        overview(painter, the_map, plan, drawn, today, canvas.getPageNumber(), total, options)
        bookmark(tr("How the sheets go together"), 1)
        finish_page()
    for column, row in sheets:
        if tiled:
            bookmark(tr("Sheet: {name}").format(name=sheet_name(painter, column, row)), 1)
        map_sheet(painter, the_map, plan, drawn, column, row, today, canvas.getPageNumber(), total, options)
        finish_page()
    for title, draw in extra_pages:
        brk = lambda: footer(painter, the_map, paper, canvas.getPageNumber(), total, options, "")
        if title is None:  # the notes: each section bookmarked where it starts
            draw(painter, brk=brk, mark=bookmark)
        else:
            bookmark(title)
            draw(painter, brk=brk)
        finish_page("")
    canvas.showOutline()
    page = canvas.getPageNumber() - 1
    if fonts.missing:
        shown = "".join(sorted(fonts.missing))[:40]
        report.warnings.append(_("no installed font has these characters, so they print as blanks: {characters} "
                                 "(install a font that has them, e.g. Noto Sans or Droid Sans Fallback)").format(
            characters=repr(shown)))
    deflater.finish()
    canvas.save()
    report.pages = page
    write_atomic(target, buffer.getvalue(), keep_backup=False, follow_links=False)
    return report


def wall_text_size(style: Style = DEFAULT_STYLE) -> float:
    """The smallest map text of a poster whose card titles print at WALL_TITLE points."""
    return WALL_TITLE * smallest_text_of(style) / style.title_size


def fewest_sheets(the_map: Map, options: PdfOptions, papers: tuple[str, ...],
                  style: Style = DEFAULT_STYLE) -> PdfOptions:
    """`options` on whichever of `papers` needs the fewest sheets (then the larger text, then the first)."""
    def cost(paper: str) -> tuple[int, float]:
        plan = plan_sheets(the_map, paper, options.orientation, options.tiles, style, text_size=options.text_size)
        return plan.columns * plan.rows, -plan.scale

    return replace(options, paper=min(papers, key=cost))


def _has_content(persona, has_cards: bool) -> bool:
    """Whether a persona's page would say anything: it has cards, or a profile beyond its name."""
    return has_cards or any((persona.segment.strip(), persona.description.strip(), persona.goals, persona.needs,
                             persona.frustrations))


def _pages_of(draw: Callable, paper: tuple[float, float], fonts: FontChooser, style: Style) -> int:
    """How many pages a flowing page (profile, appendix) takes, by drawing it where nobody sees."""
    scratch = Canvas(io.BytesIO(), pagesize=paper, initialFontName="DejaVuSans")
    draw(PagePainter(scratch, fonts, style.palette))
    return scratch.getPageNumber()


__all__ = [
    "FOOTER",
    "MARGIN",
    "MAX_TILES",
    "MIN_TEXT_AUTO",
    "MIN_TEXT_WARN",
    "OVERLAP",
    "PAPERS",
    "ExportError",
    "ExportReport",
    "PdfOptions",
    "choose_tiles",
    "export_pdf",
    "fit_scale",
    "paper_size",
    "parse_tiles",
    "smallest_text",
    "title_block_height",
]
