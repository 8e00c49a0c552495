"""Light or dark: the canvas follows the system's colour scheme, and follows it when it changes."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from ..layout.style import DARK, DEFAULT_STYLE, Style


def system_is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def system_style(base: Style = DEFAULT_STYLE) -> Style:
    """The base style with the palette that matches the system (print always uses the light one)."""
    return replace(base, palette=DARK) if system_is_dark() else replace(base, palette=DEFAULT_STYLE.palette)
