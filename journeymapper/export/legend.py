"""The legend of a map sheet: everything the map shows by colour or sign, in three columns as wide as
their words in the language printed. It takes the width those words need (`legend_width`), growing
into the room the title leaves, so no word is cut that fits the sheet; only where a sheet is too narrow
do words share what room there is (a persona's name then is cut first: the lanes say it in full)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..layout import card_look
from ..layout.geometry import Point, Rect
from ..layout.glyphs import star, triangle
from ..layout.kpis import HEALTH_INKS, HEALTH_MARKS
from ..layout.labels import EVIDENCE_LABELS, FLOW_KIND_LABELS, signed
from ..layout.map_look import FLOW_DASH
from ..layout.style import DEFAULT_STYLE
from ..model.schema import Map
from .sheets import LEGEND_WIDTH

LABEL_SIZE, TEXT_SIZE = 7.5, 7.0
FACES_WIDTH = 126.0
"""The five faces and their values (−2 … +2)."""
COLUMN_GAP = 12.0
FLOWS_GAP = 8.0
PERSONA_NAME_MOST = 140.0
"""A persona's name in the legend is cut past this (the lane's header says it in full)."""
PERSONAS_MOST = 300.0
"""The most the personas' row asks for: more personas end with "+N" (each has its lane)."""
FLOW_SIGN = 28.0
"""A flow kind's line and arrowhead, before its words."""


@dataclass(frozen=True, slots=True)
class LegendWords:
    """The legend's words in the language printed, and the width each column needs for them whole."""
    labels_a: tuple[str, str, str]
    labels_b: tuple[str, str, str]
    evidence: tuple[str, ...]
    on_card: tuple[str, str, str]
    health: tuple[str, str, str]
    finding: str
    flows: tuple[str, ...]
    column_a: float
    """Column A's labels and contents (faces, evidence, personas)."""
    column_b: float
    column_b_folded: float
    """Column B with every entry "On a card" of two words or more on two lines."""
    flows_width: float

    @property
    def width(self) -> float:
        """The legend's width with every word whole."""
        return self.column_a + COLUMN_GAP + self.column_b + FLOWS_GAP + self.flows_width


def legend_words(p: Any, the_map: Map) -> LegendWords:
    tr = p.tr

    def width(words: str, size: float = TEXT_SIZE, bold: bool = False) -> float:
        return p.fonts.width(words, size, bold)

    findings = getattr(p, "shows_findings", False)  # (a finding's number is on its card only in a PDF with findings)
    labels_a = (tr("Emotion"), tr("Evidence"), tr("Personas"))
    labels_b = (tr("On a card"), tr("KPI target"), tr("Finding") if findings else "")
    evidence = tuple(tr(name) for name in EVIDENCE_LABELS.values())
    on_card = (tr("pain points"), tr("opportunities"), tr("customer quotes"))
    health = (tr("met"), tr("near"), tr("off"))
    finding = tr("its number in the findings") if findings else ""
    flows = tuple(tr(name) for name in FLOW_KIND_LABELS.values())
    people = sum(17 + min(width(_name(person.name)), PERSONA_NAME_MOST) for person in the_map.personas)
    column_a = (max(width(name, LABEL_SIZE, True) for name in labels_a) + 8
                + max(FACES_WIDTH, sum(9 + width(name) + 8 for name in evidence), min(people, PERSONAS_MOST)))

    def column_b(entries: Sequence[tuple[str, ...]]) -> float:
        return (max(width(name, LABEL_SIZE, True) for name in labels_b) + 8
                + max(sum(offset + max(map(width, lines)) + 6 for offset, lines in zip(_SIGN_ROOM, entries)),
                      sum(8 + width(name) + 8 for name in health), 14 + width(finding) if finding else 0.0))

    flows_width = FLOW_SIGN + max(width(name) for name in flows) + 1
    return LegendWords(labels_a, labels_b, evidence, on_card, health, finding, flows, column_a,
                       column_b([(name,) for name in on_card]), column_b(fold(on_card, 0.0, width)), flows_width)


