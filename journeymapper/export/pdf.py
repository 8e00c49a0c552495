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

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from .. import __version__
from ..gc_tuning import collector_paused
from ..io.writer import write_atomic
from ..layout.geometry import Point, Rect
from ..layout.labels import EVIDENCE_LABELS, FLOW_KIND_LABELS
from ..layout.map_layout import MapLayout
from ..layout.style import DEFAULT_STYLE, Style
from ..model.schema import Map
from .details import draw_details, map_details, reference_blocks
from .fonts import FontChooser
from .form_deflater import FormDeflater
from .map_drawing import FLOW_DASH, _evidence, _face, map_forms
from .painter import PagePainter
from .paper import DEFAULT_MAX_PAGES, WALL_TITLE
from .profiles import draw_appendix, draw_flow_labels, draw_persona_page, persona_facts
from .sheets import (
    FOOTER,
    LEGEND_WIDTH,
    MARGIN,
    MAX_TILES,
    MIN_TEXT_AUTO,
    MIN_TEXT_WARN,
    OVERLAP,
    PAPERS,
    ExportError,
    SheetPlan,
    choose_tiles,
    fit_scale,
    map_area,
    narrow,
    paper_size,
    parse_tiles,
    plan_sheets,
    smallest_text,
    smallest_text_of,
    title_block_height,
)

# Compressed streams stay binary: ASCII85 only makes the file a quarter bigger and the export slower.
rl_config.useA85 = 0


class TooManyPages(ExportError):
    """The PDF would have more pages than the options allow (`PdfOptions.max_pages`); nothing was
    written. `pages` says how many it would have."""

    def __init__(self, pages: int, limit: int) -> None:
        self.pages, self.limit = pages, limit
        super().__init__(f"the PDF would have {pages:,} pages, more than the {limit:,} allowed; "
                         f"nothing was written (allow them with --max-pages {pages})")


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


