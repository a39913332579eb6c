"""A client's profile is ranked on the client's data: the data folder it sits in is read without --data, and a
command given two profiles says so instead of keeping the last."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from channelscore.cli import app
from channelscore.errors import RequestError

runner = CliRunner()
PROFILE = """format: channelscore/profile@1
id: bakery
names: {en: Bakery-cafés, fr: Boulangeries-cafés}
description: {en: Forty bakery-cafés., fr: Quarante boulangeries-cafés.}
extends: local-retail
"""


def client_folder(data_copy: Path) -> Path:
    """The client's data: the study's with the phone renamed, and the client's profile in profiles/."""
    channels = data_copy / "criteria" / "channels.yaml"
    channels.write_text(channels.read_text(encoding="utf-8").replace(
        "names: {en: Phone, fr: Téléphone}", "names: {en: Shop phone line, fr: Ligne de la boutique}"),
        encoding="utf-8")
    (data_copy / "profiles" / "bakery.yaml").write_text(PROFILE, encoding="utf-8")
    return data_copy


def test_a_profile_file_is_ranked_on_the_data_folder_it_sits_in(data_copy: Path) -> None:
    folder = client_folder(data_copy)
    result = runner.invoke(app, ["rank", "-p", str(folder / "profiles" / "bakery.yaml")])
    assert result.exit_code == 0, result.output
    assert "Shop phone line" in result.stdout and "Complaint channels for Bakery-cafés" in result.stdout
    assert f"note: reading the data folder `{folder}` the profile file sits in" in result.stderr
    # --data still decides when given, without a note.
    explicit = runner.invoke(app, ["rank", "-p", str(folder / "profiles" / "bakery.yaml"), "--data", str(folder)])
    assert explicit.exit_code == 0 and "Shop phone line" in explicit.stdout and explicit.stderr == ""


