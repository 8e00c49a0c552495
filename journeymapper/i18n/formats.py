"""Figures and dates as the reader writes them: "4.200,5" in German, "2026/12/07" in Japanese.

Qt-free, so that the print and the command line format as the editor does: the data comes from
CLDR through Babel, the same data QLocale reads. Which locale applies is a context value: the
editor sets the user's (QLocale's) at start; an export prints in the map's language for the time
it draws (`formats_locale(tag)`), on whatever thread it runs. No locale ("", "C", "POSIX") is the
neutral style the files use: ISO dates and "4,200.5".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

NEUTRAL = ""

_default = NEUTRAL
_current: ContextVar[str | None] = ContextVar("journeymapper_formats_locale", default=None)


@dataclass(frozen=True, slots=True)
class Symbols:
    """The marks a locale writes figures with."""

    decimal: str = "."
    group: str = ","


def _babel_locale(tag: str):
    """Babel's locale for a BCP 47 or POSIX tag ("de-AT", "de_AT.UTF-8"), or None if unknown."""
    code = tag.split(".")[0].split("@")[0].replace("-", "_").strip()
    if not code or code.upper() in ("C", "POSIX"):
        return None  # (the neutral style: Babel is not even loaded)
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        try:
            return Locale.parse(code.split("_")[0])
        except (UnknownLocaleError, ValueError, TypeError):
            return None


@lru_cache(maxsize=64)
def symbols(tag: str) -> Symbols:
    """The decimal and group marks of `tag` (the neutral ones for no or an unknown locale)."""
    locale = _babel_locale(tag)
    if locale is None:
        return Symbols()
    from babel.numbers import get_decimal_symbol, get_group_symbol

    return Symbols(decimal=get_decimal_symbol(locale), group=get_group_symbol(locale))


def set_default_locale(tag: str | None) -> None:
    """The locale of this process when no export says otherwise (the editor: QLocale's name)."""
    global _default
    _default = tag or NEUTRAL


def print_formats(map_language: str, printed_language: str) -> str:
    """The locale a print writes figures and dates in: the map's own (a "de-AT" map prints Austrian
    dates) when its words are printed, else the printed words' language; the neutral style for an
    English print of a map that does not say its language (the files' own: ISO dates, "4,200.5")."""
    from . import DEFAULT_LANGUAGE, print_language

    if map_language and print_language(map_language) == printed_language:
        return map_language
    return NEUTRAL if printed_language == DEFAULT_LANGUAGE else printed_language


def current_locale() -> str:
    value = _current.get()
    return _default if value is None else value


@contextmanager
def formats_locale(tag: str | None) -> Iterator[None]:
    """Write figures and dates as `tag` does while the block runs (on this thread)."""
    token = _current.set(tag or NEUTRAL)
    try:
        yield
    finally:
        _current.reset(token)


def localize_figure(text: str, tag: str | None = None) -> str:
    """A figure written the neutral way ("4,200.5") in the marks of the locale ("4.200,5")."""
    marks = symbols(current_locale() if tag is None else tag)
    if marks.decimal == "." and marks.group == ",":
        return text
    return text.translate({ord(","): marks.group, ord("."): marks.decimal})


@lru_cache(maxsize=4096)
def _date_text(day: date, tag: str) -> str:
    locale = _babel_locale(tag)
    if locale is None:
        return day.isoformat()
    from babel.dates import format_date

    return format_date(day, format="medium", locale=locale)


def date_text(day: date, tag: str | None = None) -> str:
    """A day as the locale writes it in full ("7 déc. 2026", "07.12.2026"); ISO with no locale."""
    return _date_text(day, current_locale() if tag is None else tag)
