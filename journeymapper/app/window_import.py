"""The window's imports and spreadsheet exports: File > Import… and File > Export Spreadsheet….

A mixin of `MainWindow`. What a file becomes is decided below the editor (`io.importers.import_file`,
`io.spreadsheet_export`); here are the dialogs. An imported map opens as a new, unsaved map (in this
window while it shows the start page, else in a window of its own), and what could not be used is
listed, row by row, in a dialog of plain text.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..i18n import N_, _, _n
from ..io import SaveError
from ..io.importers import IMPORTERS, ImportFailed, ImportResult, import_file
from .editor import Editor
from .file_names import suggested_path

SPREADSHEET_XLSX = N_("Excel workbook, the whole map (*.xlsx)")
SPREADSHEET_CSV = N_("CSV file, one row per touchpoint (*.csv)")


def import_filter() -> str:
    """The Import dialog's file types: every suffix an importer reads (`IMPORTERS`)."""
    patterns = " ".join(f"*{suffix}" for suffix in IMPORTERS)
    return ";;".join((_("Spreadsheets and diagrams ({patterns})").format(patterns=patterns),
                      _("All files (*)")))


class ImportReport(QDialog):
    """What an import left out and assumed: a summary, then one line per row, as plain text to read,
    select and copy."""

    def __init__(self, source: str, result: ImportResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Imported, with problems") if result.problems else _("Imported"))
        layout = QVBoxLayout(self)
        left_out = len(result.problems)
        said = _("{source}: {summary}.").format(source=source, summary=result.summary)
        if left_out:
            said += "\n" + _n("{n} thing in the file could not be used and was left out:",
                              "{n} things in the file could not be used and were left out:", left_out).format(
                n=left_out)
        heading = QLabel(said)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.text = QPlainTextEdit()
        heading.setBuddy(self.text)  # (what the text lists, for screen readers)
        self.text.setReadOnly(True)
        self.text.setPlainText("\n".join([str(problem) for problem in result.problems]
                                         + ([""] if result.problems and result.notes else [])
                                         + [_("Note: {note}").format(note=note) for note in result.notes]))
        layout.addWidget(self.text, 1)
        hint = QLabel(_("The map is new and not saved yet: check it, then save it with File > Save As."))
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 360)


class Importing:
    """File > Import… and File > Export Spreadsheet… (mixed into `MainWindow`)."""

    import_report: ImportReport | None = None
    """The last import's report dialog (shown without blocking), for tests to read."""

    def _add_import_action(self, menu: QMenu) -> None:
        self._action("import", _("&Import…"), self.import_dialog, None, menu,
                     _("Make a new map from a spreadsheet (.xlsx or .csv) or another program's file"))

    def _add_spreadsheet_export_action(self, menu: QMenu) -> None:
        self._action("export_spreadsheet", _("Export Spreads&heet…"), self.export_spreadsheet_dialog, None,
                     menu, _("Save the map as an Excel workbook (.xlsx) or its touchpoints as a CSV file, to "
                             "work on in a spreadsheet"))

    # -- import --------------------------------------------------------------------------------
    def ask_import_file(self) -> str:
        """The file to import ("" if none was chosen); tests replace it."""
        start = str(self.editor.path.parent) if self.editor is not None and self.editor.path else ""
        path, _chosen = QFileDialog.getOpenFileName(self, _("Import a spreadsheet or diagram"), start,
                                                    import_filter())
        return path

    def import_dialog(self) -> None:
        path = self.ask_import_file()
        if path:
            self.import_path(path)

    def import_path(self, path: str | Path) -> bool:
        """Make a new map from `path` and show it, unsaved; say what was left out. False if nothing
        could be imported (the reason is shown)."""
        name = Path(path).name
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result: ImportResult | ImportFailed = import_file(path)
        except ImportFailed as exc:
            result = exc
        finally:
            QApplication.restoreOverrideCursor()
        if isinstance(result, ImportFailed):
            details = "\n".join(str(problem) for problem in result.problems[:200])
            self.show_error(_("Could not import"),
                            f"{name}: {result}" + (f"\n\n{details}" if details else ""))
            return False
        window = self._show_imported(result)
        if result.problems or result.notes:
            window.show_import_report(name, result)
        else:
            window.statusBar().showMessage(_("Imported {name}: {summary}. The map is not saved yet.").format(
                name=name, summary=result.summary), 10000)
        return True

    def _show_imported(self, result: ImportResult) -> Importing:
        if self.editor is None:  # (the start page: this window is free)
            self.set_editor(Editor(result.map))
            self.editor.stack.resetClean()  # a new map, unsaved: closing asks to save it
            self._update_title()
            return self
        self.open_copy_requested.emit(result.map)
        shown = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, Importing) and w.editor is not None and w.editor.doc.map is result.map]
        return shown[0] if shown else self

    def show_import_report(self, source: str, result: ImportResult) -> None:
        if self.import_report is not None:
            self.import_report.close()
        self.import_report = ImportReport(source, result, self)
        self.import_report.open()  # (not modal to the application: the map can be looked at beside it)

    # -- spreadsheet export -----------------------------------------------------------------------
    def ask_spreadsheet_path(self) -> str:
        """Where to export the spreadsheet ("" if nowhere); tests replace it."""
        start = suggested_path(self.editor.path, self.editor.doc.map.title, ".xlsx")
        path, chosen = QFileDialog.getSaveFileName(self, _("Export Spreadsheet"), start,
                                                   f"{_(SPREADSHEET_XLSX)};;{_(SPREADSHEET_CSV)}")
        if path and not path.lower().endswith((".xlsx", ".csv")):
            path += ".csv" if chosen == _(SPREADSHEET_CSV) else ".xlsx"
        return path

    def export_spreadsheet_dialog(self) -> None:
        if self.editor is None:
            return
        path = self.ask_spreadsheet_path()
        if path:
            self.export_spreadsheet_to(path)

    def export_spreadsheet_to(self, path: str | Path) -> bool:
        if self.editor is None:
            return False
        from ..io.spreadsheet_export import export_spreadsheet, spreadsheet_summary

        try:
            export_spreadsheet(self.editor.doc.map, path)
        except (SaveError, ValueError) as exc:
            self.show_error(_("Could not export the spreadsheet"), str(exc))
            return False
        summary = spreadsheet_summary(self.editor.doc.map, Path(path).suffix)
        self.statusBar().showMessage(_("Exported {path}: {summary}").format(path=path, summary=summary), 8000)
        return True
