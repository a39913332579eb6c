"""Markdown of a ranking or a comparison, ready to paste into a recommendation."""

from __future__ import annotations

import re

from channelscore.render.clean import clean
from channelscore.render.views import CompareView, LeversView, PortfolioView, RankView, SensitivityView
from channelscore.words import Words, tell

# An underscore inside a word (000_f9a4, first_contact) never starts emphasis in CommonMark: left as is.
_MARKUP = re.compile(r"[\\`*\[\]<>&~|]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")


def cell(text: str) -> str:
    """``text`` safe inside a Markdown table cell or paragraph: every character that could open HTML,
    a link, an image, emphasis or code is escaped, so the data is shown as written and never
    rendered (no script, no remote image, no comment hiding the rest of the document)."""
    escaped = _MARKUP.sub(lambda match: "\\" + match.group(), clean(text))
    return "\\" + escaped if escaped.startswith("#") else escaped


def rank_markdown(view: RankView, words: Words) -> str:
    """The ``rank --format markdown`` text."""
    ranking = view.ranking
    decision = ranking.decision
    good = {c.id: words.pole(c.names, c.poles, True) for c in decision.criteria}
    poor = {c.id: words.pole(c.names, c.poles, False) for c in decision.criteria}
    profile = decision.profile
    lines = [f"## {cell(words.say('title', profile=words.name(profile.names)))} (`{profile.id}`)"
             f"{cell(tell.overrides_clause(words, decision))}", ""]
    header = [words.say(key) for key in ("rank", "channel", "score", "strengths", "weaknesses", "why")]
    lines += ["| " + " | ".join(header) + " |", "|---:|---|---:|---|---|---|"]
    for a in view.analyses:
        lines.append("| " + " | ".join([
            str(a.row.rank), cell(words.name(a.row.names)), words.number(a.row.score),
            cell(", ".join(good[c] for c in a.strengths)), cell(", ".join(poor[c] for c in a.weaknesses)),
            cell(tell.why(words, ranking, a))]) + " |")
    if ranking.excluded:
        lines += ["", f"**{words.say('not_applicable')}:**", ""]
        lines += [f"- {cell(words.name(e.names))}{words.colon}{cell(words.text(e.reason))}" for e in ranking.excluded]
    lines += ["", f"**{words.say('weights')}:** " + ", ".join(
        f"{cell(words.name(c.names))} {words.percent(float(w), 0)}"
        for c, w in zip(decision.criteria, decision.weights, strict=True))]
    return "\n".join(lines) + "\n"


def _change(change: int | None) -> str:
    if change is None:
        return ""
    return "=" if change == 0 else f"{change:+d}"


def compare_markdown(view: CompareView, words: Words) -> str:
    """The ``compare --format markdown`` text: a table of ranks and scores, agreement, and the summary."""
    comparison = view.comparison
    lines = [f"## {cell(words.say('compare_title', count=len(comparison.labels)))}", ""]
    labels = tell.scenario_names(words, comparison)
    header = [words.say("channel")] + [cell(label) for label in labels]
    lines += ["| " + " | ".join(header) + " |", "|---|" + "---:|" * len(comparison.labels)]
    for c in comparison.channels:
        cells = [cell(words.name(c.names))]
        for index, (rank, score, change) in enumerate(zip(c.ranks, c.scores, c.changes, strict=True)):
            if rank is None or score is None:
                cells.append("—")
            else:
                moved = f" ({_change(change)})" if index and change is not None else ""
                cells.append(f"{rank} · {words.number(score)}{moved}")
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"**{words.say('agreement')}:**", ""]
    for a in comparison.agreements:
        tau = words.number(a.tau_b) if a.tau_b is not None else words.say("tau_undefined")
        pair = f"{cell(labels[a.first])} / {cell(labels[a.second])}"
        lines.append(f"- {pair}{words.colon}{tau}")
    lines += ["", cell(tell.comparison_summary(words, comparison))]
    return "\n".join(lines) + "\n"


