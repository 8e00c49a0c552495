"""The shipped desktop entry and MIME type: valid for the freedesktop tools, the same as what is installed."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from journeymapper.desktop.entries import (
    MIME_TYPE,
    mime_xml,
    PACKAGING_FILES,
    desktop_entry,
    exec_line,
)

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"

# Debian package desktop-file-utils; CI installs it.
needs_validator = pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate (Debian package desktop-file-utils) not installed",
)


@pytest.mark.parametrize("name", sorted(PACKAGING_FILES))
def test_packaging_files_are_what_the_code_installs(name):
    shipped = (LINUX / name).read_text(encoding="utf-8")
    assert shipped == PACKAGING_FILES[name](), (
        f"packaging/linux/{name} differs from journeymapper/desktop/entries.py: "
        "run '.venv/bin/python -m journeymapper.desktop.entries packaging/linux'"
    )


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True, timeout=30)


@needs_validator
def test_shipped_desktop_entry_passes_desktop_file_validate():
    result = validate(LINUX / "journeymapper.desktop")
    assert result.returncode == 0, result.stdout + result.stderr
    # Hints are advice (two main categories, Office and Graphics, are asked for); errors and warnings are not.
    lines = (result.stdout + result.stderr).splitlines()
    problems = [line for line in lines if ": error:" in line or ": warning:" in line]
    assert problems == []


@needs_validator
@pytest.mark.parametrize(
    "command",
    [["/home/ann/.local/pipx/venvs/journeymapper/bin/journeymapper"],
     ["/opt/My Apps/journey$mapper 100%/journeymapper"],
     ["/usr/bin/python3", "-m", "journeymapper"]],
)
def test_installed_entries_with_any_launcher_path_validate(tmp_path, command):
    path = tmp_path / "journeymapper.desktop"
    path.write_text(desktop_entry(command), encoding="utf-8")
    result = validate(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": error:" not in result.stdout + result.stderr


def test_exec_line_quotes_as_the_desktop_entry_spec_asks():
    assert exec_line(["journeymapper"]) == "journeymapper %F"
    assert exec_line(["/usr/bin/python3", "-m", "journeymapper"]) == "/usr/bin/python3 -m journeymapper %F"
    assert exec_line(["/opt/My Apps/jm"]) == '"/opt/My Apps/jm" %F'
    # inside quotes `"`, `` ` ``, `$` and `\` get a backslash, and every backslash is doubled in the file
    assert exec_line(['/a b/$x"\\']) == '"/a b/\\\\$x\\\\"\\\\\\\\" %F'
    assert exec_line(["/opt/100%/jm"]) == "/opt/100%%/jm %F"


def test_desktop_entry_has_the_keys_the_issue_asks_for():
    entry = dict(line.split("=", 1) for line in desktop_entry().splitlines()[1:])
    assert entry["GenericName"] == "Customer journey map editor"
    assert entry["Exec"] == "journeymapper %F"
    assert entry["Icon"] == "journeymapper"
    assert entry["Terminal"] == "false"
    assert entry["Type"] == "Application"
    assert entry["Categories"] == "Office;Graphics;"
    assert entry["MimeType"] == f"{MIME_TYPE};"
    assert entry["StartupWMClass"] == "journeymapper"  # the application name the editor sets (WM_CLASS)
    assert entry["Comment"] and entry["Name"]


def test_mime_xml_parses_and_has_the_glob_and_the_magic():
    root = ET.fromstring((LINUX / "journeymapper-mime.xml").read_bytes())
    (mime_type,) = root.findall(f"{MIME_NS}mime-type")
    assert mime_type.get("type") == MIME_TYPE
    assert mime_type.find(f"{MIME_NS}comment").text == "Customer journey map"
    assert mime_type.find(f"{MIME_NS}sub-class-of").get("type") == "application/json"
    assert mime_type.find(f"{MIME_NS}generic-icon").get("name")
    assert [g.get("pattern") for g in mime_type.findall(f"{MIME_NS}glob")] == ["*.jmap"]
    magic = mime_type.find(f"{MIME_NS}magic")
    # below 80: the *.json glob keeps any .json file (even one holding a map) application/json
    assert int(magic.get("priority")) < 80
    values = {m.get("value") for m in magic.findall(f"{MIME_NS}match")}
    assert '"format": "journeymapper"' in values
    assert all(m.get("type") == "string" for m in magic.findall(f"{MIME_NS}match"))


def test_magic_window_covers_how_maps_are_saved():
    """The writer puts "format" first: it must start inside the magic's offset range."""
    from journeymapper.io import dumps
    from journeymapper.io.templates import map_from_template

    saved = dumps(map_from_template("blank"))
    start = saved.index(b'"format": "journeymapper"')
    magic = ET.fromstring(mime_xml().encode()).find(f"{MIME_NS}mime-type/{MIME_NS}magic/{MIME_NS}match")
    low, high = (int(v) for v in magic.get("offset").split(":"))
    assert low <= start <= high
