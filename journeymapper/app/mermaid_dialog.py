"""File > Export as Mermaid…: the map as a Mermaid `journey` diagram, for documents and wikis.

What a diagram holds is decided below the editor (`io.mermaid_export`, docs/mermaid.md); here is
the dialog. The file is written atomically (`io.writer`): a diagram already there stays whole
until the new one is in place. (Importing a diagram is File > Import…, with the spreadsheets.)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from ..i18n import N_, _
from ..io import SaveError
from .file_names import suggested_path

if TYPE_CHECKING:
    from .main_window import MainWindow

MERMAID_FILES = N_("Mermaid journey diagram (*.mmd *.mermaid)")
EXPORT_TIP = N_("Save the map as a Mermaid journey diagram (.mmd), to show in documents and wikis that draw "
                "Mermaid: stages, touchpoints, feelings and personas")


def export_mermaid_dialog(window: MainWindow) -> None:
    """Ask where, then write the diagram there."""
    if window.editor is None:
        return
    start = suggested_path(window.editor.path, window.editor.doc.map.title, ".mmd")
    path, _chosen = QFileDialog.getSaveFileName(window, _("Export as Mermaid"), start, _(MERMAID_FILES))
    if path:
        if not path.lower().endswith((".mmd", ".mermaid")):
            path += ".mmd"
        export_mermaid_to(window, path)


def export_mermaid_to(window: MainWindow, path: str | Path) -> bool:
    """Write the diagram; say what was written in the status bar, or why not in an error."""
    if window.editor is None:
        return False
    from ..io.mermaid_export import save_mermaid

    try:
        exported = save_mermaid(path, window.editor.doc.map)
    except SaveError as exc:
        window.show_error(_("Could not export the Mermaid diagram"), str(exc))
        return False
    notes = "".join(f" {note[0].upper()}{note[1:]}." for note in exported.notes)
    said = _("Exported {path}: {summary}.").format(path=path, summary=exported.summary)
    window.statusBar().showMessage(said + notes, 10000)
    return True
