"""Errors a user sees when a file cannot be opened or saved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..i18n import _, _n


@dataclass(frozen=True)
class LoadProblem:
    """One reason a file cannot be opened, said twice: in plain words for the person who opened
    it, then the technical detail (where in the file) for whoever repairs it."""

    plain: str
    detail: str = ""

    def __str__(self) -> str:
        """One line, plain words first: `This file is cut off: ... (not valid JSON: ... line 3, column 9)`."""
        # TRANSLATORS: a problem of a file: what is wrong in plain words, then the detail (where in the file)
        return _("{problem} ({detail})").format(
            problem=self.plain, detail=self.detail) if self.detail else self.plain


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
        rest = len(self.problems) - 1 + self.more
        first = self.problems[0]
        if rest:
            first = _n("{problem} (and {n} more problem)", "{problem} (and {n} more problems)", rest).format(
                problem=first, n=rest)
        return _at(self.source, first)

    def plain(self) -> str:
        """What is wrong, in plain words only: the first problem's, without the technical detail."""
        return self.found[0].plain

    def lines(self) -> list[str]:
        """One self-contained line per problem, for terminals and dialogs."""
        out = [_at(self.source, problem) for problem in self.problems]
        if self.more:
            more = _n("... and {n} more problem", "... and {n} more problems", self.more).format(n=self.more)
            out.append(_at(self.source, more))
        return out


def _at(source: str | None, problem: str) -> str:
    """`maps/shop.jmap: This file is empty...`: a problem after the file it is in (when it is known)."""
    # TRANSLATORS: a problem of a file, after the file's name: "shop.jmap: This file is empty..."
    return _("{file}: {problem}").format(file=source, problem=problem) if source else problem


class SaveError(Exception):
    """A save that did not happen; the file on disk is as it was before."""


class FileChangedOnDisk(SaveError):
    """The file was changed by someone else since it was read: saving would throw their work away."""


class ReadOnlyFile(SaveError):
    """The file is marked read-only: someone meant it not to change."""
