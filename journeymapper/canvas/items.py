"""The scene's items: each draws one piece of the layout and never changes the model.

Lane items are the parents of everything in their lane (cards, the emotion
curve, the lists, in-lane flows), matching the layout's lane coordinates: when
a lane moves down, only the lane item moves.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from ..i18n import N_, _
from ..layout import card_look, map_look
from ..layout.card_tips import HANDLE_TIP, card_tip
from ..layout.elements import CardBox, CurveBox, FlowPath, LaneBox, ListItem, StageBox
from ..layout.geometry import Point
from ..layout.glyphs import flow_head
from ..layout.headers import header_tip
from ..layout.map_layout import CURVE_INSET
from ..layout.style import Palette, Style
from .overview import OVERVIEW_ZOOM
from .page_painter import QtPagePainter
from .painting import color, cubic_path, pen, plain_tooltip, qrect, selection_handles

HANDLE_RADIUS = 5.0
FOCUS_RING_OFFSET = 3.5
"""The focus ring's gap around a card (points): it rings the card, where the selection marks its frame."""
FOCUS_RING_PIXELS = 2.0
"""The ring's width on the screen, whatever the zoom."""
CARD_MARGIN = FOCUS_RING_OFFSET + 1.5
"""A card's bounds reach this far beyond its box, for the focus ring."""
FLOW_CACHE_AREA = 120_000.0
"""Flows whose bounds are smaller than this (in square points) are cached as pictures."""

Z_LANE, Z_STAGE, Z_LIST, Z_CURVE, Z_FLOW, Z_CARD, Z_LABEL, Z_DRAG = 0, 1, 2, 3, 4, 5, 6, 20
Z_FLOW_FRONT = Z_FLOW + 0.5
"""A hovered card's flows: in front of the other flows (`emphasis`), still under cards and labels."""

# Qt enum members looked up once: each lookup through PySide's enum types costs about a
# microsecond, and a big map makes tens of thousands of items.
_CACHED = QGraphicsItem.CacheMode.DeviceCoordinateCache
_NOT_CACHED = QGraphicsItem.CacheMode.NoCache
_SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
_CARD_FLAGS = _SELECTABLE | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
_ANTIALIASED = QPainter.RenderHint.Antialiasing
_NO_PEN = Qt.PenStyle.NoPen
_INVISIBLE = QPen(_NO_PEN)
_NO_BRUSH = Qt.BrushStyle.NoBrush


def _polygon(points: tuple[Point, ...], dx: float = 0.0, dy: float = 0.0) -> QPolygonF:
    return QPolygonF([QPointF(p.x + dx, p.y + dy) for p in points])


def _card_bounds(w: float, h: float) -> QRectF:
    """A card's bounds: its box, the flow handle on its right edge, and room for the focus ring."""
    return QRectF(-CARD_MARGIN, -CARD_MARGIN, max(w + HANDLE_RADIUS + 4, w + CARD_MARGIN) + CARD_MARGIN,
                  h + 2 * CARD_MARGIN)


def too_small_to_read(painter: QPainter) -> bool:
    """Whether the view is zoomed out below `OVERVIEW_ZOOM`: cards are boxes then (see overview.py)."""
    return QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform()) < OVERVIEW_ZOOM


