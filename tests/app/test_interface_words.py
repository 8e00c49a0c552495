"""The editor's own words go through the translation catalogue (`journeymapper.i18n`): menus, tooltips,
dialogs, messages and the start page are `_()`/`_n()` where they are shown, never raw English.

Two checks. A static one reads the window's modules and fails on a string literal handed to a
widget's text (setText, setToolTip, QAction(...), QMessageBox..., show_error...) outside `_()`, on
an f-string inside `_()` (Babel extracts literals only), on `_()` run at import time (the language
is chosen after the imports) and on anything that hides the name `_`. A GUI one opens windows in
a language whose catalogue marks every word, and compares them word for word with English ones.
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPushButton

import journeymapper.i18n as i18n
from journeymapper.i18n import DOMAIN, interface_language, set_interface_language, words

PACKAGE = Path(i18n.__file__).resolve().parents[1]
FILES = [f"app/{name}.py" for name in (
    "main_window", "window_menus", "window_files", "window_shared_files", "window_editing", "window_future",
    "window_help", "window_import", "window_printing", "help_dialogs", "start_page", "notice_bar", "autosave",
    "desktop", "single_instance", "user_templates", "data_folder", "file_names", "editor", "print_pages",
    "export_dialog", "versions_dialog", "mermaid_dialog")] + ["gui.py"]

TRANSLATED = {"_", "_n"}
METHODS: dict[str, tuple[int, ...]] = {
    # Qt's: the arguments that are words shown to the user
    "setText": (0,), "setToolTip": (0,), "setStatusTip": (0,), "setWhatsThis": (0,), "setWindowTitle": (0,),
    "setPlaceholderText": (0,), "setLabelText": (0,), "setIconText": (0,), "setCancelButtonText": (0,),
    "setInformativeText": (0,), "setDetailedText": (0,), "setTitle": (0,), "setAccessibleName": (0,),
    "setAccessibleDescription": (0,), "showMessage": (0,), "addMenu": (0,), "addAction": (0,), "addItem": (0,),
    "addItems": (0,), "addRow": (0,), "addButton": (0,), "addTab": (1,), "setTabText": (1,),
    "setHorizontalHeaderLabels": (0,), "setVerticalHeaderLabels": (0,), "setHeaderLabels": (0,),
    "createUndoAction": (1,), "createRedoAction": (1,), "beginMacro": (0,),
    # the window's own: titles, messages, button labels, action texts and tips
    "show_error": (0, 1), "show_notice": (1, 2), "_choose": (1, 2, 3, 4), "_explain": (1,), "_register": (3,),
    "_action": (1, 5), "a": (1, 5), "_dialog": (2,), "done": (0,), "restore": (1,),
}
CONSTRUCTORS: dict[str, tuple[int, ...] | None] = {
    "QAction": (0,), "QLabel": (0,), "QPushButton": (0,), "QCheckBox": (0,), "QRadioButton": (0,),
    "QGroupBox": (0,), "QMenu": (0,), "QToolBar": (0,), "QDockWidget": (0,), "QToolButton": (0,),
    "QProgressDialog": (0, 1), "QListWidgetItem": (0,), "QTableWidgetItem": (0,), "QMessageBox": None,
}
STATIC = {"QMessageBox", "QFileDialog", "QInputDialog"}
"""Their static dialogs (question, about, getSaveFileName, getText...): every argument after the parent."""
KEYWORDS = {"text", "tip", "title", "caption", "filter", "label", "message", "labelText", "cancelButtonText"}


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _raw_words(node: ast.AST):
    """String literals with letters in `node` that no `_()`/`_n()` translates (slots, lambdas, are code)."""
    if isinstance(node, ast.Call) and _name(node) in TRANSLATED and isinstance(node.func, ast.Name):
        return
    if isinstance(node, ast.Lambda):
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if any(c.isalpha() for c in node.value):
            yield node
        return
    if isinstance(node, ast.JoinedStr):
        if any(isinstance(v, ast.Constant) and any(c.isalpha() for c in str(v.value)) for v in node.values):
            yield node
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                yield from _raw_words(value.value)
        return
    for child in ast.iter_child_nodes(node):
        yield from _raw_words(child)


def _shown_arguments(call: ast.Call) -> list[ast.AST]:
    """The arguments of `call` that are words the user reads (empty for a call that shows none)."""
    name, func = _name(call), call.func
    positions: tuple[int, ...] | None = ()
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in STATIC:
        positions = tuple(range(1, len(call.args)))
    elif isinstance(func, ast.Name) and name in CONSTRUCTORS:
        positions = CONSTRUCTORS[name]
    elif name == "emit" and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute) \
            and func.value.attr == "error":
        positions = (0,)  # Editor.error: a sentence for the status bar
    elif isinstance(func, ast.Attribute) and name in METHODS or isinstance(func, ast.Name) and name == "a":
        positions = METHODS[name]
    if positions == ():
        return []
    chosen = call.args if positions is None else [call.args[i] for i in positions if i < len(call.args)]
    if name == "_choose":  # its choices are (answer, button label): the answer is an id
        chosen = [a.elts[1] if isinstance(a, ast.Tuple) and len(a.elts) == 2 else a for a in chosen]
    return [*chosen, *(k.value for k in call.keywords if k.arg in KEYWORDS)]


class _ImportTime(ast.NodeVisitor):
    """`_()`/`_n()` calls run when the module is imported: module level, class bodies, default values."""

    def __init__(self) -> None:
        self.found: list[ast.Call] = []
        self.depth = 0

    def _function(self, node) -> None:
        for expression in [*node.args.defaults, *node.args.kw_defaults, *getattr(node, "decorator_list", [])]:
            if expression is not None:
                self.visit(expression)
        self.depth += 1
        for statement in node.body if isinstance(node.body, list) else [node.body]:
            self.visit(statement)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function  # noqa: N815

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802
        if self.depth == 0 and isinstance(node.func, ast.Name) and node.func.id in TRANSLATED:
            self.found.append(node)
        self.generic_visit(node)


def problems_in(source: str, where: str = "<source>") -> list[str]:
    """What the static check finds wrong in a module's source."""
    tree = ast.parse(source)
    found: list[str] = []

    def say(node: ast.AST, what: str) -> None:
        found.append(f"{where}:{node.lineno}: {what}: {ast.get_source_segment(source, node)!r}")

    uses = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for argument in _shown_arguments(node):
                for raw in _raw_words(argument):
                    say(raw, f"shown by {_name(node)}() without _()")
            if isinstance(node.func, ast.Name) and node.func.id in TRANSLATED | {"N_"}:
                uses.add(node.func.id)
                literal = node.args[:2] if node.func.id == "_n" else node.args[:1]
                for argument in literal:
                    if node.func.id == "_n" and not (isinstance(argument, ast.Constant)
                                                     and isinstance(argument.value, str)):
                        say(argument, "_n() takes two string literals")
                    elif isinstance(argument, (ast.JoinedStr, ast.BinOp)) or isinstance(argument, ast.Call) \
                            and _name(argument) in ("format", "join", "replace"):
                        say(argument, f"{node.func.id}() of a text made in code (Babel extracts literals only)")
        elif isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
            say(node, "`_` assigned: it hides the translation function")
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for argument in [*node.args.args, *node.args.kwonlyargs, node.args.vararg, node.args.kwarg]:
                if argument is not None and argument.arg == "_":
                    say(node, "a parameter named `_` hides the translation function")
    imported = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                and (node.module or "").endswith("i18n") for alias in node.names}
    for name in sorted(uses - imported):
        found.append(f"{where}: {name}() used but not imported from journeymapper.i18n")
    visitor = _ImportTime()
    visitor.visit(tree)
    for call in visitor.found:
        say(call, "translated at import time (the language is chosen later: mark it N_())")
    return found


