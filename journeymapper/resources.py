"""Where the bundled fonts, templates, examples and icons live.

In a source checkout they sit at the top of the repository; an installed
wheel carries them inside the package (`_data/`), and a PyInstaller bundle
beside the executable. Code asks here instead of guessing paths.
"""

from __future__ import annotations

import sys
from pathlib import Path

DEFAULT_TEMPLATE = "blank"
"""The template `journeymapper new` starts from when none is named."""

_PACKAGE = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def _roots(name: str) -> list[Path]:
    roots = [_PACKAGE / "_data" / name, _PACKAGE.parent / name]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.insert(0, Path(bundle) / name)
    return roots


def resources_dir() -> Path:
    return _first_existing(*_roots("resources"))


def icons_dir() -> Path:
    return _first_existing(*_roots("icons"))


def templates_dir() -> Path:
    return resources_dir() / "templates"


def examples_dir() -> Path:
    return resources_dir() / "examples"


def example_map_path() -> Path:
    return examples_dir() / "corner-bakery.jmap"
