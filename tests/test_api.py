"""The public Python API: what a notebook user imports, calls and compares, and its agreement with the commands."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import channelscore as cs
from channelscore.cli import app

runner = CliRunner()
WORKSHOPS = Path(__file__).parent / "data" / "workshops"


def command_json(*args: str) -> object:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def catalog() -> cs.Catalog:
    return cs.load_catalog()


def test_the_readme_example(catalog: cs.Catalog) -> None:
    result = cs.rank(catalog, "retail", weights={"trust": 3})
    assert result.rows[0].channel == "face_to_face"
    assert result.decision.profile.id == "local-retail"
    assert result.decision.weights.sum() == pytest.approx(1.0)


def test_every_public_name_resolves_and_nothing_else_does() -> None:
    for name in cs.__all__:
        assert getattr(cs, name) is not None
    with pytest.raises(AttributeError):
        _ = cs.no_such_name  # type: ignore[attr-defined]


def test_importing_the_package_imports_nothing_heavy() -> None:
    script = "import sys, channelscore\nprint(sorted(m for m in ('numpy', 'pydantic', 'yaml', 'rich', 'typer') " \
             "if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_results_are_immutable_and_compare_by_value(catalog: cs.Catalog) -> None:
    first = cs.rank(catalog, "retail", weights={"trust": 3})
    again = cs.rank(cs.load_catalog(), "retail", weights={"trust": 3})
    assert first == again
    assert first != cs.rank(catalog, "retail", weights={"trust": 4})
    assert first != cs.rank(catalog, "retail", weights={"trust": 3}, lang="fr")
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.lang = "fr"  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        first.ranking.scores[0] = 0.0
    with pytest.raises(ValueError, match="read-only"):
        first.decision.ratings[0, 0] = 3.0
    assert cs.sensitivity(catalog, "b2b", samples=500) == cs.sensitivity(catalog, "b2b", samples=500)
    assert cs.sensitivity(catalog, "b2b", samples=500) != cs.sensitivity(catalog, "b2b", samples=500, seed=1)
    assert cs.portfolio(catalog, "retail") == cs.portfolio(catalog, "retail")
    assert cs.compare(catalog, ["retail", "b2b"]) == cs.compare(catalog, ["retail", "b2b"])
    assert cs.load_catalog() == catalog


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_to_dict_is_the_command_json(catalog: cs.Catalog, lang: str) -> None:
    assert cs.rank(catalog, "retail", {"trust": 3}, lang=lang).to_dict() == command_json(
        "rank", "-p", "retail", "-w", "trust=3", "--lang", lang)
    assert cs.explain(catalog, "phone", "b2b", vs="email", lang=lang).to_dict() == command_json(
        "explain", "phone", "-p", "b2b", "--vs", "email", "--lang", lang)
    assert cs.compare(catalog, ["retail", "cost-control"], lang=lang).to_dict() == command_json(
        "compare", "retail", "cost-control", "--lang", lang)
    assert cs.portfolio(catalog, "b2b", max_size=3, require=["family=human"], lang=lang).to_dict() == command_json(
        "portfolio", "-p", "b2b", "--max-size", "3", "--require", "family=human", "--lang", lang)
    assert cs.sensitivity(catalog, "retail", samples=2000, overtake=("email", "phone"), lang=lang).to_dict() == \
        command_json("sensitivity", "-p", "retail", "-n", "2000", "--overtake", "email", "phone", "--lang", lang)
    assert cs.list_items(catalog, "profiles", lang=lang).to_dict() == command_json("list", "profiles", "--lang", lang)
    assert cs.weights(catalog, WORKSHOPS / "saaty-drinks.yaml", lang=lang).to_dict() == command_json(
        "weights", str(WORKSHOPS / "saaty-drinks.yaml"), "--lang", lang)


def test_validate_is_the_command_json(data_copy: Path) -> None:
    assert cs.validate().to_dict() == command_json("validate")
    (data_copy / "profiles" / "b2b.yaml").write_text("format: [\n")
    result = cs.validate(data_copy)
    assert result.failed() and result.errors == 1 and result.problems[0].code == "yaml-syntax"
    document = result.to_dict()
    assert document["ok"] is False and document["problems"][0]["code"] == "yaml-syntax"


def test_top_keeps_the_first_channels(catalog: cs.Catalog) -> None:
    result = cs.rank(catalog, "balanced")
    top = result.top(2)
    # Three channels share the first place in balanced: at most two are kept.
    assert [a.row.channel for a in top.analyses] == ["callback", "phone"]
    assert top.ranking == result.ranking


def test_a_notebook_cell_shows_a_table(catalog: cs.Catalog) -> None:
    html = cs.rank(catalog, "retail")._repr_html_()
    assert "<table>" in html and "<td>Face-to-face</td>" in html and "Recommended mix" in html
    french = cs.rank(catalog, "retail", lang="fr")._repr_html_()
    assert "<td>Face-à-face</td>" in french and "<td class=\"number\">2,65</td>" in french
    assert "<table>" in cs.compare(catalog, ["retail", "b2b"])._repr_html_()
    assert "★" in cs.portfolio(catalog, "retail")._repr_html_()


def test_names_in_html_are_escaped(data_copy: Path) -> None:
    channels = data_copy / "criteria" / "channels.yaml"
    channels.write_text(channels.read_text().replace("names: {en: Phone,", "names: {en: \"<b>Phone</b>\",", 1))
    html = cs.rank(cs.load_catalog(data_copy), "retail")._repr_html_()
    assert "<b>Phone" not in html and "&lt;b&gt;Phone&lt;/b&gt;" in html


def test_errors_name_the_python_arguments(catalog: cs.Catalog) -> None:
    with pytest.raises(cs.RequestError) as error:
        cs.rank(catalog, "retail", weights={"trsut": 2})
    assert error.value.message == "unknown criterion `trsut` in `weights`"
    assert error.value.hint == "did you mean `trust`?"
    with pytest.raises(cs.RequestError, match="`rating_noise` is a probability"):
        cs.sensitivity(catalog, "retail", rating_noise=2)
    with pytest.raises(cs.RequestError, match="`samples` must be at least 1"):
        cs.sensitivity(catalog, "retail", samples=0)
    with pytest.raises(cs.RequestError, match="`concentration` takes"):
        cs.sensitivity(catalog, "retail", concentration=float("inf"))
    with pytest.raises(cs.RequestError, match="`margin` takes a finite number, zero or more"):
        cs.portfolio(catalog, "retail", margin=float("nan"))
    with pytest.raises(cs.RequestError, match="not both"):
        cs.portfolio(catalog, "retail", size=2, max_size=3)
    with pytest.raises(cs.RequestError, match="unknown profile `retial`"):
        cs.rank(catalog, "retial")
    with pytest.raises(cs.RequestError, match="at least two"):
        cs.compare(catalog, ["retail"])
    with pytest.raises(cs.RequestError, match="cannot list"):
        cs.list_items(catalog, "shops")  # type: ignore[arg-type]


def test_a_profile_record_or_a_path_is_accepted(catalog: cs.Catalog, tmp_path: Path) -> None:
    retail = cs.profile(catalog, "retail")
    assert cs.rank(catalog, retail) == cs.rank(catalog, "local-retail")
    path = tmp_path / "shop.yaml"
    path.write_text("format: channelscore/scenario@1\nid: shop\nbase: retail\nweights:\n"
                    "  contact_cost: {value: 5, reason: tight margins}\n")
    assert cs.profile(catalog, path).chain == ("shop", "local-retail", "balanced")
    assert cs.rank(catalog, path).decision.profile.id == "shop"


def test_client_report_writes_html_and_markdown(catalog: cs.Catalog, tmp_path: Path) -> None:
    report = cs.client_report(catalog, "retail", samples=2000)
    page = report.write(tmp_path / "r.html")
    assert page.read_text().startswith("<!DOCTYPE html>")
    assert report.write(tmp_path / "r.md").read_text().startswith("# Complaint channels for Local retail")
    with pytest.raises(cs.RequestError, match="already exists"):
        report.write(tmp_path / "r.md")
    with pytest.raises(cs.RequestError, match="cannot tell the format"):
        report.write(tmp_path / "r.txt")
    assert "<h1>" in report._repr_html_() and "<!DOCTYPE" not in report._repr_html_()


def test_schema_and_init(tmp_path: Path) -> None:
    assert json.loads(cs.json_schema("profile"))["title"].startswith("channelscore profile file")
    with pytest.raises(cs.RequestError):
        cs.json_schema("shop")  # type: ignore[arg-type]
    target = cs.init_data(tmp_path / "client")
    assert (target / "criteria" / "channels.yaml").is_file()
    assert cs.load_catalog(target) == cs.load_catalog(target)


def test_the_api_defaults_are_the_sampling_defaults() -> None:
    from channelscore import api
    from channelscore.core import smaa

    assert (api.DEFAULT_SAMPLES, api.DEFAULT_SEED) == (smaa.DEFAULT_SAMPLES, smaa.DEFAULT_SEED)


def test_rank_imports_only_what_it_needs() -> None:
    script = ("import sys, channelscore as cs\ncs.rank(cs.load_catalog(), 'retail')\n"
              "print(sorted(m for m in ('yaml', 'pydantic', 'matplotlib', 'rich', 'channelscore.data.catalog', "
              "'channelscore.core.smaa', 'channelscore.core.compare') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_notebook_completes_the_public_names() -> None:
    assert set(cs.__all__) <= set(dir(cs))
