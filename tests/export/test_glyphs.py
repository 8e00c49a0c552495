"""No empty boxes without a word: every character drawn has a glyph in its font, or the export names it.

The test watches FontChooser.runs (how every piece of text is split into fonts) and looks each
character up in the cmap of the font it was given to.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from journeymapper.export import fonts as font_module
from journeymapper.io.upgrade_1_to_2 import upgrade_map  # (these maps are written as v1 data)
from journeymapper.model import Map
from tests.check.builders import fl, make_map, tp

from .conftest import export
from .test_fonts import world_map

SPACED = "one\ttwo\nthree\r\nfour"  # tabs and line breaks are allowed in the format's text


@pytest.fixture
def drawn(monkeypatch) -> list[tuple[str, str]]:
    """Every (font, run) the exporter draws during the test."""
    pieces: list[tuple[str, str]] = []
    runs = font_module.FontChooser.runs

    def watching(self, text, bold=False):
        out = runs(self, text, bold)
        pieces.extend(out)
        return out

    monkeypatch.setattr(font_module.FontChooser, "runs", watching)
    return pieces


def without_glyph(pieces: list[tuple[str, str]]) -> set[str]:
    return {char for font, run in pieces for char in run
            if ord(char) not in pdfmetrics.getFont(font).face.charToGlyph}


def _with(field: str) -> Map:
    data = make_map([tp("a", "p1", "s1", "Card a"), tp("b", "p1", "s2", "Card b")],
                    [fl("f", "a", "b")]).model_dump(mode="json")
    if field in ("title", "owner"):
        data[field] = SPACED
    elif field == "card":
        data["touchpoints"][0].update(title=SPACED, pain_points=[{"text": SPACED}],
                                      opportunities=[{"text": SPACED}])
    elif field == "flow":
        data["flows"][0]["label"] = SPACED
    elif field == "stage":
        data["stages"][0].update(name=SPACED, goal=SPACED, kpis=[{"name": SPACED, "value": 1, "target": 2}])
    elif field == "persona":
        data["personas"][0].update(name=SPACED, segment=SPACED, description=SPACED, goals=[SPACED])
    return Map.model_validate(upgrade_map(data))


@pytest.mark.parametrize("field", [
    "title",
    "owner",
    "card", "flow", "stage", "persona",
])
def test_white_space_in_any_text_prints_as_space(tmp_path: Path, drawn, field):
    exported = export(_with(field), tmp_path / "map.pdf")
    assert exported.report.warnings == []
    assert without_glyph(drawn) == set()


def test_characters_without_a_glyph_are_all_named_in_the_warning(tmp_path: Path, drawn, example_map):
    for the_map in (example_map, world_map()):
        drawn.clear()
        exported = export(the_map, tmp_path / "map.pdf")
        named = set("".join(exported.report.warnings))
        assert without_glyph(drawn) <= named
