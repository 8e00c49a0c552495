"""The inspector: edits every field of the selected touchpoint, stage, persona, flow, or of the map.

Each widget edits one field through the editor (so every edit is undoable and
validated as the format requires); a refused value shows its reason under the
form and changes nothing. Typing in a field, or stepping through a list, merges
into one undo step per visit to that field; each colour chosen is a step of its own.
Labels and choices are marked with `N_` and shown through `_()` (the interface language is chosen
after this module is imported); a date shows and is read as the user's locale writes it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..i18n import N_, _, _n
from ..layout.labels import CHANNEL_LABELS, EMOTION_LABELS, EVIDENCE_LABELS, FLOW_KIND_LABELS
from ..model.events import ElementChanged, MapFieldChanged, MapReplaced
from ..model.schema import Flow, Persona, Stage, Touchpoint
from .editor import Editor
from .field_names import tie
from .inspector_tables import KPI_DIRECTION_NOTE, EntriesTable, KpiTable
from .language_field import LanguageField
from .local_formats import day_format, day_text, parse_day
from .opportunity_plan import OpportunitiesEditor
from .quotes_table import QuotesTable

_sessions = itertools.count(1)


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    """Marked with `N_`, shown through `_()` (`field_label`)."""
    kind: str  # line, text, choice, lines, color, date, entries, kpis, opportunities, quotes
    choices: tuple[tuple[Any, str], ...] = ()
    level_key: str = ""


TOUCHPOINT_FIELDS = (
    FieldSpec("title", N_("Title"), "line"),
    FieldSpec("channel", N_("Channel"), "choice", ((None, "—"), *CHANNEL_LABELS.items())),
    FieldSpec("emotion", N_("Emotion"), "choice", ((None, "—"), *sorted(EMOTION_LABELS.items(), reverse=True))),
    FieldSpec("action", N_("Does"), "text"),
    FieldSpec("thoughts", N_("Thinks / feels"), "text"),
    FieldSpec("pain_points", N_("Pain points"), "entries", level_key="severity"),
    FieldSpec("opportunities", N_("Opportunities"), "opportunities", level_key="priority"),
    FieldSpec("owner", N_("Owner"), "line"),
    FieldSpec("evidence", N_("Evidence"), "choice", tuple(EVIDENCE_LABELS.items())),
    FieldSpec("source", N_("Source"), "line"),
    FieldSpec("quotes", N_("Customer quotes"), "quotes"),
    FieldSpec("notes", N_("Notes"), "text"),
)
STAGE_FIELDS = (
    FieldSpec("name", N_("Name"), "line"),
    FieldSpec("goal", N_("Goal"), "line"),
    FieldSpec("description", N_("Description"), "text"),
    FieldSpec("kpis", N_("KPIs"), "kpis"),
)
PERSONA_FIELDS = (
    FieldSpec("name", N_("Name"), "line"),
    FieldSpec("segment", N_("Segment"), "line"),
    FieldSpec("color", N_("Colour"), "color"),
    FieldSpec("description", N_("Description"), "text"),
    FieldSpec("goals", N_("Goals (one per line)"), "lines"),
    FieldSpec("needs", N_("Needs (one per line)"), "lines"),
    FieldSpec("frustrations", N_("Frustrations (one per line)"), "lines"),
    FieldSpec("evidence", N_("Evidence"), "choice", tuple(EVIDENCE_LABELS.items())),
    FieldSpec("source", N_("Source"), "line"),
    FieldSpec("quotes", N_("Customer quotes"), "quotes"),
)
FLOW_FIELDS = (
    FieldSpec("label", N_("Label"), "line"),
    FieldSpec("kind", N_("Kind"), "choice", tuple(FLOW_KIND_LABELS.items())),
)
MAP_FIELDS = (
    FieldSpec("title", N_("Title"), "line"),
    FieldSpec("owner", N_("Owner"), "line"),
    FieldSpec("language", N_("Language"), "language"),
    # TRANSLATORS: {format} is how a date is typed in the user's locale, e.g. YYYY-MM-DD or DD.MM.YYYY.
    FieldSpec("review_by", N_("Review by ({format})"), "date"),
    FieldSpec("description", N_("Description"), "text"),
)


def field_label(spec: FieldSpec) -> str:
    """A field's label in the interface language (a date's says how the locale writes one)."""
    label = _(spec.label)
    return label.format(format=day_format().upper()) if spec.kind == "date" else label


def choice_text(spec: FieldSpec, value: Any, label: str) -> str:
    """A choice as a list shows it: its label in the interface language (a feeling with its number)."""
    shown = _(label)
    return f"{value:+d}  {shown}" if spec.name == "emotion" and isinstance(value, int) else shown


def typed_day(text: str) -> Any:
    """What a date field commits for `text`: None when empty, the day typed as the locale (or ISO)
    writes it, else the text as typed (refused, with the format's reason)."""
    if not text.strip():
        return None
    day = parse_day(text)
    return day if day is not None else text


class _FocusWatcher(QObject):
    """Starts a new typing session each time a field gets the focus."""

    def __init__(self, form: "ElementForm") -> None:
        super().__init__(form)
        self.form = form

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusIn:
            self.form.session = next(_sessions)
        return False


class ElementForm(QWidget):
    """A form for one kind of element; `element_id` None means the map itself."""

    def __init__(self, editor: Editor, specs: tuple[FieldSpec, ...], heading: str) -> None:
        super().__init__()
        self.editor = editor
        self.specs = specs
        self.element_id: str | None = None
        self.session = next(_sessions)
        self.widgets: dict[str, QWidget] = {}
        self.loading = False
        self.watcher = _FocusWatcher(self)
        outer = QVBoxLayout(self)
        title = QLabel(heading)
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        outer.addWidget(title)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # (a label too long for the row in the user's language puts its field on the line below)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        outer.addLayout(form)
        for spec in specs:
            widget = self._make(spec)
            widget.setObjectName(spec.name)
            self.widgets[spec.name] = widget
            label = QLabel(field_label(spec))
            label.setTextFormat(Qt.TextFormat.PlainText)
            tie(label, widget)  # (a screen reader names the field after it)
            if spec.kind == "quotes":  # (four columns: the table takes the form's whole width, under its label)
                form.addRow(label)
                form.addRow(widget)
            else:
                form.addRow(label, widget)
        self.error = QLabel("")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #C92A2A")
        outer.addWidget(self.error)
        outer.addStretch(1)

    # -- building -------------------------------------------------------------
    def _make(self, spec: FieldSpec) -> QWidget:
        if spec.kind in ("line", "date"):
            widget = QLineEdit()
            widget.textEdited.connect(lambda text, s=spec: self._commit(s, typed_day(text) if s.kind == "date"
                                                                        else text))
            widget.installEventFilter(self.watcher)
            return widget
        if spec.kind in ("text", "lines"):
            widget = QPlainTextEdit()
            widget.setTabChangesFocus(True)
            widget.setFixedHeight(64 if spec.kind == "text" else 54)
            widget.textChanged.connect(lambda s=spec, w=widget: self._text_changed(s, w))
            widget.installEventFilter(self.watcher)
            return widget
        if spec.kind == "choice":
            widget = QComboBox()
            for value, label in spec.choices:  # (shown in the interface language; the value is kept)
                widget.addItem(choice_text(spec, value, label), value)
            # Stepping through a list with the arrow keys is one undo step per visit, like typing;
            # the visit starts when the list gets the focus.
            widget.activated.connect(lambda index, s=spec, w=widget: self._commit(s, w.itemData(index)))
            widget.installEventFilter(self.watcher)
            return widget
        if spec.kind == "color":
            return ColorField(lambda value, s=spec: self._commit(s, value, merge=False))
        if spec.kind == "entries":
            return EntriesTable(spec.level_key, lambda value, s=spec: self._commit(s, value, merge=False))
        if spec.kind == "opportunities":  # the table, and the plan of the selected one
            return OpportunitiesEditor(self.editor, lambda: self.element_id,
                                       lambda value, merge, s=spec: self._commit(s, value, merge), self.watcher)
        if spec.kind == "language":
            widget = LanguageField(lambda value, s=spec: self._commit(s, value))
            widget.installEventFilter(self.watcher)  # (each visit to the field: one undo step)
            return widget
        if spec.kind == "quotes":  # the table, and the selected quote's words
            return QuotesTable(lambda value, merge, s=spec: self._commit(s, value, merge), self.watcher)
        if spec.kind == "kpis":
            return KpiTable(lambda value, s=spec: self._commit(s, value, merge=False))
        raise ValueError(spec.kind)

    def _text_changed(self, spec: FieldSpec, widget: QPlainTextEdit) -> None:
        if self.loading:
            return
        text = widget.toPlainText()
        if spec.kind == "lines":
            self._commit(spec, [line.strip() for line in text.splitlines() if line.strip()])
        else:
            self._commit(spec, text)

    def _commit(self, spec: FieldSpec, value: Any, merge: bool = True) -> None:
        if self.loading:
            return
        session = (self.element_id, spec.name, self.session) if merge else None
        if self.element_id is None:
            reason = self.editor.set_map_field(spec.name, value, session)
        else:
            reason = self.editor.set_field(self.element_id, spec.name, value, session)
        # TRANSLATORS: a value refused: the field's label, then why ("Title: must not be empty").
        self.error.setText(_("{field}: {reason}").format(field=field_label(spec), reason=reason) if reason else "")

    # -- showing --------------------------------------------------------------
    def load(self, element_id: str | None) -> None:
        source = self.editor.doc.map if element_id is None else self.editor.doc.get(element_id)
        if element_id != self.element_id:
            self.error.setText("")
            self.session = next(_sessions)
        self.element_id = element_id
        self.loading = True
        try:
            for spec in self.specs:
                self._show(spec, self.widgets[spec.name], getattr(source, spec.name))
        finally:
            self.loading = False

    def _show(self, spec: FieldSpec, widget: QWidget, value: Any) -> None:
        if spec.kind in ("line", "date"):
            text = "" if value is None else day_text(value) if spec.kind == "date" else str(value)
            if spec.kind == "date" and widget.hasFocus() and value is not None and parse_day(widget.text()) == value:
                return  # (the day being typed, written another way the locale reads: left as typed)
            if widget.text() != text:
                widget.setText(text)
                if not widget.hasFocus():
                    widget.setCursorPosition(0)  # a long title shows its beginning, not its end
        elif spec.kind in ("text", "lines"):
            text = "\n".join(value) if spec.kind == "lines" else value
            current = widget.toPlainText()
            shown = [line.strip() for line in current.splitlines() if line.strip()] if spec.kind == "lines" else current
            if shown != (value if spec.kind == "lines" else text):
                widget.setPlainText(text)
        elif spec.kind == "choice":
            index = widget.findData(value)
            widget.setCurrentIndex(max(index, 0))
        elif spec.kind in ("color", "language"):
            widget.set_value(value)
        elif spec.kind in ("entries", "kpis", "opportunities", "quotes"):
            widget.set_value(value)


class ColorField(QWidget):
    def __init__(self, commit: Callable[[str], None]) -> None:
        super().__init__()
        self.commit = commit
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setMaxLength(7)
        # (room for "#RRGGBB" whatever the button's words take in the user's language)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("#DDDDDD") + 16)
        self.edit.editingFinished.connect(lambda: self.commit(self.edit.text().strip()))
        self.button = QPushButton(_("Choose…"))
        self.button.clicked.connect(self._choose)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)

    def set_value(self, value: str) -> None:
        if self.edit.text() != value:
            self.edit.setText(value)
        self.button.setStyleSheet(f"border-left: 14px solid {value};")

    def _choose(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.edit.text()), self, _("Persona colour"))
        if chosen.isValid():
            self.commit(chosen.name().upper())


