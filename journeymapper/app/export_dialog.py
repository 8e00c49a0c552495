"""File > Export PDF…: paper, orientation, one sheet or a poster, with a preview of how the map
falls on the pages and the size its smallest text will print at."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..export.pdf import MIN_TEXT_WARN, PAPERS, PdfOptions, choose_tiles, fit_scale, paper_size, smallest_text
from ..layout.map_layout import MapLayout


class PagePreview(QWidget):
    """The map's picture with the sheets drawn over it, as they will cut it."""

    def __init__(self, picture: QPixmap, layout: MapLayout) -> None:
        super().__init__()
        self.picture, self.layout = picture, layout
        self.columns, self.rows, self.paper = 1, 1, (1190.0, 842.0)
        self.setMinimumSize(420, 300)

    def show_tiles(self, paper: tuple[float, float], columns: int, rows: int) -> None:
        self.paper, self.columns, self.rows = paper, columns, rows
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        from ..export.pdf import FOOTER, MARGIN, OVERLAP, title_block_height

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#E9EDF2"))
        area_w = self.paper[0] - 2 * MARGIN
        area_h = self.paper[1] - 2 * MARGIN - title_block_height(self.paper) - FOOTER
        scale = fit_scale(self.layout, self.paper, self.columns, self.rows)
        total_w = self.columns * area_w - (self.columns - 1) * OVERLAP
        total_h = self.rows * area_h - (self.rows - 1) * OVERLAP
        k = min((self.width() - 20) / total_w, (self.height() - 20) / total_h)
        ox, oy = (self.width() - total_w * k) / 2, (self.height() - total_h * k) / 2
        target = QRectF(ox, oy, self.layout.width * scale * k, self.layout.height * scale * k)
        painter.drawPixmap(target, self.picture, QRectF(self.picture.rect()))
        painter.setPen(QPen(QColor("#1C7ED6"), 1.5, Qt.PenStyle.DashLine))
        for row in range(self.rows):
            for column in range(self.columns):
                x = ox + column * (area_w - OVERLAP) * k
                y = oy + row * (area_h - OVERLAP) * k
                painter.drawRect(QRectF(x, y, area_w * k, area_h * k))
        painter.end()


class ExportPdfDialog(QDialog):
    def __init__(self, layout: MapLayout, picture: QPixmap, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export PDF")
        self.layout_ = layout
        outer = QHBoxLayout(self)
        form_box = QVBoxLayout()
        form = QFormLayout()
        self.paper = QComboBox()
        self.paper.addItems(list(PAPERS))
        self.paper.setCurrentText("A3")
        self.orientation = QComboBox()
        self.orientation.addItems(["landscape", "portrait"])
        self.tiles = QComboBox()
        self.tiles.addItems(["One sheet", "Poster: as few sheets as keep text at 8 pt", "Poster: columns x rows"])
        self.columns, self.rows = QSpinBox(), QSpinBox()
        for spin in (self.columns, self.rows):
            spin.setRange(1, 8)
            spin.setValue(2)
        grid = QHBoxLayout()
        grid.addWidget(self.columns)
        grid.addWidget(QLabel("x"))
        grid.addWidget(self.rows)
        self.grayscale = QCheckBox("Shades of grey")
        self.appendix = QCheckBox("Add the checker's findings")
        self.appendix.setChecked(True)
        form.addRow("Paper", self.paper)
        form.addRow("Orientation", self.orientation)
        form.addRow("Pages", self.tiles)
        form.addRow("Columns x rows", grid)
        form.addRow("", self.grayscale)
        form.addRow("", self.appendix)
        form_box.addLayout(form)
        self.summary = QLabel("")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        form_box.addWidget(self.summary)
        form_box.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form_box.addWidget(buttons)
        outer.addLayout(form_box)
        self.preview = PagePreview(picture, layout)
        outer.addWidget(self.preview, 1)
        for widget in (self.paper, self.orientation, self.tiles):
            widget.currentIndexChanged.connect(self.refresh)
        for spin in (self.columns, self.rows):
            spin.valueChanged.connect(self.refresh)
        self.refresh()

    def options(self) -> PdfOptions:
        choice = self.tiles.currentIndex()
        tiles = "1x1" if choice == 0 else "auto" if choice == 1 else f"{self.columns.value()}x{self.rows.value()}"
        return PdfOptions(paper=self.paper.currentText(), orientation=self.orientation.currentText(), tiles=tiles,
                          grayscale=self.grayscale.isChecked(), appendix=self.appendix.isChecked())

    def sheets(self) -> tuple[int, int]:
        options = self.options()
        paper = paper_size(options)
        if options.tiles == "auto":
            return choose_tiles(self.layout_, paper)
        columns, rows = (int(n) for n in options.tiles.split("x"))
        return columns, rows

    def refresh(self, *_args) -> None:
        custom = self.tiles.currentIndex() == 2
        self.columns.setEnabled(custom)
        self.rows.setEnabled(custom)
        paper = paper_size(self.options())
        columns, rows = self.sheets()
        size = smallest_text(self.layout_) * fit_scale(self.layout_, paper, columns, rows)
        sheets = "one sheet" if (columns, rows) == (1, 1) else f"{columns} x {rows} = {columns * rows} sheets"
        text = f"The map prints on {sheets}; its smallest text at {size:.1f} pt."
        if size < MIN_TEXT_WARN:
            text += (" That is hard to read: choose larger paper." if self.tiles.currentIndex() == 1
                     else " That is hard to read: choose a poster or larger paper.")
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #C92A2A" if size < MIN_TEXT_WARN else "")
        self.preview.show_tiles(paper, columns, rows)


def suggested_path(map_path: Path | None, title: str, suffix: str) -> str:
    """Where to offer to save: beside the map's file, else in the home folder, named after its title."""
    if map_path is not None:
        return str(map_path.with_suffix(suffix))
    cleaned = "".join(c if c.isalnum() or c in " -_" else "-" for c in title).strip()
    return str(Path.home() / f"{cleaned[:60] or 'journey-map'}{suffix}")
