"""Small maps for checker tests, written as compactly as the rules they exercise.

`tp()` makes a card that is complete (channel and emotion set), so a test only
sees the problems it is about; `make_map()` names personas "Persona p1" and
stages "Stage s1" unless told otherwise.
"""

from __future__ import annotations

from typing import Any

from journeymapper.check import Problem
from journeymapper.io.upgrade_1_to_2 import upgrade_map  # (these maps are written as v1 data)
from journeymapper.model import Flow, Map

STAGES = ("s1", "s2", "s3", "s4")


def tp(id: str, persona: str, stage: str, title: str | None = None, **fields: Any) -> dict[str, Any]:
    card = {"id": id, "persona": persona, "stage": stage, "title": title or f"Card {id}"}
    return {"channel": "website", "emotion": 0, **card, **fields}


def fl(id: str, source: str, target: str, kind: str = "next", **fields: Any) -> dict[str, Any]:
    return {"id": id, "source": source, "target": target, "kind": kind, **fields}


def make_map(
    touchpoints: list[dict[str, Any]],
    flows: list[dict[str, Any]] = (),  # type: ignore[assignment]
    personas: tuple[str, ...] = ("p1",),
    stages: tuple[str, ...] = STAGES,
    **fields: Any,
) -> Map:
    return Map.model_validate(upgrade_map(
        {
            "id": "m",
            "title": "Test map",
            "created": "2026-01-01T00:00:00Z",
            "modified": "2026-01-01T00:00:00Z",
            "personas": [{"id": p, "name": f"Persona {p}"} for p in personas],
            "stages": [{"id": s, "name": f"Stage {s}"} for s in stages],
            "touchpoints": list(touchpoints),
            "flows": list(flows),
            **fields,
        }
    ))


def only(problems: list[Problem], code: str) -> list[Problem]:
    """The problems of one code, in the checker's order."""
    return [p for p in problems if p.code == code]


def elements(problems: list[Problem], code: str) -> list[tuple[str, ...]]:
    """The element tuples of the problems of one code, in the checker's order."""
    return [p.elements for p in problems if p.code == code]


def clean_map() -> Map:
    """A realistic map with nothing to report: two lanes, four stages, branches and loops.

    The parent can order online or by phone (an alternative), may skip the gallery
    when they know what they want (an alternative that skips a stage), and comes back
    after leaving a review (a loop). The office manager reorders every month (a loop).
    """
    pain = [{"text": "Form asks for an account first", "severity": "high"}]
    fix = [{"text": "Guest checkout", "priority": "high"}]
    return make_map(
        personas=("p1", "p2"),
        review_by="2099-12-31",
        touchpoints=[
            tp("a1", "p1", "s1", "Sees a friend's cake photo", channel="social_media", emotion=2),
            tp("a2", "p1", "s1", "Searches for bakeries nearby", channel="search", emotion=0),
            tp("b1", "p1", "s2", "Browses the cake gallery", channel="website", emotion=1),
            tp("c1", "p1", "s3", "Orders on the website", emotion=-1, pain_points=pain, opportunities=fix),
            tp("c2", "p1", "s3", "Calls the shop", channel="phone", emotion=1),
            tp("d1", "p1", "s4", "Picks up the cake", channel="in_store", emotion=2),
            tp("d2", "p1", "s4", "Leaves a review", channel="review_site", emotion=1),
            tp("e1", "p2", "s1", "Gets a flyer at the office", channel="mail", emotion=0),
            tp("f1", "p2", "s2", "Asks colleagues for a favourite", channel="word_of_mouth", emotion=1),
            tp("g1", "p2", "s3", "Orders a platter by e-mail", channel="email", emotion=0),
            tp("h1", "p2", "s4", "Reorders every month", channel="email", emotion=1),
        ],
        flows=[
            fl("f01", "a1", "b1"),
            fl("f02", "a2", "b1"),
            fl("f03", "a2", "c1", "alternative", label="Knows what to order"),
            fl("f04", "b1", "c1"),
            fl("f05", "b1", "c2", "alternative"),
            fl("f06", "c1", "d1"),
            fl("f07", "c2", "d1"),
            fl("f08", "d1", "d2"),
            fl("f09", "d2", "b1", "loop", label="Next birthday"),
            fl("f10", "e1", "f1"),
            fl("f11", "f1", "g1"),
            fl("f12", "g1", "h1"),
            fl("f13", "h1", "g1", "loop", label="Every month"),
        ],
    )


def handover_map() -> Map:
    """`clean_map` plus one flow from the parent's lane to the office manager's (only JM016 fires)."""
    base = clean_map()
    shares = Flow(id="f14", source="a1", target="f1", kind="alternative", label="Shares the photo at work")
    return base.model_copy(update={"flows": [*base.flows, shares]})
