"""The seeds' judgements checked: statements about a profile's ranking, and statements about ratings.

A ranking statement (``within_top``, ``above``, ``at_least``...) is checked against the ranking of
the profile that states it. A rating statement (``rating_is``, ``rating_above``, ``rating_highest``...)
is checked against a table of ratings: the channels file's own for the study's judgements on its
ratings, or a profile's effective ratings (adjustments and extra criteria applied) for a profile's.
:func:`breaking_moves` says which single one-step rating change would make a statement fail.
"""

from __future__ import annotations

import dataclasses
import itertools
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import NamedTuple

import numpy as np

from channelscore.core.decision import Decision, Ranking, rank_decision
from channelscore.core.engine import order_and_ranks
from channelscore.core.records import frozen_array
from channelscore.model import RATING_KINDS, Catalog, Channel, Expectation, Source


class ExpectationCheck(NamedTuple):
    """One expectation against a ranking or a table of ratings.

    ``observed`` gives the rank of each channel a ranking statement is about (None where it does not
    apply); for ``only_in_top`` it is the channels actually in the top places. For a rating statement
    it gives the rating of each channel it compares, on its criterion. ``still_ranked`` lists the
    channels a ``not_applicable`` statement wants gone; ``out_of`` is the number of ranked channels,
    given for ``within_bottom``.
    """

    expectation: Expectation
    holds: bool
    observed: tuple[tuple[str, int | None], ...]
    still_ranked: tuple[str, ...] = ()
    out_of: int | None = None


class RatingTable(NamedTuple):
    """The ratings a rating statement is checked against: ``ratings[channel][criterion]``, with each
    channel's family and traits so that statements can select channels by them."""

    ratings: Mapping[str, Mapping[str, int]]
    families: Mapping[str, str]
    traits: Mapping[str, tuple[str, ...]]


def catalog_table(catalog: Catalog) -> RatingTable:
    """The ratings of the channels file, as the study gives them."""
    return _table(catalog.channels, [{k: v.rating for k, v in c.ratings.items()} for c in catalog.channels])


def decision_table(decision: Decision) -> RatingTable:
    """The ratings a profile ranks on: adjustments and extra criteria applied, channels that do not apply left out."""
    ids = [c.id for c in decision.criteria]
    return _table(decision.channels, [{k: int(v) for k, v in zip(ids, row, strict=True)} for row in decision.ratings])


def _table(channels: Sequence[Channel], ratings: Sequence[Mapping[str, int]]) -> RatingTable:
    return RatingTable({c.id: r for c, r in zip(channels, ratings, strict=True)}, {c.id: c.family for c in channels},
                       {c.id: tuple(c.traits) for c in channels})


def scoped(expectation: Expectation, ranking: Ranking) -> Ranking:
    """The ranking a statement speaks of: with ``scope: study``, the study's channels and those the statement
    names, ranked among themselves (a score does not depend on the other channels, so their order is the
    order they have in the whole ranking); with ``scope: all``, or data with no channel of its own, the whole."""
    study = ranking.decision.study
    if expectation.scope != "study" or study is None:
        return ranking
    named = {*(expectation.channels or ()), *(expectation.than or ())}
    rows = [row for row in ranking.rows if row.channel in study or row.channel in named]
    if len(rows) == len(ranking.rows):
        return ranking
    excluded = tuple(item for item in ranking.excluded if item.channel in study or item.channel in named)
    _, ranks = order_and_ranks(np.array([row.score for row in rows]), [row.channel for row in rows],
                               ranking.tolerance)
    return dataclasses.replace(ranking, rows=tuple(row._replace(rank=rank) for row, rank in zip(rows, ranks,
                                                                                                 strict=True)),
                               excluded=excluded)


