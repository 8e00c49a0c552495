"""Benchmark: check_map on a 5,000-touchpoint, 7,500-flow map against the raw networkx baseline.

Run it as `python tests/benchmarks/bench_check.py` (or `./dev bench`). The
baseline, measured in the same run on the same map, is what any flow checker
must at least do: build a DiGraph from the flows and run one multi-source BFS.
These machines are shared and noisy, so the ratio is the number to watch
(docs/checks.md also asks for well under 50 ms on one core).
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tests.benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import networkx as nx

from journeymapper.check import check_map
from journeymapper.check.graph import GraphMemo
from journeymapper.model.document import Document
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
    """(first check_map ms, baseline ms), medians of `runs` runs each, measured in this process.
    Without a GraphMemo nothing is kept between checks: each is a first check (a file just opened)."""
    return median_ms(lambda: check_map(the_map), runs), median_ms(networkx_baseline(the_map), runs)


def measure_recheck(the_map: Map, runs: int = RUNS) -> float:
    """Median ms of the re-check after a card moves to the next stage (what the editor does on a drop)."""
    doc = Document(the_map)
    stages = [s.id for s in doc.stages]
    memo = GraphMemo()  # what the editor keeps between checks
    check_map(doc.map, memo=memo)
    times = []
    for k in range(runs):
        card = doc.touchpoints[k * 37]
        doc.move_touchpoint(card.id, card.persona, stages[(stages.index(card.stage) + 1) % len(stages)], 0)
        times.append(median_ms(lambda: check_map(doc.map, memo=memo), 1, warm_up=False))
    return statistics.median(times)


def main() -> None:
    the_map = big_map()
    problems = check_map(the_map)
    ours, baseline = measure(the_map)
    recheck = measure_recheck(the_map)
    size = f"{len(the_map.touchpoints)} touchpoints, {len(the_map.flows)} flows"
    print(f"map: {size}, {len(problems)} problems")
    print(f"first check_map:                    {ours:7.2f} ms (median of {RUNS})")
    print(f"networkx build + multi-source BFS:  {baseline:7.2f} ms (median of {RUNS})")
    print(f"ratio:                              {ours / baseline:7.2f}x")
    print(f"re-check after a card moves:        {recheck:7.2f} ms (the graph is kept: "
          f"{recheck / baseline:.2f}x the baseline)")


if __name__ == "__main__":
    main()
