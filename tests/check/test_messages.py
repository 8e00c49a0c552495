"""The checker speaks to shop owners: every message names cards by their titles and stages and
personas by their names, never by an id, in no graph words; and every problem says how a person
knows each element it is about (`Problem.names`), so no screen has to show an id."""

from __future__ import annotations

import datetime
import re
import uuid

import pytest

from journeymapper.check import RULES, check_map
from journeymapper.io.upgrade_1_to_2 import upgrade_map  # (these maps are written as v1 data)
from journeymapper.model import Map

TODAY = datetime.date(2026, 11, 24)
JARGON = re.compile(
    r"\b(nodes?|edges?|entry|entries|strongly|connected|components?|graphs?|paths?|ids?|sources?|targets?|"
    r"outgoing|incoming|touchpoints?|cells?|null|JM\d+)\b",
    re.IGNORECASE,
)


def _id() -> str:
    return uuid.uuid4().hex  # what the editor gives new elements: 32 hex digits


def everything_wrong() -> tuple[Map, dict[str, str]]:
    """A map on which every rule fires once at least, with editor-made ids; and id -> name."""
    s = {name: _id() for name in ("Awareness", "Consideration", "Purchase", "Delivery", "Loyalty", "Referral")}
    p = {name: _id() for name in ("Busy parent", "Office manager", "Nobody yet")}
    t = {key: _id() for key in "abcCdefg"}
    card = {"channel": "website", "emotion": 0}
    cards = [
        {"id": t["a"], "persona": p["Busy parent"], "stage": s["Awareness"], "title": "Sees an ad", **card},
        {"id": t["b"], "persona": p["Busy parent"], "stage": s["Consideration"], "title": "Reads reviews",
         "channel": "review_site"},  # JM010
        {"id": t["c"], "persona": p["Busy parent"], "stage": s["Purchase"], "title": "Orders online",
         "emotion": -1, "pain_points": [{"text": "Slow form"}]},  # JM011, JM009
        {"id": t["C"], "persona": p["Busy parent"], "stage": s["Purchase"], "title": " orders ONLINE",
         **card},  # JM015 (with c), JM005, JM006
        {"id": t["d"], "persona": p["Busy parent"], "stage": s["Loyalty"], "title": "Comes back", **card,
         "pain_points": [{"text": "Stamp card lost", "severity": "high"}],
         "opportunities": [{"text": "Digital stamp card"}, {"text": "Birthday reminder"}]},  # JM017, JM018 (below)
        {"id": t["e"], "persona": p["Office manager"], "stage": s["Awareness"], "title": "Gets a flyer", **card},
        {"id": t["f"], "persona": p["Office manager"], "stage": s["Consideration"], "title": "Calls the shop",
         **card},
        {"id": t["g"], "persona": p["Office manager"], "stage": s["Delivery"], "title": "Signs for the parcel",
         **card},  # JM005, JM007 (skips Purchase)
    ]
    kpis = {"Awareness": [{"name": "Reach", "target": 1000}],  # JM019
            "Consideration": [{"name": "Reviews read", "value": 1, "target": 10}]}  # JM020, JM021 (read on 1 January)
    f = {n: _id() for n in range(1, 9)}
    flows = [
        {"id": f[1], "source": t["a"], "target": t["b"]},
        {"id": f[2], "source": t["b"], "target": t["c"]},
        {"id": f[3], "source": t["b"], "target": t["b"]},  # JM001
        {"id": f[4], "source": t["a"], "target": t["b"], "kind": "alternative"},  # JM002
        {"id": f[5], "source": t["c"], "target": t["a"]},  # JM003, JM004
        {"id": f[6], "source": t["c"], "target": t["d"]},  # JM013 (skips Delivery)
        {"id": f[7], "source": t["e"], "target": t["f"]},
        {"id": f[8], "source": t["f"], "target": t["c"], "kind": "alternative"},  # JM016
    ]
    data = upgrade_map({
        "id": _id(), "title": "Corner bakery", "created": "2026-01-01T00:00:00Z",
        "modified": "2026-01-01T00:00:00Z", "review_by": "2026-11-01",  # JM014
        "personas": [{"id": i, "name": n} for n, i in p.items()],  # "Nobody yet": JM012
        "stages": [{"id": i, "name": n, "kpis": kpis.get(n, [])} for n, i in s.items()],  # "Referral": JM008
        "touchpoints": cards, "flows": flows,
    })
    late = data["touchpoints"][4]["opportunities"]  # "Comes back": one done, one open, late and for another pain
    late[0]["status"] = "done"
    late[1].update(status="planned", due="2026-11-01", addresses=[data["touchpoints"][2]["pain_points"][0]["id"]])
    the_map = Map.model_validate(data)
    titles = {c["id"]: c["title"] for c in cards}
    names = {i: f"“{n}”" for n, i in (*s.items(), *p.items())}
    names |= {c["id"]: f"“{' '.join(c['title'].split())}”" for c in cards}
    names |= {fl["id"]: f"“{titles[fl['source']].strip()}” → “{titles[fl['target']].strip()}”" for fl in flows}
    names[the_map.id] = "“Corner bakery”"
    return the_map, names


