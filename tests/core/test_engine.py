"""The scoring engine: hand-computed cases and properties (scale invariance, monotonicity, ties...)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from channelscore.core import engine

NO_GROUPS = np.array([True, True, False])


def test_weighted_mean_by_hand() -> None:
    ratings = np.array([[3, 1, 2], [1, 3, 3], [2, 2, 2]], dtype=float)
    weights = engine.normalise_weights(np.array([2.0, 1.0, 1.0]), NO_GROUPS)
    assert weights == pytest.approx([0.5, 0.25, 0.25])
    # (3*2 + 1 + 2) / 4 = 2.25 ; (1*2 + 3 + 3) / 4 = 2.0 ; 2.0
    assert engine.scores(ratings, weights) == pytest.approx([2.25, 2.0, 2.0])


def test_group_split_by_hand() -> None:
    # client criteria 0, 1 weigh 1 and 3; enterprise criterion 2 weighs 5; split 0.8 / 0.2
    weights = engine.normalise_weights(np.array([1.0, 3.0, 5.0]), NO_GROUPS, (0.8, 0.2))
    assert weights == pytest.approx([0.2, 0.6, 0.2])
    assert engine.scores(np.array([[3.0, 1.0, 2.0]]), weights) == pytest.approx([0.6 + 0.6 + 0.4])


def test_group_split_shares_are_normalised_and_an_empty_group_passes_its_share() -> None:
    assert engine.normalise_weights(np.array([1.0, 1.0, 2.0]), NO_GROUPS, (3.0, 1.0)) == pytest.approx(
        [0.375, 0.375, 0.25])
    assert engine.normalise_weights(np.array([1.0, 3.0, 0.0]), NO_GROUPS, (0.5, 0.5)) == pytest.approx(
        [0.25, 0.75, 0.0])


def test_competition_ranks_with_ties_listed_by_id() -> None:
    order, ranks = engine.order_and_ranks(np.array([2.0, 2.5, 2.0, 1.0, 2.5]), ["e", "d", "c", "b", "a"])
    assert [["e", "d", "c", "b", "a"][i] for i in order] == ["a", "d", "c", "e", "b"]
    assert ranks == [1, 1, 3, 3, 5]


def test_scores_within_tolerance_are_tied() -> None:
    _, ranks = engine.order_and_ranks(np.array([2.0, 2.0 + 4e-10, 2.0 - 4e-10]), ["a", "b", "c"])
    assert ranks == [1, 1, 1]
    _, ranks = engine.order_and_ranks(np.array([2.0, 2.0 + 2e-9]), ["a", "b"])
    assert ranks == [1, 2]


def test_many_weight_vectors_at_once_match_one_by_one() -> None:
    rng = np.random.default_rng(1)
    ratings = rng.integers(1, 4, size=(10, 10)).astype(float)
    stack = engine.normalise_weights(rng.random((50, 10)), np.ones(10, dtype=bool))
    together = engine.scores(ratings, stack)
    for row in range(50):
        assert together[row] == pytest.approx(engine.scores(ratings, stack[row]))


matrices = st.integers(2, 8).flatmap(lambda n: st.integers(1, 6).flatmap(lambda m: st.tuples(
    arrays(np.float64, (n, m), elements=st.integers(1, 3).map(float)),
    arrays(np.float64, (m,), elements=st.floats(0.01, 100)))))


def _ids(n: int) -> list[str]:
    return [f"c{i:02d}" for i in range(n)]


def _ranks(ratings: np.ndarray, raw: np.ndarray) -> dict[str, int]:
    ids = _ids(len(ratings))
    weights = engine.normalise_weights(raw, np.ones(len(raw), dtype=bool))
    order, ranks = engine.order_and_ranks(engine.scores(ratings, weights), ids)
    return {ids[i]: r for i, r in zip(order, ranks, strict=True)}


@settings(max_examples=200, deadline=None)
@given(matrices, st.floats(0.001, 1000))
def test_weight_scale_invariance(case: tuple[np.ndarray, np.ndarray], factor: float) -> None:
    ratings, raw = case
    assert _ranks(ratings, raw) == _ranks(ratings, raw * factor)


@settings(max_examples=200, deadline=None)
@given(matrices, st.data())
def test_scores_stay_on_the_1_to_3_scale(case: tuple[np.ndarray, np.ndarray], data: st.DataObject) -> None:
    ratings, raw = case
    values = engine.scores(ratings, engine.normalise_weights(raw, np.ones(len(raw), dtype=bool)))
    assert np.all(values >= 1 - 1e-12) and np.all(values <= 3 + 1e-12)


@settings(max_examples=200, deadline=None)
@given(matrices, st.data())
def test_raising_a_rating_never_lowers_the_score_or_the_rank(case: tuple[np.ndarray, np.ndarray],
                                                             data: st.DataObject) -> None:
    ratings, raw = case
    n, m = ratings.shape
    channel = data.draw(st.integers(0, n - 1))
    criterion = data.draw(st.integers(0, m - 1))
    if ratings[channel, criterion] == 3:
        return
    better = ratings.copy()
    better[channel, criterion] += 1
    weights = engine.normalise_weights(raw, np.ones(m, dtype=bool))
    assert engine.scores(better, weights)[channel] >= engine.scores(ratings, weights)[channel]
    assert _ranks(better, raw)[_ids(n)[channel]] <= _ranks(ratings, raw)[_ids(n)[channel]]


@settings(max_examples=200, deadline=None)
@given(matrices, st.data())
def test_removing_a_channel_never_reorders_the_others(case: tuple[np.ndarray, np.ndarray],
                                                      data: st.DataObject) -> None:
    ratings, raw = case
    n = len(ratings)
    gone = data.draw(st.integers(0, n - 1))
    ids = _ids(n)
    before = _ranks(ratings, raw)
    kept = [i for i in range(n) if i != gone]
    weights = engine.normalise_weights(raw, np.ones(len(raw), dtype=bool))
    order, _ = engine.order_and_ranks(engine.scores(ratings[kept], weights), [ids[i] for i in kept])
    after_order = [[ids[i] for i in kept][i] for i in order]
    for a, b in itertools.pairwise(after_order):
        assert before[a] <= before[b]


@settings(max_examples=200, deadline=None)
@given(matrices, st.randoms(use_true_random=False))
def test_permuting_channels_and_criteria_changes_nothing(case: tuple[np.ndarray, np.ndarray], rnd: object) -> None:
    ratings, raw = case
    n, m = ratings.shape
    rows = list(range(n))
    cols = list(range(m))
    rnd.shuffle(rows)  # type: ignore[attr-defined]
    rnd.shuffle(cols)  # type: ignore[attr-defined]
    ids = _ids(n)
    weights = engine.normalise_weights(raw, np.ones(m, dtype=bool))
    order, ranks = engine.order_and_ranks(engine.scores(ratings, weights), ids)
    shuffled_weights = engine.normalise_weights(raw[cols], np.ones(m, dtype=bool))
    shuffled_scores = engine.scores(ratings[rows][:, cols], shuffled_weights)
    order2, ranks2 = engine.order_and_ranks(shuffled_scores, [ids[i] for i in rows])
    assert [ids[i] for i in order] == [[ids[i] for i in rows][j] for j in order2]
    assert ranks == ranks2


@settings(max_examples=100, deadline=None)
@given(matrices)
def test_identical_channels_are_exactly_tied(case: tuple[np.ndarray, np.ndarray]) -> None:
    ratings, raw = case
    doubled = np.vstack([ratings, ratings[:1]])
    ranks = _ranks(doubled, raw)
    assert ranks[_ids(len(doubled))[0]] == ranks[_ids(len(doubled))[-1]]


def test_huge_finite_weights_do_not_overflow() -> None:
    # Ten weights of 1e308 sum past the largest float; weights are scale-free, so they weigh as ten ones.
    huge = engine.normalise_weights(np.full(3, 1e308), NO_GROUPS)
    assert huge == pytest.approx(engine.normalise_weights(np.ones(3), NO_GROUPS))
    split = engine.normalise_weights(np.array([1e308, 1e308, 1e308]), NO_GROUPS, (1.7e308, 1.7e308))
    assert split == pytest.approx([0.25, 0.25, 0.5])
    stack = engine.normalise_weights(np.array([[1e308, 1e308, 1.0], [2.0, 1.0, 1.0]]), NO_GROUPS)
    assert np.isfinite(stack).all() and stack.sum(axis=1) == pytest.approx([1.0, 1.0])


def test_a_weight_counts_only_in_a_group_with_a_share() -> None:
    assert engine.weights_count(np.array([0.0, 0.0, 1.0]), NO_GROUPS)
    assert not engine.weights_count(np.zeros(3), NO_GROUPS)
    assert engine.weights_count(np.array([1.0, 0.0, 0.0]), NO_GROUPS, (1.0, 0.0))
    assert not engine.weights_count(np.array([1.0, 0.0, 0.0]), NO_GROUPS, (0.0, 1.0))
    assert not engine.weights_count(np.array([0.0, 0.0, 1.0]), NO_GROUPS, (1.0, 0.0))
    assert engine.weights_count(np.array([0.0, 0.0, 1.0]), NO_GROUPS, (0.0, 1.0))
    # Where nothing counts, the weights are NaN: the caller must refuse before scoring.
    assert np.isnan(engine.normalise_weights(np.array([1.0, 0.0, 0.0]), NO_GROUPS, (0.0, 1.0))).all()


def test_non_finite_scores_are_refused_not_looped_on() -> None:
    with pytest.raises(ValueError, match="finite"):
        engine.order_and_ranks(np.array([2.0, np.nan]), ["a", "b"])
    with pytest.raises(ValueError, match="finite"):
        engine.order_and_ranks(np.array([np.inf, 1.0]), ["a", "b"])


def test_a_stack_with_a_split_is_normalised_row_by_row() -> None:
    rng = np.random.default_rng(3)
    stack = rng.random((20, 3))
    stack[0, :2] = 0.0  # a row whose client criteria weigh nothing passes the client share on
    together = engine.normalise_weights(stack, NO_GROUPS, (0.7, 0.3))
    apart = np.array([engine.normalise_weights(row, NO_GROUPS, (0.7, 0.3)) for row in stack])
    assert together == pytest.approx(apart)
    assert together[0] == pytest.approx([0.0, 0.0, 1.0])


def test_an_empty_client_group_passes_its_share_to_the_enterprise() -> None:
    assert engine.normalise_weights(np.array([0.0, 0.0, 5.0]), NO_GROUPS, (0.8, 0.2)) == pytest.approx([0, 0, 1])


def test_scores_exactly_the_tolerance_apart_are_not_tied() -> None:
    _, ranks = engine.order_and_ranks(np.array([0.0, engine.TIE_TOLERANCE]), ["a", "b"])
    assert ranks == [1, 2]


def test_the_refusal_of_non_finite_scores_says_why() -> None:
    with pytest.raises(ValueError, match=r"^scores must be finite to be ranked$"):
        engine.order_and_ranks(np.array([np.nan]), ["a"])
