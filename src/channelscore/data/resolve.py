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
from channelscore.data.compose import CompositionError, compose
from channelscore.data.formats import (
    ProfileFile,
    adjustment_record,
    expectation_record,
    extra_criterion_record,
    group_split_record,
    not_applicable_record,
    parent_ids,
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
    """``own`` laid over its resolved ``parent`` (a composition when it extends several profiles)."""
    lang = own.language
    weights = {**(parent.weights if parent else {}), **{k: weight_record(v, lang) for k, v in own.weights.items()}}
    extra = {c.id: c for c in (parent.extra_criteria if parent else ())}
    extra.update({c.id: extra_criterion_record(c, lang) for c in own.extra_criteria})
    not_applicable = {item.channel: item for item in (parent.not_applicable if parent else ())}
    not_applicable.update({item.channel: not_applicable_record(item, lang) for item in own.not_applicable})
    split = group_split_record(own.group_split, lang) if own.group_split else (parent.group_split if parent else None)
    # A base's statements describe the study's unweighted comparison; a profile that weighs the criteria
    # is not bound by them.
    inherited = parent.expectations if parent is not None and parent.kind != "base" else ()
    base_weights, base_split = None, None
    if own.kind == "situation" and parent is not None:
        base_weights, base_split = (parent.base_weights, parent.base_split) if parent.kind == "situation" \
            else (parent.weights, parent.group_split)
    return model.Profile(
        id=own.id, names=text_record(own.names, lang), description=text_record(own.description, lang),
        weights=weights, source=text_record(own.source, lang) if own.source is not None else None,
        aliases=tuple(own.aliases), extends=tuple(parent_ids(own.extends)),
        # A composed parent is no file of its own: the chain goes on with its parts.
        chain=(own.id, *((parent.chain[1:] if parent.parts else parent.chain) if parent else ())),
        group_split=split,
        adjustments=(*(parent.adjustments if parent else ()),
                     *(adjustment_record(a, lang, own.id) for a in own.adjustments)),
        extra_criteria=tuple(extra.values()), not_applicable=tuple(not_applicable.values()),
        expectations=(*inherited, *(expectation_record(e, lang, own.id, i) for i, e in enumerate(own.expectations))),
        references=(*(parent.references if parent else ()), *(reference_record(r, lang) for r in own.sources)),
        kind=own.kind, parts=parent.parts if parent is not None and len(parent_ids(own.extends)) > 1 else (),
        set_aside=parent.set_aside if parent is not None else (), base_weights=base_weights,
        base_split=base_split)


def composed_parent(loaded: LoadedProfile, parents: Sequence[model.Profile], channels: Sequence[model.Channel],
                    groups: Mapping[str, str]) -> model.Profile:
    """The composition of the profiles ``loaded`` extends; a rating the file states itself is not in conflict.
    A :class:`DataError` located at ``extends`` when the parts conflict."""
    own = loaded.model
    settled = {(channel.id, adjustment.criterion) for adjustment in own.adjustments for channel in channels
               if adjustment.channel == channel.id or (adjustment.trait is not None
                                                       and adjustment.trait in channel.traits)}
    try:
        return compose(parents, channels, groups, settled)
    except CompositionError as error:
        raise DataError([loaded.document.problem(("extends",), "composition-conflict",
                                                 f"profiles named by `extends` conflict: {message}", hint=error.hint)
                         for message in error.messages]) from None


def _cycle_problem(loaded: LoadedProfile, loop: Sequence[str]) -> Problem:
    """The ``extends-cycle`` problem of one profile of a loop, in its own file; the loop is told from it."""
    start = list(loop).index(loaded.model.id) if loaded.model.id in loop else 0
    turn = [*loop[start:], *loop[:start]]
    cycle = " -> ".join([*turn, turn[0]])
    parent = turn[1] if len(turn) > 1 else turn[0]
    # Reported in the file being resolved, so each profile of the loop names its own line.
    return loaded.document.problem(
        ("extends",), "extends-cycle", f"profile `{parent}` named by `extends` leads back "
        f"to `{turn[0]}`: {cycle}", hint="remove one `extends` of the loop")


class _Resolver:
    """Resolves the profiles of one pool, each once, parents first (an iterative walk: a chain of
    thousands of profiles needs no recursion): a profile is its file laid over its resolved parent, or
    over the composition of its parents, and a profile whose parent cannot be resolved carries the
    parent's problems rather than new ones."""

    def __init__(self, profiles: Mapping[str, LoadedProfile], aliases: Mapping[str, str],
                 criteria: Mapping[str, str] | None, channels: Sequence[model.Channel] = ()) -> None:
        self.profiles = profiles
        self.aliases = aliases
        self.criteria = criteria
        self.channels = channels
        self.resolved: dict[str, model.Profile] = {}
        self.failed: dict[str, tuple[Problem, ...]] = {}
        self.extras: dict[str, tuple[str, ...]] = {}

    def resolve(self, loaded: LoadedProfile) -> model.Profile:
        """``loaded`` resolved; a :class:`DataError` with the problems if it cannot be."""
        key = loaded.model.id
        if key not in self.resolved and key not in self.failed:
            self._walk(loaded)
        if key in self.failed:
            raise DataError(list(self.failed[key]))
        return self.resolved[key]

    def _parent(self, name: str) -> LoadedProfile | None:
        return self.profiles.get(self.aliases.get(name, name))

    def _walk(self, start: LoadedProfile) -> None:
        """Settle ``start`` and every profile it depends on, parents before children; a loop settles each
        of its profiles as failed."""
        stack = [(start, iter(parent_ids(start.model.extends)))]
        on_stack = {start.model.id: 0}
        while stack:
            node, parents = stack[-1]
            for name in parents:
                parent = self._parent(name)
                if parent is None:
                    continue
                key = parent.model.id
                if key in self.resolved or key in self.failed:
                    continue
                if key in on_stack:
                    loop = [link.model.id for link, _ in stack[on_stack[key]:]]
                    for link, _ in stack[on_stack[key]:]:
                        self.failed.setdefault(link.model.id, (_cycle_problem(link, loop),))
                    continue
                on_stack[key] = len(stack)
                stack.append((parent, iter(parent_ids(parent.model.extends))))
                break
            else:
                stack.pop()
                del on_stack[node.model.id]
                self._settle(node)

    def _settle(self, link: LoadedProfile) -> None:
        """Resolve ``link``, whose parents are all settled."""
        key = link.model.id
        names = parent_ids(link.model.extends)
        parents = [self._parent(name) for name in names]
        extras = tuple(dict.fromkeys([*(e for p in parents if p is not None for e in self.extras.get(p.model.id, ())),
                                      *(c.id for c in link.model.extra_criteria)]))
        self.extras[key] = extras
        if key in self.failed:
            return
        unknown = [name for name, parent in zip(names, parents, strict=True) if parent is None]
        if unknown:
            self.failed[key] = (extends_unknown(link.document, unknown[0], sorted(self.profiles), self.aliases),)
            return
        parent_problems = tuple(dict.fromkeys(problem for p in parents if p is not None
                                              for problem in self.failed.get(p.model.id, ())))
        if parent_problems:
            # The parents' problems come first; the names this file uses are still checked.
            own = ([] if self.criteria is None else
                   rules.criterion_name_problems(link.model, link.document, [*self.criteria, *extras]))
            self.failed[key] = (*parent_problems, *own)
            return
        resolved_parents = [self.resolved[p.model.id] for p in parents if p is not None]
        try:
            parent = (composed_parent(link, resolved_parents, self.channels, self.criteria or {})
                      if len(resolved_parents) > 1
                      else resolved_parents[0] if resolved_parents else None)
        except DataError as error:
            self.failed[key] = tuple(error.problems)
            return
        resolved = merge(link.model, parent)
        problems = self._problems(resolved, link)
        if problems:
            self.failed[key] = tuple(problems)
        else:
            self.resolved[key] = resolved

    def _problems(self, resolved: model.Profile, link: LoadedProfile) -> list[Problem]:
        if self.criteria is None:
            return []
        return rules.resolved_profile_problems(resolved, self.criteria, link.model, link.document)


def resolve_profile(loaded: LoadedProfile, profiles: Mapping[str, LoadedProfile], aliases: Mapping[str, str],
                    criteria: Mapping[str, str] | None, channels: Sequence[model.Channel] = ()) -> model.Profile:
    """``loaded`` with everything inherited through ``extends`` merged in; a :class:`DataError` if it cannot be.

    ``criteria`` maps each criterion id to its group; with None (the criteria file has invalid
    entries) only the chain itself is checked.
    """
    return _Resolver(profiles, aliases, criteria, channels).resolve(loaded)


def resolve_onto(loaded: LoadedProfile, catalog: model.Catalog) -> model.Profile:
    """A profile file outside the data folder, resolved onto the catalog's own (already resolved) profiles."""
    parents = []
    for name in parent_ids(loaded.model.extends):
        parent_id = catalog.aliases.get(name, name)
        if parent_id not in catalog.profiles and parent_id not in catalog.unusable:
            raise DataError([extends_unknown(loaded.document, name, sorted({*catalog.profiles, *catalog.unusable}),
                                             catalog.aliases)])
        parents.append(catalog.profile(parent_id))
    parent = composed_parent(loaded, parents, catalog.channels, {c.id: c.group for c in catalog.criteria}) \
        if len(parents) > 1 else \
        parents[0] if parents else None
    resolved = merge(loaded.model, parent)
    raise_errors(rules.resolved_profile_problems(resolved, {c.id: c.group for c in catalog.criteria},
                                                 loaded.model, loaded.document))
    return resolved


def resolve_all(loaded_profiles: Mapping[str, LoadedProfile], aliases: Mapping[str, str],
                criteria: Mapping[str, str], channels: Sequence[model.Channel] = ()) \
        -> tuple[dict[str, model.Profile], dict[str, tuple[Problem, ...]]]:
    """Every profile resolved, and for those that cannot be, the problems that say why."""
    resolver = _Resolver(loaded_profiles, aliases, criteria, channels)
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
    names = parent_ids(partial.model.extends)
    if not names:
        return []
    for parent_id in names:
        if aliases.get(parent_id, parent_id) not in profiles and parent_id not in unreadable:
            return [extends_unknown(partial.document, parent_id, sorted(profiles), aliases)]
    if known.criteria is None:
        return []
    visible = [*known.criteria, *(c.id for c in partial.model.extra_criteria)]
    pending = list(names)
    seen = {partial.model.id}
    while pending:
        current = pending.pop()
        parent = profiles.get(aliases.get(current, current))
        if parent is None:
            return []
        if parent.model.id in seen:
            continue
        seen.add(parent.model.id)
        visible += [c.id for c in parent.model.extra_criteria]
        pending += parent_ids(parent.model.extends)
    return rules.criterion_name_problems(partial.model, partial.document, visible)


def extends_unknown(document: Document, parent_id: str, profile_ids: Sequence[str],
                    aliases: Mapping[str, str]) -> Problem:
    """The problem of a profile (``extends``) or scenario (``base``) naming a profile that does not exist."""
    key = "base" if ("base",) in document.key_positions else "extends"
    names = sorted(profile_ids) + sorted(aliases)
    return document.problem(("extends",), "extends-unknown", f"profile `{parent_id}` named by `{key}` does not exist",
                            hint=suggestion(parent_id, names) or "profiles: " + ", ".join(sorted(profile_ids)))
