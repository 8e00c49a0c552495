"""The canvas follows the system's look while the editor runs: a change of its contrast preference
(as of its colour scheme) redraws the map in the palette that matches."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from journeymapper.canvas import theme
from journeymapper.layout.style import screen_palette
from journeymapper.resources import example_map_path


def test_the_canvas_follows_a_change_of_the_contrast_preference(open_window, monkeypatch):
    window = open_window(example_map_path())
    dark = theme.system_is_dark()
    assert window.editor.scene.style.palette == screen_palette(dark, False)
    monkeypatch.setattr(theme, "system_wants_high_contrast", lambda: True)  # (as the system now answers)
    hints = QGuiApplication.styleHints()
    hints.accessibility().contrastPreferenceChanged.emit(Qt.ContrastPreference.HighContrast)
    assert window.editor.scene.style.palette == screen_palette(dark, True)
    monkeypatch.setattr(theme, "system_wants_high_contrast", lambda: False)
    hints.accessibility().contrastPreferenceChanged.emit(Qt.ContrastPreference.NoPreference)
    assert window.editor.scene.style.palette == screen_palette(dark, False)
