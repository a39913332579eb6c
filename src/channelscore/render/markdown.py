"""Markdown of a ranking or a comparison, ready to paste into a recommendation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from channelscore.explain import ChannelAnalysis
from channelscore.ranking import Ranking
from channelscore.render import clean
from channelscore.words import say

if TYPE_CHECKING:
    from channelscore.analysis.compare import Comparison
    from channelscore.analysis.portfolio import MixReport
    from channelscore.analysis.sensitivity import Sensitivity
    from channelscore.ranking import Decision


def cell(text: str) -> str:
    """``text`` safe inside a Markdown table cell or paragraph."""
    return clean(text).replace("|", "\\|")


def rank_markdown(ranking: Ranking, analyses: list[ChannelAnalysis], lang: str) -> str:
    """The ``rank --format markdown`` text."""
    decision = ranking.decision
    names = {c.id: c.names.get(lang) for c in decision.criteria}
    profile = decision.profile
    lines = [f"## {cell(say(lang, 'title', profile=profile.names.get(lang)))} (`{profile.id}`)", ""]
    header = [say(lang, key) for key in ("rank", "channel", "score", "strengths", "weaknesses", "why")]
    lines += ["| " + " | ".join(header) + " |", "|---:|---|---:|---|---|---|"]
    for a in analyses:
        lines.append("| " + " | ".join([
            str(a.row.rank), cell(a.row.names.get(lang)), f"{a.row.score:.2f}",
            cell(", ".join(names[c] for c in a.strengths)), cell(", ".join(names[c] for c in a.weaknesses)),
            cell(a.why)]) + " |")
    if ranking.excluded:
        lines += ["", f"**{say(lang, 'not_applicable')}:**", ""]
        lines += [f"- {cell(e.names.get(lang))}: {cell(e.reason)}" for e in ranking.excluded]
    lines += ["", f"**{say(lang, 'weights')}:** " + ", ".join(
        f"{cell(c.names.get(lang))} {w:.0%}" for c, w in zip(decision.criteria, decision.weights, strict=True))]
    return "\n".join(lines) + "\n"


def _change(change: int | None) -> str:
    if change is None:
        return ""
    return "=" if change == 0 else f"{-change:+d}"


def compare_markdown(comparison: Comparison, lang: str) -> str:
    """The ``compare --format markdown`` text: a table of ranks and scores, agreement, and the summary."""
    from channelscore.analysis.compare import summary

    lines = [f"## {cell(say(lang, 'compare_title', count=len(comparison.labels)))}", ""]
    header = [say(lang, "channel")] + [f"`{cell(label)}`" for label in comparison.labels]
    lines += ["| " + " | ".join(header) + " |", "|---|" + "---:|" * len(comparison.labels)]
    for c in comparison.channels:
        cells = [cell(c.names.get(lang))]
        for index, (rank, score, change) in enumerate(zip(c.ranks, c.scores, c.changes, strict=True)):
            if rank is None or score is None:
                cells.append("—")
            else:
                moved = f" ({_change(change)})" if index and change is not None else ""
                cells.append(f"{rank} · {score:.2f}{moved}")
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"**{say(lang, 'agreement')}:**", ""]
    for a in comparison.agreements:
        tau = f"{a.tau_b:.2f}" if a.tau_b is not None else say(lang, "tau_undefined")
        lines.append(f"- `{cell(comparison.labels[a.first])}` / `{cell(comparison.labels[a.second])}`: {tau}")
    lines += ["", cell(summary(comparison, lang))]
    return "\n".join(lines) + "\n"


def sensitivity_markdown(analysis: Sensitivity, lang: str) -> str:
    """The ``sensitivity --format markdown`` text: the findings, the stability table and the acceptability."""
    from channelscore.analysis.sensitivity import advice, percent

    decision = analysis.ranking.decision
    profile = decision.profile
    names = {c.id: c.names.get(lang) for c in decision.channels}
    criteria = {c.id: c.names.get(lang) for c in decision.criteria}
    lines = [f"## {cell(say(lang, 'sens_title', profile=profile.names.get(lang)))} (`{profile.id}`)", ""]
    lines += [cell(line) for line in advice(analysis, lang)]
    lines += ["", f"**{say(lang, 'stability')}**", "",
              f"| {say(lang, 'criterion')} | {say(lang, 'weight')} | {say(lang, 'first_holds')} | "
              f"{say(lang, 'order_holds')} |", "|---|---:|---:|---:|"]
    for s in analysis.stability:
        lines.append(f"| {cell(criteria[s.criterion])} | {percent(s.weight)} | "
                     f"{percent(s.first_low.weight)} – {percent(s.first_high.weight)} | "
                     f"{percent(s.order_low.weight)} – {percent(s.order_high.weight)} |")
    count = len(decision.channels)
    lines += ["", f"**{say(lang, 'acceptability')}**", "",
              f"| {say(lang, 'channel')} | " + " | ".join(str(r + 1) for r in range(count)) +
              f" | {say(lang, 'confidence')} |", "|---|" + "---:|" * (count + 1)]
    result = analysis.smaa
    for row in analysis.ranking.rows:
        shares = result.acceptability[row.matrix_row]
        confidence = result.confidence[row.matrix_row]
        lines.append(f"| {cell(names[row.channel])} | " + " | ".join(percent(float(x)) for x in shares) +
                     f" | {'' if confidence != confidence else percent(float(confidence))} |")
    return "\n".join(lines) + "\n"


def portfolio_markdown(report: MixReport, decision: Decision, lang: str) -> str:
    """The ``portfolio --format markdown`` text: the best set of each size, the recommendation, alternatives."""
    from channelscore.analysis.portfolio import mix_sentences

    names = {c.id: c.names.get(lang) for c in decision.channels}
    profile = decision.profile
    lines = [f"## {cell(say(lang, 'mix_title', profile=profile.names.get(lang)))} (`{profile.id}`)", "",
             f"| {say(lang, 'mix_size')} | {say(lang, 'mix_set')} | {say(lang, 'coverage')} |", "|---:|---|---:|"]
    for size, mix in sorted(report.best.items()):
        star = " ★" if size == report.recommended else ""
        lines.append(f"| {size}{star} | {cell(' + '.join(names[c] for c in mix.channels))} | {mix.coverage:.2f} |")
    lines += [""] + [cell(line) for line in mix_sentences(report, decision, lang)]
    shown = report.chosen_size
    if shown is not None and report.alternatives.get(shown):
        lines += ["", f"**{say(lang, 'mix_alternatives', size=shown)}:**", ""]
        lines += [f"- {cell(' + '.join(names[c] for c in m.channels))}: {m.coverage:.2f}"
                  for m in report.alternatives[shown]]
    return "\n".join(lines) + "\n"
