"""Reading and writing `.jmap` files: validation with clear errors, migrations, atomic saves.

The reader and the writer are loaded when first asked for (they bring pydantic and the schema):
a command that only looks at its options starts without them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import LoadError, SaveError

if TYPE_CHECKING:
    from .reader import LoadedMap, load_bytes, load_path
    from .writer import dumps, save

_LATER = {"LoadedMap": "reader", "load_bytes": "reader", "load_path": "reader", "dumps": "writer", "save": "writer"}


def __getattr__(name: str) -> Any:
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = ["LoadError", "LoadedMap", "SaveError", "dumps", "load_bytes", "load_path", "save"]
