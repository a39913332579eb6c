"""``init``: a valid copy of the default data, written all at once or not at all, never over anything."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from channelscore.cli import app
from channelscore.data import init as scaffold
from channelscore.data.folders import embedded_data_dir
from channelscore.errors import RequestError

runner = CliRunner()


def test_init_writes_a_valid_copy_that_ranks(tmp_path: Path) -> None:
    target = tmp_path / "acme"
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in target.iterdir()) == ["criteria", "profiles", "schema"]
    assert json.loads((target / "schema" / "profile.json").read_text())["$schema"]
    source = embedded_data_dir()
    for relative in ("criteria/channels.yaml", "profiles/local-retail.yaml"):
        assert (target / relative).read_bytes() == (source / relative).read_bytes()
    assert runner.invoke(app, ["validate", "--data", str(target), "--strict", "-f", "text"]).exit_code == 0
    ranked = runner.invoke(app, ["rank", "--data", str(target), "-p", "retail", "-f", "json"])
    assert json.loads(ranked.stdout)["ranking"][0]["channel"] == "face_to_face"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_init_accepts_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert runner.invoke(app, ["init", str(tmp_path / "empty")]).exit_code == 0
    assert (tmp_path / "empty" / "criteria" / "criteria.yaml").is_file()


def test_init_refuses_a_folder_with_anything_in_it(tmp_path: Path) -> None:
    target = tmp_path / "acme"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 2
    assert "not an empty folder" in result.stderr
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    file_target = tmp_path / "file"
    file_target.write_text("x")
    assert runner.invoke(app, ["init", str(file_target)]).exit_code == 2
    assert file_target.read_text() == "x"


def test_init_leaves_nothing_behind_when_writing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_copytree = shutil.copytree
    calls = []

    def failing_copytree(source: Path, target: Path, **kwargs: object) -> object:
        calls.append(source)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_copytree(source, target)

    monkeypatch.setattr(scaffold.shutil, "copytree", failing_copytree)
    result = runner.invoke(app, ["init", str(tmp_path / "acme")])
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_init_needs_an_existing_parent(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "a" / "b")])
    assert result.exit_code == 2
    assert not (tmp_path / "a").exists()


def test_init_dot_fills_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "acme"
    folder.mkdir()
    monkeypatch.chdir(folder)
    assert scaffold.init_folder(Path(".")) == folder
    assert sorted(p.name for p in folder.iterdir()) == ["criteria", "profiles", "schema"]


def test_an_empty_folder_under_a_read_only_parent_can_be_filled(tmp_path: Path) -> None:
    folder = tmp_path / "locked" / "acme"
    folder.mkdir(parents=True)
    (tmp_path / "locked").chmod(0o555)
    try:
        scaffold.init_folder(folder)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert sorted(p.name for p in folder.iterdir()) == ["criteria", "profiles", "schema"]


def test_a_full_disk_is_one_short_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(source: Path, target: Path) -> None:
        raise shutil.Error([(str(source), str(target), "[Errno 28] No space left on device: '/x/y'")] * 40)

    monkeypatch.setattr(shutil, "copytree", full)
    with pytest.raises(RequestError) as error:
        scaffold.init_folder(tmp_path / "acme")
    assert error.value.message == f"cannot write `{tmp_path / 'acme'}`: No space left on device"
    assert list(tmp_path.iterdir()) == []