def check(expectation: Expectation, ranking: Ranking) -> ExpectationCheck:
    """Whether ``ranking`` satisfies ``expectation``, counting places within its scope (:func:`scoped`); a
    rating statement is checked on the ranking's ratings."""
    if expectation.kind in RATING_KINDS:
        return check_ratings(expectation, decision_table(ranking.decision))
    ranking = scoped(expectation, ranking)
    ranks = {row.channel: row.rank for row in ranking.rows}
    excluded = {item.channel for item in ranking.excluded}
    selected = selected_channels(expectation, ranking)
    observed = tuple((c, ranks.get(c)) for c in selected)
    kind = expectation.kind
    if kind == "not_applicable":
        wrong = tuple(c for c in selected if c not in excluded)
        return ExpectationCheck(expectation, not wrong, observed, still_ranked=wrong)
    if kind in ("above", "at_least"):
        scores = {row.channel: row.score for row in ranking.rows}
        tolerance = ranking.tolerance

        def higher(a: float, b: float) -> bool:
            return a > b + tolerance if kind == "above" else a >= b - tolerance

        pairs = _pairs(expectation, selected)
        holds = bool(pairs) and all(a in scores and b in scores and higher(scores[a], scores[b]) for a, b in pairs)
        if expectation.than is not None:
            observed += tuple((c, ranks.get(c)) for c in expectation.than if c not in selected)
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


_COMPARE: dict[str, Callable[[int, int], bool]] = {
    "rating_is": operator.eq, "rating_at_least": operator.ge, "rating_at_most": operator.le,
    "rating_above": operator.gt, "rating_not_below": operator.ge, "rating_highest": operator.ge,
    "rating_lowest": operator.le}


def check_ratings(expectation: Expectation, table: RatingTable) -> ExpectationCheck:
    """Whether the ratings of ``table`` satisfy the rating statement ``expectation``.

    Channels absent from the table (not applicable to the profile) are left out; a statement left
    with no channel to speak about does not hold.
    """
    criterion = expectation.criterion or ""
    present = [c for c in _selected_in_table(expectation, table) if criterion in table.ratings[c]]
    kind = expectation.kind
    compare = _COMPARE[kind]
    if kind in ("rating_is", "rating_at_least", "rating_at_most"):
        others: list[str] = []
        holds = bool(present) and all(compare(table.ratings[c][criterion], expectation.value or 0) for c in present)
    else:
        pool = expectation.than if expectation.than is not None else tuple(table.ratings)
        others = [c for c in pool if c in table.ratings and criterion in table.ratings[c] and c not in present]
        holds = bool(present) and bool(others) and all(
            compare(table.ratings[a][criterion], table.ratings[b][criterion]) for a in present for b in others)
    observed = tuple((c, table.ratings[c][criterion]) for c in [*present, *others])
    return ExpectationCheck(expectation, holds, observed)


def check_all(expectations: tuple[Expectation, ...], ranking: Ranking) -> tuple[ExpectationCheck, ...]:
    return tuple(check(expectation, ranking) for expectation in expectations)


def check_catalog(catalog: Catalog) -> tuple[tuple[int, ExpectationCheck], ...]:
    """The channels file's judgements on its own ratings, each with its place in the file (a statement of
    another kind, which the loader reports, is left out)."""
    table = catalog_table(catalog)
    return tuple((index, check_ratings(expectation, table)) for index, expectation in enumerate(catalog.expectations)
                 if expectation.kind in RATING_KINDS)


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
    return _by_selector(expectation, everyone)


def _selected_in_table(expectation: Expectation, table: RatingTable) -> list[str]:
    if expectation.channels is not None:
        return [c for c in expectation.channels if c in table.ratings]
    return _by_selector(expectation, [(c, table.families[c], table.traits[c]) for c in table.ratings])


def _by_selector(expectation: Expectation, everyone: list[tuple[str, str, tuple[str, ...]]]) -> list[str]:
    if expectation.trait is not None:
        return [c for c, _, traits in everyone if expectation.trait in traits]
    return [c for c, family, _ in everyone if family == expectation.family]


def _pairs(expectation: Expectation, selected: list[str]) -> list[tuple[str, str]]:
    """The (higher, lower) pairs an order states: down the chain of ``channels``, or each selected one
    against each channel of ``than`` (a channel is never compared with itself)."""
    if expectation.than is None:
        return list(itertools.pairwise(selected))
    return [(a, b) for a in selected for b in expectation.than if a != b]


