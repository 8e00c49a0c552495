"""Colour never alone: the states the map shows by colour (a KPI's health, the five feelings, pain and
opportunity) stay apart for people with the common colour-vision deficiencies, on the rendered canvas
(every screen palette) and on the printed page.

The pictures are rendered as a person sees them (the canvas offscreen, the PDF through pdftoppm), each
state's colour is read from its pixels, and the colours are simulated for protanopia, deuteranopia and
tritanopia with ColorAide (a maintained, dependency-free colour library: Machado, Oliveira and Fernandes
2009, at full severity). Every two states of a kind must then stay MIN_APART apart in CIEDE2000.

MIN_APART is 12: ΔE00 ≈ 2.3 is a just-noticeable difference between two large patches side by side,
and the states are small marks (4 pt bars, 13 pt faces, 7 pt triangles) seen apart from one another,
for which the difference needed grows several-fold (Szafir 2017, "Modeling Color Difference for
Visualization Design"): 12 asks for about five of those steps. The palette before this test had KPI
good and bad 7.7 apart for deuteranopia (#93874B against #847623) and 5.5 for protanopia, and feelings
−2 and +2 10.0 apart: `test_the_old_palette_fails` keeps the test honest about that.
"""

from __future__ import annotations

import itertools
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from coloraide import Color
from PySide6.QtGui import QColor, QImage, QPainter

from journeymapper.canvas.page_painter import QtPagePainter
from journeymapper.canvas.scene import MapScene
from journeymapper.canvas.snapshot import render_scene
from journeymapper.export.pdf import PdfOptions, export_pdf
from journeymapper.export.sheets import MARGIN, plan_sheets, title_block_height
from journeymapper.io.upgrade_1_to_2 import upgrade_map  # (the map is written as v1 data)
from journeymapper.layout import card_look
from journeymapper.layout.card_look import count_marks
from journeymapper.layout.geometry import Point
from journeymapper.layout.map_layout import MapLayout
from journeymapper.layout.style import (
    DARK,
    DEFAULT_STYLE,
    HIGH_CONTRAST,
    HIGH_CONTRAST_DARK,
    Palette,
    Style,
)
from journeymapper.model.document import PERSONA_COLORS, Document
from journeymapper.model.schema import Map
from tests.check.builders import tp
from tests.export.pdftools import word_boxes

MIN_APART = 12.0
"""Least CIEDE2000 difference between two states of a kind, in every simulated vision."""
VISIONS = ("normal", "protan", "deutan", "tritan")
DPI = 150
OLD = Palette(kpi_good="#2F9E44", kpi_mid="#E8890C", kpi_bad="#C92A2A", pain="#C92A2A", opportunity="#2B8A3E",
              emotions=("#C92A2A", "#E8890C", "#8C96A3", "#51B56D", "#1E7B3C"))
"""The palette as it was when the issue was reported."""
SCREEN = {"light": DEFAULT_STYLE.palette, "dark": DARK, "high contrast": HIGH_CONTRAST,
          "high contrast dark": HIGH_CONTRAST_DARK}


def state_map() -> Map:
    """One card for each feeling (−2 … +2), one with pain points and opportunities, and a KPI on target,
    one near it and one off it."""
    cards = [tp(f"e{k}", "p1", f"s{k + 3}", f"Feels {k}", emotion=k) for k in range(-2, 3)]
    cards[2].update(pain_points=[{"text": "Slow"}, {"text": "Dear"}], opportunities=[{"text": "Faster"}])
    stages = [{"id": f"s{k}", "name": f"Stage {k}"} for k in range(1, 6)]
    stages[0]["kpis"] = [{"name": "Met", "value": 98, "target": 100}, {"name": "Near", "value": 80, "target": 100},
                         {"name": "Off", "value": 50, "target": 100}]
    return Map.model_validate(upgrade_map({
        "id": "m", "title": "States", "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z",
        "personas": [{"id": "p1", "name": "Persona"}], "stages": stages, "touchpoints": cards}))


def state_points(layout: MapLayout) -> dict[str, dict[str, Point]]:
    """Where each state's colour shows, in map points, by kind: the middle of each KPI bar's filled
    part, the brow of each face (above its eyes), the middle of the pain triangle and of the star."""
    kpis = {}
    for line in layout.stages["s1"].kpis:
        bar = line.bar
        kpis[line.health] = Point(bar.x + bar.w * line.ratio / 2, bar.y + bar.h / 2)
    faces, marks = {}, {}
    for card in layout.cards.values():
        lane_y = layout.lanes[card.persona].y
        if card.emotion is not None:
            radius = layout.style.icon_size / 2
            centre = card.emotion_center
            faces[f"{card.emotion:+d}"] = Point(centre.x, lane_y + centre.y - 0.62 * radius)
        x, y = card.counts_origin
        for kind, _n, dx, _end in count_marks(card.pains, card.opportunities, card.quotes, layout.style.small_size):
            # (a count's mark: a triangle centred at (3.5, -3) from where it starts, a star at (4, -3))
            if kind == "pain":
                marks["pain"] = Point(x + dx + 3.5, lane_y + y - 2.5)
            elif kind == "opportunity":
                marks["opportunity"] = Point(x + dx + 4, lane_y + y - 3)
    return {"kpi": kpis, "emotion": faces, "mark": marks}


