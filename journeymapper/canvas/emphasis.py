"""What the canvas brings forward for a reader following flows: a flow picked within a few pixels,
the two cards of a selected flow, the flows of the card under the mouse.

A big map has thousands of thin lines; these make one flow easy to pick and to follow from end
to end. Nothing here changes the document or the layout, only how items are painted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPathStroker
from shiboken6 import isValid

from .items import Z_FLOW, CardItem, FlowItem

if TYPE_CHECKING:
    from .scene import MapScene

PICK_PIXELS = 8.0
"""A click this close to a flow (on screen, at any zoom) picks it."""
Z_FLOW_FRONT = Z_FLOW + 0.5
"""A hovered card's flows: in front of the other flows (still under cards and labels)."""


def flow_near(scene: MapScene, pos: QPointF, zoom: float) -> FlowItem | None:
    """The flow nearest to `pos` within PICK_PIXELS on screen, if any (the closest wins: a narrow
    band is tried before the full one)."""
    reach = PICK_PIXELS / max(zoom, 1e-6)
    near = [item for item in scene.items(QRectF(pos.x() - reach, pos.y() - reach, 2 * reach, 2 * reach))
            if isinstance(item, FlowItem)]
    if not near:
        return None
    for width in (reach, 2 * reach):
        stroker = QPainterPathStroker()
        stroker.setWidth(width)
        for item in near:
            if stroker.createStroke(item.painter_path()).contains(item.mapFromScene(pos)):
                return item
    return None


class Emphasis:
    """Keeps the cards of selected flows outlined and the hovered card's flows in front."""

    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self.cards: set[str] = set()
        """Cards outlined because a selected flow starts or ends there."""
        self.hovered: str | None = None
        self.flows: set[str] = set()
        """Flows in front because they start or end at the hovered card."""
        self.pointed: str | None = None
        """The flow the mouse is near (within PICK_PIXELS): drawn in front, so a person sees what a click picks."""
        scene.selectionChanged.connect(self.selection_changed)

    def selection_changed(self) -> None:
        if not isValid(self.scene):
            return  # (a scene being destroyed lets go of its items' selection)
        wanted: set[str] = set()
        for item in self.scene.selectedItems():
            if isinstance(item, FlowItem):
                wanted.update((item.flow.source, item.flow.target))
        if wanted != self.cards:
            _switch(self.scene.card_items, self.cards, wanted, CardItem.set_emphasised)
            self.cards = wanted

    def hover_card(self, card: CardItem, inside: bool) -> None:
        """The mouse entered (or left) a card: its flows come forward (or go back)."""
        card_id = card.element_id
        if not inside and self.hovered != card_id:
            return
        self.hovered = card_id if inside else None
        self._bring_forward()

    def point_at_flow(self, flow: FlowItem | None) -> None:
        """The mouse is near `flow` (None: near none): it comes forward, as a hovered card's flows do."""
        flow_id = flow.element_id if flow is not None else None
        if flow_id == self.pointed:
            return
        if self.pointed is not None and self.pointed not in self.flows:
            old = self.scene.flow_items.get(self.pointed)
            if old is not None:
                old.set_in_front(False)
        self.pointed = flow_id
        if flow is not None:
            flow.set_in_front(True)

    def refresh(self) -> None:
        """After the map changed: a selected flow may end at other cards now, and the hovered card
        may have other flows."""
        self.selection_changed()
        if self.hovered is not None:
            self._bring_forward()

    def adopt(self, item: CardItem | FlowItem) -> None:
        """A card or flow item made after the fact (a big map makes them as they come into view)
        takes the look it should have."""
        if isinstance(item, CardItem):
            if item.element_id in self.cards:
                item.set_emphasised(True)
        elif item.element_id in self.flows:
            item.set_in_front(True)

    def _bring_forward(self) -> None:
        card_id, layout = self.hovered, self.scene.layout
        wanted: set[str] = set()
        if card_id is not None and layout is not None:
            plan = layout.sources.get("plan")
            wanted = set(plan.touching.get(card_id, ())) if plan is not None else set()
        _switch(self.scene.flow_items, self.flows, wanted, FlowItem.set_in_front)
        self.flows = wanted
        if self.pointed is not None and self.pointed not in wanted:
            pointed = self.scene.flow_items.get(self.pointed)
            if pointed is not None:
                pointed.set_in_front(True)

    def forget(self, element_id: str) -> None:
        """An item is gone (its element was deleted or its part of the map dropped)."""
        self.cards.discard(element_id)
        self.flows.discard(element_id)
        if self.hovered == element_id:
            self.hovered = None
        if self.pointed == element_id:
            self.pointed = None


def _switch(items: dict, was: set[str], now: set[str], turn: Callable[[object, bool], None]) -> None:
    """Turn on the items of `now` that were not in `was`, and off those that are no longer."""
    for element_id in was ^ now:
        item = items.get(element_id)
        if item is not None:
            turn(item, element_id in now)


__all__ = ["PICK_PIXELS", "Z_FLOW_FRONT", "Emphasis", "flow_near"]
