"""A card's opportunities in the inspector: the table of them and, under it, the plan of the selected one.

An opportunity is also the plan to act on it: its status, who does it (an owner, offered from the
names already in the map), by when, how much work it takes, and which pain points it answers
(picked from the whole map: this card's first). Every change is one undoable edit of the card's
`opportunities` (typing a name, or a date, is one step per visit to the field, as elsewhere in
the inspector); the table (`EntriesTable`) keeps each item's plan when its text or priority is typed over.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QObject, QSignalBlocker, QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..canvas.painting import plain_tooltip
from ..i18n import N_, _, _n
from ..layout.labels import EFFORT_LABELS, STATUS_LABELS
from ..model.actions import PainChoice, find_action, owners, pain_choices, with_plan
from ..model.events import ElementChanged, MapFieldChanged
from ..model.schema import Opportunity, Touchpoint
from .editor import Editor
from .field_names import name_clear_button
from .inspector_tables import EntriesTable
from .local_formats import count_text, day_format

Commit = Callable[[list[dict[str, Any]], bool], None]
"""Commits a card's whole opportunities list; the flag says whether it may merge with the last step
of this visit to the field (typing)."""
NO_DATE = QDate(1752, 9, 14)
"""The date edit's lowest date, shown as "No date" (Qt's special value): a due date is optional."""
FIND_FROM = 8
"""From this many pain points in the map, a box to find one by a word shows above the list."""
SHOWN_OTHERS = 200
"""Pain points of other cards listed at most (a big map has tens of thousands: the box finds the rest)."""
GONE = N_("(a pain point no longer in the map)")
_PAIN_ID = Qt.ItemDataRole.UserRole
_NAMES_FROM = frozenset({"owner", "opportunities"})
"""Fields of a card whose change may change the owners offered."""
_PAINS_FROM = frozenset({"title", "pain_points", "persona", "stage"})
"""Fields of a card with pain points whose change may change the pain points offered (or their order)."""


class DueDateEdit(QDateEdit):
    """A date, or "No date". A click or a key on "No date" starts from today rather than from 1752;
    leaving without choosing keeps no date. `dueChosen` says what a person chose (a date, or None)."""

    dueChosen = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.setCalendarPopup(True)
        # Qt reads a click on the text of a date edit with a calendar as a click on its "down" button
        # (the two controls share a number) and goes back a day: without step buttons, a click only places
        # the cursor; the arrow still opens the calendar, and the arrow keys still step.
        self.setButtonSymbols(QDateEdit.ButtonSymbols.NoButtons)
        # The locale's short date with a four-digit year (ISO for the C locale): the display only, the
        # map keeps an ISO date whatever is shown.
        self.setDisplayFormat(day_format(self.locale()))
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText(_("No date"))
        self.setDate(NO_DATE)
        self._started = False
        """Today is shown in place of "No date", for a person to start from (not chosen yet)."""
        self.dateChanged.connect(self._changed)
        self.calendarWidget().clicked.connect(lambda day: self.dueChosen.emit(day.toPython()))

    def due(self) -> date | None:
        day = self.date()
        return None if day == NO_DATE else day.toPython()

    def set_due(self, day: date | None) -> None:
        with QSignalBlocker(self):
            self.setDate(QDate(day) if day is not None else NO_DATE)
        self._started = False

    def _changed(self, _day: QDate) -> None:
        self._started = False
        self.dueChosen.emit(self.due())

    def _start_from_today(self) -> None:
        if self.date() == NO_DATE:
            with QSignalBlocker(self):
                self.setDate(QDate.currentDate())
            self._started = True

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._start_from_today()
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape):
            self._start_from_today()
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if self._started and event.reason() != Qt.FocusReason.PopupFocusReason:
            self.set_due(None)  # looked at the calendar, chose nothing: still no date
        super().focusOutEvent(event)


class PlanForm(QGroupBox):
    """Status, owner, due date, effort and the pain points answered, of one opportunity."""

    def __init__(self, watcher: QObject | None = None) -> None:
        super().__init__(_("Plan"))
        self.opportunity: Opportunity | None = None
        self.loading = False
        self.changed: Callable[[dict[str, Any], bool], None] = lambda changes, merge: None
        """Called with the fields a person changed (set by the owner of the form)."""
        self.hint = QLabel(_("Select an opportunity above to plan it: what state it is in, who does it and by "
                             "when."))
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text)")
        self.what = QLabel("")
        self.what.setObjectName("plan-what")
        self.what.setTextFormat(Qt.TextFormat.PlainText)
        self.what.setWordWrap(True)
        self.status = QComboBox()
        self.status.setObjectName("plan-status")
        for key, label in STATUS_LABELS.items():
            self.status.addItem(_(label), key)
        self.status.activated.connect(lambda i: self._changed({"status": self.status.itemData(i)}, merge=True))
        self.owner = QLineEdit()
        self.owner.setObjectName("plan-owner")
        self.owner.setPlaceholderText(_("Who does it"))
        self.owner.setMaxLength(200)
        self.owner_names = QStringListModel(self)
        completer = QCompleter(self.owner_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.owner.setCompleter(completer)
        self.owner.textEdited.connect(lambda text: self._changed({"owner": text.strip()}, merge=True))
        completer.activated.connect(lambda text: self._changed({"owner": text.strip()}, merge=True))
        self.due = DueDateEdit()
        self.due.setObjectName("plan-due")
        self.due.setToolTip(_("The day it should be done by. Past it, and not done or dropped, it shows as "
                              "overdue."))
        self.due.dueChosen.connect(lambda day: self._changed({"due": day}, merge=True))
        self.no_date = QToolButton()
        self.no_date.setText("×")
        self.no_date.setObjectName("plan-no-date")
        self.no_date.setToolTip(_("No due date"))
        self.no_date.setAccessibleName(_("Clear the due date"))
        self.no_date.clicked.connect(lambda: self._changed({"due": None}))
        due_row = QHBoxLayout()
        due_row.setContentsMargins(0, 0, 0, 0)
        due_row.addWidget(self.due, 1)
        due_row.addWidget(self.no_date)
        self.effort = QComboBox()
        self.effort.setObjectName("plan-effort")
        for key in (None, "low", "medium", "high"):
            self.effort.addItem(_(EFFORT_LABELS[key]), key)
        self.effort.activated.connect(lambda i: self._changed({"effort": self.effort.itemData(i)}, merge=True))
        self.find = QLineEdit()
        self.find.setObjectName("plan-find-pain")
        self.find.setPlaceholderText(_("Find a pain point"))
        self.find.setClearButtonEnabled(True)
        self.find.textChanged.connect(self._filter_pains)
        self.pains = QListWidget()
        self.pains.setObjectName("plan-addresses")
        self.pains.setToolTip(_("Tick the pain points this opportunity answers: this card's first, then the "
                                "others (named by their card)"))
        self.pains.setFixedHeight(140)
        self.pains.setWordWrap(True)  # (a long pain point shows whole, on more lines)
        self.pains.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pains.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.pains.itemChanged.connect(self._pain_ticked)
        self._all: tuple[PainChoice, ...] = ()
        self._listed: tuple = ()
        for combo in (self.status, self.effort):  # (a narrow inspector cuts long choices, not the form)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        for widget in (self.owner, self.due, self.status, self.effort):
            if watcher is not None:
                widget.installEventFilter(watcher)  # (a new visit to a field starts a new undo step)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # (long labels in other languages)
        for label, field in ((_("Status"), self.status), (_("Owner"), self.owner), (_("Due"), due_row),
                             (_("Effort"), self.effort)):
            text = QLabel(label)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setBuddy(self.due if field is due_row else field)  # (the field's name for screen readers)
            form.addRow(text, field)
        answers = QLabel(_("Pain points it answers"))
        answers.setTextFormat(Qt.TextFormat.PlainText)
        answers.setBuddy(self.pains)
        self.find.setAccessibleName(self.find.placeholderText())
        name_clear_button(self.find)
        form.addRow(answers)  # (the list takes the form's whole width: pain points are long)
        form.addRow(self.find)
        form.addRow(self.pains)
        self.fields = QWidget()
        self.fields.setLayout(form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.hint)
        layout.addWidget(self.what)
        layout.addWidget(self.fields)
        self.show_plan(None, [], ())

    # -- showing -------------------------------------------------------------------------------------
    def show_plan(self, opportunity: Opportunity | None, names: list[str], choices: tuple) -> None:
        """Show an opportunity's plan (None: nothing selected); `choices` are `pain_choices` of its card."""
        self.loading = True
        try:
            self.opportunity = opportunity
            self.hint.setVisible(opportunity is None)
            self.what.setVisible(opportunity is not None)
            self.fields.setEnabled(opportunity is not None)
            if self.owner_names.stringList() != names:
                self.owner_names.setStringList(names)
            if opportunity is None:  # (nothing to tick for: the list stays empty, and is not made)
                self.what.setText("")
                self._all, self._listed = (), ()
                self.find.setVisible(False)
                self.pains.clear()
                return
            self.what.setText(" ".join(opportunity.text.split()))
            self.status.setCurrentIndex(max(0, self.status.findData(opportunity.status)))
            if self.owner.text().strip() != opportunity.owner.strip():
                self.owner.setText(opportunity.owner)
            if self.due.due() != opportunity.due or not self.due.hasFocus():
                self.due.set_due(opportunity.due)
            self.no_date.setEnabled(opportunity.due is not None)
            self.effort.setCurrentIndex(max(0, self.effort.findData(opportunity.effort)))
            self._show_pains(choices, tuple(opportunity.addresses))
        finally:
            self.loading = False

    def _show_pains(self, choices: tuple, addresses: tuple[str, ...]) -> None:
        self._all = choices
        self.find.setVisible(len(choices) >= FIND_FROM)
        self._list_pains(addresses)

    def _list_pains(self, addresses: tuple[str, ...]) -> None:
        """List the card's pain points, then the others (those that match the words to find, if any: at most
        SHOWN_OTHERS, and every ticked one), then any ticked one no longer in the map; tick what `addresses`
        says. The list is made again only when what it lists changes."""
        words = self.find.text().casefold().split() if self.find.isVisible() else []
        ticked = set(addresses)
        known = {choice.id for choice in self._all}
        gone = tuple(pain for pain in addresses if pain not in known)
        wanted = (self._all, gone, tuple(words), frozenset(ticked) if words or len(self._all) > SHOWN_OTHERS else None)
        if wanted != self._listed:
            self._listed = wanted
            shown, more = _pains_to_list(self._all, words, ticked)
            self.pains.clear()
            for choice in shown:
                item = QListWidgetItem(choice.label)
                item.setData(_PAIN_ID, choice.id)
                tip = choice.label if choice.on_this_card else choice.label + "\n" + _("(on another card)")
                item.setToolTip(plain_tooltip(tip))  # (the map's words, never markup)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)  # (a box shows only once it has a state)
                self.pains.addItem(item)
            for pain in gone:  # kept as the file has it, and shown, so that it can be unticked
                item = QListWidgetItem(_(GONE))
                item.setData(_PAIN_ID, pain)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.pains.addItem(item)
            note = (_("The map has no pain points yet") if not self._all else
                    _("No pain point has these words") if words and not shown else
                    _n("{count} more: type a word above to find it", "{count} more: type a word above to find them",
                       more).format(count=count_text(more)) if more else "")
            if note:
                item = QListWidgetItem(note)
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                self.pains.addItem(item)
        was, self.loading = self.loading, True
        try:
            for row in range(self.pains.count()):
                item = self.pains.item(row)
                pain = item.data(_PAIN_ID)
                if pain is not None:
                    state = Qt.CheckState.Checked if pain in ticked else Qt.CheckState.Unchecked
                    if item.checkState() != state:
                        item.setCheckState(state)
        finally:
            self.loading = was

    def _filter_pains(self, _text: str) -> None:
        self._list_pains(tuple(self.opportunity.addresses) if self.opportunity is not None else ())

    # -- changing ------------------------------------------------------------------------------------
    def _changed(self, changes: dict[str, Any], merge: bool = False) -> None:
        if not self.loading and self.opportunity is not None:
            self.changed(changes, merge)

    def _pain_ticked(self, item: QListWidgetItem) -> None:
        """One pain point ticked or unticked: the others it answers stay (listed or not), in their order."""
        pain = item.data(_PAIN_ID)
        if self.loading or self.opportunity is None or pain is None:
            return
        addresses = [p for p in self.opportunity.addresses if p != pain]
        if item.checkState() == Qt.CheckState.Checked:
            addresses.append(pain)
        self._changed({"addresses": addresses})

    def ticked_labels(self) -> list[str]:
        """The pain points ticked, as listed (for tests and automation)."""
        return [self.pains.item(r).text() for r in range(self.pains.count())
                if self.pains.item(r).checkState() == Qt.CheckState.Checked]


