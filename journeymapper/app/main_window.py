"""The main window: canvas, inspector and problems docks, menus, files, autosave."""

from __future__ import annotations

import atexit
from functools import lru_cache
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QMimeData, QRectF, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QPixmap,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QStackedWidget,
)

from ..canvas.picture import render_picture
from ..canvas.snapshot import render_outline, render_scene
from ..canvas.theme import system_style
from ..canvas.view import MapView
from ..export.pdf import ExportError, ExportReport, PdfOptions, export_pdf
from ..gc_tuning import building_long_lived_objects, release_long_lived_objects
from ..io import LoadedMap, LoadError, SaveError, load_path
from ..io.templates import map_from_template
from ..io.writer import write_atomic
from ..model.schema import Flow, Persona, Stage, Touchpoint
from .autosave import INTERVAL_MS, Autosaver
from .editor import FRAGMENT_MIME, Editor
from .export_dialog import ExportPdfDialog, suggested_path
from .inline_edit import InlineEditor
from .inspector import Inspector
from .problems_panel import ProblemsPanel, counts_text
from .start_page import StartPage

APP_NAME = "journeymapper"
MAX_RECENT = 10
CANVAS_ACTIONS = frozenset(
    {"cut", "copy", "paste", "duplicate", "delete", "select_all", "rename", "connect",
     "move_left", "move_right", "move_up", "move_down"}
)
FILE_FILTER = "Journey maps (*.jmap);;All files (*)"


def settings() -> QSettings:
    return QSettings(APP_NAME, APP_NAME)


def recent_files() -> list[str]:
    value = settings().value("recentFiles", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v]


def remember_recent(path: Path) -> None:
    entry = str(path.resolve())
    files = [f for f in recent_files() if f != entry]
    settings().setValue("recentFiles", [entry, *files][:MAX_RECENT])