class _Item(QGraphicsRectItem):
    """Common ground: every item knows the element it shows and the style to draw with.

    Not QGraphicsObjects: a big map has tens of thousands of items, and items
    never emit signals (gestures live in the scene). Each item's bounds are its
    `rect()`, kept in C++: Qt asks for bounds far more often than it paints (the
    scene's index re-reads every item of a lane that moves), and a bounding rect
    answered in Python costs a call into the interpreter each time. Subclasses
    set the rect (`setRect`) and paint; the rect item's own pen and brush stay unused.
    """

    def __init__(self, element_id: str, style: Style, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.setPen(_INVISIBLE)  # bounds are exactly rect(): paint code fills them
        self.element_id = element_id
        self.style = style

    @property
    def palette(self) -> Palette:
        return self.style.palette



STAGE_HELP = N_("A stage (a column of the map): double-click its name to rename it, drag it to move the column, "
                "right-click for more")
"""The stage header's tooltip, above its KPIs (shown through `_()`)."""


class StageHeaderItem(_Item):
    """A stage's header: name, goal, KPIs with value-against-target bars. Drag it to reorder columns."""

    def __init__(self, box: StageBox, style: Style) -> None:
        super().__init__(box.id, style)
        self.box = box
        self.setZValue(Z_STAGE)
        self.setFlag(_SELECTABLE)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.set_box(box)

    def set_box(self, box: StageBox) -> None:
        self.box = box
        self.setRect(QRectF(0, 0, box.header.w, box.header.h))
        self.setPos(box.header.x, box.header.y)
        self.setToolTip(plain_tooltip(header_tip(_(STAGE_HELP), box.kpis)))  # (each KPI's readings in full)
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        box, p = self.box, self.palette
        page = QtPagePainter.at(painter, p, -box.header.x, -box.header.y)
        map_look.stage_header(page, box)
        if self.isSelected():
            painter.setPen(pen(color(p, "selection"), 2))
            painter.setBrush(_NO_BRUSH)
            painter.drawRect(self.boundingRect().adjusted(1, 1, -1, -1))


class LaneItem(_Item):
    """A persona's swimlane: colour bar, header, row labels, cell grid. Parent of the lane's content."""

    def __init__(self, box: LaneBox, style: Style, edges: tuple[float, ...]) -> None:
        super().__init__(box.id, style)
        self.box = box
        self.edges = edges
        """Where the stage columns begin and end (MapLayout.column_edges): the cell grid's lines."""
        self.setZValue(Z_LANE)
        self.setToolTip(_("A persona (a row of the map): double-click its name to rename it, drag it to move the "
                          "row, right-click for more"))
        self.setFlag(_SELECTABLE)
        self.set_box(box, edges)

    def set_box(self, box: LaneBox, edges: tuple[float, ...]) -> None:
        old, old_edges = self.box, self.edges
        self.box = box
        self.edges = edges
        self.setRect(QRectF(0, 0, box.width, box.height))  # (a new size repaints the lane)
        self.setPos(0, box.y)
        if replace(old, y=box.y) != box or edges != old_edges:
            self.update()  # a lane that only moved keeps its picture

    def header_rect(self) -> QRectF:
        return QRectF(0, 0, self.box.header.w, self.box.height)

    def shape(self) -> QPainterPath:
        # Only the header grabs the mouse: clicks in the cells go to the scene (rubber band, double-click).
        path = QPainterPath()
        path.addRect(self.header_rect())
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        box, p = self.box, self.palette
        emotion = box.row("emotion")
        axis = (emotion.rect.y + CURVE_INSET, emotion.rect.bottom - CURVE_INSET) if emotion is not None else None
        map_look.lane_frame(QtPagePainter.at(painter, p, 0, 0), box, self.edges, self.style, axis)
        if self.isSelected():
            painter.setPen(pen(color(p, "selection"), 2))
            painter.setBrush(_NO_BRUSH)
            painter.drawRect(self.header_rect().adjusted(1, 1, -1, -1))


class CardItem(_Item):
    """A touchpoint card. Selectable and focusable; its right-edge handle starts a flow."""

    def __init__(self, box: CardBox, style: Style, parent: QGraphicsItem | None) -> None:
        super().__init__(box.id, style)
        self.box = box
        self.hovered = False
        self.emphasised = False
        """Outlined: a selected flow starts or ends here (`emphasis`)."""
        self.setZValue(Z_CARD)
        # A card is redrawn from a cached picture while other things move (drags, scrolling).
        self.setCacheMode(_CACHED)
        self.setFlags(_CARD_FLAGS)
        self.setAcceptHoverEvents(True)  # the cursor and the flow handle follow the hover
        r = box.rect
        self.setRect(_card_bounds(r.w, r.h))
        self.setPos(r.x, r.y)
        if parent is not None:
            self.setParentItem(parent)

    def set_box(self, box: CardBox) -> None:
        self.box = box
        self._set_bounds()
        self.setPos(box.rect.x, box.rect.y)
        self.update()

    def _set_bounds(self) -> None:
        r = self.box.rect
        self.setRect(_card_bounds(r.w, r.h))

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(QRectF(0, 0, self.box.rect.w + HANDLE_RADIUS, self.box.rect.h))
        return path

    def handle_center(self) -> QPointF:
        return QPointF(self.box.rect.w, self.box.rect.h / 2)

    def on_handle(self, local: QPointF) -> bool:
        c = self.handle_center()
        return (local.x() - c.x()) ** 2 + (local.y() - c.y()) ** 2 <= (HANDLE_RADIUS + 3) ** 2

    def set_emphasised(self, on: bool) -> None:
        if on != self.emphasised:
            self.emphasised = on
            self.update()

    def _hover(self, inside: bool) -> None:
        self.hovered = inside
        self.update()
        emphasis = getattr(self.scene(), "emphasis", None)
        if emphasis is not None:
            emphasis.hover_card(self, inside)

    def focusInEvent(self, event) -> None:  # noqa: N802
        self.update()  # (the focus ring)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        self.update()

    def shows_focus_ring(self) -> bool:
        """Whether the card has the keyboard focus and was reached with the keyboard (not a click)."""
        return self.hasFocus() and getattr(self.scene(), "show_focus_ring", False)

    def hoverEnterEvent(self, event) -> None:
        self._hover(True)

    def hoverLeaveEvent(self, event) -> None:
        self._hover(False)

    def hoverMoveEvent(self, event) -> None:
        on_handle = self.on_handle(event.pos())
        self.setCursor(Qt.CursorShape.CrossCursor if on_handle else Qt.CursorShape.PointingHandCursor)
        r = self.box.rect
        tip = _(HANDLE_TIP) if on_handle else card_tip(self.box, r.x + event.pos().x(), r.y + event.pos().y(),
                                                       self.style)
        self.setToolTip(plain_tooltip(tip))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        box, p = self.box, self.palette
        selected = self.isSelected()
        marked = selected or self.emphasised
        if too_small_to_read(painter):  # a map seen whole: the card as the overview draws it, a box and its bar
            painter.setPen(pen(color(p, "selection" if marked else "card_border"), 0))
            # (a picked card is filled, not only outlined in another colour: seen whole, it stands out by
            # its lightness, whatever colours the reader tells apart)
            painter.setBrush(QBrush(color(p, "selection" if selected else "card")))
            painter.drawRect(QRectF(0, 0, box.rect.w, box.rect.h))
            painter.fillRect(QRectF(0, 0, self.style.card_bar, box.rect.h), color(p, box.bar_color))
            if self.shows_focus_ring():
                self._paint_focus_ring(painter)
            return
        painter.setRenderHint(_ANTIALIASED)
        # The card as it prints (`layout.card_look`), its frame in the selection colour when it is picked.
        card_look.whole_card(QtPagePainter.at(painter, p, -box.rect.x, -box.rect.y), box, self.style,
                             "selection" if marked else "card_border", 2.0 if selected else 1.5 if marked else 0.8)
        if self.hovered or selected:
            painter.setPen(pen(color(p, "selection"), 1.2))
            painter.setBrush(QBrush(color(p, "card")))
            painter.drawEllipse(self.handle_center(), HANDLE_RADIUS, HANDLE_RADIUS)
        if selected:  # (handles: picked shows by shape, not by the frame's colour alone)
            selection_handles(painter, box.rect.w, box.rect.h, p)
        if self.shows_focus_ring():
            self._paint_focus_ring(painter)

    def _paint_focus_ring(self, painter: QPainter) -> None:
        """Where the keyboard is: a dashed ring in the text's ink around the card, apart from its frame,
        so it tells itself from the selection (a solid frame on the card) by its shape, not its colour."""
        ring = QPen(color(self.palette, "text"), FOCUS_RING_PIXELS)
        ring.setCosmetic(True)  # (as wide on the screen at any zoom)
        ring.setDashPattern([3, 2])
        painter.setPen(ring)
        painter.setBrush(_NO_BRUSH)
        r, gap = self.box.rect, FOCUS_RING_OFFSET
        radius = self.style.card_radius + gap
        painter.drawRoundedRect(QRectF(-gap, -gap, r.w + 2 * gap, r.h + 2 * gap), radius, radius)


class FlowItem(_Item):
    """An arrow between two cards: solid for next, dashed for alternative, dotted for loop."""

    def __init__(self, path: FlowPath, style: Style, parent: QGraphicsItem | None) -> None:
        super().__init__(path.id, style)
        self.flow = path
        self.in_front = False
        """Drawn forward: the card under the mouse is one of its two (`emphasis`)."""
        self._tip = False
        self.setZValue(Z_FLOW)
        self.setFlag(_SELECTABLE)
        self.label_item: FlowLabelItem | None = None
        self.set_path(path)
        if parent is not None:
            self.setParentItem(parent)

    def set_path(self, path: FlowPath) -> None:
        self.flow = path
        # Painter paths are made when first needed (painting, hit tests): a big map has
        # thousands of flows, most of them off screen.
        self._path = None
        self._shape = None
        self._arrow = None
        # The curve lies inside its control points; the arrow head and the pen need a margin.
        segments = path.path
        if len(segments) == 1:
            x0, y0, x1, y1, x2, y2, x3, y3 = segments[0]
            left, right = min(x0, x1, x2, x3), max(x0, x1, x2, x3)
            top, bottom = min(y0, y1, y2, y3), max(y0, y1, y2, y3)
        else:
            xs = [x for segment in segments for x in segment[0::2]]
            ys = [y for segment in segments for y in segment[1::2]]
            left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
        width, height = right - left + 20.0, bottom - top + 20.0
        self.setRect(left - 10.0, top - 10.0, width, height)
        # Stroking an antialiased dashed curve is slow; a short flow (the usual one, between
        # neighbouring cards) is kept as a small picture and redrawn from it while things around it
        # change. Long flows would make big pictures, so they are stroked each time.
        # Setting the cache mode also drops the old picture, which a moved flow must not reuse.
        self.setCacheMode(_CACHED if width * height < FLOW_CACHE_AREA else _NOT_CACHED)
        if path.full_label is not None or self._tip:  # (a label cut short on the map, in full)
            self.setToolTip(plain_tooltip(path.full_label))
            self._tip = path.full_label is not None
        self.update()

    def set_in_front(self, on: bool) -> None:
        if on != self.in_front:
            self.in_front = on
            self.setZValue(Z_FLOW_FRONT if on else Z_FLOW)
            self.update()

    def painter_path(self) -> QPainterPath:
        if self._path is None:
            self._path = cubic_path(self.flow.path)
        return self._path

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(8)
            self._shape = stroker.createStroke(self.painter_path())
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        selected = self.isSelected()
        ink = color(self.palette, "selection" if selected or self.in_front else "flow")
        width = self.style.flow_width * (1.8 if selected else 1.4 if self.in_front else 1.0)
        painter.setRenderHint(_ANTIALIASED)
        painter.setPen(_flow_pen(ink.rgba(), width, self.flow.kind))
        painter.setBrush(_NO_BRUSH)
        painter.drawPath(self.painter_path())
        if self._arrow is None:
            self._arrow = _polygon(flow_head(self.flow.path[-1], self.style.arrow_size))
        painter.setPen(_NO_PEN)
        painter.setBrush(QBrush(ink))
        painter.drawPolygon(self._arrow)


@lru_cache(maxsize=64)
def _flow_pen(rgba: int, width: float, kind: str) -> QPen:
    line = QPen(QColor.fromRgba(rgba), width)
    dash = map_look.FLOW_DASH.get(kind)
    if dash:  # the print's dashes (Qt counts them in pen widths)
        line.setDashPattern([d / width for d in dash])
    line.setCapStyle(Qt.PenCapStyle.FlatCap)
    return line


class FlowLabelItem(_Item):
    """A flow's label on a pill, above the cards so it stays readable."""

    def __init__(self, path: FlowPath, style: Style, parent: QGraphicsItem | None) -> None:
        super().__init__(path.id, style, parent)
        self.setZValue(Z_LABEL)
        self.flow = path

    def set_path(self, path: FlowPath) -> None:
        self.flow = path
        self.setRect(qrect(path.label_rect) if path.label_rect is not None else QRectF())
        self.setToolTip(plain_tooltip(path.full_label))
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(_ANTIALIASED)
        map_look.flow_label(QtPagePainter.at(painter, self.palette, 0, 0), self.flow)


class CurveItem(_Item):
    """A persona's emotion curve: zero line, smooth curve, one dot per card coloured by emotion."""

    def __init__(self, box: CurveBox, row: QRectF, style: Style, parent: QGraphicsItem | None) -> None:
        super().__init__(box.persona, style, parent)
        self.setZValue(Z_CURVE)
        self.box, self.row = box, row
        self.set_box(box, row)

    def set_box(self, box: CurveBox, row: QRectF) -> None:
        self.box, self.row = box, row
        self.setRect(row)
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        box = self.box
        painter.setRenderHint(_ANTIALIASED)
        page = QtPagePainter.at(painter, self.palette, 0, 0)
        map_look.curve_line(page, box, self.row.left(), self.row.right())
        if too_small_to_read(painter):
            return  # (dots of a pixel would only cost time)
        for _kind, point, emotion in box.points:
            map_look.curve_dot(page, point, emotion)


class ListsItem(_Item):
    """One lane's pain points or opportunities row: every item of every stage, with its marker."""

    def __init__(self, persona: str, kind: str, items: list[ListItem], row: QRectF, style: Style,
                 parent: QGraphicsItem | None) -> None:
        super().__init__(f"{persona}:{kind}", style, parent)
        self.setZValue(Z_LIST)
        self.kind = kind
        self.items_, self.row = items, row
        self.setRect(row)

    def set_items(self, items: list[ListItem], row: QRectF) -> None:
        self.items_, self.row = items, row
        self.setRect(row)
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(_ANTIALIASED)
        map_look.list_items(QtPagePainter.at(painter, self.palette, 0, 0), self.items_)


__all__ = ["CardItem", "CurveItem", "FlowItem", "FlowLabelItem", "LaneItem", "ListsItem", "StageHeaderItem"]
