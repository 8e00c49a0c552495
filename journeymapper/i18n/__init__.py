"""The words journeymapper prints itself, in the reader's language: one mechanism for every layer.

Catalogues are GNU gettext ones (`resources/locale/LANG/LC_MESSAGES/journeymapper.po`, compiled to
`.mo` beside it), read with the standard library's `gettext`, so the Qt-free layers (layout, PDF,
command line, checker) use them as the interface does. Babel extracts the strings (`./dev i18n`) and
a test holds every catalogue complete and its `.mo` in step with its `.po`.

Text a user typed is never translated; only the words of the program: row and channel names, the
title block, the legend, the headings of the pages after the map.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

from ..resources import resources_dir

DOMAIN = "journeymapper"
LANGUAGES: dict[str, str] = {
    "en": "English",
    "de": "Deutsch",
    "es": "Español",
    "fr": "Français",
    "ja": "日本語",
}
"""The languages with a complete catalogue, by code, each named in itself."""
DEFAULT_LANGUAGE = "en"

class Words:
    """A language's words: `tr("Emotion")`, `tr.n("{n} page", "{n} pages", n)` (English in, the
    language out; placeholders in braces stay as they are)."""

    def __init__(self, catalogue: gettext.NullTranslations, language: str) -> None:
        self._catalogue, self.language = catalogue, language

    def __call__(self, text: str) -> str:
        return self._catalogue.gettext(text)

    def n(self, singular: str, plural: str, count: int) -> str:
        return self._catalogue.ngettext(singular, plural, count)


def N_(text: str) -> str:
    """Marks a word to translate where it is used, not where it is written (tables of labels)."""
    return text


def locale_dir() -> Path:
    return resources_dir() / "locale"


@lru_cache(maxsize=16)
def words(language: str | None = None) -> Words:
    """The words in `language` ("de", "ja"...); English for None, "en" or a language without a
    catalogue (the program still works; it reads English)."""
    if not language or language == DEFAULT_LANGUAGE or language not in LANGUAGES:
        return Words(gettext.NullTranslations(), DEFAULT_LANGUAGE)
    catalogue = gettext.translation(DOMAIN, localedir=locale_dir(), languages=[language], fallback=True)
    return Words(catalogue, language)


def print_language(tag: str) -> str:
    """The catalogue for a map's language (a BCP 47 tag: "de", "de-AT", "en-GB"): the tag's own if
    there is one, else its language's ("de-AT" prints German), else English."""
    code = tag.strip().lower()
    if code in LANGUAGES:
        return code
    primary = code.split("-")[0]
    return primary if primary in LANGUAGES else DEFAULT_LANGUAGE


def language_name(code: str) -> str:
    return LANGUAGES.get(code, code)
