"""Composition: one segment and any situations ("local-retail+urgent-breakdown") made into one profile.

The rule, as the README states it:

- The parts are the segment (a sector or kind of customer) first, then the situations in the
  order given. At most one segment; with none, the first situation stands in for it.
- Weights: the segment's weight times, for each situation, its multiplier: the situation's weight
  over the weight of its base (the profile it extends, going up past other situations; for the
  study's situations that is ``balanced``, where every weight is 1). A weight no part's base has
  (a situation's extra criterion) is the first part's that gives it.
- Ratings: every part's adjustments apply. Two parts changing the same rating of a channel to
  different values conflict, unless exactly one of the two adjustments says ``overrides``.
- Group split, when a part states one: the segment's shares of the client and enterprise criteria
  (stated, or those its weights give) times each situation's share over its base's, the same rule
  as the weights; a group a part gives no share keeps none.
- Extra criteria: every part's; two parts defining the same criterion differently conflict.
- Channels that do not apply: those of every part.
- Expectations: every statement of every part (its own and those it inherits), once, except the
  pairs that no ranking could satisfy together (local retail's "face-to-face first" beside urgent
  breakdown's "phone and chat in the first two"), which are set aside and said so. A rating
  statement is set aside when another part changes the ratings it speaks about.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Mapping, Sequence

from channelscore import model

Conflict = str


class CompositionError(Exception):
    """Parts that cannot be composed: each message says which parts and what to do."""

    def __init__(self, messages: Sequence[str], hint: str) -> None:
        super().__init__("; ".join(messages))
        self.messages = tuple(messages)
        self.hint = hint


def composed_id(parts: Sequence[model.Profile]) -> str:
    return "+".join(part.id for part in parts)


def composed_names(parts: Sequence[model.Profile]) -> model.Names:
    """"Local retail · urgent breakdown": the first part's name, then the others' in lower case."""
    def language(lang: str) -> str:
        names = [part.names.get(lang) for part in parts]
        return " · ".join([names[0], *(_lowered(name) for name in names[1:])])

    return model.Names(language("en"), language("fr"))


def _lowered(name: str) -> str:
    """``name`` with its first letter in lower case, unless its first word is an acronym or a code ("B2B",
    "SAV", "24h")."""
    first = name.split(" ", 1)[0]
    if any(character.isupper() or character.isdigit() for character in first[1:]):
        return name
    return name[:1].lower() + name[1:]


def ordered_parts(parts: Sequence[model.Profile]) -> list[model.Profile]:
    """The segment first, then the situations in their order; a part named twice counts once."""
    unique = list({part.id: part for part in parts}.values())
    segments = [part for part in unique if part.kind != "situation"]
    if len(segments) > 1:
        named = ", ".join(f"`{part.id}`" for part in segments[:-1]) + f" and `{segments[-1].id}`"
        raise CompositionError([f"{named} are all segments (sectors or kinds of customers); a composition takes "
                                "one segment and any number of situations"],
                               hint="keep one segment, or write a profile that extends one of them and states "
                                    "the weights the other adds")
    return [*segments, *(part for part in unique if part.kind == "situation")]


def multiplier(situation: model.Profile, criterion: str) -> float | None:
    """How a situation changes one weight: its weight over its base's (over 1 when it extends nothing); None
    for a weight it states that its base does not have (an extra criterion of its own), which it gives rather
    than multiplies."""
    stated = situation.weights[criterion].value
    if situation.base_weights is None:
        return stated
    below = situation.base_weights.get(criterion)
    # A weight the base does not give (or gives 0) cannot be multiplied.
    return stated / below.value if below is not None and below.value > 0 else None


def multipliers(situation: model.Profile) -> dict[str, float]:
    """Every weight a situation multiplies, by its multiplier."""
    return {criterion: factor for criterion in situation.weights
            if (factor := multiplier(situation, criterion)) is not None}


def compose(parts: Sequence[model.Profile], channels: Sequence[model.Channel], groups: Mapping[str, str],
            settled: Collection[tuple[str, str]] = ()) -> model.Profile:
    """The profile the ``parts`` make together (see the module's rule); a :class:`CompositionError` when two
    parts conflict. ``groups`` gives each criterion's group; ``settled`` lists the ratings (channel,
    criterion) that the profile composing the parts states itself: they cannot conflict."""
    ordered = ordered_parts(parts)
    if len(ordered) == 1:
        return ordered[0]
    first, situations = ordered[0], ordered[1:]
    conflicts: list[Conflict] = []
    weights = _weights(first, situations)
    extra: dict[str, model.ExtraCriterion] = {}
    for part in ordered:
        for criterion in part.extra_criteria:
            known = extra.setdefault(criterion.id, criterion)
            if known != criterion:
                conflicts.append(f"two parts define the extra criterion `{criterion.id}` differently")
    all_groups = {**groups, **{c.id: c.group for c in extra.values()}}
    split = _split(first, situations, all_groups)
    adjustments = _adjustments(ordered, channels, conflicts, set(settled))
    if conflicts:
        raise CompositionError(conflicts, hint="mark one of the two adjustments `overrides: true`, or write a profile "
                                              "that extends the parts and states the rating itself")
    not_applicable = {item.channel: item for part in ordered for item in part.not_applicable}
    expectations, set_aside = compatible_expectations(ordered, channels, set(not_applicable))
    references = list(dict.fromkeys(reference for part in ordered for reference in part.references))
    return model.Profile(
        id=composed_id(ordered), names=composed_names(ordered),
        # Each part's description is whole sentences: they read one after the other.
        description=model.Text(" ".join(part.description.get("en") for part in ordered),
                               " ".join(part.description.get("fr") for part in ordered)),
        weights=weights, source=None, extends=tuple(part.id for part in ordered),
        chain=(composed_id(ordered), *dict.fromkeys(i for part in ordered for i in part.chain)),
        group_split=split, adjustments=adjustments, extra_criteria=tuple(extra.values()),
        not_applicable=tuple(not_applicable.values()), expectations=expectations, references=tuple(references),
        kind="situation" if first.kind == "situation" else "segment",
        parts=tuple(model.Part(part.id, part.names, part.kind) for part in ordered),
        # A segment has no base: these are None unless situations alone are composed.
        set_aside=set_aside, base_weights=first.base_weights, base_split=first.base_split)


def _weights(first: model.Profile, situations: Sequence[model.Profile]) -> dict[str, model.Weight]:
    """The segment's weights times the situations' multipliers, each with its factors; a weight no part's
    base has is the first part's that gives it."""
    criteria = list(dict.fromkeys([*first.weights, *(c for s in situations for c in s.weights)]))
    weights = {}
    for criterion in criteria:
        factors: list[model.Factor] = []
        value: float | None = None
        for part in (first, *situations):
            stated = part.weights.get(criterion)
            if stated is None:
                continue
            if value is None:
                value = stated.value
                factors.append(model.Factor(part.id, stated.value, False, stated.reason, stated.source))
            elif (factor := multiplier(part, criterion)) is not None and factor != 1.0:
                value *= factor
                factors.append(model.Factor(part.id, factor, True, stated.reason, stated.source))
        assert value is not None, "every criterion comes from some part"
        weights[criterion] = model.Weight(value, factors[-1].reason, factors[-1].source, tuple(factors))
    largest = max((weight.value for weight in weights.values()), default=0.0)
    if largest > _LARGEST_WEIGHT:
        # Weights are scale-free: a chain of compositions whose products would overflow is brought back down.
        weights = {c: w._replace(value=w.value / largest) for c, w in weights.items()}
    return weights


