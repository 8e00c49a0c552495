"""The window's files: open, save, save as, revert, autosave, recent files (changes on disk and earlier
versions: `window_shared_files`).

A mixin of `MainWindow` (it uses the window's editor, status bar and dialogs): the window's code
for files in one room, apart from its menus and canvas.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog

from ..gc_tuning import building_long_lived_objects
from ..i18n import _, _n
from ..io import LoadError, SaveError, load_path
from ..io.disk_state import same_file
from ..io.errors import FileChangedOnDisk, ReadOnlyFile
from ..io.map_lock import LockOwner, MapLock, is_stale, is_this_process, read_lock
from ..io.templates import map_from_template, map_from_template_file
from .autosave import Autosaver, Recoverable
from .editor import Editor
from .file_names import map_file_filter, suggested_path
from .preferences import PreferencesDialog, settings
from .window_shared_files import SharedFileChanges

MAX_RECENT = 10


def recent_files() -> list[str]:
    value = settings().value("recentFiles", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v]


def remember_recent(path: Path) -> None:
    entry = str(path.resolve())
    files = [f for f in recent_files() if f != entry]
    settings().setValue("recentFiles", [entry, *files][:MAX_RECENT])


def autosave_every_window() -> None:
    """Autosave the unsaved work of every window now: before long work (a big export, opening a
    big map) that could freeze the process, so that killing it loses nobody's work."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, FileHandling) and widget.editor is not None:
            widget.autosave()


_OPENING: set[str] = set()
"""Files being opened now (opening a big map lets events through: a second request must wait)."""
LONG_OPEN_BYTES = 2 * 1024 * 1024
"""Maps this big take seconds to open: the other windows' work is autosaved first."""


class _OpenSteps:
    """Progress of opening a big map: reading, laying out, showing. Each step is one piece of work
    the window waits for; Cancel is honoured between them, and then nothing is opened."""

    def __init__(self, parent, name: str) -> None:
        self.dialog = QProgressDialog(_("Reading “{name}”…").format(name=name), _("Cancel"), 0, 3, parent)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setValue(0)
        QApplication.processEvents()

    def done(self, next_step: str) -> bool:
        """One step done; True if the user cancelled."""
        self.dialog.setValue(self.dialog.value() + 1)
        self.dialog.setLabelText(next_step)
        QApplication.processEvents()
        return self.dialog.wasCanceled()

    def close(self) -> None:
        self.dialog.close()
        self.dialog.deleteLater()


