"""Where the comparison chart of a persona's feelings today and in the plan puts everything, in points.

Qt-free, like all of `layout`: the compare window paints it, and a PDF can draw the same chart later.
The chart has one column per stage (of either map: a stage the plan drops stays where it was today,
one it adds where the plan has it), the levels -2 to +2, and two lines through the persona's average
feeling in each stage: today's dashed through hollow marks, the plan's solid through filled ones, and
a legend in words, so the two never differ by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.schema import Map
from .elements import TextBlock
from .geometry import Point, Rect
from .labels import signed
from .text import BOLD, REGULAR, elide, text_width, wrap

HEADING_SIZE = 11.0
SMALL = 8.0
LEGEND_SAMPLE = 26.0
"""How long the sample of each line in the legend is."""
MARGIN = 6.0


@dataclass(frozen=True)
class CurveLine:
    side: str
    """"current" (today) or "future" (the plan)."""
    label: str
    dashed: bool
    filled: bool
    """Whether its marks are filled discs (the plan) or rings (today)."""
    points: tuple[tuple[str, Point, float], ...]
    """(stage id, point, average feeling) for each stage where the persona's cards say a feeling."""


@dataclass(frozen=True)
class LegendEntry:
    side: str
    start: Point
    end: Point
    """The sample line, drawn as its curve is (dashed or not, with a mark in its middle)."""
    text: TextBlock


@dataclass(frozen=True)
class StageColumn:
    stage_id: str
    x: float
    """The column's middle, where its points are."""
    lines: tuple[TextBlock, ...]
    """The stage's name under the chart, centred, in at most two lines."""
    only_in: str
    """"current" (the plan drops the stage), "future" (the plan adds it) or "" (in both)."""


@dataclass(frozen=True)
class EmotionCompareChart:
    persona_id: str
    heading: TextBlock
    legend: tuple[LegendEntry, ...]
    plot: Rect
    levels: tuple[tuple[int, float, TextBlock], ...]
    """(feeling, y of its line, its label left of the plot) for -2 .. +2."""
    columns: tuple[StageColumn, ...]
    lines: tuple[CurveLine, CurveLine]
    """Today's line, then the plan's."""
    width: float
    height: float


def stage_order(current: Map, future: Map) -> list[str]:
    """Every stage of either map, in the plan's order; a stage only today's map has comes right after
    the stage it followed today."""
    order = [s.id for s in future.stages]
    at = -1
    for stage in current.stages:
        if stage.id in order:
            at = order.index(stage.id)
        else:
            at += 1
            order.insert(at, stage.id)
    return order


def stage_feelings(the_map: Map, persona_id: str) -> dict[str, float]:
    """The persona's average feeling in each stage, over its cards there that say one."""
    sums: dict[str, list[int]] = {}
    for card in the_map.touchpoints:
        if card.persona == persona_id and card.emotion is not None:
            sums.setdefault(card.stage, []).append(card.emotion)
    return {stage: sum(values) / len(values) for stage, values in sums.items()}


def persona_order(current: Map, future: Map) -> list[tuple[str, str, str]]:
    """(id, name, colour) of every persona of either map, the plan's first, then those only today has."""
    seen: dict[str, tuple[str, str, str]] = {}
    for persona in [*future.personas, *current.personas]:
        seen.setdefault(persona.id, (persona.id, persona.name, persona.color))
    return list(seen.values())


def _centred(text: str, cx: float, y: float, size: float, color: str) -> TextBlock:
    return TextBlock(cx - text_width(text, size) / 2, y, (text,), size, False, color, size * 1.25)


def emotion_chart(current: Map, future: Map, persona_id: str, width: float, height: float,
                  labels: tuple[str, str] = ("Current state", "Future state")) -> EmotionCompareChart:
    """The chart of `persona_id`'s feelings in `current` (today) and `future` (the plan), `width` x
    `height` points. `labels` name the two lines in the legend."""
    names = {pid: name for pid, name, _ in persona_order(current, future)}
    heading = TextBlock(MARGIN, MARGIN, (" ".join(names.get(persona_id, "").split()),), HEADING_SIZE, True, "text",
                        HEADING_SIZE * 1.3)
    legend_y = heading.y + heading.height + 4
    entries: list[LegendEntry] = []
    x = MARGIN
    for side, label in zip(("current", "future"), labels):
        mid = legend_y + SMALL * 0.6
        text = TextBlock(x + LEGEND_SAMPLE + 6, legend_y, (label,), SMALL, False, "text", SMALL * 1.25)
        entries.append(LegendEntry(side, Point(x, mid), Point(x + LEGEND_SAMPLE, mid), text))
        x = text.x + text_width(label, SMALL) + 18
    axis = max(text_width(signed(v), SMALL, BOLD) for v in range(-2, 3)) + 8
    top = legend_y + SMALL * 1.25 + 10
    label_room = 2 * SMALL * 1.25 + 8
    plot = Rect(MARGIN + axis, top, max(1.0, width - 2 * MARGIN - axis), max(1.0, height - top - label_room - MARGIN))
    step = plot.h / 4
    levels = tuple((v, plot.y + (2 - v) * step,
                    TextBlock(plot.x - 6 - text_width(signed(v), SMALL, BOLD), plot.y + (2 - v) * step - SMALL * 0.6,
                              (signed(v),), SMALL, True, "muted", SMALL * 1.25))
                   for v in range(2, -3, -1))
    order = stage_order(current, future)
    in_current, in_future = {s.id for s in current.stages}, {s.id for s in future.stages}
    stage_names = {s.id: s.name for s in current.stages} | {s.id: s.name for s in future.stages}
    column_w = plot.w / max(1, len(order))
    columns: list[StageColumn] = []
    for k, stage_id in enumerate(order):
        cx = plot.x + (k + 0.5) * column_w
        only_in = "" if stage_id in in_current and stage_id in in_future else (
            "current" if stage_id in in_current else "future")
        name = " ".join(stage_names[stage_id].split())
        if only_in:
            name += " (dropped)" if only_in == "current" else " (new)"
        room = max(8.0, column_w - 6)
        # (a word too long for the column is cut with "…", never broken in two: "Awarene ss" reads as two words)
        shown = wrap(" ".join(elide(word, SMALL, room) for word in name.split()), SMALL, room, 2, REGULAR)
        columns.append(StageColumn(stage_id, cx, tuple(
            _centred(line, cx, plot.bottom + 6 + n * SMALL * 1.25, SMALL, "muted" if only_in else "text")
            for n, line in enumerate(shown)), only_in))
    xs = {column.stage_id: column.x for column in columns}

    def line(the_map: Map, side: str, label: str) -> CurveLine:
        feelings = stage_feelings(the_map, persona_id)
        points = tuple((stage_id, Point(xs[stage_id], plot.y + (2 - feelings[stage_id]) * step), feelings[stage_id])
                       for stage_id in order if stage_id in feelings)
        return CurveLine(side, label, dashed=side == "current", filled=side == "future", points=points)

    lines = (line(current, "current", labels[0]), line(future, "future", labels[1]))
    return EmotionCompareChart(persona_id, heading, tuple(entries), plot, levels, tuple(columns), lines, width, height)


__all__ = ["CurveLine", "EmotionCompareChart", "LegendEntry", "StageColumn", "emotion_chart", "persona_order",
           "stage_feelings", "stage_order"]
