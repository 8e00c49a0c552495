"""The action list printed after the persona pages: every opportunity of the map as a table a team can work
from (what, who, by when, status, which card), open ones first, overdue ones said in words.

It is printed once someone has started planning (`model.actions.has_plans`: an opportunity with a status
past "idea", an owner, a date or an effort): a map of bare ideas prints as it did before. A card is named
by its title, its stage letter and lane, and by the reference printed on it ("B3") when it has one
(`details`), so the card is found on the map.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ..i18n import Words
from ..i18n.formats import date_text
from ..layout.geometry import Point
from ..layout.labels import EFFORT_LABELS, PRIORITY_LABELS, STATUS_LABELS, stage_letter
from ..layout.text import ASCENT, BOLD, REGULAR, wrap
from ..model.actions import ActionRow, action_rows, counts, has_plans, sorted_rows
from ..model.schema import Map
from .painter import PagePainter
from .profiles import PageColumn

SIZE = 9.0
"""The table's text size (points)."""
SMALL = 7.5
"""Its second lines: priority and effort, the pains answered, the card's stage and lane."""
LINE = 11.5
SMALL_LINE = 9.5
PAD = 4.0
"""Room above and below a row's text."""
GUTTER = 8.0
ANSWER_LINES = 2
"""Lines of the pains an action answers (they are printed in full on the map and in the details)."""
OVERDUE_INK = "pain"


@dataclass(frozen=True)
class ActionList:
    rows: tuple[ActionRow, ...]
    """In the order printed (`model.actions.work_order`)."""
    refs: dict[str, str]
    """Card id -> the reference printed on it ("B3"), for cards that have one."""
    today: date


def action_list(the_map: Map, today: date, refs: dict[str, str]) -> ActionList | None:
    """The list to print, or None when nobody has planned anything yet (no page)."""
    if not has_plans(the_map):
        return None
    return ActionList(tuple(sorted_rows(action_rows(the_map, today))), dict(refs), today)


@dataclass(frozen=True)
class _Columns:
    """Where each column starts and how wide it is (points)."""

    what: tuple[float, float]
    who: tuple[float, float]
    when: tuple[float, float]
    status: tuple[float, float]
    card: tuple[float, float]


def _columns(x: float, width: float) -> _Columns:
    when = min(width * 0.12, 92.0)
    status = min(width * 0.12, 92.0)
    who = min(width * 0.15, 170.0)
    card = min(width * 0.23, 300.0)
    what = width - when - status - who - card
    starts, widths = [], []
    at = x
    for w in (what, who, when, status, card):
        starts.append(at)
        widths.append(w - GUTTER)
        at += w
    return _Columns(*zip(starts, widths))  # type: ignore[arg-type]


@dataclass(frozen=True)
class _Cell:
    """A cell's lines: (text, size, bold, ink) each."""

    lines: tuple[tuple[str, float, bool, str], ...]

    @property
    def height(self) -> float:
        return sum(LINE if size == SIZE else SMALL_LINE for _text, size, _bold, _ink in self.lines)


def _wrapped(text: str, width: float, size: float = SIZE, bold: bool = False, ink: str = "text",
             max_lines: int = 0) -> list[tuple[str, float, bool, str]]:
    return [(line, size, bold, ink) for line in wrap(text, size, width, max_lines, BOLD if bold else REGULAR)]


def _cells(row: ActionRow, actions: ActionList, cols: _Columns, tr: Words) -> list[_Cell]:
    what = _wrapped(row.text, cols.what[1])
    effort = tr(EFFORT_LABELS[row.effort]) if row.effort is not None else ""
    what += _wrapped(" · ".join(filter(None, (tr(PRIORITY_LABELS.get(row.priority, row.priority)), effort))),
                     cols.what[1], SMALL, ink="muted")
    if row.addresses:
        what += _wrapped(tr("Answers: {pains}").format(pains="; ".join(row.addresses)), cols.what[1], SMALL,
                         ink="muted", max_lines=ANSWER_LINES)
    who = _wrapped(row.owner, cols.who[1]) if row.owner else [("\u2014", SIZE, False, "faint")]
    when: list[tuple[str, float, bool, str]] = [("\u2014", SIZE, False, "faint")]
    if row.due is not None:
        when = [(date_text(row.due), SIZE, row.overdue, OVERDUE_INK if row.overdue else "text")]
        if row.overdue:
            when += _wrapped(tr("Overdue"), cols.when[1], SIZE, True, OVERDUE_INK)
    status = _wrapped(tr(STATUS_LABELS.get(row.status, row.status)), cols.status[1])
    ref = actions.refs.get(row.card_id)
    card = _wrapped(f"{ref}  {row.card_title}" if ref else row.card_title, cols.card[1])
    card += _wrapped(f"{stage_letter(row.place[0])} {row.stage} · {row.persona}", cols.card[1], SMALL, ink="muted")
    return [_Cell(tuple(lines)) for lines in (what, who, when, status, card)]


