"""The built-in templates in the user's language.

A template's texts (stage and persona names, card titles, pain points, KPI names...) are words the
program brings, so they are translated like its other words: through gettext, in a catalogue of their
own (`journeymapper-templates`, kept by `./dev i18n` beside the program's). The template files stay
English and one: a translated template has the same elements, ids and figures, only its texts differ,
and a text a catalogue lacks stays English. A map made from a translated template says its language,
so that it prints in it wherever it is opened. The user's own templates are never translated.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from pydantic import ValidationError

from ..i18n import DEFAULT_LANGUAGE, LANGUAGES, locale_dir
from ..model.schema import Map

TEMPLATE_DOMAIN = "journeymapper-templates"
NOT_WORDS = frozenset({
    "id", "persona", "stage", "color", "channel", "created", "modified", "date", "due", "kind", "severity",
    "status", "effort", "direction", "evidence", "state", "language", "based_on", "review_by", "addresses",
    "priority", "value",
})
"""Fields of a dumped map that hold ids, choices, figures or dates, not words."""
FLOW_ENDS = frozenset({"source", "target"})
"""A flow's ends are card ids (elsewhere a `source` is words: where a quote or a card's evidence comes from)."""


def _each_text(value: Any, change: Callable[[str], str], skip: frozenset[str] = NOT_WORDS) -> Any:
    """`value` (a dumped map or part of one) with every text passed through `change`."""
    if isinstance(value, dict):
        return {key: item if key in skip else
                _each_text(item, change, NOT_WORDS | FLOW_ENDS if key == "flows" else NOT_WORDS)
                for key, item in value.items()}
    if isinstance(value, list):
        return [_each_text(item, change, skip) for item in value]
    if isinstance(value, str) and value.strip():
        return change(value)
    return value


def template_texts(the_map: Map) -> Iterator[str]:
    """Every text of a template to translate, in the map's order (for the catalogue's template)."""
    found: list[str] = []
    _each_text(the_map.model_dump(mode="json"), lambda text: found.append(text) or text)
    yield from found


@lru_cache(maxsize=8)
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation(TEMPLATE_DOMAIN, localedir=locale_dir(), languages=[language], fallback=True)


def _words(language: str) -> Callable[[str], str] | None:
    """`language`'s words for template texts; None for English or a language we have no words for."""
    if not language or language == DEFAULT_LANGUAGE or language not in LANGUAGES:
        return None
    return _catalogue(language).gettext


def translated_text(text: str, language: str) -> str:
    """One text of a built-in template in `language` (a template's description on the start page)."""
    words = _words(language)
    return words(text) if words and text.strip() else text


def translated_template(the_map: Map, language: str) -> Map:
    """A built-in template's map in `language` (English, or a language we have no words for: as it is)."""
    words = _words(language)
    if words is None:
        return the_map
    changed = False

    def translate(text: str) -> str:
        nonlocal changed
        said = words(text)
        changed = changed or said != text
        return said

    raw = _each_text(the_map.model_dump(mode="json"), translate)
    if not changed:
        return the_map  # (no catalogue for it: the template stays English, and says nothing of a language)
    raw["language"] = language
    try:
        return Map.model_validate(raw)
    except ValidationError:
        return the_map  # (a translation over a field's limit: the tests keep this from shipping)
