"""The console-script entry point: standard streams made safe, and Ctrl-C caught from the very start.

It imports nothing heavy itself, so that an interrupt while the command line is still being
imported ends like one during a command: ``interrupted`` and exit code 130, never a traceback.
Streams are settled before any command runs: a closed standard output is a usage error (exit 2)
rather than output silently lost, a terminal whose encoding cannot show a character gets a
replacement character instead of a crash, and ``COLUMNS=0`` means "unknown width", not zero.
"""

from __future__ import annotations

import os
import sys

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def main() -> None:
    """Run the command line with safe streams; every way out is an exit code and at most one clean line."""
    # The matrices here are a few thousand rows at most: OpenBLAS threads buy nothing, and creating
    # them fails under a low memory limit with a message that blames an interrupt.
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    try:
        _settle_streams()
        from channelscore.cli import main as command_line
    except KeyboardInterrupt:
        _leave(EXIT_INTERRUPTED, "interrupted")
    try:
        command_line()
    except KeyboardInterrupt:
        _leave(EXIT_INTERRUPTED, "interrupted")
    except SystemExit as done:
        if done.code == EXIT_INTERRUPTED:
            # The command-line library turns an interrupt into exit code 130 without a word.
            _leave(EXIT_INTERRUPTED, "interrupted")
        if type(sys.stdout).__name__.endswith("PacifyFlushWrapper"):
            # The command-line library met a closed pipe (`channelscore --help | head -1`) and would exit 1,
            # the code for invalid data; a reader that stops early is not an error.
            _quiet_stdout()
            raise SystemExit(0) from None
        raise
    except MemoryError:
        _leave(EXIT_USAGE, "error: not enough memory for this command\n"
                           "hint: raise the memory limit, or ask for less (fewer --samples, a smaller --max-size)")


def _settle_streams() -> None:
    if sys.stdout is None or sys.stderr is None:
        # Started with standard output or error closed (`channelscore rank >&-`): say so where possible.
        if sys.stderr is not None:
            sys.stderr.write("error: standard output is closed; nothing was done\n")
        raise SystemExit(EXIT_USAGE)
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    columns = os.environ.get("COLUMNS", "")
    if columns.strip().isdigit() and int(columns) < 1:
        del os.environ["COLUMNS"]


def _quiet_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's last flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
    except OSError:
        pass


def _leave(code: int, message: str) -> None:
    try:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    raise SystemExit(code)
