"""The compiled data: current with the shipped sources, equal to a full load, ignored when any source differs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from channelscore.catalog import Catalog, load_catalog
from channelscore.data import embedded_data_dir
from channelscore.problems import DataError
from channelscore.snapshot import SNAPSHOT_FILE, compile_data, load_catalog_fast, read_snapshot, write_snapshot


def test_the_shipped_snapshot_is_current() -> None:
    shipped = json.loads(SNAPSHOT_FILE.read_text(encoding="utf-8"))
    assert shipped == json.loads(json.dumps(compile_data(embedded_data_dir()))), (
        "the data changed: run `python -m channelscore.snapshot` and commit src/channelscore/compiled_data.json")


def test_the_snapshot_gives_the_same_catalog_as_a_full_load(catalog: Catalog) -> None:
    fast = read_snapshot(embedded_data_dir())
    assert fast is not None
    assert fast.criteria == catalog.criteria
    assert fast.channels == catalog.channels
    assert fast.aliases == catalog.aliases
    assert {k: v.model for k, v in fast.profiles.items()} == {k: v.model for k, v in catalog.profiles.items()}
    assert fast.resolve("retail").weights == catalog.resolve("retail").weights


@pytest.mark.parametrize("edit", ["change", "add", "remove"])
def test_any_difference_in_the_sources_falls_back_to_a_full_load(data_copy: Path, edit: str) -> None:
    assert read_snapshot(data_copy) is not None
    profiles = data_copy / "profiles"
    if edit == "change":
        path = profiles / "b2b.yaml"
        path.write_text(path.read_text().replace("written_proof: {value: 3,", "written_proof: {value: 30,"))
    elif edit == "add":
        (profiles / "extra.yaml").write_text((profiles / "b2b.yaml").read_text().replace("id: b2b", "id: extra")
                                             .replace("aliases: [business]", "aliases: []"))
    else:
        (profiles / "cost-control.yaml").unlink()
    assert read_snapshot(data_copy) is None
    catalog = load_catalog_fast(data_copy)
    if edit == "change":
        assert catalog.profiles["b2b"].model.weights["written_proof"].value == 30
    elif edit == "add":
        assert "extra" in catalog.profiles
    else:
        assert "cost-control" not in catalog.profiles


def test_broken_data_is_reported_even_with_a_snapshot(data_copy: Path) -> None:
    (data_copy / "profiles" / "b2b.yaml").write_text("format: [\n")
    with pytest.raises(DataError) as error:
        load_catalog_fast(data_copy)
    assert error.value.problems[0].file == "data/profiles/b2b.yaml"


def test_problems_found_after_a_snapshot_load_are_still_located(data_copy: Path) -> None:
    catalog = read_snapshot(data_copy)
    assert catalog is not None
    document = catalog.profiles["local-retail"].document
    position = document.locate(("expectations", 0))
    assert position.line == next(i for i, line in enumerate(
        (data_copy / "profiles" / "local-retail.yaml").read_text().splitlines(), 1) if "- statement:" in line)


def test_write_snapshot_round_trip(tmp_path: Path, data_copy: Path) -> None:
    target = tmp_path / "compiled.json"
    write_snapshot(data_copy, target)
    fast = read_snapshot(data_copy, target)
    assert fast is not None and fast.channels == load_catalog(data_copy).channels
    assert read_snapshot(data_copy, tmp_path / "absent.json") is None
    damaged = json.loads(target.read_text())
    del damaged["channels"]["channels"][0]["ratings"]
    target.write_text(json.dumps(damaged))
    assert read_snapshot(data_copy, target) is None
