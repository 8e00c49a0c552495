"""Cell values of a journey map spreadsheet: the words the export writes for the format's values,
and what the import understands of a cell a person typed (docs/spreadsheets.md lists the words).

A value the import does not understand raises `ValueProblem`, whose message says what it was and
what would be understood; the importer reports it against the row and leaves that value out.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime

from ..i18n import _
from ..model.types import ACTION_STATUSES, CHANNELS, EMOTION_MAX, EMOTION_MIN


class ValueProblem(ValueError):
    """A cell whose value cannot be used (the message names it)."""


def word_key(text: str) -> str:
    """A word as compared: lower case, "-", "_" and "/" as spaces, spaces collapsed."""
    return " ".join(re.sub(r"[-_/]+", " ", text.casefold()).split())


CHANNEL_WORDS: dict[str, str] = {
    "website": "Website", "mobile_app": "Mobile app", "social_media": "Social media", "email": "E-mail",
    "phone": "Phone", "chat": "Chat", "in_store": "In store", "advertising": "Advertising", "search": "Search",
    "review_site": "Review site", "word_of_mouth": "Word of mouth", "event": "Event", "mail": "Mail",
    "support": "Support", "other": "Other",
}
"""What the export writes for each channel."""
_CHANNEL_SYNONYMS: dict[str, tuple[str, ...]] = {
    "website": ("web", "web site", "site", "online", "homepage", "home page", "internet", "web shop", "webshop",
                "online shop", "landing page"),
    "mobile_app": ("app", "mobile", "smartphone app", "phone app"),
    "social_media": ("social", "instagram", "facebook", "tiktok", "linkedin", "twitter", "x", "pinterest",
                     "youtube", "social network"),
    "email": ("e mail", "newsletter", "emails", "mailing"),
    "phone": ("phone call", "call", "telephone", "hotline", "calls", "call centre", "call center", "tel"),
    "chat": ("live chat", "chatbot", "whatsapp", "messenger", "sms", "text message", "messaging"),
    "in_store": ("store", "shop", "in shop", "in person", "on site", "branch", "counter", "face to face",
                 "physical store", "in the shop", "visit"),
    "advertising": ("ad", "ads", "advert", "advertisement", "flyer", "poster", "billboard", "marketing"),
    "search": ("search engine", "google", "seo", "web search"),
    "review_site": ("reviews", "review", "review sites", "ratings", "google reviews", "yelp", "trustpilot"),
    "word_of_mouth": ("referral", "recommendation", "friends", "friend", "family", "wom"),
    "event": ("events", "fair", "trade fair", "trade show", "workshop", "market"),
    "mail": ("post", "letter", "postal mail", "snail mail", "direct mail", "catalogue", "catalog"),
    "support": ("customer service", "customer support", "help desk", "helpdesk", "service desk", "service"),
    "other": ("misc", "miscellaneous"),
}
_CHANNELS: dict[str, str] = {}
for _name in CHANNELS:
    for _word in (_name, CHANNEL_WORDS[_name], *_CHANNEL_SYNONYMS[_name]):
        _CHANNELS.setdefault(word_key(_word), _name)
        _CHANNELS.setdefault(word_key(_word).replace(" ", ""), _name)  # "MobileApp", "e-mail" as "email"

EMOTION_WORDS: dict[int, tuple[str, ...]] = {
    -2: ("very negative", "very bad", "very unhappy", "very dissatisfied", "angry", "furious", "terrible",
         "awful", "hate", "hates it", "frustrated", "😠", "😡", "😞"),
    -1: ("negative", "bad", "unhappy", "dissatisfied", "sad", "annoyed", "worried", "disappointed", "confused",
         "anxious", "uneasy", "🙁", "☹", "☹️", "😕"),
    0: ("neutral", "ok", "okay", "fine", "meh", "indifferent", "mixed", "so so", "😐"),
    1: ("positive", "good", "happy", "pleased", "satisfied", "content", "relieved", "glad", "🙂", "😊"),
    2: ("very positive", "very good", "very happy", "very satisfied", "delighted", "excited", "thrilled",
        "great", "love", "loves it", "amazing", "excellent", "😀", "😃", "😄", "😍"),
}
"""Words for an emotion (the first of each is the format's own), compared as `word_key` gives them."""
_EMOTIONS = {word_key(word): value for value, words in EMOTION_WORDS.items() for word in words}

LEVEL_WORDS = {"low": ("low", "minor", "small", "l"), "medium": ("medium", "mid", "moderate", "normal", "m"),
               "high": ("high", "major", "big", "critical", "severe", "h", "large")}
STATUS_WORDS = {"idea": ("Idea", "open", "new", "proposed", "backlog"),
                "planned": ("Planned", "to do", "todo", "scheduled", "next"),
                "in_progress": ("In progress", "doing", "started", "ongoing", "in work", "wip", "active"),
                "done": ("Done", "finished", "complete", "completed", "closed"),
                "dropped": ("Dropped", "cancelled", "canceled", "rejected", "won't do", "wont do", "abandoned")}
EVIDENCE_WORDS = {"assumed": ("Assumed", "assumption", "guess", "hypothesis"),
                  "anecdotal": ("Anecdotal", "some", "a few customers", "anecdote", "observed"),
                  "validated": ("Validated", "research", "proven", "confirmed", "tested", "data")}
FLOW_KIND_WORDS = {"next": ("Next", "normal", "main", "then", "usual"),
                   "alternative": ("Alternative", "optional", "branch", "alt", "or"),
                   "loop": ("Loop back", "loop", "repeat", "return", "back")}
DIRECTION_WORDS = {"higher": ("higher", "higher is better", "up", "more", "increase", "max"),
                   "lower": ("lower", "lower is better", "down", "less", "decrease", "min"),
                   "target": ("on target", "target", "closest to target", "exact", "equal")}
STATE_WORDS = {"current": ("current", "today", "current state", "as is"),
               "future": ("future", "planned", "future state", "to be")}
assert set(STATUS_WORDS) == set(ACTION_STATUSES)


def _lookup(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {word_key(word): value for value, words in table.items() for word in (value, *words)}


_TABLES = {id(t): _lookup(t) for t in (LEVEL_WORDS, STATUS_WORDS, EVIDENCE_WORDS, FLOW_KIND_WORDS,
                                        DIRECTION_WORDS, STATE_WORDS)}


def first_word(table: dict[str, tuple[str, ...]], value: str) -> str:
    """What the export writes for `value` of a table (its first word)."""
    return table[value][0]


def parse_word(table: dict[str, tuple[str, ...]], value: object, what: str) -> str:
    """A value of one of the word tables above, from any of its words (case and spacing aside). `what`
    names the value in the user's words ("severity")."""
    shown = cell_text(value)
    found = _TABLES[id(table)].get(word_key(shown))
    if found is None:
        known = ", ".join(first_word(table, v) for v in table)
        # TRANSLATORS: {what} names a value of a spreadsheet's row ("severity"), {choices} the words it may be
        raise ValueProblem(_("{what} “{value}” is not one of: {choices}").format(
            what=what, value=shown, choices=known))
    return found


def parse_channel(value: object) -> str:
    shown = cell_text(value)
    key = word_key(shown)
    found = _CHANNELS.get(key) or _CHANNELS.get(key.replace(" ", ""))
    if found is None:
        raise ValueProblem(_("channel “{value}” is not one journeymapper knows (it knows {channels})").format(
            value=shown, channels=", ".join(CHANNEL_WORDS.values())))
    return found


def cell_text(value: object) -> str:
    """A cell as text: numbers as a person reads them (2024, not 2024.0), dates as 2027-03-31."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def parse_number(value: object, what: str | None = None) -> int | float:
    """A number from a number cell or from text ("2.5", "2,5", "−1", "12 %"); whole numbers written
    without a decimal point are ints, "2.0" stays a fraction. `what` names it in the user's words."""
    what = what or _("number")
    not_a_number = _("{what} “{value}” is not a number")
    if isinstance(value, bool):
        raise ValueProblem(not_a_number.format(what=what, value=cell_text(value)))
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueProblem(_("{what} is not a finite number").format(what=what))
        return value
    shown = cell_text(value)
    text = shown.strip().replace("\u2212", "-").replace("\u00a0", "").replace(" ", "").rstrip("%")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")  # a decimal comma (German, French... spreadsheets)
    if not _NUMBER.fullmatch(text):
        raise ValueProblem(not_a_number.format(what=what, value=shown))
    number = float(text)
    if not math.isfinite(number):
        raise ValueProblem(_("{what} “{value}” is not a finite number").format(what=what, value=shown))
    return int(text) if re.fullmatch(r"[+-]?\d+", text) else number


EMOTION_SCALES = ("-2..2", "1..5")


def emotion_scale(values: list[object]) -> str:
    """Which scale a column of emotions uses: 1..5 when no number is below 1 and some is above 2;
    -2..2 otherwise (the format's own). Numbers outside both (a typo, 7) do not count."""
    numbers = []
    for value in values:
        try:
            number = parse_number(value)
        except ValueProblem:
            continue
        if EMOTION_MIN <= number <= 5:
            numbers.append(number)
    if numbers and min(numbers) >= 1 and max(numbers) > 2:
        return "1..5"
    return "-2..2"


def parse_emotion(value: object, scale: str = "-2..2") -> tuple[int, str]:
    """(emotion -2..2, a note if the cell needed rounding: "" otherwise) from a number on the column's
    scale or a word such as "happy" or "very negative"."""
    shown = cell_text(value).strip()
    word = _EMOTIONS.get(word_key(shown))
    if word is not None:
        return word, ""
    try:
        number = parse_number(value, _("emotion"))
    except ValueProblem:
        raise ValueProblem(_("emotion “{value}” is neither a number nor a word such as very negative, "
                             "negative, neutral, positive, very positive").format(value=shown)) from None
    low, high = (1, 5) if scale == "1..5" else (EMOTION_MIN, EMOTION_MAX)
    if not low <= number <= high:
        raise ValueProblem(_("emotion “{value}” is outside {low} to {high}").format(
            value=shown, low=low, high=high))
    emotion = math.floor(number - (3 if scale == "1..5" else 0) + 0.5)
    note = "" if number == int(number) else _("emotion {value} rounded to {emotion}").format(value=shown,
                                                                                          emotion=emotion)
    return max(EMOTION_MIN, min(EMOTION_MAX, emotion)), note


_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?")
_DOTTED_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def parse_date(value: object, what: str | None = None) -> date:
    """A day from a date cell, or text written 2027-03-31 or 31.03.2027 (slashes are refused: 03/04
    is March or April depending on who typed it)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    shown = cell_text(value).strip()
    iso, dotted = _ISO_DAY.fullmatch(shown), _DOTTED_DAY.fullmatch(shown)
    try:
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        if dotted:
            return date(int(dotted.group(3)), int(dotted.group(2)), int(dotted.group(1)))
    except ValueError:
        pass
    raise ValueProblem(_("{what} “{value}” is not a date like 2027-03-31").format(
        what=what or _("date"), value=shown))


def split_items(value: object) -> list[str]:
    """The items of a list cell: one per line or, when the cell is one line, separated by ";"."""
    text = cell_text(value)
    lines = text.splitlines()
    parts = lines if len(lines) > 1 or (lines and lines[0] != text) else text.split(";")
    return [part.strip() for part in parts if part.strip()]


def join_items(items: list[str]) -> str:
    """A list cell that `split_items` reads back as these items: one per line (an item with a ";"
    alone on its cell gets a line end, so it is not split)."""
    text = "\n".join(items)
    return text + "\n" if len(items) == 1 and ";" in text else text


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes Excel or LibreOffice read a CSV cell (or a cell typed again) as a formula."""


def csv_safe(text: str) -> str:
    """A text for a CSV cell that no spreadsheet runs as a formula: one starting like a formula (or
    with the apostrophe this adds) gets a leading apostrophe, which `from_csv_safe` takes off again."""
    return "'" + text if text.startswith(FORMULA_STARTS) or (text.startswith("'") and _escaped(text)) else text


def _escaped(text: str) -> bool:
    return len(text) > 1 and text[0] == "'" and (text[1:].startswith(FORMULA_STARTS) or text[1] == "'")


def from_csv_safe(text: str) -> str:
    return text[1:] if _escaped(text) else text
