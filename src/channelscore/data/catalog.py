"""Read a data folder: every file loaded and checked, every profile resolved, into a :class:`model.Catalog`.

Every problem met on the way, in any file, is collected; the caller gets either a complete
catalog or one :class:`DataError` that lists them all. A profile that cannot be resolved does
not stop the others: the catalog keeps its problems for whoever asks for it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from channelscore import model
from channelscore.data import rules
from channelscore.data.files import is_regular_file, read_bounded
from channelscore.data.folders import (
    CHANNELS_FILE,
    CRITERIA_FILE,
    SOURCES_FILE,
    display_path,
    profile_files,
    profile_folder_problems,
)
from channelscore.data.formats import (
    SCENARIO_FORMAT,
    Channel,
    ChannelsFile,
    CriteriaFile,
    Criterion,
    ProfileFile,
    ScenarioFile,
    SourcesFile,
    channel_record,
    criterion_record,
    expectation_record,
    source_record,
)
from channelscore.data.resolve import LoadedProfile, resolve_all, resolve_onto, salvaged_name_problems
from channelscore.data.shape import Model, validate_model
from channelscore.data.yaml_reader import Document, load_file, parse_text
from channelscore.errors import DataError, Problem, RequestError, raise_errors


class CorePart(NamedTuple):
    """What could be read of the criteria or channels file, even when some entries are invalid."""

    document: Document | None
    model: BaseModel | None
    ids: list[tuple[int, str]]
    entries: list[tuple[int, BaseModel]]
    traits: list[str]
    readable: bool
    names_reliable: bool


class Inspection(NamedTuple):
    """Everything loading a data folder found: every problem, the names it defines, and the catalog if complete."""

    problems: list[Problem]
    files: list[str]
    profiles: list[LoadedProfile]
    unreadable_profiles: set[str]
    known: rules.KnownNames | None
    catalog: model.Catalog | None
    channels_document: Document | None = None


def load_catalog(root: Path) -> model.Catalog:
    """Load and check every file of the data folder ``root``."""
    inspection = inspect_folder(root)
    raise_errors(inspection.problems)
    assert inspection.catalog is not None
    return inspection.catalog


def inspect_folder(root: Path) -> Inspection:
    """Load every file of ``root`` and run every check that the readable parts allow.

    An invalid entry of the criteria or channels file is reported once, by its shape, and
    the others are still checked across files; the names of invalid entries still count as
    known, so that no profile gets a second, misleading problem for naming them.
    """
    problems: list[Problem] = []
    criteria = _load_core(root / CRITERIA_FILE, root, CriteriaFile, "criteria", Criterion, problems)
    channels = _load_core(root / CHANNELS_FILE, root, ChannelsFile, "channels", Channel, problems)
    profile_paths = [root / relative for relative in profile_files(root)]
    files = [display_path(root / CRITERIA_FILE), display_path(root / CHANNELS_FILE)]
    sources = _load_sources(root, files, problems)
    loaded_profiles: list[LoadedProfile] = []
    salvaged: list[LoadedProfile] = []
    unreadable: set[str] = set()
    for path in profile_paths:
        display = display_path(path)
        files.append(display)
        read = read_profile(path, display, problems, root)
        if read.loaded is not None:
            loaded_profiles.append(read.loaded)
        if read.salvaged is not None:
            salvaged.append(read.salvaged)
        unreadable |= read.names
    claimed = {name for p in loaded_profiles for name in (p.model.id, *p.model.aliases)}
    problems += profile_folder_problems(root, claimed | unreadable)
    known = None
    if criteria.readable and channels.readable:
        assert criteria.document is not None and channels.document is not None
        valid_channels = [(i, entry) for i, entry in channels.entries if isinstance(entry, Channel)]
        problems += rules.catalog_problems(criteria.ids, criteria.document, channels.ids,
                                            valid_channels if criteria.names_reliable else [], channels.document)
        if isinstance(channels.model, ChannelsFile):
            problems += rules.uniform_criterion_problems(criteria.ids, channels.model.channels, criteria.document)
            if criteria.names_reliable:
                problems += rules.channels_expectation_problems(channels.model, channels.document,
                                                                [name for _, name in criteria.ids])
        channel_names = [name for _, name in channels.ids] if channels.names_reliable else None
        rated_extra = {entry.id: frozenset(entry.extra_ratings) for _, entry in channels.entries
                       if isinstance(entry, Channel)}
        known = rules.KnownNames(criteria=_groups(criteria) if criteria.names_reliable else None,
                                  channels=channel_names, traits=channels.traits if channels.names_reliable else None,
                                  rated_extra=rated_extra)
    everyone = sorted([*loaded_profiles, *salvaged], key=lambda p: p.document.display)
    problems += rules.profile_identity_problems([(p.model, p.document) for p in everyone])
    if known is not None:
        for loaded in everyone:
            problems += rules.profile_problems(loaded.model, loaded.document, known)
        profiles, aliases = index_profiles(loaded_profiles)
        for partial in salvaged:
            problems += salvaged_name_problems(partial, profiles, aliases, known, unreadable)
        if not unreadable and channels.document is not None:
            defined = {extra.id for loaded in everyone for extra in loaded.model.extra_criteria}
            problems += rules.extra_rating_problems(channels.entries, channels.document, defined)
    catalog = None
    if isinstance(criteria.model, CriteriaFile) and isinstance(channels.model, ChannelsFile):
        catalog = assemble_catalog(root, criteria.model, channels.model, loaded_profiles, sources)
    return Inspection(problems=sorted(problems), files=files, profiles=loaded_profiles,
                      unreadable_profiles=unreadable, known=known, catalog=catalog,
                      channels_document=channels.document)


def _load_core(path: Path, root: Path, file_model: type[BaseModel], key: str, entry_model: type[BaseModel],
               problems: list[Problem]) -> CorePart:
    document, parsed = _load_document(path, display_path(path), file_model, problems, root)
    raw = document.data.get(key) if document is not None else None
    if not isinstance(raw, list):
        return CorePart(document, parsed, [], [], [], readable=False, names_reliable=False)
    ids: list[tuple[int, str]] = []
    entries: list[tuple[int, BaseModel]] = []
    traits: set[str] = set()
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            continue
        if isinstance(item.get("id"), str):
            ids.append((index, item["id"]))
        raw_traits = item.get("traits")
        if isinstance(raw_traits, list):
            traits.update(t for t in raw_traits if isinstance(t, str))
        if parsed is not None:
            entries.append((index, getattr(parsed, key)[index]))
        else:
            with contextlib.suppress(ValidationError):
                entries.append((index, entry_model.model_validate(item)))
    reliable = bool(raw) and len(entries) == len(raw)
    return CorePart(document, parsed, ids, entries, sorted(traits), readable=True, names_reliable=reliable)


def _groups(criteria: CorePart) -> dict[str, str]:
    """Each criterion's group, from a criteria file whose entries are all valid."""
    return {entry.id: entry.group for _, entry in criteria.entries if isinstance(entry, Criterion)}


