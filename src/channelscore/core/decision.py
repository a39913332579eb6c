"""The decision matrix of a profile over a catalog, and its ranking.

The decision keeps every intermediate (effective ratings and their reasons, raw and
normalised weights) so that explanations come from the very numbers that produced the rank.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from channelscore.core import engine
from channelscore.core.records import Record, frozen_array
from channelscore.errors import RequestError, suggestion
from channelscore.model import Catalog, Channel, Names, Poles, Profile, Text


class CriterionInfo(NamedTuple):
    """A criterion as the engine sees it, from the study or added by the profile."""

    id: str
    group: str
    names: Names
    description: Text
    extra: bool
    poles: Poles | None = None


class Excluded(NamedTuple):
    """A channel that does not apply to the profile, and why."""

    channel: str
    names: Names
    family: str
    traits: tuple[str, ...]
    reason: Text


@dataclass(frozen=True, eq=False)
class Decision(Record):
    """The effective ratings and weights of one profile, with their reasons.

    ``weight_reasons`` holds None for a weight given by the caller rather than by the profile; ``study``
    the channels the study rates, when the data adds others (None: every channel is the study's).
    """

    profile: Profile
    criteria: tuple[CriterionInfo, ...]
    channels: tuple[Channel, ...]
    excluded: tuple[Excluded, ...]
    ratings: np.ndarray
    reasons: tuple[tuple[Text, ...], ...]
    adjusted: np.ndarray
    raw_weights: np.ndarray
    weights: np.ndarray
    weight_reasons: tuple[Text | None, ...]
    sources: tuple[tuple[Text | None, ...], ...]
    study: frozenset[str] | None = None

    def overridden(self) -> dict[str, float]:
        """The weights set by the caller instead of the profile's, by criterion: the raw values given."""
        return {c.id: float(self.raw_weights[i]) for i, c in enumerate(self.criteria) if self.weight_reasons[i] is None}

    def criterion_index(self, criterion_id: str) -> int:
        return [c.id for c in self.criteria].index(criterion_id)

    def channel_index(self, channel_id: str) -> int:
        """The matrix row of a channel; a RequestError for a channel that is unknown or does not apply."""
        ids = [c.id for c in self.channels]
        if channel_id in ids:
            return ids.index(channel_id)
        for item in self.excluded:
            if item.channel == channel_id:
                raise RequestError(f"channel `{channel_id}` does not apply to profile `{self.profile.id}`: "
                                   f"{item.reason.get('en')}")
        raise RequestError(f"unknown channel `{channel_id}`",
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


@dataclass(frozen=True, eq=False)
class Ranking(Record):
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


def build_decision(catalog: Catalog, profile: Profile, overrides: Mapping[str, float] | None = None) -> Decision:
    """The decision matrix of ``profile`` over the catalog, with ``overrides`` replacing some weights."""
    criteria = [CriterionInfo(c.id, c.group, c.names, c.description, False, c.poles) for c in catalog.criteria]
    criteria += [CriterionInfo(c.id, c.group, c.names, c.description, True) for c in profile.extra_criteria]
    ids = [c.id for c in criteria]
    for name, value in (overrides or {}).items():
        if name not in ids:
            raise RequestError(f"unknown criterion `{name}` in {{argument}}",
                               hint=suggestion(name, ids) or "criteria: " + ", ".join(ids), argument="weights")
        if not (np.isfinite(value) and value >= 0):
            raise RequestError(f"the weight of `{name}` in {{argument}} must be a finite number, zero or more",
                               argument="weights")
    not_applicable = {item.channel: item.reason for item in profile.not_applicable}
    channels = tuple(c for c in catalog.channels if c.id not in not_applicable)
    excluded = tuple(Excluded(c.id, c.names, c.family, tuple(c.traits), not_applicable[c.id])
                     for c in catalog.channels if c.id in not_applicable)
    if not channels:
        raise RequestError(f"profile `{profile.id}` declares every channel not applicable: nothing is left to rank",
                           hint="validate the profile; remove from `not_applicable` the channels that do apply")
    ratings = np.zeros((len(channels), len(criteria)))
    adjusted = np.zeros((len(channels), len(criteria)), dtype=bool)
    reasons: list[list[Text]] = []
    sources: list[list[Text | None]] = []
    extra_ratings = {extra.id: extra.ratings for extra in profile.extra_criteria}
    for row, channel in enumerate(channels):
        channel_reasons = []
        channel_sources: list[Text | None] = []
        for column, criterion in enumerate(criteria):
            rated = (extra_ratings[criterion.id].get(channel.id) or channel.extra_ratings[criterion.id]) \
                if criterion.extra else channel.ratings[criterion.id]
            ratings[row, column] = rated.rating
            channel_reasons.append(rated.reason)
            channel_sources.append(rated.source)
        for adjustment in profile.adjustments:
            if adjustment.applies_to(channel):
                column = ids.index(adjustment.criterion)
                ratings[row, column] = adjustment.rating
                adjusted[row, column] = True
                channel_reasons[column] = adjustment.reason
                channel_sources[column] = adjustment.source
        reasons.append(channel_reasons)
        sources.append(channel_sources)
    raw = np.array([profile.weights[c].value for c in ids], dtype=np.float64)
    weight_reasons: list[Text | None] = [profile.weights[c].reason for c in ids]
    for name, value in (overrides or {}).items():
        raw[ids.index(name)] = value
        weight_reasons[ids.index(name)] = None
    split = (profile.group_split.client, profile.group_split.enterprise) if profile.group_split else None
    client_mask = np.array([c.group == "client" for c in criteria])
    if not (raw > 0).any():
        raise RequestError("every weight is zero after the {argument} overrides",
                           hint="give at least one criterion a positive weight", argument="weights")
    if not engine.weights_count(raw, client_mask, split):
        zero_share = "client" if split and split[0] == 0 else "enterprise"
        raise RequestError(f"no weight counts after the {{argument}} overrides: the profile gives the {zero_share} "
                           f"criteria a share of 0, and every other weight is 0",
                           hint=f"give a positive weight to a criterion outside the {zero_share} group",
                           argument="weights")
    weights = engine.normalise_weights(raw, client_mask, split)
    return Decision(profile=profile, criteria=tuple(criteria), channels=channels, excluded=excluded,
                    ratings=frozen_array(ratings), reasons=tuple(tuple(r) for r in reasons),
                    adjusted=frozen_array(adjusted, bool), raw_weights=frozen_array(raw),
                    weights=frozen_array(weights), weight_reasons=tuple(weight_reasons),
                    sources=tuple(tuple(s) for s in sources), study=catalog.study_channels)


def rank_decision(decision: Decision) -> Ranking:
    """Score and rank the applicable channels of ``decision``."""
    channel_scores = engine.scores(decision.ratings, decision.weights)
    ids = [c.id for c in decision.channels]
    order, ranks = engine.order_and_ranks(channel_scores, ids)
    rows = tuple(Row(rank=r, matrix_row=i, channel=ids[i], names=decision.channels[i].names,
                     family=decision.channels[i].family, traits=tuple(decision.channels[i].traits),
                     score=float(channel_scores[i]))
                 for i, r in zip(order, ranks, strict=True))
    return Ranking(decision=decision, rows=rows, excluded=decision.excluded, scores=frozen_array(channel_scores))
