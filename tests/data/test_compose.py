"""Composition of profiles: the weights and group shares worked out by hand, conflicts and `overrides`, the
statements carried or set aside, and the feasibility test behind it checked against every order."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channelscore import api
from channelscore.core.decision import build_decision, rank_decision
from channelscore.core.expectations import check_all
from channelscore.data.compose import CompositionError, Constraints, compose, feasible, multipliers
from channelscore.errors import RequestError
from channelscore.model import Adjustment, Catalog, Expectation, Profile, Text


def groups(catalog: Catalog) -> dict[str, str]:
    return {c.id: c.group for c in catalog.criteria}


def composed(catalog: Catalog, *names: str) -> Profile:
    return compose([catalog.profile(name) for name in names], catalog.channels, groups(catalog))


def test_a_situation_multiplies_the_segments_weights(catalog: Catalog) -> None:
    # local-retail: trust 2, accessibility 2, responsiveness 2, human relation 3, first-contact resolution 2,
    # context 2, the rest 1; urgent-breakdown over balanced (every weight 1): responsiveness x4,
    # first-contact resolution x3, accessibility and human relation x2, contact cost and automation x0.5.
    profile = composed(catalog, "retail", "urgent")
    assert {k: w.value for k, w in profile.weights.items()} == {
        "trust": 2, "human_relation": 6, "accessibility": 4, "responsiveness": 8, "first_contact_resolution": 6,
        "effort": 1, "contact_cost": 0.5, "automation": 0.5, "flow_flexibility": 1, "context_feedback": 2}
    ranking = rank_decision(build_decision(catalog, profile))
    assert ranking.decision.weights[[c.id for c in ranking.decision.criteria].index("responsiveness")] \
        == pytest.approx(8 / 31)
    factors = profile.weights["responsiveness"].factors
    assert [(f.profile, f.value, f.multiplier) for f in factors] == [("local-retail", 2, False),
                                                                     ("urgent-breakdown", 4.0, True)]
    assert profile.weights["trust"].factors[-1].profile == "local-retail"  # x1 is not a factor worth naming


def test_the_segment_comes_first_whatever_the_order(catalog: Catalog) -> None:
    one, other = composed(catalog, "retail", "urgent"), composed(catalog, "urgent-breakdown", "local-retail")
    assert one.id == other.id == "local-retail+urgent-breakdown"
    assert [p.id for p in one.parts] == ["local-retail", "urgent-breakdown"]
    assert one.weights == other.weights
    assert one.names == Text("Local retail · urgent breakdown", "Commerce de proximité · panne urgente")
    assert one.kind == "segment" and composed(catalog, "urgent", "out-of-hours").kind == "situation"
    assert composed(catalog, "b2b", "urgent").names.en == "Business to business · urgent breakdown"


def test_several_situations_multiply_in_turn(catalog: Catalog) -> None:
    urgent = multipliers(catalog.profile("urgent"))
    night = multipliers(catalog.profile("out-of-hours"))
    profile = composed(catalog, "retail", "urgent", "out-of-hours")
    retail = catalog.profile("retail").weights
    for criterion, weight in profile.weights.items():
        assert weight.value == pytest.approx(retail[criterion].value * urgent[criterion] * night[criterion])


def test_group_shares_compose_the_same_way(catalog: Catalog) -> None:
    # digitally-excluded states 0.8 / 0.2. urgent-breakdown states no split: its weights give the client
    # criteria 13 of 16 (balanced: 6 of 10), so it multiplies the client share by (13/16)/(6/10) and the
    # enterprise share by (3/16)/(4/10): 0.8 x 65/48 against 0.2 x 15/32, that is 104/113 against 9/113.
    split = composed(catalog, "digitally-excluded", "urgent").group_split
    assert split is not None
    assert (split.client, split.enterprise) == (pytest.approx(104 / 113), pytest.approx(9 / 113))
    assert composed(catalog, "retail", "urgent").group_split is None  # no part states one: the weights speak
    # A group a part gives no share keeps none: consumer preference leaves the company's criteria out.
    assert composed(catalog, "consumer-preference", "proof-escalation").group_split.enterprise == 0  # type: ignore[union-attr]


def test_two_segments_are_refused(catalog: Catalog) -> None:
    with pytest.raises(CompositionError, match="`local-retail` and `b2b` are all segments"):
        composed(catalog, "retail", "b2b")
    with pytest.raises(RequestError, match="cannot be composed") as error:
        api.rank(catalog, "retail+b2b")
    assert "extends one of them" in error.value.hint


def situation(profile_id: str, *adjustments: Adjustment, base: Profile) -> Profile:
    return Profile(profile_id, Text(profile_id, profile_id), Text("d", "d"), dict(base.weights), kind="situation",
                   adjustments=adjustments, base_weights=base.weights, chain=(profile_id, base.id))


def adjust(channel: str, rating: int, overrides: bool = False, criterion: str = "accessibility") -> Adjustment:
    return Adjustment(criterion, rating, Text("r", "r"), channel=channel, overrides=overrides)


def test_two_parts_changing_one_rating_differently_conflict(catalog: Catalog) -> None:
    balanced = catalog.profile("balanced")
    night = situation("night", adjust("phone", 1), base=balanced)
    with pytest.raises(CompositionError, match="`phone` on `accessibility`: `b2b` rates it 3 and `night` rates it 1"):
        compose([catalog.profile("b2b"), night], catalog.channels, groups(catalog))
    # The same rating is no conflict; an adjustment that overrides wins, whatever the order.
    same = situation("same", adjust("phone", 3), base=balanced)
    assert compose([catalog.profile("b2b"), same], catalog.channels, groups(catalog))
    strong = situation("strong", adjust("phone", 1, overrides=True), base=balanced)
    profile = compose([strong, catalog.profile("b2b")], catalog.channels, groups(catalog))
    decision = build_decision(catalog, profile)
    assert decision.ratings[decision.channel_index("phone"), decision.criterion_index("accessibility")] == 1
    # Two that both override still conflict; a rating the composing profile states is settled.
    both = situation("both", adjust("phone", 2, overrides=True), base=balanced)
    with pytest.raises(CompositionError):
        compose([strong, both], catalog.channels, groups(catalog))
    assert compose([strong, both], catalog.channels, groups(catalog), settled={("phone", "accessibility")})


def test_a_trait_adjustment_conflicts_with_a_channel_one(catalog: Catalog) -> None:
    balanced = catalog.profile("balanced")
    digital = situation("digital", Adjustment("accessibility", 1, Text("r", "r"), trait="digital"), base=balanced)
    web = situation("web", adjust("website", 3), base=balanced)
    with pytest.raises(CompositionError, match="`website` on `accessibility`"):
        compose([digital, web], catalog.channels, groups(catalog))


def test_the_shipped_out_of_hours_overrides_a_sector_on_opening_hours(catalog: Catalog) -> None:
    decision = build_decision(catalog, composed(catalog, "b2b", "out-of-hours"))
    assert decision.ratings[decision.channel_index("phone"), decision.criterion_index("accessibility")] == 1
    assert decision.ratings[decision.channel_index("email"), decision.criterion_index("accessibility")] == 3


def test_statements_that_cannot_hold_together_are_set_aside(catalog: Catalog) -> None:
    profile = composed(catalog, "retail", "urgent")
    aside = {(a.expectation.stated_by, a.expectation.position): a for a in profile.set_aside}
    # local retail's "face-to-face first" against urgent breakdown's "phone and chat in the first two".
    first, second = aside[("local-retail", 0)], aside[("urgent-breakdown", 0)]
    assert first.against is not None and first.against.key() == ("urgent-breakdown", 0)
    assert second.against is not None and second.against.key() == ("local-retail", 0)
    assert ("urgent-breakdown", 0) in aside and ("local-retail", 2) not in aside
    kept = {e.key() for e in profile.expectations}
    assert ("local-retail", 2) in kept and ("urgent-breakdown", 2) in kept  # both say the letter is last
    assert not kept & set(aside)
    assert all(c.holds for c in check_all(profile.expectations, rank_decision(build_decision(catalog, profile))))


def test_a_base_states_nothing_a_composition_carries(catalog: Catalog) -> None:
    profile = composed(catalog, "balanced", "urgent")
    assert {e.stated_by for e in profile.expectations} == {"urgent-breakdown"}


def test_a_rating_statement_is_set_aside_when_another_part_changes_its_rating(catalog: Catalog) -> None:
    balanced = catalog.profile("balanced")
    statement = Expectation(Text("s", "s"), Text("src", "src"), "rating_highest", channels=("phone",),
                            criterion="accessibility", stated_by="first", position=0)
    first = situation("first", base=balanced)._replace(expectations=(statement,))
    second = situation("second", adjust("email", 3), base=balanced)
    profile = compose([first, second], catalog.channels, groups(catalog))
    assert profile.expectations == () and profile.set_aside[0].expectation == statement
    untouched = situation("third", adjust("email", 3, criterion="trust"), base=balanced)
    assert compose([first, untouched], catalog.channels, groups(catalog)).expectations == (statement,)


def test_every_segment_composes_with_every_situation(catalog: Catalog) -> None:
    segments = [p for p in catalog.profiles.values() if p.kind != "situation"]
    situations = [p for p in catalog.profiles.values() if p.kind == "situation"]
    for segment, each in itertools.product(segments, situations):
        profile = compose([segment, each], catalog.channels, groups(catalog))
        ranking = rank_decision(build_decision(catalog, profile))
        assert len(ranking.rows) + len(ranking.excluded) == len(catalog.channels)
        assert {a.expectation.key() for a in profile.set_aside}.isdisjoint(e.key() for e in profile.expectations)


# The feasibility test against every order of a few channels.
CHANNELS = ["a", "b", "c", "d", "e"]


@st.composite
def constraint_sets(draw: st.DrawFn) -> tuple[int, list[Constraints]]:
    count = draw(st.integers(2, 5))
    names = CHANNELS[:count]
    found = []
    for _ in range(draw(st.integers(1, 3))):
        item = Constraints()
        for channel in draw(st.lists(st.sampled_from(names), max_size=2, unique=True)):
            item.earliest[channel] = draw(st.integers(1, count))
        for channel in draw(st.lists(st.sampled_from(names), max_size=2, unique=True)):
            item.latest[channel] = draw(st.integers(1, count))
        pairs = draw(st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names)), max_size=3))
        item.before = [(a, b) for a, b in pairs if a != b]
        found.append(item)
    return count, found


def brute_force(count: int, constraints: list[Constraints]) -> bool:
    for order in itertools.permutations(CHANNELS[:count]):
        place = {channel: index + 1 for index, channel in enumerate(order)}
        if all(place[c] >= p for item in constraints for c, p in item.earliest.items()) \
                and all(place[c] <= p for item in constraints for c, p in item.latest.items()) \
                and all(place[a] < place[b] for item in constraints for a, b in item.before):
            return True
    return False


@settings(max_examples=400, deadline=None)
@given(constraint_sets())
def test_feasible_agrees_with_every_order(case: tuple[int, list[Constraints]]) -> None:
    count, constraints = case
    assert feasible(count, constraints) == brute_force(count, constraints)


def test_a_composed_extends_in_a_file_settles_a_conflict_itself(data_copy: Path) -> None:
    night = ("format: channelscore/profile@1\nid: night\nnames: {en: Night, fr: Nuit}\ndescription: d\n"
             "kind: situation\nextends: balanced\nadjustments:\n"
             "  - {channel: phone, criterion: accessibility, rating: 1, reason: closed}\n")
    client = ("format: channelscore/profile@1\nid: client-x\nnames: {en: X, fr: X}\ndescription: d\n"
              "extends: [b2b, night]\nadjustments:\n"
              "  - {channel: phone, criterion: accessibility, rating: 2, reason: an on-call line}\n")
    (data_copy / "profiles" / "night.yaml").write_text(night)
    (data_copy / "profiles" / "client-x.yaml").write_text(client)
    catalog = api.load_catalog(data_copy)
    profile = catalog.profile("client-x")
    assert profile.extends == ("b2b", "night") and profile.chain[:3] == ("client-x", "b2b", "balanced")
    decision = build_decision(catalog, profile)
    assert decision.ratings[decision.channel_index("phone"), decision.criterion_index("accessibility")] == 2
    assert profile.weights["written_proof"].value == catalog.profile("b2b").weights["written_proof"].value


def test_a_weight_no_base_has_is_the_first_part_that_gives_it(catalog: Catalog) -> None:
    # proof-escalation's proof for the customer is its own extra criterion: balanced, its base, has no weight
    # for it, so it gives the weight rather than multiplies one; damaged-product inherits it and gives it first.
    proof = catalog.profile("proof-escalation")
    assert "customer_proof" not in multipliers(proof) and multipliers(proof)["responsiveness"] == 0.5
    profile = composed(catalog, "retail", "proof-escalation")
    weight = profile.weights["customer_proof"]
    assert weight.value == proof.weights["customer_proof"].value
    assert [(f.profile, f.value, f.multiplier) for f in weight.factors] == [("proof-escalation", weight.value, False)]
    assert weight.source == proof.weights["customer_proof"].source and weight.reason == weight.factors[0].reason
    both = composed(catalog, "damaged-product", "proof-escalation")
    assert both.weights["customer_proof"].value == catalog.profile("damaged-product").weights["customer_proof"].value
    responsiveness = composed(catalog, "retail", "urgent").weights["responsiveness"]
    assert [f.source for f in responsiveness.factors] == [catalog.profile("retail").weights["responsiveness"].source,
                                                          catalog.profile("urgent").weights["responsiveness"].source]
    assert responsiveness.reason == catalog.profile("urgent").weights["responsiveness"].reason


def test_a_situation_without_a_base_multiplies_by_its_own_weights(catalog: Catalog) -> None:
    retail = catalog.profile("retail")
    doubled = {c: w._replace(value=2.0 if c == "trust" else 1.0) for c, w in retail.weights.items()}
    lone = situation("lone", base=catalog.profile("balanced"))._replace(base_weights=None, weights=doubled)
    profile = compose([retail, lone], catalog.channels, groups(catalog))
    assert profile.weights["trust"].value == 2 * retail.weights["trust"].value
    assert profile.weights["effort"].value == retail.weights["effort"].value
    # A base weight of 0 cannot be multiplied: a situation raising it leaves the segment's; one keeping 0, too.
    zero = {**catalog.profile("balanced").weights}
    zero["trust"] = zero["trust"]._replace(value=0.0)
    raising = lone._replace(base_weights=zero, weights={**lone.weights, "trust": zero["trust"]._replace(value=5.0)})
    assert compose([retail, raising], catalog.channels, groups(catalog)).weights["trust"].value == 2
    keeping = raising._replace(weights={**raising.weights, "trust": zero["trust"]})
    assert compose([retail, keeping], catalog.channels, groups(catalog)).weights["trust"].value == 2


def test_a_situation_stating_a_split_shifts_the_segments_shares(catalog: Catalog) -> None:
    # Local retail states no split: its weights give the client criteria 12 of 17. proof-escalation states
    # 0.8 / 0.2 against balanced's 0.6 / 0.4: 12/17 x 4/3 against 5/17 x 1/2, that is 32/37 and 5/37.
    split = composed(catalog, "retail", "proof-escalation").group_split
    assert split is not None and (split.client, split.enterprise) == (pytest.approx(32 / 37), pytest.approx(5 / 37))
    assert split.reason == catalog.profile("proof-escalation").group_split.reason  # type: ignore[union-attr]
    # A base that gives a group no share leaves that group's share as the segment gives it.
    base = {**catalog.profile("balanced").weights}
    for criterion in ("contact_cost", "automation", "flow_flexibility", "context_feedback"):
        base[criterion] = base[criterion]._replace(value=0.0)
    odd = catalog.profile("proof-escalation")._replace(id="odd", base_weights=base)
    split = compose([catalog.profile("digitally-excluded"), odd], catalog.channels, groups(catalog)).group_split
    # The client share is multiplied by 0.8 / 1 (the base's client share is all of it); the enterprise's is kept.
    assert split is not None and split.client == pytest.approx(0.64 / 0.84)


def test_what_a_composition_is_made_of(catalog: Catalog) -> None:
    retail = catalog.profile("retail")
    assert compose([retail], catalog.channels, groups(catalog)) is retail
    profile = composed(catalog, "pure-player", "urgent")
    urgent = catalog.profile("urgent")
    assert profile.extends == ("pure-player", "urgent-breakdown") and profile.source is None
    assert profile.description.en == f"{catalog.profile('pure-player').description.en} {urgent.description.en}"
    assert profile.description.fr == f"{catalog.profile('pure-player').description.fr} {urgent.description.fr}"
    assert {item.channel for item in profile.not_applicable} >= {"face_to_face"}
    assert profile.base_weights is None and profile.base_split is None
    situations = composed(catalog, "urgent", "out-of-hours")
    assert situations.base_weights is urgent.base_weights and situations.kind == "situation"
    assert profile.chain[0] == "pure-player+urgent-breakdown" and "balanced" in profile.chain


def test_conflicts_name_what_to_do(catalog: Catalog) -> None:
    balanced = catalog.profile("balanced")
    with pytest.raises(CompositionError, match="`local-retail`, `b2b` and `pure-player` are all segments"):
        composed(catalog, "retail", "b2b", "pure-player")
    extra = catalog.profile("proof-escalation").extra_criteria[0]
    other = situation("other", base=balanced)._replace(extra_criteria=(extra._replace(group="enterprise"),))
    with pytest.raises(CompositionError, match="define the extra criterion `customer_proof` differently") as error:
        compose([catalog.profile("proof-escalation"), other], catalog.channels, groups(catalog))
    assert "overrides: true" in error.value.hint


def test_each_rating_is_checked_for_conflicts(catalog: Catalog) -> None:
    # The first rating a part changes agrees, or is overridden; the second conflicts all the same.
    balanced = catalog.profile("balanced")
    segment = catalog.profile("b2b")._replace(adjustments=(adjust("phone", 2, criterion="trust"),
                                                           adjust("phone", 3)))
    with pytest.raises(CompositionError, match="`phone` on `accessibility`"):
        compose([segment, situation("night", adjust("phone", 1), base=balanced)], catalog.channels, groups(catalog))
    first_overridden = situation("night", adjust("phone", 1, overrides=True, criterion="trust"), adjust("phone", 1),
                                 base=balanced)
    with pytest.raises(CompositionError, match="`phone` on `accessibility`"):
        compose([segment, first_overridden], catalog.channels, groups(catalog))


def test_a_parts_own_rating_statement_stays_with_its_own_adjustment(catalog: Catalog) -> None:
    balanced = catalog.profile("balanced")
    statement = Expectation(Text("s", "s"), Text("src", "src"), "rating_highest", channels=("email",),
                            criterion="accessibility", stated_by="first", position=0)
    first = situation("first", adjust("email", 3), base=balanced)._replace(expectations=(statement,))
    profile = compose([first, situation("second", base=balanced)], catalog.channels, groups(catalog))
    assert profile.expectations == (statement,) and profile.set_aside == ()


def test_statements_select_channels_by_trait_and_family(catalog: Catalog) -> None:
    from channelscore.data.compose import rank_constraints

    digital = Expectation(Text("s", "s"), Text("src", "src"), "within_bottom", trait="digital", n=4)
    found = rank_constraints(digital, catalog.channels)
    digital_ids = {c.id for c in catalog.channels if "digital" in c.traits}
    assert set(found.earliest) == digital_ids and set(found.earliest.values()) == {len(catalog.channels) - 3}
    human = Expectation(Text("s", "s"), Text("src", "src"), "within_top", family="human", n=3)
    assert set(rank_constraints(human, catalog.channels).latest) == {c.id for c in catalog.channels
                                                                      if c.family == "human"}


def test_names_keep_an_acronym() -> None:
    from channelscore.data.compose import _lowered

    assert _lowered("Urgent breakdown") == "urgent breakdown" and _lowered("B2B sales") == "B2B sales"
    assert _lowered("SAV à distance") == "SAV à distance" and _lowered("24h sur 24") == "24h sur 24"
    assert _lowered("A") == "a" and _lowered("") == "" and _lowered("Ab cD") == "ab cD"
    assert _lowered("Ab cD ef") == "ab cD ef" and _lowered("X1 sur 2") == "X1 sur 2"


def test_a_situation_on_a_weighted_base_multiplies_by_the_ratio(catalog: Catalog) -> None:
    # A situation built on local retail (trust 2, human relation 3): trust 4 doubles trust, human relation 3
    # leaves it, human relation read over a base of 3, not 1.
    retail = catalog.profile("retail")
    weights = {**retail.weights, "trust": retail.weights["trust"]._replace(value=4.0)}
    on_retail = situation("on-retail", base=retail)._replace(weights=weights)
    assert multipliers(on_retail)["trust"] == 2 and multipliers(on_retail)["human_relation"] == 1
    profile = compose([catalog.profile("b2b"), on_retail], catalog.channels, groups(catalog))
    assert profile.weights["trust"].value == 2 * catalog.profile("b2b").weights["trust"].value
    # Its shares are read against its base's split, when the base states one.
    split = catalog.profile("digitally-excluded").group_split
    assert split is not None
    even = split._replace(client=0.5, enterprise=0.5)
    shifted = on_retail._replace(group_split=split, base_split=even)
    result = compose([catalog.profile("b2b"), shifted], catalog.channels, groups(catalog)).group_split
    # b2b's shares, as its weights give them, multiplied by 0.8 / 0.5 and 0.2 / 0.5.
    b2b = shares_of(catalog, "b2b")
    expected = b2b[0] * 1.6 / (b2b[0] * 1.6 + b2b[1] * 0.4)
    assert result is not None and result.client == pytest.approx(expected) and result.source == split.source
    # A base giving the client criteria no share leaves the client share as the segment gives it.
    no_client = {c: w._replace(value=0.0) if groups(catalog).get(c) == "client" else w
                 for c, w in catalog.profile("balanced").weights.items()}
    odd = catalog.profile("proof-escalation")._replace(id="odd", base_weights=no_client)
    result = compose([catalog.profile("digitally-excluded"), odd], catalog.channels, groups(catalog)).group_split
    assert result is not None and result.client == pytest.approx(0.8 / (0.8 + 0.2 * 0.2 / 1.0))


def shares_of(catalog: Catalog, name: str) -> tuple[float, float]:
    from channelscore.data.compose import shares

    profile = catalog.profile(name)
    all_groups = {**groups(catalog), **{c.id: c.group for c in profile.extra_criteria}}
    return shares(profile.weights, profile.group_split, all_groups)


def test_the_hints_say_what_to_do(catalog: Catalog) -> None:
    with pytest.raises(CompositionError) as error:
        composed(catalog, "retail", "b2b")
    assert error.value.messages == ("`local-retail` and `b2b` are all segments (sectors or kinds of customers); a "
                                    "composition takes one segment and any number of situations",)
    assert error.value.hint == ("keep one segment, or write a profile that extends one of them and states the "
                                "weights the other adds")
    balanced = catalog.profile("balanced")
    with pytest.raises(CompositionError) as error:
        compose([catalog.profile("b2b"), situation("night", adjust("phone", 1), base=balanced)], catalog.channels,
                groups(catalog))
    assert error.value.hint == ("mark one of the two adjustments `overrides: true`, or write a profile that extends "
                                "the parts and states the rating itself")


def test_each_kind_of_statement_asks_for_its_places(catalog: Catalog) -> None:
    from channelscore.data.compose import rank_constraints

    ids = [c.id for c in catalog.channels]

    def statement(kind: str, **fields: object) -> Expectation:
        return Expectation(Text("s", "s"), Text("src", "src"), kind, **fields)  # type: ignore[arg-type]

    assert rank_constraints(statement("within_top", channels=("phone",), n=2), catalog.channels).latest == {"phone": 2}
    assert rank_constraints(statement("outside_top", channels=("letter",), n=3), catalog.channels).earliest == {
        "letter": 4}
    assert rank_constraints(statement("within_bottom", channels=("letter",), n=1), catalog.channels).earliest == {
        "letter": len(ids)}
    only = rank_constraints(statement("only_in_top", channels=("phone", "email"), n=2), catalog.channels).earliest
    assert only == {c: 3 for c in ids if c not in ("phone", "email")}
    above = statement("above", channels=("phone",), than=("phone", "email", "fax"))
    assert rank_constraints(above, catalog.channels).before == [("phone", "email")]  # itself and unknowns dropped
    chain = statement("at_least", channels=("phone", "email", "letter"))
    assert rank_constraints(chain, catalog.channels).before == [("phone", "email"), ("email", "letter")]
    assert rank_constraints(statement("not_applicable", channels=("phone",)), catalog.channels).before == []


def test_a_composition_keeps_its_parts_criteria_sources_and_bases(catalog: Catalog) -> None:
    from channelscore.model import Reference

    profile = composed(catalog, "retail", "proof-escalation")
    assert "customer_proof" in {c.id for c in profile.extra_criteria}
    assert "customer_proof" in [c.id for c in build_decision(catalog, profile).criteria]
    interviews = Reference(Text("Interviews", "Entretiens"), "Cabinet", "2026-10-12")
    sourced = catalog.profile("urgent")._replace(references=(interviews,))
    assert compose([catalog.profile("retail"), sourced], catalog.channels, groups(catalog)).references == (
        interviews,)
    split = catalog.profile("digitally-excluded").group_split
    assert split is not None
    based = catalog.profile("urgent")._replace(base_split=split)
    alone = compose([based, catalog.profile("out-of-hours")], catalog.channels, groups(catalog))
    assert alone.base_split is split and alone.base_weights is based.base_weights


def test_a_long_chain_of_compositions_stays_finite(catalog: Catalog) -> None:
    # Each level multiplies responsiveness by 4 again: 4 ** 600 would overflow; weights are scale-free.
    import math

    profile = catalog.profile("retail")
    urgent = catalog.profile("urgent")
    for _ in range(600):
        profile = compose([profile, urgent], catalog.channels, groups(catalog))._replace(kind="segment", parts=())
    assert all(math.isfinite(w.value) for w in profile.weights.values())
    ranking = rank_decision(build_decision(catalog, profile))
    assert ranking.rows[0].score > 0
