"""The editor speaks the chosen language: our words from the catalogues, Qt's own buttons from Qt's
translations, figures and dates from the chosen locale; "" follows the system."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from journeymapper.app.interface_language import SETTING, apply_interface_language, chosen_language
from journeymapper.app.preferences import PreferencesDialog, settings
from journeymapper.i18n import _, interface_language, words
from journeymapper.i18n.formats import date_text
from journeymapper.model.kpi_health import number
from journeymapper.resources import example_map_path


@pytest.fixture
def preferences(qapp, tmp_path):
    store = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    yield store
    store.setValue(SETTING, "")
    QLocale.setDefault(QLocale.system())
    apply_interface_language(QApplication.instance(), store)  # (back to the tests' English)
    assert interface_language() == "en"


def test_a_chosen_language_is_spoken_by_our_words_qts_buttons_and_the_figures(preferences):
    preferences.setValue(SETTING, "de")
    assert apply_interface_language(QApplication.instance(), preferences) == "de"
    assert interface_language() == "de"
    assert _("Touchpoints") == words("de")("Touchpoints") == "Berührungspunkte"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Abbrechen"
    assert QLocale().name().startswith("de")
    assert number(4200.5) == "4.200,5"
    assert date_text(date(2026, 12, 7)) == "07.12.2026"


def test_no_choice_follows_the_system(preferences, monkeypatch):
    monkeypatch.setenv("JOURNEYMAPPER_LANGUAGE", "ja")
    assert apply_interface_language(QApplication.instance(), preferences) == "ja"
    assert _("Emotion") == "感情"
    monkeypatch.setenv("JOURNEYMAPPER_LANGUAGE", "en")


def test_an_unknown_stored_choice_is_ignored(preferences):
    preferences.setValue(SETTING, "klingon")
    assert chosen_language(preferences) == ""
    assert apply_interface_language(QApplication.instance(), preferences) == "en"


def test_preferences_keep_the_language_chosen(qtbot):
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == chosen_language(settings())
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    assert dialog.language_note.isVisibleTo(dialog)  # (it says when the change takes effect)
    dialog.accept()
    try:
        assert settings().value(SETTING) == "fr"
    finally:
        settings().setValue(SETTING, "")


@pytest.mark.parametrize(("language", "undo", "redo", "nothing"), [
    ("en", "&Undo Paint Wall", "&Redo Paint Wall", "&Undo"),
    ("de", "&Rückgängig: Paint Wall", "&Wiederholen: Paint Wall", "&Rückgängig"),
    ("ja", "元に戻す: Paint Wall(&U)", "やり直し: Paint Wall(&R)", "元に戻す(&U)"),
])
def test_undo_and_redo_name_their_step_as_the_language_words_it(preferences, open_window, language, undo,
                                                                 redo, nothing):
    """Qt's own undo action glues its prefix and the step with a space ("Rückgängig Paint Wall", the
    Japanese access key in the middle); ours lets each language place the step and the key."""
    from PySide6.QtGui import QUndoCommand

    preferences.setValue(SETTING, language)
    apply_interface_language(QApplication.instance(), preferences)
    window = open_window(example_map_path())
    actions = window.actions_by_name
    assert actions["undo"].text() == nothing and not actions["undo"].isEnabled()
    window.undo_stack().push(QUndoCommand("Paint Wall"))
    assert actions["undo"].text() == undo and actions["undo"].isEnabled()
    actions["undo"].trigger()
    assert window.undo_stack().index() == 0
    assert (actions["undo"].text(), actions["redo"].text()) == (nothing, redo)
    assert actions["redo"].isEnabled() and not actions["undo"].isEnabled()
    actions["redo"].trigger()
    assert window.undo_stack().index() == 1
