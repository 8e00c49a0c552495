"""The map as a screen reader reads it: over AT-SPI, from another process, on a real X server.

The editor runs on Xvfb with Qt's X11 platform and its accessibility bridge on, inside a D-Bus
session of its own (which starts the accessibility bus); the system Python with Debian's pyatspi
(`read_canvas.py`) walks the application's tree, reads the canvas's children, presses arrow keys
and reports the events. `./dev test-atspi` installs what this needs (at-spi2-core, python3-pyatspi,
xvfb, dbus) and runs it; CI runs it as a stage of its own. The whole suite skips it (marker `atspi`,
see conftest.py); asked for with `-m atspi`, missing tools fail it rather than skip it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from journeymapper.io.reader import load_path
from journeymapper.resources import example_map_path

from ..virtual_display import xvfb_display

pytestmark = pytest.mark.atspi

SYSTEM_PYTHON = "/usr/bin/python3"
READER = Path(__file__).with_name("read_canvas.py")
BUS_LAUNCHER = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")


def _require(condition: bool, what: str) -> None:
    """Missing tools fail this test rather than skip it: CI must never pass it by not running it."""
    if not condition:
        pytest.fail(f"the AT-SPI test needs {what} (./dev test-atspi installs it)")


def _has_pyatspi() -> bool:
    if not os.path.exists(SYSTEM_PYTHON):
        return False
    found = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False)
    return found.returncode == 0


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    _require(shutil.which("Xvfb") is not None, "Xvfb (Debian xvfb)")
    with xvfb_display("1400x1000x24") as name:
        yield name


@pytest.fixture(scope="module")
def report(display: str, tmp_path_factory) -> dict:
    """What a screen reader finds in the editor with the example map open (read once for the module)."""
    _require(shutil.which("dbus-run-session") is not None, "dbus-run-session (Debian dbus)")
    _require(any(os.path.exists(p) for p in BUS_LAUNCHER), "the accessibility bus (Debian at-spi2-core)")
    _require(_has_pyatspi(), f"pyatspi for {SYSTEM_PYTHON} (Debian python3-pyatspi)")
    home = tmp_path_factory.mktemp("atspi-home")
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700)
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("QT_", "XDG_", "DBUS_", "AT_SPI", "NO_AT_BRIDGE"))}
    env.update(DISPLAY=display, HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
               XDG_RUNTIME_DIR=str(runtime),
               QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", JOURNEYMAPPER_LANGUAGE="en")
    editor = [sys.executable, "-m", "journeymapper", str(example_map_path())]
    run = subprocess.run(["dbus-run-session", "--", SYSTEM_PYTHON, str(READER), *editor], env=env,
                         capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, f"the reader failed:\n{run.stdout[-2000:]}\n{run.stderr[-4000:]}"
    found = json.loads(run.stdout.strip().splitlines()[-1])
    assert "error" not in found, f"{found['error']}\neditor said:\n{found.get('editor_stderr', '')}"
    return found


def _by_role(report: dict, role: str) -> list[dict]:
    return [child for child in report["children"] if child["role"] == role]


def test_the_editor_shows_a_canvas_named_after_the_map(report):
    assert report["application"] == "journeymapper"
    assert report["canvas"]["name"] == "Journey map: Corner bakery: cakes and catering"
    assert "25 cards" in report["canvas"]["description"]


def test_every_card_is_reachable_by_its_title_with_stage_persona_and_feeling(report):
    the_map = load_path(example_map_path()).map
    names = {stage.id: stage.name for stage in the_map.stages} | {p.id: p.name for p in the_map.personas}
    children = {child["name"]: child for child in report["children"]}
    assert len(the_map.touchpoints) == 25
    for card in the_map.touchpoints:
        child = children.get(card.title)
        assert child is not None, f"card {card.title!r} not found over AT-SPI"
        assert child["role"] == "list item"
        assert child["parent"] == report["canvas"]["name"]
        description = child["description"]
        assert f"stage: {names[card.stage]}; persona: {names[card.persona]}" in description
        assert "feeling: " in description
        assert {"focusable", "selectable"} <= set(child["states"])


def test_headers_and_flows_read_as_what_they_are(report):
    assert [c["name"] for c in _by_role(report, "table column header")] == [
        "Awareness", "Consideration", "Purchase", "Pick-up & delivery", "After the purchase"]
    assert [c["name"] for c in _by_role(report, "table row header")] == ["Busy parent", "Office manager"]
    flows = [c for c in report["children"] if c["name"].startswith("Flow from ")]
    assert len(flows) == 27
    assert all(" to " in flow["name"] and flow["description"].startswith("kind: ") for flow in flows)
    assert [c["index"] for c in report["children"]] == list(range(len(report["children"])))


def test_arrow_keys_move_the_focus_a_screen_reader_hears(report):
    # Right from nothing selected takes the first card, Right again the next stage's, Down the one under it.
    assert report["keys"] == ["Right", "Right", "Down"]
    heard = [event["name"] for event in report["events"] if event["type"] == "focus:"]
    assert heard[-3:] == ["Sees a friend's unicorn cake on Instagram", "Browses the cake gallery on her phone",
                          "Reads Google reviews about birthday cakes"], report["events"]
    focused = [c["name"] for c in report["after_keys"] if "focused" in c["states"]]
    assert focused == ["Reads Google reviews about birthday cakes"]
    selected = [c["name"] for c in report["after_keys"] if "selected" in c["states"]]
    assert selected == ["Reads Google reviews about birthday cakes"]
    told_selected = [e["name"] for e in report["events"] if e["type"] == "object:state-changed:selected"
                     and e.get("detail") == 1 and e.get("role") == "list item"]
    assert "Reads Google reviews about birthday cakes" in told_selected
