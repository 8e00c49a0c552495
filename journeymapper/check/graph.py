"""The flow graph: touchpoints as nodes, flows as edges, built once per check.

JM004 needs the cycles of the graph *without* loop flows; JM005 needs
reachability over *all* flows. Rather than building two graphs (or taking the
SCCs of the full graph and recomputing those that contain a loop flow), the
graph is built in two steps: nodes and non-loop edges, then their strongly
connected components, then the loop-only edges. One build, one SCC pass, and
the finished graph is exactly "every flow an edge".

The editor checks the map after every edit, and most edits (moving, renaming
or feeling cards) keep the graph as it was: given a `GraphMemo`, the last
graph, its strongly connected components and its last reachability answer are
kept and reused while the touchpoint ids and the flow objects are the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import networkx as nx

from ..model import Flow
from .index import MapIndex


@dataclass(frozen=True)
class FlowGraph:
    graph: nx.DiGraph
    """Every touchpoint a node, every (source, target) pair of a flow an edge (self-loops included)."""
    cycles: list[set[str]]
    """Strongly connected components of two or more touchpoints, loop flows left out."""
    with_flows: set[str]
    """Personas that have flows: a flow touches one of their touchpoints."""
    reached: dict[frozenset[str], frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    """The last reachability answer for this graph (kept with the graph between checks)."""

    def reachable(self, sources: list[str]) -> frozenset[str]:
        """Every touchpoint some path from `sources` reaches; the same sources on the same graph
        (a card moved inside its persona's journey) give the kept answer."""
        key = frozenset(sources)
        found = self.reached.get(key)
        if found is None:
            found = frozenset(reachable(self.graph, sources))
            self.reached.clear()
            self.reached[key] = found
        return found


@dataclass(frozen=True)
class _Built:
    """A graph with what it was built from; read-only, shared by the checks that find it still true."""

    nodes: frozenset[str]
    flows: tuple[Flow, ...]
    graph: nx.DiGraph
    non_loop: list[tuple[str, str]]
    components: list[set[str]] | None
    """Strongly connected components of two or more touchpoints without loop flows; None until needed."""
    reached: dict[frozenset[str], frozenset[str]] = field(default_factory=dict)

    def fits(self, nodes: frozenset[str], flows: Sequence[Flow]) -> bool:
        return (self.nodes == nodes and len(self.flows) == len(flows)
                and all(a is b for a, b in zip(self.flows, flows)))


class GraphMemo:
    """The last graph built for one map being edited (the editor keeps one per document).

    It dies with its owner: nothing here keeps a closed map alive."""

    def __init__(self) -> None:
        self.last: _Built | None = None


def build_graph(index: MapIndex, memo: GraphMemo | None = None) -> FlowGraph:
    """The graph of the indexed map, its loop-free cycles and the personas that have flows.

    With a `memo`, the graph (and what was learnt about it) is reused while it still fits."""
    nodes = frozenset(index.touchpoint) if memo is not None else frozenset()
    built = memo.last if memo is not None else None
    if built is None or not built.fits(nodes, index.flows):
        built = _build(nodes, index.flows, index)
        possible = built.components is not None  # (_build found out)
    else:
        possible = _cycle_possible(index, built.non_loop)  # cards may have changed stage
    cycles: list[set[str]] = []
    if possible:
        if built.components is None:
            built = _Built(built.nodes, built.flows, built.graph, built.non_loop, _components(built), built.reached)
        cycles = [set(c) for c in built.components]
    if memo is not None:
        memo.last = built
    return FlowGraph(built.graph, cycles, _with_flows(built.graph, index), built.reached)


def _build(nodes: frozenset[str], flows: Sequence[Flow], index: MapIndex) -> _Built:
    """Nodes and non-loop edges first, their components if a cycle is possible, then the loop edges.

    Nodes go in map order; the rules' results never depend on it (problems are sorted)."""
    graph = nx.DiGraph()
    graph.add_nodes_from(index.touchpoint)
    non_loop = [(f.source, f.target) for f in flows if f.kind != "loop"]
    graph.add_edges_from(non_loop)
    components = None
    if _cycle_possible(index, non_loop):
        components = [c for c in nx.strongly_connected_components(graph) if len(c) > 1]
    graph.add_edges_from((f.source, f.target) for f in flows if f.kind == "loop")
    return _Built(nodes, tuple(flows), nx.freeze(graph), non_loop, components)


def _cycle_possible(index: MapIndex, edges: list[tuple[str, str]]) -> bool:
    # Around a cycle the stage index cannot rise at every step, so a cycle needs
    # an edge that stays in its stage or goes back. Without one (the usual case
    # in a tidy map) there is no cycle and the SCC pass is skipped.
    place = index.place
    return any(place[t][0] <= place[s][0] and s != t for s, t in edges)


def _components(built: _Built) -> list[set[str]]:
    non_loop = nx.DiGraph()
    non_loop.add_nodes_from(built.graph)
    non_loop.add_edges_from(built.non_loop)
    return [c for c in nx.strongly_connected_components(non_loop) if len(c) > 1]


def _with_flows(graph: nx.DiGraph, index: MapIndex) -> set[str]:
    # A persona usually has flows at its first card, so this rarely walks far.
    succ, pred = graph.succ, graph.pred
    found: set[str] = set()
    for t in index.touchpoints:
        if t.persona not in found and (succ[t.id] or pred[t.id]):
            found.add(t.persona)
            if len(found) == len(index.occupied):
                break
    return found


def reachable(graph: nx.DiGraph, sources: list[str]) -> set[str]:
    """Every node some path from `sources` reaches (sources included), by one multi-source BFS."""
    if not sources:
        return set()
    seen: set[str] = set()
    for layer in nx.bfs_layers(graph, sources):
        seen.update(layer)
    return seen
