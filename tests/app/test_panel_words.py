"""The editor's panels speak through the translation catalogue, and show dates and figures as the user's
locale writes them.

1. A static check of the panels', the canvas's and the card tooltips' source: a string literal that
   reaches a widget's words (setText, setToolTip, a header label, a combo item, a QLabel, a QAction, a
   message box...) without `_()` / `_n()` fails, as does an f-string inside `_()` (Babel cannot extract
   it), a text constant shown without `_()`, a `_()` run at import time (the interface language is
   chosen after the imports) and a function that binds `_` locally (its `_()` calls would fail).
   Words a function returns, or appends to the lines it joins (a tooltip's), count as shown.
   The checker is itself tested on a snippet full of such mistakes.
2. The KPI readings table in German: 1234.5 shows as "1.234,5", and "12,5" typed is 12.5.
"""

from __future__ import annotations

import ast
import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

PACKAGE = Path(__file__).resolve().parents[2] / "journeymapper"
APP_FILES = ("inspector", "inspector_tables", "opportunity_plan", "quotes_table", "kpi_readings", "language_field",
             "actions_panel", "impact_effort", "insights_panel", "problems_panel", "find_bar", "context_menus",
             "compare_view", "version_compare", "version_changes", "take_theirs", "disk_merge", "disk_watch",
             "shown_panels", "inline_edit", "local_formats")
CHECKED = sorted([PACKAGE / "app" / f"{name}.py" for name in APP_FILES] + list((PACKAGE / "canvas").glob("*.py"))
                 + [PACKAGE / "layout" / "card_tips.py"])

TRANSLATE = {"_", "_n"}
SETTERS = {"setText", "setToolTip", "setStatusTip", "setWhatsThis", "setWindowTitle", "setPlaceholderText",
           "setAccessibleName", "setAccessibleDescription", "setTitle", "setSpecialValueText", "showMessage",
           "setPrefix", "setSuffix", "setLabelText", "setTabText", "setTabToolTip", "setItemText",
           "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "setHeaderLabels", "addItems", "addAction",
           "addMenu", "setPlainText", "setEditText"}
"""Methods whose every positional argument a person reads (or that are numbers, ids, widgets)."""
FIRST_ARGUMENT = {"addItem", "insertItem", "addButton", "addTab", "show_message", "_say"}
"""Methods whose first argument is words (the others: data kept with them, roles, icons...)."""
WIDGETS = {"QAction", "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QToolButton", "QGroupBox",
           "QDockWidget", "CompareDock", "QListWidgetItem", "QTreeWidgetItem", "QStandardItem", "QMenu",
           "_plain", "TakeError", "ValueError"}
"""Constructors (and the modules' own helpers) whose string arguments are shown as they are (an error's
message is shown to the person whose action it refuses)."""
DIALOGS = {"QMessageBox", "QFileDialog", "QColorDialog", "QInputDialog", "QFontDialog"}
"""Classes whose static functions show every string they are given (titles, questions, filters)."""
ARGUMENTS = {"_combo": (1,), "ElementForm": (2,), "show_error": (0, 1), "file_on_disk": (0,), "restore": (1,),
             "show_version_compare": (1,)}
"""Other calls whose arguments at these places are words."""
NOT_WORDS = {"ISO_FORMAT"}
"""Text constants that are not words (a date format's pattern)."""
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


def _words(text: str) -> bool:
    return bool(_LETTER.search(text))


