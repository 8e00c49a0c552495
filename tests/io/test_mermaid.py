"""Mermaid `journey` diagrams: a map written as one and read back, and diagrams people wrote read in.

`mermaid_reads` below reads a diagram the way Mermaid does, written from Mermaid's own grammar
(packages/mermaid/src/diagrams/user-journey/parser/journey.jison, Mermaid 11-12), its text
clean-up before parsing (mermaidAPI `cleanupText`, `cleanupComments`, `encodeEntities`) and what
the browser then shows (`decodeEntities`, task and section lines split at <br>). The exporter is
tested against it, not against our own importer alone, so "Mermaid shows the map's words" is
checked, not assumed. (The same checks were run against Mermaid 12.3.0 itself, under Node.)
"""

from __future__ import annotations

import html
import math
import re
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from journeymapper.io import load_path
from journeymapper.io.importers import ImportFailed, import_file
from journeymapper.io.mermaid_export import map_to_mermaid, save_mermaid
from journeymapper.io.mermaid_import import DEFAULT_ACTOR, FIRST_STAGE, import_mermaid, read_mermaid
from journeymapper.model.document import new_id, utc_now
from journeymapper.model.schema import Map, Persona, Stage, Touchpoint
from journeymapper.resources import resources_dir, templates_dir

from .strategies import text as format_text

# -- Mermaid's own examples, copied as test data ---------------------------------------------------
# From Mermaid's documentation, "User Journey Diagram" (docs/syntax/userJourney.md in mermaid-js/mermaid).
DOCS_EXAMPLE = """journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me
      Do work: 1: Me, Cat
    section Go home
      Go downstairs: 5: Me
      Sit down: 5: Me
"""
# From Mermaid's journey demo page (demos/journey.html in mermaid-js/mermaid): front matter,
# accessibility lines, a blank line, tabs after the last task.
DEMO_EXAMPLE = """---
title: My working day 
---
     journey
      accTitle: Very simple journey demo
      accDescr: 2 main sections: work and home, each with just a few tasks

    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me
      Do work: 1: Me, Cat
    section Go home
      Go downstairs: 5: Me
      Sit down: 3: Me
\t\t\t\t"""
# From Mermaid's parser tests (user-journey/parser/journey.spec.ts): tasks without actors, an
# empty actor list, "3:Bob" without a space; a multi-line accDescr with the title after its brace.
SPEC_TASKS = ("journey\ntitle Adding journey diagram functionality to mermaid\nsection Documentation\n"
              "A task: 5: Alice, Bob, Charlie\nB task: 3:Bob, Charlie\nC task: 5\nD task: 5: Charlie, Alice\n"
              "E task: 5:\nsection Another section\nP task: 5:\nQ task: 5:\nR task: 5:")
SPEC_DESCRIPTION = ("journey\naccDescr {\n        A user journey for\n        family shopping\n      }"
                    "title Adding journey diagram functionality to mermaid\n"
                    "accTitle: Adding acc journey diagram functionality to mermaid\nsection Order from website")
SPEC_LINE_BREAKS = ("journey\ntitle Adding gantt diagram functionality to mermaid\n"
                    "section Line1<br>Line2<br/>Line3</br />Line4<br\t/>Line5")


# -- reading as Mermaid reads ---------------------------------------------------------------------
_S = "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
"""JavaScript's \\s (Python's also holds U+0085 and U+001C-U+001F)."""
_RULES = [(re.compile(pattern.replace(r"\s", _S), re.IGNORECASE | flags), token) for pattern, token, flags in [
    (r"%(?!\{)[^\n]*", None, 0), (r"[^\}]%%[^\n]*", None, 0), (r"\n+", "NEWLINE", 0), (r"\s+", None, 0),
    (r"#[^\n]*", None, 0), (r"journey\b", "journey", re.ASCII), (r"title\s[^#\n;]+", "title", 0),
    (r"accTitle\s*:\s*[^\n]*", "acc", 0), (r"accDescr\s*:\s*[^\n]*", "acc", 0),
    (r"accDescr\s*\{\s*[^\}]*\}", "acc", 0),
    (r"section\s[^#:\n;]+", "section", 0), (r"[^#:\n;]+", "taskName", 0), (r":[^#\n;]+", "taskData", 0),
    (r":", ":", 0), (r".", "INVALID", re.DOTALL)]]
