"""Words a person reads for the format's enumerations (channel names, emotions, evidence...), in
English: `i18n.words` gives them in another language where they are shown."""

from __future__ import annotations

from ..i18n import N_
from ..i18n.formats import date_text, localize_figure

CHANNEL_LABELS: dict[str, str] = {
    "website": N_("Website"),
    "mobile_app": N_("Mobile app"),
    "social_media": N_("Social media"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "chat": N_("Chat"),
    "in_store": N_("In store"),
    "advertising": N_("Advertising"),
    "search": N_("Search"),
    "review_site": N_("Review site"),
    "word_of_mouth": N_("Word of mouth"),
    "event": N_("Event"),
    "mail": N_("Mail"),
    "support": N_("Support"),
    "other": N_("Other"),
}

EMOTION_LABELS: dict[int, str] = {
    -2: N_("Very negative"),
    -1: N_("Negative"),
    0: N_("Neutral"),
    1: N_("Positive"),
    2: N_("Very positive"),
}

EVIDENCE_LABELS: dict[str, str] = {
    "assumed": N_("Assumed"),
    "anecdotal": N_("Anecdotal"),
    "validated": N_("Validated"),
}

FLOW_KIND_LABELS: dict[str, str] = {
    "next": N_("Next"),
    "alternative": N_("Alternative"),
    "loop": N_("Loop back"),
}

LEVEL_LABELS: dict[str, str] = {
    "low": N_("low"),
    "medium": N_("medium"),
    "high": N_("high"),
}

STATUS_LABELS: dict[str, str] = {
    "idea": N_("Idea"),
    "planned": N_("Planned"),
    "in_progress": N_("In progress"),
    "done": N_("Done"),
    "dropped": N_("Dropped"),
}
"""An opportunity's status, as the plan to act on it."""

EFFORT_LABELS: dict[str | None, str] = {
    "low": N_("Little work"),
    "medium": N_("Some work"),
    "high": N_("A lot of work"),
    None: N_("Not known yet"),
}
"""How much work an opportunity takes (None: not said)."""

PRIORITY_LABELS: dict[str, str] = {
    "high": N_("High priority"),
    "medium": N_("Medium priority"),
    "low": N_("Low priority"),
}

ROW_LABELS: dict[str, str] = {
    "cards": N_("Touchpoints"),
    "emotion": N_("Emotion"),
    "pains": N_("Pain points"),
    "opportunities": N_("Opportunities"),
}


def stage_letter(index: int) -> str:
    """A, B, ..., Z, AA, AB, ... (as spreadsheet columns: a map has at most 100 stages)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def signed(value: float, digits: int = 0) -> str:
    """A feeling as printed: "+1", "\u22121" (a true minus sign), "0" (no sign on zero)."""
    text = f"{value:+.{digits}f}"
    if text.lstrip("+-").strip("0.") == "":
        return localize_figure(text.lstrip("+-"))
    return localize_figure(text.replace("-", "\u2212"))  # ("+0,5" in German)


def said_by(who: str, day: object, source: str) -> str:
    """Who said a customer quote, when and where, as one line ("Regular, 2026-11-02, counter survey");
    the parts not given are left out ("" when none is). Used by the card's tooltip and the print."""
    when = date_text(day) if day is not None else ""  # type: ignore[arg-type]
    return ", ".join(part for part in (" ".join(who.split()), when, " ".join(source.split())) if part)
