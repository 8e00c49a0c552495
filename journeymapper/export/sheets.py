"""The sheets a map prints on: paper sizes, the room a sheet leaves for the map, and how many sheets
and how much scaling a map needs (shared by the PDF and the export dialog's preview)."""

from __future__ import annotations

import re

from reportlab.lib.pagesizes import A0, A1, A2, A3, A4, LEGAL, LETTER, TABLOID

from ..layout.map_layout import MapLayout

PAPERS: dict[str, tuple[float, float]] = {
    "A4": A4, "A3": A3, "A2": A2, "A1": A1, "A0": A0,
    "letter": LETTER, "legal": LEGAL, "tabloid": TABLOID,
}
MARGIN = 24.0  # points: what office printers can reach (a third of an inch)
TITLE_BLOCK = 46.0
LEGEND_WIDTH = 330.0
NARROW_TITLE_BLOCK = TITLE_BLOCK + 34.0
"""On paper too narrow for the title and the legend side by side, the legend goes below the title."""


def title_block_height(paper: tuple[float, float]) -> float:
    return NARROW_TITLE_BLOCK if narrow(paper) else TITLE_BLOCK


def narrow(paper: tuple[float, float]) -> bool:
    return paper[0] - 2 * MARGIN - LEGEND_WIDTH < 560
FOOTER = 18.0
OVERLAP = 18.0  # points of map repeated on neighbouring tiles, to glue them
MIN_TEXT_WARN = 6.0
MIN_TEXT_AUTO = 8.0
MAX_TILES = 8


class ExportError(Exception):
    """An export that cannot be done as asked (a bad option); nothing was written."""


def paper_size(options) -> tuple[float, float]:
    key = next((k for k in PAPERS if k.lower() == options.paper.lower()), None)
    if key is None:
        raise ExportError(f"unknown paper {options.paper!r} (choose from {', '.join(PAPERS)})")
    width, height = PAPERS[key]
    if options.orientation not in ("landscape", "portrait"):
        raise ExportError(f"orientation must be landscape or portrait, not {options.orientation!r}")
    if options.orientation == "landscape":
        width, height = max(width, height), min(width, height)
    else:
        width, height = min(width, height), max(width, height)
    return width, height


def parse_tiles(text: str) -> tuple[int, int] | None:
    """'auto' -> None; 'CxR' -> (C, R)."""
    if text.strip().lower() == "auto":
        return None
    match = re.fullmatch(r"\s*(\d{1,2})\s*[xX×]\s*(\d{1,2})\s*", text)
    if not match or not 1 <= int(match.group(1)) <= MAX_TILES or not 1 <= int(match.group(2)) <= MAX_TILES:
        raise ExportError(
            f"tiles must be 'auto' or columns x rows from 1x1 to {MAX_TILES}x{MAX_TILES}, like 2x2, not {text!r}"
        )
    return int(match.group(1)), int(match.group(2))


def map_area(width: float, height: float) -> tuple[float, float]:
    """Room for the map on one sheet, below the title block and above the footer."""
    return width - 2 * MARGIN, height - 2 * MARGIN - title_block_height((width, height)) - FOOTER


def fit_scale(layout: MapLayout, paper: tuple[float, float], columns: int, rows: int) -> float:
    """How much the map is scaled to fill C x R sheets (tiles overlap by OVERLAP)."""
    area_w, area_h = map_area(*paper)
    total_w = columns * area_w - (columns - 1) * OVERLAP
    total_h = rows * area_h - (rows - 1) * OVERLAP
    return min(total_w / max(layout.width, 1.0), total_h / max(layout.height, 1.0))


def smallest_text(layout: MapLayout) -> float:
    return min(layout.style.small_size, layout.style.title_size, layout.style.lane_title_size)


def choose_tiles(layout: MapLayout, paper: tuple[float, float]) -> tuple[int, int]:
    """The fewest sheets that keep the smallest text at MIN_TEXT_AUTO points or more.

    If no poster we make is that big, the one that prints the text largest, with the fewest sheets:
    a tall map gets a column of sheets, not a square of mostly blank ones (the report warns).
    """
    need = MIN_TEXT_AUTO / smallest_text(layout)
    posters = [(fit_scale(layout, paper, columns, rows), columns, rows)
               for columns in range(1, MAX_TILES + 1) for rows in range(1, MAX_TILES + 1)]
    fitting = [(columns * rows, abs(columns - rows), columns, rows)
               for scale, columns, rows in posters if scale >= need]
    if fitting:
        _, _, columns, rows = min(fitting)
        return columns, rows
    largest = max(scale for scale, _, _ in posters)
    _, _, columns, rows = min((columns * rows, abs(columns - rows), columns, rows)
                              for scale, columns, rows in posters if scale >= largest * (1 - 1e-9))
    return columns, rows
