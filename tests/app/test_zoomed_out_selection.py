"""Seen whole (zoomed out below the overview's zoom), a selected card is filled, not only outlined in
another colour: it stands out by lightness, for readers who do not tell the colours apart."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from journeymapper.canvas.overview import OVERVIEW_ZOOM
from journeymapper.canvas.painting import color
from journeymapper.resources import example_map_path

from .conftest import viewport_point


def test_a_selected_card_is_filled_when_the_map_is_seen_whole(open_window, qtbot):
    window = open_window(example_map_path())
    window.show()
    view = window.view()
    view.set_zoom(OVERVIEW_ZOOM * 0.9)
    item = window.item_for("t-parent-gallery")
    centre = item.mapToScene(item.boundingRect().center())
    view.centerOn(centre)
    qtbot.wait(1)
    point = viewport_point(window, QPointF(centre.x() + 20, centre.y()))
    before = view.viewport().grab().toImage().pixelColor(point)
    window.editor.scene.clearSelection()
    item.setSelected(True)
    qtbot.wait(1)
    after = view.viewport().grab().toImage().pixelColor(point)
    palette = window.editor.scene.style.palette
    assert before.name() == color(palette, "card").name()
    assert after.name() == color(palette, "selection").name()
    assert abs(after.lightness() - before.lightness()) > 60  # (apart by lightness, not hue alone)