@pytest.fixture(scope="module")
def findings():
    the_map, names = everything_wrong()
    return the_map, names, check_map(the_map, today=TODAY)


def test_the_map_has_every_kind_of_problem(findings) -> None:
    _, _, problems = findings
    assert {p.code for p in problems} == set(RULES)


def test_no_message_shows_an_id(findings) -> None:
    _the_map, names, problems = findings
    for problem in problems:
        for element_id in names:
            assert element_id not in problem.message, problem


KPI_WORDS = re.compile(r"\b(off target|(a|its|their) targets?)\b")
"""A KPI's target is the editor's word for it (the KPI table's "Target" column), not a flow's end."""


def test_no_message_uses_graph_or_file_words(findings) -> None:
    _, _, problems = findings
    for problem in problems:
        own_words = re.sub(r"“[^”]*”", "", problem.message)  # (titles are the user's words)
        assert not JARGON.search(KPI_WORDS.sub("", own_words)), problem.message


def test_messages_are_sentences_that_quote_titles_typographically(findings) -> None:
    _, _, problems = findings
    for problem in problems:
        first = problem.message[:1]
        assert (first.isupper() or first.isdigit() or first == "“") and "\n" not in problem.message, problem.message
        assert '"' not in problem.message, problem.message
        assert problem.message.count("“") == problem.message.count("”"), problem.message
        assert problem.code == "JM014" or "“" in problem.message, "names what it is about"


def test_every_problem_names_its_elements_as_a_person_knows_them(findings) -> None:
    _, names, problems = findings
    for problem in problems:
        assert len(problem.names) == len(problem.elements), problem
        assert list(problem.names) == [names[e] for e in problem.elements], problem
        for element_id in names:
            assert all(element_id not in name for name in problem.names)


def test_the_names_of_a_flow_are_its_two_cards(findings) -> None:
    _, _, problems = findings
    [handover] = [p for p in problems if p.code == "JM016"]
    assert handover.names == ("“Calls the shop” → “Orders online”", "“Calls the shop”", "“Orders online”")


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("JM005", ("Nothing leads to “Signs for the parcel”: no flows reach it from the start of the journey. "
                   "Draw a flow to it from an earlier card")),
        ("JM007", ("The journey of “Office manager” skips stage “Purchase”: none of its cards are in that stage. "
                   "Add one if something happens there")),
        ("JM008", "Stage “Referral” has no cards yet: add what happens there, or delete the stage"),
        ("JM009", "“Orders online” has pain points but no opportunity: note what could make it better"),
        ("JM010", "“Reads reviews” has no emotion set: choose how the customer feels at this point"),
        ("JM011", "“Orders online” has no channel set: choose where it happens (website, phone, in store…)"),
        ("JM012", "Persona “Nobody yet” has no cards yet: add the moments of their journey, or delete the persona"),
        ("JM015", ("2 cards of “Busy parent” in stage “Purchase” have the same title “Orders online”: delete the "
                   "copy, or give each card its own title")),
        ("JM002", "2 flows go from “Sees an ad” to “Reads reviews”: one is enough, so delete the other one"),
        ("JM003", ("The flow from “Orders online” to “Sees an ad” goes back to an earlier stage (“Awareness”) but "
                   "is not marked as a loop: if going back is meant, set its kind to “Loop back”")),
    ],
)
def test_messages_say_what_is_wrong_and_what_to_do(findings, code: str, message: str) -> None:
    _, _, problems = findings
    assert message in [p.message for p in problems if p.code == code]


def test_the_rule_catalogue_is_plain_too() -> None:
    for code, (_, text) in RULES.items():
        assert not JARGON.search(KPI_WORDS.sub("", text)), (code, text)


def test_json_output_keeps_the_ids_the_editor_selects() -> None:
    the_map, _names = everything_wrong()
    for problem in check_map(the_map, today=TODAY):
        assert list(problem.to_json()) == ["code", "severity", "message", "elements"]
        assert problem.to_json()["elements"] == list(problem.elements)


_JAPANESE = "\u3040-\u30ff\u4e00-\u9fff"
_SPACED_BRACKET = re.compile(f"」 [{_JAPANESE}]|[{_JAPANESE}] 「")


def test_in_japanese_a_quoted_name_sits_in_the_sentence_without_spaces() -> None:
    """Japanese puts no space around 「…」: "ステージ「認知」には", not "ステージ 「認知」 には"."""
    from journeymapper.i18n import set_interface_language

    the_map, _names = everything_wrong()
    set_interface_language("ja")
    try:
        messages = [problem.message for problem in check_map(the_map, today=TODAY)]
    finally:
        set_interface_language("en")
    assert any("「" in message for message in messages)
    assert [m for m in messages if _SPACED_BRACKET.search(m)] == []
