"""The sensitivity progress bar: only on a terminal, only once a run has lasted a second."""

from __future__ import annotations

import sys

import pytest

from channelscore.cli.progress import ProgressBar


def test_the_progress_bar_appears_only_on_a_terminal_after_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    bar = ProgressBar()
    bar(10, 100)
    assert bar.bar is None  # not yet a second
    bar.started -= 2.0
    bar(50, 100)
    assert bar.bar is not None
    bar(100, 100)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    quiet = ProgressBar()
    quiet.started -= 2.0
    quiet(50, 100)
    assert quiet.bar is None


def test_an_interrupt_stops_the_bar_and_shows_the_cursor_again() -> None:
    """On a real terminal (a pseudo-terminal here): Ctrl-C during sampling ends with the cursor shown,
    `interrupted` on a line of its own, and exit code 130."""
    import os
    import pty
    import select
    import signal
    import time

    pid, terminal = pty.fork()
    if pid == 0:  # the child: the command line on the pseudo-terminal, as a user would run it
        environment = {key: value for key, value in os.environ.items() if key != "CI"}
        os.execve(sys.executable, [sys.executable, "-m", "channelscore", "sensitivity", "--samples", "50000000"],
                  environment)
    output = b""
    started = time.monotonic()
    sent = False
    while time.monotonic() - started < 120:
        if not sent and b"\x1b[?25l" in output:  # the bar is drawn and the cursor hidden
            time.sleep(0.3)
            os.kill(pid, signal.SIGINT)
            sent = True
        ready, _, _ = select.select([terminal], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(terminal, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
    _, status = os.waitpid(pid, 0)
    assert sent, output[-300:]
    assert os.waitstatus_to_exitcode(status) == 130
    assert output.count(b"\x1b[?25l") == output.count(b"\x1b[?25h") >= 1
    assert output.rstrip().endswith(b"interrupted")
    assert output.rfind(b"\x1b[?25h") < output.rfind(b"interrupted")
