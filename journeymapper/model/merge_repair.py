"""What two sides' changes break together, mended so that a merged map is always valid.

Each side is a valid map, but their changes combined may not be: a card theirs added to a stage ours
removed, a flow ours drew to a card theirs removed, an id both sides used for different things, a list
over the format's limits. Each repair keeps what it can and is listed as a conflict (see `merge.py`):
- a card kept in a removed stage or lane brings the stage or persona back (nothing written on a card is lost);
- a flow whose card is gone is left out (an arrow to nothing means nothing);
- an id used twice keeps the one ours has; over a limit, what only theirs added is left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import N_, _
from .diff import COLLECTIONS
from .diff_words import Places
from .messages import quoted
from .schema import ITEM_LISTS, MAX_FLOWS, MAX_PERSONAS, MAX_STAGES, MAX_TOUCHPOINTS

if TYPE_CHECKING:
    from .merge import Json, _Merge

_LIMITS = {"personas": MAX_PERSONAS, "stages": MAX_STAGES, "touchpoints": MAX_TOUCHPOINTS, "flows": MAX_FLOWS}
_CARD_REFERENCES = (("stage", "stages"), ("persona", "personas"))
_FLOW_ENDS = (("source", N_("the card it starts from")), ("target", N_("the card it leads to")))
_KEPT_CELL = {  # (removed by, the keeping side changed it too)
    ("theirs", False): N_("{where}: removed in theirs, but ours has cards in it: kept"),
    ("theirs", True): N_("{where}: removed in theirs, but ours changed it and has cards in it: kept"),
    ("ours", False): N_("{where}: removed in ours, but theirs has cards in it: kept"),
    ("ours", True): N_("{where}: removed in ours, but theirs changed it and has cards in it: kept"),
}
_GONE_CELL = {"stage": N_("its stage could not be kept"), "persona": N_("its persona could not be kept")}
_REMOVED_BY = {"theirs": N_("removed in theirs"), "ours": N_("removed in ours"), "both": N_("removed on both "
                                                                                            "sides")}
_NO_LONGER_ANSWERS = {
    "theirs": N_("{where}: no longer answers pain point {pain}: it was removed in theirs"),
    "ours": N_("{where}: no longer answers pain point {pain}: it was removed in ours"),
    "both sides": N_("{where}: no longer answers pain point {pain}: it was removed in both sides"),
}


def keep_valid(merge: _Merge, elements: dict[str, dict[str, Json]]) -> None:
    """Mend `elements` (collection -> id -> element, as JSON) in place."""
    sides = {name: {c: {e["id"]: e for e in side[c]} for c in COLLECTIONS}
             for name, side in (("base", merge.b), ("ours", merge.o), ("theirs", merge.t))}
    _one_collection_per_id(merge, elements, sides)
    _bring_back_cells(merge, elements, sides)
    for collection in ("personas", "stages"):
        _within_limit(merge, elements, sides, collection)
    _drop_cards_without_cells(merge, elements, sides)
    _within_limit(merge, elements, sides, "touchpoints")
    _drop_loose_flows(merge, elements, sides)
    _within_limit(merge, elements, sides, "flows")
    _one_holder_per_item_id(merge, elements, sides)
    _drop_answers_to_removed_pains(merge, elements, sides)


def _values(sides: dict[str, dict[str, dict[str, Json]]], collection: str, element_id: str) -> tuple[Any, ...]:
    return tuple(sides[name][collection].get(element_id) for name in ("base", "ours", "theirs"))


def _left_out(merge: _Merge, elements: dict[str, dict[str, Json]], sides: dict[str, Any], collection: str,
              element_id: str, why: str) -> None:
    merge.refused.add(element_id)
    elements[collection].pop(element_id, None)
    # TRANSLATORS: an element a merge left out, and why: Card “Pay”: left out: its stage could not be kept
    merge.conflict(lambda places: _("{where}: left out: {why}").format(
        where=places.element(collection, element_id),
                                                                        why=why),
                   element_id, "", *_values(sides, collection, element_id), collection)


def _one_collection_per_id(merge: _Merge, elements: dict[str, dict[str, Json]], sides: dict[str, Any]) -> None:
    """An id both sides used for different kinds of element keeps ours' (or the first kind's) element."""
    found: dict[str, list[str]] = {}
    for collection in COLLECTIONS:
        for element_id in elements[collection]:
            found.setdefault(element_id, []).append(collection)
    for element_id, collections in found.items():
        if len(collections) < 2:
            continue
        keep = next((c for c in collections if element_id in sides["ours"][c]), collections[0])
        for collection in collections:
            if collection != keep:
                _left_out(merge, elements, sides, collection, element_id,
                          _("its internal id is used by another element"))


def _bring_back_cells(merge: _Merge, elements: dict[str, dict[str, Json]], sides: dict[str, Any]) -> None:
    """A stage or persona removed on one side that a merged card is in comes back, as the other side has it."""
    for card in list(elements["touchpoints"].values()):
        for key, collection in _CARD_REFERENCES:
            ref = card[key]
            if ref in elements[collection] or ref in merge.refused:
                continue
            kept_by = "ours" if ref in sides["ours"][collection] else "theirs"
            element = sides[kept_by][collection].get(ref)
            if element is None:
                continue
            elements[collection][ref] = element
            removed_by = "theirs" if kept_by == "ours" else "ours"

            earlier = next((p for p in merge.pending if p.conflict["kind"] == "removed" and p.conflict["item_id"] is None
                            and (p.conflict["collection"], p.conflict["element_id"]) == (collection, ref)), None)
            said = _KEPT_CELL[(removed_by, earlier is not None)]

            def words(places: Places, collection: str = collection, ref: str = ref, said: str = said) -> str:
                return _(said).format(where=places.element(collection, ref))
            if earlier is not None:  # one conflict says what became of it, not two that contradict each other
                earlier.words = words
            else:
                merge.conflict(words, ref, "", *_values(sides, collection, ref), collection)


def _drop_cards_without_cells(merge: _Merge, elements: dict[str, dict[str, Json]], sides: dict[str, Any]) -> None:
    for card_id, card in list(elements["touchpoints"].items()):
        missing = [key for key, collection in _CARD_REFERENCES if card[key] not in elements[collection]]
        if missing:
            _left_out(merge, elements, sides, "touchpoints", card_id, _(_GONE_CELL[missing[0]]))


def _drop_loose_flows(merge: _Merge, elements: dict[str, dict[str, Json]], sides: dict[str, Any]) -> None:
    cards = elements["touchpoints"]
    for flow_id, flow in list(elements["flows"].items()):
        gone = next(((key, what) for key, what in _FLOW_ENDS if flow[key] not in cards), None)
        if gone is None:
            continue
        card_id = flow[gone[0]]
        in_ours, in_theirs = (card_id in sides[name]["touchpoints"] for name in ("ours", "theirs"))
        by = "theirs" if in_ours else "ours" if in_theirs else "both"
        merge.refused.add(flow_id)
        del elements["flows"][flow_id]

        def words(places: Places, flow_id: str = flow_id, what: str = gone[1], card_id: str = card_id,
                  by: str = by) -> str:
            # TRANSLATORS: a flow a merge left out: Flow “A” → “B”: left out: the card it leads to, “B”,
            # was removed in ours
            return _("{where}: left out: {what}, {card}, was {removed}").format(
                where=places.element("flows", flow_id), what=_(what), card=places.card_title(card_id),
                removed=_(_REMOVED_BY[by]))
        merge.conflict(words, flow_id, "", *_values(sides, "flows", flow_id), "flows")


def _within_limit(merge: _Merge, elements: dict[str, dict[str, Json]], sides: dict[str, Any],
                  collection: str) -> None:
    limit = _LIMITS[collection]
    extra = len(elements[collection]) - limit
    if extra <= 0:
        return
    theirs_only = [i for i in reversed(list(elements[collection])) if i not in sides["ours"][collection]]
    for element_id in theirs_only[:extra]:
        _left_out(merge, elements, sides, collection, element_id,
                  _("the map would have more than {limit} of them").format(limit=f"{limit:,}"))


def _one_holder_per_item_id(merge: _Merge, elements: dict[str, dict[str, Json]], sides: dict[str, Any]) -> None:
    """An item id in two places (an item moved to different elements on both sides, say) is kept where
    ours has it (or where it is first); an item id that is also an element's id is left out."""
    seen = {element_id for collection in COLLECTIONS for element_id in elements[collection]}
    places: dict[str, list[tuple[str, str, str]]] = {}
    for collection, lists in ITEM_LISTS.items():
        for element_id, element in elements[collection].items():
            for key in lists:
                for item in element[key]:
                    places.setdefault(item["id"], []).append((collection, element_id, key))
    for item_id, holders in places.items():
        if len(holders) < 2 and item_id not in seen:
            continue

        keep = None if item_id in seen else next((h for h in holders if _in_ours(sides, h, item_id)), holders[0])
        for holder in holders:
            if holder != keep:
                _drop_item(merge, elements, sides, holder, item_id)


