"""The sheets a map prints on: paper sizes, the room a sheet leaves for the map, and how many sheets
and how much scaling a map needs (shared by the PDF and the export dialog's preview)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..i18n import _, words
from ..layout.labels import CHANNEL_LABELS
from ..layout.map_layout import MapLayout, layout_map
from ..layout.style import Style
from ..layout.text import shows_whole
from ..model.schema import Map
from .paper import MIN_TEXT_AUTO, ORIENTATIONS, PAPERS

MARGIN = 24.0  # points: what office printers can reach (a third of an inch)
TITLE_BLOCK = 46.0
LEGEND_WIDTH = 560.0
LEGEND_HEIGHT = 40.0
"""What the legend takes below its top (three rows of 7 pt words and signs)."""
NARROW_TITLE_BLOCK = TITLE_BLOCK + 42.0
"""On paper too narrow for the title and the legend side by side, the legend goes below the title."""


TITLE_GROWS_TO = 4.0
"""The most the title block and legend grow with a map printed larger than on screen."""


def title_scale(scale: float, paper: tuple[float, float] | None = None) -> float:
    """How much the title block and legend grow: with the map, when it prints larger than on screen
    (so the title stays larger than the cards on a wall poster), and never wider than the sheet (on
    narrow paper the legend shrinks a little to fit)."""
    block = min(TITLE_GROWS_TO, max(1.0, scale))
    if paper is not None:
        block = min(block, (paper[0] - 2 * MARGIN) / LEGEND_WIDTH)
    return block


def title_block_height(paper: tuple[float, float], block: float = 1.0) -> float:
    """The title block's height on a sheet, with title and legend grown `block` times."""
    return (NARROW_TITLE_BLOCK if narrow(paper, block) else TITLE_BLOCK) * block


def narrow(paper: tuple[float, float], block: float = 1.0) -> bool:
    """Whether the sheet is too narrow for the title and the legend side by side."""
    return paper[0] - 2 * MARGIN - LEGEND_WIDTH * block < 560 * block


FOOTER = 18.0
OVERLAP = 18.0  # points of map repeated on neighbouring tiles, to glue them
MIN_TEXT_WARN = 6.0
MAX_TILES = 8


class ExportError(Exception):
    """An export that cannot be done as asked (a bad option); nothing was written."""


def paper_size(options) -> tuple[float, float]:
    """The sheet of `options.paper` in `options.orientation` (auto counts as landscape here: the
    plan picks)."""
    return paper_of(options.paper, options.orientation)


def paper_of(paper: str, orientation: str) -> tuple[float, float]:
    key = next((k for k in PAPERS if k.lower() == paper.lower()), None)
    if key is None:
        raise ExportError(_("unknown paper {paper} (choose from {papers})").format(paper=repr(paper),
                                                                                  papers=", ".join(PAPERS)))
    width, height = PAPERS[key]
    if orientation not in ORIENTATIONS:
        raise ExportError(_("orientation must be auto, landscape or portrait, not {orientation}").format(
            orientation=repr(orientation)))
    if orientation != "portrait":
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
        raise ExportError(_("tiles must be 'auto' or columns x rows from 1x1 to {most}, like 2x2, not {text}").format(
            most=f"{MAX_TILES}x{MAX_TILES}", text=repr(text)))
    return int(match.group(1)), int(match.group(2))


def map_area(width: float, height: float, block: float = 1.0) -> tuple[float, float]:
    """Room for the map on one sheet, below the title block (grown `block` times) and above the footer."""
    return width - 2 * MARGIN, height - 2 * MARGIN - title_block_height((width, height), block) - FOOTER


def fit_scale(layout: MapLayout, paper: tuple[float, float], columns: int, rows: int, block: float = 1.0) -> float:
    """How much the map is scaled to fill C x R sheets (tiles overlap by OVERLAP)."""
    area_w, area_h = map_area(*paper, block)
    total_w = columns * area_w - (columns - 1) * OVERLAP
    total_h = rows * area_h - (rows - 1) * OVERLAP
    return min(total_w / max(layout.width, 1.0), total_h / max(layout.height, 1.0))


def smallest_text(layout: MapLayout) -> float:
    return smallest_text_of(layout.style)


def smallest_text_of(style: Style) -> float:
    """The smallest text size the map's style uses, in layout points."""
    return min(style.small_size, style.title_size, style.lane_title_size)


