"""The flow graph: touchpoints as nodes, flows as edges, built once per check.

JM004 needs the cycles of the graph *without* loop flows; JM005 needs
reachability over *all* flows. Rather than building two graphs (or taking the
SCCs of the full graph and recomputing those that contain a loop flow), the
graph is built in two steps: nodes and non-loop edges, then their strongly
connected components, then the loop-only edges. One build, one SCC pass, and
the finished graph is exactly "every flow an edge".
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from .index import MapIndex


@dataclass(frozen=True)
class FlowGraph:
    graph: nx.DiGraph
    """Every touchpoint a node, every (source, target) pair of a flow an edge (self-loops included)."""
    cycles: list[set[str]]
    """Strongly connected components of two or more touchpoints, loop flows left out."""
    with_flows: set[str]
    """Personas that have flows: a flow touches one of their touchpoints."""


def build_graph(index: MapIndex) -> FlowGraph:
    """The graph of the indexed map, its loop-free cycles and the personas that have flows."""
    graph = nx.DiGraph()
    graph.add_nodes_from(index.touchpoint)
    non_loop = [(f.source, f.target) for f in index.flows if f.kind != "loop"]
    graph.add_edges_from(non_loop)
    cycles = _cycles(graph, index, non_loop)
    graph.add_edges_from((f.source, f.target) for f in index.flows if f.kind == "loop")
    return FlowGraph(graph, cycles, _with_flows(graph, index))


def _cycles(graph: nx.DiGraph, index: MapIndex, edges: list[tuple[str, str]]) -> list[set[str]]:
    # Around a cycle the stage index cannot rise at every step, so a cycle needs
    # an edge that stays in its stage or goes back. Without one (the usual case
    # in a tidy map) there is no cycle and the SCC pass is skipped.
    place = index.place
    if not any(place[t][0] <= place[s][0] and s != t for s, t in edges):
        return []
    return [c for c in nx.strongly_connected_components(graph) if len(c) > 1]


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
