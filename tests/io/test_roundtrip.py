"""Property tests: any valid map survives dumps -> load_bytes unchanged, in canonical bytes.

The strategy builds valid maps as the format describes them (not as the code does): unique ids in
one id space, references that resolve, text with any character the format allows, numbers of every
kind, timestamps in any RFC 3339 form with any offset and fractional seconds.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymapper import __version__
from journeymapper.io import dumps, load_bytes
from journeymapper.model.schema import Map

from .helpers import (
    CHANNELS,
    FULL_GOLDEN,
    MAP_KEYS,
    SPEC_EXAMPLE,
    SPEC_EXAMPLE_GOLDEN,
    encode,
    key_order_problems,
    layout_problems,
    ordered_pairs,
    spec_envelope,
)

PROPERTY_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LIGHT_SETTINGS = settings(PROPERTY_SETTINGS, max_examples=30)

# -- strategies ------------------------------------------------------------------------------------
ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-"
# Every character the format allows: no lone surrogates, no C0 controls other than tab, LF, CR.
_FORBIDDEN_C0 = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r")
CHAR = st.characters(exclude_categories=("Cs",), exclude_characters=_FORBIDDEN_C0)
TRICKY = st.sampled_from(
    [
        "\t",
        "\n",
        "\r",
        "\r\n",
        '"',
        "\\",
        "/",
        "\x7f",
        "\x85",
        "\u2028",
        "\u2029",
        "\ufeff",
        "\u200b",
        "é",
        "e\u0301",
        "🎂",
        "<b>",
        "&amp;",
        "\U0010ffff",
        "\ufffd",
        " ",
    ]
)


def text(max_size: int, min_size: int = 0) -> st.SearchStrategy[str]:
    """Text of the format's length rules (counted in characters), with tricky pieces mixed in."""
    plain = st.text(CHAR, min_size=min_size, max_size=min(max_size, 40))
    mixed = (
        st.lists(st.one_of(TRICKY, st.text(CHAR, max_size=5)), max_size=6)
        .map("".join)
        .filter(lambda s: min_size <= len(s) <= max_size)
    )
    exact = st.just("x" * max_size)  # the limit itself is allowed
    return st.one_of(plain, plain, mixed, exact)


NUMBER = st.one_of(
    st.none(),
    st.integers(-(2**53), 2**53),
    st.integers(-(10**30), 10**30),  # whole numbers are kept exactly, even beyond double precision
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, 0.1, 1e-300, 5e-324, 1.7976931348623157e308, -2.5, 1e16, 3.0]),
)
COLOR = st.text("0123456789abcdefABCDEF", min_size=6, max_size=6).map(lambda h: "#" + h)
LEVEL = st.sampled_from(["low", "medium", "high"])
_OFFSET = st.one_of(
    st.just("Z"),
    st.just("z"),
    st.just("+00:00"),
    st.just("-00:00"),
    st.just("+05:30"),
    st.just("-09:30"),
    st.builds(
        lambda m: f"{'+' if m >= 0 else '-'}{abs(m) // 60:02d}:{abs(m) % 60:02d}", st.integers(-1439, 1439)
    ),
)
_FRACTION = st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=9).map(lambda d: "." + d))


@st.composite
def timestamp(draw: st.DrawFn) -> str:
    """An RFC 3339 timestamp as a file may hold it (any offset, any fraction, T or t)."""
    moment = draw(st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 31)))
    sep = draw(st.sampled_from("Tt"))
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}{sep}"
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}{draw(_FRACTION)}{draw(_OFFSET)}"
    )


