"""Improvement levers: the one-step rating changes that would change the first place, a channel's rank or the
recommended mix, and the pairs of steps a channel needs when no single one brings it first.

A step moves one effective rating (after the profile's adjustments) by one point within 1-3; the
weights stay the profile's. Each step is scored exactly as a ranking is (the engine's scores and
tie-aware ranks) and the mix is searched exactly as ``portfolio`` searches it, over every set of
up to four channels, so a lever holds when the rating is changed in the data.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from channelscore.core import engine
from channelscore.core.decision import Decision
from channelscore.core.engine import TIE_TOLERANCE, FloatArray, on_tie_grid
from channelscore.core.portfolio import DEFAULT_MARGIN, DEFAULT_MAX_SIZE

LOWEST, HIGHEST = 1, 3


class Step(NamedTuple):
    """One rating moved by one point: channel and criterion by id, the rating now and after."""

    channel: str
    criterion: str
    old: int
    new: int


class Standing(NamedTuple):
    """What a ranking looks like from above: the channels in first place, each channel's rank, the mix."""

    first: tuple[str, ...]
    ranks: dict[str, int]
    scores: dict[str, float]
    mix: tuple[str, ...]


class Lever(NamedTuple):
    """A step and what it changes; ``effect`` is the score change of its channel (weight x step)."""

    step: Step
    effect: float
    first: tuple[str, ...]
    rank: int
    mix: tuple[str, ...]
    changes_first: bool
    changes_rank: bool
    changes_mix: bool

    @property
    def changes(self) -> tuple[str, ...]:
        """What the step changes, by name: ``first``, ``rank``, ``mix``."""
        return tuple(name for name, changed in (("first", self.changes_first), ("rank", self.changes_rank),
                                                ("mix", self.changes_mix)) if changed)


class StepPair(NamedTuple):
    """Two upward steps of one channel's own ratings (possibly both on one criterion: 1 to 3) that bring it to
    first place together, where no single step does; ``lead`` is its score minus the best other's after them."""

    channel: str
    steps: tuple[Step, Step]
    lead: float
    shared: bool


class Levers(NamedTuple):
    """Every lever of a decision, strongest first, the pairs for channels no single step brings first, and how
    far the search looked."""

    standing: Standing
    levers: tuple[Lever, ...]
    pairs: tuple[StepPair, ...]
    beyond_pairs: tuple[str, ...]
    steps_tried: int
    pairs_tried: int
    channel: str | None


def _sets_by_size(count: int, largest: int) -> list[NDArray[np.int64]]:
    return [np.array(list(combinations(range(count), size)), dtype=np.int64).reshape(-1, size)
            for size in range(1, min(largest, count) + 1)]


def _mix(ratings: FloatArray, weights: FloatArray, sets: list[NDArray[np.int64]], margin: float) -> tuple[int, ...]:
    """The recommended mix as ``portfolio`` finds it: the smallest size whose best set comes within ``margin`` of
    every channel together, else the best set of the largest size; the best set of a size has the highest
    coverage, then the highest sum of its members' scores (both rounded to the tie tolerance), then comes first in
    the enumeration (``best_sets`` with one set kept, without its sort)."""
    individual = ratings @ weights
    best_possible = float(ratings.max(axis=0) @ weights)
    found: tuple[int, ...] = ()
    for size_sets in sets:
        covered = ratings[size_sets].max(axis=1) @ weights
        rounded = on_tie_grid(covered)
        candidates = np.flatnonzero(rounded == rounded.max())
        strength = on_tie_grid(individual[size_sets[candidates]].sum(axis=1))
        chosen = int(candidates[int(np.argmax(strength))])
        found = tuple(int(i) for i in size_sets[chosen])
        if covered[chosen] >= best_possible - margin - TIE_TOLERANCE:
            break
    return found


def _standing(ratings: FloatArray, weights: FloatArray, ids: Sequence[str], sets: list[NDArray[np.int64]],
              margin: float) -> Standing:
    scores = engine.scores(ratings, weights)
    order, ranks = engine.order_and_ranks(scores, ids)
    rank_of = {ids[i]: r for i, r in zip(order, ranks, strict=True)}
    first = tuple(ids[i] for i, r in zip(order, ranks, strict=True) if r == 1)
    mix = tuple(ids[i] for i in _mix(ratings, weights, sets, margin))
    return Standing(first, rank_of, {ids[i]: float(scores[i]) for i in range(len(ids))}, mix)


