"""The checker's public API: Problem, SEVERITIES, RULES, check_map's order and robustness."""

import dataclasses
import datetime
import json

import pytest

from journeymapper.check import RULES, SEVERITIES, Problem, check_map
from journeymapper.model import Flow, Map, Touchpoint

from .builders import fl, make_map, tp

# The table of docs/checks.md: codes never change meaning or severity once released.
SPEC_SEVERITIES = {
    "JM001": "error", "JM002": "error", "JM003": "warning", "JM004": "warning",
    "JM005": "warning", "JM006": "warning", "JM007": "warning", "JM008": "info",
    "JM009": "warning", "JM010": "info", "JM011": "info", "JM012": "info",
    "JM013": "info", "JM014": "info", "JM015": "warning", "JM016": "info",
    "JM017": "warning", "JM018": "info", "JM019": "info", "JM020": "info", "JM021": "info",
}  # fmt: skip


def test_rules_match_the_specification() -> None:
    assert SEVERITIES == ("error", "warning", "info")
    assert list(RULES) == sorted(SPEC_SEVERITIES)
    assert {code: severity for code, (severity, _) in RULES.items()} == SPEC_SEVERITIES
    for _, description in RULES.values():
        assert description and "\n" not in description


def test_problem_is_frozen_and_serialises_in_key_order() -> None:
    problem = Problem("JM006", "warning", 'Touchpoint "A" has no outgoing flow', ("t1", "p1"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        problem.code = "JM001"  # type: ignore[misc]
    as_json = problem.to_json()
    assert list(as_json) == ["code", "severity", "message", "elements"]
    assert as_json["elements"] == ["t1", "p1"]
    assert json.loads(json.dumps(as_json)) == as_json


def test_sorted_by_severity_then_code_then_map_position() -> None:
    m = make_map(
        [
            tp("d", "p1", "s3", channel=None),
            tp("a", "p1", "s1"),
            tp("b", "p1", "s1", emotion=None),
            tp("c", "p1", "s2", channel=None),
        ],
        [fl("f1", "a", "c"), fl("f2", "b", "b"), fl("f3", "c", "a"), fl("f4", "a", "c")],
        personas=("p1", "p2"),
        stages=("s1", "s2", "s3"),
        review_by="2000-01-01",
    )
    got = [(p.severity, p.code, p.elements) for p in check_map(m, today=datetime.date(2026, 1, 1))]
    assert got == [
        ("error", "JM001", ("f2", "b")),
        ("error", "JM002", ("f1", "f4", "a", "c")),
        ("warning", "JM003", ("f3", "c", "a")),
        ("warning", "JM004", ("a", "c", "f1", "f3", "f4")),
        ("warning", "JM005", ("d",)),
        ("warning", "JM006", ("b",)),
        ("info", "JM010", ("b",)),
        ("info", "JM011", ("d",)),
        ("info", "JM011", ("c",)),
        ("info", "JM012", ("p2",)),
        ("info", "JM014", ("m",)),
    ]


def test_messages_are_one_line_plain_text_naming_things_by_title() -> None:
    m = make_map(
        [tp("a", "p1", "s1", "<b>Sees\nthe\tad</b>"), tp("b", "p1", "s3", "x" * 300)],
        [fl("f1", "a", "b")],
    )
    problems = check_map(m)
    assert problems
    for problem in problems:
        assert "\n" not in problem.message and "\t" not in problem.message
    [skip] = [p for p in problems if p.code == "JM013"]
    assert skip.message.startswith("The flow from “<b>Sees the ad</b>” to “xxx")
    assert "x" * 60 not in skip.message, "a long title is shortened"


def test_empty_map_has_no_problem() -> None:
    assert check_map(make_map([], stages=(), personas=())) == []


def test_dangling_references_are_skipped_not_fatal() -> None:
    # The reader rejects such files; a map built in memory must still not crash the checker.
    good = make_map([tp("a", "p1", "s1"), tp("b", "p1", "s2")], [fl("f1", "a", "b")], stages=("s1", "s2"))
    broken = good.model_copy(
        update={
            "touchpoints": [*good.touchpoints, Touchpoint(id="z", persona="p9", stage="s1", title="Z")],
            "flows": [*good.flows, Flow(id="f9", source="a", target="nowhere")],
        }
    )
    ids = {"m", "p1", "s1", "s2", "a", "b", "z", "f1", "f9"}
    for problem in check_map(broken):
        assert set(problem.elements) <= ids
    assert check_map(broken) == check_map(good)


def test_check_does_not_change_the_map(clean: Map) -> None:
    before = clean.model_dump()
    check_map(clean)
    assert clean.model_dump() == before
