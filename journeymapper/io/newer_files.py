"""Files from a newer journeymapper: shown read-only, what this version does not know left out.

A file whose `schema_version` is above ours but whose `readable_by` is not says: "an older reader
shows my map faithfully, without what it does not know". Such a file is read with the keys this
version does not know dropped, only in that case (in a file of our own version an unknown key is
an error, as ever), and the editor never writes it back: saving would drop what the newer version
wrote. Values of keys we know are validated as always.
"""

from __future__ import annotations

from typing import Any, get_args

from pydantic import BaseModel

from ..model.messages import json_path
from ..model.schema import Map


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds (itself, in a list, or optional), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def known_only(value: Any, model: type[BaseModel] = Map) -> Any:
    """`value` (raw JSON for `model`) with every key the model does not know dropped, at any depth."""
    if not isinstance(value, dict):
        return value
    kept: dict[str, Any] = {}
    for key, item in value.items():
        info = model.model_fields.get(key)
        if info is None:
            continue
        inner = _model_in(info.annotation)
        if inner is not None:
            if isinstance(item, list):
                item = [known_only(entry, inner) for entry in item]
            elif isinstance(item, dict):
                item = known_only(item, inner)
        kept[key] = item
    return kept


def dropped_keys(value: Any, model: type[BaseModel] = Map, path: str = "map") -> list[str]:
    """Where `known_only` drops something (the first few, for the banner and for Save As's warning)."""
    found: list[str] = []
    if not isinstance(value, dict):
        return found
    for key, item in value.items():
        info = model.model_fields.get(key)
        if info is None:
            found.append(json_path(path, [key]))  # (a key of any text, quoted: a line break cannot split a line)
            continue
        inner = _model_in(info.annotation)
        if inner is not None:
            entries = item if isinstance(item, list) else [item]
            for n, entry in enumerate(entries):
                found.extend(dropped_keys(entry, inner, f"{path}.{key}[{n}]" if isinstance(item, list)
                                          else f"{path}.{key}"))
    return found
