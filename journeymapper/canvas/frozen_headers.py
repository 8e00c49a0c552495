"""Headers that stay: the stage names along the top and the persona names down the left of a map
stay in sight while it scrolls, like a spreadsheet's frozen panes.

Two small views of the same scene lie over the canvas's edges. The top one shows the stage header
row, scrolled sideways with the canvas; the left one shows the lanes' header column, scrolled up
and down with it; a corner covers where they meet. Each shows only while its headers are scrolled
out of the canvas's sight, at the canvas's zoom. They are views, not pictures: a header in them is
the header itself (selected, renamed and dragged as on the canvas, its tooltip and menu the same).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

if TYPE_CHECKING:
    from .view import MapView

class _Pane(QGraphicsView):
    """One frozen strip of the scene: no scroll bars, the canvas's zoom, what `show_area` says."""

    def __init__(self, canvas: MapView) -> None:
        super().__init__(canvas.scene(), canvas)
        self.canvas = canvas
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setRenderHints(canvas.renderHints())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # (keys stay with the canvas)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.hide()

    def show_area(self, area: QRectF, zoom: float) -> None:
        if abs(self.transform().m11() - zoom) > 1e-9:
            self.resetTransform()
            self.scale(zoom, zoom)
        self.setSceneRect(area)
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())

    def wheelEvent(self, event) -> None:  # noqa: N802
        self.canvas.wheelEvent(event)  # (the wheel scrolls and zooms the canvas, wherever the mouse is)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        scene_point = self.mapToScene(event.pos())
        self.canvas.context_menu_at(scene_point, event.globalPos())


class FrozenHeaders:
    """Keeps a canvas's stage and persona headers in sight (see the module's docstring)."""

    def __init__(self, canvas: MapView) -> None:
        self.canvas = canvas
        self.top = _Pane(canvas)
        self.top.setObjectName("frozen-stage-headers")
        self.left = _Pane(canvas)
        self.left.setObjectName("frozen-persona-headers")
        # A line where a frozen strip ends, as under a spreadsheet's frozen row.
        self.top.setStyleSheet("#frozen-stage-headers { border: none; border-bottom: 1px solid palette(mid); }")
        self.left.setStyleSheet("#frozen-persona-headers { border: none; border-right: 1px solid palette(mid); }")
        self.corner = QWidget(canvas)
        self.corner.setObjectName("frozen-corner")
        self.corner.setAutoFillBackground(True)
        self.corner.hide()

    def update(self) -> None:
        """Place the panes for where the canvas is scrolled and how far it is zoomed."""
        canvas = self.canvas
        layout = canvas.map_scene().layout
        port = canvas.viewport().geometry()  # (in the canvas's coordinates: the panes are its children)
        if layout is None or not layout.lanes or port.isEmpty():
            self._hide_all()
            return
        zoom = canvas.zoom()
        seen = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
        header_h = layout.header_height
        header_w = next(iter(layout.lanes.values())).header.w
        show_top = seen.top() > 0.5 and header_h * zoom >= 8  # scrolled past the stage names (and they read)
        show_left = seen.left() > 0.5 and header_w * zoom >= 8
        top_h = round(header_h * zoom) if show_top else 0
        left_w = round(header_w * zoom) if show_left else 0
        if show_top:
            self.top.setGeometry(port.x(), port.y(), port.width(), top_h)
            self.top.show_area(QRectF(seen.left(), 0, seen.width(), header_h), zoom)
            self.top.show()
            self.top.raise_()
        else:
            self.top.hide()
        if show_left:
            self.left.setGeometry(port.x(), port.y() + top_h, left_w, port.height() - top_h)
            self.left.show_area(QRectF(0, seen.top() + top_h / zoom, header_w, seen.height()), zoom)
            self.left.show()
            self.left.raise_()
        else:
            self.left.hide()
        if show_top and show_left:
            self.corner.setGeometry(port.x(), port.y(), left_w, top_h)
            palette = self.corner.palette()
            palette.setColor(self.corner.backgroundRole(), canvas.backgroundBrush().color()
                             if canvas.backgroundBrush().style() != Qt.BrushStyle.NoBrush
                             else canvas.map_scene().backgroundBrush().color())
            self.corner.setPalette(palette)
            self.corner.show()
            self.corner.raise_()
        else:
            self.corner.hide()

    def _hide_all(self) -> None:
        for widget in (self.top, self.left, self.corner):
            widget.hide()

    def shown(self) -> tuple[bool, bool]:
        """(the stage row is frozen in sight, the persona column is)."""
        return self.top.isVisible(), self.left.isVisible()


__all__ = ["FrozenHeaders"]