def expected(palette: Palette) -> dict[str, dict[str, str]]:
    return {
        "kpi": {"good": palette.kpi_good, "mid": palette.kpi_mid, "bad": palette.kpi_bad},
        "emotion": {f"{k:+d}": palette.emotions[k + 2] for k in range(-2, 3)},
        "mark": {"pain": palette.pain, "opportunity": palette.opportunity},
    }


def pixel(image: QImage, x: float, y: float) -> str:
    """The colour at (x, y) pixels: each channel's median over the 3 × 3 pixels around it (an edge's
    blend, if one is near, does not count)."""
    xs, ys = round(x), round(y)
    colours = [QColor(image.pixel(xs + dx, ys + dy)) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
    red, green, blue = (sorted(getattr(c, name)() for c in colours)[4] for name in ("red", "green", "blue"))
    return f"#{red:02X}{green:02X}{blue:02X}"


def seen(colour: str, vision: str) -> Color:
    """`colour` as a person with that vision sees it (sRGB, clipped to the screen's gamut)."""
    if vision == "normal":
        return Color(colour)
    return Color(colour).filter(vision, method="machado").convert("srgb").clip()


def closest_pairs(sampled: dict[str, dict[str, str]]) -> list[tuple[float, str, str, str, str]]:
    """For each kind and vision, its two states nearest to each other: (ΔE00, kind, vision, a, b)."""
    worst = []
    for kind, states in sampled.items():
        for vision in VISIONS:
            pairs = [(seen(states[a], vision).delta_e(seen(states[b], vision), method="2000"), kind, vision, a, b)
                     for a, b in itertools.combinations(states, 2)]
            worst.append(min(pairs))
    return worst


def sample(image: QImage, points: dict[str, dict[str, Point]], to_pixels) -> dict[str, dict[str, str]]:
    return {kind: {state: pixel(image, *to_pixels(at)) for state, at in states.items()}
            for kind, states in points.items()}


def check_sampled_where_drawn(sampled: dict[str, dict[str, str]], palette: Palette) -> None:
    """The pixels read are the states' own colours (else the test would read the wrong places)."""
    for kind, states in expected(palette).items():
        for state, colour in states.items():
            read = sampled[kind][state]
            assert Color(read).delta_e(colour, method="2000") < 3, (kind, state, read)


def canvas_colours(palette: Palette) -> dict[str, dict[str, str]]:
    """Each state's colour as the canvas shows it in `palette`."""
    scene = MapScene(Document(state_map()), replace(DEFAULT_STYLE, palette=palette))
    scale = DPI / 72
    image = render_scene(scene, scale)
    area = scene.sceneRect()
    return sample(image, state_points(scene.layout),
                  lambda p: ((p.x - area.left()) * scale, (p.y - area.top()) * scale))


def pdf_colours(tmp_path: Path, palette: Palette) -> dict[str, dict[str, str]]:
    """Each state's colour on the printed page (the PDF drawn to pixels by pdftoppm, as a viewer would)."""
    the_map = state_map()
    style = replace(DEFAULT_STYLE, palette=palette)
    target = tmp_path / "states.pdf"
    options = PdfOptions(paper="A4", appendix=False)
    export_pdf(the_map, target, options, style)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-f", "1", "-l", "1", "-png", "-singlefile", str(target),
                    str(tmp_path / "page")], check=True)
    image = QImage(str(tmp_path / "page.png"))
    assert not image.isNull()
    # Where the map is on the sheet, as `export.sheet_pages.map_sheet` places it (one sheet).
    plan = plan_sheets(the_map, options.paper, options.orientation, options.tiles, style)
    ox, oy = plan.offset
    left = MARGIN + ox
    top = MARGIN + title_block_height(plan.paper, plan.block) + oy  # (from the page's top: under the title block)

    def to_page(p: Point) -> tuple[float, float]:
        return left + p.x * plan.scale, top + p.y * plan.scale

    # (the reckoning checked against where pdftotext finds a card's title)
    card = plan.layout.cards["e0"]
    title_x, _ = to_page(Point(card.title.x, 0))
    found = [x0 for word, x0, _y0, _x1, _y1 in word_boxes(target, 1) if word == "Feels"]
    assert any(abs(x0 - title_x) < 1.0 for x0 in found), (title_x, found)
    k = DPI / 72
    return sample(image, state_points(plan.layout), lambda p: tuple(v * k for v in to_page(p)))