def levers(decision: Decision, channel: str | None = None, margin: float = DEFAULT_MARGIN) -> Levers:
    """Every one-step change of the decision's effective ratings (of ``channel`` only, when given) that changes
    the first place, its channel's rank or the recommended mix, strongest first; and, for each channel that no
    single step of its own brings to first place, the pairs of its own upward steps that do.

    Criteria of zero weight are left out: a step there changes no score and no coverage.
    """
    ratings = np.array(decision.ratings, dtype=np.float64)
    weights = np.asarray(decision.weights, dtype=np.float64)
    ids = [c.id for c in decision.channels]
    criteria = [c.id for c in decision.criteria]
    rows = [decision.channel_index(channel)] if channel is not None else list(range(len(ids)))
    sets = _sets_by_size(len(ids), DEFAULT_MAX_SIZE)
    now = _standing(ratings, weights, ids, sets, margin)
    found: list[Lever] = []
    tried = 0
    for row in rows:
        for column in range(len(criteria)):
            if weights[column] <= 0:
                continue
            old = int(ratings[row, column])
            for new in (old + 1, old - 1):
                if not LOWEST <= new <= HIGHEST:
                    continue
                tried += 1
                ratings[row, column] = new
                after = _standing(ratings, weights, ids, sets, margin)
                ratings[row, column] = old
                lever = Lever(Step(ids[row], criteria[column], old, new), float(weights[column]) * (new - old),
                              after.first, after.ranks[ids[row]], after.mix, after.first != now.first,
                              after.ranks[ids[row]] != now.ranks[ids[row]], after.mix != now.mix)
                if lever.changes_first or lever.changes_rank or lever.changes_mix:
                    found.append(lever)
    found.sort(key=lambda lever: (not lever.changes_first, not lever.changes_mix,
                                  -abs(lever.rank - now.ranks[lever.step.channel]), -abs(lever.effect),
                                  now.ranks[lever.step.channel], ids.index(lever.step.channel),
                                  criteria.index(lever.step.criterion), lever.step.new < lever.step.old))
    pairs, beyond, pairs_tried = _pairs(ratings, weights, ids, criteria, rows, now, found)
    return Levers(now, tuple(found), pairs, beyond, tried, pairs_tried, ids[rows[0]] if channel else None)


def _pairs(ratings: FloatArray, weights: FloatArray, ids: Sequence[str], criteria: Sequence[str],
           rows: Sequence[int], now: Standing, found: Sequence[Lever]) -> tuple[tuple[StepPair, ...], tuple[str, ...],
                                                                                int]:
    """For each channel outside first place that no single step of its own brings there: every pair of its
    own upward steps (two on one criterion included) that does, best lead first; and the channels no pair
    brings first. Only a channel's own score moves, so the others' best score is its bar."""
    alone = {lever.step.channel for lever in found
             if lever.step.new > lever.step.old and lever.step.channel in lever.first}
    pairs: list[StepPair] = []
    beyond: list[str] = []
    tried = 0
    for row in rows:
        channel = ids[row]
        if channel in now.first or channel in alone:
            continue
        room = {column: HIGHEST - int(ratings[row, column]) for column in range(len(criteria)) if weights[column] > 0}
        # Two one-point steps: on two criteria, or both on one criterion that can rise by two (1 to 3).
        candidates = [*combinations([column for column, left in room.items() if left], 2),
                      *((column, column) for column, left in room.items() if left >= 2)]
        own: list[StepPair] = []
        others = np.delete(ratings, row, axis=0) @ weights
        bar = float(others.max()) if len(others) else -np.inf
        for a, b in candidates:
            tried += 1
            changed = ratings[row].copy()
            changed[a] += 1
            changed[b] += 1
            score = float(changed @ weights)
            if bar - score < TIE_TOLERANCE:
                old_a = int(ratings[row, a])
                steps = (Step(channel, criteria[a], old_a, old_a + 1),
                         Step(channel, criteria[b], int(changed[b]) - 1, int(changed[b])))
                own.append(StepPair(channel, steps, score - bar, abs(score - bar) < TIE_TOLERANCE))
        if own:
            pairs += sorted(own, key=lambda pair: -pair.lead)
        else:
            beyond.append(channel)
    return tuple(pairs), tuple(beyond), tried
