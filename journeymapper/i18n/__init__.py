"""The words journeymapper says itself, in the reader's language: one mechanism for every layer.

Catalogues are GNU gettext ones (`resources/locale/LANG/LC_MESSAGES/journeymapper.po`, compiled to
`.mo` beside it), read with the standard library's `gettext`, so the Qt-free layers (layout, PDF,
command line, checker) use them as the interface does. Babel extracts the strings (`./dev i18n`) and
a test holds every catalogue complete and its `.mo` in step with its `.po`.

Two languages are in play. The *interface language* (`_`, `_n`) is the user's: menus, dialogs,
the command line's messages, the checker's findings. It follows the system (gettext's LANGUAGE,
LC_ALL, LC_MESSAGES, LANG), or JOURNEYMAPPER_LANGUAGE, or the editor's preference. The *print
language* (`words(map.language)`) is the map's: a German map prints German labels whoever exports
it. Both read the same catalogues.

Text a user typed is never translated; only the words of the program. A word in a table written at
import time is marked with `N_` and translated where it is shown, since the language may be chosen
after the import.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
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
    there is one, else its language's ("de-AT" prints German), else English. A map that does not say
    its language ("") is shown and printed in the language of the person using the program."""
    code = tag.strip().lower()
    if not code:
        return interface_language()
    if code in LANGUAGES:
        return code
    primary = code.split("-")[0]
    return primary if primary in LANGUAGES else DEFAULT_LANGUAGE


def language_name(code: str) -> str:
    return LANGUAGES.get(code, code)


def best_language(tags: list[str]) -> str:
    """The first of the reader's languages (BCP 47 or POSIX tags, most wanted first) that has a
    catalogue; English when none has."""
    for tag in tags:
        code = tag.split(".")[0].split("@")[0].replace("_", "-").strip().lower()
        if code in ("c", "posix", ""):
            return DEFAULT_LANGUAGE
        chosen = print_language(code)
        if chosen != DEFAULT_LANGUAGE or code.split("-")[0] == DEFAULT_LANGUAGE:
            return chosen
    return DEFAULT_LANGUAGE


GETTEXT_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where gettext reads the reader's language, in the order it reads them."""


def language_from_environment(environ: Mapping[str, str] = os.environ) -> str:
    """The interface language the environment asks for: JOURNEYMAPPER_LANGUAGE first, then the
    variables gettext reads, in gettext's order."""
    override = environ.get("JOURNEYMAPPER_LANGUAGE", "").strip()
    if override:
        return best_language([override])
    for name in GETTEXT_VARIABLES:
        value = environ.get(name, "").strip()
        if value:
            return best_language(value.split(":"))
    return DEFAULT_LANGUAGE


_interface: str | None = None


def interface_language() -> str:
    """The language the program speaks to its user now (a code of LANGUAGES)."""
    global _interface
    if _interface is None:
        _interface = language_from_environment()
    return _interface


def set_interface_language(code: str | None) -> str:
    """Speak `code` from now on (None: what the environment asks for); returns the language taken."""
    global _interface
    _interface = best_language([code]) if code else language_from_environment()
    return _interface


def _(text: str) -> str:
    """`text` (English) in the interface language."""
    return words(interface_language())(text)


def _n(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count`, in the interface language (placeholders stay)."""
    return words(interface_language()).n(singular, plural, count)


_speaking: ContextVar[Words | None] = ContextVar("journeymapper_speaking", default=None)


@contextmanager
def speaking(tr: Words) -> Iterator[None]:
    """Words made while the block runs without being given words (a quoted name's quotation marks)
    are in `tr`'s language: a PDF's checker findings in the print's language, not the user's."""
    token = _speaking.set(tr)
    try:
        yield
    finally:
        _speaking.reset(token)


def current_words() -> Words:
    """The words of the language spoken now: `speaking`'s, else the interface language's."""
    return _speaking.get() or words(interface_language())
