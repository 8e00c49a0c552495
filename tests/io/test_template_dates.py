"""Templates and the example map use format 2 as a real business would, and a map made from a template
is dated from the day it is made.

A template is used months or years after it was written: due dates and readings fixed in the file would
be overdue or stale the day a user starts. So a map made from a template has every date (readings, due
dates, quote dates, `review_by`) moved by the same number of days, so that the template's latest KPI
reading falls on the day the map is made (journeymapper/io/templates.py). Checked here on two days far
apart: everything moved by the same distance, ids fresh but an opportunity's `addresses` still naming
the same pain points, and the made map clean in the checker on that day (every high-severity pain point
has an action under way, no action overdue, no figure stale, no stage with every KPI off target).

The example map is a file, opened as it is (never moved): it is the bakery's map as saved on its
`modified` day, clean on that day, with plans that fall due before its next review.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from journeymapper.check import check_map
from journeymapper.io import load_path
from journeymapper.io.templates import fresh_copy, map_from_template, map_from_template_file, template_day
from journeymapper.model.schema import Map
from journeymapper.resources import example_map_path, templates_dir

BUSINESSES = sorted(path.stem for path in templates_dir().glob("*.jmap")
                    if path.stem not in {"blank", "four-steps", "small-business-classic"})
DAYS = (date(2027, 2, 14), date(2031, 9, 3))
"""Two days to make maps on: one soon after the templates were written, one years later."""
OPEN = ("idea", "planned", "in_progress")
UNDER_WAY = ("planned", "in_progress")


def _template(name: str) -> Map:
    return load_path(templates_dir() / f"{name}.jmap").map


def _example() -> Map:
    return load_path(example_map_path()).map


def _dates(the_map: Map) -> list[date | None]:
    """Every date of a map, in file order (the same order in a copy)."""
    found: list[date | None] = [the_map.review_by]
    found += [r.date for s in the_map.stages for k in s.kpis for r in k.readings]
    found += [q.date for element in (*the_map.personas, *the_map.touchpoints) for q in element.quotes]
    found += [o.due for t in the_map.touchpoints for o in t.opportunities]
    return found


def _pain_texts(the_map: Map) -> dict[str, tuple[str, str]]:
    """Pain point id -> (its card's title, its text): what an id means to a person."""
    return {p.id: (t.title, p.text) for t in the_map.touchpoints for p in t.pain_points}


def _addressed(the_map: Map) -> list[list[tuple[str, str]]]:
    """Each opportunity's `addresses`, as the pain points they name (card title, text)."""
    pains = _pain_texts(the_map)
    return [[pains[i] for i in o.addresses] for t in the_map.touchpoints for o in t.opportunities]


def _on_target(kpi: Any) -> bool:
    value, target = kpi.value, kpi.target
    if kpi.direction == "lower":
        return value <= target
    if kpi.direction == "higher":
        return value >= target
    return value == target


def _plan_is_sound_on(the_map: Map, today: date) -> None:
    """What the new check rules ask, said directly (so this holds whatever words the checker uses)."""
    opportunities = [o for t in the_map.touchpoints for o in t.opportunities]
    for card in the_map.touchpoints:
        for pain in card.pain_points:
            if pain.severity == "high":
                assert any(pain.id in o.addresses and o.status in UNDER_WAY for o in opportunities), (
                    f"{card.title}: {pain.text!r} has no action planned or under way")
    overdue = [o.text for o in opportunities if o.status in OPEN and o.due is not None and o.due < today]
    assert overdue == [], overdue
    for stage in the_map.stages:
        for kpi in stage.kpis:
            if kpi.target is not None:
                assert kpi.readings and today - kpi.readings[-1].date <= timedelta(days=31), (
                    f"{stage.name}: {kpi.name} has no recent reading on {today}")
        if stage.kpis:
            assert any(_on_target(k) for k in stage.kpis if k.value is not None and k.target is not None), (
                f"{stage.name}: every KPI is off target")
    assert the_map.review_by is None or the_map.review_by >= today


# -- a map made from a template is dated from the day it is made ----------------------------------------------
@pytest.mark.parametrize("name", BUSINESSES)
def test_a_map_made_on_any_day_has_the_templates_dates_moved_to_that_day(name: str) -> None:
    template = _template(name)
    written = _dates(template)
    made = {day: map_from_template(name, today=day) for day in DAYS}
    for day, the_map in made.items():
        moved = _dates(the_map)
        shift = day - template_day(template)
        assert moved == [d + shift if d is not None else None for d in written]
        assert max(r.date for s in the_map.stages for k in s.kpis for r in k.readings) == day
    first, second = (made[day] for day in DAYS)
    assert [b - a for a, b in zip(_dates(first), _dates(second)) if a is not None] == (
        [DAYS[1] - DAYS[0]] * sum(d is not None for d in written)), "every date moved by the same distance"


@pytest.mark.parametrize("name", BUSINESSES)
def test_ids_are_fresh_and_addresses_still_name_the_same_pain_points(name: str) -> None:
    template = _template(name)
    first, second = (map_from_template(name, today=day) for day in DAYS)

    def all_ids(the_map: Map) -> set[str]:
        ids = {e.id for e in (*the_map.personas, *the_map.stages, *the_map.touchpoints, *the_map.flows)}
        ids |= {k.id for s in the_map.stages for k in s.kpis}
        ids |= {q.id for e in (*the_map.personas, *the_map.touchpoints) for q in e.quotes}
        ids |= {i.id for t in the_map.touchpoints for i in (*t.pain_points, *t.opportunities)}
        return ids

    assert not all_ids(template) & all_ids(first) and not all_ids(first) & all_ids(second)
    assert any(o.addresses for t in template.touchpoints for o in t.opportunities)
    assert _addressed(first) == _addressed(second) == _addressed(template)


@pytest.mark.parametrize("name", BUSINESSES)
@pytest.mark.parametrize("day", DAYS)
def test_a_map_made_from_a_template_is_clean_on_the_day_it_is_made(name: str, day: date) -> None:
    """Nothing overdue, nothing stale, every serious pain being worked on: nothing for the checker to say."""
    made = map_from_template(name, today=day)
    _plan_is_sound_on(made, day)
    assert [f"{p.code} {p.message}" for p in check_map(made, today=day)] == []


def test_addresses_to_a_pain_point_on_another_card_follow_it() -> None:
    raw = _template("cafe").model_dump()
    cards = raw["touchpoints"]
    pained = [c for c in cards if c["pain_points"]]
    far_pain = pained[-1]["pain_points"][0]
    opportunity = pained[0]["opportunities"][0]
    opportunity["addresses"] = [*opportunity["addresses"], far_pain["id"]]
    source = Map.model_validate(raw)
    made = fresh_copy(source, today=DAYS[0])
    made_card = made.touchpoints[cards.index(pained[0])]
    pains = _pain_texts(made)
    assert pains[made_card.opportunities[0].addresses[-1]][1] == far_pain["text"]
    assert far_pain["id"] not in made_card.opportunities[0].addresses


def test_a_template_without_readings_is_dated_from_the_day_it_was_modified() -> None:
    raw = _template("cafe").model_dump()
    for stage in raw["stages"]:
        for kpi in stage["kpis"]:
            kpi["readings"] = []
    raw["modified"] = datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc)
    source = Map.model_validate(raw)
    assert template_day(source) == date(2026, 6, 1)
    made = fresh_copy(source, today=date(2026, 6, 11))
    assert _dates(made) == [d + timedelta(days=10) if d is not None else None for d in _dates(source)]


