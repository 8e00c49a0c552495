"""Lay out a whole journey map: one grid of stage columns and persona lanes.

The grid's top-left corner is (0, 0). Columns: a lane header column, then one
column per stage. Rows: the stage headers, then per persona the rows of
`ROW_KINDS` (cards, emotion curve, pain points, opportunities). A row is as
tall as its fullest cell, so every card and list item has its own room.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import lru_cache

from ..i18n import words
from ..i18n.formats import current_locale
from ..model.schema import Flow, Map, Persona, Stage, Touchpoint
from . import card_look
from .elements import (
    CardBox,
    CellBox,
    CurveBox,
    FlowPath,
    KpiLine,
    LaneBox,
    LaneRow,
    ListItem,
    StageBox,
    TextBlock,
)
from .flow_labels import BAND_LABEL_WIDTH, label_pill
from .flow_placement import FlowInputs, FlowState, place_flows
from .flow_plan import FlowPlan, plan_flows
from .flows import gap_width_needed, label_gap, label_room
from .geometry import Point, Rect, new_tuple, smooth_path
from .headers import lane_box, row_box, stage_headers
from .labels import CHANNEL_LABELS
from .room import band_room, row_room, slot_room
from .style import DEFAULT_STYLE, Style
from .text import elide, text_width, wrap

ROW_KINDS = ("cards", "emotion", "pains", "opportunities")

CARD_PAD = 6.0
CHIP_ICON = 8.0
"""The channel icon at the left of a card's channel chip."""
CURVE_INSET = 10.0
"""Room above +2 and below -2 in the emotion row."""
CHIP_HEIGHT = 12.0
BAND_CLEARANCE = 2.5
"""From the lowest card of a lane to the top of the band where routed flows run."""
BAND_END = 2.0
"""From the band's last track to the end of the cards row."""


@dataclass(frozen=True)
class MapLayout:
    width: float
    height: float
    header_height: float
    stages: dict[str, StageBox] = field(default_factory=dict)
    lanes: dict[str, LaneBox] = field(default_factory=dict)
    cards: dict[str, CardBox] = field(default_factory=dict)
    cells: dict[tuple[str, str], CellBox] = field(default_factory=dict)
    curves: dict[str, CurveBox] = field(default_factory=dict)
    lists: dict[tuple[str, str, str], tuple[ListItem, ...]] = field(default_factory=dict)
    """(persona, stage, 'pains' | 'opportunities') -> items."""
    flows: dict[str, FlowPath] = field(default_factory=dict)
    style: Style = DEFAULT_STYLE
    sources: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
    """Card and flow id -> the model element it was laid out from (reuse on the next layout)."""
    column_edges: tuple[float, ...] = ()
    """Where each stage column begins, then where the last one ends (see `_Builder.column_edges`)."""

    @property
    def bounds(self) -> Rect:
        return Rect(0.0, 0.0, self.width, self.height)

    def lane_at(self, y: float) -> LaneBox | None:
        for lane in self.lanes.values():
            if lane.y <= y < lane.y + lane.height:
                return lane
        return None

    def cell_at(self, x: float, y: float) -> CellBox | None:
        """The cards cell under a point of the map (a drop target), if any."""
        lane = self.lane_at(y)
        if lane is None:
            return None
        for stage in self.stages:
            cell = self.cells[(lane.id, stage)]
            if cell.rect.contains(x, y - lane.y):
                return cell
        return None

    def card_rect(self, card_id: str) -> Rect:
        """A card's rectangle in map coordinates."""
        card = self.cards[card_id]
        return card.rect.moved(0.0, self.lanes[card.persona].y)

    def stage_slot_at(self, x: float) -> int:
        """Where a dragged column would go: the index among the stages for this x (the nearest edge)."""
        edges = self.column_edges[: len(self.stages) + 1]
        return min(range(len(edges)), key=lambda k: abs(x - edges[k])) if edges else 0

    def lane_slot_at(self, y: float) -> int:
        """Where a dragged lane would go: the index among the personas for this y."""
        for index, lane in enumerate(self.lanes.values()):
            if y < lane.y + lane.height / 2:
                return index
        return len(self.lanes)

    def card_slot_at(self, persona: str, stage: str, lane_y: float, ignoring: Collection[str] = ()) -> int:
        """The position in a cell where a card dropped at `lane_y` (lane coordinates) lands,
        counting only the cards not in `ignoring` (those being dragged)."""
        position = 0
        for card in self.cards_in(persona, stage):
            if card.id in ignoring:
                continue
            if lane_y < card.rect.cy:
                return position
            position += 1
        return position

    def cards_in_lane(self, persona: str) -> list[CardBox]:
        """The cards of one lane, column by column."""
        return [card for stage in self.stages for card in self.cards_in(persona, stage)]

    def cards_in(self, persona: str, stage: str) -> list[CardBox]:
        """The cards of one cell, in order."""
        by_cell = self.__dict__.get("_by_cell")
        if by_cell is None:
            by_cell = {}
            for card in self.cards.values():  # cards are laid out cell by cell, in order
                by_cell.setdefault((card.persona, card.stage), []).append(card)
            object.__setattr__(self, "_by_cell", by_cell)
        return list(by_cell.get((persona, stage), ()))


