"""The plan rules (JM017-JM021): each fires with the right elements and message, stays quiet where
the plan is in order, and judges dates against the `today` it is given."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from journeymapper.check import RULES, check_map
from journeymapper.io import load_path
from journeymapper.model import Map
from journeymapper.resources import example_map_path, templates_dir

from .builders import only
from .plan_builders import card, kpi, opp, pain, plan_map

TODAY = datetime.date(2026, 12, 7)
PLAN_CODES = ("JM017", "JM018", "JM019", "JM020", "JM021")


def fired(the_map: Map, code: str, today: datetime.date = TODAY) -> list[tuple[str, ...]]:
    problems = only(check_map(the_map, today=today), code)
    assert all(p.severity == RULES[code][0] for p in problems)
    return [p.elements for p in problems]


def message(the_map: Map, code: str, today: datetime.date = TODAY) -> str:
    [found] = only(check_map(the_map, today=today), code)
    return found.message


def test_the_plan_codes_are_catalogued_with_fitting_severities() -> None:
    assert {code: RULES[code][0] for code in PLAN_CODES} == {
        "JM017": "warning", "JM018": "info", "JM019": "info", "JM020": "info", "JM021": "info"}


# -- JM017 serious pain point no open opportunity answers ---------------------------------------------------
def test_jm017_fires_when_the_cards_opportunities_answer_other_pains() -> None:
    m = plan_map([card("a", pain_points=[pain("a.p1", "Card times out"), pain("a.p2")],
                       opportunities=[opp("a.o1", addresses=["a.p2"])])])
    assert fired(m, "JM017") == [("a",)]
    assert message(m, "JM017") == ("“Card a” has a serious pain point that no open opportunity answers: “Card times "
                                   "out”. Add an opportunity for it, or link an open one to it")


def test_jm017_an_unlinked_open_opportunity_answers_its_own_cards_pains() -> None:
    m = plan_map([card("a", pain_points=[pain("a.p1")], opportunities=[opp("a.o1")])])
    assert fired(m, "JM017") == []


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_jm017_a_closed_opportunity_answers_nothing(status: str) -> None:
    linked = plan_map([card("a", pain_points=[pain("a.p1")], opportunities=[opp("a.o1", status=status,
                                                                              addresses=["a.p1"])])])
    unlinked = plan_map([card("a", pain_points=[pain("a.p1")], opportunities=[opp("a.o1", status=status)])])
    assert fired(linked, "JM017") == fired(unlinked, "JM017") == [("a",)]


@pytest.mark.parametrize("status", ["idea", "planned", "in_progress"])
def test_jm017_an_open_opportunity_on_another_card_answers_it(status: str) -> None:
    m = plan_map([
        card("a", pain_points=[pain("a.p1")], opportunities=[opp("a.o1", status="done")]),
        card("b", stage="s2", opportunities=[opp("b.o1", status=status, addresses=["a.p1"])]),
    ])
    assert fired(m, "JM017") == []


def test_jm017_ids_in_addresses_that_are_no_pain_points_are_ignored() -> None:
    """An opportunity listing only its own id, a missing id, a card or a stage lists no pain point:
    it answers its own card's pain points (docs/checks.md)."""
    for junk in (["a.o1"], ["zz-gone"], ["b"], ["s1"], ["a.o1", "zz-gone", "b", "s1", "p1"]):
        m = plan_map([card("a", pain_points=[pain("a.p1")], opportunities=[opp("a.o1", addresses=junk)]),
                      card("b", stage="s2")])
        assert fired(m, "JM017") == [], junk


def test_jm017_one_real_pain_point_among_junk_ids_is_what_the_opportunity_answers() -> None:
    m = plan_map([card("a", pain_points=[pain("a.p1", "Slow"), pain("a.p2", "Cold", severity="low")],
                       opportunities=[opp("a.o1", addresses=["zz-gone", "a.p2", "a.o1"])])])
    assert fired(m, "JM017") == [("a",)]
    assert "“Slow”" in message(m, "JM017")


def test_jm017_the_testers_map_with_self_and_missing_ids() -> None:
    """A new user's map: an open opportunity whose `addresses` names itself, a missing id, a card, a
    persona, a stage and a flow, and no pain point: it answers its own card's pains."""
    reproduction = Path(__file__).resolve().parents[1] / "data" / "v2" / "opp-addresses-self-and-missing.jmap"
    assert "JM017" not in {p.code for p in check_map(load_path(reproduction).map, today=TODAY)}


