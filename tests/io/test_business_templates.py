"""The built-in templates are maps a shop owner can start from: clean, described, and (most) filled in.

Every template but `blank` passes the checker without an error or a warning (a template that opens
with problems in the Problems panel teaches the wrong thing), says in one short line what it is for
(that line is all the start page shows), and is saved in the app's canonical form (so an edit to
one shows as a small diff). At least eight are pre-filled examples of a real kind of business:
two personas, four or more stages, ten or more touchpoints, KPIs with figures, and a whole journey
for each persona.
"""

from __future__ import annotations

import re

import pytest

from journeymapper.check import check_map
from journeymapper.io import dumps, load_path
from journeymapper.io.templates import list_templates, map_from_template, template_day
from journeymapper.resources import templates_dir

FOLDER = templates_dir()
OUTLINES = {"blank", "four-steps", "small-business-classic"}
"""Templates that are empty frames (stages and KPI names only), not filled-in examples."""
BUSINESSES = {
    "cafe",
    "hair-salon",
    "trades-business",
    "online-shop",
    "clinic",
    "b2b-service",
    "local-retailer",
    "subscription-box",
}
"""The kinds of small business the pre-filled templates cover (see the start page)."""
START_PAGE_LINE = 90
"""The most characters a template's one-line description may have to show whole on the start page."""

ALL = sorted(path.stem for path in FOLDER.glob("*.jmap"))
NOT_BLANK = [name for name in ALL if name != "blank"]
FILLED = [name for name in ALL if name not in OUTLINES]


def _map(name: str):
    return load_path(FOLDER / f"{name}.jmap").map


@pytest.mark.parametrize("name", NOT_BLANK)
def test_a_template_opens_with_no_error_and_no_warning(name: str) -> None:
    """A new map starts from a template: the Problems panel must not greet it with a warning. (Checked on
    the day the template is written from: a map made from it has its dates moved to the day it is made,
    see test_template_dates.py, while the file's own due dates pass by.)"""
    the_map = _map(name)
    problems = [p for p in check_map(the_map, today=template_day(the_map)) if p.severity in ("error", "warning")]
    assert problems == [], [f"{p.code} {p.message}" for p in problems]


@pytest.mark.parametrize("name", NOT_BLANK)
def test_a_template_says_what_it_is_for_in_one_short_line(name: str) -> None:
    """The start page shows only the description's first line, so it must be there and short."""
    description = _map(name).description
    first = description.splitlines()[0].strip() if description.strip() else ""
    assert first, f"{name}: no description"
    assert len(first) <= START_PAGE_LINE, f"{name}: first line is {len(first)} characters: {first!r}"


@pytest.mark.parametrize("name", ALL)
def test_a_template_is_stored_in_the_apps_canonical_form(name: str) -> None:
    """Templates are written as the app saves maps, so editing one in the app changes only what changed."""
    path = FOLDER / f"{name}.jmap"
    loaded = load_path(path)
    assert dumps(loaded.map, loaded.view) == path.read_bytes()


def test_at_least_eight_business_templates_are_filled_in() -> None:
    """Owners recognise their business in a worked example; an empty frame does not show them how."""
    assert len(FILLED) >= 8, FILLED
    assert BUSINESSES <= set(FILLED), f"missing: {sorted(BUSINESSES - set(FILLED))}"
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in ALL), (
        "names are plain words and hyphens"
    )


@pytest.mark.parametrize("name", FILLED)
def test_a_filled_template_is_a_whole_believable_journey(name: str) -> None:
    """Two segments, a real path through every stage, and every card with a feeling and a channel."""
    the_map = _map(name)
    assert len(the_map.personas) >= 2
    assert len(the_map.stages) >= 4
    assert len(the_map.touchpoints) >= 10
    with_kpis = [s for s in the_map.stages if s.kpis]
    assert 2 * len(with_kpis) >= len(the_map.stages), "KPIs on at least half of the stages"
    blank_figures = [
        f"{s.name}: {k.name}" for s in with_kpis for k in s.kpis if k.value is None or k.target is None
    ]
    assert blank_figures == [], "an example's KPIs show a value and a target"
    no_feeling = [t.title for t in the_map.touchpoints if t.emotion is None]
    no_channel = [t.title for t in the_map.touchpoints if t.channel is None]
    assert no_feeling == [], f"cards without an emotion: {no_feeling}"
    assert no_channel == [], f"cards without a channel: {no_channel}"
    for persona in the_map.personas:
        used = {t.stage for t in the_map.touchpoints if t.persona == persona.id}
        assert used == {s.id for s in the_map.stages}, f"{persona.name} does not go through every stage"
    assert the_map.flows, "touchpoints are joined into journeys"
    assert {t.emotion for t in the_map.touchpoints} & {-1, -2}, "a believable journey has lows"


def test_the_template_list_offers_every_template_with_its_line() -> None:
    """What the start page and `journeymapper templates` list is every file here, blank first."""
    listed = list_templates()
    assert [t.name for t in listed] == ["blank"] + [name for name in ALL if name != "blank"]
    lines = {t.name: t.description for t in listed}
    for name in FILLED:
        assert lines[name] == _map(name).description.splitlines()[0]


@pytest.mark.parametrize("name", sorted(BUSINESSES))
def test_a_map_made_from_a_business_template_keeps_its_content_with_fresh_ids(name: str) -> None:
    """Making a map from a template copies the example and gives it ids of its own."""
    source = _map(name)
    made = map_from_template(name)
    assert len(made.touchpoints) == len(source.touchpoints) and len(made.flows) == len(source.flows)
    old_ids = {e.id for e in [*source.personas, *source.stages, *source.touchpoints, *source.flows]}
    new_ids = {e.id for e in [*made.personas, *made.stages, *made.touchpoints, *made.flows]}
    assert not old_ids & new_ids
    assert [p for p in check_map(made) if p.severity in ("error", "warning")] == []
