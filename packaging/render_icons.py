"""Render the application and document icons to PNG, for the freedesktop hicolor theme.

    .venv/bin/python packaging/render_icons.py                  # writes icons/hicolor/<N>x<N>/...
    .venv/bin/python packaging/render_icons.py --sheet /tmp/icons.png   # and a contact sheet to look at

The sources are SVG files in icons/: `NAME.svg` is drawn for large sizes, and
`NAME-16.svg` / `NAME-24.svg` are simplified drawings on the small pixel grids,
used at the sizes listed in SMALL_SOURCES so that 16 and 24 px stay crisp.
Run this after changing an icon's SVG and commit the PNGs it writes.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ICONS_DIR = ROOT / "icons"
sys.path.insert(0, str(ROOT))
# The sizes and names install-desktop installs (ICONS: icon name -> its context folder in the theme).
from journeymapper.desktop.entries import ICON_SIZES as SIZES  # noqa: E402
from journeymapper.desktop.entries import ICONS  # noqa: E402

# size -> the suffix of the simplified drawing used at that size
SMALL_SOURCES = {16: "-16", 24: "-24", 32: "-16"}


def source_for(name: str, size: int, icons_dir: Path = ICONS_DIR) -> Path:
    small = icons_dir / f"{name}{SMALL_SOURCES.get(size, '')}.svg"
    return small if small.is_file() else icons_dir / f"{name}.svg"


def render(svg: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def png_path(name: str, size: int, icons_dir: Path = ICONS_DIR) -> Path:
    return icons_dir / "hicolor" / f"{size}x{size}" / ICONS[name] / f"{name}.png"


def write_pngs(icons_dir: Path = ICONS_DIR) -> list[Path]:
    written = []
    for name in ICONS:
        for size in SIZES:
            target = png_path(name, size, icons_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            if not render(source_for(name, size, icons_dir), size).save(str(target), "PNG"):
                raise SystemExit(f"render_icons: cannot write {target}")
            written.append(target)
    return written


def contact_sheet(path: Path, icons_dir: Path = ICONS_DIR) -> None:
    """Every size on a light and a dark background, the small ones also magnified (to judge
    crispness), and the channel icons at 13, 24 and 48 px."""
    channels = sorted((icons_dir / "channels").glob("*.svg"))
    pad = 16
    row_height = 512 + 2 * pad
    width = sum(SIZES) + pad * (len(SIZES) + 1)
    zoom_row = 24 * 8 + 2 * pad
    channel_row = 48 + 24 + 13 + 4 * pad
    height = len(ICONS) * 2 * row_height + zoom_row * 2 + channel_row * 2
    width = max(width, len(channels) * (48 + pad) + pad)
    sheet = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    sheet.fill(QColor("#FFFFFF"))
    painter = QPainter(sheet)
    y = 0
    for background in ("#FFFFFF", "#2B313A"):
        for name in ICONS:
            painter.fillRect(0, y, width, row_height, QColor(background))
            x = pad
            for size in SIZES:
                image = QImage(str(png_path(name, size, icons_dir)))
                painter.drawImage(QPoint(x, y + pad + 512 - size), image)
                x += size + pad
            y += row_height
    for background in ("#FFFFFF", "#2B313A"):
        painter.fillRect(0, y, width, zoom_row, QColor(background))
        x = pad
        for name in ICONS:
            for size in (16, 24, 32):
                image = QImage(str(png_path(name, size, icons_dir)))
                zoom = 8 if size < 32 else 4
                scaled = image.scaled(size * zoom, size * zoom, Qt.AspectRatioMode.KeepAspectRatio,
                                      Qt.TransformationMode.FastTransformation)
                painter.drawImage(QPoint(x, y + pad), scaled)
                x += size * zoom + pad
        y += zoom_row
    for background in ("#FFFFFF", "#2D333B"):
        painter.fillRect(0, y, width, channel_row, QColor(background))
        for row, size in enumerate((13, 24, 48)):
            x = pad
            top = y + pad + (0, 13 + pad, 13 + 24 + 2 * pad)[row]
            for svg in channels:
                painter.drawImage(QPoint(x, top), render(svg, size))
                x += 48 + pad
        y += channel_row
    painter.end()
    sheet.save(str(path), "PNG")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheet", metavar="PNG", help="also write a contact sheet of every icon here")
    args = parser.parse_args(argv)
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QtSvg wants one
    written = write_pngs()
    print(f"wrote {len(written)} PNG files under {ICONS_DIR / 'hicolor'}")
    if args.sheet:
        contact_sheet(Path(args.sheet))
        print(f"wrote {args.sheet}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
