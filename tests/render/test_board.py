"""The live board in the system's headless Chromium, driven by Playwright: the page's own functions against the
Python core on 10,000 random weightings and channel subsets, the sliders themselves, the downloaded scenario,
both languages, no network, hostile names, and the time a slider move takes."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from tests.conftest import chromium_path
from typer.testing import CliRunner

from channelscore import api
from channelscore.cli import app
from channelscore.core.decision import Decision, build_decision, rank_decision
from channelscore.core.explain import analyse_channels
from channelscore.core.levers import levers
from channelscore.core.portfolio import mix_for, sizes_up_to
from channelscore.core.stability import stability
from channelscore.model import Catalog, GroupSplit, NotApplicable, Text
from channelscore.words import Words, tell

runner = CliRunner()
PROFILES = ["retail", "retail+urgent-breakdown", "b2b", "digitally-excluded"]
RANDOM_STATES = 10_000
FULL_STATES = 150
SLIDER_MOVES = 300
BUDGET_MS = 16.0


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"])
        yield launched
        launched.close()


def write_board(folder: Path, lang: str, *profiles: str, data: Path | None = None) -> Path:
    target = folder / f"board-{lang}.html"
    compare = [option for name in profiles[1:] for option in ("--compare", name)]
    extra = ["--data", str(data)] if data else []
    result = runner.invoke(app, ["board", "-p", profiles[0], *compare, "--lang", lang, "-o", str(target), *extra])
    assert result.exit_code == 0, result.output
    return target


class Page:
    """A board opened in Chromium, with what it logged and every request it made that was not for itself."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1300, "height": 1700}, accept_downloads=True)
        self.messages: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda message: self.messages.append(f"{message.type}: {message.text}"))
        self.page.on("pageerror", lambda error: self.messages.append(f"error: {error}"))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(path.resolve().as_uri())

    def external(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(("file:", "data:", "blob:"))]


