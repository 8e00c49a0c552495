"""The window's future-state maps: File > New Future-State Map and File > Compare Current and Future State…

A mixin of `MainWindow`. The copy is made by `model.future_state` and shown in a window of its own,
unsaved (as an earlier version is: `open_copy_requested`); the comparison is `CompareView`, with
this window's map on one side and a file chosen on the other.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMenu

from ..i18n import N_, _
from ..io import LoadError, load_path
from ..io.disk_state import same_file
from ..model.future_state import make_future_state
from ..model.schema import Map
from .compare_view import CompareView
from .file_names import map_file_filter

FUTURE_TITLE = N_("Future state")
"""What the title bar adds after a future-state map's name (today's maps add nothing)."""


def state_in_title(the_map: Map) -> str:
    """" — Future state" for a future-state map, "" for today's: what the title bar adds to the name."""
    return f" — {_(FUTURE_TITLE)}" if the_map.state == "future" else ""


class FutureStates:
    """New future-state map and the comparison with today's (mixed into `MainWindow`)."""

    compare_view: CompareView | None = None

    def _add_future_actions(self, menu: QMenu) -> None:
        a = self._action
        menu.addSeparator()
        a("new_future", _("New F&uture-State Map"), self.new_future_state_map, None, menu,
          _("Copy this map as the journey you plan, in a new window, to compare with today's"))
        a("compare_states", _("Co&mpare Current and Future State…"), self.compare_states, None, menu,
          _("Both emotion curves of each persona on one chart, and the cards the plan adds, removes and "
            "changes"))

    def new_future_state_map(self) -> None:
        """A future-state copy of this map (same ids, marked future, based on this one) in a new window,
        unsaved: nothing changes here, so there is nothing to undo."""
        if self.editor is None:
            return
        self.open_copy_requested.emit(make_future_state(self.editor.doc.map))
        self.statusBar().showMessage(_("The future-state map is in a new window: change it into the journey "
                                       "you plan, then save it"), 8000)

    # -- comparing ------------------------------------------------------------------------
    def ask_compare_file(self) -> str:
        """The file to compare this map with ("" if none was chosen); tests replace it."""
        the_map = self.editor.doc.map
        if the_map.state == "future" and the_map.based_on:
            caption = _("Choose today's map (“{title}”) to compare with").format(title=the_map.based_on.title)
        elif the_map.state == "future":
            caption = _("Choose today's map to compare with")
        else:
            caption = _("Choose the future-state map to compare with")
        start = str(self.editor.path.parent) if self.editor.path else ""
        path, _chosen = QFileDialog.getOpenFileName(self, caption, start, map_file_filter())
        return path

    def compare_states(self) -> CompareView | None:
        """Compare this map with a file: this one is the plan if it is a future-state map, else today's."""
        if self.editor is None:
            return None
        path = self.ask_compare_file()
        if not path:
            return None
        if self.editor.path is not None and same_file(path, self.editor.path):
            self.show_error(_("Compare"),
                            _("That is this map: choose the other one (today's map, or the plan)."))
            return None
        try:
            self._map_in(path)
        except LoadError as exc:
            self.show_error(_("Could not open the map to compare with"), "\n".join(exc.lines()))
            return None
        return self.show_compare(path)

    def _map_in(self, path: str | Path) -> Map:
        """The map of a file as it is now: its window's (with unsaved changes) if it is open, else the file's."""
        window = self.find_window(str(path))
        if window is not None and window.editor is not None:
            return window.editor.doc.map
        return load_path(path).map

    def show_compare(self, other_path: str | Path) -> CompareView:
        """Open the comparison of this map with the map in `other_path` (already known to be readable)."""
        other_path = str(other_path)
        this_is_plan = self.editor.doc.map.state == "future"
        cache: dict[str, Map] = {}

        def sources() -> tuple[Map, Map]:
            this = self.editor.doc.map
            try:
                other = cache["other"] = self._map_in(other_path)
            except LoadError:  # (gone or broken since: the last one read)
                other = cache["other"]
            return (other, this) if this_is_plan else (this, other)

        def select(side: str, card_id: str) -> bool:
            ours = (side == "future") == this_is_plan
            window = self if ours else self._window_for(other_path)
            if window is None or window.editor is None or card_id not in window.editor.doc:
                return False
            window.select_and_centre([card_id])
            window.show()
            window.raise_()
            if self.compare_view is not None:
                self.compare_view.raise_()
            return True

        if self.compare_view is not None:
            self.compare_view.close()
        view = CompareView(sources, select, self)
        view.destroyed.connect(lambda *_, v=view: self._forget_compare(v))
        self.compare_view = view
        view.show()
        return view

    def _forget_compare(self, view: CompareView) -> None:
        if self.compare_view is view:  # (not a newer one that replaced it)
            self.compare_view = None

    def _window_for(self, path: str):
        """The window that has the file, opening it in one if none has."""
        window = self.find_window(path)
        if window is None:
            self.open_path(path)
            window = self.find_window(path)
        return window
