"""The words the PDF prints itself come in the language asked for; what the map says stays as typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymapper.cli.main import main
from journeymapper.export.pdf import PdfOptions, export_pdf
from journeymapper.i18n import words

from .pdftools import flat, page_count, page_text, text
from .test_fonts import DROID

WORDS = ["Touchpoints", "Emotion", "Pain points", "Opportunities", "Evidence", "Personas", "KPI target",
         "Loop back", "Details", "Goals", "Checker findings", "Website", "In store"]


@pytest.mark.parametrize("language", ["de", "fr", "es"] + (["ja"] if DROID.exists() else []))
def test_the_pdfs_own_words_are_in_the_language_asked_for(tmp_path: Path, example_map, language: str) -> None:
    out = tmp_path / f"{language}.pdf"
    report = export_pdf(example_map, out, PdfOptions(language=language, tiles="2x1", source_name="bakery.jmap"))
    tr = words(language)
    everything = flat(text(out))
    for english in WORDS:
        assert tr(english) != english or english in ("Website", "Personas", "Emotion", "Details", "Chat"), english
        assert tr(english) in everything, (language, english, tr(english))
    first = flat(page_text(out, 1))
    assert tr("Page {page} of {total}").format(page=1, total=report.pages) in first
    assert tr("Poster of {columns} x {rows} sheets: how they go together").format(columns=2, rows=1) in first
    for persona in example_map.personas:  # what the map says is printed as typed
        assert persona.name in first
    assert example_map.title in first
    assert not report.warnings or "font" not in " ".join(report.warnings)


def test_english_is_the_default_and_other_codes_are_refused(tmp_path: Path, example_map, capsys) -> None:
    out = tmp_path / "en.pdf"
    export_pdf(example_map, out, PdfOptions())
    assert "Touchpoints" in text(out) and "Berührungspunkte" not in text(out)
    from journeymapper.resources import example_map_path

    assert main(["export", str(example_map_path()), "-o", str(tmp_path / "x.pdf"), "--language", "xx"]) == 2
    assert "--language" in capsys.readouterr().err
    assert main(["export", str(example_map_path()), "-o", str(tmp_path / "de.pdf"), "--language", "de"]) == 0
    assert "Berührungspunkte" in text(tmp_path / "de.pdf") and page_count(tmp_path / "de.pdf") > 1


def test_a_long_word_for_a_row_keeps_inside_the_lane_header(example_map) -> None:
    from dataclasses import replace

    from journeymapper.layout.map_layout import layout_map
    from journeymapper.layout.style import DEFAULT_STYLE
    from journeymapper.layout.text import BOLD, text_width

    layout = layout_map(example_map, replace(DEFAULT_STYLE, language="de"))
    for lane in layout.lanes.values():
        for row in lane.rows:
            label = row.label
            assert label.x + text_width(label.lines[0], label.size, BOLD) <= row.header.right, label.lines


def test_the_document_says_its_language(tmp_path: Path, example_map) -> None:
    import json
    import subprocess

    for language in ("en", "de", "ja"):
        out = tmp_path / f"{language}.pdf"
        export_pdf(example_map, out, PdfOptions(language=language, appendix=False))
        data = json.loads(subprocess.run(["qpdf", "--json", "--json-key=qpdf", str(out)], capture_output=True,
                                         text=True, check=True).stdout)
        catalogue = next(obj["value"] for obj in data["qpdf"][1].values()
                         if isinstance(obj, dict) and isinstance(obj.get("value"), dict)
                         and obj["value"].get("/Type") == "/Catalog")
        assert catalogue.get("/Lang") == f"u:{language}"
