"""The command line through typer's CliRunner: exit codes, JSON contract, formats, languages."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from channelscore.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_rank_json_follows_the_contract() -> None:
    code, out, _ = run("rank", "--profile", "retail", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["profile"] == "local-retail"
    assert document["method"] == "weighted-mean"
    assert sum(document["weights"].values()) == pytest.approx(1.0)
    first = document["ranking"][0]
    assert set(first) == {"rank", "channel", "name", "score", "ratings", "contributions", "strengths", "weaknesses",
                          "why"}
    assert (first["rank"], first["channel"], first["name"]) == (1, "face_to_face", "Face-to-face")
    assert sum(first["contributions"].values()) == pytest.approx(first["score"])
    assert first["ratings"]["accessibility"] == 3
    assert document["excluded"] == []


def test_rank_json_lists_excluded_channels() -> None:
    code, out, _ = run("rank", "-p", "pure-player", "-f", "json")
    assert code == 0
    excluded = json.loads(out)["excluded"]
    assert [item["channel"] for item in excluded] == ["face_to_face"]
    assert "no counter" in excluded[0]["why"]


def test_rank_table_shows_ranks_bars_and_why() -> None:
    code, out, _ = run("rank", "--profile", "retail")
    assert code == 0
    assert "Face-to-face" in out and "█" in out and "Why" in out and "ahead of Automatic call-back" in out


def test_top_weight_csv_markdown_and_french() -> None:
    code, out, _ = run("rank", "--top", "3", "--weight", "contact_cost=10", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 3 and rows[0]["rank"] == "1"
    code, out, _ = run("rank", "-p", "b2b", "--format", "markdown")
    assert code == 0 and out.startswith("## Complaint channels for Business to business")
    code, out, _ = run("rank", "-p", "retail", "--lang", "fr", "-f", "json")
    assert json.loads(out)["ranking"][0]["name"] == "Face-à-face"
    assert "Atouts\u202f:" in json.loads(out)["ranking"][0]["why"]


def test_explain_with_vs() -> None:
    code, out, _ = run("explain", "phone", "--profile", "b2b", "--vs", "email", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["channel"] == "phone" and document["vs"]["channel"] == "email"
    assert document["vs"]["deciding"][0]["criterion"] == "written_proof"
    assert len(document["criteria"]) == 11
    code, out, _ = run("explain", "phone", "--profile", "b2b", "--vs", "email")
    assert code == 0 and "What decides between Phone and E-mail" in out and "Best practices" in out


def test_list() -> None:
    code, out, _ = run("list", "channels", "--format", "json")
    channels = json.loads(out)
    assert code == 0 and len(channels) == 10
    assert {"id", "family", "traits"} <= set(channels[0])
    assert {c["id"] for c in channels if "digital" in c["traits"]} == {
        "email", "website", "web_video", "social_networks", "self_care"}
    code, out, _ = run("list", "profiles", "-f", "json")
    assert code == 0 and "local-retail" in [p["id"] for p in json.loads(out)]
    code, out, _ = run("list", "criteria")
    assert code == 0 and "first_contact_resolution" in out


@pytest.mark.parametrize("args, fragment", [
    (["rank", "--profile", "retial"], "did you mean `retail`?"),
    (["rank", "--weight", "trsut=2"], "did you mean `trust`?"),
    (["rank", "--weight", "trust"], "criterion=value"),
    (["explain", "phnoe"], "did you mean `phone`?"),
    (["explain", "face_to_face", "--profile", "pure-player"], "does not apply"),
    (["rank", "--data", "/nonexistent/folder"], "does not exist"),
    (["rank", "--profile", "missing/file.yaml"], "does not exist"),
])
def test_usage_errors_exit_2(args: list[str], fragment: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert fragment in err
    assert "Traceback" not in out + err


def test_unknown_option_exits_2() -> None:
    assert run("rank", "--colour")[0] == 2


def test_broken_data_exits_1_with_located_problems(data_copy: Path) -> None:
    channels = data_copy / "criteria" / "channels.yaml"
    channels.write_text(channels.read_text().replace("rating: 3", "rating: '3'", 1))
    code, out, err = run("rank", "--data", str(data_copy))
    assert code == 1
    assert err.startswith(f"{data_copy}/criteria/channels.yaml:13:17: invalid-value")
    assert "a rating is the integer 1 (weak), 2 (medium) or 3 (good)" in err
    assert out == ""


def test_environment_variable_selects_the_data(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (data_copy / "profiles" / "balanced.yaml").write_text("format: [")
    monkeypatch.setenv("CHANNELSCORE_DATA", str(data_copy))
    assert run("rank")[0] == 1


def test_control_characters_in_data_do_not_reach_the_terminal(data_copy: Path) -> None:
    channels = data_copy / "criteria" / "channels.yaml"
    channels.write_text(channels.read_text().replace("names: {en: Phone,", 'names: {en: "Ph\\e[31mone[/]",', 1))
    code, out, _ = run("rank", "--data", str(data_copy))
    assert code == 0
    assert "\x1b" not in out and "Ph[31mone[/]" in out


def test_help_does_not_import_numpy_or_pydantic(imported_after: Callable[..., list[str]]) -> None:
    assert imported_after([["--help"]], ("numpy", "pydantic", "yaml")) == []


def test_rank_on_the_shipped_data_never_parses_yaml(imported_after: Callable[..., list[str]]) -> None:
    """rank reads the compiled data when the shipped sources are unchanged."""
    assert imported_after([["rank", "--profile", "retail"]], ("yaml",)) == []


def test_plugins_disabled_without_loading_package_metadata() -> None:
    script = ("import os, sys\nimport channelscore.cli\nimport pydantic\n"
              "class M(pydantic.BaseModel):\n    x: int\n"
              "print(M(x=1).x, list(sys.modules['pydantic.plugin._loader'].get_plugins()),"
              " os.environ['PYDANTIC_DISABLE_PLUGINS'])")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            env={k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"})
    assert result.stdout.split() == ["1", "[]", "__all__"]
    # A user who enables plugins keeps pydantic's own loader, imported by pydantic when it needs it.
    script = "import sys\nimport channelscore.cli\nprint('pydantic.plugin._loader' in sys.modules)"
    enabled = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYDANTIC_DISABLE_PLUGINS": "false"})
    assert enabled.stdout.strip() == "False"


def test_python_dash_m() -> None:
    result = subprocess.run([sys.executable, "-m", "channelscore", "rank", "-p", "retail", "-f", "json"],
                            capture_output=True, text=True)
    assert result.returncode == 0
    assert json.loads(result.stdout)["ranking"][0]["channel"] == "face_to_face"


@pytest.mark.parametrize("output_format", ["table", "json"])
def test_a_reader_that_stops_early_is_not_an_error(output_format: str) -> None:
    read, write = os.pipe()
    os.close(read)  # every write to the pipe now fails with EPIPE
    try:
        result = subprocess.run([sys.executable, "-m", "channelscore", "rank", "-p", "retail", "-f", output_format],
                                stdout=write, stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(write)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


@pytest.mark.parametrize("bad", ["trust", "trust=-1", "trust=nan", "trust=inf", "=2", "trust=high"])
def test_weight_options_that_are_not_criterion_value(bad: str) -> None:
    from channelscore.cli.run import parse_weights
    from channelscore.errors import RequestError

    with pytest.raises(RequestError, match="is not `criterion=value`"):
        parse_weights([bad])
    assert parse_weights([" trust =2.5", "effort=0"]) == {"trust": 2.5, "effort": 0.0}


def test_an_unknown_profile_is_reported_before_the_sampling_settings() -> None:
    code, _, err = run("sensitivity", "-p", "retial", "--rating-noise", "2", "-n", "10")
    assert code == 2 and err.startswith("error: unknown profile `retial`")
