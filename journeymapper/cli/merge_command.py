"""`journeymapper merge BASE OURS THEIRS -o OUT`: combine two people's edits of one map, by element id.

Also git's merge driver (docs/sharing-in-git.md): git calls it as `merge %O %A %B -o %A --name %P`, with
OUT the same file as OURS, reads OUT back, and takes a non-zero exit as "conflicts left".
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from ..i18n import _, _n
from .commands import summary
from .output import load_or_report, one_line, say_error

EXIT_CLEAN, EXIT_CONFLICTS, EXIT_FAILED = 0, 1, 2


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "merge",
        help=summary("merge"),
        description=_("Merge what OURS and THEIRS each changed since BASE, the version both started from, "
                      "and write the result to OUT. Changes to different personas, stages, cards, flows or "
                      "fields combine; a field both changed differently is a conflict: OUT keeps ours' value "
                      "and the conflict is listed with both values. OUT is replaced in one step (it may be "
                      "OURS, as git's merge driver wants); no backup is kept."),
        epilog=_("exit status: 0 merged, 1 merged with conflicts (ours kept for each), 2 not merged (a file "
                 "cannot be read or OUT cannot be written)"),
    )
    parser.add_argument("base", metavar="BASE.jmap", help=_("the version both sides started from"))
    parser.add_argument("ours", metavar="OURS.jmap",
                        help=_("our version (kept where both changed one thing)"))
    parser.add_argument("theirs", metavar="THEIRS.jmap", help=_("their version"))
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help=_("the merged map to write"))
    # TRANSLATORS: %%P is git's own placeholder (written %P): keep it as it is
    parser.add_argument("--name", metavar="NAME", help=_("the map's name in messages (git's %%P: the files "
                                                         "it passes are temporary)"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..io.errors import SaveError
    from ..io.writer import map_bytes, write_atomic
    from ..model.merge import merge_maps

    name = args.name or args.output
    if _empty(args.base):
        say_error(_("{name}: there is no common version to merge from ({base} is empty: both sides added "
                    "this map on their own); nothing merged").format(name=name, base=args.base))
        return EXIT_FAILED
    loaded = [load_or_report(path) for path in (args.base, args.ours, args.theirs)]
    if any(side is None for side in loaded):
        return EXIT_FAILED
    base, ours, theirs = loaded  # type: ignore[misc]
    newer = next((path for path, side in zip((args.base, args.ours, args.theirs), loaded) if side.newer), None)
    if newer is not None:
        say_error(_("{file}: saved by a newer journeymapper; merging it here would lose what this version "
                    "does not know: nothing merged").format(file=newer))
        return EXIT_FAILED
    result = merge_maps(base.map, ours.map, theirs.map)
    try:
        write_atomic(args.output, map_bytes(result.map, ours.view, args.output), keep_backup=False)
    except SaveError as exc:
        say_error(str(exc))
        return EXIT_FAILED
    for conflict in result.conflicts:
        print(_("conflict: {description}").format(description=one_line(conflict.description)))
    if result.clean:
        print(_("{name}: merged, no conflicts").format(name=name))
        return EXIT_CLEAN
    count = len(result.conflicts)
    print(_n("{name}: merged with {n} conflict; ours was kept for it",
             "{name}: merged with {n} conflicts; ours was kept for each", count).format(name=name, n=count))
    return EXIT_CONFLICTS


def _empty(path: str) -> bool:
    try:
        return os.path.isfile(path) and os.path.getsize(path) == 0
    except OSError:
        return False
