"""Mouse gestures on the canvas, one small object each.

A gesture starts on a press, follows the mouse with visual feedback only, and
on release emits one intent on the scene (e.g. `cardsMoveRequested`). The
model changes only when the editor turns that intent into a command, so a
drag is one undo step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
)

from .emphasis import flow_near
from .items import Z_CARD, Z_DRAG, Z_LANE, Z_STAGE, CardItem, FlowItem, LaneItem, StageHeaderItem
from .painting import color

if TYPE_CHECKING:
    from .scene import MapScene


class _Gesture:
    def __init__(self, scene: "MapScene", start: QPointF) -> None:
        self.scene = scene
        self.start = start
        self.active = False

    def begin(self) -> None:
        self.active = True

    def move(self, pos: QPointF) -> None: ...

    def finish(self, pos: QPointF) -> None: ...

    def cancel(self) -> None: ...


class CardDrag(_Gesture):
    """Drag the selected cards to another place in their cell or to another cell."""

    def __init__(self, scene: "MapScene", start: QPointF, cards: list[CardItem]) -> None:
        super().__init__(scene, start)
        self.cards = cards
        self.ids = frozenset(card.element_id for card in cards)
        self.indicator: QGraphicsRectItem | None = None

    def begin(self) -> None:
        super().begin()
        for card in self.cards:
            card.setZValue(Z_DRAG)
            card.setOpacity(0.85)
        self.indicator = QGraphicsRectItem()
        self.indicator.setZValue(Z_DRAG + 1)
        self.indicator.setPen(QPen(Qt.PenStyle.NoPen))
        self.indicator.setBrush(QBrush(color(self.scene.style.palette, "selection")))
        self.scene.addItem(self.indicator)

    def move(self, pos: QPointF) -> None:
        delta = pos - self.start
        for card in self.cards:
            card.setPos(card.box.rect.x + delta.x(), card.box.rect.y + delta.y())
        target = self.target(pos)
        if self.indicator is None:
            return
        if target is None:
            self.indicator.hide()
            return
        persona, stage, position = target
        layout = self.scene.layout
        cell = layout.cells[(persona, stage)]
        lane_y = layout.lanes[persona].y
        others = [c for c in layout.cards_in(persona, stage) if c.id not in self.ids]
        if position < len(others):
            y = others[position].rect.y - layout.style.card_gap / 2
        elif others:
            y = others[-1].rect.bottom + layout.style.card_gap / 2
        else:
            y = cell.rect.y + layout.style.cell_padding / 2
        self.indicator.setRect(QRectF(cell.rect.x + 8, lane_y + y - 1.5, cell.rect.w - 16, 3))
        self.indicator.show()

    def target(self, pos: QPointF) -> tuple[str, str, int] | None:
        layout = self.scene.layout
        cell = layout.cell_at(pos.x(), pos.y())
        if cell is None:
            return None
        lane_y = layout.lanes[cell.persona].y
        return cell.persona, cell.stage, layout.card_slot_at(cell.persona, cell.stage, pos.y() - lane_y, self.ids)

    def finish(self, pos: QPointF) -> None:
        target = self.target(pos)
        self.cancel()
        if target is None:
            return
        persona, stage, position = target
        ids = sorted(self.ids, key=self.scene.map_order().__getitem__)  # they land in map order
        moves = [(card_id, persona, stage, position + k) for k, card_id in enumerate(ids)]
        layout = self.scene.layout
        unchanged = all(
            layout.cards[c].persona == persona and layout.cards[c].stage == stage and layout.cards[c].position == p
            for c, persona, stage, p in moves
        )
        if not unchanged:
            self.scene.cardsMoveRequested.emit(moves)

    def cancel(self) -> None:
        for card in self.cards:
            card.setZValue(Z_CARD)
            card.setOpacity(1.0)
            card.set_box(card.box)  # back to where the layout puts it
        if self.indicator is not None:
            self.scene.removeItem(self.indicator)
            self.indicator = None


class FlowDraw(_Gesture):
    """Drag from a card's handle to another card to draw a flow."""

    def __init__(self, scene: "MapScene", start: QPointF, source: CardItem) -> None:
        super().__init__(scene, start)
        self.source = source
        self.line: QGraphicsLineItem | None = None
        self.hover: CardItem | None = None

    def begin(self) -> None:
        super().begin()
        self.line = QGraphicsLineItem()
        ink = QPen(color(self.scene.style.palette, "selection"), 1.5, Qt.PenStyle.DashLine)
        self.line.setPen(ink)
        self.line.setZValue(Z_DRAG)
        self.scene.addItem(self.line)

    def move(self, pos: QPointF) -> None:
        origin = self.source.mapToScene(self.source.handle_center())
        if self.line is not None:
            self.line.setLine(QLineF(origin, pos))
        target = self.target(pos)
        if target is not self.hover:
            if self.hover is not None:
                self.hover.hovered = False
                self.hover.update()
            self.hover = target
            if target is not None:
                target.hovered = True
                target.update()

    def target(self, pos: QPointF) -> CardItem | None:
        for item in self.scene.items(pos):
            if isinstance(item, CardItem) and item is not self.source:
                return item
        return None

    def finish(self, pos: QPointF) -> None:
        target = self.target(pos)
        self.cancel()
        if target is not None:
            self.scene.flowRequested.emit(self.source.element_id, target.element_id)

    def cancel(self) -> None:
        if self.line is not None:
            self.scene.removeItem(self.line)
            self.line = None
        if self.hover is not None:
            self.hover.hovered = False
            self.hover.update()


