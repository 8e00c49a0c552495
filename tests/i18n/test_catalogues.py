"""Every language's catalogues (the program's words, the built-in templates' texts) are complete, says the same things (placeholders, no dropped words) and
is compiled: what `./dev i18n` keeps, checked here so that CI fails when it was not run."""

from __future__ import annotations

import gettext
import re

import pytest
from babel.messages.pofile import read_po

from journeymapper.i18n import DEFAULT_LANGUAGE, DOMAIN, LANGUAGES, locale_dir, words
from journeymapper.i18n.catalogues import compiled, extract, extract_templates, po_path
from journeymapper.io.template_words import TEMPLATE_DOMAIN

OTHERS = [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
DOMAINS = {DOMAIN: extract, TEMPLATE_DOMAIN: extract_templates}
EACH = pytest.mark.parametrize(("domain", "language"), [(d, code) for d in DOMAINS for code in OTHERS])


@pytest.fixture(scope="module")
def templates():
    return {domain: extract() for domain, extract in DOMAINS.items()}


def _po(language: str, domain: str = DOMAIN):
    with po_path(language, domain).open("rb") as handle:
        return read_po(handle, locale=language, domain=domain)


@EACH
def test_every_word_of_the_program_is_translated(templates, domain, language):
    catalogue = _po(language, domain)
    wanted = {message.id for message in templates[domain] if message.id}
    have = {message.id for message in catalogue if message.id and all(message.string if isinstance(
        message.string, tuple) else [message.string])}
    assert not wanted - have, f"untranslated in {language}: {sorted(map(str, wanted - have))[:10]} (./dev i18n)"
    assert not {m.id for m in catalogue if m.id} - wanted, "words no longer used: run ./dev i18n"


@EACH
def test_translations_keep_every_placeholder(domain, language):
    for message in _po(language, domain):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == wanted, (language, message.id, string)


@EACH
def test_the_compiled_catalogue_is_the_one_written(domain, language):
    on_disk = po_path(language, domain).with_suffix(".mo").read_bytes()
    assert on_disk == compiled(_po(language, domain)), f"{language}: {domain}.mo older than its .po (./dev i18n)"


def test_the_program_reads_its_words_in_each_language():
    assert words("de")("Touchpoints") == "Berührungspunkte"
    assert words("fr")("Page {page} of {total}").format(page=1, total=3) == "Page 1 sur 3"
    assert words("es").n("{n} error", "{n} errors", 2).format(n=2) == "2 errores"
    assert words("ja")("Emotion") == "感情"
    assert words("ja").n("{n} warning", "{n} warnings", 5).format(n=5) == "警告 5 件"
    assert words("de").n("{n} pain point", "{n} pain points", 1).format(n=1) == "1 Schmerzpunkt"
    for unknown in (None, "en", "xx", ""):  # English, whatever is asked for that we do not have
        assert words(unknown)("Touchpoints") == "Touchpoints"
    assert gettext.find(DOMAIN, localedir=locale_dir(), languages=["de"]) is not None
