"""KPI readings at the edges of what the format allows: out of date order, and figures near ±1e308.
The trend line stays in its box and the printout says no "inf" nor draws "nan"."""

from __future__ import annotations

import math
import subprocess
from datetime import date

from journeymapper.export.pdf import PdfOptions, export_pdf
from journeymapper.i18n import words
from journeymapper.io import load_path
from journeymapper.layout.geometry import Rect
from journeymapper.layout.kpis import kpi_change, kpi_record
from journeymapper.layout.sparkline import sparkline
from journeymapper.model.schema import KPI, Map
from journeymapper.resources import example_map_path

BOX = Rect(100.0, 50.0, 60.0, 12.0)


def _inside(points, box: Rect) -> bool:
    return all(math.isfinite(p.x) and math.isfinite(p.y) and box.x <= p.x <= box.right
               and box.y <= p.y <= box.bottom for p in points)


def test_readings_out_of_date_order_stay_in_the_box():
    readings = [(date(2026, 10, 1), 3.0), (date(2027, 1, 6), 9.0), (date(2026, 12, 7), 5.0)]
    spark = sparkline(readings, BOX)
    assert spark is not None and _inside(spark.points, BOX)
    xs = [p.x for p in spark.points]
    assert xs[0] == min(xs) and xs[1] == max(xs)  # the earliest day at the left, the latest at the right
    assert xs[0] < xs[2] < xs[1]  # the last in the list (the latest value) is drawn at its own day


def test_the_largest_figures_make_a_line_in_the_box():
    readings = [(date(2026, 10, 1), -1e308), (date(2026, 11, 1), 1e308), (date(2026, 12, 1), 1e308)]
    spark = sparkline(readings, BOX, target=0)
    assert spark is not None and _inside(spark.points, BOX)
    assert spark.points[0].y > spark.points[1].y  # higher values nearer the top
    assert spark.target_y is not None and BOX.y < spark.target_y < BOX.bottom
    assert all(math.isfinite(c) for cubic in spark.path for c in cubic)


def test_a_change_too_large_for_a_number_is_not_said():
    kpi = KPI(id="k", name="Reach", readings=[{"date": "2026-10-01", "value": -1e308},
                                               {"date": "2026-11-01", "value": 1e308}])
    assert kpi_change(kpi) is None
    record = kpi_record(kpi, words("en"))
    assert "inf" not in record and "nan" not in record
    assert "previous" in record and "no earlier reading" not in record  # (there is one: only the change is left out)


def test_the_printout_of_extreme_readings_has_no_inf_and_draws_nothing_broken(tmp_path):
    raw = load_path(example_map_path()).map.model_dump()
    kpis = raw["stages"][0]["kpis"]
    kpis[0]["readings"] = [{"date": "2026-10-01", "value": -1e308, "note": ""},
                           {"date": "2026-11-01", "value": 1e308, "note": ""}]
    # the change is said (none), the line is drawn: its range alone is beyond a float
    kpis[1]["readings"] = [{"date": "2026-10-01", "value": -1e308, "note": ""},
                           {"date": "2026-11-01", "value": 1e308, "note": ""},
                           {"date": "2026-12-01", "value": 1e308, "note": ""}]
    out = tmp_path / "extremes.pdf"
    export_pdf(Map.model_validate(raw), out, PdfOptions())
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    words = set(text.replace(",", " ").replace(".", " ").split())
    assert not words & {"inf", "+inf", "−inf", "-inf", "nan"}, text[:500]
    assert "no change since 2026-11-01" in " ".join(text.split())
    drawn = subprocess.run(["pdftoppm", "-r", "30", "-png", str(out), str(tmp_path / "page")],
                           capture_output=True, text=True, check=True)
    assert "Unknown operator" not in drawn.stderr and "Syntax" not in drawn.stderr, drawn.stderr[:500]
