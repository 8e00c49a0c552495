"""Reads the editor's map the way a screen reader does: over AT-SPI, with the system's pyatspi.

    /usr/bin/python3 tests/atspi/read_canvas.py EDITOR_COMMAND...

Run inside a D-Bus session (`dbus-run-session`) on an X display: starts the editor command (with
Qt's accessibility bridge on, from the environment), waits for the application named
"journeymapper" on the accessibility bus, finds its canvas and reads every child of it (role, name,
description, states); then points at the canvas and presses Right, Right, Down as a person would
(through the registry's synthetic key events), collects the focus and selection events the editor
sends, and reads which child says it is focused. Prints one JSON object on stdout and stops the
editor. This is the system Python (Debian's python3-pyatspi), not the project's: it only reports;
tests/atspi/test_canvas_over_atspi.py holds what it must find.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pyatspi
from gi.repository import GLib

APP_NAME = "journeymapper"
KEYS = (("Right", 0xFF53), ("Right", 0xFF53), ("Down", 0xFF54))
STEP_MS = 800


def wait_for(what, timeout: float):
    """Poll `what()` until it returns something (or the time is up: None)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = what()
        if found is not None:
            return found
        time.sleep(0.25)
    return None


def application():
    desktop = pyatspi.Registry.getDesktop(0)
    for k in range(desktop.childCount):
        app = desktop.getChildAtIndex(k)
        if app is not None and app.name == APP_NAME:
            return app
    return None


def find_role(node, role: str, depth: int = 0):
    if node is None or depth > 20:
        return None
    if node.getRoleName() == role:
        return node
    for k in range(node.childCount):
        found = find_role(node.getChildAtIndex(k), role, depth + 1)
        if found is not None:
            return found
    return None


def canvas_of(app):
    """The map's canvas, once it has its children (the map is open)."""
    canvas = find_role(app, "canvas")
    return canvas if canvas is not None and canvas.childCount else None


def states(node) -> list[str]:
    return sorted(pyatspi.stateToString(s) for s in node.getState().getStates())


def read(node) -> dict:
    return {"role": node.getRoleName(), "name": node.name, "description": node.description,
            "states": states(node), "index": node.getIndexInParent(),
            "parent": node.parent.name if node.parent is not None else None}


def press_keys(canvas) -> list[dict]:
    """Point at the canvas, press the keys, and return the events seen meanwhile."""
    events: list[dict] = []

    def heard(event) -> None:
        try:
            events.append({"type": event.type, "name": event.source.name, "role": event.source.getRoleName(),
                           "detail": event.detail1})
        except Exception as error:  # (an object gone meanwhile)
            events.append({"type": event.type, "error": str(error)})

    kinds = ("focus:", "object:state-changed:focused", "object:state-changed:selected")
    pyatspi.Registry.registerEventListener(heard, *kinds)
    box = canvas.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    # An X server without a window manager gives the keys to the window under the pointer.
    pyatspi.Registry.generateMouseEvent(box.x + box.width // 2, box.y + box.height - 4, pyatspi.MOUSE_ABS)
    loop = GLib.MainLoop()
    pending = list(KEYS)

    def step() -> bool:
        if not pending:
            loop.quit()
            return False
        _name, keysym = pending.pop(0)
        pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
        return True

    GLib.timeout_add(STEP_MS, step)
    loop.run()
    pyatspi.Registry.deregisterEventListener(heard, *kinds)
    return events


def main(command: list[str]) -> dict:
    editor = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    report: dict = {"keys": [name for name, _ in KEYS]}
    try:
        app = wait_for(application, 90)
        if app is None:
            report["error"] = f"no application named {APP_NAME!r} on the accessibility bus"
            return report
        report["application"] = app.name
        canvas = wait_for(lambda: canvas_of(app), 60)
        if canvas is None:
            report["error"] = "the application has no canvas with children"
            return report
        report["canvas"] = read(canvas)
        report["children"] = [read(canvas.getChildAtIndex(k)) for k in range(canvas.childCount)]
        report["events"] = press_keys(canvas)
        report["after_keys"] = [read(canvas.getChildAtIndex(k)) for k in range(canvas.childCount)]
        return report
    finally:
        editor.terminate()
        try:
            _out, err = editor.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            editor.kill()
            _out, err = editor.communicate()
        report["editor_stderr"] = err[-4000:]


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