def maybe(draw: st.DrawFn, target: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
    """Optional keys are sometimes left out (the reader fills the documented default)."""
    if draw(st.booleans()):
        target[key] = draw(strategy)


@st.composite
def raw_maps(
    draw: st.DrawFn, max_personas: int = 3, max_stages: int = 4, max_cards: int = 10
) -> dict[str, Any]:
    n_personas = draw(st.integers(0, max_personas))
    n_stages = draw(st.integers(0, max_stages))
    n_cards = draw(st.integers(0, max_cards)) if n_personas and n_stages else 0
    n_flows = draw(st.integers(0, 2 * n_cards)) if n_cards else 0
    ids = draw(
        st.lists(
            st.text(ID_ALPHABET, min_size=1, max_size=64),
            min_size=n_personas + n_stages + n_cards + n_flows,
            max_size=n_personas + n_stages + n_cards + n_flows,
            unique=True,
        )
    )
    persona_ids = ids[:n_personas]
    stage_ids = ids[n_personas : n_personas + n_stages]
    card_ids = ids[n_personas + n_stages : n_personas + n_stages + n_cards]
    flow_ids = ids[n_personas + n_stages + n_cards :]

    the_map: dict[str, Any] = {
        # the map's own id is outside the one id space: it may repeat an element's id
        "id": draw(st.one_of(st.text(ID_ALPHABET, min_size=1, max_size=64), st.sampled_from(ids or ["m"]))),
        "title": draw(text(200, 1)),
        "created": draw(timestamp()),
        "modified": draw(timestamp()),
    }
    maybe(draw, the_map, "description", text(10_000))
    maybe(draw, the_map, "owner", text(200))
    maybe(
        draw,
        the_map,
        "review_by",
        st.one_of(st.none(), st.dates(date(1900, 1, 1), date(9999, 12, 31)).map(date.isoformat)),
    )

    personas = []
    for pid in persona_ids:
        persona: dict[str, Any] = {"id": pid, "name": draw(text(200, 1))}
        maybe(draw, persona, "segment", text(200))
        maybe(draw, persona, "description", text(10_000))
        for key in ("goals", "needs", "frustrations"):
            maybe(draw, persona, key, st.lists(text(500), max_size=3))
        maybe(draw, persona, "color", COLOR)
        personas.append(persona)

    stages = []
    for sid in stage_ids:
        stage: dict[str, Any] = {"id": sid, "name": draw(text(200, 1))}
        maybe(draw, stage, "description", text(10_000))
        maybe(draw, stage, "goal", text(500))
        kpis = []
        for _ in range(draw(st.integers(0, 3))):
            kpi: dict[str, Any] = {"name": draw(text(200, 1))}
            maybe(draw, kpi, "value", NUMBER)
            maybe(draw, kpi, "target", NUMBER)
            maybe(draw, kpi, "unit", text(20))
            kpis.append(kpi)
        maybe(draw, stage, "kpis", st.just(kpis))
        stages.append(stage)

    cards = []
    for cid in card_ids:
        card: dict[str, Any] = {
            "id": cid,
            "persona": draw(st.sampled_from(persona_ids)),
            "stage": draw(st.sampled_from(stage_ids)),
            "title": draw(text(500, 1)),
        }
        maybe(draw, card, "channel", st.one_of(st.none(), st.sampled_from(CHANNELS)))
        maybe(draw, card, "action", text(2_000))
        maybe(draw, card, "thoughts", text(2_000))
        maybe(draw, card, "emotion", st.one_of(st.none(), st.integers(-2, 2)))
        maybe(
            draw,
            card,
            "pain_points",
            st.lists(st.fixed_dictionaries({"text": text(500, 1)}, optional={"severity": LEVEL}), max_size=3),
        )
        maybe(
            draw,
            card,
            "opportunities",
            st.lists(st.fixed_dictionaries({"text": text(500, 1)}, optional={"priority": LEVEL}), max_size=3),
        )
        maybe(draw, card, "owner", text(200))
        maybe(draw, card, "evidence", st.sampled_from(["assumed", "anecdotal", "validated"]))
        maybe(draw, card, "source", text(500))
        maybe(draw, card, "notes", text(10_000))
        cards.append(card)

    flows = []
    for fid in flow_ids:
        flow: dict[str, Any] = {
            "id": fid,
            "source": draw(st.sampled_from(card_ids)),
            "target": draw(st.sampled_from(card_ids)),  # self-loops and cycles are not load errors
        }
        maybe(draw, flow, "label", text(200))
        maybe(draw, flow, "kind", st.sampled_from(["next", "alternative", "loop"]))
        flows.append(flow)

    for key, items in (("personas", personas), ("stages", stages), ("touchpoints", cards), ("flows", flows)):
        if items or draw(st.booleans()):
            the_map[key] = items
    return the_map


MAPS = raw_maps().map(Map.model_validate)
JSON_VALUE = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**63), 2**63),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(CHAR, max_size=10),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(CHAR, max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)
VIEWS = st.dictionaries(st.text(CHAR, max_size=10), JSON_VALUE, max_size=4)


