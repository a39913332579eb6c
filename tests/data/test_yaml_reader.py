"""The YAML reader, directly: values with their positions, and every refusal located."""

from __future__ import annotations

from pathlib import Path

import pytest

from channelscore.data.yaml_reader import MAX_DEPTH, Position, dotted, load_file, parse_bytes, parse_text
from channelscore.errors import DataError


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_text(text, Path("f.yaml"), "f.yaml")


def refusal(text: str) -> tuple[str, int, int]:
    with pytest.raises(DataError) as error:
        parse(text)
    problem = error.value.problems[0]
    return problem.code, problem.line, problem.column


def test_values_and_their_positions() -> None:
    document = parse("a: 1\nb:\n  - x\n  - {c: true, d: 2.5}\ne: '3'\n")
    assert document.data == {"a": 1, "b": ["x", {"c": True, "d": 2.5}], "e": "3"}
    assert document.locate(("b", 1, "d")) == Position(4, 18)
    assert document.locate(("b", 0)) == Position(3, 5)
    assert document.locate_key(("e",)) == Position(5, 1)
    # A path that does not exist is located at its nearest enclosing value.
    assert document.locate(("b", 1, "zzz")) == Position(4, 5)
    assert document.locate(("nowhere",)) == Position(1, 1)


def test_a_problem_is_located_and_names_the_field() -> None:
    problem = parse("a:\n  b: 1\n").problem(("a", "b"), "invalid-value", "bad", hint="h")
    assert (problem.file, problem.line, problem.column, problem.field, problem.hint) == ("f.yaml", 2, 6, "a.b", "h")
    assert dotted(("channels", 2, "ratings")) == "channels[2].ratings"


@pytest.mark.parametrize("text, expected", [
    ("a: &x 1\nb: *x\n", ("yaml-anchor", 1, 4)),
    ("a: *x\n", ("yaml-alias", 1, 4)),
    ("a: !!python/object 1\n", ("yaml-tag", 1, 4)),
    ("a:\n  <<: {b: 1}\n", ("yaml-merge-key", 2, 3)),
    ("? [a]\n: 1\n", ("yaml-complex-key", 1, 3)),
    ("a: 1\na: 2\n", ("duplicate-key", 2, 1)),
    ("a: 1\n---\nb: 2\n", ("multi-document", 2, 1)),
    ("- 1\n- 2\n", ("not-a-mapping", 1, 1)),
    ("# only a comment\n", ("file-empty", 1, 1)),
    ("a: [1\n", ("yaml-syntax", 2, 1)),
    ("a: 1\n<<<<<<< HEAD\n", ("merge-conflict", 2, 1)),
    ("a:" + " [" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n", ("yaml-too-deep", 1, 4 + 2 * (MAX_DEPTH - 1))),
])
def test_refusals_are_located(text: str, expected: tuple[str, int, int]) -> None:
    assert refusal(text) == expected


def test_bytes_size_encoding_and_nul(tmp_path: Path) -> None:
    assert parse_bytes("\ufeffa: é\n".encode(), Path("f"), "f").data == {"a": "é"}
    assert parse_bytes(b"a: 1\r\nb: 2\r\n", Path("f"), "f").data == {"a": 1, "b": 2}
    with pytest.raises(DataError) as error:
        parse_bytes(b"a: 1\nb: \xff\n", Path("f"), "f")
    assert (error.value.problems[0].code, error.value.problems[0].line, error.value.problems[0].column) == (
        "file-encoding", 2, 4)
    with pytest.raises(DataError) as error:
        parse_bytes(b"a: 1\x00", Path("f"), "f")
    assert error.value.problems[0].code == "file-encoding"
    with pytest.raises(DataError) as error:
        parse_bytes(b"a: 1\n" + b" " * (1 << 20), Path("f"), "f")
    assert error.value.problems[0].code == "file-too-large"
    with pytest.raises(DataError) as error:
        load_file(tmp_path / "absent.yaml", "absent.yaml")
    assert error.value.problems[0].code == "file-unreadable"
