"""Each rule of docs/checks.md: it fires with exactly the right elements, and stays quiet on clean maps."""

import datetime

import pytest

from journeymapper.check import RULES, check_map
from journeymapper.model import Map

from .builders import elements, fl, make_map, only, tp

TODAY = datetime.date(2026, 11, 24)
ALL_CODES = sorted(RULES)


def fired(the_map: Map, code: str) -> list[tuple[str, ...]]:
    problems = only(check_map(the_map, today=TODAY), code)
    assert all(p.severity == RULES[code][0] for p in problems)
    return [p.elements for p in problems]


# Quiet on clean maps ---------------------------------------------------------


def test_the_clean_map_has_no_problem_at_all(clean: Map) -> None:
    assert check_map(clean, today=TODAY) == []


@pytest.mark.parametrize("code", ALL_CODES)
def test_quiet_on_the_clean_map(clean: Map, code: str) -> None:
    assert fired(clean, code) == []


@pytest.mark.parametrize("code", [c for c in ALL_CODES if c != "JM016"])
def test_quiet_on_the_clean_map_with_a_handover(handover: Map, code: str) -> None:
    assert fired(handover, code) == []


# Firing, one rule at a time ----------------------------------------------------


def test_jm001_self_loop_is_an_error() -> None:
    m = make_map([tp("a", "p1", "s1"), tp("b", "p1", "s2")], [fl("f1", "a", "b"), fl("f2", "b", "b", "loop")])
    [problem] = only(check_map(m), "JM001")
    assert (problem.severity, problem.elements) == ("error", ("f2", "b"))
    assert problem.message == "A flow goes from “Card b” back to the same card: delete it, or draw it to another card"


def test_jm002_one_problem_per_repeated_pair_naming_every_flow() -> None:
    m = make_map(
        [tp("a", "p1", "s1"), tp("b", "p1", "s2"), tp("c", "p1", "s3")],
        [
            fl("f1", "a", "b"),
            fl("f2", "b", "c"),
            fl("f3", "a", "b", "alternative"),
            fl("f4", "b", "c"),
            fl("f5", "a", "b", "loop"),
        ],
    )
    assert fired(m, "JM002") == [("f1", "f3", "f5", "a", "b"), ("f2", "f4", "b", "c")]
    assert only(check_map(m), "JM002")[0].severity == "error"


def test_jm002_repeated_self_loop_names_the_touchpoint_once() -> None:
    m = make_map([tp("a", "p1", "s1")], [fl("f1", "a", "a"), fl("f2", "a", "a")])
    assert fired(m, "JM002") == [("f1", "f2", "a")]


def test_jm003_backward_flow_that_is_not_a_loop() -> None:
    m = make_map(
        [tp("a", "p1", "s1"), tp("b", "p1", "s2"), tp("c", "p1", "s3"), tp("d", "p1", "s4")],
        [
            fl("f1", "a", "b"),
            fl("f2", "b", "c"),
            fl("f3", "c", "d"),
            fl("f4", "c", "a", "alternative"),
            fl("f5", "d", "b", "next"),
            fl("f6", "d", "a", "loop"),
        ],
    )
    assert fired(m, "JM003") == [("f4", "c", "a"), ("f5", "d", "b")]


def test_jm003_quiet_within_one_stage() -> None:
    m = make_map([tp("a", "p1", "s1"), tp("b", "p1", "s1")], [fl("f1", "b", "a")])
    assert fired(m, "JM003") == []


def test_jm004_cycle_without_loop_flow() -> None:
    m = make_map(
        [tp("a", "p1", "s1"), tp("b", "p1", "s2"), tp("c", "p1", "s3")],
        [fl("f1", "a", "b"), fl("f2", "b", "c"), fl("f3", "c", "a", "alternative")],
    )
    assert fired(m, "JM004") == [("a", "b", "c", "f1", "f2", "f3")]


def test_jm004_a_loop_flow_breaks_the_cycle() -> None:
    m = make_map(
        [tp("a", "p1", "s1"), tp("b", "p1", "s2"), tp("c", "p1", "s3")],
        [fl("f1", "a", "b"), fl("f2", "b", "c"), fl("f3", "c", "a", "loop")],
    )
    assert fired(m, "JM004") == []


