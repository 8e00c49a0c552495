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
    """The card's rounded box and its persona's bar down its left side, inside the box's round corners.
    A high-contrast palette draws the border heavier (`Palette.line_scale`)."""
    p.rect(rect, fill="card", stroke=border, width=border_width * p.palette.line_scale, radius=style.card_radius)
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


NUMBER_AFTER = {"pain": 9.0, "opportunity": 10.0, "quote": 10.0}
"""From where each kind's mark starts to where its number starts."""
PAIN_ADVANCE = 22.0
"""From the pain count's triangle to the next mark, at least (as cards always had: counts line up)."""
MARK_GAP = 5.0
"""Between a count's number and the next count's mark."""
COUNTS_TAIL = 8.0
"""The room kept after the last count (`counts_width`): the layout puts the counts that far after the chip."""
QUOTE_INK = "muted"
QUOTES_IN_TIP = 3
"""How many of a card's quotes its tooltip lists (`card_tips`)."""


def count_marks(pains: int, opportunities: int, quotes: int, size: float) -> list[tuple[str, int, float, float]]:
    """Each count a card shows, in order: (kind, how many, where its mark starts, where its number ends),
    from the counts' origin. Pain points (a triangle), opportunities (a star), quotes (a speech bubble);
    a count of none is left out."""
    marks: list[tuple[str, int, float, float]] = []
    x = 0.0
    for kind, n in (("pain", pains), ("opportunity", opportunities), ("quote", quotes)):
        if n:
            end = x + NUMBER_AFTER[kind] + text_width(str(n), size, BOLD)
            marks.append((kind, n, x, end))
            x = max(PAIN_ADVANCE, end + MARK_GAP) if kind == "pain" else end + MARK_GAP
    return marks


def counts(p: Painter, card: CardBox, style: Style) -> None:
    """How many pain points (a triangle), opportunities (a star) and quotes (a speech bubble) the card has."""
    if not (card.pains or card.opportunities or card.quotes):
        return
    ox, y = card.counts_origin
    size = style.small_size
    for kind, n, dx, _end in count_marks(card.pains, card.opportunities, card.quotes, size):
        x = ox + dx
        if kind == "pain":
            p.polygon(triangle(Point(x + 3.5, y - 3), 7), "pain")
        elif kind == "opportunity":
            p.polygon(star(Point(x + 4, y - 3), 9), "opportunity")
        else:
            p.polygon(speech_bubble(Point(x + 4, y - 3), 8), QUOTE_INK)
        p.text_line(x + NUMBER_AFTER[kind], y, str(n), size, True, QUOTE_INK if kind == "quote" else kind)


def counts_width(pains: int, opportunities: int, quotes: int, size: float) -> float:
    """How wide `counts` draws a card's counts, with the gap before them (the layout keeps room for it)."""
    marks = count_marks(pains, opportunities, quotes, size)
    if not marks:
        return 0.0
    kind, _n, start, end = marks[-1]
    return (max(start + PAIN_ADVANCE, end) if kind == "pain" else end) + COUNTS_TAIL


def speech_bubble(center: Point, size: float, steps: int = 3) -> tuple[Point, ...]:
    """The quote marker: a rounded speech bubble `size` wide, its tail down at the left, centred on
    `center` (tail included). A shape, not a glyph: it reads the same in every font and in greys."""
    w, h = size, size * 0.68
    tail = size * 0.3
    left, top = center.x - w / 2, center.y - (h + tail) / 2
    right, bottom = left + w, top + h
    r = h * 0.38

    def arc(cx: float, cy: float, start: float) -> list[Point]:
        return [Point(cx + r * math.cos(start + (math.pi / 2) * k / steps),
                      cy + r * math.sin(start + (math.pi / 2) * k / steps)) for k in range(steps + 1)]

    return (
        *arc(right - r, top + r, -math.pi / 2),  # top right
        *arc(right - r, bottom - r, 0.0),  # bottom right
        Point(left + w * 0.5, bottom),
        Point(left + w * 0.12, bottom + tail),  # the tail's tip
        Point(left + w * 0.24, bottom),
        *arc(left + r, bottom - r, math.pi / 2),  # bottom left
        *arc(left + r, top + r, math.pi),  # top left
    )


def face(p: Painter, center: Point, size: float, emotion: int) -> None:
    """The customer's feeling: a face whose colour and mouth say it, each of the five by its own mouth
    (`glyphs.emotion_face`); a light face gets dark features."""
    drawn = emotion_face(center, size, emotion)
    features, outline = face_inks(p.palette, emotion)
    p.circle(drawn.center, drawn.radius, fill=p.palette.emotions[emotion + 2], stroke=outline, width=0.6)
    for eye in drawn.eyes:
        p.circle(eye, drawn.eye_radius, fill=features)
    if drawn.open_mouth is not None:
        p.polygon(drawn.open_mouth, features)
        return
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
