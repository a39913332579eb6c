"""The sentence builders on small results worked out by hand."""

from __future__ import annotations

import pytest
from tests.conftest import text, tiny_catalog

from channelscore import api, model
from channelscore.core.expectations import ExpectationCheck
from channelscore.words import Words
from channelscore.words.tell import (
    comparison_summary,
    expectation_failure,
    mix_sentences,
    rank_mix_line,
    sensitivity_advice,
    weight_reason,
)

# Equal weights: a 5/3, b 5/3, c 7/3. The best set of each size: {c} 2.33, {a, c} 2.67, {a, b, c} 3.00.
CATALOG = tiny_catalog({"a": [3, 1, 1], "b": [1, 3, 1], "c": [2, 2, 3]})


def test_mix_sentences_by_hand() -> None:
    result = api.portfolio(CATALOG, "p")
    assert mix_sentences(Words("en"), result.mix, result.decision) == [
        "Recommended mix: A + B + C (3 channels), coverage 3.00 against 3.00 with every channel (within 0.1).",
        # Without a: {b, c} 2.67; without b: {a, c} 2.67; without c: {a, b} 2.33.
        "What each channel of the 3-channel mix adds: A +0.33, B +0.33, C +0.67.",
        "It rates 3 on every weighted criterion."]
    two = api.portfolio(CATALOG, "p", max_size=2, margin=0.2)
    assert mix_sentences(Words("fr"), two.mix, two.decision) == [
        "Aucune taille essayée n'approche 3,00, la couverture de tous les canaux, à 0,2 près\u202f; "
        "essayer un --max-size plus grand.",
        "Apport de chaque canal de la combinaison à 2\u202f: A fr +0,33, C fr +1,00.",
        "Critères encore servis en dessous de 3\u202f: C1 fr (2)."]
    assert rank_mix_line(Words("en"), result.mix, result.decision) == (
        "Recommended mix (3 channels): A + B + C; coverage 3.00 of 3.00. See `channelscore portfolio`.")


def test_no_mix_meets_an_impossible_requirement() -> None:
    catalog = tiny_catalog({"a": [3, 1], "b": [1, 3]}, traits={"a": ("t",)})
    # Only `a` has the trait, and it is left out: no set of one channel can meet the requirement.
    result = api.portfolio(catalog, "p", size=1, exclude=["a"], require=["trait=t"])
    assert mix_sentences(Words("en"), result.mix, result.decision) == [
        "No set of the sizes asked meets the requirements."]
    assert rank_mix_line(Words("en"), result.mix, result.decision) == ""


def test_comparison_summary_by_hand() -> None:
    flat = model.Profile("q", model.Names("Q", "Q fr"), text("d"),
                         {"c0": model.Weight(1, text("w")), "c1": model.Weight(1, text("w")),
                          "c2": model.Weight(0, text("w"))},
                         chain=("q",))
    catalog = CATALOG._replace(profiles={**CATALOG.profiles, "q": flat})
    # Under q every channel scores 2: all tied, so tau-b is undefined and a and b move up one place.
    comparison = api.compare(catalog, ["p", "q"]).comparison
    assert comparison_summary(Words("en"), comparison) == "First: C (P); A = B = C (Q); biggest mover A (1 place)."
    same = api.compare(catalog, ["p", "p"]).comparison
    assert comparison_summary(Words("fr"), same) == (
        "En tête\u202f: C fr (P fr #1)\u202f; C fr (P fr #2)\u202f; accord le plus faible tau-b 1,00 "
        "(P fr #1 contre P fr #2)\u202f; aucun canal ne change de rang.")


def test_sensitivity_advice_by_hand() -> None:
    advice = sensitivity_advice(Words("en"), api.sensitivity(CATALOG, "p", samples=2000).sensitivity)
    assert advice[0] == "C is first with a score of 2.33."
    # c leads where w1 + 2 w2 >= w0 and w0 + 2 w2 >= w1: two thirds of the simplex; a and b share the rest.
    assert advice[1] == ("Over 2,000 weightings drawn uniformly at random (seed 20260101), C is first in 66% of "
                         "them; other channels first: B 19%, A 15%.")
    # Weight t on c0, the others sharing the rest: c scores 2.5 - t/2, a 1 + 2t: c stays first up to t = 0.6.
    assert advice[2] == "Its first place hangs most on c0 (now 33%): it holds from 0% to 60%; above that, A takes " \
                        "first place."
    # a needs d.w >= 0 with d = (1, -1, -2): 2/9 of the weight from c2 to c0, both then at 19/9.
    assert advice[3] == "For A to catch up with C, move 22% of the weight from c2 (22%) to c0 (L1 change 0.444); " \
                        "A then scores 2.111 against 2.111."
    assert len(advice) == 4


def test_sensitivity_advice_names_the_sampling() -> None:
    advice = sensitivity_advice(Words("fr"), api.sensitivity(CATALOG, "p", samples=1000, concentration=50,
                                                             rating_noise=0.25).sensitivity)
    assert advice[1] == ("Sur 1\u202f000 pondérations tirées autour des poids du profil avec une concentration de 50, "
                         "chaque note déplacée d'un cran avec une probabilité 0,25 (graine 20260101), C fr est "
                         "premier dans 90\u202f% des cas\u202f; autres canaux en tête\u202f: "
                         "A fr 5,7\u202f%, B fr 4,7\u202f%.")
    tied = tiny_catalog({"a": [3, 1], "b": [1, 3], "c": [1, 1]})
    lines = sensitivity_advice(Words("en"), api.sensitivity(tied, "p", samples=500).sensitivity)
    assert lines[0] == "A is first with a score of 2.00 (tied with B)."
    assert lines[2].startswith("The first place is shared: the smallest move of c0 (now 50%) decides it")
    hopeless = tiny_catalog({"a": [3, 3], "b": [1, 1]})
    lines = sensitivity_advice(Words("en"), api.sensitivity(hopeless, "p", samples=500,
                                                            overtake=("a", "b")).sensitivity)
    assert lines[2] == "No single weight, moved on its own, changes who is first."
    assert lines[3] == "B cannot catch up with A under any weighting: it rates lower on every criterion."
    assert lines[4] == "A already scores at least as much as B."


