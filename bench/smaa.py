"""One million SMAA weight samples on the shipped data: channelscore against a plain numpy reference.

Each variant runs in its own process, alternated, so that timings share the machine's noise and
peak memory is the variant's own: the maximum resident set size of the whole process (Python,
numpy and the loaded data included), and the peak of the computation's own buffers as traced
by tracemalloc on an untimed run before. The reference draws the same kind of weights, multiplies, sorts
each sample with argsort and counts with bincount — the least any SMAA must do. With pymcdm
installed (``pip install -e '.[bench]'``), a per-sample evaluation with its weighted sum model is
timed on a few thousand samples and extrapolated.

    python bench/smaa.py [--samples 1000000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from typing import Any

import numpy as np

CHUNK = 1 << 16
PYMCDM_SAMPLES = 3_000


def _decision() -> Any:
    import channelscore as cs

    return cs.rank(cs.load_catalog(), "retail").decision


def reference(ratings: np.ndarray, samples: int) -> np.ndarray:
    n, m = ratings.shape
    rng = np.random.default_rng(1)
    counts = np.zeros(n * n, dtype=np.int64)
    for start in range(0, samples, CHUNK):
        size = min(CHUNK, samples - start)
        draws = rng.standard_exponential((size, m))
        weights = draws / draws.sum(axis=1, keepdims=True)
        order = np.argsort(-(weights @ ratings.T), axis=1)
        counts += np.bincount((order * n + np.arange(n)).ravel(), minlength=n * n)
    return counts.reshape(n, n)


def channelscore_smaa(ratings: np.ndarray, weights: np.ndarray, samples: int) -> np.ndarray:
    from channelscore.core.smaa import smaa

    return smaa(ratings, weights, samples).acceptability


def pymcdm_per_sample(ratings: np.ndarray, samples: int) -> np.ndarray:
    from pymcdm.methods import WSM

    n, m = ratings.shape
    method = WSM(normalization_function=lambda x, cost: x)
    types = np.ones(m)
    rng = np.random.default_rng(1)
    counts = np.zeros((n, n), dtype=np.int64)
    for weights in rng.dirichlet(np.ones(m), size=samples):
        preference = method(ratings, weights, types, validation=False)
        counts[np.argsort(-preference), np.arange(n)] += 1
    return counts


def child(name: str, samples: int) -> None:
    import tracemalloc

    decision = _decision()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if name != "pymcdm":  # a traced run first (it also warms up): numpy reports its buffers to tracemalloc
        tracemalloc.start()
        (reference(decision.ratings, samples) if name == "reference"
         else channelscore_smaa(decision.ratings, decision.weights, samples))
        traced = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    else:
        traced = 0
    start = time.perf_counter()
    if name == "reference":
        reference(decision.ratings, samples)
    elif name == "channelscore":
        channelscore_smaa(decision.ratings, decision.weights, samples)
    else:
        pymcdm_per_sample(decision.ratings, PYMCDM_SAMPLES)
    seconds = time.perf_counter() - start
    if name == "pymcdm":
        seconds *= samples / PYMCDM_SAMPLES
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mib": peak / 1024, "added_mib": (peak - before) / 1024,
                      "traced_mib": traced / 2**20}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.samples)
        return
    variants = ["reference", "channelscore"]
    try:
        import pymcdm  # noqa: F401

        variants.append("pymcdm")
    except ImportError:
        print("pymcdm is not installed: its row is skipped (pip install -e '.[bench]')")
    results: dict[str, list[dict[str, float]]] = {name: [] for name in variants}
    for _ in range(args.runs):
        for name in variants:
            output = subprocess.run([sys.executable, __file__, "--child", name, "--samples", str(args.samples)],
                                    check=True, capture_output=True, text=True).stdout
            results[name].append(json.loads(output))
    base = statistics.median(r["seconds"] for r in results["reference"])
    print(f"{args.samples:,} samples, median of {args.runs} alternated runs")
    print(f"{'variant':34} {'median s':>9} {'ratio':>7} {'peak MiB':>9} {'traced MiB':>11}")
    labels = {"reference": "numpy reference (argsort)", "channelscore": "channelscore smaa()",
              "pymcdm": f"pymcdm WSM per sample (x{args.samples // PYMCDM_SAMPLES})"}
    for name in variants:
        seconds = statistics.median(r["seconds"] for r in results[name])
        peak = max(r["peak_mib"] for r in results[name])
        traced = max(r["traced_mib"] for r in results[name])
        print(f"{labels[name]:34} {seconds:9.3f} {seconds / base:7.2f} {peak:9.1f} {traced:11.1f}")


if __name__ == "__main__":
    main()
