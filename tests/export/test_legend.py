"""The legend explains everything the map shows by colour or sign, and the grey print keeps every
state apart without colour."""

from __future__ import annotations

from journeymapper.io.upgrade_1_to_2 import upgrade_map  # (these maps are written as v1 data)
from journeymapper.layout.kpis import HEALTH_MARKS
from journeymapper.layout.map_layout import layout_map
from journeymapper.layout.style import (
    DARK,
    DEFAULT_STYLE,
    HIGH_CONTRAST,
    HIGH_CONTRAST_DARK,
    contrast,
    face_inks,
    grayscale_palette,
    luminance,
)
from journeymapper.model.schema import Map

from .pdftools import flat, page_text


def test_the_legend_names_every_sign_on_the_map(example_a3):
    page = flat(page_text(example_a3.path, 1))
    for words in ("Emotion", "\u22122", "\u22121", "+1", "+2", "Evidence", "Assumed", "Anecdotal", "Validated",
                  "On a card", "pain points", "opportunities", "KPI target", "\u2713 met", "\u2248 near",
                  "\u2717 off", "Next", "Alternative", "Loop back"):
        assert words in page, words
    for persona in example_a3.map.personas:
        assert persona.name in page


def test_grey_print_keeps_the_states_apart():
    grey = grayscale_palette(DEFAULT_STYLE.palette)
    feelings = [luminance(c) for c in grey.emotions]
    assert all(b - a >= 0.1 for a, b in zip(feelings, feelings[1:])), feelings  # -2 darkest, +2 lightest
    assert luminance(grey.kpi_bad) < luminance(grey.kpi_mid) < luminance(grey.kpi_good)  # what is off stands out
    assert luminance(grey.grid) < 0.7 and luminance(grey.zero_line) < 0.6  # lines a copier keeps
    for emotion in range(-2, 3):  # a light face gets dark features and an outline
        features, outline = face_inks(grey, emotion)
        face = luminance(grey.emotions[emotion + 2])
        feature = luminance(getattr(grey, features))
        assert abs(face - feature) > 0.4, emotion
        assert (outline is not None) == (face > 0.55)
    for palette in (DEFAULT_STYLE.palette, DARK, HIGH_CONTRAST, HIGH_CONTRAST_DARK):
        for emotion in range(-2, 3):  # every face's features stand out on it; a face faint on its card has an edge
            face = palette.emotions[emotion + 2]
            features, outline = face_inks(palette, emotion)
            assert contrast(face, getattr(palette, features)) >= 3.0, (palette, emotion)  # (WCAG 1.4.11)
            assert (outline is not None) == (contrast(face, palette.card) < 3.0), (palette, emotion)


def test_a_kpis_health_is_a_sign_as_well_as_a_colour():
    the_map = Map.model_validate(upgrade_map({
        "id": "m", "title": "KPIs", "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z",
        "personas": [{"id": "p", "name": "P"}],
        "stages": [{"id": "s", "name": "S", "kpis": [
            {"name": "On target", "value": 98, "target": 100}, {"name": "Near", "value": 80, "target": 100},
            {"name": "Off", "value": 20, "target": 100}, {"name": "No target", "value": 20}]}],
    }))
    lines = layout_map(the_map).stages["s"].kpis
    assert [line.mark.lines[0] if line.mark else None for line in lines] == [
        HEALTH_MARKS["good"], HEALTH_MARKS["mid"], HEALTH_MARKS["bad"], None]
    for line in lines[:3]:  # after the bar, inside the header
        assert line.mark.x >= line.bar.right and line.text.x + 1 < line.bar.x


def test_the_legend_explains_finding_numbers_only_when_cards_carry_them(tmp_path):
    from journeymapper.export.pdf import PdfOptions, export_pdf
    from tests.check.builders import fl, make_map, tp

    flawed = make_map([tp("a", "p1", "s1", "Sees an ad"), tp("b", "p1", "s2", "Visits"), tp("c", "p1", "s3", "Gives up"),
                       tp("d", "p1", "s4", "Gets the parcel")], [fl("f1", "a", "b"), fl("f2", "b", "c")])
    for appendix, shown in ((True, True), (False, False)):
        out = tmp_path / f"{appendix}.pdf"
        export_pdf(flawed, out, PdfOptions(appendix=appendix))
        assert ("its number in the findings" in flat(page_text(out, 1))) is shown