def test_jm017_only_high_severity_counts() -> None:
    m = plan_map([card("a", pain_points=[pain("a.p1", severity="medium"), pain("a.p2", severity="low")],
                       opportunities=[opp("a.o1", status="done")])])
    assert fired(m, "JM017") == []


def test_jm017_leaves_a_card_without_opportunities_to_jm009() -> None:
    m = plan_map([card("a", pain_points=[pain("a.p1")])])
    codes = [p.code for p in check_map(m, today=TODAY)]
    assert "JM009" in codes and "JM017" not in codes


def test_jm017_is_one_problem_per_card_naming_its_pains() -> None:
    m = plan_map([card("a", pain_points=[pain("a.p1", "Slow"), pain("a.p2", "Rude"), pain("a.p3", "Cold")],
                       opportunities=[opp("a.o1", addresses=["a.p3"])])])
    assert fired(m, "JM017") == [("a",)]
    assert "2 serious pain points that no open opportunity answers: “Slow” and “Rude”" in message(m, "JM017")


# -- JM018 opportunity past its due date -------------------------------------------------------------------
def test_jm018_an_open_opportunity_past_its_due_date() -> None:
    m = plan_map([card("a", title="Pays online", opportunities=[
        opp("a.o1", "Guest checkout", status="planned", due="2026-12-06"),
        opp("a.o2", status="in_progress", due="2026-12-07"),  # due today: not late yet
        opp("a.o3", status="idea", due=None),
    ])])
    assert fired(m, "JM018") == [("a",)]
    assert message(m, "JM018") == ("The opportunity “Guest checkout” on “Pays online” was due on 6 December 2026 "
                                   "and is planned but not done: set a new due date, or mark it done or dropped")


def test_jm018_is_one_problem_per_card_naming_its_late_opportunities_longest_overdue_first() -> None:
    m = plan_map([
        card("a", title="Pays online", opportunities=[
            opp("a.o1", "Guest checkout", due="2026-11-30"), opp("a.o2", "Pay later", due="2026-10-02"),
            opp("a.o3", "Done already", status="done", due="2026-01-01")]),
        card("b", stage="s2", title="Picks up", opportunities=[
            opp(f"b.o{k}", f"Idea {k}", due=f"2026-0{k}-01") for k in range(1, 6)]),
    ])
    assert fired(m, "JM018") == [("a",), ("b",)]
    first, second = [p.message for p in only(check_map(m, today=TODAY), "JM018")]
    assert first == ("“Pays online” has 2 opportunities past their due dates and neither done nor dropped: "
                     "“Pay later” (due 2 October 2026) and “Guest checkout” (due 30 November 2026). "
                     "Set new due dates, or mark them done or dropped")
    assert second.startswith("“Picks up” has 5 opportunities past their due dates")
    assert "“Idea 1” (due 1 January 2026), “Idea 2” (due 1 February 2026), “Idea 3” (due 1 March 2026) and 2 more" \
        in second


def test_jm018_a_plan_of_thousands_of_late_opportunities_makes_one_problem_per_card() -> None:
    cards = [card(f"c{n}", title=f"Card {n}", opportunities=[opp(f"c{n}.o{k}", due=f"2026-01-0{k}")
                                                           for k in range(1, 4)]) for n in range(300)]
    problems = only(check_map(plan_map(cards), today=TODAY), "JM018")
    assert [p.elements for p in problems] == [(f"c{n}",) for n in range(300)]


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_jm018_done_and_dropped_are_never_late(status: str) -> None:
    m = plan_map([card("a", opportunities=[opp("a.o1", status=status, due="2020-01-01")])])
    assert fired(m, "JM018") == []


def test_jm018_judges_by_the_day_it_is_given() -> None:
    m = plan_map([card("a", opportunities=[opp("a.o1", due="2027-01-31")])])
    assert fired(m, "JM018") == []
    assert fired(m, "JM018", datetime.date(2027, 2, 1)) == [("a",)]


# -- JM019 / JM020 KPI readings ------------------------------------------------------------------------------
def _stage_with(*kpis: dict) -> Map:
    return plan_map([card("a")], stages=[{"id": "s1", "name": "Purchase", "kpis": list(kpis)}])


def test_jm019_a_target_and_no_reading() -> None:
    m = _stage_with(kpi("k1", "Conversion rate", 3.5, unit="%"), kpi("k2", "Watched", None),
                    kpi("k3", "Measured", 10, ("2026-12-01", 8)))
    assert fired(m, "JM019") == [("s1",)]
    assert message(m, "JM019") == ("KPI “Conversion rate” of stage “Purchase” has a target of 3.5% but no reading "
                                   "yet: add what it measures now, and the day it was measured")