def choose_tiles(layout: MapLayout, paper: tuple[float, float], text_size: float = MIN_TEXT_AUTO) -> tuple[int, int]:
    """The fewest sheets that keep the smallest text at `text_size` points or more.

    If no poster we make is that big, the one that prints the text largest, with the fewest sheets:
    a tall map gets a column of sheets, not a square of mostly blank ones (the report warns).
    """
    need = text_size / smallest_text(layout)
    posters = [(grown_scale(layout, paper, columns, rows)[0], columns, rows)
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


COLUMN_WIDTHS = (150.0, 180.0, 210.0, 280.0, 330.0)
"""Stage column widths tried besides the screen's, so that the map takes the sheet's shape: narrower
columns make a wide map taller (titles wrap more), wider ones a tall map wider."""
FIT_CARDS_UP_TO = 600
"""Maps with more cards print with the screen's columns (each trial is a whole layout)."""
PRINT_TITLE_LINES = 5
"""A card's title on paper may take this many lines (3 on screen): less is cut, less goes to the details."""
PRINT_LIST_LINES = 3
"""And a pain point or an opportunity this many (2 on screen)."""
KEEP_SCREEN_WITHIN = 0.03
SEAM_ROOM = 1.05
"""An auto poster's sheets are chosen for text this much larger than asked: room to move its seams onto
the map's grid lines without printing smaller than asked."""
"""The screen's column width is kept unless another prints the text this much larger."""


@dataclass(frozen=True)
class SheetPlan:
    layout: MapLayout
    paper: tuple[float, float]
    orientation: str
    columns: int
    rows: int
    scale: float
    block: float = 1.0
    """How much the title block and legend grow (`title_scale`)."""
    seams: tuple[tuple[float, ...], tuple[float, ...]] = ((), ())
    """Where each sheet after the first starts in the room, across and down (`place_seams`); empty:
    evenly, a sheet less the overlap apart."""

    @property
    def room(self) -> tuple[float, float]:
        """The room all sheets give the map together (overlaps counted once)."""
        area_w, area_h = map_area(*self.paper, self.block)
        return (self.columns * area_w - (self.columns - 1) * OVERLAP,
                self.rows * area_h - (self.rows - 1) * OVERLAP)

    pinned: tuple[bool, bool] = (False, False)
    """Across and down: whether the map starts at the room's edge instead of centred (so that a
    poster's seams can fall on grid lines)."""

    @property
    def offset(self) -> tuple[float, float]:
        """Where the map starts in that room: centred in what it leaves (unless `pinned`)."""
        room_w, room_h = self.room
        return (0.0 if self.pinned[0] else max(0.0, room_w - self.layout.width * self.scale) / 2,
                0.0 if self.pinned[1] else max(0.0, room_h - self.layout.height * self.scale) / 2)

    def sheet_origin(self, column: int, row: int) -> tuple[float, float]:
        """Where a sheet's part of the room starts (sheets overlap by OVERLAP, to be glued)."""
        area_w, area_h = map_area(*self.paper, self.block)
        across, down = self.seams
        x = across[column - 1] if across and column else column * (area_w - OVERLAP)
        y = down[row - 1] if down and row else row * (area_h - OVERLAP)
        return x, y

    def sheet_extent(self, column: int, row: int) -> tuple[float, float]:
        """How much of its area a sheet fills: up to where the next sheet's part starts, plus the
        overlap glued under it (all of it for the last sheet of a row or column)."""
        area_w, area_h = map_area(*self.paper, self.block)
        x, y = self.sheet_origin(column, row)
        w = self.sheet_origin(column + 1, row)[0] - x + OVERLAP if column < self.columns - 1 else area_w
        h = self.sheet_origin(column, row + 1)[1] - y + OVERLAP if row < self.rows - 1 else area_h
        return min(w, area_w), min(h, area_h)

    def used(self, column: int, row: int) -> bool:
        """Whether a sheet shows any of the map beyond its overlap with its neighbours (blank ones
        are not printed)."""
        x, y = self.sheet_origin(column, row)
        area_w, area_h = self.sheet_extent(column, row)
        ox, oy = self.offset
        map_w, map_h = self.layout.width * self.scale, self.layout.height * self.scale
        across = min(x + area_w, ox + map_w) - max(x, ox)
        down = min(y + area_h, oy + map_h) - max(y, oy)
        return across > OVERLAP and down > OVERLAP

    @property
    def sheets(self) -> list[tuple[int, int]]:
        """(column, row) of each sheet printed, row by row."""
        return [(column, row) for row in range(self.rows) for column in range(self.columns)
                if self.columns * self.rows == 1 or self.used(column, row)]

    @property
    def fill(self) -> float:
        """The share of the room the map covers."""
        room_w, room_h = self.room
        return min(1.0, self.layout.width * self.scale * self.layout.height * self.scale / (room_w * room_h))


def plan_sheets(the_map: Map | None, paper: str, orientation: str, tiles: str, style: Style,
                previous: MapLayout | None = None, current: MapLayout | None = None,
                text_size: float = MIN_TEXT_AUTO) -> SheetPlan:
    """How the map goes on paper: the orientation (when "auto") and stage column width that print it
    largest, and the sheets (`tiles`: "1x1", "CxR" or "auto", as `choose_tiles`).

    `previous`: a layout made before, reused where the map did not change; `current`: the map's
    layout in `style`, as it is now (nothing to lay out again for the screen's columns; with no map,
    only those are tried)."""
    requested = parse_tiles(tiles)
    orientations = ("landscape", "portrait") if orientation == "auto" else (orientation,)

    def rank(plan: SheetPlan) -> tuple[int, float]:
        return plan.columns * plan.rows, -plan.scale

    def plans_for(layout: MapLayout) -> list[SheetPlan]:
        found = []
        for turn in orientations:
            sheet = paper_of(paper, turn)
            columns, rows = requested if requested is not None else choose_tiles(layout, sheet, text_size * SEAM_ROOM)
            found.append(SheetPlan(layout, sheet, turn, columns, rows, grown_scale(layout, sheet, columns, rows)[0]))
        return found

    fits = the_map is not None and len(the_map.touchpoints) <= FIT_CARDS_UP_TO
    if fits:  # (laid out for paper: cards and lists show more of their text than on screen)
        assert the_map is not None
        style = replace(style, card_title_lines=max(style.card_title_lines, PRINT_TITLE_LINES),
                        list_item_lines=max(style.list_item_lines, PRINT_LIST_LINES))
        current = layout_map(the_map, style)
    elif current is None:
        assert the_map is not None, "a map, or its current layout"
        current = layout_map(the_map, style, previous)
    plans = plans_for(current)
    if fits:
        assert the_map is not None
        # Other columns, in the direction that helps: narrower when the map is too wide for its room
        # (it grows taller), wider when too tall; as long as the map prints larger. None may cut a name
        # or a title the screen's columns show whole.
        first = min(plans, key=rank)
        room_w, room_h = first.room
        narrower = current.width / max(current.height, 1.0) > room_w / room_h
        widths = sorted((w for w in COLUMN_WIDTHS if (w < style.column_width) == narrower), reverse=narrower)
        if requested is None:  # (an auto poster's sheets change with the columns: each way may help)
            widths = sorted(COLUMN_WIDTHS, key=lambda w: abs(w - style.column_width))
        screen_cuts = _cut_texts(the_map, current)
        for width in widths:
            layout = layout_map(the_map, replace(style, column_width=width))
            if _cut_texts(the_map, layout) > screen_cuts:
                if requested is None:
                    continue
                break
            tried = plans_for(layout)
            if requested is not None and rank(min(tried, key=rank)) >= rank(min(plans, key=rank)):
                break  # (no larger on these sheets: further that way will not be either)
            plans += tried

    best = min(plans, key=rank)
    screen = [plan for plan in plans if plan.layout.style.column_width == style.column_width
              and plan.columns * plan.rows == best.columns * best.rows]
    if screen:
        kept = min(screen, key=rank)
        if kept.scale >= best.scale * (1 - KEEP_SCREEN_WITHIN):
            best = kept
    # (an auto poster keeps the text size asked for while its seams are placed: its sheets were chosen
    # for a little more, SEAM_ROOM, so that they can move onto grid lines)
    floor = 0.0 if requested is not None else text_size / smallest_text(best.layout)
    placed = _with_title_grown(best, floor)
    if requested is None and any(_seams_missing(placed)):
        # An auto poster whose seams would cut through names and cards may take a column or a row of
        # sheets more (the map keeps its size: the sheets are room for the seams), if that is at most
        # half as much paper again; else it stays as it was.
        sheets = placed.columns * placed.rows
        for more_columns, more_rows in ((1, 0), (0, 1), (1, 1)):
            columns, rows = placed.columns + more_columns, placed.rows + more_rows
            if columns > MAX_TILES or rows > MAX_TILES or columns * rows > 1.5 * sheets:
                continue
            roomier = place_seams(replace(placed, columns=columns, rows=rows, seams=((), ())), floor)
            if not any(_seams_missing(roomier)):
                placed = roomier
                break
    return placed


def _seams_missing(plan: SheetPlan) -> tuple[int, int]:
    """(1 if the columns' seams could not be put on grid lines, same for the rows)."""
    return (int(plan.columns > 1 and not plan.seams[0]), int(plan.rows > 1 and not plan.seams[1]))


def _with_title_grown(plan: SheetPlan, floor: float = 0.0) -> SheetPlan:
    """The plan with its title block grown with the map (`title_scale`), the map scaled to the room left,
    and its seams placed (`place_seams`)."""
    scale, block = grown_scale(plan.layout, plan.paper, plan.columns, plan.rows)
    if block != 1.0:
        plan = replace(plan, block=block, scale=scale)
    return place_seams(plan, floor)


SEAM_SHRINK = (1.0, 0.99, 0.98, 0.97, 0.96, 0.95, 0.93, 0.91, 0.89, 0.87, 0.85)
"""How much smaller a poster may print so that its seams fall on the map's grid lines (an auto poster
no smaller than its text size asks: it takes a sheet more instead)."""


def place_seams(plan: SheetPlan, floor: float = 0.0) -> SheetPlan:
    """Seams where the map has grid lines (between stage columns, lanes and rows), not through
    names and cards, where the sheets still reach the map's end (the map may print up to 15 %
    smaller for it, but not below `floor`); else evenly spaced."""
    if (plan.columns, plan.rows) == (1, 1):
        return plan
    wanted = (plan.columns > 1) + (plan.rows > 1)
    best = plan
    for shrink in SEAM_SHRINK:
        if shrink < 1.0 and plan.scale * shrink < floor:
            break
        placed = _seams_at(replace(plan, scale=plan.scale * shrink))
        found = bool(placed.seams[0]) + bool(placed.seams[1])
        if found == wanted:
            return placed
        if found > bool(best.seams[0]) + bool(best.seams[1]):
            best = placed
    return best


def _seams_at(plan: SheetPlan) -> SheetPlan:
    """Seams on grid lines with the map centred; on an axis where they cannot be, with the map at the
    room's start (the room centring left is then at the end, where the seams need none of it)."""
    layout, scale = plan.layout, plan.scale
    area_w, area_h = map_area(*plan.paper, plan.block)
    across_lines = [x * scale for x in (0.0, *layout.column_edges)]
    down_lines = [y * scale for y in (0.0, layout.header_height)]
    for lane in layout.lanes.values():
        down_lines += [(lane.y + row.rect.y) * scale for row in lane.rows]
        down_lines.append((lane.y + lane.height) * scale)
    centred = replace(plan, pinned=(False, False))
    seams, pinned = [], []
    for axis, (lines, count, area, size) in enumerate(((across_lines, plan.columns, area_w, layout.width * scale),
                                                       (down_lines, plan.rows, area_h, layout.height * scale))):
        start = centred.offset[axis]
        found = _seams(sorted(start + line for line in lines), count, area, start + size)
        if not found and start > 0:
            found = _seams(sorted(lines), count, area, size)
            pinned.append(bool(found))
        else:
            pinned.append(False)
        seams.append(found)
    return replace(plan, seams=(seams[0], seams[1]), pinned=(pinned[0], pinned[1]))


def _seams(lines: list[float], sheets: int, area: float, end: float) -> tuple[float, ...]:
    """Where sheets 2.. start: each sheet's part ends (its glued overlap aside) on the last grid line
    it can reach, if that is past the middle of the sheet; () when the sheets then fall short."""
    if sheets == 1:
        return ()
    starts: list[float] = []
    start = 0.0
    for _ in range(sheets - 1):
        reach = start + area - OVERLAP  # where this sheet's own part can end at most
        fitting = [line for line in lines if start + (area - OVERLAP) / 2 < line <= reach]
        seam = fitting[-1] if fitting else reach
        starts.append(seam)
        start = seam
    return tuple(starts) if start + area >= end else ()


def grown_scale(layout: MapLayout, paper: tuple[float, float], columns: int, rows: int) -> tuple[float, float]:
    """The map's scale on C x R sheets once the title block has grown with it, and that growth."""
    scale = fit_scale(layout, paper, columns, rows)
    block = title_scale(scale, paper)
    if block == 1.0:
        return scale, 1.0
    scale = fit_scale(layout, paper, columns, rows, block)
    block = min(block, title_scale(scale, paper))  # (the map got smaller: the title grows no more than it)
    return fit_scale(layout, paper, columns, rows, block), block


def _cut_texts(the_map: Map, layout: MapLayout) -> int:
    """How many stage names, card titles and channel names the layout cuts short."""
    cuts = sum(not shows_whole(stage.name, layout.stages[stage.id].name.lines)
               for stage in the_map.stages if stage.id in layout.stages)
    cards = layout.cards
    tr = words(layout.style.language)
    channels = {channel: tr(label) for channel, label in CHANNEL_LABELS.items()}
    return cuts + sum(not shows_whole(t.title, cards[t.id].title.lines)
                      + (t.channel in channels and cards[t.id].channel_label != channels[t.channel])
                      for t in the_map.touchpoints if t.id in cards)
