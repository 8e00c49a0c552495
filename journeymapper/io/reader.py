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

from ..i18n import N_, _
from ..model.messages import Namer, explain_validation_error, json_path, located_errors
from ..model.schema import MAX_FLOWS, MAX_PERSONAS, MAX_STAGES, MAX_TOUCHPOINTS, Map
from ..model.types import show_value
from . import migrations, upgrade_1_to_2
from .canonical import FORMAT_TAG, dumps
from .disk_state import DiskState
from .errors import LoadError, LoadProblem
from .file_text import OTHER_PROGRAM, decode_text, parse_json
from .integrity import integrity_problems
from .limits import CANONICAL_CHECK_FROM, MAX_FILE_BYTES, MAX_REPORTED_PROBLEMS, describe_sizes
from .newer_files import dropped_keys, known_only

ENVELOPE_KEYS = ("format", "schema_version", "readable_by", "app_version", "map", "view")
_LIST_LIMITS = {
    "personas": MAX_PERSONAS,
    "stages": MAX_STAGES,
    "touchpoints": MAX_TOUCHPOINTS,
    "flows": MAX_FLOWS,
}
_OVER_LIMIT = {
    "personas": N_("The map has {count} personas, more than the {limit} it can hold"),
    "stages": N_("The map has {count} stages, more than the {limit} it can hold"),
    "touchpoints": N_("The map has {count} cards, more than the {limit} it can hold"),
    "flows": N_("The map has {count} flows, more than the {limit} it can hold"),
}

NEWER = N_("This map was saved by a newer version of journeymapper: update journeymapper to open it.")
OLDER = N_("This map was saved by an old version of journeymapper that this version no longer opens.")
UNUPGRADABLE = N_("This map was saved by an older version of journeymapper, and it could not be brought up "
                  "to date.")
MAP_DAMAGED = N_("This journey map file is damaged: {what}.")
VIEW_DAMAGED = N_("The editor settings saved with this map (zoom, scroll position…) are damaged")
_FILE = N_("The file")
"""The place of a problem in the envelope (outside the map)."""



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

    dropped: tuple[str, ...] = ()
    """In a file from a newer journeymapper: where keys this version does not know were left out."""

    @property
    def upgraded(self) -> bool:
        return self.schema_version < migrations.CURRENT_VERSION

    @property
    def newer(self) -> bool:
        """Written by a newer journeymapper (its format is above ours): shown, never written back."""
        return self.schema_version > migrations.CURRENT_VERSION


def load_path(path: str | os.PathLike[str]) -> LoadedMap:
    """Read and validate a `.jmap` file; errors name the file."""
    source = os.fspath(path)
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; it is refused just below.
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except IsADirectoryError:
        raise LoadError([_folder()], source) from None
    except FileNotFoundError:
        raise LoadError([LoadProblem(_("There is no file here: it may have been moved, renamed or deleted."),
                                     "no such file")], source) from None
    except PermissionError:
        raise LoadError([LoadProblem(_("You may not read this file: ask whoever looks after it to let you."),
                                     "permission denied")], source) from None
    except OSError as exc:
        raise LoadError([_unreadable(exc)], source) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise LoadError([_folder()], source)
        if not stat.S_ISREG(info.st_mode):
            raise LoadError([LoadProblem(_(
                "This is not a journey map: it is a device or a pipe, not a file."),
                                         "not a regular file")], source)
        if info.st_size > MAX_FILE_BYTES:
            raise LoadError([_too_big(info.st_size)], source)
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            # Read one byte past the limit: a file that grows while we read is caught too.
            data = handle.read(MAX_FILE_BYTES + 1)
    except LoadError:
        raise
    except OSError as exc:
        raise LoadError([_unreadable(exc)], source) from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise LoadError([_too_big(len(data))], source)
    return replace(load_bytes(data, source), disk=DiskState.of(info, data))


def _folder() -> LoadProblem:
    return LoadProblem(_("This is a folder, not a journey map file: open a .jmap file inside it instead."))


def _unreadable(exc: OSError) -> LoadProblem:
    return LoadProblem(_("This file could not be read from the disk."), f"{exc.strerror or exc}")


def _too_big(size: int) -> LoadProblem:
    size_text, limit_text = describe_sizes(size)
    return LoadProblem(_("This file is too big to be a journey map: it is {size}, and journeymapper opens "
                         "files of up to {limit}.").format(size=size_text, limit=limit_text))


def load_bytes(data: bytes, source: str | None = None) -> LoadedMap:
    """Validate the bytes of a `.jmap` file and build its Map."""
    if len(data) > MAX_FILE_BYTES:
        raise LoadError([_too_big(len(data))], source)
    envelope = parse_json(decode_text(data, source), source)
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
            raise LoadError([LoadProblem(
                _("This map is too big to open: saved by journeymapper it would be {size}, over the {limit} "
                  "journeymapper opens.").format(size=saved_text, limit=limit_text),
                "it was written in a compact form by another program")], source)
    return loaded


