"""Shared bits for the .jmap reading/writing tests: the spec example, the goldens and small builders.

Tests here are written from docs/jmap-format.md (the public contract), not from the code.
Format 1 files stay as inputs (tests/data/v1/, never changed: files of that format exist and must
keep opening); format 2 is what journeymapper writes (tests/data/v2/).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from journeymapper import __version__

DATA = Path(__file__).resolve().parents[1] / "data"
V1 = DATA / "v1"
V2 = DATA / "v2"
SPEC_EXAMPLE = V1 / "spec-example.jmap"
"""The example of the format 1 page, copied verbatim (not in canonical layout)."""
SPEC_EXAMPLE_GOLDEN = V1 / "spec-example.golden.jmap"
"""The same map in the canonical bytes a writer of format 1 produced for it."""
FULL_GOLDEN = V1 / "full.jmap"
"""Every format 1 field set, non-ASCII and markup text, a view: canonical v1 bytes written by hand."""
SHIPPED_V1 = sorted((V1 / "shipped").glob("*.jmap"))
"""The templates and the example map as journeymapper shipped them in format 1 (real v1 files)."""

V2_SPEC_GOLDEN = V2 / "spec-example.golden.jmap"
"""The spec example in format 2: what upgrading the format 1 example and saving it must give."""
V2_FULL = V2 / "full.jmap"
"""Every format 2 field set (a future-state map, KPI readings, plans, quotes): written by hand."""
V2_FULL_FROM_V1 = V2 / "full-from-v1.jmap"
"""What upgrading FULL_GOLDEN and saving it must give."""
UPGRADES = {
    SPEC_EXAMPLE: V2_SPEC_GOLDEN,
    SPEC_EXAMPLE_GOLDEN: V2_SPEC_GOLDEN,
    FULL_GOLDEN: V2_FULL_FROM_V1,
}
"""Each v1 golden and the v2 golden its upgrade must equal, byte for byte."""

_SPEC_ENVELOPE = json.loads(V2_SPEC_GOLDEN.read_text(encoding="utf-8"))
_SPEC_V1_ENVELOPE = json.loads(SPEC_EXAMPLE.read_text(encoding="utf-8"))

# Key order of every object, as docs/jmap-format.md lists it (format 2).
ENVELOPE_KEYS = ["format", "schema_version", "readable_by", "app_version", "map", "view"]
MAP_KEYS = [
    "id",
    "title",
    "description",
    "owner",
    "language",
    "state",
    "based_on",
    "created",
    "modified",
    "review_by",
    "personas",
    "stages",
    "touchpoints",
    "flows",
]
BASED_ON_KEYS = ["id", "title", "modified"]
PERSONA_KEYS = ["id", "name", "segment", "description", "goals", "needs", "frustrations", "color", "evidence",
                "source", "quotes"]
QUOTE_KEYS = ["id", "text", "who", "date", "source"]
STAGE_KEYS = ["id", "name", "description", "goal", "kpis"]
KPI_KEYS = ["id", "name", "unit", "direction", "target", "readings"]
READING_KEYS = ["date", "value", "note"]
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
    "quotes",
    "owner",
    "evidence",
    "source",
    "notes",
]
PAIN_POINT_KEYS = ["id", "text", "severity"]
OPPORTUNITY_KEYS = ["id", "text", "priority", "status", "owner", "due", "effort", "addresses"]
FLOW_KEYS = ["id", "source", "target", "label", "kind"]

V1_KEYS = {
    "envelope": ["format", "schema_version", "app_version", "map", "view"],
    "map": ["id", "title", "description", "owner", "created", "modified", "review_by", "personas", "stages",
            "touchpoints", "flows"],
    "persona": ["id", "name", "segment", "description", "goals", "needs", "frustrations", "color"],
    "stage": ["id", "name", "description", "goal", "kpis"],
    "kpi": ["name", "value", "target", "unit"],
    "touchpoint": ["id", "persona", "stage", "title", "channel", "action", "thoughts", "emotion", "pain_points",
                   "opportunities", "owner", "evidence", "source", "notes"],
    "pain_point": ["text", "severity"],
    "opportunity": ["text", "priority"],
    "flow": ["id", "source", "target", "label", "kind"],
}
"""Every key of format 1, by object (the format 1 page): what a migration must find a home for."""
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


def with_running_version(golden: bytes) -> bytes:
    """Goldens record app_version 0.1.0; app_version is informational, so follow the running version."""
    return golden.replace(b'"app_version": "0.1.0"', f'"app_version": "{__version__}"'.encode())


def spec_envelope() -> dict[str, Any]:
    """A fresh, mutable copy of the spec example's envelope, in format 2 (what journeymapper writes)."""
    return copy.deepcopy(_SPEC_ENVELOPE)


def spec_v1_envelope() -> dict[str, Any]:
    """A fresh, mutable copy of the spec example's envelope as format 1 wrote it (files that exist)."""
    return copy.deepcopy(_SPEC_V1_ENVELOPE)


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
    if the_map["based_on"] is not None:
        check(the_map["based_on"], BASED_ON_KEYS, "map.based_on")
    for i, persona in enumerate(the_map["personas"]):
        persona = check(persona, PERSONA_KEYS, f"map.personas[{i}]")
        for j, said in enumerate(persona["quotes"]):
            check(said, QUOTE_KEYS, f"map.personas[{i}].quotes[{j}]")
    for i, stage in enumerate(the_map["stages"]):
        stage = check(stage, STAGE_KEYS, f"map.stages[{i}]")
        for j, kpi in enumerate(stage["kpis"]):
            kpi = check(kpi, KPI_KEYS, f"map.stages[{i}].kpis[{j}]")
            for n, reading in enumerate(kpi["readings"]):
                check(reading, READING_KEYS, f"map.stages[{i}].kpis[{j}].readings[{n}]")
    for i, card in enumerate(the_map["touchpoints"]):
        card = check(card, TOUCHPOINT_KEYS, f"map.touchpoints[{i}]")
        for j, pain in enumerate(card["pain_points"]):
            check(pain, PAIN_POINT_KEYS, f"map.touchpoints[{i}].pain_points[{j}]")
        for j, chance in enumerate(card["opportunities"]):
            check(chance, OPPORTUNITY_KEYS, f"map.touchpoints[{i}].opportunities[{j}]")
        for j, said in enumerate(card["quotes"]):
            check(said, QUOTE_KEYS, f"map.touchpoints[{i}].quotes[{j}]")
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
