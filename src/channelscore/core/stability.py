"""Exact stability intervals of each weight, and the smallest weight change that lets one channel overtake another.

Both work on the effective weights (normalised, summing to 1) and the effective ratings of a
decision. Scores are linear in the weights, so every answer has a closed form; no search.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from channelscore.core.engine import TIE_TOLERANCE, FloatArray
from channelscore.core.records import Record

# A slope this small is no slope: the two channels move together.
FLAT = 1e-12


class Bound(NamedTuple):
    """One end of an interval: the weight there, and the channel that passes another beyond it (None at 0 or 1)."""

    weight: float
    channel: str | None
    passes: str | None


class Stability(NamedTuple):
    """How far one criterion's weight can move, the others rescaled in proportion, before the ranking changes."""

    criterion: str
    weight: float
    first_low: Bound
    first_high: Bound
    order_low: Bound
    order_high: Bound

    @property
    def margin(self) -> float:
        """The smallest move of this weight that changes who is first (1.0 when nothing can)."""
        low = self.weight - self.first_low.weight if self.first_low.channel else 1.0
        high = self.first_high.weight - self.weight if self.first_high.channel else 1.0
        return min(low, high)


def stability(ratings: FloatArray, weights: FloatArray, order: Sequence[int], channels: Sequence[str],
              criteria: Sequence[str]) -> list[Stability]:
    """The stability interval of every criterion whose weight is below 1.

    ``order`` lists the channel rows from first to last, as ranked. When criterion ``j`` weighs
    ``t`` and the others keep their proportions, channel ``i`` scores ``b_i + t (r_ij - b_i)``,
    where ``b_i`` is its score on the other criteria alone; a pair of channels swaps where the
    two lines cross. The first place holds while the first channel stays at or above every
    other; the order holds while each channel stays at or above the next one.
    """
    ratings = np.asarray(ratings, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    first = order[0]
    result = []
    for j, criterion in enumerate(criteria):
        w = float(weights[j])
        if w >= 1.0 - FLAT:
            continue
        others = ratings @ weights - ratings[:, j] * w
        base = others / (1.0 - w)
        slope = ratings[:, j] - base
        first_low, first_high = _interval(base, slope, [(first, i) for i in order[1:]], w, channels)
        order_low, order_high = _interval(base, slope, list(itertools.pairwise(order)), w, channels)
        result.append(Stability(criterion, w, first_low, first_high, order_low, order_high))
    return result


def _interval(base: FloatArray, slope: FloatArray, pairs: list[tuple[int, int]], weight: float,
              channels: Sequence[str]) -> tuple[Bound, Bound]:
    """The range of ``t`` in [0, 1] around ``weight`` where every ``(above, below)`` pair keeps its order."""
    low, high = Bound(0.0, None, None), Bound(1.0, None, None)
    for above, below in pairs:
        gap = float(base[above] - base[below])
        gain = float(slope[above] - slope[below])
        if abs(gain) <= FLAT:
            continue
        crossing = -gap / gain
        # Two channels level at a weight of 0 (or 1) are level there only: neither passes the other inside.
        if gain > 0 and crossing > max(low.weight, FLAT):
            low = Bound(min(crossing, weight), channels[below], channels[above])
        elif gain < 0 and crossing < min(high.weight, 1.0 - FLAT):
            high = Bound(max(crossing, weight), channels[below], channels[above])
    return low, high


@dataclass(frozen=True, eq=False)
class Overtake(Record):
    """The smallest change of the effective weights (L1 distance) after which ``channel`` scores at least
    as much as ``other``; ``weights`` is None when no weighting can do it."""

    channel: str
    other: str
    possible: bool
    distance: float
    weights: FloatArray | None
    score: float
    other_score: float
    moved_from: tuple[tuple[int, float], ...]
    moved_to: int | None


def overtake(ratings: FloatArray, weights: FloatArray, a: int, b: int, channels: Sequence[str]) -> Overtake:
    """Move weight from the criteria where ``a`` trails ``b`` most to the one where it leads most.

    With ``d = r_a - r_b``, a needs ``d . w >= 0``. Moving weight ``x`` from criterion ``k`` to
    ``j`` costs ``2x`` in L1 distance and gains ``x (d_j - d_k)``; the best ``j`` is the largest
    ``d_j`` whatever the source, so the cheapest plan takes weight from the smallest ``d_k`` first
    (a fractional knapsack, optimal). No plan exists when ``a`` rates below ``b`` on every criterion.
    """
    ratings = np.asarray(ratings, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    d = ratings[a] - ratings[b]
    scores = ratings @ weights
    deficit = float(-(d @ weights))
    if deficit <= TIE_TOLERANCE:
        return Overtake(channels[a], channels[b], True, 0.0, weights.copy(), float(scores[a]), float(scores[b]), (),
                        None)
    target = int(np.argmax(d))
    if d[target] < 0:
        return Overtake(channels[a], channels[b], False, float("inf"), None, float(scores[a]), float(scores[b]), (),
                        None)
    new = weights.copy()
    moved: list[tuple[int, float]] = []
    for k in np.argsort(d, kind="stable"):
        gain = float(d[target] - d[k])
        # A deficit within the tie tolerance is the rounding of the last subtraction: the two are level.
        if deficit <= TIE_TOLERANCE or gain <= 0:
            break
        amount = min(float(new[k]), deficit / gain)
        if amount <= 0:
            continue
        new[k] -= amount
        new[target] += amount
        deficit -= amount * gain
        moved.append((int(k), amount))
    # Sources emptied by the subtraction keep a rounding residue of about 1e-17; they are empty.
    new = np.where(new < 1e-15, 0.0, new)
    new_scores = ratings @ new
    distance = float(np.abs(new - weights).sum())
    return Overtake(channels[a], channels[b], True, distance, new, float(new_scores[a]), float(new_scores[b]),
                    tuple(moved), target)
