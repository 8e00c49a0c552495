"""A data folder the editor cannot write leaves it working: autosave is off and says so, Save and
closing work. Run as a user the permissions apply to: where the tests run as root (CI), the
editor's process drops root's power to write anywhere (CAP_DAC_OVERRIDE), as an ordinary user has
none."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from journeymapper.io import load_path, save
from tests.check.builders import make_map, tp

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _as_ordinary_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be made to apply")
    dropped = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={dropped}", f"--bounding-set={dropped}", "--", *command]


def test_an_unwritable_data_folder_turns_autosave_off_visibly_and_nothing_fails(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o555)
    path = tmp_path / "maps" / "plan.jmap"
    path.parent.mkdir()
    save(path, make_map([tp("a", "p1", "s1")], []).model_copy(update={"title": "Before"}))
    env = {**os.environ, "XDG_DATA_HOME": str(data), "JOURNEYMAPPER_NO_SINGLE_INSTANCE": "1",
           "QT_QPA_PLATFORM": "offscreen"}
    command = _as_ordinary_user([sys.executable, "-m", "tests.app.editor_process", str(path), "--edit", "After",
                                 "--autosave"])
    editor = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        out, err = editor.communicate("save\n", timeout=120)
    finally:
        data.chmod(0o755)
    assert editor.returncode == 0, err
    assert out.splitlines() == ["notice autosave", "ready", "saved True", "closed"], (out, err)
    assert "Traceback" not in err
    assert load_path(path).map.title == "After"


_START = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from journeymapper import gui
app = gui.application()
QTimer.singleShot(1500, lambda: [w.setWindowModified(False) or w.close() for w in gui.windows()] and app.quit())
sys.exit(gui.run(sys.argv[1:]))
"""


def test_the_editor_starts_with_an_unwritable_data_folder(tmp_path: Path) -> None:
    """It used to stop at once with "unexpected problem: PermissionError"."""
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o555)
    path = tmp_path / "plan.jmap"
    save(path, make_map([tp("a", "p1", "s1")], []))
    env = {**os.environ, "XDG_DATA_HOME": str(data), "JOURNEYMAPPER_NO_SINGLE_INSTANCE": "1",
           "QT_QPA_PLATFORM": "offscreen"}
    try:
        started = subprocess.run(_as_ordinary_user([sys.executable, "-c", _START, str(path)]), cwd=ROOT, env=env,
                                 capture_output=True, text=True, timeout=120, check=False)
    finally:
        data.chmod(0o755)
    assert started.returncode == 0, started.stderr
    assert "Traceback" not in started.stderr and "PermissionError" not in started.stderr


_UNREACHABLE = """
import os, sys
from pathlib import Path
from journeymapper import gui
gui.application()
path = Path(sys.argv[1])
window = gui.open_window(path)
window.show()
window.show_error = lambda title, message: print("error", title, flush=True)
window.editor.set_map_field("title", "Unsaved")
path.parent.chmod(0o600)  # the share went away (a stale handle, an expired ticket)
try:
    window.autosave()
    print("autosaved", window.autosaver.problem is None, flush=True)
    print("saved", window.save(), flush=True)
    window.ask_save_changes = lambda: "save"
    print("closed", window.close(), window.isVisible(), flush=True)
finally:
    path.parent.chmod(0o755)
window.ask_save_changes = lambda: "discard"
window.close()
"""


def test_a_folder_that_becomes_unreachable_loses_no_work_and_shows_no_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    path = folder / "plan.jmap"
    save(path, make_map([tp("a", "p1", "s1")], []).model_copy(update={"title": "Before"}))
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "JOURNEYMAPPER_NO_SINGLE_INSTANCE": "1",
           "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(_as_ordinary_user([sys.executable, "-c", _UNREACHABLE, str(path)]), cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120, check=False)
    folder.chmod(0o755)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "autosaved True"  # (the autosave is in the data folder, which is still there)
    assert lines[1:] == ["error Could not save", "saved False", "error Could not save", "closed False True"]
