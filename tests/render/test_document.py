"""The client report: written atomically, deterministic, Markdown against a golden file, HTML in Chromium."""

from __future__ import annotations

import html
import json
import os
import re
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import chromium_path
from typer.testing import CliRunner

from channelscore.cli import app

runner = CliRunner()
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "report-retail.md"
DATA_URI = re.compile(r"data:image/svg\+xml;base64,[A-Za-z0-9+/=]+")


def write_report(path: Path, *args: str) -> str:
    result = runner.invoke(app, ["report", "-p", "retail", "-o", str(path), *args])
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8")


def test_markdown_report_matches_the_golden_file(tmp_path: Path) -> None:
    text = write_report(tmp_path / "report.md", "--date", "2026-01-15")
    charts = DATA_URI.findall(text)
    assert len(charts) == 3
    normalised = DATA_URI.sub("data:image/svg+xml;base64,CHART", text)
    if os.environ.get("CHANNELSCORE_UPDATE_GOLDEN"):
        GOLDEN.write_text(normalised, encoding="utf-8")
    assert normalised == GOLDEN.read_text(encoding="utf-8")


def test_the_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    first = write_report(tmp_path / "a.html", "--compare", "cost")
    second = write_report(tmp_path / "b.html", "--compare", "cost")
    assert first == second


def test_html_is_self_contained(tmp_path: Path) -> None:
    text = write_report(tmp_path / "report.html", "--compare", "cost-control", "--lang", "fr")
    assert text.startswith("<!DOCTYPE html>") and '<html lang="fr">' in text
    assert "<script" not in text and text.count("<svg") == 3
    without_namespaces = re.sub(r'xmlns(:\w+)?="[^"]*"', "", text)
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", without_namespaces, re.IGNORECASE)
    for heading in ("Le profil et ses pondérations", "Classement", "Combinaison de canaux recommandée",
                    "Solidité du classement", "Les constats de l'étude, vérifiés",
                    "Comparaison avec d'autres scénarios", "Sources"):
        assert f"<h2>{heading.replace(chr(39), '&#x27;')}</h2>" in text


