"""The impact/effort view: actions by priority (rows: high, medium, low) against the work they take
(columns: little, some, a lot, not known yet), to choose what to do first.

Each cell is named in plain words ("Do first" is high priority for little work) and lists its actions as
small chips: the text cut to fit, all of it in the tooltip; a click on a chip chooses the action (its card is
selected). Done and dropped actions are hidden unless asked for: the view is about what is left to do.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..canvas.painting import plain_tooltip
from ..i18n import N_, _, _n
from ..layout.labels import EFFORT_LABELS, PRIORITY_LABELS
from ..model.actions import CLOSED_STATUSES, ActionRow, sorted_rows
from .local_formats import count_text

PRIORITIES = ("high", "medium", "low")
EFFORTS: tuple[str | None, ...] = ("low", "medium", "high", None)
# TRANSLATORS: the cells of the impact/effort grid: a name, and what to do with the actions in it.
QUADRANTS: dict[tuple[str, str | None], tuple[str, str]] = {
    ("high", "low"): (N_("Do first"), N_("Important, and little work: do these now.")),
    ("high", "medium"): (N_("Plan next"), N_("Important, some work: give them an owner and a date.")),
    ("high", "high"): (N_("Big projects"), N_("Important but a lot of work: plan them in steps.")),
    ("medium", "low"): (N_("Quick wins"), N_("Little work for some good: fit them in soon.")),
    ("medium", "medium"): (N_("Worth doing"), N_("Do them when the important ones are under way.")),
    ("medium", "high"): (N_("Think it over"), N_("A lot of work for some good: is there a smaller way?")),
    ("low", "low"): (N_("When there is time"), N_("Little work, little gain: for a quiet day.")),
    ("low", "medium"): (N_("Maybe later"), N_("Some work for little gain: leave them for now.")),
    ("low", "high"): (N_("Probably not"), N_("A lot of work for little gain: consider dropping them.")),
}
"""Marked with `N_`: `quadrant_name` gives them in the interface language."""
UNSIZED = (N_("Size it first"),
           N_("How much work is this? Choose its effort in the inspector to see where it belongs."))
"""The name of the cells of actions whose effort is not known yet."""
CHIP_STYLE = """
QListWidget { background: transparent; border: none; }
QListWidget::item { border: 1px solid palette(mid); border-radius: 8px; padding: 1px 6px; margin: 1px 0px;
                    background: palette(base); color: palette(text); }
