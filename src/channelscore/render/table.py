"""Rich tables for people at a terminal; colour only on a terminal, and never markup taken from the data."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

import numpy as np
from rich.console import Console
from rich.table import Table
from rich.text import Text

from channelscore.render.clean import clean
from channelscore.render.views import (
    CompareView,
    ExpectationsView,
    ExplainView,
    LeversView,
    ListView,
    PortfolioView,
    RankView,
    SensitivityView,
    WeightsView,
    listed_profiles,
)
from channelscore.words import Words, tell

if TYPE_CHECKING:
    from channelscore.core.levers import Lever
    from channelscore.core.stability import Bound

BAR_WIDTH = 12
TABLE_LISTED = 2


class _Console(Console):
    """rich's console, except that a closed pipe is left to the command line's handling (exit 0)."""

    def on_broken_pipe(self) -> None:
        # rich would exit with status 1, which this tool keeps for invalid data.
        self.quiet = True
        raise BrokenPipeError


def console(out: TextIO | None = None) -> Console:
    """A console on ``out`` (standard output by default); rich itself honours ``NO_COLOR`` and plain pipes."""
    _keep_no_break_spaces()
    return _Console(file=out, highlight=False, soft_wrap=False)


def _keep_no_break_spaces() -> None:
    """Make rich's line wrapping keep no-break spaces: French puts one before ``%``, ``:`` and ``;``, and
    "12 %" must not end a line with "12". rich splits words at any whitespace, no-break spaces included
    (Textualize/rich#4196); its word pattern is replaced by the same one without them."""
    from rich import _wrap

    keep = "\u00a0\u202f"
    _wrap.re_word = re.compile(f"[^\\S{keep}]*[\\S{keep}]+[^\\S{keep}]*")


def bar(score: float) -> Text:
    """The score on the 1-3 scale as a bar of ``BAR_WIDTH`` cells, in eighths."""
    eighths = round(max(0.0, min(1.0, (score - 1) / 2)) * BAR_WIDTH * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")
    return Text(text.ljust(BAR_WIDTH), style="cyan")


def _t(text: str, style: str = "") -> Text:
    """Text for rich that is never read as markup: ``[/]`` or ``[link=…]`` in a name is shown as written."""
    return Text(clean(text), style=style)


def print_ranking(view: RankView, words: Words, out: Console) -> None:
    ranking = view.ranking
    decision = ranking.decision
    good = {c.id: words.pole(c.names, c.poles, True) for c in decision.criteria}
    poor = {c.id: words.pole(c.names, c.poles, False) for c in decision.criteria}
    table = Table(title=_t(tell.ranking_title(words, decision)),
                  title_justify="left", show_lines=False)
    table.add_column(words.say("rank"), justify="right")
    table.add_column(words.say("channel"))
    table.add_column(words.say("score"), no_wrap=True)
    table.add_column(words.say("strengths"), style="green")
    table.add_column(words.say("weaknesses"), style="red")
    for a in view.analyses:
        score = Text(f"{words.number(a.row.score)} ").append(bar(a.row.score))
        table.add_row(str(a.row.rank), _t(words.name(a.row.names), "bold"), score,
                      _t(", ".join(good[c] for c in a.strengths[:TABLE_LISTED])),
                      _t(", ".join(poor[c] for c in a.weaknesses[:TABLE_LISTED])))
    out.print(table)
    out.print(Text(words.say("why"), style="bold"))
    for a in view.analyses:
        line = Text(f"{a.row.rank:>3}. ")
        line.append(clean(words.name(a.row.names)), style="bold")
        # A dash, not a colon: the French why line itself starts with "Atouts :".
        line.append(" — " + clean(tell.why(words, ranking, a)))
        out.print(line)
    if ranking.excluded:
        out.print(Text(words.say("not_applicable"), style="bold"))
        for e in ranking.excluded:
            out.print(Text(f"  - {clean(words.name(e.names))}{words.colon}{clean(words.text(e.reason))}", style="dim"))
    weights = ", ".join(f"{clean(words.name(c.names))} {words.percent(float(w), 0)}"
                        for c, w in zip(decision.criteria, decision.weights, strict=True) if w > 0)
    out.print(Text(f"{words.say('weights')}{words.colon}{weights}", style="dim"))
    out.print(_t(tell.rank_mix_line(words, view.mix, decision)))


def print_explanation(view: ExplainView, words: Words, out: Console) -> None:
    explanation, pair = view.explanation, view.pair
    analysis = explanation.analysis
    profile = view.ranking.decision.profile
    out.print(Text(words.say("explain_title", channel=clean(words.name(analysis.row.names)),
                             profile=clean(words.name(profile.names)), rank=str(analysis.row.rank),
                             score=words.number(analysis.row.score)), style="bold"))
    table = Table(show_lines=False)
    for key, justify in (("criterion", "left"), ("rating", "right"), ("weight", "right"), ("contribution", "right")):
        table.add_column(words.say(key), justify=justify, no_wrap=True)  # type: ignore[arg-type]
    table.add_column(words.say("reason"), ratio=1)
    for line in explanation.lines:
        style = "green" if line.criterion in analysis.strengths else "red" if line.criterion in analysis.weaknesses \
            else ""
        rating = f"{line.rating}*" if line.adjusted else str(line.rating)
        table.add_row(_t(words.name(line.names), style), rating, words.percent(line.weight, 1),
                      words.number(line.contribution, 3), _t(words.text(line.reason)))
    out.print(table)
    if any(line.adjusted for line in explanation.lines):
        out.print(Text(f"* {words.say('adjusted')}", style="dim"))
    out.print(_t(tell.why(words, view.ranking, analysis)))
    composition = tell.composition(words, view.ranking.decision)
    if composition is not None:
        out.print(Text(clean(words.say("composition_title", profile=words.name(profile.names))), style="bold"))
        out.print(_t(composition.intro))
        for sentence in [*composition.weights, *composition.adjustments]:
            out.print(_t(f"  - {sentence}"))
    if view.levers is not None:
        out.print(Text(words.say("explain_levers"), style="bold"))
        if view.levers.levers:
            for lever in view.levers.levers[:LEVERS_SHOWN]:
                out.print(_t(f"  - {tell.lever_sentence(words, lever, view.levers, view.ranking.decision)}"))
        else:
            out.print(_t(f"  {tell.levers_none(words, view.levers, view.ranking.decision)}"))
        for step_pair in view.levers.pairs:
            out.print(_t(f"  - {tell.pair_sentence(words, step_pair, view.ranking.decision)}"))
        for closing in tell.levers_closing(words, view.levers, view.ranking.decision):
            out.print(_t(f"  {closing}"), style="dim")
    if explanation.best_practices:
        out.print(Text(words.say("best_practices"), style="bold"))
        for practice in explanation.best_practices:
            out.print(_t(f"  - {words.text(practice)}"))
    cited = [(words.name(line.names), tell.cite(words, line.source, view.sources))
             for line in explanation.lines if line.source]
    if cited:
        out.print(Text(words.say("report_sources"), style="bold"))
        for name, citation in cited:
            out.print(_t(f"  {name}{words.colon}{citation}"), style="dim")
    if pair is not None:
        name_a, name_b = words.name(pair.names_a), words.name(pair.names_b)
        out.print(Text(words.say("deciding", a=clean(name_a), b=clean(name_b)), style="bold"))
        versus = Table(show_lines=False)
        for key, justify in (("criterion", "left"), ("rating", "right"), ("effect", "right")):
            versus.add_column(words.say(key), justify=justify, no_wrap=True)  # type: ignore[arg-type]
        versus.add_column(words.say("reason"), ratio=1)
        for item in pair.deciding:
            versus.add_row(_t(words.name(item.names)), f"{item.rating_a} vs {item.rating_b}",
                           words.number(item.difference, 3, sign=True),
                           _t(f"{name_a}{words.colon}{words.text(item.reason_a)} / "
                              f"{name_b}{words.colon}{words.text(item.reason_b)}"))
        out.print(versus)
        out.print(_t(tell.pair_summary(words, pair)))


def print_list(view: ListView, words: Words, out: Console) -> None:
    catalog = view.catalog
    table = Table(show_lines=False)
    if view.what == "criteria":
        table.add_column(words.say("id"), no_wrap=True)
        for key in ("name", "group", "description"):
            table.add_column(words.say(key))
        for c in catalog.criteria:
            table.add_row(_t(c.id), _t(words.name(c.names)), words.group(c.group), _t(words.text(c.description)))
    elif view.what == "channels":
        for key in ("id", "name", "family", "traits"):
            table.add_column(words.say(key))
        for ch in catalog.channels:
            own = "" if catalog.in_study(ch.id) else f" ({words.say('own_channel')})"
            table.add_row(_t(ch.id), _t(words.name(ch.names) + own), words.family(ch.family),
                          _t(", ".join(words.trait(t) for t in ch.traits)))
    else:
        for key in ("id", "name", "kind", "aliases", "extends"):
            table.add_column(words.say(key))
        for p in listed_profiles(catalog):
            table.add_row(_t(p.id), _t(words.name(p.names)), words.kind(p.kind), _t(", ".join(p.aliases)),
                          _t("+".join(p.extends)))
        table.caption = clean(words.say("profiles_caption"))
    out.print(table)


_STATUS_STYLE = {"holds": "green", "fails": "bold red", "unmet": "yellow", "unmet_holds": "bold yellow",
                 "set_aside": "dim"}


def print_expectations(view: ExpectationsView, words: Words, out: Console) -> None:
    """One row per judgement: where it is stated, its status, the statement with the seeds' quote and source,
    and how many one-step rating moves would break it."""
    table = Table(title=tell.expectations_title(words, view.items), title_justify="left", show_lines=True)
    statuses = {"holds": words.say("status_holds"), "fails": words.say("status_fails"),
                "unmet": words.say("status_unmet"), "unmet_holds": words.say("status_unmet_holds"),
                "set_aside": words.say("status_set_aside")}
    for key in ("exp_where", "exp_status", "exp_statement", "exp_fragile"):
        table.add_column(words.say(key), overflow="fold")
    for item in view.items:
        expectation = item.check.expectation
        statement = Text(clean(words.text(expectation.statement)))
        if expectation.quote:
            statement.append("\n" + clean(words.quote(expectation.quote)), style="italic")
        statement.append("\n" + clean(tell.cite(words, expectation.source, view.sources)), style="dim")
        if item.status in ("fails", "unmet"):
            statement.append("\n" + clean(tell.expectation_failure(words, item.check)), style="dim")
        if expectation.unmet:
            unmet = words.say("exp_unmet_because", argument=words.text(expectation.unmet))
            statement.append("\n" + clean(unmet), style="yellow")
        if item.set_aside is not None:
            statement.append("\n" + clean(tell.set_aside_reason(words, item)), style="dim")
        where = _t(item.profile) if item.profile is not None else Text(words.say("exp_channels_file"), style="dim")
        if item.checked_in is not None:
            where.append("\n" + clean(words.say("exp_checked_in", profile=item.checked_in)), style="dim")
        table.add_row(where, Text(statuses[item.status], style=_STATUS_STYLE[item.status]), statement,
                      tell.fragility(words, item))
    out.print(table)


def print_comparison(view: CompareView, words: Words, out: Console) -> None:
    comparison = view.comparison
    table = Table(title=words.say("compare_title", count=len(comparison.labels)), title_justify="left")
    table.add_column(words.say("channel"), no_wrap=True, max_width=24, overflow="ellipsis")
    labels = tell.scenario_names(words, comparison)
    for label in labels:
        table.add_column(_t(label), justify="right", overflow="fold")
    for c in comparison.channels:
        cells: list[Text | str] = [_t(words.name(c.names), "bold")]
        for index, (rank, score, change) in enumerate(zip(c.ranks, c.scores, c.changes, strict=True)):
            if rank is None or score is None:
                cells.append(Text("—", style="dim"))
                continue
            cell = Text(f"{rank:>2}  {words.number(score)}")
            if index:
                cell.append(" ").append(_moved(change))
            cells.append(cell)
        table.add_row(*cells)
    out.print(table)
    out.print(Text(words.say("agreement"), style="bold"))
    for a in comparison.agreements:
        tau = words.number(a.tau_b) if a.tau_b is not None else words.say("tau_undefined")
        out.print(_t(f"  {labels[a.first]} / {labels[a.second]}{words.colon}{tau}"))
    out.print(_t(tell.comparison_summary(words, comparison)))


def _moved(change: int | None) -> Text:
    if change is None:
        return Text("")
    if change == 0:
        return Text(" =", style="dim")
    return Text(f"▲{change}" if change > 0 else f"▼{-change}", style="green" if change > 0 else "red")


def _span(low: Bound, high: Bound, weight: float, words: Words) -> Text:
    text = Text(f"{words.percent(low.weight)} – {words.percent(high.weight)}")
    if low.weight >= weight - 1e-12 or high.weight <= weight + 1e-12:
        text.stylize("red")
    return text


def print_sensitivity(view: SensitivityView, words: Words, out: Console) -> None:
    analysis = view.sensitivity
    decision = analysis.ranking.decision
    profile = decision.profile
    names = {c.id: words.name(c.names) for c in decision.channels}
    out.print(Text(clean(words.say("sens_title", profile=words.name(profile.names))) + f" ({profile.id})",
                   style="bold"))
    for line in tell.sensitivity_advice(words, analysis):
        out.print(_t(line))
    criteria = {c.id: words.name(c.names) for c in decision.criteria}
    table = Table(title=words.say("stability"), title_justify="left")
    table.add_column(words.say("criterion"))
    table.add_column(words.say("weight"), justify="right")
    table.add_column(words.say("first_holds"), justify="right")
    table.add_column(words.say("order_holds"), justify="right")
    for s in analysis.stability:
        takers = " / ".join(clean(names[b.channel]) for b in (s.first_low, s.first_high) if b.channel)
        first = _span(s.first_low, s.first_high, s.weight, words)
        if takers:
            first.append(f"  ({takers})", style="dim")
        table.add_row(_t(criteria[s.criterion]), words.percent(s.weight), first,
                      _span(s.order_low, s.order_high, s.weight, words))
    out.print(table)
    result = analysis.smaa
    shown = min(len(decision.channels), 5)
    accept = Table(title=words.say("acceptability"), title_justify="left")
    accept.add_column(words.say("channel"), no_wrap=True, max_width=24, overflow="ellipsis")
    for r in range(shown):
        accept.add_column(f"{r + 1}", justify="right")
    accept.add_column(words.say("confidence"), justify="right")
    for row in analysis.ranking.rows:
        shares = result.acceptability[row.matrix_row]
        confidence = result.confidence[row.matrix_row]
        accept.add_row(_t(names[row.channel], "bold"), *[words.percent(float(x)) if x else "·" for x in shares[:shown]],
                       "" if confidence != confidence else words.percent(float(confidence)))
    out.print(accept)
    out.print(Text(words.say("confidence_explained"), style="dim"))


def print_portfolio(view: PortfolioView, words: Words, out: Console) -> None:
    report, decision = view.mix, view.decision
    names = {c.id: words.name(c.names) for c in decision.channels}
    profile = decision.profile
    table = Table(title=_t(words.say("mix_title", profile=words.name(profile.names)) + f" ({profile.id})"),
                  title_justify="left")
    table.add_column(words.say("mix_size"), justify="right")
    table.add_column(words.say("mix_set"))
    table.add_column(words.say("coverage"), justify="right", no_wrap=True)
    if report.given is not None:
        given = report.given
        table.add_row(Text(str(len(given.channels))), _t(f"{words.say('mix_given_title')}{words.colon}"
                                                         + " + ".join(names[c] for c in given.channels), "bold"),
                      Text(f"{words.number(given.coverage)} ").append(bar(given.coverage)))
    for size, mix in sorted(report.best.items()):
        mark = Text(" ★", style="yellow") if size == report.recommended else Text("")
        table.add_row(Text(str(size)).append(mark), _t(" + ".join(names[c] for c in mix.channels)),
                      Text(f"{words.number(mix.coverage)} ").append(bar(mix.coverage)))
    out.print(table)
    for line in tell.mix_sentences(words, report, decision):
        out.print(_t(line))
    shown = report.chosen_size
    if shown is not None and report.alternatives.get(shown) and report.given is None:
        out.print(Text(words.say("mix_alternatives", size=shown), style="bold"))
        for mix in report.alternatives[shown]:
            out.print(_t(f"  {' + '.join(names[c] for c in mix.channels)}{words.colon}{words.number(mix.coverage)}"))


def print_workshop(view: WeightsView, words: Words, out: Console) -> None:
    from channelscore.core.elicitation import RANDOM_INDEX, RANDOM_INDEX_SOURCE

    result = view.weights
    names = {key: words.name(value) for key, value in view.names.items()}
    table = Table(title=_t(f"{result.workshop}{words.colon}{words.method(result.method)}"), title_justify="left")
    table.add_column(words.say("criterion"))
    for participant in result.participants:
        table.add_column(_t(participant.name), justify="right", overflow="fold")
    table.add_column(words.say("weight"), justify="right", style="bold")
    order = np.argsort(-result.weights, kind="stable")
    for k in order:
        criterion = result.criteria[k]
        table.add_row(_t(names.get(criterion, criterion)),
                      *[words.percent(float(p.weights[k]), 1) for p in result.participants],
                      words.percent(float(result.weights[k]), 1))
    out.print(table)
    if result.zero:
        out.print(_t(words.say("workshop_zero", names=", ".join(names.get(c, c) for c in result.zero))))
    if result.elicitation == "ahp":
        for participant in result.participants:
            if participant.consistency is not None:
                c = participant.consistency
                out.print(_t(words.say("workshop_cr", name=participant.name, cr=words.number(c.cr, 3),
                                       lam=words.number(c.lambda_max, 3), ci=words.number(c.ci, 3),
                                       ri=words.number(c.ri)), "" if c.acceptable else "red"))
        if result.consistency is not None:
            out.print(_t(words.say("workshop_aggregate", cr=words.number(result.consistency.cr, 3)), "bold"))
        if result.worst:
            out.print(_t(words.say("workshop_worst", items="; ".join(
                f"{a}/{b} {words.short(given, 2)} → {words.short(implied, 2)}"
                for a, b, given, implied in result.worst))))
        shown = ", ".join(f"{k}: {words.number(v)}" for k, v in RANDOM_INDEX.items() if k >= 3)
        out.print(Text(words.say("workshop_ri", source=RANDOM_INDEX_SOURCE, values=shown), style="dim"))
    if view.written:
        out.print(_t(words.say("workshop_written", path=view.written, base=result.base)))


# The levers a table shows without --all.
LEVERS_SHOWN = 12


def print_levers(view: LeversView, words: Words, out: Console, show_all: bool = False) -> None:
    decision, levers = view.decision, view.levers
    title = tell.levers_title(words, levers, decision)
    shown = levers.levers if show_all else levers.levers[:LEVERS_SHOWN]
    if not shown:
        out.print(Text(clean(title), style="bold"))
        out.print(_t(tell.levers_none(words, levers, decision)))
    else:
        _print_lever_table(words, out, view, shown, title + f" ({decision.profile.id})")
        if len(shown) < len(levers.levers):
            out.print(Text(words.say("levers_shown", shown=len(shown), total=len(levers.levers)), style="dim"))
    _print_pairs(words, out, view)


def _print_lever_table(words: Words, out: Console, view: LeversView, shown: Sequence[Lever], title: str) -> None:
    table = Table(title=_t(title), title_justify="left")
    table.add_column(words.say("lever_change"))
    table.add_column(words.say("lever_score"), justify="right", no_wrap=True)
    table.add_column(words.say("lever_effect"), ratio=1)
    for lever in shown:
        text = tell.lever_text(words, lever, view.levers, view.decision)
        effect = _t(text.effects[0].upper() + text.effects[1:])
        effect.append(_t(f" ({text.reason})", "dim"))
        table.add_row(_t(text.step), words.number(lever.effect, sign=True), effect)
    out.print(table)


def _print_pairs(words: Words, out: Console, view: LeversView) -> None:
    if view.levers.pairs:
        out.print(Text(words.say("lever_pairs_title"), style="bold"))
        for pair in view.levers.pairs:
            out.print(_t(f"  - {tell.pair_sentence(words, pair, view.decision)}"))
    for line in tell.levers_closing(words, view.levers, view.decision):
        out.print(_t(line), style="dim")
