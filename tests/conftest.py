"""Shared fixtures: the embedded data, and small data folders written on the fly."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from channelscore.catalog import Catalog, load_catalog
from channelscore.data import embedded_data_dir


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(embedded_data_dir())


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the embedded data folder."""
    target = tmp_path / "data"
    source = embedded_data_dir()
    for part in ("criteria", "profiles"):
        shutil.copytree(source / part, target / part)
    return target


ImportCheck = Callable[..., list[str]]


@pytest.fixture
def imported_after() -> ImportCheck:
    """Run command lines in a fresh interpreter; return which of ``modules`` they imported."""

    def check(commands: list[list[str]], modules: tuple[str, ...]) -> list[str]:
        script = ("import sys, io, contextlib, json\nfrom channelscore.cli import main\n"
                  f"for argv in {commands!r}:\n"
                  "    sys.argv = ['channelscore', *argv]\n"
                  "    with contextlib.redirect_stdout(io.StringIO()):\n"
                  "        try:\n            main()\n        except SystemExit:\n            pass\n"
                  f"print(json.dumps(sorted(m for m in {modules!r} if m in sys.modules)))")
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
        found: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
        return found

    return check
