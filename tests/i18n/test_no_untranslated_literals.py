"""No English sentence reaches the user from the Qt-free layers without the catalogue: the command line,
the checker, file reading and import, the model's words, the undo texts and the desktop installer.

A source walk finds each place where text leaves the program for a person (print, stderr, argparse's
help texts, the checker's findings, load, save and import errors, import notes, insights, undo texts,
merge conflicts) and fails on a literal with words in it that does not go through `_()`, `_n()`,
`N_()` or a print language's `tr()` first. Text that must stay as it is (a header like git's, a
maintainer's tool) says so in a `# not translated: ...` comment on its line or the line above.

It also guards the mechanism: a module that takes `_` from `journeymapper.i18n` must not bind `_`
itself (`for _ in ...`, `a, _ = ...`), which would shadow it and break the calls in that scope.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "journeymapper"
LAYERS = ("cli", "check", "io", "model", "commands", "desktop")
TRANSLATING = {"_", "_n", "N_", "tr", "n"}
"""Calls that give a string to the catalogue (`tr.n(...)` is named by its attribute `n`)."""
WORDS = re.compile(r"[^\W\d_]{2,}")
"""A literal says something when it holds a word (two letters or more): "error", not ": " or "U+"."""
EXEMPT = "not translated:"

# Where text reaches a person: the call's name (a function or a method) -> the positions and keywords
# of its arguments that are shown.
SINKS: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    "print": ((0,), ()),
    "say_error": ((0,), ()),
    "say_warning": ((0,), ()),
    "say_problem": ((0,), ()),
    "say_note": ((0,), ()),
    "add_argument": ((), ("help",)),
    "add_parser": ((), ("help", "description", "epilog")),
    "ArgumentParser": ((), ("description", "epilog", "usage")),
    "ArgumentTypeError": ((0,), ()),
    "UsageError": ((0,), ()),
    "Problem": ((2,), ("message",)),
    "problem": ((1,), ()),
    "_report": ((2,), ()),
    "LoadError": ((0,), ()),
    "LoadProblem": ((0,), ("plain",)),
    "SaveError": ((0,), ()),
    "ReadOnlyFile": ((0,), ()),
    "FileChangedOnDisk": ((0,), ()),
    "ImportFailed": ((0,), ()),
    "ImportProblem": ((0,), ("message",)),
    "ValueProblem": ((0,), ()),
    "DesktopError": ((0,), ()),
    "Insight": ((1,), ("text",)),
    "skip": ((0,), ()),
    "value_problem": ((0,), ()),
    "report": ((1,), ()),
    "conflict": ((0,), ()),
    "_left_out": ((5,), ()),
}
SAID_NAMES = {"message", "text", "summary", "note", "said", "what", "line", "reason", "where", "how"}
"""Variables that hold what a sink will show (`message = f"..."; yield problem(code, message)`)."""
MODEL_SINKS = {"ValueError": ((0,), ())}
"""In the model a ValueError is a validator's reason, shown in load errors and the inspector."""


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _says(node: ast.expr | None) -> str | None:
    """The untranslated words `node` would show, or None when it shows none (or goes through the
    catalogue, or cannot be known here: a name, a call)."""
    if node is None:
        return None
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) and WORDS.search(node.value) else None
    if isinstance(node, ast.JoinedStr):
        literal = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
        return literal if WORDS.search(literal) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):  # (not a path: folder / "x")
        return _says(node.left) or _says(node.right)
    if isinstance(node, ast.IfExp):
        return _says(node.body) or _says(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple)):
        return next((said for said in map(_says, node.elts) if said), None)
    if isinstance(node, ast.Lambda):
        return _says(node.body)
    if isinstance(node, ast.Call):
        name = _name(node.func)
        if name in TRANSLATING:
            return None
        if name == "format" and isinstance(node.func, ast.Attribute):
            return _says(node.func.value)  # "... {x}".format(x=1): the template is what is said
        if name == "join" and isinstance(node.func, ast.Attribute):
            return _says(node.func.value)
    return None