def test_expectation_failures_and_weight_reasons() -> None:
    statement = model.Expectation("s", "src", "not_applicable", channels=("a", "b"))
    check = ExpectationCheck(statement, False, (("a", 1), ("b", None)), still_ranked=("a", "b"))
    assert expectation_failure(Words("en"), check) == "a, b still ranked (a rank 1, b not applicable)"
    assert expectation_failure(Words("en"), check._replace(holds=True)) == ""
    assert weight_reason(Words("en"), None) == "set on the command line"
    assert weight_reason(Words("fr"), text("une raison")) == "une raison"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_builder_speaks_the_language_asked(lang: str) -> None:
    other = "fr" if lang == "en" else "en"
    result = api.portfolio(CATALOG, "p")
    assert mix_sentences(Words(lang), result.mix, result.decision) != mix_sentences(Words(other), result.mix,
                                                                                     result.decision)


def test_why_for_an_average_channel_and_the_last_one() -> None:
    from channelscore.core.decision import build_decision, rank_decision
    from channelscore.core.explain import analyse_channels
    from channelscore.words.tell import why

    catalog = tiny_catalog({"a": [3, 1], "b": [1, 3], "m": [2, 2]}, weights=[2.0, 1.0])
    ranking = rank_decision(build_decision(catalog, catalog.profiles["p"]))
    by_channel = {a.row.channel: a for a in analyse_channels(ranking)}
    assert why(Words("en"), ranking, by_channel["m"]) == (
        "Close to the average channel on every criterion. 0.33 ahead of B.")
    assert why(Words("en"), ranking, by_channel["b"]) == "Strong on c1 (b c1); weak on c0 (b c0)."


def test_pair_summary_either_way() -> None:
    from channelscore.core.decision import build_decision, rank_decision
    from channelscore.core.explain import compare_pair
    from channelscore.words.tell import pair_summary

    catalog = tiny_catalog({"a": [3, 2], "b": [1, 3]}, weights=[3.0, 1.0])
    ranking = rank_decision(build_decision(catalog, catalog.profiles["p"]))
    # a - b = 0.75 * 2 - 0.25 * 1 = 1.25, carried by c0.
    assert pair_summary(Words("en"), compare_pair(ranking, "a", "b")) == "A ranks above B by 1.25, mostly on c0"
    assert pair_summary(Words("fr"), compare_pair(ranking, "b", "a")) == (
        "A fr passe devant B fr de 1,25, surtout grâce à\u202f: c0 fr")


def test_the_weakest_agreement_is_named_among_several() -> None:
    swapped = model.Profile("q", model.Names("Q", "Q"), text("d"),
                            {"c0": model.Weight(1, text("w")), "c1": model.Weight(0, text("w")),
                             "c2": model.Weight(0, text("w"))}, chain=("q",))
    catalog = CATALOG._replace(profiles={**CATALOG.profiles, "q": swapped})
    # p ranks c > a = b, q (all on c0) ranks a > c > b: p/p agree fully, p/q and p#2/q less.
    summary = comparison_summary(Words("en"), api.compare(catalog, ["p", "p", "q"]).comparison)
    assert summary.startswith("First: C (P #1); C (P #2); A (Q); weakest agreement tau-b ")
    assert "(P #1 vs Q)" in summary and summary.endswith("biggest mover A (1 place).")


def test_mix_sentences_for_one_size_and_several_weak_criteria() -> None:
    catalog = tiny_catalog({"a": [3, 1, 2], "b": [1, 3, 1]})
    one = api.portfolio(catalog, "p", size=1)
    assert mix_sentences(Words("en"), one.mix, one.decision) == [
        "What each channel of the 1-channel mix adds: A +2.00.",
        "Criteria it still serves below 3: C1 (1), C2 (2)."]
    assert rank_mix_line(Words("en"), one.mix, one.decision) == (
        "Recommended mix (1 channel): A; coverage 2.00 of 2.67. See `channelscore portfolio`.")


def test_a_citation_names_the_text_not_its_file() -> None:
    from channelscore.words.tell import cite, source_title

    study = model.Source("000", "000_f9a485cde5c5e71c.txt", model.Names("A study", "Une étude"),
                         model.Names("the study", "l'étude"), date="2014-10-07")
    citation = model.Text("000_f9a485cde5c5e71c.txt, part C", "000_f9a485cde5c5e71c.txt, partie C")
    assert cite(Words("en"), citation, [study]) == "the study (000), part C"
    assert cite(Words("fr"), citation, [study]) == "l'étude (000), partie C"
    # Written in one language only, a citation is shown in it, marked.
    english_only = model.Text("000_f9a485cde5c5e71c.txt, part C", None)
    assert cite(Words("fr"), english_only, [study]) == "[en] l'étude (000), part C"
    assert cite(Words("en"), model.Text("our own interviews, 2026", None), [study]) == "our own interviews, 2026"
    assert source_title(Words("fr"), study) == "Une étude, auteur non nommé dans le texte, 7 octobre 2014 (000)"
