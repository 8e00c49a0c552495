"""The insights: what a map tells its owner, each line a plain sentence about named cards or stages."""

from __future__ import annotations

import datetime
import re

import pytest

from journeymapper.io import load_path
from journeymapper.layout.kpis import kpi_health
from journeymapper.model import KPI
from journeymapper.model.insights import KINDS, Insight, insights, is_off_target
from journeymapper.resources import example_map_path
from tests.check.plan_builders import card, kpi, opp, pain, plan_map

TODAY = datetime.date(2026, 12, 7)


def of_kind(the_map, kind: str, today: datetime.date = TODAY) -> list[Insight]:
    found = insights(the_map, today)
    assert all(i.kind in KINDS for i in found)
    return [i for i in found if i.kind == kind]


def test_the_lowest_moments_are_per_persona_and_name_every_card_at_the_bottom() -> None:
    m = plan_map([
        card("a", "p1", "s1", "Sees an ad", emotion=1),
        card("b", "p1", "s2", "Card declined", emotion=-2),
        card("c", "p1", "s3", "Waits in the queue", emotion=-2),
        card("d", "p2", "s1", "Gets a flyer", emotion=1),
        card("e", "p2", "s2", "Orders by phone", emotion=2),
        card("f", "p2", "s3", "No feeling set", emotion=None),
    ], personas=("p1", "p2", "p3"))
    lows = of_kind(m, "low_point")
    assert [i.elements for i in lows] == [("b", "c"), ("d",)]
    assert lows[0].text == ("Lowest moments of “Persona p1” (very negative): “Card declined” and "
                            "“Waits in the queue”")
    assert lows[1].text == "Lowest moment of “Persona p2”: “Gets a flyer” (positive)"


def test_serious_pains_with_no_open_opportunity_are_each_a_line() -> None:
    m = plan_map([
        card("a", title="Pays online", pain_points=[pain("a.p1", "Card times out"), pain("a.p2", "Slow", "medium")]),
        card("b", title="Collects", pain_points=[pain("b.p1", "Queue")], opportunities=[opp("b.o1", status="done")]),
        card("c", title="Orders", pain_points=[pain("c.p1")], opportunities=[opp("c.o1")]),  # answered
        card("d", title="Reviews", pain_points=[pain("d.p1")]),
        card("e", stage="s2", opportunities=[opp("e.o1", status="planned", addresses=["d.p1"])]),
    ])
    lines = of_kind(m, "serious_pain")
    assert [(i.text, i.elements) for i in lines] == [
        ("“Card times out” on “Pays online” is serious, and no open opportunity answers it", ("a",)),
        ("“Queue” on “Collects” is serious, and no open opportunity answers it", ("b",)),
    ]


def test_late_actions_come_longest_overdue_first_with_their_owner() -> None:
    m = plan_map([
        card("a", title="Pays online", opportunities=[
            opp("a.o1", "Guest checkout", status="in_progress", due="2026-11-30", owner="Anna"),
            opp("a.o2", "Done already", status="done", due="2026-01-01"),
        ]),
        card("b", title="Collects", opportunities=[opp("b.o1", "Pick-up shelf", due="2026-10-01"),
                                                   opp("b.o2", "Not yet due", due="2026-12-07")]),
    ])
    lines = of_kind(m, "overdue")
    assert [(i.text, i.elements) for i in lines] == [
        ("“Pick-up shelf” on “Collects” was due on 1 October 2026 and is still an idea", ("b",)),
        ("“Guest checkout” on “Pays online” was due on 30 November 2026 and is still in progress (Anna)", ("a",)),
    ]
    assert of_kind(m, "overdue", datetime.date(2026, 10, 1)) == []


