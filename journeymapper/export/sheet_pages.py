"""The pages the map itself is on: one sheet, or a poster's overview and sheets, each with its title
block and legend, its footer, and on a poster the marks that say how the sheets are glued."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..i18n.formats import date_text
from ..layout.geometry import Point
from ..layout.text import BOLD, wrap
from ..model.schema import Map
from .legend import fit_text, legend, legend_width
from .painter import PagePainter
from .sheets import (
    LEGEND_HEIGHT,
    MARGIN,
    OVERLAP,
    SheetPlan,
    map_area,
    narrow,
    smallest_text,
    title_block_height,
)

if TYPE_CHECKING:
    from .pdf import PdfOptions


def title_block(p: PagePainter, the_map: Map, paper: tuple[float, float], today: date, subtitle_extra: str,
                 page: int, total: int, block: float = 1.0) -> None:
    """Title, owner and dates, and the legend, grown `block` times from the top-left margin."""
    # Drawn on a sheet `block` times smaller, placed grown: the margins stay the printer's.
    width, height = (paper[0] - 2 * MARGIN) / block + 2 * MARGIN, paper[1]
    p.place(MARGIN * (1 - block), height - MARGIN * (1 - block), block)
    p.dy = 0.0
    is_narrow = narrow(paper, block)
    tr = p.tr
    review = date_text(the_map.review_by) if the_map.review_by else "—"
    owner = " ".join(the_map.owner.split()) or "—"
    parts = [tr("Owner: {owner}").format(owner=owner), tr("Printed {date}").format(date=date_text(today)),
             tr("Review by: {date}").format(date=review)]
    if total:  # (a picture of the map has no pages)
        parts.append(tr("Page {page} of {total}").format(page=page, total=total))
    state = tr("Future state") if the_map.state == "future" else ""
    # The legend as wide as its words need: below the title on a narrow sheet (all its width), else
    # beside it, growing into the title's room while the title keeps TITLE_KEEPS, or the room its
    # owner and dates need (up to TITLE_WANTS; the same on every sheet: the legend is one form).
    keeps = 0.0
    if not is_narrow:
        steady = [*parts[:3], tr("Page {page} of {total}").format(page=total, total=total)] if total else parts
        said = p.fonts.width("    ".join(steady), 9, False) + (p.fonts.width(state, 9, True) + 12 if state else 0)
        keeps = max(TITLE_KEEPS, min(said + 1, TITLE_WANTS)) + 16
    wide = legend_width(p, the_map, width - 2 * MARGIN - keeps)
    room = width - 2 * MARGIN - (0 if is_narrow else wide + 16)
    # The title shrinks (down to 12 pt), then takes two lines of 11 pt, then is cut with "…": it never
    # runs into the legend.
    title = " ".join(the_map.title.split())
    size = 20.0
    while size > 12 and p.fonts.width(title, size, True) > room:
        size -= 1
    if p.fonts.width(title, size, True) <= room:
        p.text_line(MARGIN, MARGIN + 20, title, size, True, "text")
    else:
        for k, line in enumerate(wrap(title, 11.0, room, 2, BOLD)):
            p.text_line(MARGIN, MARGIN + 10 + 13 * k, line, 11.0, True, "text")
    if subtitle_extra:  # (first: a poster sheet's place must not be what a narrow sheet cuts off)
        parts.insert(0, subtitle_extra)
    x = MARGIN
    if state:  # the plan, not today's journey: said first, in bold (not by colour alone)
        p.text_line(x, MARGIN + 36, state, 9, True, "selection")
        x += p.fonts.width(state, 9, True) + 12
    p.text_line(x, MARGIN + 36, fit_text(p, "    ".join(parts), 9, False, room - (x - MARGIN)), 9, False, "muted")
    corner = Point(MARGIN, MARGIN + 46) if is_narrow else Point(width - MARGIN - wide, MARGIN + 4)
    # The same on every sheet: drawn once (a form in a PDF), placed on each.
    p.shape(("legend", round(wide, 2)), corner, wide, LEGEND_HEIGHT, lambda: legend(p, 0, 0, the_map, wide))


TITLE_KEEPS = 300.0
"""Beside the legend, the title keeps at least this much room (it shrinks, then wraps, within it)."""
TITLE_WANTS = 520.0
"""The most the title's owner and dates keep from the legend (past it, they are cut with "…")."""


