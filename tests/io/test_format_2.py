"""Format 2: every format 1 file opens through the one migration step with nothing lost, and files from
a newer journeymapper open read-only when they say this version shows them faithfully.

Written from the format 2 brief and docs/jmap-format.md: each v1 field has a v2 home (checked field by
field on every v1 file of the test corpus, including the templates and the example map as format 1
shipped them, and on generated v1 maps); ids given by the migration are deterministic, unique and
valid, even for a card whose id is 64 characters or a map that already uses `t1.p1` for something
else; a file of format 3 loses only what format 2 does not know, and says where.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from journeymapper.io import LoadError, dumps, load_bytes, migrations
from journeymapper.io.upgrade_1_to_2 import V2_ONLY_KEYS
from journeymapper.model.types import ID_PATTERN

from .helpers import (
    SHIPPED_V1,
    UPGRADES,
    V1_KEYS,
    V2_FULL,
    V2_SPEC_GOLDEN,
    encode,
    spec_envelope,
    spec_v1_envelope,
    with_running_version,
)
from .strategies import raw_v1_maps, v1_envelope

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = sorted([*ROOT.glob("resources/examples/*.jmap"), *ROOT.glob("resources/templates/*.jmap")])
STILL_V1 = [path for path in RESOURCES if json.loads(path.read_bytes()).get("schema_version") == 1]
"""Files journeymapper ships that are still format 1 (none since they were upgraded: the format 1
copies in tests/data/v1/shipped stand for them)."""
V1_FILES = [*sorted(UPGRADES), *SHIPPED_V1, *STILL_V1]
PROPERTIES = settings(max_examples=60, deadline=None, database=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
NEWER = ("This map was saved by a newer version of journeymapper: update journeymapper to open it. "
         "(saved by a newer journeymapper: file format 3, this version reads up to 2)")


def _upgraded(envelope: dict[str, Any]) -> dict[str, Any]:
    """The raw v2 envelope the real step makes of a v1 one."""
    return migrations.migrate(copy.deepcopy(envelope), 1)


def _saved(envelope: dict[str, Any]) -> dict[str, Any]:
    """What journeymapper saves for a v1 envelope: load (upgrading it), then write (as JSON data)."""
    loaded = load_bytes(encode(envelope))
    assert loaded.schema_version == 1 and loaded.upgraded
    return json.loads(dumps(loaded.map, loaded.view))


def _instant(text: str) -> datetime:
    """An RFC 3339 timestamp as an instant, in whole seconds (as the file keeps it)."""
    text = text.replace("z", "Z").replace("t", "T").replace(" ", "T")
    text = text[:17] + "59" + text[19:] if text[17:19] == "60" else text
    return datetime.fromisoformat(text).astimezone(UTC).replace(microsecond=0)


# -- nothing lost: every v1 key, found in its v2 home ------------------------------------------------------------
V1_DEFAULTS: dict[str, dict[str, Any]] = {
    "map": {"description": "", "owner": "", "review_by": None, "personas": [], "stages": [], "touchpoints": [],
            "flows": []},
    "persona": {"segment": "", "description": "", "goals": [], "needs": [], "frustrations": [], "color": "#2E86AB"},
    "stage": {"description": "", "goal": "", "kpis": []},
    "kpi": {"value": None, "target": None, "unit": ""},
    "touchpoint": {"channel": None, "action": "", "thoughts": "", "emotion": None, "pain_points": [],
                   "opportunities": [], "owner": "", "evidence": "assumed", "source": "", "notes": ""},
    "pain_point": {"severity": "medium"},
    "opportunity": {"priority": "medium"},
    "flow": {"label": "", "kind": "next"},
    "envelope": {"app_version": "", "view": {}},
}
"""Format 1's defaults for the keys a v1 file may leave out."""
V2_DEFAULTS: dict[str, dict[str, Any]] = {
    "map": {"language": "", "state": "current", "based_on": None},
    "persona": {"evidence": "assumed", "source": "", "quotes": []},
    "kpi": {"direction": "higher"},
    "touchpoint": {"quotes": []},
    "opportunity": {"status": "idea", "owner": "", "due": None, "effort": None, "addresses": []},
}
"""What the migration gives each field format 2 adds (v1 said nothing of them)."""


def _same(v1_value: Any, v2_value: Any, where: str) -> None:
    """Equal, and of the same JSON type: 2 stays 2, 2.0 stays 2.0."""
    assert v2_value == v1_value and type(v2_value) is type(v1_value), f"{where}: {v1_value!r} -> {v2_value!r}"