_LARGEST_WEIGHT = 1e100


def shares(weights: Mapping[str, model.Weight], split: model.GroupSplit | None,
           groups: Mapping[str, str]) -> tuple[float, float]:
    """The client and enterprise shares a profile gives: its split, or the sums of its weights by group (a
    valid profile has a positive one, so the total is never zero)."""
    if split is not None:
        client, enterprise = split.client, split.enterprise
    else:
        client = sum(w.value for c, w in weights.items() if groups.get(c) == "client")
        enterprise = sum(w.value for c, w in weights.items() if groups.get(c) == "enterprise")
    total = client + enterprise
    return client / total, enterprise / total


def _split(first: model.Profile, situations: Sequence[model.Profile],
           groups: Mapping[str, str]) -> model.GroupSplit | None:
    stating = [part for part in (first, *situations) if part.group_split is not None]
    if not stating:
        return None
    client, enterprise = shares(first.weights, first.group_split, groups)
    for situation in situations:
        own = shares(situation.weights, situation.group_split, groups)
        # A situation that extends nothing is read against equal weights, as its weights are.
        base = shares(situation.base_weights or {c: _ONE for c in situation.weights}, situation.base_split, groups)
        # A group its base gives no share cannot be multiplied: it keeps the segment's share.
        client *= own[0] / base[0] if base[0] > 0 else 1.0
        enterprise *= own[1] / base[1] if base[1] > 0 else 1.0
    total = client + enterprise
    lead = stating[-1].group_split
    assert lead is not None
    return model.GroupSplit(client / total, enterprise / total, lead.reason, lead.source)


