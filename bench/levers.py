"""The full one-point sweep of `channelscore levers` on every shipped profile, against the plain way of doing it.

The baseline changes each rating in turn and asks the ranking and the portfolio search their
answer through the same functions `rank` and `portfolio` use (a decision rebuilt, ranked and
searched for every step); channelscore's sweep scores the steps on the matrix and searches the
mix with the sets enumerated once. Both find the same levers; the ratio of the medians is what
matters on a shared machine, and the absolute figure is checked against the 100 ms target.

    python bench/levers.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace

import numpy as np

from channelscore import api
from channelscore.core import engine
from channelscore.core.decision import Decision
from channelscore.core.levers import levers
from channelscore.core.portfolio import mix_for, sizes_up_to

TARGET_MS = 100.0


def plain_sweep(decision: Decision) -> int:
    """Every step through the ranking and the portfolio search themselves; the number of levers found."""
    ids = [c.id for c in decision.channels]
    base = decision.ratings

    def standing(ratings: np.ndarray) -> tuple[object, ...]:
        changed = replace(decision, ratings=ratings)
        scores = engine.scores(ratings, decision.weights)
        order, ranks = engine.order_and_ranks(scores, ids)
        mix = mix_for(changed, sizes_up_to(changed), stop_at_recommended=True)
        size = mix.recommended or max(mix.best)
        return tuple(ids[i] for i, r in zip(order, ranks, strict=True) if r == 1), dict(
            zip([ids[i] for i in order], ranks, strict=True)), mix.best[size].channels

    first, ranks, mix = standing(base)
    found = 0
    for row in range(len(ids)):
        for column in range(base.shape[1]):
            if decision.weights[column] <= 0:
                continue
            for step in (1, -1):
                new = base[row, column] + step
                if not 1 <= new <= 3:
                    continue
                ratings = base.copy()
                ratings[row, column] = new
                after = standing(ratings)
                if after[0] != first or after[1][ids[row]] != ranks[ids[row]] or after[2] != mix:
                    found += 1
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    catalog = api.load_catalog()
    names = sorted(catalog.profiles)
    decisions = [api.decide(catalog, name).decision for name in names]
    plain_times: list[float] = []
    sweep_times: list[float] = []
    worst: dict[str, float] = {}
    for _ in range(args.runs):
        for name, decision in zip(names, decisions, strict=True):
            start = time.perf_counter()
            expected = plain_sweep(decision)
            plain_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            found = levers(decision)
            elapsed = time.perf_counter() - start
            sweep_times.append(elapsed)
            worst[name] = min(worst.get(name, float("inf")), elapsed)
            assert len(found.levers) == expected, name
    base = statistics.median(plain_times)
    median = statistics.median(sweep_times)
    slowest = max(worst, key=lambda name: worst[name])
    print(f"{len(names)} shipped profiles, every one-point step and the pair search, median of {args.runs} "
          "alternated runs per profile")
    print(f"{'variant':40} {'median ms':>10} {'ratio':>7}")
    print(f"{'rank + portfolio per step (no pairs)':40} {base * 1000:10.1f} {1.0:7.2f}")
    print(f"{'channelscore levers()':40} {median * 1000:10.1f} {median / base:7.3f}")
    print(f"slowest profile: {slowest}, best of {args.runs}: {worst[slowest] * 1000:.1f} ms "
          f"(target {TARGET_MS:.0f} ms: {'met' if worst[slowest] * 1000 < TARGET_MS else 'NOT met'})")


if __name__ == "__main__":
    main()
