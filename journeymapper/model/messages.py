"""Turn pydantic's validation errors into lines a shop owner can act on.

Each line is `path: reason`, with the path written the way the file reads
(`map.touchpoints[3].colour`), so the user can find the spot in an editor.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from pydantic import ValidationError

from .types import show_value

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


def json_path(root: str, loc: Iterable[Any]) -> str:
    """`map.touchpoints[3].title`; a key that is not a plain name is quoted: `map["bad\\nkey"]`."""
    path = root
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif _PLAIN_KEY.fullmatch(str(part)):
            path += f".{part}" if path else str(part)
        else:
            path += f"[{show_value(str(part))}]"
    return path


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _reason(error: dict[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "string_too_short":
        return "must not be empty" if ctx.get("min_length") == 1 else f"must be at least {ctx['min_length']} characters"
    if kind == "string_too_long":
        return f"is longer than {_plural(ctx['max_length'], 'character')}"
    if kind == "too_long":
        return f"has more than {_plural(ctx['max_length'], 'item')}"
    if kind == "string_unicode" or (kind == "string_type" and isinstance(error.get("input"), str)):
        bad = next((c for c in str(error.get("input", "")) if 0xD800 <= ord(c) <= 0xDFFF), "\ufffd")
        return f"contains a character that is not allowed in text (U+{ord(bad):04X})"
    if kind == "string_type":
        return f"must be text, not {_json_type(error.get('input'))}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, not {_json_type(error.get('input'))}"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{show_value(error.get('input'))} is out of range ({error['msg'].removeprefix('Input should be ')})"
    if kind == "literal_error":
        return f"{_short(error.get('input'))} is not one of {ctx.get('expected', '')}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"must be an object, not {_json_type(error.get('input'))}"
    if kind == "list_type":
        return f"must be a list, not {_json_type(error.get('input'))}"
    return error["msg"]


_short = show_value


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {_short(value)}"
    if isinstance(value, str):
        return f"the text {_short(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def describe_validation_error(exc: ValidationError, root: str) -> list[str]:
    return [f"{json_path(root, err['loc'])}: {_reason(err)}" for err in exc.errors(include_url=False)]
