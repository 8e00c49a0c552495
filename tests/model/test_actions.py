"""The map's actions as rows: what each says, overdue by date and status, sorted by meaning, filtered."""

from __future__ import annotations

from datetime import date

import pytest

from journeymapper.model.actions import (
    ActionFilter,
    action_rows,
    counts,
    filter_rows,
    find_action,
    has_plans,
    owners,
    pain_choices,
    sorted_rows,
    with_plan,
)
from journeymapper.model.schema import Map

TODAY = date(2026, 12, 7)


def planned_map() -> Map:
    """Two lanes, two stages; the cards are listed out of the map's order on purpose."""
    return Map.model_validate({
        "id": "m", "title": "Shop", "owner": "Ann Lee",
        "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z",
        "personas": [{"id": "p1", "name": "Parent"}, {"id": "p2", "name": "Office   manager"}],
        "stages": [{"id": "s1", "name": "Find"}, {"id": "s2", "name": "Buy"}],
        "touchpoints": [
            {"id": "buy", "persona": "p1", "stage": "s2", "title": "Pays online", "owner": "web team",
             "pain_points": [{"id": "buy.p1", "text": "Card refused", "severity": "high"}],
             "opportunities": [
                 {"id": "buy.o1", "text": "Offer Apple Pay", "priority": "high", "status": "planned",
                  "owner": "Ben", "due": "2026-12-01", "effort": "medium", "addresses": ["buy.p1", "find.p1"]},
                 {"id": "buy.o2", "text": "Send the receipt at once", "priority": "low", "status": "done",
                  "owner": "ann  lee", "due": "2026-11-01", "effort": "low"},
             ]},
            {"id": "find", "persona": "p1", "stage": "s1", "title": "Searches\nGoogle",
             "pain_points": [{"id": "find.p1", "text": "No  prices", "severity": "medium"}],
             "opportunities": [
                 {"id": "find.o1", "text": "Add a price list", "priority": "medium", "status": "in_progress",
                  "owner": "Cleo", "due": "2027-01-15"},
                 {"id": "find.o2", "text": "Answer reviews", "priority": "high"},
             ]},
            {"id": "call", "persona": "p2", "stage": "s1", "title": "Calls the shop",
             "opportunities": [
                 {"id": "call.o1", "text": "Call-back slots", "priority": "medium", "status": "dropped",
                  "due": "2026-10-01", "effort": "high"},
                 {"id": "call.o2", "text": "Quote within a day", "priority": "high", "status": "idea",
                  "owner": "Ben", "due": "2026-12-20", "effort": "low"},
             ]},
        ],
    })


@pytest.fixture
def rows():
    return action_rows(planned_map(), TODAY)


def ids(rows) -> list[str]:
    return [row.id for row in rows]


def test_every_opportunity_is_a_row_in_the_maps_order(rows):
    # stage Find (lane Parent, then lane Office), then stage Buy
    assert ids(rows) == ["find.o1", "find.o2", "call.o1", "call.o2", "buy.o1", "buy.o2"]


def test_a_row_names_its_card_stage_persona_and_the_pains_it_answers(rows):
    row = rows[ids(rows).index("buy.o1")]
    assert (row.text, row.priority, row.status, row.owner, row.due, row.effort) == (
        "Offer Apple Pay", "high", "planned", "Ben", date(2026, 12, 1), "medium")
    assert (row.card_id, row.card_title, row.stage, row.persona) == ("buy", "Pays online", "Buy", "Parent")
    assert row.addresses == ("Card refused", "No prices")  # (on any card; white space as one line)
    office = rows[ids(rows).index("call.o1")]
    assert office.persona == "Office manager" and rows[ids(rows).index("find.o1")].card_title == "Searches Google"


def test_a_pain_point_listed_twice_is_named_once_in_the_order_listed() -> None:
    data = planned_map().model_dump(mode="json")
    data["touchpoints"][0]["opportunities"][0]["addresses"] = ["find.p1", "buy.p1", "find.p1", "gone", "buy.p1"]
    [row] = [r for r in action_rows(Map.model_validate(data), TODAY) if r.id == "buy.o1"]
    assert row.addresses == ("No prices", "Card refused")


def test_overdue_is_a_past_due_date_on_an_open_action(rows):
    overdue = {row.id for row in rows if row.overdue}
    # buy.o1: planned, due last week. buy.o2 (done) and call.o1 (dropped) are past their date but closed;
    # find.o1 and call.o2 are due later; find.o2 has no date.
    assert overdue == {"buy.o1"}
    assert not action_rows(planned_map(), date(2026, 12, 1))[4].overdue  # due today is not overdue yet


