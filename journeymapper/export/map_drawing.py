"""The map itself on paper: the same pieces as the canvas, from the same layout.

Order matters as on screen: lanes and headers first, then lists and curves,
flows, cards, and flow labels on top.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.pdfgen.canvas import Canvas

from ..layout import card_look, map_look
from ..layout.elements import CardBox, FlowPath, LaneBox, StageBox, TextBlock
from ..layout.geometry import Point, Rect
from ..layout.glyphs import flow_head_numbers
from ..layout.labels import signed, stage_letter
from ..layout.map_layout import MapLayout
from ..layout.map_look import FLOW_DASH
from .painter import PagePainter

MAP_FORM_MARGIN = 60.0
"""Room around the map in its forms, for what reaches past its edge (a flow looping back, a label)."""


def map_forms(p: PagePainter, layout: MapLayout, end: Callable[[Canvas, str], None] | None = None,
              refs: dict[str, list[TextBlock]] | None = None,
              findings: dict[str, list[tuple[int, str]]] | None = None) -> list[str]:
    """Draw the map as PDF forms, once, and give their names, to be placed in order (`place_forms`).

    Every sheet of a poster and its overview place the same forms, so a poster
    repeats no drawing. The map is several forms (what is under the lanes, each
    lane, what is over them) so that `end` can compress each on a worker thread
    while the next is drawn.
    """
    m = MAP_FORM_MARGIN
    box = (-m, -layout.height - m, layout.width + m, m)
    names: list[str] = []

    def part(name: str, draw: Callable[[], None]) -> None:
        with p.form(name, box, end):
            draw()
        names.append(name)

    flows: dict[str | None, list[FlowPath]] = {}
    for flow in layout.flows.values():
        flows.setdefault(flow.lane, []).append(flow)
    refs, findings = refs or {}, findings or {}
    part("jm-map-under", lambda: _under_lanes(p, layout, bool(refs)))
    for lane in layout.lanes.values():
        part(f"jm-map-lane-{lane.index}",
             lambda lane=lane: _lane(p, lane, layout, flows.get(lane.id, []), refs.get(lane.id, ()), findings))
    part("jm-map-over", lambda: _over_lanes(p, layout, flows.get(None, [])))
    return names


def _under_lanes(p: PagePainter, layout: MapLayout, letters: bool) -> None:
    p.rect(layout.bounds, fill="canvas")
    for stage in layout.stages.values():
        _stage(p, stage)
        if letters:  # (cards' references, such as "B3", name their column by it: `details`)
            letter = stage_letter(stage.index)
            size = layout.style.title_size
            right = stage.header.right - layout.style.cell_padding
            p.text_line(right - p.fonts.width(letter, size, True), stage.name.y + size * 0.9, letter, size, True,
                        "muted")


def _over_lanes(p: PagePainter, layout: MapLayout, between: list[FlowPath]) -> None:
    # Flows between lanes are in map coordinates, drawn over all lanes (as on screen).
    _flows(p, between, layout)
    for flow in between:
        _flow_label(p, flow)
    p.rect(Rect(0, 0, layout.width, layout.height), stroke="grid", width=0.8)


def _stage(p: PagePainter, box: StageBox) -> None:
    map_look.stage_header(p, box)


def _lane(p: PagePainter, lane: LaneBox, layout: MapLayout, flows: list[FlowPath],
          refs: Sequence[TextBlock] = (), findings: dict[str, list[tuple[int, str]]] | None = None) -> None:
    s = layout.style
    p.dy = lane.y
    curve = layout.curves[lane.id]
    emotion = lane.row("emotion")
    map_look.lane_frame(p, lane, layout.column_edges, s, (curve.top_y, curve.bottom_y) if emotion else None)
    for stage in layout.stages:
        for kind in ("pains", "opportunities"):
            map_look.list_items(p, layout.lists[(lane.id, stage, kind)])
    if emotion is not None:
        map_look.curve_line(p, curve, emotion.rect.x, emotion.rect.right)
    dots = [f"dot{value + 2}" for value in range(-2, 3)]
    p.stamps([(dots[value + 2], point) for _, point, value in curve.points],
             lambda dot: map_look.curve_dot(p, Point(0, 0), dots.index(dot) - 2))
    if p.grayscale:  # (in greys, each point of the curve says its value too)
        for _, point, value in curve.points:
            p.text_line(point.x + 4.5, point.y - 4, signed(value), s.small_size - 1, True, "text")
    # flows in this lane, then cards, then labels
    _flows(p, flows, layout)
    cards = layout.cards_in_lane(lane.id)
    p.shapes([_look(card) for card in cards], lambda card: _card_look(p, card, layout))
    # Faces are placed on their own, so cards that differ only in how the customer feels share a look.
    faces = [f"face{value + 2}" for value in range(-2, 3)]
    p.stamps([(faces[card.emotion + 2], card.emotion_center) for card in cards if card.emotion is not None],
             lambda face: card_look.face(p, Point(0, 0), s.icon_size, faces.index(face) - 2))
    badges = _finding_badges(p, cards, findings or {}, s.small_size)
    # Titles after all the frames (cards never overlap), in one text object.
    with p.text_object():
        p.texts([card.title for card in cards])
        p.texts(refs)
        p.texts(badges)
    for flow in flows:
        _flow_label(p, flow)


SEVERITY_INK = {"error": "pain", "warning": "kpi_mid", "info": "selection"}
"""A badge's colour by the gravest finding on its card; its shape says it too (colour is never alone):
an error's badge has square corners, a warning's is round, a tip's is an outline."""