# -- properties --------------------------------------------------------------------------------------
@PROPERTY_SETTINGS
@given(MAPS, VIEWS)
def test_dumps_then_load_gives_the_same_map(the_map: Map, view: dict[str, Any]) -> None:
    loaded = load_bytes(dumps(the_map, view))
    assert loaded.map == the_map
    assert loaded.view == view
    assert loaded.schema_version == 1 and not loaded.upgraded
    assert loaded.app_version == __version__


@PROPERTY_SETTINGS
@given(MAPS, VIEWS)
def test_saving_an_unchanged_map_again_gives_identical_bytes(the_map: Map, view: dict[str, Any]) -> None:
    first = dumps(the_map, view)
    loaded = load_bytes(first)
    assert dumps(loaded.map, loaded.view) == first


@PROPERTY_SETTINGS
@given(MAPS)
def test_output_is_canonical(the_map: Map) -> None:
    data = dumps(the_map)
    assert layout_problems(data) == []
    assert key_order_problems(data) == []
    assert data.endswith(b"}\n")
    assert data == (json.dumps(json.loads(data), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    # (the equality above also says: non-ASCII text is written as itself, not as \\u escapes)


@LIGHT_SETTINGS
@given(raw_maps())
def test_timestamps_are_written_as_whole_seconds_in_utc(raw: dict[str, Any]) -> None:
    data = dumps(Map.model_validate(raw))
    written = json.loads(data)["map"]
    for key in ("created", "modified"):
        value = written[key]
        assert len(value) == 20 and value.endswith("Z") and value[10] == "T", value
        expected = datetime.fromisoformat(raw[key].replace("z", "Z").replace("t", "T"))
        expected = expected.astimezone(UTC).replace(microsecond=0, tzinfo=None)
        assert value == (
            f"{expected.year:04d}-{expected.month:02d}-{expected.day:02d}T"
            f"{expected.hour:02d}:{expected.minute:02d}:{expected.second:02d}Z"
        )


@LIGHT_SETTINGS
@given(raw_maps())
def test_list_order_and_text_are_kept_exactly(raw: dict[str, Any]) -> None:
    written = json.loads(dumps(Map.model_validate(raw)))["map"]
    for key in ("personas", "stages", "touchpoints", "flows"):
        assert [item["id"] for item in written[key]] == [item["id"] for item in raw.get(key, [])]
    assert written["title"] == raw["title"]
    for card_in, card_out in zip(raw.get("touchpoints", []), written["touchpoints"]):
        for key, value in card_in.items():
            if key not in ("pain_points", "opportunities"):
                assert card_out[key] == value, key


@LIGHT_SETTINGS
@given(MAPS)
def test_written_file_is_valid_for_a_strict_reader(the_map: Map) -> None:
    """The bytes are plain JSON: no NaN/Infinity literals, every key known to the spec."""
    data = dumps(the_map)

    def refuse(name: str) -> None:
        raise AssertionError(f"writer emitted {name}")

    envelope = json.loads(data, parse_constant=refuse)
    assert list(envelope["map"]) == MAP_KEYS


# -- examples ----------------------------------------------------------------------------------------
def test_utf8_bom_is_accepted_and_not_written_back() -> None:
    data = SPEC_EXAMPLE.read_bytes()
    loaded = load_bytes(b"\xef\xbb\xbf" + data)
    assert loaded.map == load_bytes(data).map
    assert not dumps(loaded.map).startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2026-11-23T10:00:00+05:30", "2026-11-23T04:30:00Z"),
        ("2026-11-23T02:00:00+05:30", "2026-11-22T20:30:00Z"),
        ("2026-12-31T23:30:00-01:00", "2027-01-01T00:30:00Z"),
        ("2026-11-23T10:00:00.999999Z", "2026-11-23T10:00:00Z"),
        ("2026-11-23T10:00:00.5-00:00", "2026-11-23T10:00:00Z"),
        ("2026-11-23t10:00:00z", "2026-11-23T10:00:00Z"),
        ("2024-02-29T23:59:59+23:59", "2024-02-29T00:00:59Z"),
        ("0999-06-01T12:00:00Z", "0999-06-01T12:00:00Z"),
    ],
)
def test_offset_timestamps_are_written_back_in_utc(written: str, expected: str) -> None:
    envelope = spec_envelope()
    envelope["map"]["created"] = written
    loaded = load_bytes(encode(envelope))
    assert loaded.map.created.utcoffset() == timedelta(0)
    out = dumps(loaded.map)
    assert f'"created": "{expected}"'.encode() in out
    assert load_bytes(out).map == loaded.map


