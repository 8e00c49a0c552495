"""Look-up tables the rules share, each built in one pass over the map.

Every rule asks the same questions (which stage is this touchpoint in, where
does this persona's journey start and end), so they are answered once here
instead of once per rule; the editor re-checks on every edit. Dangling
references (a touchpoint naming an unknown stage, a flow naming an unknown
touchpoint) are load errors reported by `journeymapper.io`; the index leaves
such elements out, so the checker never crashes on an unvalidated map.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Flow, Map, Persona, Stage, Touchpoint


@dataclass(frozen=True)
class MapIndex:
    """The map plus the tables the rules need; build it with `MapIndex.of(the_map)`."""

    map: Map
    personas: dict[str, Persona]
    stages: list[Stage]
    stage_index: dict[str, int]
    """Stage id -> position in map.stages (the stage index of checks.md)."""
    touchpoints: list[Touchpoint]
    """Touchpoints whose persona and stage exist, in map order."""
    touchpoint: dict[str, Touchpoint]
    place: dict[str, tuple[int, str]]
    """Touchpoint id -> (stage index, persona id): the two facts most rules ask about a card."""
    flows: list[Flow]
    """Flows whose source and target are indexed touchpoints, in map order."""
    occupied: dict[str, set[int]]
    """Persona id -> stage indices of its touchpoints (personas without touchpoints are absent)."""
    first_stage: dict[str, int]
    """Persona id -> its first occupied stage index."""
    last_stage: dict[str, int]
    """Persona id -> its last occupied stage index."""

    @classmethod
    def of(cls, the_map: Map) -> MapIndex:
        personas = {p.id: p for p in the_map.personas}
        stage_index = {s.id: i for i, s in enumerate(the_map.stages)}
        touchpoints = [t for t in the_map.touchpoints if t.stage in stage_index and t.persona in personas]
        touchpoint = {t.id: t for t in touchpoints}
        place = {t.id: (stage_index[t.stage], t.persona) for t in touchpoints}
        flows = the_map.flows
        if not all(f.source in touchpoint and f.target in touchpoint for f in flows):
            flows = [f for f in flows if f.source in touchpoint and f.target in touchpoint]
        occupied: dict[str, set[int]] = {}
        for stage, persona in set(place.values()):
            occupied.setdefault(persona, set()).add(stage)
        return cls(
            map=the_map,
            personas=personas,
            stages=list(the_map.stages),
            stage_index=stage_index,
            touchpoints=touchpoints,
            touchpoint=touchpoint,
            place=place,
            flows=list(flows),
            occupied=occupied,
            first_stage={p: min(used) for p, used in occupied.items()},
            last_stage={p: max(used) for p, used in occupied.items()},
        )

    def title(self, touchpoint_id: str) -> str:
        return self.touchpoint[touchpoint_id].title
