"""CSV for programs and spreadsheets: a ranking, or a comparison of scenarios; one row per channel."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from channelscore.explain import ChannelAnalysis
from channelscore.ranking import Ranking

if TYPE_CHECKING:
    from channelscore.analysis.compare import Comparison
    from channelscore.analysis.portfolio import MixReport
    from channelscore.analysis.sensitivity import Sensitivity

COLUMNS = ["rank", "channel", "name", "score", "strengths", "weaknesses", "why"]


def rank_csv(ranking: Ranking, analyses: list[ChannelAnalysis], lang: str) -> str:
    """The ``rank --format csv`` text; lists inside a cell are separated by ``;``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for a in analyses:
        writer.writerow([a.row.rank, a.row.channel, a.row.names.get(lang), repr(a.row.score),
                         ";".join(a.strengths), ";".join(a.weaknesses), a.why])
    for e in ranking.excluded:
        writer.writerow(["", e.channel, e.names.get(lang), "", "", "", e.reason])
    return buffer.getvalue()


def compare_csv(comparison: Comparison, lang: str) -> str:
    """The ``compare --format csv`` text: per scenario, the rank, score and change of every channel."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = ["channel", "name"]
    for label in comparison.labels:
        header += [f"rank:{label}", f"score:{label}", f"change:{label}"]
    writer.writerow(header)
    for c in comparison.channels:
        row: list[object] = [c.channel, c.names.get(lang)]
        for rank, score, change in zip(c.ranks, c.scores, c.changes, strict=True):
            row += ["" if rank is None else rank, "" if score is None else repr(score),
                    "" if change is None else change]
        writer.writerow(row)
    return buffer.getvalue()


def sensitivity_csv(analysis: Sensitivity, lang: str) -> str:
    """The ``sensitivity --format csv`` text: each channel's rank acceptability, confidence and central weights."""
    decision = analysis.ranking.decision
    criteria = [c.id for c in decision.criteria]
    count = len(decision.channels)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["channel", "name", *(f"rank_{r + 1}" for r in range(count)), "confidence",
                     *(f"central:{c}" for c in criteria)])
    result = analysis.smaa
    for row in analysis.ranking.rows:
        i = row.matrix_row
        first = result.first_counts[i] > 0
        writer.writerow([row.channel, row.names.get(lang), *(repr(float(x)) for x in result.acceptability[i]),
                         repr(float(result.confidence[i])) if first else "",
                         *((repr(float(x)) for x in result.central_weights[i]) if first else [""] * len(criteria))])
    return buffer.getvalue()


def portfolio_csv(report: MixReport) -> str:
    """The ``portfolio --format csv`` text: the best set of each size and the alternatives, one per row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["size", "place", "channels", "coverage", "recommended"])
    for size in sorted(report.best):
        for place, mix in enumerate((report.best[size], *report.alternatives[size]), start=1):
            writer.writerow([size, place, ";".join(mix.channels), repr(mix.coverage),
                             "yes" if size == report.recommended and place == 1 else ""])
    return buffer.getvalue()