"""journey.jison's lexer rules, in order: the first that matches wins (jison without `flex`); an
accessibility line is one token here with the value its lexer state reads."""


def _placeholder(match: re.Match[str]) -> str:
    inner = match.group(1)
    return ("\ufb02\xb0\xb0" if re.fullmatch(r"\+?\d+", inner) else "\ufb02\xb0") + inner + "\xb6\xdf"


def _shown(raw: str, breaks: bool) -> str:
    """What a browser shows of a parsed text: the text node serialized, Mermaid's placeholders made
    entities again (decodeEntities), the markup read back; task and section boxes break at <br>."""
    parts = re.split(r"<br\s*/?>", raw, flags=re.IGNORECASE) if breaks else [raw]
    markup = [html.escape(part, quote=False).replace("\ufb02\xb0\xb0", "&#").replace("\ufb02\xb0", "&")
              .replace("\xb6\xdf", ";") for part in parts]
    return "\n".join(html.unescape(part) for part in markup)


def _sanitized(title: str) -> str:
    """The title as Mermaid keeps it (`sanitizeText`, DOMPurify): unchanged without a "<"; with one it
    is read as HTML (tags dropped) and written out again, "&", "<" and ">" as entities, which the
    title then shows as they are."""
    if "<" not in title:
        return title
    text = re.sub(r"<[A-Za-z/!?][^>]*>?", "", title)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\xa0", "&nbsp;")


def mermaid_reads(diagram: str) -> dict:
    """title, sections and tasks (name, score, people) as Mermaid shows them; AssertionError where
    Mermaid would refuse the diagram."""
    text = diagram.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(f"^{_S}*%%(?!\\{{)[^\\n]+\\n?", "", text, flags=re.MULTILINE)
    text = re.sub(f"^{_S}+", "", text)
    not_space = "[^" + _S[1:]
    text = re.sub(f"style.*:{not_space}*#.*;", lambda m: m.group()[:-1], text)
    text = re.sub(f"classDef.*:{not_space}*#.*;", lambda m: m.group()[:-1], text)
    text = re.sub(r"#(\w+);", _placeholder, text, flags=re.ASCII) + "\n"
    tokens, position = [], 0
    while position < len(text):
        for pattern, token in _RULES:
            match = pattern.match(text, position)
            if match:
                if token is not None:
                    tokens.append((token, match.group()))
                position = match.end()
                break
    assert tokens and tokens[0][0] == "journey", tokens[:3]
    read = {"title": "", "sections": [], "tasks": []}
    index = 1
    while index < len(tokens):
        kind, value = tokens[index]
        if kind == "title":
            read["title"] = _shown(_sanitized(value[6:]), False)
        elif kind == "section":
            read["sections"].append(_shown(value[8:], True))
        elif kind == "taskName":
            assert index + 1 < len(tokens) and tokens[index + 1][0] == "taskData", f"Mermaid refuses {value!r}"
            pieces = tokens[index + 1][1][1:].split(":")
            try:
                score = float(pieces[0].strip() or 0)
            except ValueError:
                score = math.nan
            people = [_shown(p.strip(), False) for p in pieces[1].split(",")] if len(pieces) > 1 else []
            read["tasks"].append((_shown(value, True), score, people))
            index += 1
        else:
            assert kind in ("NEWLINE", "acc"), f"Mermaid refuses the token {kind} {value!r}"
        index += 1
    return read


# -- maps to write ------------------------------------------------------------------------------------
def build_map(title: str, stages: list[str], personas: list[str],
              cards: list[tuple[int, int, str, int | None]]) -> Map:
    """A map: cards as (persona index, stage index, title, emotion)."""
    now = utc_now()
    stage_rows = [Stage(id=new_id(), name=name) for name in stages]
    persona_rows = [Persona(id=new_id(), name=name) for name in personas]
    touchpoints = [Touchpoint(id=new_id(), persona=persona_rows[p].id, stage=stage_rows[s].id, title=t, emotion=e)
                   for p, s, t, e in cards]
    return Map(id=new_id(), title=title, created=now, modified=now, personas=persona_rows, stages=stage_rows,
               touchpoints=touchpoints)


