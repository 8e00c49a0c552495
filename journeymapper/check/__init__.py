"""The flow checker: Qt-free rules over a journey map (see docs/checks.md).

`check_map` builds a networkx graph of the map (touchpoints as nodes, flows as
edges) and returns the problems it finds, each with a stable code, a severity,
a one-line message and the ids of the elements involved. The command line and
the editor's Problems panel both use it. (It is loaded when first asked for: the
rules' codes are known without networkx.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .problem import RULES, SEVERITIES, Problem

if TYPE_CHECKING:
    from .checker import check_map


def __getattr__(name: str) -> Any:
    if name != "check_map":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from .checker import check_map

    globals()["check_map"] = check_map
    return check_map


__all__ = ["RULES", "SEVERITIES", "Problem", "check_map"]
