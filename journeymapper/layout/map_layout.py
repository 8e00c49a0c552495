"""Lay out a whole journey map: one grid of stage columns and persona lanes.

The grid's top-left corner is (0, 0). Columns: a lane header column, then one
column per stage. Rows: the stage headers, then per persona the rows of
`ROW_KINDS` (cards, emotion curve, pain points, opportunities). A row is as
tall as its fullest cell, so every card and list item has its own room.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace

from ..model.schema import KPI, Map, Persona, Stage, Touchpoint
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
from .flows import route, spread
from .geometry import Point, Rect, smooth_path
from .labels import CHANNEL_LABELS, ROW_LABELS
from .style import DEFAULT_STYLE, Style
from .text import BOLD, elide, text_width, wrap

ROW_KINDS = ("cards", "emotion", "pains", "opportunities")

CARD_PAD = 6.0
CHIP_ICON = 8.0
"""The channel icon at the left of a card's channel chip."""
CURVE_INSET = 10.0
"""Room above +2 and below -2 in the emotion row."""
CHIP_HEIGHT = 12.0


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
        """Where a dragged column would go: the index among the stages for this x."""
        left = self.style.lane_header_width
        slot = round((x - left) / self.style.column_width)
        return max(0, min(slot, len(self.stages)))

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


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def kpi_text(kpi: KPI) -> str:
    unit = kpi.unit
    joiner = "" if unit in ("%", "‰", "") else " "
    value = _fmt(kpi.value) + (joiner + unit if kpi.value is not None and unit else "")
    if kpi.target is None:
        return f"{kpi.name}: {value}"
    target = _fmt(kpi.target) + (joiner + unit if unit else "")
    return f"{kpi.name}: {value} / {target}"


def kpi_health(kpi: KPI) -> tuple[float, str]:
    if kpi.value is None or kpi.target is None or kpi.target == 0:
        return 0.0, "mid"
    ratio = kpi.value / kpi.target
    miss = abs(kpi.value - kpi.target) / abs(kpi.target)
    health = "good" if miss <= 0.1 else "mid" if miss <= 0.3 else "bad"
    return max(0.0, min(1.0, ratio)), health


