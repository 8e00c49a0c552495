"""The commands, the module that serves each, and its one-line summary.

The command line imports a command's module only when that command is asked for: its options
bring what they need (ReportLab's paper sizes for `export`, the rule catalogue for `check`).
The top-level help lists every command from this table alone, so `--help` and `--version`
import none of them. A command module names its summary from here, so the two never differ.
"""

from __future__ import annotations

from typing import NamedTuple

from ..i18n import N_, _


class Command(NamedTuple):
    module: str
    """The module in journeymapper.cli whose `register` adds this command's parser."""
    summary: str
    """The line `journeymapper --help` shows beside the command's name (English: `summary()` says it in
    the user's language)."""


COMMANDS: dict[str, Command] = {
    "check": Command("check_command", N_("report flow problems in journey maps")),
    "new": Command("file_commands", N_("create a new map from a template")),
    "templates": Command("file_commands", N_("list the built-in templates")),
    "upgrade": Command("file_commands", N_("rewrite a map in the current file format")),
    "export": Command("export_command",
                      N_("print a map to PDF (or a PNG/SVG picture, a Mermaid diagram, a spreadsheet)")),
    "import": Command("import_command",
                      N_("make a new map from a spreadsheet (.xlsx, .csv) or a Mermaid diagram (.mmd)")),
    "diff": Command("diff_command", N_("say what changed from one map to another (by element id)")),
    "merge": Command("merge_command", N_("combine two edited copies of one map (also git's merge driver)")),
    "install-desktop": Command(
        "desktop_command", N_("add journeymapper to the desktop's menu and open .jmap files with it (Linux)")
    ),
    "uninstall-desktop": Command("desktop_command", N_("remove what install-desktop installed")),
}
"""In the order `--help` lists them."""


def summary(name: str) -> str:
    return _(COMMANDS[name].summary)
