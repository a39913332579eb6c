"""portfolio: exhaustive search against brute force, requirements, recommended size, the command, rank's last line."""

from __future__ import annotations

import json
from itertools import combinations, pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from typer.testing import CliRunner

from channelscore import api
from channelscore.cli import app
from channelscore.core.decision import build_decision
from channelscore.core.portfolio import (
    Requirement,
    allowed_sets,
    best_sets,
    coverage,
    marginal_gains,
    mix_for,
    mix_report,
    parse_requirements,
    portfolio,
)
from channelscore.errors import RequestError
from channelscore.model import Catalog

runner = CliRunner()


@st.composite
def catalogues(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, list[str], list[list[str]]]:
    channels = draw(st.integers(2, 8))
    criteria = draw(st.integers(1, 5))
    ratings = draw(arrays(np.float64, (channels, criteria), elements=st.integers(1, 3).map(float)))
    raw = draw(arrays(np.float64, criteria, elements=st.floats(0.0, 1.0)).filter(lambda w: w.sum() > 0))
    families = draw(st.lists(st.sampled_from(["human", "unassisted", "mixed"]), min_size=channels,
                             max_size=channels))
    traits = draw(st.lists(st.lists(st.sampled_from(["written", "voice", "digital"]), unique=True),
                           min_size=channels, max_size=channels))
    return ratings, raw / raw.sum(), families, traits


def brute_force(ratings: np.ndarray, weights: np.ndarray, size: int, allowed: list[int],
                ok: object = lambda members: True) -> float | None:
    best = None
    for members in combinations(allowed, size):
        if not ok(members):  # type: ignore[operator]
            continue
        value = sum(weights[c] * max(ratings[i][c] for i in members) for c in range(len(weights)))
        best = value if best is None else max(best, value)
    return best


@settings(max_examples=200, deadline=None)
@given(catalogues(), st.data())
def test_the_search_finds_the_brute_force_optimum(catalogue: tuple[np.ndarray, np.ndarray, list[str],
                                                                   list[list[str]]], data: st.DataObject) -> None:
    ratings, weights, families, traits = catalogue
    n = len(ratings)
    excluded = data.draw(st.lists(st.integers(0, n - 1), unique=True, max_size=n - 1))
    want_human = data.draw(st.booleans())
    want_written = data.draw(st.booleans())
    allowed = [i for i in range(n) if i not in excluded]

    def ok(members: tuple[int, ...]) -> bool:
        return ((not want_human or any(families[i] == "human" for i in members))
                and (not want_written or any("written" in traits[i] for i in members)))

    satisfies = np.array([[families[i] == "human" for i in range(n)], ["written" in traits[i] for i in range(n)]]).T
    columns = [c for c, wanted in enumerate((want_human, want_written)) if wanted]
    result = portfolio(ratings, weights, range(1, n + 1), allowed, satisfies[:, columns] if columns else None)
    found = {r.size: r.sets[0] for r in result.by_size}
    for size in range(1, n + 1):
        expected = brute_force(ratings, weights, size, allowed, ok)
        if expected is None:
            assert size not in found
            continue
        assert found[size].coverage == pytest.approx(expected)
        assert ok(found[size].members) and not set(found[size].members) & set(excluded)
        sets = result.by_size[[r.size for r in result.by_size].index(size)].sets
        assert all(a.coverage >= b.coverage - 1e-9 for a, b in pairwise(sets))
    assert result.best_possible == pytest.approx(coverage(ratings, weights, allowed))
    early = portfolio(ratings, weights, range(1, n + 1), allowed, satisfies[:, columns] if columns else None,
                      stop_at_recommended=True)
    assert early.recommended == result.recommended
    assert early.by_size == result.by_size[:len(early.by_size)]
    if result.recommended is not None:
        assert early.by_size[-1].size == result.recommended
        assert found[result.recommended].coverage >= result.best_possible - result.margin - 1e-9
        assert all(found[s].coverage < result.best_possible - result.margin - 1e-9
                   for s in found if s < result.recommended)


