"""The window and the others who share its file: changes made on disk by someone else (a save in a
shared folder, `git pull`), and the earlier versions kept of each map.

A mixin of `MainWindow` through `FileHandling` (it uses the window's editor, notice bar, status bar and
dialogs); apart from opening and saving, since it is what grows as sharing does (comparing, merging).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QDialog, QMessageBox

from ..i18n import _
from ..io import LoadedMap, LoadError, SaveError, load_path
from ..io.versions import Version, VersionStore
from .data_folder import data_folder
from .preferences import versions_kept
from .versions_dialog import VersionsDialog


class SharedFileChanges:
    # -- someone else's changes on disk ------------------------------------------------
    def check_disk(self) -> None:
        """Tell the user, once per state of the file, that it was changed or removed on disk by
        someone else, with what they can do about it (`NoticeBar`)."""
        editor = self.editor
        if editor is None or editor.path is None:
            return
        change = editor.change_on_disk()
        if change is None:
            self.notice.dismiss("disk")
            self._disk_noticed = None
            return
        # (the content was compared already: which file is there now tells one change from the next)
        try:
            info = os.stat(editor.path)
            key: tuple | None = (change, info.st_size, info.st_mtime_ns, info.st_ino)
        except OSError:
            key = (change,)
        if key == self._disk_noticed:
            return
        self._disk_noticed = key
        name = editor.path.name
        if change == "deleted":
            text = _("“{name}” was deleted or moved by another program. Your map is still here: Save writes "
                     "it again.").format(name=name)
            actions = [(_("&Save"), self.save), (_("Save &As…"), self.save_as)]
        elif editor.is_modified():
            text = _("Someone else changed “{name}” on disk, and you have unsaved changes here. Compare and "
                     "Merge keeps both; reloading takes theirs (Undo brings yours back).").format(name=name)
            actions = [(_("Compare and &Merge…"), self.merge_with_disk),
                       (_("&Reload Theirs"), self.reload_from_disk),
                       (_("Save Mine &As…"), self.save_as), (_("&Keep Mine"), lambda: None)]
        else:
            text = _("Someone else changed “{name}” on disk.").format(name=name)
            actions = [(_("&Reload"), self.reload_from_disk), (_("&Keep This Version"), lambda: None)]
        self.notice.show_notice("disk", text, actions)

    def file_on_disk(self, failed: str) -> LoadedMap | None:
        """The map's file as it is on disk now; None (said under the title `failed`) if it cannot be read."""
        editor = self.editor
        if editor is None or editor.path is None:
            return None
        try:
            return load_path(editor.path)
        except LoadError as exc:
            self.show_error(failed, "\n".join(exc.lines()))
            return None

    def reload_from_disk(self) -> bool:
        """Take the file as it is on disk now, as one undoable step."""
        editor, loaded = self.editor, self.file_on_disk(_("Could not reload the map"))
        if editor is None or loaded is None:
            return False
        editor.reload(loaded)
        self.notice.dismiss("disk")
        self._disk_noticed = None
        self.autosaver.clear()
        self.statusBar().showMessage(_("Reloaded {path}").format(path=editor.path), 4000)
        return True

    def _ask_disk_conflict(self) -> str:
        """'replace', 'save_as' or 'cancel': what to do when Save finds the file changed by someone else."""
        name = self.editor.path.name if self.editor and self.editor.path else ""
        return self._choose(QMessageBox.Icon.Warning, _("The file changed on disk"),
                            _("Someone else changed “{name}” since you opened it. Saving now would replace "
                              "their changes with yours.").format(name=name),
                            ("save_as", _("Save Mine As…")), ("replace", _("Replace Theirs")))

    # -- earlier versions ---------------------------------------------------------------------
    def version_store(self) -> VersionStore | None:
        """Where earlier versions of maps are kept (None if the data folder cannot be written)."""
        folder = data_folder("versions")
        return None if folder is None else VersionStore(folder, versions_kept())

    def keep_version(self, path: Path | None) -> None:
        """Keep the file's bytes as a version of the map (quietly nothing if that cannot be done)."""
        try:
            if path is None or not path.is_file():
                return
            store = self.version_store()
            if store is None or store.keep <= 0:
                return
            store.record(path, path.read_bytes())
        except (OSError, SaveError):
            pass  # (a folder that cannot be read now: the save itself will say so)

    def show_versions(self) -> None:
        """File > Versions…: open one beside this map, or restore it here (undoable)."""
        editor = self.editor
        if editor is None or editor.path is None:
            self.statusBar().showMessage(_("Versions are kept of maps saved in a file."), 5000)
            return
        store = self.version_store()
        dialog = VersionsDialog(editor.path.name, store.versions(editor.path) if store else [], self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.choice is not None:
            self.use_version(*dialog.choice)

    def use_version(self, action: str, version: Version) -> bool:
        """'restore' puts the version in this window as one undoable change; 'open' shows it in a
        new window as an unsaved map."""
        try:
            loaded = load_path(version.path)
        except LoadError as exc:
            self.show_error(_("Could not open the version"), "\n".join(exc.lines()))
            return False
        if action == "restore":
            self.editor.restore(loaded.map)
            self.statusBar().showMessage(_("Restored the version; Undo takes it back"), 6000)
        else:
            self.open_copy_requested.emit(loaded.map)
        return True
