"""Right-click menus on the canvas: what can be done with the card, flow, stage or persona under the
mouse, or in the empty cell.

The menus hold the window's own actions wherever one applies (the same words, keys and effect as
in the Edit menu), so what a person learns here works from the keyboard too. Right-clicking
something that is not selected selects it alone first, as file managers do; right-clicking inside
a selection keeps it, so Delete applies to all of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ..i18n import N_, _
from ..layout.labels import EVIDENCE_LABELS, FLOW_KIND_LABELS, signed
from ..model.schema import Flow, Persona, Stage, Touchpoint

if TYPE_CHECKING:
    from .main_window import MainWindow

# TRANSLATORS: a card's feeling, in its right-click menu ("+2  very happy").
FEELINGS = {-2: N_("very unhappy"), -1: N_("unhappy"), 0: N_("neutral"), 1: N_("happy"), 2: N_("very happy")}


def context_menu(window: MainWindow, element_id: str | None, pos: QPointF) -> QMenu | None:
    """The menu for `element_id` (None: the empty canvas at scene point `pos`)."""
    editor = window.editor
    if editor is None:
        return None
    if element_id is not None and element_id in editor.doc:
        if element_id not in window.selected_ids():
            editor.scene.select_only([element_id])
        element = editor.doc.get(element_id)
    else:
        element = None
    menu = QMenu(window)
    menu.setObjectName("canvas-context-menu")

    def add(*names: str) -> None:
        _add(menu, window, *names)

    if isinstance(element, Touchpoint):
        add("rename")
        _feeling_menu(menu, window, element)
        _evidence_menu(menu, window, element)
        add("-", "add_touchpoint")
        if len([i for i in window.selected_ids() if isinstance(editor.doc.get(i), Touchpoint)]) == 2:
            add("connect")
        add("-", "cut", "copy", "duplicate", "-", "delete")
    elif isinstance(element, Flow):
        rename = menu.addAction(_("Edit Label"))
        rename.triggered.connect(lambda: window.edit_in_place(element.id))
        _kind_menu(menu, window, element)
        add("-", "delete")
    elif isinstance(element, Stage):
        add("rename", "add_stage", "-", "move_left", "move_right", "-", "delete")
    elif isinstance(element, Persona):
        add("rename", "add_persona", "-", "move_up", "move_down", "-", "delete")
    else:
        _empty_spot_menu(menu, window, pos)
    return menu


def _add(menu: QMenu, window: MainWindow, *names: str) -> None:
    """The window's own actions, by name ("-": a separator)."""
    for name in names:
        if name == "-":
            menu.addSeparator()
        else:
            menu.addAction(window.actions_by_name[name])


def _empty_spot_menu(menu: QMenu, window: MainWindow, pos: QPointF) -> None:
    editor = window.editor
    editor.scene.select_only([])
    layout = editor.scene.layout
    cell = layout.cell_at(pos.x(), pos.y()) if layout is not None else None
    if cell is not None:
        position = layout.card_slot_at(cell.persona, cell.stage, pos.y() - layout.lanes[cell.persona].y)
        stage, persona = editor.doc.get(cell.stage), editor.doc.get(cell.persona)
        here = menu.addAction(_("Add Touchpoint Here"))
        here.setStatusTip(_("A new card for “{persona}” in “{stage}”").format(persona=persona.name,
                                                                              stage=stage.name))
        here.triggered.connect(lambda: editor.add_touchpoint(cell.persona, cell.stage, position))
        _add(menu, window, "paste", "-")
    _add(menu, window, "add_stage", "add_persona", "-", "select_all", "zoom_fit")


def _choice(menu: QMenu, title: str, options: list[tuple[object, str]], current: object,
            choose) -> QMenu:
    sub = menu.addMenu(title)
    for value, text in options:
        action = QAction(text, sub)
        action.setCheckable(True)
        action.setChecked(value == current)
        action.triggered.connect(lambda _=False, v=value: choose(v))
        sub.addAction(action)
    return sub


def _feeling_menu(menu: QMenu, window: MainWindow, card: Touchpoint) -> None:
    options: list[tuple[object, str]] = [(v, f"{signed(v)}  {_(FEELINGS[v])}") for v in range(2, -3, -1)]
    options.append((None, _("Not known yet")))
    _choice(menu, _("Feeling"), options, card.emotion,
            lambda v: _set(window, card.id, "emotion", v))


def _evidence_menu(menu: QMenu, window: MainWindow, card: Touchpoint) -> None:
    _choice(menu, _("Evidence"), [(key, _(label)) for key, label in EVIDENCE_LABELS.items()], card.evidence,
            lambda v: _set(window, card.id, "evidence", v))


def _kind_menu(menu: QMenu, window: MainWindow, flow: Flow) -> None:
    _choice(menu, _("Kind of Flow"), [(key, _(label)) for key, label in FLOW_KIND_LABELS.items()], flow.kind,
            lambda v: _set(window, flow.id, "kind", v))


def _set(window: MainWindow, element_id: str, field: str, value: object) -> None:
    if window.editor is None or element_id not in window.editor.doc:
        return
    reason = window.editor.set_field(element_id, field, value)
    if reason:
        window.statusBar().showMessage(reason, 6000)
