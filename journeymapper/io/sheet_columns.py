"""The sheets and columns of a journey map as a spreadsheet: what the export writes, what the import
recognises (docs/spreadsheets.md lists them).

A column has the header the export writes and the other headers a person typing a sheet by hand
may use ("Phase" for Stage, "Feeling" for Emotion). Headers are compared by `header_key`: case,
spacing, punctuation, text in parentheses and a plural "s" do not matter, so "Pain point(s)",
" PAIN POINTS " and "pain_points" are one header. Columns marked `hidden` hold ids: the export
writes them (hidden in a workbook) so that a map exported and imported again keeps its ids, and the
import uses them only to tell apart elements that have the same name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    """The field it fills (internal)."""
    header: str
    """What the export writes on the header row."""
    synonyms: tuple[str, ...] = ()
    """Other headers meaning the same, as a person may write them."""
    hidden: bool = False
    """An id column: written for the way back, hidden in a workbook, never needed by the import."""
    width: int = 16
    """Column width in a workbook, in characters."""


@dataclass(frozen=True)
class SheetSpec:
    name: str
    """The sheet's name in an exported workbook."""
    names: tuple[str, ...]
    """The names (as `header_key` gives them) by which an imported workbook's sheet is recognised."""
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)


def header_key(text: object) -> str:
    """A header (or sheet name) as it is compared: lower case, words only, without text in
    parentheses and without a plural "s" on the last word ("Pain point(s)" -> "pain point")."""
    words = re.sub(r"\([^)]*\)|\[[^]]*\]", " ", str(text or "")).casefold()
    words = re.sub(r"[^\w#]+|_", " ", words).split()
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


_ID = Column("id", "Id", hidden=True, width=10)
_PERSONA_WORDS = ("segment", "customer", "customer type", "customer segment", "lane", "swimlane", "actor", "who",
                  "audience", "target group", "role")
_STAGE_WORDS = ("phase", "step", "journey stage", "journey phase", "stage name", "column")
_CARD_WORDS = ("title", "card", "moment", "touchpoint title", "interaction", "name", "task", "activity", "what",
               "touch point")
# (the card a pain point, an action or a quote belongs to, on the sheets that list them)
_CARD_REF = Column("card", "Touchpoint", ("card", "title", "touchpoint title", "moment", "touch point"), width=30)
_CARD_REF_ID = Column("card_id", "Touchpoint id", hidden=True, width=10)
_PERSONA_REF = Column("persona", "Persona", _PERSONA_WORDS, width=18)
_STAGE_REF = Column("stage", "Stage", _STAGE_WORDS, width=18)

TOUCHPOINTS = SheetSpec("Touchpoints", ("touchpoint", "journey", "journey map", "card", "touch point", "moment"), (
    Column("persona", "Persona", _PERSONA_WORDS, width=18),
    Column("stage", "Stage", _STAGE_WORDS, width=18),
    Column("title", "Touchpoint", _CARD_WORDS, width=32),
    Column("channel", "Channel", ("touchpoint type", "type", "medium", "media", "via", "how", "channel type"),
           width=14),
    Column("emotion", "Emotion (-2 to 2)", ("emotion", "feeling", "score", "mood", "sentiment", "rating",
                                            "emotional state", "satisfaction", "emotion score", "feeling score"),
           width=10),
    Column("action", "Action", ("customer action", "doing", "what they do", "what the customer does", "does"),
           width=30),
    Column("thoughts", "Thoughts", ("thought", "thinking", "what they think", "thoughts and feelings", "mindset",
                                    "inner voice", "customer thought"), width=30),
    Column("pain_points", "Pain points", ("pain", "pain point", "pains", "problem", "issue", "barrier",
                                          "frustration"), width=32),
    Column("opportunities", "Opportunities", ("opportunity", "opportunit", "idea", "improvement",
                                              "improvement idea"), width=32),
    Column("quotes", "Quotes", ("quote", "customer quote", "verbatim", "what customers say", "voice of customer"),
           width=30),
    Column("owner", "Owner", ("responsible", "owned by", "who owns", "team"), width=14),
    Column("evidence", "Evidence", ("evidence level", "confidence", "backed by"), width=12),
    Column("source", "Source", ("evidence source", "data source", "research"), width=18),
    Column("notes", "Notes", ("note", "comment", "remark"), width=30),
    _ID,
    Column("persona_id", "Persona id", hidden=True, width=10),
    Column("stage_id", "Stage id", hidden=True, width=10),
))

