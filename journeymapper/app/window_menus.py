"""The window's actions: menus, toolbar, shortcuts and the words that explain each action.

A mixin of `MainWindow`. Every action is made by `_action`, which gives it its keys, its tooltip
and status tip (what it does, with its keys), and claims its keys in one table for the window: a
key two actions claim is ambiguous to Qt, which then does nothing at all ("Ambiguous shortcut
overload"), so a platform's standard keys that another action already holds are left out, and
keys given by hand that collide are listed in `shortcut_conflicts` (a test keeps it empty).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QApplication, QMenu, QToolBar

from ..i18n import _
from .mermaid_dialog import EXPORT_TIP, export_mermaid_dialog

Keys = QKeySequence.StandardKey | str | Sequence[QKeySequence.StandardKey | str] | None

CANVAS_ACTIONS = frozenset(
    {"cut", "copy", "paste", "duplicate", "delete", "select_all", "rename", "connect",
     "move_left", "move_right", "move_up", "move_down"}
)
"""Actions on the selection: their keys belong to the canvas when it has the focus, never to a text field."""
ALWAYS_ENABLED = frozenset(
    {"new", "open", "import", "close", "quit", "about", "undo", "redo", "preferences", "shortcuts",
     "getting_started"}
)
TOOLBAR = ("add_touchpoint", "add_stage", "add_persona", "connect", None, "undo", "redo", None,
           "zoom_out", "zoom_fit", "zoom_in", None, "find", None, "print", "export_pdf")


def key_list(keys: Keys) -> tuple[list[QKeySequence], list[QKeySequence]]:
    """(keys given by hand, the platform's standard keys) of an action's key description."""
    if keys is None:
        return [], []
    items = [keys] if isinstance(keys, (str, QKeySequence.StandardKey)) else list(keys)
    given, standard = [], []
    for item in items:
        if isinstance(item, QKeySequence.StandardKey):
            standard.extend(QKeySequence.keyBindings(item))
        else:
            given.append(QKeySequence(item))
    return given, standard


def shown_keys(action: QAction) -> str:
    """An action's keys as a person reads them (the platform's names), "" when it has none."""
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())


def _show_keys_in_tooltip(action: QAction, words: str) -> None:
    """The tooltip says what the action does and, after it, its keys."""
    keys = shown_keys(action)
    # TRANSLATORS: a tooltip: what an action does, then its keys ("Save the map (Ctrl+S)")
    tip = _("{words} ({keys})").format(words=words, keys=keys) if keys else words
    if action.toolTip() != tip:  # (setting it emits `changed` again)
        action.setToolTip(tip)


class Menus:
    """The menus, the toolbar and the key table (mixed into `MainWindow`)."""

    def _claim_keys(self, name: str, keys: Keys) -> list[QKeySequence]:
        """The keys `name` gets: each once, none that an earlier action holds."""
        given, standard = key_list(keys)
        chosen: list[QKeySequence] = []
        for sequence, by_hand in [(k, True) for k in given] + [(k, False) for k in standard]:
            text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            if not text or any(text == c.toString(QKeySequence.SequenceFormat.PortableText) for c in chosen):
                continue
            holder = self.key_owners.get(text)
            if holder is not None:
                if by_hand:
                    self.shortcut_conflicts.append(f"{text}: {holder} and {name}")
                continue
            self.key_owners[text] = name
            chosen.append(sequence)
        return chosen

    def _action(self, name: str, text: str, slot: Callable[[], object], shortcut: Keys = None,
                menu: QMenu | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        self._register(action, name, shortcut, tip)
        action.triggered.connect(lambda _checked=False: slot())
        if menu is not None:
            menu.addAction(action)
        if name in CANVAS_ACTIONS:
            # Their keys (Delete, F2, Ctrl+C...) belong to whatever has the focus: they act on the
            # canvas only when it has it, never while typing in the inspector.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        else:
            self.addAction(action)
        return action

    def _register(self, action: QAction, name: str, shortcut: Keys, tip: str) -> None:
        action.setObjectName(name)
        action.setShortcuts(self._claim_keys(name, shortcut))
        self.actions_by_name[name] = action
        self._explain(action, tip)

    @staticmethod
    def _explain(action: QAction, tip: str) -> None:
        """Tooltip and status tip: what the action does, and its keys."""
        words = tip or action.text().replace("&", "").rstrip("…")
        action.setStatusTip(words)
        _show_keys_in_tooltip(action, words)

    def _build_menus(self) -> None:
        self.key_owners: dict[str, str] = {}
        self.shortcut_conflicts: list[str] = []
        bar = self.menuBar()
        a = self._action
        files = bar.addMenu(_("&File"))
        a("new", _("&New Window"), self.new_window_requested.emit, QKeySequence.StandardKey.New, files,
          _("Open a new window to start another map"))
        # TRANSLATORS: File menu: open a file (a verb)
        a("open", _("&Open…"), self.open_dialog, QKeySequence.StandardKey.Open, files,
          _("Open a journey map file"))
        self.recent_menu = files.addMenu(_("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._add_import_action(files)  # (window_import)
        files.addSeparator()
        a("save", _("&Save"), self.save, QKeySequence.StandardKey.Save, files, _("Save the map"))
        a("save_as", _("Save &As…"), self.save_as, QKeySequence.StandardKey.SaveAs, files,
          _("Save the map under another name"))
        a("save_template", _("Save as &Template…"), self.save_as_template, None, files,
          _("Keep this map as a template, offered when you start a new map"))
        a("revert", _("Re&vert"), self.revert, None, files, _("Go back to the map as it was last saved"))
        a("versions", _("&Versions…"), self.show_versions, None, files,
          _("See and restore earlier saved versions"))
        a("compare_versions", _("Compare &With…"), self.compare_with_file, None, files,
          _("Compare this map with another version of it (a colleague's copy, an earlier one): see what "
            "differs and take theirs"))
        self._add_future_actions(files)
        files.addSeparator()
        a("print", _("&Print…"), self.print_dialog, QKeySequence.StandardKey.Print, files,
          _("Print the map, as the PDF export lays it out"))
        a("export_pdf", _("&Export PDF…"), self.export_pdf_dialog, "Ctrl+E", files,
          _("Make a PDF to print or share: one sheet or a poster"))
        a("export_picture", _("Export &Picture…"), self.export_picture_dialog, "Ctrl+Shift+E", files,
          _("Make a PNG or SVG picture of the map, for slides and documents"))
        self._add_spreadsheet_export_action(files)  # (window_import)
        a("export_mermaid", _("Export as Mermai&d…"), lambda: export_mermaid_dialog(self), None, files,
          _(EXPORT_TIP))
        files.addSeparator()
        a("close", _("&Close Window"), self.close, QKeySequence.StandardKey.Close, files)
        a("quit", _("&Quit"), QApplication.closeAllWindows, [QKeySequence.StandardKey.Quit, "Ctrl+Q"], files,
          _("Close every window and quit"))
        self._build_edit_menu(bar.addMenu(_("&Edit")))
        self._build_view_menu(bar.addMenu(_("&View")))
        help_menu = bar.addMenu(_("&Help"))
        a("getting_started", _("&Getting Started"), self.show_getting_started,
          QKeySequence.StandardKey.HelpContents, help_menu, _("How to draw your first journey map"))
        a("shortcuts", _("&Keyboard Shortcuts"), self.show_shortcuts, None, help_menu,
          _("Every action and its keys"))
        help_menu.addSeparator()
        a("about", _("&About journeymapper"), self._about, None, help_menu)
        self._build_toolbar()

    def _build_edit_menu(self, edit: QMenu) -> None:
        a = self._action
        # One undo group per window: Undo/Redo always act on the stack of the map shown now.
        self.undo_group = QUndoGroup(self)
        undo, redo = _step_action(self, self.undo_group, redo=False), _step_action(self, self.undo_group, redo=True)
        # An action's tooltip follows its text ("Undo Add Touchpoint"); ours adds the keys.
        self._register(undo, "undo", QKeySequence.StandardKey.Undo, _("Undo the last change"))
        self._register(redo, "redo", [QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y"],
                       _("Redo the change just undone"))
        for action in (undo, redo):
            edit.addAction(action)
            self.addAction(action)
            # (they are renamed with each step, "Undo Add Touchpoint", which resets their tooltips: the keys stay)
            action.changed.connect(lambda action=action: _show_keys_in_tooltip(action, action.text().replace("&", "")))
        edit.addSeparator()
        a("cut", _("Cu&t"), self.cut, QKeySequence.StandardKey.Cut, edit,
          _("Move the selected cards to the clipboard"))
        a("copy", _("&Copy"), self.copy, QKeySequence.StandardKey.Copy, edit,
          _("Copy the selected cards (and the flows between them)"))
        a("paste", _("&Paste"), self.paste, QKeySequence.StandardKey.Paste, edit,
          _("Paste cards next to the selected card"))
        a("duplicate", _("D&uplicate"), self.duplicate, "Ctrl+D", edit,
          _("Make a copy of the selected cards"))
        a("delete", _("&Delete"), self.delete_selected, [QKeySequence.StandardKey.Delete, "Backspace"], edit,
          _("Delete what is selected"))
        a("select_all", _("Select &All"), lambda: self._select_all(), QKeySequence.StandardKey.SelectAll,
          edit, _("Select every card"))
        a("rename", _("&Rename"), self.rename_selected, "F2", edit,
          _("Change the name or title of what is selected"))
        a("find", _("&Find…"), self.show_find, QKeySequence.StandardKey.Find, edit,
          _("Find a word anywhere in the map: titles, notes, pain points, KPIs…"))
        a("find_next", _("Find &Next"), lambda: self.find_step(1), ["F3"], edit, _("Show the next match"))
        a("find_previous", _("Find Pre&vious"), lambda: self.find_step(-1), ["Shift+F3"], edit,
          _("Show the previous match"))
        edit.addSeparator()
        a("add_touchpoint", _("Add &Touchpoint"), self.add_touchpoint, "Ctrl+Shift+T", edit,
          _("Add a touchpoint card next to the selected card"))
        a("add_stage", _("Add &Stage"), self.add_stage, "Ctrl+Shift+G", edit,
          _("Add a stage (a column) after the selected one"))
        a("add_persona", _("Add &Persona"), self.add_persona, "Ctrl+Shift+P", edit,
          _("Add a persona (a row of its own) after the selected one"))
        a("connect", _("&Connect Two Touchpoints"), self.connect_selected, "Ctrl+L", edit,
          _("Draw a flow between the two selected cards"))
        edit.addSeparator()
        a("preferences", _("Pr&eferences…"), self.show_preferences, QKeySequence.StandardKey.Preferences,
          edit)
        edit.addSeparator()
        a("move_left", _("Move Left"), lambda: self.nudge(-1, 0), "Alt+Left", edit,
          _("Move the selection one place left"))
        a("move_right", _("Move Right"), lambda: self.nudge(1, 0), "Alt+Right", edit,
          _("Move the selection one place right"))
        a("move_up", _("Move Up"), lambda: self.nudge(0, -1), "Alt+Up", edit,
          _("Move the selection one place up"))
        a("move_down", _("Move Down"), lambda: self.nudge(0, 1), "Alt+Down", edit,
          _("Move the selection one place down"))
        self.edit_menu = edit

    def _build_view_menu(self, view: QMenu) -> None:
        a = self._action
        a("zoom_in", _("Zoom &In"), lambda: self._view and self._view.zoom_in(),
          [QKeySequence.StandardKey.ZoomIn, "Ctrl+="], view, _("Make the map bigger"))
        a("zoom_out", _("Zoom &Out"), lambda: self._view and self._view.zoom_out(),
          QKeySequence.StandardKey.ZoomOut, view, _("Make the map smaller"))
        a("zoom_fit", _("&Fit to Window"), lambda: self._view and self._view.zoom_fit(), "Ctrl+0", view,
          _("Show the whole map"))
        a("zoom_reset", _("&Actual Size"), lambda: self._view and self._view.zoom_reset(), "Ctrl+1", view,
          _("Show the map at 100 %"))
        view.addSeparator()
        view.addAction(self.inspector_dock.toggleViewAction())
        view.addAction(self.problem_dock.toggleViewAction())
        insights = self.insights_dock.toggleViewAction()
        self._explain(insights, _("Show or hide what the map tells you: lowest moments, serious pains, late "
                                  "actions, stage figures"))
        view.addAction(insights)
        actions = self.actions_dock.toggleViewAction()
        self._explain(actions, _("Show or hide every planned improvement: who does it, by when, what is "
                                 "overdue; and what to do first"))
        view.addAction(actions)
        self.view_menu = view

    def _build_toolbar(self) -> None:
        bar = QToolBar(_("Main toolbar"), self)
        bar.setObjectName("main-toolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setMovable(False)
        # TRANSLATORS: the toolbar's buttons: short words for Add Touchpoint, Add Stage, Connect, Fit to
        # Window, Find, Print and Export PDF
        short = {"add_touchpoint": _("+ Touchpoint"), "add_stage": _("+ Stage"),
                 "add_persona": _("+ Persona"), "connect": _("Connect"), "zoom_out": "−", "zoom_in": "+",
                 "zoom_fit": _("Fit"), "find": _("Find"), "print": _("Print"), "export_pdf": _("PDF")}
        for name in TOOLBAR:
            if name is None:
                bar.addSeparator()
                continue
            action = self.actions_by_name[name]
            if name in short:
                action.setIconText(short[name])  # what a toolbar button shows; menus show the text
            bar.addAction(action)  # (the button is the action: same state, same tooltip)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.view_menu.addAction(bar.toggleViewAction())
        self.toolbar = bar


def _step_action(parent: QObject, group: QUndoGroup, redo: bool) -> QAction:
    """Undo (or Redo) named after the step it takes back: "Undo Add Touchpoint". Ours rather than Qt's
    createUndoAction, which glues its prefix and the step with a space: each language words it its own
    way here ("Rückgängig: …", "元に戻す: …(&U)", the access key where the language puts it)."""
    action = QAction(parent)

    def name(step: str) -> None:
        if redo:
            # TRANSLATORS: Edit menu, with the step that Redo does again: "Redo Add Touchpoint"
            action.setText(_("&Redo {step}").format(step=step) if step else _("&Redo"))
        else:
            # TRANSLATORS: Edit menu, with the step that Undo takes back: "Undo Add Touchpoint"
            action.setText(_("&Undo {step}").format(step=step) if step else _("&Undo"))

    (group.redoTextChanged if redo else group.undoTextChanged).connect(name)
    (group.canRedoChanged if redo else group.canUndoChanged).connect(action.setEnabled)
    action.triggered.connect(group.redo if redo else group.undo)
    name(group.redoText() if redo else group.undoText())
    action.setEnabled(group.canRedo() if redo else group.canUndo())
    return action