def outline(the_map: Map) -> tuple:
    """What a trip through Mermaid keeps: the title, the stages, and each persona's cards in order."""
    stage_name = {stage.id: stage.name for stage in the_map.stages}
    return (the_map.title, [stage.name for stage in the_map.stages],
            [(persona.name, [(stage_name[c.stage], c.title, c.emotion) for c in the_map.touchpoints
                             if c.persona == persona.id]) for persona in the_map.personas])


def lanes(the_map: Map) -> dict[str, list[tuple[str, str, int | None]]]:
    return {name: cards for name, cards in outline(the_map)[2]}


MAPS = sorted(templates_dir().glob("*.jmap")) + sorted((resources_dir() / "examples").glob("*.jmap")) \
    + [Path(__file__).resolve().parents[1] / "data" / "v2" / "full.jmap"]


# -- Mermaid's examples --------------------------------------------------------------------------------
def test_the_documentation_example_becomes_stages_personas_and_cards():
    result = import_mermaid(DOCS_EXAMPLE)
    the_map = result.map
    assert result.problems == []
    assert the_map.title == "My working day"
    assert [s.name for s in the_map.stages] == ["Go to work", "Go home"]
    assert [p.name for p in the_map.personas] == ["Me", "Cat"]
    assert lanes(the_map) == {
        "Me": [("Go to work", "Make tea", 2), ("Go to work", "Go upstairs", 0), ("Go to work", "Do work", -2),
               ("Go home", "Go downstairs", 2), ("Go home", "Sit down", 2)],
        "Cat": [("Go to work", "Do work", -2)],
    }
    me = the_map.personas[0].id
    mine = [c.id for c in the_map.touchpoints if c.persona == me]
    assert [(f.source, f.target, f.kind) for f in the_map.flows] == [(a, b, "next") for a, b in pairwise(mine)]
    assert len({p.color for p in the_map.personas}) == 2  # (two lanes, two colours)


def test_the_demo_with_front_matter_and_accessibility_lines():
    result = import_mermaid(DEMO_EXAMPLE)
    assert result.problems == []
    assert result.map.title == "My working day"  # (the front matter's title, without its trailing space)
    assert result.map.description == "2 main sections: work and home, each with just a few tasks"
    assert lanes(result.map)["Me"][-1] == ("Go home", "Sit down", 0)


def test_tasks_without_actors_are_the_customers():
    result = import_mermaid(SPEC_TASKS)
    assert result.problems == []
    assert [p.name for p in result.map.personas] == ["Alice", "Bob", "Charlie", DEFAULT_ACTOR]
    cards = lanes(result.map)
    assert [t for _s, t, _e in cards["Bob"]] == ["A task", "B task"]
    assert [t for _s, t, _e in cards[DEFAULT_ACTOR]] == ["C task", "E task", "P task", "Q task", "R task"]
    assert any(DEFAULT_ACTOR in note for note in result.notes)


def test_a_description_over_several_lines_and_the_title_after_its_brace():
    the_map = import_mermaid(SPEC_DESCRIPTION).map
    assert the_map.description == "A user journey for\nfamily shopping"
    assert the_map.title == "Adding journey diagram functionality to mermaid"
    assert [s.name for s in the_map.stages] == ["Order from website"]


def test_line_breaks_in_a_section_name():
    the_map = import_mermaid(SPEC_LINE_BREAKS).map
    assert [s.name for s in the_map.stages] == ["Line1\nLine2\nLine3</br />Line4\nLine5"]  # (</br /> is no break)


@pytest.mark.parametrize("diagram", [DOCS_EXAMPLE, DEMO_EXAMPLE, SPEC_TASKS])
def test_we_read_what_mermaid_reads(diagram):
    theirs = mermaid_reads(diagram.split("---\n")[-1])
    the_map = import_mermaid(diagram).map
    persona = {p.id: p.name for p in the_map.personas}
    ours = [(c.title, c.emotion + 3, persona[c.persona]) for c in the_map.touchpoints]
    expected = [(name, score, actor) for name, score, people in theirs["tasks"]
                for actor in ([p for p in people if p] or [DEFAULT_ACTOR])]
    assert ours == expected
    assert [s.name for s in the_map.stages] == theirs["sections"]


