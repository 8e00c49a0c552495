"""The canvas view: zoom (Ctrl+wheel, Ctrl+plus/minus, fit), pan (scroll bars, wheel, space-drag),
rubber-band selection, and arrow keys that move the selection between cards."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPixmapCache, QWheelEvent
from PySide6.QtWidgets import QGraphicsView

from .items import CardItem
from .scene import MapScene

MIN_ZOOM, MAX_ZOOM = 0.05, 8.0
ZOOM_STEP = 1.2
PICTURE_CACHE_KB = 96 * 1024


class MapView(QGraphicsView):
    zoomChanged = Signal(float)

    def __init__(self, scene: MapScene, parent=None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._space_down = False
        # Cards and short flows are cached as pictures; give the cache room for a big screen's worth.
        if QPixmapCache.cacheLimit() < PICTURE_CACHE_KB:
            QPixmapCache.setCacheLimit(PICTURE_CACHE_KB)

    def map_scene(self) -> MapScene:
        return self.scene()  # type: ignore[return-value]

    # -- what is on screen: a big map makes its card and flow items as they come into view --
    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        super().scrollContentsBy(dx, dy)
        self.map_scene().reveal_in_views()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.map_scene().reveal_in_views()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.map_scene().reveal_in_views()

    # -- zoom ----------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        current = self.zoom()
        if current > 0 and abs(factor - current) > 1e-9:
            self.scale(factor / current, factor / current)
            self.map_scene().reveal_in_views()
            self.zoomChanged.emit(self.zoom())

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    def zoom_fit(self) -> None:
        rect: QRectF = self.scene().itemsBoundingRect()
        if rect.isEmpty():
            return
        self.fitInView(rect.adjusted(-20, -20, 20, 20), Qt.AspectRatioMode.KeepAspectRatio)
        self.map_scene().reveal_in_views()
        if self.zoom() > MAX_ZOOM or self.zoom() < MIN_ZOOM:
            self.set_zoom(self.zoom())
        self.zoomChanged.emit(self.zoom())

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_zoom(self.zoom() * (ZOOM_STEP ** steps))
            event.accept()
            return
        super().wheelEvent(event)

    # -- keys ----------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key == Qt.Key.Key_Space and not event.isAutoRepeat() and not self._space_down:
            self._space_down = True
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
            self.setInteractive(False)
            event.accept()
            return
        arrows = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        if key in arrows and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if self.step_selection(*arrows[key]):
                event.accept()
                return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self._space_down:
            self._space_down = False
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
            self.setInteractive(True)
            event.accept()
            return
        super().keyReleaseEvent(event)

    def step_selection(self, dx: int, dy: int) -> bool:
        """Select the card beside the current one: left/right across stages, up/down within a lane."""
        scene = self.map_scene()
        layout = scene.layout
        if layout is None or not layout.cards:
            return False
        selected = [i for i in scene.selectedItems() if isinstance(i, CardItem)]
        if not selected:
            first = next(iter(layout.cards))
            scene.select_only([first])
            self.ensure_visible(first)
            return True
        current = layout.cards[selected[-1].element_id]
        target = _neighbour(layout, current.id, dx, dy)
        if target is None:
            return True
        scene.select_only([target])
        self.ensure_visible(target)
        return True

    def ensure_visible(self, element_id: str) -> None:
        item = self.map_scene().item_for(element_id)
        if item is not None:
            item.setFocus()
            self.ensureVisible(item, 40, 40)


def _neighbour(layout, card_id: str, dx: int, dy: int) -> str | None:
    card = layout.cards[card_id]
    stages = list(layout.stages)
    lanes = list(layout.lanes)
    if dy:
        cell = layout.cards_in(card.persona, card.stage)
        position = card.position + dy
        if 0 <= position < len(cell):
            return cell[position].id
        # Beyond the cell: the nearest card of the same stage in the next lane that has one.
        lane_index = lanes.index(card.persona) + dy
        while 0 <= lane_index < len(lanes):
            cards = layout.cards_in(lanes[lane_index], card.stage)
            if cards:
                return (cards[0] if dy > 0 else cards[-1]).id
            lane_index += dy
        return None
    stage_index = stages.index(card.stage) + dx
    while 0 <= stage_index < len(stages):
        cards = layout.cards_in(card.persona, stages[stage_index])
        if cards:
            return cards[min(card.position, len(cards) - 1)].id
        stage_index += dx
    return None
