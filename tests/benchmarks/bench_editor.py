"""Editor speed on a big map, as ratios to the raw toolkit doing the same work in the same run.

    python tests/benchmarks/bench_editor.py

- open: reading and showing a 5,000-touchpoint, 7,500-flow map (load, layout, first check,
  the window painted and closed again), against pydantic's own validation of the same JSON
  plus adding as many bare Qt items (a rect and a text per card, a line per flow) to a scene
  in a view. Goal: at most 2x. (A map this big gets its card and flow items part by part as
  the view shows them, see canvas/reveal.py; the layout and the check cover the whole map.)
- drag: one mouse-move update while dragging a card (move + repaint). Goal: under 16 ms.
- drop: the drop with its command, re-layout, scene update and re-check. Goal: under 100 ms.
- fit: View > Fit to Window on the same map, painted (the overview draws it, see canvas/overview.py).
  Goal: under 300 ms.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QPointF, QStandardPaths  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

from journeymapper.io import dumps  # noqa: E402
from journeymapper.model.schema import Map  # noqa: E402
from tests.benchmarks.bigmap import big_map
from tests.benchmarks.timing import median_ms  # noqa: E402




def baseline_open(map_json: str, cards: int, flows: int) -> None:
    Map.model_validate_json(map_json)
    scene = QGraphicsScene()
    for i in range(cards):
        rect = QGraphicsRectItem(0, 0, 228, 58)
        rect.setPos((i % 10) * 252, (i // 10) * 70)
        text = QGraphicsSimpleTextItem(f"Touchpoint {i}", rect)
        text.setPos(10, 8)
        scene.addItem(rect)
    for i in range(flows):
        scene.addItem(QGraphicsLineItem(i % 2000, i // 10, i % 2000 + 30, i // 10 + 20))
    view = QGraphicsView(scene)
    view.resize(1400, 900)
    view.show()
    QApplication.processEvents()
    view.close()
    view.deleteLater()
    scene.deleteLater()
    QApplication.processEvents()


def ours_open(path: Path) -> None:
    from journeymapper import gui

    window = gui.open_window(path)
    window.resize(1400, 900)
    window.show()
    QApplication.processEvents()
    window.ask_save_changes = lambda: "discard"
    window.close()
    window.deleteLater()
    QApplication.processEvents()


def measure_drag(path: Path) -> tuple[float, float]:
    """Median ms of one drag update, and of a drop (command, relayout, scene update, re-check)."""
    from journeymapper import gui
    from journeymapper.canvas.gestures import CardDrag

    window = gui.open_window(path)
    window.resize(1400, 900)
    window.show()
    QApplication.processEvents()
    editor = window.editor
    scene = editor.scene
    layout = scene.layout
    stages = list(layout.stages)
    updates = []
    drops = []
    for k in range(12):
        card = list(layout.cards.values())[k * 37]
        item = scene.item_for(card.id)
        start = item.mapToScene(item.boundingRect().center())
        gesture = CardDrag(scene, start, [item])
        gesture.begin()
        for step in range(1, 9):
            t0 = time.perf_counter()
            gesture.move(QPointF(start.x() + step * 20, start.y() + step * 5))
            QApplication.processEvents()  # the view repaints what changed, as in a real drag
            updates.append((time.perf_counter() - t0) * 1000)
        target_stage = stages[(stages.index(card.stage) + 1) % len(stages)]
        cell = scene.layout.cells[(card.persona, target_stage)]
        lane_y = scene.layout.lanes[card.persona].y
        drop_at = QPointF(cell.rect.cx, lane_y + cell.rect.y + 30)
        gesture.move(drop_at)
        t0 = time.perf_counter()
        gesture.finish(drop_at)
        QApplication.processEvents()  # the re-check, any deferred sync and the repaint run here
        drops.append((time.perf_counter() - t0) * 1000)
        assert editor.doc.get(card.id).stage == target_stage
        layout = scene.layout
    window.ask_save_changes = lambda: "discard"
    window.close()
    return statistics.median(updates), statistics.median(drops)


def measure_fit(path: Path, runs: int = 5) -> float:
    """Median ms of View > Fit to Window on the big map, from its top-left corner at 75 %, painted."""
    from journeymapper import gui

    window = gui.open_window(path)
    window.resize(1400, 900)
    window.show()
    QApplication.processEvents()
    view = window.view()
    times = []
    for _ in range(runs):
        view.frame_opened_map()
        QApplication.processEvents()
        t0 = time.perf_counter()
        view.zoom_fit()
        view.viewport().repaint()
        QApplication.processEvents()
        times.append((time.perf_counter() - t0) * 1000)
    window.ask_save_changes = lambda: "discard"
    window.close()
    return statistics.median(times)


def main() -> dict[str, float]:
    QStandardPaths.setTestModeEnabled(True)
    QApplication.instance() or QApplication([])
    the_map = big_map()
    data = dumps(the_map)
    folder = Path(tempfile.mkdtemp())
    path = folder / "big.jmap"
    path.write_bytes(data)
    cards, flows = len(the_map.touchpoints), len(the_map.flows)
    map_json = json.dumps(json.loads(data)["map"])  # the bare map, as pydantic's own input
    baseline = median_ms(lambda: baseline_open(map_json, cards, flows), 3)
    ours = median_ms(lambda: ours_open(path), 3)
    update, drop = measure_drag(path)
    fit = measure_fit(path)
    results = {
        "fit_ms": fit,
        "open_ms": ours,
        "open_baseline_ms": baseline,
        "open_ratio": ours / baseline,
        "drag_update_ms": update,
        "drop_ms": drop,
    }
    print(f"map: {cards:,} touchpoints, {flows:,} flows")
    print(f"open and show: {ours:7.1f} ms   baseline (pydantic + bare Qt items): {baseline:7.1f} ms"
          f"   ratio {ours / baseline:.2f} (goal <= 2)")
    print(f"drag update:   {update:7.2f} ms (goal < 16)")
    print(f"drop:          {drop:7.1f} ms (goal < 100, with re-layout and re-check)")
    print(f"fit to window: {fit:7.1f} ms (goal < 300, painted)")
    return results


if __name__ == "__main__":
    main()