# -- odd diagrams ----------------------------------------------------------------------------------------
def test_odd_spacing_tabs_crlf_comments_and_directives():
    diagram = ("\ufeff%%{init: {'theme': 'forest'}}%%\r\n%% made by hand\r\n  JOURNEY  \r\n\tTitle\t\tTabs  and   CRLF \r\n"
               "\r\n\tSection\tFirst stage   \r\n\t\tA task :  4 :  Ann ,Bob  ,  \r\n%% a comment\r\n"
               "  B task:2:Bob # a comment after the task\r\n   # a comment line\r\n")
    result = import_mermaid(diagram)
    assert result.problems == []
    assert result.map.title == "Tabs  and   CRLF"
    assert [s.name for s in result.map.stages] == ["First stage"]
    assert lanes(result.map) == {"Ann": [("First stage", "A task", 1)],
                                 "Bob": [("First stage", "A task", 1), ("First stage", "B task", -1)]}


def test_a_task_that_starts_with_a_keyword_is_read_as_the_task_it_means():
    result = import_mermaid("journey\n  section Plan\n    Journey planning: 4: Me\n    journey\n")
    assert [c.title for c in result.map.touchpoints] == ["Journey planning"]
    assert [(p.row, p.skipped) for p in result.problems] == [(4, True)]  # (a second header)


def test_our_no_feeling_mark_counts_only_with_the_score_we_write():
    result = import_mermaid("journey\n  section S\n    a: 3: Me  # no feeling recorded\n"
                            "    b: 5: Me  # no feeling recorded\n    c: 3: Me  # a comment\n")
    assert [c.emotion for c in result.map.touchpoints] == [None, 2, 0]


def test_a_directive_over_several_lines_and_an_entity_code():
    diagram = ("%%{\n  init: {\n    'theme': 'dark'\n  }\n}%%\njourney\n  section S\n"
               "    Use #quot;quotes#quot;, #35;hash and #58; colons: 3: Me\n")
    result = import_mermaid(diagram)
    assert result.problems == []
    assert result.map.touchpoints[0].title == 'Use "quotes", #hash and : colons'


def test_no_title_tasks_before_any_section_and_a_markdown_file():
    diagram = ("# Our shop\n\nSome words.\n\n```mermaid\nflowchart LR\n  A --> B\n```\n\n```mermaid\njourney\n"
               "  Hears of us: 4: Ann\n  section Buy\n    Pays: 2\n```\n")
    result = import_mermaid(diagram, "our-shop")
    assert result.map.title == "our-shop"
    assert [s.name for s in result.map.stages] == [FIRST_STAGE, "Buy"]
    assert lanes(result.map) == {"Ann": [(FIRST_STAGE, "Hears of us", 1)], DEFAULT_ACTOR: [("Buy", "Pays", -1)]}
    assert any(FIRST_STAGE in note for note in result.notes)


@pytest.mark.parametrize("diagram, title, stage, card, actors", [
    ("journey\n  title 私の一日\n  section 出勤\n    お茶を入れる: 5: 私\n    仕事: 1: 私, 猫\n",
     "私の一日", "出勤", ("お茶を入れる", 2), ["私", "猫"]),
    ("journey\n  title يوم عملي\n  section الذهاب إلى العمل\n    تحضير الشاي: 4: أنا\n    العمل: 1: أنا، القطة, القطة\n",
     "يوم عملي", "الذهاب إلى العمل", ("تحضير الشاي", 1), ["أنا", "أنا، القطة", "القطة"]),
    ("journey\n  title 🎂 Party 🎉\n  section 🛒 Buy\n    Pick a cake 🍰: 3: 👩 Ann, 🐱\n    Pays #128179;: 2: 👩 Ann\n",
     "🎂 Party 🎉", "🛒 Buy", ("Pick a cake 🍰", 0), ["👩 Ann", "🐱"]),
])
def test_unicode_diagrams(diagram, title, stage, card, actors):
    result = import_mermaid(diagram)
    assert result.problems == []
    assert result.map.title == title
    assert result.map.stages[0].name == stage
    assert (result.map.touchpoints[0].title, result.map.touchpoints[0].emotion) == card
    assert [p.name for p in result.map.personas] == actors
    assert import_mermaid(map_to_mermaid(result.map).text).map.touchpoints[-1].title \
        == result.map.touchpoints[-1].title  # (💳 written back and read again)