def _finding_badges(p: PagePainter, cards: Sequence[CardBox], findings: dict[str, list[tuple[int, str]]],
                    size: float) -> list[TextBlock]:
    """On the top-left corner of each card a finding is about, a badge with the finding's number in the
    appendix (two at most, then "…"), in the colour of the gravest; returns the numbers' text."""
    texts = []
    for card in cards:
        marks = findings.get(card.id)
        if not marks:
            continue
        numbers = ",".join(str(n) for n, _ in marks[:2]) + ("\u2026" if len(marks) > 2 else "")
        width = max(size + 4, p.fonts.width(numbers, size, True) + 6)
        height = size + 4
        x, y = card.rect.x - 3, card.rect.y - height / 2
        severity = marks[0][1]
        ink = SEVERITY_INK.get(severity, "text")
        if severity == "info":
            p.rect(Rect(x, y, width, height), fill="paper", stroke=ink, width=1.0, radius=height / 2)
        else:
            p.rect(Rect(x, y, width, height), fill=ink, radius=0.0 if severity == "error" else height / 2)
        texts.append(TextBlock(x + (width - p.fonts.width(numbers, size, True)) / 2, y + 2, (numbers,), size, True,
                               ink if severity == "info" else "paper", size))
    return texts


def _flows(p: PagePainter, flows: list[FlowPath], layout: MapLayout) -> None:
    size, dash = layout.style.arrow_size, FLOW_DASH.get
    p.arrows([(flow.path, flow_head_numbers(flow.path[-1], size), dash(flow.kind)) for flow in flows], "flow",
             layout.style.flow_width)


def _flow_label(p: PagePainter, flow: FlowPath) -> None:
    map_look.flow_label(p, flow)


def _look(card: CardBox) -> tuple[tuple, Point, float, float, CardBox]:
    """A card's look (frame, chip, counts, evidence: all but its face and title) as a shape for
    `PagePainter.shapes`.

    Looks repeat from card to card: each is one form, drawn once and placed per card; only the
    title (drawn after all cards) is the card's own. The layout places a card's parts from its
    corner by its size and what it shows (tests/export/test_batched_drawing.py holds it to that),
    so those are the key.
    """
    x, y, w, h = card.rect
    key = ("card", w, h, card.bar_color, card.channel, card.channel_label, card.pains, card.opportunities,
           card.quotes, card.evidence)
    return key, Point(x, y), w, h, card


def _card_look(p: PagePainter, card: CardBox, layout: MapLayout) -> None:
    """Everything on a card but its face and title, drawn with the card's corner at (0, 0): the frame and
    the chip as forms of their own (`card_look` draws them, as on screen)."""
    s = layout.style
    r = card.rect
    p.place(p.ox - r.x, p.top + r.y, p.k)
    p.shape(("card", r.w, r.h, s.card_radius, s.card_bar, card.bar_color), Point(r.x, r.y), r.w, r.h,
            lambda: card_look.frame(p, Rect(0, 0, r.w, r.h), s, card.bar_color))
    if card.channel_chip is not None:
        chip, channel, icon = card.channel_chip, card.channel, card.channel_icon
        at_corner = Rect(icon.x - chip.x, icon.y - chip.y, icon.w, icon.h) if icon is not None else None
        p.shape(("chip", channel, chip.w, chip.h, icon.x - chip.x, icon.y - chip.y, icon.w), Point(chip.x, chip.y),
                chip.w, chip.h, lambda: card_look.chip(p, Rect(0, 0, chip.w, chip.h), channel, at_corner))
        card_look.chip_label(p, card, s)
    card_look.counts(p, card, s)
    level = card.evidence
    p.stamp(f"evidence-{level}", card.evidence_center,
            lambda: card_look.evidence(p, Point(0, 0), card_look.EVIDENCE_RADIUS, level))
