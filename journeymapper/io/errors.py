"""Errors a user sees when a file cannot be opened or saved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class LoadProblem:
    """One reason a file cannot be opened, said twice: in plain words for the person who opened
    it, then the technical detail (where in the file) for whoever repairs it."""

    plain: str
    detail: str = ""

    def __str__(self) -> str:
        """One line, plain words first: `This file is cut off: ... (not valid JSON: ... line 3, column 9)`."""
        return f"{self.plain} ({self.detail})" if self.detail else self.plain


class LoadError(Exception):
    """A file that is not a readable journey map, with every problem found.

    `problems` holds one line per problem (plain words, then the detail in parentheses), as
    `lines()` shows them; `found` holds the same problems with the two parts apart."""

    def __init__(self, problems: Sequence[str | LoadProblem], source: str | None = None,
                 more: int = 0) -> None:
        self.found = [p if isinstance(p, LoadProblem) else LoadProblem(p) for p in problems]
        self.problems = [str(p) for p in self.found]
        self.source = source
        self.more = more
        super().__init__(self.summary())

    def summary(self) -> str:
        head = f"{self.source}: " if self.source else ""
        rest = len(self.problems) - 1 + self.more
        tail = f" (and {rest} more problem{'s' if rest != 1 else ''})" if rest else ""
        return f"{head}{self.problems[0]}{tail}"

    def plain(self) -> str:
        """What is wrong, in plain words only: the first problem's, without the technical detail."""
        return self.found[0].plain

    def lines(self) -> list[str]:
        """One self-contained line per problem, for terminals and dialogs."""
        head = f"{self.source}: " if self.source else ""
        out = [head + problem for problem in self.problems]
        if self.more:
            out.append(f"{head}... and {self.more} more problem{'s' if self.more != 1 else ''}")
        return out


class SaveError(Exception):
    """A save that did not happen; the file on disk is as it was before."""


class FileChangedOnDisk(SaveError):
    """The file was changed by someone else since it was read: saving would throw their work away."""


class ReadOnlyFile(SaveError):
    """The file is marked read-only: someone meant it not to change."""