def assemble_catalog(root: Path, criteria_file: CriteriaFile, channels_file: ChannelsFile,
                     loaded_profiles: list[LoadedProfile], sources: tuple[model.Source, ...] = ()) -> model.Catalog:
    """The catalog of files already known to be valid, every profile resolved (or its problems kept)."""
    loaded, aliases = index_profiles(loaded_profiles)
    channels = tuple(channel_record(c, channels_file.language) for c in channels_file.channels)
    profiles, unusable = resolve_all(loaded, aliases, {c.id: c.group for c in criteria_file.criteria}, channels)
    criteria = tuple(criterion_record(c, criteria_file.language) for c in criteria_file.criteria)
    return model.Catalog(root=root, criteria=criteria, channels=channels, study_channels=_study_channels(channels),
                         profiles=profiles, aliases=aliases, unusable=unusable, sources=sources,
                         expectations=tuple(expectation_record(e, channels_file.language)
                                                            for e in channels_file.expectations))


def _load_sources(root: Path, files: list[str], problems: list[Problem]) -> tuple[model.Source, ...]:
    """The optional sources file: titles for the texts the data cites, each id and file named once."""
    path = root / SOURCES_FILE
    if not os.path.lexists(path):
        return ()
    display = display_path(path)
    files.append(display)
    document, parsed = _load_document(path, display, SourcesFile, problems, root)
    if not isinstance(parsed, SourcesFile) or document is None:
        return ()
    seen: dict[tuple[str, str], int] = {}
    for index, source in enumerate(parsed.sources):
        for field, value in (("id", source.id), ("file", source.file)):
            if (field, value) in seen:
                earlier = document.locate(("sources", seen[(field, value)], field))
                problems.append(document.problem(("sources", index, field), "duplicate-id",
                                                 f"source {field} `{value}` is already used on line {earlier.line}",
                                                 hint="each source text is listed once"))
            seen[(field, value)] = index
    return tuple(source_record(source, parsed.language) for source in parsed.sources)


