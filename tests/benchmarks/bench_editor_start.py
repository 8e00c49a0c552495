"""The editor's start: from a new process to the example map's window painted, against a bare PySide6
window with a graphics view painted, both as whole processes, in pairs run in turn.

    python tests/benchmarks/bench_editor_start.py [--runs N]

Goal (issue 15): at most 1.5x the bare window. Each process prints how long it took from its first
line to the paint, so the interpreter's own start counts for both alike.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.benchmarks.timing import installed_env  # noqa: E402
GOAL = 1.5

UNTIL_PAINTED = """
class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(f"{(time.perf_counter() - start) * 1000:.1f}", flush=True)
            app.exit(0)
        return False
view.viewport().installEventFilter(Painted(app))
window.show()
app.exec()
"""
"""Both programs end alike: the time from their first line to the canvas's first paint, printed."""

OURS = """
import time, sys
start = time.perf_counter()
from PySide6.QtCore import QEvent, QObject, QStandardPaths
from PySide6.QtWidgets import QApplication
QStandardPaths.setTestModeEnabled(True)
from journeymapper import gui
app = gui.application()
window = gui.open_window(sys.argv[1])
window.resize(1400, 900)
view = window.view()
""" + UNTIL_PAINTED

BARE = """
import time, sys
start = time.perf_counter()
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView, QMainWindow
app = QApplication([])
scene = QGraphicsScene()
for i in range(40):
    scene.addRect(i * 250, 100, 228, 58)
    scene.addSimpleText(f"Touchpoint {i}").setPos(i * 250 + 10, 110)
window = QMainWindow()
view = QGraphicsView(scene)
window.setCentralWidget(view)
window.resize(1400, 900)
""" + UNTIL_PAINTED


def _run(code: str, *args: str, env: dict[str, str]) -> float:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env,
                            cwd=ROOT, timeout=120, check=True)
    return float(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    from journeymapper.resources import example_map_path

    with tempfile.TemporaryDirectory() as home:
        env = installed_env()  # (as installed for a user, with its bytecode cached)
        env = {**env, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "XDG_DATA_HOME": home, "XDG_CONFIG_HOME": home, "XDG_RUNTIME_DIR": home,
               "JOURNEYMAPPER_NO_SINGLE_INSTANCE": "1"}
        os.chmod(home, 0o700)
        example = str(example_map_path())
        _run(OURS, example, env=env)  # (warm-up: the files in the system's cache for both)
        _run(BARE, env=env)
        pairs = [(_run(OURS, example, env=env), _run(BARE, env=env)) for _ in range(args.runs)]
    ours = statistics.median(a for a, _ in pairs)
    bare = statistics.median(b for _, b in pairs)
    ratio = statistics.median(a / b for a, b in pairs)
    print(f"editor start to the example map painted: {ours:7.0f} ms   bare PySide6 window with a graphics view:"
          f" {bare:5.0f} ms   ratio {ratio:.2f} (goal <= {GOAL}: {'met' if ratio <= GOAL else 'NOT met'})")
    return {"editor_start_ms": ours, "bare_window_ms": bare, "editor_start_ratio": ratio}


if __name__ == "__main__":
    main()
