"""The compiled data: the validated models of a data folder as JSON, beside the exact sources they came from.

Parsing the YAML files and validating them costs more start-up time than ranking. The shipped
data is therefore compiled once (``python -m channelscore.snapshot``), and a command whose data
folder holds, byte for byte, the very sources that were compiled builds its catalog from the
compiled form without parsing or validating again. Any difference in the sources — a changed
file, an added or removed profile — and the folder is loaded and checked in full.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from types import NoneType, UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from channelscore.catalog import Catalog, LoadedProfile, assemble_catalog, load_catalog, profile_files
from channelscore.data import CHANNELS_FILE, CRITERIA_FILE, display_path
from channelscore.loader import Document
from channelscore.models import ChannelsFile, CriteriaFile, ProfileFile

SNAPSHOT_FILE = Path(__file__).with_name("compiled_data.json")
FORMAT = "channelscore/compiled@1"


def source_paths(root: Path) -> list[Path]:
    """The data files of ``root`` that a snapshot covers, relative to it."""
    return [CRITERIA_FILE, CHANNELS_FILE, *profile_files(root)]


def _read_sources(root: Path) -> dict[str, str] | None:
    sources = {}
    for relative in source_paths(root):
        try:
            sources[relative.as_posix()] = (root / relative).read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None
    return sources


def compile_data(root: Path) -> dict[str, Any]:
    """The compiled form of the data folder ``root``; raises DataError if the data is invalid."""
    catalog = load_catalog(root)
    for profile_id in catalog.profiles:
        catalog.resolve(profile_id)
    sources = _read_sources(root)
    if sources is None:
        raise OSError(f"cannot read the sources of {root}")
    criteria = CriteriaFile(format="channelscore/criteria@1", criteria=list(catalog.criteria))
    channels = ChannelsFile(format="channelscore/channels@1", channels=list(catalog.channels))
    profiles = {loaded.document.path.relative_to(root).as_posix(): loaded.model.model_dump(mode="json")
                for loaded in catalog.profiles.values()}
    return {"format": FORMAT, "sources": sources, "criteria": criteria.model_dump(mode="json"),
            "channels": channels.model_dump(mode="json"), "profiles": profiles}


def write_snapshot(root: Path, target: Path = SNAPSHOT_FILE) -> None:
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


def read_snapshot(root: Path, snapshot: Path = SNAPSHOT_FILE) -> Catalog | None:
    """The catalog of ``root`` from the compiled data, or None when its sources differ in any way."""
    try:
        compiled = json.loads(snapshot.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(compiled, dict) or compiled.get("format") != FORMAT:
        return None
    if _read_sources(root) != compiled.get("sources"):
        return None
    try:
        criteria = _build(CriteriaFile, compiled["criteria"])
        channels = _build(ChannelsFile, compiled["channels"])
        loaded = [LoadedProfile(_build(ProfileFile, data),
                                Document.unparsed(root / relative, display_path(root / relative, root)))
                  for relative, data in sorted(compiled["profiles"].items())]
    except (KeyError, TypeError, ValueError, AttributeError, StopIteration):
        return None  # a damaged compiled file: the full loader is always right
    return assemble_catalog(root, criteria, channels, loaded)


def load_catalog_fast(root: Path) -> Catalog:
    """The catalog of ``root``: from the compiled data when its sources are unchanged, else loaded in full."""
    return read_snapshot(root) or load_catalog(root)


def _build(annotation: Any, value: Any) -> Any:
    """Rebuild validated models of type ``annotation`` from their JSON dump without validating again."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _build(get_args(annotation)[0], value)
    if origin in (Union, UnionType):
        if value is None:
            return None
        return _build(next(arg for arg in get_args(annotation) if arg is not NoneType), value)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        fields = {}
        for name, info in annotation.model_fields.items():
            if name in value:
                fields[name] = _build(info.annotation, value[name])
            elif info.is_required():
                raise KeyError(name)
        return annotation.model_construct(**fields)
    if origin is list:
        (item,) = get_args(annotation)
        return [_build(item, element) for element in value]
    if origin is dict:
        _, item = get_args(annotation)
        return {key: _build(item, element) for key, element in value.items()}
    return value


if __name__ == "__main__":
    from channelscore.data import embedded_data_dir

    write_snapshot(embedded_data_dir())
    print(f"wrote {SNAPSHOT_FILE}")