_SIGN_ROOM = (8.0, 10.0, 10.0)
"""Where the words of "On a card" start after their signs (triangle, star, speech bubble)."""


def legend_width(p: Any, the_map: Map, most: float) -> float:
    """How wide the legend is drawn: as its words need, at least LEGEND_WIDTH, at most `most`."""
    return max(LEGEND_WIDTH, min(most, legend_words(p, the_map).width))


def fit_text(p: Any, text: str, size: float, bold: bool, room: float) -> str:
    """`text`, cut with "…" to `room` when it is wider."""
    if p.fonts.width(text, size, bold) <= room:
        return text
    while text and p.fonts.width(text + "…", size, bold) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def shares(wanted: Sequence[float], room: float) -> list[float]:
    """Each of `wanted` whole when they fit `room` together; else the narrow ones whole and the wide ones
    sharing the rest fairly (never less than 10 each)."""
    allowed = [0.0] * len(wanted)
    left = room
    for k, i in enumerate(sorted(range(len(wanted)), key=wanted.__getitem__)):
        allowed[i] = min(wanted[i], max(10.0, left / (len(wanted) - k)))
        left -= allowed[i]
    return allowed


def fold(entries: Sequence[str], room: float, width: Callable[[str], float]) -> list[tuple[str, ...]]:
    """Each entry on one line while together they fit `room`; else the widest, one by one, on two lines
    (split where its wider line is the narrowest) until they fit (an entry of one word stays whole)."""
    lines: list[tuple[str, ...]] = [(entry,) for entry in entries]

    def wide(entry: tuple[str, ...]) -> float:
        return max(map(width, entry))

    def folded(entry: str) -> tuple[str, ...]:
        words = entry.split()
        splits = [(" ".join(words[:n]), " ".join(words[n:])) for n in range(1, len(words))]
        return min(splits, key=wide, default=(entry,))

    for k in sorted(range(len(lines)), key=lambda i: -width(entries[i])):
        if sum(map(wide, lines)) <= room:
            break
        lines[k] = folded(entries[k])
    return lines


