"""CSV for programs and spreadsheets: a ranking, or a comparison of scenarios; one row per channel."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from channelscore.render.clean import clean
from channelscore.render.views import CompareView, LeversView, PortfolioView, RankView, SensitivityView
from channelscore.words import Words, tell

COLUMNS = ["rank", "channel", "name", "score", "strengths", "weaknesses", "why"]

_NUMBER = re.compile(r"[-+]?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")
# A spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK(...), @SUM(...)).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as written: controls removed, on one line, and text that
    would start a formula prefixed with an apostrophe (numbers such as -2 or +1 are left alone)."""
    if not isinstance(value, str):
        return value
    text = clean(value)
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


class _Sheet:
    """The rows of one CSV text, in machine form or for a spreadsheet (``excel``).

    Machine form: commas, full-precision numbers, ids in headers and lists. For a spreadsheet: a
    UTF-8 byte order mark (Excel reads the file as UTF-8 only with it), numbers rounded in the
    language's form, and in French the ``;`` separator French Excel expects beside the decimal comma.
    Every cell goes through :func:`safe_cell`.
    """

    def __init__(self, words: Words, excel: bool) -> None:
        self.words = words
        self.excel = excel
        self._buffer = io.StringIO()
        delimiter = ";" if excel and words.lang == "fr" else ","
        self._writer = csv.writer(self._buffer, delimiter=delimiter, lineterminator="\r\n" if excel else "\n")

    def row(self, cells: Iterable[object]) -> None:
        self._writer.writerow([safe_cell(value) for value in cells])

    def header(self, machine: Iterable[str], shown: Iterable[str]) -> None:
        self.row(shown if self.excel else machine)

    def number(self, value: float | None, digits: int = 2) -> str:
        """A number in full precision, or rounded in the language's form for a spreadsheet."""
        if value is None:
            return ""
        return self.words.number(value, digits) if self.excel else repr(float(value))

    def share(self, value: float) -> str:
        """A share (0-1): in full precision, or for a spreadsheet as a percentage number with one decimal."""
        return self.words.number(100 * value, 1) if self.excel else repr(float(value))

    def listed(self, ids: Iterable[str], names: Iterable[str]) -> str:
        """A list inside one cell: ids joined by ``;``, or for a spreadsheet the names joined by commas."""
        return ", ".join(names) if self.excel else ";".join(ids)

    def text(self) -> str:
        return ("\ufeff" if self.excel else "") + self._buffer.getvalue()


def rank_csv(view: RankView, words: Words, excel: bool = False) -> str:
    """The ``rank --format csv`` text (``--excel``: for a spreadsheet); lists inside a cell are separated
    by ``;`` (by commas, as names, for a spreadsheet)."""
    ranking = view.ranking
    good = {c.id: words.pole(c.names, c.poles, True) for c in ranking.decision.criteria}
    poor = {c.id: words.pole(c.names, c.poles, False) for c in ranking.decision.criteria}
    sheet = _Sheet(words, excel)
    sheet.header(COLUMNS, [words.say(key) for key in ("rank", "channel_id", "channel", "score", "strengths",
                                                       "weaknesses", "why")])
    for a in view.analyses:
        sheet.row([a.row.rank, a.row.channel, words.name(a.row.names), sheet.number(a.row.score),
                   sheet.listed(a.strengths, [good[c] for c in a.strengths]),
                   sheet.listed(a.weaknesses, [poor[c] for c in a.weaknesses]), tell.why(words, ranking, a)])
    for e in ranking.excluded:
        sheet.row(["", e.channel, words.name(e.names), "", "", "", words.text(e.reason)])
    return sheet.text()


def compare_csv(view: CompareView, words: Words, excel: bool = False) -> str:
    """The ``compare --format csv`` text: per scenario, the rank, score and places gained of every channel."""
    comparison = view.comparison
    sheet = _Sheet(words, excel)
    machine = ["channel", "name"]
    shown = [words.say("channel_id"), words.say("channel")]
    for label, name in zip(comparison.labels, tell.scenario_names(words, comparison), strict=True):
        machine += [f"rank:{label}", f"score:{label}", f"change:{label}"]
        shown += [f"{words.say(key)}{words.colon}{name}" for key in ("rank", "score", "places_gained")]
    sheet.header(machine, shown)
    for c in comparison.channels:
        row: list[object] = [c.channel, words.name(c.names)]
        for rank, score, change in zip(c.ranks, c.scores, c.changes, strict=True):
            row += ["" if rank is None else rank, sheet.number(score), "" if change is None else change]
        sheet.row(row)
    return sheet.text()


