"""One sheet or a poster: the smallest text is reported truthfully, and a warning comes when it is too small."""

from __future__ import annotations

import pytest

from journeymapper.cli.main import main
from journeymapper.io import save
from tests.benchmarks.bigmap import big_map

from .conftest import export
from .pdftools import font_sizes, qdf


@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    """3 personas, 10 stages, 100 cards on one A3 sheet."""
    return export(big_map(100, 150, 3, 10), tmp_path_factory.mktemp("crowded") / "crowded.pdf")


def test_a_crowded_map_on_one_sheet_warns_and_suggests_tiles(crowded):
    assert crowded.report.smallest_text < 6
    [warning] = crowded.report.warnings
    assert f"{crowded.report.smallest_text:.1f} pt" in warning
    assert "below 6 pt" in warning
    assert "--tiles" in warning


def test_the_reported_size_is_the_smallest_text_on_the_map_page(crowded, example_a3, tmp_path):
    for exported in (crowded, example_a3):
        sizes = font_sizes(qdf(exported.path, tmp_path), 1)
        assert min(sizes) == pytest.approx(exported.report.smallest_text, abs=0.01)


def test_the_command_line_shows_the_warning(capsys, tmp_path):
    source = tmp_path / "crowded.jmap"
    save(source, big_map(100, 150, 3, 10))
    out = tmp_path / "crowded.pdf"
    code = main(["export", str(source), "-o", str(out), "--no-appendix"])
    captured = capsys.readouterr()
    assert code == 0
    [line] = captured.err.splitlines()
    assert line.startswith("journeymapper: warning: the smallest text prints at")
    assert "--tiles auto" in line
    assert out.exists()


def test_the_example_prints_legibly_on_one_a3_sheet(example_a3):
    assert example_a3.report.smallest_text >= 6
    assert (example_a3.report.columns, example_a3.report.rows) == (1, 1)
    assert example_a3.report.warnings == []


def test_the_example_as_a_2x2_a4_poster_prints_at_7_pt_or_more(example_poster, tmp_path):
    report = example_poster.report
    assert (report.columns, report.rows) == (2, 2)
    assert report.smallest_text >= 7
    assert report.warnings == []
    data = qdf(example_poster.path, tmp_path)
    for sheet in range(2, 6):  # page 1 is the overview, drawn small on purpose
        assert min(font_sizes(data, sheet)) >= min(report.smallest_text, 7.0) - 0.01, sheet
