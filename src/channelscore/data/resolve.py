"""Profile resolution: one walk of ``extends`` per profile, merging what it inherits into a :class:`model.Profile`.

A profile's weights, adjustments, extra criteria and exclusions are those of its parent with
its own laid over them; its expectations are its own. Every problem met on the way (an unknown
or circular ``extends``, a criterion left without weight) is located in the file that causes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from channelscore import model
from channelscore.data import rules
from channelscore.data.formats import (
    ProfileFile,
    adjustment_record,
    expectation_record,
    extra_criterion_record,
    group_split_record,
    names_record,
    not_applicable_record,
    weight_record,
)
from channelscore.data.yaml_reader import Document
from channelscore.errors import DataError, Problem, raise_errors, suggestion


class LoadedProfile(NamedTuple):
    """A profile file as written, with its parsed document for locating problems."""

    model: ProfileFile
    document: Document


def merge(own: ProfileFile, parent: model.Profile | None) -> model.Profile:
    """``own`` laid over its resolved ``parent``."""
    weights = {**(parent.weights if parent else {}), **{k: weight_record(v) for k, v in own.weights.items()}}
    extra = {c.id: c for c in (parent.extra_criteria if parent else ())}
    extra.update({c.id: extra_criterion_record(c) for c in own.extra_criteria})
    not_applicable = {item.channel: item for item in (parent.not_applicable if parent else ())}
    not_applicable.update({item.channel: not_applicable_record(item) for item in own.not_applicable})
    split = group_split_record(own.group_split) if own.group_split else (parent.group_split if parent else None)
    return model.Profile(
        id=own.id, names=names_record(own.names), description=own.description, weights=weights, source=own.source,
        aliases=tuple(own.aliases), extends=own.extends, chain=(own.id, *(parent.chain if parent else ())),
        group_split=split,
        adjustments=(*(parent.adjustments if parent else ()), *(adjustment_record(a) for a in own.adjustments)),
        extra_criteria=tuple(extra.values()), not_applicable=tuple(not_applicable.values()),
        expectations=tuple(expectation_record(e) for e in own.expectations))


def extends_chain(loaded: LoadedProfile, profiles: Mapping[str, LoadedProfile],
                  aliases: Mapping[str, str]) -> list[LoadedProfile]:
    """``loaded`` and the profiles it extends, nearest first; a :class:`DataError` for an unknown or circular link."""
    chain: list[LoadedProfile] = [loaded]
    while chain[-1].model.extends is not None:
        parent_id = chain[-1].model.extends
        parent = profiles.get(aliases.get(parent_id, parent_id))
        if parent is None:
            raise DataError([extends_unknown(chain[-1].document, parent_id, sorted(profiles), aliases)])
        if parent in chain:
            # Reported in the file being resolved, so each profile of the loop names its own line.
            cycle = " -> ".join([*(link.model.id for link in chain), parent.model.id])
            raise DataError([loaded.document.problem(
                ("extends",), "extends-cycle", f"profile `{loaded.model.extends}` named by `extends` leads back "
                f"to `{parent.model.id}`: {cycle}", hint="remove one `extends` of the loop")])
        chain.append(parent)
    return chain


def resolve_profile(loaded: LoadedProfile, profiles: Mapping[str, LoadedProfile], aliases: Mapping[str, str],
                    criteria: Sequence[str] | None) -> model.Profile:
    """``loaded`` with everything inherited through ``extends`` merged in; a :class:`DataError` if it cannot be.

    With ``criteria`` None (the criteria file has invalid entries) only the chain itself is checked.
    """
    chain = extends_chain(loaded, profiles, aliases)
    resolved: model.Profile | None = None
    for link in reversed(chain):
        resolved = merge(link.model, resolved)
    assert resolved is not None
    if criteria is not None:
        raise_errors(rules.resolved_profile_problems(resolved, criteria,
                                                     [(link.model, link.document) for link in chain]))
    return resolved


def resolve_onto(loaded: LoadedProfile, catalog: model.Catalog) -> model.Profile:
    """A profile file outside the data folder, resolved onto the catalog's own (already resolved) profiles."""
    parent = None
    if loaded.model.extends is not None:
        name = loaded.model.extends
        parent_id = catalog.aliases.get(name, name)
        if parent_id not in catalog.profiles and parent_id not in catalog.unusable:
            raise DataError([extends_unknown(loaded.document, name, sorted({*catalog.profiles, *catalog.unusable}),
                                             catalog.aliases)])
        parent = catalog.profile(parent_id)
    resolved = merge(loaded.model, parent)
    inherited = [c.id for c in parent.extra_criteria] if parent else []
    raise_errors(rules.resolved_profile_problems(resolved, [c.id for c in catalog.criteria],
                                                 [(loaded.model, loaded.document)], inherited))
    return resolved


def resolve_all(loaded_profiles: Mapping[str, LoadedProfile], aliases: Mapping[str, str],
                criteria: Sequence[str]) -> tuple[dict[str, model.Profile], dict[str, tuple[Problem, ...]]]:
    """Every profile resolved, and for those that cannot be, the problems that say why."""
    resolved: dict[str, model.Profile] = {}
    unusable: dict[str, tuple[Problem, ...]] = {}
    for profile_id, loaded in loaded_profiles.items():
        try:
            resolved[profile_id] = resolve_profile(loaded, loaded_profiles, aliases, criteria)
        except DataError as error:
            unusable[profile_id] = tuple(error.problems)
    return resolved, unusable


def salvaged_name_problems(partial: LoadedProfile, profiles: Mapping[str, LoadedProfile], aliases: Mapping[str, str],
                           known: rules.KnownNames, unreadable: set[str]) -> list[Problem]:
    """The profile an invalid profile extends, and the criteria it names, checked against what its chain defines.

    Nothing more is said when the chain reaches a profile that could not be read: that has its own problem.
    """
    parent_id = partial.model.extends
    if parent_id is None:
        return []
    if aliases.get(parent_id, parent_id) not in profiles and parent_id not in unreadable:
        return [extends_unknown(partial.document, parent_id, sorted(profiles), aliases)]
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
    return rules.criterion_name_problems(partial.model, partial.document, visible)


def extends_unknown(document: Document, parent_id: str, profile_ids: Sequence[str],
                    aliases: Mapping[str, str]) -> Problem:
    """The problem of a profile (``extends``) or scenario (``base``) naming a profile that does not exist."""
    key = "base" if ("base",) in document.key_positions else "extends"
    names = sorted(profile_ids) + sorted(aliases)
    return document.problem(("extends",), "extends-unknown", f"profile `{parent_id}` named by `{key}` does not exist",
                            hint=suggestion(parent_id, names) or "profiles: " + ", ".join(sorted(profile_ids)))
