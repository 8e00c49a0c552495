"""File > Versions…: the earlier versions kept of a map, to open one beside it or restore it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n import _
from ..io.versions import Version


def describe(version: Version) -> str:
    when = version.saved.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    size = version.size
    if size >= 1024 * 1024:
        shown = _("{size} MB").format(size=f"{size / 1024 / 1024:.1f}")
    else:
        shown = _("{size} KB").format(size=max(1, round(size / 1024)))
    return f"{when}   ·   {shown}"


class VersionsDialog(QDialog):
    """Lists versions newest first; `choice` is then ('open' or 'restore', version) or None."""

    def __init__(self, name: str, versions: list[Version], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Versions of {name}").format(name=name))
        self.choice: tuple[str, Version] | None = None
        self.versions = versions
        layout = QVBoxLayout(self)
        intro = QLabel(_("Kept each time the map was opened or saved, newest first. Restoring one is a "
                         "change like any other: Undo takes it back, and nothing is saved until you save."))
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName(self.windowTitle())  # ("Versions of …": for screen readers)
        for version in versions:
            QListWidgetItem(describe(version), self.list)
        if versions:
            self.list.setCurrentRow(0)
        else:
            QListWidgetItem(_("No versions kept yet (see Preferences)."), self.list).setFlags(
                Qt.ItemFlag.NoItemFlags)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton(_("&Open in New Window"))
        self.restore_button = QPushButton(_("&Restore"))
        for button, action in ((self.open_button, "open"), (self.restore_button, "restore")):
            button.setEnabled(bool(versions))
            button.clicked.connect(lambda _checked=False, act=action: self._choose(act))
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 360)

    def _choose(self, action: str) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.versions):
            self.choice = (action, self.versions[row])
            self.accept()
