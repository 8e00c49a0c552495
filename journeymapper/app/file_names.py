"""Names the editor offers for files it writes (a saved map, a PDF, a picture)."""

from __future__ import annotations

from pathlib import Path

from ..i18n import _


def map_file_filter() -> str:
    """The file dialogs' choice of file types for journey maps (in the interface language)."""
    return ";;".join((_("Journey maps (*.jmap)"), _("All files (*)")))


def suggested_path(map_path: Path | None, title: str, suffix: str) -> str:
    """Where to offer to save: beside the map's file, else in the home folder, named after its title."""
    if map_path is not None:
        return str(map_path.with_suffix(suffix))
    cleaned = "".join(c if c.isalnum() or c in " -_" else "-" for c in title).strip()[:60]
    # TRANSLATORS: the file name offered for a map without a title (no spaces, slashes or dots)
    return str(Path.home() / ((cleaned or _("journey-map")) + suffix))