@dataclass
class ExportReport:
    pages: int = 0
    columns: int = 1
    rows: int = 1
    smallest_text: float = 0.0
    """The size the smallest map text prints at, in points."""
    detail_pages: int = 0
    """Pages of what the map does not show in full (`details`)."""
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
    with collector_paused(), FormDeflater() as deflater:
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
    plan = plan_sheets(the_map, options.paper, options.orientation, options.tiles, style, previous,
                       text_size=options.text_size)
    paper, layout, columns, rows, scale = plan.paper, plan.layout, plan.columns, plan.rows, plan.scale
    options = replace(options, orientation=plan.orientation)
    report = ExportReport(columns=columns, rows=rows, smallest_text=round(smallest_text(layout) * scale, 2),
                          orientation=plan.orientation, fill=plan.fill)
    if report.smallest_text < MIN_TEXT_WARN:
        report.warnings.append(
            f"the smallest text prints at {report.smallest_text:.1f} pt, below {MIN_TEXT_WARN:.0f} pt: "
            f"try --tiles auto (or a larger --paper) for a legible poster"
        )
    fonts = FontChooser()
    buffer = io.BytesIO()
    # initialFontName: no page may refer to a font that is not embedded (ReportLab starts with Helvetica).
    # The file's dates are now, or SOURCE_DATE_EPOCH's (ReportLab reads it): then the same map gives
    # the same bytes (invariant: no random document id either), for reproducible builds and caches.
    reproducible = 1 if os.environ.get("SOURCE_DATE_EPOCH", "").strip() else 0
    canvas = Canvas(buffer, pagesize=paper, pageCompression=1, invariant=reproducible,
                    initialFontName="DejaVuSans")
    canvas.setTitle(the_map.title)
    canvas.setAuthor(the_map.owner or "journeymapper")
    canvas.setSubject("Customer journey map")
    canvas.setCreator(f"journeymapper {__version__}")
    canvas.setKeywords(["customer journey map", "journeymapper"])
    today = options.today or date.today()
    problems = []
    if options.appendix:
        from ..check import check_map  # (networkx: loaded only for the findings)

        problems = check_map(the_map, today)
    tiled = (columns, rows) != (1, 1)
    painter = PagePainter(canvas, fonts, style.palette, options.grayscale)
    # The map is drawn once, as forms that every sheet places.
    details = map_details(the_map, layout)
    refs = reference_blocks(details, layout, style.small_size, fonts.width)
    drawn = map_forms(painter, layout, deflater.end_form, refs)
    # Profiles and the appendix may run over several pages: count them first (a dry run), so
    # every page can say "page n of m" with the true m.
    facts = persona_facts(the_map)
    # (bookmark title, how to draw it)
    extra_pages: list[tuple[str, Callable]] = []
    if details:
        extra_pages.append(("Details", lambda pp, brk=None: draw_details(pp, details, paper, MARGIN, brk)))
    extra_pages += [
        (f"Persona: {' '.join(persona.name.split())}",
         lambda pp, persona=persona, brk=None: draw_persona_page(pp, persona, facts[persona.id], paper, MARGIN, brk))
        for persona in the_map.personas if _has_content(persona, facts[persona.id])
    ]
    cut = {flow_id: path.full_label for flow_id, path in layout.flows.items() if path.full_label is not None}
    if cut:
        extra_pages.append(("Flow labels in full",
                            lambda pp, brk=None: draw_flow_labels(pp, the_map, cut, paper, MARGIN, brk)))
    if options.appendix:
        extra_pages.append(("Checker findings",
                            lambda pp, brk=None: draw_appendix(pp, the_map, problems, paper, MARGIN, brk)))
    extra_counts = [_pages_of(draw, paper, fonts, style) for _, draw in extra_pages]
    report.detail_pages = extra_counts[0] if details else 0
    sheets = plan.sheets
    total = (1 if tiled else 0) + len(sheets) + sum(extra_counts)
    if options.max_pages is not None and total > options.max_pages:
        raise TooManyPages(total, options.max_pages)
    done = 0

    def finish_page(extra: str | None = None) -> None:
        nonlocal done
        if extra is not None:
            _footer(painter, the_map, paper, canvas.getPageNumber(), total, options, extra)
        canvas.showPage()
        done += 1
        if progress is not None:
            progress(done, total)

    marks = iter(range(1_000_000))

    def bookmark(title: str, level: int = 0) -> None:
        key = f"jm-mark-{next(marks)}"
        canvas.bookmarkPage(key)
        canvas.addOutlineEntry(title, key, level)

    bookmark("Map")
    if tiled:
        _overview(painter, the_map, plan, drawn, today, canvas.getPageNumber(), total, options)
        bookmark("How the sheets go together", 1)
        finish_page()
    for column, row in sheets:
        if tiled:
            bookmark(f"Sheet: row {row + 1}, column {column + 1}", 1)
        _map_sheet(painter, the_map, plan, drawn, column, row, today, canvas.getPageNumber(), total, options)
        finish_page()
    for title, draw in extra_pages:
        bookmark(title)
        draw(painter, brk=lambda: _footer(painter, the_map, paper, canvas.getPageNumber(), total, options, ""))
        finish_page("")
    canvas.showOutline()
    page = canvas.getPageNumber() - 1
    if fonts.missing:
        shown = "".join(sorted(fonts.missing))[:40]
        report.warnings.append(
            f"no installed font has these characters, so they print as blanks: {shown!r} "
            "(install a font that has them, e.g. Noto Sans or Droid Sans Fallback)"
        )
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


def _has_content(persona, facts: list[str]) -> bool:
    """Whether a persona's page would say anything: it has cards, or a profile beyond its name."""
    has_cards = bool(facts) and not facts[0].startswith("0 ")
    return has_cards or any((persona.segment.strip(), persona.description.strip(), persona.goals, persona.needs,
                             persona.frustrations))


def _pages_of(draw: Callable, paper: tuple[float, float], fonts: FontChooser, style: Style) -> int:
    """How many pages a flowing page (profile, appendix) takes, by drawing it where nobody sees."""
    scratch = Canvas(io.BytesIO(), pagesize=paper, initialFontName="DejaVuSans")
    draw(PagePainter(scratch, fonts, style.palette))
    return scratch.getPageNumber()


