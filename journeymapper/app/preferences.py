"""What a user sets once for every map: the interface language, how many earlier versions of each
map are kept."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QWidget

from ..i18n import LANGUAGES, _, language_name
from ..io.versions import DEFAULT_KEEP
from .interface_language import SETTING as LANGUAGE_SETTING
from .interface_language import chosen_language, system_language

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
        self.setWindowTitle(_("Preferences"))
        form = QFormLayout(self)
        self.language = QComboBox()
        # TRANSLATORS: the first choice of the interface language; {language} is the system's, named in itself
        self.language.addItem(_("System language ({language})").format(language=language_name(system_language())), "")
        for code in LANGUAGES:
            self.language.addItem(language_name(code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(chosen_language(settings()))))
        self.language.setToolTip(_("The language of menus, messages and dates. Printed maps use each "
                                   "map's own language."))
        form.addRow(_("&Language:"), self.language)
        self.language_note = QLabel(_("A new language is used from the next start of journeymapper."))
        self.language_note.setWordWrap(True)
        self.language_note.setVisible(False)
        self.language.currentIndexChanged.connect(
            lambda: self.language_note.setVisible(self.language.currentData() != chosen_language(settings())))
        form.addRow(self.language_note)
        self.versions = QSpinBox()
        self.versions.setRange(0, MAX_KEEP)
        self.versions.setValue(versions_kept())
        self.versions.setToolTip(_("Each time a map is opened or saved, its file is kept as a version "
                                   "(File > Versions…). 0 keeps none."))
        form.addRow(_("Earlier &versions kept of each map:"), self.versions)
        hint = QLabel(_("They are kept in journeymapper's data folder, not beside the map."))
        hint.setWordWrap(True)
        form.addRow(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        set_versions_kept(self.versions.value())
        settings().setValue(LANGUAGE_SETTING, self.language.currentData() or "")
        super().accept()
