"""The window's printing: PDF export with progress, PNG and SVG pictures.

A mixin of `MainWindow` (it uses the window's editor, status bar and dialogs).
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout, QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QProgressDialog

from ..i18n import N_, _, _n
from ..i18n.formats import localize_figure
from ..io import SaveError
from .file_names import suggested_path
from .window_files import autosave_every_window

if TYPE_CHECKING:  # (the export, the pictures and the printer are loaded when first used: not at start-up)
    from PySide6.QtPrintSupport import QPrinter

    from ..export.pdf import ExportReport, PdfOptions
    from .export_dialog import ExportPdfDialog

PICTURE_PNG = N_("PNG picture, with title and legend (*.png)")
PICTURE_PNG_ALONE = N_("PNG picture of the map alone, for slides (*.png)")
PICTURE_SVG = N_("SVG drawing, with title and legend (*.svg)")
PICTURE_SVG_ALONE = N_("SVG drawing of the map alone, for slides (*.svg)")


class Printing:
    """PDF and picture exports of a window's map (mixed into `MainWindow`)."""

    def export_pdf_to(self, path: str | Path, options: PdfOptions, quiet: bool = False) -> ExportReport | None:
        """Export with a progress dialog that can cancel it; problems are shown to the user. A PDF
        of more pages than `options.max_pages` is made only if the user confirms. Returns the
        report, or None (nothing was written)."""
        if self.editor is None:
            return None
        from ..export.pdf import ExportCancelled, ExportError, TooManyPages, export_pdf

        autosave_every_window()  # (a long export must not take other maps' unsaved work with it)
        progress = QProgressDialog(_("Exporting the map…"), _("Cancel"), 0, 0, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)

        def step(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)
            QApplication.processEvents()
            if progress.wasCanceled():
                raise ExportCancelled

        try:
            # The editor's layout is reused where nothing changed since (in the dark theme, whose style
            # differs, the map is laid out afresh).
            if not options.source_name and self.editor.path is not None:
                options = replace(options, source_name=self.editor.path.name)
            report = export_pdf(self.editor.doc.map, path, options, progress=step, previous=self.editor.scene.layout)
        except TooManyPages as exc:
            progress.close()
            if self.confirm_pages(exc.pages):
                return self.export_pdf_to(path, replace(options, max_pages=None))
            return None
        except ExportCancelled:
            progress.close()
            self.statusBar().showMessage(_("Export cancelled; nothing was written"), 6000)
            return None
        except (ExportError, SaveError, OSError) as exc:
            progress.close()
            self.show_error(_("Could not export the PDF"), str(exc))
            return None
        progress.close()
        if not quiet:  # (a print's pages: the print says how it went)
            message = _n("Exported {path}: {n} page, smallest text {size} pt",
                         "Exported {path}: {n} pages, smallest text {size} pt", report.pages).format(
                path=path, n=report.pages, size=localize_figure(f"{report.smallest_text:.1f}"))
            self.statusBar().showMessage(message, 8000)
        if report.warnings:
            self.show_error(_("Exported, with warnings"), "\n".join(report.warnings))
        return report

    def _confirm_pages(self, pages: int) -> bool:
        answer = QMessageBox.question(self, _("A very long PDF"),
                                      _n("This PDF would have {n} page. Make it anyway?",
                                         "This PDF would have {n} pages. Make it anyway?", pages).format(
                                          n=f"{pages:,}"))
        return answer == QMessageBox.StandardButton.Yes

    def _pdf_options_dialog(self, printing: bool = False) -> ExportPdfDialog | None:
        if self.editor is None:
            return None
        from ..canvas.snapshot import render_outline, render_scene
        from .export_dialog import ExportPdfDialog

        scene = self.editor.scene
        layout = scene.layout  # the sizes print uses (the palette does not matter for the preview)
        scale = min(1.0, 900.0 / max(scene.sceneRect().width(), 1.0))
        if scene.makes_items_in_parts:  # a big map: the preview shows its boxes, without making every item
            picture = QPixmap.fromImage(render_outline(layout, scene.style.palette, scale))
        else:
            picture = QPixmap.fromImage(render_scene(scene, scale))
        return ExportPdfDialog(layout, picture, self, the_map=self.editor.doc.map, printing=printing)

    def export_pdf_dialog(self) -> None:
        dialog = self._pdf_options_dialog()
        if dialog is None or dialog.exec() != QDialog.DialogCode.Accepted:
            return
        start = suggested_path(self.editor.path, self.editor.doc.map.title, ".pdf")
        path, _chosen = QFileDialog.getSaveFileName(self, _("Export PDF"), start, _("PDF (*.pdf)"))
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.export_pdf_to(path, dialog.options())

    def print_dialog(self) -> None:
        """File > Print: the export's choices (paper, one sheet or a poster...), then the platform's print
        dialog with that paper, then the PDF export's pages on the chosen printer."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from .print_pages import page_size_of

        dialog = self._pdf_options_dialog(printing=True)
        if dialog is None or dialog.exec() != QDialog.DialogCode.Accepted:
            return
        options, plan = dialog.options(), dialog.plan()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.editor.title())
        printer.setPageSize(page_size_of(options.paper))
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if plan.paper[0] > plan.paper[1]
                                   else QPageLayout.Orientation.Portrait)
        chooser = QPrintDialog(printer, self)
        chooser.setWindowTitle(_("Print the map"))
        if chooser.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer, options)

    def print_to(self, printer: QPrinter, options: PdfOptions | None = None) -> int:
        """Print on `printer` the pages the PDF export makes with `options` (by default, one sheet of the
        printer's paper); the pages sent (0: nothing)."""
        if self.editor is None:
            return 0
        from ..export.pdf import PdfOptions
        from .print_pages import paper_of, print_pdf

        if options is None:
            options = PdfOptions(paper=paper_of(printer), orientation="auto")
        with tempfile.TemporaryDirectory(prefix="journeymapper-print-") as folder:
            pdf = Path(folder) / "print.pdf"
            report = self.export_pdf_to(pdf, options, quiet=True)
            if report is None:
                return 0
            try:
                sent = print_pdf(pdf, printer)
            except OSError as exc:
                self.show_error(_("Could not print"),
                                _("The printer could not take the map: {reason}").format(reason=exc))
                return 0
        sent_words = _n("Sent {n} page to the printer", "Sent {n} pages to the printer", sent).format(n=sent)
        self.statusBar().showMessage(sent_words, 8000)
        return sent

    def export_picture_to(self, path: str | Path, dpi: int = 150, header: bool = True) -> bool:
        """A PNG (at `dpi`) or SVG picture of the map, as it looks on screen in the light palette, under
        the PDF's title block and legend (`header`: leave them out for slides)."""
        if self.editor is None:
            return False
        from ..canvas.picture import render_picture
        from ..io.writer import write_atomic

        try:
            data = render_picture(self.editor.doc.map, Path(path).suffix.lower(), dpi, False, header)
            write_atomic(path, data, keep_backup=False, follow_links=False)
        except (SaveError, ValueError) as exc:
            self.show_error(_("Could not export the picture"), str(exc))
            return False
        self.statusBar().showMessage(_("Exported {path}").format(path=path), 6000)
        return True

    def export_picture_dialog(self) -> None:
        if self.editor is None:
            return
        start = suggested_path(self.editor.path, self.editor.doc.map.title, ".png")
        kinds = ";;".join(_(kind) for kind in (PICTURE_PNG, PICTURE_PNG_ALONE, PICTURE_SVG,
                                                PICTURE_SVG_ALONE))
        path, chosen = QFileDialog.getSaveFileName(self, _("Export Picture"), start, kinds)
        if path:
            if not path.lower().endswith((".png", ".svg")):
                path += ".svg" if chosen.lower().endswith("(*.svg)") else ".png"
            self.export_picture_to(path, header=chosen not in (_(PICTURE_PNG_ALONE), _(PICTURE_SVG_ALONE)))
