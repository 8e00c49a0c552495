"""A big map seen whole: its cards and flows drawn as plain shapes while the view is zoomed out too
far to read them.

A big map's scene makes card and flow items only for the parts a view shows (see reveal.py).
Zoomed out to see all of a 5,000-card map, a view would show every part, and making twelve
thousand items took seconds, for cards a few pixels wide. Below `OVERVIEW_ZOOM` the scene makes
no more items; this one item draws every card as a box in its colour and every flow as a line,
from the layout, under the items that exist. Zooming back in makes the items of what is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ..layout.map_layout import MapLayout
from ..layout.style import Style
from .painting import color, cubic_path

OVERVIEW_ZOOM = 0.3
"""Below this zoom a card's title is under 3 pixels high: nobody reads it, so no items are made."""
Z_OVERVIEW = 3.5
"""Over the lanes, the lists and the curves; under the flows and cards that have items."""


class OverviewItem(QGraphicsItem):
    """Every card and flow of the layout, as shapes; drawn only at overview zoom."""

    def __init__(self, layout: MapLayout, style: Style) -> None:
        super().__init__()
        self.setZValue(Z_OVERVIEW)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.layout = layout
        self.style = style
        self._paths: tuple[QPainterPath, dict[str, QPainterPath], QPainterPath] | None = None

    def set_layout(self, layout: MapLayout, style: Style) -> None:
        if layout is not self.layout or style is not self.style:
            self.prepareGeometryChange()
            self.layout, self.style = layout, style
            self._paths = None
            self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return QRectF(0, 0, self.layout.width, self.layout.height)

    def _shapes(self) -> tuple[QPainterPath, dict[str, QPainterPath], QPainterPath]:
        """(card boxes, each bar colour's bars, flow lines), made once per layout."""
        if self._paths is None:
            layout, s = self.layout, self.style
            boxes, flows = QPainterPath(), QPainterPath()
            bars: dict[str, QPainterPath] = {}
            for card_id, card in layout.cards.items():
                r = layout.card_rect(card_id)
                boxes.addRect(r.x, r.y, r.w, r.h)
                bars.setdefault(card.bar_color, QPainterPath()).addRect(r.x, r.y, s.card_bar, r.h)
            for path in layout.flows.values():
                dy = layout.lanes[path.lane].y if path.lane is not None else 0.0
                flows.addPath(cubic_path(path.path, dy=dy))
            self._paths = (boxes, bars, flows)
        return self._paths

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform()) >= OVERVIEW_ZOOM:
            return  # (the items are there: this picture is only for a map seen whole)
        boxes, bars, flows = self._shapes()
        palette = self.style.palette
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # (shapes of a few pixels: faster, as sharp)
        flow_pen = QPen(color(palette, "flow"), 0)  # (0: one pixel wide at any zoom)
        painter.setPen(flow_pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(flows)
        painter.setPen(QPen(color(palette, "card_border"), 0))
        painter.setBrush(QBrush(color(palette, "card")))
        painter.drawPath(boxes)
        painter.setPen(Qt.PenStyle.NoPen)
        for name, path in bars.items():
            painter.setBrush(QBrush(color(palette, name)))
            painter.drawPath(path)
