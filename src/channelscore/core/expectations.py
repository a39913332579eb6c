"""The study's statements checked against a ranking: does each expectation of a profile hold, and what is seen."""

from __future__ import annotations

import itertools
from typing import NamedTuple

from channelscore.core.decision import Ranking
from channelscore.model import Expectation


class ExpectationCheck(NamedTuple):
    """One expectation against a ranking.

    ``observed`` gives the rank of each channel the statement is about (None where it does not
    apply); for ``only_in_top`` it is the channels actually in the top places. ``still_ranked``
    lists the channels a ``not_applicable`` statement wants gone; ``out_of`` is the number of
    ranked channels, given for ``within_bottom``.
    """

    expectation: Expectation
    holds: bool
    observed: tuple[tuple[str, int | None], ...]
    still_ranked: tuple[str, ...] = ()
    out_of: int | None = None


def check(expectation: Expectation, ranking: Ranking) -> ExpectationCheck:
    """Whether ``ranking`` satisfies ``expectation``, with what it shows."""
    ranks = {row.channel: row.rank for row in ranking.rows}
    excluded = {item.channel for item in ranking.excluded}
    selected = selected_channels(expectation, ranking)
    observed = tuple((c, ranks.get(c)) for c in selected)
    kind = expectation.kind
    if kind == "not_applicable":
        wrong = tuple(c for c in selected if c not in excluded)
        return ExpectationCheck(expectation, not wrong, observed, still_ranked=wrong)
    if kind == "above":
        scores = {row.channel: row.score for row in ranking.rows}
        holds = all(higher in scores and lower in scores and scores[higher] > scores[lower] + ranking.tolerance
                    for higher, lower in itertools.pairwise(expectation.channels or ()))
        return ExpectationCheck(expectation, holds, observed)
    n = expectation.n or 0
    if kind == "within_top":
        holds = bool(selected) and all(ranks.get(c, n + 1) <= n for c in selected)
    elif kind == "outside_top":
        holds = all(ranks.get(c, n + 1) > n for c in selected)
    elif kind == "within_bottom":
        holds = bool(selected) and all(c in ranks and places_from_bottom(ranking, c) <= n for c in selected)
        return ExpectationCheck(expectation, holds, observed, out_of=len(ranking.rows))
    else:
        top = [row.channel for row in ranking.rows if row.rank <= n]
        holds = all(c in selected for c in top)
        observed = tuple((c, ranks[c]) for c in top)
    return ExpectationCheck(expectation, holds, observed)


def check_all(expectations: tuple[Expectation, ...], ranking: Ranking) -> tuple[ExpectationCheck, ...]:
    return tuple(check(expectation, ranking) for expectation in expectations)


def places_from_bottom(ranking: Ranking, channel: str) -> int:
    """1 for the channels sharing the last score, 2 for the next score up, and so on by position."""
    score = next(row.score for row in ranking.rows if row.channel == channel)
    return sum(1 for row in ranking.rows if row.score <= score + ranking.tolerance)


def selected_channels(expectation: Expectation, ranking: Ranking) -> list[str]:
    """The channels a statement speaks about: named, or every channel (ranked or not) of its trait or family."""
    if expectation.channels is not None:
        return list(expectation.channels)
    everyone = [(row.channel, row.family, row.traits) for row in ranking.rows]
    everyone += [(item.channel, item.family, item.traits) for item in ranking.excluded]
    if expectation.trait is not None:
        return [c for c, _, traits in everyone if expectation.trait in traits]
    return [c for c, family, _ in everyone if family == expectation.family]
