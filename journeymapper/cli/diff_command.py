"""`journeymapper diff OLD.jmap NEW.jmap`: what changed from one map to the other, by element id."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .commands import summary
from .output import load_or_report, one_line

EXIT_SAME, EXIT_DIFFERENT, EXIT_UNREADABLE = 0, 1, 2
_SIGNS = {"added": "+", "removed": "-", "changed": "~"}


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "diff",
        help=summary("diff"),
        description="Say what changed from OLD to NEW: the map's fields, then each persona, stage, card and flow "
                    "added (+), removed (-) or changed (~), matched by id (a card moved or renamed is one card that "
                    "changed). Works on any two maps: two versions of one file, or today's map and its future-state "
                    "map.",
        epilog="exit status: 0 the same, 1 different, 2 a file cannot be read",
    )
    parser.add_argument("old", metavar="OLD.jmap")
    parser.add_argument("new", metavar="NEW.jmap")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..model.diff import diff_maps, to_json

    old, new = load_or_report(args.old), load_or_report(args.new)
    if old is None or new is None:
        return EXIT_UNREADABLE
    diff = diff_maps(old.map, new.map)
    if args.format == "json":
        json.dump(to_json(diff), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for line in text_lines(diff):
            print(line)
    return EXIT_SAME if diff.same else EXIT_DIFFERENT


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return f"“{one_line(value)[:80]}”"
    return one_line(json.dumps(value, ensure_ascii=False))[:80]


def text_lines(diff) -> list[str]:  # noqa: ANN001 - (a MapDiff: the model is imported when the command runs)
    """One line per change, then a summary: `~ card “Pays online”: title “A” -> “B”`."""
    from ..model.messages import NOUNS

    lines = [f"~ map: {f.field} {_shown(f.old)} -> {_shown(f.new)}" for f in diff.map_fields]
    for change in diff.elements:
        head = f"{_SIGNS[change.kind]} {NOUNS[change.collection]} {_shown(change.name)}"
        if change.kind != "changed":
            lines.append(f"{head} [{change.element_id}]")
            continue
        parts = [f"{f.field} {_shown(f.old)} -> {_shown(f.new)}" for f in change.fields]
        for item in change.items:
            words = (item.new or item.old or {}).get("text") or (item.new or item.old or {}).get("name") or ""
            parts.append(f"{item.kind} {NOUNS[item.field]} {_shown(words)}")
        lines.append(f"{head}: " + "; ".join(parts))
    if diff.same:
        lines.append("no changes")
    else:
        counts = {kind: sum(1 for c in diff.elements if c.kind == kind) for kind in ("added", "removed", "changed")}
        lines.append(f"{counts['added']} added, {counts['removed']} removed, {counts['changed']} changed"
                     + (f"; {len(diff.map_fields)} of the map's own fields changed" if diff.map_fields else ""))
    return lines
