"""The main window: canvas, inspector and problems docks, menus, title and closing.

What the window does with files (`window_files`), printing (`window_printing`) and editing
(`window_editing`) lives in mixins of its own; this module puts the window together.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..canvas.theme import system_style
from ..canvas.view import MAX_ZOOM, MIN_ZOOM, MapView
from ..gc_tuning import release_long_lived_objects
from ..i18n import _
from ..io import LoadedMap
from ..io.map_lock import LockOwner, MapLock
from .actions_panel import add_actions_dock
from .autosave import INTERVAL_MS, Autosaver
from .context_menus import context_menu
from .disk_merge import DiskMerging
from .disk_watch import DiskWatch
from .editor import Editor
from .find_bar import FindBar
from .inline_edit import InlineEditor
from .insights_panel import InsightsPanel
from .inspector import Inspector
from .notice_bar import NoticeBar
from .preferences import APP_NAME, settings
from .problems_panel import ProblemsPanel, counts_text
from .start_page import StartPage
from .version_compare import VersionComparing
from .window_editing import Editing
from .window_files import FileHandling, recent_files, remember_recent
from .window_future import FutureStates, state_in_title
from .window_help import HelpAndFind
from .window_import import Importing
from .window_menus import ALWAYS_ENABLED, CANVAS_ACTIONS, Menus
from .window_printing import Printing


class MainWindow(Menus, HelpAndFind, FileHandling, FutureStates, VersionComparing, DiskMerging, Printing, Importing,
                 Editing, QMainWindow):
    """One window, one map. `open_requested` asks the application for another window."""

    open_requested = Signal(str)
    open_copy_requested = Signal(object)
    """A map (an earlier version) to show in a new window, unsaved."""
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
        self.find_window: Callable[[str], MainWindow | None] = lambda path: None
        """The application's window for a file, if one is open (set by journeymapper.gui)."""
        self.ask_locked: Callable[[str, LockOwner], str] = self._ask_locked
        """Returns 'read_only', 'open_anyway' or 'cancel' (see `open_file`); tests replace it too."""
        self.map_lock: MapLock | None = None
        """The lock beside this window's map file, while we hold it."""
        self.confirm_pages: Callable[[int], bool] = self._confirm_pages
        """Whether to make a PDF of that many pages (more than PdfOptions.max_pages); tests replace it."""
        self.ask_disk_conflict: Callable[[], str] = self._ask_disk_conflict
        """Returns 'replace', 'save_as' or 'cancel' (see `save`); tests replace it too."""
        self.ask_template_name: Callable[[str], tuple[str, bool]] = self._ask_template_name
        """Returns (name, ok) for Save as Template; tests replace it."""
        self.last_context_menu: QMenu | None = None
        """Returns 'replace', 'save_as' or 'cancel' (see `save`); tests replace it too."""
        self.setAcceptDrops(True)
        self.stack = QStackedWidget()
        self.notice = NoticeBar()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.notice)
        self.find_bar = FindBar(lambda: self.editor.doc.map if self.editor else None)
        self.find_bar.show_element.connect(self._show_found)
        self.find_bar.closed.connect(lambda: self._view and self._view.setFocus())
        column.addWidget(self.find_bar)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.disk_watch = DiskWatch(self)
        self.disk_watch.changed.connect(self.check_disk)
        self._disk_noticed: tuple | None = None
        self.start_page = StartPage(recent_files())
        self.start_page.templateChosen.connect(self.new_from_template)
        self.start_page.fileChosen.connect(self.open_path)
        self.start_page.openRequested.connect(self.open_dialog)
        self.stack.addWidget(self.start_page)
        self.problems = ProblemsPanel()
        self.problems.elementsActivated.connect(self.select_and_centre)
        self.problem_dock = QDockWidget(_("Problems"), self)
        self.problem_dock.setObjectName("problems-dock")
        self.problem_dock.setWidget(self.problems)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problem_dock)
        self.insights = InsightsPanel()
        self.insights.elementsActivated.connect(self.select_and_centre)
        self.insights_dock = QDockWidget(_("Insights"), self)
        self.insights_dock.setObjectName("insights-dock")
        self.insights_dock.setWidget(self.insights)
        self.tabifyDockWidget(self.problem_dock, self.insights_dock)  # (a tab beside Problems)
        self.insights.follow_dock(self.insights_dock)  # (behind another tab it reads nothing: catches up here)
        add_actions_dock(self)  # self.actions_panel in self.actions_dock: a tab beside Problems too
        self.problem_dock.raise_()  # (the last tabified is in front: Problems is what a map opens with)
        self.inspector_dock = QDockWidget(_("Inspector"), self)
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
        QGuiApplication.styleHints().accessibility().contrastPreferenceChanged.connect(self._follow_color_scheme)
        self.resize(1280, 820)
        self.resizeDocks([self.problem_dock], [140], Qt.Orientation.Vertical)
        self.resizeDocks([self.inspector_dock], [360], Qt.Orientation.Horizontal)
        geometry = settings().value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._update_title()
        self._update_actions()
        # The start page has no map: empty Inspector and Problems panels would only puzzle.
        self.problem_dock.hide()
        self.insights_dock.hide()
        self.actions_dock.hide()
        self.inspector_dock.hide()

    # -- the automation API ----------------------------------------------------
    def document(self):
        return self.editor.doc if self.editor else None

    def view(self) -> MapView | None:
        return self._view

    def item_for(self, element_id: str):
        return self.editor.scene.item_for(element_id) if self.editor else None

    def undo_stack(self):
        return self.editor.stack if self.editor else None

    # -- loading ---------------------------------------------------------------
    def set_editor(self, editor: Editor) -> None:
        """Show a map in this window (replacing the start page or a previous map)."""
        self.close_version_compare()  # (its marks and list are of the map going)
        old = self.editor
        self.editor = editor
        view = MapView(editor.scene)
        view.zoomChanged.connect(self._show_zoom)
        if not self.isVisible():  # (opening: the map is painted first, then checked)
            editor.check_after(view.painted)
        view.contextMenuRequested.connect(self._context_menu)
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
        self.insights.today = self.actions_panel.today = editor.today  # (one clock per map: tests fix it)
        self.insights.set_document(editor.doc)
        self.actions_panel.set_document(editor.doc)
        zoom = editor.view_state.get("zoom")
        saved = float(zoom) if isinstance(zoom, (int, float)) and not isinstance(zoom, bool) and \
            MIN_ZOOM <= zoom <= MAX_ZOOM else None
        view.frame_opened_map(saved)
        self._show_zoom(view.zoom())
        view.setFocus()
        self._update_title()
        self._update_actions()
        self.notice.dismiss()
        self.find_bar.close_bar()
        self.problem_dock.show()
        self.insights_dock.show()
        self.actions_dock.show()
        self.inspector_dock.show()
        self._disk_noticed = None
        self.disk_watch.watch(editor.path)
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
            (editor.stack.indexChanged, self.find_bar.refresh),
            (editor.pathChanged, self._update_title),
            (editor.pathChanged, self.disk_watch.watch),
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

    # -- printing ------------------------------------------------------------------

    # -- selection and editing ---------------------------------------------------

    def _context_menu(self, element_id: str | None, pos, global_pos) -> None:
        menu = context_menu(self, element_id, pos)
        if menu is not None:
            self.last_context_menu = menu
            menu.popup(global_pos)

    def _follow_color_scheme(self, *_args) -> None:
        if self.editor is not None:
            self.editor.scene.set_style(system_style())

    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def _show_zoom(self, zoom: float) -> None:
        # TRANSLATORS: the zoom in the status bar, as a percentage ("100 %")
        self.zoom_label.setText(_("{percent} %").format(percent=round(zoom * 100)))

    def _update_actions(self, *_args) -> None:
        has_map = self.editor is not None
        for name, action in self.actions_by_name.items():
            if name not in ALWAYS_ENABLED:
                action.setEnabled(has_map)
        if has_map and self.editor.path is None:
            self.actions_by_name["revert"].setEnabled(False)
            self.actions_by_name["versions"].setEnabled(False)

    def _update_title(self, *_args) -> None:
        if self.editor is None:
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)
            return
        # "[*]" is Qt's modified placeholder; doubled, it shows literally ("[*]" in a map title).
        title = self.editor.title().replace("[*]", "[*][*]")
        self.setWindowTitle(f"{title}[*]{state_in_title(self.editor.doc.map)} — {APP_NAME}")
        self.setWindowModified(self.editor.is_modified())

    def _show_problems(self, problems) -> None:
        self.problems.set_problems(problems)
        self.counts.setText(counts_text(problems))

    def _about(self) -> None:
        from .. import __version__
        from ..io.migrations import CURRENT_VERSION

        QMessageBox.about(self, _("About journeymapper"),
                          _("journeymapper {version}\nFile format {format}\n\n"
                            "Customer journey maps: draw, check and print them offline.").format(
                              version=__version__, format=CURRENT_VERSION))

    # -- closing -------------------------------------------------------------------
    def _ask_save_changes(self) -> str:
        box = QMessageBox(self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowTitle(_("Unsaved changes"))
        box.setText(_("Save the changes to “{name}” before closing?").format(
            name=self.editor.title() if self.editor else ""))
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(QMessageBox.StandardButton(answer), "cancel")

    def _show_error(self, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.editor is not None and self.editor.is_modified():
            answer = self.ask_save_changes()
            if answer == "cancel" or (answer == "save" and not self.save()):
                event.ignore()
                return
        self.autosave_timer.stop()
        self.autosaver.clear()
        self._hold(None)
        release_long_lived_objects()  # this window's map and items may now be collected
        self.closed.emit()
        settings().setValue("geometry", self.saveGeometry())
        if self.editor is not None:
            self._disconnect(self.editor)
        # The canvas must go before the editor that owns its scene: a scene deleted under a scrolled view
        # scrolls it (a traceback from MapView.scrollContentsBy). Qt moves the central widget after the editor
        # when a tab of the bottom docks is chosen; children are deleted in order, so put it first again.
        self.centralWidget().lower()
        event.accept()

    def changeEvent(self, event: QEvent) -> None:
        # Back at the window: folders the system cannot watch (network shares) are checked now.
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.check_disk()
        super().changeEvent(event)

    # -- drag and drop of files ------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if any(u.isLocalFile() and u.toLocalFile().endswith(".jmap") for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile() and url.toLocalFile().endswith(".jmap"):
                self.open_path(url.toLocalFile())
        event.acceptProposedAction()


__all__ = ["APP_NAME", "LoadedMap", "MainWindow", "recent_files", "remember_recent", "settings"]
