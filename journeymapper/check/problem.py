"""What the checker reports: a Problem, the severities and the catalogue of rule codes.

Codes are a public contract (docs, `--help`, JSON output, the editor's Problems
panel): a code never changes meaning once released and a retired code is never reused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {severity: rank for rank, severity in enumerate(SEVERITIES)}

RULES: dict[str, tuple[str, str]] = {
    "JM001": ("error", "a flow's source and target are the same touchpoint"),
    "JM002": ("error", "two flows have the same source and target"),
    "JM003": ("warning", "a flow goes back to an earlier stage but is not a loop"),
    "JM004": ("warning", "touchpoints and flows form a cycle that contains no loop flow"),
    "JM005": ("warning", "a touchpoint no path from any entry touchpoint reaches (in a persona with flows)"),
    "JM006": ("warning", "a touchpoint with no outgoing flow before the persona's last stage (a dead end)"),
    "JM007": ("warning", "a persona's journey skips a stage between two of its stages"),
    "JM008": ("info", "a stage has no touchpoints at all"),
    "JM009": ("warning", "a touchpoint has pain points but no opportunity"),
    "JM010": ("info", "a touchpoint has no emotion"),
    "JM011": ("info", "a touchpoint has no channel"),
    "JM012": ("info", "a persona has no touchpoints"),
    "JM013": ("info", "a next flow skips at least one stage"),
    "JM014": ("info", "the map's review-by date has passed"),
    "JM015": ("warning", "two touchpoints in the same cell have the same title"),
    "JM016": ("info", "a flow hands the customer over between two personas"),
}


@dataclass(frozen=True)
class Problem:
    """One finding: a stable code, its severity, a plain one-line message and the ids involved.

    `elements` lists the ids of the personas, stages, touchpoints and flows involved,
    most relevant first, so the editor can select them.
    """

    code: str
    severity: str
    message: str
    elements: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The JSON object of `journeymapper check --format json`, keys in a fixed order."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "elements": list(self.elements),
        }


def problem(code: str, message: str, *elements: str) -> Problem:
    """A Problem whose severity comes from RULES, so a rule can never report the wrong one."""
    return Problem(code, RULES[code][0], message, tuple(dict.fromkeys(elements)))