def test_jm004_cycle_within_one_stage() -> None:
    m = make_map([tp("a", "p1", "s1"), tp("b", "p1", "s1")], [fl("f1", "a", "b"), fl("f2", "b", "a")])
    assert fired(m, "JM004") == [("a", "b", "f1", "f2")]


def test_jm004_two_separate_cycles_are_two_problems() -> None:
    m = make_map(
        [tp("a", "p1", "s1"), tp("b", "p1", "s2"), tp("c", "p1", "s3"), tp("d", "p1", "s4")],
        [fl("f1", "c", "d"), fl("f2", "d", "c"), fl("f3", "b", "c"), fl("f4", "a", "b"), fl("f5", "b", "a")],
    )
    assert fired(m, "JM004") == [("a", "b", "f4", "f5"), ("c", "d", "f1", "f2")]


def test_jm004_finds_the_loopless_cycle_inside_a_loop() -> None:
    # a -> b -> c -loop-> a is fine, but b -> a (not a loop) closes a cycle of its own.
    m = make_map(
        [tp("a", "p1", "s1"), tp("b", "p1", "s2"), tp("c", "p1", "s3")],
        [
            fl("f1", "a", "b"),
            fl("f2", "b", "c"),
            fl("f3", "c", "a", "loop"),
            fl("f4", "b", "a", "alternative"),
        ],
    )
    assert fired(m, "JM004") == [("a", "b", "f1", "f4")]


def test_jm004_a_pair_with_any_non_loop_flow_counts() -> None:
    m = make_map(
        [tp("a", "p1", "s1"), tp("b", "p1", "s2")],
        [fl("f1", "a", "b"), fl("f2", "b", "a", "loop"), fl("f3", "b", "a", "next")],
    )
    assert fired(m, "JM004") == [("a", "b", "f1", "f3")]


def test_jm004_ignores_self_loops() -> None:
    m = make_map([tp("a", "p1", "s1"), tp("b", "p1", "s2")], [fl("f1", "a", "b"), fl("f2", "b", "b")])
    assert fired(m, "JM004") == []


def test_jm004_crosses_personas() -> None:
    m = make_map(
        [tp("a", "p1", "s1"), tp("b", "p2", "s2")],
        [fl("f1", "a", "b"), fl("f2", "b", "a", "alternative")],
        personas=("p1", "p2"),
    )
    assert fired(m, "JM004") == [("a", "b", "f1", "f2")]


def test_jm004_names_a_long_cycle_briefly() -> None:
    ids = [f"t{i}" for i in range(6)]
    m = make_map(
        [tp(t, "p1", "s1") for t in ids],
        [fl(f"f{i}", ids[i], ids[(i + 1) % 6]) for i in range(6)],
    )
    [problem] = only(check_map(m), "JM004")
    assert problem.elements == (*ids, *[f"f{i}" for i in range(6)])
    assert "“Card t0”, “Card t1”, “Card t2” and 3 more" in problem.message


def test_jm005_touchpoint_no_path_reaches() -> None:
    m = make_map(
        [tp("a", "p1", "s1"), tp("b", "p1", "s2"), tp("c", "p1", "s2"), tp("d", "p1", "s3")],
        [fl("f1", "a", "b"), fl("f2", "c", "d"), fl("f3", "b", "d")],
    )
    assert fired(m, "JM005") == [("c",)]


def test_jm005_everything_an_unreached_touchpoint_leads_to_is_unreached() -> None:
    m = make_map(
        [tp("a", "p1", "s1"), tp("b", "p1", "s2"), tp("c", "p1", "s3"), tp("d", "p1", "s4")],
        [fl("f1", "a", "b"), fl("f2", "c", "d"), fl("f3", "d", "c", "loop")],
    )
    assert fired(m, "JM005") == [("c",), ("d",)]


def test_jm005_paths_may_cross_personas() -> None:
    # p2 starts in s1 at "x"; its s3 card "z" is reached only through p1's lane.
    cards = [tp("a", "p1", "s1"), tp("b", "p1", "s2")]
    cards += [tp("x", "p2", "s1"), tp("y", "p2", "s2"), tp("z", "p2", "s3")]
    flows = [fl("f1", "a", "b"), fl("f2", "x", "y")]
    assert fired(make_map(cards, flows, personas=("p1", "p2")), "JM005") == [("z",)]
    handed_over = [*flows, fl("f3", "b", "z", "alternative")]
    assert fired(make_map(cards, handed_over, personas=("p1", "p2")), "JM005") == []


