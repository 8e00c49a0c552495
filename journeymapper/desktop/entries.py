"""The desktop entry and the shared-mime-info type of journeymapper, as text.

packaging/linux/journeymapper.desktop and journeymapper-mime.xml are written
from here (`python -m journeymapper.desktop.entries packaging/linux`), and a
test keeps them equal, so the shipped files and what `install-desktop` writes
never drift apart. The installed entry differs only in its Exec line, which
names the launcher actually installed.
"""

from __future__ import annotations

import re
import sys
from xml.sax.saxutils import escape
from pathlib import Path

from ..i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, words

APP_ID = "journeymapper"
DESKTOP_FILE = f"{APP_ID}.desktop"
MIME_TYPE = "application/vnd.journeymapper+json"
MIME_PACKAGE = f"{APP_ID}.xml"
"""The name under mime/packages/ (shipped as packaging/linux/journeymapper-mime.xml)."""
APP_ICON = APP_ID
MIME_ICON = MIME_TYPE.replace("/", "-")
"""The icon of a MIME type is looked up under its name with '/' turned into '-'."""
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICONS = {APP_ICON: "apps", MIME_ICON: "mimetypes"}
"""Icon name -> its context folder in the hicolor theme."""

GENERIC_NAME = N_("Customer journey map editor")
COMMENT = N_("Draw, check and print customer journey maps")
MIME_COMMENT = N_("Customer journey map")
"""What menus and file managers say of journeymapper and its files, in every language we have."""

_NEEDS_QUOTES = re.compile(r"""[\s"'\\><~|&;$*?#()`]""")


def exec_line(command: list[str]) -> str:
    """The Exec value that runs `command` on the files opened (quoted as the Desktop Entry spec asks)."""
    words = []
    for word in command:
        word = word.replace("%", "%%")
        if _NEEDS_QUOTES.search(word):
            word = '"' + re.sub(r'(["`$\\])', r"\\\1", word) + '"'
            word = word.replace("\\", "\\\\")  # the string-level escape of the .desktop file itself
        words.append(word)
    return " ".join(words + ["%F"])


def _translations(text: str) -> list[tuple[str, str]]:
    """(language, text) for each language whose catalogue says `text` otherwise."""
    return [(code, words(code)(text)) for code in LANGUAGES
            if code != DEFAULT_LANGUAGE and words(code)(text) != text]


def _localized(key: str, text: str) -> str:
    """A desktop entry's key in English and, as Key[de]=..., in each language we have."""
    return "\n".join([f"{key}={text}"] + [f"{key}[{code}]={said}" for code, said in _translations(text)])


def desktop_entry(command: list[str] | None = None) -> str:
    """The .desktop file; `command` is the launcher (default: `journeymapper` on the PATH)."""
    return f"""\
[Desktop Entry]
Type=Application
Name=journeymapper
{_localized("GenericName", GENERIC_NAME)}
{_localized("Comment", COMMENT)}
Keywords=customer journey;journey map;persona;touchpoint;service design;CX;UX;
Exec={exec_line(command or [APP_ID])}
Icon={APP_ICON}
Terminal=false
Categories=Office;Graphics;
MimeType={MIME_TYPE};
StartupNotify=true
StartupWMClass={APP_ID}
"""


# Priority 50 (below 80): the glob wins over the content, so a `*.json` file keeps application/json even if
# it holds a journeymapper map, while a map without the .jmap extension is still recognised by its content.
def mime_xml() -> str:
    """The shared-mime-info type, its comment in every language we have."""
    return f"""\
<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <comment>{MIME_COMMENT}</comment>
{"".join(f'    <comment xml:lang="{code}">{escape(said)}</comment>{chr(10)}' for code, said in _translations(MIME_COMMENT))}    <sub-class-of type="application/json"/>
    <generic-icon name="x-office-document"/>
    <glob pattern="*.jmap"/>
    <magic priority="50">
      <match type="string" offset="0:64" value="&quot;format&quot;: &quot;journeymapper&quot;"/>
      <match type="string" offset="0:64" value="&quot;format&quot;:&quot;journeymapper&quot;"/>
    </magic>
  </mime-type>
</mime-info>
"""

PACKAGING_FILES = {"journeymapper.desktop": desktop_entry, "journeymapper-mime.xml": mime_xml}


def write_packaging_files(directory: Path) -> list[Path]:
    written = []
    for name, make in PACKAGING_FILES.items():
        path = directory / name
        path.write_text(make(), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    for written_path in write_packaging_files(Path(sys.argv[1] if len(sys.argv) > 1 else "packaging/linux")):
        print(f"wrote {written_path}")  # not translated: a maintainer's tool
