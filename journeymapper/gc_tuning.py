"""Keeping Python's cyclic garbage collector out of the way while a big map is built.

Opening a 5,000-card map makes about a million objects (the model, the
layout, the scene's items) and none of them is garbage. The collector does not
know that: it runs again and again while they are made, each time walking the
growing heap, which made opening a big map a third slower. So it is paused
while a map is opened, and what was built is then frozen (moved out of the
collector's sight, `gc.freeze`): it lives as long as its window anyway, and
later collections stay short instead of walking the whole map after an edit.
When a window closes, everything is unfrozen so its objects can be collected.
An export pauses the collector too, without freezing: its layout is freed after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the collector while the block runs (an export builds a whole layout and frees it after)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def building_long_lived_objects() -> Iterator[None]:
    """Pause the collector while the block runs; afterwards freeze what exists and resume."""
    with collector_paused():
        try:
            yield
        finally:
            gc.freeze()


def release_long_lived_objects() -> None:
    """Let the collector see every object again (a window, and what it held, has gone)."""
    gc.unfreeze()
