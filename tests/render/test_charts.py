"""The report's charts laid out for reading: every text inside the figure, none over another, none too small,
in both languages, for every shipped profile and for names as long as the charts allow."""

from __future__ import annotations

from itertools import combinations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from channelscore import api
from channelscore.core.client_report import RADAR_CHANNELS
from channelscore.model import Catalog, Names
from channelscore.render import charts
from channelscore.render.document import Chart, blocks
from channelscore.words import Words

# Points: the HTML shows the charts wider than drawn, Word at about their size.
SMALLEST = 7.5


def text_problems(figure: Figure) -> list[str]:
    """What a reader would see wrong in ``figure``: a text cut by the figure's edge, two texts over each other,
    a text under ``SMALLEST`` points."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    frame = figure.bbox
    texts = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
    placed = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    problems = [f"{t.get_text()!r} is {t.get_fontsize()} pt" for t in texts if t.get_fontsize() < SMALLEST]
    for text, box in placed:
        if box.x0 < frame.x0 - 0.5 or box.y0 < frame.y0 - 0.5 or box.x1 > frame.x1 + 0.5 or box.y1 > frame.y1 + 0.5:
            problems.append(f"{text!r} leaves the figure")
    for (a, box_a), (b, box_b) in combinations(placed, 2):
        # A pixel of contact is not an overlap a reader sees.
        if box_a.shrunk(0.98, 0.9).overlaps(box_b.shrunk(0.98, 0.9)):
            problems.append(f"{a!r} overlaps {b!r}")
    return problems


def report_figures(catalog: Catalog, profile: str, lang: str) -> list[Figure]:
    report = api.client_report(catalog, profile, lang=lang, samples=2_000)
    return [block.figure for block in blocks(report.content, Words(lang)) if isinstance(block, Chart)]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return api.load_catalog()


def ranking_figures(catalog: Catalog, profile: str, lang: str) -> list[Figure]:
    """The two charts drawn from the ranking alone (the stacked scores and the radar), as the report draws them."""
    words = Words(lang)
    ranking = api.rank(catalog, profile).ranking
    decision = ranking.decision
    names = [words.name(row.names) for row in ranking.rows]
    criteria = [words.name(c.names) for c in decision.criteria]
    order = [row.matrix_row for row in ranking.rows]
    leaders = order[:RADAR_CHANNELS]
    return [charts.contribution_chart(names, criteria, (decision.weights * decision.ratings)[order], "score",
                                      words.number),
            charts.radar_chart(names[:RADAR_CHANNELS], criteria, decision.ratings[leaders])]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_profile_s_charts_read_cleanly(catalog: Catalog, lang: str) -> None:
    found = {}
    for profile in sorted(catalog.profiles):
        for number, figure in enumerate(ranking_figures(catalog, profile, lang)):
            problems = text_problems(figure)
            if problems:
                found[f"{profile} chart {number + 1}"] = problems[:4]
    # The whole report's charts, the heat map included, for a profile with a channel left out and one with
    # an extra criterion.
    for profile in ("pure-player", "b2b"):
        for number, figure in enumerate(report_figures(catalog, profile, lang)):
            problems = text_problems(figure)
            if problems:
                found[f"{profile} report chart {number + 1}"] = problems[:4]
    assert found == {}


def test_the_longest_names_the_charts_take_read_cleanly(catalog: Catalog) -> None:
    long = "Remontée d'informations contextuelles très détaillées"  # cut to 40 characters on the charts
    renamed = catalog._replace(
        criteria=tuple(c._replace(names=Names(long + f" {i}", long + f" {i}")) for i, c in enumerate(catalog.criteria)),
        channels=tuple(c._replace(names=Names(long + f" {i}", long + f" {i}")) for i, c in enumerate(catalog.channels)))
    for figure in report_figures(renamed, "retail", "fr"):
        assert text_problems(figure) == []


def test_the_checker_sees_a_cut_legend_and_overlapping_labels() -> None:
    figure = Figure(figsize=(3, 2))
    axes = figure.add_subplot()
    axes.text(0.5, 0.5, "a label", fontsize=9)
    axes.text(0.52, 0.5, "another label", fontsize=9)
    axes.plot([0, 1], [0, 1], label="a legend far too long to fit in so small a figure at all")
    axes.legend(loc="upper left", bbox_to_anchor=(0.6, 1.0))
    axes.text(0.1, 0.1, "tiny", fontsize=5)
    problems = text_problems(figure)
    assert any("overlaps" in p for p in problems)
    assert any("leaves the figure" in p for p in problems)
    assert "'tiny' is 5.0 pt" in problems


def test_charts_render_as_svg_and_png(catalog: Catalog) -> None:
    figure = report_figures(catalog, "retail", "fr")[0]
    assert charts.svg(figure, "t").startswith("<svg")
    assert charts.png(figure).startswith(b"\x89PNG")
    assert charts.svg(figure, "t") == charts.svg(figure, "t")  # the same bytes for the same data
