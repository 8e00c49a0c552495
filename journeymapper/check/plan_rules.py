"""The rules about the map as a plan (docs/checks.md, JM017-JM021): serious pains nobody is working
on, late opportunities, KPIs without a recent reading, stages whose figures are all off target.

What "answered", "open", "off target" and "out of date" mean is decided once, in
model/insights.py, which the Insights panel and the PDF read too.

Decisions where the brief is silent:
- JM017 is one problem per card, naming all its unanswered serious pain points. It leaves out the
  cards JM009 reports (pain points and no opportunity at all), so one card never gets both for one
  gap; it names the card.
- JM018 is one problem per card, naming its late opportunities (the longest overdue first, the
  first SHOWN quoted, the rest counted). A date passing is no mistake in the map,
  so JM018 and JM020 are info, as JM014 is (a map must not start failing `--strict` overnight).
- JM019 and JM020 are one problem per KPI, naming its stage (what the editor can select). A KPI
  without a target and without readings (an outline's "watch this" figure) is not reported.
- JM021 judges only the KPIs that have a target (other than 0) and a reading; a stage with none of
  those is not reported.
- Dates are compared with `CheckContext.today`, as JM014 does.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from ..i18n import Words
from ..model.insights import (
    OFF_TARGET,
    REVIEW_DAYS,
    SHOWN,
    figure,
    is_judged,
    is_out_of_date,
    late_by_card,
    listing,
    off_target_stage,
    status_words,
    unanswered_serious_pains,
)
from ..model.messages import quoted, spoken_date
from ..model.schema import KPI, Opportunity, Stage
from .problem import RULES, Problem, problem
from .rules import CheckContext

JM018_SEVERITY = RULES["JM018"][0]
"""(JM018 builds its problems directly: it can make thousands, on every edit.)"""


def serious_pains(ctx: CheckContext) -> Iterator[Problem]:
    """JM017: a serious pain point that nobody plans to answer stays the customer's problem."""
    tr = ctx.tr
    for t, pains in unanswered_serious_pains(ctx.index.touchpoints):
        if not t.opportunities:
            continue  # JM009 says it: pain points and no opportunity at all
        title = quoted(t.title)
        texts = [p.text for p in pains]
        if len(pains) == 1:
            message = tr("{card} has a serious pain point that no open opportunity answers: {pain}. Add an "
                         "opportunity for it, or link an open one to it").format(
                             card=title, pain=quoted(texts[0]))
        else:
            message = tr.n("{card} has {n} serious pain points that no open opportunity answers: {pains}. "
                           "Add an opportunity for it, or link an open one to it",
                           "{card} has {n} serious pain points that no open opportunity answers: {pains}. "
                           "Add an opportunity for it, or link an open one to it", len(pains)).format(
                card=title, n=len(pains), pains=listing(texts, tr=tr))
        yield problem("JM017", message, t.id, names=(title,))


def late_opportunities(ctx: CheckContext) -> Iterator[Problem]:
    """JM018: a plan past its date is either late or out of date. One problem per card: a plan with
    thousands of dates passed must not cost the editor (which checks on every edit) thousands of
    problems to word and sort, nor bury the other problems."""
    tr = ctx.tr
    spoken: dict[datetime.date, str] = {}  # (a plan has few distinct dates: say each once)

    def due(o: Opportunity) -> str:
        day = o.due
        said = spoken.get(day)  # type: ignore[arg-type]
        if said is None:
            said = spoken[day] = spoken_date(day, tr)  # type: ignore[arg-type]
        return said

    one = tr("The opportunity {opportunity} on {card} was due on {date} and is {status}: set a new due date, "
             "or mark it done or dropped")
    # TRANSLATORS: an opportunity in a list of late ones: “Call back within a day” (due 3 November 2026)
    named_due = tr("{opportunity} (due {date})")
    for t, late in late_by_card(ctx.index.touchpoints, ctx.today):
        title = quoted(t.title)
        if len(late) == 1:
            o = late[0]
            message = one.format(
                opportunity=quoted(o.text), card=title, date=due(o), status=status_words(o.status, tr))
        else:
            named = [named_due.format(opportunity=quoted(o.text), date=due(o)) for o in late[:SHOWN]]
            if len(late) > SHOWN:
                listed = tr.n("{names} and {n} more", "{names} and {n} more", len(late) - SHOWN).format(
                    names=", ".join(named), n=len(late) - SHOWN)
            else:
                listed = tr("{names} and {last}").format(names=", ".join(named[:-1]), last=named[-1])
            message = tr.n("{card} has {n} opportunities past their due dates and neither done nor dropped: "
                           "{late}. Set new due dates, or mark them done or dropped",
                           "{card} has {n} opportunities past their due dates and neither done nor dropped: "
                           "{late}. Set new due dates, or mark them done or dropped", len(late)).format(
                card=title, n=len(late), late=listed)
        yield Problem("JM018", JM018_SEVERITY, message, (t.id,), (title,))


