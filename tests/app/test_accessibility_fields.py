"""Every field a person can type in or choose from has a name a screen reader reads: its label (the
label's buddy) or, where nothing on screen labels it, an accessible name. Checked over the inspector's
forms, the window's panels and every dialog, with the widgets they really make."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTextEdit,
    QWidget,
)

from journeymapper.io.importers import ImportResult
from journeymapper.model.merge import merge_maps
from journeymapper.model.schema import Flow, Persona, Stage, Touchpoint

from .test_keyboard import Key, key, keyboard_window, select

FIELDS = (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit, QComboBox, QAbstractItemView, QSlider)
"""What a person types in or chooses from (spin and date boxes, tables, lists and trees included)."""


def _inside_a_control(widget: QWidget, root: QWidget) -> bool:
    """A part of another control (a combo box's list, a spin box's line, a table's header): named by it."""
    if isinstance(widget, QHeaderView):
        return True
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, (QComboBox, QAbstractSpinBox)):
            return True
        parent = parent.parentWidget()
    return False


def unnamed(root: QWidget) -> list[str]:
    """The fields and buttons under `root` that a person could reach and that have no name."""
    widgets = [root, *root.findChildren(QWidget)]
    labels = {*root.findChildren(QLabel), *root.window().findChildren(QLabel)}
    named_by_label = {id(label.buddy()) for label in labels if label.buddy() and label.text().strip()}
    missing = []
    for widget in widgets:
        if not widget.isVisibleTo(root) and widget is not root or _inside_a_control(widget, root):
            continue
        where = f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parentWidget()).__name__}"
        if isinstance(widget, FIELDS):
            if not widget.accessibleName().strip() and id(widget) not in named_by_label:
                missing.append(where)
        elif isinstance(widget, QAbstractButton):
            if not QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name).strip():
                missing.append(f"button {where}")
    return missing


def test_the_check_finds_a_field_without_a_name(qapp):
    root = QWidget()
    named, buddied, bare = QLineEdit(root), QComboBox(root), QLineEdit(root)
    named.setAccessibleName("Title")
    QLabel("Kind", root).setBuddy(buddied)
    assert unnamed(root) == ["QLineEdit '' in QWidget"]
    bare.setAccessibleName("Owner")
    assert unnamed(root) == []


@pytest.mark.parametrize("kind", ["map", Touchpoint, Stage, Persona, Flow])
def test_every_inspector_field_is_named_by_its_label(qtbot, open_window, kind):
    window = keyboard_window(qtbot, open_window)
    doc = window.document()
    element = {"map": None, Touchpoint: "t-parent-order-form", Stage: doc.stages[0].id,
               Persona: doc.personas[0].id, Flow: doc.flows[0].id}[kind]
    select(window, *([element] if element else []))
    form = window.inspector.form_for(kind)
    qtbot.waitUntil(lambda: window.inspector.widget() is form)
    for table in (form.widgets.get("kpis"), form.widgets.get("opportunities"), form.widgets.get("quotes")):
        if table is not None and table.table.rowCount():
            table.table.setCurrentCell(0, 0)  # (a KPI's readings, an opportunity's plan, a quote's words)
    assert unnamed(form) == []


def test_the_window_names_its_panels_lists_and_filters(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    window.show_find()
    for dock in (window.problem_dock, window.insights_dock, window.actions_dock):
        dock.show()
        dock.raise_()
        assert unnamed(dock) == [], dock.objectName()
    window.actions_panel.show_grid.click()  # the impact / effort grid
    assert unnamed(window.actions_dock) == []
    assert unnamed(window) == []


def test_the_rename_box_on_the_canvas_has_a_name(qtbot, open_window):
    window = keyboard_window(qtbot, open_window)
    select(window, "t-parent-order-form")
    key(qtbot, window, Key.Key_F2)
    edit = window.view().viewport().findChild(QLineEdit, "inline-edit")
    assert edit is not None and edit.accessibleName()


def _dialogs(window) -> dict:
    from journeymapper.app.compare_view import CompareView
    from journeymapper.app.disk_merge import DiskMergeDialog
    from journeymapper.app.export_dialog import ExportPdfDialog
    from journeymapper.app.preferences import PreferencesDialog
    from journeymapper.app.start_page import StartPage
    from journeymapper.app.version_compare import VersionComparePanel
    from journeymapper.app.versions_dialog import VersionsDialog
    from journeymapper.app.window_import import ImportReport

    the_map, layout = window.document().map, window.editor.scene.layout
    theirs = the_map.model_copy(update={"title": "Theirs"})
    merged = merge_maps(the_map, the_map, theirs)
    return {
        "export": lambda: ExportPdfDialog(layout, QPixmap(10, 10), the_map=the_map),
        "print": lambda: ExportPdfDialog(layout, QPixmap(10, 10), the_map=the_map, printing=True),
        "preferences": PreferencesDialog,
        "versions": lambda: VersionsDialog("map.jmap", []),
        "start page": lambda: StartPage(["/tmp/one.jmap"]),
        "compare versions": VersionComparePanel,
        "compare today and plan": lambda: CompareView(lambda: (the_map, theirs), lambda side, card: True),
        "merge with the file": lambda: DiskMergeDialog("map.jmap", the_map, theirs, merged, the_map),
        "import report": lambda: ImportReport("cards.csv", ImportResult(map=the_map, notes=["a note"])),
        "shortcuts": window.show_shortcuts,
        "getting started": window.show_getting_started,
    }


DIALOGS = ("export", "print", "preferences", "versions", "start page", "compare versions", "compare today and plan",
           "merge with the file", "import report", "shortcuts", "getting started")


@pytest.mark.parametrize("name", DIALOGS)
def test_every_dialog_names_its_fields(qtbot, open_window, name):
    window = keyboard_window(qtbot, open_window)
    dialog = _dialogs(window)[name]()
    qtbot.addWidget(dialog)
    assert unnamed(dialog) == []