def _exempt(lines: list[str], node: ast.AST) -> bool:
    first, last = node.lineno, getattr(node, "end_lineno", node.lineno)
    return any(EXEMPT in lines[n - 1] for n in range(max(first - 1, 1), last + 1))


def untranslated(source: str, model: bool = False) -> list[tuple[int, str]]:
    """(line, words) of each literal with words that reaches a person without the catalogue."""
    tree = ast.parse(source)
    lines = source.splitlines()
    sinks = {**SINKS, **(MODEL_SINKS if model else {})}
    found: list[tuple[int, str]] = []

    def shown(node: ast.AST, value: ast.expr | None) -> None:
        said = _says(value)
        if said and not _exempt(lines, node):
            found.append((node.lineno, said))

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name == "write" and isinstance(node.func, ast.Attribute) and _name(node.func.value) in ("stderr",
                                                                                                    "stdout"):
                positions, keywords = (0,), ()
            elif name == "append" and isinstance(node.func, ast.Attribute) and _name(node.func.value) in (
                    "notes", "warnings"):
                positions, keywords = (0,), ()
            elif name == "__init__" and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Call) \
                    and _name(node.func.value.func) == "super":
                positions, keywords = (0,), ()  # (an undo command's text)
            elif name in sinks:
                positions, keywords = sinks[name]
            else:
                continue
            for position in positions:
                if position < len(node.args):
                    shown(node, node.args[position])
            for keyword in node.keywords:
                if keyword.arg in keywords:
                    shown(node, keyword.value)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in SAID_NAMES for t in targets):
                shown(node, node.value)
        elif isinstance(node, ast.FunctionDef) and node.name == "words":  # a merge conflict, said later
            for inner in ast.walk(node):
                if isinstance(inner, ast.Return):
                    shown(inner, inner.value)
    return found


