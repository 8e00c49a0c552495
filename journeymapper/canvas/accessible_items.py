"""What a screen reader hears of each element of the map, and the interface that says it.

A map's elements (stage and persona headers, cards, flows) are not widgets, and a big map has no item
for most of its cards (see `MapScene.reveal`), so each element is read from the document and the
layout by its id: an `ElementAccessible` holds only that id and its kind, and works out its name,
description, state and place on the screen when an assistive technology asks. The words are the
program's own (`_`); what the user typed (titles, names, labels) is passed on as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QAccessible, QAccessibleInterface

from ..i18n import _, _n
from ..layout.labels import CHANNEL_LABELS, EMOTION_LABELS, EVIDENCE_LABELS, FLOW_KIND_LABELS
from ..layout.map_layout import MapLayout
from ..model.document import Document

if TYPE_CHECKING:
    from .accessible import ElementRegistry

STAGE, PERSONA, CARD, FLOW = "stage", "persona", "card", "flow"
"""The kinds of element the canvas exposes, in reading order."""

_ROLES = {
    STAGE: QAccessible.Role.ColumnHeader,  # a stage heads a column of the map
    PERSONA: QAccessible.Role.RowHeader,  # a persona heads a row (a swimlane)
    CARD: QAccessible.Role.ListItem,
    FLOW: QAccessible.Role.ListItem,
}
_NAME, _DESCRIPTION = QAccessible.Text.Name, QAccessible.Text.Description
SEPARATOR = "; "
"""Between the parts of a description (a screen reader pauses there)."""


def feeling(emotion: int | None) -> str:
    """A card's emotion in words and as its number ("feeling: Negative (-1)")."""
    if emotion is None:
        return _("feeling: not set")
    value = f"{emotion:+d}" if emotion else "0"
    return _("feeling: {emotion} ({value})").format(emotion=_(EMOTION_LABELS[emotion]), value=value)


def _name(doc: Document, element_id: str) -> str:
    element = doc.get(element_id)
    return getattr(element, "title", None) or getattr(element, "name", "")


def card_description(doc: Document, card_id: str) -> str:
    """Where the card is (stage, persona), its channel, feeling and what it holds."""
    card = doc.get(card_id)
    parts = [_("stage: {stage}").format(stage=_name(doc, card.stage)),
             _("persona: {persona}").format(persona=_name(doc, card.persona))]
    if card.channel is not None:
        parts.append(_("channel: {channel}").format(channel=_(CHANNEL_LABELS[card.channel])))
    parts.append(feeling(card.emotion))
    pains, opportunities, quotes = len(card.pain_points), len(card.opportunities), len(card.quotes)
    parts.append(_n("{n} pain point", "{n} pain points", pains).format(n=pains))
    parts.append(_n("{n} opportunity", "{n} opportunities", opportunities).format(n=opportunities))
    parts.append(_n("{n} quote", "{n} quotes", quotes).format(n=quotes))
    parts.append(_("evidence: {evidence}").format(evidence=_(EVIDENCE_LABELS[card.evidence])))
    return SEPARATOR.join(parts)


def flow_name(doc: Document, flow_id: str) -> str:
    flow = doc.get(flow_id)
    source, target = _name(doc, flow.source), _name(doc, flow.target)
    return _("Flow from {source} to {target}").format(source=source, target=target)


def flow_description(doc: Document, flow_id: str) -> str:
    flow = doc.get(flow_id)
    parts = [_("kind: {kind}").format(kind=_(FLOW_KIND_LABELS[flow.kind]))]
    if flow.label:
        parts.append(_("label: {label}").format(label=flow.label))
    return SEPARATOR.join(parts)


def stage_description(doc: Document, layout: MapLayout, stage_id: str) -> str:
    stage = doc.get(stage_id)
    number, count = layout.stages[stage_id].index + 1, len(layout.stages)
    parts = [_("stage {number} of {count}").format(number=number, count=count)]
    if stage.goal:
        parts.append(_("goal: {goal}").format(goal=stage.goal))
    kpis = len(stage.kpis)
    if kpis:
        parts.append(_n("{n} KPI", "{n} KPIs", kpis).format(n=kpis))
    return SEPARATOR.join(parts)


