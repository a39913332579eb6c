"""CSV for programs and spreadsheets: a ranking, or a comparison of scenarios; one row per channel."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from channelscore.render.clean import clean
from channelscore.render.views import CompareView, PortfolioView, RankView, SensitivityView
from channelscore.words import Words, tell

COLUMNS = ["rank", "channel", "name", "score", "strengths", "weaknesses", "why"]

_NUMBER = re.compile(r"[-+]?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")
# A spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK(...), @SUM(...)).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as written: controls removed, on one line, and text that
    would start a formula prefixed with an apostrophe (numbers such as -2 or +1 are left alone)."""
    if not isinstance(value, str):
        return value
    text = clean(value)
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


class _SafeWriter:
    """``csv.writer`` whose every cell goes through :func:`safe_cell`."""

    def __init__(self, buffer: io.StringIO) -> None:
        self._writer = csv.writer(buffer, lineterminator="\n")

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([safe_cell(value) for value in row])


def rank_csv(view: RankView, words: Words) -> str:
    """The ``rank --format csv`` text; lists inside a cell are separated by ``;``."""
    ranking = view.ranking
    buffer = io.StringIO()
    writer = _SafeWriter(buffer)
    writer.writerow(COLUMNS)
    for a in view.analyses:
        writer.writerow([a.row.rank, a.row.channel, words.name(a.row.names), repr(a.row.score),
                         ";".join(a.strengths), ";".join(a.weaknesses), tell.why(words, ranking, a)])
    for e in ranking.excluded:
        writer.writerow(["", e.channel, words.name(e.names), "", "", "", e.reason])
    return buffer.getvalue()


def compare_csv(view: CompareView, words: Words) -> str:
    """The ``compare --format csv`` text: per scenario, the rank, score and change of every channel."""
    comparison = view.comparison
    buffer = io.StringIO()
    writer = _SafeWriter(buffer)
    header = ["channel", "name"]
    for label in comparison.labels:
        header += [f"rank:{label}", f"score:{label}", f"change:{label}"]
    writer.writerow(header)
    for c in comparison.channels:
        row: list[object] = [c.channel, words.name(c.names)]
        for rank, score, change in zip(c.ranks, c.scores, c.changes, strict=True):
            row += ["" if rank is None else rank, "" if score is None else repr(score),
                    "" if change is None else change]
        writer.writerow(row)
    return buffer.getvalue()


def sensitivity_csv(view: SensitivityView, words: Words) -> str:
    """The ``sensitivity --format csv`` text: each channel's rank acceptability, confidence and central weights."""
    analysis = view.sensitivity
    decision = analysis.ranking.decision
    criteria = [c.id for c in decision.criteria]
    count = len(decision.channels)
    buffer = io.StringIO()
    writer = _SafeWriter(buffer)
    writer.writerow(["channel", "name", *(f"rank_{r + 1}" for r in range(count)), "confidence",
                     *(f"central:{c}" for c in criteria)])
    result = analysis.smaa
    for row in analysis.ranking.rows:
        i = row.matrix_row
        first = result.first_counts[i] > 0
        writer.writerow([row.channel, words.name(row.names), *(repr(float(x)) for x in result.acceptability[i]),
                         repr(float(result.confidence[i])) if first else "",
                         *((repr(float(x)) for x in result.central_weights[i]) if first else [""] * len(criteria))])
    return buffer.getvalue()


def portfolio_csv(view: PortfolioView, words: Words) -> str:
    """The ``portfolio --format csv`` text: the best set of each size and the alternatives, one per row."""
    report = view.mix
    buffer = io.StringIO()
    writer = _SafeWriter(buffer)
    writer.writerow(["size", "place", "channels", "coverage", "recommended"])
    for size in sorted(report.best):
        for place, mix in enumerate((report.best[size], *report.alternatives[size]), start=1):
            writer.writerow([size, place, ";".join(mix.channels), repr(mix.coverage),
                             "yes" if size == report.recommended and place == 1 else ""])
    return buffer.getvalue()
