"""Check a whole data folder, and any profile files named beside it, as far as files can tell.

Loading and the rules across files are those every command meets (:mod:`channelscore.data.catalog`);
on top of that every profile is resolved. What only a ranking can tell (the study's expectations,
a weight that decides alone) is left to the caller, who gets the profiles whose files are sound.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from channelscore import model
from channelscore.data.catalog import Inspection, index_profiles, inspect_folder, is_workshop, read_profile
from channelscore.data.files import is_regular_file
from channelscore.data.folders import CHANNELS_FILE, CRITERIA_FILE, SOURCES_FILE, display_path, profile_files
from channelscore.data.formats import parent_ids
from channelscore.data.resolve import LoadedProfile, resolve_profile, salvaged_name_problems
from channelscore.data.rules import profile_problems
from channelscore.data.yaml_reader import Document
from channelscore.errors import DataError, Problem, RequestError


class SoundProfile(NamedTuple):
    """A resolved profile whose files and whose catalog have no error: it can be ranked."""

    profile: model.Profile
    document: Document


class FolderCheck(NamedTuple):
    """The files checked, every problem found in them, and what can be ranked."""

    files: list[str]
    problems: list[Problem]
    catalog: model.Catalog | None
    sound: list[SoundProfile]
    workshops: list[Path]
    channels_document: Document | None = None


def check_folder(root: Path, named: Sequence[Path] = ()) -> FolderCheck:
    """Check the data folder ``root`` and the profile, scenario or workshop files ``named``
    (those inside ``root`` are checked once); workshop files are listed for the caller to check."""
    inspection = inspect_folder(root)
    problems = list(inspection.problems)
    files = list(inspection.files)
    # os.path.realpath, unlike Path.resolve, does not raise on a link loop: the reader reports it.
    inside = {os.path.realpath(root / relative)
              for relative in (CRITERIA_FILE, CHANNELS_FILE, SOURCES_FILE, *profile_files(root))}
    extra: list[LoadedProfile] = []
    workshops: list[Path] = []
    for path in named:
        if not is_regular_file(path):
            raise RequestError(f"`{path}` is not a file",
                               hint="name profile, scenario or workshop files to check beside the data folder")
        if os.path.realpath(path) in inside:
            continue
        inside.add(os.path.realpath(path))
        files.append(str(path))
        if is_workshop(path):
            workshops.append(path)
            continue
        read = read_profile(path, str(path), problems)
        for loaded in (read.loaded, read.salvaged):
            if loaded is not None and inspection.known is not None:
                problems += profile_problems(loaded.model, loaded.document, inspection.known)
        if read.salvaged is not None and inspection.known is not None:
            problems += salvaged_name_problems(read.salvaged, *index_profiles(inspection.profiles), inspection.known,
                                               inspection.unreadable_profiles)
        if read.loaded is not None:
            extra.append(read.loaded)
    sound: list[SoundProfile] = []
    if inspection.known is not None:
        sound = _resolve_every_profile(inspection, extra, problems)
    return FolderCheck(files, problems, inspection.catalog, sound, workshops, inspection.channels_document)


def _resolve_every_profile(inspection: Inspection, extra: list[LoadedProfile],
                           problems: list[Problem]) -> list[SoundProfile]:
    """Resolve every profile (adding the problems to ``problems``); return those sound enough to rank."""
    assert inspection.known is not None
    folder = inspection.profiles
    catalog = inspection.catalog
    profiles, aliases = index_profiles(folder)
    broken = {p.file for p in problems if p.level == "error"}
    core_sound = catalog is not None and not broken & {display_path(catalog.root / CRITERIA_FILE),
                                                        display_path(catalog.root / CHANNELS_FILE)}
    sound: list[SoundProfile] = []
    in_folder = {id(loaded) for loaded in folder}  # identity: comparing pydantic models field by field is slow
    parents_broken: dict[str, bool] = {}
    for loaded in [*folder, *extra]:
        pool = profiles if id(loaded) in in_folder else {**profiles, loaded.model.id: loaded}
        if inspection.unreadable_profiles and _extends_unreadable(loaded, pool, aliases,
                                                                  inspection.unreadable_profiles):
            continue
        profile_id = loaded.model.id
        if catalog is not None and profiles.get(profile_id) is loaded:
            # The catalog resolved the folder's profiles when it was assembled; their problems are kept there.
            if profile_id in catalog.unusable:
                problems += catalog.unusable[profile_id]
                continue
            resolved = catalog.profiles[profile_id]
        else:
            try:
                resolved = resolve_profile(loaded, pool, aliases, inspection.known.criteria,
                                           catalog.channels if catalog is not None else ())
            except DataError as error:
                problems += error.problems
                continue
        if core_sound and loaded.document.display not in broken \
                and not _chain_broken(resolved.chain[1:], pool, aliases, broken, parents_broken):
            sound.append(SoundProfile(resolved, loaded.document))
    return sound


def _chain_broken(ancestors: Sequence[str], pool: dict[str, LoadedProfile], aliases: dict[str, str],
                  broken: set[str], known: dict[str, bool]) -> bool:
    """Whether the file of any of ``ancestors`` (nearest first) has an error; remembered in ``known`` per
    profile, so that a chain of n profiles is looked at n times in all, not n squared."""
    pending: list[str] = []
    result = False
    for name in ancestors:
        key = aliases.get(name, name)
        if key in known:
            result = known[key]
            break
        pending.append(key)
    for key in reversed(pending):
        result = result or pool[key].document.display in broken
        known[key] = result
    return result


def _extends_unreadable(loaded: LoadedProfile, profiles: dict[str, LoadedProfile], aliases: dict[str, str],
                        unreadable: set[str]) -> bool:
    """True when the ``extends`` chain reaches a profile file that could not be read: it has its own problems."""
    seen: set[str] = set()
    pending = [loaded]
    while pending:
        current = pending.pop()
        if current.model.id in seen:
            continue
        seen.add(current.model.id)
        for parent in parent_ids(current.model.extends):
            if parent in unreadable and aliases.get(parent, parent) not in profiles:
                return True
            found = profiles.get(aliases.get(parent, parent))
            if found is not None:
                pending.append(found)
    return False
