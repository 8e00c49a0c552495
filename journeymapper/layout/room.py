"""How much room a crowded map's rows, bands and gaps are given: a little more than they need, in
steps, so that an edit that adds one card or one run seldom moves every lane or column after it (a
big map then lays out again only what the edit touched)."""

from __future__ import annotations


def band_room(depth: float) -> float:
    """How deep the band under a lane's cards is made for runs `depth` deep: a deep band grows an
    eighth at a time, so that a drop that adds one run seldom moves every lane below."""
    if depth <= 48:
        return depth
    step = max(16, 1 << max(0, (int(depth) // 8).bit_length() - 1))
    return -(-depth // step) * step


def row_room(height: float) -> float:
    """How tall a lane's cards row is made for what it holds: a very tall row (a crowded map's)
    grows an eighth at a time, so that a drop that adds one card seldom moves every lane below."""
    if height <= 600:
        return height
    step = max(32, 1 << max(0, (int(height) // 8).bit_length() - 1))
    return -(-height // step) * step


def slot_room(slots: int) -> int:
    """How many vertical runs a gap makes room for: past the few a gap holds anyway, room for more
    at a time (eight, or an eighth to a quarter more in a crowded gap), so that a drop that adds one
    run seldom moves every column after it."""
    if slots <= 3:
        return slots
    step = max(8, 1 << max(0, (slots // 4).bit_length() - 1))
    return -(-slots // step) * step
