"""Format versions: the migration chain, the version checks, and the golden files of each version.

There are no migration steps yet (version 1 is the first), so the chain is exercised by pretending
the current version is 3 and registering two toy steps with monkeypatch.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from journeymapper import __version__
from journeymapper.io import LoadError, canonical, dumps, load_bytes, load_path, migrations, save

from .helpers import DATA, FULL_GOLDEN, SPEC_EXAMPLE, SPEC_EXAMPLE_GOLDEN, encode, spec_envelope


def _with_current_version(golden: bytes) -> bytes:
    """Goldens record app_version 0.1.0; app_version is informational, so follow the running version."""
    return golden.replace(b'"app_version": "0.1.0"', f'"app_version": "{__version__}"'.encode())


# -- the real registry --------------------------------------------------------------------------------
def test_the_real_registry_is_a_complete_chain() -> None:
    assert migrations.CURRENT_VERSION == 1
    oldest = migrations.oldest_supported()
    assert oldest <= migrations.CURRENT_VERSION
    for version in range(oldest, migrations.CURRENT_VERSION):
        assert version in migrations.STEPS
    assert all(version < migrations.CURRENT_VERSION for version in migrations.STEPS)


def test_every_supported_version_has_a_golden_file() -> None:
    """docs: each upgrade step has a golden file of version N in tests/data/vN/ and a test."""
    for version in range(migrations.oldest_supported(), migrations.CURRENT_VERSION + 1):
        goldens = sorted((DATA / f"v{version}").glob("*.jmap"))
        assert goldens, f"no golden file for format {version} in tests/data/v{version}/"
        for golden in goldens:
            assert json.loads(golden.read_bytes())["schema_version"] == version, golden


# -- version-1 goldens ---------------------------------------------------------------------------------
@pytest.mark.parametrize("golden", [SPEC_EXAMPLE_GOLDEN, FULL_GOLDEN], ids=lambda p: p.name)
def test_v1_golden_loads_and_dumps_byte_identical(golden: Path) -> None:
    loaded = load_path(golden)
    assert loaded.schema_version == 1 and not loaded.upgraded
    assert dumps(loaded.map, loaded.view) == _with_current_version(golden.read_bytes())


def test_v1_spec_example_golden_is_the_spec_example() -> None:
    """The golden is the spec's example in canonical layout: same JSON value, different whitespace."""
    assert json.loads(SPEC_EXAMPLE_GOLDEN.read_bytes()) == json.loads(SPEC_EXAMPLE.read_bytes())
    assert load_path(SPEC_EXAMPLE).map == load_path(SPEC_EXAMPLE_GOLDEN).map


def test_project_docs_still_show_the_golden_example() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs" / "jmap-format.md"
    if not docs.exists():
        pytest.skip("docs/jmap-format.md not present")
    match = re.search(r"## Example\n```json\n(.*?)```", docs.read_text(encoding="utf-8"), re.DOTALL)
    assert match, "the format page has no example"
    assert json.loads(match.group(1)) == json.loads(SPEC_EXAMPLE.read_bytes())


def test_v1_full_golden_covers_every_key() -> None:
    the_map = json.loads(FULL_GOLDEN.read_bytes())["map"]
    assert all(
        the_map[k]
        for k in ("description", "owner", "review_by", "personas", "stages", "touchpoints", "flows")
    )
    card = the_map["touchpoints"][1]
    assert card["pain_points"] and card["opportunities"] and card["emotion"] == -2
    assert {flow["kind"] for flow in the_map["flows"]} == {"next", "alternative", "loop"}


# -- a pretend chain 1 -> 2 -> 3 ---------------------------------------------------------------------------
@pytest.fixture
def chain(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, Any]]:
    """CURRENT_VERSION is 3; format 2 called the map's title `name`; format 3 calls it `title` again.

    Each step records (version it saw, a deep copy of what it saw), so order and inputs can be checked.
    """
    calls: list[tuple[int, Any]] = []
    monkeypatch.setattr(migrations, "STEPS", {})
    monkeypatch.setattr(migrations, "CURRENT_VERSION", 3)

    @migrations.step(1)
    def one_to_two(envelope: dict[str, Any]) -> dict[str, Any]:
        calls.append((1, copy.deepcopy(envelope)))
        assert envelope["schema_version"] == 1
        envelope["map"]["name"] = envelope["map"].pop("title")
        return envelope

    @migrations.step(2)
    def two_to_three(envelope: dict[str, Any]) -> dict[str, Any]:
        calls.append((2, copy.deepcopy(envelope)))
        assert envelope["schema_version"] == 2
        the_map = dict(envelope["map"])
        the_map["title"] = the_map.pop("name")
        return {**envelope, "map": the_map}

    return calls


def _envelope(version: int, title_key: str = "title") -> dict[str, Any]:
    envelope = spec_envelope()
    envelope["schema_version"] = version
    envelope["map"][title_key] = envelope["map"].pop("title")
    return envelope


