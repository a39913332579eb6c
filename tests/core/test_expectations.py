"""The study's statements, stored as expectations in every profile, hold on the shipped data."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import tiny_catalog

from channelscore import api, model
from channelscore.core.decision import build_decision, rank_decision
from channelscore.core.expectations import (
    Move,
    breaking_moves,
    catalog_table,
    check,
    check_all,
    check_catalog,
    check_ratings,
)
from channelscore.model import Catalog
from channelscore.words import Words
from channelscore.words.tell import expectation_failure

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

PROFILES = ["b2b", "b2c", "balanced", "consumer-preference", "cost-control", "damaged-product", "digitally-excluded",
            "health-safety", "information-request", "local-retail", "low-schooling", "out-of-hours", "proof-escalation",
            "pure-player", "regulated-insurance", "reluctant-complainers", "serious-problem", "service-companies",
            "urgent-breakdown", "young-digital-natives"]


def ranks_of(catalog: Catalog, profile: str) -> dict[str, int]:
    ranking = rank_decision(build_decision(catalog, api.profile(catalog, profile)))
    return {row.channel: row.rank for row in ranking.rows}


def test_every_shipped_profile_is_present(catalog: Catalog) -> None:
    assert sorted(catalog.profiles) == PROFILES


@pytest.mark.parametrize("profile", PROFILES)
def test_every_expectation_holds_or_is_recorded_as_unmet(catalog: Catalog, profile: str) -> None:
    resolved = api.profile(catalog, profile)
    checks = check_all(resolved.expectations, rank_decision(build_decision(catalog, resolved)))
    assert [c.expectation.statement for c in checks if c.holds == (c.expectation.unmet is not None)] == []


def test_every_rating_judgement_of_the_channels_file_holds_or_is_recorded_as_unmet(catalog: Catalog) -> None:
    checks = check_catalog(catalog)
    assert len(checks) >= 70
    assert [c.expectation.statement for _, c in checks if c.holds == (c.expectation.unmet is not None)] == []


def _judgements(catalog: Catalog) -> list[model.Expectation]:
    return [*catalog.expectations, *(e for p in catalog.profiles.values() for e in p.expectations)]


def test_every_judgement_carries_a_short_quote_and_a_cited_seed(catalog: Catalog) -> None:
    judgements = _judgements(catalog)
    assert len(judgements) >= 100
    files = {source.file for source in catalog.sources}
    for judgement in judgements:
        assert judgement.quote and len(judgement.quote) <= 160, judgement.statement
        for lang in ("en", "fr"):
            assert judgement.source.get(lang).split(",")[0].split(" ")[0] in files, judgement.source


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are not beside this checkout (../shared/seeds)")
def test_every_quote_is_the_seeds_own_words(catalog: Catalog) -> None:
    seeds = " ".join(" ".join(path.read_text(encoding="utf-8").replace("’", "'").split())
                     for path in SEEDS.glob("*.txt"))
    for judgement in _judgements(catalog):
        # "..." marks a cut in a quote.
        for part in (judgement.quote or "").split(" ... "):
            assert " ".join(part.split()) in seeds, part


def test_profiles_carry_expectations_with_sources(catalog: Catalog) -> None:
    for profile in PROFILES:
        expectations = catalog.profiles[profile].expectations
        assert expectations, profile
        assert all("txt" in e.source.get(lang) for e in expectations for lang in ("en", "fr"))


def test_face_to_face_is_first_for_local_retail(catalog: Catalog) -> None:
    ranks = ranks_of(catalog, "retail")
    assert ranks["face_to_face"] == 1
    assert sorted(ranks.values()).count(1) == 1


def test_b2b_email_and_phone_in_top_three_letter_not_first(catalog: Catalog) -> None:
    ranks = ranks_of(catalog, "b2b")
    assert ranks["email"] <= 3 and ranks["phone"] <= 3
    assert ranks["letter"] > 1


def test_pure_player_has_no_face_to_face_a_digital_first_and_the_phone_close(catalog: Catalog) -> None:
    ranking = rank_decision(build_decision(catalog, api.profile(catalog, "pure-player")))
    assert [e.channel for e in ranking.excluded] == ["face_to_face"]
    assert all("digital" in row.traits for row in ranking.rows if row.rank == 1)
    assert ranks_of(catalog, "pure-player")["phone"] <= 3


def test_no_digital_channel_in_top_three_for_digitally_excluded(catalog: Catalog) -> None:
    ranking = rank_decision(build_decision(catalog, api.profile(catalog, "digitally-excluded")))
    assert not any("digital" in row.traits for row in ranking.rows if row.rank <= 3)


def test_serious_problem_top_two_are_human_face_to_face_first(catalog: Catalog) -> None:
    ranks = ranks_of(catalog, "serious-problem")
    assert {c for c, r in ranks.items() if r <= 2} == {"face_to_face", "phone"}
    assert ranks["face_to_face"] == 1


def test_consumers_put_the_human_channels_far_ahead_of_writing(catalog: Catalog) -> None:
    ranks = ranks_of(catalog, "consumer-preference")
    assert max(ranks["phone"], ranks["face_to_face"]) < min(ranks["letter"], ranks["email"])
    assert ranks["phone"] == 1


def test_digital_channels_come_last_for_digitally_excluded_customers(catalog: Catalog) -> None:
    ranks = ranks_of(catalog, "digitally-excluded")
    digital = ["email", "website", "web_video", "social_networks", "self_care"]
    assert max(ranks[c] for c in ("phone", "face_to_face", "callback")) < min(ranks[c] for c in digital)


def test_a_damaged_product_goes_to_email_and_the_letter(catalog: Catalog) -> None:
    ranks = ranks_of(catalog, "damaged-product")
    assert {c for c, r in ranks.items() if r <= 2} == {"email", "letter"}


@pytest.mark.parametrize("profile", ["balanced", "b2c", "consumer-preference", "local-retail", "pure-player"])
def test_email_above_letter_in_b2c(catalog: Catalog, profile: str) -> None:
    ranking = rank_decision(build_decision(catalog, api.profile(catalog, profile)))
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
    problems = [p for p in api.validate(data_copy).problems
                if p.code == "expectation-failed" and p.file.endswith("local-retail.yaml")]
    assert problems
    messages = " ".join(p.message for p in problems)
    assert "The letter ranks last" in messages and "000_f9a485cde5c5e71c.txt" in messages
    assert all(p.code == "expectation-failed" and p.file.endswith("local-retail.yaml") for p in problems)


def ranked(expectation: model.Expectation, ratings: dict[str, list[int]],
           not_applicable: tuple[str, ...] = ()) -> tuple[bool, str]:
    """Whether ``expectation`` holds on a tiny catalog, and the English text of what is seen."""
    catalog = tiny_catalog(ratings, traits={"a": ("t",), "b": ("t",)}, not_applicable=not_applicable)
    result = check(expectation, rank_decision(build_decision(catalog, catalog.profiles["p"])))
    return result.holds, expectation_failure(Words("en"), result)


# a: 3 3, b: 2 2, c: 2 2 (tied with b), d: 1 1; ranks a 1, b 2, c 2, d 4.
RATINGS = {"a": [3, 3], "b": [2, 2], "c": [2, 2], "d": [1, 1]}


def statement(kind: str, **fields: object) -> model.Expectation:
    return model.Expectation("a statement", "000_x.txt", kind, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind, fields, holds, seen", [
    ("within_top", {"channels": ("a", "b"), "n": 2}, True, ""),
    ("within_top", {"channels": ("a", "d"), "n": 2}, False, "actual a rank 1, d rank 4"),
    ("within_top", {"trait": "t", "n": 1}, False, "actual a rank 1, b rank 2"),
    ("outside_top", {"channels": ("d",), "n": 3}, True, ""),
    ("outside_top", {"channels": ("c",), "n": 2}, False, "actual c rank 2"),
    ("only_in_top", {"channels": ("a", "b", "c"), "n": 2}, True, ""),
    ("only_in_top", {"channels": ("a", "b"), "n": 2}, False, "actual a rank 1, b rank 2, c rank 2"),
    ("within_bottom", {"channels": ("d",), "n": 1}, True, ""),
    ("within_bottom", {"channels": ("b",), "n": 2}, False, "actual b rank 2 of 4"),
    ("within_bottom", {"channels": ("b",), "n": 3}, True, ""),
    ("above", {"channels": ("a", "b", "d")}, True, ""),
    ("above", {"channels": ("b", "c")}, False, "actual b rank 2, c rank 2"),
    ("above", {"channels": ("d", "a")}, False, "actual d rank 4, a rank 1"),
    ("within_top", {"family": "unassisted", "n": 2}, False, "actual b rank 2, d rank 4"),
])
def test_each_kind_by_hand(kind: str, fields: dict[str, object], holds: bool, seen: str) -> None:
    assert ranked(statement(kind, **fields), RATINGS) == (holds, seen)


def test_not_applicable_and_channels_that_do_not_apply() -> None:
    assert ranked(statement("not_applicable", channels=("d",)), RATINGS, not_applicable=("d",)) == (True, "")
    assert ranked(statement("not_applicable", channels=("d",)), RATINGS) == (False, "d still ranked (d rank 4)")
    # A channel that does not apply is not in the top, and cannot be within the bottom.
    assert ranked(statement("outside_top", channels=("d",), n=1), RATINGS, not_applicable=("d",))[0]
    assert ranked(statement("within_bottom", channels=("d",), n=2), RATINGS, not_applicable=("d",)) == (
        False, "actual d not applicable of 3")
    assert ranked(statement("within_top", trait="none", n=2), RATINGS) == (False, "actual none")
    assert ranked(statement("above", channels=("a", "d")), RATINGS, not_applicable=("d",))[0] is False


def test_a_channel_that_does_not_apply_is_in_no_top() -> None:
    assert ranked(statement("within_top", channels=("a", "d"), n=4), RATINGS, not_applicable=("d",)) == (
        False, "actual a rank 1, d not applicable")
    result = check(statement("not_applicable", channels=("d",)), rank_decision(build_decision(
        tiny_catalog(RATINGS, not_applicable=("d",)), tiny_catalog(RATINGS, not_applicable=("d",)).profiles["p"])))
    assert result.expectation.channels == ("d",) and result.holds


@pytest.mark.parametrize("kind, fields, holds, seen", [
    ("above", {"channels": ("a",), "than": ("b", "c", "d")}, True, ""),
    ("above", {"trait": "t", "than": ("d",)}, True, ""),
    ("above", {"channels": ("b",), "than": ("c", "d")}, False, "actual b rank 2, c rank 2, d rank 4"),
    ("at_least", {"channels": ("b", "c", "d")}, True, ""),
    ("at_least", {"channels": ("b",), "than": ("c",)}, True, ""),
    ("at_least", {"channels": ("c",), "than": ("a",)}, False, "actual c rank 2, a rank 1"),
    ("at_least", {"channels": ("d", "b")}, False, "actual d rank 4, b rank 2"),
    # A channel is never compared with itself.
    ("above", {"channels": ("a",), "than": ("a", "d")}, True, ""),
])
def test_orders_against_a_group_and_at_least_by_hand(kind: str, fields: dict[str, object], holds: bool,
                                                     seen: str) -> None:
    assert ranked(statement(kind, **fields), RATINGS) == (holds, seen)


def rated(expectation: model.Expectation, ratings: dict[str, list[int]],
          not_applicable: tuple[str, ...] = ()) -> tuple[bool, str]:
    """A rating statement on criterion c0 of a tiny catalog: as a profile's (effective ratings) and as the
    channels file's (base ratings); both must agree."""
    catalog = tiny_catalog(ratings, traits={"a": ("t",), "b": ("t",)}, not_applicable=not_applicable)
    in_profile = check(expectation, rank_decision(build_decision(catalog, catalog.profiles["p"])))
    if not not_applicable:
        assert check_ratings(expectation, catalog_table(catalog)) == in_profile
    return in_profile.holds, expectation_failure(Words("en"), in_profile)


