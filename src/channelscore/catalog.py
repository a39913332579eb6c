"""Load a data folder into validated models and resolve profiles (ids, aliases, paths, ``extends``).

Every problem met on the way, in any file, is collected; the caller gets either a complete
catalog or one :class:`DataError` that lists them all.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel, ValidationError

from channelscore import checks
from channelscore.data import CHANNELS_FILE, CRITERIA_FILE, PROFILES_DIR, display_path
from channelscore.loader import Document, dotted, load_file
from channelscore.models import (
    FIELD_NAMES,
    SCENARIO_FORMAT,
    Adjustment,
    Channel,
    ChannelsFile,
    CriteriaFile,
    Criterion,
    Expectation,
    ExtraCriterion,
    GroupSplit,
    Names,
    NotApplicable,
    ProfileFile,
    ScenarioFile,
    WeightSpec,
)
from channelscore.problems import DataError, Problem, UsageError, suggestion

Model = TypeVar("Model", bound=BaseModel)


class LoadedProfile(NamedTuple):
    """A profile file as written, with its parsed document for locating problems."""

    model: ProfileFile
    document: Document


class ResolvedProfile(NamedTuple):
    """A profile with everything inherited through ``extends`` merged in."""

    id: str
    names: Names
    description: str
    source: str | None
    chain: tuple[str, ...]
    weights: dict[str, WeightSpec]
    group_split: GroupSplit | None
    adjustments: tuple[Adjustment, ...]
    extra_criteria: tuple[ExtraCriterion, ...]
    not_applicable: tuple[NotApplicable, ...]
    expectations: tuple[Expectation, ...]
    document: Document


class Catalog(NamedTuple):
    """The criteria, channels and profiles of one data folder."""

    root: Path
    criteria: tuple[Criterion, ...]
    channels: tuple[Channel, ...]
    profiles: dict[str, LoadedProfile]
    aliases: dict[str, str]

    def profile_names(self) -> list[str]:
        return sorted(self.profiles) + sorted(self.aliases)

    def resolve(self, name: str) -> ResolvedProfile:
        """The profile called ``name`` (id, alias, or path to a profile file), fully resolved."""
        if name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name:
            return self._resolve_file(Path(name))
        profile_id = self.aliases.get(name, name)
        if profile_id not in self.profiles:
            names = self.profile_names()
            raise UsageError(f"unknown profile `{name}`",
                             hint=suggestion(name, names) or "profiles: " + ", ".join(sorted(self.profiles)))
        return self._resolve_loaded(self.profiles[profile_id], self.profiles)

    def known_names(self) -> checks.KnownNames:
        """The names of a valid catalog, all reliable."""
        return checks.KnownNames(criteria=[c.id for c in self.criteria], channels=[c.id for c in self.channels],
                                 traits=sorted({trait for c in self.channels for trait in c.traits}))

    def _resolve_file(self, path: Path) -> ResolvedProfile:
        if not path.is_file():
            raise UsageError(f"profile file `{path}` does not exist",
                             hint="give a profile id (see `channelscore list profiles`) or the path of a YAML file")
        problems: list[Problem] = []
        loaded = load_profile(path, str(path), problems)
        if loaded is not None:
            problems += checks.profile_problems(loaded.model, loaded.document, self.known_names())
        raise_errors(problems)
        assert loaded is not None
        profiles = {**self.profiles, loaded.model.id: loaded}
        return self._resolve_loaded(loaded, profiles)

    def _resolve_loaded(self, loaded: LoadedProfile, profiles: dict[str, LoadedProfile]) -> ResolvedProfile:
        return resolve_profile(loaded, profiles, self.aliases, [c.id for c in self.criteria])


def resolve_profile(loaded: LoadedProfile, profiles: dict[str, LoadedProfile], aliases: dict[str, str],
                    criteria: list[str] | None) -> ResolvedProfile:
    """``loaded`` with everything inherited through ``extends`` merged in; a :class:`DataError` if it cannot be.

    With ``criteria`` None (the criteria file has invalid entries) only the chain itself is checked.
    """
    chain: list[LoadedProfile] = [loaded]
    while chain[-1].model.extends is not None:
        parent_id = chain[-1].model.extends
        parent = profiles.get(aliases.get(parent_id, parent_id))
        if parent is None:
            raise DataError([extends_unknown(chain[-1].document, parent_id, profiles, aliases)])
        if parent in chain:
            # Reported in the file being resolved, so each profile of the loop names its own line.
            cycle = " -> ".join([*(link.model.id for link in chain), parent.model.id])
            raise DataError([loaded.document.problem(
                ("extends",), "extends-cycle", f"profile `{loaded.model.extends}` named by `extends` leads back "
                f"to `{parent.model.id}`: {cycle}", hint="remove one `extends` of the loop")])
        chain.append(parent)
    weights: dict[str, WeightSpec] = {}
    group_split: GroupSplit | None = None
    adjustments: list[Adjustment] = []
    extra: dict[str, ExtraCriterion] = {}
    not_applicable: dict[str, NotApplicable] = {}
    for link in reversed(chain):
        model = link.model
        weights.update(model.weights)
        group_split = model.group_split or group_split
        adjustments += model.adjustments
        extra.update({criterion.id: criterion for criterion in model.extra_criteria})
        not_applicable.update({item.channel: item for item in model.not_applicable})
    own = loaded.model
    resolved = ResolvedProfile(
        id=own.id, names=own.names, description=own.description, source=own.source,
        chain=tuple(link.model.id for link in chain), weights=weights, group_split=group_split,
        adjustments=tuple(adjustments), extra_criteria=tuple(extra.values()),
        not_applicable=tuple(not_applicable.values()), expectations=tuple(own.expectations),
        document=loaded.document)
    if criteria is not None:
        raise_errors(checks.resolved_profile_problems(resolved, criteria,
                                                      [(link.model, link.document) for link in chain]))
    return resolved


def salvaged_name_problems(partial: LoadedProfile, profiles: dict[str, LoadedProfile], aliases: dict[str, str],
                           known: checks.KnownNames, unreadable: set[str]) -> list[Problem]:
    """The profile an invalid profile extends, and the criteria it names, checked against what its chain defines.

    Nothing more is said when the chain reaches a profile that could not be read: that has its own problem.
    """
    parent_id = partial.model.extends
    if parent_id is None:
        return []
    if aliases.get(parent_id, parent_id) not in profiles and parent_id not in unreadable:
        return [extends_unknown(partial.document, parent_id, profiles, aliases)]
    if known.criteria is None:
        return []
    visible = [*known.criteria, *(c.id for c in partial.model.extra_criteria)]
    current: str | None = partial.model.extends
    seen = {partial.model.id}
    while current is not None:
        parent = profiles.get(aliases.get(current, current))
        if parent is None or parent.model.id in seen:
            return []
        seen.add(parent.model.id)
        visible += [c.id for c in parent.model.extra_criteria]
        current = parent.model.extends
    return checks.criterion_name_problems(partial.model, partial.document, visible)


def extends_unknown(document: Document, parent_id: str, profiles: dict[str, LoadedProfile],
                    aliases: dict[str, str]) -> Problem:
    """The problem of a profile (``extends``) or scenario (``base``) naming a profile that does not exist."""
    key = "base" if ("base",) in document.key_positions else "extends"
    names = sorted(profiles) + sorted(aliases)
    return document.problem(("extends",), "extends-unknown", f"profile `{parent_id}` named by `{key}` does not exist",
                            hint=suggestion(parent_id, names) or "profiles: " + ", ".join(sorted(profiles)))


def raise_errors(problems: list[Problem]) -> None:
    """Raise a :class:`DataError` with the error-level problems, if there are any; warnings never stop a command."""
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise DataError(errors)


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
    known: checks.KnownNames | None
    catalog: Catalog | None


def load_catalog(root: Path) -> Catalog:
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
    files = [display_path(root / CRITERIA_FILE, root), display_path(root / CHANNELS_FILE, root)]
    loaded_profiles: list[LoadedProfile] = []
    salvaged: list[LoadedProfile] = []
    unreadable: set[str] = set()
    for path in profile_paths:
        display = display_path(path, root)
        files.append(display)
        read = read_profile(path, display, problems)
        if read.loaded is not None:
            loaded_profiles.append(read.loaded)
        if read.salvaged is not None:
            salvaged.append(read.salvaged)
        unreadable |= read.names
    known = None
    if criteria.readable and channels.readable:
        assert criteria.document is not None and channels.document is not None
        valid_channels = [(i, entry) for i, entry in channels.entries if isinstance(entry, Channel)]
        problems += checks.catalog_problems(criteria.ids, criteria.document, channels.ids,
                                            valid_channels if criteria.names_reliable else [], channels.document)
        if isinstance(channels.model, ChannelsFile):
            problems += checks.uniform_criterion_problems(criteria.ids, channels.model.channels, criteria.document)
        channel_names = [name for _, name in channels.ids] if channels.names_reliable else None
        known = checks.KnownNames(criteria=[name for _, name in criteria.ids] if criteria.names_reliable else None,
                                  channels=channel_names, traits=channels.traits if channels.names_reliable else None)
    everyone = sorted([*loaded_profiles, *salvaged], key=lambda p: p.document.display)
    problems += checks.profile_identity_problems([(p.model, p.document) for p in everyone])
    if known is not None:
        for loaded in everyone:
            problems += checks.profile_problems(loaded.model, loaded.document, known)
        profiles, aliases = index_profiles(loaded_profiles)
        for partial in salvaged:
            problems += salvaged_name_problems(partial, profiles, aliases, known, unreadable)
    catalog = None
    if isinstance(criteria.model, CriteriaFile) and isinstance(channels.model, ChannelsFile):
        catalog = assemble_catalog(root, criteria.model, channels.model, loaded_profiles)
    return Inspection(problems=sorted(problems), files=files, profiles=loaded_profiles,
                      unreadable_profiles=unreadable, known=known, catalog=catalog)


def _load_core(path: Path, root: Path, file_model: type[BaseModel], key: str, entry_model: type[BaseModel],
               problems: list[Problem]) -> CorePart:
    document, model = _load_document(path, display_path(path, root), file_model, problems)
    raw = document.data.get(key) if document is not None else None
    if not isinstance(raw, list):
        return CorePart(document, model, [], [], [], readable=False, names_reliable=False)
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
        if model is not None:
            entries.append((index, getattr(model, key)[index]))
        else:
            with contextlib.suppress(ValidationError):
                entries.append((index, entry_model.model_validate(item)))
    reliable = bool(raw) and len(entries) == len(raw)
    return CorePart(document, model, ids, entries, sorted(traits), readable=True, names_reliable=reliable)


def assemble_catalog(root: Path, criteria_file: CriteriaFile, channels_file: ChannelsFile,
                     loaded_profiles: list[LoadedProfile]) -> Catalog:
    """A catalog of models already known to be valid."""
    profiles, aliases = index_profiles(loaded_profiles)
    return Catalog(root=root, criteria=tuple(criteria_file.criteria), channels=tuple(channels_file.channels),
                   profiles=profiles, aliases=aliases)


def index_profiles(loaded_profiles: list[LoadedProfile]) -> tuple[dict[str, LoadedProfile], dict[str, str]]:
    """Profiles by id, and the id each alias stands for; the first file to claim a name keeps it."""
    profiles: dict[str, LoadedProfile] = {}
    aliases: dict[str, str] = {}
    for loaded in loaded_profiles:
        profiles.setdefault(loaded.model.id, loaded)
        for alias in loaded.model.aliases:
            aliases.setdefault(alias, loaded.model.id)
    return profiles, aliases


def profile_files(root: Path) -> list[Path]:
    """The profile files of a data folder, relative to it, in a stable order."""
    folder = root / PROFILES_DIR
    if not folder.is_dir():
        return []
    return sorted(path.relative_to(root) for path in folder.glob("*.y*ml"))


class ProfileRead(NamedTuple):
    """A profile file as read: valid, or invalid with what can still be checked in it."""

    loaded: LoadedProfile | None
    salvaged: LoadedProfile | None
    names: set[str]


def read_profile(path: Path, display: str, problems: list[Problem]) -> ProfileRead:
    """A profile file, its problems added to ``problems``.

    When it is invalid, ``names`` holds the id and aliases it claims (and its file name) so that
    profiles extending it are not blamed for it, and ``salvaged`` the profile without its invalid
    parts, so that the names it uses can still be checked in the same run.
    """
    document = _read_document(path, display, problems)
    if document is None:
        return ProfileRead(None, None, {path.stem})
    raw = document.data
    kind: type[ProfileFile] | type[ScenarioFile] = ProfileFile
    if raw.get("format") == SCENARIO_FORMAT:
        kind = ScenarioFile
        # Problems about the inherited profile point at `base`, the scenario's name for `extends`.
        for table in (document.positions, document.key_positions):
            if ("base",) in table and ("extends",) not in table:
                table[("extends",)] = table[("base",)]
    model = validate_model(document, kind, problems)
    if model is not None:
        profile = model.as_profile() if isinstance(model, ScenarioFile) else model
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


_DROPPABLE = ("aliases", "source", "group_split", "weights", "adjustments", "extra_criteria", "not_applicable",
              "expectations")


def salvage_profile(raw: dict[str, Any], model: type[ProfileFile] | type[ScenarioFile] = ProfileFile) \
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
            valid = model.model_validate(data)
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


def _load_document(path: Path, display: str, model: type[Model],
                   problems: list[Problem]) -> tuple[Document | None, Model | None]:
    document = _read_document(path, display, problems)
    return document, validate_model(document, model, problems) if document is not None else None


def _read_document(path: Path, display: str, problems: list[Problem]) -> Document | None:
    try:
        return load_file(path, display)
    except DataError as error:
        problems += error.problems
        return None


def validate_model(document: Document, model: type[Model], problems: list[Problem]) -> Model | None:
    """``document`` validated as ``model``, or None with its located problems added to ``problems``."""
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        problems += schema_problems(error, document, model)
        return None


def schema_problems(error: ValidationError, document: Document, model: type[BaseModel] | None = None) -> list[Problem]:
    """Pydantic's errors as located problems, in the words of the data format."""
    problems = []
    items = error.errors(include_url=False)
    # A value refused by every member of a union gives one error per member: they become one problem.
    expected: dict[tuple[Any, ...], list[str]] = {}
    for item in items:
        loc = tuple(part for part in item["loc"] if not _is_union_tag(part))
        if len(loc) < len(item["loc"]) and item["type"] in _TYPE_WORDS:
            expected.setdefault(loc, []).append(_TYPE_WORDS[item["type"]])
    reported: set[tuple[Any, ...]] = set()
    for item in items:
        loc = tuple(part for part in item["loc"] if not _is_union_tag(part))
        kind = item["type"]
        if loc in expected and kind in _TYPE_WORDS:
            if loc in reported:
                continue
            reported.add(loc)
            item = {**item, "msg": "Input should be " + " or ".join(dict.fromkeys(expected[loc]))}
        if loc and loc[-1] == "[key]":
            key_loc = loc[:-1]
            problems.append(document.problem(key_loc, "invalid-id", f"`{key_loc[-1]}` is not a valid id",
                                             hint="ids are lower-case letters, digits and `_`, starting with a letter",
                                             at_key=True))
            continue
        name = str(loc[-1]) if loc else "file"
        if kind == "extra_forbidden":
            fields = _fields_at(model, loc[:-1]) if model is not None else None
            choices = sorted(fields) if fields else FIELD_NAMES
            hint = (f"`{name}` is not a field here; check the indentation, and the `format` of the file"
                    if name in FIELD_NAMES and name not in choices else suggestion(name, choices))
            if fields and not hint:
                hint = "fields here: " + ", ".join(fields)
            problems.append(document.problem(loc, "unknown-field", f"unknown field `{name}`", hint=hint, at_key=True))
        elif kind == "missing":
            problems.append(document.problem(loc[:-1], "missing-field", f"missing field `{name}`",
                                             hint="the README's section on the data lists the expected fields"))
        else:
            problems.append(document.problem(loc, "invalid-value", _value_message(loc, item),
                                             hint=_value_hint(loc, kind)))
    return problems


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str] | None:
    """The field names of the model found at ``loc`` inside ``model``, or None if the path leads elsewhere."""
    import typing

    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return None
            current = field.annotation
        elif typing.get_origin(current) in (list, dict):
            current = typing.get_args(current)[-1]
        else:
            return None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return None


