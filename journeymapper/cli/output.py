"""How the command line speaks: one line per message, whatever the map's text holds."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ..i18n import _, interface_language, set_interface_language

if TYPE_CHECKING:
    from ..io import LoadedMap

PROG = "journeymapper"


def one_line(text: str) -> str:
    """Fold line breaks and runs of white space, so a title with a newline stays one line (as
    `model.messages.one_line`, kept here so that a command's start-up does not load the model)."""
    return " ".join(text.split())


def say_error(message: str) -> None:
    # TRANSLATORS: the start of every error the command line prints: "journeymapper: error: ..."
    print(_("{prog}: error: {message}").format(prog=PROG, message=one_line(message)), file=sys.stderr)


def say_warning(message: str) -> None:
    print(_("{prog}: warning: {message}").format(prog=PROG, message=one_line(message)), file=sys.stderr)


@contextmanager
def machine_output(active: bool = True) -> Iterator[None]:
    """While it runs, the command speaks English: `--format json` is read by programs, which match
    its messages whatever language the user reads (its lines on stderr are English too, as they
    are made by the same reading of the files)."""
    if not active:
        yield
        return
    before = interface_language()
    set_interface_language("en")
    try:
        yield
    finally:
        set_interface_language(before)


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
    if not loaded.newer:
        return
    if not loaded.dropped:
        say_warning(_("{path}: saved by a newer journeymapper (file format {version}): read without what "
                      "this version does not know").format(path=path, version=loaded.schema_version))
        return
    shown = ", ".join(loaded.dropped[:3])
    if len(loaded.dropped) > 3:
        # TRANSLATORS: {keys} lists the first three places in the file (map.touchpoints[0].mood...)
        shown = _("{keys} and more").format(keys=shown)
    said = _("{path}: saved by a newer journeymapper (file format {version}): read without what this version "
             "does not know ({keys})")
    say_warning(said.format(path=path, version=loaded.schema_version, keys=shown))
