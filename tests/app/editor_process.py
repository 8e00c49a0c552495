"""A second journeymapper, in a process of its own, for tests of two editors on one file.

    python -m tests.app.editor_process MAP.jmap [--edit TITLE] [--autosave]

Opens the map in a window (offscreen), optionally changes its title and autosaves, prints
"ready" and then waits: for a line on stdin (then it closes cleanly, saving if asked with
"save"), or to be killed (a crash). The data folder is the environment's XDG_DATA_HOME.
"""

from __future__ import annotations

import argparse
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("map")
    parser.add_argument("--edit")
    parser.add_argument("--autosave", action="store_true")
    args = parser.parse_args()
    from journeymapper import gui

    gui.application()
    window = gui.open_window(args.map)
    window.ask_locked = lambda name, owner: "open_anyway"
    if args.edit:
        window.editor.set_map_field("title", args.edit)
    if args.autosave:
        window.autosave()
    print("ready", flush=True)
    line = sys.stdin.readline().strip()
    if line == "save":
        window.save()
    window.ask_save_changes = lambda: "discard"
    window.close()
    print("closed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