def test_an_existing_file_is_kept_without_force(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("mine")
    result = runner.invoke(app, ["report", "-o", str(target)])
    assert result.exit_code == 2 and "--force" in result.stderr
    assert target.read_text() == "mine"
    assert runner.invoke(app, ["report", "-o", str(target), "--force"]).exit_code == 0
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_bad_targets_are_usage_errors(tmp_path: Path) -> None:
    assert runner.invoke(app, ["report", "-o", str(tmp_path / "report.pdf")]).exit_code == 2
    assert runner.invoke(app, ["report", "-o", str(tmp_path / "missing" / "report.md")]).exit_code == 2
    assert runner.invoke(app, ["report", "-o", str(tmp_path / "r.md"), "--compare", "nope"]).exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from channelscore.data import output

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", fail)
    monkeypatch.setattr(output.os, "link", fail)
    result = runner.invoke(app, ["report", "-o", str(tmp_path / "report.md")])
    assert result.exit_code == 2 and "No space left" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_appears_while_writing_is_never_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from channelscore.data import output

    target = tmp_path / "report.md"
    real = output.tempfile.mkstemp

    def racing(*args: Any, **kwargs: Any) -> tuple[int, str]:
        target.write_text("another writer's report")  # appears after the existence check
        return real(*args, **kwargs)

    monkeypatch.setattr(output.tempfile, "mkstemp", racing)
    result = runner.invoke(app, ["report", "-o", str(target)])
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert target.read_text() == "another writer's report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_force_never_replaces_a_special_file(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "out.html"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        if os.geteuid() != 0:
            pytest.skip("making a device node needs root")
        os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    result = runner.invoke(app, ["report", "-o", str(target), "--force"])
    assert result.exit_code == 2 and "not a regular file" in result.stderr
    assert not stat.S_ISREG(os.lstat(target).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]


def test_only_report_imports_matplotlib(imported_after: Callable[..., list[str]]) -> None:
    commands = [["rank", "-p", "retail"], ["sensitivity", "-n", "1000"], ["portfolio"], ["compare", "retail", "cost"]]
    assert imported_after(commands, ("matplotlib",)) == []


def open_in_chromium(page: Path, work: Path) -> tuple[Path, str, list[str]]:
    """Load ``page`` headless: the screenshot, what the browser logged, and the URLs the page itself asked for."""
    screenshot, net_log = work / "page.png", work / "net.json"
    command = [chromium_path(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={work / 'profile'}", "--window-size=1200,3000", f"--screenshot={screenshot}",
               f"--log-net-log={net_log}", "--enable-logging=stderr", "--v=0", page.resolve().as_uri()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    log = json.loads(net_log.read_text())
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    # Chromium's own background requests have no page as initiator ("not an origin").
    requested = [event["params"]["url"] for event in log["events"]
                 if event["type"] == start_job and event.get("params", {}).get("initiator") != "not an origin"
                 and "url" in event.get("params", {})]
    return screenshot, result.stderr, [url for url in requested if not url.startswith(("file:", "data:"))]


def console_messages(log: str) -> list[str]:
    return [line for line in log.splitlines() if ":CONSOLE" in line]


def test_the_browser_checks_can_see_a_bad_page(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html><body><img src="http://example.invalid/x.png">'
                    '<script>console.error("control")</script></body></html>')
    _, log, external = open_in_chromium(page, tmp_path)
    assert any("control" in line for line in console_messages(log))
    assert external == ["http://example.invalid/x.png"]


def test_the_html_report_renders_in_chromium(tmp_path: Path) -> None:
    from PIL import Image, ImageStat

    page = tmp_path / "report.html"
    write_report(page, "--compare", "cost-control")
    screenshot, log, external = open_in_chromium(page, tmp_path)
    assert console_messages(log) == []
    assert external == []
    image = Image.open(screenshot).convert("L")
    assert image.size == (1200, 3000)
    inked = sum(count for level, count in enumerate(image.histogram()) if level < 200)
    assert inked / (image.size[0] * image.size[1]) > 0.02
    assert ImageStat.Stat(image).stddev[0] > 20


def test_hostile_names_stay_out_of_the_html_and_its_charts(data_copy: Path, tmp_path: Path) -> None:
    channels = data_copy / "criteria" / "channels.yaml"
    channels.write_text(channels.read_text().replace("names: {en: Phone, fr: Téléphone}",
                                                     'names: {en: "Ph\\e[31mone <script>x</script>", fr: T}'))
    target = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "-p", "retail", "--data", str(data_copy), "-o", str(target)])
    assert result.exit_code == 0, result.output
    text = target.read_text()
    assert "\x1b" not in text and "<script>" not in text
    assert "Ph[31mone &lt;script&gt;" in text


def test_the_report_draws_around_the_profile_unless_asked_for_the_uniform_draw(tmp_path: Path) -> None:
    centred = write_report(tmp_path / "centred.md")
    assert "drawn around the profile's weights with a concentration of 50 (seed" in centred
    closer = write_report(tmp_path / "closer.md", "--around-profile", "500")
    assert "with a concentration of 500 (seed" in closer
    uniform = write_report(tmp_path / "uniform.md", "--uniform")
    assert "drawn uniformly at random" in uniform and "concentration" not in uniform
    refused = runner.invoke(app, ["report", "-p", "retail", "-o", str(tmp_path / "x.md"), "--around-profile", "0"])
    assert refused.exit_code == 2 and not (tmp_path / "x.md").exists()


OVERFLOW_SCRIPT = """<script>
const found = [];
for (const element of document.querySelectorAll("body *")) {
  if (element.closest("svg") || element.clientWidth === 0) continue;
  if (element.scrollWidth > element.clientWidth + 1) {
    found.push(element.tagName + " " + element.textContent.slice(0, 60));
  }
}
if (document.documentElement.scrollWidth > window.innerWidth) found.push("the page is wider than the window");
document.body.setAttribute("data-overflow", JSON.stringify(found));
</script>"""


def overflowing(page: Path, work: Path, width: int) -> list[str]:
    """The elements of ``page`` whose content is wider than their box in a window ``width`` pixels wide, as
    Chromium lays them out (a copy of the page measures itself and the DOM is read back)."""
    probe = work / f"probe-{width}.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", OVERFLOW_SCRIPT + "</body>"),
                     encoding="utf-8")
    command = [chromium_path(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={work / 'profile'}", f"--window-size={width},2000", "--virtual-time-budget=5000",
               "--dump-dom", probe.resolve().as_uri()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    found = re.search(r'data-overflow="([^"]*)"', result.stdout)
    assert found is not None, "the probe did not run"
    return list(json.loads(html.unescape(found.group(1))))


def test_the_overflow_probe_sees_a_word_too_long_for_its_box(tmp_path: Path) -> None:
    page = tmp_path / "narrow.html"
    page.write_text('<!DOCTYPE html><html><body><div style="width: 50px">Remontéed\'informationscontextuelles'
                    "</div></body></html>")
    assert overflowing(page, tmp_path, 800) != []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_text_overflows_in_chromium_in_either_language(tmp_path: Path, lang: str) -> None:
    page = tmp_path / "report.html"
    write_report(page, "--compare", "seniors", "--lang", lang, "--client", "Boulangeries Martin",
                 "--author", "Claire Dupont, CX Conseil")
    for width in (1200, 700):
        assert overflowing(page, tmp_path, width) == [], width
    _, log, external = open_in_chromium(page, tmp_path)
    assert console_messages(log) == [] and external == []


def test_the_title_block_says_title_client_author_and_date(tmp_path: Path) -> None:
    text = write_report(tmp_path / "r.html", "--lang", "fr", "--title", "Quels canaux pour réclamer ?",
                        "--client", "Boulangeries Martin", "--author", "Claire Dupont", "--date", "2026-10-01")
    assert "<h1>Quels canaux pour réclamer\u202f?</h1>" in text
    assert ('<dl class="cover"><dt>Client</dt><dd>Boulangeries Martin</dd><dt>Auteur</dt><dd>Claire Dupont</dd>'
            "<dt>Date</dt><dd>1er octobre 2026</dd></dl>") in text
    english = write_report(tmp_path / "r.md", "--date", "2026-10-07")
    assert "# Complaint channels for Local retail\n\n**Date**: 7 October 2026  \n" in english
    refused = runner.invoke(app, ["report", "-o", str(tmp_path / "x.md"), "--date", "2026-02-30"])
    assert refused.exit_code == 2 and "is not a date" in refused.stderr and not (tmp_path / "x.md").exists()


def test_the_consultant_s_own_sources_are_cited_beside_the_study_s(data_copy: Path, tmp_path: Path) -> None:
    (data_copy / "profiles" / "boulangerie.yaml").write_text("""format: channelscore/profile@1
id: boulangerie
names: {en: Bakery-cafés, fr: Boulangeries-cafés}
description: {en: Forty bakery-cafés., fr: Quarante boulangeries-cafés.}
extends: local-retail
sources:
  - title: {en: Interviews with twelve shop managers, fr: Entretiens avec douze responsables de boutique}
    author: Claire Dupont
    date: "2026-10-12"
  - title: {en: Complaint log 2025, fr: Registre des réclamations 2025}
""", encoding="utf-8")
    target = tmp_path / "r.md"
    result = runner.invoke(app, ["report", "-p", "boulangerie", "--data", str(data_copy), "-o", str(target),
                                 "--lang", "fr"])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    sources = text[text.index("## Sources"):]
    assert "L'étude et les textes qui l'accompagnent" in sources
    assert ("- 10 canaux pour réclamer\u202f: lesquels proposer aux clients\u202f? Étude comparative, auteur non nommé "
            "dans le texte, 7 octobre 2014 (000) — citée") in sources
    assert "Nos propres sources" in sources
    assert "- Entretiens avec douze responsables de boutique, Claire Dupont, 12 octobre 2026" in sources
    assert "- Registre des réclamations 2025" in sources