# On c0: a 3, b 2, c 2, d 1.
@pytest.mark.parametrize("kind, fields, holds, seen", [
    ("rating_is", {"channels": ("b", "c"), "value": 2}, True, ""),
    ("rating_is", {"channels": ("a", "b"), "value": 3}, False, "actual ratings on c0: a 3, b 2"),
    ("rating_at_least", {"trait": "t", "value": 2}, True, ""),
    ("rating_at_least", {"channels": ("d",), "value": 2}, False, "actual ratings on c0: d 1"),
    ("rating_at_most", {"channels": ("c", "d"), "value": 2}, True, ""),
    ("rating_at_most", {"channels": ("a",), "value": 2}, False, "actual ratings on c0: a 3"),
    ("rating_above", {"channels": ("a",), "than": ("b", "c", "d")}, True, ""),
    ("rating_above", {"channels": ("b",), "than": ("c",)}, False, "actual ratings on c0: b 2, c 2"),
    ("rating_not_below", {"channels": ("b",), "than": ("c", "d")}, True, ""),
    ("rating_not_below", {"channels": ("d",), "than": ("c",)}, False, "actual ratings on c0: d 1, c 2"),
    ("rating_highest", {"channels": ("a",)}, True, ""),
    ("rating_highest", {"channels": ("b",)}, False, "actual ratings on c0: b 2, a 3, c 2, d 1"),
    ("rating_highest", {"channels": ("b", "c")}, False, "actual ratings on c0: b 2, c 2, a 3, d 1"),
    ("rating_lowest", {"channels": ("d",)}, True, ""),
    ("rating_lowest", {"family": "unassisted"}, True, ""),
    ("rating_lowest", {"family": "human"}, False, "actual ratings on c0: a 3, c 2, b 2, d 1"),
    ("rating_is", {"trait": "none", "value": 2}, False, "actual ratings on c0: none"),
])
def test_rating_statements_by_hand(kind: str, fields: dict[str, object], holds: bool, seen: str) -> None:
    assert rated(statement(kind, criterion="c0", **fields), RATINGS) == (holds, seen)


