"""The window's help and finding: Find, Help's dialogs, and keeping a map as a template.

A mixin of `MainWindow`.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QInputDialog, QLineEdit

from ..i18n import _
from ..io import SaveError, save
from ..io.templates import fresh_copy
from ..model.schema import Map
from .help_dialogs import show_getting_started, show_shortcuts
from .user_templates import template_path


class HelpAndFind:
    """Find, Help and Save as Template (mixed into `MainWindow`)."""

    def show_find(self) -> None:
        if self.editor is not None:
            self.find_bar.open_bar()

    def find_step(self, direction: int) -> None:
        if self.editor is not None:
            self.find_bar.step(direction)

    def _show_found(self, element_id: str) -> None:
        self.select_and_centre([element_id])

    def show_shortcuts(self):
        return show_shortcuts(self, self.menuBar())

    def show_getting_started(self):
        return show_getting_started(self)

    def save_as_template(self) -> str | None:
        """Keep a copy of the map (fresh ids, no file of its own) as a template the start page offers."""
        if self.editor is None:
            return None
        name, ok = self.ask_template_name(self.editor.doc.map.title)
        if not ok or not name.strip():
            return None
        path = template_path(name)
        if path is None:
            self.show_error(_("Save as template"),
                            _("Your templates cannot be kept: the data folder cannot be written."))
            return None
        the_map = self.editor.doc.map
        raw = fresh_copy(the_map, keep_dates=True).model_dump()
        raw["description"] = _("Your template, made from “{title}” on {date}").format(
            title=the_map.title, date=date.today().isoformat())
        try:
            save(path, Map.model_validate(raw))
        except SaveError as exc:
            self.show_error(_("Save as template"), str(exc))
            return None
        self.statusBar().showMessage(_("Kept as the template “{name}”: offered when you start a new "
                                       "map.").format(name=name.strip()), 6000)
        return str(path)

    def _ask_template_name(self, title: str) -> tuple[str, bool]:
        return QInputDialog.getText(self, _("Save as template"), _("Name of the template:"),
                                    QLineEdit.EchoMode.Normal, title)
