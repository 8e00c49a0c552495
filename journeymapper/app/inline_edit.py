"""Rename in place: a line edit laid over the element on the canvas (F2 or double-click)."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsView, QLineEdit

from ..i18n import _


class InlineEditor(QObject):
    """One in-place edit at a time: Enter or leaving the field commits, Escape cancels."""

    def __init__(self, view: QGraphicsView) -> None:
        super().__init__(view)
        self.view = view
        self.edit: QLineEdit | None = None
        self.on_commit: Callable[[str], None] | None = None

    def start(self, scene_rect, text: str, on_commit: Callable[[str], None]) -> QLineEdit:
        self.cancel()
        polygon = self.view.mapFromScene(scene_rect)
        rect = polygon.boundingRect()
        edit = QLineEdit(self.view.viewport())
        edit.setObjectName("inline-edit")
        edit.setAccessibleName(_("Name"))  # (what is typed here, for screen readers)
        edit.setText(text)
        edit.selectAll()
        edit.setGeometry(rect.x(), rect.y(), max(rect.width(), 120), max(24, min(rect.height(), 32)))
        edit.installEventFilter(self)
        edit.editingFinished.connect(self.commit)
        self.edit, self.on_commit = edit, on_commit
        edit.show()
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.key() == Qt.Key.Key_Escape:
                self.cancel()
                return True
        return False

    def commit(self) -> None:
        edit, callback = self.edit, self.on_commit
        if edit is None:
            return
        self.edit, self.on_commit = None, None
        text = edit.text()
        edit.deleteLater()
        self.view.setFocus()
        if callback is not None:
            callback(text)

    def cancel(self) -> None:
        edit = self.edit
        self.edit, self.on_commit = None, None
        if edit is not None:
            edit.blockSignals(True)
            edit.deleteLater()
            self.view.setFocus()
