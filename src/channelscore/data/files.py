"""Open data files the safe way: regular files only, inside their data folder, read with a bound.

Every byte a command reads from a data folder comes through :func:`read_bounded`. A named
pipe would block the reader forever and ``/dev/zero`` would fill the memory, so a file is
opened without blocking and checked to be a regular file on the open descriptor itself (no
window between the check and the read), and at most ``MAX_FILE_BYTES + 1`` bytes are read.
A symbolic link may point elsewhere inside the data folder; one that leaves it is refused
without reading the target, so that a data folder under review cannot make the tool print
fields of a file elsewhere on the machine.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from channelscore.errors import DataError, Problem

MAX_FILE_BYTES = 1 << 20

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def read_bounded(path: Path, display: str, root: Path | None = None) -> bytes:
    """The bytes of the regular file ``path`` (at most ``MAX_FILE_BYTES + 1``); a :class:`DataError`
    with one located problem if it is not a regular file, leaves the folder ``root``, or cannot be read."""
    if root is not None:
        _refuse_outside(path, display, root)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise DataError([_unreadable(display, _reason(error))]) from None
    try:
        kind = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(kind):
            what = next((name for test, name in _KINDS if test(kind)), "not a regular file")
            raise DataError([_unreadable(display, f"it is {what}, not a regular file",
                                         "a data file is a plain YAML file")])
        chunks = []
        size = 0
        while size <= MAX_FILE_BYTES and (chunk := os.read(descriptor, MAX_FILE_BYTES + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    except OSError as error:
        raise DataError([_unreadable(display, _reason(error))]) from None
    finally:
        os.close(descriptor)


def is_regular_file(path: Path) -> bool:
    """Whether ``path`` (links followed) is a regular file; False for anything that cannot be examined."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def is_folder(path: Path) -> bool:
    """Whether ``path`` (links followed) is a folder; False for anything that cannot be examined."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _refuse_outside(path: Path, display: str, root: Path) -> None:
    try:
        target = Path(os.path.realpath(path, strict=True))
        base = Path(os.path.realpath(root, strict=True))
    except OSError as error:  # a link loop is ELOOP here (Path.resolve would raise RuntimeError)
        raise DataError([_unreadable(display, _reason(error))]) from None
    if not target.is_relative_to(base):
        raise DataError([Problem(display, 1, 1, "file-outside-folder",
                                 "the file is a symbolic link to a file outside the data folder; it was not read",
                                 hint="copy the file into the data folder instead of linking to it")])


def _reason(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "it is a symbolic link that leads back to itself"
    return error.strerror or type(error).__name__


def _unreadable(display: str, reason: str, hint: str = "") -> Problem:
    return Problem(display, 1, 1, "file-unreadable", f"cannot read the file: {reason}", hint=hint)


OUR_FOLDERS = ("criteria", "profiles", "scenarios", "workshops")
_OUR_FORMAT = re.compile(rb"^format:[ \t]*[\"']?channelscore/", re.MULTILINE)


def is_channelscore_file(path: Path) -> bool:
    """Whether ``path`` is one of ours, by content (a top-level ``format: channelscore/...`` line) or by the
    folder it sits in; a file that cannot be read counts as ours, so that its problem is reported."""
    if path.parent.name in OUR_FOLDERS:
        return True
    try:
        content = read_bounded(path, str(path))
    except DataError:
        return True
    return _OUR_FORMAT.search(content.lstrip(b"\xef\xbb\xbf")) is not None
