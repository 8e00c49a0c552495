"""One generous guard against the PDF export growing slow (the real numbers: bench_export.py).

A ratio to bare ReportLab measured in the same test, never milliseconds: the machines are shared.
"""

from __future__ import annotations

import pytest

from tests.benchmarks.bigmap import big_map

from .bench_export import measure

MAX_RATIO = 6


@pytest.mark.xfail(strict=True, reason="BUG: export_pdf of 1,000 touchpoints takes ~20x bare ReportLab "
                   "(goal <= 2x, guard 6x): per card it draws ~10 paths (4-Bezier circles for the face, eyes, "
                   "curve point and evidence dot), each colour through HexColor, and ReportLab's pure-Python "
                   "number formatting and ASCII85 dominate (export/painter.py, export/map_drawing.py)")
def test_export_stays_within_a_small_multiple_of_bare_reportlab():
    ours, baseline = measure(big_map(1000, 1500, 5, 10), runs=2)
    assert ours <= MAX_RATIO * baseline, f"export_pdf {ours:.0f} ms vs bare ReportLab {baseline:.0f} ms"