def _called(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


class Checker:
    """The findings of one module's source (see the module's docstring)."""

    def __init__(self, source: str, path: str = "<source>") -> None:
        self.tree = ast.parse(source)
        self.path = path
        self.findings: list[Finding] = []
        self.constants: dict[str, ast.expr] = {}
        for statement in self.tree.body:  # (the module's own text constants: raw or marked with N_)
            if isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None:
                targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        self.constants[target.id] = statement.value

    def check(self) -> list[Finding]:
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call):
                self._call(node)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self._binds_underscore(node)
            elif isinstance(node, ast.Return) and node.value is not None:
                raw = self.raw(node.value)
                if raw is not None:
                    self._say(node, f"{raw!r} is returned without _()")
        self._import_time(self.tree.body)
        return self.findings

    def _say(self, node: ast.AST, what: str) -> None:
        self.findings.append(Finding(self.path, node.lineno, what))

    # -- words reaching a widget -----------------------------------------------------------------------
    def _call(self, node: ast.Call) -> None:
        name = _called(node)
        if name in TRANSLATE:
            self._translated(node)
            return
        if name == "append" and len(node.args) == 1:  # (lines gathered for a tooltip or a summary)
            raw = self.raw(node.args[0])
            if raw is not None:
                self._say(node, f"{raw!r} is appended without _()")
            return
        owner = node.func.value if isinstance(node.func, ast.Attribute) else None
        if isinstance(owner, ast.Name) and owner.id in DIALOGS or name in WIDGETS or name in SETTERS:
            places = range(len(node.args))
        elif name in FIRST_ARGUMENT:
            places = range(min(1, len(node.args)))
        else:
            places = ARGUMENTS.get(name, ())
        for k in places:
            if k < len(node.args):
                raw = self.raw(node.args[k])
                if raw is not None:
                    self._say(node.args[k], f"{raw!r} reaches {name}() without _()")
        for keyword in node.keywords:
            if name in WIDGETS | SETTERS and keyword.arg in ("text", "title", "toolTip", "statusTip"):
                raw = self.raw(keyword.value)
                if raw is not None:
                    self._say(keyword.value, f"{raw!r} reaches {name}({keyword.arg}=) without _()")

    def raw(self, node: ast.expr) -> str | None:
        """The untranslated words `node` may give, if any (None: translated, not words, or unknown)."""
        if isinstance(node, ast.Constant):
            text = node.value
            return text if isinstance(text, str) and _words(text) and not text.startswith("<") else None
        if isinstance(node, ast.JoinedStr):  # (markup made for Qt, "<p ...>", is not words)
            text = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
            return ast.unparse(node) if _words(text) and not text.startswith("<") else None
        if isinstance(node, ast.BinOp):
            return self.raw(node.left) or self.raw(node.right)
        if isinstance(node, ast.IfExp):
            return self.raw(node.body) or self.raw(node.orelse)
        if isinstance(node, ast.BoolOp):
            return next((found for found in map(self.raw, node.values) if found), None)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return next((found for found in map(self.raw, node.elts) if found), None)
        if isinstance(node, ast.Starred):
            return self.raw(node.value)
        if isinstance(node, ast.Call):
            name = _called(node)
            if name in TRANSLATE:
                return None
            if name in ("format", "join", "replace", "strip", "upper", "lower", "capitalize") and \
                    isinstance(node.func, ast.Attribute):
                return self.raw(node.func.value)
            return None
        if isinstance(node, ast.Name) and node.id in self.constants and node.id not in NOT_WORDS:
            value = self.constants[node.id]
            if isinstance(value, ast.Call) and _called(value) == "N_":
                return f"{node.id} (marked with N_, shown without _())"
            found = self.raw(value)
            return f"{node.id} = {found!r}" if found else None
        return None

    def _translated(self, node: ast.Call) -> None:
        """What `_()` / `_n()` is given must be extractable: literal words, or a name marked with N_."""
        for argument in node.args[: 1 if _called(node) == "_" else 2]:
            if isinstance(argument, ast.JoinedStr):
                self._say(argument, f"an f-string inside {_called(node)}(): Babel cannot extract it")
            elif isinstance(argument, ast.Call) and _called(argument) == "format":
                self._say(argument, f".format() inside {_called(node)}(): format after translating")
            elif isinstance(argument, ast.BinOp):
                self._say(argument, f"words joined inside {_called(node)}(): one whole sentence instead")
            elif isinstance(argument, ast.Name) and argument.id in self.constants:
                value = self.constants[argument.id]
                if not (isinstance(value, ast.Call) and _called(value) == "N_"):
                    self._say(argument, f"{argument.id} is translated but not marked with N_ (never extracted)")

    # -- when `_()` runs --------------------------------------------------------------------------------
    def _import_time(self, body: list[ast.stmt]) -> None:
        """`_()` in module or class statements, default values or decorators runs at import: too early."""
        for statement in body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in [*statement.args.defaults, *statement.args.kw_defaults, *statement.decorator_list]:
                    if node is not None:
                        self._no_translation(node)
            elif isinstance(statement, ast.ClassDef):
                for node in [*statement.bases, *statement.keywords, *statement.decorator_list]:
                    self._no_translation(node)
                self._import_time(statement.body)
            else:
                self._no_translation(statement)

    def _no_translation(self, node: ast.AST) -> None:
        stack = [node]
        while stack:
            current = stack.pop()
            if isinstance(current, ast.Lambda):  # (runs later: only its defaults run now)
                stack.extend(d for d in [*current.args.defaults, *current.args.kw_defaults] if d is not None)
                continue
            if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self._import_time([current])
                continue
            if isinstance(current, ast.Call) and _called(current) in TRANSLATE and isinstance(current.func, ast.Name):
                self._say(current, f"{_called(current)}() runs at import time: mark with N_, translate where shown")
            stack.extend(ast.iter_child_nodes(current))

    def _binds_underscore(self, function: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        """A function that calls `_()` must not make `_` one of its own names (`path, _ = ...`)."""
        calls, bound = False, None
        stack: list[ast.AST] = list(function.body)
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef,
                                 ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
                continue  # (scopes of their own)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in TRANSLATE:
                calls = True
            if isinstance(node, ast.Name) and node.id in TRANSLATE and isinstance(node.ctx, ast.Store):
                bound = bound or node
            if isinstance(node, ast.ExceptHandler) and node.name in TRANSLATE:
                bound = bound or node
            stack.extend(ast.iter_child_nodes(node))
        if calls and bound is not None:
            self._say(bound, f"{function.name}() binds _ and calls _(): the call fails")


def findings_in(path: Path) -> list[Finding]:
    return Checker(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE.parent))).check()


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_word_of_the_panels_goes_through_the_catalogue(path: Path):
    found = findings_in(path)
    assert not found, "words a person reads that do not go through _():\n  " + "\n  ".join(map(str, found))


