"""Fonts for print: the bundled DejaVu Sans first, installed fonts for what it lacks.

ReportLab has no font fallback of its own, so text is split into runs by which
font has each character. Fallback fonts are looked for only when a map uses a
character DejaVu lacks (Japanese, Chinese, Korean, Arabic...), among the
TrueType fonts installed on the machine; a character no installed font has is
reported (never drawn as an empty box without a word).
"""

from __future__ import annotations

import math
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
    weight: int = 400
    """How heavy (the OS/2 weight class: 400 regular, 700 bold, 900 black)."""
    slanted: bool = False
    narrow: bool = False


def _weight(face: TTFontFile) -> int:
    """The face's weight class, from the stem width ReportLab derives from it (50 + (weight / 65)²);
    400 when the font does not say."""
    if face.stemV <= 50:
        return 400
    return int(round(65 * math.sqrt(face.stemV - 50), -2))


def _style(face: TTFontFile, path: Path) -> tuple[bool, bool]:
    """(slanted, narrow): an italic or a condensed face is a last choice for upright text."""
    words = f"{face.styleName or ''} {face.fullName or ''} {path.stem}".lower()
    slanted = bool(face.italicAngle) or "italic" in words or "oblique" in words
    return slanted, any(word in words for word in ("condensed", "narrow", "compressed"))


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
                slanted, narrow = _style(face, path)
                found.append(_Candidate(path, index, f"JM-{path.stem}-{index}", frozenset(face.charToGlyph),
                                        _weight(face), slanted, narrow))

    def preference(candidate: _Candidate) -> int:
        stem = candidate.path.stem.lower().replace("-", "")
        return next((i for i, p in enumerate(_PREFERRED) if p in stem), len(_PREFERRED))

    return tuple(sorted(found, key=preference))


def _ranked(bold: bool) -> tuple[_Candidate, ...]:
    """The installed fonts in the order they are tried for a character: the preferred families first,
    and in each the upright, normal-width face closest to the weight asked for (a family's Black or
    Thin is not its regular; a bold title takes the family's Bold when it has one)."""
    wanted = 700 if bold else 400

    def fit(candidate: _Candidate) -> tuple[bool, bool, int]:
        return candidate.slanted, candidate.narrow, abs(candidate.weight - wanted)

    fonts = _installed()
    first: dict[str, int] = {}  # (a family where its first file stands: preferred families first, as found)
    for rank, candidate in enumerate(fonts):
        first.setdefault(_family(candidate), rank)
    return tuple(sorted(fonts, key=lambda c: (first[_family(c)], fit(c))))


def _family(candidate: _Candidate) -> str:
    """The file's family: its name up to the style ("NotoSansThai-Bold" -> "notosansthai")."""
    return candidate.path.stem.split("-")[0].lower()


class FontChooser:
    """Splits text into (font, run) pieces, registering fallback fonts as they are needed."""

    def __init__(self) -> None:
        register_bundled()
        self._base = {REGULAR: _chars_of(REGULAR), BOLD: _chars_of(BOLD)}
        self._fallback_for: dict[tuple[int, bool], str | None] = {}
        self._ranked: dict[bool, tuple[_Candidate, ...]] = {}
        self.missing: set[str] = set()
        self.used_fallbacks: set[str] = set()

    def _fallback(self, code: int, bold: bool = False) -> str | None:
        if (code, bold) not in self._fallback_for:
            choice = None
            if bold not in self._ranked:
                self._ranked[bold] = _ranked(bold)
            for candidate in self._ranked[bold]:
                if code in candidate.chars:
                    if candidate.name not in pdfmetrics.getRegisteredFontNames():
                        try:
                            pdfmetrics.registerFont(TTFont(candidate.name, str(candidate.path),
                                                           subfontIndex=candidate.index))
                        except Exception:  # cannot be embedded (e.g. a restricted licence): try the next
                            continue
                    choice = candidate.name
                    break
            self._fallback_for[code, bold] = choice
        return self._fallback_for[code, bold]

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
                font = self._fallback(code, bold) or base
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
