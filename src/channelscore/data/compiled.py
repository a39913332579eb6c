"""The compiled data: the shipped data folder's records as JSON, keyed by a hash of the sources they came from.

Parsing the YAML files and validating them costs more start-up time than ranking. The shipped
data is therefore compiled once (``python -m channelscore.data.compiled``); a command whose data
folder hashes, file by file, to the very sources that were compiled builds its catalog from the
compiled records without parsing, validating or resolving again. Any difference in the sources
(a changed byte, an added or removed profile) and the folder is loaded and checked in full.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from channelscore import model
from channelscore.data.files import MAX_FILE_BYTES, read_bounded
from channelscore.data.folders import CHANNELS_FILE, CRITERIA_FILE, SOURCES_FILE, profile_files
from channelscore.data.study import COMPILED_FILE as COMPILED_FILE
from channelscore.errors import DataError

FORMAT = "channelscore/compiled@9"


def source_paths(root: Path) -> list[Path]:
    """The data files of ``root`` that the compiled form covers, relative to it."""
    optional = [SOURCES_FILE] if os.path.lexists(root / SOURCES_FILE) else []
    return [CRITERIA_FILE, CHANNELS_FILE, *optional, *profile_files(root)]


def sources_digest(root: Path) -> str | None:
    """One SHA-256 over the relative path and the bytes of every source file, or None if one cannot be read."""
    digest = hashlib.sha256()
    for relative in source_paths(root):
        try:
            content = read_bounded(root / relative, relative.as_posix(), root)
        except DataError:
            return None
        if len(content) > MAX_FILE_BYTES:
            return None
        name = relative.as_posix().encode("utf-8")
        digest.update(len(name).to_bytes(8, "big") + name + len(content).to_bytes(8, "big"))
        digest.update(content)
    return digest.hexdigest()


def compile_data(root: Path) -> dict[str, Any]:
    """The compiled form of the data folder ``root``; a DataError if the data or any profile is invalid."""
    from channelscore.data.catalog import load_catalog

    catalog = load_catalog(root)
    if catalog.unusable:
        raise DataError([problem for problems in catalog.unusable.values() for problem in problems])
    digest = sources_digest(root)
    if digest is None:
        raise OSError(f"cannot read the sources of {root}")
    return {"format": FORMAT, "sources_sha256": digest,
            "criteria": _plain(catalog.criteria), "channels": _plain(catalog.channels),
            "profiles": _plain(tuple(catalog.profiles.values())), "aliases": dict(catalog.aliases),
            "sources": _plain(catalog.sources), "expectations": _plain(catalog.expectations)}


def _plain(value: Any) -> Any:
    """A record as JSON values: records as objects, tuples as lists."""
    if hasattr(value, "_asdict"):
        return {key: _plain(item) for key, item in value._asdict().items()}
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def write_compiled(root: Path, target: Path = COMPILED_FILE) -> None:
    """Compile ``root`` into ``target``, replacing it atomically."""
    text = json.dumps(compile_data(root), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".compiled-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


def read_compiled(root: Path, compiled_file: Path = COMPILED_FILE) -> model.Catalog | None:
    """The catalog of ``root`` from the compiled data, or None when its sources differ in any way."""
    try:
        compiled = json.loads(compiled_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(compiled, dict) or compiled.get("format") != FORMAT:
        return None
    if compiled.get("sources_sha256") != sources_digest(root):
        return None
    try:
        profiles = [_profile(p) for p in compiled["profiles"]]
        return model.Catalog(root=root, criteria=tuple(_criterion(c) for c in compiled["criteria"]),
                             channels=tuple(_channel(c) for c in compiled["channels"]),
                             profiles={p.id: p for p in profiles}, aliases=dict(compiled["aliases"]), unusable={},
                             sources=tuple(_source(s) for s in compiled["sources"]),
                             expectations=tuple(_expectation(e) for e in compiled["expectations"]))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None  # a damaged compiled file: the full loader is always right


def load_catalog_fast(root: Path) -> model.Catalog:
    """The catalog of ``root``: from the compiled data when its sources are unchanged, else loaded in full."""
    compiled = read_compiled(root)
    if compiled is not None:
        return compiled
    from channelscore.data.catalog import load_catalog

    return load_catalog(root)


def _text(data: Mapping[str, Any]) -> model.Text:
    return model.Text(en=data["en"], fr=data["fr"])


def _maybe(data: Mapping[str, Any] | None) -> model.Text | None:
    return _text(data) if data is not None else None


def _rated(data: Mapping[str, Any]) -> model.Rated:
    return model.Rated(data["rating"], _text(data["reason"]), _maybe(data["source"]))


def _ratings(data: Mapping[str, Any]) -> dict[str, model.Rated]:
    return {key: _rated(value) for key, value in data.items()}


def _with_texts(data: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    """``data`` with the texts under ``keys`` (each a text or None) as records."""
    return {**data, **{key: _maybe(data[key]) for key in keys}}


def _source(data: Mapping[str, Any]) -> model.Source:
    return model.Source(**_with_texts(data, "titles", "short"))


def _criterion(data: Mapping[str, Any]) -> model.Criterion:
    poles = data["poles"]
    return model.Criterion(**{**_with_texts(data, "names", "description", "source"),
                              "poles": model.Poles(_text(poles["good"]), _text(poles["poor"])) if poles else None})


def _channel(data: Mapping[str, Any]) -> model.Channel:
    return model.Channel(**{**_with_texts(data, "names"), "traits": tuple(data["traits"]),
                            "ratings": _ratings(data["ratings"]), "extra_ratings": _ratings(data["extra_ratings"]),
                            "best_practices": tuple(_text(p) for p in data["best_practices"])})


def _extra(data: Mapping[str, Any]) -> model.ExtraCriterion:
    return model.ExtraCriterion(**{**_with_texts(data, "names", "description", "source"),
                                   "ratings": _ratings(data["ratings"])})


def _expectation(data: Mapping[str, Any]) -> model.Expectation:
    lists = {key: tuple(data[key]) if data[key] is not None else None for key in ("channels", "than")}
    return model.Expectation(**{**_with_texts(data, "statement", "source", "unmet"), **lists})


def _weights(data: Mapping[str, Any]) -> dict[str, model.Weight]:
    return {key: model.Weight(**{**_with_texts(value, "reason", "source"), "factors": tuple(
                model.Factor(**{**_with_texts(f, "reason", "source")}) for f in value["factors"])})
            for key, value in data.items()}


def _profile(data: Mapping[str, Any]) -> model.Profile:
    split = data["group_split"]
    base = data["base_weights"]
    return model.Profile(**{
        **_with_texts(data, "names", "description", "source"),
        "weights": _weights(data["weights"]), "base_weights": _weights(base) if base is not None else None,
        "aliases": tuple(data["aliases"]), "chain": tuple(data["chain"]), "extends": tuple(data["extends"]),
        "parts": tuple(model.Part(item["id"], _text(item["names"]), item["kind"]) for item in data["parts"]),
        "set_aside": tuple(model.SetAside(_expectation(item["expectation"]),
                                          _expectation(item["against"]) if item["against"] else None)
                           for item in data["set_aside"]),
        "group_split": model.GroupSplit(**_with_texts(split, "reason", "source")) if split is not None else None,
        "base_split": (model.GroupSplit(**_with_texts(data["base_split"], "reason", "source"))
                       if data["base_split"] is not None else None),
        "adjustments": tuple(model.Adjustment(**_with_texts(item, "reason", "source"))
                             for item in data["adjustments"]),
        "extra_criteria": tuple(_extra(item) for item in data["extra_criteria"]),
        "not_applicable": tuple(model.NotApplicable(**_with_texts(item, "reason", "source"))
                                for item in data["not_applicable"]),
        "expectations": tuple(_expectation(item) for item in data["expectations"]),
        "references": tuple(model.Reference(**_with_texts(item, "title")) for item in data["references"])})


if __name__ == "__main__":
    from channelscore.data.folders import embedded_data_dir

    write_compiled(embedded_data_dir())
    print(f"wrote {COMPILED_FILE}")
