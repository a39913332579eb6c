"""Turn a catalog and a resolved profile into the decision matrix, and rank it.

The decision keeps every intermediate (effective ratings and their reasons, raw and
normalised weights) so that explanations come from the very numbers that produced the rank.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from channelscore import engine
from channelscore.catalog import Catalog, ResolvedProfile
from channelscore.models import Channel, Names
from channelscore.problems import UsageError, suggestion


class CriterionInfo(NamedTuple):
    """A criterion as the engine sees it, from the study or added by the profile."""

    id: str
    group: str
    names: Names
    description: str
    extra: bool


class Excluded(NamedTuple):
    """A channel that does not apply to the profile, and why."""

    channel: str
    names: Names
    family: str
    traits: tuple[str, ...]
    reason: str


class Decision(NamedTuple):
    """The effective ratings and weights of one profile, with their reasons."""

    profile: ResolvedProfile
    criteria: tuple[CriterionInfo, ...]
    channels: tuple[Channel, ...]
    excluded: tuple[Excluded, ...]
    ratings: np.ndarray
    reasons: tuple[tuple[str, ...], ...]
    adjusted: np.ndarray
    raw_weights: np.ndarray
    weights: np.ndarray
    weight_reasons: tuple[str, ...]

    def criterion_index(self, criterion_id: str) -> int:
        return [c.id for c in self.criteria].index(criterion_id)

    def channel_index(self, channel_id: str) -> int:
        ids = [c.id for c in self.channels]
        if channel_id in ids:
            return ids.index(channel_id)
        for item in self.excluded:
            if item.channel == channel_id:
                raise UsageError(f"channel `{channel_id}` does not apply to profile `{self.profile.id}`: {item.reason}")
        raise UsageError(f"unknown channel `{channel_id}`",
                         hint=suggestion(channel_id, ids) or "channels: " + ", ".join(ids))


class Row(NamedTuple):
    """One ranked channel."""

    rank: int
    matrix_row: int
    channel: str
    names: Names
    family: str
    traits: tuple[str, ...]
    score: float


class Ranking(NamedTuple):
    """The ranked channels of a decision, best first, ties listed by id."""

    decision: Decision
    rows: tuple[Row, ...]
    excluded: tuple[Excluded, ...]
    scores: np.ndarray
    tolerance: float = engine.TIE_TOLERANCE

    def contributions(self, index: int) -> np.ndarray:
        """Weight x rating of one channel on every criterion; they sum to its score."""
        contributions: np.ndarray = self.decision.weights * self.decision.ratings[index]
        return contributions


def parse_weight_overrides(items: list[str]) -> dict[str, float]:
    """``["trust=2", "effort=0.5"]`` as a mapping; a malformed item is a usage error."""
    import math

    overrides: dict[str, float] = {}
    for item in items:
        name, sep, text = item.partition("=")
        try:
            value = float(text) if sep else math.nan
        except ValueError:
            value = math.nan
        if not sep or not name.strip() or not math.isfinite(value) or value < 0:
            raise UsageError(f"--weight `{item}` is not `criterion=value` with a finite value of zero or more",
                             hint="for example --weight trust=2 --weight contact_cost=0")
        overrides[name.strip()] = value
    return overrides


def build_decision(catalog: Catalog, profile: ResolvedProfile, overrides: dict[str, float] | None = None) -> Decision:
    """The decision matrix of ``profile`` over the catalog, with ``overrides`` replacing some weights."""
    criteria = [CriterionInfo(c.id, c.group, c.names, c.description, False) for c in catalog.criteria]
    criteria += [CriterionInfo(c.id, c.group, c.names, c.description, True) for c in profile.extra_criteria]
    ids = [c.id for c in criteria]
    for name in overrides or {}:
        if name not in ids:
            raise UsageError(f"unknown criterion `{name}` in --weight",
                             hint=suggestion(name, ids) or "criteria: " + ", ".join(ids))
    not_applicable = {item.channel: item.reason for item in profile.not_applicable}
    channels = tuple(c for c in catalog.channels if c.id not in not_applicable)
    excluded = tuple(Excluded(c.id, c.names, c.family, tuple(c.traits), not_applicable[c.id])
                     for c in catalog.channels if c.id in not_applicable)
    ratings = np.zeros((len(channels), len(criteria)))
    adjusted = np.zeros((len(channels), len(criteria)), dtype=bool)
    reasons: list[list[str]] = []
    extra_ratings = {extra.id: extra.ratings for extra in profile.extra_criteria}
    for row, channel in enumerate(channels):
        channel_reasons = []
        for column, criterion in enumerate(criteria):
            rated = extra_ratings[criterion.id][channel.id] if criterion.extra else channel.ratings[criterion.id]
            ratings[row, column] = rated.rating
            channel_reasons.append(rated.reason)
        for adjustment in profile.adjustments:
            applies = adjustment.channel == channel.id or (adjustment.trait is not None
                                                          and adjustment.trait in channel.traits)
            if applies:
                column = ids.index(adjustment.criterion)
                ratings[row, column] = adjustment.rating
                adjusted[row, column] = True
                channel_reasons[column] = adjustment.reason
        reasons.append(channel_reasons)
    raw = np.array([profile.weights[c].value for c in ids], dtype=np.float64)
    weight_reasons = [profile.weights[c].reason for c in ids]
    for name, value in (overrides or {}).items():
        raw[ids.index(name)] = value
        weight_reasons[ids.index(name)] = "set on the command line"
    if raw.sum() <= 0:
        raise UsageError("every weight is zero after the --weight overrides",
                         hint="give at least one criterion a positive weight")
    split = (profile.group_split.client, profile.group_split.enterprise) if profile.group_split else None
    client_mask = np.array([c.group == "client" for c in criteria])
    weights = engine.normalise_weights(raw, client_mask, split)
    return Decision(profile=profile, criteria=tuple(criteria), channels=channels, excluded=excluded,
                    ratings=ratings, reasons=tuple(tuple(r) for r in reasons), adjusted=adjusted,
                    raw_weights=raw, weights=weights, weight_reasons=tuple(weight_reasons))


def rank(decision: Decision) -> Ranking:
    """Score and rank the applicable channels of ``decision``."""
    channel_scores = engine.scores(decision.ratings, decision.weights)
    ids = [c.id for c in decision.channels]
    order, ranks = engine.rank(channel_scores, ids)
    rows = tuple(Row(rank=r, matrix_row=i, channel=ids[i], names=decision.channels[i].names,
                     family=decision.channels[i].family, traits=tuple(decision.channels[i].traits),
                     score=float(channel_scores[i]))
                 for i, r in zip(order, ranks, strict=True))
    return Ranking(decision=decision, rows=rows, excluded=decision.excluded, scores=channel_scores)