def test_keeping_a_map_as_a_template_keeps_its_dates() -> None:
    """(File > Save as Template: the dates move when the template is used, not when it is kept.)"""
    source = _template("hair-salon")
    kept = fresh_copy(source, today=DAYS[1], keep_dates=True)
    assert _dates(kept) == _dates(source) and kept.id != source.id


def test_dates_that_would_leave_the_calendar_stay_as_they_are() -> None:
    raw = _template("clinic").model_dump()
    raw["review_by"] = "9999-12-30"
    source = Map.model_validate(raw)
    made = fresh_copy(source, today=date(2027, 1, 1))
    assert _dates(made) == _dates(source)


def test_a_template_file_of_ones_own_is_dated_from_the_day_too(tmp_path) -> None:
    path = templates_dir() / "trades-business.jmap"
    made = map_from_template_file(path, today=DAYS[1])
    assert max(r.date for s in made.stages for k in s.kpis for r in k.readings) == DAYS[1]


# -- the templates use format 2 as a real business would ---------------------------------------------------------
@pytest.mark.parametrize("name", [*BUSINESSES, "example"])
def test_a_business_map_has_plans_figures_over_time_and_customers_words(name: str) -> None:
    the_map = _example() if name == "example" else _template(name)
    opportunities = [o for t in the_map.touchpoints for o in t.opportunities]
    planned = [o for o in opportunities if o.status != "idea"]
    assert len(planned) >= 3 and {"done", "in_progress", "planned"} <= {o.status for o in planned}
    assert all(o.owner and o.due and o.effort and o.addresses for o in planned), "a plan says who, when, how big"
    card_owners = {t.owner for t in the_map.touchpoints}
    assert {o.owner for o in planned} <= card_owners, "actions are owned by the roles the cards name"
    assert all(not o.owner and o.due is None for o in opportunities if o.status == "idea")
    kpis = [k for s in the_map.stages for k in s.kpis]
    assert all(len(k.readings) == 2 and k.readings[0].date < k.readings[1].date for k in kpis)
    months = {(r.date.year, r.date.month) for k in kpis for r in k.readings}
    assert len(months) == 2, "readings from two months"
    assert {"higher", "lower"} <= {k.direction for k in kpis}, "some figures are better lower"
    quotes = [q for e in (*the_map.personas, *the_map.touchpoints) for q in e.quotes]
    assert 2 <= len(quotes) <= 8 and all(q.who and q.date and q.source for q in quotes)
    assert any(p.quotes for p in the_map.personas) and any(t.quotes for t in the_map.touchpoints)
    assert all(p.source and p.evidence != "assumed" for p in the_map.personas)


