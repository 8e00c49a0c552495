"""Light or dark, normal or high contrast: the canvas follows the system's colour scheme and its
contrast preference, and follows them when they change (the main window listens to both)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from ..layout.style import DEFAULT_STYLE, Style, screen_palette


def system_is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def system_wants_high_contrast() -> bool:
    """Whether the system asks for high contrast (Qt 6.10+ reads it from the platform: Windows' contrast
    themes, GNOME's and KDE's high-contrast settings, macOS's "Increase contrast")."""
    app = QGuiApplication.instance()
    if app is None:
        return False
    # (the hints kept in a name while their accessibility hints are read: PySide drops those with them)
    hints = QGuiApplication.styleHints()
    return hints.accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast


def style_for(base: Style, dark: bool, high_contrast: bool) -> Style:
    """The base style in the palette for that colour scheme and contrast (`layout.style.screen_palette`)."""
    return replace(base, palette=screen_palette(dark, high_contrast))


def system_style(base: Style = DEFAULT_STYLE) -> Style:
    """The base style with the palette that matches the system (print always uses the light one)."""
    return style_for(base, system_is_dark(), system_wants_high_contrast())

