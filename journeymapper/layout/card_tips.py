"""What each part of a card means, for the tooltip under the mouse: the face, the evidence mark, the
channel chip, the counts. Qt-free: the parts are the layout's (`CardBox`), where `card_look` draws them."""

from __future__ import annotations

import math

from .card_look import EVIDENCE_RADIUS, counts_width
from .elements import CardBox
from .labels import EMOTION_LABELS, EVIDENCE_LABELS, signed
from .style import Style

EVIDENCE_MEANING = {
    "assumed": "a guess, not checked yet",
    "anecdotal": "heard from a few customers",
    "validated": "checked with data or research",
}
HANDLE_TIP = "Drag from here to another card to draw a flow"


def card_tip(card: CardBox, x: float, y: float, style: Style) -> str:
    """The tooltip at (x, y), in the card's lane coordinates (those of `card.rect`)."""
    near = 3.0  # points of slack around small marks
    if math.dist((x, y), card.evidence_center) <= EVIDENCE_RADIUS + near:
        return f"Evidence: {EVIDENCE_LABELS[card.evidence]} ({EVIDENCE_MEANING[card.evidence]})"
    if card.emotion is not None and math.dist((x, y), card.emotion_center) <= style.icon_size / 2 + near:
        return f"Feeling: {signed(card.emotion)} {EMOTION_LABELS[card.emotion].lower()}"
    chip = card.channel_chip
    if chip is not None and chip.x <= x <= chip.right and chip.y <= y <= chip.bottom:
        return f"Channel: {card.channel_label}"
    if card.pains or card.opportunities:
        ox, oy = card.counts_origin
        if ox <= x <= ox + counts_width(card.pains, card.opportunities, style.small_size) and oy - 10 <= y <= oy + 3:
            parts = []
            if card.pains:
                parts.append(f"{card.pains} pain point{'s' if card.pains != 1 else ''}")
            if card.opportunities:
                parts.append(f"{card.opportunities} opportunit{'ies' if card.opportunities != 1 else 'y'}")
            return " and ".join(parts) + " (listed in the Inspector and under the lane)"
    title = " ".join(card.title.lines)
    return f"“{title}”: double-click to rename it, drag it to move it"
