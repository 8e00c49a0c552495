"""What each part of a card means, for the tooltip under the mouse: the face, the evidence mark, the
channel chip, the counts. Qt-free: the parts are the layout's (`CardBox`), where `card_look` draws them."""

from __future__ import annotations

import math

from .card_look import EVIDENCE_RADIUS, count_marks
from .elements import CardBox
from .labels import EMOTION_LABELS, EVIDENCE_LABELS, said_by, signed
from .style import Style

EVIDENCE_MEANING = {
    "assumed": "a guess, not checked yet",
    "anecdotal": "heard from a few customers",
    "validated": "checked with data or research",
}
HANDLE_TIP = "Drag from here to another card to draw a flow"
TIP_QUOTE_CHARACTERS = 160
"""A quote longer than this is cut in the tooltip (the Inspector and the print show it whole)."""


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
    ox, oy = card.counts_origin
    if (card.pains or card.opportunities or card.quotes) and oy - 10 <= y <= oy + 3:
        marks = count_marks(card.pains, card.opportunities, card.quotes, style.small_size)
        quote = next((m for m in marks if m[0] == "quote"), None)
        if quote is not None and ox + quote[2] - 1 <= x <= ox + quote[3] + 2:
            return quotes_tip(card)
        if (card.pains or card.opportunities) and ox <= x <= ox + (quote[2] if quote else marks[-1][3] + 2):
            parts = []
            if card.pains:
                parts.append(f"{card.pains} pain point{'s' if card.pains != 1 else ''}")
            if card.opportunities:
                parts.append(f"{card.opportunities} opportunit{'ies' if card.opportunities != 1 else 'y'}")
            return " and ".join(parts) + " (listed in the Inspector and under the lane)"
    title = " ".join(card.title.lines)
    return f"“{title}”: double-click to rename it, drag it to move it"


def quotes_tip(card: CardBox) -> str:
    """What the customers said on this card: its first quotes (`CardBox.first_quotes`), each with who said
    it, when and where, and how many more the Inspector lists."""
    lines = [f"{card.quotes} customer quote{'s' if card.quotes != 1 else ''}:"]
    for quote in card.first_quotes:
        lines.append(f"“{_cut(' '.join(quote.text.split()))}”")
        said = said_by(quote.who, quote.date, quote.source)
        if said:
            lines.append(f"    — {said}")
    more = card.quotes - len(card.first_quotes)
    if more > 0:
        lines.append(f"… and {more} more in the Inspector")
    return "\n".join(lines)


def _cut(text: str) -> str:
    return text if len(text) <= TIP_QUOTE_CHARACTERS else text[:TIP_QUOTE_CHARACTERS - 1].rstrip() + "…"
