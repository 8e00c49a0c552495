"""The editor speaks the user's language: the system's, or the one chosen in Preferences.

Our words come from the gettext catalogues every layer reads (`journeymapper.i18n`); the buttons
and dialogs Qt draws itself (Cancel, the file dialog) from Qt's own translations, loaded here. Figures
and dates follow QLocale: the system's, or the chosen language's when the user picked one.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from ..i18n import (DEFAULT_LANGUAGE, GETTEXT_VARIABLES, LANGUAGES, best_language, language_from_environment,
                    set_interface_language)
from ..i18n.formats import set_default_locale

SETTING = "language"
"""The preference: a code of i18n.LANGUAGES, or "" to follow the system."""

_qt_translators: list[QTranslator] = []


def chosen_language(settings: QSettings) -> str:
    """The language the user chose in Preferences ("" for the system's)."""
    value = str(settings.value(SETTING, "") or "")
    return value if value in LANGUAGES else ""


def system_language() -> str:
    """The language of the system's interface that we have words for (English when none).

    JOURNEYMAPPER_LANGUAGE and gettext's variables, when set, are what the user asked this run for;
    else Qt's reading of the platform (on Windows and macOS, the system's list of languages)."""
    if any(os.environ.get(name) for name in ("JOURNEYMAPPER_LANGUAGE", *GETTEXT_VARIABLES)):
        return language_from_environment()
    return best_language(QLocale.system().uiLanguages())


def apply_interface_language(app: QApplication, settings: QSettings) -> str:
    """Speak the chosen or the system's language from now on: our words, Qt's, and the locale of
    figures and dates. Returns the language taken. Call before any window exists."""
    chosen = chosen_language(settings)
    language = set_interface_language(chosen or system_language())
    if chosen:
        QLocale.setDefault(QLocale(chosen))
    locale = QLocale()
    set_default_locale("" if locale.language() == QLocale.Language.C else locale.bcp47Name())
    for translator in _qt_translators:
        app.removeTranslator(translator)
    _qt_translators.clear()
    if language != DEFAULT_LANGUAGE:
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        translator = QTranslator(app)
        if translator.load(QLocale(language), "qtbase", "_", folder):
            app.installTranslator(translator)
            _qt_translators.append(translator)
    return language
