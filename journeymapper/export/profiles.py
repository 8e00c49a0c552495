"""The pages after the map: one per persona with its profile, flow labels cut short on the map in full, and the checker's findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ..check import Problem
from ..i18n import N_, Words, words
from ..layout.geometry import Point
from ..layout.labels import CHANNEL_LABELS, EMOTION_LABELS, EVIDENCE_LABELS, said_by, signed
from ..layout.text import BOLD, REGULAR, wrap
from ..model.schema import Map, Persona, Quote, Touchpoint
from .map_drawing import SEVERITY_INK
from .painter import PagePainter


class PageColumn:
    """Flowing text down a page, in `columns` side by side, starting a new page when it runs out of room."""

    GUTTER = 24.0

    def __init__(self, p: PagePainter, paper: tuple[float, float], margin: float,
                 on_break: Callable[[], None] | None = None, columns: int = 1) -> None:
        self.p, self.paper, self.margin, self.on_break = p, paper, margin, on_break
        self.columns, self.column = max(1, columns), 0
        self.width = (paper[0] - 2 * margin - (self.columns - 1) * self.GUTTER) / self.columns
        self.x = margin
        self.y = margin
        p.place(0, paper[1], 1.0)
        p.dy = 0.0

    def room(self, needed: float) -> None:
        if self.y + needed > self.paper[1] - self.margin - 20:
            if self.column < self.columns - 1:  # the next column of this page
                self.column += 1
                self.x = self.margin + self.column * (self.width + self.GUTTER)
                self.y = self.margin
                return
            if self.on_break is not None:
                self.on_break()  # the footer of the page that is full
            self.p.c.showPage()
            self.p.place(0, self.paper[1], 1.0)
            self.column, self.x, self.y = 0, self.margin, self.margin

    def heading(self, text: str, size: float = 18, color: str = "text", lines: int = 3, indent: float = 0.0) -> None:
        """Bold lines (at most `lines`; 0: as many as it takes)."""
        for line in wrap(text, size, self.width - indent, lines, BOLD):
            self.room(size * 1.4)
            self.y += size * 1.1
            self.p.text_line(self.x + indent, self.y, line, size, True, color)
        self.y += size * 0.5

    def paragraph(self, text: str, size: float = 10, color: str = "text", indent: float = 0.0) -> None:
        for line in wrap(text, size, self.width - indent, 0, REGULAR):
            self.room(size * 1.4)
            self.y += size * 1.35
            self.p.text_line(self.x + indent, self.y, line, size, False, color)

    def field(self, label: str, text: str, indent: float = 0.0, label_width: float = 64.0) -> None:
        """`label` in a narrow column at the left of `text` (its paragraphs kept)."""
        size = 10.0
        lines = [line for paragraph in text.splitlines() if paragraph.strip()
                 for line in wrap(paragraph, size, self.width - indent - label_width, 0, REGULAR)]
        for k, line in enumerate(lines or ["—"]):
            self.room(size * 1.4)
            self.y += size * 1.35
            if k == 0:
                self.p.text_line(self.x + indent, self.y, label, 8, False, "muted")
            self.p.text_line(self.x + indent + label_width, self.y, line, size, False, "text")

    def label(self, text: str) -> None:
        self.room(30)
        self.y += 8
        self.paragraph(text, 9, "muted")
        self.y += 2

    def bullets(self, items: list[str]) -> None:
        if not items:
            self.paragraph("—", 10, "faint", 12)
        for item in items:
            self.room(14)
            self.p.circle(Point(self.x + 4, self.y + 10 * 1.35 - 3.2), 1.6, fill="muted")
            self.paragraph(item, 10, "text", 12)


def persona_facts(the_map: Map, tr: Words | None = None) -> dict[str, list[str]]:
    """What the map says of each persona (its page's "In this map"), in one pass over the touchpoints."""
    cards_of: dict[str, list[Touchpoint]] = {persona.id: [] for persona in the_map.personas}
    for t in the_map.touchpoints:
        cards_of.setdefault(t.persona, []).append(t)
    tr = tr or words()
    return {persona: _facts(cards, len(the_map.stages), tr) for persona, cards in cards_of.items()}


def _facts(cards: list[Touchpoint], stages: int, tr: Words) -> list[str]:
    emotions: list[int] = []
    channels: Counter[str] = Counter()
    stages_used: set[str] = set()
    pains = chances = quotes = 0
    for t in cards:  # (one pass: a big map's persona has a thousand cards)
        if t.emotion is not None:
            emotions.append(t.emotion)
        if t.channel:
            channels[t.channel] += 1
        stages_used.add(t.stage)
        pains += len(t.pain_points)
        chances += len(t.opportunities)
        quotes += len(t.quotes)
    facts = [tr.n("{n} touchpoint across {used} of {stages} stages", "{n} touchpoints across {used} of {stages} stages",
                  len(cards)).format(n=len(cards), used=len(stages_used), stages=stages)]
    if emotions:
        average = sum(emotions) / len(emotions)
        facts.append(tr("average emotion {average} ({label}); lowest {lowest}, highest {highest}").format(
            average=signed(average, 1), label=tr(EMOTION_LABELS[round(average)]),
            lowest=signed(min(emotions)), highest=signed(max(emotions))))
    if channels:
        named = ", ".join(f"{tr(CHANNEL_LABELS[c]) if c in CHANNEL_LABELS else c} ({n})" for c, n in channels.most_common())
        facts.append(tr("channels: {channels}").format(channels=named))
    facts.append(tr.n("{n} pain point", "{n} pain points", pains).format(n=pains) + ", "
                 + tr.n("{n} opportunity", "{n} opportunities", chances).format(n=chances)
                 + (", " + tr.n("{n} customer quote", "{n} customer quotes", quotes).format(n=quotes) if quotes else ""))
    return facts


def draw_persona_page(p: PagePainter, persona: Persona, facts: list[str], paper: tuple[float, float],
                      margin: float, on_break: Callable[[], None] | None = None) -> None:
    """A persona's profile, and `facts` (from `persona_facts`)."""
    col = PageColumn(p, paper, margin, on_break)
    p.c.setFillColor(p.color(persona.color))
    p.c.rect(margin, paper[1] - margin - 6, 60, 6, stroke=0, fill=1)
    col.y += 10
    col.heading(persona.name, 22, persona.color)
    if persona.segment:
        col.paragraph(persona.segment, 11, "muted")
    if persona.description:
        col.y += 6
        col.paragraph(persona.description, 10)
    for title, items in ((N_("Goals"), persona.goals), (N_("Needs"), persona.needs),
                         (N_("Frustrations"), persona.frustrations)):
        col.label(p.tr(title))
        col.bullets(list(items))
    persona_evidence(p, col, persona)
    col.label(p.tr("In this map"))
    col.bullets(facts)
    if persona.quotes:
        col.label(p.tr("Customer quotes"))
        draw_quotes(col, persona.quotes)


def quote_parts(quote: Quote) -> tuple[str, str]:
    """A quote as printed: its words in quotation marks, and who said it, when and where (the parts
    not given left out; "" when none is)."""
    said = said_by(quote.who, quote.date, quote.source)
    return f"\u201c{quote.text.strip()}\u201d", f"\u2014 {said}" if said else ""


def draw_quotes(col: PageColumn, items: list[Quote]) -> None:
    """Each quote's words, wrapped and never cut, with who said it, when and where below them."""
    for quote in items:
        words, said = quote_parts(quote)
        col.room(30)
        col.y += 4
        col.paragraph(words, 10, "text", 12)
        if said:
            col.paragraph(said, 8.5, "muted", 24)


def persona_evidence(p: PagePainter, col: PageColumn, persona: Persona) -> None:
    """What the persona is based on (a guess, a few customers or research) and where it comes from, as a
    card's evidence prints in the details."""
    tr = p.tr
    col.label(tr("Evidence"))
    level = tr(EVIDENCE_LABELS[persona.evidence]) if persona.evidence in EVIDENCE_LABELS else persona.evidence
    col.paragraph(f"{level}: {persona.source.strip()}" if persona.source.strip() else level, 10, "text", 12)


APPENDIX_FINDINGS = 300
"""Findings printed in the appendix; past these, a line says how many more (a map at the limits
can have tens of thousands: pages of them help nobody in a workshop)."""


def finding_cards(the_map: Map, problems: list[Problem]) -> dict[str, list[tuple[int, str]]]:
    """Card id -> the (number, severity) of each printed finding about it: the first card a finding
    names gets its number on the map, so that a person finds the card from the appendix."""
    cards = {t.id for t in the_map.touchpoints}
    flows = {f.id: f.source for f in the_map.flows}
    marked: dict[str, list[tuple[int, str]]] = {}
    for number, problem in enumerate(problems[:APPENDIX_FINDINGS], 1):
        card = next((e if e in cards else flows[e] for e in problem.elements if e in cards or e in flows), None)
        if card is not None:
            marked.setdefault(card, []).append((number, problem.severity))
    return marked


def _places(the_map: Map, tr: Words) -> dict[str, str]:
    """Element id -> how the appendix names it: a card by its title, stage and persona; a flow by its
    two cards; a stage or persona by its name."""
    def one(text: str) -> str:
        return " ".join(text.split())

    stages = {s.id: one(s.name) for s in the_map.stages}
    personas = {p.id: one(p.name) for p in the_map.personas}
    titles = {t.id: one(t.title) for t in the_map.touchpoints}

    def quoted(text: str) -> str:  # (in the print language's quotation marks: 「…」, „…“)
        return tr("\u201c{text}\u201d").format(text=text)

    stage, persona, flow = tr("stage {name}"), tr("persona {name}"), tr("the flow {source} \u2192 {target}")
    places = {**{k: stage.format(name=quoted(v)) for k, v in stages.items()},
              **{k: persona.format(name=quoted(v)) for k, v in personas.items()}}
    for t in the_map.touchpoints:
        places[t.id] = f"{quoted(titles[t.id])} ({stages.get(t.stage, '?')} / {personas.get(t.persona, '?')})"
    for f in the_map.flows:
        places[f.id] = flow.format(source=quoted(titles.get(f.source, "?")), target=quoted(titles.get(f.target, "?")))
    return places


def draw_appendix(p: PagePainter, the_map: Map, problems: list[Problem], col: PageColumn) -> None:
    """The checker's findings, numbered as the marks on the map's cards (`finding_cards`), each naming
    the cards, stages and personas it is about."""
    tr = p.tr
    col.heading(tr("Checker findings"), 18)
    if not problems:
        col.paragraph(tr("The checker found no problems in this map."), 10, "muted")
        return
    counts = Counter(problem.severity for problem in problems)
    col.paragraph(", ".join((tr.n("{n} error", "{n} errors", counts["error"]).format(n=counts["error"]),
                             tr.n("{n} warning", "{n} warnings", counts["warning"]).format(n=counts["warning"]),
                             tr.n("{n} info", "{n} info", counts["info"]).format(n=counts["info"]))), 10, "muted")
    col.paragraph(tr("The number of a finding about a card is printed on that card, at its top left."), 9, "muted")
    col.y += 6
    places = _places(the_map, tr)
    severities = {"error": tr("ERROR"), "warning": tr("WARNING"), "info": tr("INFO")}
    for number, problem in enumerate(problems[:APPENDIX_FINDINGS], 1):
        col.room(30)
        col.y += 13
        ink = SEVERITY_INK.get(problem.severity, "text")
        p.text_line(col.x, col.y, f"{number}", 8.5, True, ink)
        p.text_line(col.x + 24, col.y, f"{severities.get(problem.severity, problem.severity)}  {problem.code}", 8.5,
                    True, ink)
        col.paragraph(" ".join(problem.message.split()), 10, "text", 24)
        involved = [places[e] for e in problem.elements if e in places]
        if involved:
            col.paragraph(tr("About: {elements}").format(elements="; ".join(involved[:8])), 8.5, "muted", 24)
    if len(problems) > APPENDIX_FINDINGS:
        col.y += 10
        more = len(problems) - APPENDIX_FINDINGS
        col.paragraph(tr.n("\u2026 and {n} more finding: \u201cjourneymapper check MAP.jmap\u201d lists them all.",
                           "\u2026 and {n} more findings: \u201cjourneymapper check MAP.jmap\u201d lists them all.",
                           more).format(n=f"{more:,}"), 10, "muted")


def draw_flow_labels(p: PagePainter, the_map: Map, cut: dict[str, str], col: PageColumn) -> None:
    """The flow labels the map shows cut short, in full: nothing the user typed is lost on paper.
    `cut`: flow id -> the label as typed."""
    col.heading(p.tr("Flow labels in full"), 18)
    col.paragraph(p.tr("These labels are cut short on the map (they end in \u2026). Here is each as it was typed."),
                  10, "muted")
    col.y += 6
    titles = {t.id: " ".join(t.title.split()) for t in the_map.touchpoints}
    for flow in the_map.flows:
        text = cut.get(flow.id)
        if text is None:
            continue
        col.room(36)
        col.y += 8
        col.paragraph(f"{titles.get(flow.source, flow.source)} \u2192 {titles.get(flow.target, flow.target)}",
                      8.5, "muted")
        col.paragraph(text, 10, "text", 12)
