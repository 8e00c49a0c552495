"""Small format-2 maps for the plan rules and the insights: cards with pain points and opportunities
that have ids and plans, stages with KPIs that have readings.

Written as v2 data directly (builders.py writes v1 data, which has no plans). `card()` is complete
(channel, emotion, evidence set), so a test sees only what it is about.
"""

from __future__ import annotations

from typing import Any

from journeymapper.model import Map


def pain(id: str, text: str | None = None, severity: str = "high") -> dict[str, Any]:
    return {"id": id, "text": text or f"Pain {id}", "severity": severity}


def opp(id: str, text: str | None = None, **plan: Any) -> dict[str, Any]:
    return {"id": id, "text": text or f"Idea {id}", **plan}


def kpi(id: str, name: str | None = None, target: float | None = None, *readings: tuple[str, float],
        **fields: Any) -> dict[str, Any]:
    """A KPI; `readings` as (day, value), oldest first."""
    return {"id": id, "name": name or f"KPI {id}", "target": target,
            "readings": [{"date": day, "value": value} for day, value in readings], **fields}


def card(id: str, persona: str = "p1", stage: str = "s1", title: str | None = None, **fields: Any) -> dict[str, Any]:
    return {"id": id, "persona": persona, "stage": stage, "title": title or f"Card {id}", "channel": "website",
            "emotion": 0, "evidence": "validated", **fields}


def plan_map(cards: list[dict[str, Any]], stages: list[dict[str, Any]] | None = None,
             personas: tuple[str, ...] = ("p1",), **fields: Any) -> Map:
    """A map of `cards` (in one lane unless told), stages s1..s3 (or `stages`: dicts, or ids)."""
    stage_list = stages if stages is not None else [{"id": s} for s in ("s1", "s2", "s3")]
    return Map.model_validate({
        "id": "m",
        "title": "Plan map",
        "created": "2026-01-01T00:00:00Z",
        "modified": "2026-01-01T00:00:00Z",
        "personas": [{"id": p, "name": f"Persona {p}"} for p in personas],
        "stages": [{"name": f"Stage {s['id']}", **s} for s in stage_list],
        "touchpoints": cards,
        **fields,
    })