MISTAKES = '''
from ..i18n import N_, _, _n

RAW = "Words nobody marked"
MARKED = N_("Marked words")
EARLY = _("Translated at import")


class Panel(QWidget):
    title = _("A class attribute")

    def __init__(self, parent=None, heading=_("A default value")) -> None:
        label = QLabel("Raw label")
        self.setToolTip(f"{count} cards found")
        self.combo.addItem("All statuses", None)
        self.table.setHorizontalHeaderLabels(["Name", _("Value")])
        self.status.setText(_(f"{count} items"))
        self.hint.setText(MARKED)
        self.hint.setPlaceholderText(RAW)
        self.note.setText(_(RAW))
        self.other.setText("✓" if ready else "Not ready")
        QMessageBox.warning(self, "Could not save", str(error))
        menu.addAction(QAction("Delete", menu))
        self.button.setText(_("Fine") + " and raw")
        path, _ = QFileDialog.getOpenFileName(self, _("Open"), "", _("Maps ({p})").format(p="*.jmap"))
        self.fine.setText(_("{n} card").format(n=1) if one else _n("{n} card", "{n} cards", n).format(n=n))
        self.symbols.setText("×")
        lines.append(f"Owner: {who}")
        raise ValueError(f"a {dpi} dpi picture is too large")
        self.names.setText(", ".join(names))
        self.nothing.setText("")

    def tip(self) -> str:
        return "No readings yet" if empty else _("{n} readings").format(n=n)
'''


def test_the_checker_finds_each_kind_of_mistake():
    found = [(f.line, f.what) for f in Checker(MISTAKES).check()]
    said = "\n".join(what for _line, what in found)
    for expected in ("_() runs at import time", "'Raw label' reaches QLabel()", "cards found",
                     "'All statuses' reaches addItem()", "'Name' reaches setHorizontalHeaderLabels()",
                     "an f-string inside _()", "MARKED (marked with N_, shown without _())",
                     "RAW = 'Words nobody marked'", "RAW is translated but not marked with N_",
                     "'Not ready' reaches setText()", "'Could not save' reaches warning()",
                     "'Delete' reaches QAction()",
                     "' and raw' reaches setText()", "binds _ and calls _()", "'No readings yet' is returned",
                     "Owner: {who}'\" is appended", "picture is too large'\" reaches ValueError()"):
        assert expected in said, f"the checker missed: {expected}\n{said}"
    import_time = [line for line, what in found if "import time" in what]
    assert len(import_time) == 3, "at module level, in a class body and in a default value"
    lines = MISTAKES.splitlines()
    for line, what in found:  # (nothing fine is reported)
        assert not any(ok in lines[line - 1] for ok in ('"×"', "join(names)", 'setText("")', "_n(")), what


