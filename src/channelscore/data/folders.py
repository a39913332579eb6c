"""Locate the data folder: ``--data``, then ``CHANNELSCORE_DATA``, then the default embedded in the package."""

from __future__ import annotations

import os
from pathlib import Path

from channelscore.errors import RequestError

ENVIRONMENT_VARIABLE = "CHANNELSCORE_DATA"
CRITERIA_FILE = Path("criteria") / "criteria.yaml"
CHANNELS_FILE = Path("criteria") / "channels.yaml"
PROFILES_DIR = Path("profiles")


def embedded_data_dir() -> Path:
    """The data shipped with the package (inside the wheel, or at the top of a source checkout)."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "_data", package.parents[1]):
        if (candidate / CRITERIA_FILE).is_file():
            return candidate
    raise RequestError("the embedded data folder is missing from this installation",
                     hint="reinstall channelscore, or point --data at a data folder")


def resolve_data_dir(option: str | Path | None) -> Path:
    """The data folder to use, checked to have the expected layout."""
    chosen = option if option not in (None, "") else os.environ.get(ENVIRONMENT_VARIABLE) or None
    if chosen is None:
        return embedded_data_dir()
    folder = Path(chosen).expanduser()
    if not folder.is_dir():
        raise RequestError(f"data folder `{folder}` does not exist",
                         hint="give a folder holding criteria/ and profiles/, laid out like the shipped data")
    missing = [str(p) for p in (CRITERIA_FILE, CHANNELS_FILE) if not (folder / p).is_file()]
    if missing:
        raise RequestError(f"data folder `{folder}` has no {' or '.join(missing)}",
                         hint="a data folder holds criteria/criteria.yaml, criteria/channels.yaml and profiles/*.yaml")
    return folder


def display_path(path: Path, root: Path) -> str:
    """``path`` as editors and CI annotations want it: relative to the working folder when it lies
    inside it, else relative to the data folder's parent, else as given."""
    resolved = path.resolve()
    for base in (Path.cwd(), root.resolve().parent):
        try:
            return resolved.relative_to(base).as_posix()
        except ValueError:
            continue
    return str(path)


def profile_files(root: Path) -> list[Path]:
    """The profile files of a data folder, relative to it, in a stable order."""
    folder = root / PROFILES_DIR
    if not folder.is_dir():
        return []
    return sorted(path.relative_to(root) for path in folder.glob("*.y*ml"))


def looks_like_path(name: str) -> bool:
    """Whether a profile name given by a user is a file's path rather than an id or alias."""
    return name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name