@pytest.fixture(scope="module")
def boards(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("board")
    return {lang: write_board(folder, lang, *PROFILES) for lang in ("en", "fr")}


@pytest.fixture(scope="module")
def english(browser: Any, boards: dict[str, Path]) -> Iterator[Page]:
    page = Page(browser, boards["en"])
    yield page
    page.page.close()


def python_decision(catalog: Catalog, base: Decision, state: dict[str, Any]) -> Decision:
    """The core's decision for a state of the page: its weights, split and channels left out."""
    profile = base.profile
    reason = Text("board", "board")
    split = GroupSplit(state["split"][0], state["split"][1], reason) if state["split"] is not None else None
    out = tuple(NotApplicable(channel.id, reason) for channel, kept in zip(base.channels, state["included"],
                                                                            strict=True) if not kept)
    profile = profile._replace(group_split=split, not_applicable=profile.not_applicable + out)
    overrides = {criterion.id: float(value) for criterion, value in zip(base.criteria, state["raw"], strict=True)}
    return build_decision(catalog, profile, overrides)


def random_states(count: int, bases: list[Decision], seed: int) -> list[dict[str, Any]]:
    """Random weightings of every kind: uniform, Dirichlet, with zeros, whole numbers, very large or small
    scales; a random split for profiles with both groups; a random non-empty subset of the channels."""
    rng = np.random.default_rng(seed)
    states = []
    for k in range(count):
        index = int(rng.integers(len(bases)))
        base = bases[index]
        size = len(base.criteria)
        kind = k % 5
        if kind == 0:
            raw = rng.random(size)
        elif kind == 1:
            raw = rng.dirichlet(np.ones(size))
        elif kind == 2:
            raw = rng.random(size) * (rng.random(size) < 0.6)
        elif kind == 3:
            raw = rng.integers(0, 4, size).astype(float)
        else:
            raw = rng.random(size) * 10.0 ** rng.integers(-6, 7)
        if not (raw > 0).any():
            raw[int(rng.integers(size))] = 1.0
        client = np.array([c.group == "client" for c in base.criteria])
        split = None
        if rng.random() < 0.4 and (raw[client] > 0).any() and (raw[~client] > 0).any():
            share = float(rng.random())
            split = [share, 1.0 - share]
        included = rng.random(len(base.channels)) < 0.75
        if not included.any():
            included[int(rng.integers(len(base.channels)))] = True
        states.append({"profile": index, "raw": [float(x) for x in raw], "split": split,
                       "included": [bool(x) for x in included], "moved": None})
    return states


def crossing(decision: Decision, column: int, first: int, other: int) -> float:
    """The weight of criterion ``column`` (the others in proportion) at which ``other`` scores as ``first``."""
    ratings, weights = np.asarray(decision.ratings), np.asarray(decision.weights)
    w = weights[column]
    base = (ratings @ weights - ratings[:, column] * w) / (1 - w)
    slope = ratings[:, column] - base
    return float(-(base[first] - base[other]) / (slope[first] - slope[other]))


def bases_of(catalog: Catalog) -> list[Decision]:
    return [api.decide(catalog, name).decision for name in PROFILES]


def evaluate(page: Page, states: list[dict[str, Any]], full: bool) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    for start in range(0, len(states), 1000):
        results += page.page.evaluate("([states, full]) => states.map((s) => channelscoreBoard.summary(s, full))",
                                      [states[start:start + 1000], full])
    return results


def test_the_page_scores_and_ranks_as_the_core_on_10000_random_states(english: Page, catalog: Catalog) -> None:
    bases = bases_of(catalog)
    states = random_states(RANDOM_STATES, bases, seed=15)
    results = evaluate(english, states, full=False)
    worst = 0.0
    for state, page in zip(states, results, strict=True):
        decision = python_decision(catalog, bases[state["profile"]], state)
        ranking = rank_decision(decision)
        assert page["ids"] == [c.id for c in decision.channels]
        worst = max(worst, float(np.abs(np.array(page["weights"]) - decision.weights).max()))
        scores = np.array(page["scores"])
        assert np.abs(scores - ranking.scores).max() <= 1e-12, state
        assert page["order"] == [row.channel for row in ranking.rows], state
        assert page["ranks"] == [row.rank for row in ranking.rows], state
    assert worst <= 1e-12
    assert english.messages == [] and english.external() == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_page_explains_recommends_and_finds_levers_as_the_core(browser: Any, boards: dict[str, Path],
                                                                   catalog: Catalog, lang: str) -> None:
    page = Page(browser, boards[lang])
    words = Words(lang)
    bases = bases_of(catalog)
    states = random_states(FULL_STATES, bases, seed=16 if lang == "en" else 17)
    states += [{"profile": i, "raw": list(map(float, base.raw_weights)),
                "split": list(base.profile.group_split[:2]) if base.profile.group_split else None,
                "included": [True] * len(base.channels), "moved": None} for i, base in enumerate(bases)]
    results = evaluate(page, states, full=True)
    for state, shown in zip(states, results, strict=True):
        decision = python_decision(catalog, bases[state["profile"]], state)
        ranking = rank_decision(decision)
        assert shown["why"] == [tell.why(words, ranking, item) for item in analyse_channels(ranking)]
        mix = mix_for(decision, sizes_up_to(decision), stop_at_recommended=True)
        size = mix.recommended or max(mix.best)
        assert shown["mix"] == list(mix.best[size].channels)
        assert shown["recommended"] == (mix.recommended is not None)
        assert abs(shown["mixCoverage"] - mix.best[size].coverage) <= 1e-12
        ids = [c.id for c in decision.channels]
        intervals = {item.criterion: item for item in stability(
            decision.ratings, decision.weights, [row.matrix_row for row in ranking.rows], ids,
            [c.id for c in decision.criteria])}
        for criterion, interval in zip(decision.criteria, shown["stability"], strict=True):
            expected = intervals.get(criterion.id)
            if expected is None:
                assert interval is None
                continue
            assert abs(interval["low"] - expected.first_low.weight) <= 1e-12
            assert abs(interval["high"] - expected.first_high.weight) <= 1e-12
            # Two channels that pass the first at the same weight (level on every other criterion) are told
            # apart by a rounding of 1e-17; so is a crossing at the very end of the range (a weight of 0 or 1).
            column = [c.id for c in decision.criteria].index(criterion.id)
            for bound, channel in ((interval["low"], interval["lowChannel"]), (interval["high"],
                                                                               interval["highChannel"])):
                if channel is not None:
                    assert abs(crossing(decision, column, ranking.rows[0].matrix_row, ids.index(channel))
                               - bound) <= 1e-9 or bound in (interval["weight"],)
            if interval["low"] > 1e-9 and expected.first_low.channel is not None:
                assert interval["lowChannel"] is not None
            if interval["high"] < 1 - 1e-9 and expected.first_high.channel is not None:
                assert interval["highChannel"] is not None
        found = levers(decision)
        assert [(item["channel"], item["criterion"], item["from"], item["to"], tuple(item["first"]), item["rank"],
                 tuple(item["mix"])) for item in shown["levers"]] == [
            (lever.step.channel, lever.step.criterion, lever.step.old, lever.step.new, lever.first, lever.rank,
             lever.mix) for lever in found.levers]
        assert [item["sentence"] for item in shown["levers"]] == [
            tell.lever_sentence(words, lever, found, decision) for lever in found.levers]
    assert page.messages == [] and page.external() == []
    page.page.close()


def state_of(page: Page) -> dict[str, Any]:
    return page.page.evaluate("() => { const s = channelscoreBoard.state; return {profile: s.profile, raw: s.raw, "
                              "split: s.split, included: s.included, moved: s.moved}; }")


def shown_ranking(page: Page) -> list[tuple[str, int]]:
    rows = page.page.eval_on_selector_all(
        "#ranking li", "items => items.map((li) => [li.dataset.channel, Number(li.dataset.rank)])")
    return [(channel, rank) for channel, rank in rows]


def test_the_sliders_locks_split_and_switches_rank_as_the_core(english: Page, catalog: Catalog) -> None:
    page = english
    bases = bases_of(catalog)
    rng = np.random.default_rng(18)
    page.page.select_option("#profile", "0")
    criteria = [c.id for c in bases[0].criteria]
    channels = [c.id for c in bases[0].channels]
    start = len(page.page.evaluate("channelscoreBoard.timings"))
    for move in range(SLIDER_MOVES):
        action = rng.random()
        if action < 0.08:
            page.page.locator(f"#lock-{criteria[int(rng.integers(len(criteria)))]}").click()
            continue
        if action < 0.16:
            box = page.page.locator(f"#c-{channels[int(rng.integers(len(channels)))]}")
            if sum(state_of(page)["included"]) > 1 or not box.is_checked():
                box.click()
        elif action < 0.24:
            page.page.locator("#split").fill(str(int(rng.integers(5, 96))))
        else:
            criterion = criteria[int(rng.integers(len(criteria)))]
            page.page.locator(f"#w-{criterion}").fill(f"{rng.random() * 60:.1f}")
        state = state_of(page)
        decision = python_decision(catalog, bases[0], state)
        ranking = rank_decision(decision)
        assert shown_ranking(page) == [(row.channel, row.rank) for row in ranking.rows], (move, state)
        weights = np.array(state["raw"])
        assert abs(weights.sum() - 1.0) < 1e-9
    timings = page.page.evaluate("channelscoreBoard.timings")[start:]
    assert len(timings) >= SLIDER_MOVES * 0.75
    median = statistics.median(timings)
    print(f"\nboard update after a slider move: median {median:.1f} ms, 95th percentile "
          f"{sorted(timings)[int(len(timings) * 0.95)]:.1f} ms over {len(timings)} moves")
    assert median < BUDGET_MS
    page.page.click("#reset")
    assert shown_ranking(page) == [(row.channel, row.rank) for row in rank_decision(bases[0]).rows]
    assert page.messages == [] and page.external() == []


def test_a_locked_weight_stays_and_the_others_keep_their_proportions(english: Page) -> None:
    page = english.page
    page.click("#reset")
    before = page.evaluate("channelscoreBoard.state.raw.slice()")
    page.locator("#lock-trust").check()
    page.locator("#w-human_relation").fill("40")
    after = page.evaluate("channelscoreBoard.state.raw.slice()")
    total = sum(before)
    shares = [value / total for value in before]
    assert after[0] == pytest.approx(shares[0])
    assert after[1] == pytest.approx(0.40)
    free = [j for j in range(2, len(after))]
    ratio = (1 - shares[0] - 0.40) / sum(shares[j] for j in free)
    assert all(after[j] == pytest.approx(shares[j] * ratio) for j in free)
    moved = page.text_content("#stability")
    assert moved is not None and moved.startswith("Human relation weighs 40%:")
    page.locator("#lock-trust").uncheck()
    page.click("#reset")


def test_the_downloaded_scenario_validates_and_ranks_as_the_page(english: Page, tmp_path: Path) -> None:
    page = english.page
    page.select_option("#profile", "1")
    page.locator("#w-responsiveness").fill("35")
    page.locator("#split").fill("80")
    page.locator("#c-letter").uncheck()
    with page.expect_download() as download:
        page.click("#download")
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    assert target.name == "local-retail-urgent-breakdown-board.yaml"
    text = target.read_text(encoding="utf-8")
    assert "base: [local-retail, urgent-breakdown]" in text and "not_applicable:" in text
    result = subprocess.run([sys.executable, "-m", "channelscore", "validate", str(target), "--format", "json"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    checked = json.loads(result.stdout)
    # Written in both languages: no warning, not even an incomplete translation.
    assert checked["ok"] and checked["problems"] == []
    ranked = runner.invoke(app, ["rank", "-p", str(target), "--format", "json"])
    assert ranked.exit_code == 0, ranked.output
    document = json.loads(ranked.stdout)
    assert [(row["channel"], row["rank"]) for row in document["ranking"]] == shown_ranking(english)
    assert "letter" not in [row["channel"] for row in document["ranking"]]
    page.click("#reset")
    page.select_option("#profile", "0")


def test_both_languages_render_without_a_request_and_read_in_their_language(browser: Any, boards: dict[str, Path],
                                                                           tmp_path: Path) -> None:
    from PIL import Image, ImageStat

    for lang, words in (("en", ("Live board: Local retail", "Recommended mix (2 channels)", "Improvement levers")),
                        ("fr", ("Tableau de bord\u202f: Commerce de proximité", "Combinaison recommandée (2 canaux)",
                                "Leviers d'amélioration"))):
        page = Page(browser, boards[lang])
        text = page.page.inner_text("body")
        for expected in words:
            assert expected in text
        if lang == "fr":
            assert "2,65" in text and "Face-à-face" in text and " ahead of " not in text and "Strong on" not in text
            assert "12\u202f%" in text
        screenshot = tmp_path / f"board-{lang}.png"
        page.page.screenshot(path=str(screenshot), full_page=True)
        image = Image.open(screenshot).convert("L")
        assert ImageStat.Stat(image).stddev[0] > 20
        assert page.messages == [] and page.external() == []
        page.page.close()


def test_the_page_asks_for_nothing_over_the_network(boards: dict[str, Path]) -> None:
    html = boards["en"].read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html and " src=" not in html
    assert "default-src 'none'" in html


def test_hostile_names_are_text_on_the_board(data_copy: Path, tmp_path: Path, browser: Any) -> None:
    channels = data_copy / "criteria" / "channels.yaml"
    hostile = 'names: {en: "Ph\\e[31mone </script><img src=x onerror=alert(1)>", fr: T}'
    channels.write_text(channels.read_text().replace("names: {en: Phone, fr: Téléphone}", hostile))
    target = write_board(tmp_path, "en", "retail", data=data_copy)
    html = target.read_text(encoding="utf-8")
    assert "</script><img" not in html and "\x1b" not in html
    page = Page(browser, target)
    names = page.page.eval_on_selector_all("#ranking .name", "items => items.map((item) => item.textContent)")
    assert "Ph[31mone </script><img src=x onerror=alert(1)>" in names
    assert page.page.locator("#ranking img").count() == 0
    assert page.messages == [] and page.external() == []
    page.page.close()


def test_the_command_refuses_what_it_cannot_write(tmp_path: Path) -> None:
    wrong = runner.invoke(app, ["board", "-p", "retail", "-o", str(tmp_path / "board.pdf")])
    assert wrong.exit_code == 2 and "does not end in .html" in wrong.output
    target = tmp_path / "board.html"
    assert runner.invoke(app, ["board", "-p", "retail", "-o", str(target)]).exit_code == 0
    again = runner.invoke(app, ["board", "-p", "retail", "-o", str(target)])
    assert again.exit_code == 2 and "already exists" in again.output
    assert runner.invoke(app, ["board", "-p", "retail", "-o", str(target), "--force"]).exit_code == 0
    unknown = runner.invoke(app, ["board", "-p", "retial", "-o", str(tmp_path / "other.html")])
    assert unknown.exit_code == 2 and not (tmp_path / "other.html").exists()


def test_the_page_writes_numbers_as_python_does(english: Page, browser: Any, boards: dict[str, Path]) -> None:
    rng = np.random.default_rng(19)
    values = [0.125, 0.375, 2.675, 0.005, 0.0049999, 1e-7, -0.125, 0.0, 2.5, 3.0, 99.995, 0.0005, 0.001, 0.1,
              0.09999, *map(float, rng.random(300) * 3), *map(float, rng.integers(0, 1000, 100) / 1000)]
    shown = english.page.evaluate("(values) => values.map((v) => [0, 1, 2, 3].map((d) => channelscoreBoard.fixed(v, "
                                  "d)).concat([channelscoreBoard.percent(v)]))", values)
    words = Words("en")
    for value, (*fixed, percent) in zip(values, shown, strict=True):
        assert fixed == [f"{value:.{digits}f}" for digits in range(4)], value
        assert percent == words.percent(value), value
    french = Page(browser, boards["fr"])
    shown = french.page.evaluate("(values) => values.map((v) => channelscoreBoard.percent(v))", values)
    assert shown == [Words("fr").percent(value) for value in values]
    french.page.close()
