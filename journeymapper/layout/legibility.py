"""What a reader could misread in a laid-out map: flows over cards, labels over cards or labels,
arrowheads on arrowheads.

A flow drawn across a card that is neither its source nor its target reads as a flow through that
card, so the picture says something the map does not. These checks look at the drawn geometry, the
same the canvas and the PDF paint, in map coordinates; the property tests and the corpus tests hold
every layout to them, and `python -m journeymapper.layout.legibility MAP.jmap...` counts them.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterator
from typing import NamedTuple

from .elements import FlowPath
from .geometry import Cubic, Point, Rect
from .glyphs import flow_head
from .map_layout import MapLayout

SAMPLES = 24
"""Points per curve segment: enough that a straight piece between two of them stays within a
fraction of a point of the curve at the sizes flows have."""
CELL = 64.0
"""Grid cell (points) of the index that finds the cards near a piece of a flow."""


class Finding(NamedTuple):
    what: str
    """'flow over card', 'label over card', 'label over label', 'label over arrowhead' or
    'arrowheads overlap'."""
    first: str
    second: str


def flow_polyline(flow: FlowPath, lane_top: float) -> list[Point]:
    """The drawn path of a flow as points in map coordinates."""
    points: list[Point] = []
    for segment in flow.path:
        shifted = Cubic(segment.x0, segment.y0 + lane_top, segment.x1, segment.y1 + lane_top,
                        segment.x2, segment.y2 + lane_top, segment.x3, segment.y3 + lane_top)
        start = 1 if points else 0
        points += [shifted.at(k / SAMPLES) for k in range(start, SAMPLES + 1)]
    return points


def _lane_top(layout: MapLayout, lane: str | None) -> float:
    return 0.0 if lane is None else layout.lanes[lane].y


def _cells(rect: Rect) -> Iterator[tuple[int, int]]:
    for gx in range(int(rect.x // CELL), int(rect.right // CELL) + 1):
        for gy in range(int(rect.y // CELL), int(rect.bottom // CELL) + 1):
            yield gx, gy


def _segment_hits(a: Point, b: Point, rect: Rect) -> bool:
    """Whether the straight piece from a to b passes through the inside of rect (Liang-Barsky)."""
    dx, dy = b.x - a.x, b.y - a.y
    low, high = 0.0, 1.0
    for p, q in ((-dx, a.x - rect.x), (dx, rect.right - a.x), (-dy, a.y - rect.y), (dy, rect.bottom - a.y)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def flows_over_cards(layout: MapLayout, clearance: float = 1.0) -> list[Finding]:
    """Every (flow, card) where the flow's drawn path passes over a card that is neither its source
    nor its target (the card shrunk by `clearance`, so a line along its border is not counted)."""
    grid: dict[tuple[int, int], list[tuple[str, Rect]]] = defaultdict(list)
    for card_id in layout.cards:
        rect = layout.card_rect(card_id).inset(clearance)
        for key in _cells(rect):
            grid[key].append((card_id, rect))
    findings: list[Finding] = []
    for flow in layout.flows.values():
        points = flow_polyline(flow, _lane_top(layout, flow.lane))
        hit: set[str] = set()
        for a, b in zip(points, points[1:]):
            piece = Rect(min(a.x, b.x), min(a.y, b.y), abs(a.x - b.x), abs(a.y - b.y))
            for key in _cells(piece):
                for card_id, rect in grid.get(key, ()):
                    if card_id in hit or card_id == flow.source or card_id == flow.target:
                        continue
                    if _segment_hits(a, b, rect):
                        hit.add(card_id)
        findings += [Finding("flow over card", flow.id, card_id) for card_id in sorted(hit)]
    return findings


def _overlap(a: Rect, b: Rect, tolerance: float = 0.01) -> bool:
    return min(a.right, b.right) - max(a.x, b.x) > tolerance and min(a.bottom, b.bottom) - max(a.y, b.y) > tolerance


def labels_over(layout: MapLayout) -> list[Finding]:
    """Every label pill that covers a card, another label or an arrowhead."""
    labels = [(flow.id, flow.label_rect.moved(0.0, _lane_top(layout, flow.lane)))
              for flow in layout.flows.values() if flow.label_rect is not None]
    cards = [(card_id, layout.card_rect(card_id)) for card_id in layout.cards]
    findings = [Finding("label over card", flow_id, card_id)
                for flow_id, rect in labels for card_id, card in cards if _overlap(rect, card)]
    for k, (flow_id, rect) in enumerate(labels):
        findings += [Finding("label over label", flow_id, other_id)
                     for other_id, other in labels[k + 1:] if _overlap(rect, other)]
    if labels:
        heads = _heads(layout)
        findings += [Finding("label over arrowhead", flow_id, head_id)
                     for flow_id, rect in labels for head_id, head in heads if _overlap(rect, head, 0.5)]
    return findings


def _heads(layout: MapLayout) -> list[tuple[str, Rect]]:
    size = layout.style.arrow_size
    heads = []
    for flow in layout.flows.values():
        if not flow.path:
            continue
        top = _lane_top(layout, flow.lane)
        corners = flow_head(flow.path[-1], size)
        xs, ys = [p.x for p in corners], [p.y + top for p in corners]
        heads.append((flow.id, Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))))
    return heads


def heads_overlapping(layout: MapLayout) -> list[Finding]:
    """Every two flows whose arrowheads overlap (they would merge into one blob)."""
    heads = _heads(layout)
    findings = []
    for k, (flow_id, rect) in enumerate(heads):
        findings += [Finding("arrowheads overlap", flow_id, other_id)
                     for other_id, other in heads[k + 1:] if _overlap(rect, other, 0.5)]
    return findings


def misreadings(layout: MapLayout) -> list[Finding]:
    """Everything above, for one layout."""
    return flows_over_cards(layout) + labels_over(layout) + heads_overlapping(layout)


def main(argv: list[str] | None = None) -> int:
    """Count what could be misread in each map named (for reviews of maps written by others)."""
    from ..io import LoadError, load_path
    from .map_layout import layout_map

    status = 0
    for name in sys.argv[1:] if argv is None else argv:
        try:
            layout = layout_map(load_path(name).map)
        except LoadError as exc:
            print(f"{name}: {exc}")
            status = 2
            continue
        findings = misreadings(layout)
        counts: dict[str, int] = defaultdict(int)
        for finding in findings:
            counts[finding.what] += 1
        summary = ", ".join(f"{count} {what}" for what, count in sorted(counts.items())) or "nothing"
        print(f"{name}: {len(layout.flows)} flows: {summary}")
        for finding in findings:
            print(f"  {finding.what}: {finding.first} / {finding.second}")
        status = max(status, 1 if findings else 0)
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
