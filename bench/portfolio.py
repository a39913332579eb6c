"""Portfolio search on a generated catalogue of 30 channels, sets of up to 4, against a plain Python loop.

The baseline scores every set one at a time (``max`` over members, criterion by criterion), as a
straightforward implementation would; channelscore scores all the sets of a size at once with
numpy. Both find the same best sets; the ratio of the medians is what matters.

    python bench/portfolio.py [--channels 30] [--max-size 4] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from itertools import combinations

import numpy as np

from channelscore.core.portfolio import portfolio


def python_loop(ratings: list[list[float]], weights: list[float], max_size: int) -> dict[int, float]:
    best: dict[int, float] = {}
    criteria = range(len(weights))
    for size in range(1, max_size + 1):
        for members in combinations(range(len(ratings)), size):
            value = sum(weights[c] * max(ratings[i][c] for i in members) for c in criteria)
            best[size] = max(best.get(size, 0.0), value)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--channels", type=int, default=30)
    parser.add_argument("--criteria", type=int, default=10)
    parser.add_argument("--max-size", type=int, default=4)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    ratings = rng.integers(1, 4, (args.channels, args.criteria)).astype(float)
    weights = rng.dirichlet(np.ones(args.criteria))
    sizes = range(1, args.max_size + 1)
    sets = sum(len(list(combinations(range(args.channels), k))) for k in sizes)
    loop_times, numpy_times = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        expected = python_loop(ratings.tolist(), weights.tolist(), args.max_size)
        loop_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        found = portfolio(ratings, weights, sizes, list(range(args.channels)))
        numpy_times.append(time.perf_counter() - start)
    for result in found.by_size:
        assert abs(result.sets[0].coverage - expected[result.size]) < 1e-9
    base = statistics.median(loop_times)
    print(f"{args.channels} channels, {args.criteria} criteria, sets of 1 to {args.max_size} ({sets:,} sets), "
          f"median of {args.runs} alternated runs")
    print(f"{'variant':32} {'median ms':>10} {'ratio':>7}")
    print(f"{'plain Python loop':32} {base * 1000:10.1f} {1.0:7.2f}")
    median = statistics.median(numpy_times)
    print(f"{'channelscore portfolio()':32} {median * 1000:10.1f} {median / base:7.3f}")


if __name__ == "__main__":
    main()