def _check_object(kind: str, v1: dict[str, Any], v2: dict[str, Any], where: str, day: str) -> None:
    """Each key of a v1 object of `kind` is found in the v2 object (its own key unless said below)."""
    for key in V1_KEYS[kind]:
        value = v1[key] if key in v1 else V1_DEFAULTS[kind][key]
        here = f"{where}.{key}"
        if kind == "map" and key in ("created", "modified"):
            assert _instant(v2[key]) == _instant(value), here
        elif kind == "map" and key in ("personas", "stages", "touchpoints", "flows"):
            inner = {"personas": "persona", "stages": "stage", "touchpoints": "touchpoint", "flows": "flow"}[key]
            assert len(v2[key]) == len(value), here
            for n, (old, new) in enumerate(zip(value, v2[key])):
                _check_object(inner, old, new, f"{here}[{n}]", day)
        elif (kind, key) in (("stage", "kpis"), ("touchpoint", "pain_points"), ("touchpoint", "opportunities")):
            inner = {"kpis": "kpi", "pain_points": "pain_point", "opportunities": "opportunity"}[key]
            assert len(v2[key]) == len(value), here
            for n, (old, new) in enumerate(zip(value, v2[key])):
                _check_object(inner, old, new, f"{here}[{n}]", day)
        elif kind == "kpi" and key == "value":  # its one reading, dated the day the map was last modified
            expected = [] if value is None else [{"date": day, "value": value, "note": ""}]
            assert v2["readings"] == expected, here
            if value is not None:
                _same(value, v2["readings"][0]["value"], here)
        else:
            _same(value, v2[key], here)
    for key, default in V2_DEFAULTS.get(kind, {}).items():
        assert v2[key] == default, f"{where}.{key}"


def assert_nothing_lost(v1_envelope: dict[str, Any], v2_envelope: dict[str, Any]) -> None:
    """Every value of the v1 file is in its v2 home, in the same order; new fields are their defaults."""
    day = _instant(v1_envelope["map"]["modified"]).date().isoformat()
    for key in V1_KEYS["envelope"]:
        if key == "map":
            _check_object("map", v1_envelope["map"], v2_envelope["map"], "map", day)
        elif key == "schema_version":
            assert v2_envelope[key] == 2 and v2_envelope["readable_by"] == 2
        elif key == "app_version":
            continue  # (informational: a save writes the running version)
        else:
            _same(v1_envelope[key] if key in v1_envelope else V1_DEFAULTS["envelope"][key], v2_envelope[key], key)


def _v1_keys_used(envelope: dict[str, Any]) -> set[tuple[str, str]]:
    """(kind of object, key) for every key a v1 envelope holds."""
    the_map = envelope["map"]
    used = {("envelope", key) for key in envelope} | {("map", key) for key in the_map}
    kinds = (("personas", "persona"), ("stages", "stage"), ("touchpoints", "touchpoint"), ("flows", "flow"))
    for key, kind in kinds:
        for element in the_map.get(key, []):
            used |= {(kind, k) for k in element}
    for stage in the_map.get("stages", []):
        used |= {("kpi", k) for kpi in stage.get("kpis", []) for k in kpi}
    for card in the_map.get("touchpoints", []):
        used |= {("pain_point", k) for item in card.get("pain_points", []) for k in item}
        used |= {("opportunity", k) for item in card.get("opportunities", []) for k in item}
    return used


def test_the_check_covers_every_key_of_format_1() -> None:
    """The check walks V1_KEYS: a key of a v1 file missing there would be a field whose loss goes unseen.
    Every key the corpus uses is in it, and every key in it is used somewhere in the corpus."""
    used = set().union(*(_v1_keys_used(json.loads(path.read_bytes())) for path in V1_FILES))
    listed = {(kind, key) for kind, keys in V1_KEYS.items() for key in keys}
    assert used == listed
    for kind, defaults in V1_DEFAULTS.items():
        assert set(defaults) <= set(V1_KEYS[kind]), kind


