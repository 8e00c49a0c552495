"""The canvas view: zoom (Ctrl+wheel, Ctrl+plus/minus, fit), pan (scroll bars, wheel, space-drag),
rubber-band selection, and arrow keys that move the selection between cards."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QPainter, QPixmapCache, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QLabel

from ..i18n import N_, _
from .accessible import install as install_accessibility
from .frozen_headers import FrozenHeaders
from .gestures import element_at
from .items import CardItem
from .overview import OVERVIEW_ZOOM
from .scene import MapScene

CANVAS_KEYS: tuple[tuple[str, str], ...] = (
    (N_("Arrow keys"), N_("Select the card beside the selected one")),
    (N_("Ctrl+mouse wheel"), N_("Zoom in and out where the mouse is")),
    (N_("Space+drag"), N_("Move the map in the window")),
    (N_("Mouse wheel"), N_("Scroll the map")),
    (N_("Double-click an empty spot"), N_("Add a touchpoint there")),
    (N_("Double-click a card or a name"), N_("Rename it in place (Enter keeps, Esc cancels)")),
    (N_("Drag a card"), N_("Move it to another place, stage or persona")),
    (N_("Drag from a card's right handle"), N_("Draw a flow to another card")),
    (N_("Drag a stage or persona name"), N_("Move the column or the row")),
    (N_("Drag over an empty area"), N_("Select the cards in a rectangle")),
    (N_("Right-click"), N_("What you can do with what is under the mouse")),
)
"""What the canvas does with keys and the mouse beyond the menus' actions (Help > Keyboard Shortcuts),
kept beside the code that does it. Marked with `N_`: the help shows them through `_()`."""
# TRANSLATORS: shown on an empty map; "+ Touchpoint" and "Help ▸ Getting Started" name a button and a menu item.
EMPTY_MAP_HINT = N_("Double-click an empty spot under a stage to add a touchpoint (or press + Touchpoint).  "
                    "Help ▸ Getting Started shows the first steps.")
MIN_ZOOM, MAX_ZOOM = 0.01, 8.0
READABLE_ZOOM = 0.75
"""The smallest zoom at which a card's title reads comfortably on a screen."""
FIT_MARGIN = 20.0
ZOOM_STEP = 1.2
PICTURE_CACHE_KB = 96 * 1024


