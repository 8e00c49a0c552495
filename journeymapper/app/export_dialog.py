"""File > Export PDF…: paper, orientation, one sheet or a poster, with a preview of how the map
falls on the pages and the size its smallest text will print at."""

from __future__ import annotations


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

from ..canvas.snapshot import render_outline
from ..export.pdf import MIN_TEXT_WARN, PAPERS, PdfOptions, smallest_text
from ..export.sheets import SheetPlan, map_area, plan_sheets
from ..i18n import LANGUAGES, N_, _, _n, print_language
from ..i18n.formats import localize_figure
from ..layout.map_layout import MapLayout
from ..model.schema import Map

ORIENTATIONS = {"auto": N_("auto"), "landscape": N_("landscape"), "portrait": N_("portrait")}
"""The export's orientations (its values) and the words shown for them."""


class PagePreview(QWidget):
    """The map as it will print, with the sheets drawn over it as they will cut it (blank sheets,
    which are not printed, faint)."""

    def __init__(self, picture: QPixmap, layout: MapLayout) -> None:
        super().__init__()
        self.picture, self.layout = picture, layout
        self.plan: SheetPlan | None = None
        self._outlines: dict[int, QPixmap] = {}
        self.setMinimumSize(420, 300)

    def show_plan(self, plan: SheetPlan) -> None:
        self.plan = plan
        self.update()

    def _picture_of(self, layout: MapLayout) -> QPixmap:
        """The screen's picture, or for columns laid out for the sheet, their outline."""
        if layout is self.layout:
            return self.picture
        key = id(layout)
        if key not in self._outlines:
            scale = min(1.0, 900.0 / max(layout.width, 1.0))
            self._outlines = {key: QPixmap.fromImage(render_outline(layout, layout.style.palette, scale))}
        return self._outlines[key]

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#E9EDF2"))
        plan = self.plan
        if plan is None:
            return
        room_w, room_h = plan.room
        area_w, area_h = map_area(*plan.paper, plan.block)
        k = min((self.width() - 20) / room_w, (self.height() - 20) / room_h)
        ox, oy = (self.width() - room_w * k) / 2, (self.height() - room_h * k) / 2
        mx, my = plan.offset
        layout = plan.layout
        target = QRectF(ox + mx * k, oy + my * k, layout.width * plan.scale * k, layout.height * plan.scale * k)
        picture = self._picture_of(layout)
        painter.drawPixmap(target, picture, QRectF(picture.rect()))
        for row in range(plan.rows):
            for column in range(plan.columns):
                used = plan.columns * plan.rows == 1 or plan.used(column, row)
                painter.setPen(QPen(QColor("#1C7ED6" if used else "#ADB5BD"), 1.5, Qt.PenStyle.DashLine))
                x, y = plan.sheet_origin(column, row)
                painter.drawRect(QRectF(ox + x * k, oy + y * k, area_w * k, area_h * k))
        painter.end()


