"""The painter writes PDF operators itself (pdfops): they must say what ReportLab's canvas would have said.

Shapes keep ReportLab's geometry, text keeps ReportLab's font codes and
escaping, and every form a page (or a form) draws is listed in its resources.
"""

from __future__ import annotations

import io
import re

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pathobject import PDFPathObject

from journeymapper.export.fonts import FontChooser
from journeymapper.export.pdfops import TextOps, circle_path, round_rect_path
from journeymapper.layout.text import BOLD, REGULAR
from tests.check.builders import fl, make_map, tp

from .conftest import export
from .pdftools import flat, page_text, qdf, run

SYNTAX = ("open ( only", "close ) only", r"back \ slash", r"\) escaped-looking \(", "(nested (parens))")


def _numbers(ops: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d*\.?\d+", ops)]


def test_round_rects_have_reportlabs_corners():
    for x, y, w, h, r in ((10, 20, 100, 40, 6), (3.25, -7.5, 12.5, 3, 1.5), (50, 50, -20, -10, 2)):
        path = PDFPathObject()
        path.roundRect(x, y, w, h, r)
        theirs = _numbers(path.getCode())
        ours = _numbers(round_rect_path(x, y, w, h, r))
        assert len(ours) == len(theirs)
        # The same points, written to the hundredth of a point (pdfops.NUM).
        assert all(abs(a - b) <= 0.005 + 1e-9 for a, b in zip(ours, theirs)), (ours, theirs)


def test_circles_have_reportlabs_curves():
    for x, y, r in ((10, 20, 6), (-3.25, 7.5, 1.5), (400, 300, 0.4)):
        path = PDFPathObject()
        path.circle(x, y, r)
        theirs = _numbers(path.getCode())
        ours = _numbers(circle_path(x, y, r))
        assert len(ours) == len(theirs) == 2 + 4 * 6
        assert all(abs(a - b) <= 0.005 + 1e-9 for a, b in zip(ours, theirs)), (ours, theirs)


_SHOWN = re.compile(r"(/F\d+\+\d+) 10 Tf (?:[\d.]+ TL )?(\((?:[^\\)]|\\.)*\)) Tj")
"""A subset font and the string shown in it (ReportLab adds a leading)."""


def _shown_by_canvas(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    canvas = Canvas(io.BytesIO(), initialFontName=REGULAR, pageCompression=0)
    for font, text in lines:
        canvas.setFont(font, 10)
        canvas.drawString(0, 0, text)
    return _SHOWN.findall(canvas.getpdfdata().decode("latin-1"))


def _shown_by_painter(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    ops = TextOps(Canvas(io.BytesIO(), initialFontName=REGULAR))
    shown = [ops.shown([(font, text)], 10) for font, text in lines]
    return [piece for line in shown for piece in _SHOWN.findall(line.first_font + line.rest)]


def test_text_gets_the_font_codes_and_escapes_reportlab_gives_it():
    FontChooser()  # registers the bundled fonts
    # More than 256 different characters, so the font needs a second subset.
    many = "".join(chr(c) for c in range(0x100, 0x17F)) + "".join(chr(c) for c in range(0x391, 0x3CA))
    lines = [(REGULAR, t) for t in SYNTAX] + [(BOLD, "Bold (and) \\"), (REGULAR, many), (REGULAR, many[::-1]),
                                             (REGULAR, "tab\tand\x01control")]
    theirs = _shown_by_canvas(lines)
    assert len(theirs) > len(lines)  # the many characters take two subsets
    assert _shown_by_painter(lines) == theirs


def test_pdf_string_syntax_in_titles_prints_as_typed(tmp_path):
    the_map = make_map([tp(f"t{n}", "p1", f"s{n + 1}", value) for n, value in enumerate(SYNTAX)],
                       [fl("f1", "t0", "t1", label=SYNTAX[4])], title=SYNTAX[3])
    exported = export(the_map, tmp_path / "syntax.pdf")
    run("qpdf", "--check", exported.path)
    printed = flat(page_text(exported.path, 1))
    for value in SYNTAX:
        assert value in printed


def _objects(data: bytes) -> dict[int, bytes]:
    return {int(n): body for n, body in re.findall(rb"\n(\d+) 0 obj\n(.*?)\nendobj", data, re.DOTALL)}


def _listed_forms(body: bytes) -> set[bytes]:
    match = re.search(rb"/XObject <<(.*?)>>", body, re.DOTALL)
    return set(re.findall(rb"/(FormXob\.\S+) \d+ 0 R", match.group(1))) if match else set()


def _drawn_forms(stream: bytes) -> set[bytes]:
    return set(re.findall(rb"/(FormXob\.\S+) Do", stream))


def test_every_form_drawn_is_listed_in_the_resources_of_what_draws_it(example_poster, tmp_path):
    objects = _objects(qdf(example_poster.path, tmp_path))
    checked = 0
    for body in objects.values():
        if re.search(rb"/Type /Page\n", body):
            contents = int(re.search(rb"/Contents (\d+) 0 R", body).group(1))
            drawn = _drawn_forms(objects[contents])
        elif b"/Subtype /Form" in body:
            drawn = _drawn_forms(body.split(b"stream\n", 1)[1])
        else:
            continue
        assert drawn <= _listed_forms(body), drawn - _listed_forms(body)
        checked += bool(drawn)
    assert checked >= 5  # the overview and the four sheets, and the chips that hold channel icons



def test_channel_icons_print_as_their_svg_draws_them(tmp_path):
    """The paths kept in icons/channels/paths.json print as svglib draws each SVG (the same pixels,
    nearly: the arcs of the SVG and their cubic curves differ by a hair)."""
    import io

    from reportlab.graphics import renderPDF
    from reportlab.pdfgen.canvas import Canvas
    from svglib.svglib import svg2rlg

    from journeymapper.export.fonts import FontChooser
    from journeymapper.export.painter import PagePainter
    from journeymapper.layout.channel_icons import channel_icon_paths
    from journeymapper.layout.geometry import Point
    from journeymapper.layout.style import DEFAULT_STYLE
    from journeymapper.resources import icons_dir

    size = 200.0
    for svg in sorted((icons_dir() / "channels").glob("*.svg")):
        ours, theirs = io.BytesIO(), io.BytesIO()
        canvas = Canvas(ours, pagesize=(size, size), initialFontName="DejaVuSans")
        painter = PagePainter(canvas, FontChooser(), DEFAULT_STYLE.palette)
        painter.place(0, size, 1.0)
        painter.icon(channel_icon_paths(svg.stem), Point(size / 2, size / 2), size, "text")
        canvas.showPage()
        canvas.save()
        drawing = svg2rlg(str(svg))
        canvas = Canvas(theirs, pagesize=(size, size))
        canvas.scale(size / drawing.width, size / drawing.height)
        renderPDF.draw(drawing, canvas, 0, 0)
        canvas.showPage()
        canvas.save()
        pictures = []
        for name, data in (("ours", ours), ("theirs", theirs)):
            (tmp_path / f"{name}.pdf").write_bytes(data.getvalue())
            run("pdftoppm", "-r", "72", "-gray", "-singlefile", tmp_path / f"{name}.pdf", tmp_path / name)
            pictures.append((tmp_path / f"{name}.pgm").read_bytes())
        ink = [sum(1 for byte in picture[-40_000:] if byte < 128) for picture in pictures]
        differ = sum(1 for a, b in zip(pictures[0][-40_000:], pictures[1][-40_000:]) if (a < 128) != (b < 128))
        assert ink[0] > 300 and differ < 0.04 * ink[1], (svg.stem, ink, differ)


def test_the_kept_icon_paths_are_made_from_the_svgs_as_they_are_now():
    from journeymapper.layout.channel_icons import make_paths_file, paths_file

    assert paths_file().read_text(encoding="utf-8") == make_paths_file(), (
        "the channel icons changed: python -m journeymapper.layout.channel_icons")
