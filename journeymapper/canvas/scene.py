"""The scene: a view of the Document, kept in step by its events.

After each change the map is laid out again (cheaply: unchanged boxes are
reused) and only the items whose boxes changed are touched; the scene is never
rebuilt for an edit. Items never change the model: gestures end in intents
(signals) that the editor turns into undoable commands.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QRectF, QTimer, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from ..i18n import print_language
from ..layout.elements import FlowPath
from ..layout.map_layout import MapLayout, layout_map
from ..layout.style import DEFAULT_STYLE, Style
from ..model.document import Document
from ..model.events import MapReplaced
from .gestures import GestureHandler
from .emphasis import Emphasis
from .items import CardItem, CurveItem, FlowItem, FlowLabelItem, LaneItem, ListsItem, StageHeaderItem
from .painting import color, qrect
from .overview import OVERVIEW_ZOOM, OverviewItem
from .reveal import Revealed, vertical_extent

EAGER_ITEMS = 3_000
"""Maps with more cards and flows than this get their card and flow items part by part, as
views show them (see `MapScene.reveal`); smaller maps, nearly all real ones, get all at once."""


class MapScene(QGraphicsScene):
    # Intents: what the user asked for. The editor decides and pushes commands.
    cardsMoveRequested = Signal(list)  # [(card, persona, stage, position)]
    flowRequested = Signal(str, str)  # source, target
    addCardRequested = Signal(str, str, int)  # persona, stage, position
    stageMoveRequested = Signal(str, int)
    laneMoveRequested = Signal(str, int)
    editRequested = Signal(str)  # element id: rename in place
    synced = Signal()

    def __init__(self, doc: Document, style: Style = DEFAULT_STYLE, parent=None,
                 follow_map_language: bool = True) -> None:
        super().__init__(parent)
        self.doc = doc
        self.style = style
        self.follow_map_language = follow_map_language
        """Whether the map's own words (row names, channels) are in the map's language, as its print's
        (else in `style.language`, as a picture in a chosen language)."""
        self.layout: MapLayout | None = None
        self.stage_items: dict[str, StageHeaderItem] = {}
        self.lane_items: dict[str, LaneItem] = {}
        self.card_items: dict[str, CardItem] = {}
        self.flow_items: dict[str, FlowItem] = {}
        self.curve_items: dict[str, CurveItem] = {}
        self.list_items: dict[tuple[str, str], ListsItem] = {}
        self._dirty = False
        self._rebuild = False
        self._shown: Revealed | None = None
        """The parts of a big map's lanes whose cards and flows have items; None: all (see `reveal`)."""
        self._extents: dict[str, tuple[FlowPath, float, float]] = {}
        self.overview: OverviewItem | None = None
        """A big map's cards and flows as shapes, for views zoomed out too far to read them (overview.py)."""
        self.gestures = GestureHandler(self)
        self.emphasis = Emphasis(self)
        self.show_focus_ring = False
        """Whether the focused card shows its focus ring: after keyboard moves, not after a click."""
        # No spatial index: a dropped card makes its lane taller and moves every lane below, and
        # a BSP index would re-file every item in them (~20 ms on a 5,000-card map). With item
        # bounds kept in C++ a linear scan of 12,000 items for a hover or a repaint is ~1 ms.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        doc.changed.connect(self._on_document_changed)
        self.sync()

    # -- finding items ------------------------------------------------------
    def item_for(self, element_id: str) -> QGraphicsItem | None:
        self.sync_if_dirty()
        if self._shown is not None and self.layout is not None:
            self._reveal_element(element_id)
        for table in (self.card_items, self.flow_items, self.stage_items, self.lane_items):
            item = table.get(element_id)
            if item is not None:
                return item
        return None

    def map_order(self) -> dict[str, int]:
        """Element id -> place in the map: stages, personas, touchpoints, flows, each in list order."""
        doc = self.doc
        ids = [e.id for e in (*doc.stages, *doc.personas, *doc.touchpoints, *doc.flows)]
        return dict(zip(ids, range(len(ids))))

    def selected_ids(self) -> list[str]:
        """Selected elements in map order: stages, personas, cards, flows."""
        chosen = {getattr(item, "element_id", None) for item in self.selectedItems()}
        chosen.discard(None)
        if len(chosen) == 1 and self.layout is not None:
            (only,) = chosen  # the usual case: no need to number the whole map
            known = (only in self.layout.cards or only in self.layout.flows or only in self.layout.stages
                     or only in self.layout.lanes)
            return [only] if known else []
        order = self.map_order()
        return sorted((i for i in chosen if i in order), key=order.__getitem__)

    def select_only(self, ids: list[str]) -> None:
        """Select exactly these elements, telling the listeners once: Qt says `selectionChanged` for
        each item, and every listener (the inspector) reads the whole selection each time, so selecting
        the 5,000 cards an insight is about took half a minute."""
        before = self.selectedItems()
        self.blockSignals(True)
        try:
            self.clearSelection()
            for element_id in ids:
                item = self.item_for(element_id)
                if item is not None:
                    item.setSelected(True)
        finally:
            self.blockSignals(False)
        if set(self.selectedItems()) != set(before):
            self.selectionChanged.emit()

    def set_focus_ring(self, on: bool) -> None:
        """Show or hide the focused card's focus ring (the keyboard's place on the map)."""
        if on != self.show_focus_ring:
            self.show_focus_ring = on
            item = self.focusItem()
            if item is not None:
                item.update()

    # -- following the document ---------------------------------------------
    def _on_document_changed(self, event: object) -> None:
        if isinstance(event, MapReplaced):
            self._rebuild = True
        if not self._dirty:
            self._dirty = True
            QTimer.singleShot(0, self.sync_if_dirty)

    def sync_if_dirty(self) -> None:
        if self._dirty:
            self.sync()

    def set_style(self, style: Style) -> None:
        if self.follow_map_language and style.language != self.style.language:  # (see `sync`)
            style = replace(style, language=self.style.language)
        if style == self.style:
            return
        self.style = style
        self._rebuild = True
        self.sync()

    def sync(self) -> None:
        """Bring the items in step with the document, touching only what changed."""
        self._dirty = False
        language = print_language(self.doc.map.language) if self.follow_map_language else self.style.language
        if language != self.style.language:  # (the map's own words, as its print has them)
            self.style = replace(self.style, language=language)
            self._rebuild = True
        if self._rebuild:
            self._rebuild = False
            self._clear_items()
            self.layout = None
        previous = self.layout
        layout = layout_map(self.doc.map, self.style, previous)
        self.layout = layout
        background = color(self.style.palette, "canvas")
        if self.backgroundBrush().color() != background:
            self.setBackgroundBrush(QBrush(background))  # (setting it repaints the whole view)
        if previous is None:
            # A big map gets its cards and flows part by part, as views show them (see `reveal`).
            self._shown = Revealed() if len(layout.cards) + len(layout.flows) > EAGER_ITEMS else None
            self._extents.clear()
        self._sync_stages(layout)
        self._sync_lanes(layout)
        self._sync_cards(layout, previous)
        self._sync_lane_content(layout, previous)
        self._sync_flows(layout, previous)
        margin = 40.0
        self.setSceneRect(QRectF(-margin, -margin, layout.width + 2 * margin, layout.height + 2 * margin))
        self._sync_overview(layout)
        if self._shown is not None:
            self.reveal_in_views()  # a part of a lane may have come into view (a new lane, or one that moved)
        self.emphasis.refresh()  # a selected flow may now end elsewhere, a hovered card have other flows
        self.synced.emit()

    def _sync_overview(self, layout: MapLayout) -> None:
        if self._shown is None:
            if self.overview is not None:
                self.removeItem(self.overview)
                self.overview = None
        elif self.overview is None:
            self.overview = OverviewItem(layout, self.style)
            self.addItem(self.overview)
        else:
            self.overview.set_layout(layout, self.style)

    def _clear_items(self) -> None:
        for flow_id in list(self.flow_items):
            self._drop_flow(flow_id)
        for table in (self.card_items, self.curve_items, self.list_items, self.lane_items, self.stage_items):
            for item in list(table.values()):
                if item.scene() is self:
                    self.removeItem(item)
            table.clear()
        self.emphasis.cards.clear()
        self.emphasis.hovered = None

    def _sync_stages(self, layout: MapLayout) -> None:
        for stage_id in list(self.stage_items):
            if stage_id not in layout.stages:
                self.removeItem(self.stage_items.pop(stage_id))
        for stage_id, box in layout.stages.items():
            item = self.stage_items.get(stage_id)
            if item is None:
                item = StageHeaderItem(box, self.style)
                self.stage_items[stage_id] = item
                self.addItem(item)
            elif item.box != box:
                item.set_box(box)

    def _sync_lanes(self, layout: MapLayout) -> None:
        edges = layout.column_edges
        for persona_id in list(self.lane_items):
            if persona_id not in layout.lanes:
                self._remove_lane(persona_id)
        for persona_id, box in layout.lanes.items():
            item = self.lane_items.get(persona_id)
            if item is None:
                item = LaneItem(box, self.style, edges)
                self.lane_items[persona_id] = item
                self.addItem(item)
            elif item.box != box or item.edges != edges:
                item.set_box(box, edges)

    def _remove_lane(self, persona_id: str) -> None:
        lane = self.lane_items.pop(persona_id)
        # Children that belong to other tables go with the lane: forget them too.
        for flow_id, item in list(self.flow_items.items()):
            if item.parentItem() is lane:
                self._drop_flow(flow_id)
        for card_id, item in list(self.card_items.items()):
            if item.parentItem() is lane:
                item.setParentItem(None)
                self.removeItem(item)
                del self.card_items[card_id]
        self.curve_items.pop(persona_id, None)
        for key in [k for k in self.list_items if k[0] == persona_id]:
            del self.list_items[key]
        if self._shown is not None:
            self._shown.bands.pop(persona_id, None)
        self.removeItem(lane)

    def _sync_cards(self, layout: MapLayout, previous: MapLayout | None) -> None:
        for card_id in list(self.card_items):
            if card_id not in layout.cards:
                self._drop_card(card_id)
        old_cards = previous.cards if previous else {}
        shown = self._shown
        for card_id, box in layout.cards.items():
            item = self.card_items.get(card_id)
            if old_cards.get(card_id) is box and (item is None or item.box is box):
                continue  # unchanged (and, without an item, still in a part no view has shown)
            if item is None and shown is not None and not (
                    shown.any_in(box.persona) and shown.covers(box.persona, box.rect.y, box.rect.bottom)):
                continue  # in a part of the map no view has shown yet
            # (A card with an item that moved into such a part keeps it, and with it its selection;
            # the rest of that part gets its items when a view comes near.)
            lane = self.lane_items[box.persona]
            if item is None:
                item = CardItem(box, self.style, lane)
                self.emphasis.adopt(item)
                self.card_items[card_id] = item
                continue
            if item.parentItem() is not lane:
                item.setParentItem(lane)
            item.set_box(box)

    def _drop_card(self, card_id: str) -> None:
        item = self.card_items.pop(card_id)
        self.emphasis.forget(card_id)
        item.setParentItem(None)
        if item.scene() is self:
            self.removeItem(item)

    def _sync_lane_content(self, layout: MapLayout, previous: MapLayout | None) -> None:
        for persona_id, lane_box in layout.lanes.items():
            lane = self.lane_items[persona_id]
            curve = layout.curves[persona_id]
            emotion = lane_box.row("emotion")
            row = qrect(emotion.rect) if emotion else QRectF()
            item = self.curve_items.get(persona_id)
            if item is None:
                self.curve_items[persona_id] = CurveItem(curve, row, self.style, lane)
            elif item.box is not curve or item.row != row:
                item.set_box(curve, row)
            for kind in ("pains", "opportunities"):
                items = [i for stage in layout.stages for i in layout.lists[(persona_id, stage, kind)]]
                row_box = lane_box.row(kind)
                rect = qrect(row_box.rect) if row_box else QRectF()
                current = self.list_items.get((persona_id, kind))
                if current is None:
                    self.list_items[(persona_id, kind)] = ListsItem(persona_id, kind, items, rect, self.style, lane)
                elif current.items_ != items or current.row != rect:
                    current.set_items(items, rect)

    def _sync_flows(self, layout: MapLayout, previous: MapLayout | None) -> None:
        for flow_id in list(self.flow_items):
            if flow_id not in layout.flows:
                self._drop_flow(flow_id)
        if len(self._extents) > len(layout.flows):  # flows were deleted: forget their extents
            for flow_id in [f for f in self._extents if f not in layout.flows]:
                del self._extents[flow_id]
        old_flows = previous.flows if previous else {}
        shown = self._shown
        for flow_id, path in layout.flows.items():
            item = self.flow_items.get(flow_id)
            if old_flows.get(flow_id) is path and (item is None or item.flow is path):
                continue  # unchanged (and, without an item, still in a part no view has shown)
            if (item is None and shown is not None and path.lane is not None and not (
                    shown.any_in(path.lane) and shown.covers(path.lane, *self._extent(flow_id, path)))):
                continue  # in a part of the map no view has shown yet (a flow with an item keeps it)
            if item is None:
                self._add_flow(flow_id, path)
                continue
            parent = self.lane_items[path.lane] if path.lane is not None else None
            if item.parentItem() is not parent:
                item.setParentItem(parent)
                if parent is None and item.scene() is not self:
                    self.addItem(item)
            item.set_path(path)
            self._sync_label(item, path, parent)

    def _add_flow(self, flow_id: str, path: FlowPath) -> None:
        parent = self.lane_items[path.lane] if path.lane is not None else None
        item = FlowItem(path, self.style, parent)
        if parent is None:
            self.addItem(item)
        self.flow_items[flow_id] = item
        self.emphasis.adopt(item)
        self._sync_label(item, path, parent)

    def draw_uncached(self) -> None:
        """Draw every item afresh from now on (no cached pixels): for a picture, whose SVG must be
        shapes and text, not bitmaps of cards."""
        for item in self.items():
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)

    # -- big maps: card and flow items for the parts on screen ---------------------------
    @property
    def makes_items_in_parts(self) -> bool:
        """Whether this (big) map's card and flow items are made as views come near them."""
        return self._shown is not None

    def reveal(self, area: QRectF | None = None) -> None:
        """Make sure the cards and flows in `area` (scene coordinates; None: the whole map) have
        items. Views call this as they scroll and zoom; see reveal.py. Maps with up to
        EAGER_ITEMS cards and flows (almost every real map) have all their items from the start."""
        if self._dirty:
            self.sync()  # (which reveals what the views show)
        shown, layout = self._shown, self.layout
        if shown is None or layout is None:
            return
        for lane in layout.lanes.values():
            top, bottom = 0.0, lane.height
            if area is not None:
                top, bottom = max(top, area.top() - lane.y), min(bottom, area.bottom() - lane.y)
                if top > bottom:
                    continue
            new = shown.add(lane.id, top, bottom)
            if new:
                self._make_items(lane.id, new)
        if area is None:
            self._shown = None  # everything has items: no more bookkeeping
            self._sync_overview(layout)

    def _make_items(self, lane_id: str, bands: set[int]) -> None:
        shown, layout = self._shown, self.layout
        lane = self.lane_items[lane_id]
        for box in layout.cards_in_lane(lane_id):
            if box.id not in self.card_items and shown.in_bands(bands, box.rect.y, box.rect.bottom):
                item = self.card_items[box.id] = CardItem(box, self.style, lane)
                self.emphasis.adopt(item)
        for flow_id, path in layout.flows.items():
            if path.lane == lane_id and flow_id not in self.flow_items \
                    and shown.in_bands(bands, *self._extent(flow_id, path)):
                self._add_flow(flow_id, path)

    def _extent(self, flow_id: str, path: FlowPath) -> tuple[float, float]:
        """A flow's top and bottom, kept while its path is the same (most paths outlive an edit)."""
        kept = self._extents.get(flow_id)
        if kept is not None and kept[0] is path:
            return kept[1], kept[2]
        top, bottom = vertical_extent(path)
        self._extents[flow_id] = (path, top, bottom)
        return top, bottom

    def _reveal_element(self, element_id: str) -> None:
        """A card or flow asked for by id (selection, the Problems panel...) gets its part shown."""
        layout = self.layout
        card = layout.cards.get(element_id)
        if card is not None and element_id not in self.card_items:
            lane_y = layout.lanes[card.persona].y
            self.reveal(QRectF(0, lane_y + card.rect.y, 1, card.rect.h))
            return
        path = layout.flows.get(element_id)
        if path is not None and path.lane is not None and element_id not in self.flow_items:
            top, bottom = self._extent(element_id, path)
            lane_y = layout.lanes[path.lane].y
            self.reveal(QRectF(0, lane_y + top, 1, bottom - top))

    def reveal_in_views(self) -> None:
        """`reveal` what each view shows, and as much again around it (scrolling on stays smooth)."""
        if self._shown is None:
            return
        for view in self.views():
            if view.transform().m11() < OVERVIEW_ZOOM:
                continue  # (too far out to read a card: the overview draws them, see overview.py)
            seen = view.mapToScene(view.viewport().rect()).boundingRect()
            self.reveal(seen.adjusted(-seen.width() / 2, -seen.height() / 2, seen.width() / 2, seen.height() / 2))

    def _sync_label(self, item: FlowItem, path, parent) -> None:
        """Only labelled flows have a label item (most flows have none)."""
        label = item.label_item
        if path.label is None:
            if label is not None:
                item.label_item = None
                label.setParentItem(None)
                if label.scene() is self:
                    self.removeItem(label)
            return
        if label is None:
            label = item.label_item = FlowLabelItem(path, self.style, parent)
            if parent is None:
                self.addItem(label)
        elif label.parentItem() is not parent:
            label.setParentItem(parent)
            if parent is None and label.scene() is not self:
                self.addItem(label)
        label.set_path(path)

    def _drop_flow(self, flow_id: str) -> None:
        item = self.flow_items.pop(flow_id)
        self.emphasis.forget(flow_id)
        for part in (item, item.label_item):
            if part is None:
                continue
            part.setParentItem(None)
            if part.scene() is self:
                self.removeItem(part)

    # -- mouse: gestures ----------------------------------------------------
    # A gesture that takes an event accepts it, so the view does not also start a rubber band.
    def mousePressEvent(self, event) -> None:  # noqa: N802
        if self.gestures.press(event):
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self.gestures.move(event):
            event.accept()
            return
        super().mouseMoveEvent(event)
        if self.gestures.gesture is None:  # (no drag under way)
            self.gestures.point(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self.gestures.release(event):
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        if self.gestures.double_click(event):
            event.accept()
        else:
            super().mouseDoubleClickEvent(event)
