"""What the export relies on in ReportLab, held here so that an upgrade that changes it fails CI
instead of breaking or slowing the export silently (pyproject pins ReportLab 5).

Public API: addLiteral, beginForm/endForm(Contents=...)/doForm, bookmarks and outlines, fill alpha,
rl_config.useA85 (set for our export only). Two fast paths reach inside the canvas, each with a
fallback: the forms' operators (`_code`, `_preamble`: compressed on a worker thread, else ReportLab
compresses them) and the document (`_doc`: text shown with the fonts' subset codes directly).
"""

from __future__ import annotations

import io

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFStream
from reportlab.pdfgen.canvas import Canvas

from journeymapper.export.fonts import REGULAR, register_bundled
from journeymapper.export.form_deflater import FormDeflater
from journeymapper.export.pdf import PdfOptions, export_pdf


def test_the_public_calls_the_export_makes_exist():
    canvas = Canvas(io.BytesIO())
    for name in ("addLiteral", "beginForm", "endForm", "doForm", "bookmarkPage", "addOutlineEntry", "showOutline",
                 "setFillAlpha", "setTitle", "setAuthor", "setSubject", "setCreator", "setKeywords"):
        assert callable(getattr(canvas, name, None)), name
    assert hasattr(rl_config, "useA85")


def test_the_export_leaves_reportlabs_settings_as_it_found_them(tmp_path, example_map):
    before = rl_config.useA85
    export_pdf(example_map, tmp_path / "map.pdf", PdfOptions(appendix=False))
    assert rl_config.useA85 == before


def test_forms_are_compressed_on_the_worker_thread():
    """The fast path is taken: the form's operators are where the deflater looks for them."""
    canvas = Canvas(io.BytesIO(), initialFontName="Helvetica")
    canvas.beginForm("f", lowerx=0, lowery=0, upperx=10, uppery=10)
    canvas.addLiteral("0 0 m 10 10 l S")
    assert isinstance(getattr(canvas, "_code", None), list) and isinstance(getattr(canvas, "_preamble", None), str)
    with FormDeflater() as deflater:
        deflater.end_form(canvas)
        assert len(deflater._pending) == 1 and isinstance(deflater._pending[0][0], PDFStream)
        deflater.finish()
    canvas.doForm("f")
    canvas.showPage()
    canvas.save()


def test_text_is_shown_with_the_fonts_subset_codes():
    register_bundled()
    canvas = Canvas(io.BytesIO(), initialFontName=REGULAR)
    doc = getattr(canvas, "_doc", None)
    font = pdfmetrics.getFont(REGULAR)
    assert doc is not None and getattr(font, "_dynamicFont", False)
    [(subset, data)] = font.splitString("Café", doc)
    assert subset == 0 and isinstance(data, bytes) and len(data) == 4
    assert font.getSubsetInternalName(subset, doc).startswith("/F")


def test_without_the_fast_paths_the_export_makes_the_same_pages(tmp_path, example_map, monkeypatch):
    """A ReportLab that kept its document or a form's operators elsewhere: slower, the same pictures."""
    from journeymapper.export import form_deflater, pdfops

    from .pdftools import run

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    options = PdfOptions(appendix=False)
    export_pdf(example_map, tmp_path / "fast.pdf", options)
    monkeypatch.setattr(pdfops.TextOps, "__init__", lambda self, canvas: (setattr(self, "_doc", None),
                                                                         setattr(self, "_fonts", {}))[0])
    monkeypatch.setattr(form_deflater.FormDeflater, "end_form", lambda self, canvas: canvas.endForm())
    export_pdf(example_map, tmp_path / "public.pdf", options)
    pictures = []
    for name in ("fast", "public"):
        run("pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-gray", "-singlefile", tmp_path / f"{name}.pdf",
            tmp_path / name)
        pictures.append((tmp_path / f"{name}.pgm").read_bytes())
    differ = sum(1 for a, b in zip(*pictures) if abs(a - b) > 60)
    assert len(pictures[0]) == len(pictures[1]) and differ < 0.002 * len(pictures[0]), differ
