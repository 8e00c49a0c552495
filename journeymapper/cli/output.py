"""How the command line speaks: one line per message, whatever the map's text holds."""

from __future__ import annotations

import sys

PROG = "journeymapper"


def one_line(text: str) -> str:
    """Fold line breaks and runs of white space, so a title with a newline stays one line."""
    return " ".join(text.split())


def say_error(message: str) -> None:
    print(f"{PROG}: error: {one_line(message)}", file=sys.stderr)


def say_warning(message: str) -> None:
    print(f"{PROG}: warning: {one_line(message)}", file=sys.stderr)
