"""`journeymapper` on the command line: check, create and upgrade maps without a window.

Any failure is one line on stderr (`journeymapper: error: ...`) and a
non-zero exit, never a traceback. Set JOURNEYMAPPER_DEBUG=1 to see the
traceback of an unexpected error when reporting a bug.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from importlib import import_module
from typing import NoReturn

from .. import FILE_FORMAT_VERSION, __version__
from ..i18n import _
from .argparse_words import argparse_in_our_language
from .commands import COMMANDS, summary
from .output import PROG, say_error

EXIT_USAGE = 2


class UsageError(Exception):
    """The command line is wrong; exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a wrong command line is one line, not a usage dump."""

    def error(self, message: str) -> NoReturn:
        # TRANSLATORS: {message} is argparse's own (English) words about the command line
        raise UsageError(_("{message} (see '{command} --help')").format(message=message, command=self.prog))


def build_parser(wanted: Iterable[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; only the commands in `wanted` (default: all) get their options.

    A command's options live in its module, and importing that module brings what the options
    need (ReportLab's paper sizes for `export`...). The others are listed by name and summary,
    which is all `--help` shows of them, so a command starts without the others' imports.
    """
    loaded = set(COMMANDS if wanted is None else wanted)
    parser = _Parser(
        prog=PROG,
        usage=f"{PROG} [MAP.jmap ...] | {PROG} COMMAND [options]",
        description=_(
            "Customer journey maps. With no command, opens the editor on the maps named "
            "(or on a start page). The commands below work without a display."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=_("{prog} {version} (file format {format})").format(prog=PROG, version=__version__,
                                                                   format=FILE_FORMAT_VERSION),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser, prog=PROG)
    modules = dict.fromkeys(command.module for command in COMMANDS.values())  # in the order --help lists them
    for module in modules:
        names = [name for name, command in COMMANDS.items() if command.module == module]
        if loaded.intersection(names):
            import_module(f".{module}", __package__).register(commands)  # all of the module's commands
        else:
            for name in names:
                commands.add_parser(name, help=summary(name))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[attr-defined]
        except (AttributeError, ValueError):
            pass
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        # A command line that starts with neither a command nor an option names files for the editor.
        if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
            unknown = [a for a in argv if not (a.endswith(".jmap") or os.path.exists(a))]
            if unknown:
                raise UsageError(_("{name} is neither a command nor a .jmap file (see '{command} "
                                   "--help')").format(name=repr(unknown[0]), command=PROG))
            from .gui_command import run_gui  # (it brings subprocess; Qt itself comes later)

            return run_gui(argv)
        # Any word that names a command gets its options, wherever it stands, as argparse may pick it.
        with argparse_in_our_language():  # (argparse says some of its words as the parser is made)
            parser = build_parser(name for name in argv if name in COMMANDS)
            args = parser.parse_args(argv)
            if args.command is None:
                parser.print_help()
                return 0
        return int(args.run(args))
    except UsageError as exc:
        say_error(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        say_error(_("interrupted"))
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
            import traceback

            traceback.print_exc()
        say_error(_("unexpected problem: {problem} (set JOURNEYMAPPER_DEBUG=1 for details)").format(
            problem=f"{type(exc).__name__}: {exc}"))
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