def test_jm005_entry_is_the_persona_s_first_occupied_stage() -> None:
    # p2 starts in s3: its cards there are entries even though s1 and s2 exist.
    cards = [tp("a", "p1", "s1"), tp("b", "p1", "s2"), tp("y", "p2", "s3"), tp("z", "p2", "s4")]
    m = make_map(cards, [fl("f1", "a", "b"), fl("f2", "y", "z")], personas=("p1", "p2"))
    assert fired(m, "JM005") == []


def test_jm005_quiet_for_a_persona_without_flows() -> None:
    cards = [tp("a", "p1", "s1"), tp("b", "p1", "s2"), tp("y", "p2", "s1"), tp("z", "p2", "s2")]
    m = make_map(cards, [fl("f1", "a", "b")], personas=("p1", "p2"))
    assert fired(m, "JM005") == []


def test_jm006_dead_end_before_the_last_stage() -> None:
    m = make_map(
        [tp("a", "p1", "s1"), tp("b", "p1", "s2"), tp("c", "p1", "s3"), tp("d", "p1", "s3")],
        [fl("f1", "a", "b"), fl("f2", "a", "c", "alternative"), fl("f3", "b", "b")],
    )
    # b only points at itself, which is no way out; c and d are in the last stage.
    assert fired(m, "JM006") == [("b",)]
    [problem] = only(check_map(m), "JM006")
    assert problem.message == (
        "The journey stops at “Card b”: no flow leads on from it before the last stage (a dead end). "
        "Draw a flow to what happens next"
    )


def test_jm006_a_loop_flow_is_a_way_out() -> None:
    m = make_map(
        [tp("a", "p1", "s1"), tp("b", "p1", "s2"), tp("c", "p1", "s3")],
        [fl("f1", "a", "b"), fl("f2", "b", "a", "loop"), fl("f3", "a", "c", "alternative")],
    )
    assert fired(m, "JM006") == []


def test_jm006_last_stage_is_per_persona() -> None:
    # p2's last occupied stage is s2, so its s2 card is no dead end; p1's s2 card is.
    cards = [tp("a", "p1", "s1"), tp("b", "p1", "s2"), tp("c", "p1", "s3")]
    cards += [tp("x", "p2", "s1"), tp("y", "p2", "s2")]
    flows = [fl("f1", "a", "b"), fl("f2", "a", "c", "alternative"), fl("f3", "x", "y")]
    assert fired(make_map(cards, flows, personas=("p1", "p2")), "JM006") == [("b",)]


def test_jm006_quiet_for_a_persona_without_flows() -> None:
    cards = [tp("a", "p1", "s1"), tp("b", "p1", "s2"), tp("y", "p2", "s1"), tp("z", "p2", "s2")]
    m = make_map(cards, [fl("f1", "a", "b")], personas=("p1", "p2"))
    assert fired(m, "JM006") == []


def test_jm007_one_problem_per_skipped_stage() -> None:
    cards = [tp("a", "p1", "s1"), tp("d", "p1", "s4"), tp("x", "p2", "s2"), tp("y", "p2", "s3")]
    m = make_map(cards, personas=("p1", "p2"))
    assert fired(m, "JM007") == [("p1", "s2"), ("p1", "s3")]


def test_jm008_empty_stage() -> None:
    m = make_map([tp("a", "p1", "s1"), tp("b", "p1", "s2"), tp("d", "p1", "s4")])
    assert fired(m, "JM008") == [("s3",)]


def test_jm009_pain_points_without_opportunity() -> None:
    pain = [{"text": "Slow", "severity": "low"}]
    fix = [{"text": "Faster", "priority": "low"}]
    m = make_map(
        [
            tp("a", "p1", "s1", pain_points=pain),
            tp("b", "p1", "s1", pain_points=pain, opportunities=fix),
            tp("c", "p1", "s1", opportunities=fix),
        ],
        stages=("s1",),
    )
    assert fired(m, "JM009") == [("a",)]


def test_jm010_no_emotion_but_neutral_is_an_emotion() -> None:
    m = make_map([tp("a", "p1", "s1", emotion=None), tp("b", "p1", "s1", emotion=0)], stages=("s1",))
    assert fired(m, "JM010") == [("a",)]