FLOWS = SheetSpec("Flows", ("flow", "arrow", "connection", "link", "path"), (
    Column("source", "From", ("from touchpoint", "from card", "source", "start"), width=32),
    Column("target", "To", ("to touchpoint", "to card", "target", "next", "end"), width=32),
    Column("kind", "Kind", ("type", "flow type", "flow kind"), width=12),
    Column("label", "Label", ("text", "name", "description"), width=24),
    _ID,
    Column("source_id", "From id", hidden=True, width=10),
    Column("target_id", "To id", hidden=True, width=10),
))

STAGES = SheetSpec("Stages", ("stage", "phase", "step"), (
    Column("name", "Stage", ("name", "phase", "step", "stage name"), width=20),
    Column("goal", "Goal", ("stage goal", "objective", "aim"), width=36),
    Column("description", "Description", ("about", "detail", "summary"), width=40),
    _ID,
))

KPIS = SheetSpec("KPIs", ("kpi", "metric", "measure", "figure", "key figure", "kpis and readings", "reading"), (
    _STAGE_REF,
    Column("name", "KPI", ("metric", "measure", "indicator", "kpi name", "key figure"), width=24),
    Column("unit", "Unit", (), width=8),
    Column("direction", "Better when", ("direction", "better", "good when"), width=12),
    Column("target", "Target", ("goal", "target value"), width=10),
    Column("date", "Date", ("measured", "measured on", "reading date", "day", "when"), width=12),
    Column("value", "Value", ("reading", "actual", "measured value", "result", "current value"), width=10),
    Column("note", "Note", ("notes", "comment", "remark"), width=30),
    _ID,
    Column("stage_id", "Stage id", hidden=True, width=10),
))

PERSONAS = SheetSpec("Personas", ("persona", "segment", "customer", "lane"), (
    Column("name", "Persona", ("name", "persona name", "customer"), width=20),
    Column("segment", "Segment", ("customer segment", "group", "customer group"), width=18),
    Column("description", "Description", ("about", "bio", "summary", "profile"), width=36),
    Column("goals", "Goals", ("goal", "wants", "jobs to be done"), width=30),
    Column("needs", "Needs", ("need", "requirement"), width=30),
    Column("frustrations", "Frustrations", ("frustration", "pain", "pain point", "dislike"), width=30),
    Column("color", "Colour", ("color", "lane colour", "lane color"), width=10),
    Column("evidence", "Evidence", ("evidence level", "confidence", "backed by"), width=12),
    Column("source", "Source", ("evidence source", "data source", "research"), width=18),
    _ID,
))

PAIN_POINTS = SheetSpec("Pain points", ("pain point", "pain", "problem", "issue"), (
    _PERSONA_REF, _STAGE_REF, _CARD_REF,
    Column("text", "Pain point", ("pain", "problem", "issue", "text", "description"), width=40),
    Column("severity", "Severity", ("impact", "level", "how bad"), width=10),
    _ID, _CARD_REF_ID,
))

ACTIONS = SheetSpec("Actions", ("action", "opportunity", "opportunit", "improvement", "idea", "action plan",
                                "plan", "todo", "to do"), (
    _PERSONA_REF, _STAGE_REF, _CARD_REF,
    Column("text", "Opportunity", ("opportunit", "action", "idea", "improvement", "what to do", "text", "task"),
           width=40),
    Column("priority", "Priority", ("importance",), width=10),
    Column("status", "Status", ("state", "progress"), width=12),
    Column("owner", "Owner", ("who", "responsible", "assigned to", "assignee", "by whom"), width=14),
    Column("due", "Due", ("due date", "deadline", "by when", "date", "due by"), width=12),
    Column("effort", "Effort", ("work", "size", "cost"), width=10),
    Column("addresses", "Answers pain points", ("answers", "addresses", "fixes", "pain points", "solves"), width=36),
    _ID, _CARD_REF_ID,
    Column("address_ids", "Pain point ids", hidden=True, width=10),
))