class _Builder:
    def __init__(self, the_map: Map, style: Style, previous: MapLayout | None) -> None:
        self.map = the_map
        self.style = style
        # (figures and dates are written in the current locale: the print's may differ from the screen's)
        reuse = previous is not None and previous.style == style and previous.sources.get("formats") == current_locale()
        self.previous = previous if reuse else None
        self.sources: dict[str, object] = {"formats": current_locale()}
        self.stage_index = {s.id: i for i, s in enumerate(the_map.stages)}
        self.cells: dict[tuple[str, str], list[Touchpoint]] = {}
        for t in the_map.touchpoints:
            self.cells.setdefault((t.persona, t.stage), []).append(t)
        # Sizes every card uses, worked out once: a big map has thousands of cards.
        self.words = words(style.language)
        self._title_width = style.card_width - style.card_bar - 2 * CARD_PAD - style.icon_size - 4
        self._title_line = style.line_height(style.title_size)
        self._chips: dict[str, tuple[str, float]] = {}
        labelled = [f for f in the_map.flows if f.label and not f.label.isspace()]
        self.labelled = bool(labelled)
        """Whether any flow has a label (labels are then moved apart when the flows are placed)."""
        old_plan = self.previous.sources.get("plan") if self.previous is not None else None
        self.plan = plan_flows(the_map, self.stage_index, _label_height(style),
                               old_plan if isinstance(old_plan, FlowPlan) else None)
        self.sources["plan"] = self.plan
        """Which way each flow goes around the cards (`flow_plan`): the gaps and bands it needs."""
        self.edges = self.column_edges(labelled)

    # -- sizes -------------------------------------------------------------
    def card_title(self, t: Touchpoint) -> tuple[str, ...]:
        s = self.style
        return wrap(t.title, s.title_size, self._title_width, s.card_title_lines, "DejaVuSans-Bold")

    def card_height(self, lines: int) -> float:
        s = self.style
        height = CARD_PAD + lines * self._title_line + 6 + CHIP_HEIGHT + CARD_PAD
        return max(s.card_min_height, height)

    def list_size(self) -> float:
        return self.style.small_size

    def list_lines(self, text: str) -> tuple[str, ...]:
        s = self.style
        return wrap(text, self.list_size(), s.column_width - 2 * s.cell_padding - 12, s.list_item_lines)

    def column_edges(self, labelled: list[Flow]) -> tuple[float, ...]:
        """Where each stage column begins, then where the last one ends.

        A column is `column_width` wide, and wider when the gap to its right must hold more: the
        vertical runs of routed flows, each at a slot of its own (`flow_plan`), or a flow's label,
        which then covers no card (`flows.label_gap` says which gap holds a label).
        """
        s = self.style
        count = max(1, len(self.map.stages))
        extra = [0.0] * count
        loop_gaps = self.plan.loop_gaps

        def base(gap: int) -> float:  # a gap is two paddings wide; the one after the last column, one
            return s.cell_padding * (2 if gap < count - 1 else 1)

        for gap, slots in self.plan.slots.items():
            if gap < count:
                extra[gap] = max(extra[gap], gap_width_needed(slot_room(slots), gap in loop_gaps) - base(gap))
        for gap in loop_gaps:  # loops to their own cards reach into the gap
            if gap < count:
                extra[gap] = max(extra[gap], gap_width_needed(0, True) - base(gap))
        if labelled:
            routes, ends = self.plan.routes, self.plan.ends
            for f in labelled:
                plan = routes.get(f.id)
                if plan is None:
                    continue  # (its cards are not laid out)
                _, pill = label_pill(f.label, s.small_size)
                gap = label_gap(plan, ends[f.id].source.column)
                if gap is not None and gap < count:
                    room = slot_room(self.plan.slots.get(gap, 0))
                    extra[gap] = max(extra[gap], label_room(pill, room, gap in loop_gaps) - base(gap))
        edges = [s.lane_header_width]
        for column in range(count):
            edges.append(edges[-1] + s.column_width + extra[column])
        return tuple(edges)

    # -- the whole map ------------------------------------------------------
    def build(self) -> MapLayout:
        s = self.style
        stages = self.map.stages
        left = s.lane_header_width
        edges = self.edges
        width = edges[-1]
        header_height, stage_parts = self.stage_headers()

        lanes: dict[str, LaneBox] = {}
        cards: dict[str, CardBox] = {}
        cells: dict[tuple[str, str], CellBox] = {}
        curves: dict[str, CurveBox] = {}
        lists: dict[tuple[str, str, str], tuple[ListItem, ...]] = {}
        band_top: dict[str, float] = {}
        stage_ids = tuple(stage.id for stage in stages)
        previous = self.previous
        top = header_height
        for lane_index, persona in enumerate(self.map.personas):
            # Everything in a lane is in lane coordinates: y = 0 is the lane's top.
            lane_cells = [self.cells.get((persona.id, stage_id), ()) for stage_id in stage_ids]
            # A lane's cards, curve and lists depend only on its cards (the very objects, in order),
            # its colour and the stages: when those are as before, the whole lane is reused.
            band = band_room(self.plan.band.get(persona.id, 0.0))
            signature = (persona.color, stage_ids, edges, band, tuple(t for cell in lane_cells for t in cell))
            self.sources[f"lane:{persona.id}"] = signature
            old_lane = previous.lanes.get(persona.id) if previous else None
            same = old_lane is not None and _same_signature(previous.sources.get(f"lane:{persona.id}"), signature)
            if same:
                row_height = self.reuse_lane_cards(persona.id, stage_ids, lane_cells, cards, cells)
                rows: list[LaneRow] = [old_lane.rows[0]]
            else:
                row_height = self.place_lane_cards(persona, stages, lane_cells, cards, cells, band)
                rows = [self.row("cards", Rect(left, 0.0, width - left, row_height))]
            # The band under the cards, where routed flows run on their tracks, ends BAND_END above the row's end.
            band_top[persona.id] = row_height - BAND_END - band
            y = row_height
            emotion_rect = Rect(left, y, width - left, s.curve_row_height)
            rows.append(old_lane.rows[1] if same else self.row("emotion", emotion_rect))
            curves[persona.id] = previous.curves[persona.id] if same else self.curve(persona, emotion_rect)
            y += s.curve_row_height
            for kind in ("pains", "opportunities"):
                if same:
                    old_row = old_lane.row(kind)
                    rows.append(old_row)
                    for stage_id in stage_ids:
                        key = (persona.id, stage_id, kind)
                        lists[key] = previous.lists[key]
                    y += old_row.rect.h
                    continue
                row_lists = {stage.id: self.list_items(persona, stage, kind, left, y) for stage in stages}
                tallest = max((self.list_height(items) for items in row_lists.values()), default=0.0)
                height = max(s.list_row_min_height, tallest)
                for stage_id, (items, _) in row_lists.items():
                    lists[(persona.id, stage_id, kind)] = items
                rows.append(self.row(kind, Rect(left, y, width - left, height)))
                y += height
            lanes[persona.id] = self.lane(persona, lane_index, top, width, y, tuple(rows))
            top += y

        height = max(top, header_height + s.empty_cards_row_height)
        stage_boxes = {
            stage.id: StageBox(
                stage.id,
                index,
                Rect(edges[index], 0.0, edges[index + 1] - edges[index], header_height),
                Rect(edges[index], 0.0, edges[index + 1] - edges[index], height),
                *stage_parts[index],
            )
            for index, stage in enumerate(stages)
        }
        flows = self.flows(cards, lanes, band_top)
        return MapLayout(
            width, height, header_height, stage_boxes, lanes, cards, cells, curves, lists, flows, s, self.sources,
            edges
        )

    def reuse_lane_cards(self, persona_id: str, stage_ids: tuple[str, ...], lane_cells: list,
                         cards: dict[str, CardBox], cells: dict[tuple[str, str], CellBox]) -> float:
        """Take an unchanged lane's card boxes and cells from the previous layout; returns its row height."""
        previous = self.previous
        old_cards, sources = previous.cards, self.sources
        for stage_id, cell in zip(stage_ids, lane_cells):
            cells[(persona_id, stage_id)] = previous.cells[(persona_id, stage_id)]
            for t in cell:
                cards[t.id] = old_cards[t.id]
                sources[t.id] = t
        return previous.lanes[persona_id].rows[0].rect.h

    def place_lane_cards(self, persona: Persona, stages: list[Stage], lane_cells: list,
                         cards: dict[str, CardBox], cells: dict[tuple[str, str], CellBox], band: float = 0.0) -> float:
        """Stack each cell's cards; the cards row is as tall as the fullest cell, and then as the band
        under it (`band` deep) where routed flows run. Returns its height."""
        s = self.style
        reuse = self.reused_card if self.previous is not None else None
        measured, card, sources, edges = self.measured, self.card, self.sources, self.edges
        card_width, gap, pad = s.card_width, s.card_gap, s.cell_padding
        row_height = s.empty_cards_row_height
        for stage_index, cell in enumerate(lane_cells):
            card_x, card_y = edges[stage_index] + pad, pad
            for position, t in enumerate(cell):
                box = reuse(t, persona, position, card_x, card_y) if reuse is not None else None
                if box is None:
                    title, height = measured(t)
                    box = card(t, persona, position, new_tuple(Rect, (card_x, card_y, card_width, height)), title)
                cards[box.id] = box
                sources[box.id] = t
                card_y += box.rect.h + gap
            if cell:
                bottom = card_y - gap
                row_height = max(row_height, bottom + pad + 8, bottom + BAND_CLEARANCE + band + BAND_END)
        row_height = row_room(row_height)
        for stage_index, stage in enumerate(stages):
            column_x = edges[stage_index]
            cells[(persona.id, stage.id)] = CellBox(persona.id, stage.id,
                                                    Rect(column_x, 0.0, edges[stage_index + 1] - column_x, row_height))
        return row_height

    def flows(
        self, cards: dict[str, CardBox], lanes: dict[str, LaneBox], band_top: dict[str, float]
    ) -> dict[str, FlowPath]:
        """Flows inside one lane are in its coordinates; flows between lanes in the map's."""
        previous = self.previous
        state = previous.sources.get("flows") if previous else None
        placed, state = place_flows(
            self.map.flows,
            FlowInputs(cards, lanes, band_top, self.stage_index, self.style, self.plan, self.labelled, self.edges),
            previous.flows if previous else None,
            previous.cards if previous else None,
            previous.lanes if previous else None,
            state if isinstance(state, FlowState) else None,
        )
        self.sources["flows"] = state
        return placed

    def measured(self, t: Touchpoint) -> tuple[tuple[str, ...], float]:
        """A card's title lines and height; the last layout's when the card is the same object."""
        previous = self.previous
        if previous is not None and previous.sources.get(t.id) is t:
            box = previous.cards[t.id]
            return box.title.lines, box.rect.h
        title = self.card_title(t)
        return title, self.card_height(len(title))

    def reused_card(self, t: Touchpoint, persona: Persona, position: int, x: float, y: float) -> CardBox | None:
        """Last layout's box for this card, if nothing it was made from has changed."""
        if self.previous is None or self.previous.sources.get(t.id) is not t:
            return None
        box = self.previous.cards.get(t.id)
        if box is None or box.position != position or box.rect.x != x or box.rect.y != y:
            return None
        if box.bar_color != persona.color or self.stage_index.get(box.stage) is None:
            return None
        return box

    # -- parts --------------------------------------------------------------
    def stage_headers(self) -> tuple[float, list[tuple[TextBlock, TextBlock | None, tuple[KpiLine, ...]]]]:
        return stage_headers(self.map.stages, self.edges, self.style)

    def row(self, kind: str, rect: Rect) -> LaneRow:
        return row_box(kind, rect, self.style, self.words)

    def lane(self, persona: Persona, index: int, top: float, width: float, height: float,
             rows: tuple[LaneRow, ...]) -> LaneBox:
        return lane_box(persona, index, top, width, height, rows, self.style)

    def card(self, t: Touchpoint, persona: Persona, position: int, rect: Rect, title: tuple[str, ...]) -> CardBox:
        s = self.style
        x, y, right, bottom = rect.x, rect.y, rect.x + rect.w, rect.y + rect.h
        inner_x = x + s.card_bar + CARD_PAD
        title_block = new_tuple(TextBlock, (inner_x, y + CARD_PAD, title, s.title_size, True, "text", self._title_line))
        chip_y = bottom - CARD_PAD - CHIP_HEIGHT
        chip = None
        label = ""
        counts_x = inner_x
        if t.channel:
            label, chip_w = self.chip(t.channel)
            # The chip leaves room for the counts and, at the right, the evidence mark and a print
            # reference ("B12"): on a narrow card its label is cut rather than run into them.
            room = right - CHIP_ROW_END - inner_x - card_look.counts_width(len(t.pain_points), len(t.opportunities),
                                                                          len(t.quotes), s.small_size)
            if chip_w > room:
                label, chip_w = self.short_chip(label, room)
            if chip_w <= room:
                chip = new_tuple(Rect, (inner_x, chip_y, chip_w, CHIP_HEIGHT))
                counts_x = inner_x + chip_w + 8
            else:  # (not even its icon fits beside the counts, on a narrow printed card: the details name it)
                label = ""
        half_icon = s.icon_size / 2
        # (CardBox's fields in order: a big map makes thousands)
        return new_tuple(CardBox, (
            t.id, t.persona, t.stage, position, rect, title_block, t.emotion,
            new_tuple(Point, (right - CARD_PAD - half_icon, y + CARD_PAD + half_icon)),  # emotion_center
            t.channel, chip, label, len(t.pain_points), len(t.opportunities),
            new_tuple(Point, (counts_x, chip_y + CHIP_HEIGHT - 3)),  # counts_origin
            t.evidence,
            new_tuple(Point, (right - CARD_PAD - 5, chip_y + CHIP_HEIGHT / 2)),  # evidence_center
            persona.color,
            len(t.quotes), tuple(t.quotes[:card_look.QUOTES_IN_TIP]) if t.quotes else (),
        ))

    def short_chip(self, label: str, room: float) -> tuple[str, float]:
        """A chip's label cut to fit `room` (the icon alone when nothing fits)."""
        frame = CHIP_ICON + 3 + 10
        if room - frame < text_width("M…", self.style.small_size):
            return "", CHIP_ICON + 8
        short = elide(label, self.style.small_size, room - frame)
        return short, frame + text_width(short, self.style.small_size)

    def chip(self, channel: str) -> tuple[str, float]:
        """A channel's label and the width of its chip (icon and label)."""
        chip = self._chips.get(channel)
        if chip is None:
            label = self.words(CHANNEL_LABELS[channel]) if channel in CHANNEL_LABELS else channel
            chip = self._chips[channel] = (label, CHIP_ICON + 3 + text_width(label, self.style.small_size) + 10)
        return chip

    def curve(self, persona: Persona, rect: Rect) -> CurveBox:
        top, bottom = rect.y + CURVE_INSET, rect.bottom - CURVE_INSET
        points: list[tuple[str, Point, int]] = []
        step, edges = (bottom - top) / 4, self.edges
        cells, persona_id = self.cells, persona.id
        for stage_index, stage in enumerate(self.map.stages):
            feeling = [(t.id, t.emotion) for t in cells.get((persona_id, stage.id), ()) if t.emotion is not None]
            column_x = edges[stage_index]
            spacing = (edges[stage_index + 1] - column_x) / (len(feeling) + 1)
            points += [(card_id, new_tuple(Point, (column_x + spacing * k, top + (2 - emotion) * step)), emotion)
                       for k, (card_id, emotion) in enumerate(feeling, 1)]
        path = tuple(smooth_path([p for _, p, _ in points]))
        return CurveBox(persona.id, tuple(points), path, (top + bottom) / 2, top, bottom)

    def list_items(
        self, persona: Persona, stage: Stage, kind: str, left: float, y: float
    ) -> tuple[tuple[ListItem, ...], float]:
        s = self.style
        size = self.list_size()
        x = self.edges[self.stage_index[stage.id]] + s.cell_padding
        cursor = y + 8
        items: list[ListItem] = []
        for t in self.cells.get((persona.id, stage.id), []):
            entries = t.pain_points if kind == "pains" else t.opportunities
            for entry in entries:
                level = entry.severity if kind == "pains" else entry.priority  # type: ignore[union-attr]
                lines = self.list_lines(entry.text)
                block = TextBlock(x + 12, cursor, lines, size, False, "text", s.line_height(size))
                items.append(ListItem(t.id, "pain" if kind == "pains" else "opportunity", level,
                                      Point(x + 4, cursor + size * 0.62), block))
                cursor += block.height + 2.5
        return tuple(items), cursor - y

    def list_height(self, entry: tuple[tuple[ListItem, ...], float]) -> float:
        items, used = entry
        return used + 6 if items else 0.0


CHIP_ROW_END = CARD_PAD + 10 + 26.0
"""Kept free at the right of a card's chip row: the evidence mark, and room for a print reference."""


def _same_signature(old: object, new: tuple) -> bool:
    """Same colour, stages, column edges and band tracks, and the very same card objects, in order."""
    if (not isinstance(old, tuple) or len(old) != len(new) or old[:4] != new[:4]
            or len(old[4]) != len(new[4])):
        return False
    return all(a is b for a, b in zip(old[4], new[4]))


@lru_cache(maxsize=8)
def _label_height(style: Style) -> Callable[[str], float]:
    """How tall a band flow's label is (one function per style, so a plan can tell it is the same)."""
    line = style.line_height(style.small_size)
    return lambda label: line * len(label_pill(label, style.small_size, BAND_LABEL_WIDTH)[0]) + 2


def layout_map(the_map: Map, style: Style = DEFAULT_STYLE, previous: MapLayout | None = None) -> MapLayout:
    """Place everything of the map; pure and deterministic, no Qt.

    Given the `previous` layout, boxes of unchanged cards and flows are reused
    (the very same objects), which makes a relayout after one edit cheap and
    lets a view find what changed with an identity check.
    """
    return _Builder(the_map, style, previous).build()
