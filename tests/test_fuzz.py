"""Fuzzing the whole validation path with damaged copies of the shipped files.

Valid files (the data folder's, a scenario and workshop files named beside it) are truncated,
lose, repeat or re-indent lines, or have bytes flipped; ``validate`` must always return a report
whose problems are located inside a checked file, and the command must exit 0 or 1; every other
command, in every output format, must exit 0, 1 or 2 without an internal error. At least 500
inputs per run; set CHANNELSCORE_FUZZ_EXAMPLES=100000 for a long run.
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

EXAMPLES = int(os.environ.get("CHANNELSCORE_FUZZ_EXAMPLES", "500"))
SOURCE = embedded_data_dir()
TARGETS = ["profiles/local-retail.yaml", "profiles/b2b.yaml", "profiles/pure-player.yaml",
           "profiles/digitally-excluded.yaml", "profiles/cost-control.yaml", "criteria/criteria.yaml",
           "criteria/channels.yaml"]
TESTS = Path(__file__).resolve().parent
# Files named beside the data folder, as `validate FILE` and `rank -p FILE` take them.
BESIDE = {"scenario.yaml": TESTS / "cases" / "valid-scenario" / "profiles" / "retail-cheaper.yaml",
          "ahp.yaml": TESTS / "data" / "workshops" / "saaty-drinks.yaml",
          "ranking.yaml": TESTS / "data" / "workshops" / "ranking-ties.yaml",
          "swing.yaml": TESTS / "data" / "workshops" / "swing.yaml"}
ORIGINALS = {**{name: (SOURCE / name).read_bytes() for name in TARGETS},
             **{name: path.read_bytes() for name, path in BESIDE.items()}}
EVERY = [*TARGETS, *BESIDE]
# Every command and output format, on the damaged data (`{data}`) or the damaged file beside it (`{file}`).
COMMANDS = [["rank", "--data", "{data}", "-f", fmt] for fmt in ("table", "json", "csv", "markdown")] + [
    ["rank", "--data", "{data}", "-p", "{file}", "-f", "json"],
    ["explain", "phone", "--data", "{data}", "-p", "retail"],
    ["compare", "retail", "b2b", "--data", "{data}", "-f", "csv"],
    ["portfolio", "--data", "{data}", "-f", "markdown"],
    ["sensitivity", "--data", "{data}", "-n", "200", "-f", "json"],
    ["list", "profiles", "--data", "{data}", "-f", "json"],
    ["weights", "{file}", "--data", "{data}", "-f", "json"],
]


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
        for name, data in ORIGINALS.items():
            if name in BESIDE:
                (root.parent / name).write_bytes(data)
        yield root


@contextmanager
def damaged(folder: Path, target: str, mutations: list[tuple[Mutation, float, int]]) -> Iterator[None]:
    """``target`` in ``folder`` with ``mutations`` applied, restored afterwards."""
    data = ORIGINALS[target]
    for function, at, value in mutations:
        data = function(data, at, value)
    path = (folder.parent if target in BESIDE else folder) / target
    path.write_bytes(data)
    try:
        yield
    finally:
        path.write_bytes(ORIGINALS[target])


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(EVERY), mutations=st.lists(mutation, min_size=1, max_size=3))
def test_damaged_files_give_located_problems(folder: Path, target: str,
                                             mutations: list[tuple[Mutation, float, int]]) -> None:
    with damaged(folder, target, mutations):
        named = [folder.parent / target] if target in BESIDE else []
        report = validate(folder, named)
    for problem in report.problems:
        assert problem.file in report.files
        assert problem.line >= 1 and problem.column >= 1
        assert problem.code and problem.message


@settings(max_examples=max(EXAMPLES // 20, 50), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(EVERY), mutations=st.lists(mutation, min_size=1, max_size=3))
def test_the_command_exits_0_or_1_without_traceback(folder: Path, target: str,
                                                    mutations: list[tuple[Mutation, float, int]]) -> None:
    with damaged(folder, target, mutations):
        named = [str(folder.parent / target)] if target in BESIDE else []
        result = CliRunner().invoke(app, ["validate", "--data", str(folder), "--format", "text", *named])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "internal error" not in result.output and "Traceback" not in result.output


@settings(max_examples=max(EXAMPLES // 10, 100), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(EVERY), mutations=st.lists(mutation, min_size=1, max_size=3),
       command=st.sampled_from(COMMANDS))
def test_every_command_and_format_survives_damaged_files(folder: Path, target: str,
                                                         mutations: list[tuple[Mutation, float, int]],
                                                         command: list[str]) -> None:
    beside = str(folder.parent / (target if target in BESIDE else "scenario.yaml"))
    if command[0] == "weights" and target not in ("ahp.yaml", "ranking.yaml", "swing.yaml"):
        beside = str(folder.parent / "swing.yaml")
    args = [part.replace("{data}", str(folder)).replace("{file}", beside) for part in command]
    with damaged(folder, target, mutations):
        result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 1, 2), (args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert "internal error" not in result.output and "Traceback" not in result.output
