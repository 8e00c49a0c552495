"""Whatever the writer writes, the reader reads, and the other way round.

The size limit is on the canonical form, the one journeymapper saves: a compact file written by
another program (no indentation, fields left out) grows when saved, so the reader measures the
canonical size of any file big enough to grow past the limit, and refuses it at once rather than
let someone edit a map that then cannot be saved. The writer refuses to write anything over the
limit, and leaves the file on disk as it was.
"""

from __future__ import annotations

import itertools
import json
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from journeymapper.io import LoadError, SaveError, dumps, limits, load_bytes, load_path, reader, save, writer
from journeymapper.io.canonical import FORMAT_TAG
from journeymapper.io.migrations import CURRENT_VERSION
from tests.check.builders import fl, make_map, tp


def _compact(the_map: dict) -> bytes:
    envelope = {"format": FORMAT_TAG, "schema_version": CURRENT_VERSION, "map": the_map}
    return json.dumps(envelope, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _short_ids() -> Iterator[str]:
    """A, B, ... Z, AA, AB, ...: the shortest ids a compact file may use (growth is largest with them)."""
    for length in itertools.count(1):
        for letters in itertools.product(string.ascii_uppercase, repeat=length):
            yield "".join(letters)


def _minimal_map(cards: int, flows: int, pains: int = 0, chances: int = 0, quotes: int = 0, kpis: int = 0,
                 readings: int = 0, lanes: int = 1, addresses: int = 0) -> dict:
    """The least a file may say for a map of this size: required fields only, no spaces, one-letter ids."""
    ids = _short_ids()
    cards_ = [{"id": next(ids), "persona": "p", "stage": "s" if n % 2 else "u", "title": "x",
               "pain_points": [{"id": next(ids), "text": "a"} for _ in range(pains)],
               "opportunities": [{"id": next(ids), "text": "a", "addresses": ["A"] * addresses}
                                 for _ in range(chances)],
               "quotes": [{"id": next(ids), "text": "a"} for _ in range(quotes)]} for n in range(cards)]
    return {
        "id": "m", "title": "t", "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z",
        "personas": [{"id": "p", "name": "P"}] + [{"id": next(ids), "name": "P"} for _ in range(lanes - 1)],
        "stages": [{"id": "s", "name": "S", "kpis": [{"id": next(ids), "name": "k", "readings": [
            {"date": "2026-01-01", "value": 1}] * readings} for _ in range(kpis)]}, {"id": "u", "name": "U"}],
        "touchpoints": cards_,
        "flows": [{"id": next(ids), "source": cards_[n % cards]["id"], "target": cards_[(n + 1) % cards]["id"]}
                  for n in range(flows)],
    }


SHAPES = {
    "cards": _minimal_map(400, 0),
    "flows": _minimal_map(2, 400),
    "pain-points": _minimal_map(10, 0, pains=50),
    "opportunities": _minimal_map(40, 0, chances=50),
    "addresses": _minimal_map(10, 0, chances=50, addresses=50),
    "quotes": _minimal_map(40, 0, quotes=50),
    "kpis": _minimal_map(1, 0, kpis=50),
    "readings": _minimal_map(1, 0, kpis=10, readings=500),
    "lanes": _minimal_map(1, 0, lanes=50),
}
"""A compact file made mostly of one kind of thing, each as small as the format lets it be."""


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_no_element_grows_more_than_the_check_allows_for(shape: str) -> None:
    """A file under CANONICAL_CHECK_FROM is not measured: its canonical form must not be able to
    pass the limit, so no part of a file may grow more than MAX / CANONICAL_CHECK_FROM times."""
    allowed = min(limits.MAX_FILE_BYTES / limits.CANONICAL_CHECK_FROM, reader.MAX_GROWTH)
    data = _compact(SHAPES[shape])
    grown = len(dumps(load_bytes(data).map)) / len(data)
    assert grown < allowed, f"{grown:.1f} x"


def test_a_compact_file_that_would_be_saved_over_the_limit_is_refused_at_once(monkeypatch) -> None:
    data = _compact(_minimal_map(300, 600))
    saved = len(dumps(load_bytes(data).map))
    assert saved > 2 * len(data)
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", saved - 1)
    monkeypatch.setattr(reader, "CANONICAL_CHECK_FROM", len(data) // 4)
    monkeypatch.setattr(reader, "_canonical_bound", lambda the_map, size: reader.MAX_FILE_BYTES + 1)
    with pytest.raises(LoadError) as info:
        load_bytes(data, "compact.jmap")
    line = info.value.lines()[0]
    assert line.startswith("compact.jmap: This map is too big to open: saved by journeymapper it would be ")
    assert line.endswith("(it was written in a compact form by another program)")


def test_the_writer_refuses_what_the_reader_would_refuse_and_keeps_the_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "map.jmap"
    small = make_map([tp("a", "p1", "s1")], [])
    save(path, small)
    before = path.read_bytes()
    big = make_map([tp(f"t{n}", "p1", "s1", notes="word " * 500) for n in range(40)],
                   [fl(f"f{n}", f"t{n}", f"t{n + 1}") for n in range(39)])
    size = len(dumps(big))
    monkeypatch.setattr(writer, "MAX_FILE_BYTES", size - 1)
    with pytest.raises(SaveError) as info:
        save(path, big)
    assert "nothing was written" in str(info.value) and f"{size:,} bytes" in str(info.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.jmap"]  # no backup, no temporary file


def test_a_file_the_writer_wrote_at_the_limit_loads_again(tmp_path: Path, monkeypatch) -> None:
    """The writer's limit and the reader's are one number on one form."""
    big = make_map([tp(f"t{n}", "p1", "s1", notes="word " * 500) for n in range(40)], [])
    size = len(dumps(big))
    for module in (reader, writer):
        monkeypatch.setattr(module, "MAX_FILE_BYTES", size)
    monkeypatch.setattr(reader, "CANONICAL_CHECK_FROM", 0)
    path = save(tmp_path / "at-limit.jmap", big)
    assert path.stat().st_size == size
    assert load_path(path).map == big


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_the_bound_that_spares_writing_a_file_to_measure_it_holds(shape: str) -> None:
    """The reader writes a big file again only when a bound of its canonical size could be over
    the limit: the bound must never be below the real size."""
    data = _compact(SHAPES[shape])
    loaded = load_bytes(data)
    assert reader._canonical_bound(loaded.map, len(data)) >= len(dumps(loaded.map, loaded.view))


def test_a_deeply_nested_view_that_would_grow_past_the_limit_is_refused(monkeypatch) -> None:
    """The view is free-form: nested deep, every line of it is indented more when saved."""
    nested = [0] * 20_000
    for _ in range(40):
        nested = [nested]
    data = json.dumps({"format": FORMAT_TAG, "schema_version": CURRENT_VERSION, "map": _minimal_map(2, 0),
                       "view": {"x": nested}}, separators=(",", ":")).encode()
    saved = len(dumps(load_bytes(data).map, {"x": nested}))
    assert saved > 5 * len(data)
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", saved - 1)
    with pytest.raises(LoadError):
        load_bytes(data)
