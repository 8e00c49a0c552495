"""Format versions: the migration chain, the version checks, and the golden files of each version.

The real chain has one step (format 1 -> 2: tests/io/test_format_2.py proves what it does); the
machinery of a longer chain is exercised by pretending the current version is 3 and registering two
toy steps with monkeypatch.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from journeymapper.io import LoadError, canonical, dumps, load_bytes, load_path, migrations, save
from journeymapper.model.schema import Map

from .helpers import (
    DATA,
    FULL_GOLDEN,
    SPEC_EXAMPLE,
    SPEC_EXAMPLE_GOLDEN,
    UPGRADES,
    V1,
    V2,
    V2_FULL,
    V2_SPEC_GOLDEN,
    encode,
    spec_envelope,
    spec_v1_envelope,
    with_running_version,
)


# -- the real registry --------------------------------------------------------------------------------
def test_the_real_registry_is_a_complete_chain() -> None:
    assert migrations.CURRENT_VERSION == 2 and migrations.READABLE_BY == 2
    assert migrations.oldest_supported() == 1
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


# -- goldens -------------------------------------------------------------------------------------------
def test_every_v1_golden_has_the_v2_golden_of_its_upgrade() -> None:
    """tests/data/v1 holds the inputs; each has its expected format 2 form in tests/data/v2."""
    assert set(V1.glob("*.jmap")) == set(UPGRADES)
    assert {path.parent for path in UPGRADES.values()} == {V2}


@pytest.mark.parametrize("golden", sorted(UPGRADES), ids=lambda p: p.name)
def test_v1_golden_is_upgraded_and_saved_as_its_v2_golden(golden: Path) -> None:
    """Opening a format 1 file and saving it gives exactly the v2 golden (ids, readings, defaults)."""
    loaded = load_path(golden)
    assert loaded.schema_version == 1 and loaded.upgraded and not loaded.newer
    assert dumps(loaded.map, loaded.view) == with_running_version(UPGRADES[golden].read_bytes())
    assert json.loads(golden.read_bytes())["schema_version"] == 1  # (the input stays a v1 file)


@pytest.mark.parametrize("golden", sorted(V2.glob("*.jmap")), ids=lambda p: p.name)
def test_v2_golden_loads_and_dumps_byte_identical(golden: Path) -> None:
    loaded = load_path(golden)
    assert loaded.schema_version == 2 and not loaded.upgraded and not loaded.newer and loaded.dropped == ()
    assert dumps(loaded.map, loaded.view) == with_running_version(golden.read_bytes())


def test_v1_spec_example_golden_is_the_spec_example() -> None:
    """The golden is the spec's example in canonical layout: same JSON value, different whitespace."""
    assert json.loads(SPEC_EXAMPLE_GOLDEN.read_bytes()) == json.loads(SPEC_EXAMPLE.read_bytes())
    assert load_path(SPEC_EXAMPLE).map == load_path(SPEC_EXAMPLE_GOLDEN).map


DOCS = Path(__file__).resolve().parents[2] / "docs"


def _docs_example(page: str) -> str:
    """The JSON of a format page's *Example* section (the first block after its heading)."""
    if not (DOCS / page).exists():
        pytest.skip(f"docs/{page} not present")
    match = re.search(r"^## Example\n.*?```json\n(.*?)```", (DOCS / page).read_text(encoding="utf-8"),
                      re.DOTALL | re.MULTILINE)
    assert match, f"{page} has no example"
    return match.group(1)


def test_the_format_1_page_still_shows_the_v1_golden_example() -> None:
    assert json.loads(_docs_example("jmap-format-1.md")) == json.loads(SPEC_EXAMPLE.read_bytes())


def test_the_format_2_example_is_canonical_and_grew_from_the_upgraded_v1_example() -> None:
    """The page says its example is read and written back byte for byte, and is the v1 example upgraded
    (the migration's ids, the v1 value as the first reading), then worked on."""
    text = _docs_example("jmap-format.md")
    loaded = load_bytes(text.encode("utf-8"))
    assert loaded.schema_version == 2 and dumps(loaded.map, loaded.view) == with_running_version(text.encode())
    golden = load_path(V2_SPEC_GOLDEN).map
    kpi, golden_kpi = loaded.map.stages[1].kpis[0], golden.stages[1].kpis[0]
    assert (kpi.id, kpi.readings[0]) == (golden_kpi.id, golden_kpi.readings[0])
    card, golden_card = loaded.map.touchpoints[1], golden.touchpoints[1]
    assert card.pain_points[0] == golden_card.pain_points[0]
    assert (card.opportunities[0].id, card.opportunities[0].text) == ("t2.o1", golden_card.opportunities[0].text)


