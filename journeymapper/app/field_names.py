"""Names for controls, as screen readers read them: each field tied to the label a person sees.

A label names its field for assistive technologies when it is the field's buddy (`QLabel.setBuddy`;
`QFormLayout.addRow(text, field)` does it, `addRow(QLabel, field)` does not). A field made of several
controls (a table with its buttons, a colour's text and button) is named through the control that
takes the typing; a control with no visible label gets an accessible name (`setAccessibleName`).
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ..i18n import _


def focus_field(widget: QWidget) -> QWidget:
    """The control a label names: the field itself, or the table (`.table`) or line (`.edit`) of a
    field made of several controls."""
    for part in ("table", "edit"):
        inner = getattr(widget, part, None)
        if isinstance(inner, QWidget):
            return inner
    return widget


def tie(label: QLabel, field: QWidget) -> None:
    """Make `label` the name of `field` (its buddy: a screen reader reads the label with the field)."""
    label.setBuddy(focus_field(field))


def name_clear_button(edit: QLineEdit) -> None:
    """A line with a clear button (`setClearButtonEnabled`): the button says what it does. Qt's button
    shows its action's icon and takes its name from the action's text, which Qt leaves empty."""
    for action in edit.findChildren(QAction):
        if action.objectName() == "_q_qlineeditclearaction":
            action.setText(_("Clear"))
            action.setToolTip(_("Clear"))


__all__ = ["focus_field", "name_clear_button", "tie"]