def test_full_width_digits_are_read_and_reported():
    result = import_mermaid("journey\n  section 帰宅\n    座る: ５: 私\n")
    assert result.map.touchpoints[0].emotion == 2
    assert [(p.row, p.skipped) for p in result.problems] == [(3, False)]


# -- what cannot be used is reported, line by line --------------------------------------------------
def test_each_unusable_line_is_reported_with_its_number_and_the_rest_imported():
    diagram = "\n".join([  # noqa: FLY002 - (one line of the diagram per line, numbered)
        "journey",                        # 1
        "  title Problems",               # 2
        "  section One",                  # 3
        "    Fine: 4: Ann",               # 4
        "    Too high: 7: Ann",           # 5
        "    Too low: -3: Ann",           # 6
        "    Zero: 0: Ann",               # 7
        "    Half: 4.5: Ann",             # 8
        "    Words: great: Ann",          # 9
        "    Empty score: : Ann",         # 10
        "    no colon at all",            # 11
        "    : 3: Ann",                   # 12
        "  journey",                      # 13
        "  title",                        # 14
        "  section",                      # 15
        "    Extra: 2: Ann: Bob",         # 16
    ])
    result = import_mermaid(diagram)
    by_line = {p.row: p for p in result.problems}
    assert sorted(by_line) == [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
    assert all(p.unit == "line" and str(p).startswith(f"line {p.row}: ") for p in result.problems)
    assert {line for line, p in by_line.items() if p.skipped} == {11, 12, 13, 14}
    assert "7" in by_line[5].message and "5" in by_line[5].message
    assert "great" in by_line[9].message and "no feeling" in by_line[9].message
    cards = lanes(result.map)["Ann"]
    assert [(t, e) for _s, t, e in cards] == [
        ("Fine", 1), ("Too high", 2), ("Too low", -2), ("Zero", -2), ("Half", 2), ("Words", None),
        ("Empty score", None), ("Extra", -1)]
    assert [s.name for s in result.map.stages] == ["One", "Stage 2"]
    assert result.map.title == "Problems"


def test_too_long_names_are_cut_and_control_characters_removed():
    diagram = f"journey\n  title {'T' * 300}\n  section S\n    {'x' * 600}: 3: A\x07nn\n"
    result = import_mermaid(diagram)
    assert len(result.map.title) == 200 and len(result.map.touchpoints[0].title) == 500
    assert result.map.personas[0].name == "Ann"
    assert sorted(p.row for p in result.problems) == [2, 4, 4]


def test_more_personas_than_a_map_holds():
    actors = ", ".join(f"P{n}" for n in range(55))
    result = import_mermaid(f"journey\n  section S\n    Everyone: 3: {actors}\n")
    assert len(result.map.personas) == 50
    assert len([p for p in result.problems if p.skipped and p.row == 3]) == 5


@pytest.mark.parametrize("text, words", [
    ("", "no Mermaid diagram"),
    ("%% only a comment\n\n", "no Mermaid diagram"),
    ("flowchart LR\n  A --> B\n", "line 1 reads “flowchart LR”"),
    ("```mermaid\nflowchart LR\n```\n", "none of its 1 Mermaid diagrams"),
    ("---\ntitle: x\njourney\n", "never ends"),
])
def test_a_text_without_a_journey_is_refused_in_words(text, words):
    with pytest.raises(ImportFailed, match=re.escape(words)):
        import_mermaid(text)


def test_reading_files(tmp_path):
    good = tmp_path / "Corner shop.mmd"
    good.write_text(DOCS_EXAMPLE.replace("    title My working day\n", ""), encoding="utf-8")
    assert import_file(good).map.title == "Corner shop"  # (the dispatch by suffix, and the file's name)
    latin = tmp_path / "latin.mermaid"
    latin.write_bytes("journey\n  section Café\n    Paie: 3: Zoé\n".encode("latin-1"))
    with pytest.raises(ImportFailed, match=r"latin\.mermaid is not text in UTF-8"):
        read_mermaid(latin)
    with pytest.raises(ImportFailed, match="no such file"):
        read_mermaid(tmp_path / "missing.mmd")
    with pytest.raises(ImportFailed, match="folder"):
        read_mermaid(tmp_path)
    markdown = tmp_path / "notes.md"
    markdown.write_text("Notes\n\n~~~mermaid\njourney\n  section S\n    T: 5: A\n~~~\n", encoding="utf-8")
    assert import_file(markdown).map.touchpoints[0].emotion == 2


# -- export ------------------------------------------------------------------------------------------------
def test_export_writes_sections_tasks_scores_and_actors():
    the_map = build_map("Bakery: cakes", ["Order", "Pick-up"], ["Parent", "Office"], [
        (0, 0, "Orders online", 2), (1, 0, "Orders online", 2), (0, 0, "Calls", None),
        (1, 1, "Collects", -2), (0, 1, "Collects", -1)])
    exported = map_to_mermaid(the_map)
    assert exported.text.splitlines() == [
        "journey",
        "    title Bakery: cakes",
        "    %% personas: Parent, Office",
        "    section Order",
        "      Orders online: 5: Parent, Office",
        "      Calls: 3: Parent  # no feeling recorded",
        "    section Pick-up",
        "      Collects: 2: Parent",
        "      Collects: 1: Office",
    ]
    assert (exported.sections, exported.tasks, exported.actors) == (2, 4, 2)
    theirs = mermaid_reads(exported.text)
    assert theirs["tasks"][0] == ("Orders online", 5, ["Parent", "Office"])
    assert theirs["tasks"][1] == ("Calls", 3, ["Parent"])  # (Mermaid skips the comment)


def test_a_shared_line_never_changes_a_lanes_order():
    # Ann: a then b; Ben: b then a. Putting Ben on Ann's lines would make his order a, b.
    the_map = build_map("Order", ["S"], ["Ann", "Ben"], [(0, 0, "a", 0), (0, 0, "b", 0), (1, 0, "b", 0),
                                                         (1, 0, "a", 0)])
    text = map_to_mermaid(the_map).text
    assert lanes(import_mermaid(text).map) == lanes(the_map)
    assert len(mermaid_reads(text)["tasks"]) == 3


def test_personas_of_one_name_stay_two_and_lanes_without_cards_stay():
    the_map = build_map("Twins", ["S"], ["Guest", "Guest", "Nobody"], [(0, 0, "a", 1), (1, 0, "b", -1)])
    exported = map_to_mermaid(the_map)
    assert any("Guest (2)" in note for note in exported.notes)
    assert any("Nobody" in note for note in exported.notes)
    back = import_mermaid(exported.text).map
    assert [p.name for p in back.personas] == ["Guest", "Guest (2)", "Nobody"]
    assert lanes(back) == {"Guest": [("S", "a", 1)], "Guest (2)": [("S", "b", -1)], "Nobody": []}


TRICKY = ["Pay: by card", "#1 shop", "tea; cake", "Me, Cat", "Title deed", "title deed signed", "Section 2",
          "Journey home", "journeys", "accTitle", "accDescr", "%50 off", "100%% sure", " leading", "trailing ",
          "two\nlines", "cr\rhere", "<br> is text", "a<b>bold</b>", "&amp; #35; #quot;", "style:x#1;",
          "classDef:y#2;", "}%%", "%%{init}%%", "東京: 予約", "مرحبا: عالم", "🎂#🎉", "\ufeffmark", "tab\t",
          ":", "#", ";", ",", "---", "```", "x" * 200]


@pytest.mark.parametrize("kind", ["stage", "persona", "card"])
def test_mermaid_shows_every_word_as_the_map_has_it(kind):
    stages = TRICKY if kind == "stage" else ["S"]
    personas = TRICKY if kind == "persona" else ["P"]
    cards = [(i if kind == "persona" else 0, i if kind == "stage" else 0, t if kind == "card" else "card", 0)
             for i, t in enumerate(TRICKY)]
    the_map = build_map("Title: #1; <b>a</b> & b < c", stages, personas, cards)
    text = map_to_mermaid(the_map).text
    theirs = mermaid_reads(text)
    assert theirs["title"] == the_map.title
    assert theirs["sections"] == [s.name for s in the_map.stages]
    if kind == "persona":  # (one card of each persona, alike: one line naming them all)
        assert [(name, people) for name, _score, people in theirs["tasks"]] == [("card", TRICKY)]
    else:
        assert [(name, people) for name, _score, people in theirs["tasks"]] == [(c.title, ["P"]) for c in the_map.touchpoints]
    assert outline(import_mermaid(text).map) == outline(the_map)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(format_text(200, 1), min_size=1, max_size=6), title=format_text(200, 1),
       emotions=st.lists(st.sampled_from([None, -2, -1, 0, 1, 2]), min_size=6, max_size=6))
