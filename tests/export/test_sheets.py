"""The sheet is used: the orientation and column width that print the map largest, the map centred in
what it leaves, no blank sheet printed, and an overview that fits its page."""

from __future__ import annotations

from pathlib import Path

from journeymapper.export.pdf import PdfOptions, export_pdf
from journeymapper.export.sheets import map_area, paper_of, plan_sheets
from journeymapper.layout.style import DEFAULT_STYLE
from tests.check.builders import make_map, tp

import re

from .pdftools import page_count, page_text, run


def words_with_boxes(path: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """Every word of a page with its box (y from the top), off-page ones included."""
    out = run("pdftotext", "-enc", "UTF-8", "-bbox", "-nodiag", "-f", str(page), "-l", str(page), path, "-").stdout
    pattern = r'<word xMin="(-?[\d.]+)" yMin="(-?[\d.]+)" xMax="(-?[\d.]+)" yMax="(-?[\d.]+)">(.*?)</word>'
    return [(word, float(x0), float(y0), float(x1), float(y1)) for x0, y0, x1, y1, word in re.findall(pattern, out)]


def wide_map():
    """Eight stages, one persona, a card in each: much wider than tall."""
    stages = tuple(f"s{k}" for k in range(8))
    return make_map([tp(f"t{k}", "p1", s, f"Step {k}") for k, s in enumerate(stages)], [], stages=stages)


def tall_map():
    """Two stages, six personas with three cards each: taller than wide."""
    personas = tuple(f"p{k}" for k in range(6))
    cards = [tp(f"t{p}{k}", p, f"s{k % 2 + 1}", f"Card {p} {k}") for p in personas for k in range(3)]
    return make_map(cards, [], personas=personas, stages=("s1", "s2"))


def test_auto_orientation_turns_the_sheet_to_the_maps_shape(tmp_path: Path) -> None:
    wide = export_pdf(wide_map(), tmp_path / "wide.pdf", PdfOptions(paper="A4"))
    tall = export_pdf(tall_map(), tmp_path / "tall.pdf", PdfOptions(paper="A4"))
    assert wide.orientation == "landscape" and tall.orientation == "portrait"
    for orientation in ("landscape", "portrait"):  # each prints at least as large as the other way
        forced = export_pdf(tall_map(), tmp_path / f"{orientation}.pdf", PdfOptions(paper="A4", orientation=orientation))
        assert tall.smallest_text >= forced.smallest_text


def test_columns_are_laid_out_for_the_sheet_not_only_scaled() -> None:
    the_map = wide_map()
    plan = plan_sheets(the_map, "A3", "landscape", "1x1", DEFAULT_STYLE)
    screen_only = plan_sheets(the_map, "A3", "landscape", "1x1", DEFAULT_STYLE, current=None)
    from journeymapper.layout.map_layout import layout_map

    screen = layout_map(the_map)
    area_w, area_h = map_area(*paper_of("A3", "landscape"))
    screen_scale = min(area_w / screen.width, area_h / screen.height)
    assert plan.layout.style.column_width < DEFAULT_STYLE.column_width  # narrower: the wide map grows taller
    assert plan.scale > 1.1 * screen_scale and plan.fill > screen.width * screen.height * screen_scale ** 2 / (
        area_w * area_h)
    assert screen_only.scale == plan.scale


def test_the_map_is_centred_in_the_room_it_leaves() -> None:
    plan = plan_sheets(wide_map(), "A4", "portrait", "1x1", DEFAULT_STYLE)
    room_w, room_h = plan.room
    ox, oy = plan.offset
    assert abs(2 * oy + plan.layout.height * plan.scale - room_h) < 1e-6 and oy > 50
    assert abs(2 * ox + plan.layout.width * plan.scale - room_w) < 1e-6


def test_blank_sheets_are_not_printed_and_the_overview_says_so(tmp_path: Path) -> None:
    out = tmp_path / "poster.pdf"
    report = export_pdf(wide_map(), out, PdfOptions(paper="A4", orientation="landscape", tiles="1x3", appendix=False))
    plan = plan_sheets(wide_map(), "A4", "landscape", "1x3", DEFAULT_STYLE)
    assert plan.sheets == [(0, 1)]  # the wide map, centred, is all on the middle sheet
    assert report.pages == page_count(out) == 1 + 1 + report.detail_pages + 1  # overview, sheet, persona
    overview = " ".join(page_text(out, 1).split())
    assert overview.count("blank, not printed") == 2 and "column 1" in overview and "row 3" in overview
    assert "Sheet: row 2, column 1" in " ".join(page_text(out, 2).split())


def test_the_overview_and_its_labels_fit_the_page(tmp_path: Path) -> None:
    out = tmp_path / "poster.pdf"
    export_pdf(tall_map(), out, PdfOptions(paper="A4", orientation="landscape", tiles="3x2", appendix=False))
    width, height = paper_of("A4", "landscape")
    words = words_with_boxes(out, 1)
    assert words
    for word, x0, y0, x1, y1 in words:
        assert 0 <= x0 and x1 <= width and 0 <= y0 and y1 <= height, word
    labels = " ".join(word for word, *_ in words)
    for name in ("row 1", "row 2", "column 1", "column 2", "column 3"):
        assert name in labels, name
    # The columns' names above the sheets, the rows' at their left: clear of the map.
    top_of_map = min(y0 for w, x0, y0, x1, y1 in words if w == "Touchpoints")
    left_of_map = min(x0 for w, x0, y0, x1, y1 in words if w == "Touchpoints")
    for w, x0, y0, x1, y1 in words:
        if w == "column":
            assert y1 <= top_of_map
        if w == "row":
            assert x1 <= left_of_map


def _height_of(path: Path, word: str, pages: range) -> float:
    """The tallest box pdftotext gives `word` on those pages (about its printed size)."""
    heights = [y1 - y0 for page in pages for w, x0, y0, x1, y1 in words_with_boxes(path, page) if w == word]
    assert heights, word
    return max(heights)


def test_a_wall_poster_prints_card_titles_of_about_18_pt(tmp_path: Path, capsys) -> None:
    from journeymapper.cli.main import main
    from journeymapper.resources import example_map_path

    out = tmp_path / "wall.pdf"
    assert main(["export", str(example_map_path()), "-o", str(out), "--wall", "--no-appendix"]) == 0
    said = capsys.readouterr().out
    smallest = float(said.rsplit("smallest text ", 1)[1].split()[0])
    assert smallest >= 15.0 and "sheets of A" in said  # (titles are 9/7.5 of the smallest text: 18 pt)
    assert _height_of(out, "unicorn", range(2, 10)) >= 18.0


def test_text_size_sets_what_an_auto_poster_reaches(tmp_path: Path, capsys) -> None:
    from journeymapper.cli.main import main
    from journeymapper.resources import example_map_path

    sizes = {}
    for size in ("10", "14"):
        out = tmp_path / f"{size}.pdf"
        assert main(["export", str(example_map_path()), "-o", str(out), "--text-size", size, "--paper", "A4"]) == 0
        said = capsys.readouterr().out
        sizes[size] = (float(said.rsplit("smallest text ", 1)[1].split()[0]), page_count(out))
    assert sizes["10"][0] >= 10.0 and sizes["14"][0] >= 14.0
    assert sizes["10"][1] < sizes["14"][1]  # larger text: more sheets
    assert main(["export", str(example_map_path()), "-o", str(tmp_path / "x.pdf"), "--text-size", "abc"]) == 2
    assert "--text-size must be a number" in capsys.readouterr().err


def test_the_title_grows_with_the_map_on_large_paper(tmp_path: Path) -> None:
    from journeymapper.io import load_path
    from journeymapper.resources import example_map_path

    the_map = load_path(example_map_path()).map
    small, large = tmp_path / "a3.pdf", tmp_path / "a0.pdf"
    on_a3 = export_pdf(the_map, small, PdfOptions(paper="A3", appendix=False))
    on_a0 = export_pdf(the_map, large, PdfOptions(paper="A0", appendix=False))
    a3_title, a0_title = _height_of(small, "bakery:", range(1, 2)), _height_of(large, "bakery:", range(1, 2))
    scale = on_a0.smallest_text / 7.5  # the map on A0, against the screen (its smallest text is 7.5)
    assert on_a3.smallest_text < 7.5 and scale > 2  # on A3 it prints smaller than on screen, on A0 larger
    assert a0_title > 0.9 * scale * a3_title  # the title grew with the map (on A3 it kept its size)
    assert a0_title > 1.5 * _height_of(large, "unicorn", range(1, 2))  # and stays larger than the cards


def test_seams_fall_on_the_maps_grid_lines_and_the_sheets_still_cover_it() -> None:
    from journeymapper.io import load_path
    from journeymapper.resources import example_map_path

    the_map = load_path(example_map_path()).map
    plan = plan_sheets(the_map, "A4", "landscape", "2x2", DEFAULT_STYLE)
    layout, scale = plan.layout, plan.scale
    ox, oy = plan.offset
    across, down = plan.seams
    assert across and down
    from journeymapper.export.sheets import grown_scale

    assert plan.scale >= 0.95 * grown_scale(layout, plan.paper, 2, 2)[0]  # at most 5 % smaller for it
    columns = [ox + x * scale for x in layout.column_edges]
    assert all(min(abs(seam - line) for line in columns) < 1e-6 for seam in across)  # between stage columns
    rows = [oy + (lane.y + row.rect.y) * scale for lane in layout.lanes.values() for row in lane.rows]
    rows += [oy + (lane.y + lane.height) * scale for lane in layout.lanes.values()]
    assert all(min(abs(seam - line) for line in rows) < 1e-6 for seam in down)  # between rows
    # No stage name is cut: each header lies wholly on one sheet's own part.
    for stage in layout.stages.values():
        left, right = ox + stage.header.x * scale, ox + stage.header.right * scale
        assert not any(left < seam < right - 1e-6 for seam in across), stage.name.lines
    # The sheets cover the map end to end, each reaching past the next one's start by the overlap.
    from journeymapper.export.sheets import OVERLAP

    for column in range(plan.columns - 1):
        x, _ = plan.sheet_origin(column, 0)
        w, _ = plan.sheet_extent(column, 0)
        assert abs(x + w - (plan.sheet_origin(column + 1, 0)[0] + OVERLAP)) < 1e-6
    last_x, _ = plan.sheet_origin(plan.columns - 1, 0)
    assert last_x + plan.sheet_extent(plan.columns - 1, 0)[0] >= ox + layout.width * scale - 1e-6


def test_each_sheet_says_where_it_is_glued_and_trimmed(tmp_path: Path) -> None:
    from journeymapper.io import load_path
    from journeymapper.resources import example_map_path

    out = tmp_path / "poster.pdf"
    export_pdf(load_path(example_map_path()).map, out,
               PdfOptions(paper="A4", orientation="landscape", tiles="2x2", appendix=False))
    sheets = [" ".join(page_text(out, page).split()) for page in range(2, 6)]  # row 1: 2, 3; row 2: 4, 5
    assert "glue A" in sheets[0] and "glue 1" in sheets[0] and "\u2702" not in sheets[0]
    assert "\u2702 A" in sheets[1] and "glue 1" in sheets[1]
    assert "\u2702 1" in sheets[2] and "glue A" in sheets[2]
    assert "\u2702 A" in sheets[3] and "\u2702 1" in sheets[3] and "glue" not in sheets[3]


def test_an_auto_poster_puts_its_seams_between_columns_even_when_columns_are_wide() -> None:
    """Fifteen stages on A4: the seams fall on column lines (the map starting at the poster's edge, or
    with one sheet more), never through a stage's name or a card."""
    stages = tuple(f"s{k}" for k in range(15))
    the_map = make_map([tp(f"t{k}", "p1", s, f"Try step {k}") for k, s in enumerate(stages)], [], stages=stages)
    for text_size in (8.0, 10.0):
        plan = plan_sheets(the_map, "A4", "auto", "auto", DEFAULT_STYLE, text_size=text_size)
        assert plan.columns > 1
        across, down = plan.seams
        assert across and (down or plan.rows == 1)
        ox, _ = plan.offset
        lines = [ox + x * plan.scale for x in plan.layout.column_edges]
        assert all(min(abs(seam - line) for line in lines) < 1e-6 for seam in across)
