"""What the export relies on in ReportLab, held here so that an upgrade that changes it fails CI
instead of breaking or slowing the export silently (pyproject pins ReportLab 5).

Only public API: addLiteral, beginForm/endForm(Contents=...)/doForm, text objects (beginText, setFont,
textOut, getCode: how each character is coded in the document's font subsets), bookmarks and outlines,
fill alpha. No private attribute and no global setting of ReportLab's.
"""

from __future__ import annotations

import ast
import io
import re
import zlib
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

import journeymapper
from journeymapper.export import pdfops
from journeymapper.export.fonts import REGULAR, register_bundled
from journeymapper.export.form_deflater import FormDeflater, end_form
from journeymapper.export.pdf import PdfOptions, export_pdf

from .pdftools import run


def test_the_public_calls_the_export_makes_exist():
    canvas = Canvas(io.BytesIO())
    for name in ("addLiteral", "beginForm", "endForm", "doForm", "beginText", "bookmarkPage", "addOutlineEntry",
                 "showOutline", "setFillAlpha", "setTitle", "setAuthor", "setSubject", "setCreator",
                 "setKeywords"):
        assert callable(getattr(canvas, name, None)), name
    text = canvas.beginText()
    for name in ("setFont", "textOut", "getCode"):
        assert callable(getattr(text, name, None)), name


def _private_names() -> set[str]:
    """The private attributes of the ReportLab objects the export handles."""
    register_bundled()
    canvas = Canvas(io.BytesIO(), initialFontName=REGULAR)
    objects = (canvas, canvas.beginText(), pdfmetrics.getFont(REGULAR), rl_config)
    return {name for thing in objects for name in vars(thing) if name.startswith("_") and not name.endswith("__")}


def test_no_code_of_ours_reaches_into_reportlab():
    """Not `canvas._code`, `_doc`, a font's `_dynamicFont`, nor a setting of `rl_config`: an upgrade may
    change any of them without a word."""
    private = _private_names()
    assert {"_code", "_doc", "_preamble"} <= private  # (what the export once used: the test can see it)
    found = []
    for path in Path(journeymapper.__file__).parent.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if "reportlab" not in source:
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Attribute) and node.attr in private and not (
                    isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                found.append(f"{path.name}:{node.lineno} .{node.attr}")
            elif isinstance(node, ast.Constant) and node.value in private:
                found.append(f"{path.name}:{node.lineno} {node.value!r}")
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "rl_config":
                found.append(f"{path.name}:{node.lineno} rl_config.{node.attr}")
    assert not found


def test_the_export_leaves_reportlabs_settings_as_it_found_them(tmp_path, example_map):
    before = {name: value for name, value in vars(rl_config).items() if not name.startswith("__")}
    export_pdf(example_map, tmp_path / "map.pdf", PdfOptions(appendix=False))
    assert {name: value for name, value in vars(rl_config).items() if not name.startswith("__")} == before


def _form_stream(pdf: bytes) -> bytes:
    [(head, data)] = re.findall(rb"obj\s*(<<(?:(?!endobj).)*?/Subtype /Form(?:(?!endobj).)*?>>)\s*stream\r?\n(.*?)endstream",
                                pdf, re.DOTALL)
    assert b"/FlateDecode" in head and b"ASCII85" not in head
    return zlib.decompressobj().decompress(data)


def test_a_form_takes_the_stream_it_is_given():
    """`endForm(Contents=...)`: the form's stream is ours (compressed as we chose), whether ended at once or
    on the worker thread."""
    for worker in (False, True):
        buffer = io.BytesIO()
        canvas = Canvas(buffer, initialFontName="Helvetica", pageCompression=1)
        canvas.beginForm("f", lowerx=0, lowery=0, upperx=10, uppery=10)
        with FormDeflater() as deflater:
            if worker:
                from journeymapper.export import form_deflater
                big, form_deflater.BIG = form_deflater.BIG, 0
                try:
                    deflater.end_form(canvas, "0 0 m 10 10 l S")
                finally:
                    form_deflater.BIG = big
            else:
                end_form(canvas, "0 0 m 10 10 l S")
            canvas.doForm("f")
            canvas.showPage()
            deflater.finish()
        canvas.save()
        assert _form_stream(buffer.getvalue()) == b"0 0 m 10 10 l S"


def test_a_text_object_says_how_its_characters_are_coded():
    """The codes are read from what a text object would write: a font resource per subset, a byte per
    character (escaped as PDF strings escape)."""
    register_bundled()
    canvas = Canvas(io.BytesIO(), initialFontName=REGULAR)
    text = canvas.beginText()
    text.setFont(REGULAR, 1)
    text.textOut("Café (x)\\")
    assert re.fullmatch(r"BT 1 0 0 1 0 0 Tm /F\d+\+0 1 Tf 1\.2 TL \(Caf\\001 \\\(x\\\)\\\\\) Tj ET", text.getCode())
    codes = pdfops.TextOps(canvas).codes(REGULAR)
    assert codes is not None and codes.in_first_subset("Café (x)\\") == b"Caf\x01 (x)\\"


def test_when_the_codes_cannot_be_read_the_export_makes_the_same_pages(tmp_path, example_map, monkeypatch):
    """A ReportLab that wrote text otherwise: every line shown by its own text object; slower, the same
    pictures."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    options = PdfOptions(appendix=False)
    export_pdf(example_map, tmp_path / "fast.pdf", options)
    monkeypatch.setattr(pdfops, "_SHOWN", re.compile(r"(?!)(x)(y)"))  # reads nothing
    export_pdf(example_map, tmp_path / "public.pdf", options)
    pictures = []
    for name in ("fast", "public"):
        run("pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-gray", "-singlefile", tmp_path / f"{name}.pdf",
            tmp_path / name)
        pictures.append((tmp_path / f"{name}.pgm").read_bytes())
    assert (tmp_path / "fast.pdf").read_bytes() != (tmp_path / "public.pdf").read_bytes()
    differ = sum(1 for a, b in zip(*pictures) if abs(a - b) > 60)
    assert len(pictures[0]) == len(pictures[1]) and differ < 0.002 * len(pictures[0]), differ