def test_any_text_goes_to_mermaid_and_back(words, title, emotions):
    assume(len(set(words)) == len(words))  # (personas of one name are told apart: another test)
    the_map = build_map(title, words, words, [(n, n, w, emotions[n]) for n, w in enumerate(words)])
    text = map_to_mermaid(the_map).text
    theirs = mermaid_reads(text)
    assert theirs["title"] == title
    assert theirs["sections"] == words
    assert [(t, s) for t, s, _p in theirs["tasks"]] == [(w, 3 if e is None else e + 3) for w, e in zip(words, emotions)]
    assert outline(import_mermaid(text).map) == outline(the_map)


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_templates_and_the_example_map_come_back_from_mermaid(path):
    the_map = load_path(path).map
    text = map_to_mermaid(the_map).text
    result = import_mermaid(text)
    assert result.problems == []
    assert outline(result.map) == outline(the_map)
    mermaid_reads(text)  # (Mermaid takes the diagram)


def test_save_mermaid_writes_utf8_and_replaces_the_old_file(tmp_path):
    target = tmp_path / "map.mmd"
    target.write_text("old", encoding="utf-8")
    the_map = build_map("Café ☕", ["Visit"], ["Zoé"], [(0, 0, "Orders a crème", 1)])
    exported = save_mermaid(target, the_map)
    assert target.read_bytes() == exported.text.encode("utf-8")
    assert not (tmp_path / "map.mmd.bak").exists()


