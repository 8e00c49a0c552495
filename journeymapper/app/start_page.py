"""What a window shows before it has a map: the templates and the recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n import _
from ..io.templates import BUILT_IN_TITLES, Template
from .user_templates import all_templates


def template_title(name: str) -> str:
    """A template's file name as a person would write it: "small-business-classic" -> "Small business classic"."""
    words = name.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def shown_name(template: Template) -> str:
    """A template's name on the start page: a built-in one's in the user's language, the user's own as
    its file is called."""
    if template.mine:
        # TRANSLATORS: after the name of a template the user made (File > Save as Template)
        return _("{name}  (yours)").format(name=template_title(template.name))
    return _(BUILT_IN_TITLES[template.name]) if template.name in BUILT_IN_TITLES else template_title(template.name)


class StartPage(QWidget):
    templateChosen = Signal(str)
    fileChosen = Signal(str)
    openRequested = Signal()

    def __init__(self, recent: list[str], parent=None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 36, 48, 36)
        heading = QLabel(_("Start a journey map"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        outer.addWidget(heading)
        columns = QHBoxLayout()
        outer.addLayout(columns, 1)

        left = QVBoxLayout()
        templates_label = QLabel(_("From a template"))
        left.addWidget(templates_label)
        self.templates = QListWidget()
        templates_label.setBuddy(self.templates)  # (the list's name for screen readers)
        self.templates.setObjectName("templates")
        self.templates.setWordWrap(True)  # (a description is shown whole, over two lines if need be)
        self.templates.setToolTip(_("Double-click a template, or pick one and press Create"))
        self._filled = False
        self.templates.itemActivated.connect(
            lambda item: self.templateChosen.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        left.addWidget(self.templates)
        # TRANSLATORS: the start page's button that makes a new map from the chosen template
        create = QPushButton(_("Create"))
        create.setToolTip(_("Start a new map from the chosen template"))
        create.clicked.connect(self._create)
        left.addWidget(create)
        columns.addLayout(left, 1)

        right = QVBoxLayout()
        recent_label = QLabel(_("Recent files"))
        right.addWidget(recent_label)
        self.recent = QListWidget()
        recent_label.setBuddy(self.recent)
        self.recent.setObjectName("recent")
        for path in recent:
            item = QListWidgetItem(f"{Path(path).name}\n{path}")
            item.setToolTip(path)
            item.setData(Qt.ItemDataRole.UserRole, path)
            self.recent.addItem(item)
        self.recent.itemActivated.connect(lambda item: self.fileChosen.emit(item.data(Qt.ItemDataRole.UserRole)))
        right.addWidget(self.recent)
        # TRANSLATORS: a button: open a file (a verb)
        open_button = QPushButton(_("Open…"))
        open_button.setToolTip(_("Open a journey map file (.jmap)"))
        open_button.clicked.connect(self.openRequested.emit)
        right.addWidget(open_button)
        columns.addLayout(right, 1)

    def showEvent(self, event) -> None:  # noqa: N802
        # The templates are read when the page is first seen: a window opened on a map never shows it.
        if not self._filled:
            self._filled = True
            self._fill_templates()
        super().showEvent(event)

    def _fill_templates(self) -> None:
        for template in all_templates():
            shown = shown_name(template)
            item = QListWidgetItem(f"{shown}\n{template.description}" if template.description else shown)
            item.setData(Qt.ItemDataRole.UserRole, str(template.path))
            item.setToolTip(template.description)
            self.templates.addItem(item)
        if self.templates.count():
            self.templates.setCurrentRow(0)

    def _create(self) -> None:
        item = self.templates.currentItem()
        if item is not None:
            self.templateChosen.emit(item.data(Qt.ItemDataRole.UserRole))