QListWidget::item:hover { border-color: palette(highlight); }
QListWidget::item:selected { background: palette(highlight); color: palette(highlighted-text); }
"""
MARKS = {"overdue": "⚠ ", "done": "✓ ", "dropped": "✗ "}
"""What a chip starts with, so that its state reads without colour."""


def quadrant_name(priority: str, effort: str | None) -> tuple[str, str]:
    """(name, what to do with it) of a cell, in the interface language."""
    name, hint = QUADRANTS.get((priority, effort), UNSIZED)
    return _(name), _(hint)


def chip_text(row: ActionRow) -> str:
    mark = MARKS["overdue"] if row.overdue else MARKS.get(row.status, "")
    return mark + row.text


class _Cell(QFrame):
    """One cell of the grid: its name, and its actions as chips."""

    def __init__(self, priority: str, effort: str | None, chosen) -> None:
        super().__init__()
        self.setObjectName(f"cell-{priority}-{effort or 'unknown'}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        name, hint = quadrant_name(priority, effort)
        self.title = QLabel(name)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        # TRANSLATORS: a cell of the impact/effort grid: "High priority, little work: do these now."
        self.title.setToolTip(_("{priority}, {effort}: {hint}").format(
            priority=_(PRIORITY_LABELS[priority]), effort=_(EFFORT_LABELS[effort]).lower(), hint=hint))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.count = QLabel("")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setStyleSheet("color: palette(placeholder-text)")
        heading = QHBoxLayout()
        heading.setContentsMargins(0, 0, 0, 0)
        heading.addWidget(self.title)
        heading.addStretch(1)
        heading.addWidget(self.count)
        self.chips = QListWidget()
        self.chips.setStyleSheet(CHIP_STYLE)
        self.chips.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.chips.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chips.setUniformItemSizes(True)
        self.chips.setFrameShape(QFrame.Shape.NoFrame)
        self.chips.setMinimumHeight(24)
        self.title.setBuddy(self.chips)  # (the cell's name and what it means, for screen readers)
        self.chips.setAccessibleDescription(self.title.toolTip())
        self.chips.itemClicked.connect(lambda item: chosen(*item.data(Qt.ItemDataRole.UserRole)))
        self.chips.itemActivated.connect(lambda item: chosen(*item.data(Qt.ItemDataRole.UserRole)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addLayout(heading)
        layout.addWidget(self.chips, 1)

    def set_rows(self, rows: list[ActionRow], tooltip) -> None:
        self.chips.clear()
        for row in rows:
            item = QListWidgetItem(chip_text(row))
            item.setToolTip(plain_tooltip(tooltip(row)))  # (the map's words, never markup)
            item.setData(Qt.ItemDataRole.UserRole, (row.card_id, row.id))
            self.chips.addItem(item)
        self.count.setText(count_text(len(rows)) if rows else "")

    def texts(self) -> list[str]:
        return [self.chips.item(k).text() for k in range(self.chips.count())]


class ImpactEffortView(QWidget):
    """The grid. `set_rows` takes the actions the panel's filters let through; `actionChosen(card id,
    opportunity id)` when a chip is clicked (or Enter pressed on it)."""

    actionChosen = Signal(str, str)

    def __init__(self, tooltip: Callable[[ActionRow, date], str], parent=None) -> None:
        super().__init__(parent)
        self.tooltip = tooltip
        """An action's tooltip (its whole text, card, owner, date)."""
        self.rows: list[ActionRow] = []
        self.today = date.today()
        self.closed = QCheckBox(_("Show done and dropped"))
        self.closed.setObjectName("show-closed")
        self.closed.setToolTip(_("Also show the actions that are done or dropped (marked ✓ and ✗)"))
        self.closed.toggled.connect(lambda _on: self._fill())
        self.hidden = QLabel("")
        self.hidden.setTextFormat(Qt.TextFormat.PlainText)
        self.hidden.setStyleSheet("color: palette(placeholder-text)")
        top = QHBoxLayout()
        top.setContentsMargins(4, 0, 4, 0)
        top.addWidget(self.closed)
        top.addWidget(self.hidden)
        top.addStretch(1)
        note = QLabel(_("⚠ overdue"))
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setStyleSheet("color: palette(placeholder-text)")
        top.addWidget(note)
        grid = QGridLayout()
        grid.setContentsMargins(4, 2, 4, 4)
        grid.setSpacing(4)
        for column, effort in enumerate(EFFORTS, 1):
            label = QLabel(_(EFFORT_LABELS[effort]))
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(label, 0, column)
            grid.setColumnStretch(column, 1)
        self.cells: dict[tuple[str, str | None], _Cell] = {}
        for row, priority in enumerate(PRIORITIES, 1):
            label = QLabel(_(PRIORITY_LABELS[priority]).replace(" ", "\n", 1))
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, row, 0)
            grid.setRowStretch(row, 1)
            for column, effort in enumerate(EFFORTS, 1):
                cell = _Cell(priority, effort, self.actionChosen.emit)
                self.cells[(priority, effort)] = cell
                grid.addWidget(cell, row, column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addLayout(grid, 1)

    def set_rows(self, rows: list[ActionRow], today: date) -> None:
        self.rows, self.today = rows, today
        self._fill()

    def _fill(self) -> None:
        shown = self.rows if self.closed.isChecked() else [r for r in self.rows if r.status not in CLOSED_STATUSES]
        hidden = len(self.rows) - len(shown)
        self.hidden.setText(_n("({n} hidden)", "({n} hidden)", hidden).format(n=hidden) if hidden else "")
        by_cell: dict[tuple[str, str | None], list[ActionRow]] = {key: [] for key in self.cells}
        for row in sorted_rows(shown):  # (open and overdue first, then by date)
            by_cell.setdefault((row.priority, row.effort), []).append(row)
        for key, cell in self.cells.items():
            cell.set_rows(by_cell[key], lambda row: self.tooltip(row, self.today))

    def cell(self, priority: str, effort: str | None) -> _Cell:
        return self.cells[(priority, effort)]


__all__ = ["EFFORTS", "PRIORITIES", "QUADRANTS", "ImpactEffortView", "chip_text", "quadrant_name"]
