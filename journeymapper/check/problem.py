"""What the checker reports: a Problem, the severities and the catalogue of rule codes.

Codes are a public contract (docs, `--help`, JSON output, the editor's Problems
panel): a code never changes meaning once released and a retired code is never reused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..i18n import N_

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {severity: rank for rank, severity in enumerate(SEVERITIES)}

RULES: dict[str, tuple[str, str]] = {  # (code: severity, what it finds: in English, `_()` where shown)
    "JM001": ("error", N_("a flow goes from a card back to the same card")),
    "JM002": ("error", N_("two flows go from the same card to the same card")),
    "JM003": ("warning", N_("a flow goes back to an earlier stage but is not marked as a loop")),
    "JM004": ("warning", N_("cards and flows go round in a circle with no flow marked as a loop")),
    "JM005": ("warning",
              N_("nothing leads to a card from the start of the journey (in a persona with flows)")),
    "JM006": ("warning", N_("no flow leads on from a card before the persona's last stage (a dead end)")),
    "JM007": ("warning", N_("a persona's journey skips a stage between two of its stages")),
    "JM008": ("info", N_("a stage has no cards at all")),
    "JM009": ("warning", N_("a card has pain points but no opportunity")),
    "JM010": ("info", N_("a card has no emotion set")),
    "JM011": ("info", N_("a card has no channel set")),
    "JM012": ("info", N_("a persona has no cards")),
    "JM013": ("info", N_("a flow of kind Next (the usual way on) skips at least one stage")),
    "JM014": ("info", N_("the map's review date has passed")),
    "JM015": ("warning", N_("two cards of one persona in one stage have the same title")),
    "JM016": ("info", N_("a flow hands the customer over between two personas")),
    "JM017": ("warning", N_("a serious pain point that no open opportunity answers (on a card with "
                            "opportunities)")),
    "JM018": ("info", N_("an opportunity is past its due date and neither done nor dropped")),
    "JM019": ("info", N_("a KPI has a target but no reading")),
    "JM020": ("info", N_("a KPI's latest reading is more than 90 days old")),
    "JM021": ("info", N_("every KPI of a stage that has a target and a reading is far off its target")),
}


@dataclass(frozen=True)
class Problem:
    """One finding: a stable code, its severity, a plain one-line message and the ids involved.

    `elements` lists the ids of the personas, stages, touchpoints and flows involved,
    most relevant first, so the editor can select them. `names` says how a person knows
    each of them, in the same order (a card by its title, a stage or persona by its name, a
    flow as “A” → “B”, the map by its title): screens show those, never the ids.
    """

    code: str
    severity: str
    message: str
    elements: tuple[str, ...]
    names: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The JSON object of `journeymapper check --format json`, keys in a fixed order."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "elements": list(self.elements),
        }


def problem(code: str, message: str, *elements: str, names: Sequence[str] = ()) -> Problem:
    """A Problem whose severity comes from RULES, so a rule can never report the wrong one.
    `names` go with `elements`, one each; an element given twice is kept once."""
    named = dict(zip(elements, names))
    ids = tuple(dict.fromkeys(elements))
    return Problem(code, RULES[code][0], message, ids, tuple(named.get(e, "") for e in ids) if names else ())
