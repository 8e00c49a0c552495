"""Open a `.jmap` file from anyone, safely.

The order of the steps is the point: size first (before reading), then
encoding, then JSON, then the envelope (is it ours, which version), then the
cheap list-length limits, and only then the full schema validation. Every
failure is a LoadError with every problem found, never a traceback.
"""

from __future__ import annotations

import json
import math
import os
import stat
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from ..model.messages import describe_validation_error, json_path
from ..model.schema import MAX_FLOWS, MAX_PERSONAS, MAX_STAGES, MAX_TOUCHPOINTS, Map
from ..model.types import show_value
from . import migrations
from .canonical import FORMAT_TAG, dumps
from .disk_state import DiskState
from .errors import LoadError
from .integrity import integrity_problems
from .limits import CANONICAL_CHECK_FROM, MAX_FILE_BYTES, MAX_REPORTED_PROBLEMS, describe_sizes

ENVELOPE_KEYS = ("format", "schema_version", "app_version", "map", "view")
_LIST_LIMITS = {
    "personas": MAX_PERSONAS,
    "stages": MAX_STAGES,
    "touchpoints": MAX_TOUCHPOINTS,
    "flows": MAX_FLOWS,
}


@dataclass(frozen=True)
class LoadedMap:
    """A map read from a file, with what the file said about itself."""

    map: Map
    view: dict[str, Any] = field(default_factory=dict)
    schema_version: int = migrations.CURRENT_VERSION
    """The version the file was written in (before any in-memory upgrade)."""
    app_version: str = ""
    disk: DiskState | None = None
    """The file as it was read (to tell later whether someone else changed it); None from bytes."""

    @property
    def upgraded(self) -> bool:
        return self.schema_version != migrations.CURRENT_VERSION


def load_path(path: str | os.PathLike[str]) -> LoadedMap:
    """Read and validate a `.jmap` file; errors name the file."""
    source = os.fspath(path)
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; it is refused just below.
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except IsADirectoryError:
        raise LoadError(["is a folder, not a journey map file"], source) from None
    except FileNotFoundError:
        raise LoadError(["no such file"], source) from None
    except PermissionError:
        raise LoadError(["permission denied: cannot read this file"], source) from None
    except OSError as exc:
        raise LoadError([f"cannot read the file: {exc.strerror or exc}"], source) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise LoadError(["is a folder, not a journey map file"], source)
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(["is not a regular file"], source)
        if info.st_size > MAX_FILE_BYTES:
            raise LoadError([_too_big(info.st_size)], source)
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            # Read one byte past the limit: a file that grows while we read is caught too.
            data = handle.read(MAX_FILE_BYTES + 1)
    except LoadError:
        raise
    except OSError as exc:
        raise LoadError([f"cannot read the file: {exc.strerror or exc}"], source) from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise LoadError([_too_big(len(data))], source)
    return replace(load_bytes(data, source), disk=DiskState.of(info, data))


def _too_big(size: int) -> str:
    size_text, limit_text = describe_sizes(size)
    return f"the file is {size_text}; journeymapper opens files of up to {limit_text}"


def load_bytes(data: bytes, source: str | None = None) -> LoadedMap:
    """Validate the bytes of a `.jmap` file and build its Map."""
    if len(data) > MAX_FILE_BYTES:
        raise LoadError([_too_big(len(data))], source)
    envelope = _parse_json(_decode(data, source), source)
    loaded = load_envelope(envelope, source)
    view_bound = _view_bound(loaded.view)
    big = len(data) > CANONICAL_CHECK_FROM
    map_bound = _canonical_bound(loaded.map, len(data)) if big else MAX_GROWTH * len(data)
    if view_bound + map_bound > MAX_FILE_BYTES:
        # A compact file (no indentation, fields left out) grows when saved: refuse here what
        # could not be saved again, rather than lose the edits made to it.
        saved = len(dumps(loaded.map, loaded.view))
        if saved > MAX_FILE_BYTES:
            saved_text, limit_text = describe_sizes(saved)
            raise LoadError([(f"saved by journeymapper this map would be {saved_text}, over the {limit_text} "
                              "it opens: it was written in a compact form by another program")], source)
    return loaded


