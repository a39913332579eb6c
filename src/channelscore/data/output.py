"""Writing an output file all at once, and never over an existing file unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from channelscore.errors import RequestError


def current_umask() -> int:
    """The process's file-creation mask (read by setting it, then putting it back)."""
    umask = os.umask(0)
    os.umask(umask)
    return umask


def write_new_file(path: Path, text: str, force: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, renamed into place."""
    if path.exists() and not force:
        raise RequestError(f"`{path}` already exists", hint="choose another name, or add --force to replace it")
    if path.is_dir():
        raise RequestError(f"`{path}` is a folder", hint="give the name of the file to write")
    folder = path.absolute().parent
    if not folder.is_dir():
        raise RequestError(f"folder `{folder}` does not exist", hint="create it first, or write somewhere else")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as error:
        raise RequestError(f"cannot write in `{folder}`: {error.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, 0o666 & ~current_umask())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise RequestError(f"cannot write `{path}`: {error.strerror or error}",
                         hint="check the free space and permissions; nothing was written") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
