"""Explanations from the ranking's own numbers: contributions, strengths and weaknesses, gaps, pairwise reasons.

Everything here is data (ids, numbers and the reasons stored with the ratings); the sentences
that tell it are built by :mod:`channelscore.words`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from channelscore.core.decision import Ranking, Row
from channelscore.core.engine import on_tie_grid
from channelscore.model import Names, Text

MAX_LISTED = 3
EPSILON = 1e-12


class ChannelAnalysis(NamedTuple):
    """Why one channel stands where it does: its strongest and weakest criteria against the average channel
    (weighted), the channels it ties with, and its lead over the next one."""

    row: Row
    ratings: dict[str, int]
    contributions: dict[str, float]
    strengths: tuple[str, ...]
    weaknesses: tuple[str, ...]
    gap_to_next: float | None
    next_channel: str | None
    tied_with: tuple[str, ...]


class CriterionLine(NamedTuple):
    """One criterion of a channel's explanation."""

    criterion: str
    names: Names
    rating: int
    adjusted: bool
    weight: float
    contribution: float
    versus_average: float
    reason: Text
    source: Text | None


class ChannelExplanation(NamedTuple):
    """Every criterion of one channel, with its best practices."""

    analysis: ChannelAnalysis
    lines: tuple[CriterionLine, ...]
    best_practices: tuple[Text, ...]


class DecidingCriterion(NamedTuple):
    """A criterion on which two channels differ, and by how much it moves their scores apart."""

    criterion: str
    names: Names
    rating_a: int
    rating_b: int
    weight: float
    difference: float
    reason_a: Text
    reason_b: Text


class PairExplanation(NamedTuple):
    """What decides between channel A and channel B; ``favouring`` lists the criteria that carry the winner
    (largest effect first), empty when the two are tied."""

    a: str
    b: str
    score_a: float
    score_b: float
    difference: float
    tied: bool
    deciding: tuple[DecidingCriterion, ...]
    favouring: tuple[DecidingCriterion, ...]
    names_a: Names
    names_b: Names


def analyse_channels(ranking: Ranking) -> list[ChannelAnalysis]:
    """An analysis of every ranked channel, in ranking order."""
    decision = ranking.decision
    ids = [c.id for c in decision.criteria]
    mean = decision.ratings.mean(axis=0) if len(decision.channels) else np.zeros(len(ids))
    relative = decision.weights * (decision.ratings - mean)
    analyses = []
    for position, row in enumerate(ranking.rows):
        delta = relative[row.matrix_row]
        # Sorted on the grid of the tie tolerance: two criteria that weigh equally against the average keep
        # the criteria's order, whatever the roundings of the weights and the mean.
        level = on_tie_grid(delta)
        strengths = tuple(ids[i] for i in np.argsort(-level, kind="stable") if delta[i] > EPSILON)[:MAX_LISTED]
        weaknesses = tuple(ids[i] for i in np.argsort(level, kind="stable") if delta[i] < -EPSILON)[:MAX_LISTED]
        tied = tuple(other.channel for other in ranking.rows if other.rank == row.rank and other is not row)
        below = [other for other in ranking.rows[position + 1:] if other.rank > row.rank]
        gap = row.score - below[0].score if below else None
        next_channel = below[0].channel if below else None
        contributions = ranking.contributions(row.matrix_row)
        analyses.append(ChannelAnalysis(
            row=row,
            ratings={ids[i]: int(decision.ratings[row.matrix_row, i]) for i in range(len(ids))},
            contributions={ids[i]: float(contributions[i]) for i in range(len(ids))},
            strengths=strengths, weaknesses=weaknesses, gap_to_next=gap, next_channel=next_channel,
            tied_with=tied))
    return analyses


def explain_channel(ranking: Ranking, channel_id: str) -> ChannelExplanation:
    """Every criterion's rating, weight, contribution and reason for one channel."""
    decision = ranking.decision
    index = decision.channel_index(channel_id)
    analysis = next(a for a in analyse_channels(ranking) if a.row.matrix_row == index)
    mean = decision.ratings.mean(axis=0)
    lines = tuple(
        CriterionLine(criterion=c.id, names=c.names, rating=int(decision.ratings[index, i]),
                      adjusted=bool(decision.adjusted[index, i]), weight=float(decision.weights[i]),
                      contribution=float(decision.weights[i] * decision.ratings[index, i]),
                      versus_average=float(decision.ratings[index, i] - mean[i]),
                      reason=decision.reasons[index][i],
                      source=decision.sources[index][i])
        for i, c in enumerate(decision.criteria))
    return ChannelExplanation(analysis=analysis, lines=lines,
                              best_practices=tuple(decision.channels[index].best_practices))


def compare_pair(ranking: Ranking, a: str, b: str) -> PairExplanation:
    """The criteria that decide between channels ``a`` and ``b``, largest effect first."""
    decision = ranking.decision
    ia, ib = decision.channel_index(a), decision.channel_index(b)
    effect = decision.weights * (decision.ratings[ia] - decision.ratings[ib])
    order = np.argsort(-np.abs(effect), kind="stable")
    deciding = tuple(
        DecidingCriterion(criterion=decision.criteria[i].id, names=decision.criteria[i].names,
                          rating_a=int(decision.ratings[ia, i]), rating_b=int(decision.ratings[ib, i]),
                          weight=float(decision.weights[i]), difference=float(effect[i]),
                          reason_a=decision.reasons[ia][i], reason_b=decision.reasons[ib][i])
        for i in order if abs(effect[i]) > EPSILON)
    score_a, score_b = float(ranking.scores[ia]), float(ranking.scores[ib])
    difference = score_a - score_b
    tied = abs(difference) < ranking.tolerance
    favouring = () if tied else tuple(d for d in deciding if (d.difference > 0) == (difference > 0))[:MAX_LISTED]
    return PairExplanation(a=a, b=b, score_a=score_a, score_b=score_b, difference=difference, tied=tied,
                           deciding=deciding, favouring=favouring, names_a=decision.channels[ia].names,
                           names_b=decision.channels[ib].names)