def _unwrap(annotation: Any) -> Any:
    """The model or container inside ``Optional[...]``, ``Annotated[...]`` and unions of one of them."""
    import types
    import typing

    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            structured = [a for a in members if typing.get_origin(a) in (list, dict)
                          or (isinstance(a, type) and issubclass(a, BaseModel))]
            if len(structured) != 1:
                return annotation
            annotation = structured[0]
        else:
            return annotation


_UNION_TAGS = {"int", "str", "float", "bool", "list", "dict", "none"}
_TYPE_WORDS = {"int_type": "an integer", "string_type": "a string", "float_type": "a number",
               "bool_type": "true or false", "list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping",
               "none_type": "empty"}


def _is_union_tag(part: Any) -> bool:
    # Members of a union appear in locations as "int" or "list[str]"; "[key]" marks a mapping's key instead.
    return isinstance(part, str) and (part in _UNION_TAGS or ("[" in part and not part.startswith("[")))


def _value_message(loc: tuple[Any, ...], item: Any) -> str:
    field = dotted(loc) or "file"
    message = str(item["msg"]).replace("Value error, ", "")
    message = re.sub(r"valid dictionary or instance of \w+", "mapping of fields", message)
    if item["type"] in ("model_type", "dict_type", "list_type", "value_error", "too_short", "too_long") \
            or "input" not in item:
        return f"{field}: {message}"
    return f"{field}: {message}, got {_shown(item['input'])}"


