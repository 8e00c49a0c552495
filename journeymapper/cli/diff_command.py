"""`journeymapper diff OLD.jmap NEW.jmap`: what changed from one map to the other, by element id.

Also git's external diff driver (`--git-external`, docs/sharing-in-git.md): git calls it with its seven
arguments (path, old file, old hash, old mode, new file, new hash, new mode; nine for a rename, one for a
path with merge conflicts) and stops if it exits non-zero, so in that mode the answer is always 0.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING, Any

from .commands import summary
from .output import load_or_report, one_line, say_error

if TYPE_CHECKING:
    from ..model.diff import ElementChange, ItemChange, MapDiff, Move
    from ..model.diff_words import Places

EXIT_SAME, EXIT_DIFFERENT, EXIT_UNREADABLE = 0, 1, 2
_SIGNS = {"added": "+", "removed": "-", "changed": "~"}
_CELL_FIELDS = ("stage", "persona")
_PLACE_WORDS = {"stages": "column", "personas": "lane", "touchpoints": "place"}
_GIT_COUNTS = (1, 7, 9)
ITEMS_SHOWN = 8
"""Changes of one element's pain points, opportunities, KPIs and quotes said on its line; the rest counted."""
_NO_FILE = os.devnull


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "diff",
        help=summary("diff"),
        usage="journeymapper diff [--format text|json] OLD.jmap NEW.jmap\n"
              "       journeymapper diff --git-external PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE",
        description="Say what changed from OLD to NEW: the map's fields, then each persona, stage, card and flow "
                    "added (+), removed (-), changed (~) or moved (>), named by where it is on the map, e.g. "
                    "~ Purchase / Wedding planner: “Pays deposit by phone”: emotion -1 -> 1. Elements are "
                    "matched by id: a card moved or renamed is one card that changed. Works on any two maps: two "
                    "versions of one file, or today's map and its future-state map.",
        epilog="exit status: 0 the same, 1 different, 2 a file cannot be read (with --git-external: always 0, as "
               "git requires of a diff driver)",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="OLD.jmap NEW.jmap (or git's seven arguments)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--git-external", action="store_true",
                        help="be git's external diff driver: take git's arguments, print the changes, exit 0")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from .main import UsageError

    if args.git_external:
        if len(args.files) not in _GIT_COUNTS:
            raise UsageError(f"--git-external takes git's 1, 7 or 9 arguments, not {len(args.files)}")
        run_git_external(args.files)
        return 0
    if len(args.files) != 2:
        raise UsageError("diff takes two maps: OLD.jmap NEW.jmap")
    old, new = (load_or_report(path) for path in args.files)
    if old is None or new is None:
        return EXIT_UNREADABLE
    from ..model.diff import diff_maps
    from ..model.diff_words import Places

    diff = diff_maps(old.map, new.map)
    unread = [path for path, loaded in zip(args.files, (old, new)) if loaded.newer and loaded.dropped]
    if args.format == "json":
        json.dump(json_report(diff, Places(new.map, old.map)), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for line in text_lines(diff, Places(new.map, old.map), Places(old.map, new.map)):
            print(line)
    if unread and diff.same:  # (what this version cannot read may differ: "the same" would be a guess)
        say_error(f"cannot tell whether the maps differ: {', '.join(unread)} holds what this version of "
                  "journeymapper cannot read; update journeymapper to compare them fully")
        return EXIT_UNREADABLE
    return EXIT_SAME if diff.same else EXIT_DIFFERENT


def json_report(diff: MapDiff, places: Places) -> dict[str, Any]:
    """`model.diff.to_json`, each element and move with its place as the text names it."""
    from ..model.diff import to_json

    report = to_json(diff)
    for element in report["elements"]:
        element["place"] = places.element(element["collection"], element["id"])
    for move in report["moves"]:
        move["place"] = places.element(move["collection"], move["id"])
    return report


def _value(places: Places, collection: str, field: str, value: Any) -> str:
    """A value as the text shows it: a card's stage and persona, a flow's cards by their names."""
    from ..model.diff_words import spoken_value

    if collection == "touchpoints" and field == "stage" and value in places.stages:
        value = places.stages[value]
    elif collection == "touchpoints" and field == "persona" and value in places.personas:
        value = places.personas[value]
    elif collection == "flows" and field in ("source", "target") and value in places.cards:
        return places.card_title(value)
    return one_line(spoken_value(field, value, ascii_signs=True))


def _item_words(places: Places, change: ElementChange, item: ItemChange) -> str:
    from ..model.diff_words import field_words
    from ..model.messages import NOUNS, quoted

    words = (item.new or item.old or {}).get("text") or (item.new or item.old or {}).get("name") or ""
    head = f"{NOUNS[item.field]} {quoted(words)}" if words else NOUNS[item.field]
    if item.kind != "changed":
        return f"{head} {item.kind}"
    before, after = item.old or {}, item.new or {}
    fields = [f"{field_words(key, item.field)} {_value(places, item.field, key, before.get(key))} -> "
              f"{_value(places, item.field, key, value)}" for key, value in after.items() if before.get(key) != value]
    return f"{head}: {', '.join(fields)}"


def _move_words(places: Places, move: Move) -> str:
    """`moved in its cell: now after “Pays deposit”`: a card's place number alone may not change when
    cards came or went, so a card says which unmoved neighbour it is next to now; a stage or persona
    says its column or lane (and its neighbour only when the number stayed)."""
    from ..model.messages import quoted

    def name(element_id: str) -> str:
        if move.collection == "touchpoints":
            return places.card_title(element_id)
        return quoted((places.stages if move.collection == "stages" else places.personas).get(element_id, "?"))
    neighbour = (f"now after {name(move.after)}" if move.after else
                 f"now before {name(move.before)}" if move.before else "")
    if move.collection == "touchpoints":
        return f"moved in its cell: {neighbour}" if neighbour else "moved in its cell"
    noun = _PLACE_WORDS.get(move.collection, "place")
    if move.old_place != move.new_place:
        return f"moved from {noun} {move.old_place} to {noun} {move.new_place}"
    return f"moved: {neighbour}" if neighbour else "moved"


def text_lines(diff: MapDiff, places: Places, old_places: Places | None = None) -> list[str]:
    """One line per change, then a summary:
    `~ Purchase / Wedding planner: “Pays deposit by phone”: emotion -1 -> 1`. `places` names elements as the
    new map has them, `old_places` those removed (and where a moved card was)."""
    from ..model.diff_words import field_words

    old_places = old_places or places
    lines = [f"~ Map: {field_words(f.field)} {_value(places, 'map', f.field, f.old)} -> "
             f"{_value(places, 'map', f.field, f.new)}" for f in diff.map_fields]
    moved = 0
    for change in diff.elements:
        where = (old_places if change.kind == "removed" else places).element(change.collection, change.element_id)
        if change.kind != "changed":
            lines.append(f"{_SIGNS[change.kind]} {where}: {change.kind}")
            continue
        cell = [f for f in change.fields if change.collection == "touchpoints" and f.field in _CELL_FIELDS]
        if cell:
            moved += 1
            old_stage, old_persona = old_places.cards.get(change.element_id, ("", "?", "?"))[1:]
            lines.append(f"> {where}: moved from {old_places.cell(old_stage, old_persona)}")
        parts = [f"{field_words(f.field, change.collection)} {_value(places, change.collection, f.field, f.old)} -> "
                 f"{_value(places, change.collection, f.field, f.new)}" for f in change.fields if f not in cell]
        items = [_item_words(places, change, item) for item in change.items[:ITEMS_SHOWN]]
        if len(change.items) > ITEMS_SHOWN:
            items.append(f"and {len(change.items) - ITEMS_SHOWN} more (--format json lists them all)")
        parts += items
        if parts:
            lines.append(f"~ {where}: " + "; ".join(parts))
    for move in diff.moves:
        lines.append(f"> {places.element(move.collection, move.element_id)}: {_move_words(places, move)}")
    moved += len(diff.moves)
    if diff.same:
        lines.append("no changes")
        return lines
    counts = {kind: sum(1 for c in diff.elements if c.kind == kind) for kind in ("added", "removed")}
    changed = sum(1 for c in diff.elements if c.kind == "changed"
                  and (c.items or any(f.field not in _CELL_FIELDS or c.collection != "touchpoints" for f in c.fields)))
    lines.append(f"{counts['added']} added, {counts['removed']} removed, {changed} changed, {moved} moved"
                 + (f"; {len(diff.map_fields)} of the map's own fields changed" if diff.map_fields else ""))
    return lines


def run_git_external(arguments: list[str]) -> None:
    """Print the changes of one path as git hands it over (see the module's docstring)."""
    path = arguments[0]
    if len(arguments) == 1:
        print(f"journeymapper diff {path}: the merge left conflicts in this map; see `git status`")
        return
    old_file, new_file = arguments[1], arguments[4]
    new_path = arguments[7] if len(arguments) == 9 else path
    print(f"journeymapper diff a/{path} b/{new_path}")
    maps = []
    for side, file in (("old", old_file), ("new", new_file)):
        if file == _NO_FILE:
            maps.append(None)
            continue
        loaded = _load_quietly(file)
        if isinstance(loaded, str):
            print(f"the {side} version cannot be read: {loaded}")
            return
        maps.append(loaded)
    old, new = maps
    if old is None or new is None:
        present = new if old is None else old
        counts = f"{len(present.personas)} personas, {len(present.stages)} stages, {len(present.touchpoints)} cards"
        print(f"{'+ new' if old is None else '- removed'} map “{one_line(present.title)}” ({counts})")
        return
    from ..model.diff import diff_maps
    from ..model.diff_words import Places

    for line in text_lines(diff_maps(old, new), Places(new, old), Places(old, new)):
        print(line)


def _load_quietly(path: str) -> Any:
    """The map in `path`, or why it cannot be read (one line)."""
    from ..io import LoadError, load_path

    try:
        return load_path(path).map
    except LoadError as exc:
        return one_line("; ".join(exc.lines()[:2]))