V1_EDGES = {
    "offset-fraction-and-lower-case": {("map", "created"): "2026-11-23t10:00:00.999+05:30",
                                       ("map", "modified"): "2026-12-31T23:30:00-01:00"},
    "leap-second": {("map", "modified"): "2026-12-31T23:59:60Z"},
    "whole-and-huge-kpi-values": {("map", "stages", 1, "kpis"): [
        {"name": "Zero", "value": 0}, {"name": "Minus zero", "value": -0.0}, {"name": "Huge", "value": 10**30},
        {"name": "Target only", "target": 5}, {"name": "Nothing", "value": None, "target": None}]},
    "keys-left-out": {("map", "touchpoints", 1): {"id": "t2", "persona": "p1", "stage": "s2", "title": "T",
                                                  "pain_points": [{"text": "p"}], "opportunities": [{"text": "o"}]}},
}
"""v1 files other tests build (tests/io/test_bad_files.py, test_roundtrip.py) in the forms a strategy misses."""


@pytest.mark.parametrize("edge", sorted(V1_EDGES))
def test_nothing_of_a_v1_edge_case_is_lost(edge: str) -> None:
    envelope = spec_v1_envelope()
    for path, value in V1_EDGES[edge].items():
        node = envelope
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
    saved = _saved(envelope)
    assert_nothing_lost(envelope, saved)
    _assert_ids_unique_and_valid(saved["map"])