class FileHandling(SharedFileChanges):
    """Open, save and keep a window's map (mixed into `MainWindow`)."""

    def save(self, path: str | Path | None = None, replace_changed: bool = False) -> bool:
        """Save (atomic), or save as `path`. Returns False if it failed or the user chose not to
        (they were told why).

        Never replaces, without asking, a file someone else changed since it was read, nor a file
        marked read-only; a map opened read-only is saved under another name."""
        if self.editor is None:
            return False
        if path is None and self.editor.path is None:
            return self.save_as()
        if path is None and self.editor.read_only:
            self.show_error(_("Opened read-only"), self._read_only_reason())
            return self.save_as()
        target = Path(path) if path is not None else self.editor.path
        if self.editor.newer_version is not None and self.editor.path is not None and same_file(target,
                                                                                              self.editor.path):
            self.show_error(_("Saved by a newer journeymapper"),
                            _("“{name}” was saved by a newer journeymapper and holds what this version "
                              "cannot keep: it is never replaced from here. Save your map under another "
                              "name.").format(name=target.name))
            return False
        if path is not None and not (self.editor.path is not None and same_file(target, self.editor.path)):
            busy = self._held_elsewhere(target)
            if busy is not None:
                self.show_error(_("The map is open elsewhere"), busy)
                return False
        try:
            if not replace_changed:
                self.keep_version(target)  # what the save replaces stays among the versions
            written = self.editor.save(path, replace_changed)
        except FileChangedOnDisk:
            answer = self.ask_disk_conflict()
            if answer == "replace":
                return self.save(path, replace_changed=True)
            return self.save_as() if answer == "save_as" else False
        except ReadOnlyFile as exc:
            self.show_error(_("The file is read-only"),
                            _("{reason}. Save your map under another name.").format(reason=exc))
            return self.save_as()
        except SaveError as exc:
            self.show_error(_("Could not save"), str(exc))
            return False
        except OSError as exc:  # (a folder that became unreachable: a network share, a stick)
            self.show_error(_("Could not save"), f"{target}: {exc.strerror or exc}")
            return False
        self.notice.dismiss("disk")
        self._disk_noticed = None
        lock = self.map_lock
        if lock is None or lock.map_path != Path(os.path.realpath(written)):  # saved as another file: that one is ours now
            if self.editor.read_only:
                self.editor.read_only = False
                self.notice.dismiss("read-only")
            new_lock = MapLock(written)
            new_lock.acquire(take_over=True)
            self._hold(new_lock if new_lock.held else None)
        self.keep_version(written)
        remember_recent(written)
        self.autosaver.clear()
        self._update_title()
        self.statusBar().showMessage(_("Saved {path}").format(path=written), 4000)
        return True

    def load_file(self, path: str | Path) -> bool:
        """Open a file in this window; a bad file shows the loader's message and changes nothing."""
        try:
            return self.open_file(path)
        except LoadError as exc:
            self.show_error(_("Could not open the map"), "\n".join(exc.lines()))
            return False

    def open_file(self, path: str | Path) -> bool:
        """Open a file in this window. Raises LoadError for a file that is not a readable map;
        returns False if the user chose not to open it (someone else has it open)."""
        key = os.path.realpath(path)
        if key in _OPENING:
            self.statusBar().showMessage(_("{name} is being opened already").format(name=Path(path).name),
                                         5000)
            return False
        _OPENING.add(key)
        try:
            return self._open_file(path)
        finally:
            _OPENING.discard(key)

    def _open_file(self, path: str | Path) -> bool:
        claim = self._claim(Path(path))
        if claim is None:
            return False
        lock, owner = claim
        try:
            long = os.path.getsize(path) > LONG_OPEN_BYTES
        except OSError:
            long = False
        steps = _OpenSteps(self, Path(path).name) if long else None
        if long:
            autosave_every_window()  # (a map that takes long must not take other maps' work with it)
        try:
            with building_long_lived_objects():
                loaded = load_path(path)
                if steps is not None and steps.done(_("Laying out the map…")):
                    return self._give_up(lock)
                editor = Editor(loaded, path)
                if steps is not None and steps.done(_("Showing the map…")):
                    editor.deleteLater()
                    return self._give_up(lock)
                self.set_editor(editor)
        except LoadError:
            if lock is not None and lock is not self.map_lock:
                lock.release()
            raise
        finally:
            if steps is not None:
                steps.close()
        self._hold(lock)
        if loaded.newer:
            self.editor.read_only = True
            self._update_title()
            self.notice.show_notice("read-only", newer_notice(Path(path).name, loaded.schema_version, loaded.dropped),
                                    [(_("Save &As…"), self.save_as)])
        elif owner is not None:
            self.editor.read_only = True
            self._update_title()
            self.notice.show_notice("read-only", _("Opened read-only: “{name}” is open by {owner}. Save As… "
                                                   "keeps your changes in another file.").format(
                                        name=Path(path).name, owner=owner.describe()),
                                    [(_("Save &As…"), self.save_as)])
        remember_recent(Path(path))
        if loaded.upgraded:
            self.statusBar().showMessage(
                _("Opened a map of file format {version}; saving writes the current format").format(
                    version=loaded.schema_version), 8000)
        return True

    def _read_only_reason(self) -> str:
        """Why Save asks for another name: the map was opened read-only."""
        name = self.editor.path.name
        if self.editor.newer_version is not None:
            return _("“{name}” was opened read-only because a newer journeymapper saved it (file format "
                     "{version}). Save your map under another name.").format(
                name=name, version=self.editor.newer_version)
        return _("“{name}” was opened read-only because someone else has it open. Save your map under "
                 "another name.").format(name=name)

    def _give_up(self, lock: MapLock | None) -> bool:
        """Opening was cancelled: nothing changes in this window."""
        if lock is not None and lock is not self.map_lock:
            lock.release()
        self.statusBar().showMessage(_("Opening cancelled"), 5000)
        return False

    # -- the lock beside an open map --------------------------------------------------------
    def _claim(self, path: Path) -> tuple[MapLock | None, LockOwner | None] | None:
        """Lock the map before it opens: (our lock or None, the other owner if it opens read-only),
        or None when the user chose not to open it."""
        held = self.map_lock
        if held is not None and same_file(held.map_path, path):
            return held, None  # (this window has it already: a revert)
        lock = MapLock(path)
        other = lock.acquire()
        if other is None:
            return (lock if lock.held else None), None
        answer = self.ask_locked(path.name, other)
        if answer == "open_anyway":
            lock.acquire(take_over=True)
            return (lock if lock.held else None), None
        if answer == "read_only":
            return None, other
        return None

    def _held_elsewhere(self, target: Path) -> str | None:
        """Why saving as `target` would replace someone's work (it is open in another window, or by
        alice on her laptop), if it would."""
        other = self.find_window(str(target))
        if other is not None and other is not self:
            return _("“{name}” is open in another window; saving would replace it under them. Save your map "
                     "under another name.").format(name=target.name)
        owner = read_lock(target)
        if owner is None or is_stale(owner) or is_this_process(owner):
            return None
        return _("“{name}” is open by {owner}; saving would replace it under them. Save your map under "
                 "another name.").format(name=target.name, owner=owner.describe())

    def _hold(self, lock: MapLock | None) -> None:
        """This window's map is now locked by `lock` (None: no file, or not ours); the lock of the
        map it showed before is released."""
        old = self.map_lock
        if old is not None and old is not lock:
            old.release()
        self.map_lock = lock

    def _ask_locked(self, name: str, owner: LockOwner) -> str:
        """'read_only', 'open_anyway' or 'cancel': the map is open in another journeymapper."""
        return self._choose(QMessageBox.Icon.Question, _("The map is open elsewhere"),
                            _("“{name}” is open by {owner}. If you both change it, one of you could replace "
                              "the other's work. Open it read-only (Save As keeps your changes), or open it "
                              "anyway?").format(name=name, owner=owner.describe()),
                            ("read_only", _("Open &Read-Only")), ("open_anyway", _("Open &Anyway")))

    def _choose(self, icon: QMessageBox.Icon, title: str, text: str, safe: tuple[str, str],
                risky: tuple[str, str]) -> str:
        """Ask, in plain text, for the safe choice (the default), the risky one or 'cancel'."""
        box = QMessageBox(icon, title, text, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        first = box.addButton(safe[1], QMessageBox.ButtonRole.AcceptRole)
        second = box.addButton(risky[1], QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(first)
        box.exec()
        clicked = box.clickedButton()
        return safe[0] if clicked is first else risky[0] if clicked is second else "cancel"

    def open_path(self, path: str) -> None:
        """Open here if this window holds nothing yet, else in a new window; a file already open
        in a window is brought to the front instead of being opened twice."""
        existing = self.find_window(path)
        if existing is not None:
            existing.show()
            existing.raise_()
            existing.activateWindow()
        elif self.editor is None:
            self.load_file(path)
        else:
            self.open_requested.emit(path)

    def open_dialog(self) -> None:
        start = str(self.editor.path.parent) if self.editor and self.editor.path else ""
        paths, _chosen = QFileDialog.getOpenFileNames(self, _("Open journey maps"), start, map_file_filter())
        for path in paths:
            self.open_path(path)

    def new_from_template(self, name: str) -> None:
        """The start page's choice (it is shown only while this window has no map): a template's file, or
        the name of a built-in one."""
        try:
            the_map = map_from_template_file(Path(name)) if name.endswith(".jmap") else map_from_template(name)
        except (LoadError, LookupError) as exc:
            self.show_error(_("Could not use the template"), str(exc))
            return
        self.set_editor(Editor(the_map))
        self._hold(None)

    def revert(self) -> None:
        if self.editor is None or self.editor.path is None:
            return
        answer = QMessageBox.question(self, _("Revert"), _("Discard all changes since the last save?"))
        if answer == QMessageBox.StandardButton.Yes and self.load_file(self.editor.path):
            self.autosaver.clear()  # the discarded changes must not come back as "recovered"

    def save_as(self) -> bool:
        if self.editor is None:
            return False
        suggestion = suggested_path(self.editor.path, self.editor.doc.map.title, ".jmap")
        path, _chosen = QFileDialog.getSaveFileName(self, _("Save journey map"), suggestion,
                                                    map_file_filter())
        if not path:
            return False
        if not path.endswith(".jmap"):
            path += ".jmap"
        return self.save(path)

    def autosave(self) -> None:
        """Write unsaved work to the autosave slot, unless nothing changed since the last time (and
        tell the map's lock that we are still here)."""
        if self.map_lock is not None:
            self.map_lock.refresh()
        if self.editor is None or not self.editor.is_modified():
            return
        state = (id(self.editor.stack), self.editor.stack.index(), self.editor.stack.count())
        if state == getattr(self, "_autosaved_at", None):
            return
        if self.autosaver.write(self.editor.doc.map, self.editor.view_state, self.editor.path, self.editor.disk):
            self._autosaved_at = state
            self.notice.dismiss("autosave")
        elif self.notice.kind is None:
            said = _("Your work is not being autosaved: {reason}. Save often, or free the data "
                     "folder.").format(reason=self.autosaver.problem)
            self.notice.show_notice("autosave", said,
                                    [(_("&Save"), self.save), (_("&Dismiss"), lambda: None)])

    def adopt_recovered(self, item: Recoverable) -> None:
        """Show work recovered from a crash: unsaved, in its original file's name (if it had one),
        keeping its autosave (this window's own now) until it is saved or discarded."""
        editor = Editor(item.load(), item.original)
        editor.disk = item.original_state
        lock = None
        if item.original and self.find_window(item.original) not in (None, self):
            editor.read_only = True  # (another recovered window has the same file: one writes it)
        elif item.original and os.path.exists(item.original):
            claim = self._claim(Path(item.original))
            lock, owner = claim if claim is not None else (None, True)
            editor.read_only = owner is not None
        self.set_editor(editor)
        self._hold(lock)
        editor.stack.resetClean()  # recovered work is unsaved work
        self.autosaver = Autosaver(item.slot)
        try:
            self.autosaver.write_note(item.original, editor.doc.map.title, item.original_state)
        except (OSError, SaveError):
            pass
        self._update_title()

    def _forget_autosave_when_clean(self, clean: bool) -> None:
        if clean:
            self.autosaver.clear()
            self._autosaved_at = None

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in recent_files():
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        if not self.recent_menu.actions():
            # TRANSLATORS: File > Open Recent, when no file was opened yet
            self.recent_menu.addAction(_("(none)")).setEnabled(False)

    def show_preferences(self) -> None:
        PreferencesDialog(self).exec()


def newer_notice(name: str, version: int, dropped: tuple[str, ...]) -> str:
    """What the bar says over a map a newer journeymapper saved."""
    sentences = [_("“{name}” was saved by a newer journeymapper (file format {version}): it is shown "
                   "read-only, and can be saved only under another name.").format(name=name, version=version)]
    if dropped:
        shown = ", ".join(dropped[:3])
        if len(dropped) > 3:
            more = len(dropped) - 3
            # TRANSLATORS: {fields} lists the first three things a newer file holds, as the file names them
            # (map.touchpoints[2].photos: not quoted); {n} how many more
            shown = _n("{fields} and {n} more", "{fields} and {n} more", more).format(fields=shown, n=more)
        sentences.append(_("This version does not show some of what it holds ({names}); a copy saved here "
                           "leaves it out.").format(names=shown))
    sentences.append(_("Update journeymapper to edit it fully."))
    return " ".join(sentences)
