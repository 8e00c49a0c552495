"""The Actions panel: every opportunity of the map as the plan to act on it (what, which card, status, who,
by when, how much work, how important), sortable by meaning and filterable; selecting one selects its card.

Two views share the filters: the list, and the impact/effort grid (`impact_effort`) that helps choose
what to do first. The panel reads the map again a moment after edits stop (DELAY_MS), and only while
it is really shown: a panel hidden, or behind another tab of its dock area (Qt keeps such a dock "visible",
moved out of sight), reads it when it is next shown. Edits that cannot change an action are ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..canvas.painting import plain_tooltip
from ..i18n import N_, _, _n
from ..layout.labels import EFFORT_LABELS, PRIORITY_LABELS, STATUS_LABELS
from ..model.actions import (
    NOBODY,
    OPEN_STATUSES,
    SOON_DAYS,
    ActionFilter,
    ActionRow,
    action_rows,
    counts,
    filter_rows,
    sorted_rows,
)
from ..model.document import Document
from ..model.events import ElementAdded, ElementChanged, ElementRemoved, MapFieldChanged
from ..model.schema import Flow, Persona, Stage, Touchpoint
from .impact_effort import ImpactEffortView
from .local_formats import day_text
from .shown_panels import ReadsWhenShown

DELAY_MS = 250
"""How long after the last edit the actions are read again."""
COLUMNS: tuple[tuple[str, str], ...] = (
    ("text", N_("What")), ("card", N_("Card")), ("stage", N_("Stage")), ("persona", N_("Persona")),
    ("status", N_("Status")), ("owner", N_("Owner")), ("due", N_("Due")), ("effort", N_("Effort")),
    ("priority", N_("Priority")))
"""(key, heading): the heading is shown through `_()`; `row_texts` and `column` name columns by it in English."""
PRIORITY_WORDS = {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low")}
"""A priority in the list's narrow column (the filter and the tooltip say "High priority")."""
OVERDUE_INK = "#C92A2A"
EMPTY_MAP = N_("No actions yet. Add opportunities to a card in the Inspector, then plan each one there: "
               "its status, who does it and by when.")
NONE_SHOWN = N_("No action matches these filters.")
UNKNOWN = "unknown"
"""The effort filter's value for "not known yet"."""
_ROOT = QModelIndex()
_DISPLAY, _TOOLTIP, _USER = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole
_CARD_FIELDS = frozenset({"title", "opportunities", "pain_points", "stage", "persona"})
"""Fields of a card that an action row shows (its title only if it has opportunities)."""


def changes_actions(event: object) -> bool:
    """Whether a document event may change the actions (most edits of a big map do not: a feeling, a
    description, a card without opportunities renamed, a map field, a flow)."""
    if isinstance(event, MapFieldChanged):
        return False
    if isinstance(event, ElementChanged):
        old, new = event.old, event.new
        if isinstance(new, Touchpoint) and isinstance(old, Touchpoint):
            if event.field == "title":
                return bool(old.opportunities or new.opportunities)
            return event.field in _CARD_FIELDS
        if isinstance(new, (Stage, Persona)):
            return event.field == "name"
        return False
    element = event.element if isinstance(event, (ElementAdded, ElementRemoved)) else getattr(event, "new", None)
    return not isinstance(element, Flow)  # (a card, stage or lane added, removed or moved; another map)


def due_text(row: ActionRow) -> str:
    """A due date as the list shows it: the date, and "overdue" in words (not by colour alone)."""
    if row.due is None:
        return ""
    # TRANSLATORS: a due date in the Actions list, past and the action not done ({day} is a date).
    return _("{day}  (overdue)").format(day=day_text(row.due)) if row.overdue else day_text(row.due)


def action_tooltip(row: ActionRow, today: date) -> str:
    """Everything about an action in a few lines of plain text."""
    # TRANSLATORS: where an action is: its card's title, then its stage and persona.
    lines = [row.text, _("On “{card}” ({stage} · {persona})").format(card=row.card_title, stage=row.stage,
                                                                     persona=row.persona),
             " · ".join((_(STATUS_LABELS.get(row.status, row.status)),
                         _(PRIORITY_LABELS.get(row.priority, row.priority)), _(EFFORT_LABELS.get(row.effort, ""))))]
    who = row.owner or _("nobody yet")
    if row.due is None:
        lines.append(_("Owner: {who} · no due date").format(who=who))
    elif row.overdue:
        days = (today - row.due).days
        lines.append(_n("Owner: {who} · Overdue: was due {day}, {n} day ago",
                        "Owner: {who} · Overdue: was due {day}, {n} days ago", days).format(
            who=who, day=day_text(row.due), n=days))
    else:
        lines.append(_("Owner: {who} · due {day}").format(who=who, day=day_text(row.due)))
    if row.addresses:
        lines.append(_("Answers: {pain_points}").format(pain_points="; ".join(row.addresses)))
    return "\n".join(lines)


