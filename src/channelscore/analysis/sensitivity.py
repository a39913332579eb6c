"""How firm a ranking is: stability intervals, SMAA and what it takes to overtake, gathered for one profile."""

from __future__ import annotations

from typing import NamedTuple

from channelscore.analysis.smaa import Progress, SmaaResult, smaa
from channelscore.analysis.stability import Overtake, Stability, overtake, stability
from channelscore.problems import UsageError
from channelscore.ranking import Ranking


class Sensitivity(NamedTuple):
    """Everything ``sensitivity`` reports; channel arrays follow the decision's matrix order."""

    ranking: Ranking
    stability: tuple[Stability, ...]
    smaa: SmaaResult
    overtake: Overtake | None
    runner_up: Overtake | None

    @property
    def hinge(self) -> Stability | None:
        """The criterion whose weight needs the smallest move to change who is first."""
        movable = [s for s in self.stability if s.first_low.channel or s.first_high.channel]
        return min(movable, key=lambda s: (s.margin, s.criterion)) if movable else None


def analyse(ranking: Ranking, samples: int, seed: int, concentration: float | None = None,
            rating_noise: float = 0.0, overtake_pair: tuple[str, str] | None = None,
            progress: Progress | None = None) -> Sensitivity:
    """The sensitivity of ``ranking``; ``overtake_pair`` (A, B) asks what lets A reach B."""
    if samples < 1:
        raise UsageError("--samples must be at least 1")
    if not 0.0 <= rating_noise <= 1.0:
        raise UsageError("--rating-noise is a probability, from 0 to 1")
    if concentration is not None and not concentration > 0:
        raise UsageError("--around-profile takes a concentration above 0", hint="for example --around-profile 50")
    decision = ranking.decision
    ids = [c.id for c in decision.channels]
    order = [row.matrix_row for row in ranking.rows]
    intervals = stability(decision.ratings, decision.weights, order, ids, [c.id for c in decision.criteria])
    result = smaa(decision.ratings, decision.weights, samples, seed, concentration, rating_noise, progress=progress)
    asked = None
    if overtake_pair is not None:
        a, b = (decision.channel_index(name) for name in overtake_pair)
        if a == b:
            raise UsageError("--overtake needs two different channels")
        asked = overtake(decision.ratings, decision.weights, a, b, ids)
    first = ranking.rows[0]
    behind = [row for row in ranking.rows if row.rank > 1]
    runner_up = overtake(decision.ratings, decision.weights, behind[0].matrix_row, first.matrix_row, ids) \
        if behind else None
    return Sensitivity(ranking, tuple(intervals), result, asked, runner_up)


def percent(share: float) -> str:
    """A share for people: whole percents, one decimal under 10%, and "<0.1%" rather than a misleading 0."""
    if 0 < share < 0.001:
        return "<0.1%"
    return f"{share:.1%}" if 0 < share < 0.1 else f"{share:.0%}"


def advice(analysis: Sensitivity, lang: str) -> list[str]:
    """The findings as sentences: who is first, how often, which weight it hangs on, what the runner-up needs."""
    from channelscore.words import join_names, say

    ranking = analysis.ranking
    decision = ranking.decision
    names = {c.id: c.names.get(lang) for c in decision.channels}
    criteria = {c.id: c.names.get(lang) for c in decision.criteria}
    first = ranking.rows[0]
    tied = [names[row.channel] for row in ranking.rows[1:] if row.rank == 1]
    tie = say(lang, "sens_tie", others=join_names(tied, lang)) if tied else ""
    lines = [say(lang, "sens_first", channel=names[first.channel], score=f"{first.score:.2f}", tie=tie)]
    result = analysis.smaa
    how = say(lang, "sens_uniform") if result.concentration is None else \
        say(lang, "sens_around", k=f"{result.concentration:g}")
    if result.rating_noise > 0:
        how += say(lang, "sens_noise", p=f"{result.rating_noise:g}")
    shares = result.acceptability[:, 0]
    text = say(lang, "sens_smaa", samples=f"{result.samples:,}", how=how, seed=result.seed,
               channel=names[first.channel], share=percent(float(shares[first.matrix_row])))
    others = sorted((i for i in range(len(shares)) if i != first.matrix_row and shares[i] > 0),
                    key=lambda i: -shares[i])[:3]
    if others:
        text += say(lang, "sens_others", others=", ".join(
            f"{names[decision.channels[i].id]} {percent(float(shares[i]))}" for i in others))
    lines.append(text + ".")
    hinge = analysis.hinge
    if hinge is None:
        lines.append(say(lang, "sens_no_hinge"))
    else:
        key = "sens_shared" if hinge.margin <= 1e-12 else "sens_hinge"
        text = say(lang, key, criterion=criteria[hinge.criterion], now=percent(hinge.weight),
                   low=percent(hinge.first_low.weight), high=percent(hinge.first_high.weight))
        if hinge.first_low.channel:
            text += say(lang, "sens_below", channel=names[hinge.first_low.channel])
        if hinge.first_high.channel:
            text += say(lang, "sens_above", channel=names[hinge.first_high.channel])
        lines.append(text + ".")
    for item in (analysis.runner_up, analysis.overtake):
        if item is not None:
            lines.append(overtake_sentence(item, names, criteria, lang))
    return lines


def overtake_sentence(item: Overtake, names: dict[str, str], criteria: dict[str, str], lang: str) -> str:
    from channelscore.words import join_names, say

    a, b = names[item.channel], names[item.other]
    if not item.possible:
        return say(lang, "sens_impossible", a=a, b=b)
    if item.moved_to is None:
        return say(lang, "sens_level", a=a, b=b)
    ids = list(criteria)
    sources = join_names([f"{criteria[ids[k]]} ({percent(amount)})" for k, amount in item.moved_from], lang)
    return say(lang, "sens_move", a=a, b=b, amount=percent(item.distance / 2), sources=sources,
               to=criteria[ids[item.moved_to]], distance=f"{item.distance:.3f}", score=f"{item.score:.3f}",
               other=f"{item.other_score:.3f}")