# -- dates and figures as the locale writes them ---------------------------------------------------------
@pytest.fixture
def german():
    """The German locale for the test (the editor takes QLocale's default at start), then back."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        yield
    finally:
        QLocale.setDefault(before)


def test_the_readings_table_shows_and_reads_figures_and_days_in_german(qtbot, german):
    from journeymapper.app.kpi_readings import ReadingsPanel
    from journeymapper.model.schema import KPI

    committed: list[list[dict]] = []
    panel = ReadingsPanel(committed.append)
    qtbot.addWidget(panel)
    kpi = KPI.model_validate({"id": "k1", "name": "Umsatz", "unit": "€", "direction": "higher", "readings": [
        {"date": "2026-03-01", "value": 1000, "note": ""}, {"date": "2026-04-01", "value": 1234.5, "note": ""}]})
    panel.set_kpi(kpi)
    assert [panel.cell(r, 0) for r in range(2)] == ["01.03.2026", "01.04.2026"]
    assert [panel.cell(r, 1) for r in range(2)] == ["1.000", "1.234,5"]
    panel.table.item(1, 1).setText("12,5")  # (as a person's edit does: the table commits every change)
    assert committed[-1][1]["value"] == 12.5 and committed[-1][0]["value"] == 1000
    panel.table.item(1, 1).setText("12.5")  # the neutral way still reads
    assert committed[-1][1]["value"] == 12.5
    panel.table.item(0, 0).setText("2.3.2026")  # a day as the locale writes it, without its zeros
    assert committed[-1][0]["date"] == datetime.date(2026, 3, 2)
    panel.table.item(0, 0).setText("2026-03-05")  # ISO still reads
    assert committed[-1][0]["date"] == datetime.date(2026, 3, 5)
    count = len(committed)
    panel.table.item(0, 0).setText("5/3/2026")  # not a German date: refused, with a German example
    assert len(committed) == count and "12.10.2026" in panel.error.text()


def test_locale_formats_follow_the_default_and_the_c_locale_stays_neutral(german):
    from journeymapper.app.local_formats import day_format, day_text, number_text, parse_day, parse_number

    assert (number_text(4200), number_text(2.5), parse_number("1.234,5"), parse_number("4.200")) == \
        ("4.200", "2,5", 1234.5, 4200)
    assert parse_number("abc") == "abc" and parse_number("") is None
    assert day_format() == "dd.MM.yyyy" and day_text(datetime.date(2026, 3, 1)) == "01.03.2026"
    assert parse_day("1.3.26") == datetime.date(2026, 3, 1) and parse_day("30.2.2026") is None
    QLocale.setDefault(QLocale.c())
    assert (number_text(4200), number_text(2.5), day_text(datetime.date(2026, 3, 1))) == ("4200", "2.5", "2026-03-01")
    assert parse_number("2,5") == 2.5 and parse_number("1,000") == 1000 and parse_day("01.03.2026") is None


def test_the_due_date_edit_shows_the_locales_date_with_a_four_digit_year(qtbot, german):
    from journeymapper.app.opportunity_plan import DueDateEdit

    edit = DueDateEdit()
    qtbot.addWidget(edit)
    edit.set_due(datetime.date(2027, 3, 31))
    assert edit.displayFormat() == "dd.MM.yyyy" and edit.text() == "31.03.2027"
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    american = DueDateEdit()
    qtbot.addWidget(american)
    american.set_due(datetime.date(2027, 3, 31))
    assert american.text() == "3/31/2027"  # (Qt's short format writes "3/31/27": a year of two digits is ambiguous)
