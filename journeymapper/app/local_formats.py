"""Dates and figures in the editor's panels as the user's locale writes them (QLocale), and read back
the same way: "1.234,5" and "1.3.2026" in German, "1,234.5" and "3/1/2026" in American English.

Only what is shown and typed: the map keeps ISO dates and plain numbers. Typing the neutral way still
works everywhere ("2026-03-01", "12.5", and "2,5" or "1 200" as people write them), so a value copied
from a file or another program is taken. The C locale (no locale chosen, as in the tests) shows ISO
dates and ungrouped figures, as the files do.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale

ISO_FORMAT = "yyyy-MM-dd"
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_GROUPED = re.compile(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?")
"""A figure with its thousands grouped by commas, as the stage header prints it ("4,200", "12,500.5")."""
_SHORT_YEAR = re.compile(r"(?<!y)yy(?!y)")
EXAMPLE_DAY = date(2026, 10, 12)
"""The day messages show as an example of how to type one."""


def _neutral(locale: QLocale) -> bool:
    return locale.language() == QLocale.Language.C


def day_format(locale: QLocale | None = None) -> str:
    """The locale's short date format with a four-digit year ("dd.MM.yyyy", "M/d/yyyy"): a two-digit year
    is ambiguous when typed (Qt reads "26" as 1926). ISO for the C locale."""
    locale = QLocale() if locale is None else locale
    if _neutral(locale):
        return ISO_FORMAT
    return _SHORT_YEAR.sub("yyyy", locale.dateFormat(QLocale.FormatType.ShortFormat))


def day_text(day: date | None) -> str:
    """A day as the locale writes it ("" for none)."""
    if day is None:
        return ""
    locale = QLocale()
    return locale.toString(QDate(day.year, day.month, day.day), day_format(locale))


def parse_day(text: str) -> date | None:
    """A day typed as the locale writes it (with a two- or four-digit year, the day and month with or
    without their leading zero), or as ISO (2026-10-12); None for anything else (2026-02-30)."""
    text = text.strip()
    if _ISO_DAY.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    locale = QLocale()
    if not text or _neutral(locale):
        return None
    loose = re.sub(r"(?<!M)MM(?!M)", "M", re.sub(r"(?<!d)dd(?!d)", "d", day_format(locale)))
    for form, base in ((loose, 1900), (_SHORT_YEAR.sub("yy", loose.replace("yyyy", "yy")), 2000)):
        found = locale.toDate(text, form, base)
        if found.isValid():
            return found.toPython()
    return None


def number_text(value: float | None) -> str:
    """A figure as the locale writes it ("1.234,5"); whole numbers without decimals."""
    if value is None:
        return ""
    locale = QLocale()
    if isinstance(value, int) and not isinstance(value, bool):
        return locale.toString(value)
    return locale.toString(float(value), "g", 15)


def count_text(count: int) -> str:
    """A count as the locale writes it ("1.234"; C: "1,234", as the panels wrote counts before)."""
    locale = QLocale()
    return f"{count:,}" if _neutral(locale) else locale.toString(count)


def parse_number(text: str) -> Any:
    """A number typed by a person: as the locale writes it first ("12,5" in German), else the neutral way
    ("2.5", and "2,5" or "1 200" as people write them; "1,000" or "12,500.5" as the header writes them:
    a comma before groups of three digits groups thousands). A whole number stays whole (4 200, not
    4200.0). Anything else is passed on as typed, to be refused."""
    stripped = text.strip()
    if not stripped:
        return None
    locale = QLocale()
    if not _neutral(locale):
        for candidate in (stripped, stripped.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")):
            number, ok = locale.toDouble(candidate)
            if ok and math.isfinite(number):
                whole = locale.decimalPoint() not in candidate and "e" not in candidate.lower()
                return int(number) if number.is_integer() and whole else number
    return _neutral_number(text)


def _neutral_number(text: str) -> Any:
    cleaned = text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if not cleaned:
        return None
    if _GROUPED.fullmatch(cleaned):
        cleaned = cleaned.replace(",", "")
    elif cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in cleaned and "e" not in cleaned.lower() else number


__all__ = ["EXAMPLE_DAY", "count_text", "day_format", "day_text", "number_text", "parse_day", "parse_number"]
