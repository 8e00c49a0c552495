"""Benchmark: check_map on a 5,000-touchpoint, 7,500-flow map against the raw networkx baseline.

Run it as `python tests/benchmarks/bench_check.py` (or `./dev bench`). The
baseline, measured in the same run on the same map, is what any flow checker
must at least do: build a DiGraph from the flows and run one multi-source BFS.
These machines are shared and noisy, so the ratio is the number to watch
(docs/checks.md also asks for well under 50 ms on one core).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tests.benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import networkx as nx

from journeymapper.check import check_map
from journeymapper.model import Map
from tests.benchmarks.bigmap import big_map
from tests.benchmarks.timing import median_ms

RUNS = 15




def networkx_baseline(the_map: Map) -> Callable[[], set[str]]:
    """Build a DiGraph from the map's flows and find what the first-stage cards reach."""
    nodes = [t.id for t in the_map.touchpoints]
    edges = [(f.source, f.target) for f in the_map.flows]
    first_stage = the_map.stages[0].id
    sources = [t.id for t in the_map.touchpoints if t.stage == first_stage]

    def run() -> set[str]:
        graph = nx.DiGraph()
        graph.add_nodes_from(nodes)
        graph.add_edges_from(edges)
        reached: set[str] = set()
        for layer in nx.bfs_layers(graph, sources):
            reached.update(layer)
        return reached

    return run


def measure(the_map: Map, runs: int = RUNS) -> tuple[float, float]:
    """(check_map ms, baseline ms), medians of `runs` runs each, measured in this process."""
    return median_ms(lambda: check_map(the_map), runs), median_ms(networkx_baseline(the_map), runs)


def main() -> None:
    the_map = big_map()
    problems = check_map(the_map)
    ours, baseline = measure(the_map)
    size = f"{len(the_map.touchpoints)} touchpoints, {len(the_map.flows)} flows"
    print(f"map: {size}, {len(problems)} problems")
    print(f"check_map:                          {ours:7.2f} ms (median of {RUNS})")
    print(f"networkx build + multi-source BFS:  {baseline:7.2f} ms (median of {RUNS})")
    print(f"ratio:                              {ours / baseline:7.2f}x")


if __name__ == "__main__":
    main()