class Inspector(QScrollArea):
    """Shows the form for the current selection (or the map when nothing is selected)."""

    def __init__(self, editor: Editor, parent=None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setWidgetResizable(True)
        self.forms = {
            "map": ElementForm(editor, MAP_FIELDS, _("Map")),
            Touchpoint: ElementForm(editor, TOUCHPOINT_FIELDS, _("Touchpoint")),
            Stage: ElementForm(editor, STAGE_FIELDS, _("Stage")),
            Persona: ElementForm(editor, PERSONA_FIELDS, _("Persona")),
            Flow: ElementForm(editor, FLOW_FIELDS, _("Flow")),
        }
        self.multi = QLabel("")
        self.multi.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.current: QWidget | None = None
        self.shown_id: tuple | None = None
        # One refresh per event-loop turn, however many document events an edit makes
        # (deleting a stage removes hundreds of cards and flows, one event each).
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        editor.scene.selectionChanged.connect(self.refresh)
        editor.doc.changed.connect(self._document_changed)
        self.refresh()

    def form_for(self, kind: Any) -> ElementForm:
        return self.forms[kind]

    def _document_changed(self, event: object) -> None:
        if isinstance(event, MapReplaced):
            self.shown_id = None
        try:
            if isinstance(event, (ElementChanged, MapFieldChanged)):
                self.refresh()  # one field changed (typing, undo): show it at once
            else:
                self._refresh_timer.start()  # adds and removes come in bursts: once, afterwards
        except RuntimeError:  # the inspector is being torn down
            pass

    def refresh(self) -> None:
        try:
            ids = self.editor.scene.selected_ids()
        except RuntimeError:  # the scene is being torn down
            return
        if len(ids) > 1:
            self.multi.setText(_n("{n} item selected", "{n} items selected", len(ids)).format(n=len(ids)))
            self._show(self.multi)
            return
        element_id = ids[0] if ids else None
        if element_id is not None and element_id not in self.editor.doc:
            element_id = None
        kind = "map" if element_id is None else type(self.editor.doc.get(element_id))
        form = self.forms[kind]
        if (kind, element_id) != self.shown_id:
            form.error.setText("")  # an old refusal does not belong to what is shown now
            self.shown_id = (kind, element_id)
        form.load(element_id)
        self._show(form)

    def _show(self, widget: QWidget) -> None:
        if self.current is widget:
            return
        if self.current is not None:
            self.takeWidget()
        self.setWidget(widget)
        widget.show()
        self.current = widget


__all__ = ["KPI_DIRECTION_NOTE", "ElementForm", "EntriesTable", "FieldSpec", "Inspector", "KpiTable"]
