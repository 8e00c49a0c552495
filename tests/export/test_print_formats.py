"""Figures and dates on paper as the map's readers write them: a German map prints "4,6" and
"30.11.2026", a Japanese one "2026/11/30"; a map that does not say its language keeps the files'
neutral style (ISO dates, "4.6"), whatever the machine's locale."""

from __future__ import annotations

import threading

from journeymapper.i18n.formats import current_locale, date_text, formats_locale, localize_figure, set_default_locale
from journeymapper.model.kpi_health import number

from .conftest import export
from .pdftools import flat, text
from .test_kpi_trend_print import THREE, kpi_map


def _with_language(language: str):
    return kpi_map(THREE).model_copy(update={"language": language})


def test_a_german_map_prints_german_figures_and_dates(tmp_path):
    printed = flat(text(export(_with_language("de"), tmp_path / "de.pdf").path))
    assert "30.11.2026" in printed and "2026-11-30" not in printed
    assert "4,6 / 4,7" in printed  # (a decimal comma)
    assert "+2" in printed


def test_a_swiss_german_map_prints_its_own_group_mark(tmp_path):
    with formats_locale("de-CH"):
        assert number(12500.5) in ("12'500.5", "12\u2019500.5")  # (CLDR's mark, by version)
    with formats_locale("de"):
        assert number(12500.5) == "12.500,5"
    with formats_locale("fr"):
        assert number(12500.5) in ("12\u202f500,5", "12\u00a0500,5")


def test_a_japanese_map_prints_japanese_dates(tmp_path):
    printed = flat(text(export(_with_language("ja"), tmp_path / "ja.pdf").path))
    assert "2026/11/30" in printed


def test_a_map_without_a_language_prints_neutral_figures_whatever_the_machine(tmp_path):
    set_default_locale("de_DE")  # (the editor of a German user exports it)
    try:
        printed = flat(text(export(kpi_map(THREE), tmp_path / "plain.pdf").path))
    finally:
        set_default_locale(None)
    assert "2026-11-30" in printed and "4.6 / 4.7" in printed


def test_a_print_language_asked_for_prints_its_formats(tmp_path):
    printed = flat(text(export(kpi_map(THREE), tmp_path / "fr.pdf", language="fr").path))
    assert "30 nov. 2026" in printed


def test_an_export_on_one_thread_does_not_change_another_threads_figures():
    seen: list[str] = []
    inside = threading.Event()
    done = threading.Event()

    def exporting():
        with formats_locale("de"):
            seen.append(number(2.5))
            inside.set()
            done.wait(5)

    worker = threading.Thread(target=exporting)
    worker.start()
    inside.wait(5)
    try:
        assert number(2.5) == "2.5" and current_locale() == ""
    finally:
        done.set()
        worker.join()
    assert seen == ["2,5"]


def test_unknown_or_c_locales_are_neutral():
    from datetime import date

    for tag in ("", "C", "POSIX", "xx-YY", "C.UTF-8"):
        assert localize_figure("4,200.5", tag) == "4,200.5"
        assert date_text(date(2026, 12, 7), tag) == "2026-12-07"


def test_the_screens_layout_in_another_locale_is_not_reused_by_the_print(tmp_path):
    from journeymapper.export.pdf import PdfOptions, export_pdf
    from journeymapper.layout.map_layout import layout_map

    the_map = kpi_map(THREE)
    with formats_locale("de"):  # (the editor of a German user laid it out: "4,6")
        on_screen = layout_map(the_map)
    export_pdf(the_map, tmp_path / "plain.pdf", PdfOptions(), previous=on_screen)
    printed = flat(text(tmp_path / "plain.pdf"))
    assert "4.6 / 4.7" in printed and "4,6" not in printed
