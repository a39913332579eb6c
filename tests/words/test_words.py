"""Words(lang): numbers, percentages and lists in one language, and the sentence builders on known results."""

from __future__ import annotations

import pytest
from tests.conftest import tiny_catalog

from channelscore import api
from channelscore.core.decision import build_decision, rank_decision
from channelscore.core.explain import analyse_channels, compare_pair
from channelscore.words import Words
from channelscore.words.tell import pair_summary, why


@pytest.mark.parametrize("method, args, en, fr", [
    ("number", (2.654,), "2.65", "2,65"),
    ("number", (0.1234, 3), "0.123", "0,123"),
    ("number", (0.5,), "0.50", "0,50"),
    ("integer", (100_000,), "100,000", "100\u202f000"),
    ("short", (0.1,), "0.1", "0,1"),
    ("short", (50.0,), "50", "50"),
    ("short", (0.0588, 2), "0.059", "0,059"),
    ("percent", (0.39,), "39%", "39\u202f%"),
    ("percent", (0.075,), "7.5%", "7,5\u202f%"),
    ("percent", (0.0004,), "<0.1%", "<0,1\u202f%"),
    ("percent", (0.0,), "0%", "0\u202f%"),
    ("percent", (0.1,), "10%", "10\u202f%"),
    ("percent", (0.12345, 1), "12.3%", "12,3\u202f%"),
])
def test_numbers(method: str, args: tuple[float, ...], en: str, fr: str) -> None:
    assert getattr(Words("en"), method)(*args) == en
    assert getattr(Words("fr"), method)(*args) == fr


def test_signs_lists_and_unknown_languages() -> None:
    assert Words("en").number(0.12, sign=True) == "+0.12"
    assert Words("fr").number(-0.5, 3, sign=True) == "-0,500"
    assert Words("en").join(["a", "b", "c"]) == "a, b and c"
    assert Words("fr").join(["a", "b"]) == "a et b"
    assert Words("en").join(["a"]) == "a" and Words("en").join([]) == ""
    assert Words("de").lang == "en"
    assert Words("en").in_sentence("Trust") == "trust" and Words("en").in_sentence("") == ""


def test_why_on_a_tiny_catalog() -> None:
    catalog = tiny_catalog({"a": [3, 3], "b": [3, 1], "c": [1, 3], "d": [1, 1]})
    ranking = rank_decision(build_decision(catalog, catalog.profiles["p"]))
    analyses = analyse_channels(ranking)
    assert [a.row.channel for a in analyses] == ["a", "b", "c", "d"]
    assert why(Words("en"), ranking, analyses[0]) == "Strong on c0 and c1 (a c0). 1.00 ahead of B."
    assert why(Words("fr"), ranking, analyses[1]) == (
        "Atouts\u202f: c0 fr (b c0)\u202f; limites\u202f: c1 fr (b c1). À égalité avec C fr. 1,00 devant D fr.")
    assert why(Words("en"), ranking, analyses[3]) == "Weak on c0 and c1 (d c0)."


def test_pair_summaries() -> None:
    catalog = tiny_catalog({"a": [3, 2], "b": [1, 3], "c": [2, 2]}, weights=[3.0, 1.0])
    ranking = rank_decision(build_decision(catalog, catalog.profiles["p"]))
    assert pair_summary(Words("en"), compare_pair(ranking, "b", "a")) == "A ranks above B by 1.25, mostly on c0"
    tied = tiny_catalog({"a": [3, 1], "b": [1, 3]})
    pair = compare_pair(rank_decision(build_decision(tied, tied.profiles["p"])), "a", "b")
    assert pair_summary(Words("fr"), pair) == "A fr et B fr ont le même score avec ce profil"


def test_french_runs_have_one_number_format() -> None:
    result = api.rank(api.load_catalog(), "retail", lang="fr")
    assert "0,12 devant Rappel automatique" in result.why()["face_to_face"]


def test_the_percent_thresholds_are_exclusive() -> None:
    assert Words("en").percent(0.001) == "0.1%"
    assert Words("en").percent(0.0999) == "10.0%" and Words("en").percent(0.1) == "10%"


def test_french_typography_puts_a_narrow_no_break_space_before_high_punctuation() -> None:
    french = Words("fr")
    text = french.say("mix_no_recommendation", best="3,00", margin="0,1")
    assert "\u202f;" in text and " ;" not in text
    assert french.colon == "\u202f: " and Words("en").colon == ": "
    assert french.percent(0.39) == "39\u202f%" and Words("en").percent(0.39) == "39%"
    # Every French sentence: no ordinary space before : ; ? ! and none glued to them either.
    import re

    from channelscore.words.sentences import SENTENCES

    for key in SENTENCES["fr"]:
        template = re.sub(r"\{[^}]*\}", "x", french._table[key])
        assert not re.search(r"[ \u00a0][:;?!]", template), key
        assert not re.search(r"[^\u202f(\s][:;?!]", template), key


