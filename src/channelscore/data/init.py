"""``init``: write a copy of the embedded default data into a new folder, all at once or not at all."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from channelscore.data.folders import PROFILES_DIR, embedded_data_dir
from channelscore.data.output import current_umask
from channelscore.errors import RequestError

SCHEMA_DIR = Path("schema")


def init_folder(target: Path) -> Path:
    """Fill ``target`` (new, or an empty folder) with criteria/, profiles/ and schema/; return it.

    Everything is written into a hidden staging folder beside ``target`` and renamed into place
    at the end, so a failure leaves no half-written folder; an existing file is never overwritten.
    """
    target = Path(os.path.abspath(target))  # `init .` names the folder itself, not ""
    existing = target.exists()
    if existing and (not target.is_dir() or any(target.iterdir())):
        raise RequestError(f"`{target}` already exists and is not an empty folder",
                         hint="give a new folder; init never overwrites anything")
    parent = target.parent
    if not parent.is_dir():
        raise RequestError(f"folder `{parent}` does not exist", hint="create it first, or give another place")
    source = embedded_data_dir()
    # An existing empty folder is filled from a staging folder inside it (its parent may be read-only,
    # and it may be the working folder); a new one is staged beside it and renamed into place.
    place = target if existing else parent
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=place))
    except OSError as error:
        raise RequestError(f"cannot write in `{place}`: {error.strerror}") from None
    moved: list[Path] = []
    try:
        _fill(staging, source)
        if existing:
            for child in sorted(staging.iterdir()):
                os.rename(child, target / child.name)
                moved.append(target / child.name)
            staging.rmdir()
        else:
            _publish(staging, target)
    except BaseException as error:
        for path in (staging, *moved):
            shutil.rmtree(path, ignore_errors=True)
        if isinstance(error, OSError):
            raise RequestError(f"cannot write `{target}`: {_reason(error)}",
                               hint="check the free space and permissions; nothing was left behind") from None
        raise
    return target


def _reason(error: OSError) -> str:
    """The first cause of a failed copy: ``shutil.Error`` holds a list of (source, target, reason) triples."""
    if isinstance(error, shutil.Error) and error.args and isinstance(error.args[0], list) and error.args[0]:
        return str(error.args[0][0][-1]).split("] ", 1)[-1].split(": '", 1)[0]
    return error.strerror or type(error).__name__


def _fill(staging: Path, source: Path) -> None:
    from channelscore.data.schema import MODELS, schema_text

    shutil.copytree(source / "criteria", staging / "criteria")
    shutil.copytree(source / PROFILES_DIR, staging / PROFILES_DIR)
    (staging / SCHEMA_DIR).mkdir()
    for kind in MODELS:
        (staging / SCHEMA_DIR / f"{kind}.json").write_text(schema_text(kind), encoding="utf-8")
    # mkdtemp makes a private folder; the result should have the usual permissions.
    staging.chmod(0o777 & ~current_umask())


def _publish(staging: Path, target: Path) -> None:
    # rename() replaces an empty folder atomically on POSIX, and fails if anything appeared in it meanwhile.
    try:
        os.rename(staging, target)
    except (FileExistsError, IsADirectoryError, PermissionError):
        if target.is_dir() and not any(target.iterdir()):
            target.rmdir()
            os.rename(staging, target)
        else:
            raise
