"""What a user pins and copies: the version (package, changelog, tag), and the CI examples of the README,
checked against the GitHub Actions workflow schema."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

import channelscore

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def readme_block(after: str) -> str:
    """The first fenced YAML block of the README after the line that starts with ``after``."""
    start = README.index(after)
    match = re.search(r"```yaml\n(.*?)```", README[start:], re.DOTALL)
    assert match is not None
    return match.group(1)


def test_the_version_is_the_same_everywhere() -> None:
    assert channelscore.__version__ == VERSION == version("channelscore")
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(r"^## (\S+)", changelog, re.MULTILINE).group(1) == VERSION  # type: ignore[union-attr]
    assert f"rev: v{VERSION}" in readme_block("**As a pre-commit hook**")
    assert f"channelscore@v{VERSION}" in readme_block("**In CI (GitHub Actions):**")


@pytest.mark.skipif(not (ROOT / ".git").exists() or shutil.which("git") is None, reason="not a git checkout")
def test_the_version_has_its_tag() -> None:
    every_tag = subprocess.run(["git", "-C", str(ROOT), "tag", "--list"], capture_output=True, text=True,
                               check=True).stdout.split()
    if not every_tag:
        pytest.skip("a checkout made without tags (CI clones and shallow fetches often are)")
    assert f"v{VERSION}" in every_tag, f"tag v{VERSION} missing: git tag v{VERSION} on the release commit"


def check_workflow(text: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    workflow = tmp_path / "data.yml"
    workflow.write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(workflow)], capture_output=True, text=True, check=False)


def test_the_readme_workflow_is_a_valid_github_actions_workflow(tmp_path: Path) -> None:
    workflow = readme_block("**In CI (GitHub Actions):**")
    result = check_workflow(workflow, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    timeout = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                              "custom.github-workflows-require-timeout", str(tmp_path / "data.yml")],
                             capture_output=True, text=True, check=False)
    assert timeout.returncode == 0, timeout.stdout
    # The check can fail: a misspelt key is refused.
    assert check_workflow(workflow.replace("runs-on:", "run-on:"), tmp_path).returncode == 1
    assert "--skip-other-files" in workflow and "--strict" in workflow


def test_the_readme_pre_commit_example_uses_the_shipped_hook() -> None:
    import yaml

    example = yaml.safe_load(readme_block("**As a pre-commit hook**"))
    hook_ids = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert {hook["id"] for repo in example["repos"] for hook in repo["hooks"]} <= hook_ids
