"""`journeymapper check`: the flow checker on the command line (see docs/checks.md).

Exit status: 0 no errors, 1 an error (or, with --strict, a warning), 2 a file
could not be read or the command line is wrong. Unreadable files are named
on stderr, and the other files are still checked.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from contextlib import nullcontext
from typing import TYPE_CHECKING, Any

from ..check.problem import RULES, SEVERITIES, Problem
from ..gc_tuning import building_long_lived_objects
from ..i18n import N_, _, _n
from ..io.errors import LoadError
from .commands import summary
from .output import machine_output, one_line, say_error, warn_if_newer

if TYPE_CHECKING:
    from ..io import LoadedMap
    from ..model import Map

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2
SEVERITY_WORDS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}
"""A severity as a line of text output says it (the JSON output keeps the code's own word)."""


def register(commands: Any) -> None:
    severity = {key: _(word) for key, word in SEVERITY_WORDS.items()}
    width = max(len(word) for word in severity.values())
    rules = "\n".join(f"  {code}  {severity[level]:<{width}}  {_(text)}"
                      for code, (level, text) in RULES.items())
    parser = commands.add_parser(
        "check",
        help=summary("check"),
        description=_("Report flow problems (dead ends, unreachable touchpoints, backward flows...) in .jmap "
                      "files."),
        epilog=_("rules:\n{rules}\n\nexit status: 0 no errors, 1 errors found (--strict: or warnings), 2 "
                 "unreadable file").format(rules=rules),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("maps", nargs="+", metavar="MAP.jmap", help=_("the maps to check"))
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help=_("output format (default: text; json is in English whatever the language)"))
    parser.add_argument("--strict", action="store_true",
                        help=_("count warnings as errors in the exit status"))
    parser.set_defaults(run=run)


def _counts(totals: Counter[str]) -> str:
    """"2 errors, 1 warning, 0 info": each severity counted, in the order of SEVERITIES."""
    said = {
        "error": _n("{n} error", "{n} errors", totals["error"]),
        "warning": _n("{n} warning", "{n} warnings", totals["warning"]),
        "info": _n("{n} info", "{n} info", totals["info"]),
    }
    return ", ".join(said[s].format(n=totals[s]) for s in SEVERITIES)


def summary_line(checked: int, unreadable: int, totals: Counter[str]) -> str:
    """The last line of the text output: "2 files checked: 1 error, 0 warnings, 3 info"."""
    line = _n("{n} file checked: {counts}", "{n} files checked: {counts}", checked).format(
        n=checked, counts=_counts(totals))
    if unreadable:
        line += _n("; {n} file could not be read", "; {n} files could not be read", unreadable).format(
            n=unreadable)
    return line


def _reader_and_checker() -> tuple[Callable[[str], LoadedMap], Callable[[Map], list[Problem]]]:
    """`load_path` and `check_map`, imported when a check runs: they bring pydantic, the model and networkx.

    That import makes some 40,000 objects (modules, classes, pydantic's validators) that live as long
    as the process and are no garbage. Made as the editor makes an opened map (gc_tuning: the collector
    paused, then what exists frozen), no collection walks them, neither while they are made nor in
    the collector's last sweep when the command ends: about a fifth of a small map's check. Only the
    first import does that; a later check in the same process (the tests call `main`) finds them loaded.
    """
    first = not {"journeymapper.check.checker", "journeymapper.io.reader"} <= sys.modules.keys()
    with building_long_lived_objects() if first else nullcontext():
        from ..check import check_map
        from ..io import load_path
    return load_path, check_map


def run(args: argparse.Namespace) -> int:
    with machine_output(args.format == "json"):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    load_path, check_map = _reader_and_checker()

    failing = {"error", "warning"} if args.strict else {"error"}
    results: list[dict[str, Any]] = []
    totals: Counter[str] = Counter()
    unreadable = 0
    found_failing = False
    for name in args.maps:
        try:
            loaded = load_path(name)
        except LoadError as exc:
            unreadable += 1
            for line in exc.lines():
                say_error(line)
            results.append({"file": name, "error": one_line(exc.summary()), "problems": []})
            continue
        warn_if_newer(name, loaded)
        problems = check_map(loaded.map)
        totals.update(p.severity for p in problems)
        found_failing |= any(p.severity in failing for p in problems)
        results.append({"file": name, "problems": [p.to_json() for p in problems]})
        if args.format == "text":
            for problem in problems:
                print(_text_line(name, problem))
    if args.format == "json":
        json.dump({"files": results}, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(summary_line(len(args.maps) - unreadable, unreadable, totals))
    if unreadable:
        return EXIT_UNREADABLE
    return EXIT_PROBLEMS if found_failing else EXIT_OK


def _text_line(name: str, problem: Problem) -> str:
    elements = f" [{', '.join(problem.elements)}]" if problem.elements else ""
    severity = _(SEVERITY_WORDS.get(problem.severity, problem.severity))
    return f"{name}: {severity} {problem.code} {one_line(problem.message)}{elements}"