def test_stage_figures_name_the_kpis_off_target_and_the_stages_without_kpis() -> None:
    m = plan_map([card("a")], stages=[
        {"id": "s1", "name": "Purchase", "kpis": [
            kpi("k1", "Conversion rate", 3.5, ("2026-12-01", 2.4), unit="%"),
            kpi("k2", "Carts paid", 75, ("2026-12-01", 59), unit="%"),  # 21 % short: near, not off
            kpi("k3", "Complaints", 10, ("2026-12-01", 20), direction="lower")]},
        {"id": "s2", "name": "Pick-up", "kpis": [kpi("k4", "On time", 90, ("2026-12-01", 95))]},
        {"id": "s3", "name": "Loyalty"},
        {"id": "s4", "name": "Referral"},
    ])
    lines = of_kind(m, "stage_kpis")
    assert [(i.text, i.elements) for i in lines] == [
        (("Stage “Purchase”: 2 of its 3 KPIs are far off target (“Conversion rate” 2.4%, target 3.5%; "
          "“Complaints” 20, target 10)"), ("s1",)),
        ("2 stages have no KPI: “Loyalty” and “Referral”", ("s3", "s4")),
    ]


def test_a_map_without_kpis_says_so_once() -> None:
    m = plan_map([card("a")])
    assert [i.text for i in of_kind(m, "stage_kpis")] == ["No stage has a KPI yet: give each stage a figure to watch"]


def test_the_share_of_assumed_cards() -> None:
    m = plan_map([card("a", evidence="assumed"), card("b"), card("c", evidence="anecdotal"),
                  card("d", evidence="assumed")])
    [line] = of_kind(m, "evidence")
    assert line.text == "2 of 4 cards (50 %) are still assumed: nobody has checked them with customers yet"
    assert line.elements == ("a", "d")
    [none] = of_kind(plan_map([card("a")]), "evidence")
    assert none.elements == () and "No card is assumed" in none.text


def _funnel(*stages: tuple[str, list[dict]]) -> list[dict]:
    return [{"id": f"s{n}", "name": name, "kpis": kpis} for n, (name, kpis) in enumerate(stages, 1)]


def test_customers_are_lost_where_a_count_of_them_falls_most() -> None:
    stages = _funnel(
        ("Awareness", [kpi("k1", "Reach", None, ("2026-12-01", 4000), unit="visitors/week")]),
        ("Consideration", [kpi("k2", "Browsing", None, ("2026-12-01", 3000), unit="Visitors/week")]),
        ("Purchase", [kpi("k3", "Rate", 3, ("2026-12-01", 2.4), unit="%")]),  # not a count: skipped over
        ("Pick-up", [kpi("k4", "Buyers", None, ("2026-12-01", 600), unit="visitors/week")]),
    )
    [line] = of_kind(plan_map([card("a")], stages=stages), "lost")
    assert line.text == ("Most customers are lost between stage “Consideration” and stage “Pick-up”: "
                         "3,000 Visitors/week, then 600 visitors/week (80 % fewer)")
    assert line.elements == ("s2", "s4")


def test_a_negative_count_takes_no_part_and_cannot_overflow_the_fall() -> None:
    """1e-300 then -1e10 made a fall of 1e312 (OverflowError in round, the panel stayed empty and the
    PDF export failed); -500 after 100 said "600 % fewer"."""
    tiny = _funnel(("A", [kpi("k1", "Reach", None, ("2026-12-01", 1e-300), unit="visitors")]),
                   ("B", [kpi("k2", "Reach", None, ("2026-12-01", -1e10), unit="visitors")]))
    assert of_kind(plan_map([card("a")], stages=tiny), "lost") == []
    negative = _funnel(("A", [kpi("k1", "Reach", None, ("2026-12-01", 100), unit="visitors")]),
                       ("B", [kpi("k2", "Reach", None, ("2026-12-01", -500), unit="visitors")]),
                       ("C", [kpi("k3", "Reach", None, ("2026-12-01", 40), unit="visitors")]))
    [line] = of_kind(plan_map([card("a")], stages=negative), "lost")
    assert line.elements == ("s1", "s3") and line.text.endswith("(60 % fewer)")


