"""Property tests: on any small map the checker never raises, names only real elements,
is deterministic, keeps its order, and agrees with slow, obviously-right versions of
its trickiest rules (JM004 cycles, JM005 reachability, JM006 dead ends)."""

import datetime

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymapper.check import RULES, SEVERITIES, check_map
from journeymapper.io.upgrade_1_to_2 import upgrade_map  # (these maps are written as v1 data)
from journeymapper.model import Map
from journeymapper.model.types import CHANNELS, FLOW_KINDS

TITLES = ("Visits the shop", "visits the shop ", "Orders", "Calls", "Pays")


@st.composite
def maps(draw: st.DrawFn) -> Map:
    personas = [f"p{i}" for i in range(draw(st.integers(0, 3)))]
    stages = [f"s{i}" for i in range(draw(st.integers(0, 5)))]
    cards = []
    if personas and stages:
        for i in range(draw(st.integers(0, 25))):
            cards.append(
                {
                    "id": f"t{i}",
                    "persona": draw(st.sampled_from(personas)),
                    "stage": draw(st.sampled_from(stages)),
                    "title": draw(st.sampled_from(TITLES)),
                    "channel": draw(st.none() | st.sampled_from(CHANNELS)),
                    "emotion": draw(st.none() | st.integers(-2, 2)),
                    "pain_points": [{"text": "Slow"}] * draw(st.integers(0, 1)),
                    "opportunities": [{"text": "Faster"}] * draw(st.integers(0, 1)),
                }
            )
    flows = []
    if cards:
        ids = st.sampled_from([c["id"] for c in cards])
        for i in range(draw(st.integers(0, 40))):
            kind = draw(st.sampled_from(FLOW_KINDS))
            flows.append({"id": f"f{i}", "source": draw(ids), "target": draw(ids), "kind": kind})
    review_by = draw(st.none() | st.dates(datetime.date(2020, 1, 1), datetime.date(2030, 12, 31)))
    return Map.model_validate(upgrade_map(
        {
            "id": "m",
            "title": "Random",
            "created": "2026-01-01T00:00:00Z",
            "modified": "2026-01-01T00:00:00Z",
            "review_by": review_by.isoformat() if review_by else None,
            "personas": [{"id": p, "name": f"Persona {p}"} for p in personas],
            "stages": [{"id": s, "name": f"Stage {s}"} for s in stages],
            "touchpoints": cards,
            "flows": flows,
        }
    ))


TODAY = st.dates(datetime.date(2020, 1, 1), datetime.date(2030, 12, 31))


def _position(m: Map) -> dict[str, int]:
    ids = [m.id, *(p.id for p in m.personas), *(s.id for s in m.stages)]
    ids += [t.id for t in m.touchpoints] + [f.id for f in m.flows]
    return {element: n for n, element in enumerate(ids)}


@settings(max_examples=150, deadline=None)
@given(maps(), TODAY)
def test_problems_are_well_formed_deterministic_and_ordered(m: Map, today: datetime.date) -> None:
    problems = check_map(m, today=today)
    assert check_map(m, today=today) == problems
    position = _position(m)
    for p in problems:
        assert p.code in RULES and p.severity == RULES[p.code][0]
        assert p.elements and set(p.elements) <= position.keys()
        assert len(set(p.elements)) == len(p.elements)
        assert p.message and "\n" not in p.message
    keys = [(SEVERITIES.index(p.severity), p.code, [position[e] for e in p.elements]) for p in problems]
    assert keys == sorted(keys)


@settings(max_examples=150, deadline=None)
@given(maps())
def test_graph_rules_agree_with_slow_reference_versions(m: Map) -> None:
    problems = check_map(m, today=datetime.date(2026, 1, 1))
    stage = {s.id: i for i, s in enumerate(m.stages)}
    tp_stage = {t.id: stage[t.stage] for t in m.touchpoints}
    persona = {t.id: t.persona for t in m.touchpoints}

    # JM004: strongly connected components of a graph made of non-loop flows only.
    no_loops = nx.DiGraph()
    no_loops.add_nodes_from(tp_stage)
    no_loops.add_edges_from((f.source, f.target) for f in m.flows if f.kind != "loop")
    no_loops.remove_edges_from(list(nx.selfloop_edges(no_loops)))
    expected_cycles = {frozenset(c) for c in nx.strongly_connected_components(no_loops) if len(c) > 1}
    found_cycles = {frozenset(e for e in p.elements if e in tp_stage) for p in problems if p.code == "JM004"}
    assert found_cycles == expected_cycles

    # JM005: one nx.descendants per entry touchpoint (slow, but obviously right).
    everything = nx.DiGraph()
    everything.add_nodes_from(tp_stage)
    everything.add_edges_from((f.source, f.target) for f in m.flows)
    first = {p: min(tp_stage[t] for t in tp_stage if persona[t] == p) for p in set(persona.values())}
    entries = [t for t in tp_stage if tp_stage[t] == first[persona[t]]]
    reached = set(entries).union(*(nx.descendants(everything, e) for e in entries))
    with_flows = {persona[f.source] for f in m.flows} | {persona[f.target] for f in m.flows}
    expected_unreached = {t for t in tp_stage if persona[t] in with_flows and t not in reached}
    assert {p.elements[0] for p in problems if p.code == "JM005"} == expected_unreached

    # JM006: no flow leaves to another touchpoint, and not in the persona's last stage.
    last = {p: max(tp_stage[t] for t in tp_stage if persona[t] == p) for p in set(persona.values())}
    leaving = {f.source for f in m.flows if f.source != f.target}
    expected_dead_ends = {
        t
        for t in tp_stage
        if persona[t] in with_flows and t not in leaving and tp_stage[t] != last[persona[t]]
    }
    assert {p.elements[0] for p in problems if p.code == "JM006"} == expected_dead_ends
