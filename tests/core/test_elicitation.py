"""Weight elicitation against published values and the methods' own properties.

References:
- Barron, F.H. & Barrett, B.E. (1996), Decision quality using ranked attribute weights,
  Management Science 42(11): the rank-order centroid weights of 10 criteria.
- Stillwell, W.G., Seaver, D.A. & Edwards, W. (1981), A comparison of weight approximation
  techniques in multiattribute utility decision making, Organizational Behavior and Human
  Performance 28(1): rank sum and rank reciprocal weights.
- Saaty, T.L. (2008), Decision making with the analytic hierarchy process, International Journal
  of Services Sciences 1(1): "which drink is consumed more in the U.S.?", priorities and CR 0.022.
- Saaty, T.L. (1980), The Analytic Hierarchy Process, McGraw-Hill: random indices.
- Crawford, G. & Williams, C. (1985), A note on the analysis of subjective judgment matrices,
  Journal of Mathematical Psychology 29: geometric means; equal to the eigenvector for n = 3.
- Forman, E. & Peniwati, K. (1998), Aggregating individual judgments and priorities with the AHP,
  European Journal of Operational Research 108: geometric mean of individual judgments.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from channelscore.core.elicitation import (
    RANDOM_INDEX,
    aggregate_judgments,
    ahp_weights,
    rank_weights,
    swing_weights,
    worst_judgments,
)

DRINKS = ["coffee", "wine", "tea", "beer", "soda", "milk", "water"]
DRINK_JUDGMENTS = {("coffee", "wine"): 9, ("coffee", "tea"): 5, ("coffee", "beer"): 2, ("coffee", "soda"): 1,
                   ("coffee", "milk"): 1, ("coffee", "water"): 1 / 2, ("wine", "tea"): 1 / 3,
                   ("wine", "beer"): 1 / 9, ("wine", "soda"): 1 / 9, ("wine", "milk"): 1 / 9,
                   ("wine", "water"): 1 / 9, ("tea", "beer"): 1 / 3, ("tea", "soda"): 1 / 4, ("tea", "milk"): 1 / 3,
                   ("tea", "water"): 1 / 9, ("beer", "soda"): 1 / 2, ("beer", "milk"): 1, ("beer", "water"): 1 / 3,
                   ("soda", "milk"): 2, ("soda", "water"): 1 / 2, ("milk", "water"): 1 / 3}


def matrix_of(names: list[str], judgments: dict[tuple[str, str], float]) -> np.ndarray:
    matrix = np.ones((len(names), len(names)))
    for (a, b), value in judgments.items():
        i, j = names.index(a), names.index(b)
        matrix[i, j], matrix[j, i] = value, 1 / value
    return matrix


def single(n: int) -> list[list[int]]:
    return [[place] for place in range(1, n + 1)]


def test_rank_order_centroid_of_ten_criteria() -> None:
    expected = [.2929, .1929, .1429, .1096, .0846, .0646, .0479, .0336, .0211, .0100]
    assert np.round(rank_weights(single(10), 10, "roc"), 4).tolist() == expected


def test_rank_sum_and_rank_reciprocal_of_four_criteria() -> None:
    assert rank_weights(single(4), 4, "rank_sum") == pytest.approx([.4, .3, .2, .1])
    assert rank_weights(single(4), 4, "rank_reciprocal") == pytest.approx([.48, .24, .16, .12])


def test_tied_criteria_share_the_mean_of_their_places() -> None:
    roc = rank_weights(single(3), 3, "roc")
    tied = rank_weights([[1, 2], [1, 2], [3]], 3, "roc")
    assert tied == pytest.approx([(roc[0] + roc[1]) / 2] * 2 + [roc[2]])
    assert tied.sum() == pytest.approx(1.0)


def test_saaty_drinks_example() -> None:
    result = ahp_weights(matrix_of(DRINKS, DRINK_JUDGMENTS))
    published = {"coffee": .177, "wine": .019, "tea": .042, "beer": .116, "soda": .190, "milk": .129, "water": .327}
    assert dict(zip(DRINKS, np.round(result.weights, 3).tolist(), strict=True)) == published
    assert round(result.consistency.cr, 3) == 0.022
    assert result.consistency.ri == RANDOM_INDEX[7] == 1.32


def test_a_consistent_matrix_has_no_inconsistency() -> None:
    weights = np.array([0.5, 0.3, 0.2])
    matrix = weights[:, None] / weights[None, :]
    for method in ("eigenvector", "geometric_mean"):
        result = ahp_weights(matrix, method)
        assert result.weights == pytest.approx(weights)
        assert result.consistency.cr == pytest.approx(0.0, abs=1e-9)
    assert worst_judgments(matrix, weights) == []


scale = st.sampled_from([1, 2, 3, 4, 5, 6, 7, 8, 9, 1 / 2, 1 / 3, 1 / 4, 1 / 5, 1 / 6, 1 / 7, 1 / 8, 1 / 9])


@given(scale, scale, scale)
def test_geometric_mean_equals_the_eigenvector_for_three_criteria(ab: float, ac: float, bc: float) -> None:
    matrix = matrix_of(["a", "b", "c"], {("a", "b"): ab, ("a", "c"): ac, ("b", "c"): bc})
    assert ahp_weights(matrix, "geometric_mean").weights == pytest.approx(ahp_weights(matrix).weights, abs=1e-9)


def test_aggregating_opposite_judgments_meets_in_the_middle() -> None:
    one = matrix_of(["a", "b"], {("a", "b"): 3})
    other = matrix_of(["a", "b"], {("a", "b"): 1 / 3})
    assert aggregate_judgments([one, other]) == pytest.approx(np.ones((2, 2)))
    assert aggregate_judgments([one, one]) == pytest.approx(one)


def test_the_worst_judgment_is_the_one_that_breaks_consistency() -> None:
    names = ["a", "b", "c", "d"]
    weights = np.array([0.4, 0.3, 0.2, 0.1])
    judgments = {(names[i], names[j]): weights[i] / weights[j] for i in range(4) for j in range(i + 1, 4)}
    judgments[("c", "d")] = 1 / 5  # should be 2
    matrix = matrix_of(names, judgments)
    result = ahp_weights(matrix)
    worst = worst_judgments(matrix, result.weights)
    assert (worst[0][0], worst[0][1]) == (2, 3)


def test_swing_points() -> None:
    assert swing_weights([100, 80, 50]) == pytest.approx([100 / 230, 80 / 230, 50 / 230])
