"""Standard streams and signals, through the real entry point: closed, full, narrow or non-UTF-8
output, interrupts at start-up, low memory; each ends with its documented code and one clean line."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ENTRY = [sys.executable, "-m", "channelscore"]


def launch(*args: str, env: dict[str, str] | None = None, **options: object) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONUTF8": "1", **(env or {})}
    return subprocess.run([*ENTRY, *args], capture_output=True, text=True, env=environment, timeout=120,
                          **options)  # type: ignore[call-overload, no-any-return]


@pytest.mark.parametrize("args", [["rank"], ["rank", "-f", "json"], ["validate"], ["list", "criteria"]])
def test_a_closed_standard_output_is_a_usage_error(args: list[str], tmp_path: Path) -> None:
    result = subprocess.run([*ENTRY, *args], stdout=None, stderr=subprocess.PIPE, text=True, timeout=120,
                            pass_fds=(), close_fds=True, preexec_fn=lambda: os.close(1))
    assert result.returncode == 2
    assert result.stderr == "error: standard output is closed; nothing was done\n"


def test_init_does_nothing_when_standard_output_is_closed(tmp_path: Path) -> None:
    result = subprocess.run([*ENTRY, "init", str(tmp_path / "acme")], stderr=subprocess.PIPE, text=True,
                            timeout=120, preexec_fn=lambda: os.close(1))
    assert result.returncode == 2 and not (tmp_path / "acme").exists()


@pytest.mark.parametrize("args", [["rank"], ["rank", "-f", "json"], ["validate"]])
def test_a_full_disk_is_an_input_output_error(args: list[str]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        result = subprocess.run([*ENTRY, *args], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == "error: input/output failed: No space left on device"
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


@pytest.mark.parametrize("args", [["--help"], ["rank", "--help"], ["rank"]])
def test_a_reader_that_stops_early_is_not_an_error(args: list[str]) -> None:
    process = subprocess.Popen([*ENTRY, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # like `| true`: the reader is gone before the first line
    error = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0, error
    assert error == ""


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
@pytest.mark.parametrize("args", [["rank"], ["list", "criteria", "--lang", "fr"], ["compare", "retail", "b2b"],
                                  ["rank", "-f", "json"]])
def test_an_output_encoding_without_the_characters_degrades(encoding: str, args: list[str]) -> None:
    result = launch(*args, env={"PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"}, encoding=encoding, errors="replace")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_columns_zero_is_an_unknown_width() -> None:
    result = launch("rank", env={"COLUMNS": "0"})
    assert result.returncode == 0 and "Face-to-face" in result.stdout


def test_an_interrupt_at_any_moment_of_start_up_is_clean() -> None:
    # From the moment the entry point runs: earlier, Python itself is still starting (see the README).
    for delay in (0.05, 0.1, 0.2, 0.3, 0.5):
        process = subprocess.Popen([*ENTRY, "rank"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   env={**os.environ, "PYTHONUTF8": "1"})
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=120)
        if "Traceback" in err:
            # Earlier than channelscore's first line (Python's own start-up, site), only Python can answer.
            assert "channelscore" not in err, (delay, err)
            continue
        assert process.returncode in (0, 130, -signal.SIGINT), (delay, process.returncode, err)
        if process.returncode == 130:
            assert err == "interrupted\n"


def test_a_low_memory_limit_ends_with_one_clean_line() -> None:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (120 << 20, 120 << 20))

    result = subprocess.run([*ENTRY, "sensitivity", "--samples", "50000000"], capture_output=True, text=True,
                            timeout=300, preexec_fn=limit, env={**os.environ, "PYTHONUTF8": "1"})
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "interrupted" not in result.stderr
    assert result.returncode in (0, 2), result.stderr
