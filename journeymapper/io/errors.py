"""Errors a user sees when a file cannot be opened or saved."""

from __future__ import annotations


class LoadError(Exception):
    """A file that is not a readable journey map, with every problem found (path and reason)."""

    def __init__(self, problems: list[str], source: str | None = None, more: int = 0) -> None:
        self.problems = problems
        self.source = source
        self.more = more
        super().__init__(self.summary())

    def summary(self) -> str:
        head = f"{self.source}: " if self.source else ""
        rest = len(self.problems) - 1 + self.more
        tail = f" (and {rest} more problem{'s' if rest != 1 else ''})" if rest else ""
        return f"{head}{self.problems[0]}{tail}"

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