def test_every_command_taking_a_profile_reads_the_folder_beside_it(data_copy: Path, tmp_path: Path) -> None:
    folder = client_folder(data_copy)
    profile = str(folder / "profiles" / "bakery.yaml")
    for args in (["explain", "phone", "-p", profile], ["portfolio", "-p", profile],
                 ["sensitivity", "-p", profile, "-n", "500"], ["compare", profile, "retail"],
                 ["report", "-p", profile, "-o", str(tmp_path / "r.md")]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
        shown = result.stdout if args[0] != "report" else (tmp_path / "r.md").read_text(encoding="utf-8")
        assert "Shop phone line" in shown, args


def test_a_profile_file_elsewhere_is_ranked_on_the_shipped_data(tmp_path: Path) -> None:
    (tmp_path / "bakery.yaml").write_text(PROFILE, encoding="utf-8")
    result = runner.invoke(app, ["rank", "-p", str(tmp_path / "bakery.yaml")])
    assert result.exit_code == 0 and "Phone" in result.stdout and result.stderr == ""


def test_profiles_from_two_data_folders_need_data(data_copy: Path, tmp_path: Path) -> None:
    first = client_folder(data_copy)
    second = tmp_path / "other"
    shutil.copytree(first, second)
    result = runner.invoke(app, ["compare", str(first / "profiles" / "bakery.yaml"),
                                 str(second / "profiles" / "bakery.yaml")])
    assert result.exit_code == 2
    assert "sit in different data folders" in result.stderr and "--data" in result.stderr


@pytest.mark.parametrize("command", [["rank"], ["explain", "phone"], ["portfolio"], ["sensitivity", "-n", "100"],
                                     ["report", "-o", "never-written.md"]])
def test_a_second_profile_is_a_usage_error(command: list[str], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [*command, "--profile", "retail", "-p", "urgent-breakdown"])
    assert result.exit_code == 2
    assert "--profile is given 2 times (retail, urgent-breakdown)" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_weights_set_on_the_command_line_are_said_in_the_title_and_the_json() -> None:
    import json

    table = runner.invoke(app, ["rank", "-p", "retail", "-w", "trust=5", "-w", "effort=0"], env={"COLUMNS": "200"})
    assert table.exit_code == 0
    assert table.stdout.splitlines()[0].rstrip() == (
        "Complaint channels for Local retail (local-retail), weights set on the command line: Trust = 5, "
        "Customer effort = 0")
    french = runner.invoke(app, ["rank", "-p", "retail", "-w", "trust=2.5", "--format", "markdown", "--lang", "fr"])
    assert french.stdout.splitlines()[0] == ("## Canaux de réclamation pour Commerce de proximité (`local-retail`), "
                                             "pondérations données en ligne de commande\u202f: Confiance = 2,5")
    document = json.loads(runner.invoke(app, ["rank", "-p", "retail", "-w", "trust=5", "--format", "json"]).stdout)
    assert document["overrides"] == {"trust": 5.0}
    plain = json.loads(runner.invoke(app, ["rank", "-p", "retail", "--format", "json"]).stdout)
    assert plain["overrides"] == {}
    untouched = runner.invoke(app, ["rank", "-p", "retail"], env={"COLUMNS": "200"})
    assert untouched.stdout.splitlines()[0].rstrip() == "Complaint channels for Local retail (local-retail)"


def test_the_version_is_the_package_s() -> None:
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"channelscore {version('channelscore')}\n"


def test_channels_and_profiles_are_accepted_by_their_names() -> None:
    import json

    from channelscore import api

    catalog = api.load_catalog()
    assert api.channel_id(catalog, "Téléphone") == "phone" and api.channel_id(catalog, "telephone") == "phone"
    assert api.channel_id(catalog, "E-MAIL") == "email" and api.channel_id(catalog, "face-a-face") == "face_to_face"
    with pytest.raises(RequestError, match="unknown channel `whatsap`"):
        api.channel_id(catalog, "whatsap")
    overtake = api.sensitivity(catalog, "retail", samples=500, overtake=("E-mail", "téléphone")).to_dict()["overtake"]
    assert (overtake["channel"], overtake["other"]) == ("email", "phone")
    explained = runner.invoke(app, ["explain", "Téléphone", "-p", "commerce de proximité", "--vs", "E-mail"])
    assert explained.exit_code == 0, explained.output
    assert explained.stdout.startswith("Phone under Local retail: rank 2")
    mix = runner.invoke(app, ["portfolio", "-p", "Local retail", "--exclude", "Face-à-face", "--size", "2",
                              "--format", "json"])
    assert mix.exit_code == 0
    document = json.loads(mix.stdout)
    assert document["excluded"] == ["face_to_face"] and "face_to_face" not in document["best"]["channels"]
    unknown = runner.invoke(app, ["explain", "telephon", "-p", "retail"])
    assert unknown.exit_code == 2 and "unknown channel `telephon`" in unknown.stderr


EXTRA_CRITERIA = ["written_proof", "customer_proof", "formality", "audit_trail", "low_barrier", "cues"]


def messaging_channel(rating: int, extra: list[str] = EXTRA_CRITERIA) -> str:
    """A client's WhatsApp channel, rated ``rating`` on every criterion and on the profiles' extra criteria
    ``extra`` (under its own `extra_ratings`), as YAML under `channels:`."""
    criteria = ["trust", "human_relation", "accessibility", "responsiveness", "first_contact_resolution", "effort",
                "contact_cost", "automation", "flow_flexibility", "context_feedback"]
    ratings = "".join(f"      {c}: {{rating: {rating}, reason: {{en: client survey, fr: enquête client}}}}\n"
                      for c in criteria)
    extras = "".join(f"      {c}: {{rating: {rating}, reason: {{en: a thread, fr: un fil}}}}\n" for c in extra)
    return ("  - id: messaging\n    names: {en: WhatsApp, fr: WhatsApp}\n    family: mixed\n"
            "    traits: [asynchronous, written, digital, remote]\n    ratings:\n" + ratings
            + ("    extra_ratings:\n" + extras if extra else ""))


def with_channel(data_copy: Path, rating: int, extra: list[str] = EXTRA_CRITERIA) -> Path:
    channels = data_copy / "criteria" / "channels.yaml"
    text = channels.read_text(encoding="utf-8")
    channels.write_text(text.replace("\nexpectations:", "\n" + messaging_channel(rating, extra) + "expectations:",
                                     1), encoding="utf-8")
    return data_copy


def test_a_channel_added_is_rated_on_the_profiles_extra_criteria_in_one_place(data_copy: Path) -> None:
    folder = with_channel(data_copy, 3, [c for c in EXTRA_CRITERIA if c != "cues"] + ["cuse"])
    result = runner.invoke(app, ["validate", "--data", str(folder)])
    assert result.exit_code == 1
    assert "unknown-criterion no profile defines the extra criterion `cuse` (hint: did you mean `cues`?)" \
        in result.output
    assert "missing-rating extra criterion `cues` has no rating for channel `messaging` (hint: add `messaging: " \
           "{rating: 1|2|3, reason: ...}` here, or `cues` under the channel's `extra_ratings`)" in result.output
    # A profile's own rating of the channel comes before the channel's.
    channels = folder / "criteria" / "channels.yaml"
    channels.write_text(channels.read_text(encoding="utf-8").replace("      cuse:", "      cues:"), encoding="utf-8")
    b2b = folder / "profiles" / "b2b.yaml"
    b2b.write_text(b2b.read_text(encoding="utf-8").replace(
        "\n    ratings:\n", "\n    ratings:\n      messaging: {rating: 1, reason: {en: not kept, fr: pas gardé}}\n", 1),
        encoding="utf-8")
    assert runner.invoke(app, ["validate", "--data", str(folder)]).exit_code == 0
    result = runner.invoke(app, ["explain", "messaging", "--data", str(folder), "-p", "b2b", "-f", "json"])
    proof = next(c for c in json.loads(result.stdout)["criteria"] if c["criterion"] == "written_proof")
    assert proof["rating"] == 1 and proof["reason"] == "not kept"
    result = runner.invoke(app, ["explain", "messaging", "--data", str(folder), "-p", "serious-problem", "-f", "json"])
    cues = next(c for c in json.loads(result.stdout)["criteria"] if c["criterion"] == "cues")
    assert cues["rating"] == 3 and cues["reason"] == "a thread"


def test_a_client_channel_does_not_break_the_studys_statements(data_copy: Path) -> None:
    # WhatsApp rated 3 everywhere passes face-to-face in local retail, where the study says face-to-face
    # is first: the statement speaks of the study's channels, so it still holds.
    folder = with_channel(data_copy, 3)
    result = runner.invoke(app, ["rank", "--data", str(folder), "-p", "retail", "-f", "json"])
    ranks = {row["channel"]: row["rank"] for row in json.loads(result.stdout)["ranking"]}
    assert ranks["messaging"] == 1 and ranks["face_to_face"] == 2
    result = runner.invoke(app, ["validate", "--data", str(folder), "--strict"])
    assert result.exit_code == 0, result.output
    assert "The study's statements: 74 checked, none fails; your own: none." in result.output
    listing = runner.invoke(app, ["list", "channels", "--data", str(folder)], env={"COLUMNS": "200"})
    assert "WhatsApp (your own)" in listing.output and "Phone (your own)" not in listing.output


def test_a_statement_about_every_channel_sees_the_clients_channels(data_copy: Path) -> None:
    folder = with_channel(data_copy, 3)
    own = ("format: channelscore/profile@1\nid: bakery\nnames: {en: Bakery, fr: Boulangerie}\ndescription: d\n"
           "extends: b2b\nexpectations:\n"
           "  - {statement: E-mail is among the two first, source: our interviews, kind: within_top,\n"
           "     channels: [email], n: 2, scope: all}\n"
           "  - {statement: WhatsApp is first, source: our interviews, kind: within_top,\n"
           "     channels: [messaging], n: 1}\n")
    (folder / "profiles" / "bakery.yaml").write_text(own, encoding="utf-8")
    result = runner.invoke(app, ["validate", "--data", str(folder)])
    assert result.exit_code == 1
    assert "bakery.yaml:7:5: expectation-failed \"E-mail is among the two first\" does not hold" in result.output
    assert "WhatsApp is first" not in result.output  # it names the client's channel: it is counted
    assert "The study's statements: 74 checked, none fails; your own: 2 checked, 1 fails." in result.output
