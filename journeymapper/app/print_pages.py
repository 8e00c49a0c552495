"""File > Print: the PDF export's pages sent to a printer through the platform's print dialog.

The pages are the export's own (the same layout, details and legend as the PDF), drawn by
PDFium (pypdfium2) at the printer's resolution and painted on the printer's pages, each turned
and scaled to fit its printable area without distortion. A print of the map is then what the
PDF shows, on any platform Qt prints on, with nothing laid out twice.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage, QPageSize, QPainter, QTransform
from PySide6.QtPrintSupport import QPrinter

from ..export.paper import PAPERS
from ..i18n import _

MAX_DPI = 300
"""Pages are drawn at most this sharp: finer than the eye at reading distance, and a page of A3 at
300 dpi is already 50 MB of pixels."""

_PAPER_SIZES = {
    QPageSize.PageSizeId.A4: "A4", QPageSize.PageSizeId.A3: "A3",
    QPageSize.PageSizeId.A2: "A2", QPageSize.PageSizeId.A1: "A1", QPageSize.PageSizeId.A0: "A0",
    QPageSize.PageSizeId.Letter: "letter", QPageSize.PageSizeId.Legal: "legal",
    QPageSize.PageSizeId.Tabloid: "tabloid", QPageSize.PageSizeId.Ledger: "tabloid",
}


def paper_of(printer: QPrinter) -> str:
    """The export's paper for the printer's paper (A4 when the printer's is one the export lacks)."""
    name = _PAPER_SIZES.get(printer.pageLayout().pageSize().id(), "A4")
    return name if name in PAPERS else "A4"


def page_size_of(paper: str) -> QPageSize:
    """The printer's page size for the export's paper."""
    ids = {name: size for size, name in _PAPER_SIZES.items() if size != QPageSize.PageSizeId.Ledger}
    return QPageSize(ids.get(paper, QPageSize.PageSizeId.A4))


def print_pdf(path: Path, printer: QPrinter, progress: Callable[[int, int], None] | None = None) -> int:
    """Paint the pages of the PDF at `path` on `printer` (its page range, if one was chosen).

    Returns the number of pages sent. Raises OSError when the printer cannot be drawn on.
    """
    import pypdfium2 as pdfium  # (only when printing: the start-up does not pay for it)

    document = pdfium.PdfDocument(str(path))
    try:
        count = len(document)
        first, last = printer.fromPage(), printer.toPage()
        pages = range(max(first, 1) - 1, min(last, count) if last else count) if first else range(count)
        printer.setFullPage(False)
        painter = QPainter()
        if not painter.begin(printer):
            # TRANSLATORS: completes "The printer could not take the map: {reason}"
            raise OSError(_("the printer could not be started"))
        try:
            for n, index in enumerate(pages):
                if n:
                    printer.newPage()
                _paint_page(painter, printer, document[index])
                if progress is not None:
                    progress(n + 1, len(pages))
        finally:
            painter.end()
        return len(pages)
    finally:
        document.close()


def _paint_page(painter: QPainter, printer: QPrinter, page) -> None:
    area = printer.pageLayout().paintRectPixels(printer.resolution())
    target = QRectF(0, 0, area.width(), area.height())
    width, height = page.get_size()  # points
    turn = (width > height) != (target.width() > target.height())
    page_w, page_h = (height, width) if turn else (width, height)
    fit = min(target.width() / page_w, target.height() / page_h)  # printer pixels per point
    dpi = min(fit * 72.0, MAX_DPI)
    bitmap = page.render(scale=dpi / 72.0, rev_byteorder=True)
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                   QImage.Format.Format_RGB888 if bitmap.n_channels == 3 else QImage.Format.Format_RGBA8888)
    # (a copy: the printer may keep the picture after the bitmap is freed)
    image = image.transformed(QTransform().rotate(90)) if turn else image.copy()
    shown_w, shown_h = page_w * fit, page_h * fit
    corner = QPointF((target.width() - shown_w) / 2, (target.height() - shown_h) / 2)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(QRectF(corner.x(), corner.y(), shown_w, shown_h), image)
    bitmap.close()


__all__ = ["MAX_DPI", "page_size_of", "paper_of", "print_pdf"]