class ActionsModel(QAbstractTableModel):
    """The actions shown (filtered, then sorted by meaning: `model.actions.SORT_KEYS`)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.all_rows: list[ActionRow] = []
        self.rows: list[ActionRow] = []
        self.wanted = ActionFilter()
        self.sort_column: str | None = None
        """None: the work order (open and overdue first)."""
        self.descending = False
        self.today = date.today()
        self._bold = QFont()
        self._bold.setBold(True)

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == _DISPLAY:
            return _(COLUMNS[section][1])
        if role == _TOOLTIP:
            return _("Click to sort by this column; click again for the other way round")
        return None

    def data(self, index: QModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], COLUMNS[index.column()][0]
        if role == _DISPLAY:
            return self.cell_text(row, column)
        if role == _TOOLTIP:
            return plain_tooltip(action_tooltip(row, self.today))  # (the map's words, never markup)
        if role == _USER:
            return row.card_id, row.id
        if row.overdue and column in ("due", "status"):
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(OVERDUE_INK))
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
        return None

    @staticmethod
    def cell_text(row: ActionRow, column: str) -> str:
        if column == "status":
            return _(STATUS_LABELS.get(row.status, row.status))
        if column == "due":
            return due_text(row)
        if column == "effort":
            return _(EFFORT_LABELS.get(row.effort, ""))
        if column == "priority":
            return _(PRIORITY_WORDS.get(row.priority, row.priority))
        if column == "card":
            return row.card_title
        return str(getattr(row, column))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column = COLUMNS[column][0] if 0 <= column < len(COLUMNS) else None
        self.descending = order == Qt.SortOrder.DescendingOrder
        self._remake()

    def set_rows(self, rows: list[ActionRow], today: date) -> None:
        self.all_rows, self.today = rows, today
        self._remake()

    def set_filter(self, wanted: ActionFilter) -> None:
        self.wanted = wanted
        self._remake()

    def filtered(self) -> list[ActionRow]:
        return filter_rows(self.all_rows, self.wanted, self.today)

    def _remake(self) -> None:
        self.beginResetModel()
        self.rows = sorted_rows(self.filtered(), self.sort_column, self.descending)
        self.endResetModel()


def _combo(name: str, tip: str, choices: list[tuple[str, Any]]) -> QComboBox:
    """A filter: `choices` are (words shown, value kept), the words already in the interface language."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setToolTip(tip)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    for label, value in choices:
        combo.addItem(label, value)
    return combo


STATUS_CHOICES: list[tuple[str, Any]] = [(N_("All statuses"), None), (N_("Open (not done or dropped)"), "open"),
                                         *((label, key) for key, label in STATUS_LABELS.items()),
                                         (N_("Done or dropped"), "closed")]
"""The filters' choices: (words marked with `N_`, value); `shown_choices` gives them in the interface language."""
STATUS_SETS: dict[str, frozenset[str]] = {"open": frozenset(OPEN_STATUSES), "closed": frozenset({"done", "dropped"})}
PRIORITY_CHOICES: list[tuple[str, Any]] = [(N_("Any priority"), None),
                                           *((label, key) for key, label in PRIORITY_LABELS.items())]
EFFORT_CHOICES: list[tuple[str, Any]] = [(N_("Any effort"), None), *(
    (label, key) if key is not None else (N_("Effort not known"), UNKNOWN) for key, label in EFFORT_LABELS.items())]
DUE_CHOICES: list[tuple[str, Any]] = [(N_("Any due date"), "any"), (N_("Overdue only"), "overdue"),
                                      ("", "soon"), (N_("No due date"), "undated")]
"""The "soon" choice's words count its days (`shown_choices`)."""


