"""The one problem type, the registry of problem codes, the errors the package raises, and "did you mean"."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal, NamedTuple

Level = Literal["error", "warning", "note"]

# Every problem code, stable across versions (documented with an example in the README).
CODES: dict[str, str] = {
    "file-unreadable": "the file cannot be read",
    "file-outside-folder": "a symbolic link to a file outside the data folder",
    "folder-missing": "no profiles/ folder, or no profile file in it",
    "default-profile-missing": "warning: no profile `balanced`, the one used without --profile",
    "file-too-large": "the file is over 1 MiB",
    "too-many-problems": "more than 100 problems in one file: the rest are counted, not listed",
    "file-encoding": "bytes that are not UTF-8, or a NUL character",
    "file-empty": "the file is empty or holds only comments",
    "not-a-mapping": "the file holds a list or a single value",
    "multi-document": "more than one YAML document",
    "merge-conflict": "a leftover merge-conflict marker",
    "yaml-syntax": "YAML that does not parse",
    "yaml-anchor": "an anchor (&name)",
    "yaml-alias": "an alias (*name)",
    "yaml-tag": "a tag (!!python/..., !!binary, !!set, !custom)",
    "yaml-merge-key": "a merge key (<<)",
    "yaml-complex-key": "a key that is a list or mapping",
    "yaml-too-deep": "nesting deeper than 32 levels",
    "yaml-invalid": "any other failure of the YAML reader",
    "duplicate-key": "the same key twice in one mapping",
    "unknown-field": "a field the format does not have",
    "missing-field": "a required field is absent",
    "invalid-value": "a value of the wrong type or range",
    "invalid-id": "a key that is not a valid id",
    "duplicate-id": "an id or alias defined twice",
    "missing-rating": "a channel without a rating for a criterion",
    "unknown-criterion": "a criterion that does not exist",
    "unknown-channel": "a channel that does not exist",
    "unknown-trait": "a trait no channel has",
    "extends-unknown": "`extends` names no profile",
    "extends-cycle": "`extends` leads back to the profile",
    "composition-conflict": "profiles named together by `extends` change the same rating differently",
    "missing-weight": "a criterion without a weight once inheritance is applied",
    "zero-weights": "every weight is zero",
    "no-channel-left": "a profile that declares every channel not applicable",
    "expectation-failed": "the ranking or the ratings contradict a judgement of the study",
    "expectation-unmet": "note: a judgement the data deliberately does not meet, with the argument (never fails)",
    "inherited-expectation-failed": "warning: a profile's ranking contradicts a judgement of a profile it extends",
    "scenario-departs": "note: a scenario's ranking no longer meets a statement of the profile it is based on",
    "expectation-now-holds": "warning: a judgement recorded as unmet holds: remove its `unmet`",
    "missing-judgment": "a workshop answer leaves a criterion or a pair of criteria out",
    "off-scale": "a workshop answer off its scale (Saaty's 1-9, swing 0-100)",
    "contradicting-judgment": "the same pair of criteria judged twice, differently",
    "inconsistent-judgments": "AHP judgments with a consistency ratio above 0.10",
    "too-few-criteria": "a workshop weighing fewer than two criteria",
    "uniform-criterion": "warning: every channel has the same rating on a criterion",
    "dominant-weight": "warning: one criterion carries 90% of the weight or more",
    "incomplete-translation": "warning: texts of a file written in one language only (--lang shows them marked)",
}


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


class RequestError(Exception):
    """A request that cannot be answered: a name that does not exist, or a value out of its range.

    The message and hint may name the argument they are about as ``{argument}``; whoever shows
    the error says how that argument is spelt (a Python parameter, a command-line option).
    """

    def __init__(self, message: str, hint: str = "", argument: str | None = None) -> None:
        self.template = message
        self.hint_template = hint
        self.argument = argument
        super().__init__(self.text()[0])

    def text(self, spellings: Mapping[str, str] | None = None) -> tuple[str, str]:
        """The message and the hint, with the argument spelt as ``spellings`` says (else as `name`)."""
        if self.argument is None:
            return self.template, self.hint_template
        spelt = (spellings or {}).get(self.argument, f"`{self.argument}`")
        return self.template.replace("{argument}", spelt), self.hint_template.replace("{argument}", spelt)

    @property
    def message(self) -> str:
        return self.text()[0]

    @property
    def hint(self) -> str:
        return self.text()[1]


def raise_errors(problems: Iterable[Problem]) -> None:
    """Raise a :class:`DataError` with the error-level problems, if there are any; warnings never stop a command."""
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise DataError(errors)


MAX_PROBLEMS_PER_FILE = 100


def too_many(file: str, count: int) -> Problem:
    """The problem that stands for ``count`` problems of ``file`` left unlisted."""
    return Problem(file, 1, 1, "too-many-problems", f"{count:,} more problems in this file are not listed",
                   hint="fix the ones listed and run again; the file may not be the kind of file expected")


def cap_problems(problems: Iterable[Problem], limit: int = MAX_PROBLEMS_PER_FILE) -> list[Problem]:
    """At most ``limit`` problems per file, in order, then one ``too-many-problems`` that counts the rest:
    a file with a hundred thousand wrong lines needs fixing at its start, not a page per line."""
    kept: list[Problem] = []
    shown: dict[str, int] = {}
    hidden: dict[str, int] = {}
    for problem in problems:
        if problem.code == "too-many-problems":  # already counted where the file was read
            hidden[problem.file] = hidden.get(problem.file, 0) + int(problem.message.split()[0].replace(",", ""))
        elif shown.get(problem.file, 0) < limit:
            shown[problem.file] = shown.get(problem.file, 0) + 1
            kept.append(problem)
        else:
            hidden[problem.file] = hidden.get(problem.file, 0) + 1
    return kept + [too_many(file, count) for file, count in hidden.items()]


def suggestion(name: str, choices: list[str]) -> str:
    """A "did you mean" hint for a misspelt name, or an empty string."""
    import difflib

    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else ""
