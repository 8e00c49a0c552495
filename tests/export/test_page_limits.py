"""No PDF of thousands of pages by surprise: more pages than --max-pages (500 unless said) are
refused before any is drawn, and the appendix prints a few hundred findings, then says how many
more the check command lists. In the editor, a long PDF is made only if the user confirms, and an
export can be cancelled with nothing written."""

from __future__ import annotations

from pathlib import Path

from journeymapper.cli.main import main
from journeymapper.export.pdf import PdfOptions, TooManyPages, export_pdf
from journeymapper.export.profiles import APPENDIX_FINDINGS
from journeymapper.resources import example_map_path
from tests.check.builders import fl, make_map, tp

from .conftest import export
from .pdftools import flat, page_count, text


def _map_with_many_long_labels(count: int):
    """Every label too long for the map: each is printed in full after it (pages of them)."""
    label = "Asks whether the roses can be delivered before the dinner on Friday evening, and twice more"
    cards = [tp(f"a{n}", "p1", "s1") for n in range(count)] + [tp(f"b{n}", "p1", "s2") for n in range(count)]
    return make_map(cards, [fl(f"f{n}", f"a{n}", f"b{n}", label=f"{label} ({n})") for n in range(count)],
                    stages=("s1", "s2"))


def test_a_pdf_over_the_page_limit_is_refused_before_the_file_is_written(tmp_path: Path, capsys) -> None:
    from journeymapper.io import save

    path = tmp_path / "labels.jmap"
    save(path, _map_with_many_long_labels(1200))  # (some sixty pages of labels in full)
    out = tmp_path / "labels.pdf"
    assert main(["export", str(path), "-o", str(out), "--no-appendix", "--orientation", "landscape",
                 "--max-pages", "40"]) == 2
    err = capsys.readouterr().err
    assert "more than the 40 allowed; nothing was written (allow them with --max-pages" in err
    assert not out.exists()


def test_max_pages_sets_the_limit_and_zero_lifts_it(tmp_path: Path, capsys) -> None:
    out = tmp_path / "map.pdf"
    assert main(["export", str(example_map_path()), "-o", str(out), "--max-pages", "2"]) == 2
    assert not out.exists()
    assert main(["export", str(example_map_path()), "-o", str(out), "--max-pages", "0"]) == 0
    assert page_count(out) > 2


def test_the_api_says_how_many_pages_it_would_have(tmp_path: Path) -> None:
    from journeymapper.io import load_path

    try:
        export_pdf(load_path(example_map_path()).map, tmp_path / "x.pdf", PdfOptions(max_pages=1))
    except TooManyPages as exc:
        assert exc.pages > 1 and exc.limit == 1
    else:
        raise AssertionError("not refused")


def test_the_appendix_prints_a_few_hundred_findings_and_names_the_rest(tmp_path: Path) -> None:
    count = APPENDIX_FINDINGS // 2  # (each backward flow makes three findings)
    cards = [tp(f"a{n}", "p1", "s2", title=f"Later {n}") for n in range(count)] + \
        [tp(f"b{n}", "p1", "s1", title=f"Earlier {n}") for n in range(count)]
    the_map = make_map(cards, [fl(f"f{n}", f"a{n}", f"b{n}") for n in range(count)], stages=("s1", "s2"))
    out = tmp_path / "map.pdf"
    report = export_pdf(the_map, out, PdfOptions())
    words = flat(text(out))
    assert "more findings: “journeymapper check MAP.jmap” lists them all" in words
    assert report.pages < 60


def test_an_auto_poster_too_small_to_read_does_not_advise_an_auto_poster(tmp_path):
    """At its most sheets an auto poster still too small says what else helps, not "try --tiles auto"."""
    from tests.benchmarks.bigmap import big_map

    exported = export(big_map(2000, 2000), tmp_path / "big.pdf", paper="A4", tiles="auto", max_pages=None)
    warning = next(w for w in exported.report.warnings if "smallest text" in w)
    assert "--tiles auto" not in warning and "larger --paper" in warning