MAX_GROWTH = 8
"""No part of a map grows more than this many times when written canonically (measured: under 7)."""
GROWTH_PER_ELEMENT = 600
"""The most a persona, stage or touchpoint grows when written canonically (indentation, fields a
compact file left out); measured at under 300 (tests/io/test_size_limits.py)."""
GROWTH_PER_FLOW = 200
GROWTH_PER_ITEM = 160
"""... and an item of a list in one (a pain point, a KPI, a goal)."""


def _canonical_bound(the_map: Map, size: int) -> int:
    """At least the size of the map's canonical form, worked out without writing it: most big files
    (written by journeymapper) are then known to fit, and only the rest are written to measure."""
    items = sum(len(t.pain_points) + len(t.opportunities) for t in the_map.touchpoints)
    items += sum(len(s.kpis) for s in the_map.stages)
    items += sum(len(p.goals) + len(p.needs) + len(p.frustrations) for p in the_map.personas)
    elements = len(the_map.personas) + len(the_map.stages) + len(the_map.touchpoints)
    return (size + 4096 + GROWTH_PER_ELEMENT * elements + GROWTH_PER_FLOW * len(the_map.flows)
            + GROWTH_PER_ITEM * items)


def _view_bound(view: Any) -> int:
    """At least what the file's `view` (editor state: zoom, scroll...) takes in canonical form. It
    is free-form and may nest deep, and each level of nesting indents every line below it: it is
    measured, not bounded by the file's size (it is small in every file journeymapper writes)."""
    text = json.dumps(view, indent=2, ensure_ascii=False)
    return len(text.encode("utf-8")) + 2 * (text.count("\n") + 1)


def _decode(data: bytes, source: str | None) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(["the file is saved as UTF-16; journey map files are UTF-8 text"], source)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise LoadError(["the file is empty"], source)
    head = data[:4].ljust(4, b" ")
    if (head[1] == 0 and head[3] == 0) or (head[0] == 0 and head[2] == 0):
        raise LoadError(["the file looks like UTF-16 or UTF-32 text; journey map files are UTF-8"], source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise LoadError(
            [f"not UTF-8 text: byte 0x{data[exc.start]:02x} at line {line} (offset {exc.start}) cannot be read"],
            source,
        ) from None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number journey maps allow")


class _RepeatedKey(ValueError):
    pass


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object that refuses a key given twice: which of the two would count is a guess."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _RepeatedKey(f"the key {show_value(key)} appears twice in one object")
            seen.add(key)
    return result


def _parse_json(text: str, source: str | None) -> Any:
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        hint = " (the file looks cut off)" if exc.pos >= len(text.rstrip()) else ""
        raise LoadError(
            [f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}{hint}"], source
        ) from None
    except RecursionError:
        raise LoadError(["not a journey map: the JSON is nested too deeply"], source) from None
    except _RepeatedKey as exc:
        raise LoadError([f"not a valid journey map: {exc}"], source) from None
    except ValueError as exc:  # NaN/Infinity, or an integer with thousands of digits
        reason = "a number has too many digits" if "digits" in str(exc) else str(exc)
        raise LoadError([f"not valid JSON for a journey map: {reason}"], source) from None


def _view_problems(value: Any, path: str = "view", depth: int = 0) -> list[str]:
    """`view` is free-form, but it is written back on save: it must hold only what can be."""
    if depth > 64:
        return [f"{path}: nested too deeply"]
    if isinstance(value, float) and not math.isfinite(value):
        return [f"{path}: must be a finite number"]
    if isinstance(value, str):
        return [f"{path}: {exc}" for exc in _text_problems(value)]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _view_problems(item, f"{path}[{i}]", depth + 1)]
    if isinstance(value, dict):
        found = []
        for key, item in value.items():
            found.extend(f"{path}: key {show_value(key)} {p}" for p in _text_problems(key))
            found.extend(_view_problems(item, json_path(path, [key]), depth + 1))
        return found
    return []


