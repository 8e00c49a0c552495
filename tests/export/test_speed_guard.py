"""One generous guard against the PDF export growing slow (the real numbers: bench_export.py).

A ratio to bare ReportLab measured in the same test, never milliseconds: the machines are shared.
"""

from __future__ import annotations

from tests.benchmarks.bigmap import big_map

from .bench_export import measure

# The goal is 2x. The export measures about 4.5x here, a third of it the layout (see
# bench_export.py); drawing shape by shape through ReportLab's canvas calls again measured 12x, and
# 20x before faces, dots and evidence marks became PDF forms. This guard catches such a regression,
# with room for a noisy machine, not the goal.
MAX_RATIO = 10


def test_export_stays_within_a_small_multiple_of_bare_reportlab():
    ours, baseline, ratio = measure(big_map(1000, 1500, 5, 10), runs=3)
    assert ratio <= MAX_RATIO, f"export_pdf {ours:.0f} ms vs bare ReportLab {baseline:.0f} ms"