def _shown(value: Any) -> str:
    import json
    from datetime import date, datetime

    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=True)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_TEXT_FIELDS = ("reason", "description", "source", "statement", "en", "fr")


def _value_hint(loc: tuple[Any, ...], kind: str) -> str:
    names = [part for part in loc if isinstance(part, str)]
    last = names[-1] if names else ""
    if last == "rating":
        return "a rating is the integer 1 (weak), 2 (medium) or 3 (good), without quotes"
    if "judgments" in names and last == "value":
        return "on Saaty's scale: an integer 1 to 9, or \"1/2\" to \"1/9\" when b matters more"
    if "swing" in names:
        return "swing points are a number from 0 to 100"
    if last in ("value", "client", "enterprise"):
        return "a weight is a finite number, zero or more; weights are normalised, so any scale works"
    if len(loc) == 2 and loc[0] == "weights":
        return "a weight is written `{value: 2, reason: why this weight}`"
    if last in _TEXT_FIELDS or kind in ("string_too_short", "string_too_long"):
        return "text is a non-empty string of at most 2000 characters; quote it if it looks like a date or number"
    if last in ("id", "extends", "channel", "criterion", "trait") or kind == "string_pattern_mismatch":
        return "ids are lower-case letters, digits and `_` (profiles use `-`), starting with a letter"
    if last == "format":
        return "the first line names the format: `channelscore/profile@1`, or `channelscore/scenario@1` for a scenario"
    return ""
