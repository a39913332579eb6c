"""The best mix of channels: a set is as good on a criterion as its best channel; exact exhaustive search.

Channels add up rather than replace each other, and a company should master a few channels it
can coordinate rather than open them all: coverage = sum of weight x highest rating in the set,
searched over every set of each size, vectorised with numpy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, combinations, islice
from math import comb
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from numpy.typing import NDArray

from channelscore.core.engine import TIE_TOLERANCE, FloatArray, on_tie_grid

if TYPE_CHECKING:
    from channelscore.core.decision import Decision

DEFAULT_MAX_SIZE = 4
DEFAULT_MARGIN = 0.1
ALTERNATIVES = 5
# Sets are scored in batches so that memory stays bounded for large catalogues.
_BATCH = 1 << 16
# The most sets one search scores (five to ten seconds here); 200 channels have 1.3 million sets of three.
MAX_SETS = 5_000_000


class Requirement(NamedTuple):
    """At least one channel of the set must have this family or this trait."""

    kind: str
    value: str


class Mix(NamedTuple):
    """A set of channels (matrix rows, in catalogue order) and its coverage."""

    members: tuple[int, ...]
    coverage: float


class SizeResult(NamedTuple):
    """The best sets of one size, best first (the first is the best set, the others its alternatives)."""

    size: int
    sets: tuple[Mix, ...]


class Portfolio(NamedTuple):
    best_possible: float
    margin: float
    by_size: tuple[SizeResult, ...]
    recommended: int | None


def coverage(ratings: FloatArray, weights: FloatArray, members: Sequence[int]) -> float:
    """Sum over criteria of weight x the highest rating among ``members``."""
    return float(ratings[list(members)].max(axis=0) @ weights)


def marginal_gains(ratings: FloatArray, weights: FloatArray, members: Sequence[int]) -> list[float]:
    """What each member adds: the coverage lost if it were removed."""
    total = coverage(ratings, weights, members)
    if len(members) == 1:
        return [total]
    return [total - coverage(ratings, weights, [m for m in members if m != member]) for member in members]


def allowed_sets(eligible: Sequence[int], size: int, satisfies: NDArray[np.bool_] | None,
                 batch: int = _BATCH) -> Iterator[tuple[int, NDArray[np.int64]]]:
    """Every set of ``size`` eligible rows meeting every requirement column of ``satisfies``, in batches of at
    most ``batch`` sets (one per line), each with the position of its first set in the enumeration.

    The sets are generated as they are needed: 200 channels have 64.7 million sets of four,
    which as a list of tuples would take gigabytes.
    """
    combos = combinations(eligible, size)
    start = 0
    while True:
        flat = np.fromiter(chain.from_iterable(islice(combos, batch)), dtype=np.int64)
        if not len(flat):
            return
        sets = flat.reshape(-1, size)
        positions = np.arange(start, start + len(sets))
        start += len(sets)
        if satisfies is not None and satisfies.shape[1]:
            meets = np.asarray(satisfies[sets].any(axis=1), dtype=bool).all(axis=1)
            sets, positions = sets[meets], positions[meets]
        if len(sets):
            yield int(positions[0]), sets


def best_sets(ratings: FloatArray, weights: FloatArray, batches: Iterable[tuple[int, NDArray[np.int64]]],
              keep: int, tiebreak: FloatArray) -> tuple[Mix, ...]:
    """The ``keep`` sets of highest coverage; equal coverage is settled by the members' own scores, then order.

    Only the ``keep`` best so far are held between batches, so memory does not grow with the number of sets.
    """
    held_sets = np.empty((0, 0), dtype=np.int64)
    held = np.empty((0, 3))  # rounded coverage, strength, position
    held_scores = np.empty(0)
    for first, sets in batches:
        scores = ratings[sets].max(axis=1) @ weights
        # Coverage and strength rounded to the tie tolerance, so that equal values compare equal whatever the
        # order of the additions that produced them (two channels level in score make sets level in strength).
        keys = np.column_stack([on_tie_grid(scores), on_tie_grid(tiebreak[sets].sum(axis=1)),
                                np.arange(first, first + len(sets), dtype=np.float64)])
        if len(held):
            sets = np.concatenate([held_sets, sets])
            keys = np.concatenate([held, keys])
            scores = np.concatenate([held_scores, scores])
        # lexsort sorts by the last key first: coverage, then strength (both highest first), then position.
        order = np.lexsort((keys[:, 2], -keys[:, 1], -keys[:, 0]))[:keep]
        held_sets, held, held_scores = sets[order], keys[order], scores[order]
    return tuple(Mix(tuple(int(i) for i in held_sets[k]), float(held_scores[k])) for k in range(len(held_sets)))


def portfolio(ratings: FloatArray, weights: FloatArray, sizes: Sequence[int], eligible: Sequence[int],
              satisfies: NDArray[np.bool_] | None = None, margin: float = DEFAULT_MARGIN,
              keep: int = ALTERNATIVES + 1, stop_at_recommended: bool = False,
              max_sets: int = MAX_SETS) -> Portfolio:
    """The best sets of each size in ``sizes`` among ``eligible`` rows, and the recommended size.

    ``satisfies[i, r]`` tells whether row ``i`` meets requirement ``r``. The recommended size is
    the smallest whose best set comes within ``margin`` of the coverage of every eligible channel.
    At most ``max_sets`` sets are scored in all: past it, a search asked for explicitly is a
    :class:`RequestError` (before any work), and the search behind a ranking's closing line
    (``stop_at_recommended``) stops at the last size within the bound.
    """
    from channelscore.errors import RequestError

    ratings = np.asarray(ratings, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    individual = ratings @ weights
    best_possible = coverage(ratings, weights, eligible) if eligible else 0.0
    tried = [size for size in sizes if size <= len(eligible)]
    work = sum(comb(len(eligible), size) for size in tried)
    if work > max_sets and not stop_at_recommended:
        raise RequestError(f"the mix search would score {work:,} sets of {len(eligible)} channels, more than the "
                           f"limit of {max_sets:,}",
                           hint="ask for smaller sets (--max-size or --size), or leave channels out with --exclude")
    results = []
    scored = 0
    for size in tried:
        scored += comb(len(eligible), size)
        if scored > max_sets:
            break
        found = best_sets(ratings, weights, allowed_sets(eligible, size, satisfies), keep, individual)
        if found:
            results.append(SizeResult(size, found))
            if stop_at_recommended and found[0].coverage >= best_possible - margin - TIE_TOLERANCE:
                break
    recommended = next((r.size for r in results if r.sets[0].coverage >= best_possible - margin - TIE_TOLERANCE),
                       None)
    return Portfolio(best_possible, margin, tuple(results), recommended)


class Member(NamedTuple):
    """A channel of a mix and the coverage lost without it."""

    channel: str
    gain: float


class ChosenMix(NamedTuple):
    """A set of channels by id, with what each member adds and the criteria it still serves below 3."""

    channels: tuple[str, ...]
    coverage: float
    members: tuple[Member, ...]
    weak: tuple[tuple[str, int], ...]


class MixReport(NamedTuple):
    """The ``portfolio`` result for a decision: the best set of each size tried, alternatives, recommendation."""

    best_possible: float
    margin: float
    sizes: tuple[int, ...]
    best: dict[int, ChosenMix]
    alternatives: dict[int, tuple[ChosenMix, ...]]
    recommended: int | None
    requirements: tuple[Requirement, ...]
    excluded: tuple[str, ...]
    given: ChosenMix | None = None

    @property
    def given_gap(self) -> float | None:
        """How much more the best set of the given mix's size covers than the mix: 0 within the tie tolerance;
        None without a given mix (or no set of its size)."""
        if self.given is None or len(self.given.channels) not in self.best:
            return None
        gap = self.best[len(self.given.channels)].coverage - self.given.coverage
        return gap if gap > TIE_TOLERANCE else 0.0

    @property
    def chosen_size(self) -> int | None:
        """The size shown first: the only one asked for, else the recommended one, else the largest tried."""
        if len(self.sizes) == 1:
            return self.sizes[0] if self.sizes[0] in self.best else None
        return self.recommended or (max(self.best) if self.best else None)


def parse_requirements(items: Sequence[str], families: Sequence[str], traits: Sequence[str]) -> list[Requirement]:
    """``family=human`` and ``trait=written`` as requirements; anything else is a RequestError."""
    from channelscore.errors import RequestError, suggestion

    requirements = []
    for item in items:
        kind, _, value = item.partition("=")
        kind, value = kind.strip(), value.strip()
        choices = {"family": list(families), "trait": list(traits)}.get(kind)
        if choices is None or not value:
            raise RequestError(f"{{argument}} `{item}` is not `family=NAME` or `trait=NAME`",
                               hint="for example {argument} family=human {argument} trait=written",
                               argument="require")
        if value not in choices:
            raise RequestError(f"no channel has {kind} `{value}`",
                               hint=suggestion(value, choices) or f"{kind} values: " + ", ".join(sorted(choices)))
        requirements.append(Requirement(kind, value))
    return requirements


def mix_report(ratings: FloatArray, weights: FloatArray, channels: Sequence[str], families: Sequence[str],
               traits: Sequence[Sequence[str]], criteria: Sequence[str], sizes: Sequence[int],
               requirements: Sequence[Requirement] = (), excluded: Sequence[str] = (),
               margin: float = DEFAULT_MARGIN, stop_at_recommended: bool = False) -> MixReport:
    """Search the best mixes of ``channels`` (rows of ``ratings``) and describe them by id."""
    eligible = [i for i, channel in enumerate(channels) if channel not in excluded]
    satisfies = np.array([[(families[i] == r.value) if r.kind == "family" else (r.value in traits[i])
                           for r in requirements] for i in range(len(channels))], dtype=bool)
    satisfies = satisfies.reshape(len(channels), len(requirements))
    found = portfolio(ratings, weights, sizes, eligible, satisfies if requirements else None, margin,
                      stop_at_recommended=stop_at_recommended)

    def describe(mix: Mix) -> ChosenMix:
        return describe_mix(ratings, weights, channels, criteria, mix)

    best = {r.size: describe(r.sets[0]) for r in found.by_size}
    alternatives = {r.size: tuple(describe(m) for m in r.sets[1:]) for r in found.by_size}
    return MixReport(found.best_possible, margin, tuple(sizes), best, alternatives, found.recommended,
                     tuple(requirements), tuple(excluded))


def describe_mix(ratings: FloatArray, weights: FloatArray, channels: Sequence[str], criteria: Sequence[str],
                 mix: Mix) -> ChosenMix:
    """A mix by channel id: its coverage, what each member adds, and the criteria it serves below 3, worst first."""
    gains = marginal_gains(ratings, weights, mix.members)
    best = ratings[list(mix.members)].max(axis=0)
    weak = sorted(((criteria[c], int(best[c])) for c in range(len(criteria)) if best[c] < 3 and weights[c] > 0),
                  key=lambda item: (item[1], -weights[list(criteria).index(item[0])]))
    return ChosenMix(tuple(channels[i] for i in mix.members), mix.coverage,
                     tuple(Member(channels[i], g) for i, g in zip(mix.members, gains, strict=True)), tuple(weak))


def given_mix(decision: Decision, channels: Sequence[str], requires: Sequence[str] = (),
              excludes: Sequence[str] = ()) -> MixReport:
    """A mix the caller chose, scored: its coverage, what each member adds, its weak criteria, beside the best
    set of the same size (under the same requirements and exclusions)."""
    from channelscore.errors import RequestError

    members = tuple(sorted({decision.channel_index(channel) for channel in channels}))
    if not members:
        raise RequestError("{argument} names no channel", hint="for example {argument} face_to_face,phone",
                           argument="mix")
    report = mix_for(decision, [len(members)], requires, [c for c in excludes if c not in channels])
    ids = [c.id for c in decision.channels]
    chosen = Mix(members, coverage(decision.ratings, decision.weights, members))
    return report._replace(given=describe_mix(decision.ratings, decision.weights, ids,
                                              [c.id for c in decision.criteria], chosen))


def sizes_up_to(decision: Decision, largest: int | None = None) -> list[int]:
    """Every set size from 1 to ``largest`` (4 by default), no more than the decision has channels."""
    return list(range(1, min(largest or DEFAULT_MAX_SIZE, len(decision.channels)) + 1))


def mix_for(decision: Decision, sizes: Sequence[int], requires: Sequence[str] = (), excludes: Sequence[str] = (),
            margin: float = DEFAULT_MARGIN, stop_at_recommended: bool = False) -> MixReport:
    """The portfolio of a decision; requirement and exclusion names are checked against its channels."""
    from channelscore.errors import RequestError

    channels = decision.channels
    families = sorted({c.family for c in channels})
    traits = sorted({t for c in channels for t in c.traits})
    requirements = parse_requirements(requires, families, traits)
    for name in excludes:
        decision.channel_index(name)
    if any(size < 1 for size in sizes):
        raise RequestError("a set holds at least one channel")
    choosable = len(channels) - len(set(excludes))
    if sizes and min(sizes) > choosable:
        raise RequestError(f"{{argument}} {min(sizes)} asks for more channels than the {choosable} that can be chosen",
                           hint=f"ask for a set of {choosable} channels or fewer", argument="size")
    if not 0 <= margin < float("inf"):
        raise RequestError("{argument} takes a finite number, zero or more", argument="margin")
    return mix_report(decision.ratings, decision.weights, [c.id for c in channels], [c.family for c in channels],
                      [c.traits for c in channels], [c.id for c in decision.criteria], sizes, requirements,
                      excludes, margin, stop_at_recommended)
