"""A KPI's readings in the inspector: a small table (day, value, note) and its trend as a sparkline.

Shown under the stage's KPI table for the KPI whose row is selected (`inspector_tables.KpiTable`).
Every change hands the KPI's whole list of readings, oldest first, to `commit`; the KPI table makes
it one undoable edit of the stage's KPIs. Days and values are shown and read as the user's locale
writes them (`local_formats`; ISO days are read too). A day that is not a date, or a value that is not
a number, is refused here with a message, and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..canvas.page_painter import QtPagePainter
from ..canvas.painting import plain_tooltip
from ..i18n import N_, _, _n
from ..layout.geometry import Rect
from ..layout.kpis import HEALTH_INKS, kpi_change, kpi_health, with_unit
from ..layout.sparkline import draw_sparkline, reading_pairs, sparkline
from ..layout.style import DARK, DEFAULT_STYLE, Palette, luminance
from ..model.schema import KPI
from .local_formats import EXAMPLE_DAY, day_text, number_text, parse_day, parse_number

TREND_SCALE = 2.0
"""The inspector's sparkline is the header's drawn this many times larger."""


def readings_note() -> str:
    """The readings table's tooltip (a day written as the user's locale writes one)."""
    return _("The last row is the KPI's current value. Type a day as {example}; changing a day puts the rows in "
             "date order.").format(example=day_text(EXAMPLE_DAY))


def editor_today(widget: QWidget) -> date:
    """The editor's "today" (`Editor.today`: tests fix it there), from the inspector form that holds
    `widget` (it knows its editor); the computer's date for a widget in no editor's form."""
    holder = widget.parentWidget()
    while holder is not None:
        editor = getattr(holder, "editor", None)
        if callable(getattr(editor, "today", None)):
            return editor.today()
        holder = holder.parentWidget()
    return date.today()


class TrendView(QWidget):
    """The readings' trend, drawn from `layout.sparkline` as the map's header draws it, with the lowest
    and highest value at the left and the first and last day underneath."""

    def __init__(self) -> None:
        super().__init__()
        self.kpi: KPI | None = None
        self.setMinimumHeight(84)
        self.setObjectName("kpi-trend")

    def sizeHint(self) -> QSize:
        return QSize(220, 90)

    def set_kpi(self, kpi: KPI | None) -> None:
        self.kpi = kpi
        summary = trend_summary(kpi) if kpi is not None else ""
        self.setToolTip(plain_tooltip(summary))  # (its unit is the map's words, never markup)
        self.setAccessibleDescription(summary)
        self.update()

    def _palette(self) -> Palette:
        dark = luminance(self.palette().window().color().name()) < 0.5
        return DARK if dark else DEFAULT_STYLE.palette

    def paintEvent(self, event: QPaintEvent) -> None:
        kpi = self.kpi
        if kpi is None or len(kpi.readings) < 2:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        values = [r.value for r in kpi.readings]
        high, low = with_unit(max(values), kpi.unit), with_unit(min(values), kpi.unit)
        left = max(metrics.horizontalAdvance(high), metrics.horizontalAdvance(low)) + 8
        bottom = self.height() - metrics.height() - 4
        box = Rect(left, 4, max(20.0, self.width() - left - 8), max(12.0, bottom - 8))
        _, health = kpi_health(kpi)
        ink = HEALTH_INKS[health] if kpi.target is not None and kpi.target != 0 else "muted"
        # The header's line at SCALE times its size: the same drawing, its strokes and dot as much bolder.
        k = TREND_SCALE
        spark = sparkline(reading_pairs(kpi), Rect(box.x / k, box.y / k, box.w / k, box.h / k), kpi.target, ink)
        page = QtPagePainter(painter, self._palette(), 0.0)
        page.place(0.0, 0.0, k)
        draw_sparkline(page, spark)
        painter.setPen(self.palette().placeholderText().color())
        ascent = metrics.ascent()
        painter.drawText(QPointF(2, box.y + ascent), high)
        painter.drawText(QPointF(2, box.bottom), low)
        days = [r.date for r in kpi.readings]  # (the line's ends: the earliest and latest day, in any order)
        first, last = day_text(min(days)), day_text(max(days))
        painter.drawText(QPointF(box.x, self.height() - 4 - metrics.descent()), first)
        painter.drawText(QRectF(box.x, bottom, box.w, metrics.height() + 4),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), last)
        painter.end()


def trend_summary(kpi: KPI) -> str:
    """The trend in words, for the sparkline's tooltip and screen readers."""
    if not kpi.readings:
        return _("No readings yet")
    first, latest = kpi.readings[0], kpi.readings[-1]
    if len(kpi.readings) == 1:
        return _("One reading: {value} on {day}").format(value=with_unit(latest.value, kpi.unit),
                                                         day=day_text(latest.date))
    change = kpi_change(kpi)
    verdict = change.verdict if change else ""
    if verdict == "better":
        # TRANSLATORS: a KPI's trend; the values carry their unit ("4.2 stars"), the days are dates.
        text = _n("{n} reading from {first_day} ({first}) to {last_day} ({last}), better than the reading before",
                  "{n} readings from {first_day} ({first}) to {last_day} ({last}), better than the reading before",
                  len(kpi.readings))
    elif verdict == "worse":
        text = _n("{n} reading from {first_day} ({first}) to {last_day} ({last}), worse than the reading before",
                  "{n} readings from {first_day} ({first}) to {last_day} ({last}), worse than the reading before",
                  len(kpi.readings))
    else:
        text = _n("{n} reading from {first_day} ({first}) to {last_day} ({last})",
                  "{n} readings from {first_day} ({first}) to {last_day} ({last})", len(kpi.readings))
    return text.format(n=len(kpi.readings), first_day=day_text(first.date), first=with_unit(first.value, kpi.unit),
                       last_day=day_text(latest.date), last=with_unit(latest.value, kpi.unit))


