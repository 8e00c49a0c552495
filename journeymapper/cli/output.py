"""How the command line speaks: one line per message, whatever the map's text holds."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..io import LoadedMap

PROG = "journeymapper"


def one_line(text: str) -> str:
    """Fold line breaks and runs of white space, so a title with a newline stays one line."""
    return " ".join(text.split())


def say_error(message: str) -> None:
    print(f"{PROG}: error: {one_line(message)}", file=sys.stderr)


def say_warning(message: str) -> None:
    print(f"{PROG}: warning: {one_line(message)}", file=sys.stderr)


def load_or_report(path: str) -> LoadedMap | None:
    """Read a map; if it cannot be read, say why (one line per problem) and return None."""
    from ..io import LoadError, load_path

    try:
        return load_path(path)
    except LoadError as exc:
        for line in exc.lines():
            say_error(line)
        return None
