"""The fast paths of the PDF export say what the plain ones say.

A big map's titles are shown in one text object (`PagePainter.texts`), its forms
are compressed on a worker thread (`FormDeflater`), and a poster places the map's
forms on every sheet instead of drawing the map again: none of these may change
what is printed.
"""

from __future__ import annotations

import io
import re
import zlib

from reportlab.pdfgen.canvas import Canvas

from journeymapper.export.fonts import FontChooser
from journeymapper.export import form_deflater
from journeymapper.export.form_deflater import FormDeflater
from journeymapper.export.painter import PagePainter
from journeymapper.layout.elements import TextBlock
from journeymapper.layout.geometry import Point, Rect
from journeymapper.layout.style import DEFAULT_STYLE
from tests.benchmarks.bigmap import big_map

from .conftest import export
from .pdftools import flat, page_text, qdf, run
from .test_drawing_ops import _objects

MANY = "".join(chr(c) for c in range(0x100, 0x17F)) + "".join(chr(c) for c in range(0x391, 0x3CA))
BLOCKS = [
    TextBlock(10, 10, ("Plain title", "second line"), 9, True, "text", 12),
    TextBlock(10, 40, ("tab\there", ""), 9, True, "text", 12),
    TextBlock(10, 70, ("(parens) and \\ back", "Grüße, café"), 9, False, "muted", 12),
    TextBlock(10, 100, ("日本語のタイトル", "Ελληνικά"), 9, True, "text", 12),
    TextBlock(10, 130, (MANY[:200], MANY[200:], MANY[::-1]), 7, False, "text", 9),
    TextBlock(10, 170, (), 9, True, "text", 12),
]


def _shown(stream: str) -> list[tuple[float, float, str]]:
    """(x, y, shown strings) of every line: its position (Tm or BT..Td) and the fonts and strings it shows."""
    lines = []
    for match in re.finditer(r"(?:1 0 0 1 ([-\d.]+) ([-\d.]+) Tm|BT ([-\d.]+) ([-\d.]+) Td)(.*?)(?=1 0 0 1 [-\d.]+ [-\d.]+ Tm|BT|ET)",
                             stream, re.DOTALL):
        x, y = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        shows = " ".join(re.findall(r"/F\d+\+\d+ [\d.]+ Tf|\((?:[^\\)]|\\.)*\) Tj|[-\d.]+ 0 Td", match.group(5)))
        lines.append((round(float(x), 2), round(float(y), 2), shows))
    return lines


def draw_blocks(batched: bool, blocks: list[TextBlock] = BLOCKS, fill_before: str | None = None) -> str:
    """A page (uncompressed) with `blocks`, in one text object or line by line, after `fill_before` was set."""
    fonts = FontChooser()
    canvas = Canvas(io.BytesIO(), pagesize=(600, 400), initialFontName="DejaVuSans", pageCompression=0)
    p = PagePainter(canvas, fonts, DEFAULT_STYLE.palette)
    p.place(0, 400, 1.0)
    if fill_before is not None:
        p.fill(fill_before)
    if batched:
        with p.text_object():
            p.texts(blocks)
    else:
        for block in blocks:
            p.text(block)
    canvas.showPage()
    return canvas.getpdfdata().decode("latin-1")


def test_titles_in_one_text_object_show_what_line_by_line_shows():
    batched, plain = _shown(draw_blocks(True)), _shown(draw_blocks(False))
    assert len(plain) == 9  # every line but the empty ones
    # Each line is at the same place; within one text object a font is set only when it changes.
    assert [(x, y) for x, y, _ in batched] == [(x, y) for x, y, _ in plain]
    current = ""
    for (_, _, ours), (_, _, theirs) in zip(batched, plain):
        fonts = re.findall(r"/F\d+\+\d+ [\d.]+ Tf", theirs)
        if theirs.startswith(fonts[0]) and fonts[0] == current:
            theirs = theirs[len(fonts[0]):].strip()
        assert ours == theirs
        current = (re.findall(r"/F\d+\+\d+ [\d.]+ Tf", ours) or [current])[-1]


def _form_streams(pdf: bytes, tmp_path) -> list[bytes]:
    """The decompressed operators of every form in a PDF."""
    path = tmp_path / f"forms-{len(list(tmp_path.iterdir()))}.pdf"
    path.write_bytes(pdf)
    objects = _objects(qdf(path, tmp_path))
    return [body.split(b"\nstream\n", 1)[1].rsplit(b"endstream", 1)[0]
            for body in objects.values() if b"/Subtype /Form" in body]


def _draw_lane(p: PagePainter) -> None:
    for k in range(40):
        p.shape(("frame",), Point(10 + 12 * k, 10), 10, 20,
                lambda: p.rect(Rect(0, 0, 10, 20), fill="card", stroke="card_border", radius=3))
    p.circle(Point(50, 200), 8, fill="pain")
    with p.text_object():
        p.texts(BLOCKS[:3])


def _lane_like(where: str) -> bytes:
    """The lane drawn in a form (ended at once, or on the worker thread), or on the page itself."""
    fonts = FontChooser()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(600, 400), initialFontName="DejaVuSans", pageCompression=0)
    p = PagePainter(canvas, fonts, DEFAULT_STYLE.palette)
    deflater = FormDeflater()
    if where == "page":
        p.place(0, 0, 1.0)
        _draw_lane(p)
    else:
        with p.form("jm-test-lane", (0, -400, 600, 0), deflater.end_form if where == "worker" else None):
            _draw_lane(p)
        p.place(0, 400, 1.0)
        p.place_forms(["jm-test-lane"])
    canvas.showPage()
    deflater.finish()
    canvas.save()
    return buffer.getvalue()


