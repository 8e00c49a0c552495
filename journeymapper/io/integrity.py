"""Cross-reference rules a single field cannot check: one id space, no dangling ids.

They run on the raw JSON, beside schema validation, so that one reading of a
broken file reports every problem, not only the first kind. Entries of the
wrong shape are skipped here: schema validation already names them. Each
problem names the element as a person sees it (`Card “Pays online”`), then the
path and id in the file.
"""

from __future__ import annotations

from typing import Any

from ..i18n import N_, _
from ..model.messages import Namer
from ..model.schema import ITEM_LISTS
from ..model.types import show_value
from .errors import LoadProblem

_COLLECTIONS = ("personas", "stages", "touchpoints", "flows")
# (field, the list it points into, what the file calls it, what is missing in a person's words)
_REFERENCES = {
    "touchpoints": (
        ("persona", "personas", "persona", N_("{card} belongs to a persona that is not in the map")),
        ("stage", "stages", "stage", N_("{card} is in a stage that is not in the map")),
    ),
    "flows": (
        ("source", "touchpoints", "touchpoint", N_("{flow} starts at a card that is not in the map")),
        ("target", "touchpoints", "touchpoint", N_("{flow} leads to a card that is not in the map")),
    ),
}
# TRANSLATORS: {first} and {second} name two elements or items of a map ("Card “Pays” and stage “Buy”")
_SAME_ID = N_("{first} and {second} have the same internal id: the file was probably changed by hand or by "
              "another program")


def _entries(raw_map: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    items = raw_map.get(key)
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def integrity_problems(raw_map: dict[str, Any]) -> list[LoadProblem]:
    problems: list[LoadProblem] = []
    names = Namer(raw_map)
    owner_of: dict[str, tuple[str, int]] = {}
    ids_by_collection: dict[str, set[str]] = {key: set() for key in _COLLECTIONS}
    for key in _COLLECTIONS:
        for i, item in _entries(raw_map, key):
            element_id = item.get("id")
            if not isinstance(element_id, str):
                continue
            if element_id in owner_of:
                other_key, other = owner_of[element_id]
                first = names.place((other_key, other))[0]
                problems.append(LoadProblem(
                    _(_SAME_ID).format(first=names.place((key, i))[0], second=first[:1].lower() + first[1:]),
                    f"map.{key}[{i}].id: id {show_value(element_id)} is already used by "
                    f"map.{other_key}[{other}]",
                ))
            else:
                owner_of[element_id] = (key, i)
            ids_by_collection[key].add(element_id)
    problems.extend(_item_problems(raw_map, names, owner_of))
    for key, references in _REFERENCES.items():
        for i, item in _entries(raw_map, key):
            for field, target_key, noun, missing in references:
                ref = item.get(field)
                if isinstance(ref, str) and ref not in ids_by_collection[target_key]:
                    place = names.place((key, i))[0]
                    problems.append(LoadProblem(
                        _(missing).format(card=place, flow=place),
                        f"map.{key}[{i}].{field}: no {noun} with id {show_value(ref)}",
                    ))
    return problems


def _item_problems(raw_map: dict[str, Any], names: Namer, owner_of: dict[str, tuple[str, int]]) -> list[LoadProblem]:
    """A KPI's, pain point's, opportunity's or quote's id used twice anywhere in the map, named as the
    element duplicates are (both places, as a person finds them). (An opportunity's `addresses` may name
    a pain point deleted since: it is ignored, as the format says.)"""
    problems: list[LoadProblem] = []
    seen: dict[str, tuple[Any, ...]] = {element_id: (key, i) for element_id, (key, i) in owner_of.items()}
    # (in the order of the file, as the elements are checked: the second of two is the one named first)
    for key, lists in ITEM_LISTS.items():
        for i, element in _entries(raw_map, key):
            for field in lists:
                items = element.get(field)
                if not isinstance(items, list):
                    continue
                for n, item in enumerate(items):
                    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                        continue
                    loc, item_id = (key, i, field, n), item["id"]
                    if item_id in seen:
                        other = seen[item_id]
                        first = names.place(other)[0]
                        problems.append(LoadProblem(
                            _(_SAME_ID).format(first=names.place(loc)[0],
                                               second=first[:1].lower() + first[1:]),
                            f"{_path(loc)}.id: id {show_value(item_id)} is already used by {_path(other)}"))
                    else:
                        seen[item_id] = loc
    return problems


def _path(loc: tuple[Any, ...]) -> str:
    return "map" + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)
