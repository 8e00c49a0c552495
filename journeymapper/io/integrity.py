"""Cross-reference rules a single field cannot check: one id space, no dangling ids.

They run on the raw JSON, beside schema validation, so that one reading of a
broken file reports every problem, not only the first kind. Entries of the
wrong shape are skipped here: schema validation already names them.
"""

from __future__ import annotations

from typing import Any

from ..model.types import show_value

_COLLECTIONS = ("personas", "stages", "touchpoints", "flows")
_REFERENCES = {
    "touchpoints": (("persona", "personas", "persona"), ("stage", "stages", "stage")),
    "flows": (("source", "touchpoints", "touchpoint"), ("target", "touchpoints", "touchpoint")),
}


def _entries(raw_map: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    items = raw_map.get(key)
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def integrity_problems(raw_map: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    owner_of: dict[str, str] = {}
    ids_by_collection: dict[str, set[str]] = {key: set() for key in _COLLECTIONS}
    for key in _COLLECTIONS:
        for i, item in _entries(raw_map, key):
            element_id = item.get("id")
            if not isinstance(element_id, str):
                continue
            path = f"map.{key}[{i}]"
            if element_id in owner_of:
                problems.append(f"{path}.id: id {show_value(element_id)} is already used by {owner_of[element_id]}")
            else:
                owner_of[element_id] = path
            ids_by_collection[key].add(element_id)
    for key, references in _REFERENCES.items():
        for i, item in _entries(raw_map, key):
            for field, target_key, noun in references:
                ref = item.get(field)
                if isinstance(ref, str) and ref not in ids_by_collection[target_key]:
                    problems.append(f"map.{key}[{i}].{field}: no {noun} with id {show_value(ref)}")
    return problems
