"""The packaging recipes that cannot be built here (macOS, Windows) are at least well-formed and
say what the issue asks; the icon maker writes real .ico files and a complete iconset."""

from __future__ import annotations

import ast
import os
import plistlib
import struct
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def test_the_spec_is_python() -> None:
    ast.parse((PACKAGING / "bundle" / "journeymapper.spec").read_text(encoding="utf-8"))


def test_macos_document_type_for_jmap() -> None:
    with open(PACKAGING / "macos" / "Info.plist.fragment", "rb") as fragment:
        info = plistlib.load(fragment)
    (doc,) = info["CFBundleDocumentTypes"]
    assert doc["LSItemContentTypes"] == ["com.journeymapper.jmap"]
    assert doc["LSHandlerRank"] == "Owner"
    assert doc["CFBundleTypeRole"] == "Editor"
    (uti,) = info["UTExportedTypeDeclarations"]
    assert uti["UTTypeIdentifier"] == "com.journeymapper.jmap"
    assert uti["UTTypeConformsTo"] == ["public.json"]
    assert uti["UTTypeTagSpecification"]["public.filename-extension"] == ["jmap"]
    assert doc["CFBundleTypeIconFile"] == uti["UTTypeIconFile"] == "journeymapper-document.icns"


def test_windows_installer_registers_jmap() -> None:
    script = (PACKAGING / "windows" / "journeymapper.iss").read_text(encoding="utf-8")
    for needed in (
        '#define ProgId "journeymapper.map"',
        'Subkey: "Software\\Classes\\.jmap"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"',
        'Subkey: "Software\\Classes\\{#ProgId}\\DefaultIcon"',
        'Subkey: "Software\\Classes\\{#ProgId}\\shell\\open\\command"',
        'ValueData: """{app}\\{#AppExe}"" ""%1"""',
        "ChangesAssociations=yes",
        'Name: "{autoprograms}\\{#AppName}"',
        'Source: "{#Root}\\dist\\journeymapper\\*"',
    ):
        assert needed in script, needed
    sections = {line.strip() for line in script.splitlines() if line.startswith("[")}
    assert {"[Setup]", "[Files]", "[Icons]", "[Registry]"} <= sections


def _ico_sizes(data: bytes) -> list[int]:
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, _, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        assert data[offset:offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
        sizes.append(width or 256)
    return sizes


def test_make_icons(tmp_path: Path) -> None:
    # In a child process: it makes a QGuiApplication, which must not be this test process's QApplication.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, str(PACKAGING / "bundle" / "make_icons.py"), "--out", str(tmp_path)],
                   check=True, env=env, capture_output=True, timeout=120)
    for name in ("journeymapper", "journeymapper-document"):
        assert _ico_sizes((tmp_path / f"{name}.ico").read_bytes()) == [16, 24, 32, 48, 64, 128, 256]
        iconset = sorted(p.name for p in (tmp_path / f"{name}.iconset").iterdir())
        assert len(iconset) == 10 and "icon_512x512@2x.png" in iconset
        big = (tmp_path / f"{name}.iconset" / "icon_512x512@2x.png").read_bytes()
        assert struct.unpack(">II", big[16:24]) == (1024, 1024)  # the PNG header's width and height