def legend(p: Any, x: float, y: float, the_map: Map, width: float = LEGEND_WIDTH) -> None:
    """Everything the map shows by colour or sign, top right of every map sheet: feelings (face and
    value), evidence, the personas' colours; the counts and KPI signs on cards and headers; the flow
    kinds with their arrowheads. Three columns, each as wide as its words; when `width` is less than
    they need, column A's personas give up room first, then the words of column B share what is left."""
    s = DEFAULT_STYLE
    words = legend_words(p, the_map)
    rows = (y + 8, y + 21, y + 34)
    flows = x + width - words.flows_width  # (the flow kinds end at the legend's right edge)

    def text_width(text: str) -> float:
        return p.fonts.width(text, TEXT_SIZE, False)

    def labels(left: float, names: tuple[str, str, str]) -> float:
        """The column's labels; where its contents start."""
        for row, name in zip(rows, names):
            p.text_line(left, row, name, LABEL_SIZE, True, "muted")
        return left + max(p.fonts.width(name, LABEL_SIZE, True) for name in names) + 8

    # Short of room, the words "On a card" fold onto two lines first, then the personas' names give up
    # room (the lanes say them in full), then the words of column B are cut to share what is left.
    short = max(0.0, words.width - width - (words.column_b - words.column_b_folded))
    ax = labels(x, words.labels_a)
    evidence_width = sum(9 + text_width(name) + 8 for name in words.evidence)
    # (column A gives up its personas' room first, down to the faces and evidence: the lanes name them)
    column_a = max(words.column_a - short, ax - x + max(FACES_WIDTH, evidence_width))
    second = x + column_a + COLUMN_GAP
    for k, value in enumerate(range(-2, 3)):
        cx = ax + 5 + k * 24
        card_look.face(p, Point(cx, rows[0] - 3), 9, value)
        p.text_line(cx + 6, rows[0], signed(value), TEXT_SIZE, True, "text")
    ex = ax
    for level, name in zip(EVIDENCE_LABELS, words.evidence):
        card_look.evidence(p, Point(ex + 3, rows[1] - 3), 3.0, level)
        name = fit_text(p, name, TEXT_SIZE, False, max(10.0, second - 8 - ex - 9))
        p.text_line(ex + 9, rows[1], name, TEXT_SIZE, False, "text")
        ex += 9 + text_width(name) + 8
    px = ax
    for k, persona in enumerate(the_map.personas):
        room = second - 10 - px - 10
        if room < 30:
            p.text_line(px, rows[2], f"+{len(the_map.personas) - k}", TEXT_SIZE, False, "muted")
            break
        p.rect(Rect(px, rows[2] - 6, 7, 7), fill=persona.color)
        shown = fit_text(p, _name(persona.name), TEXT_SIZE, False, min(room, PERSONA_NAME_MOST))
        p.text_line(px + 9, rows[2], shown, TEXT_SIZE, False, "text")
        px += 9 + text_width(shown) + 8
    bx = labels(second, words.labels_b)
    end = flows - FLOWS_GAP
    # The counts on a card: each sign, then its words (the words share the room fairly when it is short).
    signs: tuple[Callable[[float], None], ...] = (
        lambda at: p.polygon(triangle(Point(at + 3, rows[0] - 2.5), 6), "pain"),
        lambda at: p.polygon(star(Point(at + 4, rows[0] - 2.5), 8), "opportunity"),
        lambda at: p.polygon(card_look.speech_bubble(Point(at + 4, rows[0] - 2.5), 8), card_look.QUOTE_INK))
    entries = fold(words.on_card, end - bx - sum(o + 6 for o in _SIGN_ROOM), text_width)
    allowed = shares([max(map(text_width, lines)) for lines in entries], end - bx - sum(o + 6 for o in _SIGN_ROOM))
    cx = bx
    for offset, lines, sign, room in zip(_SIGN_ROOM, entries, signs, allowed):
        sign(cx)
        # (an entry on two lines takes the room above and below its row: 7 pt words, 7.5 pt apart)
        lines = [fit_text(p, line, TEXT_SIZE, False, room) for line in lines]
        for k, line in enumerate(lines):
            p.text_line(cx + offset, rows[0] + (k * 7.5 - 3.5 if len(lines) == 2 else 0), line, TEXT_SIZE, False,
                        "text")
        cx += offset + max(map(text_width, lines)) + 6
    allowed = shares([text_width(name) for name in words.health], end - bx - 3 * 16)
    kx = bx
    for health, name, room in zip(("good", "mid", "bad"), words.health, allowed):
        p.text_line(kx, rows[1], HEALTH_MARKS[health], TEXT_SIZE + 1, True, HEALTH_INKS[health])
        name = fit_text(p, name, TEXT_SIZE, False, room)
        p.text_line(kx + 8, rows[1], name, TEXT_SIZE, False, "text")
        kx += 8 + text_width(name) + 8
    if words.finding:
        p.rect(Rect(bx, rows[2] - 7, 10, 9), fill="pain", radius=4.5)
        p.text_line(bx + 2.5, rows[2] - 0.5, "1", 7, True, "paper")
        p.text_line(bx + 14, rows[2], fit_text(p, words.finding, TEXT_SIZE, False, end - bx - 14),
                    TEXT_SIZE, False, "text")
    for k, (kind, name) in enumerate(zip(FLOW_KIND_LABELS, words.flows)):
        yy = rows[k] - 2.5
        p.stroke("flow", s.flow_width, FLOW_DASH.get(kind))
        p.line(Point(flows, yy), Point(flows + 20, yy))
        p.polygon(flow_head(Point(flows + 24, yy), s.arrow_size * 0.8), "flow")
        p.text_line(flows + FLOW_SIGN, yy + 2.5, name, TEXT_SIZE, False, "text")


def flow_head(tip: Point, size: float) -> tuple[Point, Point, Point]:
    """An arrowhead pointing right, its tip at `tip`."""
    return (tip, Point(tip.x - size, tip.y - size * 0.45), Point(tip.x - size, tip.y + size * 0.45))


def _name(name: str) -> str:
    return " ".join(name.split())
