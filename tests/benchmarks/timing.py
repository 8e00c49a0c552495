"""How the benchmarks time things: the median of several runs, after a warm-up.

These machines are shared: their speed drifts by a third within a minute. So a
ratio to the raw toolkit is measured in pairs, ours then theirs, one pair after
another, and the median of the pairs' ratios is reported: each pair ran at the
same speed of the machine.
"""

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


def paired_ms(ours: Callable[[], object], theirs: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """(median ms of ours, median ms of theirs, median of the ratios ours/theirs of `runs` pairs run in turn)."""
    ours()
    theirs()
    pairs = []
    for _ in range(runs):
        a = median_ms(ours, 1, warm_up=False)
        b = median_ms(theirs, 1, warm_up=False)
        pairs.append((a, b))
    return (statistics.median(a for a, _ in pairs), statistics.median(b for _, b in pairs),
            statistics.median(a / b for a, b in pairs))


def installed_env() -> dict[str, str]:
    """The environment for timing a whole command as a user runs it: with Python's bytecode cache, which an
    install writes and keeps (this machine's environment turns it off, so that every process would compile
    every module it imports afresh)."""
    import os

    return {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
