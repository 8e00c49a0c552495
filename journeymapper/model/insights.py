"""What a map tells its owner at a glance: where customers feel worst, which serious pains nobody is
working on, which actions are late, how the stages' figures stand, how much of the map is a guess,
and where customers are lost (when the map says so).

One Qt-free reading for the editor's Insights panel and the PDF's insights section; the checker's
plan rules (check/plan_rules.py, JM017-JM021) ask the same questions through the helpers here, so a
pain "answered", a KPI "off target" or a reading "too old" mean one thing everywhere.

Decisions (docs/checks.md, *Insights*, says them for people):
- A pain point is answered by an open opportunity (not done or dropped) that lists it in
  `addresses`, on any card; an open opportunity that lists no pain point at all answers the pain
  points of its own card (before format 2 nobody could link them, and a card's idea is about that
  card). Once an opportunity lists pain points, it answers only those. An id in `addresses` that is
  no pain point's (its own, a card's, a stage's, a missing one) is ignored.
- A KPI is off target when it misses its target, the way its direction says is better, by more
  than 30 % of the target: what the stage header marks ✗ (one judgement for both:
  `model.kpi_health`). A KPI without a reading, a target, or with a target of 0 is not judged.
- A reading is too old when it was taken more than REVIEW_DAYS (a quarter) before today: the
  format stores only the next review date, not how often the map is reviewed.
- Where customers are lost: the map says so with stage KPIs that count customers (a unit such as
  "customers", "visitors/week", "people per month": see PEOPLE) in the same unit on two or more
  stages: the biggest fall from one such stage to the next (only counts that are finite and not
  negative take part, so a fall is between 0 and 100 %). Without those, a KPI in % whose name
  says customers are lost ("Cart abandonment", "Drop-off", "Churn": see LOST_WORDS): the stage
  where that share is highest. Flows cannot say it: their kinds (next, alternative, loop) have no
  "exit".
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from operator import attrgetter

from ..i18n import N_, Words, current_words, speaking
from .actions import CLOSED_STATUSES, is_open
from .kpi_health import OFF as OFF_TARGET
from .kpi_health import is_judged, is_off_target, with_unit
from .messages import listing as _listing
from .messages import quoted, spoken_date
from .schema import KPI, Map, Opportunity, PainPoint, Stage, Touchpoint

REVIEW_DAYS = 90
"""A KPI's latest reading older than this many days is out of date (JM020)."""
SHOWN = 3
"""Names listed in one line; the rest are counted."""

KINDS: dict[str, str] = {
    "lost": N_("Where customers are lost"),
    "low_point": N_("Lowest moments"),
    "serious_pain": N_("Serious pains nobody is working on"),
    "overdue": N_("Late actions"),
    "stage_kpis": N_("Stage figures"),
    "evidence": N_("Evidence"),
}
"""Each kind of insight, in the order they are shown, with the heading it is shown under (marked: the
panel says it in the interface language, the print in the map's)."""

EMOTION_WORDS = {-2: N_("very negative"), -1: N_("negative"), 0: N_("neutral"), 1: N_("positive"),
                 2: N_("very positive")}
STATUS_WORDS = {"idea": N_("still an idea"), "planned": N_("planned but not done"),
                "in_progress": N_("still in progress")}
"""How a sentence says an open opportunity's status ("... and is still an idea"), in English."""

PEOPLE = frozenset({
    "customer", "customers", "people", "person", "persons", "visitor", "visitors", "client", "clients", "user",
    "users", "patient", "patients", "guest", "guests", "buyer", "buyers", "shopper", "shoppers", "member",
    "members", "subscriber", "subscribers", "lead", "leads",
})
"""Units of a KPI that counts customers (before a "/week" or "per month")."""
LOST_WORDS = ("abandon", "drop", "lost", "leave", "churn", "cancel", "bounce", "no-show", "no show")
"""Words in the name of a KPI in % that make it a share of customers lost at its stage."""


@dataclass(frozen=True)
class Insight:
    """One line for the owner: a plain sentence, its kind (a key of KINDS) and the ids of the
    personas, stages and cards it is about (what clicking it selects)."""

    kind: str
    text: str
    elements: tuple[str, ...] = ()