def test_jm011_no_channel() -> None:
    m = make_map([tp("a", "p1", "s1"), tp("b", "p1", "s1", channel=None)], stages=("s1",))
    assert fired(m, "JM011") == [("b",)]


def test_jm012_persona_without_touchpoints() -> None:
    m = make_map([tp("a", "p2", "s1")], personas=("p1", "p2", "p3"), stages=("s1",))
    assert fired(m, "JM012") == [("p1",), ("p3",)]


def test_jm013_next_flow_skipping_a_stage() -> None:
    m = make_map(
        [tp("a", "p1", "s1"), tp("b", "p1", "s2"), tp("c", "p1", "s3"), tp("d", "p1", "s4")],
        [
            fl("f1", "a", "c", "next"),
            fl("f2", "a", "d", "alternative"),
            fl("f3", "a", "b", "next"),
            fl("f4", "b", "d", "next"),
            fl("f5", "a", "d", "next"),
        ],
    )
    assert fired(m, "JM013") == [("f1", "a", "c"), ("f4", "b", "d"), ("f5", "a", "d")]
    messages = [p.message for p in only(check_map(m), "JM013")]
    assert "skips stage “Stage s2”: add the missing step" in messages[0]
    assert "skips 2 stages: add the missing step" in messages[2]


def test_jm014_review_date_passed() -> None:
    m = make_map([tp("a", "p1", "s1")], stages=("s1",), review_by="2026-11-23")
    [problem] = only(check_map(m, today=datetime.date(2026, 11, 24)), "JM014")
    assert (problem.severity, problem.elements) == ("info", ("m",))
    assert problem.message.startswith("This map was due for review on 23 November 2026: ")


def test_jm014_today_is_injected() -> None:
    m = make_map([tp("a", "p1", "s1")], stages=("s1",), review_by="2026-11-23")
    assert only(check_map(m, today=datetime.date(2026, 11, 23)), "JM014") == []
    assert only(check_map(m, today=datetime.date(2020, 1, 1)), "JM014") == []
    assert len(only(check_map(m, today=datetime.date(2030, 1, 1)), "JM014")) == 1


def test_jm014_today_defaults_to_the_local_date() -> None:
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    overdue = make_map([tp("a", "p1", "s1")], stages=("s1",), review_by=yesterday.isoformat())
    due = make_map([tp("a", "p1", "s1")], stages=("s1",), review_by=tomorrow.isoformat())
    never = make_map([tp("a", "p1", "s1")], stages=("s1",))
    assert elements(check_map(overdue), "JM014") == [("m",)]
    assert elements(check_map(due), "JM014") == []
    assert elements(check_map(never), "JM014") == []


def test_jm015_same_title_in_one_cell_trimmed_and_case_insensitive() -> None:
    m = make_map(
        [
            tp("a", "p1", "s1", "Orders online"),
            tp("b", "p1", "s2", "Orders online"),  # another cell
            tp("c", "p1", "s1", "  orders ONLINE "),
            tp("d", "p2", "s1", "Orders online"),  # another lane
            tp("e", "p1", "s1", "Orders"),
            tp("f", "p1", "s1", "Strasse"),
            tp("g", "p1", "s1", "straße"),  # casefold, not lower
            tp("h", "p1", "s1", "ORDERS ONLINE"),
        ],
        personas=("p1", "p2"),
        stages=("s1", "s2"),
    )
    assert fired(m, "JM015") == [("a", "c", "h"), ("f", "g")]


def test_jm016_handover_between_personas() -> None:
    m = make_map(
        [tp("a", "p1", "s1"), tp("b", "p2", "s2"), tp("c", "p2", "s3")],
        [fl("f1", "a", "b", "alternative"), fl("f2", "b", "c")],
        personas=("p1", "p2"),
    )
    assert fired(m, "JM016") == [("f1", "a", "b")]


def test_every_code_has_a_firing_test() -> None:
    from . import test_plan_rules  # (the plan rules, JM017-JM021, are tested there)

    names = [*globals(), *vars(test_plan_rules)]
    tested = {name[5:10].upper() for name in names if name.startswith("test_jm")}
    assert tested == set(RULES)