def _draw_cell(p: PagePainter, x: float, top: float, cell: _Cell) -> None:
    y = top
    for text, size, bold, ink in cell.lines:
        height = LINE if size == SIZE else SMALL_LINE
        p.text_line(x, y + (height - size) / 2 + size * ASCENT, text, size, bold, ink)
        y += height


HEADER = LINE + PAD
"""The height of the table's header."""


def _header(p: PagePainter, col: PageColumn, cols: _Columns) -> None:
    """The column titles (where there is room for them: the caller made sure of it with its first row)."""
    tr = p.tr
    col.y += LINE
    for (x, _w), title in zip((cols.what, cols.who, cols.when, cols.status, cols.card),
                              (tr("What"), tr("Who"), tr("By when"), tr("Status"), tr("Card"))):
        p.text_line(x, col.y, title, 8, True, "muted")
    col.y += PAD
    p.stroke("muted", 0.8)
    p.line(Point(col.x, col.y), Point(col.x + col.width, col.y))


def _continued(p: PagePainter, col: PageColumn, page: int) -> bool:
    """On a page the list runs onto (since `page`), a line that says so; whether it is one."""
    if p.c.getPageNumber() == page:
        return False
    p.text_line(col.x, col.y + 8, p.tr("Actions (continued)"), 8, False, "muted")
    col.y += 8
    return True


def draw_action_list(p: PagePainter, actions: ActionList, paper: tuple[float, float], margin: float,
                     on_break: Callable[[], None] | None = None) -> None:
    """The heading, a line of counts, then the table (its header again on every page it runs onto)."""
    tr = p.tr
    col = PageColumn(p, paper, margin, on_break)
    col.heading(tr("Actions"), 18)
    numbers = counts(actions.rows)
    summary = [tr.n("{n} open action", "{n} open actions", numbers["open"]).format(n=numbers["open"])]
    if numbers["overdue"]:
        summary.append(tr.n("{n} overdue", "{n} overdue", numbers["overdue"]).format(n=numbers["overdue"]))
    if numbers["done"]:
        summary.append(tr.n("{n} done", "{n} done", numbers["done"]).format(n=numbers["done"]))
    if numbers["dropped"]:
        summary.append(tr.n("{n} dropped", "{n} dropped", numbers["dropped"]).format(n=numbers["dropped"]))
    col.paragraph(", ".join(summary), 10, "muted")
    col.paragraph(tr("Every opportunity in the map and the plan to act on it: open ones first, the overdue at "
                     "the top. A card is named by its title, its stage letter and lane, and by the reference "
                     "printed on it (such as \u201cB3\u201d) when it has one."), 8.5, "muted")
    col.y += 4
    cols = _columns(col.x, col.width)
    closed_started = False
    for k, row in enumerate(actions.rows):
        cells = _cells(row, actions, cols, tr)
        height = max(cell.height for cell in cells) + 2 * PAD
        page = p.c.getPageNumber()
        if k == 0:  # the header, with room for a first row under it
            col.room(HEADER + height)
            _header(p, col, cols)
        elif not row.is_open and not closed_started:  # the same, under a heading of their own
            closed_started = True
            col.room(10 + 11 * 2.1 + HEADER + height)
            _continued(p, col, page)
            col.y += 10
            col.heading(tr("Done or dropped"), 11)
            _header(p, col, cols)
        else:
            col.room(height)
            if _continued(p, col, page):
                _header(p, col, cols)
        top = col.y + PAD
        for (x, _w), cell in zip((cols.what, cols.who, cols.when, cols.status, cols.card), cells):
            _draw_cell(p, x, top, cell)
        col.y += height
        p.stroke("grid", 0.5)
        p.line(Point(col.x, col.y), Point(col.x + col.width, col.y))


__all__ = ["ActionList", "action_list", "draw_action_list"]