QUOTES = SheetSpec("Quotes", ("quote", "verbatim", "voice of customer", "customer quote"), (
    _PERSONA_REF, _STAGE_REF, _CARD_REF,
    Column("text", "Quote", ("text", "word", "what they said", "verbatim", "said"), width=44),
    Column("who", "Who", ("said by", "name", "customer"), width=18),
    Column("date", "Date", ("when", "day", "said on"), width=12),
    Column("source", "Source", ("where", "heard in", "from"), width=18),
    _ID, _CARD_REF_ID,
    Column("persona_id", "Persona id", hidden=True, width=10),
))

MAP_SHEET = SheetSpec("Map", ("map", "about", "about this map", "journey map info", "info"), (
    Column("field", "About this map", ("field", "what", "property", "key"), width=22),
    Column("value", "Value", (), width=60),
))
"""One row per field of the map itself (title, description...), not a table of elements."""
MAP_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "map title", "name", "journey"),
    "description": ("description", "about", "summary"),
    "owner": ("owner", "kept by", "map owner"),
    "language": ("language", "lang"),
    "state": ("state", "journey state", "current or future"),
    "review_by": ("review by", "next review", "review date"),
    "based_on": ("based on", "based on map"),
    "based_on_id": ("based on id",),
    "based_on_modified": ("based on saved", "based on modified"),
}
"""The rows of the Map sheet: field -> the first-column words that name it (the first is the export's)."""
MAP_FIELD_LABELS = {"title": "Title", "description": "Description", "owner": "Owner", "language": "Language",
                    "state": "State (current or future)", "review_by": "Review by", "based_on": "Based on",
                    "based_on_id": "Based on id", "based_on_modified": "Based on saved"}

WORKBOOK = (TOUCHPOINTS, FLOWS, STAGES, KPIS, PERSONAS, PAIN_POINTS, ACTIONS, QUOTES, MAP_SHEET)
"""The sheets of an exported workbook, in order."""

CSV_COLUMNS = tuple(column for column in TOUCHPOINTS.columns if column.key not in ("persona_id", "stage_id"))
"""A CSV file holds the touchpoints, one row each: these columns (the Id last)."""

TITLE_FALLBACK = "action"
"""A sheet with no title column but an Action column: its actions are the cards' titles."""


def _spec_keys(spec: SheetSpec) -> tuple[tuple[str, frozenset[str], frozenset[str]], ...]:
    """Each column's field with its own header keys and its synonyms' keys (computed once per spec)."""
    cached = _SPEC_KEYS.get(spec.name)
    if cached is None or cached[0] is not spec:
        keys = tuple((column.key, frozenset({header_key(column.header), header_key(column.key)}),
                      frozenset(header_key(s) for s in column.synonyms)) for column in spec.columns)
        cached = _SPEC_KEYS[spec.name] = (spec, keys)
    return cached[1]


_SPEC_KEYS: dict[str, tuple[SheetSpec, tuple[tuple[str, frozenset[str], frozenset[str]], ...]]] = {}


def match_columns(spec: SheetSpec, headers: list[object]) -> dict[int, str]:
    """Which column index fills which field: the export's own headers first, then synonyms in the
    order of the spec's columns; each header and each field is used once. (A sheet may have
    thousands of columns: each header's key is computed once, and each field looks its words up.)"""
    indexes: dict[str, list[int]] = {}
    for index, header in enumerate(headers):
        key = header_key(header) if header is not None and header != "" else ""
        if key:
            indexes.setdefault(key, []).append(index)
    chosen: dict[int, str] = {}
    spec_keys = _spec_keys(spec)
    for words_of in (1, 2):  # the export's own headers, then the synonyms
        for field_key, own, synonyms in spec_keys:
            if field_key in chosen.values():
                continue
            words = own if words_of == 1 else synonyms
            free = [i for word in words for i in indexes.get(word, ()) if i not in chosen]
            if free:
                chosen[min(free)] = field_key
    if spec is TOUCHPOINTS and "title" not in chosen.values():  # "Action" alone names the card
        action = next((i for i, k in chosen.items() if k == "action"), None)
        if action is not None:
            chosen[action] = "title"
    return chosen
