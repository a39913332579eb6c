"""The client report as a self-contained document: built once as blocks, written as HTML or Markdown.

Charts are inline SVG (HTML) or SVG data URIs (Markdown); nothing refers to the network.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from channelscore.core.client_report import RADAR_CHANNELS, ClientReport
from channelscore.render.clean import clean
from channelscore.render.markdown import cell
from channelscore.words import Words, tell

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from channelscore.core.decision import Decision
    from channelscore.core.expectations import ExpectationCheck
    from channelscore.core.levers import Levers, StepPair
    from channelscore.model import Source


class Heading(NamedTuple):
    text: str
    level: int = 2


class Paragraph(NamedTuple):
    text: str


class Items(NamedTuple):
    items: tuple[str, ...]


class Grid(NamedTuple):
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]


class Facts(NamedTuple):
    """Labelled lines under the title: client, author, date."""

    rows: tuple[tuple[str, str], ...]


class Cover(NamedTuple):
    """What the title block says: the report's title (else one from the profile), the client, the author, and
    the date (``YYYY-MM-DD``)."""

    date: str
    title: str | None = None
    client: str | None = None
    author: str | None = None


class Chart(NamedTuple):
    title: str
    figure: Figure


Block = Heading | Paragraph | Items | Grid | Facts | Chart


def _judgement_line(words: Words, item: ExpectationCheck, sources: Sequence[Source]) -> str:
    """One judgement of the seeds as the report shows it: the mark, the statement, the verdict, the quote and
    the source; a judgement not met on purpose says so with the argument."""
    expectation = item.expectation
    if item.holds:
        mark, verdict = "✓", words.say("report_holds")
    elif expectation.unmet is not None:
        mark, verdict = "~", words.say("exp_unmet_because", argument=words.text(expectation.unmet))
    else:
        mark, verdict = "✗", words.say("report_fails") + words.colon + tell.expectation_failure(words, item)
    quote = f"{words.quote(expectation.quote)}, " if expectation.quote else ""
    return (f"{mark} {words.text(expectation.statement)} — {verdict} "
            f"({quote}{words.say('report_source')}{words.colon}{tell.cite(words, expectation.source, sources)})")


def blocks(report: ClientReport, words: Words, cover: Cover | None = None) -> list[Block]:
    """The report's content, section by section, in the language of ``words``, under the title block of
    ``cover`` (dated today without one)."""
    import datetime

    from channelscore.render import charts

    say, percent = words.say, words.percent
    ranking = report.ranking
    decision = ranking.decision
    profile = decision.profile
    # Names also go into the charts' SVG, where a control character would make the XML invalid.
    criteria = {c.id: clean(words.name(c.names)) for c in decision.criteria}
    channel_names = {c.id: clean(words.name(c.names)) for c in decision.channels}
    profile_name = words.name(profile.names)
    cover = cover or Cover(datetime.date.today().isoformat())
    facts = [(say("report_client"), cover.client and words.typeset(cover.client)),
             (say("report_author"), cover.author and words.typeset(cover.author)),
             (say("report_date"), words.date(cover.date))]
    title = words.typeset(cover.title) if cover.title else say("report_title", profile=profile_name)
    out: list[Block] = [Heading(title, 1),
                        Facts(tuple((label, value) for label, value in facts if value)),
                        Paragraph(say("report_intro", profile=profile_name)),
                        Paragraph(words.text(profile.description))]

    out.append(Heading(say("report_profile")))
    if profile.source:
        out.append(Paragraph(f"{say('report_source').capitalize()}{words.colon}"
                             f"{tell.cite(words, profile.source, report.known_sources)}"))
    composition = tell.composition(words, decision)
    if composition is not None:
        out.append(Paragraph(composition.intro))
    out.append(Grid((say("criterion"), say("weight"), say("reason")),
                    tuple((criteria[c.id], percent(float(w)), tell.composed_factors(words, decision, index))
                          for index, (c, w) in enumerate(zip(decision.criteria, decision.weights, strict=True))),
                    (False, True, False)))
    if composition is not None and composition.adjustments:
        out.append(Items(tuple(composition.adjustments)))

    out.append(Heading(say("report_ranking")))
    out.append(Grid((say("rank"), say("channel"), say("score"), say("why")),
                    tuple((str(a.row.rank), channel_names[a.row.channel], words.number(a.row.score),
                           tell.why(words, ranking, a)) for a in report.analyses),
                    (True, False, True, False)))
    if ranking.excluded:
        out.append(Items(tuple(f"{words.name(e.names)} — {say('not_applicable').lower()}{words.colon}"
                               f"{words.text(e.reason)}" for e in ranking.excluded)))
    order = [row.matrix_row for row in ranking.rows]
    contributions = (decision.weights * decision.ratings)[order]
    out.append(Chart(say("report_contributions"), charts.contribution_chart(
        [channel_names[row.channel] for row in ranking.rows], [criteria[c.id] for c in decision.criteria],
        contributions, say("report_score_axis"), words.number)))
    leaders = ranking.rows[:RADAR_CHANNELS]
    out.append(Chart(say("report_radar"), charts.radar_chart(
        [channel_names[row.channel] for row in leaders], [criteria[c.id] for c in decision.criteria],
        decision.ratings[[row.matrix_row for row in leaders]])))

    out.append(Heading(say("report_mix")))
    out.extend(Paragraph(line) for line in tell.mix_sentences(words, report.mix, decision))
    out.append(Grid((say("mix_size"), say("mix_set"), say("coverage")),
                    tuple((f"{size}{' ★' if size == report.mix.recommended else ''}",
                           " + ".join(channel_names[c] for c in mix.channels), words.number(mix.coverage))
                          for size, mix in sorted(report.mix.best.items())),
                    (True, False, True)))

    if report.levers is not None:
        out.extend(_levers_blocks(words, report.levers, decision))

    out.append(Heading(say("report_sensitivity")))
    out.extend(Paragraph(line) for line in tell.sensitivity_advice(words, report.sensitivity))
    shares = report.sensitivity.smaa.acceptability[order]
    out.append(Chart(say("report_heat"), charts.heat_map(
        [channel_names[row.channel] for row in ranking.rows], np.asarray(shares), say("report_rank_axis"),
        words.percent)))

    out.append(Heading(say("report_expectations")))
    part_names = {part.id: words.name(part.names) for part in profile.parts}
    aside = tuple(f"– {words.text(a.expectation.statement)} — "
                  f"{words.in_sentence(tell.set_aside_text(words, a.against, part_names))}" for a in profile.set_aside)
    if report.expectations or aside:
        out.append(Items(tuple(_judgement_line(words, item, report.known_sources) for item in report.expectations)
                         + aside))
    else:
        out.append(Paragraph(say("report_no_expectations")))

    if report.comparison is not None:
        comparison = report.comparison
        out.append(Heading(say("report_compare")))
        out.append(Grid((say("channel"), *tell.scenario_names(words, comparison)),
                        tuple((words.name(c.names), *("—" if r is None or s is None else f"{r} · {words.number(s)}"
                                                      for r, s in zip(c.ranks, c.scores, strict=True)))
                              for c in comparison.channels),
                        (False, *(True for _ in comparison.labels))))
        out.append(Paragraph(tell.comparison_summary(words, comparison)))

    out.append(Heading(say("report_sources")))
    titles = {source.file: tell.source_title(words, source) for source in report.known_sources}
    cited = {count: say("report_cited", count=count) if count > 1 else say("report_cited_once")
             for _, count in report.sources}
    references = profile.references
    if references:
        out.append(Paragraph(say("report_study_sources")))
    out.append(Items(tuple(f"{titles.get(name, name)} — {cited[count]}" for name, count in report.sources)))
    if references:
        out.append(Paragraph(say("report_own_sources")))
        out.append(Items(tuple(tell.reference_title(words, reference) for reference in references)))
    out.append(Paragraph(say("report_footer")))
    return out


# The levers a report lists, and the channels whose best pair of improvements it names.
REPORT_LEVERS = 8
REPORT_PAIRS = 3


def _levers_blocks(words: Words, levers: Levers, decision: Decision) -> list[Block]:
    """The improvement levers: the strongest one-point changes, the best pair for the channels one change does
    not bring first (the best-ranked first), and how far the search looked."""
    out: list[Block] = [Heading(words.say("report_levers")), Paragraph(words.say("report_levers_intro"))]
    if levers.levers:
        out.append(Items(tuple(tell.lever_sentence(words, lever, levers, decision)
                               for lever in levers.levers[:REPORT_LEVERS])))
    else:
        out.append(Paragraph(tell.levers_none(words, levers, decision)))
    best_pairs: dict[str, StepPair] = {}
    for pair in levers.pairs:
        best_pairs.setdefault(pair.channel, pair)
    ranks = levers.standing.ranks
    shown = sorted(best_pairs.values(), key=lambda pair: ranks[pair.channel])[:REPORT_PAIRS]
    if shown:
        out.append(Paragraph(words.say("report_levers_pairs")))
        out.append(Items(tuple(tell.pair_sentence(words, pair, decision) for pair in shown)))
    out.extend(Paragraph(line) for line in tell.levers_closing(words, levers, decision))
    return out


_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; max-width: 60rem;
       margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.7rem; border-bottom: 3px solid #1b6ca8; padding-bottom: .3rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; color: #1b6ca8; }
table { border-collapse: collapse; width: 100%; margin: .8rem 0; font-size: .9rem; }
th, td { border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f6f9; }
td.number, th.number { text-align: right; white-space: nowrap; }
figure { margin: 1rem 0; }
figure svg { width: 100%; height: auto; }
figcaption { font-size: .85rem; color: #555; }
footer { margin-top: 3rem; font-size: .8rem; color: #666; }
dl.cover { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; margin: 1rem 0 1.5rem; }
dl.cover dt { font-weight: 600; color: #555; }
dl.cover dd { margin: 0; }
"""


