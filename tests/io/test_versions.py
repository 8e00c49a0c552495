"""Earlier versions of a map are kept, newest first, the same bytes once, no more than asked for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from journeymapper.io import dumps, load_path
from journeymapper.io.versions import VersionStore
from tests.check.builders import make_map, tp


def _bytes(title: str) -> bytes:
    return dumps(make_map([tp("a", "p1", "s1")], []).model_copy(update={"title": title}))


def test_versions_are_kept_newest_first_and_each_is_a_readable_map(tmp_path: Path) -> None:
    store = VersionStore(tmp_path / "versions", keep=10)
    start = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
    for n, title in enumerate(["One", "Two", "Three"]):
        store.record(tmp_path / "map.jmap", _bytes(title), start + timedelta(minutes=n))
    versions = store.versions(tmp_path / "map.jmap")
    assert [load_path(v.path).map.title for v in versions] == ["Three", "Two", "One"]
    assert versions[0].saved == start + timedelta(minutes=2)


def test_the_same_bytes_are_kept_once(tmp_path: Path) -> None:
    store = VersionStore(tmp_path / "versions")
    store.record(tmp_path / "map.jmap", _bytes("Same"))
    assert store.record(tmp_path / "map.jmap", _bytes("Same")) is None
    assert len(store.versions(tmp_path / "map.jmap")) == 1


def test_only_the_newest_are_kept_and_a_size_cap_holds(tmp_path: Path) -> None:
    store = VersionStore(tmp_path / "versions", keep=3)
    start = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
    for n in range(6):
        store.record(tmp_path / "map.jmap", _bytes(f"V{n}"), start + timedelta(minutes=n))
    assert [load_path(v.path).map.title for v in store.versions(tmp_path / "map.jmap")] == ["V5", "V4", "V3"]
    capped = VersionStore(tmp_path / "capped", keep=10, max_bytes=len(_bytes("V0")) * 2)
    for n in range(6):
        capped.record(tmp_path / "map.jmap", _bytes(f"V{n}"), start + timedelta(minutes=n))
    assert len(capped.versions(tmp_path / "map.jmap")) == 2


def test_two_maps_keep_their_own_versions_and_zero_keeps_none(tmp_path: Path) -> None:
    store = VersionStore(tmp_path / "versions")
    store.record(tmp_path / "a.jmap", _bytes("A"))
    store.record(tmp_path / "b.jmap", _bytes("B"))
    assert [load_path(v.path).map.title for v in store.versions(tmp_path / "a.jmap")] == ["A"]
    off = VersionStore(tmp_path / "off", keep=0)
    assert off.record(tmp_path / "a.jmap", _bytes("A")) is None and off.versions(tmp_path / "a.jmap") == []
