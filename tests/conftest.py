"""Shared fixtures: the embedded data, and small data folders written on the fly."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from channelscore.data.catalog import load_catalog
from channelscore.data.folders import embedded_data_dir
from channelscore.model import Catalog


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


def text(words: str) -> Any:
    """A text of the data, the same in both languages."""
    from channelscore import model

    return model.Text(words, words)


def tiny_catalog(ratings: dict[str, list[int]], weights: list[float] | None = None,
                 traits: dict[str, tuple[str, ...]] | None = None, expectations: tuple[Any, ...] = (),
                 not_applicable: tuple[str, ...] = ()) -> Catalog:
    """A catalog built from records alone: channels rated on criteria c0, c1, ..., one profile `p`."""
    from channelscore import model

    count = len(next(iter(ratings.values())))
    criteria = tuple(model.Criterion(f"c{i}", "client", model.Names(f"C{i}", f"C{i} fr"), text("d"), text("s"))
                     for i in range(count))
    channels = tuple(model.Channel(name, model.Names(name.title(), name.title() + " fr"),
                                   "human" if i % 2 == 0 else "unassisted", (traits or {}).get(name, ()),
                                   {f"c{k}": model.Rated(r, text(f"{name} c{k}")) for k, r in enumerate(values)})
                     for i, (name, values) in enumerate(ratings.items()))
    profile = model.Profile("p", model.Names("P", "P fr"), text("a test profile"),
                            {f"c{k}": model.Weight(w, text("w")) for k, w in enumerate(weights or [1.0] * count)},
                            chain=("p",), expectations=expectations,
                            not_applicable=tuple(model.NotApplicable(c, text("gone")) for c in not_applicable))
    return model.Catalog(Path("."), criteria, channels, {"p": profile}, aliases={}, unusable={})


def chromium_path() -> str:
    """Debian's Chromium for the browser tests: a failure in CI (``.ci/run`` installs it), else a skip."""
    import os
    import shutil

    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium package")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return found