@pytest.mark.parametrize("name", FILES)
def test_every_word_of_the_window_goes_through_the_catalogue(name):
    path = PACKAGE / name
    assert not problems_in(path.read_text(encoding="utf-8"), name)


def test_the_static_check_catches_a_raw_word():
    """The check above is only worth something if it fails: each kind of slip is found, and the
    right way of writing the same thing is not."""
    wrong = {
        'label = QLabel("Hello")': "shown by QLabel",
        'self.button.setToolTip(f"Open {name}")': "shown by setToolTip",
        'QMessageBox.question(self, "Revert", _("Discard?"))': "shown by question",
        'a("new", "&New", self.new, None, menu, _("tip"))': "shown by a()",
        'self._action("new", _("&New"), slot, None, menu, tip="A new map")': "shown by _action",
        'self.notice.show_notice("disk", _("Changed."), [("&Reload", self.reload)])': "shown by show_notice",
        'self.error.emit("A flow needs two touchpoints.")': "shown by emit",
        'self._choose(icon, _("Title"), _("Text?"), ("safe", _("Safe")), ("risky", "Risky"))': "shown by _choose",
        'bar.addMenu("&File")': "shown by addMenu",
        'self.statusBar().showMessage(_(f"Saved {path}"))': "Babel extracts literals only",
        'TITLE = _("Future state")': "import time",
        'def f(text=_("Restore")):\n    pass': "import time",
        'def f():\n    path, _ = pick()\n    return _("x")': "hides the translation function",
        'def f():\n    return _n("a", word, 2)': "two string literals",
    }
    for source, why in wrong.items():
        said = problems_in(f"from journeymapper.i18n import _, _n\n{source}\n")
        assert any(why in line for line in said), (source, said)
    right = textwrap.dedent('''\
        from journeymapper.i18n import N_, _, _n
        TITLE = N_("Future state")
        def f(self, name, n):
            QLabel(_("Hello"))
            self.button.setToolTip(_("Open {name}").format(name=name))
            self.setWindowTitle(f"{name}[*] — {APP_NAME}")
            self.statusBar().showMessage(_n("{n} card", "{n} cards", n).format(n=n), 4000)
            self.notice.show_notice("disk", _("Changed."), [(_("&Reload"), self.reload)])
            self._choose(icon, _("Title"), _("Text?"), ("safe", _("Safe")), ("risky", _("Risky")))
            a("new", _("&New"), lambda: self.open("x.jmap"), "Ctrl+N", menu, _(TITLE))
            QFileDialog.getSaveFileName(self, _("Save"), "", ";;".join((_("Maps (*.jmap)"), "*")))
        ''')
    assert problems_in(right) == []
    assert any("not imported" in line for line in problems_in('QLabel(_("Hello"))\n'))


