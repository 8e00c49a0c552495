"""The Problems panel's severities are told apart without colour: an octagon with a cross (error), a
triangle with "!" (warning), a circle with "i" (tip), each with a mark inside; and their colours are the
map's colour-blind-safe ones (apart in every common colour blindness, as `tests/canvas/test_colour_vision`)."""

from __future__ import annotations

import itertools

from coloraide import Color
from PySide6.QtGui import QColor, QImage

from journeymapper.app.problems_panel import GROUPS, SEVERITY_COLORS, severity_icon
from journeymapper.layout.style import contrast

SIDE = 28
"""The icons are read at twice their 14 pixels (as on a high-density screen)."""


def picture(severity: str) -> QImage:
    return severity_icon(severity).pixmap(SIDE, SIDE).toImage().convertToFormat(QImage.Format.Format_ARGB32)


def outline(image: QImage) -> set[tuple[int, int]]:
    """The pixels the icon covers (its shape, whatever its colour)."""
    return {(x, y) for x in range(image.width()) for y in range(image.height())
            if QColor.fromRgba(image.pixel(x, y)).alpha() > 128}


def mark_pixels(image: QImage, fill: str) -> set[tuple[int, int]]:
    """The covered pixels that are not the icon's fill: its mark (cross, "!", "i")."""
    return {(x, y) for x, y in outline(image)
            if contrast(QColor.fromRgba(image.pixel(x, y)).name().upper(), fill) >= 2.0}


def test_each_severity_has_its_own_shape_and_mark(qapp):
    """Seen without colour (where an icon is, and where its mark is), each two differ in a fifth of
    their pixels at least: the octagon and the circle by their marks most (their outlines alone differ
    in a twentieth)."""
    looks = {}
    for severity in GROUPS:
        image = picture(severity)
        marks = mark_pixels(image, SEVERITY_COLORS[severity])
        assert len(marks) >= 12, severity  # (every icon has a mark inside)
        looks[severity] = (outline(image), marks)
    for a, b in itertools.combinations(GROUPS, 2):
        (shape_a, mark_a), (shape_b, mark_b) = looks[a], looks[b]
        differ = (len(shape_a ^ shape_b) + len(mark_a ^ mark_b)) / len(shape_a | shape_b)
        assert differ >= 0.2, (a, b, differ)


def test_the_severities_colours_stay_apart_in_every_colour_vision():
    for vision in ("protan", "deutan", "tritan"):
        seen = {severity: Color(colour).filter(vision, method="machado").convert("srgb").clip()
                for severity, colour in SEVERITY_COLORS.items()}
        for a, b in itertools.combinations(GROUPS, 2):
            assert seen[a].delta_e(seen[b], method="2000") >= 12.0, (vision, a, b)
