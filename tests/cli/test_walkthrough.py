"""The README's "Adapting the tool for a client", end to end: init, a channel of the client's own, a client
profile on a sector and a situation (the README's file, as written there), a scenario, the CI check."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from channelscore.cli import app

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
runner = CliRunner()
# The README's WhatsApp channel in full (the README shortens it), an entry of `channels:`.
WHATSAPP = (Path(__file__).parent / "walkthrough" / "whatsapp-channel.yaml").read_text(encoding="utf-8")


def readme_file(name: str) -> str:
    """The YAML block of the walkthrough whose first line is the comment ``# name``."""
    match = re.search(rf"```yaml\n# {re.escape(name)}\n(.*?)```", README, re.DOTALL)
    assert match is not None, name
    return match.group(1)


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout


def test_the_walkthrough(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init", "boulangeries")[0] == 0
    folder = Path("boulangeries")
    channels = folder / "criteria" / "channels.yaml"
    channels.write_text(channels.read_text(encoding="utf-8").replace("\nexpectations:", "\n" + WHATSAPP
                                                                     + "expectations:", 1), encoding="utf-8")
    (folder / "profiles" / "boulangeries-livraison.yaml").write_text(
        readme_file("boulangeries/profiles/boulangeries-livraison.yaml"), encoding="utf-8")
    Path("scenarios").mkdir()
    scenario = Path("scenarios/moins-de-personnel.yaml")
    scenario.write_text(readme_file("scenarios/moins-de-personnel.yaml"), encoding="utf-8")

    code, out = run("rank", "-p", "boulangeries/profiles/boulangeries-livraison.yaml", "--lang", "fr", "-f", "json")
    assert code == 0, out
    document = json.loads(out)
    assert document["profile"] == "boulangeries-livraison" and "messaging" in {r["channel"] for r in
                                                                             document["ranking"]}
    code, out = run("explain", "messaging", "--data", "boulangeries", "-p", "boulangeries-livraison", "-f", "json")
    parts = [p["id"] for p in json.loads(out)["composition"]["parts"]]
    assert parts == ["local-retail", "damaged-product"]
    code, out = run("compare", "boulangeries-livraison", str(scenario), "--data", "boulangeries")
    assert code == 0, out
    code, out = run("portfolio", "--data", "boulangeries", "-p", "boulangeries-livraison", "--mix",
                    "face-à-face,whatsapp,téléphone")
    assert code == 0 and "Your mix, Phone + Face-to-face + WhatsApp, covers" in out

    files = ["boulangeries/criteria/channels.yaml", "boulangeries/profiles/boulangeries-livraison.yaml",
             str(scenario)]
    code, out = run("validate", "--data", "boulangeries", "--skip-other-files", *files)
    assert code == 0, out
    assert "25 files checked: 0 errors, 2 warnings" in out
    assert "The study's statements: 74 checked, none fails; your own: 1 checked, none fails." in out
    scenario.write_text(scenario.read_text(encoding="utf-8").replace("contact_cost:", "contact_cots:"),
                        encoding="utf-8")
    code, out = run("validate", "--data", "boulangeries", "--skip-other-files", *files)
    assert code == 1 and "scenarios/moins-de-personnel.yaml:7:3: unknown-criterion" in out


def test_the_walkthrough_ci_line_runs_in_a_shell(tmp_path: Path) -> None:
    import os
    import shutil
    import sys

    # The command installed beside this interpreter (the virtual environment's), first on PATH.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    if shutil.which("git") is None or shutil.which("channelscore", path=env["PATH"]) is None:
        pytest.skip("git or the channelscore command is not installed")
    line = re.search(r"^\$ (git ls-files .*)$", README, re.MULTILINE)
    assert line is not None
    subprocess.run(["channelscore", "init", "boulangeries"], cwd=tmp_path, check=True, capture_output=True, env=env)
    subprocess.run(["git", "init", "-q", "."], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    result = subprocess.run(["bash", "-c", line.group(1)], cwd=tmp_path, capture_output=True, text=True, check=False,
                            env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "23 files checked: no problems" in result.stdout
