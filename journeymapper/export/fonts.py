"""Fonts for print: the bundled DejaVu Sans first, installed fonts for what it lacks.

ReportLab has no font fallback of its own, so text is split into runs by which
font has each character. Fallback fonts are looked for only when a map uses a
character DejaVu lacks (Japanese, Chinese, Korean, Arabic...), among the
TrueType fonts installed on the machine; a character no installed font has is
reported (never drawn as an empty box without a word).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont, TTFontFile

from ..layout.text import BOLD, REGULAR, font_path

_FONT_DIRS_LINUX = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
_FONT_DIRS_MAC = ("/System/Library/Fonts", "/Library/Fonts", "~/Library/Fonts")
_FONT_DIRS_WINDOWS = ("%WINDIR%/Fonts", "%LOCALAPPDATA%/Microsoft/Windows/Fonts")
# Prefer broad, well-hinted fonts when several have a character.
_PREFERRED = ("droidsansfallback", "notosanscjk", "notosans", "ipagothic", "ipaexgothic", "wqy", "unifont")
_INVISIBLE = {"\n", "\r", "\t", " ", "\u200b", "\u200c", "\u200d", "\ufe0f"}


def font_dirs() -> list[Path]:
    if sys.platform == "darwin":
        names = _FONT_DIRS_MAC
    elif sys.platform.startswith("win"):
        names = _FONT_DIRS_WINDOWS
    else:
        names = _FONT_DIRS_LINUX
    extra = os.environ.get("JOURNEYMAPPER_FONT_DIRS", "")
    dirs = [Path(os.path.expandvars(os.path.expanduser(d))) for d in (*extra.split(os.pathsep), *names) if d]
    return [d for d in dirs if d.is_dir()]


def register_bundled() -> None:
    for name in (REGULAR, BOLD):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(font_path(name))))
    # Embedded as a subset, with a Unicode map, so the text stays selectable and searchable.


@dataclass
class _Candidate:
    path: Path
    index: int
    name: str
    chars: frozenset[int] = field(default_factory=frozenset)


@lru_cache(maxsize=1)
def _installed() -> tuple[_Candidate, ...]:
    """Every TrueType font installed (TrueType outlines only: ReportLab cannot embed CFF/OTF)."""
    found: list[_Candidate] = []
    seen: set[str] = set()
    for folder in font_dirs():
        for path in sorted(folder.rglob("*")):
            suffix = path.suffix.lower()
            if suffix not in (".ttf", ".ttc") or path.name in seen:
                continue
            seen.add(path.name)
            for index in range(4 if suffix == ".ttc" else 1):
                try:
                    face = TTFontFile(str(path), subfontIndex=index, validate=0)
                except (TTFError, OSError, ValueError, KeyError, IndexError, AssertionError):
                    break
                except Exception:  # a damaged font file must not stop the export
                    break
                found.append(_Candidate(path, index, f"JM-{path.stem}-{index}", frozenset(face.charToGlyph)))
    def preference(candidate: _Candidate) -> int:
        stem = candidate.path.stem.lower().replace("-", "")
        return next((i for i, p in enumerate(_PREFERRED) if p in stem), len(_PREFERRED))

    return tuple(sorted(found, key=preference))


class FontChooser:
    """Splits text into (font, run) pieces, registering fallback fonts as they are needed."""

    def __init__(self) -> None:
        register_bundled()
        self._base = {REGULAR: _chars_of(REGULAR), BOLD: _chars_of(BOLD)}
        self._fallback_for: dict[int, str | None] = {}
        self.missing: set[str] = set()
        self.used_fallbacks: set[str] = set()

    def _fallback(self, code: int) -> str | None:
        if code not in self._fallback_for:
            choice = None
            for candidate in _installed():
                if code in candidate.chars:
                    if candidate.name not in pdfmetrics.getRegisteredFontNames():
                        try:
                            pdfmetrics.registerFont(TTFont(candidate.name, str(candidate.path),
                                                           subfontIndex=candidate.index))
                        except Exception:  # cannot be embedded (e.g. a restricted licence): try the next
                            continue
                    choice = candidate.name
                    break
            self._fallback_for[code] = choice
        return self._fallback_for[code]

    def base(self, bold: bool = False) -> str:
        """The bundled font, regular or bold: the one text is in unless it lacks a character."""
        return BOLD if bold else REGULAR

    def runs(self, text: str, bold: bool = False) -> list[tuple[str, str]]:
        base = self.base(bold)
        chars = self._base[base]
        if chars.issuperset(map(ord, text)):  # the usual case, checked at C speed: one run
            return [(base, text)] if text else []
        pieces: list[tuple[str, str]] = []
        for char in text:
            code = ord(char)
            font = base
            if code not in chars and char not in _INVISIBLE:
                font = self._fallback(code) or base
                if font == base:
                    self.missing.add(char)
                else:
                    self.used_fallbacks.add(font)
            if pieces and pieces[-1][0] == font:
                pieces[-1] = (font, pieces[-1][1] + char)
            else:
                pieces.append((font, char))
        return pieces

    def width(self, text: str, size: float, bold: bool = False) -> float:
        return sum(pdfmetrics.stringWidth(run, font, size) for font, run in self.runs(text, bold))


@lru_cache(maxsize=4)
def _chars_of(name: str) -> frozenset[int]:
    register_bundled()
    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)
