"""Fuzzing the whole validation path with damaged copies of the shipped files.

Valid files are truncated, lose, repeat or re-indent lines, or have bytes flipped; ``validate``
must always return a report whose problems are located inside a checked file, and the command
must exit 0 or 1. At least 2,000 inputs per run; set CHANNELSCORE_FUZZ_EXAMPLES=100000 for a
long run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from channelscore.api import validate
from channelscore.cli import app
from channelscore.data.folders import embedded_data_dir

EXAMPLES = int(os.environ.get("CHANNELSCORE_FUZZ_EXAMPLES", "2000"))
SOURCE = embedded_data_dir()
TARGETS = ["profiles/local-retail.yaml", "profiles/b2b.yaml", "profiles/pure-player.yaml",
           "profiles/digitally-excluded.yaml", "profiles/cost-control.yaml", "criteria/criteria.yaml",
           "criteria/channels.yaml"]
ORIGINALS = {name: (SOURCE / name).read_bytes() for name in TARGETS}


def truncate(data: bytes, at: float, _: int) -> bytes:
    return data[: int(len(data) * at)]


def _lines(data: bytes, at: float) -> tuple[list[bytes], int]:
    lines = data.splitlines(keepends=True)
    return lines, min(int(len(lines) * at), max(len(lines) - 1, 0))


def delete_line(data: bytes, at: float, _: int) -> bytes:
    lines, index = _lines(data, at)
    return b"".join(lines[:index] + lines[index + 1:])


def duplicate_line(data: bytes, at: float, _: int) -> bytes:
    lines, index = _lines(data, at)
    return b"".join(lines[: index + 1] + lines[index:])


def reindent_line(data: bytes, at: float, amount: int) -> bytes:
    lines, index = _lines(data, at)
    if not lines:
        return data
    stripped = lines[index].lstrip(b" ")
    indent = max(len(lines[index]) - len(stripped) + amount - 4, 0)
    lines[index] = b" " * indent + stripped
    return b"".join(lines)


def flip_byte(data: bytes, at: float, value: int) -> bytes:
    if not data:
        return bytes([value])
    index = min(int(len(data) * at), len(data) - 1)
    return data[:index] + bytes([value]) + data[index + 1:]


Mutation = Callable[[bytes, float, int], bytes]
MUTATIONS: list[Mutation] = [truncate, delete_line, duplicate_line, reindent_line, flip_byte]

mutation = st.tuples(st.sampled_from(MUTATIONS), st.floats(0, 1), st.integers(0, 255))


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        root = Path(name) / "data"
        for part in ("criteria", "profiles"):
            shutil.copytree(SOURCE / part, root / part)
        yield root


@contextmanager
def damaged(folder: Path, target: str, mutations: list[tuple[Mutation, float, int]]) -> Iterator[None]:
    """``target`` in ``folder`` with ``mutations`` applied, restored afterwards."""
    data = ORIGINALS[target]
    for function, at, value in mutations:
        data = function(data, at, value)
    path = folder / target
    path.write_bytes(data)
    try:
        yield
    finally:
        path.write_bytes(ORIGINALS[target])


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(TARGETS), mutations=st.lists(mutation, min_size=1, max_size=3))
def test_damaged_files_give_located_problems(folder: Path, target: str,
                                             mutations: list[tuple[Mutation, float, int]]) -> None:
    with damaged(folder, target, mutations):
        report = validate(folder)
    for problem in report.problems:
        assert problem.file in report.files
        assert problem.line >= 1 and problem.column >= 1
        assert problem.code and problem.message


@settings(max_examples=max(EXAMPLES // 20, 50), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(TARGETS), mutations=st.lists(mutation, min_size=1, max_size=3))
def test_the_command_exits_0_or_1_without_traceback(folder: Path, target: str,
                                                    mutations: list[tuple[Mutation, float, int]]) -> None:
    with damaged(folder, target, mutations):
        result = CliRunner().invoke(app, ["validate", "--data", str(folder), "--format", "text"])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "internal error" not in result.output and "Traceback" not in result.output
