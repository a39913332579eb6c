"""Check a whole data folder, and any profile files named beside it: every problem and warning, sorted.

Loading and the rules across files come from :mod:`channelscore.catalog` and
:mod:`channelscore.checks`, exactly as every other command meets them; on top of that every
profile is resolved and ranked, so that its expectations are checked and its weights looked at.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from channelscore import checks
from channelscore.catalog import (
    Catalog,
    LoadedProfile,
    ResolvedProfile,
    index_profiles,
    inspect_folder,
    profile_files,
    read_profile,
    resolve_profile,
    salvaged_name_problems,
)
from channelscore.data import CHANNELS_FILE, CRITERIA_FILE, display_path
from channelscore.problems import DataError, Problem, UsageError

# A criterion holding this share of the effective weight decides the ranking on its own.
DOMINANT_SHARE = 0.9


class Report(NamedTuple):
    """The files checked and every problem found in them, sorted by file, line and column."""

    files: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.level == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.level == "warning")

    def failed(self, strict: bool = False) -> bool:
        """True when the data must be fixed: any error, or under ``strict`` any warning too."""
        return self.errors > 0 or (strict and self.warnings > 0)


def validate(root: Path, named: Sequence[Path] = ()) -> Report:
    """Check the data folder ``root`` and the profile, scenario or workshop files ``named``
    (those inside ``root`` are checked once)."""
    inspection = inspect_folder(root)
    problems = list(inspection.problems)
    files = list(inspection.files)
    inside = {(root / relative).resolve() for relative in (CRITERIA_FILE, CHANNELS_FILE, *profile_files(root))}
    extra: list[LoadedProfile] = []
    for path in named:
        if not path.is_file():
            raise UsageError(f"`{path}` is not a file",
                             hint="name profile, scenario or workshop files to check beside the data folder")
        if path.resolve() in inside:
            continue
        inside.add(path.resolve())
        files.append(str(path))
        if _is_workshop(path):
            problems += _workshop_problems(path, inspection.catalog)
            continue
        read = read_profile(path, str(path), problems)
        for loaded in (read.loaded, read.salvaged):
            if loaded is not None and inspection.known is not None:
                problems += checks.profile_problems(loaded.model, loaded.document, inspection.known)
        if read.salvaged is not None and inspection.known is not None:
            problems += salvaged_name_problems(read.salvaged, *index_profiles(inspection.profiles), inspection.known,
                                               inspection.unreadable_profiles)
        if read.loaded is not None:
            extra.append(read.loaded)
    if inspection.known is not None:
        problems += _profile_problems(inspection.catalog, inspection.profiles, extra, inspection.known.criteria,
                                      inspection.unreadable_profiles, problems)
    return Report(files=tuple(files), problems=tuple(sorted(set(problems))))


def _is_workshop(path: Path) -> bool:
    """Whether ``path`` says it is a workshop file (its `format` line), without parsing it."""
    from channelscore.models import WORKSHOP_FORMAT

    try:
        head = path.read_bytes()[:4096].decode("utf-8", errors="replace")
    except OSError:
        return False
    return f"format: {WORKSHOP_FORMAT}" in head


def _workshop_problems(path: Path, catalog: Catalog | None) -> list[Problem]:
    """A workshop file's problems; its answers can only be checked against a sound catalog."""
    from channelscore.loader import load_file
    from channelscore.workshop import read_workshop

    try:
        if catalog is None:
            load_file(path, str(path))
            return []
        read_workshop(path, catalog)
    except DataError as error:
        return list(error.problems)
    return []


def _profile_problems(catalog: Catalog | None, folder: list[LoadedProfile], extra: list[LoadedProfile],
                      criteria: list[str] | None, unreadable: set[str], found: list[Problem]) -> list[Problem]:
    """Resolve every profile, then rank the ones whose files are sound to check expectations and weights."""
    profiles, aliases = index_profiles(folder)
    broken = {p.file for p in found if p.level == "error"}
    core_sound = catalog is not None and not broken & {_display(catalog, CRITERIA_FILE),
                                                        _display(catalog, CHANNELS_FILE)}
    problems: list[Problem] = []
    for loaded in [*folder, *extra]:
        pool = profiles if loaded in folder else {**profiles, loaded.model.id: loaded}
        if _extends_unreadable(loaded, pool, aliases, unreadable):
            continue
        try:
            resolved = resolve_profile(loaded, pool, aliases, criteria)
        except DataError as error:
            problems += error.problems
            continue
        chain_files = {pool[aliases.get(name, name)].document.display for name in resolved.chain[1:]}
        chain_files.add(loaded.document.display)
        if catalog is not None and core_sound and not broken & chain_files:
            problems += _ranking_problems(catalog, resolved)
    return problems


def _display(catalog: Catalog, relative: Path) -> str:
    return display_path(catalog.root / relative, catalog.root)


def _extends_unreadable(loaded: LoadedProfile, profiles: dict[str, LoadedProfile], aliases: dict[str, str],
                        unreadable: set[str]) -> bool:
    """True when the ``extends`` chain reaches a profile file that could not be read: it has its own problems."""
    seen: set[str] = set()
    current: LoadedProfile | None = loaded
    while current is not None and current.model.extends is not None and current.model.id not in seen:
        seen.add(current.model.id)
        parent = current.model.extends
        if parent in unreadable and aliases.get(parent, parent) not in profiles:
            return True
        current = profiles.get(aliases.get(parent, parent))
    return False


def _ranking_problems(catalog: Catalog, profile: ResolvedProfile) -> list[Problem]:
    from channelscore.ranking import build_decision, rank

    ranking = rank(build_decision(catalog, profile))
    problems = checks.expectation_problems(profile, ranking)
    weights = ranking.decision.weights
    top = int(weights.argmax())
    if weights[top] >= DOMINANT_SHARE:
        criterion = ranking.decision.criteria[top].id
        loc: tuple[str | int, ...] = ("weights", criterion)
        if criterion not in (profile.document.data or {}).get("weights", {}):
            loc = ("weights",)
        problems.append(profile.document.problem(
            loc, "dominant-weight",
            f"criterion `{criterion}` carries {weights[top]:.0%} of the weight in profile `{profile.id}`, "
            "so the ranking is little more than its ratings",
            hint="weigh the other criteria too, or rank with --weight to look at one criterion on purpose",
            at_key=len(loc) > 1, level="warning"))
    return problems
