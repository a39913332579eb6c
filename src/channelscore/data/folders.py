"""Locate the data folder: ``--data``, then ``CHANNELSCORE_DATA``, then the default embedded in the package."""

from __future__ import annotations

import os
from pathlib import Path

from channelscore.data.files import is_folder, is_regular_file
from channelscore.errors import Problem, RequestError

ENVIRONMENT_VARIABLE = "CHANNELSCORE_DATA"
CRITERIA_FILE = Path("criteria") / "criteria.yaml"
CHANNELS_FILE = Path("criteria") / "channels.yaml"
SOURCES_FILE = Path("criteria") / "sources.yaml"  # optional
PROFILES_DIR = Path("profiles")
DEFAULT_PROFILE = "balanced"


def embedded_data_dir() -> Path:
    """The data shipped with the package (inside the wheel, or at the top of a source checkout)."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "_data", package.parents[1]):
        if is_regular_file(candidate / CRITERIA_FILE):
            return candidate
    raise RequestError("the embedded data folder is missing from this installation",
                     hint="reinstall channelscore, or point --data at a data folder")


def resolve_data_dir(option: str | Path | None) -> Path:
    """The data folder to use, checked to have the expected layout."""
    chosen = option if option not in (None, "") else os.environ.get(ENVIRONMENT_VARIABLE) or None
    if chosen is None:
        return embedded_data_dir()
    try:
        folder = Path(chosen).expanduser()
    except RuntimeError:  # `~nosuchuser/data`
        raise RequestError(f"data folder `{chosen}` names a home folder that does not exist",
                           hint="write the folder's path in full") from None
    if not is_folder(folder):
        raise RequestError(f"data folder `{folder}` does not exist",
                         hint="give a folder holding criteria/ and profiles/, laid out like the shipped data")
    missing = [str(p) for p in (CRITERIA_FILE, CHANNELS_FILE) if _absent(folder / p)]
    if missing:
        raise RequestError(f"data folder `{folder}` has no {' or '.join(missing)}",
                         hint="a data folder holds criteria/criteria.yaml, criteria/channels.yaml and profiles/*.yaml")
    return folder


def data_folder_beside(profile: str | Path) -> Path | None:
    """The data folder a profile file sits in (``DIR/profiles/NAME.yaml`` with ``DIR/criteria/criteria.yaml``),
    or None for a file elsewhere, or a profile named by id."""
    path = Path(profile)
    try:
        if not path.is_file():
            return None
        folder = path.resolve().parent
    except (OSError, RuntimeError):
        return None
    if folder.name != PROFILES_DIR.name or _absent(folder.parent / CRITERIA_FILE):
        return None
    return folder.parent


def _absent(path: Path) -> bool:
    """Whether nothing is at ``path``; a file that exists but cannot be examined is left to the reader to report."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False


def display_path(path: Path) -> str:
    """``path`` as editors and CI annotations want it: relative to the working folder when it lies
    inside it, else in full. Links are not followed, so a file is named where it sits in the folder."""
    absolute = Path(os.path.abspath(path))
    working = Path.cwd()
    return absolute.relative_to(working).as_posix() if absolute.is_relative_to(working) else absolute.as_posix()


def _profile_names(folder: Path) -> list[str]:
    """The names of the profile files in ``folder``; an OSError if it cannot be listed."""
    return [name for name in os.listdir(folder) if name.endswith((".yaml", ".yml"))]


def profile_files(root: Path) -> list[Path]:
    """The profile files of a data folder, relative to it, in a stable order."""
    try:
        names = _profile_names(root / PROFILES_DIR)
    except (OSError, ValueError):
        return []
    return sorted(PROFILES_DIR / name for name in names)


def profile_folder_problems(root: Path, profile_ids: set[str]) -> list[Problem]:
    """A data folder needs a readable profiles/ folder with at least one profile; without the default
    profile, every command run without ``--profile`` fails, so that is said too."""
    folder = root / PROFILES_DIR
    display = display_path(folder)
    hint = "`channelscore init FOLDER` lays out a data folder with the study's profiles"
    if not is_folder(folder):
        return [Problem(display, 1, 1, "folder-missing", "the data folder has no profiles/ folder", hint=hint)]
    try:
        names = _profile_names(folder)
    except OSError as error:
        return [Problem(display, 1, 1, "file-unreadable", f"cannot list the folder: {error.strerror}",
                        hint="check the folder's permissions")]
    if not names:
        return [Problem(display, 1, 1, "folder-missing", "the profiles/ folder holds no profile file", hint=hint)]
    if profile_ids and DEFAULT_PROFILE not in profile_ids:
        return [Problem(display, 1, 1, "default-profile-missing",
                        f"no profile `{DEFAULT_PROFILE}`: commands run without --profile will fail", level="warning",
                        hint=f"add a profile with id or alias `{DEFAULT_PROFILE}`, or always give --profile")]
    return []


def looks_like_path(name: str) -> bool:
    """Whether a profile name given by a user is a file's path rather than an id or alias."""
    return name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name