def test_spec_example_loads_and_resaves_canonically() -> None:
    loaded = load_bytes(SPEC_EXAMPLE.read_bytes())
    out = dumps(loaded.map, loaded.view)
    assert layout_problems(out) == [] and key_order_problems(out) == []
    assert json.loads(out) == json.loads(SPEC_EXAMPLE.read_bytes()) | {"app_version": __version__}
    assert out == SPEC_EXAMPLE_GOLDEN.read_bytes().replace(
        b'"app_version": "0.1.0"', f'"app_version": "{__version__}"'.encode()
    )


def test_hand_written_full_golden_is_canonical_and_stable() -> None:
    """A golden written by json.dumps in the spec's key order, not by the writer under test."""
    data = FULL_GOLDEN.read_bytes()
    assert layout_problems(data) == [] and key_order_problems(data) == []
    loaded = load_bytes(data)
    expected = data.replace(b'"app_version": "0.1.0"', f'"app_version": "{__version__}"'.encode())
    assert dumps(loaded.map, loaded.view) == expected


def test_key_order_checker_catches_a_reordered_file() -> None:
    """The order check itself must be able to fail."""
    envelope = json.loads(SPEC_EXAMPLE.read_bytes(), object_pairs_hook=dict)
    card = envelope["map"]["touchpoints"][0]
    envelope["map"]["touchpoints"][0] = dict(reversed(list(card.items())))
    assert key_order_problems(json.dumps(envelope, indent=2).encode()) != []
    assert ordered_pairs(b'{"b": 1, "a": 2}') == [("b", 1), ("a", 2)]
    assert layout_problems(b'{\n    "a": 1\n}\n') != []
    assert layout_problems(b'{\n  "a": 1\n}') != []
    assert layout_problems(b'{\r\n  "a": 1\r\n}\r\n') != []


# -- numbers are written as Python writes them ("2", "2.5", "2.0": a fraction stays a fraction) ----------
@pytest.mark.parametrize("value", [2.5, 2.0, -0.0, 1e16, 5e-324, 1.7976931348623157e308])
def test_fractions_are_written_as_written(value: float) -> None:
    envelope = spec_envelope()
    envelope["map"]["stages"][1]["kpis"][0]["value"] = value
    out = dumps(load_bytes(encode(envelope)).map)
    assert f'"value": {json.dumps(value)},'.encode() in out


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(2, id="small-int"),
        pytest.param(0, id="zero"),
        pytest.param(-7, id="negative-int"),
        pytest.param(2**53 + 1, id="int-beyond-double-precision"),
        pytest.param(-(10**30), id="int-of-30-digits"),
    ],
)
def test_whole_numbers_are_written_as_whole_numbers(value: int) -> None:
    envelope = spec_envelope()
    envelope["map"]["stages"][1]["kpis"][0]["value"] = value
    loaded = load_bytes(encode(envelope))
    out = dumps(loaded.map)
    assert f'"value": {value},'.encode() in out
    assert load_bytes(out).map.stages[1].kpis[0].value == value