def _title_block(p: PagePainter, the_map: Map, paper: tuple[float, float], today: date, subtitle_extra: str,
                 page: int, total: int, block: float = 1.0) -> None:
    """Title, owner and dates, and the legend, grown `block` times from the top-left margin."""
    # Drawn on a sheet `block` times smaller, placed grown: the margins stay the printer's.
    width, height = (paper[0] - 2 * MARGIN) / block + 2 * MARGIN, paper[1]
    p.place(MARGIN * (1 - block), height - MARGIN * (1 - block), block)
    p.dy = 0.0
    is_narrow = narrow(paper, block)
    room = width - 2 * MARGIN - (0 if is_narrow else LEGEND_WIDTH + 16)
    # The title shrinks (down to 12 pt), then is cut with "…", so it never runs into the legend.
    title = " ".join(the_map.title.split())
    size = 20.0
    while size > 12 and p.fonts.width(title, size, True) > room:
        size -= 1
    p.text_line(MARGIN, MARGIN + 20, _fit(p, title, size, True, room), size, True, "text")
    review = the_map.review_by.isoformat() if the_map.review_by else "—"
    owner = " ".join(the_map.owner.split()) or "—"
    parts = [f"Owner: {owner}", f"Printed {today.isoformat()}", f"Review by: {review}", f"Page {page} of {total}"]
    if subtitle_extra:  # (first: a poster sheet's place must not be what a narrow sheet cuts off)
        parts.insert(0, subtitle_extra)
    p.text_line(MARGIN, MARGIN + 36, _fit(p, "    ".join(parts), 9, False, room), 9, False, "muted")
    if is_narrow:
        _legend(p, MARGIN, MARGIN + 46)
    else:
        _legend(p, width - MARGIN - LEGEND_WIDTH, MARGIN + 6)


def _fit(p: PagePainter, text: str, size: float, bold: bool, room: float) -> str:
    if p.fonts.width(text, size, bold) <= room:
        return text
    while text and p.fonts.width(text + "…", size, bold) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _legend(p: PagePainter, x: float, y: float) -> None:
    """Emotions, evidence and flow kinds, top right of every map sheet."""
    s = DEFAULT_STYLE
    p.text_line(x, y + 8, "Emotion", 7.5, True, "muted")
    for k, value in enumerate(range(-2, 3)):
        _face(p, Point(x + 58 + k * 15, y + 5), 10, value)
    p.text_line(x, y + 24, "Evidence", 7.5, True, "muted")
    ex = x + 58
    for level, label in EVIDENCE_LABELS.items():
        _evidence(p, Point(ex + 3, y + 21), 3.2, level)
        p.text_line(ex + 9, y + 24, label, 7, False, "text")
        ex += 58
    fx = x + 250
    for k, (kind, label) in enumerate(FLOW_KIND_LABELS.items()):
        yy = y + 4 + k * 10
        p.stroke("flow", s.flow_width, FLOW_DASH.get(kind))
        p.line(Point(fx, yy), Point(fx + 22, yy))
        p.text_line(fx + 27, yy + 2.5, label, 7, False, "text")


def _footer(p: PagePainter, the_map: Map, paper: tuple[float, float], page: int, total: int,
            options: PdfOptions, extra: str) -> None:
    """On every page: which map (title, file, when it was last changed) and which page of how many,
    so a loose page can be traced and put back."""
    width, height = paper
    p.place(0, height, 1.0)
    p.dy = 0.0
    where = f"page {page} of {total}"
    p.text_line(width - MARGIN - p.fonts.width(where, 7.5, True), height - MARGIN + 4, where, 7.5, True, "text")
    parts = [" ".join(the_map.title.split())]
    if options.source_name:
        parts.append(options.source_name)
    parts.append(f"modified {the_map.modified.date().isoformat()}")
    parts.append(f"{options.paper} {options.orientation}")
    if extra:
        parts.append(extra)
    room = width - 2 * MARGIN - p.fonts.width(where, 7.5, True) - 16
    p.text_line(MARGIN, height - MARGIN + 4, _fit(p, " · ".join(parts), 7, False, room), 7, False, "muted")