# -- the window, opened in another language ---------------------------------------------------------------

def _marked(text: str) -> str:
    return "»" + text


@pytest.fixture
def marked_german(tmp_path, monkeypatch):
    """A German catalogue in which every word of the program reads "»" and its English: what the window
    shows in German is then told apart from English, word by word, before any is really translated."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    from journeymapper.i18n.catalogues import extract

    catalogue = Catalog(locale="de", domain=DOMAIN)
    for message in extract():
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            catalogue.add(message.id, tuple(_marked(form) for form in message.id))
        else:
            catalogue.add(message.id, _marked(message.id))
    folder = tmp_path / "locale" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / f"{DOMAIN}.mo").open("wb") as handle:
        write_mo(handle, catalogue)
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path / "locale")
    words.cache_clear()
    previous = interface_language()
    try:
        yield words("de")
    finally:
        set_interface_language(previous)
        monkeypatch.undo()
        words.cache_clear()


def _menu_words(window) -> list[tuple[str, str, str]]:
    """(where, what, text) of every menu title, action text, status tip and toolbar word, in menu order."""
    found = []

    def menu(title_action: QAction, where: str) -> None:
        found.append((where, "title", title_action.text()))
        for action in title_action.menu().actions():
            if action.isSeparator():
                continue
            if action.menu() is not None:
                menu(action, f"{where} > {action.text()}")
                continue
            found.append((where, action.objectName() or "text", action.text()))
            found.append((where, f"{action.objectName()} tip", action.statusTip()))

    for top in window.menuBar().actions():
        menu(top, top.text())
    found += [("toolbar", action.objectName(), action.iconText()) for action in window.toolbar.actions()
              if not action.isSeparator()]
    return found


def _start_page_words(window) -> list[str]:
    page = window.start_page
    return ([label.text() for label in page.findChildren(QLabel)]
            + [text for button in page.findChildren(QPushButton) for text in (button.text(), button.toolTip())]
            + [page.templates.toolTip()])


def test_a_window_opened_in_another_language_speaks_it(open_window, marked_german):
    german = marked_german
    set_interface_language("en")
    english = open_window(None)
    english_menus, english_start = _menu_words(english), _start_page_words(english)
    assert set_interface_language("de") == "de"
    window = open_window(None)
    shown = _menu_words(window)

    assert [(where, what) for where, what, _text in shown] != [], "the window has menus"
    titles = [(en[2], de[2]) for en, de in zip(english_menus, shown) if en[1] == "title" and " > " not in en[0]]
    assert [en for en, _de in titles] == ["&File", "&Edit", "&View", "&Help"]
    for en, de in titles:
        assert de == german(en) == _marked(en), "a menu title not read from the catalogue"
    assert len(shown) == len(english_menus)
    # every word with letters came from the catalogue (a tip made from an action's text, from its text's)
    untranslated = [(en, de) for en, de in zip(english_menus, shown)
                    if any(c.isalpha() for c in en[2]) and de[2] not in (german(en[2]), _marked(en[2]))]
    assert not untranslated, f"shown in English in a German window: {untranslated[:8]}"
    assert all(de[2] == _marked(en[2]) for en, de in zip(english_menus, shown) if en[1] == "title")
    # the start page too: its headings, buttons and tips
    assert [german(text) if text else text for text in english_start] == _start_page_words(window)
    assert all(text.startswith("»") for text in _start_page_words(window) if text)
    # and the dialogs the window opens itself
    assert window.problem_dock.windowTitle() == _marked("Problems")
    assert _marked("Save the map") in window.actions_by_name["save"].toolTip()


def test_the_menu_titles_have_their_entry_in_the_real_catalogue(open_window):
    """With the catalogue that ships: each top-level menu's English is an entry of the German catalogue,
    and a window opened in German shows what that entry says."""
    from babel.messages.pofile import read_po

    from journeymapper.i18n.catalogues import po_path

    with po_path("de").open("rb") as handle:
        entries = {message.id for message in read_po(handle, locale="de", domain=DOMAIN) if message.id}
    previous = interface_language()
    try:
        set_interface_language("de")
        window = open_window(None)
        titles = [action.text() for action in window.menuBar().actions()]
    finally:
        set_interface_language(previous)
    for msgid, shown in zip(["&File", "&Edit", "&View", "&Help"], titles, strict=True):
        assert msgid in entries, f"{msgid!r} is not in the German catalogue: run ./dev i18n"
        assert shown == words("de")(msgid)
