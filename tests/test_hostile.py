"""The hostile-input review kept in the suite: its classes of input, every command on them, bounded.

Each command runs in its own process through the real entry point, with a time limit and a
memory limit, and is checked for its exit code, the absence of a traceback, and output that is
clean for its sink: nothing that drives a terminal, CSV that a spreadsheet shows as written,
JSON that parses, Markdown that renders no HTML, link or image from the data.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from channelscore.data.folders import embedded_data_dir

TIME_LIMIT = 120
MEMORY_LIMIT = 1 << 30
# A payload for every sink: terminal escapes (OSC title, clear screen, CR), C1 CSI, bidi override and
# isolates, Arabic letter mark, line separator, BOM, a formula, rich markup, mathtext, HTML, a remote image.
PAYLOAD = ("=HYPERLINK(\"http://attacker.invalid/\")\x1b]0;PWNED\x07\x1b[2J\rX \u202egnp.exe\u202c \u2066\u009b31m "
           "\u061c\u2028\ufeff [/] [link=https://attacker.invalid]click[/link] $x^$ $$ "
           "<script>document.title='PWNED'</script><img src=x onerror=alert(1)> ![t](http://127.0.0.1:9/t.png)")
TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e"
                             "\u2060-\u2069\ufeff]")


def run(*args: str, cwd: Path | None = None, memory: int = MEMORY_LIMIT) -> subprocess.CompletedProcess[str]:
    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run([sys.executable, "-m", "channelscore", *args], capture_output=True, text=True,
                          timeout=TIME_LIMIT, preexec_fn=limits, cwd=cwd,
                          env={**os.environ, "PYTHONUTF8": "1", "COLUMNS": "200"})


def assert_no_crash(result: subprocess.CompletedProcess[str], codes: tuple[int, ...] = (0,)) -> None:
    assert result.returncode in codes, result.stdout[-2000:] + result.stderr[-2000:]
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr[-2000:]
    assert not TERMINAL_UNSAFE.search(result.stderr), result.stderr[-500:]


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data with the payload in every text field a user can write: names, descriptions, reasons,
    best practices, profile names, weight reasons, exclusion reasons and expectation statements."""
    root = tmp_path_factory.mktemp("hostile") / "data"
    source = embedded_data_dir()
    for part in ("criteria", "profiles"):
        shutil.copytree(source / part, root / part)

    def poison(node: object) -> object:
        if isinstance(node, dict):
            return {key: (PAYLOAD + str(value) if key in ("en", "fr", "description", "reason", "statement")
                          and isinstance(value, str) else poison(value)) for key, value in node.items()}
        if isinstance(node, list):
            return [PAYLOAD + item if isinstance(item, str) and " " in item else poison(item) for item in node]
        return node

    for path in [*(root / "criteria").glob("*.yaml"), *(root / "profiles").glob("*.yaml")]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(poison(data), allow_unicode=True, sort_keys=False, width=10**9),
                        encoding="utf-8")
    return root


def test_the_poisoned_data_is_valid(poisoned: Path) -> None:
    # Display text is free text: the payload is not an error in the data, it must be harmless in the output.
    assert_no_crash(run("validate", "--data", str(poisoned)), (0, 1))


COMMANDS = [["rank", "-p", "retail"], ["explain", "phone", "-p", "retail"], ["compare", "retail", "b2b"],
            ["portfolio"], ["sensitivity", "-n", "500"], ["list", "channels"], ["list", "profiles"],
            ["list", "criteria"]]


