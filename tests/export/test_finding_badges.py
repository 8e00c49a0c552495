"""A finding's badge on a printed card says its severity by shape as well as colour: an error's has
square corners, a warning's is round, a tip's is an outline (a grey copy or a colour-blind reader still
tells them apart)."""

from __future__ import annotations

from types import SimpleNamespace

from journeymapper.export.map_drawing import _finding_badges
from journeymapper.layout.geometry import Rect


class Recorder:
    """A page painter that records the badges' rectangles (the badge logic is what is tested here)."""

    def __init__(self) -> None:
        self.rects: list[dict] = []
        self.fonts = SimpleNamespace(width=lambda text, size, bold: 4.0 * len(text))

    def rect(self, r, fill=None, stroke=None, width=0.6, radius=0.0) -> None:
        self.rects.append({"fill": fill, "stroke": stroke, "radius": radius})


def _card(card_id: str):
    return SimpleNamespace(id=card_id, rect=Rect(10, 10, 200, 60))


def test_each_severity_has_its_own_shape():
    painter = Recorder()
    texts = _finding_badges(painter, [_card("a"), _card("b"), _card("c")],
                            {"a": [(1, "error")], "b": [(2, "warning")], "c": [(3, "info")]}, 7.0)
    error, warning, tip = painter.rects
    assert error["radius"] == 0 and error["fill"] and not error["stroke"]
    assert warning["radius"] > 0 and warning["fill"] and not warning["stroke"]
    assert tip["radius"] > 0 and tip["fill"] == "paper" and tip["stroke"]
    assert [t.color for t in texts] == ["paper", "paper", tip["stroke"]]  # (a tip's number in its outline's ink)


def test_the_gravest_finding_gives_the_shape():
    painter = Recorder()
    _finding_badges(painter, [_card("a")], {"a": [(4, "error"), (5, "info")]}, 7.0)
    assert painter.rects[0]["radius"] == 0