# -- the state of the plan (shared with the checker) ------------------------------------------------------
def answered_pains(cards: Iterable[Touchpoint]) -> set[str]:
    """The ids of the pain points some open opportunity answers (see the module's decisions).

    An opportunity "lists a pain point" when its `addresses` names at least one pain point of these
    cards: its own id, a card's, a stage's or a missing id is ignored, so an opportunity listing only
    such ids answers its own card's pain points, as one listing nothing does."""
    cards = list(cards)  # (read twice)
    pains = {pain.id for t in cards for pain in t.pain_points}
    answered: set[str] = set()
    for t in cards:
        own_answered = not t.pain_points  # (a card's own pain points are added once)
        for o in t.opportunities:
            if o.status in CLOSED_STATUSES:
                continue
            listed = False
            for pain_id in o.addresses:
                if pain_id in pains:
                    answered.add(pain_id)
                    listed = True
            if not listed and not own_answered:
                answered.update([pain.id for pain in t.pain_points])
                own_answered = True
    return answered


def unanswered_serious_pains(cards: Iterable[Touchpoint]) -> Iterator[tuple[Touchpoint, list[PainPoint]]]:
    """Each card with high-severity pain points no open opportunity answers, and those pain points."""
    cards = list(cards)
    if not any(p.severity == "high" for t in cards for p in t.pain_points):
        return  # (most maps: nothing to answer, no need to read the plan)
    answered = answered_pains(cards)
    for t in cards:
        if t.pain_points:
            open_pains = [p for p in t.pain_points if p.severity == "high" and p.id not in answered]
            if open_pains:
                yield t, open_pains


def overdue_actions(cards: Iterable[Touchpoint], today: datetime.date) -> list[tuple[Touchpoint, Opportunity]]:
    """Open opportunities past their due date, the longest overdue first (then in map order)."""
    late = [(t, o) for t, mine in late_by_card(cards, today) for o in mine]
    return sorted(late, key=lambda pair: pair[1].due)  # (stable: ties stay in map order)


def late_by_card(cards: Iterable[Touchpoint], today: datetime.date) -> Iterator[tuple[Touchpoint, list[Opportunity]]]:
    """Each card, in map order, with its open opportunities past their due date, the longest overdue
    first (ties in the card's order). The checker runs on every edit: this is one cheap pass."""
    for t in cards:
        if not t.opportunities:
            continue
        late = [o for o in t.opportunities if o.due is not None and o.due < today and o.status not in CLOSED_STATUSES]
        if late:
            if len(late) > 1:
                late.sort(key=attrgetter("due"))
            yield t, late


def off_target_stage(stage: Stage) -> bool:
    """Whether every KPI of a stage that can be judged is off target (and at least one can)."""
    judged = [k for k in stage.kpis if is_judged(k)]
    return bool(judged) and all(is_off_target(k) for k in judged)


def is_out_of_date(kpi: KPI, today: datetime.date) -> bool:
    """Whether a KPI's latest reading was taken more than REVIEW_DAYS before today."""
    return bool(kpi.readings) and (today - kpi.readings[-1].date).days > REVIEW_DAYS


def _words(tr: Words | None) -> Words:
    return tr or current_words()


def figure(value: float | None, unit: str = "", tr: Words | None = None) -> str:
    """A figure as a sentence writes it: "2.4%", "4,200 people/month" ("no reading" in `tr`'s words)."""
    if value is None:
        return _words(tr)(_NO_READING)
    return with_unit(value, " ".join(unit.split()))


_NO_READING = N_("no reading")


def status_words(status: str, tr: Words | None = None) -> str:
    """An open opportunity's status as a sentence says it: "still an idea", "not done"."""
    return _words(tr)(STATUS_WORDS.get(status, N_("not done")))


def listing(names: list[str], shown: int = SHOWN, tr: Words | None = None) -> str:
    """“A”, “B” and “C”; “A”, “B”, “C” and 2 more (in `tr`'s words)."""
    return _listing(names, shown, tr)


# -- the insights ------------------------------------------------------------------------------------------
def insights(the_map: Map, today: datetime.date | None = None, tr: Words | None = None) -> list[Insight]:
    """Every insight of the map, grouped by kind in KINDS's order, each kind in the map's order, its
    sentences in the words of `tr`: the interface language by default (the panel), the print's for
    the PDF."""
    today = today or datetime.date.today()
    tr = _words(tr)
    personas = {p.id for p in the_map.personas}
    stages = {s.id for s in the_map.stages}
    cards = [t for t in the_map.touchpoints if t.persona in personas and t.stage in stages]
    with speaking(tr):  # (names quoted as the sentences' language quotes them)
        found = [
            *where_customers_are_lost(the_map, tr),
            *lowest_moments(the_map, cards, tr),
            *serious_pains(cards, tr),
            *late_actions(cards, today, tr),
            *stage_figures(the_map, tr),
            *evidence(cards, tr),
        ]
    order = {kind: k for k, kind in enumerate(KINDS)}
    return sorted(found, key=lambda insight: order[insight.kind])


