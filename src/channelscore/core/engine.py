"""The weighted-mean scoring and tie-aware ranking, vectorised with numpy; no pydantic, no I/O.

A channel's score is the weighted arithmetic mean of its ratings on the fixed 1-3 scale.
Nothing is normalised across channels, so adding or removing a channel never reorders the
others. The same functions score one weight vector or a stack of them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

TIE_TOLERANCE = 1e-9

FloatArray = NDArray[np.float64]


def normalise_weights(raw: FloatArray, client_mask: NDArray[np.bool_],
                      split: tuple[float, float] | None = None) -> FloatArray:
    """Weights summing to 1 along the last axis.

    With a client/enterprise ``split``, weights are normalised inside each group and multiplied
    by the group's share (shares normalised too). A group whose weights are all zero passes its
    share to the other group, so the result always sums to 1.
    """
    raw = np.asarray(raw, dtype=np.float64)
    if split is None:
        total = raw.sum(axis=-1, keepdims=True)
        normalised: FloatArray = raw / total
        return normalised
    client = np.where(client_mask, raw, 0.0)
    enterprise = np.where(client_mask, 0.0, raw)
    client_total = client.sum(axis=-1, keepdims=True)
    enterprise_total = enterprise.sum(axis=-1, keepdims=True)
    client_share = np.where(client_total > 0, split[0], 0.0)
    enterprise_share = np.where(enterprise_total > 0, split[1], 0.0)
    shares = client_share + enterprise_share
    with np.errstate(invalid="ignore", divide="ignore"):
        weights = (np.where(client_total > 0, client / client_total, 0.0) * client_share
                   + np.where(enterprise_total > 0, enterprise / enterprise_total, 0.0) * enterprise_share)
    normalised = np.asarray(weights / shares, dtype=np.float64)
    return normalised


def scores(ratings: FloatArray, weights: FloatArray) -> FloatArray:
    """Scores of every channel: ``ratings`` is channels x criteria, ``weights`` one vector or samples x criteria."""
    result: FloatArray = np.asarray(weights, dtype=np.float64) @ np.asarray(ratings, dtype=np.float64).T
    return result


def order_and_ranks(channel_scores: FloatArray, ids: Sequence[str],
         tolerance: float = TIE_TOLERANCE) -> tuple[list[int], list[int]]:
    """The display order and competition ranks (1, 2, 2, 4) of one score vector.

    Scores within ``tolerance`` of the best score of their group are tied; tied channels share
    the rank of the group and are listed by id.
    """
    values = np.asarray(channel_scores, dtype=np.float64)
    by_score = sorted(range(len(values)), key=lambda i: (-values[i], ids[i]))
    order: list[int] = []
    ranks: list[int] = []
    position = 0
    while position < len(by_score):
        head = values[by_score[position]]
        end = position
        while end < len(by_score) and head - values[by_score[end]] < tolerance:
            end += 1
        group = sorted(by_score[position:end], key=lambda i: ids[i])
        order += group
        ranks += [position + 1] * len(group)
        position = end
    return order, ranks