class HeaderDrag(_Gesture):
    """Drag a stage header sideways to reorder columns, or a lane header up or down to reorder lanes."""

    def __init__(self, scene: "MapScene", start: QPointF, item: StageHeaderItem | LaneItem) -> None:
        super().__init__(scene, start)
        self.item = item
        self.is_stage = isinstance(item, StageHeaderItem)
        self.indicator: QGraphicsRectItem | None = None

    def begin(self) -> None:
        super().begin()
        self.item.setZValue(Z_DRAG)
        self.item.setOpacity(0.8)
        self.indicator = QGraphicsRectItem()
        self.indicator.setPen(QPen(Qt.PenStyle.NoPen))
        self.indicator.setBrush(QBrush(color(self.scene.style.palette, "selection")))
        self.indicator.setZValue(Z_DRAG + 1)
        self.scene.addItem(self.indicator)

    def slot(self, pos: QPointF) -> int:
        layout = self.scene.layout
        return layout.stage_slot_at(pos.x()) if self.is_stage else layout.lane_slot_at(pos.y())

    def move(self, pos: QPointF) -> None:
        delta = pos - self.start
        layout = self.scene.layout
        slot = self.slot(pos)
        if self.is_stage:
            box = self.item.box
            self.item.setPos(box.header.x + delta.x(), box.header.y)
            x = layout.column_edges[slot]
            rect = QRectF(x - 2, 0, 4, layout.height)
        else:
            self.item.setPos(0, self.item.box.y + delta.y())
            lanes = list(layout.lanes.values())
            y = lanes[slot].y if slot < len(lanes) else layout.height
            rect = QRectF(0, y - 2, layout.width, 4)
        if self.indicator is not None:
            self.indicator.setRect(rect)

    def finish(self, pos: QPointF) -> None:
        slot = self.slot(pos)
        self.cancel()
        layout = self.scene.layout
        element_id = self.item.element_id
        old = list(layout.stages if self.is_stage else layout.lanes).index(element_id)
        new = slot - 1 if slot > old else slot
        if new != old:
            signal = self.scene.stageMoveRequested if self.is_stage else self.scene.laneMoveRequested
            signal.emit(element_id, new)

    def cancel(self) -> None:
        self.item.setZValue(Z_STAGE if self.is_stage else Z_LANE)
        self.item.setOpacity(1.0)
        if self.is_stage:
            self.item.set_box(self.item.box)
        else:
            self.item.set_box(self.item.box, self.item.edges)
        if self.indicator is not None:
            self.scene.removeItem(self.indicator)
            self.indicator = None


def _top_item(scene: "MapScene", pos: QPointF) -> QGraphicsItem | None:
    for item in scene.items(pos):
        if isinstance(item, (CardItem, FlowItem, StageHeaderItem, LaneItem)):
            return item
    return None


def element_at(scene: "MapScene", pos: QPointF, zoom: float) -> str | None:
    """The element a click at `pos` means (a card, header or lane, else a flow within a few pixels), if any."""
    item = _top_item(scene, pos) or flow_near(scene, pos, zoom)
    return item.element_id if item is not None else None