class MapView(QGraphicsView):
    zoomChanged = Signal(float)
    painted = Signal()
    """The canvas was painted for the first time (a window on a map is on the screen)."""
    contextMenuRequested = Signal(object, QPointF, QPoint)
    """A right-click: the element under the mouse (None: an empty spot), its scene point, the screen point."""

    def __init__(self, scene: MapScene, parent=None) -> None:
        super().__init__(scene, parent)
        # First, before anything a screen reader hears of: Qt keeps the first interface it makes for a widget.
        self.accessibility = install_accessibility(self)
        """The map's elements for screen readers: the view's accessible children (accessible.py)."""
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
        self._painted_once = False
        self._frame_pending: tuple[float | None] | None = None
        """A map's first framing, waiting for the view to be shown (`frame_opened_map`)."""
        self.frozen = FrozenHeaders(self)
        # (a child of the view, not of its viewport, whose scrolling would carry it along)
        self.hint = QLabel(_(EMPTY_MAP_HINT), self)
        self.hint.setObjectName("empty-map-hint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setStyleSheet("#empty-map-hint { background: palette(tooltip-base); color: palette(tooltip-text);"
                                " border: 1px solid palette(mid); border-radius: 6px; padding: 8px 14px; }")
        scene.synced.connect(self._synced)  # (a slot of the view: it goes with the view)
        self._show_hint()
        # Cards and short flows are cached as pictures; give the cache room for a big screen's worth.
        if QPixmapCache.cacheLimit() < PICTURE_CACHE_KB:
            QPixmapCache.setCacheLimit(PICTURE_CACHE_KB)

    def map_scene(self) -> MapScene:
        return self.scene()  # type: ignore[return-value]

    # -- what is on screen: a big map makes its card and flow items as they come into view --
    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        super().scrollContentsBy(dx, dy)
        scene = self.map_scene()
        if scene is None:  # the scene went first while the window closes: nothing to reveal
            return
        scene.reveal_in_views()
        self.frozen.update()

    def _synced(self) -> None:
        self._show_hint()
        self.frozen.update()

    def _show_hint(self) -> None:
        """An empty map says how to begin (the hint goes with its first card)."""
        empty = not self.map_scene().doc.touchpoints
        self.hint.setVisible(empty)
        if empty:
            self.hint.adjustSize()
            port = self.viewport().geometry()
            self.hint.move(port.x() + max(8, (port.width() - self.hint.width()) // 2),
                           port.y() + max(8, port.height() - self.hint.height() - 16))
            self.hint.raise_()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._show_hint()
        self.frozen.update()
        self.map_scene().reveal_in_views()

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._painted_once:
            self._painted_once = True
            QTimer.singleShot(0, self, self.painted.emit)  # (after this paint is on the screen)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._frame()
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
            self.frozen.update()
            self.zoomChanged.emit(self.zoom())

    def _near_items(self, point: QPoint) -> None:
        """Zoomed out to the overview, a click must still find the card under it: that part gets its items."""
        if self.zoom() < OVERVIEW_ZOOM and self.map_scene().makes_items_in_parts:
            pos = self.mapToScene(point)
            reach = 40 / self.zoom()
            self.map_scene().reveal(QRectF(pos.x() - reach, pos.y() - reach, 2 * reach, 2 * reach))

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.map_scene().set_focus_ring(False)  # (a click shows where it is: no ring needed)
        self._near_items(event.position().toPoint())
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        self._near_items(event.position().toPoint())
        super().mouseDoubleClickEvent(event)

    def zoom_in(self) -> None:
        self._frame_pending = None
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._frame_pending = None
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def zoom_reset(self) -> None:
        self._frame_pending = None
        self.set_zoom(1.0)

    def map_rect(self) -> QRectF:
        """The map's extent in the scene (from its layout: no item is asked, none is made)."""
        layout = self.map_scene().layout
        if layout is None:
            return QRectF()
        return QRectF(0, 0, layout.width, layout.height)

    def fit_zoom(self) -> float:
        """The zoom at which the whole map fits the window."""
        rect, port = self.map_rect(), self.viewport().size()
        if rect.isEmpty() or port.isEmpty():
            return 1.0
        return min((port.width() - 2 * FIT_MARGIN) / rect.width(), (port.height() - 2 * FIT_MARGIN) / rect.height())

    def zoom_fit(self) -> None:
        """The whole map in the window, its top-left corner first if even the smallest zoom cannot fit it."""
        self._frame_pending = None
        if self.map_rect().isEmpty():
            return
        self.set_zoom(self.fit_zoom())
        self.show_top_left()

    def show_top_left(self) -> None:
        """Scroll to the map's top-left corner: the first stage's and first persona's names in sight."""
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())
        self.map_scene().reveal_in_views()

    def frame_opened_map(self, saved_zoom: float | None = None) -> None:
        """How a map first shows: the whole map when it is readable so (never above 100 %), else the
        top-left corner at 100 %; a zoom saved with the map wins. A view not shown yet
        does it when it is (its size is known then), unless zoomed before."""
        self._frame_pending = (saved_zoom,)
        if self.isVisible():  # (a view just put in a shown window gets its size when the events run)
            QTimer.singleShot(0, self, self._frame)

    def _frame(self) -> None:
        if self._frame_pending is None:
            return
        (saved_zoom,) = self._frame_pending
        self._frame_pending = None
        fit = self.fit_zoom()
        zoom = saved_zoom if saved_zoom is not None else min(1.0, fit) if fit >= READABLE_ZOOM else 1.0
        self.set_zoom(zoom)
        self.show_top_left()
        self.zoomChanged.emit(self.zoom())

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            self._frame_pending = None
            if steps:
                self.set_zoom(self.zoom() * (ZOOM_STEP ** steps))
            event.accept()
            return
        super().wheelEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        self._near_items(event.pos())
        self.context_menu_at(self.mapToScene(event.pos()), event.globalPos())
        event.accept()

    def context_menu_at(self, pos: QPointF, global_pos: QPoint) -> None:
        """A right-click at scene point `pos` (on the canvas, or on a frozen header over it)."""
        self.contextMenuRequested.emit(element_at(self.map_scene(), pos, self.zoom()), pos, global_pos)

    # -- keys ----------------------------------------------------------------
    def focusInEvent(self, event) -> None:  # noqa: N802
        scene = self.map_scene()
        keyboard = event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
        if keyboard:
            scene.set_focus_ring(True)  # reached with the keyboard: show where the focus is
        super().focusInEvent(event)
        if keyboard and scene.focusItem() is None:  # the selected card takes the focus (a screen reader says it)
            cards = [item for item in scene.selectedItems() if isinstance(item, CardItem)]
            if cards:
                cards[-1].setFocus(Qt.FocusReason.TabFocusReason)

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
            self.map_scene().set_focus_ring(True)
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