def footer(p: PagePainter, the_map: Map, paper: tuple[float, float], page: int, total: int,
            options: PdfOptions, extra: str) -> None:
    """On every page: which map (title, file, when it was last changed) and which page of how many,
    so a loose page can be traced and put back."""
    width, height = paper
    p.place(0, height, 1.0)
    p.dy = 0.0
    tr = p.tr
    where = tr("page {page} of {total}").format(page=page, total=total)
    p.text_line(width - MARGIN - p.fonts.width(where, 7.5, True), height - MARGIN + 4, where, 7.5, True, "text")
    parts = [" ".join(the_map.title.split())]
    if the_map.state == "future":  # (which map it was made from: cut short, the rest of the line matters too)
        parts.append(tr("future state"))
        if the_map.based_on is not None:
            parts.append(tr("based on “{title}” of {date}").format(
                title=fit_text(p, " ".join(the_map.based_on.title.split()), 7, False, 150),
                date=date_text(the_map.based_on.modified.date())))
    if options.source_name:
        parts.append(options.source_name)
    parts.append(tr("modified {date}").format(date=date_text(the_map.modified.date())))
    parts.append(f"{options.paper} {tr(options.orientation)}")
    if extra:
        parts.append(extra)
    room = width - 2 * MARGIN - p.fonts.width(where, 7.5, True) - 16
    p.text_line(MARGIN, height - MARGIN + 4, fit_text(p, " · ".join(parts), 7, False, room), 7, False, "muted")


def map_sheet(p: PagePainter, the_map: Map, plan: SheetPlan, drawn: list[str], column: int, row: int,
               today: date, page: int, total: int, options: PdfOptions) -> None:
    paper, layout, columns, rows, scale = plan.paper, plan.layout, plan.columns, plan.rows, plan.scale
    width, height = paper
    tiled = (columns, rows) != (1, 1)
    tr = p.tr
    label = sheet_name(p, column, row) if tiled else ""
    title_block(p, the_map, paper, today, tr("Sheet: {name}").format(name=label) if tiled else "", page, total,
                plan.block)
    area_w, area_h = map_area(width, height, plan.block)
    left, top = MARGIN, height - MARGIN - title_block_height(paper, plan.block)
    # This sheet shows the part of the poster's room starting at (sx, sy), in which the map is centred,
    # up to where the next sheet's part starts and the overlap glued under it.
    sx, sy = plan.sheet_origin(column, row)
    ox, oy = plan.offset
    area_w, area_h = plan.sheet_extent(column, row)
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
        # (marks only towards neighbours that are printed: a blank sheet has nothing to glue)
        printed = set(plan.sheets)
        assembly_marks(p, left, top, area_w, area_h, column, row,
                       right=(column + 1, row) in printed, below=(column, row + 1) in printed,
                       left_of=(column - 1, row) in printed, above=(column, row - 1) in printed)
    extra = f"{label} · " if tiled else ""
    smallest = tr("smallest text {size} pt").format(size=f"{smallest_text(layout) * scale:.1f}")
    footer(p, the_map, paper, page, total, options, f"{extra}{smallest}")


def seam_mark(index: int, across: bool) -> str:
    """The mark a seam has on both sheets it joins: letters between columns, numbers between rows."""
    return chr(65 + index) if across else str(index + 1)