@pytest.mark.parametrize("name", BUSINESSES)
def test_a_templates_words_say_no_month_that_moving_its_dates_would_make_wrong(name: str) -> None:
    """A quote's source or a reading's note naming a month would contradict its moved date."""
    months = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December", "spring", "summer", "autumn", "winter", "Christmas")
    the_map = _template(name)
    words = [q.source for e in (*the_map.personas, *the_map.touchpoints) for q in e.quotes]
    words += [r.note for s in the_map.stages for k in s.kpis for r in k.readings]
    words += [p.source for p in the_map.personas]
    assert [w for w in words if any(m.casefold() in w.casefold() for m in months)] == []


# -- the example map: a file, opened as it is ---------------------------------------------------------------------
def test_the_example_is_opened_as_saved_and_is_clean_on_its_day() -> None:
    example = _example()
    saved_on = example.modified.date()
    assert load_path(example_map_path()).map.model_dump() == example.model_dump()  # (nothing moves it)
    assert template_day(example) <= saved_on
    _plan_is_sound_on(example, saved_on)
    assert [f"{p.code} {p.message}" for p in check_map(example, today=saved_on)] == []
    dues = [o.due for t in example.touchpoints for o in t.opportunities if o.status in OPEN and o.due]
    assert dues and max(dues) <= example.review_by, "its plans fall due before its next review"


def test_the_example_used_as_a_template_is_dated_from_that_day() -> None:
    made = map_from_template_file(example_map_path(), today=DAYS[1])
    _plan_is_sound_on(made, DAYS[1])
    assert check_map(made, today=DAYS[1]) == []
