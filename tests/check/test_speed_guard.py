"""One generous guard against the checker growing slow (docs/checks.md, "Speed").

It compares check_map on a 5,000-touchpoint, 7,500-flow map with the raw networkx
work any checker must do (build the graph, one multi-source BFS), measured in the
same test: a ratio, never a fixed number of milliseconds, because the machines are
shared. tests/benchmarks/bench_check.py prints the real numbers.
"""

from ..benchmarks.bench_check import measure
from ..benchmarks.bigmap import big_map

MAX_RATIO = 8


def test_check_map_stays_within_a_small_multiple_of_raw_networkx() -> None:
    ours, baseline = measure(big_map(), runs=5)
    assert ours <= MAX_RATIO * baseline, f"check_map {ours:.1f} ms vs networkx {baseline:.1f} ms"
