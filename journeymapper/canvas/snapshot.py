"""Render a scene to an image: screenshots for tests, the README and picture export."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsScene


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
