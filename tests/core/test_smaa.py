"""SMAA: shares, dominance, one-criterion weighting, reproducibility across chunk sizes, central weights."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from channelscore import api
from channelscore.cli import app
from channelscore.core.decision import build_decision
from channelscore.core.smaa import BLOCK, competition_ranks, smaa
from channelscore.model import Catalog

runner = CliRunner()
RATINGS = np.array([[3.0, 1.0, 2.0], [1.0, 3.0, 2.0], [2.0, 2.0, 2.0], [1.0, 1.0, 2.0]])  # the last is dominated
WEIGHTS = np.array([0.5, 0.3, 0.2])


def test_competition_ranks_share_the_better_rank() -> None:
    scores = np.array([[2.0, 1.0], [3.0, 1.0], [2.0 + 1e-12, 1.0]])  # channels x samples
    assert competition_ranks(scores).T.tolist() == [[2, 1, 2], [1, 1, 1]]


def test_every_channel_gets_one_rank_per_sample() -> None:
    result = smaa(RATINGS, WEIGHTS, samples=30_000, seed=3)
    assert result.acceptability.sum(axis=1) == pytest.approx(np.ones(4))
    assert result.acceptability[3, 0] == 0.0  # dominated: never first
    assert result.first_counts.sum() >= 30_000


def test_noise_keeps_shares_whole_and_can_lift_a_dominated_channel() -> None:
    result = smaa(RATINGS, WEIGHTS, samples=20_000, seed=3, rating_noise=0.5)
    assert result.acceptability.sum(axis=1) == pytest.approx(np.ones(4))
    assert result.acceptability[3, 0] > 0
    assert np.nanmin(result.confidence) >= 0 and np.nanmax(result.confidence) <= 1


def test_one_criterion_weighted_gives_the_direct_ranking() -> None:
    result = smaa(RATINGS, np.array([1.0, 0.0, 0.0]), samples=5_000, concentration=10.0)
    direct = competition_ranks((RATINGS @ np.array([1.0, 0.0, 0.0]))[:, None])[:, 0]
    for channel, rank in enumerate(direct):
        assert result.acceptability[channel, rank - 1] == 1.0


def test_same_seed_same_bytes_whatever_the_chunk_size() -> None:
    runs = [smaa(RATINGS, WEIGHTS, samples=3 * BLOCK + 123, seed=11, rating_noise=0.1, chunk=chunk)
            for chunk in (1, BLOCK, 2 * BLOCK, 10**7)]
    for other in runs[1:]:
        for name in ("acceptability", "first_counts", "central_weights", "confidence"):
            assert getattr(other, name).tobytes() == getattr(runs[0], name).tobytes(), name
    assert smaa(RATINGS, WEIGHTS, samples=5_000, seed=12).acceptability.tobytes() != \
        smaa(RATINGS, WEIGHTS, samples=5_000, seed=13).acceptability.tobytes()


def test_central_weights_are_the_mean_weights_that_make_a_channel_first() -> None:
    samples, seed = 5_000, 4
    result = smaa(RATINGS, WEIGHTS, samples=samples, seed=seed)
    draws = np.random.default_rng([seed, 0]).standard_exponential((samples, 3))
    weights = draws / draws.sum(axis=1, keepdims=True)
    ranks = competition_ranks(RATINGS @ weights.T)
    for channel in range(4):
        first = ranks[channel] == 1
        assert result.first_counts[channel] == first.sum()
        if first.any():
            assert result.central_weights[channel] == pytest.approx(weights[first].mean(axis=0), abs=1e-9)
            assert result.central_weights[channel].sum() == pytest.approx(1.0)
            assert result.confidence[channel] in (0.0, 1.0)
        else:
            assert np.isnan(result.central_weights[channel]).all()


def test_dirichlet_around_the_profile_stays_close_to_it() -> None:
    result = smaa(RATINGS, WEIGHTS, samples=20_000, seed=5, concentration=1000.0)
    direct = competition_ranks((RATINGS @ WEIGHTS)[:, None])[:, 0]
    assert result.acceptability[int(np.argmin(direct)), 0] > 0.95


def test_sensitivity_json_contract_and_reproducibility(catalog: Catalog) -> None:
    args = ["sensitivity", "-p", "retail", "--samples", "20000", "--seed", "7", "--overtake", "phone",
            "face_to_face", "-f", "json"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert runner.invoke(app, args).stdout == first.stdout
    document = json.loads(first.stdout)
    for key in ("profile", "samples", "seed", "stability", "acceptability", "central_weights", "confidence",
                "overtake"):
        assert key in document
    assert document["profile"] == "local-retail" and document["samples"] == 20000 and document["seed"] == 7
    trust = document["stability"]["trust"]
    assert set(trust) == {"weight", "first_low", "first_high", "first_low_by", "first_high_by", "order_low",
                          "order_high", "order_low_by", "order_high_by"}
    assert trust["first_low"] <= trust["weight"] <= trust["first_high"]
    assert all(sum(shares) == pytest.approx(1.0) for shares in document["acceptability"].values())
    move = document["overtake"]
    assert move["channel"] == "phone" and move["possible"] and move["score"] >= move["other_score"] - 1e-9
    decision = build_decision(catalog, api.profile(catalog, "retail"))
    new = np.array([move["weights"][c.id] for c in decision.criteria])
    scores = decision.ratings @ new
    assert scores[decision.channel_index("phone")] >= scores[decision.channel_index("face_to_face")] - 1e-9


def test_sensitivity_table_markdown_csv_and_errors() -> None:
    table = runner.invoke(app, ["sensitivity", "-p", "retail", "-n", "2000"])
    assert table.exit_code == 0
    assert "Face-to-face is first" in table.stdout and "hangs most on" in table.stdout
    assert "For Automatic call-back to catch up with Face-to-face" in table.stdout
    markdown = runner.invoke(app, ["sensitivity", "-p", "retail", "-n", "2000", "-f", "markdown", "--lang", "fr"])
    assert markdown.stdout.startswith("## Quelle est la solidité du classement\u202f?")
    csv_text = runner.invoke(app, ["sensitivity", "-p", "retail", "-n", "2000", "-f", "csv"]).stdout
    assert csv_text.splitlines()[0].startswith("channel,name,rank_1,rank_2")
    assert runner.invoke(app, ["sensitivity", "--overtake", "phone", "fax"]).exit_code == 2
    assert runner.invoke(app, ["sensitivity", "--rating-noise", "1.5"]).exit_code == 2
    assert runner.invoke(app, ["sensitivity", "--around-profile", "0"]).exit_code == 2
    excluded = runner.invoke(app, ["sensitivity", "-p", "pure-player", "--overtake", "face_to_face", "phone"])
    assert excluded.exit_code == 2 and "does not apply" in excluded.stderr
