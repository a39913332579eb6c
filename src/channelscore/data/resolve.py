"""Profile resolution: each profile resolved once, laid over its resolved parent, into a :class:`model.Profile`.

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
    not_applicable_record,
    reference_record,
    text_record,
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
    lang = own.language
    weights = {**(parent.weights if parent else {}), **{k: weight_record(v, lang) for k, v in own.weights.items()}}
    extra = {c.id: c for c in (parent.extra_criteria if parent else ())}
    extra.update({c.id: extra_criterion_record(c, lang) for c in own.extra_criteria})
    not_applicable = {item.channel: item for item in (parent.not_applicable if parent else ())}
    not_applicable.update({item.channel: not_applicable_record(item, lang) for item in own.not_applicable})
    split = group_split_record(own.group_split, lang) if own.group_split else (parent.group_split if parent else None)
    return model.Profile(
        id=own.id, names=text_record(own.names, lang), description=text_record(own.description, lang),
        weights=weights, source=text_record(own.source, lang) if own.source is not None else None,
        aliases=tuple(own.aliases), extends=own.extends, chain=(own.id, *(parent.chain if parent else ())),
        group_split=split,
        adjustments=(*(parent.adjustments if parent else ()), *(adjustment_record(a, lang) for a in own.adjustments)),
        extra_criteria=tuple(extra.values()), not_applicable=tuple(not_applicable.values()),
        expectations=tuple(expectation_record(e, lang) for e in own.expectations),
        references=(*(parent.references if parent else ()), *(reference_record(r, lang) for r in own.sources)))


def _cycle_problem(loaded: LoadedProfile, loop: Sequence[str]) -> Problem:
    """The ``extends-cycle`` problem of one profile of a loop, in its own file; the loop is told from it."""
    start = list(loop).index(loaded.model.id) if loaded.model.id in loop else 0
    turn = [*loop[start:], *loop[:start]]
    cycle = " -> ".join([*turn, turn[0]])
    # Reported in the file being resolved, so each profile of the loop names its own line.
    return loaded.document.problem(
        ("extends",), "extends-cycle", f"profile `{loaded.model.extends}` named by `extends` leads back "
        f"to `{turn[0]}`: {cycle}", hint="remove one `extends` of the loop")


class _Resolver:
    """Resolves the profiles of one pool, each once: a profile is its file laid over its resolved
    parent, so a chain of n profiles costs n merges, and a profile whose parent cannot be resolved
    carries the parent's problems rather than new ones."""

    def __init__(self, profiles: Mapping[str, LoadedProfile], aliases: Mapping[str, str],
                 criteria: Mapping[str, str] | None) -> None:
        self.profiles = profiles
        self.aliases = aliases
        self.criteria = criteria
        self.resolved: dict[str, model.Profile] = {}
        self.failed: dict[str, tuple[Problem, ...]] = {}
        self.extras: dict[str, tuple[str, ...]] = {}

    def resolve(self, loaded: LoadedProfile) -> model.Profile:
        """``loaded`` resolved; a :class:`DataError` with the problems if it cannot be."""
        key = loaded.model.id
        if key not in self.resolved and key not in self.failed:
            self._settle(self._walk(loaded))
        if key in self.failed:
            raise DataError(list(self.failed[key]))
        return self.resolved[key]

    def _settle(self, path: list[LoadedProfile]) -> None:
        """Resolve the profiles of ``path`` (nearest first), from its far end down."""
        parent: model.Profile | None = None
        parent_problems: tuple[Problem, ...] = ()
        extras: tuple[str, ...] = ()
        top = path[-1].model.extends
        if top is not None:
            top_id = self.aliases.get(top, top)
            parent = self.resolved.get(top_id)
            parent_problems = self.failed.get(top_id, ())
            extras = self.extras.get(top_id, ())
        for link in reversed(path):
            key = link.model.id
            extras = self.extras[key] = (*extras, *(c.id for c in link.model.extra_criteria))
            if key in self.failed:
                parent, parent_problems = None, self.failed[key]
                continue
            if parent_problems:
                # The parent's problems come first; the names this file uses are still checked.
                own = ([] if self.criteria is None or link.model.extends is None else
                       rules.criterion_name_problems(link.model, link.document, [*self.criteria, *extras]))
                self.failed[key] = parent_problems = (*parent_problems, *own)
                continue
            resolved = merge(link.model, parent)
            problems = self._problems(resolved, link)
            if problems:
                self.failed[key] = parent_problems = tuple(problems)
                parent = None
            else:
                self.resolved[key] = parent = resolved

    def _walk(self, loaded: LoadedProfile) -> list[LoadedProfile]:
        """``loaded`` and its ancestors up to the first already settled (excluded), nearest first;
        an unknown or circular ``extends`` settles the profiles it concerns as failed."""
        path = [loaded]
        on_path = {loaded.model.id: 0}
        while (parent_id := path[-1].model.extends) is not None:
            parent = self.profiles.get(self.aliases.get(parent_id, parent_id))
            if parent is None:
                self.failed[path[-1].model.id] = (extends_unknown(path[-1].document, parent_id,
                                                                  sorted(self.profiles), self.aliases),)
                break
            key = parent.model.id
            if key in self.resolved or key in self.failed:
                break
            if key in on_path:
                loop = path[on_path[key]:]
                ids = [link.model.id for link in loop]
                for link in loop:
                    self.failed[link.model.id] = (_cycle_problem(link, ids),)
                break
            on_path[key] = len(path)
            path.append(parent)
        return path

    def _problems(self, resolved: model.Profile, link: LoadedProfile) -> list[Problem]:
        if self.criteria is None:
            return []
        return rules.resolved_profile_problems(resolved, self.criteria, link.model, link.document)


def resolve_profile(loaded: LoadedProfile, profiles: Mapping[str, LoadedProfile], aliases: Mapping[str, str],
                    criteria: Mapping[str, str] | None) -> model.Profile:
    """``loaded`` with everything inherited through ``extends`` merged in; a :class:`DataError` if it cannot be.

    ``criteria`` maps each criterion id to its group; with None (the criteria file has invalid
    entries) only the chain itself is checked.
    """
    return _Resolver(profiles, aliases, criteria).resolve(loaded)


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
    raise_errors(rules.resolved_profile_problems(resolved, {c.id: c.group for c in catalog.criteria},
                                                 loaded.model, loaded.document))
    return resolved


def resolve_all(loaded_profiles: Mapping[str, LoadedProfile], aliases: Mapping[str, str],
                criteria: Mapping[str, str]) -> tuple[dict[str, model.Profile], dict[str, tuple[Problem, ...]]]:
    """Every profile resolved, and for those that cannot be, the problems that say why."""
    resolver = _Resolver(loaded_profiles, aliases, criteria)
    resolved: dict[str, model.Profile] = {}
    unusable: dict[str, tuple[Problem, ...]] = {}
    for profile_id, loaded in loaded_profiles.items():
        try:
            resolved[profile_id] = resolver.resolve(loaded)
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