def test_v1_file_is_upgraded_through_both_steps_in_order(chain: list[tuple[int, Any]]) -> None:
    loaded = load_bytes(encode(_envelope(1)))
    assert [version for version, _ in chain] == [1, 2]
    assert "title" in chain[0][1]["map"] and "name" in chain[1][1]["map"]
    assert chain[1][1]["schema_version"] == 2
    assert loaded.map == load_bytes(SPEC_EXAMPLE.read_bytes()).map
    assert loaded.schema_version == 1  # the version the file was written in
    assert loaded.upgraded


def test_v2_file_runs_only_the_last_step(chain: list[tuple[int, Any]]) -> None:
    loaded = load_bytes(encode(_envelope(2, "name")))
    assert [version for version, _ in chain] == [2]
    assert loaded.schema_version == 2 and loaded.upgraded
    assert loaded.map.title == "Corner bakery: online cake orders"


def test_current_version_file_runs_no_step(chain: list[tuple[int, Any]]) -> None:
    loaded = load_bytes(encode(_envelope(3)))
    assert chain == []
    assert loaded.schema_version == 3 and not loaded.upgraded


def test_version_0_is_refused_naming_the_supported_range(chain: list[tuple[int, Any]]) -> None:
    with pytest.raises(LoadError) as info:
        load_bytes(encode(_envelope(0)))
    (line,) = info.value.lines()
    assert line == ("This map was saved by an old version of journeymapper that this version no longer opens. "
                    "(file format 0 is not supported: this version reads formats 1 to 3)")
    assert chain == []


def test_newer_version_is_refused_naming_both_numbers(chain: list[tuple[int, Any]]) -> None:
    with pytest.raises(LoadError) as info:
        load_bytes(encode(_envelope(4)))
    assert info.value.lines() == [
        "This map was saved by a newer version of journeymapper: update journeymapper to open it. "
        + "(saved by a newer journeymapper: file format 4, this version reads up to 3)"
    ]
    assert chain == []


def test_a_gap_in_the_chain_limits_the_oldest_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "STEPS", {2: lambda e: e})
    monkeypatch.setattr(migrations, "CURRENT_VERSION", 3)
    assert migrations.oldest_supported() == 2
    with pytest.raises(LoadError) as info:
        load_bytes(encode(_envelope(1)))
    assert "reads formats 2 to 3" in info.value.lines()[0]


def test_the_upgraded_map_is_validated_like_any_other(chain: list[tuple[int, Any]]) -> None:
    envelope = _envelope(1)
    envelope["map"]["touchpoints"][0]["emotion"] = 5
    with pytest.raises(LoadError) as info:
        load_bytes(encode(envelope))
    (line,) = info.value.lines()
    assert line.endswith(": the emotion 5 is out of range: it must be from -2 to 2 (map.touchpoints[0].emotion)")


def test_a_failing_step_is_a_load_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(envelope: dict[str, Any]) -> dict[str, Any]:
        return envelope["map"]["no such key"]

    monkeypatch.setattr(migrations, "STEPS", {1: broken})
    monkeypatch.setattr(migrations, "CURRENT_VERSION", 2)
    with pytest.raises(LoadError) as info:
        load_bytes(encode(_envelope(1)))
    (line,) = info.value.lines()
    assert line.startswith("This map was saved by an older version of journeymapper, and it could not be brought up "
                           "to date. (cannot upgrade file format 1")
    assert len(line.splitlines()) == 1


def test_a_step_cannot_be_registered_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "STEPS", {})
    migrations.step(1)(lambda e: e)
    with pytest.raises(ValueError, match="already registered"):
        migrations.step(1)(lambda e: e)


def test_migrate_sets_each_version_number(chain: list[tuple[int, Any]]) -> None:
    upgraded = migrations.migrate(_envelope(1), 1)
    assert upgraded["schema_version"] == 3
    assert upgraded["map"]["title"] == "Corner bakery: online cake orders"
    partial = migrations.migrate(_envelope(1), 1, to_version=2)
    assert partial["schema_version"] == 2 and "name" in partial["map"]


def test_loading_an_old_file_does_not_change_it_on_disk(
    chain: list[tuple[int, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file on disk changes only when the user saves; then it is written in the current format."""
    old = tmp_path / "old.jmap"
    old_bytes = encode(_envelope(1))
    old.write_bytes(old_bytes)
    before = old.stat()
    loaded = load_path(old)
    assert old.read_bytes() == old_bytes and old.stat().st_mtime_ns == before.st_mtime_ns
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.jmap"]

    monkeypatch.setattr(canonical, "CURRENT_VERSION", 3)
    save(old, loaded.map, loaded.view)
    assert json.loads(old.read_bytes())["schema_version"] == 3
    assert (tmp_path / "old.jmap.bak").read_bytes() == old_bytes
    chain.clear()
    again = load_path(old)
    assert chain == [] and again.schema_version == 3 and again.map == loaded.map