def test_a_strength_on_effort_or_cost_reads_as_the_good_side() -> None:
    from channelscore import api

    ranking = api.rank(api.load_catalog(), "cost-control", lang="fr")
    why = ranking.why()
    assert "coût au contact faible" in why["self_care"].split("limites")[0]
    assert "coût au contact élevé" in why["face_to_face"].split("limites")[1]
    english = api.rank(api.load_catalog(), "balanced").why()
    assert "little customer effort" in english["email"] or "little customer effort" in english["phone"]
    assert "heavy customer effort" in english["face_to_face"] or "heavy customer effort" in english["letter"]


def test_a_data_text_in_this_language_or_the_other_marked() -> None:
    from channelscore.model import Text

    both = Text("the customer's voice: \"heard\" (40 %)", "la voix du client : \"entendue\" (40 %) ; oui ?")
    assert Words("en").text(both) == "the customer's voice: \"heard\" (40 %)"
    assert Words("fr").text(both) == "la voix du client\u202f: «\u202fentendue\u202f» (40\u202f%)\u202f; oui\u202f?"
    assert Words("fr").text(Text("only English", None)) == "[en] only English"
    assert Words("en").text(Text(None, "seulement en français")) == "[fr] seulement en français"
    assert Words("fr").text(None) == ""
    assert Words("fr").name(Text("Bakery", None)) == "[en] Bakery"


def test_dates_quotes_and_text_from_the_command_line() -> None:
    assert Words("fr").date("2014-10-07") == "7 octobre 2014"
    assert Words("fr").date("2026-08-01") == "1er août 2026"
    assert Words("en").date("2026-08-01") == "1 August 2026"
    assert Words("en").date("2026-12-31") == "31 December 2026"
    assert Words("fr").date("2026-13-01") == "2026-13-01" and Words("fr").date("octobre") == "octobre"
    assert Words("fr").quote("Less is more") == "«\u202fLess is more\u202f»"
    assert Words("en").quote("Less is more") == "“Less is more”"
    assert Words("fr").typeset("Quels canaux ?") == "Quels canaux\u202f?"
    assert Words("en").typeset("Which channels ?") == "Which channels ?"
    assert Words("fr").method("roc") == "centroïde des rangs" and Words("en").method("other") == "other"


def test_names_of_methods_families_groups_and_traits_in_both_languages() -> None:
    from channelscore.words.sentences import SENTENCES

    methods = ("roc", "rank_sum", "rank_reciprocal", "eigenvector", "geometric_mean", "swing")
    for lang in ("en", "fr"):
        words = Words(lang)
        assert [words.method(m) for m in methods] == [SENTENCES[lang][f"method_{m}"] for m in methods]
        assert [words.family(f) for f in ("human", "unassisted", "mixed")] == [
            SENTENCES[lang][f"family_{f}"] for f in ("human", "unassisted", "mixed")]
        assert [words.group(g) for g in ("client", "enterprise")] == [
            SENTENCES[lang][f"group_{g}"] for g in ("client", "enterprise")]
        assert (words.family("other"), words.group("other"), words.trait("other")) == ("other", "other", "other")
    assert Words("fr").trait("in_person") == "en présence"
    # English sentences are used as written; French ones get their narrow no-break spaces.
    assert all(Words("en").say(key) == text for key, text in SENTENCES["en"].items() if "{" not in text)


def test_dates_lists_and_short_numbers_at_their_edges() -> None:
    assert Words("en").date("2026-01-05") == "5 January 2026"
    assert Words("en").date("2026-10") == "2026-10" and Words("en").date("2026-10-x") == "2026-10-x"
    assert Words("en").date("2026-00-05") == "2026-00-05"
    assert Words("en").join(["a"]) == "a" and Words("en").join([]) == ""
    assert Words("en").short(1.23456789) == "1.23457" and Words("fr").short(0.25) == "0,25"


def test_counts_agree_with_their_noun() -> None:
    english, french = Words("en"), Words("fr")
    assert [english.counted(n, "channels") for n in (0, 1, 2)] == ["0 channels", "1 channel", "2 channels"]
    assert [french.counted(n, "channels") for n in (0, 1, 2)] == ["0 canal", "1 canal", "2 canaux"]
    assert english.counted(1, "places") == "1 place" and french.counted(3, "places") == "3 places"
    assert english.counted(1, "moves") == "1 one-step move" and french.counted(2, "moves") == "2 changements d'un cran"
