"""The map's actions: every opportunity as a row of the plan to act on it, with what sorts and filters them.

An opportunity is also the plan to act on it (status, owner, due date, effort, the pain points it
answers). The Actions panel, the impact/effort view and the PDF's action list all read the map
through this module, so "overdue", "open" and the order of statuses, levels and dates mean the
same thing everywhere. Pure data: no Qt, no printing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .messages import one_line as _one_line
from .schema import Map, Opportunity, Touchpoint
from .types import ACTION_STATUSES

CLOSED_STATUSES = frozenset({"done", "dropped"})
"""Statuses of an action nobody has to work on any more: never overdue, listed last."""
OPEN_STATUSES = tuple(s for s in ACTION_STATUSES if s not in CLOSED_STATUSES)
PRIORITY_RANK = {"high": 0, "medium": 1, "low": 2}
"""Most important first."""
EFFORT_RANK: dict[str | None, int] = {"low": 0, "medium": 1, "high": 2, None: 3}
"""Least work first; not known yet last."""
STATUS_RANK = {status: k for k, status in enumerate(ACTION_STATUSES)}
"""The order an action goes through: idea, planned, in progress, done (or dropped)."""
SOON_DAYS = 30
"""'Due soon' means within this many days from today."""


@dataclass(frozen=True)
class ActionRow:
    """One opportunity of the map, with what a person needs to act on it and to find its card."""

    id: str
    text: str
    priority: str
    status: str
    owner: str
    due: date | None
    effort: str | None
    card_id: str
    card_title: str
    stage: str
    persona: str
    addresses: tuple[str, ...]
    """The texts of the pain points it answers (those still in the map), in the order it lists them."""
    overdue: bool
    place: tuple[int, int, int, int] = (0, 0, 0, 0)
    """(stage, lane, card, item) positions: the map's own order, to keep ties in place."""

    @property
    def is_open(self) -> bool:
        return is_open(self)

    @property
    def has_plan(self) -> bool:
        """Whether someone started planning it (see `is_planned`)."""
        return is_planned(self)


def is_open(opportunity: Opportunity | ActionRow) -> bool:
    """Neither done nor dropped: still to do."""
    return opportunity.status not in CLOSED_STATUSES


def is_planned(opportunity: Opportunity | ActionRow) -> bool:
    """Whether someone started planning it: a status past "idea", an owner, a date, an effort."""
    return (opportunity.status != "idea" or bool(opportunity.owner.strip()) or opportunity.due is not None
            or opportunity.effort is not None)


def is_overdue(opportunity: Opportunity, today: date) -> bool:
    """Past its due date and neither done nor dropped."""
    return opportunity.due is not None and opportunity.due < today and opportunity.status not in CLOSED_STATUSES


def action_rows(the_map: Map, today: date) -> list[ActionRow]:
    """Every opportunity of the map, in the map's order: stages left to right, lanes top to bottom,
    cards top to bottom in their cell, opportunities as the card lists them."""
    stage_index = {s.id: k for k, s in enumerate(the_map.stages)}
    lane_index = {p.id: k for k, p in enumerate(the_map.personas)}
    stage_names = {s.id: _one_line(s.name) for s in the_map.stages}
    persona_names = {p.id: _one_line(p.name) for p in the_map.personas}
    pains = {pain.id: _one_line(pain.text) for t in the_map.touchpoints for pain in t.pain_points}
    rows: list[ActionRow] = []
    for card_number, t in enumerate(the_map.touchpoints):
        for item, o in enumerate(t.opportunities):
            rows.append(ActionRow(
                id=o.id, text=_one_line(o.text), priority=o.priority, status=o.status, owner=_one_line(o.owner),
                due=o.due, effort=o.effort, card_id=t.id, card_title=_one_line(t.title),
                stage=stage_names.get(t.stage, ""), persona=persona_names.get(t.persona, ""),
                addresses=_answered(o, pains), overdue=is_overdue(o, today),
                place=(stage_index.get(t.stage, 0), lane_index.get(t.persona, 0), card_number, item)))
    rows.sort(key=lambda row: row.place)
    return rows