def _text_problems(text: str) -> list[str]:
    bad = next((c for c in text if 0xD800 <= ord(c) <= 0xDFFF or (ord(c) < 32 and c not in "\t\n\r")), None)
    return [f"contains a character that is not allowed in text (U+{ord(bad):04X})"] if bad else []


def load_envelope(envelope: Any, source: str | None = None) -> LoadedMap:
    """Validate an already-parsed envelope (a dict from JSON)."""
    if not isinstance(envelope, dict):
        kind = "a list" if isinstance(envelope, list) else "a single value"
        raise LoadError([f"not a journey map: the file holds {kind}, not a JSON object"], source)
    tag = envelope.get("format")
    if tag != FORMAT_TAG:
        reason = "it has no \"format\" key" if "format" not in envelope else f"its format is {show_value(tag)}"
        raise LoadError([f"not a journey map: {reason}, expected {show_value(FORMAT_TAG)}"], source)
    if "schema_version" not in envelope:
        raise LoadError(["schema_version: required field is missing"], source)
    version = envelope["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise LoadError([f"schema_version: must be a whole number, not {show_value(version)}"], source)
    if version > migrations.CURRENT_VERSION:
        raise LoadError(
            [
                f"saved by a newer journeymapper: file format {show_value(version)}, "
                f"this version reads up to {migrations.CURRENT_VERSION}"
            ],
            source,
        )
    oldest = migrations.oldest_supported()
    if version < oldest:
        raise LoadError(
            [
                f"file format {show_value(version)} is not supported: "
                f"this version reads formats {oldest} to {migrations.CURRENT_VERSION}"
            ],
            source,
        )
    if version < migrations.CURRENT_VERSION:
        try:
            envelope = migrations.migrate(dict(envelope), version)
        except LoadError:
            raise
        except Exception as exc:  # a step met a file it cannot upgrade
            raise LoadError([f"cannot upgrade file format {version}: {exc}"], source) from None

    problems = [f"{json_path('', [key])}: unknown field" for key in envelope if key not in ENVELOPE_KEYS]
    app_version = envelope.get("app_version", "")
    if not isinstance(app_version, str) or len(app_version) > 50:
        problems.append("app_version: must be text of at most 50 characters")
        app_version = ""
    view = envelope.get("view", {})
    if view is None:
        view = {}
    if not isinstance(view, dict):
        problems.append("view: must be an object")
        view = {}
    problems.extend(_view_problems(view))
    raw_map = envelope.get("map")
    if not isinstance(raw_map, dict):
        problems.append("map: required field is missing" if raw_map is None else "map: must be an object")
        raise LoadError(problems, source)

    for key, limit in _LIST_LIMITS.items():
        items = raw_map.get(key)
        if isinstance(items, list) and len(items) > limit:
            problems.append(f"map.{key}: has {len(items):,} items; the limit is {limit:,}")
    if problems and any(p.startswith("map.") for p in problems):
        # Over a list limit: validating the rest would spend what the limit protects.
        raise LoadError(problems, source)

    the_map: Map | None = None
    try:
        the_map = Map.model_validate(raw_map)
    except ValidationError as exc:
        problems.extend(describe_validation_error(exc, "map"))
    except RecursionError:
        problems.append("map: nested too deeply")
    problems.extend(integrity_problems(raw_map))
    if problems or the_map is None:
        shown = problems[:MAX_REPORTED_PROBLEMS]
        raise LoadError(shown, source, more=len(problems) - len(shown))
    return LoadedMap(map=the_map, view=view, schema_version=version, app_version=app_version)
