"""`journeymapper` on the command line: check, create and upgrade maps without a window.

Any failure is one line on stderr (`journeymapper: error: ...`) and a
non-zero exit, never a traceback. Set JOURNEYMAPPER_DEBUG=1 to see the
traceback of an unexpected error when reporting a bug.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from typing import NoReturn

from .. import __version__
from ..io.migrations import CURRENT_VERSION
from . import check_command, desktop_command, export_command, file_commands
from .gui_command import run_gui
from .output import PROG, say_error

EXIT_USAGE = 2


class UsageError(Exception):
    """The command line is wrong; exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a wrong command line is one line, not a usage dump."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        usage=f"{PROG} [MAP.jmap ...] | {PROG} COMMAND [options]",
        description=(
            "Customer journey maps. With no command, opens the editor on the maps named "
            "(or on a start page). The commands below work without a display."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{PROG} {__version__} (file format {CURRENT_VERSION})",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser, prog=PROG)
    check_command.register(commands)
    file_commands.register(commands)
    export_command.register(commands)
    desktop_command.register(commands)
    # Anything else on the command line is a file for the editor.
    parser.command_names = frozenset(commands.choices)  # type: ignore[attr-defined]
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[attr-defined]
        except (AttributeError, ValueError):
            pass
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if not argv or (argv[0] not in parser.command_names and not argv[0].startswith("-")):
            unknown = [a for a in argv if not (a.endswith(".jmap") or os.path.exists(a))]
            if unknown:
                raise UsageError(f"{unknown[0]!r} is neither a command nor a .jmap file (see '{PROG} --help')")
            return run_gui(argv)
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 0
        return int(args.run(args))
    except UsageError as exc:
        say_error(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        say_error("interrupted")
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`); nothing left to say.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        except OSError:
            pass
        return 1
    except Exception as exc:  # the last line of defence: users never see a traceback
        if os.environ.get("JOURNEYMAPPER_DEBUG"):
            traceback.print_exc()
        say_error(f"unexpected problem: {type(exc).__name__}: {exc} (set JOURNEYMAPPER_DEBUG=1 for details)")
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