class _Builder:
    def __init__(self, the_map: Map, style: Style, previous: MapLayout | None) -> None:
        self.map = the_map
        self.style = style
        reuse = previous is not None and previous.style == style
        self.previous = previous if reuse else None
        self.sources: dict[str, object] = {}
        self.stage_index = {s.id: i for i, s in enumerate(the_map.stages)}
        self.cells: dict[tuple[str, str], list[Touchpoint]] = {}
        for t in the_map.touchpoints:
            self.cells.setdefault((t.persona, t.stage), []).append(t)

    # -- sizes -------------------------------------------------------------
    def title_width(self) -> float:
        s = self.style
        return s.card_width - s.card_bar - 2 * CARD_PAD - s.icon_size - 4

    def card_title(self, t: Touchpoint) -> tuple[str, ...]:
        s = self.style
        return wrap(t.title, s.title_size, self.title_width(), s.card_title_lines, "DejaVuSans-Bold")

    def card_height(self, lines: int) -> float:
        s = self.style
        height = CARD_PAD + lines * s.line_height(s.title_size) + 6 + CHIP_HEIGHT + CARD_PAD
        return max(s.card_min_height, height)

    def list_size(self) -> float:
        return self.style.small_size

    def list_lines(self, text: str) -> tuple[str, ...]:
        s = self.style
        return wrap(text, self.list_size(), s.column_width - 2 * s.cell_padding - 12, s.list_item_lines)

    # -- the whole map ------------------------------------------------------
    def build(self) -> MapLayout:
        s = self.style
        stages = self.map.stages
        left = s.lane_header_width
        width = left + max(1, len(stages)) * s.column_width
        header_height, stage_parts = self.stage_headers()
        heights = {t.id: self.known_height(t) for t in self.map.touchpoints}

        lanes: dict[str, LaneBox] = {}
        cards: dict[str, CardBox] = {}
        cells: dict[tuple[str, str], CellBox] = {}
        curves: dict[str, CurveBox] = {}
        lists: dict[tuple[str, str, str], tuple[ListItem, ...]] = {}
        cards_row_bottom: dict[str, float] = {}
        top = header_height
        for lane_index, persona in enumerate(self.map.personas):
            # Everything in a lane is in lane coordinates: y = 0 is the lane's top.
            row_height = s.empty_cards_row_height
            for stage in stages:
                cell = self.cells.get((persona.id, stage.id), [])
                if cell:
                    needed = 2 * s.cell_padding + sum(heights[t.id] for t in cell)
                    needed += s.card_gap * (len(cell) - 1)
                    row_height = max(row_height, needed + 8)  # room below for loop flows
            rows: list[LaneRow] = [self.row("cards", Rect(left, 0.0, width - left, row_height))]
            for stage_index, stage in enumerate(stages):
                column_x = left + stage_index * s.column_width
                cells[(persona.id, stage.id)] = CellBox(
                    persona.id, stage.id, Rect(column_x, 0.0, s.column_width, row_height)
                )
                card_y = s.cell_padding
                card_x = column_x + s.cell_padding
                for position, t in enumerate(self.cells.get((persona.id, stage.id), [])):
                    box = self.reused_card(t, persona, position, card_x, card_y)
                    if box is None:
                        rect = Rect(card_x, card_y, s.card_width, heights[t.id])
                        box = self.card(t, persona, position, rect, self.card_title(t))
                    cards[t.id] = box
                    self.sources[t.id] = t
                    card_y = box.rect.bottom + s.card_gap
            cards_row_bottom[persona.id] = row_height
            y = row_height
            emotion_rect = Rect(left, y, width - left, s.curve_row_height)
            rows.append(self.row("emotion", emotion_rect))
            # The curve and the lists depend only on the lane's cards (in order) and the rows' place.
            signature = (row_height, tuple(stages), tuple(t for st in stages for t in self.cells.get((persona.id, st.id), [])))
            self.sources[f"lane:{persona.id}"] = signature
            old_lane = self.previous.lanes.get(persona.id) if self.previous else None
            same = old_lane is not None and _same_signature(self.previous.sources.get(f"lane:{persona.id}"), signature)
            curves[persona.id] = self.previous.curves[persona.id] if same else self.curve(persona, emotion_rect)
            y += s.curve_row_height
            for kind in ("pains", "opportunities"):
                if same:
                    row_lists = {st.id: (self.previous.lists[(persona.id, st.id, kind)], 0.0) for st in stages}
                    old_row = old_lane.row(kind)
                    rows.append(old_row)
                    for stage_id, (items, _) in row_lists.items():
                        lists[(persona.id, stage_id, kind)] = items
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
                Rect(left + index * s.column_width, 0.0, s.column_width, header_height),
                Rect(left + index * s.column_width, 0.0, s.column_width, height),
                *stage_parts[index],
            )
            for index, stage in enumerate(stages)
        }
        flows = self.flows(cards, lanes, cards_row_bottom)
        return MapLayout(
            width, height, header_height, stage_boxes, lanes, cards, cells, curves, lists, flows, s, self.sources
        )

    def flows(
        self, cards: dict[str, CardBox], lanes: dict[str, LaneBox], row_bottom: dict[str, float]
    ) -> dict[str, FlowPath]:
        """Flows inside one lane are in its coordinates; flows between lanes in the map's.

        A flow's path is reused when its flow, both its cards' boxes and what its
        route depends on in their lanes (row height for flows that dip below the
        cards, the lane's place for flows between lanes) are unchanged.
        """
        s = self.style
        previous = self.previous
        stage_index = self.stage_index
        old_sources = previous.sources if previous else {}
        old_flows = previous.flows if previous else {}
        old_cards = previous.cards if previous else {}
        # Per lane, once: is its cards row as tall as before, and is it where it was?
        same_height: dict[str, bool] = {}
        same_place: dict[str, bool] = {}
        for persona, lane in lanes.items():
            old = previous.lanes.get(persona) if previous else None
            same_height[persona] = old is not None and old.rows[0].rect.h == row_bottom[persona]
            same_place[persona] = old is not None and old.y == lane.y
        ports = self.ports(cards, lanes)
        flows: dict[str, FlowPath] = {}
        sources = self.sources
        for f in self.map.flows:
            source, target = cards.get(f.source), cards.get(f.target)
            if source is None or target is None:
                continue
            sources[f.id] = f
            port = ports.get(f.id, (0.5, 0.5))
            sources[f"port:{f.id}"] = port
            same_lane = source.persona == target.persona
            if (old_sources.get(f.id) is f and old_cards.get(f.source) is source and old_cards.get(f.target) is target
                    and old_sources.get(f"port:{f.id}") == port):
                old = old_flows.get(f.id)
                if old is not None:
                    backward = f.kind == "loop" or stage_index[target.stage] < stage_index[source.stage]
                    fits = same_height[source.persona] or not backward
                    if not same_lane:
                        fits = fits and same_place[source.persona] and same_place[target.persona]
                    if fits:
                        flows[f.id] = old
                        continue
            if same_lane:
                flows[f.id] = route(f.id, f.kind, f.label, source, target, stage_index,
                                    row_bottom[source.persona], s, lane=source.persona, ports=port)
            else:
                a = _absolute(source, lanes[source.persona].y)
                b = _absolute(target, lanes[target.persona].y)
                flows[f.id] = route(f.id, f.kind, f.label, a, b, stage_index,
                                    lanes[source.persona].y + row_bottom[source.persona], s, lane=None, ports=port)
        return flows

    def ports(self, cards: dict[str, CardBox], lanes: dict[str, LaneBox]) -> dict[str, tuple[float, float]]:
        """Spread the forward flows of a card along its edges, ordered by where the other end is,
        so flows into one card do not run on top of each other."""
        stage_index = self.stage_index
        outgoing: dict[str, list[tuple[float, str]]] = {}
        incoming: dict[str, list[tuple[float, str]]] = {}
        for f in self.map.flows:
            source, target = cards.get(f.source), cards.get(f.target)
            if source is None or target is None or f.kind == "loop":
                continue
            if stage_index[target.stage] <= stage_index[source.stage]:
                continue
            source_y = lanes[source.persona].y + source.rect.cy
            target_y = lanes[target.persona].y + target.rect.cy
            outgoing.setdefault(source.id, []).append((target_y, f.id))
            incoming.setdefault(target.id, []).append((source_y, f.id))
        out_share: dict[str, float] = {}
        in_share: dict[str, float] = {}
        for table, share in ((outgoing, out_share), (incoming, in_share)):
            for entries in table.values():
                entries.sort()
                for k, (_, flow_id) in enumerate(entries):
                    share[flow_id] = spread(len(entries), k)
        return {flow_id: (out_share[flow_id], in_share[flow_id]) for flow_id in out_share}

    def known_height(self, t: Touchpoint) -> float:
        if self.previous is not None and self.previous.sources.get(t.id) is t:
            return self.previous.cards[t.id].rect.h
        return self.card_height(len(self.card_title(t)))

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
        s = self.style
        pad = 7.0
        inner = s.column_width - 2 * pad
        parts = []
        tallest = s.stage_header_min_height
        for index, stage in enumerate(self.map.stages):
            x = s.lane_header_width + index * s.column_width + pad
            y = pad
            name = TextBlock(x, y, wrap(stage.name, s.header_size, inner, 2, "DejaVuSans-Bold"), s.header_size,
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
                text_room = inner - (s.kpi_bar_width + 6 if has_bar else 0)
                block = TextBlock(x, y, (elide(kpi_text(kpi), s.small_size, text_room),), s.small_size, False,
                                  "text", s.line_height(s.small_size))
                bar = Rect(x + inner - s.kpi_bar_width, y + 2.5, s.kpi_bar_width, 4.0) if has_bar else None
                kpis.append(KpiLine(block, bar, ratio, health))
                y += block.height + 0.5
            parts.append((name, goal, tuple(kpis)))
            tallest = max(tallest, y + pad)
        return tallest, parts

    def row(self, kind: str, rect: Rect) -> LaneRow:
        s = self.style
        header = Rect(s.card_bar, rect.y, s.lane_header_width - s.card_bar, rect.h)
        label = TextBlock(header.x + 10, rect.y + 10, (ROW_LABELS[kind],), s.lane_title_size, True, "muted",
                          s.line_height(s.lane_title_size))
        return LaneRow(kind, rect, header, label)

    def lane(self, persona: Persona, index: int, top: float, width: float, height: float,
             rows: tuple[LaneRow, ...]) -> LaneBox:
        s = self.style
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

    def card(self, t: Touchpoint, persona: Persona, position: int, rect: Rect, title: tuple[str, ...]) -> CardBox:
        s = self.style
        inner_x = rect.x + s.card_bar + CARD_PAD
        title_block = TextBlock(inner_x, rect.y + CARD_PAD, title, s.title_size, True, "text",
                                s.line_height(s.title_size))
        chip_y = rect.bottom - CARD_PAD - CHIP_HEIGHT
        chip = None
        label = ""
        if t.channel:
            label = CHANNEL_LABELS.get(t.channel, t.channel)
            chip = Rect(inner_x, chip_y, CHIP_ICON + 3 + text_width(label, s.small_size) + 10, CHIP_HEIGHT)
        counts_x = (chip.right + 8) if chip else inner_x
        return CardBox(
            id=t.id,
            persona=t.persona,
            stage=t.stage,
            position=position,
            rect=rect,
            title=title_block,
            emotion=t.emotion,
            emotion_center=Point(rect.right - CARD_PAD - s.icon_size / 2, rect.y + CARD_PAD + s.icon_size / 2),
            channel=t.channel,
            channel_chip=chip,
            channel_label=label,
            pains=len(t.pain_points),
            opportunities=len(t.opportunities),
            counts_origin=Point(counts_x, chip_y + CHIP_HEIGHT - 3),
            evidence=t.evidence,
            evidence_center=Point(rect.right - CARD_PAD - 5, chip_y + CHIP_HEIGHT / 2),
            bar_color=persona.color,
        )

    def curve(self, persona: Persona, rect: Rect) -> CurveBox:
        s = self.style
        top, bottom = rect.y + CURVE_INSET, rect.bottom - CURVE_INSET
        points: list[tuple[str, Point, int]] = []
        for stage_index, stage in enumerate(self.map.stages):
            feeling = [t for t in self.cells.get((persona.id, stage.id), []) if t.emotion is not None]
            column_x = s.lane_header_width + stage_index * s.column_width
            for k, t in enumerate(feeling):
                x = column_x + s.column_width * (k + 1) / (len(feeling) + 1)
                y = top + (2 - t.emotion) / 4 * (bottom - top)  # type: ignore[operator]
                points.append((t.id, Point(x, y), t.emotion))  # type: ignore[arg-type]
        path = tuple(smooth_path([p for _, p, _ in points])) if len(points) > 1 else ()
        return CurveBox(persona.id, tuple(points), path, (top + bottom) / 2, top, bottom)

    def list_items(
        self, persona: Persona, stage: Stage, kind: str, left: float, y: float
    ) -> tuple[tuple[ListItem, ...], float]:
        s = self.style
        size = self.list_size()
        x = left + self.stage_index[stage.id] * s.column_width + s.cell_padding
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


def _same_signature(old: object, new: tuple) -> bool:
    """Same row height, same stages and the very same card objects, in the same order."""
    if not isinstance(old, tuple) or old[0] != new[0] or old[1] != new[1] or len(old[2]) != len(new[2]):
        return False
    return all(a is b for a, b in zip(old[2], new[2]))


def _absolute(card: CardBox, lane_top: float) -> CardBox:
    return replace(card, rect=card.rect.moved(0.0, lane_top))


def layout_map(the_map: Map, style: Style = DEFAULT_STYLE, previous: MapLayout | None = None) -> MapLayout:
    """Place everything of the map; pure and deterministic, no Qt.

    Given the `previous` layout, boxes of unchanged cards and flows are reused
    (the very same objects), which makes a relayout after one edit cheap and
    lets a view find what changed with an identity check.
    """
    return _Builder(the_map, style, previous).build()
