"""How a stage's KPI reads in its header: the text, how close the value is to the target, and how the
latest reading differs from the one before (`kpi_change`), in words as well as a mark."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from ..i18n import Words
from ..i18n.formats import current_locale, date_text, localize_figure, symbols
from ..model.kpi_health import BETTER, DEFAULT_BETTER, kpi_health, with_unit  # noqa: F401 - (the model's judgement, read here too)
from ..model.kpi_health import joiner as _joiner
from ..model.kpi_health import number as _fmt
from ..model.schema import KPI


def kpi_text(kpi: KPI) -> str:
    return kpi.name + kpi_figures(kpi)


def kpi_figures(kpi: KPI) -> str:
    """": value / target" with the unit, what follows the KPI's name: "2.4% / 3.5%", and a unit of
    words once, "11 / 5 per month", which leaves the name more room."""
    if kpi.target is None:
        return f": {with_unit(kpi.value, kpi.unit)}"
    if kpi.unit and kpi.value is not None and _joiner(kpi.unit):
        return f": {_fmt(kpi.value)} / {with_unit(kpi.target, kpi.unit)}"
    return f": {with_unit(kpi.value, kpi.unit)} / {with_unit(kpi.target, kpi.unit)}"


HEALTH_MARKS = {"good": "\u2713", "mid": "\u2248", "bad": "\u2717"}
"""A KPI's health as a sign after its bar: on target (within 10 %), near (within 30 %), off."""
HEALTH_INKS = {"good": "kpi_good", "mid": "kpi_mid", "bad": "kpi_bad"}
KPI_MARK_ROOM = 9.0
"""Room kept after a KPI's bar for its health sign."""


# -- over time: the change since the reading before ---------------------------------------------------
CHANGE_MARKS = {"up": "\u25b2", "down": "\u25bc", "flat": "="}
"""The way the figure moved (up, down, not at all); whether that is better is said in words."""
CHANGE_INKS = {"better": "kpi_good", "worse": "kpi_bad", "same": "muted", "": "muted"}


@dataclass(frozen=True, slots=True)
class KpiChange:
    """How a KPI's latest reading differs from the one before."""

    delta: float
    """latest − previous."""
    verdict: str
    """"better" or "worse" by the KPI's direction, "same" when the figure did not move, "" when it
    cannot be said (a KPI best on its target that has none, or that is as far from it as before)."""
    since: date
    """The day of the reading before."""
    places: int
    """Decimal places the figures are written with (the change is written with as many)."""

    @property
    def mark(self) -> str:
        return CHANGE_MARKS["up" if self.delta > 0 else "down" if self.delta < 0 else "flat"]

    @property
    def ink(self) -> str:
        return CHANGE_INKS[self.verdict]

    @property
    def figure(self) -> str:
        """The change with its sign: "+0.3", "−1,200" (a true minus), "0"."""
        text = f"{abs(self.delta):,.{self.places}f}"
        if float(text.replace(",", "")) == 0:
            return "0"
        return ("+" if self.delta > 0 else "\u2212") + localize_figure(text)


def _places(value: float) -> int:
    """How many decimals `_fmt` writes `value` with (0 to 2)."""
    text = _fmt(value)
    decimal = symbols(current_locale()).decimal
    return len(text.split(decimal)[1]) if decimal in text else 0


def kpi_change(kpi: KPI) -> KpiChange | None:
    """The change since the reading before the latest; None with fewer than two readings, or when the
    difference is too large for a number to hold (readings near ±1e308: no change is said at all rather
    than "+inf")."""
    if len(kpi.readings) < 2:
        return None
    before, latest = kpi.readings[-2], kpi.readings[-1]
    delta = latest.value - before.value
    if not math.isfinite(delta):
        return None
    if delta == 0:
        verdict = "same"
    elif kpi.direction == "higher":
        verdict = "better" if delta > 0 else "worse"
    elif kpi.direction == "lower":
        verdict = "better" if delta < 0 else "worse"
    elif kpi.target is None:
        verdict = ""
    else:
        now, then = abs(latest.value - kpi.target), abs(before.value - kpi.target)
        verdict = "better" if now < then else "worse" if now > then else ""
    places = max(_places(latest.value), _places(before.value))
    return KpiChange(delta, verdict, before.date, places)


def change_phrases(change: KpiChange, tr: Words) -> tuple[str, ...]:
    """What follows the change's mark, longest first: in full ("+0.3 since 2026-10-12, better"), short
    ("+0.3, better") and the verdict alone ("better"), for a header that has room for one of them:
    better or worse is said in words, not only by the mark's colour. (No sign for it: ✓ and ✗ already
    say on or off target in the same header.)"""
    day, figure = date_text(change.since), change.figure
    if change.verdict == "same":
        return tr("no change since {date}").format(date=day), tr("no change")
    if change.verdict == "better":
        return (tr("{change} since {date}, better").format(change=figure, date=day),
                tr("{change}, better").format(change=figure), tr("better"))
    if change.verdict == "worse":
        return (tr("{change} since {date}, worse").format(change=figure, date=day),
                tr("{change}, worse").format(change=figure), tr("worse"))
    return tr("{change} since {date}").format(change=figure, date=day), figure


def kpi_record(kpi: KPI, tr: Words) -> str:
    """A KPI in one sentence for print and tooltips: its figures, which way is better, the latest
    reading and its day (and note), the one before and the change."""
    text = kpi_text(kpi)
    if kpi.direction == "lower":
        text += " (" + tr("lower is better") + ")"
    elif kpi.direction == "target":
        text += " (" + tr("closest to the target is best") + ")"
    if not kpi.readings:
        return text
    latest = kpi.readings[-1]
    parts = [tr("Latest reading {value} on {date}").format(value=with_unit(latest.value, kpi.unit),
                                                           date=date_text(latest.date))
             + (f" ({' '.join(latest.note.split())})" if latest.note.strip() else "")]
    change = kpi_change(kpi)
    if len(kpi.readings) < 2:
        parts.append(tr("no earlier reading"))
    else:
        before = kpi.readings[-2]
        parts.append(tr("previous {value} on {date}").format(value=with_unit(before.value, kpi.unit),
                                                             date=date_text(before.date)))
        if change is not None:
            parts.append(f"{change.mark} {change_phrases(change, tr)[1]}")
    return f"{text}. " + "; ".join(parts) + "."