def index_profiles(loaded_profiles: list[LoadedProfile]) -> tuple[dict[str, LoadedProfile], dict[str, str]]:
    """Profiles by id, and the id each alias stands for; the first file to claim a name keeps it."""
    profiles: dict[str, LoadedProfile] = {}
    aliases: dict[str, str] = {}
    for loaded in loaded_profiles:
        profiles.setdefault(loaded.model.id, loaded)
        for alias in loaded.model.aliases:
            aliases.setdefault(alias, loaded.model.id)
    return profiles, aliases


class ProfileRead(NamedTuple):
    """A profile file as read: valid, or invalid with what can still be checked in it."""

    loaded: LoadedProfile | None
    salvaged: LoadedProfile | None
    names: set[str]


def read_profile(path: Path, display: str, problems: list[Problem], root: Path | None = None) -> ProfileRead:
    """A profile file, its problems added to ``problems``.

    When it is invalid, ``names`` holds the id and aliases it claims (and its file name) so that
    profiles extending it are not blamed for it, and ``salvaged`` the profile without its invalid
    parts, so that the names it uses can still be checked in the same run.
    """
    document = _read_document(path, display, problems, root)
    if document is None:
        return ProfileRead(None, None, {path.stem})
    return _profile_read(document, path, problems)


def _profile_read(document: Document, path: Path, problems: list[Problem]) -> ProfileRead:
    raw = document.data
    kind: type[ProfileFile] | type[ScenarioFile] = ProfileFile
    if raw.get("format") == SCENARIO_FORMAT:
        kind = ScenarioFile
        # Problems about the inherited profile point at `base`, the scenario's name for `extends`.
        for table in (document.positions, document.key_positions):
            if ("base",) in table and ("extends",) not in table:
                table[("extends",)] = table[("base",)]
    valid = validate_model(document, kind, problems)
    if valid is not None:
        problems += rules.translation_problems(valid, document)
        profile = valid.as_profile() if isinstance(valid, ScenarioFile) else valid
        return ProfileRead(LoadedProfile(profile, document), None, set())
    partial = salvage_profile(raw, kind)
    return ProfileRead(None, LoadedProfile(partial, document) if partial else None, _claimed_names(raw, path))


def _claimed_names(raw: dict[str, Any], path: Path) -> set[str]:
    aliases = raw.get("aliases")
    names = {name for name in [raw.get("id"), *(aliases if isinstance(aliases, list) else [])]
             if isinstance(name, str)}
    names.add(path.stem)
    return names


def load_profile(path: Path, display: str, problems: list[Problem]) -> LoadedProfile | None:
    """A valid profile file, or None with its problems added to ``problems``."""
    return read_profile(path, display, problems).loaded


def known_names(catalog: model.Catalog) -> rules.KnownNames:
    """The names of a valid catalog, all reliable."""
    return rules.KnownNames(criteria={c.id: c.group for c in catalog.criteria},
                            channels=[c.id for c in catalog.channels], traits=catalog.traits,
                            rated_extra={c.id: frozenset(c.extra_ratings) for c in catalog.channels})


