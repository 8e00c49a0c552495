"""What each part of a card means, for the tooltip under the mouse: the face, the evidence mark, the
channel chip, the counts. Qt-free: the parts are the layout's (`CardBox`), where `card_look` draws them.
The words are the editor's, in the interface language (`_`), not the map's print language."""

from __future__ import annotations

import math

from ..i18n import N_, _, _n
from .card_look import EVIDENCE_RADIUS, count_marks
from .elements import CardBox
from .labels import EMOTION_LABELS, EVIDENCE_LABELS, said_by, signed
from .style import Style

EVIDENCE_MEANING = {
    "assumed": N_("a guess, not checked yet"),
    "anecdotal": N_("heard from a few customers"),
    "validated": N_("checked with data or research"),
}
HANDLE_TIP = N_("Drag from here to another card to draw a flow")
"""The flow handle's tooltip, marked with `N_`: shown through `_()`."""
TIP_QUOTE_CHARACTERS = 160
"""A quote longer than this is cut in the tooltip (the Inspector and the print show it whole)."""


def card_tip(card: CardBox, x: float, y: float, style: Style) -> str:
    """The tooltip at (x, y), in the card's lane coordinates (those of `card.rect`)."""
    near = 3.0  # points of slack around small marks
    if math.dist((x, y), card.evidence_center) <= EVIDENCE_RADIUS + near:
        return _("Evidence: {evidence} ({meaning})").format(evidence=_(EVIDENCE_LABELS[card.evidence]),
                                                           meaning=_(EVIDENCE_MEANING[card.evidence]))
    if card.emotion is not None and math.dist((x, y), card.emotion_center) <= style.icon_size / 2 + near:
        # TRANSLATORS: a card's feeling: its number, then its name ("Feeling: +1 positive").
        return _("Feeling: {number} {name}").format(number=signed(card.emotion),
                                                    name=_(EMOTION_LABELS[card.emotion]).lower())
    chip = card.channel_chip
    if chip is not None and chip.x <= x <= chip.right and chip.y <= y <= chip.bottom:
        return _("Channel: {channel}").format(channel=card.channel_label)
    ox, oy = card.counts_origin
    if (card.pains or card.opportunities or card.quotes) and oy - 10 <= y <= oy + 3:
        marks = count_marks(card.pains, card.opportunities, card.quotes, style.small_size)
        quote = next((m for m in marks if m[0] == "quote"), None)
        if quote is not None and ox + quote[2] - 1 <= x <= ox + quote[3] + 2:
            return quotes_tip(card)
        if (card.pains or card.opportunities) and ox <= x <= ox + (quote[2] if quote else marks[-1][3] + 2):
            pains = _n("{n} pain point", "{n} pain points", card.pains).format(n=card.pains)
            opportunities = _n("{n} opportunity", "{n} opportunities", card.opportunities).format(
                n=card.opportunities)
            if card.pains and card.opportunities:
                # TRANSLATORS: a card's counts: "2 pain points and 1 opportunity (listed in ...)".
                return _("{pains} and {opportunities} (listed in the Inspector and under the lane)").format(
                    pains=pains, opportunities=opportunities)
            return _("{counted} (listed in the Inspector and under the lane)").format(
                counted=pains if card.pains else opportunities)
    title = " ".join(card.title.lines)
    return _("“{title}”: double-click to rename it, drag it to move it").format(title=title)


def quotes_tip(card: CardBox) -> str:
    """What the customers said on this card: its first quotes (`CardBox.first_quotes`), each with who said
    it, when and where, and how many more the Inspector lists."""
    lines = [_n("{n} customer quote:", "{n} customer quotes:", card.quotes).format(n=card.quotes)]
    for quote in card.first_quotes:
        lines.append(f"“{_cut(' '.join(quote.text.split()))}”")
        said = said_by(quote.who, quote.date, quote.source)
        if said:
            lines.append(f"    — {said}")
    more = card.quotes - len(card.first_quotes)
    if more > 0:
        lines.append(_n("… and {n} more in the Inspector", "… and {n} more in the Inspector", more).format(n=more))
    return "\n".join(lines)


def _cut(text: str) -> str:
    return text if len(text) <= TIP_QUOTE_CHARACTERS else text[:TIP_QUOTE_CHARACTERS - 1].rstrip() + "…"
