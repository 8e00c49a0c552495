"""How a card looks, drawn once for every painter: the canvas (`canvas.page_painter.QtPagePainter` on
its QPainter), the PDF (`export.painter.PagePainter`) and pictures.

Each function draws a part of a card on `p`, a painter with the same small set of calls in every
backend: `rect`, `circle`, `half_disc`, `polygon`, `stroke` and `curve`, `icon`, `text_line` and
`text`, in layout points (y down). The PDF draws the parts that repeat from card to card once, as
forms (`export.map_drawing`); the canvas draws them all and adds what it alone shows (selection,
hover, the flow handle).
"""

from __future__ import annotations

import math
from typing import Any

from .channel_icons import channel_icon_paths
from .elements import CardBox
from .geometry import Point, Rect
from .glyphs import emotion_face, star, triangle
from .style import Style, face_inks
from .text import BOLD, text_width

EVIDENCE_RADIUS = 3.6

Painter = Any
"""A painter of the calls above (`PagePainter`, `QtPagePainter`); duck-typed, so this layer needs neither."""


def frame(p: Painter, rect: Rect, style: Style, bar_color: str, border: str = "card_border",
          border_width: float = 0.8) -> None:
    """The card's rounded box and its persona's bar down its left side, inside the box's round corners."""
    p.rect(rect, fill="card", stroke=border, width=border_width, radius=style.card_radius)
    p.polygon(bar_outline(rect, style.card_bar, style.card_radius), bar_color)


def bar_outline(rect: Rect, bar: float, radius: float, steps: int = 6) -> tuple[Point, ...]:
    """The persona bar: `bar` wide down the card's left edge, its corners as round as the card's."""
    x, y, h = rect.x, rect.y + 0.4, rect.h - 0.8
    r = max(0.0, min(radius, h / 2))
    top: list[Point] = []
    bottom: list[Point] = []
    for k in range(steps + 1):  # quarter circles from the left edge to the top and bottom edges
        a = (math.pi / 2) * k / steps
        dx, dy = r * (1 - math.cos(a)), r * (1 - math.sin(a))
        top.append(Point(min(x + dx, x + bar), y + dy))
        bottom.append(Point(min(x + dx, x + bar), y + h - dy))
    return (Point(x + bar, y), *reversed(top), *bottom, Point(x + bar, y + h))


def chip(p: Painter, box: Rect, channel: str | None, icon: Rect | None) -> None:
    """The channel chip and its icon (the label is `chip_label`: it differs from card to card)."""
    p.rect(box, fill="chip", radius=box.h / 2)
    paths = channel_icon_paths(channel) if channel else None
    if paths is not None and icon is not None:
        p.icon(paths, icon.center, icon.w, "muted")


def chip_label(p: Painter, card: CardBox, style: Style) -> None:
    if card.channel_chip is not None:
        p.text_line(card.channel_label_x, card.channel_chip.bottom - 3, card.channel_label, style.small_size, False,
                    "muted")


def counts(p: Painter, card: CardBox, style: Style) -> None:
    """How many pain points (a triangle) and opportunities (a star) the card has."""
    x, y = card.counts_origin
    if card.pains:
        p.polygon(triangle(Point(x + 3.5, y - 3), 7), "pain")
        p.text_line(x + 9, y, str(card.pains), style.small_size, True, "pain")
        x += 22
    if card.opportunities:
        p.polygon(star(Point(x + 4, y - 3), 9), "opportunity")
        p.text_line(x + 10, y, str(card.opportunities), style.small_size, True, "opportunity")


def counts_width(pains: int, opportunities: int, size: float) -> float:
    """How wide `counts` draws a card's counts, with the gap before them (the layout keeps room for it)."""
    width = 22.0 if pains else 0.0
    if opportunities:
        width += 10 + text_width(str(opportunities), size, BOLD)
    return width + 8 if width else 0.0


def face(p: Painter, center: Point, size: float, emotion: int) -> None:
    """The customer's feeling: a face whose colour and mouth say it (a light face gets dark features)."""
    drawn = emotion_face(center, size, emotion)
    features, outline = face_inks(p.palette, emotion)
    p.circle(drawn.center, drawn.radius, fill=p.palette.emotions[emotion + 2], stroke=outline, width=0.6)
    for eye in drawn.eyes:
        p.circle(eye, drawn.eye_radius, fill=features)
    p.stroke(features, 1.1)
    p.curve((drawn.mouth,))


def evidence(p: Painter, center: Point, radius: float, level: str) -> None:
    """Assumed: a ring; anecdotal: a half-filled ring; validated: a dot."""
    if level == "validated":
        p.circle(center, radius, fill="text", stroke="text", width=1.0)
        return
    p.circle(center, radius, stroke="text", width=1.0)
    if level == "anecdotal":
        p.half_disc(center, radius, "text")


def whole_card(p: Painter, card: CardBox, style: Style, border: str = "card_border", border_width: float = 0.8) -> None:
    """Every part of a card, as the canvas shows it (its title included)."""
    frame(p, card.rect, style, card.bar_color, border, border_width)
    p.text(card.title)
    if card.emotion is not None:
        face(p, card.emotion_center, style.icon_size, card.emotion)
    if card.channel_chip is not None:
        chip(p, card.channel_chip, card.channel, card.channel_icon)
        chip_label(p, card, style)
    counts(p, card, style)
    evidence(p, card.evidence_center, EVIDENCE_RADIUS, card.evidence)