class ExportPdfDialog(QDialog):
    def __init__(self, layout: MapLayout, picture: QPixmap, parent=None, the_map: Map | None = None,
                 printing: bool = False) -> None:
        """`printing`: the same choices for File > Print (office paper first; then the printer is chosen)."""
        super().__init__(parent)
        self.setWindowTitle(_("Print the map") if printing else _("Export PDF"))
        self.layout_, self.map_ = layout, the_map
        outer = QHBoxLayout(self)
        form_box = QVBoxLayout()
        form = QFormLayout()
        self.paper = QComboBox()
        self.paper.addItems(list(PAPERS))
        self.paper.setCurrentText("A4" if printing else "A3")
        self.orientation = QComboBox()
        for value, shown in ORIENTATIONS.items():
            self.orientation.addItem(_(shown), value)
        self.orientation.setToolTip(_("auto: whichever prints the map larger"))
        self.tiles = QComboBox()
        self.tiles.addItems([_("One sheet"), _("Poster: as few sheets as keep text at 8 pt"),
                             _("Poster: columns x rows")])
        self.columns, self.rows = QSpinBox(), QSpinBox()
        self.columns.setAccessibleName(_("Columns"))  # (the row's label names both: each its own name)
        self.rows.setAccessibleName(_("Rows"))
        for spin in (self.columns, self.rows):
            spin.setRange(1, 8)
            spin.setValue(2)
        grid = QHBoxLayout()
        grid.addWidget(self.columns)
        # TRANSLATORS: between the columns and the rows of a poster ("2 x 3")
        grid.addWidget(QLabel(_("x")))
        grid.addWidget(self.rows)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        if the_map is not None:  # (the map's own language, when the print has its words)
            self.language.setCurrentIndex(max(0, self.language.findData(print_language(the_map.language))))
        self.language.setToolTip(_("The language of the words the PDF prints itself (what the map says is "
                                   "printed as typed)"))
        self.grayscale = QCheckBox(_("Shades of grey"))
        self.appendix = QCheckBox(_("Add the checker's findings"))
        self.appendix.setChecked(True)
        form.addRow(_("Paper"), self.paper)
        form.addRow(_("Orientation"), self.orientation)
        form.addRow(_("Pages"), self.tiles)
        form.addRow(_("Columns x rows"), grid)
        form.addRow(_("Print language"), self.language)
        form.addRow("", self.grayscale)
        form.addRow("", self.appendix)
        form_box.addLayout(form)
        self.summary = QLabel("")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        form_box.addWidget(self.summary)
        form_box.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Choose Printer…") if printing
                                                                   else _("Export…"))
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
        return PdfOptions(paper=self.paper.currentText(), orientation=self.orientation.currentData(),
                          tiles=tiles, grayscale=self.grayscale.isChecked(),
                          appendix=self.appendix.isChecked(), language=self.language.currentData())

    def plan(self) -> SheetPlan:
        """How the export will put the map on paper (the same plan as `export_pdf`)."""
        options = self.options()
        return plan_sheets(self.map_, options.paper, options.orientation, options.tiles, self.layout_.style,
                           previous=self.layout_, current=self.layout_)

    def sheets(self) -> tuple[int, int]:
        plan = self.plan()
        return plan.columns, plan.rows

    def refresh(self, *_args) -> None:
        custom = self.tiles.currentIndex() == 2
        self.columns.setEnabled(custom)
        self.rows.setEnabled(custom)
        plan = self.plan()
        columns, rows = plan.columns, plan.rows
        size = smallest_text(plan.layout) * plan.scale
        printed = len(plan.sheets)
        total = columns * rows
        if total == 1:
            sheets = _("one sheet")
        else:
            sheets = _n("{columns} x {rows} = {n} sheet", "{columns} x {rows} = {n} sheets", total).format(
                columns=columns, rows=rows, n=total)
            if printed < total:
                sheets = _n("{sheets} ({n} blank, not printed)", "{sheets} ({n} blank, not printed)",
                            total - printed).format(sheets=sheets, n=total - printed)
        figures = {"sheets": sheets, "size": localize_figure(f"{size:.1f}"), "fill": f"{plan.fill:.0%}"}
        if self.orientation.currentData() == "auto":
            turn = _(ORIENTATIONS.get(plan.orientation, plan.orientation))
            # TRANSLATORS: {orientation} is "landscape" or "portrait", the way the map turns on its sheets
            text = _("The map prints on {sheets} {orientation}; its smallest text at {size} pt; it fills "
                     "{fill} of its room.").format(orientation=turn, **figures)
        else:
            text = _("The map prints on {sheets}; its smallest text at {size} pt; it fills {fill} of its "
                     "room.").format(**figures)
        if size < MIN_TEXT_WARN:
            text += " " + (_("That is hard to read: choose larger paper.") if self.tiles.currentIndex() == 1
                           else _("That is hard to read: choose a poster or larger paper."))
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #C92A2A" if size < MIN_TEXT_WARN else "")
        self.preview.show_plan(plan)