def shown_choices(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """Choices in the interface language."""
    return [(_n("Due in the next {n} day", "Due in the next {n} days", SOON_DAYS).format(n=SOON_DAYS)
             if value == "soon" else _(label), value) for label, value in choices]


def _one(key: str | None) -> frozenset | None:
    return None if key is None else frozenset({key})


class ActionsPanel(ReadsWhenShown, QWidget):
    """The filters, the List / Impact-effort switch, and the two views. Choosing an action (a row selected,
    a chip clicked) emits `actionChosen(card id, opportunity id)`."""

    actionChosen = Signal(str, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.today: Callable[[], date] = date.today
        """What "today" is for overdue actions (tests replace it)."""
        self._doc: Document | None = None
        """The map changed while the panel was out of sight: read it when it is shown."""
        self._restoring = False
        self.model_ = ActionsModel(self)
        self.view = QTableView()
        self.view.setObjectName("actions-list")
        self.view.setModel(self.model_)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((300, 170, 110, 110, 95, 110, 175, 110, 70)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # (the work order, until a heading is clicked)
        header.setSortIndicatorClearable(True)
        self.view.setSortingEnabled(True)
        self.view.selectionModel().currentRowChanged.connect(lambda current, _old: self._chosen(current))
        self.view.clicked.connect(self._chosen)
        self.grid = ImpactEffortView(action_tooltip)
        self.grid.actionChosen.connect(self.actionChosen)
        self.message = QLabel("")
        self.message.setObjectName("actions-message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setContentsMargins(8, 6, 8, 6)
        self.stack = QStackedWidget()
        for page in (self.view, self.grid, self.message):
            self.stack.addWidget(page)
        self.status = _combo("filter-status", _("Show actions of one status"), shown_choices(STATUS_CHOICES))
        self.owner = _combo("filter-owner", _("Show one person's actions"), [(_("Anyone"), None)])
        # (as wide as a usual name: a long one is elided here and shown whole in the open list)
        self.owner.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.owner.setMinimumContentsLength(16)
        self.priority = _combo("filter-priority", _("Show actions of one priority"), shown_choices(PRIORITY_CHOICES))
        self.effort = _combo("filter-effort", _("Show actions that take this much work"), shown_choices(EFFORT_CHOICES))
        self.due = _combo("filter-due", _("Show actions by their due date: overdue means past it and not done or "
                                          "dropped"), shown_choices(DUE_CHOICES))
        self.show_list = QToolButton()
        self.show_list.setText(_("List"))
        self.show_list.setToolTip(_("Every action in a table: click a heading to sort by it"))
        self.show_grid = QToolButton()
        self.show_grid.setText(_("Impact / effort"))
        self.show_grid.setObjectName("show-impact-effort")
        self.show_grid.setToolTip(_("The open actions by priority and by how much work they take: what to do "
                                    "first"))
        switch = QButtonGroup(self)
        for button in (self.show_list, self.show_grid):
            button.setCheckable(True)
            button.setAutoRaise(True)
            switch.addButton(button)
        self.show_list.setChecked(True)
        # Names for screen readers (the filters show their choice, not a label; the list has no heading).
        for named, name in ((self.status, _("Status")), (self.owner, _("Owner")),
                            (self.priority, _("Priority")), (self.effort, _("Effort")), (self.due, _("Due")),
                            (self.view, _("Actions"))):
            named.setAccessibleName(name)
        self.show_grid.toggled.connect(lambda _shown: self._show_page())  # (one signal a switch, not two)
        self.summary = QLabel("")
        self.summary.setObjectName("actions-summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        for widget in (self.show_list, self.show_grid, self.status, self.owner, self.priority, self.effort, self.due):
            bar.addWidget(widget)
        bar.addWidget(self.summary, 1)
        for combo in (self.status, self.owner, self.priority, self.effort, self.due):
            combo.activated.connect(lambda _index: self._filter_changed())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self._read_when_shown(DELAY_MS)

    # -- following a map -------------------------------------------------------------------------------
    def set_document(self, doc: Document | None) -> None:
        """Follow another map's document (None: none)."""
        if self._doc is not None:
            try:
                self._doc.changed.disconnect(self._document_changed)
            except (RuntimeError, TypeError, ValueError):
                pass
        self._doc = doc
        if doc is not None:
            doc.changed.connect(self._document_changed)
        self.refresh()

    def _document_changed(self, event: object) -> None:
        if not changes_actions(event):
            return
        try:
            self.timer.start()
        except RuntimeError:  # the panel is being torn down
            pass

    def refresh(self) -> None:
        """Read the map's actions again (only while in sight: else when it next comes into sight)."""
        if self._put_off():
            return
        today = self.today()
        rows = action_rows(self._doc.map, today) if self._doc is not None else []
        self._fill_owners(rows)
        self.model_.wanted = self.current_filter()  # (the person filtered by may have no action left)
        self._keep_place(lambda: self.model_.set_rows(rows, today))

    def _fill_owners(self, rows: list[ActionRow]) -> None:
        names = sorted({row.owner for row in rows if row.owner}, key=str.casefold)
        wanted = [(_("Anyone"), None), (_("Nobody yet"), NOBODY), *((name, name) for name in names)]
        if [(self.owner.itemText(i), self.owner.itemData(i)) for i in range(self.owner.count())] == wanted:
            return
        chosen = self.owner.currentData()
        self.owner.clear()
        for label, value in wanted:
            self.owner.addItem(label, value)
        # (a person with no action left: everyone's show)
        self.owner.setCurrentIndex(max(0, self.owner.findData(chosen)) if chosen is not None else 0)

    # -- filters and views -----------------------------------------------------------------------------
    def current_filter(self) -> ActionFilter:
        status, effort = self.status.currentData(), self.effort.currentData()
        return ActionFilter(statuses=STATUS_SETS.get(status) or _one(status), owner=self.owner.currentData(),
                            priorities=_one(self.priority.currentData()),
                            efforts=frozenset({None}) if effort == UNKNOWN else _one(effort),
                            due=self.due.currentData() or "any")

    def _filter_changed(self) -> None:
        self._keep_place(lambda: self.model_.set_filter(self.current_filter()))

    def show_impact_effort(self, shown: bool = True) -> None:
        (self.show_grid if shown else self.show_list).setChecked(True)

    def _keep_place(self, change: Callable[[], None]) -> None:
        """Make a change of the rows, keeping the selected action selected (without choosing it again)."""
        chosen = self.chosen_action()
        self._restoring = True
        try:
            change()
            if chosen is not None:
                self.select_action(chosen)
        finally:
            self._restoring = False
        self._show_page()

    def _show_page(self) -> None:
        rows = self.model_.filtered()
        numbers = counts(rows)
        total = len(self.model_.all_rows)
        shown = len(rows)
        words = (_n("{shown} of {total} action", "{shown} of {total} actions", total) if shown != total else
                 _n("{total} action", "{total} actions", total)).format(shown=shown, total=total)
        if numbers["overdue"]:
            # TRANSLATORS: the Actions panel's summary: {actions} is "5 actions" or "2 of 5 actions".
            words = _n("{actions} · {n} overdue", "{actions} · {n} overdue", numbers["overdue"]).format(
                actions=words, n=numbers["overdue"])
        self.summary.setText(words if total else "")
        if not total or not shown:
            self.message.setText(_(EMPTY_MAP) if not total else _(NONE_SHOWN))
            self.stack.setCurrentWidget(self.message)
        elif self.show_grid.isChecked():
            self.grid.set_rows(rows, self.model_.today)  # (a big map has thousands of chips: only when shown)
            self.stack.setCurrentWidget(self.grid)
        else:
            self.stack.setCurrentWidget(self.view)

    # -- choosing ------------------------------------------------------------------------------------
    def _chosen(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if self._restoring or not index.isValid():
            return
        found = self.model_.data(self.model_.index(index.row(), 0), _USER)
        if found:
            self.actionChosen.emit(*found)

    def chosen_action(self) -> str | None:
        """The id of the action selected in the list (None: none)."""
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row(), _ROOT):
            return None
        found = self.model_.data(self.model_.index(index.row(), 0), _USER)
        return found[1] if found else None

    def select_action(self, opportunity_id: str) -> bool:
        """Select an action's row, if it is shown (without emitting `actionChosen`)."""
        for row, action in enumerate(self.model_.rows):
            if action.id == opportunity_id:
                restoring, self._restoring = self._restoring, True
                try:
                    self.view.selectRow(row)
                    self.view.scrollTo(self.model_.index(row, 0))
                finally:
                    self._restoring = restoring
                return True
        return False

    # -- for tests and automation: the rows as a person reads them ---------------------------------------
    def row_count(self) -> int:
        return self.model_.rowCount()

    def row_texts(self, row: int) -> dict[str, str]:
        """A shown row, column by column (by their headings)."""
        return {title: self.model_.data(self.model_.index(row, k)) for k, (_key, title) in enumerate(COLUMNS)}

    def column(self, title: str) -> list[str]:
        k = [t for _key, t in COLUMNS].index(title)
        return [self.model_.data(self.model_.index(row, k)) for row in range(self.model_.rowCount())]


def add_actions_dock(window) -> QDockWidget:
    """The Actions dock of a main window, as a tab beside its Problems dock: choosing an action selects its
    card, brings it into view and shows that opportunity's plan in the inspector."""
    panel = ActionsPanel()
    dock = QDockWidget(_("Actions"), window)
    dock.setObjectName("actions-dock")
    dock.setWidget(panel)
    window.tabifyDockWidget(window.problem_dock, dock)
    panel.follow_dock(dock)
    panel.actionChosen.connect(lambda card, opportunity: show_action(window, card, opportunity))
    window.actions_panel, window.actions_dock = panel, dock
    return dock


def show_action(window, card_id: str, opportunity_id: str) -> None:
    """Select a card, bring it into view and select the opportunity in the inspector (its plan shows)."""
    from .opportunity_plan import plan_of

    window.select_and_centre([card_id])
    inspector = getattr(window, "inspector", None)
    if inspector is None:
        return
    field = plan_of(inspector.form_for(Touchpoint))
    if field is not None and field.card_id() == card_id:
        field.select_opportunity(opportunity_id)


__all__ = ["COLUMNS", "ActionsModel", "ActionsPanel", "add_actions_dock", "due_text", "show_action"]
