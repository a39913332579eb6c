"""Running a command body: the package's errors become messages and exit codes, never a traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import NoReturn

import typer

EXIT_DATA = 1
EXIT_USAGE = 2

# How the API's arguments are spelt on the command line, for errors that name them.
OPTION_FOR = {"weights": "--weight", "samples": "--samples", "rating_noise": "--rating-noise",
              "concentration": "--around-profile", "margin": "--margin", "size": "--size", "require": "--require",
              "overtake": "--overtake"}


def fail(code: int, lines: list[str]) -> NoReturn:
    for line in lines:
        sys.stderr.write(line + "\n")
    raise typer.Exit(code)


def run(action: Callable[[], int | None]) -> None:
    """Run ``action``, turning the package's errors into messages on standard error and exit codes."""
    from channelscore.cli.progress import stop_progress
    from channelscore.errors import DataError, RequestError

    try:
        code = action()
        sys.stdout.flush()  # a full disk must fail here, inside the handling, not at the interpreter's exit
    except DataError as error:
        from channelscore.errors import cap_problems
        from channelscore.render.clean import clean

        fail(EXIT_DATA, [clean(p.as_line()) for p in cap_problems(error.problems)] +
             [f"{len(error.problems)} problem(s) found; nothing was done."])
    except RequestError as error:
        from channelscore.render.clean import clean

        message, hint = error.text(OPTION_FOR)
        fail(EXIT_USAGE, [f"error: {clean(message)}" + (f"\nhint: {clean(hint)}" if hint else "")])
    except BrokenPipeError:
        # The reader stopped early (`| head`): not an error. Point standard output at the null device so
        # that the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None
    except (KeyboardInterrupt, MemoryError):
        # The entry point (channelscore.console) says so and exits; the terminal's cursor comes back first.
        stop_progress()
        raise
    except ImportError as error:
        # numpy cannot map its libraries under a low memory limit; its own message is a page long.
        text = str(error)
        cause = (text.split("Original error was:")[-1] if "Original error was:" in text else text).strip()
        first = cause.splitlines()[0] if cause else type(error).__name__
        fail(EXIT_USAGE, [f"error: cannot load a library the command needs: {first}",
                          "hint: check the memory limit (ulimit -v) and the installation"])
    except OSError as error:
        # Reading data files never gets here (those are located problems): this is a full disk, a stream gone.
        stop_progress()
        fail(EXIT_USAGE, [f"error: input/output failed: {error.strerror or error}",
                          "hint: check the free space, and where the output goes"])
    except Exception as error:
        if os.environ.get("CHANNELSCORE_DEBUG"):
            raise
        fail(EXIT_DATA, [f"internal error: {type(error).__name__}: {error}",
                         "hint: run again with CHANNELSCORE_DEBUG=1 for the traceback, and report it"])
    if code:
        raise typer.Exit(code)


def parse_weights(items: list[str] | None) -> dict[str, float]:
    """``--weight trust=2 --weight effort=0.5`` as a mapping; a malformed item is a usage error."""
    import math

    from channelscore.errors import RequestError

    overrides: dict[str, float] = {}
    for item in items or []:
        name, sep, text = item.partition("=")
        try:
            value = float(text) if sep else math.nan
        except ValueError:
            value = math.nan
        if not sep or not name.strip() or not math.isfinite(value) or value < 0:
            raise RequestError(f"--weight `{item}` is not `criterion=value` with a finite value of zero or more",
                               hint="for example --weight trust=2 --weight contact_cost=0")
        overrides[name.strip()] = value
    return overrides
