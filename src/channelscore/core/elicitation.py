"""Weights from a workshop's answers: a ranking of criteria, AHP pairwise comparisons, or swing points.

Pure numbers in, weights out; the methods and the tables they rest on are named in the results.

- Ranking (ties allowed): rank-order centroid (Barron & Barrett 1996), rank sum and rank
  reciprocal (Stillwell, Seaver & Edwards 1981). Tied criteria share the mean of the weights of
  the places they occupy.
- AHP (Saaty 1980): weights from the principal eigenvector or from the rows' geometric means
  (Crawford & Williams 1985); consistency index CI = (lambda_max - n) / (n - 1) and ratio
  CR = CI / RI(n) with Saaty's random indices, whatever the weighting method. Several
  participants are aggregated by the geometric mean of their judgments (Forman & Peniwati 1998).
- Swing: each criterion's swing from worst to best scored 0-100, the most important at 100.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from channelscore.core.records import Record, frozen_array

FloatArray = NDArray[np.float64]

# Saaty (1980), The Analytic Hierarchy Process, McGraw-Hill: mean consistency index of random matrices.
RANDOM_INDEX = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49,
                11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59}
RANDOM_INDEX_SOURCE = "Saaty (1980), The Analytic Hierarchy Process, McGraw-Hill"
CR_LIMIT = 0.10
SCALE = tuple(float(v) for v in range(1, 10)) + tuple(1.0 / v for v in range(2, 10))


def rank_weights(places: Sequence[Sequence[int]], n: int, method: str) -> FloatArray:
    """Weights of ``n`` criteria from ``places``: for each criterion, the 1-based places it shares with its ties.

    ``method`` is ``roc`` (rank-order centroid), ``rank_sum`` or ``rank_reciprocal``.
    """
    positions = np.arange(1, n + 1, dtype=np.float64)
    if method == "roc":
        by_place = np.array([np.sum(1.0 / positions[k - 1:]) / n for k in range(1, n + 1)])
    elif method == "rank_sum":
        by_place = (n + 1 - positions) / (n * (n + 1) / 2)
    elif method == "rank_reciprocal":
        by_place = (1.0 / positions) / np.sum(1.0 / positions)
    else:
        raise ValueError(f"unknown ranking method {method!r}")
    weights = np.array([by_place[[p - 1 for p in shared]].mean() for shared in places])
    result: FloatArray = weights / weights.sum()
    return result


def swing_weights(points: Sequence[float]) -> FloatArray:
    """Swing points (0-100) normalised to weights."""
    values = np.asarray(points, dtype=np.float64)
    result: FloatArray = values / values.sum()
    return result


class Consistency(NamedTuple):
    lambda_max: float
    ci: float
    ri: float
    cr: float

    @property
    def acceptable(self) -> bool:
        return self.cr <= CR_LIMIT + 1e-12


class AhpResult(NamedTuple):
    weights: FloatArray
    consistency: Consistency
    method: str


def principal_eigenvector(matrix: FloatArray) -> tuple[FloatArray, float]:
    """The Perron vector of a positive matrix, summing to 1, and its eigenvalue."""
    values, vectors = np.linalg.eig(matrix)
    k = int(np.argmax(values.real))
    vector = np.abs(vectors[:, k].real)
    return vector / vector.sum(), float(values[k].real)


def consistency(matrix: FloatArray) -> Consistency:
    """Saaty's consistency index and ratio of a complete reciprocal matrix."""
    n = matrix.shape[0]
    _, lambda_max = principal_eigenvector(matrix)
    ci = (lambda_max - n) / (n - 1) if n > 1 else 0.0
    ri = RANDOM_INDEX[n]
    cr = ci / ri if ri > 0 else 0.0
    return Consistency(lambda_max, max(ci, 0.0), ri, max(cr, 0.0))


def ahp_weights(matrix: FloatArray, method: str = "eigenvector") -> AhpResult:
    """Weights of a complete reciprocal matrix by ``eigenvector`` or ``geometric_mean``."""
    if method == "eigenvector":
        weights, _ = principal_eigenvector(matrix)
    elif method == "geometric_mean":
        rows = np.exp(np.log(matrix).mean(axis=1))
        weights = rows / rows.sum()
    else:
        raise ValueError(f"unknown AHP method {method!r}")
    return AhpResult(weights, consistency(matrix), method)