def unextractable(source: str) -> list[int]:
    """Lines that hand a sentence to a catalogue Babel cannot see: `words(lang)("...")`, `_(f"...")`,
    `_(x or "...")` (only a literal as the call's own argument is extracted)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        first = node.args[0]
        if isinstance(node.func, ast.Call) and isinstance(first, ast.Constant) and _says(first):
            lines.append(node.lineno)  # (a call's result called with a sentence)
        elif _name(node.func) in TRANSLATING and not isinstance(first, (ast.Constant, ast.Name, ast.Attribute,
                                                                        ast.Subscript, ast.Call)):
            lines.append(node.lineno)  # (an f-string, a sum, a choice: Babel extracts none of them)
    return lines


def _binds(target: ast.AST, names: set[str]) -> bool:
    return any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(target))


def shadowed(source: str) -> list[int]:
    """Lines where a module that imports `_` or `_n` from the catalogue binds that name again."""
    tree = ast.parse(source)
    taken = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
             and (node.module or "").endswith("i18n") for alias in node.names} & {"_", "_n", "N_"}
    if not taken:
        return []
    lines = []
    for node in ast.walk(tree):
        targets: list[ast.AST] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.NamedExpr)):
            targets = [node.target]
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            targets = [node.target]
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            targets = [node.optional_vars]
        elif isinstance(node, ast.ExceptHandler) and node.name in taken:
            lines.append(node.lineno)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            arguments = node.args
            every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
                     *filter(None, (arguments.vararg, arguments.kwarg))]
            lines += [node.lineno for a in every if a.arg in taken]
        lines += [getattr(node, "lineno", 0) for t in targets if _binds(t, taken)]
    return lines


def _sources() -> list[Path]:
    return sorted(path for layer in LAYERS for path in (PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_sentence_reaches_the_user_untranslated(path: Path) -> None:
    found = untranslated(path.read_text(encoding="utf-8"), model=path.parent.name == "model")
    assert not found, "\n".join(f"{path.relative_to(PACKAGE)}:{line}: {words!r} (wrap it in _() or N_)"
                                for line, words in found)


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_shadows_the_catalogue(path: Path) -> None:
    assert not shadowed(path.read_text(encoding="utf-8")), f"{path}: `_` bound again (rename the variable)"


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_sentence_is_where_babel_extracts_it(path: Path) -> None:
    assert not unextractable(path.read_text(encoding="utf-8")), f"{path}: a sentence Babel cannot extract"


# -- the walk itself: it finds what it must, and only that ------------------------------------------------
@pytest.mark.parametrize("source", [
    'print("hello world")',
    'print(f"{path}: cannot be read")',
    'say_error("the file is gone")',
    'sys.stderr.write("something went wrong\\n")',
    'parser.add_argument("--x", help="the thing to do")',
    'commands.add_parser("x", description="Does " + what)',
    'yield problem("JM001", f"A flow goes from {a} back", t.id)',
    'Problem("JM018", "info", "late", (t.id,))',
    'raise LoadError([LoadProblem("This file is empty.")], source)',
    'raise ImportFailed("{file} is a folder".format(file=name))',
    'record.skip("no persona name" if x else _("other"))',
    'self.notes.append("tasks are cards")',
    'Insight("overdue", f"{a} was due", (t.id,))',
    'super().__init__(f"Add {describe(element)}", parent)',
    'def words(places):\n    return f"{where}: removed in ours"',
    'merge.conflict(lambda places: f"{places}: left out", "x", "", None, None, None, "flows")',
    'message = f"Stage {q(stage.name)} has no cards yet"',
])
def test_the_walk_finds_a_raw_sentence(source: str) -> None:
    assert untranslated(source), source


@pytest.mark.parametrize("source", [
    'print(_("hello world"))',
    'print(_("{path}: cannot be read").format(path=p))',
    'print(f"{a}: {b}")',
    'print(line)',
    'sys.stdout.write("\\n")',
    'say_error(_n("{n} file", "{n} files", n).format(n=n))',
    'parser.add_argument("--x", metavar="MAP.jmap", help=_("the thing"))',
    'yield problem("JM001", tr("A flow goes from {a}").format(a=1), t.id)',
    'message = tr.n("{n} stage", "{n} stages", n)',
    'raise LoadError([_(EMPTY)], source)',
    'print(f"journeymapper diff a/{p}")  # not translated: a header',
    'raise ValueError("no migration")',  # (outside the model: a programmer's error)
])
def test_the_walk_leaves_translated_and_wordless_text_alone(source: str) -> None:
    assert not untranslated(source), source


def test_a_validator_reason_in_the_model_is_a_sentence_to_translate() -> None:
    assert untranslated('raise ValueError("must be text")', model=True)
    assert not untranslated('raise ValueError(_("must be text"))', model=True)


def test_a_shadowed_underscore_is_found() -> None:
    assert shadowed("from ..i18n import _\nfor _ in range(2):\n    pass\n") == [2]
    assert shadowed("from ..i18n import _\nfirst, _, rest = text.partition(':')\n") == [2]
    assert shadowed("from ..i18n import _, _n\nnext(i for i, (_n, raw) in enumerate(x))\n")
    assert not shadowed("for _ in range(2):\n    pass\n")  # (a module without the catalogue may)
    assert not shadowed("from ..i18n import _\nfor _attempt in range(2):\n    print(_('x'))\n")


def test_a_sentence_babel_cannot_extract_is_found() -> None:
    assert unextractable('said = _words(tr)("{pain} is serious")') == [1]
    assert unextractable('_(f"{n} cards")') == [1]
    assert unextractable('tr("a " + "b")') == [1]
    assert not unextractable('tr("{pain} is serious").format(pain=p)')
    assert not unextractable('_(KINDS[kind])')