def test_a_rating_statement_leaves_out_the_channels_that_do_not_apply() -> None:
    # b is the only channel of the statement left: it is the highest of those that apply once a is gone.
    assert rated(statement("rating_highest", channels=("b", "a"), criterion="c0"), RATINGS,
                 not_applicable=("a",))[0]
    assert rated(statement("rating_is", channels=("a",), criterion="c0", value=3), RATINGS,
                 not_applicable=("a",)) == (False, "actual ratings on c0: none")


def test_the_moves_that_break_a_ranking_statement_by_hand() -> None:
    # a 3 3 against b 2 2 on two equal weights: after any single one-step move a still leads (2.5 against 2,
    # or 3 against 2.5).
    catalog = tiny_catalog({"a": [3, 3], "b": [2, 2]})
    ranking = rank_decision(build_decision(catalog, catalog.profiles["p"]))
    assert breaking_moves(statement("above", channels=("a", "b")), ranking) == ()
    # a 3 2 against b 2 2: a leads by one step; lowering either of a's ratings or raising either of b's ties them.
    catalog = tiny_catalog({"a": [3, 2], "b": [2, 2]})
    ranking = rank_decision(build_decision(catalog, catalog.profiles["p"]))
    assert breaking_moves(statement("above", channels=("a", "b")), ranking) == (
        Move("a", "c0", 3, 2), Move("a", "c1", 2, 1), Move("b", "c0", 2, 3), Move("b", "c1", 2, 3))
    # As "at least", the ties still hold: nothing breaks it.
    assert breaking_moves(statement("at_least", channels=("a", "b")), ranking) == ()


