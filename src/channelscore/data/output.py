"""Writing an output file all at once, and never over an existing file unless asked."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from channelscore.errors import RequestError


def current_umask() -> int:
    """The process's file-creation mask (read by setting it, then putting it back)."""
    umask = os.umask(0)
    os.umask(umask)
    return umask


def write_new_file(path: Path, text: str | bytes, force: bool = False) -> None:
    """Write ``text`` (or bytes) to ``path`` through a temporary file in the same folder, published whole.

    Without ``force`` the file is published with a hard link, which fails if anything took the
    name in the meantime, so a file that appears after the check is never replaced. With
    ``force`` only a regular file (or a link, which is replaced, not followed) is replaced: a
    device, a named pipe or a socket never is.
    """
    _check_target(path, force)
    folder = path.absolute().parent
    if not folder.is_dir():
        raise RequestError(f"folder `{folder}` does not exist", hint="create it first, or write somewhere else")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as error:
        raise RequestError(f"cannot write in `{folder}`: {error.strerror}") from None
    try:
        if isinstance(text, bytes):
            with os.fdopen(handle, "wb") as binary:
                binary.write(text)
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
        os.chmod(temporary, 0o666 & ~current_umask())
        if force:
            _check_target(path, force)
            os.replace(temporary, path)
        else:
            _publish_new(Path(temporary), path)
    except OSError as error:
        raise RequestError(f"cannot write `{path}`: {error.strerror or error}",
                         hint="check the free space and permissions; nothing was written") from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def _check_target(path: Path, force: bool) -> None:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise RequestError(f"cannot write `{path}`: {error.strerror}") from None
    if stat.S_ISDIR(mode):
        raise RequestError(f"`{path}` is a folder", hint="give the name of the file to write")
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise RequestError(f"`{path}` is not a regular file (a device, a named pipe or a socket); it is never replaced",
                           hint="write to a file name")
    if not force:
        raise RequestError(f"`{path}` already exists", hint="choose another name, or add --force to replace it")


def _publish_new(temporary: Path, path: Path) -> None:
    """Give the written file its name only if the name is still free (a hard link cannot replace a file)."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise RequestError(f"`{path}` already exists", hint="choose another name, or add --force to replace it") \
            from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A file system without hard links: claim the name first, then replace the empty claim.
        claim = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(claim)
        os.replace(temporary, path)
