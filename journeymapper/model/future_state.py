"""Future-state maps: the journey a business plans, drawn as a copy of today's map, and compared with it.

Qt-free. A future-state map keeps every element id of the map it copies, so comparing the two is the
diff by id of `diff.py` (the same engine as `journeymapper diff` and the compare of file versions); this
module only makes the copy, says in words what changed on the cards, and warns when the two maps
compared do not belong together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..i18n import N_, _, _n
from .diff import ElementChange, MapDiff, diff_maps
from .document import new_id, utc_now
from .schema import BasedOn, Map

TITLE_LIMIT = 200
FUTURE_SUFFIX = " (future)"


def future_title(title: str) -> str:
    """"Corner bakery (future)": the copy's title, within the format's 200 characters."""
    base = title.removesuffix(FUTURE_SUFFIX)
    room = TITLE_LIMIT - len(FUTURE_SUFFIX)
    if len(base) > room:
        base = base[: room - 1].rstrip() + "…"
    return base + FUTURE_SUFFIX


def make_future_state(current: Map, now: datetime | None = None) -> Map:
    """A future-state copy of `current`: a map of its own (new id, "(future)" in its title, made now)
    that keeps every element's id, so that it can be compared with `current` card by card.

    Made from a future-state map, the copy is another plan for the same today: it keeps that map's
    `based_on` rather than pointing at the plan it was copied from."""
    now = now or utc_now()
    if current.state == "future" and current.based_on is not None:
        based_on = current.based_on
    else:
        based_on = BasedOn(id=current.id, title=current.title, modified=current.modified)
    # (the four lists are the Document's to change in place: the copy gets lists of its own; the
    # elements in them are frozen and can be shared)
    return current.model_copy(update={
        "id": new_id(),
        "title": future_title(current.title),
        "state": "future",
        "based_on": based_on,
        "created": now,
        "modified": now,
        "personas": list(current.personas),
        "stages": list(current.stages),
        "touchpoints": list(current.touchpoints),
        "flows": list(current.flows),
    })


def _day(value: datetime) -> str:
    return value.date().isoformat()


def compare_warnings(current: Map, future: Map) -> list[str]:
    """Why the comparison of `current` (today's map) with `future` (the plan) may mislead, in sentences;
    [] when the plan says it was made from this very map, as it is now."""
    return _state_warnings(current, future) + _shared_cards_warning(current, future)


def _shared_cards_warning(current: Map, future: Map) -> list[str]:
    """Two maps with cards and not one card in common are not two states of one journey: every card
    would show as added or removed."""
    today = {t.id for t in current.touchpoints}
    if today and future.touchpoints and not any(t.id in today for t in future.touchpoints):
        return [_("“{today}” and “{plan}” have no card in common: they are not two versions of one map, so "
                  "every card shows as added or removed.").format(today=current.title, plan=future.title)]
    return []


def _state_warnings(current: Map, future: Map) -> list[str]:
    if future.state != "future":
        if current.state == "future":
            return [_("“{today}” is the future-state map and “{plan}” today's: the comparison reads the "
                      "other way round.").format(today=current.title, plan=future.title)]
        return [_("Neither map is a future-state map: “{plan}” is compared as if it were the plan.").format(
            plan=future.title)]
    if current.state == "future":
        return [_("Both maps are future-state maps: “{today}” is compared as if it were today's.").format(
            today=current.title)]
    based_on = future.based_on
    if based_on is None:
        return [_("“{plan}” does not say which map it was made from: cards are matched by their ids, which "
                  "may not be the same cards.").format(plan=future.title)]
    if based_on.id != current.id:
        return [_("“{plan}” was made from “{source}”, not from “{today}”: cards are matched by their ids, so "
                  "most of them show as added and removed.").format(plan=future.title, source=based_on.title,
                                                           today=current.title)]
    if current.modified > based_on.modified:
        return [_("“{today}” was changed after “{plan}” was made from it (on {date}): what was changed since "
                  "in today's map shows as a difference too.").format(today=current.title, plan=future.title,
                                                                   date=_day(based_on.modified))]
    if current.modified < based_on.modified:
        return [_("This is an older version of “{today}” than the one “{plan}” was made from (of "
                  "{date}).").format(today=current.title, plan=future.title, date=_day(based_on.modified))]
    return []


@dataclass(frozen=True)
class CardChange:
    """A card added, removed or changed between today's map and the plan, as a person reads it."""

    kind: str
    """"added" (only in the plan), "removed" (only today) or "changed"."""
    card_id: str
    title: str
    where: str
    """"Parent · Order": the card's persona and stage (in the map that has it)."""
    what: str
    """For a changed card: what changed ("emotion −1 → +1 · title · pain point added"); else ""."""

    @property
    def side(self) -> str:
        """Which map has the card to show: "current" for a removed card, else "future"."""
        return "current" if self.kind == "removed" else "future"


_FIELD_WORDS = {
    "title": N_("title"), "channel": N_("channel"), "action": N_("what they do"), "thoughts": N_("what they "
                                                                                                 "think"),
    "owner": N_("owner"), "evidence": N_("evidence"), "source": N_("source"), "notes": N_("notes"),
}
_REORDERED = {"pain_points": N_("pain points reordered"), "opportunities": N_("opportunities reordered"),
              "quotes": N_("quotes reordered")}
_LISTS_REORDERED = N_("lists reordered")
_ITEM_CHANGES = {
    ("pain_points", "added"): N_("pain point added"), ("pain_points", "removed"): N_("pain point removed"),
    ("pain_points", "changed"): N_("pain point changed"), ("opportunities", "added"): N_("opportunity added"),
    ("opportunities", "removed"): N_("opportunity removed"), ("opportunities", "changed"): N_("opportunity "
                                                                                              "changed"),
    ("quotes", "added"): N_("quote added"), ("quotes", "removed"): N_("quote removed"),
    ("quotes", "changed"): N_("quote changed"),
}


def _signed(value: Any) -> str:
    return _("none") if value is None else f"{value:+d}".replace("-", "−")


def _what(change: ElementChange, stage_names: dict[str, str], persona_names: dict[str, str]) -> str:
    parts: list[str] = []
    for field in change.fields:
        if field.field == "emotion":
            parts.append(_("emotion {old} → {new}").format(old=_signed(field.old), new=_signed(field.new)))
        elif field.field == "stage":
            parts.append(_("moved to “{stage}”").format(stage=stage_names.get(field.new, "?")))
        elif field.field == "persona":
            # TRANSLATORS: a card moved to another persona's lane: "moved to Anna’s lane"
            parts.append(_("moved to {persona}’s lane").format(persona=persona_names.get(field.new, "?")))
        elif field.field.endswith(" order"):
            parts.append(_(_REORDERED.get(field.field[: -len(" order")], _LISTS_REORDERED)))
        else:
            word = _FIELD_WORDS.get(field.field)
            parts.append(_(word) if word else field.field.replace("_", " "))
    for item in change.items:
        word = _ITEM_CHANGES.get((item.field, item.kind))
        parts.append(_(word) if word else f"{item.field} {item.kind}")
    return " · ".join(dict.fromkeys(parts))


def card_changes(current: Map, future: Map, diff: MapDiff | None = None) -> list[CardChange]:
    """The cards added, removed and changed from `current` to `future` (in that order, each group in
    its map's order), from the diff by id."""
    diff = diff if diff is not None else diff_maps(current, future)
    stage_names = {s.id: s.name for s in current.stages} | {s.id: s.name for s in future.stages}
    persona_names = {p.id: p.name for p in current.personas} | {p.id: p.name for p in future.personas}
    cards = {t.id: t for t in current.touchpoints} | {t.id: t for t in future.touchpoints}
    changes: list[CardChange] = []
    for kind in ("added", "removed", "changed"):
        for change in diff.of("touchpoints", kind):
            card = cards[change.element_id]
            where = f"{persona_names.get(card.persona, '?')} · {stage_names.get(card.stage, '?')}"
            what = _what(change, stage_names, persona_names) if kind == "changed" else ""
            changes.append(CardChange(kind, card.id, card.title, where, what))
    return changes


def other_changes(diff: MapDiff) -> str:
    """What else differs, in a few words ("2 stages, 1 flow"), "" when only cards do."""
    said = {"personas": lambda n: _n("{n} persona", "{n} personas", n),
            "stages": lambda n: _n("{n} stage", "{n} stages", n),
            "flows": lambda n: _n("{n} flow", "{n} flows", n)}
    counts = [(len(diff.of(collection)), words) for collection, words in said.items()]
    return ", ".join(words(n).format(n=n) for n, words in counts if n)


__all__ = ["CardChange", "card_changes", "compare_warnings", "future_title", "make_future_state", "other_changes"]