def persona_description(doc: Document, layout: MapLayout, persona_id: str) -> str:
    persona = doc.get(persona_id)
    number, count = layout.lanes[persona_id].index + 1, len(layout.lanes)
    parts = [_("persona {number} of {count}").format(number=number, count=count)]
    if persona.segment:
        parts.append(_("segment: {segment}").format(segment=persona.segment))
    cards = len(layout.cards_in_lane(persona_id))
    parts.append(_n("{n} touchpoint", "{n} touchpoints", cards).format(n=cards))
    return SEPARATOR.join(parts)


def scene_rect(layout: MapLayout, kind: str, element_id: str) -> QRectF:
    """Where an element is in the scene (the layout's map coordinates), read from the layout alone."""
    if kind == CARD:
        r = layout.card_rect(element_id)
        return QRectF(r.x, r.y, r.w, r.h)
    if kind == STAGE:
        r = layout.stages[element_id].header
        return QRectF(r.x, r.y, r.w, r.h)
    if kind == PERSONA:
        lane = layout.lanes[element_id]
        return QRectF(0, lane.y, lane.header.w, lane.height)
    path = layout.flows[element_id]
    xs = [x for segment in path.path for x in segment[0::2]]
    ys = [y for segment in path.path for y in segment[1::2]]
    top = layout.lanes[path.lane].y if path.lane is not None else 0.0
    return QRectF(min(xs), top + min(ys), max(xs) - min(xs), max(ys) - min(ys))


class ElementAccessible(QAccessibleInterface):
    """One stage header, persona header, card or flow of the canvas, for assistive technologies.

    Cheap to make (an id and a kind); everything it says is read when asked, so it never goes stale
    while its element lives. The registry makes at most one per element and drops it (and tells Qt's
    cache) when the element goes."""

    def __init__(self, registry: ElementRegistry, kind: str, element_id: str) -> None:
        super().__init__()
        self.registry = registry
        self.kind = kind
        self.element_id = element_id

    # -- where it is in the tree --
    def isValid(self) -> bool:  # noqa: N802
        return self.registry.is_live(self.element_id)

    def object(self):
        return None  # (no QObject of its own: Qt's cache must not tie it to the view's)

    def window(self):
        return self.registry.canvas().window() if self.registry.alive() else None

    def parent(self) -> QAccessibleInterface | None:
        return self.registry.canvas() if self.registry.alive() else None

    def childCount(self) -> int:  # noqa: N802
        return 0

    def child(self, index: int):
        return None

    def indexOfChild(self, child) -> int:  # noqa: N802
        return -1

    def childAt(self, x: int, y: int):  # noqa: N802
        return None

    def focusChild(self):  # noqa: N802
        return None

    # -- what it is --
    def role(self) -> QAccessible.Role:
        return _ROLES[self.kind]

    def text(self, which: QAccessible.Text) -> str:
        if not self.isValid():
            return ""
        doc, layout = self.registry.document(), self.registry.layout()
        element_id = self.element_id
        if which == _NAME:
            return flow_name(doc, element_id) if self.kind == FLOW else _name(doc, element_id)
        if which == _DESCRIPTION:
            if self.kind == CARD:
                return card_description(doc, element_id)
            if self.kind == FLOW:
                return flow_description(doc, element_id)
            if self.kind == STAGE:
                return stage_description(doc, layout, element_id)
            return persona_description(doc, layout, element_id)
        return ""

    def setText(self, which, text: str) -> None:  # noqa: N802
        pass  # (renaming goes through the inspector or F2, as undoable commands)

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        if not self.isValid():
            state.invalid = True
            return state
        registry = self.registry
        state.selectable = True
        state.selected = registry.is_selected(self.element_id)
        if self.kind == CARD:
            state.focusable = True
            state.focused = registry.focused_card() == self.element_id
        if not registry.on_screen(self.screen_rect()):
            state.offscreen = True
        return state

    def rect(self) -> QRect:
        return self.screen_rect() if self.isValid() else QRect()

    def screen_rect(self) -> QRect:
        return self.registry.to_screen(scene_rect(self.registry.layout(), self.kind, self.element_id))


__all__ = ["CARD", "FLOW", "PERSONA", "STAGE", "ElementAccessible", "card_description", "feeling",
           "flow_description", "flow_name", "scene_rect"]
