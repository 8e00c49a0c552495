"""A big, deterministic, realistic-looking journey map for benchmarks.

`big_map()` gives 5,000 touchpoints and 7,500 flows over 5 personas and 10
stages: mostly `next` flows to the following stage of the same persona, some
`alternative` branches (a few of them handovers to another persona), some
`loop` flows back to earlier stages, a handful of mislabelled `next` flows
back to the previous card (cycles, so the checker's cycle search has real work), and a sprinkling of cards
without emotion or channel. The same arguments always give the same map.
"""

from __future__ import annotations

import random

from journeymapper.io.upgrade_1_to_2 import upgrade_map  # (these maps are written as v1 data)
from journeymapper.model import Map

CHANNELS = ("website", "email", "phone", "in_store", "social_media", "mobile_app")


def big_map(
    touchpoints: int = 5000, flows: int = 7500, personas: int = 5, stages: int = 10, seed: int = 1
) -> Map:
    """A map with exactly `touchpoints` cards and (space allowing) `flows` distinct flows."""
    rng = random.Random(seed)
    persona_ids = [f"p{i}" for i in range(personas)]
    stage_ids = [f"s{i}" for i in range(stages)]
    cells: dict[tuple[int, int], list[str]] = {(p, s): [] for p in range(personas) for s in range(stages)}
    cards = []
    for n in range(touchpoints):
        p, s = n % personas, (n // personas) % stages
        tp_id = f"t{n}"
        cells[(p, s)].append(tp_id)
        cards.append(
            {
                "id": tp_id,
                "persona": persona_ids[p],
                "stage": stage_ids[s],
                "title": f"Touchpoint {n}",
                "channel": None if n % 97 == 0 else CHANNELS[n % len(CHANNELS)],
                "emotion": None if n % 89 == 0 else rng.randint(-2, 2),
            }
        )
    where = {tp: cell for cell, ids in cells.items() for tp in ids}

    pairs: dict[tuple[str, str], str] = {}
    into: dict[str, list[str]] = {}

    def add(source: str, target: str, kind: str) -> None:
        if len(pairs) < flows and source != target and (source, target) not in pairs:
            pairs[(source, target)] = kind
            into.setdefault(target, []).append(source)

    def pick(p: int, s: int) -> str | None:
        ids = cells.get((p, s))
        return rng.choice(ids) if ids else None

    # The main path: within each persona, every card leads to a card of the next stage and
    # every card after the first stage is led to, so all cards are reachable.
    for p in range(personas):
        for s in range(stages - 1):
            here, there = cells[(p, s)], cells[(p, s + 1)]
            if not (here and there):
                continue
            for i in range(max(len(here), len(there))):
                source = here[i % len(here)]
                add(source, there[i] if i < len(there) else rng.choice(there), "next")
    # Then branches, loops, handovers and a few mistakes, until there are enough flows.
    ids = [c["id"] for c in cards]
    attempts = 0
    while len(pairs) < flows and attempts < 20 * flows:
        attempts += 1
        source = rng.choice(ids)
        p, s = where[source]
        roll = rng.random()
        if roll < 0.85:
            target, kind = pick(p, s + rng.choice((1, 1, 2))), "alternative"
        elif roll < 0.93:
            target, kind = pick(p, rng.randrange(0, max(s, 1))), "loop"
        elif roll < 0.995:
            target, kind = pick(rng.randrange(personas), s + 1), "alternative"
        else:  # a mislabelled way back to where the customer came from: a cycle
            target, kind = rng.choice(into[source]) if source in into else None, "next"
        if target:
            add(source, target, kind)

    return Map.model_validate(upgrade_map(
        {
            "id": "big",
            "title": "Benchmark map",
            "created": "2026-01-01T00:00:00Z",
            "modified": "2026-01-01T00:00:00Z",
            "personas": [{"id": pid, "name": f"Persona {i}"} for i, pid in enumerate(persona_ids)],
            "stages": [{"id": sid, "name": f"Stage {i}"} for i, sid in enumerate(stage_ids)],
            "touchpoints": cards,
            "flows": [
                {"id": f"f{n}", "source": s, "target": t, "kind": kind}
                for n, ((s, t), kind) in enumerate(pairs.items())
            ],
        }
    ))
