"""SMAA-2 by Monte Carlo: rank acceptability, central weights and confidence factors, reproducible and chunked.

Weights are drawn uniformly on the simplex, or from a Dirichlet distribution around the
profile's weights; ratings can be shaken one step up or down. Random numbers come in fixed
blocks, each from its own generator seeded by (seed, block number); counts are integers and
weight sums are taken block by block and added in block order, so the same seed gives the same
bytes whatever the chunk size. Memory grows with the chunk, never with the number of samples.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from channelscore.core.engine import TIE_TOLERANCE, FloatArray
from channelscore.core.records import Record

BLOCK = 1 << 14
DEFAULT_CHUNK = 4 * BLOCK
DEFAULT_SAMPLES = 100_000
DEFAULT_SEED = 20_260_101
CONFIDENCE_SAMPLES = 20_000
_CONFIDENCE_STREAM = 1 << 40

Progress = Callable[[int, int], None]


@dataclass(frozen=True, eq=False)
class SmaaResult(Record):
    """Shares of samples, over the channels of a decision in matrix order."""

    samples: int
    seed: int
    concentration: float | None
    rating_noise: float
    acceptability: NDArray[np.float64]
    first_counts: NDArray[np.int64]
    central_weights: NDArray[np.float64]
    confidence: NDArray[np.float64]


def competition_ranks(scores: FloatArray, tolerance: float = TIE_TOLERANCE) -> NDArray[np.uint8]:
    """Rank of every channel (rows of ``scores``) in every sample (columns): 1 + the channels scoring more.

    Tied channels share the better rank (1, 1, 3). A channel's rank is a sum of comparisons with
    the others, done one channel at a time over all samples: cheaper than sorting each sample,
    and ties come out right without a second pass.
    """
    raised = scores + tolerance
    ranks = np.ones(scores.shape, dtype=np.uint8)
    for channel in range(scores.shape[0]):
        ranks[channel] += (scores > raised[channel]).sum(axis=0, dtype=np.uint8)
    return ranks


def _block_generator(seed: int, block: int) -> np.random.Generator:
    return np.random.default_rng([seed, block])


def _draw_weights(rng: np.random.Generator, size: int, weights: FloatArray,
                  concentration: float | None) -> FloatArray:
    m = weights.shape[0]
    if concentration is None:
        draws = rng.standard_exponential((size, m))
    else:
        draws = rng.standard_gamma(concentration * weights, size=(size, m))
        # Tiny Dirichlet parameters can underflow a whole row to zero; such a row keeps the profile's weights.
        empty = draws.sum(axis=1) == 0
        if empty.any():
            draws[empty] = weights
    sampled: FloatArray = draws / draws.sum(axis=1, keepdims=True)
    return sampled


def _shake(rng: np.random.Generator, size: int, ratings: FloatArray, noise: float) -> FloatArray:
    """Each rating one step down with probability noise/2, up with noise/2, kept within 1-3."""
    u = rng.random((size, *ratings.shape))
    step = np.where(u < noise / 2, -1.0, np.where(u < noise, 1.0, 0.0))
    return np.clip(ratings + step, 1.0, 3.0)


def _scores(rng: np.random.Generator, size: int, ratings: FloatArray, sampled: FloatArray,
            noise: float) -> FloatArray:
    """Scores of every channel (rows) in every sample (columns)."""
    if noise > 0:
        shaken = _shake(rng, size, ratings, noise)
        return np.asarray(np.einsum("snm,sm->ns", shaken, sampled), dtype=np.float64)
    result: FloatArray = ratings @ sampled.T
    return result


def smaa(ratings: FloatArray, weights: FloatArray, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
         concentration: float | None = None, rating_noise: float = 0.0, chunk: int = DEFAULT_CHUNK,
         progress: Progress | None = None) -> SmaaResult:
    """Rank acceptability of every channel (rows: channels, columns: ranks), central weights and confidence."""
    ratings = np.asarray(ratings, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    n, m = ratings.shape
    blocks_per_chunk = max(1, chunk // BLOCK)
    block_count = -(-samples // BLOCK)
    counts = np.zeros((n, n), dtype=np.int64)
    weight_sums = np.zeros((n, m), dtype=np.float64)
    done = 0
    for start in range(0, block_count, blocks_per_chunk):
        parts_w, parts_s = [], []
        for block in range(start, min(start + blocks_per_chunk, block_count)):
            size = min(BLOCK, samples - block * BLOCK)
            rng = _block_generator(seed, block)
            sampled = _draw_weights(rng, size, weights, concentration)
            parts_w.append(sampled)
            parts_s.append(_scores(rng, size, ratings, sampled, rating_noise))
        sampled = np.concatenate(parts_w) if len(parts_w) > 1 else parts_w[0]
        scores = np.concatenate(parts_s, axis=1) if len(parts_s) > 1 else parts_s[0]
        ranks = competition_ranks(scores)
        first = ranks == 1
        for channel in range(n):
            counts[channel] += np.bincount(ranks[channel], minlength=n + 1)[1:]
        for offset in range(0, scores.shape[1], BLOCK):
            part = slice(offset, offset + BLOCK)
            for channel in range(n):
                weight_sums[channel] += sampled[part][first[channel, part]].sum(axis=0)
        done += scores.shape[1]
        if progress is not None:
            progress(done, samples)
    acceptability = counts / samples
    first_counts = counts[:, 0].copy()
    with np.errstate(invalid="ignore", divide="ignore"):
        central = np.where(first_counts[:, None] > 0, weight_sums / first_counts[:, None], np.nan)
    confidence = _confidence(ratings, central, first_counts, seed, rating_noise)
    return SmaaResult(samples, seed, concentration, rating_noise, acceptability, first_counts, central, confidence)


def _confidence(ratings: FloatArray, central: FloatArray, first_counts: NDArray[np.int64], seed: int,
                noise: float) -> FloatArray:
    """The share of rating draws in which each channel is first with its own central weights (exact without noise)."""
    n = ratings.shape[0]
    confidence = np.full(n, np.nan)
    for channel in range(n):
        if first_counts[channel] == 0:
            continue
        weights = central[channel]
        if noise <= 0:
            ranks = competition_ranks((ratings @ weights)[:, None])
            confidence[channel] = 1.0 if ranks[channel, 0] == 1 else 0.0
            continue
        firsts = 0
        for block in range(-(-CONFIDENCE_SAMPLES // BLOCK)):
            size = min(BLOCK, CONFIDENCE_SAMPLES - block * BLOCK)
            rng = _block_generator(seed, _CONFIDENCE_STREAM + channel * 1024 + block)
            shaken = _shake(rng, size, ratings, noise)
            ranks = competition_ranks((shaken @ weights).T)
            firsts += int((ranks[channel] == 1).sum())
        confidence[channel] = firsts / CONFIDENCE_SAMPLES
    return confidence
