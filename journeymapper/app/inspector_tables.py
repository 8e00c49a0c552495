"""The inspector's small tables: a card's pain points and opportunities, a stage's KPIs.

Every change commits the whole list. Items keep their ids and whatever the table does not show
(an opportunity's owner and due date, a KPI's older readings): a row is its item with the cells
typed over it, and a new row is a new item with a fresh id. A KPI's value is its latest reading:
typing a new value adds a reading dated today (or corrects today's), last in the list (see
`_with_value`). The selected KPI's readings show
under the KPI table (`kpi_readings`), where each is edited, added or removed: one undo step each.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..i18n import N_, _
from ..model.document import new_id
from ..model.schema import KPI
from .kpi_readings import ReadingsPanel, editor_today, number_text, parse_number

LEVEL_CHOICES = [("low", N_("Low")), ("medium", N_("Medium")), ("high", N_("High"))]
# TRANSLATORS: which values of a KPI are better (a choice in the KPI table's "Better" column).
DIRECTION_CHOICES = [("higher", N_("↑ higher")), ("lower", N_("↓ lower")), ("target", N_("= on target"))]
KPI_DIRECTION_NOTE = N_("A KPI shows as met (✓) when its latest value reaches its target the better way, near (≈) "
                        "within 30 %, off (✗) beyond. Better: whether higher or lower values are better, or "
                        "closest to the target. A new value is kept as a reading dated today.")
"""Shown under the KPI table, through `_()`."""


class _Table(QWidget):
    """A small editable table with Add and Remove buttons; every change commits the whole list."""

    headers: tuple[str, ...] = ()

    def __init__(self, commit: Callable[[list[dict[str, Any]]], None]) -> None:
        super().__init__()
        self.commit = commit
        self.loading = False
        self.items: list[BaseModel] = []
        """The items shown, row by row (what a row keeps that the table does not show)."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(self.headers))
        self.table.setHorizontalHeaderLabels([_(header) for header in self.headers])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(90)
        self.table.itemChanged.connect(lambda _item: None if self.loading else self.commit(self.rows()))
        buttons = QHBoxLayout()
        add, remove = QPushButton(_("Add")), QPushButton(_("Remove"))
        add.clicked.connect(self.add_row)
        remove.clicked.connect(self.remove_row)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item else ""

    def _set_rows(self, rows: list[list[str]]) -> None:
        self.loading = True
        try:
            self.table.setRowCount(len(rows))
            for r, values in enumerate(rows):
                for c, value in enumerate(values):
                    self._put(r, c, value)
        finally:
            self.loading = False

    def _put(self, row: int, column: int, value: str) -> None:
        self.table.setItem(row, column, QTableWidgetItem(value))

    def _combo(self, row: int, column: int, choices: Sequence[tuple[Any, str]], value: Any) -> None:
        combo = QComboBox()
        for key, label in choices:
            combo.addItem(_(label), key)  # (shown in the interface language; the key is what is kept)
        combo.setCurrentIndex(max(0, combo.findData(value)))
        combo.activated.connect(lambda _i: self.commit(self.rows()))
        heading = self.table.horizontalHeaderItem(column)  # (the column names the choice, for screen readers)
        combo.setAccessibleName(heading.text() if heading is not None else "")
        self.table.setCellWidget(row, column, combo)

    def _choice(self, row: int, column: int, default: Any) -> Any:
        combo = self.table.cellWidget(row, column)
        return combo.currentData() if isinstance(combo, QComboBox) else default

    def _base(self, row: int) -> dict[str, Any]:
        """The row's item as data (a new row: a new id)."""
        return self.items[row].model_dump() if row < len(self.items) else {"id": new_id()}

    def rows(self) -> list[dict[str, Any]]:
        raise NotImplementedError

    def add_row(self) -> None:
        raise NotImplementedError

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            values = self.rows()
            del values[row]
            self.commit(values)


class EntriesTable(_Table):
    """Pain points (text, severity) or opportunities (text, priority)."""

    headers = (N_("Text"), N_("Level"))

    def __init__(self, level_key: str, commit: Callable[[list[dict[str, Any]]], None]) -> None:
        super().__init__(commit)
        self.level_key = level_key

    def set_value(self, entries: list) -> None:
        self.items = list(entries)
        rows = [[e.text, getattr(e, self.level_key)] for e in entries]
        if rows != [[self.cell(r, 0), self._choice(r, 1, "medium")] for r in range(self.table.rowCount())]:
            self._set_rows(rows)

    def _put(self, row: int, column: int, value: str) -> None:
        if column == 1:
            self._combo(row, 1, LEVEL_CHOICES, value)
        else:
            super()._put(row, column, value)

    def rows(self) -> list[dict[str, Any]]:
        return [{**self._base(r), "text": self.cell(r, 0), self.level_key: self._choice(r, 1, "medium")}
                for r in range(self.table.rowCount())]

    def add_row(self) -> None:
        # TRANSLATORS: the text of a new pain point or opportunity, typed over by the user.
        self.commit([*self.rows(), {"id": new_id(), "text": _("New"), self.level_key: "medium"}])


