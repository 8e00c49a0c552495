"""What the headers say: each stage's name, goal and KPIs (with their health as a bar and a sign), each
lane's persona, and the names of its rows. Laid out in the map's points, as the rest (`map_layout`)."""

from __future__ import annotations

from collections.abc import Sequence

from ..i18n import Words
from ..model.schema import Persona, Stage
from .elements import KpiLine, LaneBox, LaneRow, TextBlock
from .geometry import Rect
from .kpis import HEALTH_INKS, HEALTH_MARKS, KPI_MARK_ROOM, kpi_figures, kpi_health, kpi_text
from .labels import ROW_LABELS
from .style import Style
from .text import BOLD, elide, text_width, wrap

HEADER_PAD = 7.0
LETTER_ROOM = 16.0
"""Kept free at the right of a stage's name: the stage's letter ("B") in print."""


def stage_headers(stages: Sequence[Stage], edges: Sequence[float], s: Style
                  ) -> tuple[float, list[tuple[TextBlock, TextBlock | None, tuple[KpiLine, ...]]]]:
    """Each stage header's name, goal and KPI lines, and the height of the tallest header."""
    pad = HEADER_PAD
    inner = s.column_width - 2 * pad
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
            block = TextBlock(x, y, (_kpi_line(kpi, s.small_size, text_room),), s.small_size, False, "text",
                              line_height)
            bar = mark = None
            if has_bar:
                bar = Rect(x + inner - KPI_MARK_ROOM - s.kpi_bar_width, y + 2.5, s.kpi_bar_width, 4.0)
                mark = TextBlock(x + inner - KPI_MARK_ROOM + 2, y, (HEALTH_MARKS[health],), s.small_size, True,
                                 HEALTH_INKS[health], line_height)
            kpis.append(KpiLine(block, bar, ratio, health, mark))
            y += block.height + 0.5
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


def _kpi_line(kpi, size: float, room: float) -> str:
    """A KPI's line in `room`: when it is too long its name is cut, never its figures."""
    whole = kpi_text(kpi)
    if text_width(whole, size) <= room:
        return whole
    figures = " ".join(kpi_figures(kpi).split())
    name_room = room - text_width(figures, size)
    if name_room < text_width("MM\u2026", size):
        return elide(whole, size, room)
    return elide(kpi.name, size, name_room) + figures
