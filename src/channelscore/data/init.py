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
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise RequestError(f"`{target}` already exists and is not an empty folder",
                         hint="give a new folder; init never overwrites anything")
    parent = target.absolute().parent
    if not parent.is_dir():
        raise RequestError(f"folder `{parent}` does not exist", hint="create it first, or give another place")
    source = embedded_data_dir()
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    except OSError as error:
        raise RequestError(f"cannot write in `{parent}`: {error.strerror}") from None
    try:
        _fill(staging, source)
        _publish(staging, target)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise RequestError(f"cannot write `{target}`: {error.strerror or error}",
                         hint="check the free space and permissions; nothing was left behind") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


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
