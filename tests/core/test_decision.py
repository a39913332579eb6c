"""Decision building: inheritance, adjustments, extra criteria, exclusions and overrides."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from tests.conftest import text, tiny_catalog

from channelscore import api
from channelscore.core.decision import build_decision, rank_decision
from channelscore.core.explain import analyse_channels, compare_pair, explain_channel
from channelscore.errors import DataError, RequestError
from channelscore.model import Catalog
from channelscore.words import Words
from channelscore.words.tell import why


def test_balanced_weights_are_equal_and_scores_are_mean_ratings(catalog: Catalog) -> None:
    decision = build_decision(catalog, api.profile(catalog, "balanced"))
    assert decision.weights == pytest.approx([0.1] * 10)
    phone = decision.channel_index("phone")
    # phone: 3 3 2 2 3 3 2 1 2 3 -> 24 / 10
    assert rank_decision(decision).scores[phone] == pytest.approx(2.4)


def test_alias_and_inheritance(catalog: Catalog) -> None:
    profile = api.profile(catalog, "retail")
    assert profile.id == "local-retail"
    assert profile.chain == ("local-retail", "balanced")
    assert profile.weights["human_relation"].value == 3
    assert profile.weights["effort"].value == 1


def test_adjustments_by_channel_and_trait(catalog: Catalog) -> None:
    retail = build_decision(catalog, api.profile(catalog, "local-retail"))
    f2f = retail.channel_index("face_to_face")
    assert retail.ratings[f2f, retail.criterion_index("accessibility")] == 3
    assert retail.adjusted[f2f, retail.criterion_index("accessibility")]
    excluded = build_decision(catalog, api.profile(catalog, "digitally-excluded"))
    for channel in ("email", "website", "web_video", "social_networks", "self_care"):
        row = excluded.channel_index(channel)
        assert excluded.ratings[row, excluded.criterion_index("accessibility")] == 1
        assert excluded.ratings[row, excluded.criterion_index("effort")] == 1


def test_extra_criterion_and_group_split(catalog: Catalog) -> None:
    b2b = build_decision(catalog, api.profile(catalog, "b2b"))
    assert b2b.criteria[-1].id == "written_proof"
    assert b2b.ratings[b2b.channel_index("letter"), -1] == 3
    # b2b raw weights: trust 2, human relation 1, accessibility 1, responsiveness 1, first contact 2, effort 1,
    # contact cost 1, automation 0.5, flow 0.5, context 2 + written proof 4 = 16
    assert b2b.weights[-1] == pytest.approx(4 / 16)
    excluded = build_decision(catalog, api.profile(catalog, "digitally-excluded"))
    client = np.array([c.group == "client" for c in excluded.criteria])
    assert excluded.weights[client].sum() == pytest.approx(0.8)
    assert excluded.weights.sum() == pytest.approx(1.0)


def test_weight_overrides(catalog: Catalog) -> None:
    decision = build_decision(catalog, api.profile(catalog, "balanced"), {"trust": 9})
    assert decision.weights[decision.criterion_index("trust")] == pytest.approx(0.5)
    with pytest.raises(RequestError) as error:
        build_decision(catalog, api.profile(catalog, "balanced"), {"trsut": 1.0})
    assert error.value.hint == "did you mean `trust`?"
    assert error.value.message == "unknown criterion `trsut` in `weights`"
    assert error.value.text({"weights": "--weight"})[0] == "unknown criterion `trsut` in --weight"
    for bad in (-1.0, float("nan"), float("inf")):
        with pytest.raises(RequestError, match="finite number"):
            build_decision(catalog, api.profile(catalog, "balanced"), {"trust": bad})
    with pytest.raises(RequestError, match="every weight is zero"):
        build_decision(catalog, api.profile(catalog, "balanced"), {c.id: 0.0 for c in catalog.criteria})


def test_contributions_sum_to_the_score(catalog: Catalog) -> None:
    ranking = rank_decision(build_decision(catalog, api.profile(catalog, "b2b")))
    for analysis in analyse_channels(ranking):
        assert sum(analysis.contributions.values()) == pytest.approx(analysis.row.score)


def test_ties_share_a_rank_and_are_listed_by_id(catalog: Catalog) -> None:
    ranking = rank_decision(build_decision(catalog, api.profile(catalog, "balanced")))
    top = [(row.rank, row.channel) for row in ranking.rows[:3]]
    assert top == [(1, "callback"), (2, "phone"), (2, "self_care")]
    assert ranking.rows[3].rank == 4
    assert "Tied with Self-care" in why(Words("en"), ranking, analyse_channels(ranking)[1])


def test_why_cites_the_rating_reasons(catalog: Catalog) -> None:
    ranking = rank_decision(build_decision(catalog, api.profile(catalog, "local-retail")))
    first = analyse_channels(ranking)[0]
    assert first.row.channel == "face_to_face"
    assert "human_relation" in first.strengths
    text = why(Words("en"), ranking, first)
    assert "the channel richest in human relation" in text
    assert "ahead of Automatic call-back" in text


def test_explain_and_pairwise(catalog: Catalog) -> None:
    ranking = rank_decision(build_decision(catalog, api.profile(catalog, "b2b")))
    explanation = explain_channel(ranking, "phone")
    assert sum(line.contribution for line in explanation.lines) == pytest.approx(explanation.analysis.row.score)
    assert explanation.best_practices
    pair = compare_pair(ranking, "phone", "email")
    assert pair.deciding[0].criterion == "written_proof"
    assert sum(item.difference for item in pair.deciding) == pytest.approx(pair.difference)
    with pytest.raises(RequestError, match="does not apply"):
        explain_channel(rank_decision(build_decision(catalog, api.profile(catalog, "pure-player"))), "face_to_face")


def test_profile_given_as_a_path(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "my-shop.yaml"
    path.write_text("format: channelscore/profile@1\nid: my-shop\nnames: {en: My shop, fr: Ma boutique}\n"
                    "description: A shop.\nextends: retail\n"
                    "weights:\n  contact_cost: {value: 5, reason: tight margins}\n")
    profile = api.profile(catalog, str(path))
    assert profile.chain == ("my-shop", "local-retail", "balanced")
    path.write_text(path.read_text().replace("value: 5", "value: '5'"))
    with pytest.raises(DataError) as error:
        api.profile(catalog, str(path))
    assert error.value.problems[0].line == 7
    with pytest.raises(RequestError):
        api.profile(catalog, str(tmp_path / "absent.yaml"))


def test_extends_cycle_is_located(data_copy: Path) -> None:
    from channelscore.data.catalog import load_catalog

    balanced = data_copy / "profiles" / "balanced.yaml"
    balanced.write_text(balanced.read_text().replace("aliases: [default]\n", "aliases: [default]\nextends: b2b\n"))
    catalog = load_catalog(data_copy)
    with pytest.raises(DataError) as error:
        api.profile(catalog, "b2b")
    assert error.value.problems[0].code == "extends-cycle"


def test_an_unknown_channel_lists_the_channels_when_nothing_is_close(catalog: Catalog) -> None:
    decision = build_decision(catalog, api.profile(catalog, "pure-player"))
    with pytest.raises(RequestError) as error:
        decision.channel_index("zzzzzz")
    assert error.value.hint == "channels: " + ", ".join(c.id for c in decision.channels)


def test_explanation_lines_and_pairs_by_hand() -> None:
    from tests.conftest import tiny_catalog

    # Weights 3:1 -> 0.75, 0.25; a (3, 1) scores 2.5, b (1, 3) 1.5, c (2, 2) 2.0; the mean rating is 2 on both.
    catalog = tiny_catalog({"a": [3, 1], "b": [1, 3], "c": [2, 2]}, weights=[3.0, 1.0])
    ranking = rank_decision(build_decision(catalog, catalog.profiles["p"]))
    lines = explain_channel(ranking, "a").lines
    assert [(x.criterion, x.rating, x.adjusted, x.weight, x.contribution, x.versus_average, x.reason)
            for x in lines] == [("c0", 3, False, 0.75, 2.25, 1.0, text("a c0")),
                             ("c1", 1, False, 0.25, 0.25, -1.0, text("a c1"))]
    assert lines[0].names == catalog.criteria[0].names
    pair = compare_pair(ranking, "b", "a")
    assert [(d.criterion, d.rating_a, d.rating_b, d.weight, d.difference, d.reason_a, d.reason_b)
            for d in pair.deciding] == [("c0", 1, 3, 0.75, -1.5, text("b c0"), text("a c0")),
                                        ("c1", 3, 1, 0.25, 0.5, text("b c1"), text("a c1"))]
    assert (pair.score_a, pair.score_b, pair.difference, pair.tied) == (1.5, 2.5, -1.0, False)
    assert [d.criterion for d in pair.favouring] == ["c0"]
    # Equal effects keep the criteria's order; a pair that scores the same is tied, with nothing favouring.
    even = tiny_catalog({"a": [3, 1], "b": [1, 3]})
    pair = compare_pair(rank_decision(build_decision(even, even.profiles["p"])), "a", "b")
    assert [d.criterion for d in pair.deciding] == ["c0", "c1"] and pair.tied and pair.favouring == ()
    same_ratings = tiny_catalog({"a": [2, 2], "b": [2, 2]})
    assert compare_pair(rank_decision(build_decision(same_ratings, same_ratings.profiles["p"])), "a", "b").deciding \
        == ()


def test_decision_records_by_hand() -> None:
    from tests.conftest import tiny_catalog

    from channelscore import model

    catalog = tiny_catalog({"a": [3, 1], "b": [1, 3], "c": [2, 2]}, not_applicable=("c",))
    criteria = (catalog.criteria[0], catalog.criteria[1]._replace(group="enterprise"))
    extra = model.ExtraCriterion("x", "enterprise", model.Names("X", "X"), text("an extra"), text("s"),
                                 {c: model.Rated(2, text("r")) for c in ("a", "b", "c")})
    profile = catalog.profiles["p"]._replace(
        weights={"c0": model.Weight(0.25, text("w")), "c1": model.Weight(0.25, text("w")),
                 "x": model.Weight(0.25, text("w"))},
        extra_criteria=(extra,), group_split=model.GroupSplit(3, 1, text("r")))
    decision = build_decision(catalog._replace(criteria=criteria), profile, {"c1": 0.5})
    assert [(c.id, c.group, c.description, c.extra) for c in decision.criteria] == [
        ("c0", "client", text("d"), False), ("c1", "enterprise", text("d"), False),
        ("x", "enterprise", text("an extra"), True)]
    assert decision.raw_weights.tolist() == [0.25, 0.5, 0.25]
    # Client 3/4 all on c0; enterprise 1/4 shared 2:1 between c1 and x.
    assert decision.weights.tolist() == pytest.approx([0.75, 0.25 * 2 / 3, 0.25 / 3])
    assert decision.weight_reasons == (text("w"), None, text("w"))
    assert [(e.channel, e.family, e.reason) for e in decision.excluded] == [("c", "human", text("gone"))]
    assert decision.adjusted.dtype == bool and not decision.adjusted.any()
    with pytest.raises(RequestError) as error:
        build_decision(catalog, catalog.profiles["p"], {"zzzzzz": 1.0})
    assert error.value.hint == "criteria: c0, c1" and error.value.argument == "weights"
    with pytest.raises(RequestError) as error:
        build_decision(catalog, catalog.profiles["p"], {"c0": 0.0, "c1": 0.0})
    assert error.value.argument == "weights" and error.value.hint == "give at least one criterion a positive weight"
    assert build_decision(catalog, catalog.profiles["p"], {"c0": 0.1, "c1": 0.2}).weights.tolist() == pytest.approx(
        [1 / 3, 2 / 3])


def test_strengths_are_measured_against_each_criterions_own_mean() -> None:
    from tests.conftest import tiny_catalog

    # Means: c0 = 3, c1 = 2. b is average on c0 (everyone rates 3) and strong on c1 only.
    catalog = tiny_catalog({"a": [3, 1], "b": [3, 3], "c": [3, 2]})
    analyses = {a.row.channel: a for a in analyse_channels(rank_decision(build_decision(catalog,
                                                                                        catalog.profiles["p"])))}
    assert (analyses["b"].strengths, analyses["b"].weaknesses) == (("c1",), ())
    assert (analyses["a"].strengths, analyses["a"].weaknesses) == ((), ("c1",))
    assert (analyses["c"].strengths, analyses["c"].weaknesses) == ((), ())


def test_a_narrow_win_is_carried_by_the_winners_criteria(catalog: Catalog) -> None:
    from tests.conftest import tiny_catalog

    small = tiny_catalog({"a": [2, 1], "b": [1, 2]}, weights=[3.0, 1.0])
    pair = compare_pair(rank_decision(build_decision(small, small.profiles["p"])), "a", "b")
    assert pair.difference == pytest.approx(0.5) and [d.criterion for d in pair.favouring] == ["c0"]
    retail = rank_decision(build_decision(catalog, api.profile(catalog, "retail")))
    lines = {line.criterion: line for line in explain_channel(retail, "face_to_face").lines}
    assert lines["accessibility"].adjusted and not lines["trust"].adjusted


def test_criteria_level_against_the_average_keep_their_order_past_sixteen_criteria() -> None:
    # 20 equal weights and a channel better than the other on every criterion by the same margin: every
    # criterion is an equal strength, so the first three are listed, in the criteria's order (numpy sorts more
    # than 16 values with an unstable sort unless asked for a stable one).
    catalog = tiny_catalog({"a": [3] * 20, "b": [1] * 20, "c": [2] * 20})
    ranking = rank_decision(build_decision(catalog, catalog.profiles["p"]))
    analyses = {item.row.channel: item for item in analyse_channels(ranking)}
    assert analyses["a"].strengths == ("c0", "c1", "c2")
    assert analyses["b"].weaknesses == ("c0", "c1", "c2")
    assert analyses["c"].strengths == analyses["c"].weaknesses == ()
