"""Files from strangers: thousands of mutated maps (bytes flipped, cut, repeated, spliced from
another map) are each either read or refused with a LoadError, never anything else; every one that
is read is written again in canonical form, and that reads back the same."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from journeymapper.io import LoadError, dumps, load_bytes

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted([*ROOT.glob("resources/examples/*.jmap"), *ROOT.glob("resources/templates/*.jmap"),
                *ROOT.glob("tests/data/v*/*.jmap")])
pytestmark = pytest.mark.slow
ROUNDS = 5000
INTERESTING = [b"{", b"}", b"[", b"]", b'"', b":", b",", b"\\", b"\\u0000", b"null", b"-1e999", b"\xff",
               b"\xc3", b"\xe2\x80\xae", b'"id"', b'"flows"', b"9" * 40, b"\n", b"0x10", b"true"]


def _mutate(data: bytes, other: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(6)
        at = rng.randrange(len(data) + 1)
        if kind == 0 and data:  # flip a byte
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif kind == 1:  # cut
            data = data[:at] + data[at + rng.randint(1, 200):]
        elif kind == 2:  # repeat a stretch
            end = min(len(data), at + rng.randint(1, 300))
            data = data[:end] + data[at:end] + data[end:]
        elif kind == 3:  # a token that means something to a parser
            data = data[:at] + rng.choice(INTERESTING) + data[at:]
        elif kind == 4:  # splice from another map
            start = rng.randrange(max(1, len(other)))
            data = data[:at] + other[start:start + rng.randint(1, 500)] + data[at + rng.randint(0, 100):]
        else:  # truncate
            data = data[:at]
    return bytes(data)


def test_every_mutated_file_is_read_or_refused_and_what_is_read_writes_back_the_same() -> None:
    rng = random.Random(2026)
    originals = [path.read_bytes() for path in SEEDS]
    read = refused = 0
    for _ in range(ROUNDS):
        data = _mutate(rng.choice(originals), rng.choice(originals), rng)
        try:
            loaded = load_bytes(data, "fuzz.jmap")
        except LoadError as exc:
            assert exc.lines() and all(line.startswith("fuzz.jmap: ") for line in exc.lines())
            refused += 1
            continue
        written = dumps(loaded.map, loaded.view)
        again = load_bytes(written)
        assert again.map == loaded.map and dumps(again.map, again.view) == written
        read += 1
    assert refused > ROUNDS // 2 and read > 0  # (the mutations reached both sides)
