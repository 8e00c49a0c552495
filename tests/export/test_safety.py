"""Text is text: markup-looking titles print as typed, and the PDF has no links, actions or attachments."""

from __future__ import annotations

import re

import pytest

from journeymapper.cli.main import main
from journeymapper.io import save
from tests.check.builders import fl, make_map, tp

from .conftest import export
from .pdftools import flat, info, page_text, qdf, run, text

IMG = '<img src="/etc/passwd"/>'
BOLD = "<b>bold</b>"
LINK = '<link href="http://x">x</link>'
ENTITIES = "&amp; &lt;"
TRICKY = (IMG, BOLD, LINK, ENTITIES)
# What would make a PDF reader go somewhere, run something or carry a file.
ACTIVE = (b"/URI", b"/Launch", b"/EmbeddedFile", b"/EmbeddedFiles", b"/FileAttachment", b"/JavaScript",
          b"/JS", b"/OpenAction", b"/AA", b"/SubmitForm", b"/GoToR", b"/Annots", b"/AcroForm", b"/RichMedia")


def tricky_map():
    the_map = make_map(
        [tp(f"t{n}", "p1", f"s{n + 1}", value) for n, value in enumerate(TRICKY)]
        + [tp(f"u{n}", "p2", f"s{n + 1}", f"{value} again") for n, value in enumerate(TRICKY)],
        [fl("f1", "t0", "t1", label=BOLD), fl("f2", "t1", "t2", label=ENTITIES),
         fl("f3", "u0", "u1", label="<i>x</i>")],
        personas=("p1", "p2"),
        title=f"{BOLD} {ENTITIES}",
        owner=IMG,
    )
    personas = [the_map.personas[0].model_copy(update={"name": LINK, "goals": [IMG, ENTITIES]}),
                the_map.personas[1].model_copy(update={"name": BOLD, "segment": ENTITIES})]
    stages = [stage.model_copy(update={"name": value}) for stage, value in zip(the_map.stages, TRICKY)]
    return the_map.model_copy(update={"personas": personas, "stages": stages})


@pytest.fixture(scope="module")
def tricky(tmp_path_factory):
    return export(tricky_map(), tmp_path_factory.mktemp("tricky") / "tricky.pdf")


def test_markup_prints_as_the_characters_typed(tricky):
    everything = flat(text(tricky.path))
    for value in TRICKY:
        assert value in everything, value
        assert f"{value} again" in everything, value
    for label in (BOLD, ENTITIES, "<i>x</i>"):  # flow labels
        assert label in everything
    assert f"Owner: {IMG}" in everything
    assert "/etc/passwd" in everything
    # nothing was interpreted: no entity decoded, no tag dropped
    assert "&amp;" in everything and "&lt;" in everything
    assert "bold" in everything and "<b>bold" in everything


def test_markup_in_stage_and_persona_names_prints_as_typed(tricky):
    stages = flat(page_text(tricky.path, 1)).split("Touchpoints", 1)[0]  # the stage headers come first
    assert " ".join(TRICKY) in stages
    assert flat(page_text(tricky.path, 2)).startswith(f"{LINK} Goals {IMG} {ENTITIES}")
    assert flat(page_text(tricky.path, 3)).startswith(f"{BOLD} {ENTITIES} Goals")
    lane_names = flat(page_text(tricky.path, 1))
    assert LINK in lane_names and f"{BOLD} {ENTITIES}" in lane_names


def test_markup_in_the_document_properties_is_kept_as_typed(tricky):
    fields = info(tricky.path)
    assert fields["Title"] == f"{BOLD} {ENTITIES}"
    assert fields["Author"] == IMG


def test_the_pdf_has_no_links_actions_or_attachments(tricky, example_a3, tmp_path):
    for exported in (tricky, example_a3):
        data = qdf(exported.path, tmp_path)
        found = sorted({key.decode() for key in ACTIVE if re.search(re.escape(key) + rb"(?![A-Za-z])", data)})
        assert found == [], (exported.path.name, found)
        run("qpdf", "--check", exported.path)


def test_the_command_line_exports_the_same_map(tmp_path, capsys):
    source = tmp_path / "tricky.jmap"
    save(source, tricky_map())
    out = tmp_path / "tricky.pdf"
    assert main(["export", str(source), "-o", str(out)]) == 0
    capsys.readouterr()
    assert IMG in flat(text(out))
