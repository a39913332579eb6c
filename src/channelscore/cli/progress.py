"""A progress bar on standard error, shown only on a terminal and only once a run has lasted a second."""

from __future__ import annotations

import os
import sys
import time
from typing import Any

_shown: list[Any] = []


def stop_progress() -> None:
    """Stop any progress bar still drawn (after an interrupt), which puts the terminal's cursor back."""
    while _shown:
        _shown.pop().stop()


class ProgressBar:
    """Called with (done, total) as samples are drawn; draws nothing off a terminal, under CI, or for short runs."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.bar: Any = None
        self.task: Any = None
        self.enabled = sys.stderr.isatty() and not os.environ.get("CI")

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            if time.monotonic() - self.started < 1.0 or done >= total:
                return
            from rich.console import Console
            from rich.progress import Progress

            progress = Progress(console=Console(stderr=True), transient=True)
            progress.start()
            _shown.append(progress)
            self.bar, self.task = progress, progress.add_task("sampling weights", total=total)
        self.bar.update(self.task, completed=done)
        if done >= total:
            self.bar.stop()
            if self.bar in _shown:
                _shown.remove(self.bar)