@pytest.mark.parametrize("fmt", ["table", "json"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: "-".join(c[:2]))
def test_terminal_and_json_outputs_stay_clean(poisoned: Path, command: list[str], fmt: str) -> None:
    result = run(*command, "--data", str(poisoned), "-f", fmt)
    assert_no_crash(result)
    assert not TERMINAL_UNSAFE.search(result.stdout), repr(TERMINAL_UNSAFE.search(result.stdout))
    assert "attacker.invalid\x1b" not in result.stdout and "\x1b]8;" not in result.stdout  # no hyperlink markup
    if fmt == "json":
        document = json.loads(result.stdout)
        if command[0] not in ("portfolio", "sensitivity"):  # JSON made of ids and numbers alone
            assert "PWNED" in json.dumps(document)  # the text is kept, escaped, not dropped
            assert "\\u202e" in result.stdout


@pytest.mark.parametrize("command", [["rank", "-p", "retail"], ["compare", "retail", "b2b"],
                                     ["sensitivity", "-n", "500"], ["portfolio"]], ids=lambda c: c[0])
def test_csv_cells_are_shown_as_written(poisoned: Path, command: list[str]) -> None:
    result = run(*command, "--data", str(poisoned), "-f", "csv")
    assert_no_crash(result)
    assert not TERMINAL_UNSAFE.search(result.stdout)
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert len({len(row) for row in rows}) == 1  # no CR or LF split a row
    for row in rows:
        for value in row:
            if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
                assert re.fullmatch(r"[-+]?[0-9.eE+-]+", value), value


@pytest.mark.parametrize("command", [["rank", "-p", "retail"], ["compare", "retail", "b2b"], ["portfolio"],
                                     ["sensitivity", "-n", "500"]], ids=lambda c: c[0])
def test_markdown_renders_nothing_from_the_data(poisoned: Path, command: list[str]) -> None:
    result = run(*command, "--data", str(poisoned), "-f", "markdown")
    assert_no_crash(result)
    assert_markdown_inert(result.stdout)


def assert_markdown_inert(text: str) -> None:
    assert not TERMINAL_UNSAFE.search(text)
    for dangerous in ("<script", "<img", "](http", "[link="):
        for match in re.finditer(re.escape(dangerous), text):
            assert text[match.start() - 1] == "\\", text[match.start() - 40:match.end() + 20]


@pytest.mark.parametrize("suffix", ["md", "html"])
def test_reports_and_charts_survive_the_payload(poisoned: Path, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"report.{suffix}"
    result = run("report", "-p", "retail", "--data", str(poisoned), "-o", str(target), "--compare", "b2b")
    assert_no_crash(result)
    assert result.stderr == f"Wrote {target}\n"  # no matplotlib or numpy warning about the long names
    text = target.read_text(encoding="utf-8")
    assert not TERMINAL_UNSAFE.search(text)
    if suffix == "md":
        assert_markdown_inert(re.sub(r"\(data:image/svg\+xml;base64,[A-Za-z0-9+/=]+\)", "", text))
    else:
        assert "<script" not in text and "onerror=" not in text.replace("onerror=alert", "")


def test_special_files_and_links_are_refused_quickly(tmp_path: Path) -> None:
    root = tmp_path / "data"
    for part in ("criteria", "profiles"):
        shutil.copytree(embedded_data_dir() / part, root / part)
    os.mkfifo(root / "profiles" / "pipe.yaml")
    (root / "profiles" / "zero.yaml").symlink_to("/dev/zero")
    (root / "profiles" / "loop.yaml").symlink_to("loop.yaml")
    secret = tmp_path / "secret.yml"
    secret.write_text("format: SECRET-VALUE\n")
    (root / "profiles" / "secret.yaml").symlink_to(secret)
    for command in (["validate"], ["rank"], ["list", "profiles"]):
        result = run(*command, "--data", str(root), memory=512 << 20)
        assert_no_crash(result, (1,))
        output = result.stdout + result.stderr
        assert "SECRET-VALUE" not in output
        for name, code in (("pipe.yaml", "file-unreadable"), ("zero.yaml", "file-outside-folder"),
                           ("loop.yaml", "file-unreadable"), ("secret.yaml", "file-outside-folder")):
            assert f"{name}:1:1: {code}" in output, output


@pytest.mark.parametrize("profile", [
    # Overflowing and non-finite numbers, and a split under which no weight counts.
    "weights:\n" + "".join(f"  {c}: {{value: 1.0e+308, reason: r}}\n" for c in (
        "trust", "human_relation", "accessibility", "responsiveness", "first_contact_resolution", "effort",
        "contact_cost", "automation", "flow_flexibility", "context_feedback")),
    "group_split: {client: 1.7e+308, enterprise: 1.7e+308, reason: r}\n",
    "weights:\n  trust: {value: .nan, reason: r}\n",
    "weights:\n  trust: {value: 1e400, reason: r}\n",
    "group_split: {client: 0, enterprise: 1, reason: r}\nweights:\n" + "".join(
        f"  {c}: {{value: 0, reason: r}}\n" for c in ("contact_cost", "automation", "flow_flexibility",
                                                     "context_feedback")),
], ids=["huge-weights", "huge-shares", "nan-weight", "overflowing-literal", "nothing-counts"])
def test_numbers_that_would_overflow_or_vanish(tmp_path: Path, profile: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("format: channelscore/profile@1\nid: p\nnames: {en: P, fr: P}\ndescription: d\n"
                    "extends: balanced\n" + profile)
    for command in (["rank", "-p", str(path), "-f", "json"], ["sensitivity", "-p", str(path), "-n", "300",
                                                              "--around-profile", "5", "-f", "json"]):
        result = run(*command)
        assert_no_crash(result, (0, 1))
        if result.returncode == 0:
            document = json.loads(result.stdout)  # no NaN or Infinity: they are not JSON
            scores = [row["score"] for row in document.get("ranking", [])]
            assert all(1 <= score <= 3 for score in scores)


def test_a_huge_catalogue_stays_within_bounds(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(embedded_data_dir() / "criteria", root / "criteria")
    (root / "profiles").mkdir()
    criteria = [c["id"] for c in yaml.safe_load((root / "criteria" / "criteria.yaml").read_text())["criteria"]]
    channels = [{"id": f"c{i}", "names": {"en": f"Channel {i}", "fr": f"Canal {i}"}, "family": "human",
                 "traits": ["remote"], "ratings": {c: {"rating": 3 if k == i % len(criteria) else 1,
                                                       "reason": "r", "source": "s"}
                                                   for k, c in enumerate(criteria)}} for i in range(200)]
    (root / "criteria" / "channels.yaml").write_text(yaml.safe_dump({"format": "channelscore/channels@1",
                                                                     "channels": channels}, sort_keys=False))
    balanced = yaml.safe_load((embedded_data_dir() / "profiles" / "balanced.yaml").read_text())
    balanced.pop("expectations", None)
    (root / "profiles" / "balanced.yaml").write_text(yaml.safe_dump(balanced, allow_unicode=True, sort_keys=False))
    assert_no_crash(run("rank", "--data", str(root), memory=768 << 20))
    refused = run("portfolio", "--data", str(root), memory=768 << 20)
    assert_no_crash(refused, (2,))
    assert "more than the limit" in refused.stderr
    assert_no_crash(run("portfolio", "--data", str(root), "--max-size", "2", "-f", "json", memory=768 << 20))