def profile_from_file(path: Path, catalog: model.Catalog) -> model.Profile:
    """The profile or scenario file ``path`` (outside the data folder or not), checked and resolved onto ``catalog``."""
    if not is_regular_file(path):
        raise RequestError(f"profile file `{path}` does not exist",
                           hint="give a profile id (see `channelscore list profiles`) or the path of a YAML file")
    if is_workshop(path):
        raise RequestError(f"`{path}` is a workshop file, not a profile",
                           hint=f"turn it into a profile first: channelscore weights {path} -o profile.yaml")
    problems: list[Problem] = []
    return _checked_onto(load_profile(path, str(path), problems), catalog, problems)


def is_workshop(path: Path) -> bool:
    """Whether ``path`` says it is a workshop file (its `format` line), without parsing it."""
    from channelscore.data.formats import WORKSHOP_FORMAT

    try:
        head = read_bounded(path, str(path))[:4096].decode("utf-8", errors="replace")
    except DataError:
        return False
    return f"format: {WORKSHOP_FORMAT}" in head


def _study_channels(channels: tuple[model.Channel, ...]) -> frozenset[str] | None:
    """The study's channels among ``channels`` when the data adds channels of its own, else None."""
    from channelscore.data.study import study_channel_ids

    study = study_channel_ids()
    if study is None or all(channel.id in study for channel in channels):
        return None
    return frozenset(channel.id for channel in channels if channel.id in study)


def profile_from_text(text: str, path: Path, catalog: model.Catalog) -> model.Profile:
    """The profile ``text``, about to be written at ``path``, checked and resolved onto ``catalog`` as
    :func:`profile_from_file` would once it is written."""
    problems: list[Problem] = []
    return _checked_onto(_profile_read(parse_text(text, path, str(path)), path, problems).loaded, catalog, problems)


def _checked_onto(loaded: LoadedProfile | None, catalog: model.Catalog, problems: list[Problem]) -> model.Profile:
    if loaded is not None:
        problems += rules.profile_problems(loaded.model, loaded.document, known_names(catalog))
    raise_errors(problems)
    assert loaded is not None
    return resolve_onto(loaded, catalog)


_DROPPABLE = ("aliases", "source", "group_split", "weights", "adjustments", "extra_criteria", "not_applicable",
              "expectations", "sources")


def salvage_profile(raw: dict[str, Any], kind: type[ProfileFile] | type[ScenarioFile] = ProfileFile) \
        -> ProfileFile | None:
    """``raw`` without its invalid weights, optional fields and unknown fields, if what is left is a valid
    profile (or scenario, turned into its profile); None when its identity (format, id, names,
    description, the profile it extends) is itself invalid.

    Lists with an invalid item are dropped whole, so that every index left still points at its line.
    """
    data = dict(raw)
    if isinstance(data.get("weights"), dict):
        data["weights"] = dict(data["weights"])
    for _ in range(3):
        try:
            valid = kind.model_validate(data)
            return valid.as_profile() if isinstance(valid, ScenarioFile) else valid
        except ValidationError as error:
            for item in error.errors(include_url=False):
                loc = item["loc"]
                head = loc[0] if loc else None
                if item["type"] == "extra_forbidden" and len(loc) == 1:
                    data.pop(str(head), None)
                elif head == "weights" and len(loc) > 1 and isinstance(data.get("weights"), dict):
                    data["weights"].pop(loc[1], None)
                elif head in _DROPPABLE:
                    data.pop(str(head), None)
                else:
                    return None
    return None


def _load_document(path: Path, display: str, kind: type[Model], problems: list[Problem],
                   root: Path | None) -> tuple[Document | None, Model | None]:
    document = _read_document(path, display, problems, root)
    if document is None:
        return None, None
    valid = validate_model(document, kind, problems)
    if valid is not None:
        problems += rules.translation_problems(valid, document)
    return document, valid


def _read_document(path: Path, display: str, problems: list[Problem], root: Path | None) -> Document | None:
    """The parsed file, or None with its problems added; a file of the data folder ``root`` must stay inside it."""
    try:
        return load_file(path, display, root)
    except DataError as error:
        problems += error.problems
        return None