def test_v1_full_golden_covers_every_key() -> None:
    the_map = json.loads(FULL_GOLDEN.read_bytes())["map"]
    assert all(
        the_map[k]
        for k in ("description", "owner", "review_by", "personas", "stages", "touchpoints", "flows")
    )
    card = the_map["touchpoints"][1]
    assert card["pain_points"] and card["opportunities"] and card["emotion"] == -2
    assert {flow["kind"] for flow in the_map["flows"]} == {"next", "alternative", "loop"}


def test_v2_full_golden_covers_every_field_format_2_adds() -> None:
    """The hand-made v2 golden sets each new field to something other than its default."""
    envelope = json.loads(V2_FULL.read_bytes())
    the_map = envelope["map"]
    assert envelope["readable_by"] == 2
    assert the_map["language"] and the_map["state"] == "future"
    assert set(the_map["based_on"]) == {"id", "title", "modified"}
    personas = the_map["personas"]
    assert {p["evidence"] for p in personas} >= {"validated", "anecdotal"} and any(p["source"] for p in personas)
    kpis = [kpi for stage in the_map["stages"] for kpi in stage["kpis"]]
    assert {kpi["direction"] for kpi in kpis} == {"higher", "lower", "target"}
    assert any(len(kpi["readings"]) > 1 for kpi in kpis) and any(not kpi["readings"] for kpi in kpis)
    assert any(r["note"] for kpi in kpis for r in kpi["readings"])
    chances = [o for card in the_map["touchpoints"] for o in card["opportunities"]]
    assert {o["status"] for o in chances} == {"idea", "planned", "in_progress", "done", "dropped"}
    assert {o["effort"] for o in chances} == {"low", "medium", "high", None}
    assert any(o["owner"] for o in chances) and any(o["due"] for o in chances)
    pains_of = {p["id"]: card["id"] for card in the_map["touchpoints"] for p in card["pain_points"]}
    addressed = [(card["id"], a) for card in the_map["touchpoints"] for o in card["opportunities"]
                 for a in o["addresses"]]
    assert addressed and all(a in pains_of for _, a in addressed)
    assert any(pains_of[a] != card for card, a in addressed), "an opportunity answers a pain on another card"
    quotes = [q for e in (*personas, *the_map["touchpoints"]) for q in e["quotes"]]
    assert any(q in p["quotes"] for p in personas for q in quotes) and any(c["quotes"] for c in the_map["touchpoints"])
    assert all(any(q[key] for q in quotes) for key in ("who", "date", "source"))


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
    """The spec example (its map in the real, current model) labelled as `version`, with no `readable_by`:
    a newer file that says nothing about older readers is refused."""
    envelope = spec_envelope()
    del envelope["readable_by"]
    envelope["schema_version"] = version
    envelope["map"][title_key] = envelope["map"].pop("title")
    return envelope


def test_v1_file_is_upgraded_through_both_steps_in_order(chain: list[tuple[int, Any]]) -> None:
    loaded = load_bytes(encode(_envelope(1)))
    assert [version for version, _ in chain] == [1, 2]
    assert "title" in chain[0][1]["map"] and "name" in chain[1][1]["map"]
    assert chain[1][1]["schema_version"] == 2
    assert loaded.map == Map.model_validate(json.loads(V2_SPEC_GOLDEN.read_bytes())["map"])
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


def test_a_v1_file_is_upgraded_by_the_real_step_in_memory_and_written_as_v2_on_save(tmp_path: Path) -> None:
    """The real chain: a format 1 file opens, stays as it is on disk, and is saved in format 2."""
    old = tmp_path / "old.jmap"
    old_bytes = encode(spec_v1_envelope())
    old.write_bytes(old_bytes)
    loaded = load_path(old)
    assert loaded.schema_version == 1 and loaded.upgraded and not loaded.newer
    assert old.read_bytes() == old_bytes and sorted(p.name for p in tmp_path.iterdir()) == ["old.jmap"]
    save(old, loaded.map, loaded.view)
    assert old.read_bytes() == with_running_version(V2_SPEC_GOLDEN.read_bytes())
    assert (tmp_path / "old.jmap.bak").read_bytes() == old_bytes
    again = load_path(old)
    assert again.schema_version == 2 and not again.upgraded and again.map == loaded.map


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
