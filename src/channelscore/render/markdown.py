"""Markdown of a ranking, ready to paste into a recommendation."""

from __future__ import annotations

from channelscore.explain import ChannelAnalysis
from channelscore.ranking import Ranking
from channelscore.render import clean
from channelscore.words import say


def _cell(text: str) -> str:
    return clean(text).replace("|", "\\|")


def rank_markdown(ranking: Ranking, analyses: list[ChannelAnalysis], lang: str) -> str:
    """The ``rank --format markdown`` text."""
    decision = ranking.decision
    names = {c.id: c.names.get(lang) for c in decision.criteria}
    profile = decision.profile
    lines = [f"## {_cell(say(lang, 'title', profile=profile.names.get(lang)))} (`{profile.id}`)", ""]
    header = [say(lang, key) for key in ("rank", "channel", "score", "strengths", "weaknesses", "why")]
    lines += ["| " + " | ".join(header) + " |", "|---:|---|---:|---|---|---|"]
    for a in analyses:
        lines.append("| " + " | ".join([
            str(a.row.rank), _cell(a.row.names.get(lang)), f"{a.row.score:.2f}",
            _cell(", ".join(names[c] for c in a.strengths)), _cell(", ".join(names[c] for c in a.weaknesses)),
            _cell(a.why)]) + " |")
    if ranking.excluded:
        lines += ["", f"**{say(lang, 'not_applicable')}:**", ""]
        lines += [f"- {_cell(e.names.get(lang))}: {_cell(e.reason)}" for e in ranking.excluded]
    lines += ["", f"**{say(lang, 'weights')}:** " + ", ".join(
        f"{_cell(c.names.get(lang))} {w:.0%}" for c, w in zip(decision.criteria, decision.weights, strict=True))]
    return "\n".join(lines) + "\n"
