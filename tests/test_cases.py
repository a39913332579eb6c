"""Data-driven cases: each folder of tests/cases overlays files on a copy of the default data.

``expected.txt`` lists every problem ``validate`` must report, as ``path:line:column: code``,
one per line and in order; an empty file means the data is clean. Folders named ``valid-*``
must be clean, ``warning-*`` must hold warnings only (and perhaps notes), ``note-*`` notes only,
every other folder at least one error.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from channelscore.api import validate
from channelscore.cli import app

CASES = Path(__file__).parent / "cases"
ALL = sorted(p.name for p in CASES.iterdir() if p.is_dir())
INVALID = [name for name in ALL if not name.startswith(("valid", "warning", "note"))]
# Codes reported as warnings or notes, which leave a profile usable.
NOT_ERRORS = ("incomplete-translation", "uniform-criterion", "dominant-weight", "expectation-now-holds",
              "expectation-unmet", "inherited-expectation-failed", "scenario-departs")
LOADING_CODES = ("file-", "yaml-", "not-a-mapping", "multi-document", "merge-conflict", "duplicate-key")


def overlay(case: Path, data_copy: Path) -> None:
    for path in case.rglob("*"):
        if path.is_file() and path.name != "expected.txt":
            target = data_copy / path.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def expected(case: str) -> list[str]:
    return [line for line in (CASES / case / "expected.txt").read_text().splitlines() if line]


def test_the_corpus_is_large_enough() -> None:
    assert len(INVALID) >= 60
    assert len([name for name in ALL if name.startswith("valid")]) >= 3


@pytest.mark.parametrize("case", ALL)
def test_case(case: str, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    overlay(CASES / case, data_copy)
    monkeypatch.chdir(data_copy.parent)
    report = validate(data_copy)
    overlaid = {f"data/{path.relative_to(CASES / case).as_posix()}" for path in (CASES / case).rglob("*.yaml")}
    notes = [p for p in report.notes if p.file in overlaid]
    found = [f"{p.file}:{p.line}:{p.column}: {p.code}" for p in sorted([*report.problems, *notes])]
    assert found == expected(case)
    if case.startswith("valid"):
        assert not report.problems
    elif case.startswith("warning"):
        assert report.problems and report.errors == 0 and report.warnings > 0
    elif case.startswith("note"):
        assert not report.problems and notes
    else:
        assert report.errors > 0


@pytest.mark.parametrize("case", INVALID)
def test_validate_command(case: str, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    overlay(CASES / case, data_copy)
    monkeypatch.chdir(data_copy.parent)
    result = CliRunner().invoke(app, ["validate", "--data", str(data_copy), "--format", "json"])
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    assert document["ok"] is False
    found = [f"{p['file']}:{p['line']}:{p['column']}: {p['code']}" for p in document["problems"]]
    assert found == expected(case)
    assert all(p["message"] for p in document["problems"])


@pytest.mark.parametrize("case", [name for name in ALL if name.startswith("warning")])
def test_warnings_fail_only_under_strict(case: str, data_copy: Path) -> None:
    overlay(CASES / case, data_copy)
    runner = CliRunner()
    assert runner.invoke(app, ["validate", "--data", str(data_copy), "--format", "text"]).exit_code == 0
    strict = runner.invoke(app, ["validate", "--data", str(data_copy), "--format", "text", "--strict"])
    assert strict.exit_code == 1
    assert "warning:" in strict.stdout
    assert runner.invoke(app, ["rank", "--data", str(data_copy)]).exit_code == 0, "warnings never stop rank"


@pytest.mark.parametrize("case", [name for name in ALL if name.startswith("note")])
def test_notes_never_fail(case: str, data_copy: Path) -> None:
    overlay(CASES / case, data_copy)
    runner = CliRunner()
    for strict in ([], ["--strict"]):
        result = runner.invoke(app, ["validate", "--data", str(data_copy), "--format", "text", "--notes", *strict])
        assert result.exit_code == 0 and "client-x.yaml" in result.stdout and " note: " in result.stdout
    quiet = runner.invoke(app, ["validate", "--data", str(data_copy), "--format", "text"])
    assert quiet.exit_code == 0 and "client-x.yaml" not in quiet.stdout and "--notes lists them" in quiet.stdout
    github = runner.invoke(app, ["validate", "--data", str(data_copy), "--format", "github", "--strict", "--notes"])
    assert github.exit_code == 0 and "::notice file=" in github.stdout and "client-x.yaml" in github.stdout


@pytest.mark.parametrize("case", INVALID)
def test_other_commands_report_the_same_problems(case: str, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``rank`` of the profile holding the first error fails with exit 1, and every problem it prints is one
    that ``validate`` reports (rank stops at the first stage that fails; expectations are validate's alone)."""
    overlay(CASES / case, data_copy)
    monkeypatch.chdir(data_copy.parent)
    errors = [line for line in expected(case) if not line.endswith(NOT_ERRORS)]
    first = errors[0]
    if all(": expectation-failed" in line for line in errors):
        result = CliRunner().invoke(app, ["rank", "--profile", Path(first.split(":")[0]).stem, "--data",
                                          str(data_copy)])
        assert result.exit_code == 0, result.output
        return
    if first.endswith("no-channel-left"):  # only a ranking can tell: rank refuses it as a request
        result = CliRunner().invoke(app, ["rank", "--profile", Path(first.split(":")[0]).stem, "--data",
                                          str(data_copy)])
        assert result.exit_code == 2 and "nothing is left to rank" in result.output
        return
    path = first.split(":")[0]
    profile = Path(path).stem if "/profiles/" in path and not first.endswith(LOADING_CODES) else "local-retail"
    result = CliRunner().invoke(app, ["rank", "--profile", profile, "--data", str(data_copy)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    printed = [line for line in result.output.splitlines() if line.startswith(path.split("/")[0] + "/")]
    assert printed
    for line in printed:
        place, rest = line.split(": ", 1)
        assert f"{place}: {rest.split(' ')[0]}" in expected(case), line
