"""How a KPI stands against its target, judged by its direction, and how its figures are written.

In the model because three readers judge it alike: the stage header and the print (layout), the
checker's plan rules and the Insights reading; one judgement, so that the ✗ in a header and the
insight "far off target" can never disagree.
"""

from __future__ import annotations

from ..i18n.formats import localize_figure
from .schema import KPI

BETTER = ("higher", "lower", "target")
"""Which way a KPI is better: higher (sales), lower (waiting time) or on its target (a price)."""
DEFAULT_BETTER = "higher"
"""A KPI's direction when none is said (every v1 KPI, upgraded)."""
NEAR, OFF = 0.1, 0.3
"""A KPI missing its target by at most NEAR of it is on target ("good"); by more than OFF, off ("bad")."""


def is_judged(kpi: KPI) -> bool:
    """Whether a KPI can be on or off target: it has a reading and a target other than 0."""
    return kpi.value is not None and kpi.target is not None and kpi.target != 0


def kpi_health(kpi: KPI, better: str | None = None) -> tuple[float, str]:
    """(how far the bar fills, "good" / "mid" / "bad"): good when the value reaches the target the way
    that is better, or misses it by at most 10 % of the target; mid within 30 %; bad beyond. A KPI that
    cannot be judged is "mid" with an empty bar."""
    better = better or kpi.direction
    if not is_judged(kpi):
        return 0.0, "mid"
    assert kpi.value is not None and kpi.target is not None
    ratio = kpi.value / kpi.target
    gap = (kpi.value - kpi.target) / abs(kpi.target)
    miss = -gap if better == "higher" else gap if better == "lower" else abs(gap)
    health = "good" if miss <= NEAR else "mid" if miss <= OFF else "bad"
    return max(0.0, min(1.0, ratio)), health


def is_off_target(kpi: KPI) -> bool:
    """Whether a KPI misses its target, the way that is better, by more than OFF of it (a ✗)."""
    return kpi_health(kpi)[1] == "bad" and is_judged(kpi)


def number(value: float | None) -> str:
    """A figure as people write it in the current locale (`i18n.formats`): "4,200", "2.4" with none,
    "4.200", "2,4" in German; "–" for none."""
    if value is None:
        return "–"
    if abs(value) >= 1e15:  # (a figure no one counts in full: 1e+308 rather than 309 digits)
        return localize_figure(f"{value:.3g}")
    if float(value).is_integer():
        return localize_figure(f"{int(value):,}")
    return localize_figure(f"{value:,.2f}".rstrip("0").rstrip("."))


def joiner(unit: str) -> str:
    """What goes between a figure and its unit: nothing before "%", a space before words."""
    return "" if unit in ("%", "‰", "") else " "


def with_unit(value: float | None, unit: str) -> str:
    """A figure and its unit: "2.4%", "4,200 people/month" ("–" for no figure)."""
    if value is None:
        return number(value)
    return number(value) + (joiner(unit) + unit if unit else "")