class Move(NamedTuple):
    """One rating moved one step: ``channel`` on ``criterion`` from ``before`` to ``after``."""

    channel: str
    criterion: str
    before: int
    after: int


def _one_step(value: int) -> Iterator[int]:
    yield from (v for v in (value - 1, value + 1) if 1 <= v <= 3)


def breaking_moves(expectation: Expectation, ranking: Ranking | None = None,
                   table: RatingTable | None = None) -> tuple[Move, ...]:
    """Every single one-step rating change after which a statement that holds no longer does.

    A ranking statement is re-checked on the profile's ranking with one effective rating moved;
    a rating statement on ``table`` (or the ranking's ratings) with one rating moved.
    """
    if expectation.kind not in RATING_KINDS:
        assert ranking is not None, "a ranking statement is re-checked on a ranking"
        return _ranking_moves(expectation, ranking)
    if table is None:
        assert ranking is not None, "a rating statement needs a table of ratings or a ranking"
        table = decision_table(ranking.decision)
    moves = []
    for channel, ratings in table.ratings.items():
        for criterion, value in ratings.items():
            for after in _one_step(value):
                moved = {**table.ratings, channel: {**ratings, criterion: after}}
                if not check_ratings(expectation, table._replace(ratings=moved)).holds:
                    moves.append(Move(channel, criterion, value, after))
    return tuple(moves)


def _ranking_moves(expectation: Expectation, ranking: Ranking) -> tuple[Move, ...]:
    decision = ranking.decision
    ratings: np.ndarray = np.array(decision.ratings)
    moves = []
    for row, channel in enumerate(decision.channels):
        for column, criterion in enumerate(decision.criteria):
            value = int(ratings[row, column])
            for after in _one_step(value):
                moved = ratings.copy()
                moved[row, column] = after
                changed = dataclasses.replace(decision, ratings=frozen_array(moved))
                if not check(expectation, rank_decision(changed)).holds:
                    moves.append(Move(channel.id, criterion.id, value, after))
    return tuple(moves)


def cites_study(expectation: Expectation, sources: Sequence[Source]) -> bool:
    """Whether a statement cites one of the study's texts (its source starts with the text's file name)."""
    files = tuple(source.file for source in sources)
    return bool(files) and any(text is not None and text.startswith(files)
                               for text in (expectation.source.en, expectation.source.fr))


def count_status(items: Sequence[ExpectationStatus], status: str) -> int:
    """How many judgements have ``status`` (``holds``, ``fails``, ``unmet``, ``unmet_holds``)."""
    return sum(1 for item in items if item.status == status)


def fragile_rankings(items: Sequence[ExpectationStatus]) -> tuple[int, int]:
    """How many judgements are about a ranking, and how many of those that hold fail after one one-step move
    (a rating statement fails by design when its own rating moves, so it is not counted)."""
    ranking = [item for item in items if item.check.expectation.criterion is None and item.set_aside is None]
    return len(ranking), sum(1 for item in ranking if item.status == "holds" and item.breaking)


class ExpectationStatus(NamedTuple):
    """One judgement of the seeds as the data stands: where it is stated (``profile`` None for the channels
    file), whether it holds, and the single one-step rating changes that would make it fail (if it holds).

    ``checked_in`` names the profile whose ranking it is checked on when that is not the one stating it (a
    profile that inherits it, or a composition); ``set_aside`` holds, for a statement a composition leaves
    unchecked, the statement it cannot hold with (None: with the others together).
    """

    profile: str | None
    position: int
    check: ExpectationCheck
    breaking: tuple[Move, ...]
    checked_in: str | None = None
    set_aside: tuple[Expectation | None] | None = None

    @property
    def status(self) -> str:
        """``holds``, ``fails``, ``unmet`` (fails, as recorded), ``unmet_holds`` (recorded as unmet, holds) or
        ``set_aside`` (a composition leaves it unchecked)."""
        if self.set_aside is not None:
            return "set_aside"
        if self.check.expectation.unmet is not None:
            return "unmet_holds" if self.check.holds else "unmet"
        return "holds" if self.check.holds else "fails"
