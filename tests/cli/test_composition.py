"""Composed profiles on the command line: every command that takes a profile, the explanation of where each
weight and adjustment comes from, the statements set aside, and the errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from channelscore.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.output


def test_rank_names_the_composition_and_its_weights() -> None:
    code, out = run("rank", "-p", "retail+urgent", "-f", "json")
    assert code == 0, out
    document = json.loads(out)
    assert document["profile"] == "local-retail+urgent-breakdown"
    assert document["weights"]["responsiveness"] == 8 / 31
    code, out = run("rank", "-p", "retail+urgent")
    assert "Local retail · urgent breakdown (local-retail+urgent-breakdown)" in out


def test_every_command_takes_a_composition(tmp_path: Path) -> None:
    for args in (["explain", "phone"], ["portfolio"], ["sensitivity", "--samples", "2000"],
                 ["list", "expectations"], ["compare", "retail"]):
        code, out = run(*args, "-p", "retail+urgent") if args[0] != "compare" else run("compare", "retail",
                                                                                          "retail+urgent")
        assert code == 0, (args, out)
    code, out = run("report", "-p", "commerce de proximité+panne urgente", "--lang", "fr",
                    "-o", str(tmp_path / "r.md"))
    assert code == 0, out
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "Commerce de proximité (segment), avec panne urgente" in text
    assert "| Rapidité de réaction | 26\u202f% | 2 (Commerce de proximité\u202f: attendre d'être entendu" in text
    assert "× 4 (Panne urgente\u202f: l'urgence du problème décide du canal)" in text
    assert "Rappel automatique, rapidité de réaction\u202f: note 1 selon Panne urgente" in text
    assert "mis de côté dans cette composition" in text


def test_explain_says_where_each_weight_and_adjustment_comes_from() -> None:
    code, out = run("explain", "callback", "-p", "retail+urgent")
    assert code == 0, out
    assert "How Local retail · urgent breakdown is composed" in out
    assert "Responsiveness (26%): 2 (Local retail: waiting to be heard makes the dissatisfaction worse) × 4 " \
           "(Urgent breakdown: the urgency of the problem decides the channel)" in out
    assert "Automatic call-back, responsiveness: rated 1 by Urgent breakdown" in out
    code, out = run("explain", "callback", "-p", "retail+urgent", "-f", "json")
    composition = json.loads(out)["composition"]
    assert [part["kind"] for part in composition["parts"]] == ["segment", "situation"]
    assert composition["weights"]["first_contact_resolution"]["value"] == 6
    assert {a["profile"] for a in composition["adjustments"]} == {"local-retail", "urgent-breakdown"}
    assert {(a["profile"], a["index"]) for a in composition["set_aside"]} == {
        ("local-retail", 0), ("local-retail", 1), ("urgent-breakdown", 0)}


def test_list_expectations_shows_the_statements_set_aside() -> None:
    code, out = run("list", "expectations", "-p", "retail+urgent", "-f", "json")
    assert code == 0, out
    document = json.loads(out)
    assert document["set_aside"] == 3 and document["fails"] == 0
    aside = [e for e in document["expectations"] if e["status"] == "set_aside"]
    assert all(e["checked_in"] == "local-retail+urgent-breakdown" for e in aside)
    assert {e["profile"] for e in document["expectations"]} == {"local-retail", "urgent-breakdown"}


def test_list_profiles_tells_segments_from_situations() -> None:
    code, out = run("list", "profiles", "-f", "json")
    kinds = {p["id"]: p["kind"] for p in json.loads(out)}
    assert kinds["balanced"] == "base" and kinds["local-retail"] == "segment"
    assert kinds["urgent-breakdown"] == "situation" and kinds["b2b"] == "segment"
    assert next(iter(kinds)) == "balanced" and list(kinds)[-1] == "urgent-breakdown"
    code, out = run("list", "profiles")
    assert code == 0 and "situation" in out and "Compose one segment" in out


def test_compositions_that_cannot_be_made_are_usage_errors() -> None:
    code, out = run("rank", "-p", "retail+b2b")
    assert code == 2 and "`local-retail` and `b2b` are all segments" in out and "hint:" in out
    code, out = run("rank", "-p", "retail+urgnet")
    assert code == 2 and "did you mean `urgent`?" in out
    code, out = run("rank", "-p", "retail+")
    assert code == 2 and "empty part" in out