def test_a_card_without_feeling_comes_back_without_one():
    # (a persona named "3" makes the line "Colon: 3: 3": score 3, actor "3", then our mark)
    the_map = build_map("Shop", ["S"], ["3", "Ann"], [(0, 0, "Colon", None), (1, 0, "Neutral", 0)])
    text = map_to_mermaid(the_map).text
    assert "      Colon: 3: 3  # no feeling recorded" in text.splitlines()
    back = import_mermaid(text).map
    assert lanes(back) == {"3": [("S", "Colon", None)], "Ann": [("S", "Neutral", 0)]}
    assert mermaid_reads(text)["tasks"][0] == ("Colon", 3, ["3"])


def test_ampersands_are_written_as_codes_and_come_back():
    the_map = build_map("Fish &amp; chips & more", ["A & B"], ["Tom & Jerry"], [(0, 0, "&amp; & &#59;", 1)])
    text = map_to_mermaid(the_map).text
    assert "&" not in text  # (Mermaid makes "#59;" an entity: "&amp#59;" would read "&amp&#59;")
    assert "title Fish #38;amp#59; chips #38; more" in text
    theirs = mermaid_reads(text)
    assert theirs["title"] == the_map.title
    assert theirs["sections"] == ["A & B"]
    assert theirs["tasks"] == [("&amp; & &#59;", 4, ["Tom & Jerry"])]
    assert outline(import_mermaid(text).map) == outline(the_map)
