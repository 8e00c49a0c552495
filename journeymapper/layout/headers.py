"""What the headers say: each stage's name, goal and KPIs (with their health as a bar and a sign, and,
for a KPI with two readings or more, a line under it with the change since the reading before and the
readings' sparkline), each lane's persona, and the names of its rows. Laid out in the map's points, as
the rest (`map_layout`); `map_look.stage_header` draws them, trend lines included."""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..i18n import Words, words
from ..model.schema import KPI, Persona, Stage
from .elements import KpiLine, LaneBox, LaneRow, TextBlock
from .geometry import Rect
from .kpis import (
    HEALTH_INKS,
    HEALTH_MARKS,
    KPI_MARK_ROOM,
    change_phrases,
    kpi_change,
    kpi_figures,
    kpi_health,
    kpi_record,
    kpi_text,
)
from .labels import ROW_LABELS
from .sparkline import Sparkline, reading_pairs, sparkline
from .style import Style
from .text import BOLD, elide, text_width, wrap

HEADER_PAD = 7.0
LETTER_ROOM = 16.0
"""Kept free at the right of a stage's name: the stage's letter ("B") in print."""
TREND_INDENT = 8.0
"""A KPI's change, on the line under its figures, starts this far in: it reads as part of that KPI."""
TREND_LIFT = 2.5
"""How far a KPI's sparkline reaches up, into the gap under the KPI's bar (when the KPI's text is one
line that ends before the sparkline): the trend line is then no taller than a line of text, and the
sparkline still tall enough to read."""
TREND_GAP = 6.0
"""Kept free between a KPI's text and its sparkline, beside it or under it."""


def stage_headers(stages: Sequence[Stage], edges: Sequence[float], s: Style
                  ) -> tuple[float, list[tuple[TextBlock, TextBlock | None, tuple[KpiLine, ...]]]]:
    """Each stage header's name, goal and KPI lines, and the height of the tallest header."""
    pad = HEADER_PAD
    inner = s.column_width - 2 * pad
    tr = words(s.language)
    parts = []
    tallest = s.stage_header_min_height
    for index, stage in enumerate(stages):
        x = edges[index] + pad
        y = pad
        # (room kept at the right for the stage's letter, which print shows for its cards' references)
        name = TextBlock(x, y, wrap(stage.name, s.header_size, inner - LETTER_ROOM, 2, BOLD), s.header_size,
                         True, "text", s.line_height(s.header_size))
        y += name.height + 2
        goal = None
        if stage.goal.strip():
            goal = TextBlock(x, y, wrap(stage.goal, s.small_size + 0.5, inner, 2), s.small_size + 0.5, False,
                             "muted", s.line_height(s.small_size + 0.5))
            y += goal.height + 3
        kpis = []
        for kpi in stage.kpis:
            ratio, health = kpi_health(kpi)
            has_bar = kpi.value is not None and kpi.target is not None and kpi.target != 0
            text_room = inner - (s.kpi_bar_width + 6 + KPI_MARK_ROOM if has_bar else 0)
            line_height = s.line_height(s.small_size)
            block = TextBlock(x, y, _kpi_lines(kpi, s.small_size, text_room, inner), s.small_size, False, "text",
                              line_height)
            bar = mark = None
            if has_bar:
                bar = Rect(x + inner - KPI_MARK_ROOM - s.kpi_bar_width, y + 2.5, s.kpi_bar_width, 4.0)
                mark = TextBlock(x + inner - KPI_MARK_ROOM + 2, y, (HEALTH_MARKS[health],), s.small_size, True,
                                 HEALTH_INKS[health], line_height)
            y += block.height + 0.5
            trend = _trend_row(kpi, health if has_bar else None, x, y, inner, s, tr, _ends_before(block, s))
            kpis.append(KpiLine(block, bar, ratio, health, mark, *trend[:4]))
            y += trend[4]
        parts.append((name, goal, tuple(kpis)))
        tallest = max(tallest, y + pad)
    return tallest, parts


def row_box(kind: str, rect: Rect, s: Style, words: Words) -> LaneRow:
    """A lane's row and its name in the lane header."""
    header = Rect(s.card_bar, rect.y, s.lane_header_width - s.card_bar, rect.h)
    # A long word ("Berührungspunkte") gets smaller type rather than run into the first column.
    text, size, room = words(ROW_LABELS[kind]), s.lane_title_size, header.w - 14
    while size > s.small_size and text_width(text, size, BOLD) > room:
        size -= 0.5
    label = TextBlock(header.x + 10, rect.y + 10, (elide(text, size, room, BOLD),), size, True, "muted",
                      s.line_height(size))
    return LaneRow(kind, rect, header, label)