def _text(value: str) -> str:
    return html.escape(clean(value))


def _cell(tag: str, value: str, numeric: bool) -> str:
    attribute = ' class="number"' if numeric else ""
    return f"<{tag}{attribute}>{_text(value)}</{tag}>"


def to_html(content: list[Block], lang: str) -> str:
    """A complete HTML page: inline style and SVG, no script, no external reference."""
    title = next((b.text for b in content if isinstance(b, Heading) and b.level == 1), "channelscore")
    parts = ["<!DOCTYPE html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{_text(title)}</title>", f"<style>{_STYLE}</style>", "</head>", "<body>"]
    parts += _html_blocks(content[:-1])
    last = content[-1]
    if isinstance(last, Paragraph):
        parts.append(f"<footer>{_text(last.text)}</footer>")
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def fragment(content: list[Block]) -> str:
    """The blocks as an HTML fragment (no page around them), for a notebook cell."""
    return "\n".join(_html_blocks(content)) + "\n"


def _html_blocks(content: list[Block]) -> list[str]:
    from channelscore.render import charts

    parts = []
    for block in content:
        if isinstance(block, Heading):
            parts.append(f"<h{block.level}>{_text(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            parts.append(f"<p>{_text(block.text)}</p>")
        elif isinstance(block, Facts):
            parts.append('<dl class="cover">' + "".join(f"<dt>{_text(label)}</dt><dd>{_text(value)}</dd>"
                                                        for label, value in block.rows) + "</dl>")
        elif isinstance(block, Items):
            parts.append("<ul>" + "".join(f"<li>{_text(item)}</li>" for item in block.items) + "</ul>")
        elif isinstance(block, Grid):
            head = "".join(_cell("th", h, n) for h, n in zip(block.header, block.numeric, strict=True))
            body = "".join("<tr>" + "".join(_cell("td", v, n) for v, n in zip(row, block.numeric, strict=True))
                           + "</tr>" for row in block.rows)
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        else:
            parts.append(f'<figure role="img" aria-label="{_text(block.title)}">{charts.svg(block.figure, block.title)}'
                         f"<figcaption>{_text(block.title)}</figcaption></figure>")
    return parts


def to_markdown(content: list[Block], colon: str = ": ") -> str:
    """The same document in Markdown (``colon`` after a label: the language's); charts are SVG images embedded
    as data URIs."""
    from channelscore.render import charts

    lines: list[str] = []
    for block in content:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + cell(block.text), ""]
        elif isinstance(block, Paragraph):
            lines += [cell(block.text), ""]
        elif isinstance(block, Facts):
            lines += [f"**{cell(label)}**{colon}{cell(value)}  " for label, value in block.rows] + [""]
        elif isinstance(block, Items):
            lines += [f"- {cell(item)}" for item in block.items] + [""]
        elif isinstance(block, Grid):
            lines.append("| " + " | ".join(cell(h) for h in block.header) + " |")
            lines.append("|" + "".join("---:|" if n else "---|" for n in block.numeric))
            lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in block.rows]
            lines.append("")
        else:
            data = base64.b64encode(charts.svg(block.figure, block.title).encode("utf-8")).decode("ascii")
            lines += [f"![{cell(block.title)}](data:image/svg+xml;base64,{data})", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
