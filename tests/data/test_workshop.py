"""The weights command: workshop files to weights and a profile that validate accepts; every bad answer located."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from channelscore.cli import app
from channelscore.core.elicitation import workshop_weights
from channelscore.data.workshop import read_workshop
from channelscore.model import Catalog

runner = CliRunner()
HERE = Path(__file__).parent / "workshops"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_a_ranking_with_ties_and_two_participants(tmp_path: Path) -> None:
    target = tmp_path / "acme.yaml"
    code, out, _ = run("weights", str(HERE / "ranking-ties.yaml"), "-o", str(target), "-f", "json")
    assert code == 0, out
    document = json.loads(out)
    assert document["method"] == "roc" and document["method_name"] == "rank-order centroid"
    care, finance = (p["weights"] for p in document["participants"])
    assert care["trust"] == care["first_contact_resolution"] == pytest.approx((0.1929 + 0.1429) / 2, abs=1e-4)
    assert finance["contact_cost"] == pytest.approx(0.2929, abs=1e-4)
    assert document["weights"]["trust"] == pytest.approx((care["trust"] + finance["trust"]) / 2)
    assert sum(document["weights"].values()) == pytest.approx(1.0)
    code, out, _ = run("validate", str(target), "--strict", "-f", "text")
    assert code == 0, out
    code, out, _ = run("rank", "-p", str(target), "-f", "json")
    assert code == 0 and json.loads(out)["profile"] == "acme-ranking"


def test_swing_points_and_criteria_left_out(tmp_path: Path) -> None:
    target = tmp_path / "swing.yaml"
    code, out, _ = run("weights", str(HERE / "swing.yaml"), "-o", str(target))
    assert code == 0, out
    assert "Weight 0 (not in the workshop)" in out
    text = target.read_text()
    assert "extends: pure-player" in text and "accessibility:\n    value: 0.3571\n" in text
    # Every text in both languages.
    assert ("    value: 0\n    reason:\n      en: not weighed in workshop `acme-swing`\n"
            "      fr: non pondéré dans l'atelier `acme-swing`\n") in text
    assert "  en: Weights agreed in workshop acme-swing (swing weighting).\n" in text
    assert "  fr: Pondérations convenues dans l'atelier acme-swing (pondération par swing).\n" in text
    assert run("validate", str(target), "-f", "text")[0] == 0


def test_inconsistent_judgments_are_refused_with_what_to_revisit() -> None:
    code, _, err = run("weights", str(HERE / "ahp-inconsistent.yaml"))
    assert code == 1
    assert "ahp-inconsistent.yaml:9:7: inconsistent-judgments participant `Sales` has a consistency ratio of" in err
    assert "revisit" in err and "--accept-inconsistent" in err


def test_accepting_inconsistency_writes_the_profile(tmp_path: Path) -> None:
    target = tmp_path / "ahp.yaml"
    code, out, _ = run("weights", str(HERE / "ahp-inconsistent.yaml"), "--accept-inconsistent", "-o", str(target),
                       "-f", "json")
    assert code == 0
    document = json.loads(out)
    assert document["participants"][0]["consistency"]["cr"] > 0.10
    assert document["random_index"]["source"].startswith("Saaty (1980)")
    assert document["random_index"]["values"]["3"] == 0.58
    assert target.is_file()


def located(err: str) -> list[str]:
    return [line.split(" ")[0] + " " + line.split(" ")[1] for line in err.splitlines() if ".yaml:" in line]


@pytest.mark.parametrize(("case", "expected"), [
    ("ahp-bad.yaml", ["ahp-bad.yaml:11:44: invalid-value"]),
    ("swing-bad.yaml", ["swing-bad.yaml:3:7: extends-unknown"]),
    ("ranking-bad.yaml", ["ranking-bad.yaml:8:22: duplicate-id", "ranking-bad.yaml:8:14: missing-judgment",
                          "ranking-bad.yaml:9:5: missing-judgment"]),
    ("one-criterion.yaml", ["one-criterion.yaml:5:11: too-few-criteria"]),
])
def test_bad_workshops_are_located(case: str, expected: list[str]) -> None:
    code, _, err = run("weights", str(HERE / case))
    assert code == 1, err
    assert "Traceback" not in err
    assert sorted(located(err)) == sorted(f"{HERE / line.split(':')[0]}:{line.split(':', 1)[1]}"
                                          for line in expected)


def test_swing_and_ahp_semantics_once_the_shape_is_right(tmp_path: Path) -> None:
    swing = (HERE / "swing-bad.yaml").read_text().replace("retial", "retail")
    (tmp_path / "swing.yaml").write_text(swing)
    code, _, err = run("weights", str(tmp_path / "swing.yaml"))
    assert code == 1 and "off-scale swing points of `accessibility` are 120, not 0 to 100" in err
    ahp = (HERE / "ahp-bad.yaml").read_text().replace("value: 2.5", "value: 3").replace("value: 10", "value: 2")
    ahp = ahp.replace("b: trsut", "b: contact_cost")
    (tmp_path / "ahp.yaml").write_text(ahp)
    code, _, err = run("weights", str(tmp_path / "ahp.yaml"))
    assert code == 1
    assert "contradicting-judgment `accessibility` against `human_relation` contradicts the judgment on line 12" in err
    assert ("missing-judgment participant `Sales` leaves 2 of 6 pairs uncompared: trust/accessibility, "
            "accessibility/contact_cost") in err  # the off-scale judgment counts as not given
    assert "off-scale `3` is not on Saaty's scale" in err  # the quoted "3" is text, not a number


def test_missing_workshop_file_and_existing_profile() -> None:
    assert run("weights", "nowhere.yaml")[0] == 2
    code, _, err = run("weights", str(HERE / "swing.yaml"), "-o", str(HERE / "swing.yaml"))
    assert code == 2 and "already exists" in err


def test_saaty_drinks_example_through_a_workshop_file(tmp_path: Path) -> None:
    """Saaty (2008), International Journal of Services Sciences 1(1): the drinks example, written with pairs
    both ways round and reciprocal values as text, gives the published priorities and CR."""
    code, out, _ = run("weights", str(HERE / "saaty-drinks.yaml"), "-f", "json")
    assert code == 0
    document = json.loads(out)
    published = {"trust": .177, "human_relation": .019, "accessibility": .042, "responsiveness": .116,
                 "first_contact_resolution": .190, "effort": .129, "contact_cost": .327}
    assert {k: round(v, 3) for k, v in document["weights"].items()} == published
    assert round(document["consistency"]["cr"], 3) == 0.022
    text = (HERE / "saaty-drinks.yaml").read_text().replace("method: ahp", "method: ahp\nahp_method: geometric_mean")
    (tmp_path / "gm.yaml").write_text(text)
    code, out, _ = run("weights", str(tmp_path / "gm.yaml"), "-f", "json")
    geometric = json.loads(out)
    assert code == 0 and geometric["method_name"] == "AHP, row geometric mean"
    assert geometric["weights"]["contact_cost"] == pytest.approx(0.324, abs=0.001)  # .327 by the eigenvector
    assert geometric["consistency"]["cr"] == pytest.approx(document["consistency"]["cr"])


def test_validate_checks_workshop_files_too() -> None:
    code, out, _ = run("validate", str(HERE / "swing.yaml"), str(HERE / "ahp-inconsistent.yaml"), "-f", "json")
    assert code == 1
    document = json.loads(out)
    assert [(Path(p["file"]).name, p["code"]) for p in document["problems"]] == [
        ("ahp-inconsistent.yaml", "inconsistent-judgments")]
    assert run("validate", str(HERE / "saaty-drinks.yaml"), "-f", "text")[0] == 0


def test_reading_a_workshop_file_directly(catalog: Catalog) -> None:
    """The reader turns answers into places, points or complete reciprocal matrices, criteria in file order."""
    ranking = read_workshop(HERE / "ranking-ties.yaml", catalog)
    assert (ranking.id, ranking.base, ranking.method, ranking.weighting) == ("acme-ranking", "balanced", "ranking",
                                                                             "roc")
    assert ranking.participants == ("Customer care", "Finance") and ranking.zero == ()
    places = dict(zip(ranking.criteria, ranking.answers[0], strict=True))
    assert places["human_relation"] == [1] and places["trust"] == places["first_contact_resolution"] == [2, 3]
    ahp = read_workshop(HERE / "ahp-inconsistent.yaml", catalog)
    assert ahp.criteria == ("trust", "human_relation", "accessibility")
    assert "effort" in ahp.zero
    matrix = ahp.answers[0]
    assert matrix[0][1] == 5 and matrix[1][0] == pytest.approx(1 / 5) and matrix[2][0] == 5
    assert all(matrix[i][i] == 1 for i in range(3))


def test_workshop_weights_from_the_answers(catalog: Catalog) -> None:
    ahp = read_workshop(HERE / "ahp-inconsistent.yaml", catalog)
    agreed = workshop_weights(ahp.id, ahp.base, ahp.method, ahp.weighting, ahp.criteria, ahp.participants,
                              ahp.answers, ahp.zero)
    # A perfectly circular set of judgments: every criterion weighs the same, and CR is far above 0.10.
    assert agreed.weights == pytest.approx([1 / 3] * 3)
    assert [item.participant for item in agreed.inconsistent] == [0]
    assert agreed.inconsistent[0].consistency.cr > 2
    swing = read_workshop(HERE / "swing.yaml", catalog)
    result = workshop_weights(swing.id, swing.base, swing.method, swing.weighting, swing.criteria,
                              swing.participants, swing.answers, swing.zero)
    assert result.inconsistent == () and result.consistency is None
    assert sum(result.weights) == pytest.approx(1.0)
