"""KPIs over time on paper: the header prints the change and the sparkline as the screen shows them,
and the details say, for every KPI with readings, the latest value and its day, the one before and
the change, better or worse by the KPI's direction."""

from __future__ import annotations

import re

from PIL import Image

from journeymapper.model.schema import Map

from .conftest import export
from .pdftools import flat, page_text, run, text, word_boxes


def kpi_map(complaints: list[tuple[str, float]]) -> Map:
    """Two stages: "Purchase" with a lower-is-better KPI of the given readings, "Visit" with one reading."""
    return Map.model_validate({
        "id": "m", "title": "Bakery KPIs", "created": "2026-01-01T00:00:00Z", "modified": "2026-12-01T00:00:00Z",
        "personas": [{"id": "p", "name": "Busy parent"}],
        "stages": [
            {"id": "s1", "name": "Visit", "kpis": [{"id": "k1", "name": "Google rating", "target": 4.7,
                                                    "readings": [{"date": "2026-11-20", "value": 4.6}]}]},
            {"id": "s2", "name": "Purchase", "kpis": [{
                "id": "k2", "name": "Complaints about payment", "unit": "per month", "direction": "lower", "target": 5,
                "readings": [{"date": day, "value": value, "note": "card reader broke" if k == len(complaints) - 1
                              else ""} for k, (day, value) in enumerate(complaints)]}]},
        ],
        "touchpoints": [{"id": "t1", "persona": "p", "stage": "s1", "title": "Reads the reviews"},
                        {"id": "t2", "persona": "p", "stage": "s2", "title": "Pays at the counter"}],
    })


THREE = [("2026-08-31", 14), ("2026-10-12", 9), ("2026-11-30", 11)]


def test_the_details_say_latest_previous_and_change_of_every_kpi_with_readings(tmp_path):
    exported = export(kpi_map(THREE), tmp_path / "kpis.pdf")
    printed = flat(text(exported.path))
    assert ("Complaints about payment: 11 / 5 per month (lower is better). Latest reading 11 per month on "
            "2026-11-30 (card reader broke); previous 9 per month on 2026-10-12; \u25b2 +2, worse.") in printed
    # one reading: its day is printed, and that there is none before it to compare with
    assert "Google rating: 4.6 / 4.7. Latest reading 4.6 on 2026-11-20; no earlier reading." in printed


def test_the_header_prints_the_change_and_the_trend_line(tmp_path):
    exported = export(kpi_map(THREE), tmp_path / "kpis.pdf", tiles="1x1")
    # (the print may take narrower columns than the screen's: then the day is left to the details)
    assert re.search(r"\u25b2 \+2( since 2026-10-12)?, worse", flat(page_text(exported.path, 1)))
    # The sparkline sits right of those words, under the KPI's bar and before its health mark (✗): ink
    # there, on the line of the words, is the trend.
    boxes = word_boxes(exported.path, 1)
    [(_, _, top, right, bottom)] = [b for b in boxes if b[0] == "worse"]
    marks = [b for b in boxes if b[0] == "\u2717" and b[1] > right and b[2] < top]  # (the legend's is higher)
    mark_left = max(marks, key=lambda b: b[2])[1]
    dpi = 200
    out = tmp_path / "page"
    run("pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-png", "-singlefile", exported.path, out)
    image = Image.open(str(out) + ".png").convert("L")
    k = dpi / 72
    inked = [(x, y) for x in range(int((right + 3) * k), int(mark_left * k))
             for y in range(int((top - 2) * k), int((bottom + 2) * k)) if image.getpixel((x, y)) < 160]
    assert len(inked) > 20 * k
    xs = sorted({x for x, _ in inked})
    assert (xs[-1] - xs[0]) / k > 30  # a line across the bar's width, not a speck


def test_one_reading_prints_no_change_in_the_header(tmp_path):
    exported = export(kpi_map(THREE[-1:]), tmp_path / "one.pdf", tiles="1x1")
    page = flat(page_text(exported.path, 1))
    assert "Complaints about payment: 11 / 5 per month" in page and "since" not in page
