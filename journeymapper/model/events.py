"""What the Document says after each change, so views update only what changed.

Every event carries enough to undo itself (old and new values, indexes), which
keeps undo commands and views from having to ask the Document what it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .schema import Element, Map


@dataclass(frozen=True)
class ElementAdded:
    element: Element
    index: int
    """Position in its list (personas, stages, touchpoints or flows)."""


@dataclass(frozen=True)
class ElementRemoved:
    element: Element
    index: int


@dataclass(frozen=True)
class ElementChanged:
    """One field of an element changed; the element object was replaced."""

    old: Element
    new: Element
    field: str


@dataclass(frozen=True)
class ElementMoved:
    """An element changed place in its list; a touchpoint may also change cell."""

    old: Element
    new: Element
    old_index: int
    new_index: int


@dataclass(frozen=True)
class MapFieldChanged:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class MapReplaced:
    """The whole map was replaced (new, open, revert): views rebuild from scratch."""

    old: Map
    new: Map


DocumentEvent = ElementAdded | ElementRemoved | ElementChanged | ElementMoved | MapFieldChanged | MapReplaced
