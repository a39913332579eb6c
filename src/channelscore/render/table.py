"""Rich tables for people at a terminal; colour only on a terminal, and never markup taken from the data."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from rich.console import Console
from rich.table import Table
from rich.text import Text

from channelscore.catalog import Catalog
from channelscore.explain import ChannelAnalysis, ChannelExplanation, PairExplanation
from channelscore.ranking import Ranking
from channelscore.render import clean
from channelscore.words import say

if TYPE_CHECKING:
    from channelscore.analysis.compare import Comparison
    from channelscore.analysis.portfolio import MixReport
    from channelscore.analysis.sensitivity import Sensitivity
    from channelscore.analysis.stability import Bound
    from channelscore.ranking import Decision
    from channelscore.workshop import WorkshopResult

BAR_WIDTH = 12
TABLE_LISTED = 2


class _Console(Console):
    """rich's console, except that a closed pipe is left to the command line's handling (exit 0)."""

    def on_broken_pipe(self) -> None:
        # rich would exit with status 1, which this tool keeps for invalid data.
        self.quiet = True
        raise BrokenPipeError


def console() -> Console:
    """A console on standard output; rich itself honours ``NO_COLOR`` and plain pipes."""
    return _Console(highlight=False, soft_wrap=False)


def bar(score: float) -> Text:
    """The score on the 1-3 scale as a bar of ``BAR_WIDTH`` cells, in eighths."""
    eighths = round(max(0.0, min(1.0, (score - 1) / 2)) * BAR_WIDTH * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")
    return Text(text.ljust(BAR_WIDTH), style="cyan")


def _t(text: str, style: str = "") -> Text:
    return Text(clean(text), style=style)


def print_ranking(ranking: Ranking, analyses: list[ChannelAnalysis], lang: str, out: Console) -> None:
    decision = ranking.decision
    profile = decision.profile
    names = {c.id: c.names.get(lang) for c in decision.criteria}
    table = Table(title=clean(say(lang, "title", profile=profile.names.get(lang))) + f" ({profile.id})",
                  title_justify="left", show_lines=False)
    table.add_column(say(lang, "rank"), justify="right")
    table.add_column(say(lang, "channel"))
    table.add_column(say(lang, "score"), no_wrap=True)
    table.add_column(say(lang, "strengths"), style="green")
    table.add_column(say(lang, "weaknesses"), style="red")
    for a in analyses:
        score = Text(f"{a.row.score:.2f} ").append(bar(a.row.score))
        table.add_row(str(a.row.rank), _t(a.row.names.get(lang), "bold"), score,
                      _t(", ".join(names[c] for c in a.strengths[:TABLE_LISTED])),
                      _t(", ".join(names[c] for c in a.weaknesses[:TABLE_LISTED])))
    out.print(table)
    out.print(Text(say(lang, "why"), style="bold"))
    for a in analyses:
        line = Text(f"{a.row.rank:>3}. ")
        line.append(clean(a.row.names.get(lang)), style="bold")
        line.append(": " + clean(a.why))
        out.print(line)
    if ranking.excluded:
        out.print(Text(say(lang, "not_applicable"), style="bold"))
        for e in ranking.excluded:
            out.print(Text(f"  - {clean(e.names.get(lang))}: {clean(e.reason)}", style="dim"))
    weights = ", ".join(f"{clean(c.names.get(lang))} {w:.0%}"
                        for c, w in zip(decision.criteria, decision.weights, strict=True) if w > 0)
    out.print(Text(f"{say(lang, 'weights')}: {weights}", style="dim"))
    out.print(_t(recommended_mix_line(ranking, lang)))


def recommended_mix_line(ranking: Ranking, lang: str) -> str:
    """The one line that closes a ranking: the smallest mix of channels covering nearly everything."""
    from channelscore.analysis.portfolio import mix_for, sizes_up_to

    decision = ranking.decision
    report = mix_for(decision, sizes_up_to(decision), stop_at_recommended=True)
    size = report.recommended or (max(report.best) if report.best else None)
    if size is None:
        return ""
    mix = report.best[size]
    names = {c.id: c.names.get(lang) for c in decision.channels}
    return say(lang, "rank_mix", size=size, channels=" + ".join(names[c] for c in mix.channels),
               coverage=f"{mix.coverage:.2f}", best=f"{report.best_possible:.2f}")


def print_explanation(ranking: Ranking, explanation: ChannelExplanation, pair: PairExplanation | None,
                      lang: str, out: Console) -> None:
    analysis = explanation.analysis
    profile = ranking.decision.profile
    out.print(Text(say(lang, "explain_title", channel=clean(analysis.row.names.get(lang)),
                       profile=clean(profile.names.get(lang)), rank=str(analysis.row.rank),
                       score=f"{analysis.row.score:.2f}"), style="bold"))
    table = Table(show_lines=False)
    for key, justify in (("criterion", "left"), ("rating", "right"), ("weight", "right"), ("contribution", "right")):
        table.add_column(say(lang, key), justify=justify, no_wrap=True)  # type: ignore[arg-type]
    table.add_column(say(lang, "reason"), ratio=1)
    for line in explanation.lines:
        style = "green" if line.criterion in analysis.strengths else "red" if line.criterion in analysis.weaknesses \
            else ""
        rating = f"{line.rating}*" if line.adjusted else str(line.rating)
        table.add_row(_t(line.name, style), rating, f"{line.weight:.1%}", f"{line.contribution:.3f}", _t(line.reason))
    out.print(table)
    if any(line.adjusted for line in explanation.lines):
        out.print(Text(f"* {say(lang, 'adjusted')}", style="dim"))
    out.print(_t(analysis.why))
    if explanation.best_practices:
        out.print(Text(say(lang, "best_practices"), style="bold"))
        for practice in explanation.best_practices:
            out.print(_t(f"  - {practice}"))
    if pair is not None:
        out.print(Text(say(lang, "deciding", a=pair.a, b=pair.b), style="bold"))
        versus = Table(show_lines=False)
        for key, justify in (("criterion", "left"), ("rating", "right"), ("effect", "right")):
            versus.add_column(say(lang, key), justify=justify, no_wrap=True)  # type: ignore[arg-type]
        versus.add_column(say(lang, "reason"), ratio=1)
        for item in pair.deciding:
            versus.add_row(_t(item.name), f"{item.rating_a} vs {item.rating_b}", f"{item.difference:+.3f}",
                           _t(f"{pair.a}: {item.reason_a} / {pair.b}: {item.reason_b}"))
        out.print(versus)
        out.print(_t(pair.summary))


def print_list(catalog: Catalog, what: str, lang: str, out: Console) -> None:
    table = Table(show_lines=False)
    if what == "criteria":
        table.add_column(say(lang, "id"), no_wrap=True)
        for key in ("name", "group", "description"):
            table.add_column(say(lang, key))
        for c in catalog.criteria:
            table.add_row(_t(c.id), _t(c.names.get(lang)), c.group, _t(c.description))
    elif what == "channels":
        for key in ("id", "name", "family", "traits"):
            table.add_column(say(lang, key))
        for ch in catalog.channels:
            table.add_row(_t(ch.id), _t(ch.names.get(lang)), ch.family, _t(", ".join(ch.traits)))
    else:
        for key in ("id", "name", "aliases", "extends"):
            table.add_column(say(lang, key))
        for p in sorted(catalog.profiles.values(), key=lambda p: p.model.id):
            table.add_row(_t(p.model.id), _t(p.model.names.get(lang)), _t(", ".join(p.model.aliases)),
                          _t(p.model.extends or ""))
    out.print(table)


def print_comparison(comparison: Comparison, lang: str, out: Console) -> None:
    from channelscore.analysis.compare import summary

    table = Table(title=say(lang, "compare_title", count=len(comparison.labels)), title_justify="left")
    table.add_column(say(lang, "channel"), no_wrap=True, max_width=24, overflow="ellipsis")
    for label in comparison.labels:
        table.add_column(clean(label), justify="right", overflow="fold")
    for c in comparison.channels:
        cells: list[Text | str] = [_t(c.names.get(lang), "bold")]
        for index, (rank, score, change) in enumerate(zip(c.ranks, c.scores, c.changes, strict=True)):
            if rank is None or score is None:
                cells.append(Text("—", style="dim"))
                continue
            cell = Text(f"{rank:>2}  {score:.2f}")
            if index:
                cell.append(" ").append(_moved(change))
            cells.append(cell)
        table.add_row(*cells)
    out.print(table)
    out.print(Text(say(lang, "agreement"), style="bold"))
    for a in comparison.agreements:
        tau = f"{a.tau_b:.2f}" if a.tau_b is not None else say(lang, "tau_undefined")
        out.print(_t(f"  {comparison.labels[a.first]} / {comparison.labels[a.second]}: {tau}"))
    out.print(_t(summary(comparison, lang)))


def _moved(change: int | None) -> Text:
    if change is None:
        return Text("")
    if change == 0:
        return Text(" =", style="dim")
    return Text(f"▲{-change}" if change < 0 else f"▼{change}", style="green" if change < 0 else "red")


def _span(low: Bound, high: Bound, weight: float) -> Text:
    from channelscore.analysis.sensitivity import percent

    text = Text(f"{percent(low.weight)} – {percent(high.weight)}")
    if low.weight >= weight - 1e-12 or high.weight <= weight + 1e-12:
        text.stylize("red")
    return text


def print_sensitivity(analysis: Sensitivity, lang: str, out: Console) -> None:
    from channelscore.analysis.sensitivity import advice, percent

    decision = analysis.ranking.decision
    profile = decision.profile
    names = {c.id: c.names.get(lang) for c in decision.channels}
    out.print(Text(clean(say(lang, "sens_title", profile=profile.names.get(lang))) + f" ({profile.id})",
                   style="bold"))
    for line in advice(analysis, lang):
        out.print(_t(line))
    criteria = {c.id: c.names.get(lang) for c in decision.criteria}
    table = Table(title=say(lang, "stability"), title_justify="left")
    table.add_column(say(lang, "criterion"))
    table.add_column(say(lang, "weight"), justify="right")
    table.add_column(say(lang, "first_holds"), justify="right")
    table.add_column(say(lang, "order_holds"), justify="right")
    for s in analysis.stability:
        takers = " / ".join(clean(names[b.channel]) for b in (s.first_low, s.first_high) if b.channel)
        first = _span(s.first_low, s.first_high, s.weight)
        if takers:
            first.append(f"  ({takers})", style="dim")
        table.add_row(_t(criteria[s.criterion]), percent(s.weight), first,
                      _span(s.order_low, s.order_high, s.weight))
    out.print(table)
    result = analysis.smaa
    shown = min(len(decision.channels), 5)
    accept = Table(title=say(lang, "acceptability"), title_justify="left")
    accept.add_column(say(lang, "channel"), no_wrap=True, max_width=24, overflow="ellipsis")
    for r in range(shown):
        accept.add_column(f"{r + 1}", justify="right")
    accept.add_column(say(lang, "confidence"), justify="right")
    for row in analysis.ranking.rows:
        shares = result.acceptability[row.matrix_row]
        confidence = result.confidence[row.matrix_row]
        accept.add_row(_t(names[row.channel], "bold"), *[percent(float(x)) if x else "·" for x in shares[:shown]],
                       "" if confidence != confidence else percent(float(confidence)))
    out.print(accept)


def print_portfolio(report: MixReport, decision: Decision, lang: str, out: Console) -> None:
    from channelscore.analysis.portfolio import mix_sentences

    names = {c.id: c.names.get(lang) for c in decision.channels}
    profile = decision.profile
    table = Table(title=clean(say(lang, "mix_title", profile=profile.names.get(lang))) + f" ({profile.id})",
                  title_justify="left")
    table.add_column(say(lang, "mix_size"), justify="right")
    table.add_column(say(lang, "mix_set"))
    table.add_column(say(lang, "coverage"), justify="right", no_wrap=True)
    for size, mix in sorted(report.best.items()):
        mark = Text(" ★", style="yellow") if size == report.recommended else Text("")
        table.add_row(Text(str(size)).append(mark), _t(" + ".join(names[c] for c in mix.channels)),
                      Text(f"{mix.coverage:.2f} ").append(bar(mix.coverage)))
    out.print(table)
    for line in mix_sentences(report, decision, lang):
        out.print(_t(line))
    shown = report.chosen_size
    if shown is not None and report.alternatives.get(shown):
        out.print(Text(say(lang, "mix_alternatives", size=shown), style="bold"))
        for mix in report.alternatives[shown]:
            out.print(_t(f"  {' + '.join(names[c] for c in mix.channels)}: {mix.coverage:.2f}"))


def print_workshop(result: WorkshopResult, catalog: Catalog, written: str | None, lang: str, out: Console) -> None:
    from channelscore.analysis.elicitation import RANDOM_INDEX, RANDOM_INDEX_SOURCE
    from channelscore.workshop import METHOD_NAMES

    names = {c.id: c.names.get(lang) for c in catalog.criteria}
    for profile in catalog.profiles.values():
        names.update({c.id: c.names.get(lang) for c in profile.model.extra_criteria})
    workshop = result.workshop
    table = Table(title=f"{clean(workshop.id)}: {METHOD_NAMES[result.method]}", title_justify="left")
    table.add_column(say(lang, "criterion"))
    for participant in result.participants:
        table.add_column(clean(participant.name), justify="right", overflow="fold")
    table.add_column(say(lang, "weight"), justify="right", style="bold")
    order = np.argsort(-result.weights, kind="stable")
    for k in order:
        criterion = result.criteria[k]
        table.add_row(_t(names.get(criterion, criterion)), *[f"{p.weights[k]:.1%}" for p in result.participants],
                      f"{result.weights[k]:.1%}")
    out.print(table)
    if result.zero:
        out.print(_t(say(lang, "workshop_zero", names=", ".join(names.get(c, c) for c in result.zero))))
    if workshop.method == "ahp":
        for participant in result.participants:
            if participant.consistency is not None:
                c = participant.consistency
                out.print(_t(say(lang, "workshop_cr", name=participant.name, cr=f"{c.cr:.3f}",
                                 lam=f"{c.lambda_max:.3f}", ci=f"{c.ci:.3f}", ri=f"{c.ri:.2f}"),
                             "" if c.acceptable else "red"))
        if result.consistency is not None:
            out.print(_t(say(lang, "workshop_aggregate", cr=f"{result.consistency.cr:.3f}"), "bold"))
        if result.worst:
            out.print(_t(say(lang, "workshop_worst", items="; ".join(
                f"{a}/{b} {given:.2g} → {implied:.2g}" for a, b, given, implied in result.worst))))
        shown = ", ".join(f"{k}: {v:.2f}" for k, v in RANDOM_INDEX.items() if k >= 3)
        out.print(Text(say(lang, "workshop_ri", source=RANDOM_INDEX_SOURCE, values=shown), style="dim"))
    if written:
        out.print(_t(say(lang, "workshop_written", path=written, base=workshop.base)))