def test_statuses_sort_in_the_order_an_action_goes_through_them(rows):
    assert [row.status for row in sorted_rows(rows, "status")] == [
        "idea", "idea", "planned", "in_progress", "done", "dropped"]


def test_dates_sort_by_date_with_no_date_last_both_ways(rows):
    assert ids(sorted_rows(rows, "due")) == ["call.o1", "buy.o2", "buy.o1", "call.o2", "find.o1", "find.o2"]
    assert ids(sorted_rows(rows, "due", descending=True)) == [
        "find.o1", "call.o2", "buy.o1", "buy.o2", "call.o1", "find.o2"]


def test_levels_sort_by_meaning_not_alphabetically(rows):
    assert [row.priority for row in sorted_rows(rows, "priority")] == ["high"] * 3 + ["medium"] * 2 + ["low"]
    assert [row.effort for row in sorted_rows(rows, "effort")] == ["low", "low", "medium", "high", None, None]
    # Equal levels keep the map's order.
    assert ids(sorted_rows(rows, "priority"))[:3] == ["find.o2", "call.o2", "buy.o1"]


def test_owners_sort_ignoring_case_with_nobody_last(rows):
    assert [row.owner for row in sorted_rows(rows, "owner")] == ["ann lee", "Ben", "Ben", "Cleo", "", ""]
    assert [row.owner for row in sorted_rows(rows, "owner", descending=True)] == ["Cleo", "Ben", "Ben", "ann lee",
                                                                                   "", ""]


def test_the_work_order_puts_open_overdue_first_and_closed_last(rows):
    assert ids(sorted_rows(rows)) == ["buy.o1", "call.o2", "find.o1", "find.o2", "buy.o2", "call.o1"]


def test_filters_by_status_owner_priority_effort_and_due(rows):
    def shown(**wanted) -> set[str]:
        return set(ids(filter_rows(rows, ActionFilter(**wanted), TODAY)))

    assert shown() == set(ids(rows))
    assert shown(statuses=frozenset({"done", "dropped"})) == {"buy.o2", "call.o1"}
    assert shown(owner="  BEN ") == {"buy.o1", "call.o2"}
    assert shown(owner="") == {"find.o2", "call.o1"}  # nobody yet
    assert shown(priorities=frozenset({"high"})) == {"find.o2", "call.o2", "buy.o1"}
    assert shown(efforts=frozenset({None})) == {"find.o1", "find.o2"}  # not known yet
    assert shown(efforts=frozenset({"low", "medium"})) == {"buy.o1", "buy.o2", "call.o2"}
    assert shown(due="overdue") == {"buy.o1"}
    assert shown(due="soon") == {"buy.o1", "call.o2"}  # within 30 days, the overdue one too; open only
    assert shown(due="undated") == {"find.o2"}
    assert shown(owner="Ben", due="overdue") == {"buy.o1"}


def test_counts_say_how_many_are_open_overdue_done_and_dropped(rows):
    assert counts(rows) == {"open": 4, "overdue": 1, "done": 1, "dropped": 1}


def test_a_map_has_plans_once_any_opportunity_has_more_than_an_idea():
    the_map = planned_map()
    assert has_plans(the_map)
    bare = the_map.model_copy(update={"touchpoints": [
        t.model_copy(update={"opportunities": [o.model_copy(update={"status": "idea", "owner": " ", "due": None,
                                                                     "effort": None}) for o in t.opportunities]})
        for t in the_map.touchpoints]})
    assert not has_plans(bare)
    assert not any(row.has_plan for row in action_rows(bare, TODAY))


def test_owners_offered_are_every_name_used_once():
    assert owners(planned_map()) == ["Ann Lee", "Ben", "Cleo", "web team"]


def test_pain_choices_list_the_cards_own_first_then_the_others_named_by_card():
    choices = pain_choices(planned_map(), "buy")
    assert [(c.id, c.label, c.on_this_card) for c in choices] == [
        ("buy.p1", "Card refused", True), ("find.p1", "Searches Google: No prices", False)]
    assert [c.id for c in pain_choices(planned_map(), None)] == ["find.p1", "buy.p1"]


def test_with_plan_changes_one_opportunity_and_keeps_the_rest():
    the_map = planned_map()
    card, opportunity = find_action(the_map, "call.o2")
    assert card.id == "call" and opportunity.owner == "Ben"
    changed = with_plan(card.opportunities, "call.o2", owner="Dee", due=None)
    assert changed[0] == card.opportunities[0].model_dump()
    assert changed[1] == {**card.opportunities[1].model_dump(), "owner": "Dee", "due": None}
    assert find_action(the_map, "nothing") is None