def _answered(opportunity: Opportunity, pains: dict[str, str]) -> tuple[str, ...]:
    """The texts of the pain points an opportunity lists that are in the map, in its order, each once
    (`addresses` may name a pain point twice; the action list must not print it twice)."""
    return tuple(dict.fromkeys(pains[p] for p in opportunity.addresses if p in pains))


def has_plans(the_map: Map) -> bool:
    """Whether any opportunity of the map has a plan (see `ActionRow.has_plan`)."""
    return any(is_planned(o) for t in the_map.touchpoints for o in t.opportunities)


# -- order --------------------------------------------------------------------------------------------------
_LAST_DAY = date.max


def _text_key(text: str) -> tuple[bool, str]:
    """Alphabetical, ignoring case; empty text last."""
    return (not text, text.casefold())


SORT_KEYS: dict[str, Callable[[ActionRow], Any]] = {
    "text": lambda r: (_text_key(r.text), r.place),
    "card": lambda r: (_text_key(r.card_title), r.place),
    "stage": lambda r: (r.place[0], r.place),
    "persona": lambda r: (r.place[1], r.place),
    "status": lambda r: (STATUS_RANK.get(r.status, 99), r.place),
    "owner": lambda r: (_text_key(r.owner), r.place),
    "due": lambda r: (r.due is None, r.due or _LAST_DAY, r.place),
    "effort": lambda r: (EFFORT_RANK.get(r.effort, 9), r.place),
    "priority": lambda r: (PRIORITY_RANK.get(r.priority, 9), r.place),
}
"""Column -> the key that sorts it by meaning, ascending: stages and lanes as on the map, statuses in
the order an action goes through them, the earliest date first (no date last), the highest priority
and the least work first, text alphabetically (empty last)."""


def work_order(row: ActionRow) -> tuple:
    """What to look at first: open actions, the overdue ones first, then by due date (none last), then
    by priority; then the done and the dropped ones."""
    return (not row.is_open, STATUS_RANK.get(row.status, 99) if not row.is_open else 0, not row.overdue,
            row.due is None, row.due or _LAST_DAY, PRIORITY_RANK.get(row.priority, 9), row.place)


def sorted_rows(rows: Iterable[ActionRow], column: str | None = None, descending: bool = False) -> list[ActionRow]:
    """Rows sorted by a column of `SORT_KEYS` (None: `work_order`). Descending keeps "no date" and empty
    text at the end, where nobody has to scroll past them."""
    rows = list(rows)
    if column is None:
        return sorted(rows, key=work_order)
    key = SORT_KEYS[column]
    if not descending:
        return sorted(rows, key=key)
    blank = [r for r in rows if _is_blank(r, column)]
    filled = [r for r in rows if not _is_blank(r, column)]
    # (the map's order stays the tie-break, ascending, whichever way the column goes)
    filled.sort(key=lambda r: r.place)
    filled.sort(key=lambda r: key(r)[:-1], reverse=True)
    return filled + sorted(blank, key=lambda r: r.place)


def _is_blank(row: ActionRow, column: str) -> bool:
    return (column == "due" and row.due is None) or (column in ("text", "card", "owner") and
                                                     not getattr(row, "card_title" if column == "card" else column))


# -- filters --------------------------------------------------------------------------------------------------
DUE_FILTERS = ("any", "overdue", "soon", "undated")
"""any date; overdue; due within SOON_DAYS (from today, overdue ones included); no date yet."""
NOBODY = ""
"""The owner filter's value for actions nobody owns yet."""


@dataclass(frozen=True)
class ActionFilter:
    """Which actions to show: each field None (or "any") lets every action through."""

    statuses: frozenset[str] | None = None
    owner: str | None = None
    """An owner's name (compared ignoring case and spaces), NOBODY for "nobody yet", None for anyone."""
    priorities: frozenset[str] | None = None
    efforts: frozenset[str | None] | None = None
    """Efforts to show; None inside the set stands for "not known yet"."""
    due: str = "any"

    def matches(self, row: ActionRow, today: date) -> bool:
        if self.statuses is not None and row.status not in self.statuses:
            return False
        if self.owner is not None and _owner_key(row.owner) != _owner_key(self.owner):
            return False
        if self.priorities is not None and row.priority not in self.priorities:
            return False
        if self.efforts is not None and row.effort not in self.efforts:
            return False
        if self.due == "overdue" and not row.overdue:
            return False
        if self.due == "soon" and not (row.is_open and row.due is not None
                                       and row.due <= today + timedelta(days=SOON_DAYS)):
            return False
        return not (self.due == "undated" and row.due is not None)