def sensitivity_markdown(view: SensitivityView, words: Words) -> str:
    """The ``sensitivity --format markdown`` text: the findings, the stability table and the acceptability."""
    analysis = view.sensitivity
    decision = analysis.ranking.decision
    profile = decision.profile
    names = {c.id: words.name(c.names) for c in decision.channels}
    criteria = {c.id: words.name(c.names) for c in decision.criteria}
    percent = words.percent
    lines = [f"## {cell(words.say('sens_title', profile=words.name(profile.names)))} (`{profile.id}`)", ""]
    lines += [cell(line) for line in tell.sensitivity_advice(words, analysis)]
    lines += ["", f"**{words.say('stability')}**", "",
              f"| {words.say('criterion')} | {words.say('weight')} | {words.say('first_holds')} | "
              f"{words.say('order_holds')} |", "|---|---:|---:|---:|"]
    for s in analysis.stability:
        lines.append(f"| {cell(criteria[s.criterion])} | {percent(s.weight)} | "
                     f"{percent(s.first_low.weight)} – {percent(s.first_high.weight)} | "
                     f"{percent(s.order_low.weight)} – {percent(s.order_high.weight)} |")
    count = len(decision.channels)
    lines += ["", f"**{words.say('acceptability')}**", "",
              f"| {words.say('channel')} | " + " | ".join(str(r + 1) for r in range(count)) +
              f" | {words.say('confidence')} |", "|---|" + "---:|" * (count + 1)]
    result = analysis.smaa
    for row in analysis.ranking.rows:
        shares = result.acceptability[row.matrix_row]
        confidence = result.confidence[row.matrix_row]
        lines.append(f"| {cell(names[row.channel])} | " + " | ".join(percent(float(x)) for x in shares) +
                     f" | {'' if confidence != confidence else percent(float(confidence))} |")
    lines += ["", cell(words.say("confidence_explained"))]
    return "\n".join(lines) + "\n"


def portfolio_markdown(view: PortfolioView, words: Words) -> str:
    """The ``portfolio --format markdown`` text: the best set of each size, the recommendation, alternatives."""
    report, decision = view.mix, view.decision
    names = {c.id: words.name(c.names) for c in decision.channels}
    profile = decision.profile
    lines = [f"## {cell(words.say('mix_title', profile=words.name(profile.names)))} (`{profile.id}`)", "",
             f"| {words.say('mix_size')} | {words.say('mix_set')} | {words.say('coverage')} |", "|---:|---|---:|"]
    if report.given is not None:
        lines.append(f"| {len(report.given.channels)} | **{cell(words.say('mix_given_title'))}{words.colon}"
                     f"{cell(' + '.join(names[c] for c in report.given.channels))}** | "
                     f"{words.number(report.given.coverage)} |")
    for size, mix in sorted(report.best.items()):
        star = " ★" if size == report.recommended else ""
        lines.append(f"| {size}{star} | {cell(' + '.join(names[c] for c in mix.channels))} | "
                     f"{words.number(mix.coverage)} |")
    lines += [""] + [cell(line) for line in tell.mix_sentences(words, report, decision)]
    shown = report.chosen_size
    if shown is not None and report.alternatives.get(shown) and report.given is None:
        lines += ["", f"**{words.say('mix_alternatives', size=shown)}:**", ""]
        lines += [f"- {cell(' + '.join(names[c] for c in m.channels))}{words.colon}{words.number(m.coverage)}"
                  for m in report.alternatives[shown]]
    return "\n".join(lines) + "\n"


def levers_markdown(view: LeversView, words: Words) -> str:
    """The ``levers --format markdown`` text: every lever as a table row, then the pairs and the search's reach."""
    decision, levers = view.decision, view.levers
    lines = [f"## {cell(tell.levers_title(words, levers, decision))} (`{decision.profile.id}`)", ""]
    if levers.levers:
        lines += [f"| {words.say('lever_change')} | {words.say('lever_score')} | {words.say('lever_effect')} |",
                  "|---|---:|---|"]
        for lever in levers.levers:
            text = tell.lever_text(words, lever, levers, decision)
            lines.append(f"| {cell(text.step)} | {words.number(lever.effect, sign=True)} | "
                         f"{cell(text.effects[0].upper() + text.effects[1:])} ({cell(text.reason)}) |")
    else:
        lines.append(cell(tell.levers_none(words, levers, decision)))
    if levers.pairs:
        lines += ["", f"**{cell(words.say('lever_pairs_title'))}**", ""]
        lines += [f"- {cell(tell.pair_sentence(words, pair, decision))}" for pair in levers.pairs]
    lines += [""] + [cell(line) for line in tell.levers_closing(words, levers, decision)]
    return "\n".join(lines) + "\n"
