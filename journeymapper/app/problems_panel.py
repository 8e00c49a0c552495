"""The Problems panel: the checker's findings grouped by severity, each naming the cards, stages,
personas and flows it is about by their titles; activating one selects its elements.

Errors come first, then warnings, then tips (the checker's "info" findings), each group under a
header with its count. Tips can be hidden ("Show tips", remembered in the settings): a map being
started has many, and they should not bury an error.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QHeaderView, QTreeView, QVBoxLayout, QWidget

from ..check import Problem
from ..i18n import N_, _, _n
from .local_formats import count_text
from .preferences import settings

PATCH_ROWS = 16
"""Up to this many changed findings are rewritten in their rows; more, and all rows are made again."""
SEVERITY_COLORS = {"error": "#B0300F", "warning": "#C78C00", "info": "#2166AC"}
"""The map's colour-blind-safe state colours (`layout.style.Palette`: off, near, on target); each
severity has its own shape and mark as well (`severity_icon`)."""
GROUPS = ("error", "warning", "info")
GROUP_TITLES = {"error": N_("Errors"), "warning": N_("Warnings"), "info": N_("Tips")}
GROUP_HINTS = {
    "error": N_("Mistakes in the map: fix these first."),
    "warning": N_("Probably a mistake: worth a look."),
    "info": N_("Suggestions that make the map more useful."),
}
# TRANSLATORS: a finding's severity, in the tooltip of its code in the Problems panel ("info": a tip).
SEVERITY_WORDS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}
"""Marked with `N_`; shown through `_()`."""
SHOWN_NAMES = 3
"""The elements named in a row (a circle of cards can name hundreds: the rest are counted)."""
SHOW_TIPS_KEY = "problems/showTips"
_ROOT = QModelIndex()
_DISPLAY, _DECORATION, _TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole
_FONT, _USER = Qt.ItemDataRole.FontRole, Qt.ItemDataRole.UserRole


def severity_icon(severity: str, size: int = 14) -> QIcon:
    """A severity's icon, told apart by shape and mark as well as colour: an error is an octagon with a
    cross, a warning a triangle with "!", a tip a circle with "i" (and its group's header says the word)."""
    scale = 2  # (drawn at twice the size: sharp on high-density screens)
    pixmap = QPixmap(size * scale, size * scale)
    pixmap.setDevicePixelRatio(scale)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(SEVERITY_COLORS.get(severity, "#888888")))
    s, c = float(size), size / 2
    mark = QPen(QColor("#FFFFFF"), size * 0.14, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    if severity == "error":
        cut = s * 0.29  # (an octagon: a square with its corners cut)
        painter.drawPolygon(QPolygonF([QPointF(cut, 0.5), QPointF(s - cut, 0.5), QPointF(s - 0.5, cut),
                                       QPointF(s - 0.5, s - cut), QPointF(s - cut, s - 0.5), QPointF(cut, s - 0.5),
                                       QPointF(0.5, s - cut), QPointF(0.5, cut)]))
        painter.setPen(mark)
        d = s * 0.2
        painter.drawLine(QPointF(c - d, c - d), QPointF(c + d, c + d))
        painter.drawLine(QPointF(c - d, c + d), QPointF(c + d, c - d))
    elif severity == "warning":
        painter.drawPolygon(QPolygonF([QPointF(c, 0.5), QPointF(s - 0.5, s - 1), QPointF(0.5, s - 1)]))
        mark.setColor(QColor("#1F2933"))  # (dark on amber: white shows too little on it)
        painter.setPen(mark)
        painter.drawLine(QPointF(c, s * 0.38), QPointF(c, s * 0.62))
        painter.drawPoint(QPointF(c, s * 0.79))
    else:
        painter.drawEllipse(QRectF(0.5, 0.5, s - 1, s - 1))
        painter.setPen(mark)
        painter.drawPoint(QPointF(c, s * 0.29))
        painter.drawLine(QPointF(c, s * 0.47), QPointF(c, s * 0.74))
    painter.end()
    return QIcon(pixmap)


def counts_text(problems: list[Problem]) -> str:
    counts = {s: sum(1 for p in problems if p.severity == s) for s in ("error", "warning", "info")}
    if not problems:
        return _("No problems")
    parts = [
        _n("{n} error", "{n} errors", counts["error"]).format(n=counts["error"]),
        _n("{n} warning", "{n} warnings", counts["warning"]).format(n=counts["warning"]),
        # TRANSLATORS: how many tips (the checker's suggestions) the map has.
        _n("{n} info", "{n} info", counts["info"]).format(n=counts["info"]),
    ]
    return " · ".join(parts)


def elements_text(problem: Problem) -> str:
    """The elements of a finding as a person knows them (“Pays online”, “A” → “B”), never their ids."""
    names = [name for name in problem.names if name]
    if len(names) > SHOWN_NAMES:
        rest = len(names) - SHOWN_NAMES
        return _n("{names} and {n} more", "{names} and {n} more", rest).format(names=", ".join(names[:SHOWN_NAMES]),
                                                                               n=rest)
    return ", ".join(names)


def shows_tips() -> bool:
    """Whether the Problems panel shows tips (remembered for every map)."""
    return bool(settings().value(SHOW_TIPS_KEY, True, type=bool))


def set_shows_tips(shown: bool) -> None:
    settings().setValue(SHOW_TIPS_KEY, bool(shown))


@dataclass(frozen=True)
class _Group:
    severity: str
    problems: list[Problem]
    start: int
    """The row of its header; its findings follow (unless it is folded)."""
    folded: bool


class ProblemsModel(QAbstractTableModel):
    """One header row per severity group, its findings in the rows below, in columns (code, problem,
    elements). A flat table: a view asks only for the rows it shows, so tens of thousands of
    findings cost no more than ten (a tree of them made the view ask about every one)."""

    HEADERS = (N_("Code"), N_("Problem"), N_("Elements"))

    def __init__(self, icons: dict[str, QIcon], parent=None) -> None:
        super().__init__(parent)
        self.problems: list[Problem] = []
        self.show_tips = True
        self.folded: set[str] = set()
        self.groups: list[_Group] = []
        self._rows = 0
        self._icons = icons
        self._bold = QFont()
        self._bold.setBold(True)

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY):
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY and 0 <= section < 3:
            return _(self.HEADERS[section])
        return None

    # -- what a row is ---------------------------------------------------------------------------------
    def _locate(self, row: int) -> tuple[_Group, Problem | None] | None:
        """The group a row is in, and its finding (None for the group's header)."""
        for group in reversed(self.groups):
            if row >= group.start:
                offset = row - group.start - 1
                if offset < 0:
                    return group, None
                if group.folded or offset >= len(group.problems):
                    return None
                return group, group.problems[offset]
        return None

    def is_header(self, index: QModelIndex) -> bool:
        found = self._locate(index.row()) if index.isValid() else None
        return found is not None and found[1] is None

    def group_of(self, index: QModelIndex) -> str | None:
        found = self._locate(index.row()) if index.isValid() else None
        return found[0].severity if found is not None else None

    def finding_row(self, n: int) -> int:
        """The row of the `n`th finding shown (headers and folded groups left out); -1 past the end."""
        for group in self.groups:
            shown = 0 if group.folded else len(group.problems)
            if n < shown:
                return group.start + 1 + n
            n -= shown
        return -1

    def findings_shown(self) -> int:
        return sum(len(group.problems) for group in self.groups if not group.folded)

    def data(self, index: QModelIndex, role: int = _DISPLAY):
        found = self._locate(index.row()) if index.isValid() else None
        if found is None:
            return None
        group, problem = found
        column = index.column()
        if problem is None:
            if column == 0 and role == _DISPLAY:
                arrow = "▸" if group.folded else "▾"
                return arrow + " " + _("{heading} ({count})").format(heading=_(GROUP_TITLES[group.severity]),
                                                                        count=count_text(len(group.problems)))
            if column == 0 and role == _DECORATION:
                return self._icons.get(group.severity, QIcon())
            if role == _FONT:
                return self._bold
            return _(GROUP_HINTS[group.severity]) if role == _TOOLTIP else None
        if role == _DISPLAY:
            # Plain text only (the view does not read markup): a card title with tags shows as typed.
            if column == 0:
                return problem.code
            if column == 1:
                return " ".join(problem.message.split())
            return " ".join(elements_text(problem).split())
        if column == 0 and role == _DECORATION:
            return self._icons.get(problem.severity, QIcon())
        if column == 0 and role == _TOOLTIP:
            return _(SEVERITY_WORDS.get(problem.severity, problem.severity))
        if role == _USER:
            return list(problem.elements)
        return None

    # -- changes -------------------------------------------------------------------------------------
    @staticmethod
    def _grouped(problems: list[Problem], show_tips: bool, folded: set[str]) -> tuple[list[_Group], int]:
        by_severity: dict[str, list[Problem]] = {severity: [] for severity in GROUPS}
        for problem in problems:
            by_severity.setdefault(problem.severity, []).append(problem)
        if not show_tips:
            by_severity["info"] = []
        groups, row = [], 0
        for severity, found in by_severity.items():
            if found:
                groups.append(_Group(severity, found, row, severity in folded))
                row += 1 + (0 if severity in folded else len(found))
        return groups, row

    def hidden(self) -> int:
        """How many findings (tips) are not shown because tips are hidden."""
        return 0 if self.show_tips else sum(1 for p in self.problems if p.severity == "info")

    def set_folded(self, severity: str, folded: bool) -> None:
        if (severity in self.folded) != folded:
            (self.folded.add if folded else self.folded.discard)(severity)
            self._remake(self.problems, self.show_tips)

    def set_problems(self, problems: list[Problem], show_tips: bool | None = None) -> None:
        show_tips = self.show_tips if show_tips is None else show_tips
        if problems == self.problems and show_tips == self.show_tips:
            return  # most edits do not change the findings: keep the rows (and the user's place)
        self._remake(problems, show_tips)

    def _remake(self, problems: list[Problem], show_tips: bool) -> None:
        groups, rows = self._grouped(problems, show_tips, self.folded)
        old = self.groups
        self.problems, self.show_tips = problems, show_tips
        if [(g.start, len(g.problems), g.folded) for g in groups] == [(g.start, len(g.problems), g.folded)
                                                                        for g in old]:
            changed = [new.start + 1 + i for new, was in zip(groups, old) if not new.folded
                       for i, (a, b) in enumerate(zip(new.problems, was.problems)) if a != b]
            if len(changed) <= PATCH_ROWS:  # a few findings changed in place (a renamed card)
                self.groups = groups
                for row in changed:
                    self.dataChanged.emit(self.index(row, 0), self.index(row, 2))
                return
        self.beginResetModel()
        self.groups, self._rows = groups, rows
        self.endResetModel()


