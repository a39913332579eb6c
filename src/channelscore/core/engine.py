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
    share to the other group, so the result sums to 1 whenever ``weights_count`` holds; a row
    where no weight counts comes out as NaN, which callers refuse before scoring.
    """
    raw = _scaled(np.asarray(raw, dtype=np.float64))
    with np.errstate(invalid="ignore", divide="ignore"):
        if split is None:
            normalised: FloatArray = raw / raw.sum(axis=-1, keepdims=True)
            return normalised
        client_part, enterprise_part = _scaled(np.asarray(split, dtype=np.float64))
        client = np.where(client_mask, raw, 0.0)
        enterprise = np.where(client_mask, 0.0, raw)
        client_total = client.sum(axis=-1, keepdims=True)
        enterprise_total = enterprise.sum(axis=-1, keepdims=True)
        client_share = np.where(client_total > 0, client_part, 0.0)
        enterprise_share = np.where(enterprise_total > 0, enterprise_part, 0.0)
        weights = (np.where(client_total > 0, client / client_total, 0.0) * client_share
                   + np.where(enterprise_total > 0, enterprise / enterprise_total, 0.0) * enterprise_share)
        normalised = np.asarray(weights / (client_share + enterprise_share), dtype=np.float64)
    return normalised


def weights_count(raw: FloatArray, client_mask: NDArray[np.bool_],
                  split: tuple[float, float] | None = None) -> bool:
    """Whether some positive weight counts: without a split, any weight above zero; with one, a
    positive weight in a group whose share is above zero."""
    raw = np.asarray(raw, dtype=np.float64)
    if split is None:
        return bool((raw > 0).any())
    client, enterprise = split
    return bool((client > 0 and (raw[client_mask] > 0).any()) or (enterprise > 0 and (raw[~client_mask] > 0).any()))


def _scaled(values: FloatArray) -> FloatArray:
    """``values`` divided by their largest along the last axis, so that sums of finite weights stay
    finite (ten weights of 1e308 would overflow to infinity); weights are scale-free, so nothing changes."""
    largest = values.max(axis=-1, keepdims=True)
    scaled: FloatArray = values / np.where(largest > 0, largest, 1.0)
    return scaled


def on_tie_grid(values: FloatArray) -> FloatArray:
    """``values`` on the grid of the tie tolerance: values closer than rounding errors compare equal."""
    rounded: FloatArray = np.round(np.asarray(values, dtype=np.float64) / TIE_TOLERANCE) * TIE_TOLERANCE
    return rounded


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
    if not np.isfinite(values).all():
        raise ValueError("scores must be finite to be ranked")
    position = 0
    while position < len(by_score):
        head = values[by_score[position]]
        end = position + 1
        while end < len(by_score) and head - values[by_score[end]] < tolerance:
            end += 1
        group = sorted(by_score[position:end], key=lambda i: ids[i])
        order += group
        ranks += [position + 1] * len(group)
        position = end
    return order, ranks