def _map_sheet(p: PagePainter, the_map: Map, plan: SheetPlan, drawn: list[str], column: int, row: int,
               today: date, page: int, total: int, options: PdfOptions) -> None:
    paper, layout, columns, rows, scale = plan.paper, plan.layout, plan.columns, plan.rows, plan.scale
    width, height = paper
    tiled = (columns, rows) != (1, 1)
    label = f"row {row + 1}, column {column + 1}" if tiled else ""
    _title_block(p, the_map, paper, today, f"Sheet: {label}" if tiled else "", page, total, plan.block)
    area_w, area_h = map_area(width, height, plan.block)
    left, top = MARGIN, height - MARGIN - title_block_height(paper, plan.block)
    # This sheet shows the part of the poster's room starting at (sx, sy), in which the map is centred.
    sx, sy = plan.sheet_origin(column, row)
    ox, oy = plan.offset
    c = p.c
    c.saveState()
    clip = c.beginPath()
    clip.rect(left, top - area_h, area_w, area_h)
    c.clipPath(clip, stroke=0, fill=0)
    p.place(left - sx + ox, top + sy - oy, scale)
    p.place_forms(drawn)
    c.restoreState()
    p.place(0, height, 1.0)
    if tiled:
        _alignment_marks(p, left, top, area_w, area_h, column, row, columns, rows)
    extra = f"{label} · " if tiled else ""
    _footer(p, the_map, paper, page, total, options, f"{extra}smallest text {smallest_text(layout) * scale:.1f} pt")


def _alignment_marks(p: PagePainter, left: float, top: float, w: float, h: float, column: int, row: int,
                     columns: int, rows: int) -> None:
    """Crop marks at the overlap lines, so neighbouring sheets can be cut and glued."""
    c = p.c
    c.setStrokeColor(p.color("text"))
    c.setLineWidth(0.4)
    c.setDash([])
    xs = [left, left + w]
    ys = [top, top - h]
    if column > 0:
        xs.append(left + OVERLAP)
    if column < columns - 1:
        xs.append(left + w - OVERLAP)
    if row > 0:
        ys.append(top - OVERLAP)
    if row < rows - 1:
        ys.append(top - h + OVERLAP)
    mark = 8.0
    for x in xs:
        c.line(x, top + 2, x, top + 2 + mark)
        c.line(x, top - h - 2, x, top - h - 2 - mark)
    for y in ys:
        c.line(left - 2, y, left - 2 - mark, y)
        c.line(left + w + 2, y, left + w + 2 + mark, y)


def _overview(p: PagePainter, the_map: Map, plan: SheetPlan, drawn: list[str], today: date, page: int,
              total: int, options: PdfOptions) -> None:
    """The whole poster small: the map where it falls on the sheets, each sheet outlined and named
    (on a label of its own, clear of the map's text), blank sheets shown as not printed."""
    paper, columns, rows, scale = plan.paper, plan.columns, plan.rows, plan.scale
    width, height = paper
    _title_block(p, the_map, paper, today, f"Poster of {columns} x {rows} sheets: how they go together", page,
                 total, plan.block)
    area_w, area_h = map_area(width, height, plan.block)
    left, top = MARGIN, height - MARGIN - title_block_height(paper, plan.block)
    room_w, room_h = plan.room
    small = min(area_w / room_w, area_h / room_h)  # the whole room, and so every sheet, fits the page
    ox, oy = plan.offset
    p.place(left + ox * small, top - oy * small, scale * small)
    p.place_forms(drawn)
    p.place(0, height, 1.0)
    p.dy = 0.0
    c = p.c
    w, h = area_w * small, area_h * small
    size = 9.0
    for row in range(rows):
        for column in range(columns):
            sx, sy = plan.sheet_origin(column, row)
            x0, y0 = left + sx * small, (height - top) + sy * small  # (y from the page's top)
            used = plan.used(column, row)
            c.setStrokeColor(p.color("selection" if used else "faint"))
            c.setLineWidth(1.2)
            c.setDash([4, 3])
            c.rect(x0, height - y0 - h, w, h, stroke=1, fill=0)
            c.setDash([])
            name = f"row {row + 1}, column {column + 1}" + ("" if used else ": blank, not printed")
            label_w = p.fonts.width(name, size, True) + 8
            p.rect(Rect(x0 + 4, y0 + 4, label_w, size + 6), fill="paper", stroke="selection" if used else "faint",
                   width=0.8)
            p.text_line(x0 + 8, y0 + 4 + size + 1.5, name, size, True, "selection" if used else "muted")
    _footer(p, the_map, paper, page, total, options, "overview")


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