def _owner_key(owner: str) -> str:
    return " ".join(owner.split()).casefold()


def filter_rows(rows: Iterable[ActionRow], wanted: ActionFilter, today: date) -> list[ActionRow]:
    return [row for row in rows if wanted.matches(row, today)]


# -- what the inspector offers -----------------------------------------------------------------------------
def owners(the_map: Map) -> list[str]:
    """The names already used as owners in the map (of actions, cards and the map), each once
    (ignoring case and spaces), alphabetically: what an owner field offers to complete."""
    seen: dict[str, str] = {}
    # (a name spelt two ways is offered as the map, then a card, spells it: those are typed with more care)
    names = [the_map.owner] + [t.owner for t in the_map.touchpoints]
    names += [o.owner for t in the_map.touchpoints for o in t.opportunities]
    for name in names:
        shown = _one_line(name)
        if shown:
            seen.setdefault(_owner_key(shown), shown)
    return sorted(seen.values(), key=str.casefold)


@dataclass(frozen=True)
class PainChoice:
    """A pain point an opportunity may answer, as the inspector lists it."""

    id: str
    label: str
    on_this_card: bool


def pain_choices(the_map: Map, card_id: str | None) -> list[PainChoice]:
    """Every pain point of the map: the card's own first (by their text), then the others in the map's
    order, each named "Card title: pain text"."""
    own: list[PainChoice] = []
    others: list[PainChoice] = []
    for t in _cards_in_map_order(the_map):
        for pain in t.pain_points:
            if t.id == card_id:
                own.append(PainChoice(pain.id, _one_line(pain.text), True))
            else:
                others.append(PainChoice(pain.id, f"{_one_line(t.title)}: {_one_line(pain.text)}", False))
    return own + others


def _cards_in_map_order(the_map: Map) -> list[Touchpoint]:
    stage_index = {s.id: k for k, s in enumerate(the_map.stages)}
    lane_index = {p.id: k for k, p in enumerate(the_map.personas)}
    order = {t.id: k for k, t in enumerate(the_map.touchpoints)}
    return sorted(the_map.touchpoints, key=lambda t: (stage_index.get(t.stage, 0), lane_index.get(t.persona, 0),
                                                      order[t.id]))


def find_action(the_map: Map, opportunity_id: str) -> tuple[Touchpoint, Opportunity] | None:
    """The card and the opportunity of an opportunity id (None if it is not in the map)."""
    for t in the_map.touchpoints:
        for o in t.opportunities:
            if o.id == opportunity_id:
                return t, o
    return None


def with_plan(opportunities: list[Opportunity], opportunity_id: str, **changes: Any) -> list[dict[str, Any]]:
    """A card's opportunities as data, with `changes` made to one of them: what the inspector commits."""
    out = []
    for o in opportunities:
        data = o.model_dump()
        if o.id == opportunity_id:
            data.update(changes)
        out.append(data)
    return out


def counts(rows: Iterable[ActionRow]) -> dict[str, int]:
    """How many actions are open, overdue, done and dropped."""
    result = {"open": 0, "overdue": 0, "done": 0, "dropped": 0}
    for row in rows:
        if row.is_open:
            result["open"] += 1
            result["overdue"] += row.overdue
        elif row.status in result:
            result[row.status] += 1
    return result


__all__ = [
    "CLOSED_STATUSES",
    "DUE_FILTERS",
    "EFFORT_RANK",
    "NOBODY",
    "OPEN_STATUSES",
    "PRIORITY_RANK",
    "SORT_KEYS",
    "STATUS_RANK",
    "ActionFilter",
    "ActionRow",
    "PainChoice",
    "action_rows",
    "counts",
    "filter_rows",
    "find_action",
    "has_plans",
    "is_overdue",
    "owners",
    "pain_choices",
    "sorted_rows",
    "with_plan",
    "work_order",
]
