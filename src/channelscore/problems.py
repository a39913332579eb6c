"""The one problem type shared by the loader, the checks and every renderer, and the errors that carry problems."""

from __future__ import annotations

from typing import Literal, NamedTuple

Level = Literal["error", "warning"]


class Problem(NamedTuple):
    """A located finding about a data file: where, what, and how to fix it."""

    file: str
    line: int
    column: int
    code: str
    message: str
    level: Level = "error"
    field: str = ""
    hint: str = ""

    def as_line(self) -> str:
        """``path:line:column: CODE message`` followed by the hint, the form editors and CI understand."""
        text = f"{self.file}:{self.line}:{self.column}: {self.code} {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class DataError(Exception):
    """The data cannot be used; carries every problem found, sorted by file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the data")


class UsageError(Exception):
    """The command line names something that does not exist (profile, channel, criterion, file)."""

    def __init__(self, message: str, hint: str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(message)


def suggestion(name: str, choices: list[str]) -> str:
    """A "did you mean" hint for a misspelt name, or an empty string."""
    import difflib

    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else ""
