"""The flow checker: Qt-free rules over a journey map (see docs/checks.md).

`check_map` builds a networkx graph of the map (touchpoints as nodes, flows as
edges) and returns the problems it finds, each with a stable code, a severity,
a one-line message and the ids of the elements involved. The command line and
the editor's Problems panel both use it.
"""

from .checker import check_map
from .problem import RULES, SEVERITIES, Problem

__all__ = ["check_map", "Problem", "SEVERITIES", "RULES"]
