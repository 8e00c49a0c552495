"""How a stage's KPI reads in its header: the text, and how close the value is to the target."""

from __future__ import annotations

from ..model.schema import KPI


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def kpi_text(kpi: KPI) -> str:
    return kpi.name + kpi_figures(kpi)


def kpi_figures(kpi: KPI) -> str:
    """": value / target" (with the unit), what follows the KPI's name."""
    unit = kpi.unit
    joiner = "" if unit in ("%", "‰", "") else " "
    value = _fmt(kpi.value) + (joiner + unit if kpi.value is not None and unit else "")
    if kpi.target is None:
        return f": {value}"
    target = _fmt(kpi.target) + (joiner + unit if unit else "")
    return f": {value} / {target}"


BETTER = ("higher", "lower", "target")
"""Which way a KPI is better: higher (sales), lower (waiting time) or on its target (a price)."""
DEFAULT_BETTER = "higher"
"""A KPI's direction when none is said (every v1 KPI, upgraded)."""


def kpi_health(kpi: KPI, better: str | None = None) -> tuple[float, str]:
    """(how far the bar fills, "good" / "mid" / "bad"): good when the value reaches the target the way
    that is better, or misses it by at most 10 % of the target; mid within 30 %; bad beyond."""
    better = better or kpi.direction
    if kpi.value is None or kpi.target is None or kpi.target == 0:
        return 0.0, "mid"
    ratio = kpi.value / kpi.target
    gap = (kpi.value - kpi.target) / abs(kpi.target)
    miss = -gap if better == "higher" else gap if better == "lower" else abs(gap)
    health = "good" if miss <= 0.1 else "mid" if miss <= 0.3 else "bad"
    return max(0.0, min(1.0, ratio)), health


HEALTH_MARKS = {"good": "\u2713", "mid": "\u2248", "bad": "\u2717"}
"""A KPI's health as a sign after its bar: on target (within 10 %), near (within 30 %), off."""
HEALTH_INKS = {"good": "kpi_good", "mid": "kpi_mid", "bad": "kpi_bad"}
KPI_MARK_ROOM = 9.0
"""Room kept after a KPI's bar for its health sign."""
