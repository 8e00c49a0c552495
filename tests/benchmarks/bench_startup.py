"""Benchmark: how long the command line takes to start, as whole processes.

Run it as `python tests/benchmarks/bench_startup.py [--runs N]` (pytest does not collect it).
A user waits for the whole process, interpreter start-up and imports included, so every case is
a subprocess. The baselines run in the same run, in pairs with ours, one pair after another:
  - `journeymapper --version` against `python -c pass` (the issue's goal: under 100 ms);
  - `journeymapper check` of a small map against a bare script that imports pydantic and
    networkx and reads the same file with json.loads, the floor of a checker built on those two
    libraries (the goal: a ratio of 1.5 or less; ours also builds the pydantic model, validates
    the map and runs the rules).
These machines are shared and noisy (+-40 %), so the ratios are the numbers to watch.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tests` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from journeymapper.resources import example_map_path
from tests.benchmarks.timing import installed_env, paired_ms

VERSION_GOAL_MS = 100.0
CHECK_GOAL_RATIO = 1.5
BARE_CHECK = """
import json, sys
import pydantic, networkx
json.loads(open(sys.argv[1], encoding="utf-8").read())
"""


def journeymapper_command() -> list[str]:
    """The installed `journeymapper` script beside this Python (what a user types), else `python -m`."""
    script = Path(sys.executable).with_name("journeymapper")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "journeymapper"]


def process(command: list[str]) -> Callable[[], None]:
    return lambda: subprocess.run(command, check=True, capture_output=True, env=installed_env())


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def report(name: str, ms: float, base_name: str, base_ms: float, ratio: float, goal: str = "") -> None:
    line = f"  {name:<39} {ms:4.0f} ms   {base_name:<28} {base_ms:4.0f} ms   ratio {ratio:4.2f} x   {goal}"
    print(line.rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="pairs run in turn after a warm-up (default 15)")
    args = parser.parse_args(argv)

    ours = journeymapper_command()
    small_map = str(example_map_path())
    bare_python = process([sys.executable, "-c", "pass"])
    print(f"Whole processes, medians of {args.runs} pairs run in turn ({' '.join(ours)}):")

    ms, base_ms, ratio = paired_ms(process([*ours, "--version"]), bare_python, args.runs)
    report("journeymapper --version", ms, "python -c pass", base_ms, ratio,
           f"(goal < {VERSION_GOAL_MS:g} ms: {verdict(ms < VERSION_GOAL_MS)})")

    ms, base_ms, ratio = paired_ms(process([*ours, "--help"]), bare_python, args.runs)
    report("journeymapper --help", ms, "python -c pass", base_ms, ratio)

    ms, base_ms, ratio = paired_ms(process([*ours, "check", small_map]),
                                   process([sys.executable, "-c", BARE_CHECK, small_map]), args.runs)
    report(f"journeymapper check {Path(small_map).name}", ms, "bare pydantic+networkx+json", base_ms,
           ratio, f"(goal <= {CHECK_GOAL_RATIO:g}: {verdict(ratio <= CHECK_GOAL_RATIO)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
