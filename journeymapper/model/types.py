"""Constrained value types shared by the map's models.

Each type carries its own rule and its own user-facing message, so that a
loader error reads "must be a colour like #2E86AB" rather than a regex.
JSON types are strict: "2" is not the number 2, and true is not 1.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timezone
from typing import Annotated, Any, Literal, Optional

from pydantic import AfterValidator, Field, PlainSerializer, PlainValidator, StringConstraints

from ..i18n import _

ID_PATTERN = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
_COLOR_PATTERN = re.compile(r"#[0-9A-Fa-f]{6}")
# Lone surrogates cannot be written back as UTF-8; C0 controls (bar tab and
# line ends) break printing and terminals. Neither belongs in a journey map.
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")

CHANNELS: tuple[str, ...] = (
    "website",
    "mobile_app",
    "social_media",
    "email",
    "phone",
    "chat",
    "in_store",
    "advertising",
    "search",
    "review_site",
    "word_of_mouth",
    "event",
    "mail",
    "support",
    "other",
)
LEVELS: tuple[str, ...] = ("low", "medium", "high")
EVIDENCE_LEVELS: tuple[str, ...] = ("assumed", "anecdotal", "validated")
FLOW_KINDS: tuple[str, ...] = ("next", "alternative", "loop")
ACTION_STATUSES: tuple[str, ...] = ("idea", "planned", "in_progress", "done", "dropped")
KPI_DIRECTIONS: tuple[str, ...] = ("higher", "lower", "target")
MAP_STATES: tuple[str, ...] = ("current", "future")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}")
EMOTION_MIN, EMOTION_MAX = -2, 2

Channel = Literal[
    "website",
    "mobile_app",
    "social_media",
    "email",
    "phone",
    "chat",
    "in_store",
    "advertising",
    "search",
    "review_site",
    "word_of_mouth",
    "event",
    "mail",
    "support",
    "other",
]
Level = Literal["low", "medium", "high"]
ActionStatus = Literal["idea", "planned", "in_progress", "done", "dropped"]
KpiDirection = Literal["higher", "lower", "target"]
MapState = Literal["current", "future"]
Evidence = Literal["assumed", "anecdotal", "validated"]
FlowKind = Literal["next", "alternative", "loop"]


def _clean_text(value: str) -> str:
    bad = _BAD_CHARS.search(value)
    if bad:
        raise ValueError(_("contains a character that is not allowed in text ({code})").format(
            code=f"U+{ord(bad.group()):04X}"))
    return value


def text(max_length: int, min_length: int = 0) -> Any:
    """A strict string type of bounded length whose characters can be saved and printed."""
    return Annotated[
        str,
        StringConstraints(strict=True, min_length=min_length, max_length=max_length),
        AfterValidator(_clean_text),
    ]


def _check_id(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(_("must be text"))
    if not ID_PATTERN.fullmatch(value):
        raise ValueError(_("{value} is not a valid id (1-64 letters, digits or _ . : -)").format(
            value=_short(value)))
    return value


def _check_color(value: Any) -> str:
    if not isinstance(value, str) or not _COLOR_PATTERN.fullmatch(value):
        raise ValueError(_("{value} is not a colour like #2E86AB").format(value=_short(value)))
    return value


def _check_number(value: Any) -> Optional[int | float]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(_("{value} is not a number").format(value=_short(value)))
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(_("must be a finite number (not NaN or infinity)"))
    if isinstance(value, int):
        try:
            float(value)
        except OverflowError:
            raise ValueError(_("is too large a number")) from None
    return value


_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})"
)


def _check_timestamp(value: Any) -> datetime:
    not_one = _("{value} is not a timestamp like 2026-11-23T10:00:00Z")
    no_zone = _("{value} has no time zone (add Z for UTC)")
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        match = _RFC3339.fullmatch(value)
        if match is None:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?", value):
                raise ValueError(no_zone.format(value=_short(value)))
            raise ValueError(not_one.format(value=_short(value)))
        # RFC 3339 allows a leap second (:60); Python's datetime does not: keep :59.
        text = value[:17] + "59" + value[19:] if match.group(6) == "60" else value
        try:
            parsed = datetime.fromisoformat(text.replace("z", "Z").replace("t", "T").replace(" ", "T", 1))
        except ValueError:
            raise ValueError(not_one.format(value=_short(value))) from None
    else:
        raise ValueError(not_one.format(value=_short(value)))
    if parsed.tzinfo is None:
        raise ValueError(no_zone.format(value=_short(value)))
    # The file stores whole seconds in UTC; keeping anything finer in memory
    # would make a saved-and-reloaded map differ from the one that was saved.
    try:
        return parsed.astimezone(timezone.utc).replace(microsecond=0)
    except OverflowError:
        raise ValueError(_("{value} is outside the years 1 to 9999 in UTC").format(
            value=_short(value))) from None


parse_timestamp = _check_timestamp
"""An RFC 3339 timestamp as the file keeps it (UTC, whole seconds); ValueError, in words, if it is not one."""


def format_timestamp(value: datetime) -> str:
    value = value.astimezone(timezone.utc)
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
        f"T{value.hour:02d}:{value.minute:02d}:{value.second:02d}Z"
    )


def _check_date(value: Any) -> Optional[date]:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(_("{value} is not a date like 2027-03-31").format(value=_short(value)))


def _check_language(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(_("must be text"))
    if value and (len(value) > 35 or not _LANGUAGE_TAG.fullmatch(value)):
        raise ValueError(_("{value} is not a language tag like en, de or pt-BR").format(value=_short(value)))
    return value


def show_value(value: Any, limit: int = 40) -> str:
    """A value for a one-line message: text in quotes as the spec's messages write it ('s9'),
    JSON words for the rest (null, true), cut short."""
    if value is None:
        shown = "null"
    elif isinstance(value, bool):
        shown = "true" if value else "false"
    elif isinstance(value, str):
        shown = repr(value[: limit + 1])
    elif isinstance(value, float):
        shown = repr(value) if math.isfinite(value) else ("NaN" if value != value else "Infinity")
    elif isinstance(value, int):
        shown = repr(value) if abs(value) < 10**30 else _("a number of over 30 digits")
    elif isinstance(value, list):
        shown = _("a list")
    elif isinstance(value, dict):
        shown = _("an object")
    else:
        shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


_short = show_value


Id = Annotated[str, PlainValidator(_check_id)]
Color = Annotated[str, PlainValidator(_check_color)]
Number = Annotated[Optional[int | float], PlainValidator(_check_number)]


def _check_figure(value: Any) -> int | float:
    if value is None:
        raise ValueError(_("must be a number"))
    return _check_number(value)  # type: ignore[return-value]


Figure = Annotated[int | float, PlainValidator(_check_figure)]
"""A number that must be given (a KPI reading's value)."""
Timestamp = Annotated[
    datetime, PlainValidator(_check_timestamp), PlainSerializer(format_timestamp, return_type=str)
]
ReviewDate = Annotated[
    Optional[date],
    PlainValidator(_check_date),
    PlainSerializer(lambda d: d.isoformat() if d is not None else None),
]
def _check_day(value: Any) -> date:
    day = _check_date(value)
    if day is None:
        raise ValueError(_("must be a date like 2027-03-31"))
    return day


Day = Annotated[date, PlainValidator(_check_day), PlainSerializer(lambda d: d.isoformat(), return_type=str)]
"""A calendar day that must be given ("2027-03-31")."""
Language = Annotated[str, PlainValidator(_check_language)]
"""A BCP 47 language tag ("ja", "en-GB"), or "" when the map's language is not said."""
Emotion = Optional[Annotated[int, Field(strict=True, ge=EMOTION_MIN, le=EMOTION_MAX)]]
