"""The built-in templates in the user's language: every text translated, nothing else changed, the
map made from one says its language; the user's own templates stay as they were written."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from journeymapper.i18n import DEFAULT_LANGUAGE, LANGUAGES, set_interface_language
from journeymapper.io.reader import load_path
from journeymapper.io.template_words import template_texts, translated_template
from journeymapper.io.templates import list_templates, map_from_template, map_from_template_file
from journeymapper.resources import templates_dir

OTHERS = [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]
BUILT_IN = sorted(path.stem for path in templates_dir().glob("*.jmap"))
KEEPS_ITS_WORDS = {"%", "NPS"}
"""Texts that read the same in every language (a unit, an abbreviation)."""


def _shape(the_map) -> list[tuple]:
    """Everything but the words: ids, places, choices and figures."""
    return ([(p.id, p.color, p.evidence) for p in the_map.personas]
            + [(s.id, [(k.id, k.direction, k.target, [(r.date, r.value) for r in k.readings]) for k in s.kpis])
               for s in the_map.stages]
            + [(t.id, t.persona, t.stage, t.channel, t.emotion, [(p.id, p.severity) for p in t.pain_points],
                [(o.id, o.priority, o.status, o.due, o.effort, o.addresses) for o in t.opportunities],
                [(q.id, q.date) for q in t.quotes]) for t in the_map.touchpoints]
            + [(f.id, f.source, f.target, f.kind) for f in the_map.flows])


@pytest.mark.parametrize("language", OTHERS)
@pytest.mark.parametrize("name", BUILT_IN)
def test_a_built_in_template_reads_in_each_language_and_changes_nothing_but_its_words(name, language):
    english = load_path(templates_dir() / f"{name}.jmap").map
    translated = translated_template(english, language)
    assert translated.language == language
    assert _shape(translated) == _shape(english)
    pairs = set(zip(template_texts(english), template_texts(translated), strict=True))
    same = sorted(en for en, there in pairs if en == there and en not in KEEPS_ITS_WORDS and any(c.isalpha() for c in en))
    # (a few words read the same: "Partner", "Marketing", a brand)
    assert len(same) <= max(3, len(pairs) // 25), f"{name} in {language}: still English: {same[:8]}"


def test_a_map_made_from_a_template_is_in_the_language_asked_for_or_the_users():
    asked = map_from_template("cafe", language="de", today=date(2027, 3, 1))
    english = map_from_template("cafe", language="en", today=date(2027, 3, 1))
    assert asked.language == "de" and english.language == ""
    assert [s.name for s in asked.stages] != [s.name for s in english.stages]
    set_interface_language("ja")
    try:
        assert map_from_template("cafe").language == "ja"
        described = {t.name: t.description for t in list_templates()}
    finally:
        set_interface_language("en")
    assert described["cafe"] != {t.name: t.description for t in list_templates()}["cafe"]
    assert any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in described["cafe"])


def test_the_users_own_template_is_never_translated(tmp_path):
    mine = tmp_path / "cafe.jmap"  # (even with a built-in one's name and words)
    shutil.copy(templates_dir() / "cafe.jmap", mine)
    made = map_from_template_file(mine, language="de")
    assert made.language == "" and [s.name for s in made.stages] == \
        [s.name for s in load_path(mine).map.stages]
    assert [t.description for t in list_templates(tmp_path, language="de")] == \
        [t.description for t in list_templates(tmp_path, language="en")]


def test_a_language_without_template_words_keeps_the_template_english():
    english = load_path(templates_dir() / "cafe.jmap").map
    assert translated_template(english, "xx") is english
    assert translated_template(english, "en") is english


def test_a_built_in_template_reached_through_a_link_is_still_translated(tmp_path, monkeypatch):
    """A packager may link the template files into place: the folder, not the file's target, decides."""
    import journeymapper.io.templates as templates

    folder = tmp_path / "templates"
    folder.mkdir()
    for path in templates_dir().glob("*.jmap"):
        (folder / path.name).symlink_to(path)
    monkeypatch.setattr(templates, "templates_dir", lambda: folder)
    assert map_from_template("cafe", language="de").language == "de"


def test_journeymapper_new_makes_the_map_in_the_users_language(tmp_path):
    from journeymapper.cli.main import main

    set_interface_language("fr")
    try:
        assert main(["new", "-o", str(tmp_path / "salon.jmap"), "--template", "hair-salon"]) == 0
    finally:
        set_interface_language("en")
    made = load_path(tmp_path / "salon.jmap").map
    english = load_path(templates_dir() / "hair-salon.jmap").map
    assert made.language == "fr" and made.stages[0].name != english.stages[0].name


@pytest.mark.parametrize("language", OTHERS)
def test_every_translated_template_passes_the_check_as_the_english_one_does(language):
    """A translation must not make two cards of a cell read alike (the checker's duplicate rule) or
    otherwise give a new map warnings the English one has not."""
    from journeymapper.check import check_map

    for name in BUILT_IN:
        made = map_from_template(name, language=language)
        said = [(p.code, p.message) for p in check_map(made) if p.severity in ("error", "warning")]
        assert said == [], (name, said)
