"""Property tests: any valid map survives dumps -> load_bytes unchanged, in canonical bytes.

The strategy (tests/io/strategies.py) builds valid format 2 maps as the format describes them (not
as the code does): unique ids in one id space (KPIs, pain points, opportunities and quotes too),
references that resolve, text with any character the format allows, numbers of every kind,
timestamps in any RFC 3339 form with any offset and fractional seconds.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymapper import __version__
from journeymapper.io import dumps, load_bytes
from journeymapper.io.migrations import CURRENT_VERSION
from journeymapper.model.schema import Map

from .helpers import (
    ENVELOPE_KEYS,
    MAP_KEYS,
    SPEC_EXAMPLE,
    V2_FULL,
    V2_SPEC_GOLDEN,
    encode,
    key_order_problems,
    layout_problems,
    ordered_pairs,
    spec_envelope,
    with_running_version,
)
from .strategies import CHAR, raw_v2_maps

PROPERTY_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LIGHT_SETTINGS = settings(PROPERTY_SETTINGS, max_examples=30)

MAPS = raw_v2_maps().map(Map.model_validate)
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
    assert loaded.schema_version == CURRENT_VERSION == 2 and not loaded.upgraded and not loaded.newer
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
@given(raw_v2_maps())
def test_timestamps_are_written_as_whole_seconds_in_utc(raw: dict[str, Any]) -> None:
    data = dumps(Map.model_validate(raw))
    written = json.loads(data)["map"]
    pairs = [(written, raw, "created"), (written, raw, "modified")]
    if raw.get("based_on"):
        pairs.append((written["based_on"], raw["based_on"], "modified"))
    for out, given_, key in pairs:
        value = out[key]
        assert len(value) == 20 and value.endswith("Z") and value[10] == "T", value
        expected = datetime.fromisoformat(given_[key].replace("z", "Z").replace("t", "T"))
        expected = expected.astimezone(UTC).replace(microsecond=0, tzinfo=None)
        assert value == (
            f"{expected.year:04d}-{expected.month:02d}-{expected.day:02d}T"
            f"{expected.hour:02d}:{expected.minute:02d}:{expected.second:02d}Z"
        )


_ITEM_LISTS = ("pain_points", "opportunities", "quotes", "kpis", "readings")


def _kept(given_: dict[str, Any], written: dict[str, Any], where: str) -> None:
    """Every key the raw object gave is written with the same value; lists of items item by item."""
    for key, value in given_.items():
        if key in _ITEM_LISTS:
            assert len(written[key]) == len(value), f"{where}.{key}"
            for n, (item_in, item_out) in enumerate(zip(value, written[key])):
                _kept(item_in, item_out, f"{where}.{key}[{n}]")
        elif key not in ("created", "modified"):  # (timestamps are written in UTC: the test above)
            assert written[key] == value, f"{where}.{key}"


@LIGHT_SETTINGS
@given(raw_v2_maps())
def test_list_order_and_text_are_kept_exactly(raw: dict[str, Any]) -> None:
    written = json.loads(dumps(Map.model_validate(raw)))["map"]
    for key in ("personas", "stages", "touchpoints", "flows"):
        assert [item["id"] for item in written[key]] == [item["id"] for item in raw.get(key, [])]
        for n, (item_in, item_out) in enumerate(zip(raw.get(key, []), written[key])):
            _kept(item_in, item_out, f"map.{key}[{n}]")
    assert written["title"] == raw["title"]


@LIGHT_SETTINGS
@given(MAPS)
def test_written_file_is_valid_for_a_strict_reader(the_map: Map) -> None:
    """The bytes are plain JSON: no NaN/Infinity literals, every key known to the spec."""
    data = dumps(the_map)

    def refuse(name: str) -> None:
        raise AssertionError(f"writer emitted {name}")

    envelope = json.loads(data, parse_constant=refuse)
    assert list(envelope) == ENVELOPE_KEYS and list(envelope["map"]) == MAP_KEYS
    assert envelope["schema_version"] == 2 and envelope["readable_by"] == 2


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
    """The format 1 example opens (upgraded) and is saved as the canonical format 2 golden."""
    loaded = load_bytes(SPEC_EXAMPLE.read_bytes())
    out = dumps(loaded.map, loaded.view)
    assert layout_problems(out) == [] and key_order_problems(out) == []
    assert out == with_running_version(V2_SPEC_GOLDEN.read_bytes())


@pytest.mark.parametrize("golden", [V2_SPEC_GOLDEN, V2_FULL], ids=lambda p: p.name)
def test_hand_written_v2_goldens_are_canonical_and_stable(golden) -> None:
    """Goldens written by json.dumps in the spec's key order, not by the writer under test."""
    data = golden.read_bytes()
    assert layout_problems(data) == [] and key_order_problems(data) == []
    loaded = load_bytes(data)
    assert dumps(loaded.map, loaded.view) == with_running_version(data)


@pytest.mark.parametrize(
    "path",
    [("map", "touchpoints", 0), ("map", "stages", 1, "kpis", 0), ("map", "stages", 1, "kpis", 0, "readings", 0),
     ("map", "touchpoints", 1, "opportunities", 0), ("map", "touchpoints", 1, "quotes", 0),
     ("map", "personas", 0, "quotes", 0), ("map", "based_on")],
    ids=lambda path: ".".join(map(str, path)),
)
def test_key_order_checker_catches_a_reordered_object(path: tuple[Any, ...]) -> None:
    """The order check itself must be able to fail, at every kind of object format 2 has."""
    envelope = json.loads(V2_FULL.read_bytes())
    parent = envelope
    for part in path[:-1]:
        parent = parent[part]
    assert key_order_problems(json.dumps(envelope, indent=2).encode()) == []
    parent[path[-1]] = dict(reversed(list(parent[path[-1]].items())))
    assert key_order_problems(json.dumps(envelope, indent=2).encode()) != []


def test_layout_checker_catches_bad_layouts() -> None:
    assert ordered_pairs(b'{"b": 1, "a": 2}') == [("b", 1), ("a", 2)]
    assert layout_problems(b'{\n    "a": 1\n}\n') != []
    assert layout_problems(b'{\n  "a": 1\n}') != []
    assert layout_problems(b'{\r\n  "a": 1\r\n}\r\n') != []


# -- numbers are written as Python writes them ("2", "2.5", "2.0": a fraction stays a fraction) ----------
@pytest.mark.parametrize("value", [2.5, 2.0, -0.0, 1e16, 5e-324, 1.7976931348623157e308])
def test_fractions_are_written_as_written(value: float) -> None:
    envelope = spec_envelope()
    envelope["map"]["stages"][1]["kpis"][0]["readings"][0]["value"] = value
    envelope["map"]["stages"][1]["kpis"][0]["target"] = value
    out = dumps(load_bytes(encode(envelope)).map)
    assert f'"value": {json.dumps(value)},'.encode() in out
    assert f'"target": {json.dumps(value)},'.encode() in out


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
    envelope["map"]["stages"][1]["kpis"][0]["readings"][0]["value"] = value
    loaded = load_bytes(encode(envelope))
    out = dumps(loaded.map)
    assert f'"value": {value},'.encode() in out
    assert load_bytes(out).map.stages[1].kpis[0].value == value
