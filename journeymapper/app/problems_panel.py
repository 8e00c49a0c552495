"""The Problems panel: the checker's findings, with severity icons; activating one selects its elements."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem

from ..check import Problem

PATCH_ROWS = 16
"""Up to this many changed findings are rewritten in their rows; more, and all rows are made again."""
SEVERITY_COLORS = {"error": "#C92A2A", "warning": "#E8890C", "info": "#1C7ED6"}


def severity_icon(severity: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(SEVERITY_COLORS.get(severity, "#888888")))
    if severity == "error":
        painter.drawEllipse(1, 1, size - 2, size - 2)
    elif severity == "warning":
        painter.drawPolygon(QPolygonF([QPointF(size / 2, 1), QPointF(size - 1, size - 1), QPointF(1, size - 1)]))
    else:
        painter.drawRoundedRect(2, 2, size - 4, size - 4, 2, 2)
    painter.end()
    return QIcon(pixmap)


def counts_text(problems: list[Problem]) -> str:
    counts = {s: sum(1 for p in problems if p.severity == s) for s in ("error", "warning", "info")}
    if not problems:
        return "No problems"
    parts = [
        f"{counts['error']} error{'s' if counts['error'] != 1 else ''}",
        f"{counts['warning']} warning{'s' if counts['warning'] != 1 else ''}",
        f"{counts['info']} info",
    ]
    return " · ".join(parts)


class ProblemsPanel(QTreeWidget):
    """One row per problem: severity, code, message. Double-click or Enter selects its elements."""

    elementsActivated = Signal(list)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels(["Code", "Problem", "Elements"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        # Column widths from the first rows only: measuring hundreds of findings slowed opening big maps.
        self.header().setResizeContentsPrecision(64)
        self.itemActivated.connect(self._activated)
        self._icons = {s: severity_icon(s) for s in SEVERITY_COLORS}
        self.problems: list[Problem] = []

    def set_problems(self, problems: list[Problem]) -> None:
        old = self.problems
        if problems == old and self.topLevelItemCount() == len(problems):
            return  # most edits do not change the findings: keep the rows (and the user's place)
        self.problems = problems
        self.setUpdatesEnabled(False)
        changed = [i for i, (new, was) in enumerate(zip(problems, old)) if new != was]
        if self.topLevelItemCount() == len(old) == len(problems) and len(changed) <= PATCH_ROWS:
            for index in changed:  # a few findings changed in place (a renamed card): patch their rows
                self._fill(self.topLevelItem(index), problems[index])
        else:  # rows came or went: building them again in one go is quicker than moving them
            self.clear()
            rows = []
            for problem in problems:
                row = QTreeWidgetItem()
                self._fill(row, problem)
                rows.append(row)
            self.addTopLevelItems(rows)
        self.setUpdatesEnabled(True)

    def _fill(self, row: QTreeWidgetItem, problem: Problem) -> None:
        # Plain text only: a touchpoint title with markup shows as typed.
        row.setText(0, problem.code)
        row.setText(1, " ".join(problem.message.split()))
        row.setText(2, ", ".join(problem.elements))
        row.setIcon(0, self._icons.get(problem.severity, QIcon()))
        row.setToolTip(0, problem.severity)
        row.setData(0, Qt.ItemDataRole.UserRole, list(problem.elements))

    def _activated(self, item: QTreeWidgetItem, column: int) -> None:
        self.elementsActivated.emit(item.data(0, Qt.ItemDataRole.UserRole) or [])
