"""Help: the keyboard shortcuts (read from the window's menus, so the list cannot drift from what
the keys do) and a short "Getting started" for someone who has never drawn a journey map."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..canvas.view import CANVAS_KEYS

GETTING_STARTED = """\
<h3>Your first journey map, in six steps</h3>
<ol>
<li><b>Stages</b> are the columns: the steps a customer goes through, such as <i>Discover</i>, <i>Choose</i>,
<i>Buy</i> and <i>After the purchase</i>. Double-click a stage's name to rename it;
<b>+ Stage</b> on the toolbar adds one.</li>
<li><b>Personas</b> are the rows: one for each kind of customer, such as <i>Busy parent</i>. Double-click the
name at the left of a row to rename it; <b>+ Persona</b> adds a row.</li>
<li><b>Touchpoints</b> are the cards: each moment the customer meets your business (your website, a visit to the
shop, an e-mail). Double-click an empty spot in a row, under a stage, to add one, and type its title.</li>
<li>Select a card and fill in the <b>Inspector</b> on the right: what the customer does and thinks there, how
they feel (from −2 to +2), the pain points and your ideas to do better (opportunities).</li>
<li><b>Flows</b> are the arrows from one touchpoint to the next: drag from the small handle on a card's right
edge to another card, or select two cards and press <b>Connect</b>.</li>
<li>The <b>Problems</b> panel at the bottom lists what may be missing, such as a card no arrow leads to or
a pain point with no idea to fix it. Click a problem to see its cards. Then <b>Print</b> or make a
<b>PDF</b> for your workshop.</li>
</ol>
<p>Right-click anything for what you can do with it. Everything can be undone with Ctrl+Z.
Help ▸ Keyboard Shortcuts lists every key.</p>
"""


def _menu_rows(bar: QMenuBar) -> list[tuple[str, str, str, str]]:
    """(menu, action, keys, what it does) for every action of the menus that has a name."""
    rows = []
    for top in bar.actions():
        menu = top.menu()
        if menu is None:
            continue
        menu_name = top.text().replace("&", "")
        for action in menu.actions():
            if action.isSeparator() or action.menu() is not None or not action.text():
                continue
            rows.append((menu_name, _plain(action), _keys(action), action.statusTip()))
    return rows


def _plain(action: QAction) -> str:
    name = action.objectName()
    text = action.text().replace("&", "")
    return {"undo": "Undo", "redo": "Redo"}.get(name, text)


def _keys(action: QAction) -> str:
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())


def shortcut_rows(bar: QMenuBar) -> list[tuple[str, str, str, str]]:
    """Every action with its keys, then what the canvas does with keys and the mouse beyond the menus."""
    rows = [row for row in _menu_rows(bar) if row[2]]
    rows += [("Canvas", what, keys, "") for keys, what in CANVAS_KEYS]
    return rows


def _dialog(parent: QWidget, name: str, title: str, content: QWidget, size: tuple[int, int]) -> QDialog:
    """A help window: its content above a Close button, shown beside the map (not modal)."""
    dialog = QDialog(parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    layout.addWidget(content)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(*size)
    dialog.show()
    return dialog


def show_shortcuts(parent: QWidget, bar: QMenuBar) -> QDialog:
    rows = shortcut_rows(bar)
    table = QTableWidget(len(rows), 3)
    table.setHorizontalHeaderLabels(["Where", "What", "Keys"])
    for r, (where, what, keys, tip) in enumerate(rows):
        for c, text in enumerate((where, what, keys)):
            item = QTableWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            if tip:
                item.setToolTip(tip)
            table.setItem(r, c, item)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    table.resizeColumnsToContents()
    return _dialog(parent, "shortcuts-dialog", "Keyboard shortcuts", table, (640, 560))


def show_getting_started(parent: QWidget) -> QDialog:
    text = QLabel(GETTING_STARTED)  # (our own words: the one place rich text is shown)
    text.setTextFormat(Qt.TextFormat.RichText)
    text.setWordWrap(True)
    return _dialog(parent, "getting-started-dialog", "Getting started", text, (600, 520))