def assert_apart(sampled: dict[str, dict[str, str]]) -> None:
    close = [pair for pair in closest_pairs(sampled) if pair[0] < MIN_APART]
    assert not close, "states too alike: " + "; ".join(
        f"{kind} {a} and {b} for {vision} ({apart:.1f})" for apart, kind, vision, a, b in close)


@pytest.mark.parametrize("name", list(SCREEN))
def test_the_canvas_keeps_the_states_apart_in_every_colour_vision(qapp, name):
    palette = SCREEN[name]
    sampled = canvas_colours(palette)
    check_sampled_where_drawn(sampled, palette)
    assert_apart(sampled)


def test_the_printed_page_keeps_the_states_apart_in_every_colour_vision(qapp, tmp_path):
    sampled = pdf_colours(tmp_path, DEFAULT_STYLE.palette)
    check_sampled_where_drawn(sampled, DEFAULT_STYLE.palette)
    assert_apart(sampled)


def test_the_old_palette_fails(qapp, tmp_path):
    """The reported palette, rendered and printed, is caught: its KPI good and bad look alike."""
    for sampled in (canvas_colours(OLD), pdf_colours(tmp_path, OLD)):
        check_sampled_where_drawn(sampled, OLD)
        close = {(kind, vision, a, b) for apart, kind, vision, a, b in closest_pairs(sampled) if apart < MIN_APART}
        assert ("kpi", "deutan", "good", "bad") in close and ("kpi", "protan", "good", "mid") in close, close
        assert ("emotion", "deutan", "-2", "+2") in close, close


def test_new_personas_take_colours_apart_in_every_colour_vision():
    """The lanes' colours: the first four as far apart as the states; all eight apart enough to tell
    side by side (every lane names its persona as well); each legible as the lane's name on white."""
    def nearest(colours: tuple[str, ...]) -> float:
        return min(seen(a, vision).delta_e(seen(b, vision), method="2000")
                   for vision in VISIONS for a, b in itertools.combinations(colours, 2))

    assert nearest(PERSONA_COLORS[:4]) >= MIN_APART
    assert nearest(PERSONA_COLORS) >= 6.0
    assert all(Color(c).contrast("#FFFFFF") >= 3.0 for c in PERSONA_COLORS)
    old = ("#2E86AB", "#5B8E7D", "#6C8EBF", "#B5838D")
    assert nearest(old) < MIN_APART  # (the old first four were 4.8 apart for protanopia)


def test_a_selected_card_shows_by_its_shape_too(qapp):
    """Selection is not only a blue frame: the frame is heavier and handles stand on its corners, which
    show in greys (where a blue and a grey frame of one weight may look alike)."""
    scene = MapScene(Document(state_map()), Style())
    scale = DPI / 72
    card = scene.layout.cards["e1"]
    lane_y = scene.layout.lanes[card.persona].y
    area = scene.sceneRect()

    def grey_at(x: float, y: float) -> int:
        image = render_scene(scene, scale)
        return QColor(image.pixel(round((x - area.left()) * scale), round((y - area.top()) * scale))).lightness()

    corner = (card.rect.x - 1.4, lane_y + card.rect.y - 1.4)  # (just outside the card's top left corner)
    plain = grey_at(*corner)
    scene.select_only(["e1"])
    picked = grey_at(*corner)
    assert plain > 200 and plain - picked > 60, (plain, picked)


def face_ink(emotion: int, size: float = 13.0) -> list[float]:
    """A face drawn at a card's size, 150 dpi, all in one grey on that grey (so no colour tells
    anything): how strongly each pixel shows its features, 0 to 1."""
    k = DPI / 72
    side = round(size * k) + 4
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("#808080"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    page = QtPagePainter(painter, Palette(emotions=("#808080",) * 5, text="#000000", card="#FFFFFF"), 0.0)
    page.place(0, 0, k)
    card_look.face(page, Point(side / 2 / k, side / 2 / k), size, emotion)
    painter.end()
    return [abs(QColor(image.pixel(x, y)).lightness() - 128) / 127 for y in range(side) for x in range(side)]


def test_the_five_faces_differ_by_shape(qapp):
    """Without their colours, the five feelings still differ: each two faces in a quarter of their ink
    at least, and the strongest feelings by more than the bend of a line: an open mouth (a grin, a wail)."""
    inks = {emotion: face_ink(emotion) for emotion in range(-2, 3)}
    for a, b in itertools.combinations(inks, 2):
        apart = sum(abs(x - y) for x, y in zip(inks[a], inks[b])) / sum(map(max, inks[a], inks[b]))
        assert apart >= 0.25, (a, b, apart)
    for strong, mild in ((-2, -1), (2, 1)):
        assert sum(inks[strong]) > 1.3 * sum(inks[mild]), (strong, sum(inks[strong]), sum(inks[mild]))
