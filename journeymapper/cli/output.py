"""How the command line speaks: one line per message, whatever the map's text holds."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..io import LoadedMap

PROG = "journeymapper"


def one_line(text: str) -> str:
    """Fold line breaks and runs of white space, so a title with a newline stays one line (as
    `model.messages.one_line`, kept here so that a command's start-up does not load the model)."""
    return " ".join(text.split())


def say_error(message: str) -> None:
    print(f"{PROG}: error: {one_line(message)}", file=sys.stderr)


def say_warning(message: str) -> None:
    print(f"{PROG}: warning: {one_line(message)}", file=sys.stderr)


def load_or_report(path: str) -> LoadedMap | None:
    """Read a map; if it cannot be read, say why (one line per problem) and return None."""
    from ..io import LoadError, load_path

    try:
        loaded = load_path(path)
    except LoadError as exc:
        for line in exc.lines():
            say_error(line)
        return None
    warn_if_newer(path, loaded)
    return loaded


def warn_if_newer(path: str, loaded: LoadedMap) -> None:
    """A map a newer journeymapper saved is read without what this version does not know: say so."""
    if loaded.newer:
        left_out = f" ({', '.join(loaded.dropped[:3])}{' and more' if len(loaded.dropped) > 3 else ''})" \
            if loaded.dropped else ""
        say_warning(f"{path}: saved by a newer journeymapper (file format {loaded.schema_version}): read without "
                    f"what this version does not know{left_out}")
