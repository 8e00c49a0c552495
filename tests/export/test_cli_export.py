"""`journeymapper export`: paper sizes, tiles, page counts, and failures that leave nothing behind."""

from __future__ import annotations

import errno
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from journeymapper.cli.main import main
from journeymapper.resources import example_map_path
from tests.benchmarks.bigmap import big_map

from .conftest import export
from .pdftools import flat, page_count, page_sizes, page_text, text

EXAMPLE = str(example_map_path())
MM = 72 / 25.4
INCH = 72.0
# Portrait (width, height) in points, from the standards, not from the code under test.
PAPER_POINTS = {
    "A4": (210 * MM, 297 * MM),
    "A3": (297 * MM, 420 * MM),
    "A2": (420 * MM, 594 * MM),
    "A1": (594 * MM, 841 * MM),
    "A0": (841 * MM, 1189 * MM),
    "letter": (8.5 * INCH, 11 * INCH),
    "legal": (8.5 * INCH, 14 * INCH),
    "tabloid": (11 * INCH, 17 * INCH),
}
PERSONAS = 2  # in the example map


@functools.cache
def _report(paper: str):
    return export(example_map(), Path(tempfile.mkdtemp()) / "d.pdf", paper=paper).report


def details(paper: str = "A3") -> int:
    """Pages of details the example map takes on `paper` landscape (what its cards do not show)."""
    return _report(paper).detail_pages


def actions(paper: str = "A3") -> int:
    """Pages of the example map's action list on `paper` (its bakers have planned what to do)."""
    return _report(paper).action_pages


def example_map():
    from journeymapper.io import load_path

    return load_path(EXAMPLE).map
