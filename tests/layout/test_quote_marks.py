"""A card says how many customer quotes it keeps, next to its pain point and opportunity counts: a speech
bubble and a number, drawn from the layout like every other part of a card. On the narrowest printed
card no count runs into another, into the channel chip or into the evidence mark and the print
reference; and the tooltip over the bubble lists the first quotes."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise
from typing import Any

import pytest

from journeymapper.layout import card_look
from journeymapper.layout.card_tips import card_tip
from journeymapper.layout.elements import CardBox
from journeymapper.layout.geometry import Point
from journeymapper.layout.map_layout import CHIP_ROW_END, layout_map
from journeymapper.layout.style import DEFAULT_STYLE, Style
from journeymapper.layout.text import BOLD, text_width
from journeymapper.model.schema import Map

COUNTS = [(0, 0, 1), (1, 0, 1), (0, 1, 1), (1, 1, 1), (3, 2, 4), (9, 9, 9), (12, 10, 11), (50, 50, 50), (0, 0, 50)]


def quote(tag: str, k: int) -> dict[str, Any]:
    return {"id": f"{tag}q{k}", "text": f"Quote {k} of {tag}: the cake was late and nobody rang me back",
            "who": f"Customer {k}", "date": f"2026-11-{k % 28 + 1:02d}", "source": "Phone interview"}


def card(tag: str, channel: str | None, pains: int, chances: int, quotes: int) -> dict[str, Any]:
    return {"id": tag, "persona": "p", "stage": "s", "title": "Orders a cake", "channel": channel,
            "pain_points": [{"id": f"{tag}p{k}", "text": "Slow"} for k in range(pains)],
            "opportunities": [{"id": f"{tag}o{k}", "text": "Call back"} for k in range(chances)],
            "quotes": [quote(tag, k) for k in range(quotes)]}


def counted_map() -> Map:
    cards = [card(f"t{n}{'c' if channel else ''}", channel, *counts)
             for n, counts in enumerate(COUNTS) for channel in ("social_media", None)]
    return Map.model_validate({"id": "m", "title": "Quotes", "created": "2026-01-01T00:00:00Z",
                               "modified": "2026-01-01T00:00:00Z", "personas": [{"id": "p", "name": "P"}],
                               "stages": [{"id": "s", "name": "S"}], "touchpoints": cards})


class Recorder:
    """A painter that keeps what `card_look.counts` draws: (kind of call, ink, left, right)."""

    def __init__(self) -> None:
        self.drawn: list[tuple[str, str, float, float, Any]] = []

    def polygon(self, points, fill: str) -> None:
        self.drawn.append(("shape", fill, min(p.x for p in points), max(p.x for p in points), tuple(points)))

    def text_line(self, x: float, baseline: float, text: str, size: float, bold: bool, color: str) -> None:
        self.drawn.append(("text", color, x, x + text_width(text, size, BOLD if bold else "DejaVuSans"), text))


def drawn_counts(box: CardBox, style: Style) -> list[tuple[str, str, float, float, Any]]:
    recorder = Recorder()
    card_look.counts(recorder, box, style)
    return recorder.drawn


def test_the_layout_counts_a_cards_quotes_and_keeps_the_first_for_its_tooltip():
    the_map = counted_map()
    layout = layout_map(the_map)
    for t in the_map.touchpoints:
        box = layout.cards[t.id]
        assert box.quotes == len(t.quotes)
        assert box.first_quotes == tuple(t.quotes[:card_look.QUOTES_IN_TIP])


def test_the_quote_count_is_a_speech_bubble_and_its_number_after_the_other_counts():
    layout = layout_map(counted_map())
    box = layout.cards["t4c"]  # 3 pain points, 2 opportunities, 4 quotes
    drawn = drawn_counts(box, DEFAULT_STYLE)
    assert [(kind, ink) for kind, ink, *_ in drawn] == [
        ("shape", "pain"), ("text", "pain"), ("shape", "opportunity"), ("text", "opportunity"),
        ("shape", card_look.QUOTE_INK), ("text", card_look.QUOTE_INK)]
    assert [item[4] for item in drawn if item[0] == "text"] == ["3", "2", "4"]
    bubble = drawn[4][4]
    assert len(bubble) > 10  # rounded corners and a tail: no glyph, no font needed
    assert drawn[4][2] > drawn[3][3]  # after the opportunity count's number


def test_a_card_without_quotes_draws_no_bubble():
    layout = layout_map(counted_map())
    box = layout.cards["t4c"]._replace(quotes=0, first_quotes=())
    assert all(ink != card_look.QUOTE_INK for _, ink, *_ in drawn_counts(box, DEFAULT_STYLE))


def test_the_speech_bubble_fits_its_size_and_has_a_tail_below():
    points = card_look.speech_bubble(Point(10, 20), 8)
    xs, ys = [p.x for p in points], [p.y for p in points]
    assert max(xs) - min(xs) == pytest.approx(8, abs=0.01)
    assert min(ys) >= 20 - 4.01 and max(ys) <= 20 + 4.01  # centred, tail included
    tip = max(points, key=lambda p: p.y)
    assert tip.x < 10 - 2  # the tail is at the left, pointing down


@pytest.mark.parametrize("width", [150.0, 180.0, 210.0, 244.0])
def test_on_a_narrow_card_no_count_runs_into_another_or_into_the_chip_row(width):
    style = replace(DEFAULT_STYLE, column_width=width)
    layout = layout_map(counted_map(), style)
    for box in layout.cards.values():
        drawn = drawn_counts(box, style)
        spans = sorted((left, right) for _, _, left, right, _ in drawn)
        for (_, right), (left, _) in pairwise(spans):
            assert left >= right - 0.3, (width, box.id, spans)  # (a star's point may touch its number)
        marks = card_look.count_marks(box.pains, box.opportunities, box.quotes, style.small_size)
        assert len(marks) == sum(1 for n in (box.pains, box.opportunities, box.quotes) if n)
        for (_, _, start, end), (_, _, next_start, _) in pairwise(marks):
            assert next_start >= end + 3, (width, box.id, marks)  # a number is never read as the next count's
        end_of_row = box.rect.right - CHIP_ROW_END
        assert max(right for _, _, _, right, _ in drawn) <= end_of_row + 0.01, (width, box.id)
        assert min(left for _, _, left, _, _ in drawn) >= box.rect.x + style.card_bar
        if box.channel_chip is not None:
            assert box.channel_chip.right + 4 <= min(left for _, _, left, _, _ in drawn), (width, box.id)


def test_the_tooltip_over_the_bubble_lists_the_first_quotes_and_says_how_many_more():
    the_map = counted_map()
    layout = layout_map(the_map)
    box = layout.cards["t4c"]
    kind, _, start, end = card_look.count_marks(box.pains, box.opportunities, box.quotes, 7.5)[-1]
    assert kind == "quote"
    x, y = box.counts_origin
    tip = card_tip(box, x + (start + end) / 2, y - 3, DEFAULT_STYLE)
    typed = next(t for t in the_map.touchpoints if t.id == "t4c")
    assert tip.startswith("4 customer quotes")
    for q in typed.quotes[:3]:
        assert q.text in tip and q.who in tip and q.source in tip and q.date.isoformat() in tip
    assert typed.quotes[3].text not in tip
    assert "1 more" in tip
    # Over the pain and opportunity counts the tooltip still speaks of those.
    assert "pain points" in card_tip(box, x + 3, y - 3, DEFAULT_STYLE)


def test_a_long_quote_is_cut_in_the_tooltip_only():
    the_map = counted_map()
    long_words = "word " * 300
    touchpoints = list(the_map.touchpoints)
    first = touchpoints[0]
    touchpoints[0] = first.model_copy(update={"quotes": [first.quotes[0].model_copy(update={"text": long_words})]})
    layout = layout_map(the_map.model_copy(update={"touchpoints": touchpoints}))
    box = layout.cards[first.id]
    x, y = box.counts_origin
    start, end = card_look.count_marks(0, 0, 1, 7.5)[0][2:]
    tip = card_tip(box, x + (start + end) / 2, y - 3, DEFAULT_STYLE)
    assert "…" in tip and len(tip) < 400
    assert box.first_quotes[0].text == long_words  # (the layout keeps the quote whole)