@pytest.mark.parametrize("path", V1_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_nothing_of_a_v1_file_is_lost(path: Path) -> None:
    envelope = json.loads(path.read_bytes())
    assert envelope["schema_version"] == 1
    assert_nothing_lost(envelope, _saved(envelope))
    assert_nothing_lost(envelope, _upgraded(envelope))


def test_the_corpus_holds_what_a_v1_file_may_say() -> None:
    """The files above are not a trivial corpus: KPI values of each kind, items, flows of each kind."""
    envelopes = [json.loads(path.read_bytes()) for path in V1_FILES]
    kpis = [k for e in envelopes for s in e["map"]["stages"] for k in s.get("kpis", [])]
    cards = [c for e in envelopes for c in e["map"]["touchpoints"]]
    assert len(SHIPPED_V1) >= 12
    assert {type(k.get("value")) for k in kpis} >= {int, float, type(None)}
    assert sum(len(c.get("pain_points", [])) for c in cards) > 20
    assert sum(len(c.get("opportunities", [])) for c in cards) > 20
    assert {f["kind"] for e in envelopes for f in e["map"]["flows"]} == {"next", "alternative", "loop"}


@PROPERTIES
@given(raw_v1_maps())
def test_nothing_of_a_generated_v1_map_is_lost(raw: dict[str, Any]) -> None:
    envelope = v1_envelope(raw)
    assert_nothing_lost(envelope, _saved(envelope))


def test_the_no_loss_check_can_fail() -> None:
    """The check itself sees a lost value, a changed type and a wrong reading date."""
    envelope = spec_v1_envelope()
    for spoil in (
        lambda e: e["map"]["touchpoints"][1]["pain_points"][0].update(severity="low"),
        lambda e: e["map"]["stages"][1]["kpis"][0]["readings"][0].update(value=2),
        lambda e: e["map"]["stages"][1]["kpis"][0]["readings"][0].update(date="2026-11-22"),
        lambda e: e["map"]["touchpoints"][1]["opportunities"][0].update(status="planned"),
        lambda e: e["map"]["personas"][0].update(goals=[]),
    ):
        upgraded = _upgraded(envelope)
        spoil(upgraded)
        with pytest.raises(AssertionError):
            assert_nothing_lost(envelope, upgraded)


def test_the_reading_is_dated_the_utc_day_of_the_last_change() -> None:
    """The day the upgraded file's `modified` shows (it is written in UTC), not the local day."""
    envelope = spec_v1_envelope()
    envelope["map"]["modified"] = "2026-11-23T23:30:00-05:00"
    saved = _saved(envelope)
    assert saved["map"]["modified"] == "2026-11-24T04:30:00Z"
    assert saved["map"]["stages"][1]["kpis"][0]["readings"] == [{"date": "2026-11-24", "value": 2.1, "note": ""}]


# -- ids: deterministic, unique, valid --------------------------------------------------------------------------
def _all_ids(the_map: dict[str, Any]) -> list[str]:
    """Every id in the one id space: elements, then KPIs, pain points, opportunities and quotes."""
    ids = [e["id"] for key in ("personas", "stages", "touchpoints", "flows") for e in the_map[key]]
    ids += [k["id"] for s in the_map["stages"] for k in s["kpis"]]
    ids += [i["id"] for c in the_map["touchpoints"] for key in ("pain_points", "opportunities", "quotes")
            for i in c[key]]
    ids += [q["id"] for p in the_map["personas"] for q in p["quotes"]]
    return ids


def _assert_ids_unique_and_valid(the_map: dict[str, Any]) -> None:
    ids = _all_ids(the_map)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert all(ID_PATTERN.fullmatch(i) for i in ids), [i for i in ids if not ID_PATTERN.fullmatch(i)]


@pytest.mark.parametrize("path", V1_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_upgrading_a_v1_file_twice_gives_the_same_ids_and_bytes(path: Path) -> None:
    data = path.read_bytes()
    envelope = json.loads(data)
    first, second = _upgraded(envelope), _upgraded(envelope)
    assert json.dumps(first) == json.dumps(second)
    assert envelope == json.loads(data), "the step changed its input"
    once, twice = load_bytes(data), load_bytes(data)
    assert dumps(once.map, once.view) == dumps(twice.map, twice.view)
    _assert_ids_unique_and_valid(_saved(envelope)["map"])


@PROPERTIES
@given(raw_v1_maps())
def test_generated_v1_maps_get_deterministic_unique_valid_ids(raw: dict[str, Any]) -> None:
    envelope = v1_envelope(raw)
    assert json.dumps(_upgraded(envelope)) == json.dumps(_upgraded(envelope))
    _assert_ids_unique_and_valid(_saved(envelope)["map"])


def test_items_get_ids_from_their_card_and_stage_and_their_place() -> None:
    upgraded = _upgraded(spec_v1_envelope())["map"]
    assert upgraded["stages"][1]["kpis"][0]["id"] == "s2.k1"
    card = upgraded["touchpoints"][1]
    assert (card["pain_points"][0]["id"], card["opportunities"][0]["id"]) == ("t2.p1", "t2.o1")


def _card(card_id: str, pains: int = 1, chances: int = 1) -> dict[str, Any]:
    return {"id": card_id, "persona": "p1", "stage": "s1", "title": "Card",
            "pain_points": [{"text": f"pain {n}"} for n in range(pains)],
            "opportunities": [{"text": f"idea {n}"} for n in range(chances)]}


def _v1_with(cards: list[dict[str, Any]], stage_id: str = "s1", kpis: int = 0, flows: list[str] = ()) -> dict:
    """A v1 envelope with these cards (in lane p1, column `stage_id`) and flows of these ids (t1 -> t1)."""
    envelope = spec_v1_envelope()
    the_map = envelope["map"]
    the_map["stages"] = [{"id": stage_id, "name": "Stage", "kpis": [{"name": f"K{n}", "value": n}
                                                                     for n in range(kpis)]}]
    for card in cards:
        card["stage"] = stage_id
    the_map["touchpoints"] = cards
    the_map["flows"] = [{"id": fid, "source": cards[0]["id"], "target": cards[0]["id"]} for fid in flows]
    return envelope


def test_a_card_id_of_64_characters_gives_items_valid_stand_in_ids() -> None:
    long_a, long_b = "a" * 64, "a" * 63 + "b"
    envelope = _v1_with([_card(long_a, pains=2), _card(long_b)], stage_id="s" * 64, kpis=2)
    the_map = _saved(envelope)["map"]
    _assert_ids_unique_and_valid(the_map)
    a, b = the_map["touchpoints"]
    pains_a = [p["id"] for p in a["pain_points"]]
    assert all(i.startswith("x") and len(i) < 64 for i in [*pains_a, b["pain_points"][0]["id"]])
    assert pains_a[0].endswith(".p1") and pains_a[1].endswith(".p2") and a["opportunities"][0]["id"].endswith(".o1")
    assert pains_a[0][:21] != b["pain_points"][0]["id"][:21], "two long cards get different stand-ins"
    assert [k["id"][-3:] for k in the_map["stages"][0]["kpis"]] == [".k1", ".k2"]
    assert _saved(envelope)["map"] == the_map, "the same long id gives the same stand-in every time"


def test_an_item_id_of_exactly_64_characters_is_kept_in_the_plain_form() -> None:
    card_id = "c" * 61  # "<61>.p1" is 64 characters; "<61>.p10" would be 65
    the_map = _saved(_v1_with([_card(card_id, pains=10)]))["map"]
    ids = [p["id"] for p in the_map["touchpoints"][0]["pain_points"]]
    assert ids[0] == card_id + ".p1" and len(ids[0]) == 64
    assert ids[9].startswith("x") and ids[9].endswith(".p10")
    _assert_ids_unique_and_valid(the_map)


def test_an_id_the_map_already_uses_gets_a_suffix() -> None:
    """A v1 map that already has an element `t1.p1` (a flow here, and a card `t1.p1-2`)."""
    envelope = _v1_with([_card("t1", pains=2), _card("t1.p1-2", pains=0, chances=0)], flows=["t1.p1"])
    the_map = _saved(envelope)["map"]
    assert [p["id"] for p in the_map["touchpoints"][0]["pain_points"]] == ["t1.p1-3", "t1.p2"]
    assert the_map["flows"][0]["id"] == "t1.p1" and the_map["touchpoints"][1]["id"] == "t1.p1-2"
    _assert_ids_unique_and_valid(the_map)


def test_a_card_named_like_another_cards_item_does_not_collide() -> None:
    """Card `a` would give `a.p1`, which is card `a.p1`'s id; card `a.p1`'s own item is `a.p1.p1`."""
    the_map = _saved(_v1_with([_card("a"), _card("a.p1")]))["map"]
    assert [c["pain_points"][0]["id"] for c in the_map["touchpoints"]] == ["a.p1-2", "a.p1.p1"]
    _assert_ids_unique_and_valid(the_map)


def test_a_taken_id_of_64_characters_does_not_become_too_long() -> None:
    """`<61 chars>.p1` is exactly 64 characters; when a card already has that id, `-2` would make 66."""
    base = "c" * 61
    the_map = _saved(_v1_with([_card(base, chances=0), _card(base + ".p1", pains=0, chances=0)]))["map"]
    given_id = the_map["touchpoints"][0]["pain_points"][0]["id"]
    assert given_id != base + ".p1" and given_id.startswith("x") and given_id.endswith(".p1")
    _assert_ids_unique_and_valid(the_map)


# -- the goldens ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("v1", sorted(UPGRADES), ids=lambda p: p.name)
def test_the_raw_step_gives_the_v2_golden(v1: Path) -> None:
    """The step alone (no model in between) already gives the golden's JSON, key for key."""
    upgraded = _upgraded(json.loads(v1.read_bytes()))
    assert upgraded == json.loads(UPGRADES[v1].read_bytes())
    assert list(upgraded)[:3] == ["format", "schema_version", "readable_by"]


# -- format 1 stays strict ---------------------------------------------------------------------------------------
KPI1 = "Stage “Purchase”, KPI 1 “Conversion rate”"
PAIN1 = "Card “Orders on the website”, pain point 1"
IDEA1 = "Card “Orders on the website”, opportunity 1"
V2_KEY_IN_V1 = [  # (where, a value format 2 would take, the place the message names)
    (("readable_by",), 2, "The file"),
    (("map", "language"), "en", "The map"),
    (("map", "state"), "current", "The map"),
    (("map", "based_on"), None, "The map"),
    (("map", "personas", 0, "evidence"), "assumed", "Persona “Busy parent”"),
    (("map", "personas", 0, "source"), "", "Persona “Busy parent”"),
    (("map", "personas", 0, "quotes"), [], "Persona “Busy parent”"),
    (("map", "stages", 1, "kpis", 0, "id"), "k1", KPI1),
    (("map", "stages", 1, "kpis", 0, "direction"), "lower", KPI1),
    (("map", "stages", 1, "kpis", 0, "readings"), [], KPI1),
    (("map", "touchpoints", 0, "quotes"), [], "Card “Sees a friend's cake photo”"),
    (("map", "touchpoints", 1, "pain_points", 0, "id"), "p9", PAIN1),
    (("map", "touchpoints", 1, "opportunities", 0, "id"), "o1", IDEA1),
    (("map", "touchpoints", 1, "opportunities", 0, "status"), "done", IDEA1),
    (("map", "touchpoints", 1, "opportunities", 0, "owner"), "Sam", IDEA1),
    (("map", "touchpoints", 1, "opportunities", 0, "due"), None, IDEA1),
    (("map", "touchpoints", 1, "opportunities", 0, "effort"), "low", IDEA1),
    (("map", "touchpoints", 1, "opportunities", 0, "addresses"), [], IDEA1),
]


def test_every_key_format_2_adds_is_tried_in_a_v1_file() -> None:
    assert sorted(path[-1] for path, _, _ in V2_KEY_IN_V1) == sorted(k for keys in V2_ONLY_KEYS.values() for k in keys)


@pytest.mark.parametrize(("path", "value", "place"), V2_KEY_IN_V1,
                         ids=[".".join(map(str, path)) for path, _, _ in V2_KEY_IN_V1])
def test_a_key_only_format_2_has_is_an_error_in_a_v1_file(path: tuple[Any, ...], value: Any, place: str) -> None:
    """Format 1 called any key it did not define an error; a v1 file does not get format 2's keys by
    saying them (the step would have to choose between the file's value and its own)."""
    envelope = spec_v1_envelope()
    node = envelope
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    with pytest.raises(LoadError) as info:
        load_bytes(encode(envelope))
    dotted = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
    assert info.value.lines() == [
        (f"{place}: {path[-1]!r} is not a field that maps of this file's version have "
         f"({dotted}: unknown field in file format 1)")
    ]


@pytest.mark.parametrize(
    ("value", "line"),
    [
        ("2.1", ("Stage “Purchase”, KPI 1 “Conversion rate”: the value '2.1' is not a number "
                 "(map.stages[1].kpis[0].value)")),
        (True, ("Stage “Purchase”, KPI 1 “Conversion rate”: the value true is not a number "
                "(map.stages[1].kpis[0].value)")),
        (10**400, ("Stage “Purchase”, KPI 1 “Conversion rate”: the value is too large a number "
                   "(map.stages[1].kpis[0].value)")),
    ],
    ids=["text", "true", "huge"],
)
def test_a_bad_kpi_value_in_a_v1_file_is_named_where_it_is_in_that_file(value: Any, line: str) -> None:
    """The file says `value`, not `readings[0].value`: whoever repairs it by hand finds it there."""
    envelope = spec_v1_envelope()
    envelope["map"]["stages"][1]["kpis"][0]["value"] = value
    with pytest.raises(LoadError) as info:
        load_bytes(encode(envelope))
    assert info.value.lines() == [line]


def test_a_bad_last_change_in_a_v1_file_is_one_problem_not_two() -> None:
    """The reading's date comes from `modified`: only `modified` is named."""
    envelope = spec_v1_envelope()
    envelope["map"]["modified"] = "yesterday"
    with pytest.raises(LoadError) as info:
        load_bytes(encode(envelope))
    assert info.value.lines() == [("The map: the date of the last change 'yesterday' is not a timestamp like "
                                   "2026-11-23T10:00:00Z (map.modified)")]


# -- files from a newer journeymapper ----------------------------------------------------------------------------
def _v3(readable_by: Any = 2) -> dict[str, Any]:
    """The v2 spec example as a format 3 file that says format 2 readers show it faithfully, with
    keys format 2 does not know at the top, in the map, in a card, in an opportunity, in a KPI's
    reading, in a quote and in `based_on`."""
    envelope = json.loads(V2_FULL.read_bytes())
    envelope["schema_version"] = 3
    envelope["readable_by"] = readable_by
    envelope["signature"] = {"by": "someone"}
    the_map = envelope["map"]
    the_map["theme"] = "dark"
    the_map["based_on"]["url"] = "https://example.com/map"
    the_map["touchpoints"][1]["mood_board"] = ["a", "b"]
    the_map["touchpoints"][1]["opportunities"][0]["budget"] = 300
    the_map["stages"][1]["kpis"][0]["readings"][1]["source"] = "analytics"
    the_map["personas"][0]["quotes"][0]["language"] = "de"
    return envelope


V3_DROPPED = (
    "signature",
    "map.theme",
    "map.based_on.url",
    "map.personas[0].quotes[0].language",
    "map.stages[1].kpis[0].readings[1].source",
    "map.touchpoints[1].mood_board",
    "map.touchpoints[1].opportunities[0].budget",
)


def test_a_newer_file_that_format_2_may_show_opens_without_what_it_does_not_know() -> None:
    loaded = load_bytes(encode(_v3()))
    assert loaded.newer and not loaded.upgraded and loaded.schema_version == 3
    assert sorted(loaded.dropped) == sorted(V3_DROPPED)
    assert loaded.map == load_bytes(V2_FULL.read_bytes()).map
    assert loaded.view == json.loads(V2_FULL.read_bytes())["view"]


def test_what_a_newer_file_drops_is_named_on_one_short_line_whatever_its_keys() -> None:
    """The places are shown in a banner: a key with a line break or of any length cannot break it."""
    envelope = json.loads(V2_FULL.read_bytes())
    envelope["schema_version"] = 3
    envelope["map"]["evil\nkey\u2028"] = 1
    envelope["map"]["touchpoints"][0]["x" * 10_000] = 1
    envelope["a\rb"] = 2
    dropped = load_bytes(encode(envelope)).dropped
    assert sorted(dropped) == sorted(["['a\\rb']", "map['evil\\nkey\\u2028']",
                                      "map.touchpoints[0]['" + "x" * 38 + "…]"])
    assert all(len(place.splitlines()) == 1 and len(place) < 100 for place in dropped)


def test_a_newer_file_with_nothing_new_drops_nothing() -> None:
    envelope = json.loads(V2_FULL.read_bytes())
    envelope["schema_version"] = 3
    loaded = load_bytes(encode(envelope))
    assert loaded.newer and loaded.dropped == () and loaded.map == load_bytes(V2_FULL.read_bytes()).map


def test_what_a_newer_file_knows_is_still_checked() -> None:
    """Only keys are left out, not values: a value format 2 does not know is refused; so is a repeated id."""
    bad_status = _v3()
    bad_status["map"]["touchpoints"][1]["opportunities"][0]["status"] = "on_hold"
    with pytest.raises(LoadError) as info:
        load_bytes(encode(bad_status))
    assert info.value.lines() == [
        ("Card “Orders on the website”, opportunity 1: the status 'on_hold' is not one of 'idea', 'planned', "
         "'in_progress', 'done' or 'dropped' (map.touchpoints[1].opportunities[0].status)")]
    same_id = _v3()
    same_id["map"]["stages"][0]["kpis"][0]["id"] = "t1"
    with pytest.raises(LoadError) as info:
        load_bytes(encode(same_id))
    assert "(map.stages[0].kpis[0].id: id 't1' is already used by map.touchpoints[0])" in info.value.lines()[0]


@pytest.mark.parametrize(
    "readable_by",
    [3, 4, True, False, "2", 2.0, None, [2], {"version": 2}],
    ids=["3", "4", "true", "false", "text-2", "2.0", "null", "list", "object"],
)
def test_a_newer_file_that_format_2_may_not_show_is_refused_as_newer(readable_by: Any) -> None:
    with pytest.raises(LoadError) as info:
        load_bytes(encode(_v3(readable_by)))
    assert info.value.lines() == [NEWER]


def test_a_newer_file_that_says_nothing_of_older_readers_is_refused_as_newer() -> None:
    envelope = _v3()
    del envelope["readable_by"]
    with pytest.raises(LoadError) as info:
        load_bytes(encode(envelope))
    assert info.value.lines() == [NEWER]


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("signature",), "The file: 'signature' is not a field journeymapper knows (signature: unknown field)"),
        (("map", "theme"), "The map: 'theme' is not a field journeymapper knows (map.theme)"),
        (("map", "touchpoints", 1, "mood_board"),
         ("Card “Orders on the website”: 'mood_board' is not a field journeymapper knows "
          "(map.touchpoints[1].mood_board)")),
        (("map", "touchpoints", 1, "opportunities", 0, "budget"),
         ("Card “Orders on the website”, opportunity 1: 'budget' is not a field journeymapper knows "
          "(map.touchpoints[1].opportunities[0].budget)")),
        (("map", "based_on", "url"),
         "The map it is based on: 'url' is not a field journeymapper knows (map.based_on.url)"),
    ],
    ids=["envelope", "map", "card", "opportunity", "based-on"],
)
def test_an_unknown_key_in_a_file_of_format_2_is_still_an_error(path: tuple[Any, ...], line: str) -> None:
    """Keys are left out only in a newer file: in a file of our own version, strictness is unchanged."""
    envelope = json.loads(V2_FULL.read_bytes())
    node = envelope
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = 1
    with pytest.raises(LoadError) as info:
        load_bytes(encode(envelope))
    assert info.value.lines() == [line]


def test_a_v2_file_may_leave_readable_by_out_and_is_saved_with_it() -> None:
    envelope = spec_envelope()
    del envelope["readable_by"]
    loaded = load_bytes(encode(envelope))
    assert not loaded.newer and dumps(loaded.map, loaded.view) == with_running_version(V2_SPEC_GOLDEN.read_bytes())
