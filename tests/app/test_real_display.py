"""What only a real platform shows: the keys of Undo and Redo doing what they say, no two actions
claiming the same keys, and keys going to the window that is active.

They run in the whole suite (offscreen) and again on an X server with Qt's xcb platform
(`./dev test-xcb`), which is where they matter: offscreen Qt has key bindings of its own (its Redo
is Ctrl+Y first, X11's is Ctrl+Shift+Z) and activates every window it shows. Xvfb runs no window
manager, so a shown window becomes active only when it asks, as a window manager would make it
for the user who clicks it.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from PySide6.QtCore import Qt, qWarning
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from journeymapper.resources import example_map_path

from .conftest import AMBIGUOUS_SHORTCUT, drag
from .test_gestures import card_center, dump, empty_spot, open_fitted

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
Key = Qt.Key
UNDO_KEYS = (Key.Key_Z, CTRL)
REDO_KEYS = {"Ctrl+Shift+Z": (Key.Key_Z, CTRL | SHIFT), "Ctrl+Y": (Key.Key_Y, CTRL)}


def activate(qtbot, window) -> None:
    """What the window manager does when the user clicks a window: it becomes the active one, and
    its shortcuts (WindowShortcut context) apply."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def edited_window(qtbot, open_window, path=None):
    """The example map in an active window, after one edit (a card dragged to the next stage)."""
    window = open_fitted(open_window, path or example_map_path())
    activate(qtbot, window)
    before = dump(window)
    drag(qtbot, window, card_center(window, "t-parent-gallery"), empty_spot(window, "p-parent", "s-purchase"))
    assert window.document().get("t-parent-gallery").stage == "s-purchase"
    stack = window.undo_stack()
    assert (stack.count(), stack.index()) == (1, 1)
    return window, before, dump(window)


def platform() -> str:
    return QApplication.platformName()


def press(qtbot, window, keys) -> None:
    qtbot.keyClick(window.view(), *keys)


def claimed(action) -> list[str]:
    return [keys.toString(QKeySequence.SequenceFormat.PortableText) for keys in action.shortcuts()]


def keys_live_on(widget: QWidget) -> dict[str, list[str]]:
    """Every key sequence Qt matches while `widget` has the focus, with the enabled actions that claim
    it (an action that lists it twice, twice): the window's actions, those of the menus in its menu
    bar, and those of the widget and its parents that hold for their children."""
    window = widget.window()
    menus: list[QMenu] = []
    pending = [action.menu() for action in window.menuBar().actions()]
    while pending:
        menu = pending.pop()
        if isinstance(menu, QMenu) and menu not in menus:
            menus.append(menu)
            pending.extend(action.menu() for action in menu.actions())
    holders = [window, *(w for w in window.findChildren(QWidget) if not isinstance(w, QMenu)), *menus]
    live = {}
    for holder in holders:
        for action in holder.actions():
            context = action.shortcutContext()
            applies = (
                context in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
                or (context == Qt.ShortcutContext.WidgetWithChildrenShortcut
                    and (holder is widget or holder.isAncestorOf(widget)))
                or (context == Qt.ShortcutContext.WidgetShortcut and holder is widget)
            )
            if applies and action.isEnabled() and action.isVisible():
                live[id(action)] = action
    claims: dict[str, list[str]] = defaultdict(list)
    for action in live.values():
        for keys in claimed(action):
            if keys:
                claims[keys].append(action.objectName() or action.text().replace("&", ""))
    return dict(claims)


# -- the keys of Undo and Redo ---------------------------------------------------------------------------
def test_the_undo_key_undoes_the_last_edit(qtbot, open_window):
    window, before, _after = edited_window(qtbot, open_window)
    press(qtbot, window, UNDO_KEYS)
    undo = window.actions_by_name["undo"]
    assert window.undo_stack().index() == 0, f"Ctrl+Z did nothing on {platform()}; Undo claims {claimed(undo)}"
    assert dump(window) == before


@pytest.mark.parametrize("name", list(REDO_KEYS))
def test_each_redo_key_redoes_the_undone_edit(qtbot, open_window, name):
    window, before, after = edited_window(qtbot, open_window)
    window.undo_stack().undo()
    assert dump(window) == before
    press(qtbot, window, REDO_KEYS[name])
    redo = window.actions_by_name["redo"]
    assert window.undo_stack().index() == 1, f"{name} did nothing on {platform()}; Redo claims {claimed(redo)}"
    assert dump(window) == after


# -- no two actions claim the same keys --------------------------------------------------------------------
def test_no_two_actions_claim_the_same_keys_while_the_canvas_has_the_focus(qtbot, open_window):
    """On any platform: its key bindings (QKeySequence.StandardKey) are what decide, so a conflict
    may show on one platform only."""
    window, _before, _after = edited_window(qtbot, open_window)
    window.editor.scene.select_only(["t-parent-reviews"])  # the actions on a selection enabled
    window.actions_by_name["duplicate"].trigger()
    window.undo_stack().undo()  # Undo and Redo both enabled
    assert window.actions_by_name["undo"].isEnabled() and window.actions_by_name["redo"].isEnabled()
    claims = keys_live_on(window.view())
    assert claims["Ctrl+Z"] == ["undo"]  # (the check sees the window's actions at all)
    conflicts = {keys: owners for keys, owners in claims.items() if len(owners) > 1}
    assert conflicts == {}, f"keys claimed more than once on {platform()} (they would do nothing): {conflicts}"


# -- keys go to the active window ----------------------------------------------------------------------------
def test_keys_go_to_the_active_window_and_its_canvas(qtbot, open_window, tmp_path):
    paths = [tmp_path / "first.jmap", tmp_path / "second.jmap"]
    for path in paths:
        path.write_bytes(example_map_path().read_bytes())
    first, first_before, _ = edited_window(qtbot, open_window, paths[0])
    second, second_before, _ = edited_window(qtbot, open_window, paths[1])
    assert second.isActiveWindow() and not first.isActiveWindow()
    activate(qtbot, first)
    assert QApplication.focusWidget() is first.view(), "the active map window gives its keys to the canvas"
    press(qtbot, first, UNDO_KEYS)
    assert first.undo_stack().index() == 0 and dump(first) == first_before
    assert second.undo_stack().index() == 1
    activate(qtbot, second)
    assert QApplication.focusWidget() is second.view()
    press(qtbot, second, UNDO_KEYS)
    assert second.undo_stack().index() == 0 and dump(second) == second_before
    assert first.undo_stack().index() == 0


# -- the watch that fails a test on a shortcut conflict --------------------------------------------------
@pytest.mark.qt_log_ignore(AMBIGUOUS_SHORTCUT)  # pytest-qt lets it pass: the watch alone must catch it
def test_the_shortcut_watch_catches_qts_ambiguous_shortcut_warning(shortcut_conflicts):
    message = f"QAction::event: {AMBIGUOUS_SHORTCUT}: Ctrl+Shift+Z"
    qWarning(message)
    assert shortcut_conflicts.messages == [message]
    with pytest.raises(pytest.fail.Exception, match=r"shortcut conflict.*\n.*Ctrl\+Shift\+Z"):
        shortcut_conflicts.check()
    shortcut_conflicts.messages.clear()  # (the warning was this test's own)
