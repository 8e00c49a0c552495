"""High contrast: when the system asks for it, the canvas draws black on white (or white on black on a
dark system) with heavy card borders, and its states keep their colour-blind-safe colours and their
signs (`test_colour_vision` renders every screen palette, these included)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtGui import QColor

from journeymapper.canvas.scene import MapScene
from journeymapper.canvas.snapshot import render_scene
from journeymapper.canvas.theme import style_for, system_style
from journeymapper.layout.style import DARK, DEFAULT_STYLE, HIGH_CONTRAST, HIGH_CONTRAST_DARK, contrast
from journeymapper.model.document import Document

from .test_colour_vision import state_map


@pytest.mark.parametrize("dark, high, palette", [
    (False, False, DEFAULT_STYLE.palette), (True, False, DARK),
    (False, True, HIGH_CONTRAST), (True, True, HIGH_CONTRAST_DARK),
])
def test_the_palette_follows_the_colour_scheme_and_the_contrast_asked_for(dark, high, palette):
    style = style_for(replace(DEFAULT_STYLE, language="fr"), dark, high)
    assert style.palette == palette and style.language == "fr"  # (the rest of the style kept)


@pytest.mark.parametrize("palette", [HIGH_CONTRAST, HIGH_CONTRAST_DARK])
def test_high_contrast_is_black_and_white_with_strong_lines(palette):
    assert contrast(palette.text, palette.paper) == pytest.approx(21.0)
    assert contrast(palette.muted, palette.card) >= 7.0  # (the row names and chips' words: AAA)
    for line in ("card_border", "grid", "flow", "zero_line"):
        assert contrast(getattr(palette, line), palette.card) >= 7.0, line
    assert contrast(palette.selection, palette.card) >= 4.5
    for state in ("kpi_good", "kpi_mid", "kpi_bad", "pain", "opportunity"):
        assert contrast(getattr(palette, state), palette.card) >= 3.0, state  # (WCAG 1.4.11: a graphic)
    assert contrast(palette.kpi_track, palette.header) >= 1.8  # (a KPI bar's room up to its target shows)
    assert palette.line_scale >= 2.0


def border_pixels(palette) -> int:
    """How many pixels thick a card's top border is drawn at 150 dpi (those far from the card's colour)."""
    scene = MapScene(Document(state_map()), replace(DEFAULT_STYLE, palette=palette))
    scale = 150 / 72
    image = render_scene(scene, scale)
    area = scene.sceneRect()
    card = scene.layout.cards["e0"]
    x = round((card.rect.x + card.rect.w / 2 - area.left()) * scale)
    top = (scene.layout.lanes[card.persona].y + card.rect.y - area.top()) * scale
    card_lightness = QColor(palette.card).lightness()
    return sum(1 for y in range(round(top) - 4, round(top) + 5)
               if abs(QColor(image.pixel(x, y)).lightness() - card_lightness) > 128)


def test_high_contrast_cards_have_heavy_black_borders(qapp):
    assert border_pixels(HIGH_CONTRAST) >= 3
    assert border_pixels(HIGH_CONTRAST_DARK) >= 3


def test_the_system_style_reads_the_systems_preference(qapp, monkeypatch):
    from journeymapper.canvas import theme

    monkeypatch.setattr(theme, "system_is_dark", lambda: False)
    monkeypatch.setattr(theme, "system_wants_high_contrast", lambda: True)
    assert system_style().palette == HIGH_CONTRAST
    monkeypatch.setattr(theme, "system_wants_high_contrast", lambda: False)
    assert system_style().palette == DEFAULT_STYLE.palette
