"""Which parts of a big map have items: bands of each lane that a view has shown.

A 5,000-card map has 12,500 cards and flows; making an item for each took
half the time to open it, though a screen shows a few hundred. So the scene
of a big map makes the items of a part of a lane when a view first comes near
it (see `MapScene.reveal`). Parts are bands of `BAND` points of a lane's
height, counted from the lane's top: lanes move as the map above them grows,
and a band stays the same part of its lane. A part once shown keeps its items;
so does a card or flow that an edit moves into a part not shown yet (a dropped
card keeps its selection); the rest of that part is made when a view comes near.
Whether a map is built part by part is decided when it is opened (or rebuilt,
as for a change of palette): a map that grows past the limit while edited
keeps all its items, one that shrinks keeps its parts.
"""

from __future__ import annotations

from ..layout.elements import FlowPath

BAND = 1000.0


def vertical_extent(path: FlowPath) -> tuple[float, float]:
    """Top and bottom of a flow's path (its control points bound the curve)."""
    ys = [y for segment in path.path for y in segment[1::2]]
    return min(ys), max(ys)


class Revealed:
    def __init__(self) -> None:
        self.bands: dict[str, set[int]] = {}

    @staticmethod
    def _span(top: float, bottom: float) -> range:
        return range(int(top // BAND), int(bottom // BAND) + 1)

    def any_in(self, lane: str) -> bool:
        """Whether any part of `lane` has been shown (most of a big map's lanes, at first, not)."""
        return bool(self.bands.get(lane))

    def covers(self, lane: str, top: float, bottom: float) -> bool:
        """Whether any part of lane-coordinates [top, bottom] of `lane` has been shown."""
        shown = self.bands.get(lane)
        return bool(shown) and any(band in shown for band in self._span(top, bottom))

    def add(self, lane: str, top: float, bottom: float) -> set[int]:
        """Mark [top, bottom] of `lane` shown; returns the bands that were not shown before."""
        shown = self.bands.setdefault(lane, set())
        new = set(self._span(top, bottom)) - shown
        shown |= new
        return new

    def in_bands(self, bands: set[int], top: float, bottom: float) -> bool:
        return any(band in bands for band in self._span(top, bottom))
