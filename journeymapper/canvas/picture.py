"""PNG and SVG pictures of a map, drawn by the canvas itself (so they look as on screen)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator

from ..layout.style import DEFAULT_STYLE, grayscale_palette
from ..model.document import Document
from ..model.schema import Map
from .scene import MapScene
from .snapshot import render_scene

MAX_PIXELS = 400_000_000


def render_picture(the_map: Map, suffix: str, dpi: int = 150, grayscale: bool = False) -> bytes:
    """The bytes of a PNG (at `dpi`) or SVG picture of the map in the light palette.

    Raises ValueError for an unknown suffix or a picture too large to make.
    """
    if suffix not in (".png", ".svg"):
        raise ValueError(f"a picture is .png or .svg, not {suffix!r}")
    palette = grayscale_palette(DEFAULT_STYLE.palette) if grayscale else DEFAULT_STYLE.palette
    scene = MapScene(Document(the_map), replace(DEFAULT_STYLE, palette=palette))
    scene.reveal()  # every card and flow, however big the map: a picture shows all of it
    area = scene.sceneRect()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if suffix == ".png":
        scale = dpi / 72.0
        if area.width() * scale * area.height() * scale > MAX_PIXELS:
            raise ValueError(f"a {dpi} dpi picture of this map would be too large; choose a lower resolution")
        image = render_scene(scene, scale)
        image.setDotsPerMeterX(round(dpi / 0.0254))
        image.setDotsPerMeterY(round(dpi / 0.0254))
        if not image.save(buffer, "PNG"):
            raise ValueError("the picture could not be made")
    else:
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(QSize(round(area.width()), round(area.height())))
        generator.setViewBox(QRectF(0, 0, area.width(), area.height()))
        generator.setTitle(the_map.title)
        generator.setDescription("Customer journey map, made with journeymapper")
        painter = QPainter(generator)
        scene.render(painter, QRectF(0, 0, area.width(), area.height()), area)
        painter.end()
    buffer.close()
    return bytes(data.data())
