"""Upgrades of older `.jmap` files, one small step per format version.

A step takes the raw envelope dict of version N and returns the dict of
version N+1. Steps run in memory on load; the file on disk changes only
when the user saves. Register a step with `@step(N)` when format N+1 lands,
and add a golden file of version N under tests/data/ with its own test.
"""

from __future__ import annotations

from typing import Any, Callable

from .. import FILE_FORMAT_VERSION

CURRENT_VERSION = FILE_FORMAT_VERSION
"""The format version this journeymapper writes and reads natively."""
READABLE_BY = 2
"""What a file this journeymapper writes says in `readable_by`: the oldest reader version that shows its
map faithfully (read-only when older than the file). Raise it only when a format step adds something an
older reader's view would misrepresent."""

Migration = Callable[[dict[str, Any]], dict[str, Any]]

STEPS: dict[int, Migration] = {}
"""from-version -> step that turns a file of that version into the next one."""


def step(from_version: int) -> Callable[[Migration], Migration]:
    def register(fn: Migration) -> Migration:
        if from_version in STEPS:
            raise ValueError(f"a migration from format {from_version} is already registered")
        STEPS[from_version] = fn
        return fn

    return register


def oldest_supported(current: int | None = None) -> int:
    """The oldest version the registered steps can bring up to `current`."""
    current = CURRENT_VERSION if current is None else current
    version = current
    while version - 1 in STEPS:
        version -= 1
    return version


def migrate(envelope: dict[str, Any], from_version: int, to_version: int | None = None) -> dict[str, Any]:
    """Run the chain of steps from `from_version` up to `to_version` (default: current)."""
    target = CURRENT_VERSION if to_version is None else to_version
    version = from_version
    while version < target:
        try:
            upgrade = STEPS[version]
        except KeyError:
            raise KeyError(f"no migration from format {version}") from None
        envelope = upgrade(envelope)
        version += 1
        envelope["schema_version"] = version
    return envelope


def _register_steps() -> None:
    from .upgrade_1_to_2 import upgrade

    step(1)(upgrade)


_register_steps()
