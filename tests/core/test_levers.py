"""levers: a small case by hand, every step and pair against a brute force through the ranking and the portfolio
search themselves, the order of the list, and the reach of the search."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import tiny_catalog

from channelscore import api
from channelscore.core.decision import Decision, build_decision, rank_decision
from channelscore.core.levers import Step, levers
from channelscore.core.portfolio import mix_for, sizes_up_to
from channelscore.errors import RequestError
from channelscore.model import Catalog

HAND = {"a": [3, 1, 2], "b": [2, 3, 1], "c": [1, 1, 1]}


def decision_of(ratings: dict[str, list[int]], weights: list[float]) -> Decision:
    catalog = tiny_catalog(ratings, weights)
    return build_decision(catalog, catalog.profiles["p"])


def standing(ratings: dict[str, list[int]], weights: list[float]) -> tuple[tuple[str, ...], dict[str, int],
                                                                          tuple[str, ...]]:
    """First place, ranks and recommended mix as `rank` and `portfolio` compute them."""
    decision = decision_of(ratings, weights)
    ranking = rank_decision(decision)
    mix = mix_for(decision, sizes_up_to(decision), stop_at_recommended=True)
    size = mix.recommended or max(mix.best)
    first = tuple(row.channel for row in ranking.rows if row.rank == 1)
    return first, {row.channel: row.rank for row in ranking.rows}, mix.best[size].channels


def test_a_small_case_by_hand() -> None:
    # Weights 2, 1, 1 are 0.5, 0.25, 0.25: a scores 2.25, b 2.0, c 1.0; every channel together covers
    # 3, 3, 2 = 2.75, which a and b reach as a pair: the recommended mix is a + b.
    found = levers(decision_of(HAND, [2, 1, 1]))
    assert found.standing.first == ("a",)
    assert found.standing.mix == ("a", "b")
    assert found.standing.scores == pytest.approx({"a": 2.25, "b": 2.0, "c": 1.0})
    by_step = {lever.step: lever for lever in found.levers}
    # b's first criterion up (2 -> 3): 2.5 against 2.25, b alone first.
    passes = by_step[Step("b", "c0", 2, 3)]
    assert (passes.first, passes.rank, passes.effect) == (("b",), 1, 0.5)
    assert passes.changes_first and passes.changes_rank and not passes.changes_mix
    # b's third up (1 -> 2): 2.25, level with a.
    level = by_step[Step("b", "c2", 1, 2)]
    assert (level.first, level.rank, level.effect) == (("a", "b"), 1, 0.25)
    # a's first down (3 -> 2): 1.75, b first, a second.
    falls = by_step[Step("a", "c0", 3, 2)]
    assert (falls.first, falls.rank, falls.effect) == (("b",), 2, -0.5)
    # b's second down (3 -> 2) leaves b second and the mix a + b: no lever; c moves nothing.
    assert Step("b", "c1", 3, 2) not in by_step
    assert not any(lever.step.channel == "c" for lever in found.levers)
    # Steps: a has 4 (c0 down, c1 up, c2 up and down), b 4, c 3 (all up).
    assert found.steps_tried == 11
    # Only c needs a pair: three pairs of criteria and three double steps; none reaches 2.25 from 1.0.
    assert found.pairs == ()
    assert (found.beyond_pairs, found.pairs_tried) == (("c",), 6)
    # All four change first place; then the most places moved (a's c2 down makes b level with a: a keeps
    # rank 1), then the largest score change, then the channel's rank (a before b).
    assert [lever.step for lever in found.levers] == [Step("a", "c0", 3, 2), Step("b", "c0", 2, 3),
                                                      Step("b", "c2", 1, 2), Step("a", "c2", 2, 1)]


def test_a_pair_is_found_where_no_single_step_suffices() -> None:
    # a scores 2.5, b 2.0 with equal weights over four criteria: one step gains 0.25, any two bring b level.
    found = levers(decision_of({"a": [3, 3, 2, 2], "b": [2, 2, 2, 2]}, [1, 1, 1, 1]))
    assert len(found.pairs) == found.pairs_tried == 6 and found.beyond_pairs == ()
    assert all(pair.shared and pair.lead == pytest.approx(0.0) for pair in found.pairs)
    assert found.pairs[0].steps == (Step("b", "c0", 2, 3), Step("b", "c1", 2, 3))
    # Weights 0.3, 0.3, 0.4: a 2.2, b 1.6. Two steps on the third criterion (1 -> 3) put b 0.2 ahead, one
    # there and one elsewhere 0.1 ahead, the first two together level; best lead first.
    ahead = levers(decision_of({"a": [3, 3, 1], "b": [2, 2, 1]}, [3, 3, 4]))
    assert [(pair.steps, round(pair.lead, 9), pair.shared) for pair in ahead.pairs] == [
        ((Step("b", "c2", 1, 2), Step("b", "c2", 2, 3)), 0.2, False),
        ((Step("b", "c0", 2, 3), Step("b", "c2", 1, 2)), 0.1, False),
        ((Step("b", "c1", 2, 3), Step("b", "c2", 1, 2)), 0.1, False),
        ((Step("b", "c0", 2, 3), Step("b", "c1", 2, 3)), 0.0, True)]
    assert ahead.pairs_tried == 4


def test_a_double_step_on_one_criterion_counts_as_a_pair() -> None:
    found = levers(decision_of({"a": [3, 3], "b": [1, 3]}, [1, 1]))
    assert [pair.steps for pair in found.pairs] == [(Step("b", "c0", 1, 2), Step("b", "c0", 2, 3))]
    assert found.pairs_tried == 1


def test_zero_weights_are_left_out() -> None:
    found = levers(decision_of(HAND, [2, 1, 0]))
    assert all(lever.step.criterion != "c2" for lever in found.levers)
    assert found.steps_tried == 7
    # c's pairs: its first two criteria together, or either from 1 to 3; none on the third.
    assert found.pairs_tried == 3


def test_a_mix_exactly_at_the_margin_is_recommended() -> None:
    # Weights 0.9 and 0.1: every channel together covers 3.0, a alone 2.9, exactly the margin of 0.1 below.
    found = levers(decision_of({"a": [3, 2], "b": [1, 3]}, [9, 1]))
    assert found.standing.mix == ("a",)


def test_without_a_mix_within_the_margin_the_best_set_of_four_stands() -> None:
    # Six channels, each the only 3 on one of six equal criteria: no set of four comes within 0.1 of 3.
    ratings = {f"k{i}": [3 if j == i else 1 for j in range(6)] for i in range(6)}
    found = levers(decision_of(ratings, [1] * 6))
    mix = mix_for(decision_of(ratings, [1] * 6), sizes_up_to(decision_of(ratings, [1] * 6)),
                  stop_at_recommended=True)
    assert mix.recommended is None
    assert found.standing.mix == mix.best[4].channels == ("k0", "k1", "k2", "k3")


def test_one_channel_only() -> None:
    found = levers(decision_of(HAND, [2, 1, 1]), "b")
    assert {lever.step.channel for lever in found.levers} == {"b"}
    assert found.channel == "b" and found.steps_tried == 4
    with pytest.raises(RequestError, match="unknown channel"):
        levers(decision_of(HAND, [2, 1, 1]), "zz")


@st.composite
def cases(draw: st.DrawFn) -> tuple[dict[str, list[int]], list[float]]:
    channels = draw(st.integers(2, 6))
    criteria = draw(st.integers(1, 4))
    ratings = {f"k{i}": draw(st.lists(st.integers(1, 3), min_size=criteria, max_size=criteria))
               for i in range(channels)}
    weights = draw(st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0, 0.37, 1.9]), min_size=criteria,
                            max_size=criteria).filter(lambda w: sum(w) > 0))
    return ratings, weights


@settings(max_examples=60, deadline=None)
@given(cases())
def test_every_step_agrees_with_the_ranking_and_the_portfolio_search(case: tuple[dict[str, list[int]],
                                                                                 list[float]]) -> None:
    ratings, weights = case
    found = levers(decision_of(ratings, weights))
    first, ranks, mix = standing(ratings, weights)
    assert (found.standing.first, found.standing.ranks, found.standing.mix) == (first, ranks, mix)
    expected = {}
    tried = 0
    for channel, values in ratings.items():
        for column, old in enumerate(values):
            if weights[column] == 0:
                continue
            for new in (old + 1, old - 1):
                if not 1 <= new <= 3:
                    continue
                tried += 1
                changed = {**ratings, channel: [*values[:column], new, *values[column + 1:]]}
                after_first, after_ranks, after_mix = standing(changed, weights)
                if (after_first, after_ranks[channel], after_mix) != (first, ranks[channel], mix):
                    expected[Step(channel, f"c{column}", old, new)] = (after_first, after_ranks[channel], after_mix)
    assert found.steps_tried == tried
    assert {lever.step: (lever.first, lever.rank, lever.mix) for lever in found.levers} == expected
    keys = [(not lever.changes_first, not lever.changes_mix, -abs(lever.rank - ranks[lever.step.channel]),
             -abs(lever.effect)) for lever in found.levers]
    assert keys == sorted(keys)


@settings(max_examples=60, deadline=None)
@given(cases())
def test_pairs_agree_with_a_brute_force(case: tuple[dict[str, list[int]], list[float]]) -> None:
    ratings, weights = case
    found = levers(decision_of(ratings, weights))
    first, _, _ = standing(ratings, weights)
    alone = {lever.step.channel for lever in found.levers
             if lever.step.new > lever.step.old and lever.step.channel in lever.first}
    expected = set()
    beyond = []
    for channel, values in ratings.items():
        if channel in first or channel in alone:
            continue
        moves = [(column, 1) for column, rating in enumerate(values) if weights[column] > 0 and rating < 3]
        pairs = list(combinations(moves, 2)) + [((column, 1), (column, 1)) for column, rating in enumerate(values)
                                                if weights[column] > 0 and rating == 1]
        reached = set()
        for (a, _), (b, _) in pairs:
            changed = list(values)
            changed[a] += 1
            changed[b] += 1
            if channel in standing({**ratings, channel: changed}, weights)[0]:
                reached.add((channel, a, b))
        expected |= reached
        if not reached:
            beyond.append(channel)
    got = {(pair.channel, int(pair.steps[0].criterion[1:]), int(pair.steps[1].criterion[1:])) for pair in found.pairs}
    assert got == expected
    assert list(found.beyond_pairs) == beyond


def test_the_shipped_data_levers_name_the_study_s_example(catalog: Catalog) -> None:
    """The phone's waiting time (responsiveness 2 -> 3) brings it level with face-to-face in local retail."""
    found = api.levers(catalog, "retail", channel="phone").levers
    lever = next(lever for lever in found.levers if lever.step == Step("phone", "responsiveness", 2, 3))
    assert lever.changes_first and set(lever.first) == {"face_to_face", "phone"}
    weights = np.asarray(api.decide(catalog, "retail").decision.weights)
    assert lever.effect == pytest.approx(float(weights[3]))