def test_the_moves_that_break_a_rating_statement_by_hand() -> None:
    table = catalog_table(tiny_catalog({"a": [3, 1], "b": [2, 1], "c": [1, 1]}))
    # "at least every other": a tie after a move still holds.
    assert breaking_moves(statement("rating_highest", channels=("a",), criterion="c0"), table=table) == ()
    assert breaking_moves(statement("rating_above", channels=("a",), than=("b",), criterion="c0"), table=table) == (
        Move("a", "c0", 3, 2), Move("b", "c0", 2, 3))
    assert breaking_moves(statement("rating_at_least", channels=("a",), criterion="c0", value=2), table=table) == ()
    assert breaking_moves(statement("rating_at_least", channels=("a",), criterion="c0", value=3), table=table) == (
        Move("a", "c0", 3, 2),)
    assert breaking_moves(statement("rating_at_most", channels=("c",), criterion="c1", value=2), table=table) == ()


def test_every_rating_weight_and_adjustment_of_the_shipped_data_cites_a_seed(catalog: Catalog) -> None:
    files = tuple(source.file for source in catalog.sources)
    cited = [rated.source for channel in catalog.channels for rated in channel.ratings.values()]
    for profile in catalog.profiles.values():
        cited += [weight.source for weight in profile.weights.values()]
        cited += [adjustment.source for adjustment in profile.adjustments]
        cited += [extra.source for extra in profile.extra_criteria]
        cited += [item.source for item in profile.not_applicable]
    assert len(cited) > 300
    assert [text for text in cited
            if not (text and text.get("en").startswith(files) and text.get("fr").startswith(files))] == []