def kpi_readings(ctx: CheckContext) -> Iterator[Problem]:
    """JM019, JM020: a KPI nobody measures (any more) cannot show whether a change helped."""
    for stage in ctx.index.stages:
        for kpi in stage.kpis:
            if not kpi.readings:
                if kpi.target is not None:
                    message = ctx.tr("KPI {kpi} of stage {stage} has a target of {target} but no reading "
                                     "yet: add what it measures now, and the day it was measured").format(
                        kpi=quoted(kpi.name), stage=quoted(stage.name),
                        target=figure(kpi.target, kpi.unit, ctx.tr))
                    yield _about_stage("JM019", message, stage)
            elif is_out_of_date(kpi, ctx.today):
                yield _out_of_date(stage, kpi, ctx.tr)


def _out_of_date(stage: Stage, kpi: KPI, tr: Words) -> Problem:
    latest = kpi.readings[-1]
    message = tr("The latest reading of KPI {kpi} of stage {stage} is from {date}, more than {days} days "
                 "ago: measure it again and add the reading").format(
        kpi=quoted(kpi.name), stage=quoted(stage.name), date=spoken_date(latest.date, tr), days=REVIEW_DAYS)
    return _about_stage("JM020", message, stage)


def off_target_stages(ctx: CheckContext) -> Iterator[Problem]:
    """JM021: a stage where every figure is far off is where the journey hurts the business most."""
    tr = ctx.tr
    for stage in ctx.index.stages:
        if off_target_stage(stage):
            judged = [k for k in stage.kpis if is_judged(k)]
            if len(judged) == 1:
                message = tr("Stage {stage} is far off target: its KPI {kpi} misses its target by more than "
                             "{percent} %. Look at what gets in the customers' way there, and plan what to "
                             "change")
            elif len(judged) == 2:
                message = tr("Stage {stage} is far off target: both its KPIs miss their targets by more than "
                             "{percent} %. Look at what gets in the customers' way there, and plan what to "
                             "change")
            else:
                message = tr.n("Stage {stage} is far off target: all {n} of its KPIs miss their targets by "
                               "more than {percent} %. Look at what gets in the customers' way there, and "
                               "plan what to change",
                               "Stage {stage} is far off target: all {n} of its KPIs miss their targets by "
                               "more than {percent} %. Look at what gets in the customers' way there, and "
                               "plan what to change",
                               len(judged))
            message = message.format(stage=quoted(stage.name), kpi=quoted(judged[0].name), n=len(judged),
                                     percent=round(100 * OFF_TARGET))
            yield _about_stage("JM021", message, stage)


def _about_stage(code: str, message: str, stage: Stage) -> Problem:
    return problem(code, message, stage.id, names=(quoted(stage.name),))


PLAN_RULES = (serious_pains, late_opportunities, kpi_readings, off_target_stages)
"""The rules of this module, in the order of their codes (the checker sorts the problems anyway)."""
