"""The study's statements, stored as expectations in every profile, hold on the shipped data."""

from __future__ import annotations

from pathlib import Path

import pytest

from channelscore.catalog import Catalog, load_catalog
from channelscore.checks import expectation_problems
from channelscore.ranking import build_decision, rank

PROFILES = ["b2b", "balanced", "cost-control", "digitally-excluded", "information-request", "local-retail",
            "pure-player", "serious-problem", "urgent-breakdown"]


def ranks_of(catalog: Catalog, profile: str) -> dict[str, int]:
    ranking = rank(build_decision(catalog, catalog.resolve(profile)))
    return {row.channel: row.rank for row in ranking.rows}


def test_every_shipped_profile_is_present(catalog: Catalog) -> None:
    assert sorted(catalog.profiles) == PROFILES


@pytest.mark.parametrize("profile", PROFILES)
def test_every_expectation_holds(catalog: Catalog, profile: str) -> None:
    resolved = catalog.resolve(profile)
    assert expectation_problems(resolved, rank(build_decision(catalog, resolved))) == []


def test_profiles_carry_expectations_with_sources(catalog: Catalog) -> None:
    for profile in PROFILES:
        expectations = catalog.profiles[profile].model.expectations
        assert expectations, profile
        assert all("txt" in e.source for e in expectations)


def test_face_to_face_is_first_for_local_retail(catalog: Catalog) -> None:
    ranks = ranks_of(catalog, "retail")
    assert ranks["face_to_face"] == 1
    assert sorted(ranks.values()).count(1) == 1


def test_b2b_email_and_phone_in_top_three_letter_not_first(catalog: Catalog) -> None:
    ranks = ranks_of(catalog, "b2b")
    assert ranks["email"] <= 3 and ranks["phone"] <= 3
    assert ranks["letter"] > 1


def test_pure_player_has_no_face_to_face_and_digital_channels_lead(catalog: Catalog) -> None:
    ranking = rank(build_decision(catalog, catalog.resolve("pure-player")))
    assert [e.channel for e in ranking.excluded] == ["face_to_face"]
    assert all("digital" in row.traits for row in ranking.rows if row.rank <= 2)


def test_no_digital_channel_in_top_three_for_digitally_excluded(catalog: Catalog) -> None:
    ranking = rank(build_decision(catalog, catalog.resolve("digitally-excluded")))
    assert not any("digital" in row.traits for row in ranking.rows if row.rank <= 3)


def test_serious_problem_top_two_are_human(catalog: Catalog) -> None:
    ranks = ranks_of(catalog, "serious-problem")
    assert {c for c, r in ranks.items() if r <= 2} == {"face_to_face", "phone"}


@pytest.mark.parametrize("profile", ["balanced", "local-retail", "pure-player", "digitally-excluded"])
def test_email_above_letter_in_b2c(catalog: Catalog, profile: str) -> None:
    ranking = rank(build_decision(catalog, catalog.resolve(profile)))
    scores = {row.channel: row.score for row in ranking.rows}
    assert scores["email"] > scores["letter"]


def test_an_edit_contradicting_the_study_fails_with_the_statement(data_copy: Path) -> None:
    channels = data_copy / "criteria" / "channels.yaml"
    text = channels.read_text()
    # Make the letter effortless, responsive and human: local retail would then rank it higher.
    start = text.index("  - id: letter")
    block = text[start:text.index("  - id: email")]
    edited = block.replace("rating: 1", "rating: 3")
    channels.write_text(text.replace(block, edited))
    catalog = load_catalog(data_copy)
    resolved = catalog.resolve("local-retail")
    problems = expectation_problems(resolved, rank(build_decision(catalog, resolved)))
    assert problems
    messages = " ".join(p.message for p in problems)
    assert "The letter ranks last" in messages and "000_f9a485cde5c5e71c.txt" in messages
    assert all(p.code == "expectation-failed" and p.file.endswith("local-retail.yaml") for p in problems)