def aggregate_judgments(matrices: Sequence[FloatArray]) -> FloatArray:
    """The element-wise geometric mean of several participants' matrices (still reciprocal)."""
    result: FloatArray = np.exp(np.mean([np.log(m) for m in matrices], axis=0))
    return result


def worst_judgments(matrix: FloatArray, weights: FloatArray, count: int = 3) -> list[tuple[int, int, float, float]]:
    """The judgments furthest from what the weights imply: (i, j, given a_ij, implied w_i / w_j), worst first."""
    n = matrix.shape[0]
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    deviation = [abs(np.log(matrix[i, j] * weights[j] / weights[i])) for i, j in pairs]
    order = np.argsort(deviation, kind="stable")[::-1][:count]
    return [(pairs[k][0], pairs[k][1], float(matrix[pairs[k]]), float(weights[pairs[k][0]] / weights[pairs[k][1]]))
            for k in order if deviation[k] > 1e-9]


@dataclass(frozen=True, eq=False)
class ParticipantWeights(Record):
    """One participant's weights, and for AHP the consistency of their judgments."""

    name: str
    weights: FloatArray
    consistency: Consistency | None


@dataclass(frozen=True, eq=False)
class Inconsistent(Record):
    """A participant whose AHP judgments are too inconsistent, and the judgments to revisit (see worst_judgments)."""

    participant: int
    consistency: Consistency
    offenders: tuple[tuple[int, int, float, float], ...]


@dataclass(frozen=True, eq=False)
class WorkshopWeights(Record):
    """The weights a workshop agrees on: each participant's, the agreed ones (the mean of the participants'
    weights, or for AHP the weights of their aggregated judgments) and for AHP their consistency.

    ``method`` is the weighting method (``roc``, ``eigenvector``, ``swing``...); ``zero`` the criteria left
    out of the workshop, which get no weight; ``worst`` the aggregated judgments furthest from the agreed
    weights, by criterion id.
    """

    workshop: str
    base: str
    elicitation: str
    method: str
    criteria: tuple[str, ...]
    weights: FloatArray
    participants: tuple[ParticipantWeights, ...]
    consistency: Consistency | None
    worst: tuple[tuple[str, str, float, float], ...]
    zero: tuple[str, ...]
    inconsistent: tuple[Inconsistent, ...]


def workshop_weights(workshop: str, base: str, elicitation: str, method: str, criteria: Sequence[str],
                     participants: Sequence[str], answers: Sequence[Any], zero: Sequence[str] = ()) -> WorkshopWeights:
    """The weights of a workshop's answers: per participant, the places of each criterion (``ranking``), the
    swing points (``swing``) or the complete reciprocal judgment matrix (``ahp``)."""
    consistency = None
    worst: list[tuple[str, str, float, float]] = []
    inconsistent: list[Inconsistent] = []
    if elicitation == "ranking":
        each = [rank_weights(places, len(criteria), method) for places in answers]
        people = [ParticipantWeights(name, frozen_array(w), None) for name, w in zip(participants, each, strict=True)]
        weights = np.mean(each, axis=0)
    elif elicitation == "swing":
        each = [swing_weights(points) for points in answers]
        people = [ParticipantWeights(name, frozen_array(w), None) for name, w in zip(participants, each, strict=True)]
        weights = np.mean(each, axis=0)
    else:
        matrices = [np.asarray(m, dtype=np.float64) for m in answers]
        results = [ahp_weights(m, method) for m in matrices]
        people = [ParticipantWeights(name, frozen_array(r.weights), r.consistency)
                  for name, r in zip(participants, results, strict=True)]
        combined = aggregate_judgments(matrices)
        agreed = ahp_weights(combined, method)
        weights, consistency = agreed.weights, agreed.consistency
        inconsistent = [Inconsistent(index, r.consistency, tuple(worst_judgments(m, r.weights)))
                        for index, (r, m) in enumerate(zip(results, matrices, strict=True))
                        if not r.consistency.acceptable]
        worst = [(criteria[i], criteria[j], a, w) for i, j, a, w in worst_judgments(combined, weights)]
    return WorkshopWeights(workshop, base, elicitation, method, tuple(criteria), frozen_array(weights), tuple(people),
                           consistency, tuple(worst), tuple(zero), tuple(inconsistent))
