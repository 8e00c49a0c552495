"""From a file's bytes to JSON, saying in plain words what went wrong: another text encoding, a
picture or an Office document renamed, a cut-off or hand-damaged file (the reader's first steps)."""

from __future__ import annotations

import json
import re
from typing import Any

from ..i18n import N_, _
from ..model.types import show_value
from .errors import LoadError, LoadProblem

# What is wrong, in words for the person who opened the file (the detail follows each; it names places
# in the file and stays in English, as the file's keys do). Marked here, translated where said.
CUT_OFF = N_("This file is cut off: it ends in the middle. If someone sent it to you, ask them to send it "
             "again.")
EMPTY = N_("This file is empty: there is nothing in it. If someone sent it to you, ask them to send it "
           "again.")
DAMAGED = N_("This file is damaged: part of it is not written the way journey map files are (perhaps it was "
             "changed by hand or by another program). An earlier copy may still be good.")
EXTRA_AFTER_END = N_("This file is damaged: there is more after the end of the map (perhaps two files were "
                     "joined, or it was changed by hand). An earlier copy may still be good.")
OTHER_ENCODING = N_("{what}, but journey map files are UTF-8 text: perhaps another program saved it. Ask for "
                    "the original file, or save it again as UTF-8.")
NOT_A_MAP = N_("This file is not a journey map: it holds {what} (perhaps it was renamed). Open the journey "
               "map file you meant instead.")
OTHER_PROGRAM = N_("This file is not a journey map: it holds data from another program.")

# The first bytes of files people most often open by mistake, and what they are.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", N_("a PNG picture")),
    (b"\xff\xd8\xff", N_("a JPEG picture")),
    (b"GIF87a", N_("a GIF picture")),
    (b"GIF89a", N_("a GIF picture")),
    (b"%PDF-", N_("a PDF document")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", N_("an older Microsoft Office document")),
    (b"{\\rtf", N_("a Rich Text (RTF) document")),
    (b"\x1f\x8b", N_("a compressed (gzip) file")),
    (b"7z\xbc\xaf\x27\x1c", N_("a compressed (7-Zip) file")),
)
_ZIPPED = (  # a ZIP archive is also what Office and OpenDocument files are inside
    (b"word/", N_("a Word document")),
    (b"xl/", N_("an Excel workbook")),
    (b"ppt/", N_("a PowerPoint presentation")),
    (b"application/vnd.oasis.opendocument.text", N_("an OpenDocument text document")),
    (b"application/vnd.oasis.opendocument.spreadsheet", N_("an OpenDocument spreadsheet")),
)
_SNIFF_BYTES = 1024


def decode_text(data: bytes, source: str | None) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError([LoadProblem(_(OTHER_ENCODING).format(what=_("This file is saved as UTF-16 text")),
                                     "starts with a UTF-16 byte-order mark")],
                        source)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip(b" \t\r\n\x00"):  # (a file of zero bytes only: a save that never finished)
        raise LoadError([_(EMPTY)], source)
    head = data.rstrip(b"\x00")[:4].ljust(4, b" ")  # (zeros after the end: a save that stopped part way)
    if (head[1] == 0 and head[3] == 0) or (head[0] == 0 and head[2] == 0):
        raise LoadError([_(OTHER_ENCODING).format(
            what=_("This file looks like UTF-16 or UTF-32 text"))], source)
    kind = _kind_of(data)
    if kind is not None:
        raise LoadError([_(NOT_A_MAP).format(what=_(kind))], source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if _ends_in_a_character(data, exc.start):
            raise LoadError([LoadProblem(_(CUT_OFF), f"the file ends inside a character at line {line}")],
                            source) from None
        raise LoadError([LoadProblem(
            _(OTHER_ENCODING).format(what=_("This file holds characters in another text encoding")),
            f"byte 0x{data[exc.start]:02x} at line {line}, offset {exc.start}, is not UTF-8 text",
        )], source) from None


def _ends_in_a_character(data: bytes, start: int) -> bool:
    """Whether the bytes from `start` are the first of a character whose last bytes are cut off."""
    tail = data.rstrip(b"\x00")[start:]
    if not 0 < len(tail) < 4:
        return False
    try:
        tail.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason == "unexpected end of data"
    return False


def _kind_of(data: bytes) -> str | None:
    """What a file that is not text is, when its first bytes say (a picture, a Word document...), in
    English (marked: translate it where it is said)."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if data.startswith(b"PK\x03\x04"):
        return next((kind for marker, kind in _ZIPPED if marker in data), N_("a ZIP archive"))
    # No text a journey map is made of holds a zero byte (zeros after the end are a cut-off save).
    if b"\x00" in data.rstrip(b"\x00")[:_SNIFF_BYTES]:
        return N_("binary data, not text")
    return None


class _Constant(ValueError):
    pass


def _reject_constant(name: str) -> Any:
    raise _Constant(name)


class _RepeatedKey(ValueError):
    pass


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object that refuses a key given twice: which of the two would count is a guess."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _RepeatedKey(key)
            seen.add(key)
    return result


def parse_json(text: str, source: str | None) -> Any:
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        raise LoadError([_syntax_problem(text, exc)], source) from None
    except RecursionError:
        raise LoadError([LoadProblem(_("This file is not a journey map: its data is nested far too deeply."),
                                     "the JSON is nested too deeply")], source) from None
    except _RepeatedKey as exc:
        key = show_value(exc.args[0])
        raise LoadError([LoadProblem(
            _("This file is damaged: {key} is given twice in one place, and journeymapper cannot tell which "
              "one "
              "counts.").format(key=key), f"the key {key} appears twice in one object")], source) from None
    except _Constant as exc:
        name = exc.args[0]
        raise LoadError([LoadProblem(_("This file is damaged: a number in it is {name}, and {name} is not a "
                                       "number a journey map can "
                                       "hold.").format(name=name))], source) from None
    except ValueError:  # an integer with thousands of digits
        raise LoadError([LoadProblem(_("This file is damaged: a number in it has too many digits."),
                                     "a number has too many digits")], source) from None


_UNFINISHED_NUMBER = re.compile(r"[-+.eE0-9]+")


def _syntax_problem(text: str, exc: json.JSONDecodeError) -> LoadProblem:
    """Why text is not JSON, in plain words: cut off, not a journey map at all, or damaged."""
    what = exc.msg.removesuffix(" at")  # ("Unterminated string starting at" + " at line ...")
    detail = f"not valid JSON: {what} at line {exc.lineno}, column {exc.colno}"
    end = len(text.rstrip(" \t\r\n\x00"))  # (zeros after the end: a save that stopped part way)
    rest = text[exc.pos:end]
    cut = (
        exc.pos >= end
        or what.startswith("Unterminated string")
        or any(word.startswith(rest) for word in ("true", "false", "null"))
        or _UNFINISHED_NUMBER.fullmatch(rest) is not None
        or (what.startswith("Invalid \\") and len(rest) < 6)  # (an escape such as \u00e9, cut)
    )
    if cut:
        return LoadProblem(_(CUT_OFF), detail)
    if exc.pos <= len(text) - len(text.lstrip(" \t\r\n")):  # the very first thing is not JSON
        kind = _("a web page or an XML file") if text.lstrip().startswith("<") else _("ordinary text")
        return LoadProblem(_(NOT_A_MAP).format(what=kind), detail)
    return LoadProblem(_(EXTRA_AFTER_END) if what.startswith("Extra data") else _(DAMAGED), detail)
