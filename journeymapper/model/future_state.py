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
        return [(f"“{current.title}” and “{future.title}” have no card in common: they are not two versions "
                 "of one map, so every card shows as added or removed.")]
    return []


def _state_warnings(current: Map, future: Map) -> list[str]:
    if future.state != "future":
        if current.state == "future":
            return [(f"“{current.title}” is the future-state map and “{future.title}” today's: "
                    "the comparison reads the other way round.")]
        return [f"Neither map is a future-state map: “{future.title}” is compared as if it were the plan."]
    if current.state == "future":
        return [f"Both maps are future-state maps: “{current.title}” is compared as if it were today's."]
    based_on = future.based_on
    if based_on is None:
        return [(f"“{future.title}” does not say which map it was made from: cards are matched by their ids, "
                "which may not be the same cards.")]
    if based_on.id != current.id:
        return [(f"“{future.title}” was made from “{based_on.title}”, not from “{current.title}”: cards are "
                "matched by their ids, so most of them show as added and removed.")]
    if current.modified > based_on.modified:
        return [(f"“{current.title}” was changed after “{future.title}” was made from it (on "
                f"{_day(based_on.modified)}): what was changed since in today's map shows as a difference too.")]
    if current.modified < based_on.modified:
        return [(f"This is an older version of “{current.title}” than the one “{future.title}” was made from "
                f"(of {_day(based_on.modified)}).")]
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
    "title": "title", "channel": "channel", "action": "what they do", "thoughts": "what they think",
    "owner": "owner", "evidence": "evidence", "source": "source", "notes": "notes",
}
_ITEM_WORDS = {"pain_points": "pain point", "opportunities": "opportunity", "quotes": "quote"}


def _signed(value: Any) -> str:
    return "none" if value is None else f"{value:+d}".replace("-", "−")


def _what(change: ElementChange, stage_names: dict[str, str], persona_names: dict[str, str]) -> str:
    parts: list[str] = []
    for field in change.fields:
        if field.field == "emotion":
            parts.append(f"emotion {_signed(field.old)} → {_signed(field.new)}")
        elif field.field == "stage":
            parts.append(f"moved to “{stage_names.get(field.new, '?')}”")
        elif field.field == "persona":
            parts.append(f"moved to {persona_names.get(field.new, '?')}’s lane")
        elif field.field.endswith(" order"):
            noun = _ITEM_WORDS.get(field.field[: -len(" order")], "list")
            parts.append(f"{noun}s reordered")
        else:
            parts.append(_FIELD_WORDS.get(field.field, field.field.replace("_", " ")))
    for item in change.items:
        parts.append(f"{_ITEM_WORDS.get(item.field, item.field)} {item.kind}")
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
    nouns = (("personas", "persona"), ("stages", "stage"), ("flows", "flow"))
    counts = [(len(diff.of(collection)), noun) for collection, noun in nouns]
    return ", ".join(f"{n} {noun}{'' if n == 1 else 's'}" for n, noun in counts if n)


__all__ = ["CardChange", "card_changes", "compare_warnings", "future_title", "make_future_state", "other_changes"]
