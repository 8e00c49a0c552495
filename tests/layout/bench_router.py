"""Benchmark: the flow router's own cost (planning every flow's way, then placing its path) at 200
and 5,000 cards, as a first layout and after a card is moved, beside the whole layout it is part of.

Run it as `python tests/layout/bench_router.py [--runs N]` (pytest does not collect it). The router
has no counterpart in a toolkit; what to watch is its share of the layout: the layout of a map
with flows drawn straight (no router) is what remains.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Self

if __package__ in (None, ""):  # run as a script: make `tests` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from journeymapper.layout import map_layout
from journeymapper.layout.map_layout import layout_map
from journeymapper.layout.text import text_width, wrap
from journeymapper.model import Map
from tests.benchmarks.bigmap import big_map

ROUTER = ("plan_flows", "place_flows")
"""The router's two steps, as the layout calls them."""


class _Stopwatch:
    """Times the router's steps while the layout runs them (the layout's own names, wrapped)."""

    def __init__(self) -> None:
        self.ms = 0.0
        self._saved: dict[str, Callable] = {}

    def __enter__(self) -> Self:
        for name in ROUTER:
            step = self._saved[name] = getattr(map_layout, name)
            setattr(map_layout, name, self._timed(step))
        return self

    def _timed(self, step: Callable) -> Callable:
        def run(*args, **kwargs):
            start = time.perf_counter()
            try:
                return step(*args, **kwargs)
            finally:
                self.ms += (time.perf_counter() - start) * 1000
        return run

    def __exit__(self, *exc: object) -> None:
        for name, step in self._saved.items():
            setattr(map_layout, name, step)


def _moved(the_map: Map, k: int) -> Map:
    """The map with its k-th card moved to the next stage (as a drop does)."""
    cards = list(the_map.touchpoints)
    card = cards[(k * 37) % len(cards)]
    stages = [s.id for s in the_map.stages]
    target = stages[(stages.index(card.stage) + 1) % len(stages)]
    cards[cards.index(card)] = card.model_copy(update={"stage": target})
    return the_map.model_copy(update={"touchpoints": cards})


def measure(the_map: Map, runs: int) -> dict[str, float]:
    """Median ms: first layout and its router share; a layout after a move and its router share."""
    first, first_router, again, again_router = [], [], [], []
    layout_map(the_map)  # warm-up
    for k in range(runs):
        wrap.cache_clear()
        text_width.cache_clear()
        gc.collect()
        gc.disable()
        try:
            with _Stopwatch() as watch:
                start = time.perf_counter()
                previous = layout_map(the_map)
                first.append((time.perf_counter() - start) * 1000)
            first_router.append(watch.ms)
            moved = _moved(the_map, k)
            with _Stopwatch() as watch:
                start = time.perf_counter()
                layout_map(moved, previous=previous)
                again.append((time.perf_counter() - start) * 1000)
            again_router.append(watch.ms)
        finally:
            gc.enable()
    return {"first": statistics.median(first), "first_router": statistics.median(first_router),
            "again": statistics.median(again), "again_router": statistics.median(again_router)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed runs per case, after one warm-up (default 9)")
    args = parser.parse_args(argv)
    for label, the_map in (("200 cards, 300 flows", big_map(200, 300, 2, 5)),
                           ("5,000 cards, 7,500 flows", big_map())):
        m = measure(the_map, args.runs)
        print(f"flow router, {label} (medians of {args.runs}):")
        print(f"  first layout       {m['first']:8.1f} ms, of it the router {m['first_router']:7.1f} ms "
              f"({m['first_router'] / m['first']:.0%})")
        print(f"  after a card moves {m['again']:8.1f} ms, of it the router {m['again_router']:7.1f} ms "
              f"({m['again_router'] / m['again']:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
