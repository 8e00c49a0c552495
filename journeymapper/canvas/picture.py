"""PNG and SVG pictures of a map, drawn by the canvas itself (so they look as on screen)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from ..export.sheet_pages import title_block
from ..export.sheets import MARGIN, title_block_height, title_scale
from ..i18n import DEFAULT_LANGUAGE, _, words
from ..i18n.formats import formats_locale, print_formats
from ..layout.style import DEFAULT_STYLE, grayscale_palette
from ..model.document import Document
from ..model.schema import Map
from .page_painter import QtPagePainter
from .painting import color
from .scene import MapScene

MAX_PIXELS = 400_000_000
HEADER_WIDTH = 1190.0
"""A picture as wide as an A3 sheet gets the PDF's title block at its size; a wider one, larger."""


FONT_FALLBACKS = "'DejaVu Sans', 'Noto Sans', 'Noto Sans CJK JP', 'Droid Sans Fallback', Arial, sans-serif"
"""What an SVG names for its text: the font the map was measured with, then those most systems have."""


def render_picture(the_map: Map, suffix: str, dpi: int = 150, grayscale: bool = False, header: bool = True,
                   language: str = DEFAULT_LANGUAGE, today: date | None = None) -> bytes:
    """The bytes of a PNG (at `dpi`) or SVG picture of the map in the light palette, under the PDF's
    title block and legend (`header`; leave them out for a picture to paste into slides).

    The SVG is vector shapes and real text (selectable, searchable), never bitmaps. Raises ValueError
    for an unknown suffix or a picture too large to make.
    """
    with formats_locale(print_formats(the_map.language, language)):  # (figures and dates as the PDF has them)
        return _render_picture(the_map, suffix, dpi, grayscale, header, language, today)


def _render_picture(the_map: Map, suffix: str, dpi: int, grayscale: bool, header: bool, language: str,
                    today: date | None) -> bytes:
    if suffix not in (".png", ".svg"):
        raise ValueError(_("a picture is .png or .svg, not {suffix}").format(suffix=repr(suffix)))
    palette = grayscale_palette(DEFAULT_STYLE.palette) if grayscale else DEFAULT_STYLE.palette
    style = replace(DEFAULT_STYLE, palette=palette, language=language)
    scene = MapScene(Document(the_map), style, follow_map_language=False)  # (in the language asked for)
    scene.reveal()  # every card and flow, however big the map: a picture shows all of it
    scene.draw_uncached()  # (pictures are drawn once: shapes and text, not an item's cached pixels)
    area = scene.sceneRect()
    width = area.width()
    block = title_scale(width / HEADER_WIDTH, (width, 0.0))
    head = MARGIN + title_block_height((width, 0.0), block) if header else 0.0
    height = head + area.height()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)

    def paint(painter: QPainter) -> None:
        if header:
            painter.fillRect(QRectF(0, 0, width, head), color(palette, "paper"))
            page = QtPagePainter(painter, palette, height, words(language))
            title_block(page, the_map, (width, height), today or date.today(), "", 0, 0, block)  # type: ignore[arg-type]
        scene.render(painter, QRectF(0, head, width, area.height()), area)

    if suffix == ".png":
        scale = dpi / 72.0
        if width * scale * height * scale > MAX_PIXELS:
            raise ValueError(_("a {dpi} dpi picture of this map would be too large; choose a lower resolution").format(
                dpi=dpi))
        image = QImage(max(1, round(width * scale)), max(1, round(height * scale)), QImage.Format.Format_RGB32)
        image.fill(color(palette, "paper"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(scale, scale)
        paint(painter)
        painter.end()
        image.setDotsPerMeterX(round(dpi / 0.0254))
        image.setDotsPerMeterY(round(dpi / 0.0254))
        if not image.save(buffer, "PNG"):
            raise ValueError(_("the picture could not be made"))
    else:
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(QSize(round(width), round(height)))
        generator.setViewBox(QRectF(0, 0, width, height))
        generator.setTitle(the_map.title)
        tr = words(language)  # (the file's own description: in the map's language, as its printed words)
        generator.setDescription(tr("Customer journey map, made with journeymapper"))
        painter = QPainter(generator)
        paint(painter)
        painter.end()
    buffer.close()
    result = bytes(data.data())
    if suffix == ".svg":  # every text names fonts most systems have after the one it was measured with
        result = result.replace(b'font-family="DejaVu Sans"', f'font-family="{FONT_FALLBACKS}"'.encode())
    return result