def test_jm020_the_latest_reading_is_more_than_ninety_days_old() -> None:
    m = _stage_with(kpi("k1", "Old", None, ("2026-09-07", 1)),  # 91 days before TODAY
                    kpi("k2", "Just in time", 5, ("2026-09-08", 1)),  # 90 days
                    kpi("k3", "Measured again", 5, ("2025-01-01", 1), ("2026-12-01", 2)))
    assert fired(m, "JM020") == [("s1",)]
    assert message(m, "JM020") == ("The latest reading of KPI “Old” of stage “Purchase” is from 7 September 2026, "
                                   "more than 90 days ago: measure it again and add the reading")
    assert fired(m, "JM020", datetime.date(2026, 12, 8)) == [("s1",), ("s1",)]


# -- JM021 every KPI far off target ------------------------------------------------------------------------
def test_jm021_every_judged_kpi_is_far_off() -> None:
    m = _stage_with(kpi("k1", "Conversion", 3.5, ("2026-12-01", 2.4)),  # 31 % short
                    kpi("k2", "Complaints", 10, ("2026-12-01", 14), direction="lower"),  # 40 % too many
                    kpi("k3", "Not judged", None, ("2026-12-01", 1)))
    assert fired(m, "JM021") == [("s1",)]
    assert message(m, "JM021") == ("Stage “Purchase” is far off target: both its KPIs miss their targets by more "
                                   "than 30 %. Look at what gets in the customers' way there, and plan what to change")


@pytest.mark.parametrize("direction, value", [("higher", 2.8), ("higher", 9.0), ("lower", 2.0), ("target", 4.5)])
def test_jm021_quiet_when_one_kpi_is_near_or_better_by_its_direction(direction: str, value: float) -> None:
    m = _stage_with(kpi("k1", "Far off", 100, ("2026-12-01", 10)),
                    kpi("k2", "Near", 3.5, ("2026-12-01", value), direction=direction))
    assert fired(m, "JM021") == []


def test_jm021_a_kpi_best_on_its_target_is_off_either_way() -> None:
    for value in (5.0, 15.0):
        m = _stage_with(kpi("k1", "Price", 10, ("2026-12-01", value), direction="target"))
        assert fired(m, "JM021") == [("s1",)], value


def test_jm021_quiet_without_a_kpi_it_can_judge() -> None:
    m = _stage_with(kpi("k1", "No target", None, ("2026-12-01", 1)), kpi("k2", "Zero", 0, ("2026-12-01", 9)),
                    kpi("k3", "No reading", 5))
    assert fired(m, "JM021") == []


# -- all of them -----------------------------------------------------------------------------------------------
def test_plan_messages_are_plain_sentences_with_a_next_step_and_no_ids() -> None:
    m = plan_map(
        [card("c-1", stage="s-1", title="Pays online",
              pain_points=[pain("c-1.p1", "Times out"), pain("c-1.p2", "Card refused", severity="low")],
              opportunities=[opp("c-1.o1", "Retry", status="done"),
                             opp("c-1.o2", "Guest checkout", status="planned", due="2026-01-01",
                                 addresses=["c-1.p2"]),
                             opp("c-1.o3", "Pay later", status="idea", due="2026-02-01", addresses=["c-1.p2"])])],
        stages=[{"id": "s-1", "name": "Purchase", "kpis": [kpi("s-1.k1", "Sales", 100, ("2026-01-01", 10)),
                                                            kpi("s-1.k2", "Visits", 50)]}],
    )
    problems = [p for p in check_map(m, today=TODAY) if p.code in PLAN_CODES]
    assert sorted({p.code for p in problems}) == list(PLAN_CODES)
    for p in problems:
        assert (p.message[0].isupper() or p.message[0] == "“") and "\n" not in p.message and '"' not in p.message
        assert re.search(r": |\. ", p.message), "says what to do"
        assert not any(i in p.message for i in ("c-1", "s-1", "k1", "o1", "p1")), p.message
        assert len(p.names) == len(p.elements) and all(name.startswith("“") for name in p.names)


def test_the_templates_and_the_example_have_no_serious_pain_left_alone_nor_a_late_action() -> None:
    """What the shipped maps teach: every serious pain has an open opportunity, no action is late today."""
    paths = [example_map_path(), *sorted(templates_dir().glob("*.jmap"))]
    for path in paths:
        codes = {p.code for p in check_map(load_path(path).map, today=TODAY)}
        assert not codes & {"JM017", "JM018", "JM019"}, (path.name, codes)
