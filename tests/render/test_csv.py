"""CSV for a spreadsheet (--excel): what French and English Excel open as a table of numbers."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from channelscore.cli import app


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def rows(text: str, delimiter: str) -> list[list[str]]:
    assert text.startswith("\ufeff"), "Excel reads UTF-8 only after a byte order mark"
    return list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))


def test_french_excel_gets_semicolons_decimal_commas_and_french_headers() -> None:
    table = rows(run("rank", "-p", "retail", "--excel", "--lang", "fr"), ";")
    assert table[0] == ["Rang", "Identifiant du canal", "Canal", "Score", "Points forts", "Points faibles",
                        "Pourquoi"]
    first = table[1]
    assert first[:4] == ["1", "face_to_face", "Face-à-face", "2,65"]
    assert "Teneur en relation humaine" in first[4] and "human_relation" not in first[4]
    assert all(len(row) == 7 for row in table)


def test_english_excel_keeps_commas_and_rounds() -> None:
    table = rows(run("rank", "-p", "retail", "--excel"), ",")
    assert table[0][:4] == ["Rank", "Channel id", "Channel", "Score"]
    assert table[1][3] == "2.65"


def test_the_machine_csv_is_unchanged() -> None:
    text = run("rank", "-p", "retail", "--format", "csv")
    assert not text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == ["rank", "channel", "name", "score", "strengths", "weaknesses", "why"]
    assert table[1][3] == repr(float(table[1][3])) and len(table[1][3]) > 4


@pytest.mark.parametrize("command", [["compare", "retail", "cost-control"], ["sensitivity", "-p", "retail",
                                                                             "--samples", "2000"],
                                     ["portfolio", "-p", "retail"]])
def test_every_csv_command_has_an_excel_form(command: list[str]) -> None:
    french = rows(run(*command, "--excel", "--lang", "fr"), ";")
    english = rows(run(*command, "--excel"), ",")
    assert len(french) == len(english) > 1
    assert all(len(row) == len(french[0]) for row in french)
    numbers = [cell for row in french[1:] for cell in row if cell.replace(",", "").replace("-", "").isdigit()]
    assert any("," in cell for cell in numbers) and not any("." in cell for cell in numbers)


def test_compare_headers_and_places_gained_in_french() -> None:
    table = rows(run("compare", "retail", "cost-control", "--excel", "--lang", "fr"), ";")
    assert table[0][-1] == "Places gagnées\u202f: Maîtrise des coûts"
    face = next(row for row in table if row[0] == "face_to_face")
    assert face[-3:] == ["9", "1,60", "-8"]


def test_excel_is_csv_only() -> None:
    result = CliRunner().invoke(app, ["rank", "--excel", "--format", "json"])
    assert result.exit_code == 2 and "--excel writes CSV" in result.output
