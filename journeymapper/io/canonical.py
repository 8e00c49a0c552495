"""The canonical bytes of a `.jmap` file: the one form journeymapper writes.

Keys in the specification's order (the models' field order), two-space indent, `\\n` line ends,
a final newline, non-ASCII text as itself. Saving an unchanged map twice gives byte-identical
files, and changing one touchpoint changes only its lines in a diff. The size limit is on this
form (`limits.MAX_FILE_BYTES`): the reader measures it as the writer does, so whatever one
writes the other reads.
"""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..model.schema import Map
from .migrations import CURRENT_VERSION, READABLE_BY

FORMAT_TAG = "journeymapper"


def envelope(the_map: Map, view: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "format": FORMAT_TAG,
        "schema_version": CURRENT_VERSION,
        "readable_by": READABLE_BY,
        "app_version": __version__,
        "map": the_map.model_dump(mode="json"),
        "view": view or {},
    }


def dumps(the_map: Map, view: dict[str, Any] | None = None) -> bytes:
    """The canonical bytes of a `.jmap` file for this map."""
    text = json.dumps(envelope(the_map, view), indent=2, ensure_ascii=False, allow_nan=False)
    return (text + "\n").encode("utf-8")
