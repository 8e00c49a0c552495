"""Names the editor offers for files it writes (a saved map, a PDF, a picture)."""

from __future__ import annotations

from pathlib import Path


def suggested_path(map_path: Path | None, title: str, suffix: str) -> str:
    """Where to offer to save: beside the map's file, else in the home folder, named after its title."""
    if map_path is not None:
        return str(map_path.with_suffix(suffix))
    cleaned = "".join(c if c.isalnum() or c in " -_" else "-" for c in title).strip()
    return str(Path.home() / f"{cleaned[:60] or 'journey-map'}{suffix}")
