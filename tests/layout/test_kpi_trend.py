"""A KPI over time in its stage header: the change since the reading before, said in words and a mark
(better or worse by the KPI's direction), and the readings as a sparkline, from one layout."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from journeymapper.i18n import words
from journeymapper.layout.geometry import Rect
from journeymapper.layout.headers import header_tip
from journeymapper.layout.kpis import CHANGE_MARKS, kpi_change, kpi_record
from journeymapper.layout.map_layout import layout_map
from journeymapper.layout.sparkline import DOT_RADIUS, sparkline
from journeymapper.layout.style import DEFAULT_STYLE
from journeymapper.layout.text import shows_whole
from journeymapper.model.schema import KPI, Map

EN = words("en")


def kpi(values: list[float], direction: str = "higher", target: float | None = None, name: str = "Sales",
        unit: str = "", days: list[str] | None = None) -> KPI:
    days = days or [f"2026-{month:02d}-12" for month in range(12 - len(values) + 1, 13)]
    return KPI(id="k", name=name, unit=unit, direction=direction, target=target,
               readings=[{"date": day, "value": value} for day, value in zip(days, values)])


def one_stage_map(*kpis: KPI, stage_name: str = "Purchase") -> Map:
    return Map.model_validate({
        "id": "m", "title": "KPIs", "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z",
        "personas": [{"id": "p", "name": "P"}],
        "stages": [{"id": "s", "name": stage_name, "kpis": [k.model_dump() | {"id": f"k{n}"}
                                                            for n, k in enumerate(kpis)]}],
    })


# -- the change, judged by direction --------------------------------------------------------------------
@pytest.mark.parametrize("direction, values, verdict, mark", [
    ("higher", [2.1, 2.4], "better", "up"),
    ("higher", [2.4, 2.1], "worse", "down"),
    ("lower", [9, 11], "worse", "up"),  # more complaints: up, and worse
    ("lower", [11, 9], "better", "down"),
    ("higher", [5, 5], "same", "flat"),
])
def test_the_change_is_better_or_worse_by_the_kpis_direction(direction, values, verdict, mark):
    change = kpi_change(kpi(values, direction))
    assert change.verdict == verdict
    assert change.mark == CHANGE_MARKS[mark]
    assert change.ink == {"better": "kpi_good", "worse": "kpi_bad", "same": "muted"}[verdict]


def test_a_kpi_best_on_its_target_is_better_when_it_comes_closer():
    assert kpi_change(kpi([30, 26], "target", target=25)).verdict == "better"  # down, and closer
    assert kpi_change(kpi([26, 30], "target", target=25)).verdict == "worse"
    assert kpi_change(kpi([24, 26], "target", target=25)).verdict == ""  # as far as before: neither
    assert kpi_change(kpi([24, 26], "target")).verdict == ""  # no target: cannot be said


def test_the_change_is_written_with_its_sign_and_the_day_it_is_compared_with():
    change = kpi_change(kpi([2.1, 2.4], days=["2026-10-12", "2026-11-20"]))
    assert change.figure == "+0.3"  # (2.4 - 2.1 is 0.2999...: written as the figures are)
    assert change.since == date(2026, 10, 12)
    assert kpi_change(kpi([1500, 1200], "lower")).figure == "\u2212300"
    assert kpi_change(kpi([4.5])) is None


# -- the header ------------------------------------------------------------------------------------------
def test_a_kpi_with_readings_says_its_change_in_words_under_its_figures():
    lower = kpi([14, 9, 11], "lower", target=5, name="Complaints", unit="per month",
                days=["2026-08-31", "2026-10-12", "2026-11-30"])
    line = layout_map(one_stage_map(lower)).stages["s"].kpis[0]
    assert line.text.lines == ("Complaints: 11 / 5 per month",)
    assert line.change_mark.lines == (CHANGE_MARKS["up"],) and line.change_mark.color == "kpi_bad"
    assert line.change.lines == ("+2 since 2026-10-12, worse",)
    assert line.change.y >= line.text.y + line.text.height  # under the figures, not over them
    assert line.change.x > line.text.x  # set in: it belongs to the KPI above
    better = layout_map(one_stage_map(kpi([14, 11, 9], "lower", target=5))).stages["s"].kpis[0]
    assert better.change.lines[0].endswith("better") and better.change_mark.color == "kpi_good"


def test_a_kpi_with_one_reading_keeps_its_header_as_it_was():
    single = layout_map(one_stage_map(kpi([4.2], target=5)))
    assert single.stages["s"].kpis[0].change is None and single.stages["s"].kpis[0].trend is None
    both = layout_map(one_stage_map(kpi([4.2], target=5), kpi([3.9, 4.2], target=5)))
    first, second = both.stages["s"].kpis
    assert second.text.y - first.text.y == pytest.approx(
        single.stages["s"].kpis[0].text.height + 0.5)  # nothing was added under the first
    assert both.header_height > single.header_height  # the second's change line takes room


def test_without_room_the_change_is_shortened_to_its_verdict_and_names_stay_whole():
    """Better or worse is not said by the mark's colour alone: a column as narrow as half the usual one
    still has the word (only narrower ones leave it to the tooltip)."""
    long_name = "Customers who come back within six months"
    trend = kpi([30, 34], target=45, name=long_name, unit="%", days=["2026-06-01", "2026-11-20"])
    said = []
    for width in (244.0, 160.0, 120.0):
        style = replace(DEFAULT_STYLE, column_width=width)
        layout = layout_map(one_stage_map(trend, stage_name="After the purchase"), style)
        box = layout.stages["s"]
        line = box.kpis[0]
        said.append(line.change.lines[0] if line.change else None)
        assert shows_whole("After the purchase", box.name.lines)
        assert shows_whole(f"{long_name}: 34% / 45%", line.text.lines), line.text.lines  # wrapped, never cut
        if line.change:  # what is said fits between the mark and the sparkline
            from journeymapper.layout.text import text_width
            assert line.change.x + text_width(line.change.lines[0], line.change.size) <= line.trend.box.x
        tip = header_tip("A stage", box.kpis)
        assert "previous 30% on 2026-06-01" in tip and "+4, better" in tip
    assert said == ["+4 since 2026-06-01, better", "+4, better", "better"]


def test_the_record_says_latest_previous_and_change_in_full():
    record = kpi_record(kpi([14, 9, 11], "lower", target=5, name="Complaints", unit="per month",
                            days=["2026-08-31", "2026-10-12", "2026-11-30"]), EN)
    assert record == ("Complaints: 11 / 5 per month (lower is better). Latest reading 11 per month on 2026-11-30; "
                      "previous 9 per month on 2026-10-12; \u25b2 +2, worse.")
    assert kpi_record(kpi([4.2], target=5), EN).endswith("Latest reading 4.2 on 2026-12-12; no earlier reading.")


# -- the sparkline ------------------------------------------------------------------------------------
BOX = Rect(100.0, 50.0, 44.0, 12.0)


@pytest.mark.parametrize("direction", ["higher", "lower", "target"])
def test_higher_values_sit_higher_whichever_way_is_better(direction):
    rising = kpi([1, 2, 4], direction, target=3)
    line = layout_map(one_stage_map(rising)).stages["s"].kpis[0].trend
    ys = [p.y for p in line.points]
    assert ys[0] > ys[1] > ys[2]  # y grows downwards: each higher value is drawn higher
    box = line.box
    for p in line.points:  # inside its box, the dot's radius clear of its edges
        assert box.x + DOT_RADIUS - 1e-9 <= p.x <= box.right - DOT_RADIUS + 1e-9
        assert box.y + DOT_RADIUS - 1e-9 <= p.y <= box.bottom - DOT_RADIUS + 1e-9
    assert ys[0] == pytest.approx(box.bottom - DOT_RADIUS) and ys[2] == pytest.approx(box.y + DOT_RADIUS)
    assert box.y >= layout_map(one_stage_map(rising)).stages["s"].kpis[0].bar.bottom  # under the bar


def test_the_latest_point_is_drawn_in_the_kpis_health_by_direction():
    over = [kpi([2, 4], direction, target=3) for direction in ("higher", "lower")]
    inks = [layout_map(one_stage_map(k)).stages["s"].kpis[0].trend.latest_ink for k in over]
    assert inks == ["kpi_good", "kpi_bad"]  # 4 against a target of 3: met when higher is better, off when lower
    no_target = layout_map(one_stage_map(kpi([2, 4]))).stages["s"].kpis[0].trend
    assert no_target.latest_ink == "muted"


def test_the_points_follow_the_dates_not_the_order():
    spark = sparkline([(date(2026, 1, 1), 1), (date(2026, 1, 11), 2), (date(2026, 4, 11), 3)], BOX)
    xs = [p.x for p in spark.points]
    left, right = BOX.x + DOT_RADIUS, BOX.right - DOT_RADIUS
    assert xs[0] == pytest.approx(left) and xs[2] == pytest.approx(right)
    assert (xs[1] - left) / (right - left) == pytest.approx(10 / 100)  # 10 days of 100
    same_day = sparkline([(date(2026, 1, 1), 1), (date(2026, 1, 1), 2), (date(2026, 1, 1), 3)], BOX)
    assert [p.x for p in same_day.points] == pytest.approx([left, (left + right) / 2, right])


def test_a_flat_series_runs_across_the_middle_and_the_target_shows_only_within_the_range():
    flat = sparkline([(date(2026, 1, 1), 5), (date(2026, 2, 1), 5)], BOX, target=5)
    assert {p.y for p in flat.points} == {BOX.y + BOX.h / 2} and flat.target_y is None
    spark = sparkline([(date(2026, 1, 1), 0), (date(2026, 2, 1), 10)], BOX, target=2.5)
    top, bottom = BOX.y + DOT_RADIUS, BOX.bottom - DOT_RADIUS
    assert spark.target_y == pytest.approx(bottom - (bottom - top) * 0.25)
    assert sparkline([(date(2026, 1, 1), 0), (date(2026, 2, 1), 10)], BOX, target=20).target_y is None
    assert sparkline([(date(2026, 1, 1), 0)], BOX) is None
    path = spark.path  # straight segments from point to point
    assert len(path) == 1 and (path[0].x0, path[0].y0) == tuple(spark.points[0])
    assert (path[0].x3, path[0].y3) == tuple(spark.points[1])


def test_every_change_phrase_that_judges_says_better_or_worse():
    from journeymapper.layout.kpis import change_phrases
    for values, direction, verdict in (([14, 9], "lower", "better"), ([9, 14], "lower", "worse")):
        phrases = change_phrases(kpi_change(kpi(values, direction)), EN)
        assert phrases[-1] == verdict and all(phrase.endswith(verdict) for phrase in phrases)
