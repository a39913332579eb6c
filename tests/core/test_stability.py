"""Stability intervals and overtake: closed forms against brute force, and recomputed scores."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from channelscore.core import engine
from channelscore.core.stability import overtake, stability

GRID = 20_001


@st.composite
def decisions(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    channels = draw(st.integers(2, 7))
    criteria = draw(st.integers(2, 6))
    ratings = draw(arrays(np.float64, (channels, criteria), elements=st.integers(1, 3).map(float)))
    raw = draw(arrays(np.float64, criteria, elements=st.floats(0.05, 1.0)))
    return ratings, raw / raw.sum()


def _order(ratings: np.ndarray, weights: np.ndarray) -> list[int]:
    order, _ = engine.order_and_ranks(ratings @ weights, [f"c{i}" for i in range(len(ratings))])
    return list(order)


def _held_range(ratings: np.ndarray, weights: np.ndarray, j: int,
                pairs: list[tuple[int, int]]) -> tuple[float, float] | None:
    """Scan t on a fine grid: the contiguous range around the current weight where every pair keeps its order
    (None when the grid point nearest the current weight already breaks a tie that holds exactly there)."""
    t = np.linspace(0.0, 1.0, GRID)
    others = (ratings @ weights - ratings[:, j] * weights[j]) / (1 - weights[j])
    scores = others[None, :] + t[:, None] * (ratings[:, j] - others)[None, :]
    holds = np.all([scores[:, a] >= scores[:, b] - 1e-12 for a, b in pairs], axis=0)
    now = round(weights[j] * (GRID - 1))
    if not holds[now]:
        return None
    low = high = now
    while low > 0 and holds[low - 1]:
        low -= 1
    while high < GRID - 1 and holds[high + 1]:
        high += 1
    return t[low], t[high]


@settings(max_examples=150, deadline=None)
@given(decisions())
def test_intervals_match_a_brute_force_scan(decision: tuple[np.ndarray, np.ndarray]) -> None:
    ratings, weights = decision
    order = _order(ratings, weights)
    ids = [f"c{i}" for i in range(len(ratings))]
    step = 1.0 / (GRID - 1)
    for j, item in enumerate(stability(ratings, weights, order, ids, [f"k{j}" for j in range(len(weights))])):
        assert item.criterion == f"k{j}"
        first_pairs = [(order[0], i) for i in order[1:]]
        order_pairs = list(itertools.pairwise(order))
        for pairs, low, high in ((first_pairs, item.first_low, item.first_high),
                                 (order_pairs, item.order_low, item.order_high)):
            assert low.weight <= item.weight + 1e-12 and high.weight >= item.weight - 1e-12
            scanned = _held_range(ratings, weights, j, pairs)
            if scanned is None:
                # A tie exactly at the current weight, broken one way: the interval ends right here.
                assert min(item.weight - low.weight, high.weight - item.weight) <= step
                continue
            assert abs(low.weight - scanned[0]) <= 1.5 * step
            assert abs(high.weight - scanned[1]) <= 1.5 * step
            assert (low.channel is None) == (low.weight == 0.0)
            assert (high.channel is None) == (high.weight == 1.0)


def test_intervals_by_hand() -> None:
    # Two channels, two criteria: a = (3, 1), b = (1, 2); weights (0.5, 0.5): a 2.0, b 1.5.
    # With w on the first criterion: a = 1 + 2w, b = 2 - w; they cross at w = 1/3.
    ratings = np.array([[3.0, 1.0], [1.0, 2.0]])
    result = stability(ratings, np.array([0.5, 0.5]), [0, 1], ["a", "b"], ["x", "y"])
    x, y = result
    assert x.first_low.weight == pytest.approx(1 / 3) and x.first_low.channel == "b"
    assert x.first_low.passes == "a"
    assert x.first_high.weight == 1.0 and x.first_high.channel is None
    assert y.first_high.weight == pytest.approx(2 / 3) and y.first_high.channel == "b"
    assert y.first_low.weight == 0.0


def test_a_criterion_carrying_all_the_weight_has_no_interval() -> None:
    result = stability(np.array([[3.0, 1.0], [1.0, 2.0]]), np.array([1.0, 0.0]), [0, 1], ["a", "b"], ["x", "y"])
    assert [s.criterion for s in result] == ["y"]


@settings(max_examples=200, deadline=None)
@given(decisions(), st.data())
def test_overtake_is_feasible_minimal_and_verified(decision: tuple[np.ndarray, np.ndarray],
                                                   data: st.DataObject) -> None:
    ratings, weights = decision
    n = len(ratings)
    a = data.draw(st.integers(0, n - 1))
    b = data.draw(st.integers(0, n - 1).filter(lambda i: i != a))
    result = overtake(ratings, weights, a, b, [f"c{i}" for i in range(n)])
    d = ratings[a] - ratings[b]
    if not result.possible:
        assert (d < 0).all()
        return
    assert result.weights is not None
    new = result.weights
    assert new.min() >= 0 and new.sum() == pytest.approx(1.0)
    scores = ratings @ new
    assert scores[a] >= scores[b] - 1e-9
    assert (result.score, result.other_score) == pytest.approx((scores[a], scores[b]))
    assert result.distance == pytest.approx(np.abs(new - weights).sum())
    # No cheaper change exists: the deficit, divided by the best gain per unit of weight moved, bounds it below.
    deficit = max(0.0, -(d @ weights))
    assert result.distance >= 2 * deficit / (d.max() - d.min() if d.max() > d.min() else 1.0) - 1e-9


def test_overtake_against_a_grid_search_on_three_criteria() -> None:
    rng = np.random.default_rng(7)
    steps = 300
    grid = np.array([(i, j, steps - i - j) for i in range(steps + 1) for j in range(steps + 1 - i)]) / steps
    for _ in range(40):
        ratings = rng.integers(1, 4, (3, 3)).astype(float)
        weights = rng.dirichlet(np.ones(3))
        result = overtake(ratings, weights, 1, 0, ["a", "b", "c"])
        feasible = grid[(grid @ (ratings[1] - ratings[0])) >= 0]
        if not len(feasible):
            assert not result.possible
            continue
        best = np.abs(feasible - weights).sum(axis=1).min()
        assert result.possible
        assert result.distance <= best + 1e-9
        assert result.distance >= best - 4 / steps


def test_overtake_when_already_ahead_or_dominated() -> None:
    ratings = np.array([[3.0, 3.0], [1.0, 2.0]])
    weights = np.array([0.5, 0.5])
    assert overtake(ratings, weights, 0, 1, ["a", "b"]).distance == 0.0
    dominated = overtake(ratings, weights, 1, 0, ["a", "b"])
    assert not dominated.possible and dominated.weights is None