MAX_GROWTH = 12
"""No part of a map grows more than this many times when written canonically (measured in format 2: under
11, for lanes of nothing but a one-letter id and name, and cards of minimal opportunities; it must stay
under MAX_FILE_BYTES / CANONICAL_CHECK_FROM, the growth files too small to be measured may have)."""
GROWTH_PER_ELEMENT = 600
"""The most a persona, stage or touchpoint grows when written canonically (indentation, fields a
compact file left out); measured at under 300 (tests/io/test_size_limits.py)."""
GROWTH_PER_FLOW = 200
GROWTH_PER_ITEM = 160
"""... and an item of a list in one (a pain point, a KPI, a goal)."""


def _canonical_bound(the_map: Map, size: int) -> int:
    """At least the size of the map's canonical form, worked out without writing it: most big files
    (written by journeymapper) are then known to fit, and only the rest are written to measure."""
    # (format 2: an opportunity's plan and a KPI's fields count twice; every reading, quote and id an
    # opportunity addresses once)
    items = sum(len(t.pain_points) + 2 * len(t.opportunities) + len(t.quotes)
                + sum(len(o.addresses) for o in t.opportunities) for t in the_map.touchpoints)
    items += sum(2 * len(s.kpis) + sum(len(k.readings) for k in s.kpis) for s in the_map.stages)
    items += sum(len(p.goals) + len(p.needs) + len(p.frustrations) + len(p.quotes) for p in the_map.personas)
    elements = len(the_map.personas) + len(the_map.stages) + len(the_map.touchpoints)
    return (size + 4096 + GROWTH_PER_ELEMENT * elements + GROWTH_PER_FLOW * len(the_map.flows)
            + GROWTH_PER_ITEM * items)


def _view_bound(view: Any) -> int:
    """At least what the file's `view` (editor state: zoom, scroll...) takes in canonical form. It
    is free-form and may nest deep, and each level of nesting indents every line below it: it is
    measured, not bounded by the file's size (it is small in every file journeymapper writes)."""
    text = json.dumps(view, indent=2, ensure_ascii=False)
    return len(text.encode("utf-8")) + 2 * (text.count("\n") + 1)


def _view_problems(value: Any, path: str = "view", depth: int = 0) -> list[str]:
    """`view` is free-form, but it is written back on save: it must hold only what can be. Returns
    the path and reason of each problem (the user reads VIEW_DAMAGED before them)."""
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