class KpiTable(_Table):
    headers = (N_("KPI"), N_("Value"), N_("Target"), N_("Unit"), N_("Better"))

    def __init__(self, commit: Callable[[list[dict[str, Any]]], None]) -> None:
        super().__init__(commit)
        # The name takes the room left; the figures keep the width of their words, all in sight.
        header = self.table.horizontalHeader()
        for column in (1, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # (each of these examples is read as a number whatever the locale: `local_formats.parse_number`)
        self.table.setToolTip(_("Value: the latest reading (a new one is dated today). Type figures as you write "
                                "them: 2.5, 2,5 and 1 200 are read as numbers. Click a KPI to see its readings "
                                "underneath, and to correct, add or remove them"))
        note = QLabel(_(KPI_DIRECTION_NOTE))
        note.setObjectName("kpi-direction-note")
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text)")
        self.layout().addWidget(note)
        self.readings = ReadingsPanel(self._commit_readings)
        self.readings.hide()
        self.layout().addWidget(self.readings)
        self.readings_for: str | None = None
        """The id of the KPI whose readings show (the one whose row is selected)."""
        self.table.currentCellChanged.connect(lambda row, *_: None if self.loading else self._pick(row))

    def set_value(self, kpis: list) -> None:
        self.items = list(kpis)
        rows = [[k.name, number_text(k.value), number_text(k.target), k.unit, k.direction] for k in kpis]
        current = [[self.cell(r, c) for c in range(4)] + [self._choice(r, 4, "higher")]
                   for r in range(self.table.rowCount())]
        if rows != current:
            self._set_rows(rows)
        # The KPI shown below keeps showing, with its new readings, wherever its row now is; a KPI of
        # another stage (or a removed one) is not shown at all.
        ids = [k.id for k in self.items]
        row = ids.index(self.readings_for) if self.readings_for in ids else -1
        if row != self.table.currentRow():
            self.loading = True
            try:
                self.table.setCurrentCell(row, 0 if row >= 0 else -1)
            finally:
                self.loading = False
        self._show_readings(row)

    def _pick(self, row: int) -> None:
        """A KPI picked: its readings show, and the inspector scrolls to their title if it is out of sight."""
        shown = self.readings_for
        self._show_readings(row)
        if self.readings_for is not None and self.readings_for != shown:
            QTimer.singleShot(0, self._reveal_readings)

    def _reveal_readings(self) -> None:
        widget = self.parentWidget()
        while widget is not None and not isinstance(widget, QScrollArea):
            widget = widget.parentWidget()
        if widget is not None and self.readings.isVisible():
            widget.ensureWidgetVisible(self.readings.title, 0, 24)

    def _show_readings(self, row: int) -> None:
        kpi = self.items[row] if 0 <= row < len(self.items) else None
        self.readings_for = kpi.id if isinstance(kpi, KPI) else None
        self.readings.set_kpi(kpi if isinstance(kpi, KPI) else None)
        self.readings.setVisible(self.readings_for is not None)

    def _commit_readings(self, readings: list[dict[str, Any]]) -> None:
        """The shown KPI with `readings`: the stage's whole list of KPIs, as every change here."""
        kpis = [k.model_dump() for k in self.items]
        for kpi in kpis:
            if kpi["id"] == self.readings_for:
                kpi["readings"] = readings
        self.commit(kpis)

    def _put(self, row: int, column: int, value: str) -> None:
        if column == 4:
            self._combo(row, 4, DIRECTION_CHOICES, value)
        else:
            super()._put(row, column, value)

    def rows(self) -> list[dict[str, Any]]:
        rows = []
        for r in range(self.table.rowCount()):
            kpi = self._base(r)
            typed = parse_number(self.cell(r, 1))
            kpi.update(name=self.cell(r, 0), target=parse_number(self.cell(r, 2)), unit=self.cell(r, 3),
                       direction=self._choice(r, 4, "higher"))
            kpi["readings"] = _with_value(list(kpi.get("readings", [])), typed, editor_today(self))
            rows.append(kpi)
        return rows

    def add_row(self) -> None:
        self.commit([*self.rows(), {"id": new_id(), "name": _("New KPI"), "unit": "", "direction": "higher",
                                    "target": None, "readings": []}])


def _with_value(readings: list[dict[str, Any]], typed: Any, today: date) -> list[dict[str, Any]]:
    """The readings once `typed` is the latest value (the last reading is the KPI's value): unchanged if
    it already is; else today's reading corrected (the last dated today, keeping its note), or a new
    reading of today; either way it goes last. A cleared cell removes nothing: history stays.

    A reading dated after today (often a mistyped year) stays where it is, before the one typed: the
    value a person types is the one they then see as current, so it must be the latest reading. The
    readings are then out of date order, which the format allows; the readings under the table show
    both, and correcting the wrong date puts them back in order."""
    latest = readings[-1]["value"] if readings else None
    if typed is None or typed == latest:
        return readings
    dated_today = [i for i, reading in enumerate(readings) if str(reading["date"]) == today.isoformat()]
    # (items as data write dates as text)
    if dated_today:
        corrected = {**readings[dated_today[-1]], "value": typed}
        return [*readings[:dated_today[-1]], *readings[dated_today[-1] + 1:], corrected]
    return [*readings, {"date": today, "value": typed, "note": ""}]
