"""compare: Kendall tau-b by hand and by its properties, rank changes, movers, and the command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from channelscore import api
from channelscore.cli import app
from channelscore.core.compare import compare_rankings as compare
from channelscore.core.compare import kendall_tau_b
from channelscore.core.decision import build_decision, rank_decision
from channelscore.model import Catalog
from channelscore.words import Words
from channelscore.words.tell import comparison_summary

runner = CliRunner()


def test_tau_b_by_hand() -> None:
    assert kendall_tau_b([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(4 / 6)
    # Ties: one pair tied in x only, one in y only: (4 - 0) / sqrt(5 * 5).
    assert kendall_tau_b([1, 2, 2, 3], [1, 2, 3, 3]) == pytest.approx(0.8)
    assert kendall_tau_b([1, 1, 1], [1, 2, 3]) is None


scores = st.lists(st.integers(1, 5).map(float), min_size=2, max_size=12)


@given(scores)
def test_tau_b_of_a_list_with_itself_and_its_reverse(x: list[float]) -> None:
    tau = kendall_tau_b(x, x)
    if len(set(x)) == 1:
        assert tau is None
    else:
        assert tau == pytest.approx(1.0)
        assert kendall_tau_b(x, [-v for v in x]) == pytest.approx(-1.0)


@given(st.lists(st.tuples(st.integers(1, 4), st.integers(1, 4)), min_size=2, max_size=12))
def test_tau_b_is_symmetric_and_bounded(pairs: list[tuple[int, int]]) -> None:
    x = [float(a) for a, _ in pairs]
    y = [float(b) for _, b in pairs]
    tau = kendall_tau_b(x, y)
    assert tau == kendall_tau_b(y, x)
    assert tau is None or -1.0 - 1e-12 <= tau <= 1.0 + 1e-12


def test_a_profile_against_itself_changes_nothing(catalog: Catalog) -> None:
    ranking = rank_decision(build_decision(catalog, api.profile(catalog, "retail")))
    comparison = compare([ranking, ranking], ["a", "b"])
    assert all(c.changes == (0, 0) for c in comparison.channels)
    assert comparison.agreements[0].tau_b == pytest.approx(1.0)
    assert comparison.movers == ()
    assert "no channel changes rank" in comparison_summary(Words("en"), comparison)


def test_changes_movers_and_excluded_channels(catalog: Catalog) -> None:
    retail = rank_decision(build_decision(catalog, api.profile(catalog, "retail")))
    pure = rank_decision(build_decision(catalog, api.profile(catalog, "pure-player")))
    comparison = compare([retail, pure], ["retail", "pure"])
    face = next(c for c in comparison.channels if c.channel == "face_to_face")
    assert face.ranks == (1, None) and face.changes == (0, None) and face.scores[1] is None
    for c in comparison.channels:
        if None not in c.ranks:
            assert c.changes[1] == c.ranks[0] - c.ranks[1]  # type: ignore[operator]
    moves = [c.largest_move for c in comparison.movers]
    assert moves == sorted(moves, reverse=True) and moves[0] > 0
    assert comparison.agreements[0].channels == 9


def test_compare_command_json(tmp_path: Path) -> None:
    scenario = tmp_path / "cheaper.yaml"
    scenario.write_text("format: channelscore/scenario@1\nid: retail-cheaper\nbase: retail\nweights:\n"
                        "  contact_cost: {value: 4, reason: cheaper contacts}\n")
    result = runner.invoke(app, ["compare", "retail", "cost-control", str(scenario), "-f", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == {"scenarios", "channels", "kendall_tau_b", "movers", "summary"}
    assert [s["profile"] for s in document["scenarios"]] == ["local-retail", "cost-control", "retail-cheaper"]
    assert len(document["kendall_tau_b"]) == 3
    first = document["channels"][0]
    assert first["channel"] == "face_to_face" and first["ranks"][0] == 1 and first["changes"][0] == 0
    assert document["summary"].startswith("First: Face-to-face (Local retail)")


def test_compare_command_csv_markdown_table_and_weights() -> None:
    result = runner.invoke(app, ["compare", "retail", "retail", "--weight", "trust=5", "-f", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert "rank:local-retail#1" in rows[0] and "change:local-retail#2" in rows[0]
    assert all(row["change:local-retail#2"] == "0" for row in rows)
    markdown = runner.invoke(app, ["compare", "retail", "cost", "-f", "markdown"]).stdout
    assert markdown.startswith("## Channels across 2 scenarios") and "| Face-to-face | 1 · 2.65 |" in markdown
    table = runner.invoke(app, ["compare", "retail", "cost", "--lang", "fr"]).stdout
    assert "Accord entre scénarios" in table and "▼8" in table


def test_compare_needs_two_known_profiles() -> None:
    assert runner.invoke(app, ["compare", "retail"]).exit_code == 2
    unknown = runner.invoke(app, ["compare", "retail", "retial2"])
    assert unknown.exit_code == 2 and "unknown profile" in unknown.stderr


def test_agreement_pairs_grow_linearly_past_ten_scenarios(catalog: Catalog) -> None:
    ranking = rank_decision(build_decision(catalog, api.profile(catalog, "balanced")))
    few = compare([ranking] * 10, [f"s{i}" for i in range(10)])
    assert len(few.agreements) == 45  # every pair
    many = compare([ranking] * 1000, [f"s{i}" for i in range(1000)])
    assert [(a.first, a.second) for a in many.agreements] == [(0, b) for b in range(1, 1000)]


def test_tau_b_counts_every_discordant_pair() -> None:
    assert kendall_tau_b([1.0, 2.0, 3.0], [3.0, 2.0, 1.0]) == pytest.approx(-1.0)
    assert kendall_tau_b([1.0, 2.0, 3.0, 4.0], [2.0, 1.0, 4.0, 3.0]) == pytest.approx((4 - 2) / 6)


def test_tau_b_treats_differences_up_to_the_tolerance_as_ties() -> None:
    # x ties its two values (exactly the tolerance apart): one tie in x, none in y.
    assert kendall_tau_b([0.0, 1e-9, 1.0], [0.0, 1.0, 2.0], tolerance=1e-9) == pytest.approx(2 / (2 * 3) ** 0.5)


def test_a_move_has_the_same_sign_in_every_format() -> None:
    """Face-to-face drops from 1st (local retail) to 9th (cost control): down 8 places everywhere."""
    from channelscore.cli import app

    def run(fmt: str) -> str:
        result = CliRunner().invoke(app, ["compare", "retail", "cost-control", "--format", fmt])
        assert result.exit_code == 0, result.output
        return result.stdout

    document = json.loads(run("json"))
    face = next(c for c in document["channels"] if c["channel"] == "face_to_face")
    assert face["ranks"] == [1, 9] and face["changes"] == [0, -8]
    rows = {row["channel"]: row for row in csv.DictReader(io.StringIO(run("csv")))}
    assert rows["face_to_face"]["change:cost-control"] == "-8"
    assert rows["self_care"]["change:cost-control"] == "3"
    markdown = next(line for line in run("markdown").splitlines() if line.startswith("| Face-to-face"))
    assert "(-8)" in markdown
    table = next(line for line in run("table").splitlines() if "Face-to-face" in line)
    assert "▼8" in table