def lane_box(persona: Persona, index: int, top: float, width: float, height: float,
             rows: tuple[LaneRow, ...], s: Style) -> LaneBox:
    """A persona's lane: its header shows the persona's name and segment, in the persona's colour."""
    header = Rect(0.0, 0.0, s.lane_header_width, height)
    inner = s.lane_header_width - s.card_bar - 20
    y = 10 + s.line_height(s.lane_title_size) + 4
    name = TextBlock(14.0, y, wrap(persona.name, s.lane_title_size, inner, 3, BOLD), s.lane_title_size, True,
                     persona.color, s.line_height(s.lane_title_size))
    segment = None
    if persona.segment.strip():
        segment = TextBlock(14.0, y + name.height + 2, wrap(persona.segment, s.small_size, inner, 2),
                            s.small_size, False, "muted", s.line_height(s.small_size))
    return LaneBox(persona.id, index, top, width, height, header, persona.color, name, segment, rows)


KPI_NAME_LINES = 3
"""A KPI's name wraps onto this many lines before it is cut (its figures then take a line of their own)."""


def _kpi_lines(kpi: KPI, size: float, room: float, wide: float) -> tuple[str, ...]:
    """A KPI's lines: one when it fits `room` (beside the bar); else its name wraps, its next lines as
    `wide` as the header (under the bar), and its figures follow on its last line or on a line of
    their own. Only a name longer than KPI_NAME_LINES lines is cut."""
    whole = kpi_text(kpi)
    if text_width(whole, size) <= room:
        return (whole,)
    figures = " ".join(kpi_figures(kpi).split())  # ": 11 / 5 per month"
    first, rest = _first_line(kpi.name, size, room)
    names = (first, *wrap(rest, size, wide, KPI_NAME_LINES - 1)) if rest else (first,)
    if text_width(names[-1] + figures, size) <= (room if len(names) == 1 else wide):
        return (*names[:-1], names[-1] + figures)
    return (*names[:-1], names[-1] + ":", elide(figures.lstrip(": "), size, wide))


def _first_line(text: str, size: float, room: float) -> tuple[str, str]:
    """The words of `text` that fit `room`, and the rest (a word wider than `room` is broken)."""
    words = text.split()
    line = ""
    for k, word in enumerate(words):
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size) > room:
            if line:
                return line, " ".join(words[k:])
            piece = wrap(word, size, room)[0]
            return piece, " ".join([word[len(piece):], *words[k + 1:]])
        line = candidate
    return line, ""


def _trend_row(kpi: KPI, health: str | None, x: float, y: float, inner: float, s: Style, tr: Words,
               lift: bool) -> tuple[TextBlock | None, TextBlock | None, Sparkline | None, str, float]:
    """The line under a KPI with two readings or more: the change's mark and words at the left, the
    sparkline under the bar. The words are the full ones if they fit, else the short ones, else none
    (the header's tooltip, `tip`, always has them). With `lift`, the sparkline reaches up TREND_LIFT.
    Returns (mark, words, sparkline, tip, height)."""
    tip = kpi_record(kpi, tr)
    change = kpi_change(kpi)
    if change is None:
        return None, None, None, tip, 0.0
    size, line_height = s.small_size, s.line_height(s.small_size)
    up = TREND_LIFT if lift else 0.0
    spark_box = Rect(sparkline_left(x, inner, s), y - up, s.kpi_bar_width, line_height + up)
    spark = sparkline(reading_pairs(kpi), spark_box, kpi.target, HEALTH_INKS[health] if health else "muted")
    top = y
    mark = TextBlock(x + TREND_INDENT, top, (change.mark,), size, True, change.ink, line_height)
    words_x = mark.x + text_width(change.mark, size, BOLD) + 3
    room = spark_box.x - TREND_GAP - words_x
    said = next((phrase for phrase in change_phrases(change, tr) if text_width(phrase, size) <= room), None)
    text = None if said is None else TextBlock(words_x, top, (said,), size, False, "muted", line_height)
    return mark, text, spark, tip, line_height + 0.5


def sparkline_left(x: float, inner: float, s: Style) -> float:
    """Where a KPI's sparkline starts: under the bar (or where the bar would be)."""
    return x + inner - KPI_MARK_ROOM - s.kpi_bar_width


def _ends_before(block: TextBlock, s: Style) -> bool:
    """Whether a KPI's text is one line that ends TREND_GAP before its sparkline, which may then reach up
    beside it. A KPI without a bar has its whole header's width: "Abandon: 35% / 0%" may run on above
    the sparkline in a narrow column (print), and the line must not be drawn through its figures."""
    inner = s.column_width - 2 * HEADER_PAD
    end = block.x + text_width(block.lines[0], block.size) if len(block.lines) == 1 else math.inf
    return end + TREND_GAP <= sparkline_left(block.x, inner, s) + 0.01  # (0.01: a text that just fits beside the bar)


def header_tip(help_text: str, kpis: Sequence[KpiLine]) -> str:
    """A stage header's tooltip: what the header is for, then each KPI in full (latest and previous
    reading, the change: what the header may have had no room for)."""
    records = [line.tip for line in kpis if line.tip]
    return "\n\n".join([help_text, "\n".join(records)]) if records else help_text