def lowest_moments(the_map: Map, cards: list[Touchpoint], tr: Words | None = None) -> Iterator[Insight]:
    """Per persona, the card(s) where the customer feels worst."""
    tr = _words(tr)
    felt: dict[str, list[Touchpoint]] = {}
    for t in cards:
        if t.emotion is not None:
            felt.setdefault(t.persona, []).append(t)
    for persona in the_map.personas:
        mine = felt.get(persona.id)
        if not mine:
            continue
        low = min(t.emotion for t in mine)
        lows = [t for t in mine if t.emotion == low]
        feeling = tr(EMOTION_WORDS[low]) if low in EMOTION_WORDS else str(low)
        if len(lows) == 1:
            text = tr("Lowest moment of {persona}: {card} ({feeling})").format(
                persona=quoted(persona.name), card=quoted(lows[0].title), feeling=feeling)
        else:
            text = tr("Lowest moments of {persona} ({feeling}): {cards}").format(
                persona=quoted(persona.name), feeling=feeling, cards=listing([t.title for t in lows], tr=tr))
        yield Insight("low_point", text, tuple(t.id for t in lows))


def serious_pains(cards: list[Touchpoint], tr: Words | None = None) -> Iterator[Insight]:
    """Each high-severity pain point no open opportunity answers."""
    tr = _words(tr)
    said = tr("{pain} on {card} is serious, and no open opportunity answers it")
    for t, pains in unanswered_serious_pains(cards):
        for pain in pains:
            yield Insight("serious_pain", said.format(pain=quoted(pain.text), card=quoted(t.title)), (t.id,))


def late_actions(cards: list[Touchpoint], today: datetime.date, tr: Words | None = None) -> Iterator[Insight]:
    """Each open opportunity past its due date, the longest overdue first."""
    tr = _words(tr)
    for t, o in overdue_actions(cards, today):
        owner = " ".join(o.owner.split())
        values = {"opportunity": quoted(o.text), "card": quoted(t.title), "date": spoken_date(o.due, tr),
                  "status": status_words(o.status, tr), "owner": owner}
        if owner:
            # TRANSLATORS: {owner} is who should do it, as typed in the map
            text = tr("{opportunity} on {card} was due on {date} and is {status} ({owner})").format(**values)
        else:
            text = tr("{opportunity} on {card} was due on {date} and is {status}").format(**values)
        yield Insight("overdue", text, (t.id,))


def stage_figures(the_map: Map, tr: Words | None = None) -> Iterator[Insight]:
    """The stages whose KPIs are off target, then the stages with no KPI at all."""
    tr = _words(tr)
    without: list[Stage] = []
    for stage in the_map.stages:
        if not stage.kpis:
            without.append(stage)
            continue
        judged = [k for k in stage.kpis if is_judged(k)]
        off = [k for k in judged if is_off_target(k)]
        if not off:
            continue
        # TRANSLATORS: a KPI off target: “Conversion rate” 2.1%, target 4%
        named = "; ".join(tr("{kpi} {value}, target {target}").format(
            kpi=quoted(k.name), value=figure(k.value, k.unit, tr), target=figure(k.target, k.unit, tr))
            for k in off[:SHOWN])
        if len(off) > SHOWN:
            named = tr.n("{names} and {n} more", "{names} and {n} more", len(off) - SHOWN).format(
                names=named, n=len(off) - SHOWN)
        if len(off) == len(judged):
            if len(off) == 1:
                said = tr("Stage {stage}: its KPI is far off target ({kpis})")
            elif len(off) == 2:
                said = tr("Stage {stage}: both its KPIs are far off target ({kpis})")
            else:
                said = tr.n("Stage {stage}: all {n} of its KPIs are far off target ({kpis})",
                            "Stage {stage}: all {n} of its KPIs are far off target ({kpis})", len(off))
        else:
            said = tr.n("Stage {stage}: {n} of its {judged} KPIs is far off target ({kpis})",
                        "Stage {stage}: {n} of its {judged} KPIs are far off target ({kpis})", len(off))
        text = said.format(stage=quoted(stage.name), n=len(off), judged=len(judged), kpis=named)
        yield Insight("stage_kpis", text, (stage.id,))
    if without:
        names = listing([s.name for s in without], tr=tr)
        if len(without) == len(the_map.stages):
            text = tr("No stage has a KPI yet: give each stage a figure to watch")
        elif len(without) == 1:
            text = tr("Stage {stage} has no KPI: give it a figure to watch").format(stage=names)
        else:
            text = tr.n("{n} stages have no KPI: {stages}", "{n} stages have no KPI: {stages}",
                        len(without)).format(n=len(without), stages=names)
        yield Insight("stage_kpis", text, tuple(s.id for s in without))