def _zoom(event: QGraphicsSceneMouseEvent) -> float:
    """The scale of the view the event came from (a flow is picked within pixels on screen)."""
    widget = event.widget()
    view = widget.parentWidget() if widget is not None else None
    return view.transform().m11() if isinstance(view, QGraphicsView) else 1.0


class GestureHandler:
    """Routes the scene's mouse events to the gesture that the press started."""

    def __init__(self, scene: "MapScene") -> None:
        self.scene = scene
        self.gesture: _Gesture | None = None

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        pos = event.scenePos()
        item = _top_item(self.scene, pos)
        toggle = bool(event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier))
        if isinstance(item, CardItem):
            if not toggle and item.on_handle(item.mapFromScene(pos)):
                self.gesture = FlowDraw(self.scene, pos, item)
                return True
            if toggle:
                item.setSelected(not item.isSelected())
            elif not item.isSelected():
                self.scene.clearSelection()
                item.setSelected(True)
            item.setFocus()
            cards = [i for i in self.scene.selectedItems() if isinstance(i, CardItem)]
            if item.isSelected():
                self.gesture = CardDrag(self.scene, pos, cards)
            return True
        if item is None or isinstance(item, FlowItem):
            flow = flow_near(self.scene, pos, _zoom(event)) if item is None else item
            if flow is None:
                return False  # (the view starts a rubber band)
            if toggle:
                flow.setSelected(not flow.isSelected())
            elif not flow.isSelected():
                self.scene.clearSelection()
                flow.setSelected(True)
            return True
        if isinstance(item, (StageHeaderItem, LaneItem)):
            if toggle:
                item.setSelected(not item.isSelected())
                return True
            self.scene.clearSelection()
            item.setSelected(True)
            self.gesture = HeaderDrag(self.scene, pos, item)
            return True
        return False

    def move(self, event: QGraphicsSceneMouseEvent) -> bool:
        gesture = self.gesture
        if gesture is None:
            return False
        pos = event.scenePos()
        if not gesture.active:
            screen_distance = (event.screenPos() - event.buttonDownScreenPos(Qt.MouseButton.LeftButton))
            if screen_distance.manhattanLength() < QApplication.startDragDistance() and \
                    (pos - gesture.start).manhattanLength() < 4:
                return True
            gesture.begin()
        gesture.move(pos)
        return True

    def release(self, event: QGraphicsSceneMouseEvent) -> bool:
        gesture, self.gesture = self.gesture, None
        if gesture is None:
            return False
        if gesture.active:
            gesture.finish(event.scenePos())
        return True

    def cancel(self) -> None:
        gesture, self.gesture = self.gesture, None
        if gesture is not None and gesture.active:
            gesture.cancel()

    def point(self, event: QGraphicsSceneMouseEvent) -> None:
        """The mouse moves with no button down: a flow within a few pixels (and no card or header under
        the mouse) comes forward, and the pointer says it can be picked."""
        pos = event.scenePos()
        top = _top_item(self.scene, pos)
        flow = top if isinstance(top, FlowItem) else flow_near(self.scene, pos, _zoom(event)) if top is None else None
        self.scene.emphasis.point_at_flow(flow)
        widget = event.widget()
        if widget is not None:
            if flow is not None:
                widget.setCursor(Qt.CursorShape.PointingHandCursor)
            elif widget.cursor().shape() == Qt.CursorShape.PointingHandCursor:
                widget.unsetCursor()

    def double_click(self, event: QGraphicsSceneMouseEvent) -> bool:
        pos = event.scenePos()
        item = _top_item(self.scene, pos)
        if item is None:  # (as a click does: a flow a few pixels away is the one meant)
            item = flow_near(self.scene, pos, _zoom(event))
        if isinstance(item, (CardItem, FlowItem, StageHeaderItem, LaneItem)):
            self.scene.editRequested.emit(item.element_id)
            return True
        layout = self.scene.layout
        cell = layout.cell_at(pos.x(), pos.y()) if layout else None
        if cell is not None:
            lane_y = layout.lanes[cell.persona].y
            position = layout.card_slot_at(cell.persona, cell.stage, pos.y() - lane_y)
            self.scene.addCardRequested.emit(cell.persona, cell.stage, position)
            return True
        return False


__all__ = ["GestureHandler", "CardDrag", "FlowDraw", "HeaderDrag", "element_at"]
