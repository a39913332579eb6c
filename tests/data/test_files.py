"""Special files in a data folder: pipes, devices, links out of the folder, loops, huge and missing files."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from channelscore.api import load_catalog, validate
from channelscore.data.files import MAX_FILE_BYTES, read_bounded
from channelscore.data.folders import resolve_data_dir
from channelscore.errors import DataError, RequestError


def problems(data: Path) -> list[tuple[str, str, str]]:
    return [(Path(p.file).name, p.code, p.message) for p in validate(data).problems]


def test_a_named_pipe_is_refused_without_blocking(data_copy: Path) -> None:
    os.mkfifo(data_copy / "profiles" / "pipe.yaml")
    started = time.monotonic()
    assert problems(data_copy) == [
        ("pipe.yaml", "file-unreadable", "cannot read the file: it is a named pipe, not a regular file")]
    with pytest.raises(DataError):
        load_catalog(data_copy)
    assert time.monotonic() - started < 10


def test_a_link_out_of_the_folder_is_not_read(data_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "hosts.yml"
    secret.write_text("github.com: {oauth_token: gho_SECRET}\nformat: SECRET-VALUE\nid: AKIA_KEY\n")
    (data_copy / "profiles" / "zz.yaml").symlink_to(secret)
    (data_copy / "profiles" / "zero.yaml").symlink_to("/dev/zero")
    found = validate(data_copy).problems
    assert [(Path(p.file).name, p.code) for p in found] == [("zero.yaml", "file-outside-folder"),
                                                           ("zz.yaml", "file-outside-folder")]
    shown = " ".join(f"{p.file} {p.message} {p.hint}" for p in found)
    assert "SECRET" not in shown and "AKIA" not in shown and "hosts.yml" not in shown
    assert all(p.file.endswith(("profiles/zz.yaml", "profiles/zero.yaml")) for p in found)


def test_a_link_inside_the_folder_is_followed(data_copy: Path) -> None:
    (data_copy / "profiles" / "retail-copy.yaml").symlink_to("local-retail.yaml")
    codes = {p.code for p in validate(data_copy).problems}
    assert codes == {"duplicate-id"}  # read like any file: its id is the one it links to


def test_a_link_loop_is_located(data_copy: Path) -> None:
    (data_copy / "profiles" / "a.yaml").symlink_to("b.yaml")
    (data_copy / "profiles" / "b.yaml").symlink_to("a.yaml")
    assert problems(data_copy) == [
        ("a.yaml", "file-unreadable", "cannot read the file: it is a symbolic link that leads back to itself"),
        ("b.yaml", "file-unreadable", "cannot read the file: it is a symbolic link that leads back to itself")]


def test_a_huge_file_is_read_no_further_than_the_limit(data_copy: Path) -> None:
    sparse = data_copy / "profiles" / "sparse.yaml"
    with sparse.open("wb") as handle:
        handle.truncate(3 << 30)
    started = time.monotonic()
    assert len(read_bounded(sparse, "sparse.yaml")) == MAX_FILE_BYTES + 1
    with pytest.raises(DataError) as error:
        load_catalog(data_copy)
    assert [p.code for p in error.value.problems] == ["file-too-large"]
    assert time.monotonic() - started < 10


def test_a_device_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError) as error:
        read_bounded(Path("/dev/null"), "null.yaml")
    assert error.value.problems[0].message == "cannot read the file: it is a character device, not a regular file"


def test_the_profiles_folder_must_hold_profiles(data_copy: Path) -> None:
    for path in (data_copy / "profiles").iterdir():
        path.unlink()
    assert problems(data_copy) == [("profiles", "folder-missing", "the profiles/ folder holds no profile file")]
    (data_copy / "profiles").rmdir()
    assert problems(data_copy) == [("profiles", "folder-missing", "the data folder has no profiles/ folder")]
    with pytest.raises(DataError):
        load_catalog(data_copy)


def test_an_unlistable_profiles_folder_is_an_error(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.listdir

    def refuse(path: os.PathLike[str] | str = ".") -> list[str]:
        if str(path).endswith("profiles"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "listdir", refuse)
    assert problems(data_copy) == [("profiles", "file-unreadable", "cannot list the folder: Permission denied")]


def test_without_the_default_profile_a_warning_says_so(data_copy: Path) -> None:
    (data_copy / "profiles" / "balanced.yaml").unlink()
    for path in (data_copy / "profiles").iterdir():
        path.write_text(path.read_text().replace("extends: balanced\n", "extends: b2b\n")
                        if path.name != "b2b.yaml" else path.read_text())
    found = [p for p in validate(data_copy).problems if p.code == "default-profile-missing"]
    assert [(p.level, p.message) for p in found] == [
        ("warning", "no profile `balanced`: commands run without --profile will fail")]


def test_an_unknown_home_folder_is_a_usage_error() -> None:
    with pytest.raises(RequestError, match="home folder that does not exist"):
        resolve_data_dir("~nosuchuser-channelscore/data")