_ONE = model.Weight(1.0, model.Text(None, None))


def _adjustments(parts: Sequence[model.Profile], channels: Sequence[model.Channel], conflicts: list[Conflict],
                 settled: set[tuple[str, str]]) -> tuple[model.Adjustment, ...]:
    """Every part's adjustments, those that override last; conflicting ones are added to ``conflicts``."""
    every = [(part, adjustment) for part in parts for adjustment in part.adjustments]
    for channel in channels:
        by_rating: dict[str, dict[int, list[tuple[model.Profile, model.Adjustment]]]] = {}
        for part, adjustment in every:
            if adjustment.applies_to(channel):
                # Within one part, the last adjustment of a rating is the one that counts.
                by_rating.setdefault(adjustment.criterion, {}).setdefault(id(part), []).append((part, adjustment))
        for criterion, per_part in by_rating.items():
            final = [entries[-1] for entries in per_part.values()]
            if len({adjustment.rating for _, adjustment in final}) < 2 or (channel.id, criterion) in settled:
                continue
            overriding = [entry for entry in final if entry[1].overrides]
            if len(overriding) == 1:
                continue
            said = " and ".join(f"`{part.id}` rates it {adjustment.rating}" for part, adjustment in final)
            conflicts.append(f"the rating of `{channel.id}` on `{criterion}`: {said}")
    ordered = [adjustment for _, adjustment in every if not adjustment.overrides]
    ordered += [adjustment for _, adjustment in every if adjustment.overrides]
    return tuple(dict.fromkeys(ordered))


def compatible_expectations(parts: Sequence[model.Profile], channels: Sequence[model.Channel],
                            excluded: set[str]) -> tuple[tuple[model.Expectation, ...], tuple[model.SetAside, ...]]:
    """The parts' statements that can hold together, once each, and those set aside (see the module's rule)."""
    owner: dict[tuple[str | None, int], int] = {}
    statements: list[model.Expectation] = []
    for number, part in enumerate(parts):
        # A base's statements are not inherited, in a composition as through `extends`.
        for expectation in (part.expectations if part.kind != "base" else ()):
            if expectation.key() not in owner:
                owner[expectation.key()] = number
                statements.append(expectation)
    ranked = [c for c in channels if c.id not in excluded]
    aside: dict[tuple[str | None, int], model.SetAside] = {}
    adjusted = {(adjustment.criterion, c.id, number) for number, part in enumerate(parts)
                for adjustment in part.adjustments for c in channels if adjustment.applies_to(c)}
    for expectation in statements:
        if expectation.kind in model.RATING_KINDS:
            mine = owner[expectation.key()]
            touched = any((expectation.criterion, c.id, number) in adjusted
                          for c in channels for number in range(len(parts)) if number != mine)
            if touched:
                aside[expectation.key()] = model.SetAside(expectation, None)
    # A not_applicable statement asks nothing of the places: it conflicts with none.
    ranking = [e for e in statements if e.kind not in model.RATING_KINDS]
    constraints = {e.key(): rank_constraints(e, ranked) for e in ranking}
    for a, b in itertools.combinations(ranking, 2):
        if owner[a.key()] == owner[b.key()]:
            continue
        if not feasible(len(ranked), [constraints[a.key()], constraints[b.key()]]):
            aside.setdefault(a.key(), model.SetAside(a, b))
            aside.setdefault(b.key(), model.SetAside(b, a))
    kept = [e for e in ranking if e.key() not in aside]
    if not feasible(len(ranked), [constraints[e.key()] for e in kept]):
        for expectation in kept:
            aside[expectation.key()] = model.SetAside(expectation, None)
    return (tuple(e for e in statements if e.key() not in aside),
            tuple(aside[e.key()] for e in statements if e.key() in aside))


