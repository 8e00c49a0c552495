"""What the user typed that the map itself does not show in full, so that nothing is lost on paper.

A card shows its title, channel, feeling and counts; what the customer does and thinks, the
notes, owner and source, and any title or list item cut short on the map are listed after the
map, under a short reference printed on the card: "B3" is the third card (top to bottom) of the
second stage column, whose letter is printed in its header. Stages whose description, goal or
KPIs do not fit their header (or whose KPIs have readings: their days, the reading before and the change),
and the map's description, are listed there too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..i18n import N_, Words, words
from ..layout.elements import TextBlock
from ..layout.kpis import kpi_record, kpi_text
from ..layout.labels import (
    CHANNEL_LABELS,
    EMOTION_LABELS,
    EVIDENCE_LABELS,
    LEVEL_LABELS,
    signed,
    stage_letter,
)
from ..layout.map_layout import MapLayout
from ..layout.text import BOLD, REGULAR, shows_whole, wrap
from ..model.messages import one_line as _one_line
from ..model.schema import Map, Touchpoint
from .painter import PagePainter
from .profiles import PageColumn, quote_parts

Fields = tuple[tuple[str, str], ...]
"""(label, the text as typed), in the order printed."""


@dataclass(frozen=True)
class CardEntry:
    ref: str
    title: str
    persona: str
    fields: Fields


@dataclass(frozen=True)
class StageEntry:
    letter: str
    name: str
    fields: Fields
    cards: tuple[CardEntry, ...]


@dataclass(frozen=True)
class Details:
    about: Fields = ()
    stages: tuple[StageEntry, ...] = ()
    refs: dict[str, str] = field(default_factory=dict)
    """Card id -> the reference printed on it (only cards with an entry)."""

    def __bool__(self) -> bool:
        return bool(self.about or self.stages)


def map_details(the_map: Map, layout: MapLayout, tr: Words | None = None) -> Details:
    """The entries to print after the map, and the reference of each card that has one (their
    labels in `tr`'s language)."""
    tr = tr or words()
    about: Fields = ((tr("About this map"), the_map.description),) if the_map.description.strip() else ()
    persona_names = {p.id: _one_line(p.name) for p in the_map.personas}
    lane_order = {p.id: k for k, p in enumerate(the_map.personas)}
    listed = _listed_text(layout)
    by_stage: dict[str, list[Touchpoint]] = {}
    for t in the_map.touchpoints:
        if t.id in layout.cards:
            by_stage.setdefault(t.stage, []).append(t)
    stages: list[StageEntry] = []
    refs: dict[str, str] = {}
    for index, stage in enumerate(the_map.stages):
        letter = stage_letter(index)
        box = layout.stages.get(stage.id)
        stage_fields: list[tuple[str, str]] = []
        if box is not None and not shows_whole(stage.name, box.name.lines):
            stage_fields.append((tr("Stage"), stage.name))
        if stage.description.strip():
            stage_fields.append((tr("Description"), stage.description))
        if stage.goal.strip() and (box is None or box.goal is None or not shows_whole(stage.goal, box.goal.lines)):
            stage_fields.append((tr("Goal"), stage.goal))
        shown_kpis = [] if box is None else [line.text.lines for line in box.kpis]
        kpis = [kpi_text(kpi) for kpi in stage.kpis]
        # Every KPI in full once one is cut or has readings: the map shows no reading's day, nor the one before.
        if (len(shown_kpis) != len(kpis) or any(not shows_whole(k, s) for k, s in zip(kpis, shown_kpis))
                or any(kpi.readings for kpi in stage.kpis)):
            stage_fields += [(tr("KPI"), kpi_record(kpi, tr)) for kpi in stage.kpis]
        cards = sorted(by_stage.get(stage.id, ()),
                       key=lambda t: (lane_order.get(t.persona, 0), layout.cards[t.id].position))
        entries: list[CardEntry] = []
        for number, t in enumerate(cards, 1):
            card_fields = _card_fields(t, layout, listed, tr)
            if card_fields is not None:
                ref = f"{letter}{number}"
                refs[t.id] = ref
                entries.append(CardEntry(ref, t.title, persona_names.get(t.persona, ""), card_fields))
        if stage_fields or entries:
            stages.append(StageEntry(letter, _one_line(stage.name), tuple(stage_fields), tuple(entries)))
    return Details(about, tuple(stages), refs)


def _listed_text(layout: MapLayout) -> dict[str, list[tuple[str, ...]]]:
    """Card id -> the lines its pain points, then its opportunities, show on the map."""
    shown: dict[str, list[tuple[str, ...]]] = {}
    for kind in ("pains", "opportunities"):
        for (_, _, which), items in layout.lists.items():
            if which == kind:
                for item in items:
                    shown.setdefault(item.touchpoint, []).append(item.text.lines)
    return shown


def _card_fields(t: Touchpoint, layout: MapLayout, listed: dict[str, list[tuple[str, ...]]], tr: Words) -> Fields | None:
    """Everything typed on a card, if some of it is not on the map in full; else None."""
    typed_lists = [p.text for p in t.pain_points] + [o.text for o in t.opportunities]
    shown = listed.get(t.id, [])
    lists_whole = len(shown) == len(typed_lists) and all(map(shows_whole, typed_lists, shown))
    hidden = (t.action, t.thoughts, t.owner, t.source, t.notes)
    card = layout.cards[t.id]
    channel_whole = not t.channel or t.channel not in CHANNEL_LABELS or card.channel_label == tr(CHANNEL_LABELS[t.channel])
    if (lists_whole and channel_whole and not any(text.strip() for text in hidden) and not t.quotes
            and shows_whole(t.title, card.title.lines)):
        return None
    out: list[tuple[str, str]] = []
    if t.channel:
        out.append((tr("Channel"), tr(CHANNEL_LABELS[t.channel]) if t.channel in CHANNEL_LABELS else t.channel))
    out += [(tr(label), text) for label, text in ((N_("Does"), t.action), (N_("Thinks"), t.thoughts)) if text.strip()]
    if t.emotion is not None:
        out.append((tr("Feels"), f"{signed(t.emotion)} ({tr(EMOTION_LABELS[t.emotion])})"))
    out += [(tr("Pain point"), f"{p.text} ({tr(LEVEL_LABELS[p.severity])})") for p in t.pain_points]
    out += [(tr("Opportunity"), f"{o.text} ({tr(LEVEL_LABELS[o.priority])})") for o in t.opportunities]
    evidence = tr(EVIDENCE_LABELS[t.evidence]) if t.evidence in EVIDENCE_LABELS else t.evidence
    out.append((tr("Evidence"), f"{evidence}: {t.source}" if t.source.strip() else evidence))
    # (a quote is wrapped, never cut: who said it on a line of its own)
    out += [(tr("Customer said"), "\n".join(part for part in quote_parts(q) if part)) for q in t.quotes]
    out += [(tr(label), text) for label, text in ((N_("Owner"), t.owner), (N_("Notes"), t.notes)) if text.strip()]
    return tuple(out)


def reference_blocks(details: Details, layout: MapLayout, size: float,
                     width_of: Callable[[str, float, bool], float]) -> dict[str, list[TextBlock]]:
    """Lane id -> its referenced cards' references, each on its card's chip row just left of the
    evidence mark (the chip and the counts end well before it: a card is 220 pt wide)."""
    blocks: dict[str, list[TextBlock]] = {}
    for card_id, ref in details.refs.items():
        card = layout.cards[card_id]
        right = card.evidence_center.x - 7
        width = width_of(ref, size, True)
        top = card.evidence_center.y - size / 2 - 1
        blocks.setdefault(card.persona, []).append(TextBlock(right - width, top, (ref,), size, True, "muted", size))
    return blocks


DETAILS_COLUMN = 330.0
"""The least width of a column of details (wide paper takes several side by side)."""


def notes_column(p: PagePainter, paper: tuple[float, float], margin: float,
                 on_break: Callable[[], None] | None = None) -> PageColumn:
    """The flowing columns of the pages after the map (details, flow labels in full, findings: one after
    the other, so that a short one takes no page of its own): several side by side on wide paper."""
    columns = max(1, int((paper[0] - 2 * margin + PageColumn.GUTTER) // (DETAILS_COLUMN + PageColumn.GUTTER)))
    return PageColumn(p, paper, margin, on_break, columns)


def draw_details(p: PagePainter, details: Details, col: PageColumn) -> None:
    col.heading(p.tr("Details"), 18)
    col.paragraph(p.tr("Everything typed in the map that the map does not show in full. The reference printed "
                       "on a card, such as \u201cB3\u201d, is the third card, top to bottom, of stage B."), 9, "muted")
    for label, text in details.about:
        col.y += 6
        col.heading(label, 12)
        for paragraph in text.splitlines():
            if paragraph.strip():
                col.paragraph(paragraph, 10)
    for stage in details.stages:
        col.room(60)
        col.y += 10
        col.heading(f"{stage.letter}  {stage.name}", 13, lines=0)
        for label, text in stage.fields:
            col.field(label, text)
        for card in stage.cards:
            col.room(_entry_height(col, card))  # (an entry starts where it fits whole, if it can)
            col.y += 7
            col.heading(f"{card.ref}  {_one_line(card.title)}", 10, lines=0)
            col.y -= 4
            if card.persona:
                col.paragraph(card.persona, 8, "muted")
            for label, text in card.fields:
                col.field(label, text)


def _entry_height(col: PageColumn, card: CardEntry) -> float:
    """About how tall a card's entry prints (its title, persona and fields), at most most of a column:
    a longer one may break across columns."""
    lines = len(wrap(f"{card.ref}  {_one_line(card.title)}", 10, col.width, 0, BOLD)) * 11 + 12
    for _label, text in card.fields:
        for paragraph in text.splitlines() or [text]:
            lines += max(1, len(wrap(paragraph, 10, col.width - 64, 0, REGULAR))) * 13.5
    usable = col.paper[1] - 2 * col.margin - 20
    return min(lines + 10, usable * 0.6)
