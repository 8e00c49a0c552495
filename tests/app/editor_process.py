"""A second journeymapper, in a process of its own, for tests of two editors on one file.

    python -m tests.app.editor_process MAP.jmap [--edit TITLE] [--autosave]
    python -m tests.app.editor_process --recover      (recovers every autosave, answering Yes)
    python -m tests.app.editor_process --list         (prints the titles offered for recovery)

Opens the map in a window (offscreen), optionally changes its title and autosaves (then prints
"notice KIND", what the window's notice bar shows), prints "ready" and then waits: for a line on stdin (then it closes cleanly, saving if asked with
"save"), or to be killed (a crash). The data folder is the environment's XDG_DATA_HOME.
"""

from __future__ import annotations

import argparse
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("map", nargs="?")
    parser.add_argument("--edit")
    parser.add_argument("--autosave", action="store_true")
    parser.add_argument("--recover", action="store_true")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    from journeymapper import gui

    gui.application()
    if args.list:
        from journeymapper.app.autosave import find_recoverable

        for item in find_recoverable():
            print(f"recoverable {item.title}", flush=True)
        return 0
    if args.recover:
        from PySide6.QtWidgets import QMessageBox

        from journeymapper.app.desktop import offer_recovery

        QMessageBox.exec = lambda box: QMessageBox.StandardButton.Yes.value  # the user says yes
        count = offer_recovery(gui.open_window)
        print(f"recovered {count}", flush=True)
        sys.stdin.readline()  # (killed here: a second crash)
        return 0
    window = gui.open_window(args.map)
    window.ask_locked = lambda name, owner: "open_anyway"
    if args.edit:
        window.editor.set_map_field("title", args.edit)
    if args.autosave:
        window.autosave()
        print(f"notice {window.notice.kind}", flush=True)
    print("ready", flush=True)
    line = sys.stdin.readline().strip()
    if line == "save":
        print(f"saved {window.save()}", flush=True)
    window.ask_save_changes = lambda: "discard"
    window.close()
    print("closed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
