"""Data-driven cases: each folder of tests/cases overlays files on a copy of the default data.

``expected.txt`` lists the problems loading must report, as ``path:line:column: code``,
one per line; an empty file means the data must load cleanly.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from channelscore.catalog import load_catalog
from channelscore.cli import app
from channelscore.problems import DataError, Problem

CASES = Path(__file__).parent / "cases"


def collect_problems(root: Path) -> list[Problem]:
    """Every problem of the data folder: loading, then resolving each profile."""
    try:
        catalog = load_catalog(root)
    except DataError as error:
        return error.problems
    problems: list[Problem] = []
    for profile_id in sorted(catalog.profiles):
        try:
            catalog.resolve(profile_id)
        except DataError as error:
            problems += error.problems
    return problems


def overlay(case: Path, data_copy: Path) -> None:
    for path in case.rglob("*"):
        if path.is_file() and path.name != "expected.txt":
            target = data_copy / path.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_case(case: str, data_copy: Path) -> None:
    folder = CASES / case
    overlay(folder, data_copy)
    expected = [line for line in (folder / "expected.txt").read_text().splitlines() if line]
    found = [f"{p.file}:{p.line}:{p.column}: {p.code}" for p in collect_problems(data_copy)]
    assert found == expected


INVALID = sorted(p.name for p in CASES.iterdir() if p.is_dir() and not p.name.startswith("valid"))


@pytest.mark.parametrize("case", INVALID)
def test_case_through_the_command_line(case: str, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    overlay(CASES / case, data_copy)
    monkeypatch.chdir(data_copy.parent)
    result = CliRunner().invoke(app, ["rank", "--profile", "local-retail", "--data", str(data_copy)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    first = (CASES / case / "expected.txt").read_text().splitlines()[0]
    assert first in result.output
