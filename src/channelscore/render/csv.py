"""CSV of a ranking: one row per channel, excluded channels last with an empty rank."""

from __future__ import annotations

import csv
import io

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
