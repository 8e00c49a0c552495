"""The Problems panel: the checker's findings, with severity icons; activating one selects its elements."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPointF, QRect, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF
from PySide6.QtWidgets import QHeaderView, QTreeView

from ..check import Problem

PATCH_ROWS = 16
"""Up to this many changed findings are rewritten in their rows; more, and all rows are made again."""
SEVERITY_COLORS = {"error": "#C92A2A", "warning": "#E8890C", "info": "#1C7ED6"}
_ROOT = QModelIndex()
_DISPLAY, _DECORATION, _TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole
_USER = Qt.ItemDataRole.UserRole


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


class ProblemsModel(QAbstractTableModel):
    """The findings as rows (code, problem, elements): a view asks only for the rows it shows, so
    a map with tens of thousands of findings costs no more to show than one with ten."""

    HEADERS = ("Code", "Problem", "Elements")

    def __init__(self, icons: dict[str, QIcon], parent=None) -> None:
        super().__init__(parent)
        self.problems: list[Problem] = []
        self._icons = icons

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.problems)

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY):
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY and 0 <= section < 3:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex, role: int = _DISPLAY):
        row, column = index.row(), index.column()
        if not index.isValid() or not 0 <= row < len(self.problems):
            return None
        problem = self.problems[row]
        if role == _DISPLAY:
            # Plain text only (the view does not read markup): a touchpoint title with tags shows as typed.
            if column == 0:
                return problem.code
            if column == 1:
                return " ".join(problem.message.split())
            return ", ".join(problem.elements)
        if column == 0 and role == _DECORATION:
            return self._icons.get(problem.severity, QIcon())
        if column == 0 and role == _TOOLTIP:
            return problem.severity
        if role == _USER:
            return list(problem.elements)
        return None

    def set_problems(self, problems: list[Problem]) -> None:
        old = self.problems
        if problems == old:
            return  # most edits do not change the findings: keep the rows (and the user's place)
        if len(problems) == len(old):
            changed = [i for i, (new, was) in enumerate(zip(problems, old)) if new != was]
            if len(changed) <= PATCH_ROWS:  # a few findings changed in place (a renamed card)
                self.problems = problems
                for row in changed:
                    self.dataChanged.emit(self.index(row, 0), self.index(row, 2))
                return
        self.beginResetModel()
        self.problems = problems
        self.endResetModel()


class ProblemsPanel(QTreeView):
    """One row per problem: severity, code, message. Double-click or Enter selects its elements."""

    elementsActivated = Signal(list)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model_ = ProblemsModel({s: severity_icon(s) for s in SEVERITY_COLORS}, self)
        self.setModel(self.model_)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        # Column widths from the first rows only: measuring thousands of findings slowed big maps.
        self.header().setResizeContentsPrecision(64)
        self.activated.connect(self._activated)

    @property
    def problems(self) -> list[Problem]:
        return self.model_.problems

    def set_problems(self, problems: list[Problem]) -> None:
        self.model_.set_problems(problems)

    # -- for tests and automation: rows as a person sees them ------------------------------------------
    def row_count(self) -> int:
        return self.model_.rowCount()

    def row_text(self, row: int, column: int) -> str:
        return self.model_.data(self.model_.index(row, column)) or ""

    def row_elements(self, row: int) -> list[str]:
        return self.model_.data(self.model_.index(row, 0), _USER) or []

    def row_tooltip(self, row: int) -> str:
        return self.model_.data(self.model_.index(row, 0), _TOOLTIP) or ""

    def row_rect(self, row: int) -> QRect:
        return self.visualRect(self.model_.index(row, 1))

    def _activated(self, index: QModelIndex) -> None:
        self.elementsActivated.emit(self.row_elements(index.row()))
