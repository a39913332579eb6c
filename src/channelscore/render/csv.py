"""CSV for programs and spreadsheets: a ranking, or a comparison of scenarios; one row per channel."""

from __future__ import annotations

import csv
import io

from channelscore.analysis.compare import Comparison
from channelscore.explain import ChannelAnalysis
from channelscore.ranking import Ranking

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
