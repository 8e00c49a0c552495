"""Program and document icons for the Windows and macOS builds, made from icons/.

    .venv/bin/python packaging/bundle/make_icons.py            # writes build/icons/
    iconutil -c icns build/icons/journeymapper.iconset           # macOS only: -> build/icons/journeymapper.icns
    iconutil -c icns build/icons/journeymapper-document.iconset

Writes, for the application icon (journeymapper) and the .jmap document icon
(journeymapper-document, drawn from icons/application-vnd.journeymapper+json):

* NAME.ico: a Windows icon with 16, 24, 32, 48, 64, 128 and 256 px images (PNG-compressed
  entries, which Windows Vista and later read), for the .exe, the installer and the file type;
* NAME.iconset/: the PNG files `iconutil` turns into NAME.icns on macOS (16 to 1024 px).

The pixels come from icons/hicolor/ (the rendered freedesktop theme, which has hand-tuned 16 and
24 px drawings, see packaging/render_icons.py); a size missing there (1024) is rendered from the SVG
with QtSvg. Needs only the project's venv (PySide6), so it runs on any build machine.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ICONS_DIR = ROOT / "icons"
OUT_DIR = ROOT / "build" / "icons"

# output name -> (name in icons/ and the hicolor theme, its hicolor context folder)
ICONS = {
    "journeymapper": ("journeymapper", "apps"),
    "journeymapper-document": ("application-vnd.journeymapper+json", "mimetypes"),
}
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# iconset file name -> pixel size (the names iconutil expects)
ICONSET = {
    "icon_16x16.png": 16, "icon_16x16@2x.png": 32,
    "icon_32x32.png": 32, "icon_32x32@2x.png": 64,
    "icon_128x128.png": 128, "icon_128x128@2x.png": 256,
    "icon_256x256.png": 256, "icon_256x256@2x.png": 512,
    "icon_512x512.png": 512, "icon_512x512@2x.png": 1024,
}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _render_svg(svg: Path, size: int) -> bytes:
    """The SVG drawn at SIZE px by packaging/render_icons.py (the renderer of the icon theme), as PNG data."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT / "packaging"))
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication
    from render_icons import render

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QtSvg wants one
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    render(svg, size).save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def png_bytes(name: str, size: int, icons_dir: Path = ICONS_DIR) -> bytes:
    """The icon NAME at SIZE px as PNG data: the hicolor PNG if there is one, else rendered from the SVG."""
    theme_name, context = ICONS[name]
    themed = icons_dir / "hicolor" / f"{size}x{size}" / context / f"{theme_name}.png"
    if themed.is_file():
        return themed.read_bytes()
    return _render_svg(icons_dir / f"{theme_name}.svg", size)


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """A .ico file holding one PNG-compressed image per size (ICONDIR, ICONDIRENTRY[], then the data)."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, payload = b"", b""
    for size in sizes:
        data = images[size]
        if not data.startswith(PNG_SIGNATURE):
            raise ValueError(f"the {size} px image is not a PNG")
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(payload))
        payload += data
    return header + entries + payload


def make_icons(out_dir: Path = OUT_DIR, icons_dir: Path = ICONS_DIR) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name in ICONS:
        cache: dict[int, bytes] = {}

        def png(size: int) -> bytes:
            if size not in cache:
                cache[size] = png_bytes(name, size, icons_dir)
            return cache[size]

        ico = out_dir / f"{name}.ico"
        ico.write_bytes(ico_bytes({size: png(size) for size in ICO_SIZES}))
        written.append(ico)
        iconset = out_dir / f"{name}.iconset"
        iconset.mkdir(exist_ok=True)
        for filename, size in ICONSET.items():
            (iconset / filename).write_bytes(png(size))
        written.append(iconset)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help=f"output folder (default {OUT_DIR})")
    args = parser.parse_args(argv)
    for path in make_icons(args.out):
        print(f"wrote {path}")
    if sys.platform == "darwin":
        print("now run: " + " && ".join(f"iconutil -c icns {args.out / name}.iconset" for name in ICONS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
