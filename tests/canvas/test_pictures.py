"""Pictures of the canvas, rendered in every test run and kept in artifacts/ for a person to look at.

The assertions are about what must be true of any good rendering (not pixels): the
picture is the map's size, not blank, and the text of the map is drawn as text.
"""

from pathlib import Path

import pytest
from PySide6.QtGui import QColor

from journeymapper.canvas.scene import MapScene
from journeymapper.canvas.snapshot import render_scene
from journeymapper.io import load_path
from journeymapper.io.upgrade_1_to_2 import upgrade_map  # (these maps are written as v1 data)
from journeymapper.layout.style import DARK, Style
from journeymapper.model.document import Document
from journeymapper.resources import example_map_path

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def distinct_colours(image, step: int = 7) -> int:
    seen = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            seen.add(image.pixel(x, y))
    return len(seen)


@pytest.mark.parametrize("name, style", [("light", Style()), ("dark", Style(palette=DARK))])
def test_example_map_renders(qapp, name, style):
    scene = MapScene(Document(load_path(example_map_path()).map), style)
    image = render_scene(scene, scale=1.5)
    ARTIFACTS.mkdir(exist_ok=True)
    image.save(str(ARTIFACTS / f"canvas-example-{name}.png"))
    layout = scene.layout
    assert image.width() == round((layout.width + 80) * 1.5)
    assert distinct_colours(image) > 40, "a real map has cards, faces, curves and text in many shades"
    background = QColor(style.palette.canvas).rgb() & 0xFFFFFF
    corner = image.pixel(5, 5) & 0xFFFFFF
    assert corner == background


def test_markup_in_titles_is_drawn_as_plain_text(qapp):
    """A title with markup is drawn character for character (QPainter.drawText never parses markup)."""
    from journeymapper.model.schema import Map

    raw = {
        "id": "m", "title": "t", "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z",
        "personas": [{"id": "p", "name": "<b>bold</b>"}], "stages": [{"id": "s", "name": "<i>S</i>"}],
        "touchpoints": [{"id": "a", "persona": "p", "stage": "s", "title": '<img src="/etc/passwd"/>'}],
    }
    scene = MapScene(Document(Map.model_validate(upgrade_map(raw))))
    card = scene.layout.cards["a"]
    assert card.title.lines == ('<img src="/etc/passwd"/>',)
    image = render_scene(scene, scale=2)
    assert not image.isNull()
