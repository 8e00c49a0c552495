"""The journey map, exactly as `.jmap` format version 1 defines it.

Field order here is the key order writers emit (see docs/jmap-format.md), so
do not reorder fields casually: it changes every saved file. Every model is
strict (unknown keys are errors) and frozen: the Document replaces whole
elements when something changes, so an old element held by an undo command
or a view never changes under it. (The Map's four lists are the exception:
the Document inserts into and removes from them in place.)
"""

from typing import Annotated, Optional

from pydantic import BaseModel, ConfigDict, Field

from .types import (
    Channel,
    Color,
    Emotion,
    Evidence,
    FlowKind,
    Id,
    Level,
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
DEFAULT_PERSONA_COLOR = "#2E86AB"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False)


ShortList = Annotated[list[text(500)], Field(max_length=MAX_LIST_ITEMS)]


class KPI(_Strict):
    """A stage's key figure, e.g. conversion rate 2.1 % against a target of 3 %."""

    name: text(200, 1)
    value: Number = None
    target: Number = None
    unit: text(20) = ""


class PainPoint(_Strict):
    text: text(500, 1)
    severity: Level = "medium"


class Opportunity(_Strict):
    text: text(500, 1)
    priority: Level = "medium"


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


class Map(_Strict):
    """One customer journey map: the content of a `.jmap` file's `map` object."""

    id: Id
    title: text(200, 1)
    description: text(10_000) = ""
    owner: text(200) = ""
    created: Timestamp
    modified: Timestamp
    review_by: ReviewDate = None
    personas: Annotated[list[Persona], Field(max_length=MAX_PERSONAS)] = []
    stages: Annotated[list[Stage], Field(max_length=MAX_STAGES)] = []
    touchpoints: Annotated[list[Touchpoint], Field(max_length=MAX_TOUCHPOINTS)] = []
    flows: Annotated[list[Flow], Field(max_length=MAX_FLOWS)] = []


Element = Persona | Stage | Touchpoint | Flow
"""Anything that has an id in the map's one id space."""

__all__ = [
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