def _version(envelope: dict[str, Any], source: str | None) -> int:
    """The file format version the envelope says it is in, if this journeymapper reads it."""
    if "schema_version" not in envelope:
        raise LoadError([LoadProblem(_(MAP_DAMAGED).format(what=_("it does not say which version of the file "
                                                                  "format it is written in")),
                                     "schema_version is missing")], source)
    version = envelope["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        detail = f"schema_version: must be a whole number, not {show_value(version)}"
        plain = _(MAP_DAMAGED).format(what=_("the version of its file format is not a number"))
        raise LoadError([LoadProblem(plain, detail)], source)
    newest, oldest = migrations.CURRENT_VERSION, migrations.oldest_supported()
    readable_by = envelope.get("readable_by")
    if version > newest and isinstance(readable_by, int) and not isinstance(readable_by, bool) \
            and 2 <= readable_by <= newest:
        # A newer file that says we show it faithfully: read-only, see newer_files. Any other `readable_by`
        # (missing, not a whole number, 0 or 1, which version 1 readers never knew, or above ours) leaves it
        # a plain newer file. In a file of our version or older it is checked with the envelope's other keys.
        return version
    if version > newest:
        detail = (f"saved by a newer journeymapper: file format {show_value(version)}, "
                  f"this version reads up to {newest}")
        raise LoadError([LoadProblem(_(NEWER), detail)], source)
    if version < oldest:
        detail = (f"file format {show_value(version)} is not supported: "
                  f"this version reads formats {oldest} to {newest}")
        raise LoadError([LoadProblem(_(OLDER), detail)], source)
    return version


def _v2_keys_in_v1(envelope: dict[str, Any]) -> list[LoadProblem]:
    """A key only format 2 defines, in a file that says it is format 1: unknown, as it was to a format-1
    reader (the upgrade would otherwise have to pick between the file's value and its own)."""
    names = Namer(envelope.get("map"))
    problems = []
    for loc in upgrade_1_to_2.v2_only_keys(envelope):
        key = loc[-1]
        place = names.place(loc[1:-1], _("The map"))[0] if loc[0] == "map" else _(_FILE)
        plain = _("{place}: {key} is not a field that maps of this file's version have").format(
            place=place, key=show_value(key))
        problems.append(LoadProblem(plain, f"{json_path('', loc)}: unknown field in file format 1"))
    return problems


def _readable_by_problems(envelope: dict[str, Any]) -> list[LoadProblem]:
    """`readable_by` (optional) names a reader version from 2, the first to know it, up to ours. (By now the
    envelope is of our version, upgraded if older; a newer file's was checked by `_version`.)"""
    if "readable_by" not in envelope:
        return []
    value, top = envelope["readable_by"], migrations.CURRENT_VERSION
    if isinstance(value, int) and not isinstance(value, bool) and 2 <= value <= top:
        return []
    expected = "2" if top == 2 else f"a whole number from 2 to {top}"
    plain = _("{place}: which versions of journeymapper can show it is not written correctly").format(
        place=_(_FILE))
    return [LoadProblem(plain, f"readable_by: must be {expected}, not {show_value(value)}")]


def load_envelope(envelope: Any, source: str | None = None) -> LoadedMap:
    """Validate an already-parsed envelope (a dict from JSON)."""
    if not isinstance(envelope, dict):
        kind = "a list" if isinstance(envelope, list) else "a single value"
        raise LoadError([LoadProblem(_(OTHER_PROGRAM), f"the file holds {kind}, not a JSON object")], source)
    tag = envelope.get("format")
    if tag != FORMAT_TAG:
        found = f"its format is {show_value(tag)}" if "format" in envelope else 'it has no "format" key'
        detail = f"{found}, expected {show_value(FORMAT_TAG)}"
        raise LoadError([LoadProblem(_(OTHER_PROGRAM), detail)], source)
    version = _version(envelope, source)
    dropped: tuple[str, ...] = ()
    early: list[LoadProblem] = []
    if version > migrations.CURRENT_VERSION:
        dropped = tuple([json_path("", [key]) for key in envelope if key not in ENVELOPE_KEYS]
                        + dropped_keys(envelope.get("map")))
        envelope = {key: value for key, value in envelope.items() if key in ENVELOPE_KEYS}
        envelope["map"] = known_only(envelope.get("map"))
    first_step = migrations.STEPS.get(version) if version < migrations.CURRENT_VERSION else None
    if first_step is upgrade_1_to_2.upgrade:
        early = _v2_keys_in_v1(envelope)
    if version < migrations.CURRENT_VERSION:
        try:
            envelope = migrations.migrate(dict(envelope), version)
        except LoadError:
            raise
        except Exception as exc:  # noqa: BLE001 - a step met a file it cannot upgrade: say so, do not crash
            raise LoadError([LoadProblem(_(UNUPGRADABLE), f"cannot upgrade file format {version}: {exc}")],
                            source) from None

    problems = early + [LoadProblem(_("{place}: {key} is not a field journeymapper knows").format(
                                        place=_(_FILE), key=show_value(key)),
                                    f"{json_path('', [key])}: unknown field")
                        for key in envelope if key not in ENVELOPE_KEYS]
    problems.extend(_readable_by_problems(envelope))
    app_version = envelope.get("app_version", "")
    if not isinstance(app_version, str) or len(app_version) > 50:
        problems.append(LoadProblem(_("{place}: the version of journeymapper that saved it is not written "
                                      "correctly").format(place=_(_FILE)),
                                    "app_version: must be text of at most 50 characters"))
        app_version = ""
    view = envelope.get("view", {})
    if view is None:
        view = {}
    if not isinstance(view, dict):
        problems.append(LoadProblem(_(VIEW_DAMAGED), "view: must be an object"))
        view = {}
    problems.extend(LoadProblem(_(VIEW_DAMAGED), detail) for detail in _view_problems(view))
    raw_map = envelope.get("map")
    if not isinstance(raw_map, dict):
        if raw_map is None:
            problems.append(LoadProblem(_(MAP_DAMAGED).format(
                what=_("the map itself is missing")), "map: missing"))
        else:
            problems.append(LoadProblem(_(MAP_DAMAGED).format(
                what=_("the map itself is not written correctly")),
                                        "map: must be an object"))
        raise LoadError(problems, source)

    over = [LoadProblem(_(_OVER_LIMIT[key]).format(count=f"{len(items):,}", limit=f"{limit:,}"),
                        f"map.{key}: has {len(items):,} items; the limit is {limit:,}")
            for key, limit in _LIST_LIMITS.items()
            if isinstance(items := raw_map.get(key), list) and len(items) > limit]
    if over:
        # Over a list limit: validating the rest would spend what the limit protects.
        raise LoadError(problems + over, source)

    the_map: Map | None = None
    unsaid = 0
    # (a problem in an upgraded v1 map is named where it is in the v1 file)
    where = upgrade_1_to_2.v1_loc if first_step is upgrade_1_to_2.upgrade else None
    try:
        the_map = Map.model_validate(raw_map)
    except ValidationError as exc:
        room = max(MAX_REPORTED_PROBLEMS - len(problems), 0)  # (thousands of errors are counted, not worded)
        problems.extend(LoadProblem(plain, path) for plain, path
                        in explain_validation_error(exc, "map", raw_map, _("The map"), room, where))
        unsaid = max(len(located_errors(exc, where)) - room, 0)
    except RecursionError:
        problems.append(LoadProblem(_(MAP_DAMAGED).format(what=_("its data is nested far too deeply")),
                                    "map: nested too deeply"))
    problems.extend(integrity_problems(raw_map))
    if problems or the_map is None:
        shown = problems[:MAX_REPORTED_PROBLEMS]
        raise LoadError(shown, source, more=len(problems) - len(shown) + unsaid)
    return LoadedMap(map=the_map, view=view, schema_version=version, app_version=app_version, dropped=dropped)
