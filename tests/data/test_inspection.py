"""The validate command around the corpus: clean data, formats, extra files, exit codes, hostile text."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from channelscore.api import ValidationResult, validate
from channelscore.cli import app
from channelscore.errors import Problem
from channelscore.render.validation import github_report

runner = CliRunner()

CLIENT_PROFILE = """format: channelscore/profile@1
id: client-x
names: {en: Client X, fr: Client X}
description: {en: A client's own weighting., fr: La pondération propre d'un client.}
extends: balanced
weights:
  contact_cost: {value: 3, reason: {en: the client watches its costs, fr: le client surveille ses coûts}}
"""


def test_the_shipped_data_is_clean_even_under_strict() -> None:
    result = runner.invoke(app, ["validate", "--strict", "--format", "text"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.strip().endswith("23 files checked: no problems, 10 notes (judgements the data does not "
                                          "meet on purpose; --notes lists them).\n"
                                          "The study's statements: 74 checked, none fails; your own: none.")


def test_json_document_follows_the_contract(data_copy: Path) -> None:
    (data_copy / "profiles" / "balanced.yaml").write_text(
        (data_copy / "profiles" / "balanced.yaml").read_text().replace("  trust:", "  trsut:"))
    result = runner.invoke(app, ["validate", "--data", str(data_copy), "--format", "json"])
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert set(document) == {"ok", "files", "problems", "notes", "statements"}
    assert document["ok"] is False and len(document["files"]) == 23
    unknown = next(p for p in document["problems"] if p["code"] == "unknown-criterion")
    assert set(unknown) == {"file", "line", "column", "code", "level", "field", "message", "hint"}
    assert unknown["file"].endswith("profiles/balanced.yaml") and unknown["level"] == "error"
    assert unknown["field"] == "weights.trsut" and unknown["hint"] == "did you mean `trust`?"


def test_text_output_is_sorted_located_and_summarised(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("balanced.yaml", "b2b.yaml"):
        path = data_copy / "profiles" / name
        path.write_text(path.read_text().replace("  trust:", "  trsut:"))
    monkeypatch.chdir(data_copy.parent)
    result = runner.invoke(app, ["validate", "--data", "data", "--format", "text"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    problems = [line for line in lines if ": " in line and line.startswith("data/")]
    assert problems == sorted(problems, key=lambda line: (line.split(":")[0], int(line.split(":")[1])))
    assert any("b2b.yaml" in line for line in problems) and any("balanced.yaml" in line for line in problems)
    assert lines[-1].startswith("23 files checked:") and "error" in lines[-1]


def test_github_format_and_auto(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data_copy.parent)
    path = data_copy / "profiles" / "balanced.yaml"
    path.write_text(path.read_text().replace("  trust:", "  trsut:"))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = runner.invoke(app, ["validate", "--data", str(data_copy)])
    assert result.exit_code == 1
    first = next(line for line in result.stdout.splitlines() if "unknown-criterion" in line)
    assert first.startswith("::error file=data/profiles/balanced.yaml,line=18,col=3,title=channelscore ")
    assert first.endswith("::unknown criterion `trsut` (hint: did you mean `trust`?)")
    monkeypatch.delenv("GITHUB_ACTIONS")
    result = runner.invoke(app, ["validate", "--data", str(data_copy)])
    assert result.stdout.startswith("data/profiles/balanced.yaml:")


def test_paths_are_relative_to_the_working_folder(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data_copy)
    path = data_copy / "profiles" / "balanced.yaml"
    path.write_text(path.read_text().replace("  trust:", "  trsut:"))
    result = runner.invoke(app, ["validate", "--data", ".", "-f", "github"])
    assert "::error file=profiles/balanced.yaml,line=18,col=3," in result.stdout


def test_github_annotations_escape_what_would_end_the_command() -> None:
    problem = Problem("a,b:c.yaml", 3, 4, "invalid-value", "50% off\nnext::x", hint="h")
    text = github_report(ValidationResult(("a,b:c.yaml",), (problem,)), strict=False)
    assert text.splitlines()[0] == ("::error file=a%2Cb%3Ac.yaml,line=3,col=4,title=channelscore invalid-value"
                                    "::50%25 off next::x (hint: h)")


def test_warnings_become_errors_in_github_under_strict() -> None:
    problem = Problem("f.yaml", 1, 1, "uniform-criterion", "m", level="warning")
    report = ValidationResult(("f.yaml",), (problem,))
    assert github_report(report, strict=False).startswith("::warning ")
    assert github_report(report, strict=True).startswith("::error ")


def test_extra_profile_files_are_checked_with_the_folder(data_copy: Path, tmp_path: Path) -> None:
    good = tmp_path / "client-x.yaml"
    good.write_text(CLIENT_PROFILE)
    bad = tmp_path / "client-y.yaml"
    bad.write_text(CLIENT_PROFILE.replace("client-x", "client-y").replace("extends: balanced", "extends: balancd"))
    report = validate(data_copy, [good, bad, data_copy / "profiles" / "b2b.yaml"])
    assert len(report.files) == 25
    assert [(p.file, p.code) for p in report.problems] == [(str(bad), "extends-unknown")]
    assert "did you mean `balanced`?" in report.problems[0].hint


def test_an_extra_file_is_checked_against_expectations(data_copy: Path, tmp_path: Path) -> None:
    scenario = tmp_path / "client-x.yaml"
    scenario.write_text(CLIENT_PROFILE + "expectations:\n  - {statement: Letters come first, source: a test,"
                        " kind: within_top, channels: [letter], n: 1}\n")
    result = runner.invoke(app, ["validate", "--data", str(data_copy), str(scenario), "-f", "text"])
    assert result.exit_code == 1
    assert "expectation-failed \"Letters come first\" does not hold: actual letter rank" in result.stdout
    assert "[source: a test]" in result.stdout


def test_usage_and_io_errors_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["validate", str(tmp_path / "missing.yaml")]).exit_code == 2
    assert runner.invoke(app, ["validate", "--data", str(tmp_path / "nowhere")]).exit_code == 2
    assert runner.invoke(app, ["validate", "--format", "xml"]).exit_code == 2


def test_control_characters_and_markup_never_reach_the_terminal(data_copy: Path) -> None:
    hostile = CLIENT_PROFILE.replace("id: client-x", "id: client-x\ncolour\\e: 1").replace(
        "extends: balanced", 'extends: "bal\\e[2J\\u202e[red]x[/red]\\x9b"')
    (data_copy / "profiles" / "client-x.yaml").write_text(hostile.replace("colour\\e: 1", '"col\\eour": 1'))
    for output_format in ("text", "github", "json"):
        result = runner.invoke(app, ["validate", "--data", str(data_copy), "-f", output_format])
        assert result.exit_code == 1
        for character in ("\x1b", "\u202e", "\x9b"):
            assert character not in result.stdout, output_format
    listing = runner.invoke(app, ["rank", "--data", str(data_copy), "-p", "client-x"])
    assert "\x1b" not in listing.output and "\u202e" not in listing.output


def test_rich_markup_in_names_is_shown_as_written(data_copy: Path) -> None:
    profile = CLIENT_PROFILE.replace("{en: Client X, fr: Client X}", '{en: "[bold red]Loud[/]", fr: x}')
    (data_copy / "profiles" / "client-x.yaml").write_text(profile)
    result = runner.invoke(app, ["list", "profiles", "--data", str(data_copy)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "[bold red]Loud[/]" in result.stdout


def test_an_alias_bomb_is_refused_in_milliseconds(data_copy: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]"
              for i in range(8)]
    bomb = "\n".join(lines) + "\n"
    assert len(bomb) <= 300
    (data_copy / "profiles" / "bomb.yaml").write_text(bomb)
    start = time.perf_counter()
    report = validate(data_copy)
    assert time.perf_counter() - start < 1.0
    assert [(p.code, p.line) for p in report.problems] == [("yaml-anchor", 1)]


def test_fifty_thousand_brackets_give_a_located_problem(data_copy: Path) -> None:
    (data_copy / "profiles" / "deep.yaml").write_text("[" * 50_000)
    report = validate(data_copy)
    assert [(p.code, p.line) for p in report.problems] == [("yaml-too-deep", 1)]


def test_a_file_over_the_size_limit_is_refused_unread(data_copy: Path) -> None:
    (data_copy / "profiles" / "huge.yaml").write_text("# padding\n" * 120_000)
    report = validate(data_copy)
    assert [p.code for p in report.problems] == ["file-too-large"]


def test_the_pre_commit_hook_runs_validate_on_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    root = Path(__file__).resolve().parents[2]
    hooks = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "channelscore-validate")
    assert hook["entry"].split()[:2] == ["channelscore", "validate"] and hook["pass_filenames"] is True
    assert hook["types"] == ["yaml"]
    monkeypatch.chdir(root)
    result = runner.invoke(app, [*hook["entry"].split()[1:], *hook["args"], "profiles/b2b.yaml"])
    assert result.exit_code == 0, result.stdout
    assert "23 files checked: no problems, 10 notes" in result.stdout


def test_the_hook_checks_our_files_by_content_and_skips_the_others(data_copy: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    root = Path(__file__).resolve().parents[2]
    hook = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    monkeypatch.chdir(data_copy)
    Path(".github/workflows").mkdir(parents=True)
    Path(".github/workflows/data.yml").write_text("name: data\non: [push]\njobs: {}\n")
    Path("clients").mkdir()
    # A scenario kept anywhere, known by its format line; a misspelt criterion in it must fail the commit.
    Path("clients/what-if.yaml").write_text("format: channelscore/scenario@1\nid: what-if\nbase: retail\n"
                                            "weights:\n  trsut: {value: 3, reason: interviews}\n")
    Path("docker-compose.yml").write_text("services: {}\n")
    # The data folder's own files come too (every changed YAML file): they are checked once, as what they are.
    changed = [".github/workflows/data.yml", "clients/what-if.yaml", "docker-compose.yml", "criteria/sources.yaml",
               "criteria/channels.yaml", "profiles/b2b.yaml"]
    result = runner.invoke(app, [*hook["entry"].split()[1:], *hook["args"], *changed])
    assert result.exit_code == 1
    assert "clients/what-if.yaml:5:3: unknown-criterion" in result.stdout
    assert "data.yml" not in result.stdout and "docker-compose" not in result.stdout
    assert "24 files checked" in result.stdout  # the folder's 23 and the scenario
    Path("clients/what-if.yaml").write_text("format: channelscore/scenario@1\nid: what-if\nbase: retail\n"
                                            "weights:\n  trust: {value: 3, reason: interviews}\n")
    assert runner.invoke(app, [*hook["entry"].split()[1:], *hook["args"], *changed]).exit_code == 0


def test_every_problem_code_is_registered_and_documented() -> None:
    import re

    from channelscore.errors import CODES

    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"| `{code}` |" in readme, code
    used = {line.rsplit(" ", 1)[1] for case in (root / "tests" / "cases").iterdir()
            for line in (case / "expected.txt").read_text().splitlines() if line}
    assert used <= set(CODES)
    source = "\n".join(path.read_text() for path in (root / "src" / "channelscore").rglob("*.py"))
    templated = {"unknown-criterion", "unknown-channel", "unknown-trait"}  # written as f"unknown-{what}"
    for code in set(CODES) - templated:
        assert f'"{code}"' in source, code
    emitted = set(re.findall(r'"([a-z]+(?:-[a-z]+)+)"', source)) - {"weighted-mean", "constrained-str", "board-data"}
    assert emitted <= set(CODES)


def test_an_unreadable_profile_file_is_located(data_copy: Path) -> None:
    (data_copy / "profiles" / "old.yaml").mkdir()
    report = validate(data_copy)
    assert [(Path(p.file).name, p.code, p.message) for p in report.problems] == [
        ("old.yaml", "file-unreadable", "cannot read the file: it is a folder, not a regular file")]


def test_unknown_field_hints_come_from_the_mapping_at_hand(data_copy: Path) -> None:
    profile = CLIENT_PROFILE.replace("le client surveille ses coûts}}", "le client surveille ses coûts}, weight: 3}")
    profile = profile.replace("names: {en: Client X, fr: Client X}", "names: {en: Client X, fr: Client X, de: X}")
    (data_copy / "profiles" / "client-x.yaml").write_text(profile + "extend: balanced\n")
    hints = {p.message: p.hint for p in validate(data_copy).problems if p.code == "unknown-field"}
    assert hints["unknown field `weight`"] == "fields here: value, reason, source"
    assert hints["unknown field `de`"] == "fields here: en, fr"
    assert hints["unknown field `extend`"] == "did you mean `extends`?"


def _add_channels_expectation(data_copy: Path, entry: str) -> Path:
    channels = data_copy / "criteria" / "channels.yaml"
    text = channels.read_text(encoding="utf-8")
    if "\nexpectations:\n" not in text:
        text += "expectations:\n"
    channels.write_text(text + entry, encoding="utf-8")
    return channels


def test_the_channels_file_takes_rating_statements_only(data_copy: Path) -> None:
    _add_channels_expectation(data_copy, (
        "  - statement: {en: Face-to-face ranks first, fr: Le face-à-face est premier}\n"
        "    source: {en: '000_f9a485cde5c5e71c.txt, part C', fr: '000_f9a485cde5c5e71c.txt, partie C'}\n"
        "    kind: within_top\n"
        "    channels: [face_to_face]\n"
        "    n: 1\n"))
    problems = [p for p in validate(data_copy).problems if p.file.endswith("channels.yaml")]
    assert [(p.code, p.field) for p in problems] == [("invalid-value", f"expectations[{_last_index(data_copy)}].kind")]
    assert "depends on a profile's weights" in problems[0].message and "rating_is" in problems[0].hint


def _last_index(data_copy: Path) -> int:
    import yaml

    data = yaml.safe_load((data_copy / "criteria" / "channels.yaml").read_text(encoding="utf-8"))
    return len(data["expectations"]) - 1


def test_a_rating_statement_the_channels_contradict_is_an_error_there(data_copy: Path) -> None:
    _add_channels_expectation(data_copy, (
        "  - statement: {en: The letter is the most responsive channel, fr: Le courrier est le canal le plus rapide}\n"
        "    source: {en: '000_f9a485cde5c5e71c.txt, part C', fr: '000_f9a485cde5c5e71c.txt, partie C'}\n"
        "    kind: rating_highest\n"
        "    channels: [letter]\n"
        "    criterion: responsiveness\n"))
    problems = [p for p in validate(data_copy).problems if p.file.endswith("channels.yaml")]
    assert [p.code for p in problems] == ["expectation-failed"]
    assert "actual ratings on responsiveness: letter 1" in problems[0].message
