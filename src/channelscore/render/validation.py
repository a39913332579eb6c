"""A validation report as text lines, GitHub Actions annotations or the JSON document of ``validate``."""

from __future__ import annotations

from typing import Any

from channelscore.errors import Problem
from channelscore.model import StatementTally
from channelscore.render.clean import clean
from channelscore.render.views import ValidationView
from channelscore.words import Words


def text_line(problem: Problem) -> str:
    """``path:line:column: code message (hint: ...)``, warnings marked, nothing from the data left raw."""
    level = f"{problem.level}: " if problem.level != "error" else ""
    text = f"{problem.file}:{problem.line}:{problem.column}: {problem.code} {level}{problem.message}"
    if problem.hint:
        text += f" (hint: {problem.hint})"
    return clean(text)


def summary(report: ValidationView, strict: bool, show_notes: bool = False) -> str:
    files = f"{len(report.files)} file{'s' if len(report.files) != 1 else ''} checked"
    notes = ""
    if report.notes:
        count = len(report.notes)
        notes = f"{count} note{'s' if count != 1 else ''}" + (
            "" if show_notes else " (judgements the data does not meet on purpose; --notes lists them)")
    if not report.problems:
        return f"{files}: no problems" + (f", {notes}" if notes else "") + "." + statements_line(report.statements)
    counts = f"{report.errors} error{'s' if report.errors != 1 else ''}, " \
             f"{report.warnings} warning{'s' if report.warnings != 1 else ''}" + (f", {notes}" if notes else "")
    strict_note = " (warnings fail under --strict)" if strict and report.warnings else ""
    return f"{files}: {counts}{strict_note}." + statements_line(report.statements)


def statements_line(tally: StatementTally) -> str:
    """The statements checked, the study's apart from the data's own: a second line, or nothing."""
    if not tally.study and not tally.own:
        return ""

    def part(count: int, failing: int) -> str:
        if not count:
            return "none"
        return f"{count} checked, " + ("none fails" if not failing else f"{failing} fail{'s' if failing == 1 else ''}")

    return f"\nThe study's statements: {part(tally.study, tally.study_failing)}; " \
           f"your own: {part(tally.own, tally.own_failing)}."


def _listed(report: ValidationView, show_notes: bool) -> list[Problem]:
    return sorted([*report.problems, *report.notes]) if show_notes else list(report.problems)


def text_report(report: ValidationView, words: Words | None = None, strict: bool = False,
                show_notes: bool = False) -> str:
    """One ``path:line:column: code message`` line per problem (and note, under ``show_notes``), then the summary."""
    return "".join(text_line(p) + "\n" for p in _listed(report, show_notes)) + summary(report, strict, show_notes) \
        + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_report(report: ValidationView, words: Words | None = None, strict: bool = False,
                  show_notes: bool = False) -> str:
    """One workflow command per problem (``::error file=…,line=…,col=…,title=…::message``; notes as ``::notice``
    under ``show_notes``), then the summary."""
    lines = []
    for problem in _listed(report, show_notes):
        command = "notice" if problem.level == "note" else "error" if problem.level == "error" or strict \
            else "warning"
        message = problem.message + (f" (hint: {problem.hint})" if problem.hint else "")
        properties = ",".join(f"{key}={_escape_property(clean(str(value)))}" for key, value in
                              (("file", problem.file), ("line", problem.line), ("col", problem.column),
                               ("title", f"channelscore {problem.code}")))
        lines.append(f"::{command} {properties}::{_escape_data(clean(message))}")
    lines.append(summary(report, strict, show_notes))
    return "\n".join(lines) + "\n"


def json_report(report: ValidationView, words: Words | None = None, strict: bool = False,
                show_notes: bool = False) -> str:
    """The ``validate --format json`` text."""
    # Cleaned as for the terminal: JSON escapes C0 controls but would pass C1 and bidi controls through.
    from channelscore.render.json import dumps

    return dumps(json_document(report, strict))


def json_document(report: ValidationView, strict: bool = False) -> dict[str, Any]:
    """The ``validate --format json`` document: ``ok``, the files checked, every problem, and the notes."""
    return {
        "ok": not report.failed(strict),
        "files": list(report.files),
        "problems": [_problem_object(p) for p in report.problems],
        "notes": [_problem_object(p) for p in report.notes],
        "statements": {"study": report.statements.study, "study_failing": report.statements.study_failing,
                       "own": report.statements.own, "own_failing": report.statements.own_failing},
    }


def _problem_object(p: Problem) -> dict[str, Any]:
    return {"file": clean(p.file), "line": p.line, "column": p.column, "code": p.code, "level": p.level,
            "field": clean(p.field), "message": clean(p.message), "hint": clean(p.hint)}
