"""The journey map, exactly as `.jmap` format version 2 defines it (docs/jmap-format.md).

Field order here is the key order writers emit (see docs/jmap-format.md), so
do not reorder fields casually: it changes every saved file. Every model is
strict (unknown keys are errors) and frozen: the Document replaces whole
elements when something changes, so an old element held by an undo command
or a view never changes under it. (The Map's four lists are the exception:
the Document inserts into and removes from them in place.)
"""

from typing import Annotated, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..i18n import _
from .types import (
    ActionStatus,
    Channel,
    Color,
    Day,
    Emotion,
    Figure,
    Evidence,
    FlowKind,
    Id,
    KpiDirection,
    Language,
    Level,
    MapState,
    Number,
    ReviewDate,
    Timestamp,
    text,
)

MAX_PERSONAS = 50
MAX_STAGES = 100
MAX_TOUCHPOINTS = 20_000
MAX_FLOWS = 50_000
MAX_LIST_ITEMS = 50
MAX_READINGS = 500
ITEM_LISTS: dict[str, tuple[str, ...]] = {"personas": ("quotes",), "stages": ("kpis",),
                                          "touchpoints": ("pain_points", "opportunities", "quotes")}
"""The lists whose items have ids of their own in the map's one id space, by the collection of the
elements that hold them (in the file's order)."""
ITEM_FIELDS = frozenset(field for fields in ITEM_LISTS.values() for field in fields)
DEFAULT_PERSONA_COLOR = "#2E86AB"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False)


ShortList = Annotated[list[text(500)], Field(max_length=MAX_LIST_ITEMS)]


class Reading(_Strict):
    """A KPI measured on a day: conversion rate 2.1 % on 2026-11-01."""

    date: Day
    value: Figure
    note: text(500) = ""


class KPI(_Strict):
    """A stage's key figure, e.g. conversion rate against a target of 3 %, measured over time."""

    id: Id
    name: text(200, 1)
    unit: text(20) = ""
    direction: KpiDirection = "higher"
    """Which way is better: higher (sales), lower (waiting time) or on the target (a price)."""
    target: Number = None
    readings: Annotated[list[Reading], Field(max_length=MAX_READINGS)] = []
    """Oldest first; the latest is the KPI's current value."""

    @property
    def value(self) -> int | float | None:
        """The latest reading's value (None before the first reading)."""
        return self.readings[-1].value if self.readings else None

    @property
    def previous(self) -> int | float | None:
        """The reading before the latest (what the latest is compared with)."""
        return self.readings[-2].value if len(self.readings) > 1 else None


class Quote(_Strict):
    """A customer's own words, kept as evidence: who said it, when, where it was heard or read."""

    id: Id
    text: text(1_000, 1)
    who: text(200) = ""
    date: ReviewDate = None
    source: text(500) = ""


class PainPoint(_Strict):
    id: Id
    text: text(500, 1)
    severity: Level = "medium"


class Opportunity(_Strict):
    """An idea to do better, and the plan to act on it: who, by when, how much work, which pains it answers."""

    id: Id
    text: text(500, 1)
    priority: Level = "medium"
    status: ActionStatus = "idea"
    owner: text(200) = ""
    due: ReviewDate = None
    effort: Optional[Level] = None
    addresses: Annotated[list[Id], Field(max_length=MAX_LIST_ITEMS)] = []
    """Ids of the pain points it answers (on any card)."""


Quotes = Annotated[list[Quote], Field(max_length=MAX_LIST_ITEMS)]


class Persona(_Strict):
    """A customer segment: one swimlane of the map."""

    id: Id
    name: text(200, 1)
    segment: text(200) = ""
    description: text(10_000) = ""
    goals: ShortList = []
    needs: ShortList = []
    frustrations: ShortList = []
    color: Color = DEFAULT_PERSONA_COLOR
    evidence: Evidence = "assumed"
    """What the persona is based on: a guess, a few customers, or research."""
    source: text(500) = ""
    quotes: Quotes = []


class Stage(_Strict):
    """A step of the journey: one column of the map."""

    id: Id
    name: text(200, 1)
    description: text(10_000) = ""
    goal: text(500) = ""
    kpis: Annotated[list[KPI], Field(max_length=MAX_LIST_ITEMS)] = []


class Touchpoint(_Strict):
    """One moment where the customer meets the business: a card in one lane and one column."""

    id: Id
    persona: Id
    stage: Id
    title: text(500, 1)
    channel: Optional[Channel] = None
    action: text(2_000) = ""
    thoughts: text(2_000) = ""
    emotion: Emotion = None
    pain_points: Annotated[list[PainPoint], Field(max_length=MAX_LIST_ITEMS)] = []
    opportunities: Annotated[list[Opportunity], Field(max_length=MAX_LIST_ITEMS)] = []
    quotes: Quotes = []
    owner: text(200) = ""
    evidence: Evidence = "assumed"
    source: text(500) = ""
    notes: text(10_000) = ""


class Flow(_Strict):
    """An arrow from one touchpoint to the next."""

    id: Id
    source: Id
    target: Id
    label: text(200) = ""
    kind: FlowKind = "next"


class BasedOn(_Strict):
    """The current-state map a future-state map was made from."""

    id: Id
    title: text(200, 1)
    modified: Timestamp


class Map(_Strict):
    """One customer journey map: the content of a `.jmap` file's `map` object."""

    id: Id
    title: text(200, 1)
    description: text(10_000) = ""
    owner: text(200) = ""
    language: Language = ""
    """The language of what the map says (BCP 47: "ja", "en-GB"); "" when not said."""
    state: MapState = "current"
    """Today's journey ("current") or the one planned ("future")."""
    based_on: Optional[BasedOn] = None
    created: Timestamp
    modified: Timestamp
    review_by: ReviewDate = None
    personas: Annotated[list[Persona], Field(max_length=MAX_PERSONAS)] = []
    stages: Annotated[list[Stage], Field(max_length=MAX_STAGES)] = []
    touchpoints: Annotated[list[Touchpoint], Field(max_length=MAX_TOUCHPOINTS)] = []
    flows: Annotated[list[Flow], Field(max_length=MAX_FLOWS)] = []

    @model_validator(mode="after")
    def _only_a_future_map_is_based_on_another(self) -> "Map":
        if self.based_on is not None and self.state != "future":
            raise ValueError(_("only a future-state map is based on another map: this one says it shows "
                               "today's journey"))
        return self


Element = Persona | Stage | Touchpoint | Flow
"""Anything that has an id in the map's one id space."""

__all__ = [
    "BasedOn",
    "Quote",
    "Reading",
    "KPI",
    "PainPoint",
    "Opportunity",
    "Persona",
    "Stage",
    "Touchpoint",
    "Flow",
    "Map",
    "Element",
]