class ProblemsPanel(QWidget):
    """The findings under their severity headers, and a "Show tips" box above them. Double-click or
    Enter on a finding selects its elements (elementsActivated); on a header, folds or unfolds its
    group (▾ open, ▸ folded)."""

    elementsActivated = Signal(list)
    activated = Signal(QModelIndex)
    """A row was activated (double-click or Enter), as the list's own signal says."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.tips = QCheckBox(_("Show tips"))
        self.tips.setToolTip(_("Tips are suggestions that make the map more useful; untick to hide them."))
        self.view = QTreeView()
        self.view.setAccessibleName(_("Problems"))  # (no heading in the dock's tab: for screen readers)
        self.model_ = ProblemsModel({s: severity_icon(s) for s in SEVERITY_COLORS}, self)
        self.model_.show_tips = shows_tips()
        self.tips.setChecked(self.model_.show_tips)
        self.view.setModel(self.model_)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        header = self.view.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        # Column widths from the first rows only: measuring thousands of findings slowed big maps.
        header.setResizeContentsPrecision(64)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 0)
        bar.addWidget(self.tips)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self.model_.modelReset.connect(self._span_headers)
        self.view.activated.connect(self.activated)
        self.activated.connect(self._activated)
        self.tips.toggled.connect(self.set_show_tips)

    @property
    def problems(self) -> list[Problem]:
        """Every finding, the hidden tips included."""
        return self.model_.problems

    def set_problems(self, problems: list[Problem]) -> None:
        self.model_.set_problems(problems)
        self._update_tips_box()

    def set_show_tips(self, shown: bool) -> None:
        """Show or hide the tips (and remember it for the next maps)."""
        if self.tips.isChecked() != shown:
            self.tips.setChecked(shown)  # (comes back here through `toggled`)
            return
        set_shows_tips(shown)
        self.model_.set_problems(self.model_.problems, show_tips=shown)
        self._update_tips_box()

    def hidden_count(self) -> int:
        return self.model_.hidden()

    def set_folded(self, severity: str, folded: bool) -> None:
        """Fold a group to its header, or unfold it (it stays so while the findings change)."""
        self.model_.set_folded(severity, folded)

    def is_folded(self, severity: str) -> bool:
        return severity in self.model_.folded

    def _update_tips_box(self) -> None:
        hidden = self.model_.hidden()
        self.tips.setText(_n("Show tips ({count} hidden)", "Show tips ({count} hidden)", hidden).format(
            count=count_text(hidden)) if hidden else _("Show tips"))

    def _span_headers(self) -> None:
        """A header takes the whole row (the view forgets that when the rows are made again)."""
        for group in self.model_.groups:
            self.view.setFirstColumnSpanned(group.start, QModelIndex(), True)

    def _activated(self, index: QModelIndex) -> None:
        if self.model_.is_header(index):
            severity = self.model_.group_of(index)
            if severity is not None:
                self.set_folded(severity, not self.is_folded(severity))
                self.view.setCurrentIndex(self.model_.index(self.header_row(severity), 0))
        elif index.isValid():
            self.elementsActivated.emit(self.model_.data(index.siblingAtColumn(0), _USER) or [])

    # -- for tests and automation: rows as a person sees them ------------------------------------------
    def group_headers(self) -> list[str]:
        """The headers shown, top to bottom: "▾ Errors (2)"."""
        return [self.model_.data(self.model_.index(group.start, 0)) for group in self.model_.groups]

    def header_row(self, severity: str) -> int:
        return next((group.start for group in self.model_.groups if group.severity == severity), -1)

    def finding_index(self, row: int, column: int = 0) -> QModelIndex:
        """The index of the `row`th finding shown, counting down through the groups (headers left out)."""
        at = self.model_.finding_row(row)
        return self.model_.index(at, column) if at >= 0 else QModelIndex()

    def row_count(self) -> int:
        """How many findings show (headers, folded groups and hidden tips left out)."""
        return self.model_.findings_shown()

    def row_text(self, row: int, column: int) -> str:
        return self.model_.data(self.finding_index(row, column)) or ""

    def row_elements(self, row: int) -> list[str]:
        return self.model_.data(self.finding_index(row), _USER) or []

    def row_tooltip(self, row: int) -> str:
        return self.model_.data(self.finding_index(row), _TOOLTIP) or ""

    def row_rect(self, row: int) -> QRect:
        """Where the finding shows, in the coordinates of `viewport()`."""
        return self.view.visualRect(self.finding_index(row, 1))

    # -- the list's own API, for code written when the panel was the list itself -------------------
    def viewport(self) -> QWidget:
        return self.view.viewport()

    def model(self) -> ProblemsModel:
        return self.model_

    def setCurrentIndex(self, index: QModelIndex) -> None:
        self.view.setCurrentIndex(index)
