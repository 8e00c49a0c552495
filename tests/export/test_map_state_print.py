"""The print says which journey a map shows (today's or the planned one) and is in the map's language:
its own words where journeymapper has them, and the document's /Lang."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest

from journeymapper.export.pdf import PdfOptions, export_pdf
from journeymapper.i18n import print_language, words
from journeymapper.model.future_state import make_future_state

from .conftest import TODAY
from .pdftools import flat, page_count, page_text, text

NOW = datetime(2026, 12, 1, tzinfo=timezone.utc)


def _lang(path: Path) -> str | None:
    """The /Lang of the PDF's catalogue, as qpdf reads it."""
    data = json.loads(subprocess.run(["qpdf", "--json", "--json-key=qpdf", str(path)], capture_output=True,
                                     text=True, check=True).stdout)
    catalogue = next(obj["value"] for obj in data["qpdf"][1].values()
                     if isinstance(obj, dict) and isinstance(obj.get("value"), dict)
                     and obj["value"].get("/Type") == "/Catalog")
    lang = catalogue.get("/Lang")
    return lang[2:] if isinstance(lang, str) and lang.startswith("u:") else lang


def _export(the_map, path: Path, **options) -> Path:
    export_pdf(the_map, path, PdfOptions(today=TODAY, appendix=False, **options))
    return path


def test_a_future_state_maps_sheet_says_so_and_what_it_was_made_from(tmp_path, example_map):
    future = make_future_state(example_map, NOW)
    out = _export(future, tmp_path / "future.pdf")
    first = flat(page_text(out, 1))
    assert "Future state" in first
    assert f"based on “{example_map.title}” of {example_map.modified.date().isoformat()}" in first
    assert "future state" in flat(text(out, 2, 2))  # (the footer of every page)


def test_todays_map_prints_no_state(tmp_path, example_map):
    out = _export(example_map, tmp_path / "today.pdf")
    assert "Future state" not in text(out) and "future state" not in text(out)


def test_a_posters_sheets_and_a_narrow_sheet_say_it_too(tmp_path, example_map):
    future = make_future_state(example_map, NOW)
    out = _export(future, tmp_path / "poster.pdf", paper="A4", orientation="portrait", tiles="2x1")
    for page in (1, 2, 3):  # the overview and both sheets
        assert "Future state" in flat(page_text(out, page)), page


def test_the_maps_language_chooses_the_printed_words_and_the_documents_language(tmp_path, example_map):
    german = example_map.model_copy(update={"language": "de"})
    out = _export(make_future_state(german, NOW), tmp_path / "de.pdf", tiles="2x1")
    de = words("de")
    everything = flat(text(out))
    for english in ("Touchpoints", "Pain points", "Opportunities", "Future state"):
        assert de(english) != english and de(english) in everything, english
    assert de("Page {page} of {total}").format(page=1, total=page_count(out)) in flat(page_text(out, 1))
    assert "Touchpoints" not in everything
    assert _lang(out) == "de"


@pytest.mark.parametrize("tag, printed", [("de-AT", "de"), ("pt-BR", "en"), ("", "en")])
def test_a_language_without_its_own_words_prints_its_languages_or_english(tmp_path, example_map, tag, printed):
    out = _export(example_map.model_copy(update={"language": tag}), tmp_path / f"{tag or 'none'}.pdf")
    assert words(printed)("Touchpoints") in flat(page_text(out, 1))
    assert _lang(out) == (tag or "en")


def test_the_words_asked_for_win_and_the_document_keeps_the_maps_language(tmp_path, example_map):
    out = _export(example_map.model_copy(update={"language": "de"}), tmp_path / "fr.pdf", language="fr")
    assert words("fr")("Touchpoints") in flat(page_text(out, 1))
    assert _lang(out) == "de"


def test_print_language_reads_a_language_tag():
    assert [print_language(tag) for tag in ("de", "de-AT", "EN-gb", "ja-JP", "fr-CA", "pt", "", "x-klingon")] == [
        "de", "de", "en", "ja", "fr", "en", "en", "en"]
