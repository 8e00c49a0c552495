"""What Mermaid's `journey` grammar lets a piece of text hold, and how we write the rest.

Mermaid's journey lexer (`user-journey/parser/journey.jison`) ends a task name at ":", "#", ";"
and a line end; a section name at the same; the title at "#", ";" and a line end; "#" outside a
title starts a comment, and "%%" at the start of a line starts one. A task line that begins with
a keyword (`journey`, `title `, `section `, `accTitle:`, `accDescr:`) is read as that keyword.
Actors are split at ",". Leading and trailing white space is dropped everywhere.

Before parsing, Mermaid turns every `#word;` into an entity, so `#58;` shows as ":" and
`#35;` as "#" (`encodeEntities` in mermaidAPI, the same codes Mermaid documents for
flowchart labels). Task and section boxes break lines at `<br>`. So this module writes:
  ":" -> #58;   "#" -> #35;   ";" -> #59;   "&" -> #38;   "," (in actor names) -> #44;
  ("&" too: Mermaid turns `#59;` into "&#59;", so "&amp;" written as `&amp#59;` would show as "&amp&#59;",
  which a browser reading it as HTML shows as "&;"; `#38;amp#59;` shows "&amp;" read either way)
  "<" before a letter or "/" (so it is not read as a tag such as <br>) -> #60;  every "<" of the
  title (Mermaid cleans the title as HTML when it holds one: "a<b" would show as "a")
  "%%" -> #37;#37;   a line break -> <br> in tasks and sections, #10; in the title and actors
  white space at either end -> its code (#32; for a space), so it is kept
  the first letter of a task that would read as a keyword -> its code ("#84;itle deed")
and reads them back (decimal codes and HTML's named ones, `#quot;`), so a map survives the trip.
A title keeps a ":" that ends it or is followed by a space ("Bakery: cakes"), which Mermaid
shows as it is; only a ":" right before other text is written #58; (Mermaid drops the last ";"
of a line holding `style`, then ":" with text and a "#" after it, as `style:x#35;` would).
"""

from __future__ import annotations

import html.entities
import re

SCORE_OF_EMOTION = {-2: 1, -1: 2, 0: 3, 1: 4, 2: 5}
"""journeymapper's feelings (-2 very negative .. +2 very positive) as Mermaid scores (1 .. 5)."""
EMOTION_OF_SCORE = {score: emotion for emotion, score in SCORE_OF_EMOTION.items()}
NO_FEELING_SCORE = 3
"""The score written for a card without a feeling (Mermaid needs one): the neutral face."""
NO_FEELING_MARK = "no feeling recorded"
"""The comment after such a task (`Browse: 3: Ana  # no feeling recorded`): read back as no feeling."""
PERSONAS_COMMENT = "%% personas:"
"""The comment line that lists a map's personas in lane order (`%% personas: Ana, Ben`)."""

_ALWAYS = {":": "#58;", "#": "#35;", ";": "#59;", "&": "#38;"}
_ACTOR = {**_ALWAYS, ",": "#44;"}
_KEYWORD_START = re.compile(r"(journey(?![A-Za-z0-9_])|title\s|section\s|acctitle\s*:|accdescr\s*[:{])", re.IGNORECASE)
_ENTITY = re.compile(r"#([A-Za-z0-9_]+);")
"""Mermaid's `#\\w+;` (JavaScript's \\w: ASCII letters, digits and _)."""
_LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
"""What a map's text may not hold (as model.types says): such a code is left as typed."""


def _code(char: str) -> str:
    return f"#{ord(char)};"


def escape(text: str, kind: str) -> str:
    """`text` as Mermaid shows it and reads it back whole; `kind` is "title", "section", "task" or "actor"."""
    table = _ACTOR if kind == "actor" else _ALWAYS
    line_break = "<br>" if kind in ("section", "task") else "#10;"
    core = strip_space(text)
    start = text.find(core) if core else len(text)  # (only white space comes before `core`)
    end = start + len(core)

    def kept(edge: str) -> list[str]:  # (white space at an end, which Mermaid would drop)
        return [line_break if c == "\n" else _code(c) for c in edge]

    out = kept(text[:start])
    for index, char in enumerate(core):
        nxt = core[index + 1] if index + 1 < len(core) else ""
        prev = core[index - 1] if index else ""
        if char == ":" and kind == "title" and (_is_space(nxt) and nxt not in "\r\n" or not nxt and end == len(text)):
            out.append(char)  # (only ":" before a letter or a code could make Mermaid read `style:x#35;` as a style)
        elif char in table:
            out.append(table[char])
        elif char == "\n":
            out.append(line_break)
        elif char == "\r":
            out.append("#13;")  # (Mermaid would read it as a line end)
        elif char == "<" and (kind == "title" or nxt.isalpha() or nxt == "/"):
            out.append("#60;")
        elif char == "%" and (nxt == "%" or prev == "%"):
            out.append("#37;")
        else:
            out.append(char)
    out += kept(text[end:])
    written = "".join(out)
    if kind == "task" and (written.startswith("%") or _KEYWORD_START.match(written + ":")):  # (+ ": score")
        written = _code(written[0]) + written[1:]
    return written


_JS_SPACE = frozenset("\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff"
                      + "".join(chr(c) for c in range(0x2000, 0x200B)))
"""JavaScript's \\s: the white space Mermaid's lexer skips (U+FEFF is in it, U+0085 is not)."""


SPACE = "[" + re.escape("".join(sorted(_JS_SPACE))) + "]"
"""A regular expression for one character of JavaScript's \\s (Python's \\s holds more)."""


def _is_space(char: str) -> bool:
    return char in _JS_SPACE


def strip_space(text: str) -> str:
    """`text` without the white space at its ends that Mermaid's lexer skips."""
    start, end = 0, len(text)
    while start < end and _is_space(text[start]):
        start += 1
    while end > start and _is_space(text[end - 1]):
        end -= 1
    return text[start:end]


def split_comment(line: str) -> tuple[str, str]:
    """(the statement, the comment after "#"): a `#word;` code is text, not a comment."""
    position = 0
    while True:
        found = line.find("#", position)
        if found < 0:
            return line, ""
        entity = _ENTITY.match(line, found)
        if entity is None:
            return line[:found], line[found + 1:]
        position = entity.end()


def unescape(text: str) -> str:
    """What `escape` wrote (or a person typed) as the text it stands for, its outer white space dropped."""
    text = _LINE_BREAK_TAG.sub("\n", strip_space(text))
    return _ENTITY.sub(_decode_entity, text)


def _decode_entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name.isdigit():
        number = int(name)
        char = chr(number) if number <= 0x10FFFF else ""
    else:
        char = html.entities.html5.get(name + ";", "")
    if not char or _BAD_CHARS.search(char):
        return match.group(0)  # not a code Mermaid would show as one character: keep it as typed
    return char