SCRIPT = Path(sys.executable).with_name("journeymapper")


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["export", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_one_error_line(err: str) -> None:
    lines = err.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got: {err!r}"
    assert lines[0].startswith("journeymapper: error: "), lines[0]
    assert "Traceback" not in err


def close(size: tuple[float, float], expected: tuple[float, float]) -> bool:
    return abs(size[0] - expected[0]) < 0.5 and abs(size[1] - expected[1]) < 0.5


# -- paper and orientation ------------------------------------------------------------------------


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
@pytest.mark.parametrize("paper", list(PAPER_POINTS))
def test_every_paper_and_orientation_gives_its_page_size(capsys, tmp_path, paper, orientation):
    out = tmp_path / "map.pdf"
    code, stdout, err = cli(capsys, EXAMPLE, "-o", out, "--paper", paper, "--orientation", orientation)
    assert code == 0, err
    short, long = PAPER_POINTS[paper]
    expected = (long, short) if orientation == "landscape" else (short, long)
    sizes = page_sizes(out)
    assert sizes and all(close(size, expected) for size in sizes), (sizes, expected)
    assert f"{paper} {orientation}" in stdout


def test_paper_names_are_not_case_sensitive(capsys, tmp_path):
    out = tmp_path / "map.pdf"
    code, _, err = cli(capsys, EXAMPLE, "-o", out, "--paper", "a4", "--no-appendix")
    assert code == 0, err
    assert close(page_sizes(out)[0], PAPER_POINTS["A4"][::-1])


def test_the_default_is_one_a3_landscape_sheet(capsys, tmp_path):
    out = tmp_path / "map.pdf"
    code, stdout, err = cli(capsys, EXAMPLE, "-o", out)
    assert code == 0 and err == ""
    assert all(close(size, PAPER_POINTS["A3"][::-1]) for size in page_sizes(out))
    assert "one sheet of A3 landscape" in stdout
    # one map page, the details, one page per persona, the action list, the notes (insights, findings)
    assert details() > 0 and actions() > 0
    assert page_count(out) == 1 + details() + PERSONAS + actions() + 1
    assert stdout.startswith(f"wrote {out}: {1 + details() + PERSONAS + actions() + 1} pages")
    assert f"{details()} of details, {actions()} of actions" in stdout


# -- tiles --------------------------------------------------------------------------------------


def test_tiles_1x1_puts_the_map_on_one_page(capsys, tmp_path):
    out = tmp_path / "map.pdf"
    code, _, err = cli(capsys, EXAMPLE, "-o", out, "--tiles", "1x1", "--paper", "A2")
    assert code == 0, err
    assert page_count(out) == 1 + details("A2") + PERSONAS + actions("A2") + 1
    first = flat(page_text(out, 1))
    assert "Corner bakery: cakes and catering" in first
    assert "row 1, column 1" not in first and "Poster of" not in first
    assert "Busy parent" in first and "Checker findings" not in first
    assert "Checker findings" in page_text(out, page_count(out))


def test_tiles_2x2_is_an_overview_and_four_labelled_sheets(capsys, tmp_path):
    out = tmp_path / "poster.pdf"
    code, stdout, err = cli(capsys, EXAMPLE, "-o", out, "--paper", "A4", "--tiles", "2x2", "--orientation", "landscape")
    assert code == 0, err
    assert "2 x 2 sheets of A4 landscape" in stdout
    assert page_count(out) == 1 + 4 + details("A4") + PERSONAS + actions("A4") + 1
    labels = [f"row {r}, column {c}" for r in (1, 2) for c in (1, 2)]
    overview = flat(page_text(out, 1))
    assert "Poster of 2 x 2 sheets" in overview
    assert all(name in overview for name in ("row 1", "row 2", "column 1", "column 2"))
    for page, label in enumerate(labels, start=2):
        sheet = flat(page_text(out, page))
        assert f"Sheet: {label}" in sheet, (page, sheet[:300])
        assert [other for other in labels if other in sheet] == [label]
        assert "Corner bakery: cakes and catering" in sheet  # every sheet has the title block
    persona = 6 + details("A4")
    assert "Details" in page_text(out, 6)
    assert "Busy parent" in page_text(out, persona) and "Office manager" in page_text(out, persona + 1)
    assert "Actions" in page_text(out, persona + 2)
    assert "Checker findings" in page_text(out, persona + 2 + actions("A4"))


@pytest.mark.parametrize("tiles, sheets", [("1x1", 1), ("3x1", 3), ("2x3", 6)])
@pytest.mark.parametrize("appendix", [True, False])
def test_page_count_is_map_pages_plus_personas_plus_appendix(capsys, tmp_path, tiles, sheets, appendix):
    out = tmp_path / "map.pdf"
    extra = [] if appendix else ["--no-appendix"]
    code, stdout, err = cli(capsys, EXAMPLE, "-o", out, "--paper", "A4", "--tiles", tiles, *extra)
    assert code == 0, err
    map_pages = sheets if sheets == 1 else 1 + sheets  # a poster starts with its overview
    # (the details list what the cards do not show: that depends on how the map is laid out for its sheets)
    said = re.search(r"(\d+) of details", stdout)
    detail_pages = int(said.group(1)) if said else 0
    assert detail_pages >= 1
    said = re.search(r"(\d+) of actions", stdout)
    action_pages = int(said.group(1)) if said else 0
    assert action_pages >= 1
    expected = map_pages + detail_pages + PERSONAS + action_pages + (1 if appendix else 0)
    assert page_count(out) == expected
    assert f": {expected} pages" in stdout
    last = page_text(out, expected)
    assert ("Checker findings" in last) is appendix
    assert f"page {expected} of {expected}" in flat(last)


def _fewer_sheet_arrangements(columns: int, rows: int) -> list[tuple[int, int]]:
    """The largest arrangements (c, r) with fewer sheets than columns x rows.

    More sheets in either direction never make the map smaller, so if none of these keeps
    the text legible, no arrangement with fewer sheets does.
    """
    n = columns * rows
    return [(c, r) for c in range(1, n) for r in range(1, n)
            if c * r < n and (c + 1) * r >= n and c * (r + 1) >= n]


@pytest.mark.parametrize("which, paper", [("example", "A3"), ("example", "A4"), ("big", "A3")])
def test_auto_tiles_pick_the_fewest_sheets_with_text_of_8_pt(tmp_path, example_map, which, paper):
    the_map = example_map if which == "example" else big_map(100, 150, 3, 10)
    report = export(the_map, tmp_path / "auto.pdf", paper=paper, tiles="auto", appendix=False).report
    assert report.smallest_text >= 8.0
    assert not report.warnings
    assert report.columns * report.rows > 1
    # The fewest sheets for 8 pt; the export may take one sheet more each way so that its seams fall
    # between columns and rows (test_sheets.py), never more.
    from journeymapper.export.sheets import choose_tiles, plan_sheets
    from journeymapper.layout.style import DEFAULT_STYLE

    plan = plan_sheets(the_map, paper, "auto", "auto", DEFAULT_STYLE)
    columns, rows = choose_tiles(plan.layout, plan.paper)
    assert report.columns - columns in (0, 1) and report.rows - rows in (0, 1)
    for fewer_columns, fewer_rows in _fewer_sheet_arrangements(columns, rows):
        fewer = export(the_map, tmp_path / f"{fewer_columns}x{fewer_rows}.pdf", paper=paper,
                       tiles=f"{fewer_columns}x{fewer_rows}", appendix=False).report
        assert fewer.smallest_text < 8.0, (fewer_columns, fewer_rows, fewer.smallest_text, report)


def test_auto_tiles_for_a_map_too_big_for_any_poster_print_it_largest_on_the_fewest_sheets():
    from journeymapper.export.pdf import MAX_TILES, PdfOptions, choose_tiles, fit_scale, paper_size
    from journeymapper.layout.map_layout import layout_map

    paper = paper_size(PdfOptions(paper="A3"))
    for the_map in (big_map(1200, 1800, 4, 3), big_map(2000, 2000, 10, 10)):  # tall and narrow; big
        layout = layout_map(the_map)
        columns, rows = choose_tiles(layout, paper)
        largest = max(fit_scale(layout, paper, c, r) for c in range(1, MAX_TILES + 1) for r in range(1, MAX_TILES + 1))
        assert fit_scale(layout, paper, columns, rows) == pytest.approx(largest)
        # No fewer sheets print it as large: no sheet of the poster is left blank for nothing.
        for c in range(1, MAX_TILES + 1):
            for r in range(1, MAX_TILES + 1):
                if c * r < columns * rows:
                    assert fit_scale(layout, paper, c, r) < largest * (1 - 1e-9), (c, r, columns, rows)
    tall = layout_map(big_map(1200, 1800, 4, 3))
    assert choose_tiles(tall, paper)[0] < MAX_TILES  # a column of sheets, not a square of them


def test_auto_tiles_on_the_command_line(capsys, tmp_path):
    out = tmp_path / "auto.pdf"
    code, stdout, err = cli(capsys, EXAMPLE, "-o", out, "--paper", "A4", "--tiles", "auto")
    assert code == 0, err
    assert "sheets of A4 portrait" in stdout or "sheets of A4 landscape" in stdout
    smallest = float(stdout.rsplit("smallest text ", 1)[1].split()[0])
    assert smallest >= 8.0
    assert "Poster of" in page_text(out, 1)


# -- wrong options, unreadable maps, unwritable outputs: one line, non-zero, nothing left -------------


@pytest.mark.parametrize(
    "options, mentioned",
    [
        (["--paper", "B5"], "B5"),
        (["--tiles", "0x2"], "0x2"),
        (["--tiles", "2x0"], "2x0"),
        (["--tiles", "abc"], "abc"),
        (["--orientation", "up"], "up"),
    ],
)
def test_a_wrong_option_is_one_line_and_writes_nothing(capsys, tmp_path, options, mentioned):
    out = tmp_path / "map.pdf"
    code, stdout, err = cli(capsys, EXAMPLE, "-o", out, *options)
    assert code != 0
    assert_one_error_line(err)
    assert repr(mentioned) in err or mentioned in err
    assert stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_an_output_that_is_not_pdf_png_or_svg_is_refused(capsys, tmp_path):
    code, _, err = cli(capsys, EXAMPLE, "-o", tmp_path / "map.txt")
    assert code != 0
    assert_one_error_line(err)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_keeps_the_previous_file(capsys, tmp_path):
    out = tmp_path / "map.pdf"
    out.write_bytes(b"the previous export")
    code, _, err = cli(capsys, EXAMPLE, "-o", out, "--tiles", "abc")
    assert code != 0
    assert_one_error_line(err)
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["map.pdf"]


def _unreadable(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "in" / "map.jmap"
    path.parent.mkdir()
    if kind == "missing":
        return path
    if kind == "folder":
        path.mkdir()
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "not json":
        path.write_text("this is not a journey map\n")
    elif kind == "binary":
        path.write_bytes(bytes(range(256)) * 4)
    elif kind == "other format":
        path.write_text('{"format": "something-else", "map": {}}\n')
    return path


@pytest.mark.parametrize("kind", ["missing", "folder", "empty", "not json", "binary", "other format"])
def test_an_unreadable_map_is_one_line_and_writes_nothing(capsys, tmp_path, kind):
    source = _unreadable(tmp_path, kind)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, stdout, err = cli(capsys, source, "-o", out_dir / "map.pdf")
    assert code != 0
    assert_one_error_line(err)
    assert "map.jmap" in err
    assert stdout == ""
    assert list(out_dir.iterdir()) == []


def test_an_invalid_map_reports_each_problem_on_its_own_error_line(capsys, tmp_path):
    source = tmp_path / "bad.jmap"
    source.write_text('{"format": "journeymapper", "schema_version": 1, "map": {"id": "m", "title": "",'
                      ' "created": "x", "modified": "2026-01-01T00:00:00Z"}}')
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, stdout, err = cli(capsys, source, "-o", out_dir / "map.pdf")
    assert code != 0
    lines = err.splitlines()
    assert lines and all(line.startswith("journeymapper: error: bad.jmap") or
                         line.startswith(f"journeymapper: error: {source}") for line in lines), err
    assert list(out_dir.iterdir()) == []


def test_a_missing_folder_is_one_line_and_creates_nothing(capsys, tmp_path):
    out = tmp_path / "no such folder" / "map.pdf"
    code, _, err = cli(capsys, EXAMPLE, "-o", out)
    assert code != 0
    assert_one_error_line(err)
    assert "does not exist" in err
    assert list(tmp_path.iterdir()) == []


def test_an_output_under_a_file_is_one_line(capsys, tmp_path):
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    code, _, err = cli(capsys, EXAMPLE, "-o", tmp_path / "notes.txt" / "map.pdf")
    assert code != 0
    assert_one_error_line(err)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_an_output_that_is_a_folder_is_one_line_and_left_alone(capsys, tmp_path):
    out = tmp_path / "map.pdf"
    out.mkdir()
    code, _, err = cli(capsys, EXAMPLE, "-o", out)
    assert code != 0
    assert_one_error_line(err)
    assert out.is_dir() and list(out.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir()] == ["map.pdf"]


def _unwritable_target(tmp_path: Path) -> tuple[Path, Path]:
    """A PDF path in a folder this process cannot write to (root ignores permissions: use /proc)."""
    if os.geteuid() == 0:
        return Path("/proc/journeymapper-export-test.pdf"), Path("/proc")
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    return folder / "map.pdf", folder


def test_an_unwritable_folder_is_one_line_and_leaves_nothing(capsys, tmp_path):
    out, folder = _unwritable_target(tmp_path)
    before = {p.name for p in folder.iterdir()} if folder != Path("/proc") else set()
    try:
        code, stdout, err = cli(capsys, EXAMPLE, "-o", out)
        assert code != 0
        assert_one_error_line(err)
        assert stdout == ""
        assert not out.exists()
        if folder != Path("/proc"):
            assert {p.name for p in folder.iterdir()} == before
    finally:
        if folder != Path("/proc"):
            folder.chmod(0o700)


@pytest.mark.parametrize("failure", ["rename", "disk full"])
def test_a_failure_while_writing_leaves_no_temporary_file(capsys, tmp_path, monkeypatch, failure):
    def refuse_rename(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    if failure == "rename":
        monkeypatch.setattr(os, "replace", refuse_rename)
    else:
        monkeypatch.setattr(os, "fsync", disk_full)
    out = tmp_path / "map.pdf"
    code, stdout, err = cli(capsys, EXAMPLE, "-o", out)
    monkeypatch.undo()
    assert code != 0
    assert_one_error_line(err)
    assert ("Permission denied" if failure == "rename" else "No space left") in err
    assert stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_a_save_failure_names_the_output_once(capsys, tmp_path):
    out = tmp_path / "map.pdf"
    out.mkdir()  # an existing folder where the PDF should go
    code, _, err = cli(capsys, EXAMPLE, "-o", out)
    assert code != 0
    assert err.count(str(out)) == 1, err


def test_png_and_svg_outputs(capsys, tmp_path):
    png, svg = tmp_path / "map.png", tmp_path / "map.svg"
    code, out, err = cli(capsys, EXAMPLE, "-o", png, "--dpi", "72")
    assert code == 0 and err == "" and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    code, out, err = cli(capsys, EXAMPLE, "-o", svg, "--grayscale")
    assert code == 0 and "<svg" in svg.read_text(encoding="utf-8")
    code, out, err = cli(capsys, EXAMPLE, "-o", tmp_path / "huge.png", "--dpi", "5000")
    assert code == 2 and len(err.splitlines()) == 1 and "--dpi" in err
    assert not (tmp_path / "huge.png").exists()


# -- the installed script ---------------------------------------------------------------------------


def test_the_installed_script_exports_a_poster_and_refuses_a_bad_paper(tmp_path):
    script = SCRIPT if SCRIPT.exists() else shutil.which("journeymapper")
    assert script, "the journeymapper script is not installed in the venv"
    out = tmp_path / "poster.pdf"
    done = subprocess.run([str(script), "export", EXAMPLE, "-o", str(out), "--paper", "A4", "--tiles", "2x2"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith(f"wrote {out}: {8 + details('A4') + actions('A4')} pages")
    assert page_count(out) == 8 + details("A4") + actions("A4")
    assert "row 2, column 2" in text(out, 5, 5)
    bad = tmp_path / "bad.pdf"
    refused = subprocess.run([str(script), "export", EXAMPLE, "-o", str(bad), "--paper", "B5"],
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2
    assert_one_error_line(refused.stderr)
    assert refused.stdout == ""
    assert not bad.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["poster.pdf"]