def test_the_readme_gives_the_counts_of_judgements_and_their_robustness(catalog: Catalog) -> None:
    """Every judgement checked with its one-step robustness; the README's figures are these."""
    import re

    listing = api.list_expectations(catalog)
    ranking = [item for item in listing.items if item.check.expectation.criterion is None]
    holding = [item for item in ranking if item.status == "holds"]
    robust = [item for item in holding if not item.breaking]
    # Every move listed really breaks the judgement, and a holding judgement with no move survives them all.
    assert all(item.breaking for item in holding if item not in robust)
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    text = " ".join(readme.split())
    assert f"**{len(listing.items)} judgements**" in text
    assert f"**{listing.count('holds')} hold, none fails, and {listing.count('unmet')} are not met on purpose**" in text
    assert listing.count("fails") == 0 and listing.count("unmet_holds") == 0
    assert f"Of the {len(holding)} ranking judgements that hold, {len(robust)} survive any such move and " \
           f"{len(holding) - len(robust)} do not ({sum(len(i.breaking) == 1 for i in holding)} of them fail under " \
           "exactly one move" in text
    catalog_count = len(catalog.expectations)
    assert re.search(rf"{catalog_count} on the ratings themselves", text)


def test_a_move_stays_on_the_scale_and_a_profile_rating_statement_moves_the_profile_ratings() -> None:
    catalog = tiny_catalog({"a": [3, 1], "b": [2, 1]})
    table = catalog_table(catalog)
    # A 3 has only one step to go (down), a 1 only one (up): "at most 3" cannot break.
    assert breaking_moves(statement("rating_at_most", channels=("a",), criterion="c0", value=3), table=table) == ()
    assert breaking_moves(statement("rating_at_least", channels=("a",), criterion="c1", value=1), table=table) == ()
    # Without a table, a rating statement moves the ratings of the ranking it is given.
    ranking = rank_decision(build_decision(catalog, catalog.profiles["p"]))
    above = statement("rating_above", channels=("a",), than=("b",), criterion="c0")
    assert breaking_moves(above, ranking) == breaking_moves(above, table=table) == (
        Move("a", "c0", 3, 2), Move("b", "c0", 2, 3))
