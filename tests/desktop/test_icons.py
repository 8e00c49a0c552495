"""The application, document and channel icons: every PNG size is there, sharp, not blank, and up to date."""

from __future__ import annotations

import importlib.util
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import get_args

import pytest

pytest.importorskip("PySide6.QtSvg")
from PySide6.QtGui import QColor, QImage  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from journeymapper.desktop.entries import ICON_SIZES, ICONS  # noqa: E402
from journeymapper.model.types import Channel  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
ICONS_DIR = ROOT / "icons"
SVG = "{http://www.w3.org/2000/svg}"
PNGS = [
    pytest.param(name, context, size, id=f"{name}-{size}")
    for name, context in ICONS.items()
    for size in ICON_SIZES
]


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def load_render_script():
    spec = importlib.util.spec_from_file_location("render_icons", ROOT / "packaging" / "render_icons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def render_icons(qapp):
    return load_render_script()


@pytest.mark.parametrize(("name", "context", "size"), PNGS)
def test_every_png_size_exists_with_its_pixel_size_and_is_not_blank(qapp, name, context, size):
    path = ICONS_DIR / "hicolor" / f"{size}x{size}" / context / f"{name}.png"
    assert path.is_file(), f"{path} is missing: run packaging/render_icons.py"
    assert png_size(path) == (size, size)
    image = QImage(str(path))
    assert image.hasAlphaChannel()
    pixels = [image.pixelColor(x, y) for y in range(size) for x in range(size)]
    opaque = [p for p in pixels if p.alpha() > 200]
    assert len(opaque) > 0.4 * size * size, "the icon should fill a good part of its square"
    assert len({p.rgb() for p in opaque}) > 2, "the icon should show a drawing, not a flat square"
    corner = image.pixelColor(0, 0)
    assert corner.alpha() < 60, "the corners stay transparent (rounded square, page)"


@pytest.mark.parametrize(("name", "context", "size"), PNGS)
def test_pngs_match_their_svg_sources(render_icons, name, context, size):
    """A changed SVG needs packaging/render_icons.py run again (small anti-aliasing differences allowed)."""
    path = ICONS_DIR / "hicolor" / f"{size}x{size}" / context / f"{name}.png"
    stored = QImage(str(path)).convertToFormat(QImage.Format.Format_ARGB32)
    fresh = render_icons.render(render_icons.source_for(name, size), size).convertToFormat(
        QImage.Format.Format_ARGB32
    )
    total = 0
    for y in range(size):
        for x in range(size):
            a, b = QColor(stored.pixel(x, y)), QColor(fresh.pixel(x, y))
            total += abs(a.alpha() - b.alpha()) + abs(a.red() - b.red()) + abs(a.green() - b.green())
    assert total / (size * size) < 3, f"{path} is out of date: run packaging/render_icons.py"


def test_small_sizes_are_drawn_on_their_own_pixel_grid(render_icons):
    for name in ICONS:
        for size in (16, 24):
            source = render_icons.source_for(name, size)
            assert source.name == f"{name}-{size}.svg"
            view_box = ET.parse(source).getroot().get("viewBox")
            assert view_box == f"0 0 {size} {size}", source


CHANNELS = get_args(Channel)


def test_there_is_one_channel_icon_per_channel_and_no_other():
    assert sorted(p.stem for p in (ICONS_DIR / "channels").glob("*.svg")) == sorted(CHANNELS)


@pytest.mark.parametrize("channel", CHANNELS)
def test_channel_icons_are_24px_line_icons_with_one_stroke(qapp, channel):
    path = ICONS_DIR / "channels" / f"{channel}.svg"
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 24 24"
    elements = list(root.iter())
    assert not [e for e in elements if e.tag in (f"{SVG}text", f"{SVG}image")], "no text, no bitmaps"
    strokes = {(e.get("stroke"), e.get("stroke-width")) for e in elements if e.get("stroke")}
    assert strokes == {("#5F6B7A", "2")}, "the same colour and width as the other channel icons"
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    image = QImage(24, 24, QImage.Format.Format_ARGB32)
    image.fill(0)
    from PySide6.QtGui import QPainter

    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    inked = sum(1 for y in range(24) for x in range(24) if image.pixelColor(x, y).alpha() > 100)
    assert 20 < inked < 24 * 24 * 0.6, "a line drawing: some ink, mostly empty"
