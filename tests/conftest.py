"""Shared fixtures: the embedded data, and small data folders written on the fly."""

from __future__ import annotations

import shutil
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
