"""Regression tests for findings of the hostile-input review that are not data cases: one test each."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from channelscore.api import validate
from channelscore.cli import app
from channelscore.data.folders import embedded_data_dir

runner = CliRunner()
WORKSHOPS = Path(__file__).resolve().parents[1] / "data" / "workshops"


def test_a_line_break_in_a_workshop_file_name_cannot_inject_yaml(tmp_path: Path) -> None:  # S5
    name = tmp_path / "ws\nnot_applicable: [{channel: face_to_face, reason: injected}]\n#.yaml"
    shutil.copyfile(WORKSHOPS / "ranking-ties.yaml", name)
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["weights", str(name), "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = yaml.safe_load(out.read_text())
    assert "not_applicable" not in written
    assert out.read_text().splitlines()[0].startswith("# Written by `channelscore weights ws?not_applicable")


def test_weights_writes_nothing_when_the_profile_would_not_load(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:  # W7
    from channelscore.data import workshop

    monkeypatch.setattr(workshop, "profile_text", lambda *args: "format: channelscore/profile@1\nid: Bad Id\n")
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["weights", str(WORKSHOPS / "ranking-ties.yaml"), "-o", str(out)])
    assert result.exit_code == 1 and "nothing was done" in result.output
    assert not out.exists()


def test_an_undecodable_file_name_gives_valid_json_and_text(tmp_path: Path) -> None:  # C7
    root = tmp_path / "data"
    for part in ("criteria", "profiles"):
        shutil.copytree(embedded_data_dir() / part, root / part)
    bad = os.fsencode(root / "profiles") + b"/bad\xff.yaml"
    with open(bad, "wb") as handle:
        handle.write(b"format: [\n")
    result = runner.invoke(app, ["validate", "--data", str(root), "-f", "json"])
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert any(p["file"].endswith("bad\ufffd.yaml") for p in document["problems"])
    text = runner.invoke(app, ["validate", "--data", str(root)])
    text.stdout.encode("utf-8")  # no lone surrogate left to fail a strict UTF-8 terminal
    workshop = os.fsencode(tmp_path) + b"/ws\xff.yaml"
    shutil.copyfile(WORKSHOPS / "ranking-ties.yaml", workshop)
    written = runner.invoke(app, ["weights", os.fsdecode(workshop), "-o", str(tmp_path / "out.yaml")])
    assert written.exit_code == 0, written.output
    (tmp_path / "out.yaml").read_text(encoding="utf-8")


def test_a_set_larger_than_the_channels_says_so() -> None:  # K5
    result = runner.invoke(app, ["portfolio", "--size", "11"])
    assert result.exit_code == 2
    assert "--size 11 asks for more channels than the 10 that can be chosen" in result.stderr


def test_a_second_profile_with_the_default_id_is_reported_once(data_copy: Path) -> None:  # K6
    (data_copy / "profiles" / "00-evil.yml").write_text(
        "format: channelscore/profile@1\nid: balanced\nnames: {en: E, fr: E}\ndescription: d\n"
        "weights:\n  trust: {value: 1, reason: r}\n")
    codes = [(Path(p.file).name, p.code) for p in validate(data_copy).problems if p.level == "error"]
    assert codes == [("00-evil.yml", "missing-weight"), ("balanced.yaml", "duplicate-id")]


def test_a_workshop_file_given_as_a_profile_says_what_it_is() -> None:  # K8
    result = runner.invoke(app, ["rank", "-p", str(WORKSHOPS / "swing.yaml")])
    assert result.exit_code == 2
    assert "is a workshop file, not a profile" in result.stderr
    assert "channelscore weights" in result.stderr


def test_problems_are_capped_per_file(tmp_path: Path) -> None:  # H7
    text = "format: channelscore/profile@1\nid: x\nnames: {en: x, fr: x}\ndescription: d\nextends: balanced\n"
    text += "".join(f"z{i:x}: 1\n" for i in range(5000))
    path = tmp_path / "x.yaml"
    path.write_text(text)
    problems = validate(None, [path]).problems
    assert len(problems) == 101
    assert problems[-1].code == "too-many-problems" and problems[-1].message.startswith("4,900 more problems")


@pytest.mark.parametrize("value", ["inf", "nan"])
def test_non_finite_margins_are_refused(value: str) -> None:  # W3
    result = runner.invoke(app, ["portfolio", "--margin", value, "-f", "json"])
    assert result.exit_code == 2 and "takes a finite number" in result.stderr


@pytest.mark.parametrize(("option", "value"), [("--around-profile", "inf"), ("--around-profile", "nan"),
                                               ("--rating-noise", "nan"), ("--weight", "trust=1e400")])
def test_non_finite_sampling_settings_are_refused(option: str, value: str) -> None:  # W2
    result = runner.invoke(app, ["sensitivity", option, value, "-n", "100", "-f", "json"])
    assert result.exit_code == 2, result.output
    assert "NaN" not in result.stdout and "Infinity" not in result.stdout