def evidence(cards: list[Touchpoint], tr: Words | None = None) -> Iterator[Insight]:
    """How many cards are still assumed (nobody has checked them with customers)."""
    if not cards:
        return
    tr = _words(tr)
    assumed = [t.id for t in cards if t.evidence == "assumed"]
    share = round(100 * len(assumed) / len(cards))
    if not assumed:
        text = tr.n("No card is assumed any more: all {n} are backed by what customers said or did",
                    "No card is assumed any more: all {n} are backed by what customers said or did",
                    len(cards)).format(n=f"{len(cards):,}")
    elif len(assumed) == len(cards):
        text = tr.n("All {n} cards are still assumed: nobody has checked them with customers yet",
                    "All {n} cards are still assumed: nobody has checked them with customers yet",
                    len(cards)).format(n=f"{len(cards):,}")
    else:
        text = tr.n("{n} of {total} cards ({percent} %) are still assumed: nobody has checked them with "
                    "customers yet",
                    "{n} of {total} cards ({percent} %) are still assumed: nobody has checked them with "
                    "customers yet",
                    len(assumed)).format(n=f"{len(assumed):,}", total=f"{len(cards):,}", percent=share)
    yield Insight("evidence", text, tuple(assumed))


def where_customers_are_lost(the_map: Map, tr: Words | None = None) -> Iterator[Insight]:
    """The one stage (or step between two stages) where the map's figures say most customers are lost."""
    found = _biggest_fall(the_map, _words(tr)) or _highest_loss(the_map, _words(tr))
    if found is not None:
        yield found


def counts_customers(kpi: KPI) -> bool:
    unit = " ".join(kpi.unit.casefold().split())
    head = unit.split("/")[0].split(" per ")[0].split(" a ")[0].strip()
    return head in PEOPLE


def _biggest_fall(the_map: Map, tr: Words) -> Insight | None:
    """From stage to stage, the biggest fall of a KPI that counts customers (one unit, two or more stages)."""
    by_unit: dict[str, list[tuple[Stage, KPI]]] = {}
    for stage in the_map.stages:
        seen: set[str] = set()
        for kpi in stage.kpis:
            unit = " ".join(kpi.unit.casefold().split())
            if _is_count(kpi.value) and counts_customers(kpi) and unit not in seen:
                seen.add(unit)
                by_unit.setdefault(unit, []).append((stage, kpi))
    best: tuple[float, Stage, KPI, Stage, KPI] | None = None
    for counted in by_unit.values():
        for (before, was), (after, now) in pairwise(counted):
            if was.value > 0 and now.value < was.value:
                fall = (was.value - now.value) / was.value
                if best is None or fall > best[0]:
                    best = (fall, before, was, after, now)
    if best is None:
        return None
    fall, before, was, after, now = best
    text = tr("Most customers are lost between stage {stage} and stage {next}: {before}, then {after} "
              "({percent} % fewer)").format(stage=quoted(before.name), next=quoted(after.name),
                                             before=figure(was.value, was.unit, tr),
                                             after=figure(now.value, now.unit, tr), percent=round(100 * fall))
    return Insight("lost", text, (before.id, after.id))


def _is_count(value: float | None) -> bool:
    """A reading that can count customers (or a share of them): finite and not negative. Anything
    else (a typo, a sentinel) would make a fall of more than 100 % or overflow."""
    return value is not None and 0 <= value < math.inf


def _highest_loss(the_map: Map, tr: Words) -> Insight | None:
    """The stage with the highest share of customers lost, by KPIs in % named for it."""
    best: tuple[float, Stage, KPI] | None = None
    for stage in the_map.stages:
        for kpi in stage.kpis:
            name = kpi.name.casefold()
            says_lost = kpi.unit.strip() == "%" and any(w in name for w in LOST_WORDS)
            if says_lost and _is_count(kpi.value) and (best is None or kpi.value > best[0]):
                best = (kpi.value, stage, kpi)
    if best is None:
        return None
    _, stage, kpi = best
    text = tr("Most customers are lost at stage {stage}: {kpi} is {value}").format(
        stage=quoted(stage.name), kpi=quoted(kpi.name), value=figure(kpi.value, "%", tr))
    return Insight("lost", text, (stage.id,))


__all__ = [
    "KINDS",
    "LOST_WORDS",
    "OFF_TARGET",
    "PEOPLE",
    "REVIEW_DAYS",
    "STATUS_WORDS",
    "Insight",
    "answered_pains",
    "counts_customers",
    "figure",
    "insights",
    "is_judged",
    "is_off_target",
    "is_open",
    "is_out_of_date",
    "late_by_card",
    "listing",
    "off_target_stage",
    "overdue_actions",
    "status_words",
    "unanswered_serious_pains",
]
