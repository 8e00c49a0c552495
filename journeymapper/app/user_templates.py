"""The user's own templates: maps kept with File > Save as Template, in the data folder, offered on
the start page beside the built-in ones."""

from __future__ import annotations

import re
from pathlib import Path

from ..io.templates import Template, list_templates
from .data_folder import data_folder

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def user_templates_folder() -> Path | None:
    return data_folder("templates")


def template_path(name: str) -> Path | None:
    """Where the template called `name` is kept (a file name any system accepts); None if it cannot be."""
    folder = user_templates_folder()
    if folder is None:
        return None
    stem = _UNSAFE.sub(" ", name).strip().strip(".") or "template"
    return folder / f"{stem[:80]}.jmap"


def all_templates() -> list[Template]:
    """The user's templates first (theirs, and few), then the built-in ones."""
    folder = user_templates_folder()
    mine = [Template(t.name, t.description, t.path, mine=True) for t in list_templates(folder)] if folder else []
    return mine + list_templates()