def assembly_marks(p: PagePainter, left: float, top: float, w: float, h: float, column: int, row: int, *,
                   right: bool, below: bool, left_of: bool, above: bool) -> None:
    """How the sheets go together: a sheet's right and bottom strips (the overlap) are where the next
    sheet is glued, shaded and marked; its left and top edges are trimmed along a line with the same
    mark (in the margin, clear of the map and of the title block), then laid over the neighbour's strip.
    `right`, `below`, `left_of`, `above`: whether that neighbour is printed."""
    c = p.c
    ink = p.color("selection")
    size = 8.0
    c.saveState()
    c.setFillColor(ink)
    c.setFillAlpha(0.10)
    if right:
        c.rect(left + w - OVERLAP, top - h, OVERLAP, h, stroke=0, fill=1)
    if below:
        c.rect(left, top - h, w, OVERLAP, stroke=0, fill=1)
    c.setFillAlpha(1.0)
    c.setStrokeColor(ink)
    c.setLineWidth(0.6)
    c.setDash([3, 2])
    if right:
        c.line(left + w - OVERLAP, top, left + w - OVERLAP, top - h)
    if below:
        c.line(left, top - h + OVERLAP, left + w, top - h + OVERLAP)
    c.setDash([])
    c.setLineWidth(0.9)
    if left_of:
        c.line(left, top + 4, left, top - h - 4)
    if above:
        c.line(left - 4, top, left + w + 4, top)
    c.restoreState()
    p.forget_state()
    # (p is placed at the page's top-left: a baseline is measured down from the page's top)
    page_h = p.top
    marks: list[tuple[float, float, str]] = []  # (page x, page y of the baseline, text)
    if right:
        glue = p.tr("glue {mark}").format(mark=seam_mark(column, True))
        marks += [(left + w - OVERLAP + 2, top - 11, glue), (left + w - OVERLAP + 2, top - h + 4, glue)]
    if left_of:
        marks.append((left - 21, top - 11, f"\u2702 {seam_mark(column - 1, True)}"))
    if below:
        marks.append((left + 4, top - h + 6, p.tr("glue {mark}").format(mark=seam_mark(row, False))))
    if above:  # (in the left margin, just under the top edge: above it is the title block)
        marks.append((left - 21, top - 24, f"\u2702 {seam_mark(row - 1, False)}"))
    for x, y, text in marks:
        p.text_line(x, page_h - y, text, size, True, "selection")


def overview(p: PagePainter, the_map: Map, plan: SheetPlan, drawn: list[str], today: date, page: int,
              total: int, options: PdfOptions) -> None:
    """The whole poster small: the map where it falls on the sheets, each sheet's printed part
    outlined; columns named above the sheets and rows at their left, clear of the map; a blank sheet
    (not printed) says so in its empty middle."""
    paper, columns, rows, scale = plan.paper, plan.columns, plan.rows, plan.scale
    width, height = paper
    tr = p.tr
    title_block(p, the_map, paper, today,
                tr("Poster of {columns} x {rows} sheets: how they go together").format(columns=columns, rows=rows),
                page, total, plan.block)
    area_w, area_h = map_area(width, height, plan.block)
    size = 9.0
    row_names = [tr("row {row}").format(row=row + 1) for row in range(rows)]
    band_left = max(p.fonts.width(name, size, True) for name in row_names) + 10
    band_top = size + 8
    left = MARGIN + band_left
    top = height - MARGIN - title_block_height(paper, plan.block) - band_top
    room_w, room_h = plan.room
    small = min((area_w - band_left) / room_w, (area_h - band_top) / room_h)  # every sheet fits the page
    ox, oy = plan.offset
    p.place(left + ox * small, top - oy * small, scale * small)
    p.place_forms(drawn)
    p.place(0, height, 1.0)
    p.dy = 0.0
    c = p.c
    page_top = height - top  # (y from the page's top, as text lines are placed)
    for row in range(rows):
        for column in range(columns):
            sx, sy = plan.sheet_origin(column, row)
            w, h = (v * small for v in plan.sheet_extent(column, row))
            x0, y0 = left + sx * small, page_top + sy * small
            used = plan.used(column, row) or columns * rows == 1
            c.setStrokeColor(p.color("selection" if used else "faint"))
            c.setLineWidth(1.2)
            c.setDash([4, 3])
            c.rect(x0, height - y0 - h, w, h, stroke=1, fill=0)
            c.setDash([])
            p.forget_state()
            if not used:
                blank = fit_text(p, tr("blank, not printed"), size, False, w - 8)
                p.text_line(x0 + (w - p.fonts.width(blank, size, False)) / 2, y0 + h / 2 + size / 3, blank, size,
                            False, "muted")
            if row == 0:
                name = tr("column {column}").format(column=column + 1)
                p.text_line(x0 + (w - p.fonts.width(name, size, True)) / 2, page_top - 5, name, size, True,
                            "selection")
        sy = plan.sheet_origin(0, row)[1]
        h = plan.sheet_extent(0, row)[1] * small
        p.text_line(MARGIN, page_top + sy * small + h / 2 + size / 3, row_names[row], size, True, "selection")
    footer(p, the_map, paper, page, total, options, tr("overview"))


def sheet_name(p: PagePainter, column: int, row: int) -> str:
    """How a poster's sheet is named on it, on the overview and in the bookmarks."""
    return p.tr("row {row}, column {column}").format(row=row + 1, column=column + 1)
