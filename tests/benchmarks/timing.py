"""How the benchmarks time things: the median of several runs, after a warm-up."""

from __future__ import annotations

import gc
import statistics
import time
from typing import Callable


def median_ms(work: Callable[[], object], runs: int, warm_up: bool = True) -> float:
    """Median wall time of `work` in milliseconds (garbage collected before each run)."""
    if warm_up:
        work()
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
