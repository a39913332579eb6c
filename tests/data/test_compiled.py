"""The compiled data: current with the shipped sources, equal to a full load, ignored when any source differs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from channelscore import api
from channelscore.data.catalog import load_catalog
from channelscore.data.compiled import (
    COMPILED_FILE,
    compile_data,
    load_catalog_fast,
    read_compiled,
    sources_digest,
    write_compiled,
)
from channelscore.data.folders import embedded_data_dir
from channelscore.errors import DataError
from channelscore.model import Catalog


def test_the_shipped_compiled_data_is_current() -> None:
    shipped = json.loads(COMPILED_FILE.read_text(encoding="utf-8"))
    assert shipped == json.loads(json.dumps(compile_data(embedded_data_dir()))), (
        "the data changed: run `python -m channelscore.data.compiled` and commit "
        "src/channelscore/data/compiled_data.json")


def test_it_keeps_a_hash_of_the_sources_not_their_text() -> None:
    shipped = json.loads(COMPILED_FILE.read_text(encoding="utf-8"))
    assert set(shipped) == {"format", "sources_sha256", "criteria", "channels", "profiles", "aliases", "sources",
                            "expectations"}
    assert len(shipped["sources_sha256"]) == 64
    assert "reason: " not in COMPILED_FILE.read_text(encoding="utf-8")  # no YAML source text inside


def test_the_compiled_data_gives_the_same_catalog_as_a_full_load(catalog: Catalog) -> None:
    fast = read_compiled(embedded_data_dir())
    assert fast is not None
    assert fast == catalog
    assert api.profile(fast, "retail") == api.profile(catalog, "retail")


@pytest.mark.parametrize("edit", ["change", "add", "remove", "rename"])
def test_any_difference_in_the_sources_falls_back_to_a_full_load(data_copy: Path, edit: str) -> None:
    assert read_compiled(data_copy) is not None
    before = sources_digest(data_copy)
    profiles = data_copy / "profiles"
    if edit == "change":
        path = profiles / "b2b.yaml"
        weight = "  written_proof:\n    value: {}\n"
        path.write_text(path.read_text().replace(weight.format(4), weight.format(40)))
    elif edit == "add":
        (profiles / "extra.yaml").write_text((profiles / "b2b.yaml").read_text().replace("id: b2b", "id: extra")
                                             .replace("aliases: [business]", "aliases: []"))
    elif edit == "rename":
        (profiles / "b2b.yaml").rename(profiles / "b2b-renamed.yaml")
    else:
        (profiles / "cost-control.yaml").unlink()
    assert sources_digest(data_copy) != before
    assert read_compiled(data_copy) is None
    catalog = load_catalog_fast(data_copy)
    if edit == "change":
        assert catalog.profiles["b2b"].weights["written_proof"].value == 40
    elif edit == "add":
        assert "extra" in catalog.profiles
    elif edit == "remove":
        assert "cost-control" not in catalog.profiles


def test_broken_data_is_reported_even_with_compiled_data(data_copy: Path) -> None:
    (data_copy / "profiles" / "b2b.yaml").write_text("format: [\n")
    with pytest.raises(DataError) as error:
        load_catalog_fast(data_copy)
    assert error.value.problems[0].file == str(data_copy / "profiles" / "b2b.yaml")


def test_an_unreadable_source_means_no_digest(data_copy: Path) -> None:
    (data_copy / "criteria" / "criteria.yaml").unlink()
    assert sources_digest(data_copy) is None
    assert read_compiled(data_copy) is None


def test_write_round_trip_and_damaged_files(tmp_path: Path, data_copy: Path) -> None:
    target = tmp_path / "compiled.json"
    write_compiled(data_copy, target)
    fast = read_compiled(data_copy, target)
    assert fast is not None and fast == load_catalog(data_copy)
    assert read_compiled(data_copy, tmp_path / "absent.json") is None
    damaged = json.loads(target.read_text())
    del damaged["channels"][0]["ratings"]
    target.write_text(json.dumps(damaged))
    assert read_compiled(data_copy, target) is None
    target.write_text(json.dumps({**damaged, "format": "channelscore/compiled@1"}))
    assert read_compiled(data_copy, target) is None
    target.write_text("[]")
    assert read_compiled(data_copy, target) is None


def test_data_with_an_unusable_profile_cannot_be_compiled(data_copy: Path) -> None:
    path = data_copy / "profiles" / "b2b.yaml"
    path.write_text(path.read_text().replace("extends: balanced", "extends: nowhere"))
    with pytest.raises(DataError) as error:
        compile_data(data_copy)
    assert [p.code for p in error.value.problems] == ["extends-unknown"]
