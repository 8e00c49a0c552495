"""A card's chip row never runs into itself: the channel chip, the counts, a print reference and the
evidence mark each keep their own room, however narrow the card (print lays maps out with narrow columns)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from journeymapper.io.upgrade_1_to_2 import upgrade_map  # (these maps are written as v1 data)
from journeymapper.layout.labels import CHANNEL_LABELS
from journeymapper.layout.map_layout import CHIP_ROW_END, layout_map
from journeymapper.layout.style import DEFAULT_STYLE
from journeymapper.layout.text import BOLD, text_width
from journeymapper.model.schema import Map


def crowded_map() -> Map:
    cards = [{"id": f"t{k}", "persona": "p", "stage": "s", "title": "Card", "channel": channel,
              "pain_points": [{"text": "x"}] * (k % 12), "opportunities": [{"text": "y"}] * (k % 11)}
             for k, channel in enumerate(CHANNEL_LABELS)]
    return Map.model_validate(upgrade_map({"id": "m", "title": "Crowded", "created": "2026-01-01T00:00:00Z",
                               "modified": "2026-01-01T00:00:00Z", "personas": [{"id": "p", "name": "P"}],
                               "stages": [{"id": "s", "name": "S"}], "touchpoints": cards}))


@pytest.mark.parametrize("width", [150.0, 180.0, 210.0, 244.0, 330.0])
@pytest.mark.parametrize("language", ["en", "de"])
def test_the_chip_row_keeps_clear_of_the_evidence_mark_and_the_reference(width, language):
    style = replace(DEFAULT_STYLE, column_width=width, language=language)
    layout = layout_map(crowded_map(), style)
    for card in layout.cards.values():
        x = card.counts_origin.x
        if card.pains:
            x += 22
        if card.opportunities:
            x += 10 + text_width(str(card.opportunities), style.small_size, BOLD)
        end = card.rect.right - CHIP_ROW_END
        assert x <= end + 0.01, (width, card.channel, card.pains, card.opportunities)
        assert card.channel_chip.right <= end + 0.01


def test_on_screen_no_channel_is_cut():
    layout = layout_map(crowded_map())
    for card in layout.cards.values():
        assert card.channel_label == CHANNEL_LABELS[card.channel]
