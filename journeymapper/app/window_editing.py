"""The window's editing actions: selection, rename in place, add, delete, connect, nudge, and
the clipboard (copy, cut, paste, duplicate).

A mixin of `MainWindow`: the menus' and keys' actions on the map, each a call into the editor
(which makes it one undoable command).
"""

from __future__ import annotations

import atexit
from collections.abc import Callable
from functools import lru_cache

from PySide6.QtCore import QMimeData, QRectF
from PySide6.QtWidgets import QApplication

from ..i18n import _
from ..model.schema import Flow, Persona, Stage, Touchpoint
from .editor import FRAGMENT_MIME, Editor


class Editing:
    """What the Edit menu and the canvas keys do (mixed into `MainWindow`)."""

    def selected_ids(self) -> list[str]:
        return self.editor.scene.selected_ids() if self.editor else []

    def select_and_centre(self, ids: list[str]) -> None:
        if self.editor is None or self._view is None:
            return
        present = [i for i in ids if i in self.editor.doc]
        self.editor.scene.select_only(present)
        items = [self.editor.scene.item_for(i) for i in present]
        items = [i for i in items if i is not None]
        if items:
            area = QRectF()
            for item in items:
                area = area.united(item.sceneBoundingRect())
            self._view.centerOn(area.center())

    def edit_in_place(self, element_id: str) -> None:
        editor, view = self.editor, self._view
        if editor is None or view is None or self.inline is None or element_id not in editor.doc:
            return
        element = editor.doc.get(element_id)
        item = editor.scene.item_for(element_id)
        if item is None:
            return
        field = {Touchpoint: "title", Stage: "name", Persona: "name", Flow: "label"}[type(element)]
        rect = item.sceneBoundingRect()
        if isinstance(element, (Stage, Persona)):
            rect = QRectF(rect.x(), rect.y(), rect.width(), 40)
        view.ensureVisible(rect, 20, 20)

        def commit(text: str) -> None:
            reason = editor.set_field(element_id, field, text)
            if reason:
                self.statusBar().showMessage(reason, 6000)

        self.inline.start(rect, getattr(element, field), commit)

    def rename_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.edit_in_place(ids[0])

    def delete_selected(self) -> None:
        if self.editor is not None:
            self.editor.delete(self.selected_ids())

    def add_touchpoint(self) -> None:
        """Add a card next to the selected card, or in the first cell."""
        editor = self.editor
        if editor is None:
            return
        if not editor.doc.personas or not editor.doc.stages:
            # An empty map gets a lane and a column for the card: one undo step for all three.
            # TRANSLATORS: an undo step (Edit > Undo Add Touchpoint)
            editor.stack.beginMacro(_("Add Touchpoint"))
            if not editor.doc.personas:
                editor.add_persona()
            if not editor.doc.stages:
                editor.add_stage()
            editor.add_touchpoint(editor.doc.personas[0].id, editor.doc.stages[0].id)
            editor.stack.endMacro()
            return
        ids = self.selected_ids()
        selected = editor.doc.get(ids[0]) if ids else None
        persona, stage = editor.doc.personas[0].id, editor.doc.stages[0].id
        position = None
        if isinstance(selected, Touchpoint):
            persona, stage = selected.persona, selected.stage
            cell = [t.id for t in editor.doc.touchpoints_in(persona, stage)]
            position = cell.index(selected.id) + 1
        elif isinstance(selected, Stage):
            stage = selected.id
        elif isinstance(selected, Persona):
            persona = selected.id
        editor.add_touchpoint(persona, stage, position)

    def add_stage(self) -> None:
        self._add_after_selected(Stage, Editor.add_stage)

    def add_persona(self) -> None:
        self._add_after_selected(Persona, Editor.add_persona)

    def _add_after_selected(self, kind: type, add: Callable[[Editor, int | None], str | None]) -> None:
        """A new stage or persona right after the selected one of its kind (else at the end), renamed in place."""
        if self.editor is None:
            return
        ids = self.selected_ids()
        index = None
        if ids and isinstance(self.editor.doc.get(ids[0]), kind):
            index = self.editor.doc.index_of(ids[0]) + 1
        added = add(self.editor, index)
        if added is not None:
            self.edit_in_place(added)

    def connect_selected(self) -> None:
        """The keyboard path of drawing a flow: select two cards, Ctrl+L links them in journey order
        (from the earlier stage to the later; in one stage, from the card listed first)."""
        if self.editor is None:
            return
        doc = self.editor.doc
        cards = [i for i in self.selected_ids() if isinstance(doc.get(i), Touchpoint)]
        if len(cards) != 2:
            self.statusBar().showMessage(_("Select exactly two touchpoints to connect them."), 5000)
            return
        stage_index = {s.id: k for k, s in enumerate(doc.stages)}
        source, target = sorted(cards, key=lambda c: stage_index[doc.get(c).stage])  # stable: map order in a stage
        self.editor.add_flow(source, target)

    def nudge(self, dx: int, dy: int) -> None:
        ids = self.selected_ids()
        if self.editor is not None and len(ids) == 1:
            self.editor.nudge(ids[0], dx, dy)
            self.editor.scene.select_only(ids)

    def copy(self) -> bool:
        if self.editor is None:
            return False
        text = self.editor.copy_fragment(self.selected_ids())
        if text is None:
            return False
        data = QMimeData()
        data.setData(FRAGMENT_MIME, text.encode("utf-8"))
        data.setText(text)
        QApplication.clipboard().setMimeData(data)
        _release_clipboard_at_exit()
        return True

    def cut(self) -> None:
        if self.copy() and self.editor is not None:
            cards = [i for i in self.selected_ids() if isinstance(self.editor.doc.get(i), Touchpoint)]
            # TRANSLATORS: an undo step (Edit > Undo Cut)
            self.editor.stack.beginMacro(_("Cut"))
            self.editor.delete(cards)
            self.editor.stack.endMacro()

    def paste(self) -> None:
        if self.editor is None:
            return
        data = QApplication.clipboard().mimeData()
        if data is None:
            return
        raw = bytes(data.data(FRAGMENT_MIME)).decode("utf-8", "replace") if data.hasFormat(FRAGMENT_MIME) \
            else data.text()
        persona = stage = None
        ids = self.selected_ids()
        selected = self.editor.doc.get(ids[0]) if ids else None
        if isinstance(selected, Touchpoint):
            persona, stage = selected.persona, selected.stage
        self.editor.paste_fragment(raw, persona, stage)

    def duplicate(self) -> None:
        if self.editor is None:
            return
        text = self.editor.copy_fragment(self.selected_ids())
        if text:
            self.editor.paste_fragment(text)

    def _select_all(self) -> None:
        if self.editor is not None:
            self.editor.scene.reveal()  # a big map's lanes not shown yet have their cards made now
            self.editor.scene.select_only(list(self.editor.scene.card_items))


@lru_cache(maxsize=1)
def _release_clipboard_at_exit() -> None:
    """Qt crashes the interpreter's exit when the clipboard still holds mime data a Python
    QMimeData made (both try to free it); take it back while Qt and Python are both still whole."""

    def release() -> None:
        app = QApplication.instance()
        if app is not None:
            QApplication.clipboard().clear()

    atexit.register(release)
