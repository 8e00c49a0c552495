"""Render a scene to an image (screenshots for tests, the README and picture export), or a quick
outline of a big map's layout (previews too small to read anyway)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene

from ..layout.map_layout import MapLayout
from ..layout.style import Palette
from .painting import color, cubic_path, qrect


def render_scene(scene: QGraphicsScene, scale: float = 1.5, area: QRectF | None = None) -> QImage:
    """The scene (or `area` of it) drawn at `scale` pixels per point, on its background colour."""
    source = area if area is not None else scene.sceneRect()
    reveal = getattr(scene, "reveal", None)
    if reveal is not None:
        reveal(source)  # a big map's scene makes flow items only for the lanes a view has shown
    width = max(1, round(source.width() * scale))
    height = max(1, round(source.height() * scale))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(scene.backgroundBrush().color() if scene.backgroundBrush().style() else QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    scene.render(painter, QRectF(0, 0, width, height), source)
    painter.end()
    return image


def render_outline(layout: MapLayout, palette: Palette, scale: float) -> QImage:
    """The map's stages, lanes, emotion curves and cards as plain boxes, at `scale` pixels per point.

    For a preview of a big map: at a few pixels per card nothing more can be seen, and the
    scene would have to make an item for every card and flow to draw them (seconds, on a
    5,000-card map); this draws the layout's boxes directly.
    """
    width = max(1, round(layout.width * scale))
    height = max(1, round(layout.height * scale))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(color(palette, "canvas"))
    painter = QPainter(image)
    painter.scale(scale, scale)
    s = layout.style
    header, grid = color(palette, "header"), color(palette, "grid")
    card, border = color(palette, "card"), color(palette, "card_border")
    for stage in layout.stages.values():
        painter.fillRect(qrect(stage.header), header)
    painter.setPen(QPen(grid, 1.0 / scale))
    for lane in layout.lanes.values():
        painter.fillRect(qrect(lane.header, dy=lane.y), header)
        painter.fillRect(QRectF(0, lane.y, s.card_bar, lane.height), color(palette, lane.color))
        bottom = lane.y + lane.height
        painter.drawLine(QPointF(0, bottom), QPointF(layout.width, bottom))
    for x in layout.column_edges:
        painter.drawLine(QPointF(x, 0), QPointF(x, layout.height))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(color(palette, "curve"), 2.0))
    for lane in layout.lanes.values():
        curve = layout.curves.get(lane.id)
        if curve is not None and curve.path:
            painter.drawPath(cubic_path(curve.path, dy=lane.y))
    painter.setPen(QPen(border, 0.8))
    painter.setBrush(card)
    for card_id, card_box in layout.cards.items():
        r = layout.card_rect(card_id)
        painter.drawRoundedRect(qrect(r), s.card_radius, s.card_radius)
        painter.fillRect(QRectF(r.x, r.y, s.card_bar, r.h), color(palette, card_box.bar_color))
    painter.end()
    return image