class ReadingsPanel(QWidget):
    """The readings of one KPI: day, value and note, oldest first, with Add and Remove, and the trend."""

    headers = (N_("Date"), N_("Value"), N_("Note"))

    def __init__(self, commit: Callable[[list[dict[str, Any]]], None]) -> None:
        super().__init__()
        self.setObjectName("kpi-readings")
        self.commit = commit
        self.loading = False
        self.kpi: KPI | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.title = QLabel("")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.table = QTableWidget(0, len(self.headers))
        self.title.setBuddy(self.table)  # ("Readings of …": the table's name for screen readers)
        self.table.setHorizontalHeaderLabels([_(header) for header in self.headers])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(90)
        self.table.setToolTip(readings_note())
        self.table.itemChanged.connect(lambda _item: None if self.loading else self._commit_rows())
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        add, remove = QPushButton(_("Add reading")), QPushButton(_("Remove reading"))
        add.setToolTip(_("A reading dated today, with the latest value to type over"))
        add.clicked.connect(self.add_reading)
        remove.clicked.connect(self.remove_reading)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.error = QLabel("")
        self.error.setObjectName("kpi-readings-error")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #C92A2A")
        self.error.hide()
        layout.addWidget(self.error)
        self.trend = TrendView()
        layout.addWidget(self.trend)

    # -- showing ------------------------------------------------------------------------------------
    def set_kpi(self, kpi: KPI | None) -> None:
        """Show `kpi`'s readings (the rows are rewritten only when they differ from what is shown)."""
        if kpi is None or self.kpi is None or kpi.id != self.kpi.id:
            self._say("")
        self.kpi = kpi
        if kpi is None:
            self._set_rows([])
            self.trend.set_kpi(None)
            return
        self.title.setText(_("Readings of \u201c{name}\u201d").format(name=kpi.name))
        rows = [[day_text(r.date), number_text(r.value), r.note] for r in kpi.readings]
        if rows != self._shown():
            self._set_rows(rows)
        self.trend.set_kpi(kpi)
        self.trend.setVisible(len(kpi.readings) >= 2)

    def _shown(self) -> list[list[str]]:
        return [[self.cell(r, c) for c in range(3)] for r in range(self.table.rowCount())]

    def _set_rows(self, rows: list[list[str]]) -> None:
        self.loading = True
        try:
            self.table.setRowCount(len(rows))
            for r, values in enumerate(rows):
                for c, value in enumerate(values):
                    self.table.setItem(r, c, QTableWidgetItem(value))
        finally:
            self.loading = False

    def cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item else ""

    def _say(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    # -- changing -----------------------------------------------------------------------------------
    def rows(self) -> list[dict[str, Any]] | None:
        """The readings as typed, oldest first; None (and a message) when a day or value is refused."""
        readings = []
        for r in range(self.table.rowCount()):
            typed_day, typed_value = self.cell(r, 0), self.cell(r, 1)
            day = parse_day(typed_day)
            if day is None:
                self._say(_("Date: \u201c{typed}\u201d is not a date like {example}.").format(
                    typed=typed_day, example=day_text(EXAMPLE_DAY)))
                return None
            value = parse_number(typed_value)
            if value is None or isinstance(value, str):
                self._say(_("Value: \u201c{typed}\u201d is not a number.").format(typed=typed_value) if typed_value
                          else _("Value: each reading needs a value (remove the reading if it has none)."))
                return None
            readings.append({"date": day, "value": value, "note": self.cell(r, 2)})
        self._say("")
        kept = [r.date for r in self.kpi.readings] if self.kpi is not None else []
        if [reading["date"] for reading in readings] == kept:
            # No date changed: the order stays as it is, so an edited value or note never makes another
            # reading the latest (the KPI's current value) behind the person's back.
            return readings
        return sorted(readings, key=lambda reading: reading["date"])  # (stable: a day's readings keep their order)

    def _commit_rows(self) -> None:
        readings = self.rows()
        if readings is not None:
            self.commit(readings)

    def add_reading(self) -> None:
        if self.kpi is None:
            return
        readings = self.rows()
        if readings is None:
            return
        latest = self.kpi.value if self.kpi.value is not None else 0
        # Last in the list, as the KPI table's new value: the row to type over is the latest reading,
        # even when another is dated after today (not sorted: the others keep their order).
        readings.append({"date": editor_today(self), "value": latest, "note": ""})
        self.commit(readings)

    def remove_reading(self) -> None:
        row = self.table.currentRow()
        if self.kpi is None or row < 0:
            return
        readings = [r.model_dump() for r in self.kpi.readings]
        if row < len(readings):
            del readings[row]
            self.commit(readings)
