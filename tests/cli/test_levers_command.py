"""The levers command and the levers section of explain: formats, languages, the channel option, errors."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from channelscore.cli import app

runner = CliRunner()


def levers_json(*arguments: str) -> dict:
    result = runner.invoke(app, ["levers", *arguments, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_json_document_holds_every_lever_with_its_sentence() -> None:
    document = levers_json("-p", "retail")
    assert document["profile"] == "local-retail" and document["channel"] is None
    assert document["first"] == ["face_to_face"]
    assert document["mix"] == ["face_to_face", "self_care"]
    phone = next(item for item in document["levers"]
                 if (item["channel"], item["criterion"], item["from"], item["to"]) == ("phone", "responsiveness", 2, 3))
    assert phone["changes"] == ["first", "rank"] and phone["first_after"] == ["face_to_face", "phone"]
    assert phone["sentence"].startswith("Phone, responsiveness 2 → 3: Phone would share first place with "
                                        "Face-to-face (rated 2 now: ")
    assert "waiting time" in phone["sentence"]
    assert "Looked at 140 one-point changes of the ratings" in document["scope"]


def test_one_channel_in_french_with_its_name() -> None:
    document = levers_json("-p", "commerce de proximité", "--channel", "Téléphone", "--lang", "fr")
    assert document["channel"] == "phone"
    assert {item["channel"] for item in document["levers"]} == {"phone"}
    sentence = next(item["sentence"] for item in document["levers"] if item["criterion"] == "responsiveness")
    assert sentence.startswith("Téléphone, rapidité de réaction 2 → 3\u202f: Téléphone partagerait la première place "
                               "avec Face-à-face (noté 2 aujourd'hui\u202f: ")
    assert "aucune paire n'était nécessaire" in document["scope"]


def test_pairs_and_channels_beyond_two_steps_are_named() -> None:
    document = levers_json("-p", "b2b")
    assert document["beyond_pairs"] == ["letter", "social_networks"]
    proof = next(pair for pair in document["pairs"] if pair["channel"] == "face_to_face")
    assert [(step["criterion"], step["from"], step["to"]) for step in proof["steps"]] == [
        ("written_proof", 1, 2), ("written_proof", 2, 3)]
    assert proof["sentence"] == "Face-to-face: written proof 1 → 3 together would put it first, 0.16 ahead."


def test_the_table_shows_twelve_unless_all_and_csv_has_a_row_per_lever() -> None:
    table = runner.invoke(app, ["levers", "-p", "retail"], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "Improvement levers for Local retail (local-retail)" in table.stdout
    total = len(levers_json("-p", "retail")["levers"])
    assert f"12 of {total} levers shown (--all lists every one)." in table.stdout
    every = runner.invoke(app, ["levers", "-p", "retail", "--all"], env={"COLUMNS": "200"})
    assert "levers shown" not in every.stdout and every.stdout.count(" → ") >= total
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["levers", "-p", "retail", "--format", "csv"]).stdout)))
    assert len(rows) == total and rows[0]["channel"] == "face_to_face" and rows[0]["changes"] == "first;rank;mix"
    markdown = runner.invoke(app, ["levers", "-p", "retail", "--format", "markdown"]).stdout
    assert markdown.startswith("## Improvement levers for Local retail (`local-retail`)")
    assert markdown.count("\n| ") == total + 1


def test_an_unknown_channel_is_a_usage_error_with_a_suggestion() -> None:
    result = runner.invoke(app, ["levers", "-p", "retail", "--channel", "phnoe"])
    assert result.exit_code == 2
    assert "unknown channel `phnoe`" in result.output and "did you mean `phone`?" in result.output


def test_explain_has_the_channel_s_levers() -> None:
    result = runner.invoke(app, ["explain", "phone", "-p", "retail"], env={"COLUMNS": "200"})
    assert "Levers\n  - Phone, accessibility 2 → 3: Phone would share first place with Face-to-face" in result.stdout
    letter = runner.invoke(app, ["explain", "letter", "-p", "retail"], env={"COLUMNS": "200"})
    assert "No one-point change of Letter and fax's ratings changes" in letter.stdout
    assert "do not bring these first: Letter and fax." in letter.stdout
    document = json.loads(runner.invoke(app, ["explain", "phone", "-p", "retail", "--format", "json"]).stdout)
    assert document["levers"]["channel"] == "phone" and document["levers"]["levers"]
