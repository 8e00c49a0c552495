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
from ..i18n import _


def getting_started_text() -> str:
    """Help > Getting Started, in the interface language: a heading, six steps and a last word, each
    translated whole (their markup is ours: the one place rich text is shown)."""
    steps = (
        # TRANSLATORS: Help > Getting Started, its six steps. The words in <b>…</b> name the editor's own
        # panels and buttons (the toolbar's "+ Stage", "+ Persona", "Connect", "Print", "PDF"; the Inspector
        # and Problems panels): use the words of their translations. Keep the HTML tags.
        _("<b>Stages</b> are the columns: the steps a customer goes through, such as <i>Discover</i>, "
          "<i>Choose</i>, <i>Buy</i> and <i>After the purchase</i>. Double-click a stage's name to rename "
          "it; <b>+ Stage</b> on the toolbar adds one."),
        _("<b>Personas</b> are the rows: one for each kind of customer, such as <i>Busy parent</i>. "
          "Double-click the name at the left of a row to rename it; <b>+ Persona</b> adds a row."),
        _("<b>Touchpoints</b> are the cards: each moment the customer meets your business (your website, a "
          "visit to the shop, an e-mail). Double-click an empty spot in a row, under a stage, to add one, "
          "and type its title."),
        _("Select a card and fill in the <b>Inspector</b> on the right: what the customer does and thinks "
          "there, how they feel (from −2 to +2), the pain points and your ideas to do better "
          "(opportunities)."),
        _("<b>Flows</b> are the arrows from one touchpoint to the next: drag from the small handle on a "
          "card's right edge to another card, or select two cards and press <b>Connect</b>."),
        _("The <b>Problems</b> panel at the bottom lists what may be missing, such as a card no arrow leads "
          "to or a pain point with no idea to fix it. Click a problem to see its cards. Then <b>Print</b> or "
          "make a <b>PDF</b> for your workshop."),
    )
    heading = _("Your first journey map, in six steps")
    last = _("Right-click anything for what you can do with it. Everything can be undone with Ctrl+Z. "
             "Help ▸ Keyboard Shortcuts lists every key.")
    items = "\n".join(f"<li>{step}</li>" for step in steps)
    return f"<h3>{heading}</h3>\n<ol>\n{items}\n</ol>\n<p>{last}</p>\n"


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
    return {"undo": _("Undo"), "redo": _("Redo")}.get(name, text)


def _keys(action: QAction) -> str:
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())


def shortcut_rows(bar: QMenuBar) -> list[tuple[str, str, str, str]]:
    """Every action with its keys, then what the canvas does with keys and the mouse beyond the menus."""
    rows = [row for row in _menu_rows(bar) if row[2]]
    # TRANSLATORS: Help > Keyboard Shortcuts: where the keys and mouse gestures act (the map itself)
    canvas = _("Canvas")
    rows += [(canvas, _(what), _(keys), "") for keys, what in CANVAS_KEYS]
    return rows


def _dialog(parent: QWidget, name: str, title: str, content: QWidget, size: tuple[int, int]) -> QDialog:
    """A help window: its content above a Close button, shown beside the map (not modal)."""
    dialog = QDialog(parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    if not content.accessibleName():
        content.setAccessibleName(title)  # (what it shows has no label of its own: for screen readers)
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
    table.setHorizontalHeaderLabels([_("Where"), _("What"), _("Keys")])
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
    return _dialog(parent, "shortcuts-dialog", _("Keyboard shortcuts"), table, (640, 560))


def show_getting_started(parent: QWidget) -> QDialog:
    text = QLabel(getting_started_text())  # (our own words: the one place rich text is shown)
    text.setTextFormat(Qt.TextFormat.RichText)
    text.setWordWrap(True)
    return _dialog(parent, "getting-started-dialog", _("Getting started"), text, (600, 520))