class MainWindow(QMainWindow):
    """One window, one map. `open_requested` asks the application for another window."""

    open_requested = Signal(str)
    new_window_requested = Signal()
    closed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.editor: Editor | None = None
        self.autosaver = Autosaver()
        self._view: MapView | None = None
        self.inline: InlineEditor | None = None
        self.ask_save_changes: Callable[[], str] = self._ask_save_changes
        """Returns 'save', 'discard' or 'cancel'; tests replace it to answer without a dialog."""
        self.show_error: Callable[[str, str], None] = self._show_error
        self.find_window: Callable[[str], "MainWindow | None"] = lambda path: None
        """The application's window for a file, if one is open (set by journeymapper.gui)."""
        self.setAcceptDrops(True)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.start_page = StartPage(recent_files())
        self.start_page.templateChosen.connect(self.new_from_template)
        self.start_page.fileChosen.connect(self.open_path)
        self.start_page.openRequested.connect(self.open_dialog)
        self.stack.addWidget(self.start_page)
        self.problems = ProblemsPanel()
        self.problems.elementsActivated.connect(self.select_and_centre)
        self.problem_dock = QDockWidget("Problems", self)
        self.problem_dock.setObjectName("problems-dock")
        self.problem_dock.setWidget(self.problems)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problem_dock)
        self.inspector_dock = QDockWidget("Inspector", self)
        self.inspector_dock.setObjectName("inspector-dock")
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector_dock)
        self.counts = QLabel("")
        self.zoom_label = QLabel("")
        self.statusBar().addPermanentWidget(self.counts)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.actions_by_name: dict[str, QAction] = {}
        self._build_menus()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(INTERVAL_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._follow_color_scheme)
        self.resize(1280, 820)
        self.resizeDocks([self.problem_dock], [140], Qt.Orientation.Vertical)
        self.resizeDocks([self.inspector_dock], [360], Qt.Orientation.Horizontal)
        geometry = settings().value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._update_title()
        self._update_actions()

    # -- the automation API ----------------------------------------------------
    def document(self):
        return self.editor.doc if self.editor else None

    def view(self) -> MapView | None:
        return self._view

    def item_for(self, element_id: str):
        return self.editor.scene.item_for(element_id) if self.editor else None

    def undo_stack(self):
        return self.editor.stack if self.editor else None

    def save(self, path: str | Path | None = None) -> bool:
        """Save (atomic), or save as `path`. Returns False if it failed (the user was told why)."""
        if self.editor is None:
            return False
        if path is None and self.editor.path is None:
            return self.save_as()
        try:
            written = self.editor.save(path)
        except SaveError as exc:
            self.show_error("Could not save", str(exc))
            return False
        remember_recent(written)
        self.autosaver.clear()
        self._update_title()
        self.statusBar().showMessage(f"Saved {written}", 4000)
        return True

    # -- loading ---------------------------------------------------------------
    def set_editor(self, editor: Editor) -> None:
        """Show a map in this window (replacing the start page or a previous map)."""
        old = self.editor
        self.editor = editor
        view = MapView(editor.scene)
        view.zoomChanged.connect(self._show_zoom)
        if self._view is not None:
            self.stack.removeWidget(self._view)
            self._view.deleteLater()
        self._view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        view.addActions([self.actions_by_name[name] for name in sorted(CANVAS_ACTIONS)])
        self.inline = InlineEditor(view)
        old_inspector = getattr(self, "inspector", None)
        self.inspector = Inspector(editor)
        self.inspector_dock.setWidget(self.inspector)
        if old_inspector is not None:
            old_inspector.deleteLater()  # it holds the old editor, and with it the old map
        editor.setParent(self)  # the editor (stack, scene, document) lives and dies with its window
        if old is not None:
            self._disconnect(old)
        for signal, slot in self._connections(editor):
            signal.connect(slot)
        self.undo_group.addStack(editor.stack)
        self.undo_group.setActiveStack(editor.stack)
        editor.scene.set_style(system_style())
        self._show_problems(editor.problems)
        zoom = editor.view_state.get("zoom")
        if isinstance(zoom, (int, float)) and not isinstance(zoom, bool) and 0.05 <= zoom <= 8:
            view.set_zoom(float(zoom))
        else:
            view.set_zoom(1.0)
        self._show_zoom(view.zoom())
        view.setFocus()
        self._update_title()
        self._update_actions()
        if old is not None:
            old.deleteLater()

    def _connections(self, editor: Editor) -> list:
        return [
            (editor.problemsChanged, self._show_problems),
            (editor.error, self._show_status),
            (editor.stack.cleanChanged, self._update_title),
            (editor.stack.cleanChanged, self._forget_autosave_when_clean),
            (editor.stack.indexChanged, self._update_actions),
            (editor.stack.indexChanged, self._update_title),  # an unsaved map is named by its title
            (editor.pathChanged, self._update_title),
            (editor.scene.editRequested, self.edit_in_place),
            (editor.scene.selectionChanged, self._update_actions),
        ]

    def _disconnect(self, editor: Editor) -> None:
        """Before an editor goes (replaced, or the window closes), it must stop talking to the window:
        tearing down its scene emits selection changes while the window's actions are already gone."""
        for signal, slot in self._connections(editor):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        try:
            self.undo_group.removeStack(editor.stack)
        except RuntimeError:
            pass

    def load_file(self, path: str | Path) -> bool:
        """Open a file in this window; a bad file shows the loader's message and changes nothing."""
        try:
            with building_long_lived_objects():
                loaded = load_path(path)
                self.set_editor(Editor(loaded, path))
        except LoadError as exc:
            self.show_error("Could not open the map", "\n".join(exc.lines()))
            return False
        remember_recent(Path(path))
        if loaded.upgraded:
            self.statusBar().showMessage(
                f"Opened a map of file format {loaded.schema_version}; saving writes the current format", 8000)
        return True

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
        paths, _ = QFileDialog.getOpenFileNames(self, "Open journey maps", start, FILE_FILTER)
        for path in paths:
            self.open_path(path)

    def new_from_template(self, name: str) -> None:
        """The start page's choice (it is shown only while this window has no map)."""
        self.set_editor(Editor(map_from_template(name)))

    def revert(self) -> None:
        if self.editor is None or self.editor.path is None:
            return
        answer = QMessageBox.question(self, "Revert", "Discard all changes since the last save?")
        if answer == QMessageBox.StandardButton.Yes and self.load_file(self.editor.path):
            self.autosaver.clear()  # the discarded changes must not come back as "recovered"

    def save_as(self) -> bool:
        if self.editor is None:
            return False
        suggestion = suggested_path(self.editor.path, self.editor.doc.map.title, ".jmap")
        path, _ = QFileDialog.getSaveFileName(self, "Save journey map", suggestion, FILE_FILTER)
        if not path:
            return False
        if not path.endswith(".jmap"):
            path += ".jmap"
        return self.save(path)

    def autosave(self) -> None:
        """Write unsaved work to the autosave slot, unless nothing changed since the last time."""
        if self.editor is None or not self.editor.is_modified():
            return
        state = (id(self.editor.stack), self.editor.stack.index(), self.editor.stack.count())
        if state == getattr(self, "_autosaved_at", None):
            return
        if self.autosaver.write(self.editor.doc.map, self.editor.view_state, self.editor.path):
            self._autosaved_at = state

    # -- printing ------------------------------------------------------------------
    def export_pdf_to(self, path: str | Path, options: PdfOptions) -> ExportReport | None:
        """Export with a progress dialog; problems are shown to the user. Returns the report, or None."""
        if self.editor is None:
            return None
        progress = QProgressDialog("Exporting the map…", "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)

        def step(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)
            QApplication.processEvents()

        try:
            # The editor's layout is reused where nothing changed since (in the dark theme, whose style
            # differs, the map is laid out afresh).
            report = export_pdf(self.editor.doc.map, path, options, progress=step, previous=self.editor.scene.layout)
        except (ExportError, SaveError, OSError) as exc:
            progress.close()
            self.show_error("Could not export the PDF", str(exc))
            return None
        progress.close()
        message = f"Exported {path}: {report.pages} pages, smallest text {report.smallest_text:.1f} pt"
        self.statusBar().showMessage(message, 8000)
        if report.warnings:
            self.show_error("Exported, with warnings", "\n".join(report.warnings))
        return report

    def export_pdf_dialog(self) -> None:
        if self.editor is None:
            return
        scene = self.editor.scene
        layout = scene.layout  # the sizes print uses (the palette does not matter for the preview)
        scale = min(1.0, 900.0 / max(scene.sceneRect().width(), 1.0))
        if scene.makes_items_in_parts:  # a big map: the preview shows its boxes, without making every item
            picture = QPixmap.fromImage(render_outline(layout, scene.style.palette, scale))
        else:
            picture = QPixmap.fromImage(render_scene(scene, scale))
        dialog = ExportPdfDialog(layout, picture, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Export PDF",
                                              suggested_path(self.editor.path, self.editor.doc.map.title, ".pdf"),
                                              "PDF (*.pdf)")
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.export_pdf_to(path, dialog.options())

    def export_picture_to(self, path: str | Path, dpi: int = 150) -> bool:
        """A PNG (at `dpi`) or SVG picture of the map, as it looks on screen in the light palette."""
        if self.editor is None:
            return False
        try:
            data = render_picture(self.editor.doc.map, Path(path).suffix.lower(), dpi, False)
            write_atomic(path, data, keep_backup=False)
        except (SaveError, ValueError) as exc:
            self.show_error("Could not export the picture", str(exc))
            return False
        self.statusBar().showMessage(f"Exported {path}", 6000)
        return True

    def export_picture_dialog(self) -> None:
        if self.editor is None:
            return
        start = suggested_path(self.editor.path, self.editor.doc.map.title, ".png")
        path, chosen = QFileDialog.getSaveFileName(self, "Export Picture", start, "PNG picture (*.png);;SVG drawing (*.svg)")
        if path:
            if not path.lower().endswith((".png", ".svg")):
                path += ".svg" if "svg" in chosen.lower() else ".png"
            self.export_picture_to(path)

    # -- selection and editing ---------------------------------------------------
    def selected_ids(self) -> list[str]:
        return self.editor.scene.selected_ids() if self.editor else []

    def select_and_centre(self, ids: list[str]) -> None:
        if self.editor is None or self._view is None:
            return
        present = [i for i in ids if i in self.editor.doc]
        self.editor.scene.select_only(present)
        items = [self.editor.scene.item_for(i) for i in present]
        items = [i for i in items if i is not None]
        if items:
            area = QRectF()
            for item in items:
                area = area.united(item.sceneBoundingRect())
            self._view.centerOn(area.center())

    def edit_in_place(self, element_id: str) -> None:
        editor, view = self.editor, self._view
        if editor is None or view is None or self.inline is None or element_id not in editor.doc:
            return
        element = editor.doc.get(element_id)
        item = editor.scene.item_for(element_id)
        if item is None:
            return
        field = {Touchpoint: "title", Stage: "name", Persona: "name", Flow: "label"}[type(element)]
        rect = item.sceneBoundingRect()
        if isinstance(element, (Stage, Persona)):
            rect = QRectF(rect.x(), rect.y(), rect.width(), 40)
        view.ensureVisible(rect, 20, 20)

        def commit(text: str) -> None:
            reason = editor.set_field(element_id, field, text)
            if reason:
                self.statusBar().showMessage(reason, 6000)

        self.inline.start(rect, getattr(element, field), commit)

    def rename_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.edit_in_place(ids[0])

    def delete_selected(self) -> None:
        if self.editor is not None:
            self.editor.delete(self.selected_ids())

    def add_touchpoint(self) -> None:
        """Add a card next to the selected card, or in the first cell."""
        editor = self.editor
        if editor is None:
            return
        if not editor.doc.personas or not editor.doc.stages:
            # An empty map gets a lane and a column for the card: one undo step for all three.
            editor.stack.beginMacro("Add Touchpoint")
            if not editor.doc.personas:
                editor.add_persona()
            if not editor.doc.stages:
                editor.add_stage()
            editor.add_touchpoint(editor.doc.personas[0].id, editor.doc.stages[0].id)
            editor.stack.endMacro()
            return
        ids = self.selected_ids()
        selected = editor.doc.get(ids[0]) if ids else None
        persona, stage = editor.doc.personas[0].id, editor.doc.stages[0].id
        position = None
        if isinstance(selected, Touchpoint):
            persona, stage = selected.persona, selected.stage
            cell = [t.id for t in editor.doc.touchpoints_in(persona, stage)]
            position = cell.index(selected.id) + 1
        elif isinstance(selected, Stage):
            stage = selected.id
        elif isinstance(selected, Persona):
            persona = selected.id
        editor.add_touchpoint(persona, stage, position)

    def add_stage(self) -> None:
        self._add_after_selected(Stage, Editor.add_stage)

    def add_persona(self) -> None:
        self._add_after_selected(Persona, Editor.add_persona)

    def _add_after_selected(self, kind: type, add: Callable[[Editor, int | None], str | None]) -> None:
        """A new stage or persona right after the selected one of its kind (else at the end), renamed in place."""
        if self.editor is None:
            return
        ids = self.selected_ids()
        index = None
        if ids and isinstance(self.editor.doc.get(ids[0]), kind):
            index = self.editor.doc.index_of(ids[0]) + 1
        added = add(self.editor, index)
        if added is not None:
            self.edit_in_place(added)

    def connect_selected(self) -> None:
        """The keyboard path of drawing a flow: select two cards, Ctrl+L links them in journey order
        (from the earlier stage to the later; in one stage, from the card listed first)."""
        if self.editor is None:
            return
        doc = self.editor.doc
        cards = [i for i in self.selected_ids() if isinstance(doc.get(i), Touchpoint)]
        if len(cards) != 2:
            self.statusBar().showMessage("Select exactly two touchpoints to connect them.", 5000)
            return
        stage_index = {s.id: k for k, s in enumerate(doc.stages)}
        source, target = sorted(cards, key=lambda c: stage_index[doc.get(c).stage])  # stable: map order in a stage
        self.editor.add_flow(source, target)

    def nudge(self, dx: int, dy: int) -> None:
        ids = self.selected_ids()
        if self.editor is not None and len(ids) == 1:
            self.editor.nudge(ids[0], dx, dy)
            self.editor.scene.select_only(ids)

    def copy(self) -> bool:
        if self.editor is None:
            return False
        text = self.editor.copy_fragment(self.selected_ids())
        if text is None:
            return False
        data = QMimeData()
        data.setData(FRAGMENT_MIME, text.encode("utf-8"))
        data.setText(text)
        QApplication.clipboard().setMimeData(data)
        _release_clipboard_at_exit()
        return True

    def cut(self) -> None:
        if self.copy() and self.editor is not None:
            cards = [i for i in self.selected_ids() if isinstance(self.editor.doc.get(i), Touchpoint)]
            self.editor.stack.beginMacro("Cut")
            self.editor.delete(cards)
            self.editor.stack.endMacro()

    def paste(self) -> None:
        if self.editor is None:
            return
        data = QApplication.clipboard().mimeData()
        if data is None:
            return
        raw = bytes(data.data(FRAGMENT_MIME)).decode("utf-8", "replace") if data.hasFormat(FRAGMENT_MIME) \
            else data.text()
        persona = stage = None
        ids = self.selected_ids()
        selected = self.editor.doc.get(ids[0]) if ids else None
        if isinstance(selected, Touchpoint):
            persona, stage = selected.persona, selected.stage
        self.editor.paste_fragment(raw, persona, stage)

    def duplicate(self) -> None:
        if self.editor is None:
            return
        text = self.editor.copy_fragment(self.selected_ids())
        if text:
            self.editor.paste_fragment(text)

    # -- menus -------------------------------------------------------------------
    def _action(self, name: str, text: str, slot, shortcut=None, menu=None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                action.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        if menu is not None:
            menu.addAction(action)
        self.actions_by_name[name] = action
        if name in CANVAS_ACTIONS:
            # Their keys (Delete, F2, Ctrl+C...) belong to whatever has the focus: they act on the
            # canvas only when it has it, never while typing in the inspector.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        else:
            self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        files = bar.addMenu("&File")
        self._action("new", "&New Window", self.new_window_requested.emit, QKeySequence.StandardKey.New, files)
        self._action("open", "&Open…", self.open_dialog, QKeySequence.StandardKey.Open, files)
        self.recent_menu = files.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        files.addSeparator()
        self._action("save", "&Save", self.save, QKeySequence.StandardKey.Save, files)
        self._action("save_as", "Save &As…", self.save_as, QKeySequence.StandardKey.SaveAs, files)
        self._action("revert", "Re&vert", self.revert, None, files)
        files.addSeparator()
        self._action("export_pdf", "&Export PDF…", self.export_pdf_dialog, "Ctrl+E", files)
        self._action("export_picture", "Export &Picture…", self.export_picture_dialog, "Ctrl+Shift+E", files)
        files.addSeparator()
        self._action("close", "&Close Window", self.close, QKeySequence.StandardKey.Close, files)
        self._action("quit", "&Quit", QApplication.closeAllWindows, QKeySequence.StandardKey.Quit, files)

        edit = bar.addMenu("&Edit")
        # One undo group per window: Undo/Redo always act on the stack of the map shown now.
        self.undo_group = QUndoGroup(self)
        undo = self.undo_group.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_group.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Shift+Z")])
        for name, action in (("undo", undo), ("redo", redo)):
            action.setObjectName(name)
            edit.addAction(action)
            self.addAction(action)
        self.actions_by_name.update(undo=undo, redo=redo)
        edit.addSeparator()
        self._action("cut", "Cu&t", self.cut, QKeySequence.StandardKey.Cut, edit)
        self._action("copy", "&Copy", self.copy, QKeySequence.StandardKey.Copy, edit)
        self._action("paste", "&Paste", self.paste, QKeySequence.StandardKey.Paste, edit)
        self._action("duplicate", "D&uplicate", self.duplicate, "Ctrl+D", edit)
        self._action("delete", "&Delete", self.delete_selected, [QKeySequence.StandardKey.Delete, "Backspace"], edit)
        self._action("select_all", "Select &All", lambda: self._select_all(), QKeySequence.StandardKey.SelectAll,
                     edit)
        self._action("rename", "&Rename", self.rename_selected, "F2", edit)
        edit.addSeparator()
        self._action("add_touchpoint", "Add &Touchpoint", self.add_touchpoint, "Ctrl+Shift+T", edit)
        self._action("add_stage", "Add &Stage", self.add_stage, "Ctrl+Shift+G", edit)
        self._action("add_persona", "Add &Persona", self.add_persona, "Ctrl+Shift+P", edit)
        self._action("connect", "&Connect Two Touchpoints", self.connect_selected, "Ctrl+L", edit)
        edit.addSeparator()
        self._action("move_left", "Move Left", lambda: self.nudge(-1, 0), "Alt+Left", edit)
        self._action("move_right", "Move Right", lambda: self.nudge(1, 0), "Alt+Right", edit)
        self._action("move_up", "Move Up", lambda: self.nudge(0, -1), "Alt+Up", edit)
        self._action("move_down", "Move Down", lambda: self.nudge(0, 1), "Alt+Down", edit)
        self.edit_menu = edit

        view = bar.addMenu("&View")
        self._action("zoom_in", "Zoom &In", lambda: self._view and self._view.zoom_in(),
                     [QKeySequence.StandardKey.ZoomIn, "Ctrl+="], view)
        self._action("zoom_out", "Zoom &Out", lambda: self._view and self._view.zoom_out(),
                     QKeySequence.StandardKey.ZoomOut, view)
        self._action("zoom_fit", "&Fit to Window", lambda: self._view and self._view.zoom_fit(), "Ctrl+0", view)
        self._action("zoom_reset", "&Actual Size", lambda: self._view and self._view.zoom_reset(), "Ctrl+1", view)
        view.addSeparator()
        view.addAction(self.inspector_dock.toggleViewAction())
        view.addAction(self.problem_dock.toggleViewAction())

        help_menu = bar.addMenu("&Help")
        self._action("about", "&About journeymapper", self._about, None, help_menu)

    def _select_all(self) -> None:
        if self.editor is not None:
            self.editor.scene.reveal()  # a big map's lanes not shown yet have their cards made now
            self.editor.scene.select_only(list(self.editor.scene.card_items))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in recent_files():
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        if not self.recent_menu.actions():
            self.recent_menu.addAction("(none)").setEnabled(False)

    def _forget_autosave_when_clean(self, clean: bool) -> None:
        if clean:
            self.autosaver.clear()
            self._autosaved_at = None

    def _follow_color_scheme(self, *_args) -> None:
        if self.editor is not None:
            self.editor.scene.set_style(system_style())

    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{round(zoom * 100)} %")

    def _update_actions(self, *_args) -> None:
        has_map = self.editor is not None
        for name, action in self.actions_by_name.items():
            if name not in ("new", "open", "close", "quit", "about", "undo", "redo"):
                action.setEnabled(has_map)
        if has_map and self.editor.path is None:
            self.actions_by_name["revert"].setEnabled(False)

    def _update_title(self, *_args) -> None:
        if self.editor is None:
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)
            return
        # "[*]" is Qt's modified placeholder; doubled, it shows literally ("[*]" in a map title).
        title = self.editor.title().replace("[*]", "[*][*]")
        self.setWindowTitle(f"{title}[*] — {APP_NAME}")
        self.setWindowModified(self.editor.is_modified())

    def _show_problems(self, problems) -> None:
        self.problems.set_problems(problems)
        self.counts.setText(counts_text(problems))

    def _about(self) -> None:
        from .. import __version__
        from ..io.migrations import CURRENT_VERSION

        QMessageBox.about(self, "About journeymapper",
                          f"journeymapper {__version__}\nFile format {CURRENT_VERSION}\n\n"
                          "Customer journey maps: draw, check and print them offline.")

    # -- closing -------------------------------------------------------------------
    def _ask_save_changes(self) -> str:
        box = QMessageBox(self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowTitle("Unsaved changes")
        box.setText(f"Save the changes to “{self.editor.title() if self.editor else ''}” before closing?")
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(QMessageBox.StandardButton(answer), "cancel")

    def _show_error(self, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.editor is not None and self.editor.is_modified():
            answer = self.ask_save_changes()
            if answer == "cancel" or (answer == "save" and not self.save()):
                event.ignore()
                return
        self.autosave_timer.stop()
        self.autosaver.clear()
        release_long_lived_objects()  # this window's map and items may now be collected
        self.closed.emit()
        settings().setValue("geometry", self.saveGeometry())
        if self.editor is not None:
            self._disconnect(self.editor)
        event.accept()

    # -- drag and drop of files ------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if any(u.isLocalFile() and u.toLocalFile().endswith(".jmap") for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        for url in event.mimeData().urls():
            if url.isLocalFile() and url.toLocalFile().endswith(".jmap"):
                self.open_path(url.toLocalFile())
        event.acceptProposedAction()


@lru_cache(maxsize=1)
def _release_clipboard_at_exit() -> None:
    """Qt crashes the interpreter's exit when the clipboard still holds mime data a Python
    QMimeData made (both try to free it); take it back while Qt and Python are both still whole."""

    def release() -> None:
        app = QApplication.instance()
        if app is not None:
            QApplication.clipboard().clear()

    atexit.register(release)


__all__ = ["MainWindow", "LoadedMap"]
