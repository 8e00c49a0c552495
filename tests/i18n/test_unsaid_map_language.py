"""A map that does not say its language is shown and printed in its user's language (a German user's
canvas and PDF say "Schmerzpunkte"); a map that says its language keeps it for everyone."""

from __future__ import annotations

import pytest

from journeymapper.i18n import interface_language, print_language, set_interface_language


@pytest.fixture
def german_user():
    before = interface_language()
    set_interface_language("de")
    yield
    set_interface_language(before)


def test_an_unsaid_language_is_the_users(german_user):
    assert print_language("") == "de"
    assert print_language("ja") == "ja" and print_language("en-GB") == "en"


def test_a_german_user_prints_an_unsaid_map_in_german(german_user, tmp_path):
    from journeymapper.export.pdf import PdfOptions, export_pdf
    from journeymapper.io import load_path
    from journeymapper.resources import example_map_path

    from ..export.pdftools import flat, text

    the_map = load_path(example_map_path()).map
    assert the_map.language == ""
    export_pdf(the_map, tmp_path / "map.pdf", PdfOptions())
    printed = flat(text(tmp_path / "map.pdf"))
    assert "Schmerzpunkte" in printed and "Pain points" not in printed
