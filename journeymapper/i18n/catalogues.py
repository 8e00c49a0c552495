"""Keeping the catalogues: `python -m journeymapper.i18n.catalogues` (or `./dev i18n`) extracts the
program's words into `journeymapper.pot` and the built-in templates' texts into
`journeymapper-templates.pot`, brings every language's `.po` up to date with them (new words
untranslated, gone words dropped) and compiles each `.po` to the `.mo` the program reads.

Needs Babel (a test dependency); the program itself only reads `.mo` files with `gettext`.
"""

from __future__ import annotations

import io
import sys
from datetime import datetime, timezone
from pathlib import Path

from . import DEFAULT_LANGUAGE, DOMAIN, LANGUAGES, locale_dir

PACKAGE = Path(__file__).resolve().parents[1]
SOURCES = ("app", "canvas", "check", "cli", "commands", "desktop", "export", "i18n", "io", "layout",
           "model")
"""Where the words to translate are, below the package: `_(...)`, `_n(...)` (the interface
language), `tr(...)`, `tr.n(...)` (a map's print language), `N_(...)` (marked, translated later)."""
KEYWORDS = {"_": None, "_n": (1, 2), "tr": None, "n": (1, 2), "N_": None}
STAMP = datetime(2026, 12, 7, tzinfo=timezone.utc)
"""The catalogues' dates: fixed, so that keeping them changes only what changed (git)."""


def extract():
    """The catalogue template: every word of SOURCES, sorted, with no line numbers (stable in git)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    template = Catalog(project="journeymapper", domain=DOMAIN, charset="utf-8", fuzzy=False,
                       copyright_holder="the journeymapper developers", creation_date=STAMP,
                       revision_date=STAMP, msgid_bugs_address="https://github.com/journeymapper/issues")
    from babel.messages.extract import extract_from_file

    for module in sorted(PACKAGE.glob("*.py")):  # (the package's own modules: gui.py...)
        for _line, message, comments, _context in extract_from_file(
                "python", module, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
            template.add(message, None, auto_comments=comments)
    for folder in SOURCES:
        for _name, _line, message, comments, _context in extract_from_dir(
                PACKAGE / folder, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
            template.add(message, None, auto_comments=comments)
    return template


def extract_templates():
    """The templates' catalogue template: every text of the built-in templates (`io.template_words`),
    each with the names of the templates that use it for the translator."""
    from babel.messages.catalog import Catalog

    from ..io.reader import load_path
    from ..io.template_words import TEMPLATE_DOMAIN, template_texts
    from ..resources import templates_dir

    template = Catalog(project="journeymapper", domain=TEMPLATE_DOMAIN, charset="utf-8", fuzzy=False,
                       copyright_holder="the journeymapper developers", creation_date=STAMP,
                       revision_date=STAMP, msgid_bugs_address="https://github.com/journeymapper/issues")
    used_in: dict[str, list[str]] = {}
    for path in sorted(templates_dir().glob("*.jmap")):
        for text in template_texts(load_path(path).map):
            used_in.setdefault(text, [])
            if path.stem not in used_in[text]:
                used_in[text].append(path.stem)
    for text, names in used_in.items():
        template.add(text, None, auto_comments=["template: " + ", ".join(names)])
    return template


def po_path(language: str, domain: str = DOMAIN) -> Path:
    return locale_dir() / language / "LC_MESSAGES" / f"{domain}.po"


def write_po(catalogue, path: Path) -> bytes:
    from babel.messages.pofile import write_po as babel_write_po

    out = io.BytesIO()
    babel_write_po(out, catalogue, omit_header=False, no_location=True, sort_output=True, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())
    return out.getvalue()


def compiled(catalogue) -> bytes:
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, catalogue, use_fuzzy=False)
    return out.getvalue()


def update() -> list[str]:
    """Each domain's template, then each language's `.po` and `.mo`; returns the words each language
    still lacks."""
    from babel.messages.pofile import read_po

    from ..io.template_words import TEMPLATE_DOMAIN

    missing = []
    for domain, template in ((DOMAIN, extract()), (TEMPLATE_DOMAIN, extract_templates())):
        _not_python_formats(domain, template)
        write_po(template, locale_dir() / f"{domain}.pot")
        for language in LANGUAGES:
            if language == DEFAULT_LANGUAGE:
                continue
            path = po_path(language, domain)
            if path.exists():
                with path.open("rb") as handle:
                    catalogue = read_po(handle, locale=language, domain=domain)
            else:
                from babel.messages.catalog import Catalog

                catalogue = Catalog(locale=language, domain=domain)
            catalogue.update(template, no_fuzzy_matching=True)
            catalogue.obsolete.clear()
            catalogue.revision_date = catalogue.creation_date = STAMP
            catalogue.last_translator = catalogue.language_team = "the journeymapper developers"
            catalogue.copyright_holder = "the journeymapper developers"
            _not_python_formats(domain, catalogue)
            write_po(catalogue, path)
            path.with_suffix(".mo").write_bytes(compiled(catalogue))
            missing += [f"{language} ({domain}): {m.id!r}" for m in catalogue if m.id and not m.string]
    return missing


def _not_python_formats(domain: str, catalogue) -> None:
    """A template's "20% off" is a text, not a %-format (Babel flags it python-format, msgfmt -c checks it)."""
    from ..io.template_words import TEMPLATE_DOMAIN

    if domain == TEMPLATE_DOMAIN:
        for message in catalogue:
            message.flags.discard("python-format")


def main() -> int:
    missing = update()
    for line in missing:
        print(f"untranslated {line}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