class Constraints:
    """What a ranking statement asks of places 1..n: the earliest and latest place of some channels, and
    pairs (higher, lower)."""

    def __init__(self) -> None:
        self.earliest: dict[str, int] = {}
        self.latest: dict[str, int] = {}
        self.before: list[tuple[str, str]] = []


def _selected(expectation: model.Expectation, ranked: Sequence[model.Channel]) -> list[str]:
    ids = {c.id for c in ranked}
    if expectation.channels is not None:
        return [c for c in expectation.channels if c in ids]
    if expectation.trait is not None:
        return [c.id for c in ranked if expectation.trait in c.traits]
    return [c.id for c in ranked if c.family == expectation.family]


def rank_constraints(expectation: model.Expectation, ranked: Sequence[model.Channel]) -> Constraints:
    """The places ``expectation`` allows each of the ``ranked`` channels (ties aside)."""
    found = Constraints()
    selected = _selected(expectation, ranked)
    count = len(ranked)
    n = expectation.n or 0
    kind = expectation.kind
    if kind == "within_top":
        found.latest = {c: n for c in selected}
    elif kind == "outside_top":
        found.earliest = {c: n + 1 for c in selected}
    elif kind == "within_bottom":
        found.earliest = {c: count - n + 1 for c in selected}
    elif kind == "only_in_top":
        found.earliest = {c.id: n + 1 for c in ranked if c.id not in selected}
    elif kind in ("above", "at_least"):
        ids = {c.id for c in ranked}
        if expectation.than is None:
            found.before = list(itertools.pairwise(selected))
        else:
            found.before = [(a, b) for a in selected for b in expectation.than if a != b and b in ids]
    return found


def feasible(count: int, constraints: Iterable[Constraints]) -> bool:
    """Whether some order of ``count`` channels meets every constraint: places tightened along the pairs,
    then filled earliest deadline first, which finds an order whenever one exists for one-place jobs
    with release times, deadlines and precedence (Lageweg, Lenstra and Rinnooy Kan, 1976)."""
    earliest: dict[str, int] = {}
    latest: dict[str, int] = {}
    before: set[tuple[str, str]] = set()
    for found in constraints:
        for channel, place in found.earliest.items():
            earliest[channel] = max(earliest.get(channel, 1), place)
        for channel, place in found.latest.items():
            latest[channel] = min(latest.get(channel, count), place)
        before.update(found.before)
    jobs = sorted({*earliest, *latest, *(c for pair in before for c in pair)})
    release = {c: earliest.get(c, 1) for c in jobs}
    deadline = {c: latest.get(c, count) for c in jobs}
    for _ in range(len(jobs) + 1):
        changed = False
        for higher, lower in before:
            if release[lower] < release[higher] + 1:
                release[lower], changed = release[higher] + 1, True
            if deadline[higher] > deadline[lower] - 1:
                deadline[higher], changed = deadline[lower] - 1, True
        if not changed:
            break
    else:
        return False
    # Channels no statement names fill any free place, so only the named ones are placed.
    waiting = list(jobs)
    available: list[str] = []
    place = 0
    while waiting or available:
        place += 1
        if place > count:
            return False
        available += [c for c in waiting if release[c] <= place]
        waiting = [c for c in waiting if release[c] > place]
        if not available:
            continue
        available.sort(key=lambda c: (deadline[c], c))
        if deadline[available[0]] < place:
            return False
        available.pop(0)
    return True