def _raw_streams(pdf: bytes) -> list[tuple[bytes, bytes]]:
    """(dictionary, operators) of every stream, as written (not as qpdf would rewrite them)."""
    streams = []
    for head, data in re.findall(rb"\d+ 0 obj\s*(<<.*?>>)\s*stream\r?\n(.*?)endstream", pdf, re.DOTALL):
        if b"FlateDecode" in head:
            data = zlib.decompressobj().decompress(data)
        streams.append((head, data))
    return streams


def test_a_form_holds_what_the_canvas_holds_for_the_same_drawing(tmp_path, monkeypatch):
    """The painter gathers a form's operators itself (ReportLab's canvas keeps them out of reach): the form
    must hold what drawing the same on a page gives the page, on the worker thread as at once."""
    monkeypatch.setattr(form_deflater, "BIG", 0)  # (the worker takes even a small form)
    at_once, worker = _form_streams(_lane_like("form"), tmp_path), _form_streams(_lane_like("worker"), tmp_path)
    # Two forms each: the frame shape and the lane; the lane's operators are the same bytes.
    assert len(at_once) == 2 and sorted(at_once) == sorted(worker)
    [lane] = [data for head, data in _raw_streams(_lane_like("form")) if b"/Form" in head and b"Tm" in data]
    [page] = [data for head, data in _raw_streams(_lane_like("page")) if b"/Form" not in head and b"Tm" in data]
    assert lane.strip() and lane.strip() in page


def test_a_poster_places_the_map_drawn_once(tmp_path):
    the_map = big_map(300, 450, 3, 6)
    one = export(the_map, tmp_path / "one.pdf", paper="A3", tiles="1x1", appendix=False)
    poster = export(the_map, tmp_path / "poster.pdf", paper="A3", tiles="3x3", appendix=False)
    run("qpdf", "--check", poster.path)
    # Ten map pages (an overview and nine sheets) cost hardly more than one.
    assert poster.path.stat().st_size < 1.3 * one.path.stat().st_size
    # The map is tall: it fills the sheets of the first column (as the overview shows).
    for sheet in (2, 5, 8):
        assert "Touchpoint" in flat(page_text(poster.path, sheet))



def test_an_export_that_reuses_the_editors_layout_writes_the_same_file(tmp_path, monkeypatch):
    from datetime import date

    from journeymapper.export.pdf import PdfOptions, export_pdf
    from journeymapper.layout.map_layout import layout_map
    from journeymapper.model.document import Document

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # (the same dates and ids in both files)
    document = Document(big_map(200, 300, 3, 5))
    earlier = layout_map(document.map)
    first = document.map.touchpoints[0]
    document.set_field(first.id, "title", "Renamed since the last layout")
    options = PdfOptions(paper="A2", tiles="2x1", today=date(2026, 1, 2))
    export_pdf(document.map, tmp_path / "fresh.pdf", options)
    export_pdf(document.map, tmp_path / "reused.pdf", options, previous=earlier)
    assert (tmp_path / "fresh.pdf").read_bytes() == (tmp_path / "reused.pdf").read_bytes()
    assert "Renamed since the last layout" in flat(page_text(tmp_path / "reused.pdf", 2))


def test_cards_that_look_alike_have_their_parts_in_the_same_places():
    """What a card's look (one form per look) is keyed by decides where its parts are: map_drawing._look."""
    from journeymapper.export.map_drawing import _look
    from journeymapper.layout.map_layout import layout_map
    from journeymapper.model.schema import Opportunity, PainPoint

    the_map = big_map(600, 900, 4, 6)
    touchpoints = [
        # titles of one to three lines, some pains and opportunities, on the first cards
        t.model_copy(update={"title": "A longer title that wraps onto the next line " * (n % 3) + t.title,
                             "pain_points": [PainPoint(id=f"slow-{n}", text="slow", severity="high")] * (n % 2),
                             "opportunities": [Opportunity(id=f"fast-{n}", text="faster", priority="low")] * (n % 4 == 0)})
        if n < 120 else t
        for n, t in enumerate(the_map.touchpoints)
    ]
    layout = layout_map(the_map.model_copy(update={"touchpoints": touchpoints}))
    parts: dict[tuple, tuple] = {}
    for card in layout.cards.values():
        x, y = card.rect.x, card.rect.y
        chip = card.channel_chip
        where = (card.counts_origin.x - x, card.counts_origin.y - y, card.evidence_center.x - x,
                 card.evidence_center.y - y, None if chip is None else (chip.x - x, chip.y - y, chip.w, chip.h))
        key = _look(card)[0]
        assert all(abs(a - b) < 1e-6 for a, b in zip(parts.setdefault(key, where)[:4], where[:4])), key
        assert (parts[key][4] is None) == (where[4] is None)
        if where[4] is not None:
            assert all(abs(a - b) < 1e-6 for a, b in zip(parts[key][4], where[4])), key
    assert len(parts) < len(layout.cards) / 4  # looks do repeat
