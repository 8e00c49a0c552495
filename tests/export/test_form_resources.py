"""Review of the fast PDF painter (pdfops.py, painter.py forms and literal operators).

These pass: they pin down what the review checked beyond test_drawing_ops.py. A form that is the very
first thing drawn on a page, and forms placed again on later pages, are listed in every page's
resources; a big map printed as a grey poster has every form listed and renders without errors; a
line that switches fonts in the middle (Latin, then CJK, then PDF string syntax) prints in order.
"""

from __future__ import annotations

import io
import re

from reportlab.pdfgen.canvas import Canvas

from journeymapper.export.fonts import FontChooser
from journeymapper.export.painter import PagePainter
from journeymapper.layout.geometry import Point, Rect
from journeymapper.layout.style import DEFAULT_STYLE
from tests.benchmarks.bigmap import big_map
from tests.check.builders import make_map, tp

from .conftest import export
from .pdftools import flat, page_text, qdf, run
from .test_drawing_ops import _drawn_forms, _listed_forms, _objects


def _pages_and_forms(data: bytes) -> list[tuple[set[bytes], set[bytes]]]:
    """(drawn, listed) forms of every page and every form of a qdf file."""
    objects = _objects(data)
    found = []
    for body in objects.values():
        if re.search(rb"/Type /Page\n", body):
            drawn = _drawn_forms(objects[int(re.search(rb"/Contents (\d+) 0 R", body).group(1))])
        elif b"/Subtype /Form" in body:
            drawn = _drawn_forms(body.split(b"stream\n", 1)[1])
        else:
            continue
        found.append((drawn, _listed_forms(body)))
    return found


def test_a_form_first_on_a_page_and_placed_again_on_later_pages_is_listed_on_each(tmp_path):
    fonts = FontChooser()  # registers the bundled fonts
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(400, 400), initialFontName="DejaVuSans")
    p = PagePainter(canvas, fonts, DEFAULT_STYLE.palette)

    def frame() -> None:
        p.rect(Rect(0, 0, 60, 30), fill="card", stroke="card_border", width=0.8, radius=4)

    for page in range(3):
        p.place(0, 400, 1.0)
        # Page 1 starts with the form's definition (the page has no content yet); later pages reuse it.
        for k in range(3):
            p.shape(("frame",), Point(20 + 70 * k, 20), 60, 30, frame)
        p.text_line(20, 80, f"page {page + 1} (of 3) \\", 10, False, "text")
        canvas.showPage()
    canvas.save()
    path = tmp_path / "forms.pdf"
    path.write_bytes(buffer.getvalue())
    run("qpdf", "--check", path)
    pages = _pages_and_forms(qdf(path, tmp_path))
    assert sum(1 for drawn, _ in pages if drawn) == 3
    for drawn, listed in pages:
        assert drawn <= listed
    for page in range(3):
        assert f"page {page + 1} (of 3) \\" in flat(page_text(path, page + 1))


def test_a_big_map_as_a_grey_poster_lists_every_form_it_draws(tmp_path):
    the_map = big_map(120, 180, 3, 4)
    poster = export(the_map, tmp_path / "poster.pdf", paper="A4", tiles="2x2", grayscale=True, appendix=False)
    assert poster.report.pages > 4
    pages = _pages_and_forms(qdf(poster.path, tmp_path))
    assert sum(1 for drawn, _ in pages if drawn) >= 5  # the overview, four sheets (and the chips)
    for drawn, listed in pages:
        assert drawn <= listed
    rendered = run("pdftoppm", "-r", "10", "-gray", poster.path, tmp_path / "page")
    assert rendered.stderr == ""


def test_a_line_that_changes_font_in_the_middle_prints_in_order(tmp_path):
    titles = ["Pay (支付) \\ now", "Ünïcödé «ß» — € (ok)", "x\u00a0y\tz"]
    the_map = make_map([tp(f"t{n}", "p1", f"s{n + 1}", title) for n, title in enumerate(titles)],
                       title="Map (地图) \\ one")
    exported = export(the_map, tmp_path / "mixed.pdf", appendix=False)
    printed = flat(page_text(exported.path, 1))
    assert "Pay (支付) \\ now" in printed
    assert "Ünïcödé «ß» — € (ok)" in printed
    assert "x y z" in printed
    assert "Map (地图) \\ one" in printed
