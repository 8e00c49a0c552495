"""What a user sets once for every map: how many earlier versions of each map are kept."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QWidget

from ..io.versions import DEFAULT_KEEP

APP_NAME = "journeymapper"
MAX_KEEP = 100


def settings() -> QSettings:
    """journeymapper's settings for this user (recent files, preferences, window geometry)."""
    return QSettings(APP_NAME, APP_NAME)


def versions_kept() -> int:
    """How many earlier versions of each map to keep (0: none)."""
    value = settings().value("versionsKept", DEFAULT_KEEP)
    try:
        return max(0, min(MAX_KEEP, int(value)))
    except (TypeError, ValueError):
        return DEFAULT_KEEP


def set_versions_kept(count: int) -> None:
    settings().setValue("versionsKept", max(0, min(MAX_KEEP, int(count))))


class PreferencesDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        form = QFormLayout(self)
        self.versions = QSpinBox()
        self.versions.setRange(0, MAX_KEEP)
        self.versions.setValue(versions_kept())
        self.versions.setToolTip("Each time a map is opened or saved, its file is kept as a version "
                                 "(File > Versions…). 0 keeps none.")
        form.addRow("Earlier versions kept of each map:", self.versions)
        hint = QLabel("They are kept in journeymapper's data folder, not beside the map.")
        hint.setWordWrap(True)
        form.addRow(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        set_versions_kept(self.versions.value())
        super().accept()
