"""Explanations from the ranking's own numbers: contributions, strengths and weaknesses, gaps, pairwise reasons.

Everything here is plain data; sentences cite the rating reasons stored in the data.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from channelscore.ranking import Ranking, Row
from channelscore.words import join_names, say

MAX_LISTED = 3
EPSILON = 1e-12


class ChannelAnalysis(NamedTuple):
    """Why one channel stands where it does."""

    row: Row
    ratings: dict[str, int]
    contributions: dict[str, float]
    strengths: tuple[str, ...]
    weaknesses: tuple[str, ...]
    gap_to_next: float | None
    next_channel: str | None
    tied_with: tuple[str, ...]
    why: str


class CriterionLine(NamedTuple):
    """One criterion of a channel's explanation."""

    criterion: str
    name: str
    rating: int
    adjusted: bool
    weight: float
    contribution: float
    versus_average: float
    reason: str


class ChannelExplanation(NamedTuple):
    """Every criterion of one channel, with its best practices."""

    analysis: ChannelAnalysis
    lines: tuple[CriterionLine, ...]
    best_practices: tuple[str, ...]


class DecidingCriterion(NamedTuple):
    """A criterion on which two channels differ, and by how much it moves their scores apart."""

    criterion: str
    name: str
    rating_a: int
    rating_b: int
    weight: float
    difference: float
    reason_a: str
    reason_b: str


class PairExplanation(NamedTuple):
    """What decides between channel A and channel B."""

    a: str
    b: str
    score_a: float
    score_b: float
    difference: float
    deciding: tuple[DecidingCriterion, ...]
    summary: str


def analyse(ranking: Ranking, lang: str = "en") -> list[ChannelAnalysis]:
    """An analysis of every ranked channel, in ranking order."""
    decision = ranking.decision
    ids = [c.id for c in decision.criteria]
    mean = decision.ratings.mean(axis=0) if len(decision.channels) else np.zeros(len(ids))
    relative = decision.weights * (decision.ratings - mean)
    analyses = []
    for position, row in enumerate(ranking.rows):
        delta = relative[row.matrix_row]
        strengths = tuple(ids[i] for i in np.argsort(-delta, kind="stable") if delta[i] > EPSILON)[:MAX_LISTED]
        weaknesses = tuple(ids[i] for i in np.argsort(delta, kind="stable") if delta[i] < -EPSILON)[:MAX_LISTED]
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
            tied_with=tied, why=""))
    return [_with_why(ranking, item, lang) for item in analyses]


def _with_why(ranking: Ranking, item: ChannelAnalysis, lang: str) -> ChannelAnalysis:
    decision = ranking.decision
    names = {c.id: _in_sentence(c.names.get(lang), lang) for c in decision.criteria}
    channel_names = {row.channel: row.names.get(lang) for row in ranking.rows}
    index = {c.id: i for i, c in enumerate(decision.criteria)}
    reasons = decision.reasons[item.row.matrix_row]
    clauses = []
    if item.strengths:
        clauses.append(say(lang, "strong_on", names=join_names([names[c] for c in item.strengths], lang),
                           reason=reasons[index[item.strengths[0]]]))
    if item.weaknesses:
        clauses.append(say(lang, "weak_on", names=join_names([names[c] for c in item.weaknesses], lang),
                           reason=reasons[index[item.weaknesses[0]]]))
    sentences = ["; ".join(clauses) if clauses else say(lang, "average")]
    if item.tied_with:
        sentences.append(say(lang, "tied_with", others=join_names([channel_names[c] for c in item.tied_with], lang)))
    if item.gap_to_next is not None and item.next_channel is not None:
        sentences.append(say(lang, "ahead_of", gap=_number(item.gap_to_next, lang),
                             other=channel_names[item.next_channel]))
    why = " ".join(sentence[0].upper() + sentence[1:] + "." for sentence in sentences)
    return item._replace(why=why)


def _in_sentence(name: str, lang: str) -> str:
    """A criterion name as it reads inside a sentence (lower-case initial)."""
    return name[0].lower() + name[1:] if name else name


def _number(value: float, lang: str) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "fr" else text


def explain_channel(ranking: Ranking, channel_id: str, lang: str = "en") -> ChannelExplanation:
    """Every criterion's rating, weight, contribution and reason for one channel."""
    decision = ranking.decision
    index = decision.channel_index(channel_id)
    analysis = next(a for a in analyse(ranking, lang) if a.row.matrix_row == index)
    mean = decision.ratings.mean(axis=0)
    lines = tuple(
        CriterionLine(criterion=c.id, name=c.names.get(lang), rating=int(decision.ratings[index, i]),
                      adjusted=bool(decision.adjusted[index, i]), weight=float(decision.weights[i]),
                      contribution=float(decision.weights[i] * decision.ratings[index, i]),
                      versus_average=float(decision.ratings[index, i] - mean[i]),
                      reason=decision.reasons[index][i])
        for i, c in enumerate(decision.criteria))
    return ChannelExplanation(analysis=analysis, lines=lines,
                              best_practices=tuple(decision.channels[index].best_practices))


def compare_pair(ranking: Ranking, a: str, b: str, lang: str = "en") -> PairExplanation:
    """The criteria that decide between channels ``a`` and ``b``, largest effect first."""
    decision = ranking.decision
    ia, ib = decision.channel_index(a), decision.channel_index(b)
    effect = decision.weights * (decision.ratings[ia] - decision.ratings[ib])
    order = np.argsort(-np.abs(effect), kind="stable")
    deciding = tuple(
        DecidingCriterion(criterion=decision.criteria[i].id, name=decision.criteria[i].names.get(lang),
                          rating_a=int(decision.ratings[ia, i]), rating_b=int(decision.ratings[ib, i]),
                          weight=float(decision.weights[i]), difference=float(effect[i]),
                          reason_a=decision.reasons[ia][i], reason_b=decision.reasons[ib][i])
        for i in order if abs(effect[i]) > EPSILON)
    score_a, score_b = float(ranking.scores[ia]), float(ranking.scores[ib])
    difference = score_a - score_b
    if abs(difference) < ranking.tolerance:
        summary = say(lang, "pair_tied", a=a, b=b)
    else:
        winner, loser = (a, b) if difference > 0 else (b, a)
        favour = [d.name for d in deciding if (d.difference > 0) == (difference > 0)][:MAX_LISTED]
        summary = say(lang, "pair_wins", winner=winner, loser=loser, gap=_number(abs(difference), lang),
                      names=join_names(favour, lang))
    return PairExplanation(a=a, b=b, score_a=score_a, score_b=score_b, difference=difference,
                           deciding=deciding, summary=summary)
