"""Words a person reads for the format's enumerations (channel names, emotions, evidence...)."""

from __future__ import annotations

CHANNEL_LABELS: dict[str, str] = {
    "website": "Website",
    "mobile_app": "Mobile app",
    "social_media": "Social media",
    "email": "E-mail",
    "phone": "Phone",
    "chat": "Chat",
    "in_store": "In store",
    "advertising": "Advertising",
    "search": "Search",
    "review_site": "Review site",
    "word_of_mouth": "Word of mouth",
    "event": "Event",
    "mail": "Mail",
    "support": "Support",
    "other": "Other",
}

EMOTION_LABELS: dict[int, str] = {
    -2: "Very negative",
    -1: "Negative",
    0: "Neutral",
    1: "Positive",
    2: "Very positive",
}

EVIDENCE_LABELS: dict[str, str] = {
    "assumed": "Assumed",
    "anecdotal": "Anecdotal",
    "validated": "Validated",
}

FLOW_KIND_LABELS: dict[str, str] = {
    "next": "Next",
    "alternative": "Alternative",
    "loop": "Loop back",
}

ROW_LABELS: dict[str, str] = {
    "cards": "Touchpoints",
    "emotion": "Emotion",
    "pains": "Pain points",
    "opportunities": "Opportunities",
}


def stage_letter(index: int) -> str:
    """A, B, ..., Z, AA, AB, ... (as spreadsheet columns: a map has at most 100 stages)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