def _in_ours(sides: dict[str, Any], holder: tuple[str, str, str], item_id: str) -> bool:
    element = sides["ours"][holder[0]].get(holder[1])
    return element is not None and any(i["id"] == item_id for i in element[holder[2]])


def _drop_item(merge: _Merge, elements: dict[str, dict[str, Json]], sides: dict[str, Any],
               holder: tuple[str, str, str], item_id: str) -> None:
    collection, element_id, key = holder
    element = elements[collection][element_id]
    item = next(i for i in element[key] if i["id"] == item_id)
    elements[collection][element_id] = {**element, key: [i for i in element[key] if i["id"] != item_id]}
    merge.refused.add(item_id)

    def values(name: str) -> Any:
        side = sides[name][collection].get(element_id)
        return next((i for i in side[key] if i["id"] == item_id), None) if side else None

    def words(places: Places) -> str:
        return _("{where}: left out: its internal id is used twice").format(
            where=places.item(collection, element_id, key, item))
    merge.conflict(words, element_id, "", values("base"), values("ours"), values("theirs"), collection, key,
                   item_id)


def _drop_answers_to_removed_pains(merge: _Merge, elements: dict[str, dict[str, Json]], sides: dict[str, Any]) -> None:
    """An opportunity's `addresses` entry naming a pain point that one side removed is left out: the
    opportunity no longer answers it. Only links the merge itself cut are: an id that was never a pain
    point's, or a link a side already kept to a pain point it had removed, stays as that side has it (the
    format keeps such ids and ignores them)."""
    pains = {name: {p["id"]: p for card in side["touchpoints"].values() for p in card["pain_points"]}
             for name, side in sides.items()}
    kept = {p["id"] for card in elements["touchpoints"].values() for p in card["pain_points"]}

    def loose_on(name: str, card_id: str, opportunity_id: str, pain_id: str) -> bool:
        """Whether side `name` itself has this opportunity name a pain point it does not have."""
        card = sides[name]["touchpoints"].get(card_id)
        mine = next((o for o in card["opportunities"] if o["id"] == opportunity_id), None) if card else None
        return mine is not None and pain_id in mine["addresses"] and pain_id not in pains[name]

    def cut_by_merge(card_id: str, opportunity_id: str, pain_id: str) -> bool:
        return (pain_id not in kept and any(pain_id in pains[s] for s in pains)
                and not any(loose_on(s, card_id, opportunity_id, pain_id) for s in ("ours", "theirs")))

    for card_id, card in list(elements["touchpoints"].items()):
        for n, opportunity in enumerate(card["opportunities"]):
            gone = [p for p in opportunity["addresses"] if cut_by_merge(card_id, opportunity["id"], p)]
            if not gone:
                continue
            answered = [p for p in opportunity["addresses"] if p not in gone]
            opportunities = list(elements["touchpoints"][card_id]["opportunities"])
            opportunities[n] = {**opportunity, "addresses": answered}
            elements["touchpoints"][card_id] = {**elements["touchpoints"][card_id], "opportunities": opportunities}
            for pain_id in gone:
                _answer_dropped(merge, sides, pains, card_id, opportunity, pain_id)


def _answer_dropped(merge: _Merge, sides: dict[str, Any], pains: dict[str, dict[str, Json]], card_id: str,
                    opportunity: Json, pain_id: str) -> None:
    pain = next(pains[s][pain_id] for s in ("ours", "theirs", "base") if pain_id in pains[s])
    in_ours, in_theirs = (pain_id in pains[s] for s in ("ours", "theirs"))
    by = "theirs" if in_ours else "ours" if in_theirs else "both sides"

    def values(name: str) -> Any:
        card = sides[name]["touchpoints"].get(card_id)
        return next((o for o in card["opportunities"] if o["id"] == opportunity["id"]), None) if card else None

    def words(places: Places) -> str:
        where = places.item("touchpoints", card_id, "opportunities", opportunity)
        return _(_NO_LONGER_ANSWERS[by]).format(where=where, pain=quoted(pain["text"]))
    merge.conflict(words, card_id, "addresses", values("base"), values("ours"), values("theirs"), "touchpoints",
                   "opportunities", opportunity["id"])