def test_coverage_and_marginal_gains_by_hand() -> None:
    ratings = np.array([[3.0, 1.0], [1.0, 3.0], [2.0, 2.0]])
    weights = np.array([0.5, 0.5])
    assert coverage(ratings, weights, [0, 1]) == 3.0
    assert marginal_gains(ratings, weights, [0, 1]) == [1.0, 1.0]
    assert marginal_gains(ratings, weights, [0, 1, 2]) == [0.5, 0.5, 0.0]  # without a, c still gives 2 on x
    report = mix_report(ratings, weights, ["a", "b", "c"], ["human"] * 3, [[], [], []], ["x", "y"], [1, 2])
    # a, b and c all cover 2.0 alone and score 2.0: the first in catalogue order is shown.
    assert report.best[1].channels == ("a",) and report.best[2].channels == ("a", "b")
    assert report.recommended == 2 and report.best[1].weak == (("y", 1),) and report.best[2].weak == ()


def test_portfolio_command_json() -> None:
    result = runner.invoke(app, ["portfolio", "-p", "retail", "-f", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    for key in ("profile", "size", "best", "alternatives"):
        assert key in document
    assert document["profile"] == "local-retail" and document["size"] == document["recommended_size"] == 2
    assert document["best"]["channels"] == ["face_to_face", "self_care"]
    assert set(document["best"]["marginal_gains"]) == {"face_to_face", "self_care"}
    assert len(document["alternatives"]) == 5 and [s["size"] for s in document["by_size"]] == [1, 2, 3, 4]


def test_requirements_exclusions_and_sizes() -> None:
    result = runner.invoke(app, ["portfolio", "-p", "b2b", "--size", "2", "--require", "trait=written",
                                 "--exclude", "face_to_face", "-f", "json"])
    document = json.loads(result.stdout)
    assert document["size"] == 2 and "face_to_face" not in document["best"]["channels"]
    assert document["requirements"] == ["trait=written"]
    csv_text = runner.invoke(app, ["portfolio", "-p", "retail", "-f", "csv"]).stdout
    assert csv_text.splitlines()[0] == "size,place,channels,coverage,recommended"
    assert "2,1,face_to_face;self_care,3.0,yes" in csv_text
    markdown = runner.invoke(app, ["portfolio", "-p", "retail", "-f", "markdown"]).stdout
    assert "| 2 ★ | Face-to-face + Self-care and cross-channel features | 3.00 |" in markdown


def test_bad_requirements_are_usage_errors() -> None:
    bad = runner.invoke(app, ["portfolio", "--require", "trait=writen"])
    assert bad.exit_code == 2 and "did you mean `written`?" in bad.stderr
    assert runner.invoke(app, ["portfolio", "--require", "colour=red"]).exit_code == 2
    assert runner.invoke(app, ["portfolio", "--exclude", "fax"]).exit_code == 2
    assert runner.invoke(app, ["portfolio", "--size", "0"]).exit_code == 2
    both = runner.invoke(app, ["portfolio", "--size", "2", "--max-size", "3"])
    assert both.exit_code == 2 and "not both" in both.stderr


def test_impossible_requirements_say_so() -> None:
    args = ["portfolio", "--size", "1", "--require", "family=human", "--require", "trait=automated", "-f", "json"]
    document = json.loads(runner.invoke(app, args).stdout)
    assert document["size"] is None and document["best"] is None
    table = runner.invoke(app, args[:-2]).stdout
    assert "No set of the sizes asked meets the requirements." in table


def test_rank_ends_with_the_recommended_mix() -> None:
    result = runner.invoke(app, ["rank", "-p", "retail"])
    text = " ".join(result.stdout.split())
    assert text.endswith("Recommended mix (2 channels): Face-to-face + Self-care and cross-channel features; "
                         "coverage 3.00 of 3.00. See `channelscore portfolio`.")


def test_sets_are_generated_in_batches_with_their_positions() -> None:
    batches = list(allowed_sets(range(6), 3, None, batch=7))
    assert [len(sets) for _, sets in batches] == [7, 7, 6]
    assert [first for first, _ in batches] == [0, 7, 14]
    every = np.concatenate([sets for _, sets in batches])
    assert [tuple(row) for row in every] == list(combinations(range(6), 3))


def test_the_batch_size_never_changes_the_answer() -> None:
    rng = np.random.default_rng(7)
    ratings = rng.integers(1, 4, size=(12, 5)).astype(float)
    weights = rng.random(5)
    tiebreak = ratings @ weights
    answers = {best_sets(ratings, weights, allowed_sets(range(12), 3, None, batch=batch), 6, tiebreak)
               for batch in (1, 5, 64, 1 << 16)}
    assert len(answers) == 1


def test_a_search_past_the_bound_is_refused_before_any_work() -> None:
    ratings = np.ones((200, 3))
    weights = np.ones(3) / 3
    with pytest.raises(RequestError, match="64,684,950 sets of 200 channels"):
        portfolio(ratings, weights, [4], list(range(200)))
    # Behind a ranking's closing line the search stops quietly at the last size within the bound.
    quiet = portfolio(ratings, weights, [1, 2, 3, 4], list(range(200)), stop_at_recommended=True, margin=-1.0)
    assert [r.size for r in quiet.by_size] == [1, 2, 3]


def test_the_bound_on_sets_is_exact() -> None:
    ratings = np.eye(6) * 2 + 1
    weights = np.ones(6) / 6
    assert portfolio(ratings, weights, [3], list(range(6)), max_sets=20).by_size  # C(6, 3) = 20 sets: allowed
    with pytest.raises(RequestError, match="would score 20 sets of 6 channels, more than the limit of 19"):
        portfolio(ratings, weights, [3], list(range(6)), max_sets=19)
    quiet = portfolio(ratings, weights, [1, 2, 3], list(range(6)), stop_at_recommended=True, margin=-1.0,
                      max_sets=6 + 15 + 20)
    assert [r.size for r in quiet.by_size] == [1, 2, 3]
    shorter = portfolio(ratings, weights, [1, 2, 3], list(range(6)), stop_at_recommended=True, margin=-1.0,
                        max_sets=6 + 15 + 19)
    assert [r.size for r in shorter.by_size] == [1, 2]


def test_mix_for_checks_its_requests(catalog: Catalog) -> None:
    decision = build_decision(catalog, api.profile(catalog, "balanced"))
    assert mix_for(decision, [1, 2], margin=0.0).margin == 0.0  # no margin at all is a valid request
    with pytest.raises(RequestError) as error:
        mix_for(decision, [11])
    assert error.value.message == "`size` 11 asks for more channels than the 10 that can be chosen"
    assert error.value.hint == "ask for a set of 10 channels or fewer" and error.value.argument == "size"
    with pytest.raises(RequestError) as error:
        mix_for(decision, [3], excludes=["phone", "letter", "email", "ivr", "website", "web_video", "callback",
                                         "self_care"])
    assert error.value.message == "`size` 3 asks for more channels than the 2 that can be chosen"
    with pytest.raises(RequestError) as error:
        mix_for(decision, [0])
    assert error.value.message == "a set holds at least one channel"
    with pytest.raises(RequestError) as error:
        mix_for(decision, [1], margin=float("nan"))
    assert (error.value.message, error.value.argument) == ("`margin` takes a finite number, zero or more", "margin")
    with pytest.raises(RequestError, match=r"^no channel has trait `x=y`$"):
        mix_for(decision, [1], requires=["trait=x=y"])


def test_mix_for_passes_margin_and_early_stop_on(catalog: Catalog) -> None:
    decision = build_decision(catalog, api.profile(catalog, "balanced"))
    wide = mix_for(decision, [1, 2, 3, 4], margin=2.0)
    assert wide.recommended == 1 and wide.margin == 2.0
    early = mix_for(decision, [1, 2, 3, 4], margin=2.0, stop_at_recommended=True)
    assert sorted(early.best) == [1]
    assert sorted(mix_for(decision, [1, 2, 3, 4], margin=2.0).best) == [1, 2, 3, 4]


def test_a_criterion_of_weight_zero_is_never_called_weak(catalog: Catalog) -> None:
    profile = api.profile(catalog, "balanced")
    decision = build_decision(catalog, profile, {name: 0.0 for name in ("effort", "flow_flexibility")})
    for mix in mix_for(decision, [1, 2]).best.values():
        assert not {"effort", "flow_flexibility"} & {criterion for criterion, _ in mix.weak}


def test_a_family_requirement_is_met_by_family_not_by_trait() -> None:
    ratings = np.array([[3.0, 1.0], [1.0, 3.0], [3.0, 2.0]])
    weights = np.array([0.5, 0.5])
    # Channel b has the trait `human` but the family `unassisted`: only a and c are of the human family.
    report = mix_report(ratings, weights, ["a", "b", "c"], ["human", "unassisted", "human"],
                        [("remote",), ("human",), ("remote",)], ["x", "y"], [1],
                        [Requirement("family", "human")])
    assert report.best[1].channels == ("c",)


def test_weak_criteria_come_lowest_rating_first_then_heaviest() -> None:
    ratings = np.array([[1.0, 2.0, 1.0, 3.0]])
    weights = np.array([0.1, 0.2, 0.3, 0.4])
    report = mix_report(ratings, weights, ["a"], ["human"], [()], ["p", "q", "r", "s"], [1])
    assert report.best[1].weak == (("r", 1), ("p", 1), ("q", 2))


def test_requirement_errors_name_the_option_and_the_choices() -> None:
    with pytest.raises(RequestError) as error:
        parse_requirements(["colour=red"], ["human"], ["written"])
    assert (error.value.message, error.value.argument) == (
        "`require` `colour=red` is not `family=NAME` or `trait=NAME`", "require")
    assert error.value.hint == "for example `require` family=human `require` trait=written"
    with pytest.raises(RequestError) as error:
        parse_requirements(["trait=zzz"], ["human"], ["written", "voice"])
    assert error.value.hint == "trait values: voice, written"


def test_a_given_mix_is_scored_beside_the_best_of_its_size() -> None:
    # Local retail weighs 17 in all; phone + face-to-face + e-mail rate 3 everywhere but contact cost and
    # automation (weights 1 each), where their best is 2: coverage 3 - 2/17. Without e-mail those two fall to
    # 1 (2/17 lost); without face-to-face, accessibility and responsiveness (weight 2 each, adjusted to 3 for a
    # shop) fall to 2 (4/17 lost); the phone adds nothing the other two do not give.
    result = runner.invoke(app, ["portfolio", "-p", "retail", "--mix", "Téléphone, FACE-TO-FACE,e-mail", "-f", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    given = document["given"]
    assert given["channels"] == ["phone", "face_to_face", "email"]
    assert given["coverage"] == pytest.approx(3 - 2 / 17)
    assert given["marginal_gains"] == pytest.approx({"phone": 0.0, "face_to_face": 4 / 17, "email": 2 / 17})
    assert given["weak_criteria"] == [{"criterion": "contact_cost", "best_rating": 2},
                                      {"criterion": "automation", "best_rating": 2}]
    assert document["size"] == 3 and document["best"]["coverage"] == pytest.approx(3)
    assert document["gap"] == pytest.approx(2 / 17)
    text = runner.invoke(app, ["portfolio", "-p", "retail", "--mix", "phone,face_to_face,email"],
                         env={"COLUMNS": "200"}).stdout
    assert "Your mix, Phone + Face-to-face + E-mail, covers 2.88 against 3.00 with every channel." in text
    assert "The best set of 3, Phone + Face-to-face + Self-care and cross-channel features, covers 3.00: 0.12 more." \
        in text
    best = runner.invoke(app, ["portfolio", "-p", "retail", "--mix", "face_to_face,self_care", "-f", "json"]).stdout
    assert json.loads(best)["gap"] == 0.0


def test_a_given_mix_names_known_applicable_channels() -> None:
    result = runner.invoke(app, ["portfolio", "-p", "retail", "--mix", "face_to_face,telefone"])
    assert result.exit_code == 2 and "unknown channel `telefone`" in result.output and "Téléphone" in result.output
    result = runner.invoke(app, ["portfolio", "-p", "pure-player", "--mix", "face_to_face,phone"])
    assert result.exit_code == 2 and "does not apply" in result.output
    result = runner.invoke(app, ["portfolio", "-p", "retail", "--mix", " , "])
    assert result.exit_code == 2 and "names no channel" in result.output
    result = runner.invoke(app, ["portfolio", "-p", "retail", "--mix", "phone", "--size", "2"])
    assert result.exit_code == 2 and "takes no size" in result.output