def test_every_fall_is_between_0_and_100_percent() -> None:
    values = [1e-300, 0, 5e-324, 1e308, 0.0, -0.0, 3, -1e10, 7, 1e-300]
    stages = _funnel(*((f"S{n}", [kpi(f"k{n}", "Reach", None, ("2026-12-01", v), unit="visitors")])
                       for n, v in enumerate(values)))
    [line] = of_kind(plan_map([card("a")], stages=stages), "lost")
    percent = int(re.search(r"\((\d+) % fewer\)$", line.text).group(1))
    assert 0 <= percent <= 100


def test_a_share_lost_that_is_negative_is_left_out() -> None:
    stages = _funnel(("A", [kpi("k1", "Cart abandonment", None, ("2026-12-01", -1e10), unit="%")]))
    assert of_kind(plan_map([card("a")], stages=stages), "lost") == []


def test_counts_in_other_units_are_not_compared() -> None:
    stages = _funnel(("A", [kpi("k1", "Reach", None, ("2026-12-01", 4000), unit="people/month")]),
                     ("B", [kpi("k2", "Visits", None, ("2026-12-01", 30), unit="visits/week")]),
                     ("C", [kpi("k3", "Orders", None, ("2026-12-01", 10), unit="orders")]))
    assert of_kind(plan_map([card("a")], stages=stages), "lost") == []


def test_without_counts_the_highest_share_lost_tells() -> None:
    stages = _funnel(("Browse", [kpi("k1", "Bounce rate", None, ("2026-12-01", 40), unit="%")]),
                     ("Checkout", [kpi("k2", "Cart abandonment", 50, ("2026-12-01", 68), unit="%",
                                       direction="lower")]),
                     ("After", [kpi("k3", "Lost customers", None, ("2026-12-01", 12), unit="people")]))
    [line] = of_kind(plan_map([card("a")], stages=stages), "lost")
    assert line.text == "Most customers are lost at stage “Checkout”: “Cart abandonment” is 68%"
    assert line.elements == ("s2",)


def test_a_map_that_does_not_say_where_customers_are_lost_gets_no_such_line() -> None:
    stages = _funnel(("A", [kpi("k1", "Conversion rate", 3, ("2026-12-01", 2), unit="%")]),
                     ("B", [kpi("k2", "Dropped orders", None, unit="%")]),  # no reading
                     ("C", [kpi("k3", "Customers", None, ("2026-12-01", 10), unit="customers")]))  # one stage
    assert of_kind(plan_map([card("a")], stages=stages), "lost") == []


def test_insights_come_grouped_in_the_order_of_kinds_and_name_no_ids() -> None:
    the_map = load_path(example_map_path()).map
    found = insights(the_map, TODAY)
    order = list(KINDS)
    assert [order.index(i.kind) for i in found] == sorted(order.index(i.kind) for i in found)
    assert {"low_point", "stage_kpis", "evidence"} <= {i.kind for i in found}
    ids = {e.id for e in (*the_map.personas, *the_map.stages, *the_map.touchpoints)}
    for line in found:
        assert line.elements and set(line.elements) <= ids, line
        assert not any(i in line.text for i in ids), line.text


@pytest.mark.parametrize("direction, value, off", [
    ("higher", 69, True), ("higher", 71, False), ("higher", 500, False),
    ("lower", 131, True), ("lower", 129, False), ("lower", 0, False),
    ("target", 69, True), ("target", 131, True), ("target", 75, False), ("target", 125, False),
])
def test_off_target_means_missing_the_target_the_better_way_by_more_than_30_percent(direction, value, off) -> None:
    """Off target (the header's ✗, the insights' "far off target") by the KPI's direction: a
    conversion rate far above its target is never off; a waiting time far above it is."""
    k = KPI.model_validate({"id": "k", "name": "K", "target": 100, "direction": direction,
                            "readings": [{"date": "2026-12-01", "value": value}]})
    assert is_off_target(k) is off
    assert (kpi_health(k)[1] == "bad") is off
