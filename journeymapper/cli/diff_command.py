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

from ..i18n import N_, _, _n
from .commands import summary
from .output import load_or_report, machine_output, one_line, say_error

if TYPE_CHECKING:
    from ..model.diff import ElementChange, ItemChange, MapDiff, Move
    from ..model.diff_words import Places

EXIT_SAME, EXIT_DIFFERENT, EXIT_UNREADABLE = 0, 1, 2
_SIGNS = {"added": "+", "removed": "-", "changed": "~"}
_CELL_FIELDS = ("stage", "persona")
_KIND_WORDS = {"added": N_("added"), "removed": N_("removed")}
_ITEM_KIND_WORDS = {"added": N_("{item} added"), "removed": N_("{item} removed")}
_PLACE_MOVES = {"stages": N_("moved from column {old} to column {new}"),
                "personas": N_("moved from lane {old} to lane {new}")}
_OTHER_PLACE_MOVE = N_("moved from place {old} to place {new}")
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
        description=_("Say what changed from OLD to NEW: the map's fields, then each persona, stage, card "
                      "and flow added (+), removed (-), changed (~) or moved (>), named by where it is on "
                      "the map, e.g. ~ Purchase / Wedding planner: “Pays deposit by phone”: emotion -1 -> 1. "
                      "Elements are matched by id: a card moved or renamed is one card that changed. Works "
                      "on any two maps: two versions of one file, or today's map and its future-state map."),
        epilog=_("exit status: 0 the same, 1 different, 2 a file cannot be read (with --git-external: always "
                 "0, as git requires of a diff driver)"),
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help=_("OLD.jmap NEW.jmap (or git's seven "
                                                                   "arguments)"))
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help=_("output format (default: text; json is in English whatever the language)"))
    parser.add_argument("--git-external", action="store_true",
                        help=_("be git's external diff driver: take git's arguments, print the changes, exit "
                               "0"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from .main import UsageError

    if args.git_external:
        if len(args.files) not in _GIT_COUNTS:
            raise UsageError(_("--git-external takes git's 1, 7 or 9 arguments, not {count}").format(
                count=len(args.files)))
        run_git_external(args.files)
        return 0
    if len(args.files) != 2:
        raise UsageError(_("diff takes two maps: OLD.jmap NEW.jmap"))
    with machine_output(args.format == "json"):
        return _compare(args)


def _compare(args: argparse.Namespace) -> int:
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
        say_error(_("cannot tell whether the maps differ: {files} holds what this version of journeymapper "
                    "cannot read; update journeymapper to compare them "
                    "fully").format(files=", ".join(unread)))
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
    from ..model.messages import noun, quoted

    words = (item.new or item.old or {}).get("text") or (item.new or item.old or {}).get("name") or ""
    # TRANSLATORS: an item of an element by its kind and text: pain point “Slow delivery”
    head = _("{noun} {text}").format(noun=noun(item.field), text=quoted(words)) if words else noun(item.field)
    if item.kind != "changed":
        return _(_ITEM_KIND_WORDS[item.kind]).format(item=head)
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
    neighbour = (_("now after {name}").format(name=name(move.after)) if move.after else
                 _("now before {name}").format(name=name(move.before)) if move.before else "")
    if move.collection == "touchpoints":
        return _("moved in its cell: {where}").format(
            where=neighbour) if neighbour else _("moved in its cell")
    if move.old_place != move.new_place:
        return _(_PLACE_MOVES.get(move.collection, _OTHER_PLACE_MOVE)).format(
            old=move.old_place, new=move.new_place)
    return _("moved: {where}").format(where=neighbour) if neighbour else _("moved")


def text_lines(diff: MapDiff, places: Places, old_places: Places | None = None) -> list[str]:
    """One line per change, then a summary:
    `~ Purchase / Wedding planner: “Pays deposit by phone”: emotion -1 -> 1`. `places` names elements as the
    new map has them, `old_places` those removed (and where a moved card was)."""
    from ..model.diff_words import field_words

    old_places = old_places or places
    # TRANSLATORS: the map itself, where `journeymapper diff` says a field of it changed: "~ Map: title ..."
    the_map = _("Map")
    lines = [f"~ {the_map}: {field_words(f.field)} {_value(places, 'map', f.field, f.old)} -> "
             f"{_value(places, 'map', f.field, f.new)}" for f in diff.map_fields]
    moved = 0
    for change in diff.elements:
        where = (old_places if change.kind == "removed" else places).element(change.collection, change.element_id)
        if change.kind != "changed":
            lines.append(f"{_SIGNS[change.kind]} {where}: {_(_KIND_WORDS[change.kind])}")
            continue
        cell = [f for f in change.fields if change.collection == "touchpoints" and f.field in _CELL_FIELDS]
        if cell:
            moved += 1
            old_stage, old_persona = old_places.cards.get(change.element_id, ("", "?", "?"))[1:]
            lines.append("> " + _("{element}: moved from {cell}").format(
                element=where, cell=old_places.cell(old_stage, old_persona)))
        parts = [f"{field_words(f.field, change.collection)} {_value(places, change.collection, f.field, f.old)} -> "
                 f"{_value(places, change.collection, f.field, f.new)}" for f in change.fields if f not in cell]
        items = [_item_words(places, change, item) for item in change.items[:ITEMS_SHOWN]]
        if len(change.items) > ITEMS_SHOWN:
            more = len(change.items) - ITEMS_SHOWN
            items.append(_n("and {n} more (--format json lists them all)", "and {n} more (--format json "
                                                                           "lists them all)",
                            more).format(n=more))
        parts += items
        if parts:
            lines.append(f"~ {where}: " + "; ".join(parts))
    for move in diff.moves:
        lines.append(f"> {places.element(move.collection, move.element_id)}: {_move_words(places, move)}")
    moved += len(diff.moves)
    if diff.same:
        lines.append(_("no changes"))
        return lines
    counts = {kind: sum(1 for c in diff.elements if c.kind == kind) for kind in ("added", "removed")}
    changed = sum(1 for c in diff.elements if c.kind == "changed"
                  and (c.items or any(f.field not in _CELL_FIELDS or c.collection != "touchpoints" for f in c.fields)))
    # TRANSLATORS: the last line of `journeymapper diff`: how many elements were added, removed, changed...
    line = _("{added} added, {removed} removed, {changed} changed, {moved} moved").format(
        added=counts["added"], removed=counts["removed"], changed=changed, moved=moved)
    if diff.map_fields:
        line += _n("; {n} of the map's own fields changed", "; {n} of the map's own fields changed",
                   len(diff.map_fields)).format(n=len(diff.map_fields))
    lines.append(line)
    return lines


def run_git_external(arguments: list[str]) -> None:
    """Print the changes of one path as git hands it over (see the module's docstring)."""
    path = arguments[0]
    if len(arguments) == 1:
        print(_("journeymapper diff {path}: the merge left conflicts in this map; see `git status`").format(
            path=path))
        return
    old_file, new_file = arguments[1], arguments[4]
    new_path = arguments[7] if len(arguments) == 9 else path
    # not translated: a header, as git's own "diff --git a/... b/..."
    print(f"journeymapper diff a/{path} b/{new_path}")
    maps = []
    unreadable = (_("the old version cannot be read: {reason}"),
                  _("the new version cannot be read: {reason}"))
    for cannot, file in zip(unreadable, (old_file, new_file)):
        if file == _NO_FILE:
            maps.append(None)
            continue
        loaded = _load_quietly(file)
        if isinstance(loaded, str):
            print(cannot.format(reason=loaded))
            return
        maps.append(loaded)
    old, new = maps
    if old is None or new is None:
        present = new if old is None else old
        counts = ", ".join([
            _n("{n} persona", "{n} personas", len(present.personas)).format(n=len(present.personas)),
            _n("{n} stage", "{n} stages", len(present.stages)).format(n=len(present.stages)),
            _n("{n} card", "{n} cards", len(present.touchpoints)).format(n=len(present.touchpoints))])
        title = f"“{one_line(present.title)}”"
        if old is None:
            print("+ " + _("new map {title} ({counts})").format(title=title, counts=counts))
        else:
            print("- " + _("removed map {title} ({counts})").format(title=title, counts=counts))
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