def _pains_to_list(choices: tuple[PainChoice, ...], words: list[str], ticked: set[str]
                   ) -> tuple[list[PainChoice], int]:
    """(the pain points to list, how many more match): the card's own and the others that have all the
    words, at most SHOWN_OTHERS of the others beside the ticked ones."""
    shown: list[PainChoice] = []
    others = more = 0
    for choice in choices:
        if words and not all(word in choice.label.casefold() for word in words):
            continue
        if choice.on_this_card or choice.id in ticked or others < SHOWN_OTHERS:
            shown.append(choice)
            others += not choice.on_this_card and choice.id not in ticked
        else:
            more += 1
    return shown, more


class OpportunitiesEditor(QWidget):
    """The inspector's field for a card's opportunities: the table, and the plan of its selected row."""

    def __init__(self, editor: Editor, card_id: Callable[[], str | None], commit: Commit,
                 watcher: QObject | None = None) -> None:
        super().__init__()
        self.editor = editor
        self.card_id = card_id
        self.commit = commit
        self.shown_card: str | None = None
        self.entries = EntriesTable("priority", lambda value: commit(value, False))
        self.entries.table.setToolTip(_("Ideas to do better. Select one to plan it below."))
        self.plan = PlanForm(watcher)
        self.plan.changed = self._plan_changed
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.entries)
        layout.addWidget(self.plan)
        self.entries.table.currentCellChanged.connect(lambda *_cells: self._show_plan())
        self._names: list[str] | None = None
        self._pains: dict[str | None, tuple[PainChoice, ...]] = {}
        """What the form offers, kept until the map changes where they come from (a big map has many)."""
        editor.doc.changed.connect(self._forget_offers)

    def _forget_offers(self, event: object) -> None:
        if isinstance(event, ElementChanged):
            if event.field in _NAMES_FROM:
                self._names = None
            if event.field in _PAINS_FROM and self._pains and _offers_pains(event) and not (
                    event.field == "title" and event.new.id in self._pains):  # (its own are named without it)
                self._pains = {}
        elif isinstance(event, MapFieldChanged):
            if event.field == "owner":
                self._names = None
        else:  # cards, stages or lanes added, removed, moved; another map
            self._names, self._pains = None, {}

    @property
    def table(self):
        return self.entries.table

    def set_value(self, opportunities: list[Opportunity]) -> None:
        card = self.card_id()
        before = [item.id for item in self.entries.items]
        self.entries.set_value(opportunities)
        if card != self.shown_card:
            self.shown_card = card
            self.table.setCurrentCell(-1, -1)  # another card: nothing of it is selected yet
        else:
            added = [o.id for o in opportunities if o.id not in before]
            if len(added) == 1 and len(opportunities) == len(before) + 1:  # just added: plan it next
                self.select_opportunity(added[0])
        self._show_plan()

    def selected(self) -> Opportunity | None:
        row = self.table.currentRow()
        items = self.entries.items
        return items[row] if 0 <= row < len(items) else None

    def select_opportunity(self, opportunity_id: str) -> bool:
        """Select an opportunity's row (its plan shows); False if the card shown has no such opportunity."""
        for row, item in enumerate(self.entries.items):
            if item.id == opportunity_id:
                self.table.setCurrentCell(row, 0)
                self.table.selectRow(row)
                return True
        return False

    def _show_plan(self) -> None:
        """Show the selected opportunity's plan. The pain points to pick from are listed only then: a big
        map has thousands, and typing a card's title shows its form again at every key."""
        card, selected = self.card_id(), self.selected()
        the_map = self.editor.doc.map
        if self._names is None:
            self._names = owners(the_map)
        if selected is None:
            self.plan.show_plan(None, self._names, ())
            return
        if card not in self._pains:
            self._pains = {card: tuple(pain_choices(the_map, card)) if card is not None else ()}
        self.plan.show_plan(selected, self._names, self._pains[card])

    def _plan_changed(self, changes: dict[str, Any], merge: bool) -> None:
        selected, card = self.selected(), self.card_id()
        if selected is None or card is None or card not in self.editor.doc:
            return
        element = self.editor.doc.get(card)
        if not isinstance(element, Touchpoint) or find_action(self.editor.doc.map, selected.id) is None:
            return
        self.commit(with_plan(element.opportunities, selected.id, **changes), merge)


def _offers_pains(event: ElementChanged) -> bool:
    """Whether a card's change may change the pain points offered: only a card with pain points is in
    that list (its title names them, its place orders them)."""
    old, new = event.old, event.new
    return any(isinstance(card, Touchpoint) and bool(card.pain_points) for card in (old, new))


def plan_of(inspector_form: QWidget) -> OpportunitiesEditor | None:
    """The opportunities field of a touchpoint form, if it has one."""
    found = inspector_form.findChild(OpportunitiesEditor)
    return found if isinstance(found, OpportunitiesEditor) else None


__all__ = ["DueDateEdit", "OpportunitiesEditor", "PlanForm", "plan_of"]
