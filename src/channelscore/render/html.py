"""HTML tables of results for a notebook cell (``_repr_html_``): the same cells as the Markdown output."""

from __future__ import annotations

from channelscore.render.document import Grid, Heading, Paragraph, fragment
from channelscore.render.views import CompareView, PortfolioView, RankView
from channelscore.words import Words, tell


def rank_html(view: RankView, words: Words) -> str:
    """The ranking as a heading and a table: rank, channel, score, strengths, weaknesses and why."""
    ranking = view.ranking
    decision = ranking.decision
    names = {c.id: words.name(c.names) for c in decision.criteria}
    title = tell.ranking_title(words, decision)
    rows = tuple((str(a.row.rank), words.name(a.row.names), words.number(a.row.score),
                  ", ".join(names[c] for c in a.strengths), ", ".join(names[c] for c in a.weaknesses),
                  tell.why(words, ranking, a)) for a in view.analyses)
    header = tuple(words.say(key) for key in ("rank", "channel", "score", "strengths", "weaknesses", "why"))
    return fragment([Heading(title, 3), Grid(header, rows, (True, False, True, False, False, False)),
                     Paragraph(tell.rank_mix_line(words, view.mix, decision))])


def compare_html(view: CompareView, words: Words) -> str:
    """Rank and score of every channel in every scenario, and the one-line summary."""
    comparison = view.comparison
    rows = tuple((words.name(c.names), *("—" if r is None or s is None else f"{r} · {words.number(s)}"
                                         for r, s in zip(c.ranks, c.scores, strict=True)))
                 for c in comparison.channels)
    header = (words.say("channel"), *tell.scenario_names(words, comparison))
    return fragment([Heading(words.say("compare_title", count=len(comparison.labels)), 3),
                     Grid(header, rows, (False, *(True for _ in comparison.labels))),
                     Paragraph(tell.comparison_summary(words, comparison))])


def portfolio_html(view: PortfolioView, words: Words) -> str:
    """The best set of each size, and the recommendation."""
    report, decision = view.mix, view.decision
    names = {c.id: words.name(c.names) for c in decision.channels}
    rows = tuple((f"{size}{' ★' if size == report.recommended else ''}", " + ".join(names[c] for c in mix.channels),
                  words.number(mix.coverage)) for size, mix in sorted(report.best.items()))
    header = (words.say("mix_size"), words.say("mix_set"), words.say("coverage"))
    return fragment([Heading(words.say("mix_title", profile=words.name(decision.profile.names)), 3),
                     Grid(header, rows, (True, False, True)),
                     *(Paragraph(line) for line in tell.mix_sentences(words, report, decision))])
