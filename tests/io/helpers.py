"""Shared bits for the .jmap reading/writing tests: the spec example and small builders.

Tests here are written from docs/jmap-format.md (the public contract), not from the code.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data"
V1 = DATA / "v1"
SPEC_EXAMPLE = V1 / "spec-example.jmap"
"""The example of docs/jmap-format.md, copied verbatim (not in canonical layout)."""
SPEC_EXAMPLE_GOLDEN = V1 / "spec-example.golden.jmap"
"""The same map in canonical bytes: what a writer of format 1 must produce for it."""
FULL_GOLDEN = V1 / "full.jmap"
"""Every field set, non-ASCII and markup text, a view: canonical bytes written by hand (json.dumps)."""

_SPEC_ENVELOPE = json.loads(SPEC_EXAMPLE.read_text(encoding="utf-8"))

# Key order of every object, as docs/jmap-format.md lists it.
ENVELOPE_KEYS = ["format", "schema_version", "app_version", "map", "view"]
MAP_KEYS = [
    "id",
    "title",
    "description",
    "owner",
    "created",
    "modified",
    "review_by",
    "personas",
    "stages",
    "touchpoints",
    "flows",
]
PERSONA_KEYS = ["id", "name", "segment", "description", "goals", "needs", "frustrations", "color"]
STAGE_KEYS = ["id", "name", "description", "goal", "kpis"]
KPI_KEYS = ["name", "value", "target", "unit"]
TOUCHPOINT_KEYS = [
    "id",
    "persona",
    "stage",
    "title",
    "channel",
    "action",
    "thoughts",
    "emotion",
    "pain_points",
    "opportunities",
    "owner",
    "evidence",
    "source",
    "notes",
]
PAIN_POINT_KEYS = ["text", "severity"]
OPPORTUNITY_KEYS = ["text", "priority"]
FLOW_KEYS = ["id", "source", "target", "label", "kind"]
CHANNELS = [
    "website",
    "mobile_app",
    "social_media",
    "email",
    "phone",
    "chat",
    "in_store",
    "advertising",
    "search",
    "review_site",
    "word_of_mouth",
    "event",
    "mail",
    "support",
    "other",
]


def spec_envelope() -> dict[str, Any]:
    """A fresh, mutable copy of the spec example's envelope."""
    return copy.deepcopy(_SPEC_ENVELOPE)


def encode(envelope: Any) -> bytes:
    """JSON bytes the way a hostile tool might write them: ASCII, with \\u escapes.

    ensure_ascii turns lone surrogates and control characters into \\uXXXX escapes, which
    is how such characters reach a real file; Infinity/NaN are written as their literals.
    """
    return json.dumps(envelope, ensure_ascii=True, allow_nan=True).encode("ascii")


def set_at(envelope: dict[str, Any], path: Iterable[Any], value: Any) -> dict[str, Any]:
    *parents, last = list(path)
    node: Any = envelope
    for part in parents:
        node = node[part]
    node[last] = value
    return envelope


def delete_at(envelope: dict[str, Any], path: Iterable[Any]) -> dict[str, Any]:
    *parents, last = list(path)
    node: Any = envelope
    for part in parents:
        node = node[part]
    del node[last]
    return envelope


def ordered_pairs(data: bytes) -> Any:
    """Parse JSON keeping every object's key order: objects become lists of (key, value)."""
    return json.loads(data.decode("utf-8"), object_pairs_hook=list)


def key_order_problems(data: bytes) -> list[str]:
    """Every object whose keys are not exactly the spec's keys in the spec's order."""
    problems: list[str] = []

    def keys(pairs: list[tuple[str, Any]]) -> list[str]:
        return [k for k, _ in pairs]

    def check(pairs: list[tuple[str, Any]], expected: list[str], where: str) -> dict[str, Any]:
        if keys(pairs) != expected:
            problems.append(f"{where}: keys {keys(pairs)} != {expected}")
        return dict(pairs)

    top = check(ordered_pairs(data), ENVELOPE_KEYS, "envelope")
    the_map = check(top["map"], MAP_KEYS, "map")
    for i, persona in enumerate(the_map["personas"]):
        check(persona, PERSONA_KEYS, f"map.personas[{i}]")
    for i, stage in enumerate(the_map["stages"]):
        stage = check(stage, STAGE_KEYS, f"map.stages[{i}]")
        for j, kpi in enumerate(stage["kpis"]):
            check(kpi, KPI_KEYS, f"map.stages[{i}].kpis[{j}]")
    for i, card in enumerate(the_map["touchpoints"]):
        card = check(card, TOUCHPOINT_KEYS, f"map.touchpoints[{i}]")
        for j, pain in enumerate(card["pain_points"]):
            check(pain, PAIN_POINT_KEYS, f"map.touchpoints[{i}].pain_points[{j}]")
        for j, chance in enumerate(card["opportunities"]):
            check(chance, OPPORTUNITY_KEYS, f"map.touchpoints[{i}].opportunities[{j}]")
    for i, flow in enumerate(the_map["flows"]):
        check(flow, FLOW_KEYS, f"map.flows[{i}]")
    return problems


_INDENT = re.compile(r"^( *)")


def layout_problems(data: bytes) -> list[str]:
    """What keeps `data` from being laid out as the spec says (encoding, newlines, indent)."""
    problems: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append("starts with a byte-order mark")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [f"not UTF-8: {exc}"]
    if b"\r" in data:
        problems.append("contains a carriage return byte")
    if not text.endswith("\n") or text.endswith("\n\n"):
        problems.append("does not end with exactly one newline")
    lines = text[:-1].split("\n")
    depth = 0
    for number, line in enumerate(lines, 1):
        indent = len(_INDENT.match(line).group(1))
        stripped = line[indent:]
        if stripped.startswith(("}", "]")):
            depth -= 1
        if indent != 2 * depth or "\t" in line[:indent]:
            problems.append(f"line {number}: indent {indent}, expected {2 * depth}: {line[:60]!r}")
            break
        if stripped.endswith(("{", "[")):
            depth += 1
    if depth != 0:
        problems.append("brackets do not balance")
    return problems
