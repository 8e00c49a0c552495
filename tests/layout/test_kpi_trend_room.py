"""A KPI's sparkline never runs over text, in every column width print may choose (150–330 pt): with or
without a target, with or without a bar, with short and long names. A KPI without a bar has the whole
header's width for its words, so its figures may end above the sparkline ("Abandon: 35% / 0%")."""

from __future__ import annotations

from dataclasses import replace

import pytest

from journeymapper.export.sheets import COLUMN_WIDTHS
from journeymapper.layout.elements import TextBlock
from journeymapper.layout.geometry import Rect
from journeymapper.layout.map_layout import layout_map
from journeymapper.layout.style import DEFAULT_STYLE
from journeymapper.layout.text import BOLD, REGULAR, text_width
from journeymapper.model.schema import KPI, Map

NAMES = ("Abandon", "Abandoned bookings", "Customers who come back within six months of their first visit",
         "Kundenzufriedenheit nach dem Kauf", "予約の放棄率")
TARGETS = (None, 0, 20, 45)  # no target, target 0: no bar; else a bar
WIDTHS = sorted({*range(150, 331, 15), *(int(w) for w in COLUMN_WIDTHS)})


def kpi(name: str, target: float | None, values: tuple[float, ...] = (40, 35), unit: str = "%") -> KPI:
    days = [f"2026-{month:02d}-01" for month in range(13 - len(values), 13)]
    return KPI(id="k", name=name, unit=unit, direction="lower", target=target,
               readings=[{"date": day, "value": value} for day, value in zip(days, values)])


def stage_map(kpis: list[KPI], goal: str = "") -> Map:
    return Map.model_validate({
        "id": "m", "title": "KPIs", "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z",
        "personas": [{"id": "p", "name": "P"}],
        "stages": [{"id": "s", "name": "Booking", "goal": goal,
                    "kpis": [k.model_dump() | {"id": f"k{n}"} for n, k in enumerate(kpis)]}],
    })


def box_of(block: TextBlock) -> Rect:
    """Where a block's words are: as wide as its widest line, as tall as its lines."""
    font = BOLD if block.bold else REGULAR
    width = max(text_width(line, block.size, font) for line in block.lines)
    return Rect(block.x, block.y, width, block.height)


def overlaps(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def header_blocks(stage) -> list[TextBlock]:
    blocks = [stage.name, stage.goal]
    for line in stage.kpis:
        blocks += [line.text, line.mark, line.change_mark, line.change]
    return [block for block in blocks if block is not None and block.lines]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_sparkline_runs_over_any_text_of_its_header(width):
    style = replace(DEFAULT_STYLE, column_width=float(width))
    checked = 0
    for name in NAMES:
        for target in TARGETS:
            # Two KPIs, so the sparkline of the first is also checked against the words of the next.
            kpis = [kpi(name, target), kpi("Conversion", 10, (3, 2, 2.5))]
            stage = layout_map(stage_map(kpis, goal="Book without calling us"), style).stages["s"]
            blocks = header_blocks(stage)
            assert (stage.kpis[0].bar is not None) == (target not in (None, 0))
            for line in stage.kpis:
                assert line.trend is not None
                for block in blocks:
                    assert not overlaps(line.trend.box, box_of(block)), (width, name, target, block.lines)
                if line.bar is not None:  # (the sparkline under the bar, not over it)
                    assert line.trend.box.y >= line.bar.bottom
                checked += 1
    assert checked == len(NAMES) * len(TARGETS) * 2


def test_a_kpi_with_a_bar_and_one_short_line_keeps_its_sparkline_lifted_beside_nothing():
    """The lift into the gap under the bar stays where it is free: the trend line is then no taller than
    a line of text (the map stays as compact as before)."""
    style = replace(DEFAULT_STYLE, column_width=244.0)
    line = layout_map(stage_map([kpi("Abandon", 20)]), style).stages["s"].kpis[0]
    assert line.trend.box.y < line.text.y + line.text.height
    assert line.trend.box.x > line.text.x + text_width(line.text.lines[0], line.text.size)