def sensitivity_csv(view: SensitivityView, words: Words, excel: bool = False) -> str:
    """The ``sensitivity --format csv`` text: each channel's rank acceptability, confidence and central weights
    (for a spreadsheet, as percentages)."""
    analysis = view.sensitivity
    decision = analysis.ranking.decision
    criteria = [c.id for c in decision.criteria]
    count = len(decision.channels)
    sheet = _Sheet(words, excel)
    sheet.header(["channel", "name", *(f"rank_{r + 1}" for r in range(count)), "confidence",
                  *(f"central:{c}" for c in criteria)],
                 [words.say("channel_id"), words.say("channel"),
                  *(words.say("rank_share", rank=r + 1) for r in range(count)), words.say("confidence_share"),
                  *(words.say("central_share", criterion=words.name(c.names)) for c in decision.criteria)])
    result = analysis.smaa
    for row in analysis.ranking.rows:
        i = row.matrix_row
        first = result.first_counts[i] > 0
        sheet.row([row.channel, words.name(row.names), *(sheet.share(float(x)) for x in result.acceptability[i]),
                   sheet.share(float(result.confidence[i])) if first else "",
                   *((sheet.share(float(x)) for x in result.central_weights[i]) if first else [""] * len(criteria))])
    return sheet.text()


def portfolio_csv(view: PortfolioView, words: Words, excel: bool = False) -> str:
    """The ``portfolio --format csv`` text: the best set of each size and the alternatives, one per row."""
    report = view.mix
    names = {c.id: words.name(c.names) for c in view.decision.channels}
    sheet = _Sheet(words, excel)
    sheet.header(["size", "place", "channels", "coverage", "recommended"],
                 [words.say(key) for key in ("size", "place", "channels", "coverage", "recommended")])
    if report.given is not None:
        given = report.given
        sheet.row([len(given.channels), words.say("mix_given_title") if excel else "given",
                   sheet.listed(given.channels, [names[c] for c in given.channels]), sheet.number(given.coverage), ""])
    for size in sorted(report.best):
        for place, mix in enumerate((report.best[size], *report.alternatives[size]), start=1):
            recommended = size == report.recommended and place == 1
            sheet.row([size, place, sheet.listed(mix.channels, [names[c] for c in mix.channels]),
                       sheet.number(mix.coverage), (words.say("yes") if excel else "yes") if recommended else ""])
    return sheet.text()


def levers_csv(view: LeversView, words: Words, excel: bool = False) -> str:
    """The ``levers --format csv`` text: one lever per row, what it changes and where the channels then stand."""
    decision, levers = view.decision, view.levers
    names = {c.id: words.name(c.names) for c in decision.channels}
    criteria = {c.id: words.name(c.names) for c in decision.criteria}
    sheet = _Sheet(words, excel)
    sheet.header(["channel", "criterion", "from", "to", "effect", "changes", "rank_before", "rank", "first", "mix",
                  "reason"],
                 [words.say(key) for key in ("channel", "criterion", "lever_from", "lever_to", "lever_score",
                                             "lever_effect", "lever_rank_before", "rank", "lever_first",
                                             "lever_mix_after", "reason")])
    for lever in levers.levers:
        text = tell.lever_text(words, lever, levers, decision)
        sheet.row([lever.step.channel if not excel else names[lever.step.channel],
                   lever.step.criterion if not excel else criteria[lever.step.criterion], lever.step.old,
                   lever.step.new, sheet.number(lever.effect), ";".join(lever.changes) if not excel else text.effects,
                   levers.standing.ranks[lever.step.channel], lever.rank,
                   sheet.listed(lever.first, [names[c] for c in lever.first]),
                   sheet.listed(lever.mix, [names[c] for c in lever.mix]), text.reason])
    return sheet.text()
