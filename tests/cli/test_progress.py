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
