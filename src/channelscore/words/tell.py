"""The builders that turn the core's results into sentences of one language.

Each takes the run's :class:`Words` and a result of :mod:`channelscore.core`; none computes
anything the result does not already hold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from channelscore.words import Words

if TYPE_CHECKING:
    from channelscore.core.compare import Comparison
    from channelscore.core.decision import Decision, Ranking
    from channelscore.core.expectations import ExpectationCheck, ExpectationStatus
    from channelscore.core.explain import ChannelAnalysis, PairExplanation
    from channelscore.core.levers import Lever, Levers, Step, StepPair
    from channelscore.core.portfolio import MixReport
    from channelscore.core.sensitivity import Sensitivity
    from channelscore.core.stability import Overtake
    from channelscore.model import Expectation, Reference, Source, Text


def why(words: Words, ranking: Ranking, item: ChannelAnalysis) -> str:
    """Why a channel stands where it does: its strengths and weaknesses with the data's reason, ties, lead."""
    decision = ranking.decision
    good = {c.id: words.in_sentence(words.pole(c.names, c.poles, True)) for c in decision.criteria}
    poor = {c.id: words.in_sentence(words.pole(c.names, c.poles, False)) for c in decision.criteria}
    channel_names = {row.channel: words.name(row.names) for row in ranking.rows}
    index = {c.id: i for i, c in enumerate(decision.criteria)}
    reasons = decision.reasons[item.row.matrix_row]
    clauses = []
    if item.strengths:
        clauses.append(words.say("strong_on", names=words.join([good[c] for c in item.strengths]),
                                 reason=words.text(reasons[index[item.strengths[0]]])))
    if item.weaknesses:
        clauses.append(words.say("weak_on", names=words.join([poor[c] for c in item.weaknesses]),
                                 reason=words.text(reasons[index[item.weaknesses[0]]])))
    sentences = [words.semicolon.join(clauses) if clauses else words.say("average")]
    if item.tied_with:
        sentences.append(words.say("tied_with", others=words.join([channel_names[c] for c in item.tied_with])))
    if item.gap_to_next is not None and item.next_channel is not None:
        sentences.append(words.say("ahead_of", gap=words.number(item.gap_to_next),
                                   other=channel_names[item.next_channel]))
    return " ".join(sentence[0].upper() + sentence[1:] + "." for sentence in sentences)


def ranking_title(words: Words, decision: Decision) -> str:
    """What a ranking is of: the profile by name and id, and the weights the caller set in place of its own."""
    title = words.say("title", profile=words.name(decision.profile.names)) + f" ({decision.profile.id})"
    return title + overrides_clause(words, decision)


def overrides_clause(words: Words, decision: Decision) -> str:
    """", weights set on the command line: Trust = 5" when the caller set weights, else nothing."""
    overridden = decision.overridden()
    if not overridden:
        return ""
    names = {c.id: words.name(c.names) for c in decision.criteria}
    return words.say("title_overridden", weights=", ".join(
        f"{names[criterion]} = {words.short(value)}" for criterion, value in overridden.items()))


def pair_summary(words: Words, pair: PairExplanation) -> str:
    """Which of two channels ranks higher, by how much, and on which criteria."""
    a, b = words.name(pair.names_a), words.name(pair.names_b)
    if pair.tied:
        return words.say("pair_tied", a=a, b=b)
    winner, loser = (a, b) if pair.difference > 0 else (b, a)
    return words.say("pair_wins", winner=winner, loser=loser, gap=words.number(abs(pair.difference)),
                     names=words.join([words.in_sentence(words.name(d.names)) for d in pair.favouring]))


def weight_reason(words: Words, reason: Text | None) -> str:
    """The reason of a weight: the profile's, or that the caller set it."""
    return words.text(reason) if reason is not None else words.say("set_here")


def scenario_names(words: Words, comparison: Comparison) -> list[str]:
    """Each scenario by its profile's name in this language, numbered where the same name comes back
    (machine outputs keep the ids of ``comparison.labels``)."""
    from channelscore.core.compare import numbered

    return numbered([words.name(ranking.decision.profile.names) for ranking in comparison.rankings], " #")


def comparison_summary(words: Words, comparison: Comparison) -> str:
    """One line: who comes first in each scenario, the weakest agreement, the biggest mover."""
    firsts = []
    labels = scenario_names(words, comparison)
    for label, ranking in zip(labels, comparison.rankings, strict=True):
        top = " = ".join(words.name(row.names) for row in ranking.rows if row.rank == 1)
        firsts.append(f"{top} ({label})")
    parts = [words.say("summary_first", firsts=words.semicolon.join(firsts))]
    measured = [a for a in comparison.agreements if a.tau_b is not None]
    if measured:
        weakest = min(measured, key=lambda a: a.tau_b if a.tau_b is not None else 1.0)
        assert weakest.tau_b is not None
        parts.append(words.say("summary_agreement", tau=words.number(weakest.tau_b),
                               a=labels[weakest.first], b=labels[weakest.second]))
    if comparison.movers:
        mover = comparison.movers[0]
        parts.append(words.say("summary_mover", channel=words.name(mover.names),
                                places=words.counted(mover.largest_move, "places")))
    else:
        parts.append(words.say("summary_no_move"))
    return words.semicolon.join(parts) + "."


def sensitivity_advice(words: Words, analysis: Sensitivity) -> list[str]:
    """The findings as sentences: who is first, how often, which weight it hangs on, what the runner-up needs."""
    ranking = analysis.ranking
    decision = ranking.decision
    names = {c.id: words.name(c.names) for c in decision.channels}
    criteria = {c.id: words.in_sentence(words.name(c.names)) for c in decision.criteria}
    first = ranking.rows[0]
    tied = [names[row.channel] for row in ranking.rows[1:] if row.rank == 1]
    tie = words.say("sens_tie", others=words.join(tied)) if tied else ""
    lines = [words.say("sens_first", channel=names[first.channel], score=words.number(first.score), tie=tie)]
    result = analysis.smaa
    how = words.say("sens_uniform") if result.concentration is None else \
        words.say("sens_around", k=words.short(result.concentration))
    if result.rating_noise > 0:
        how += words.say("sens_noise", p=words.short(result.rating_noise))
    shares = result.acceptability[:, 0]
    text = words.say("sens_smaa", samples=words.integer(result.samples), how=how, seed=result.seed,
                     channel=names[first.channel], share=words.percent(float(shares[first.matrix_row])))
    others = sorted((i for i in range(len(shares)) if i != first.matrix_row and shares[i] > 0),
                    key=lambda i: -shares[i])[:3]
    if others:
        text += words.say("sens_others", others=", ".join(
            f"{names[decision.channels[i].id]} {words.percent(float(shares[i]))}" for i in others))
    lines.append(text + ".")
    hinge = analysis.hinge
    if hinge is None:
        lines.append(words.say("sens_no_hinge"))
    else:
        key = "sens_shared" if hinge.margin <= 1e-12 else "sens_hinge"
        text = words.say(key, criterion=criteria[hinge.criterion], now=words.percent(hinge.weight),
                         low=words.percent(hinge.first_low.weight), high=words.percent(hinge.first_high.weight))
        if hinge.first_low.channel:
            text += words.say("sens_below", channel=names[hinge.first_low.channel])
        if hinge.first_high.channel:
            text += words.say("sens_above", channel=names[hinge.first_high.channel])
        lines.append(text + ".")
    for item in (analysis.runner_up, analysis.overtake):
        if item is not None:
            lines.append(overtake_sentence(words, item, decision))
    return lines


def overtake_sentence(words: Words, item: Overtake, decision: Decision) -> str:
    """What it takes for one channel to catch up with another, or that it cannot."""
    names = {c.id: words.name(c.names) for c in decision.channels}
    criteria = [words.in_sentence(words.name(c.names)) for c in decision.criteria]
    a, b = names[item.channel], names[item.other]
    if not item.possible:
        return words.say("sens_impossible", a=a, b=b)
    if item.moved_to is None:
        return words.say("sens_level", a=a, b=b)
    sources = words.join([f"{criteria[k]} ({words.percent(amount)})" for k, amount in item.moved_from])
    return words.say("sens_move", a=a, b=b, amount=words.percent(item.distance / 2), sources=sources,
                     to=criteria[item.moved_to], distance=words.number(item.distance, 3),
                     score=words.number(item.score, 3), other=words.number(item.other_score, 3))


def mix_sentences(words: Words, report: MixReport, decision: Decision) -> list[str]:
    """The recommendation in words (or, for a mix the user named, how it compares with the best set of its
    size): the mix, what each member adds, what it still serves poorly."""
    names = {c.id: words.name(c.names) for c in decision.channels}
    criteria = {c.id: words.name(c.names) for c in decision.criteria}
    lines = []
    if report.given is not None:
        mix = report.given
        size = len(mix.channels)
        lines.append(words.say("mix_given", channels=" + ".join(names[c] for c in mix.channels),
                               coverage=words.number(mix.coverage), best=words.number(report.best_possible)))
        gap = report.given_gap
        if gap:
            best = report.best[size]
            lines.append(words.say("mix_given_gap", size=size, channels=" + ".join(names[c] for c in best.channels),
                                   coverage=words.number(best.coverage), gap=words.number(gap)))
        elif gap is not None:
            lines.append(words.say("mix_given_best", size=size))
    else:
        shown = report.chosen_size
        if shown is None:
            return [words.say("mix_none")]
        size, mix = shown, report.best[shown]
        if report.recommended is not None:
            chosen = report.best[report.recommended]
            lines.append(words.say("mix_recommended", channels=" + ".join(names[c] for c in chosen.channels),
                                   size=words.counted(report.recommended, "channels"),
                                   coverage=words.number(chosen.coverage),
                                   best=words.number(report.best_possible), margin=words.short(report.margin)))
        elif len(report.sizes) > 1:
            lines.append(words.say("mix_no_recommendation", best=words.number(report.best_possible),
                                   margin=words.short(report.margin)))
    lines.append(words.say("mix_gains", size=size, gains=", ".join(
        f"{names[m.channel]} {words.number(m.gain, sign=True)}" for m in mix.members)))
    if mix.weak:
        lines.append(words.say("mix_weak", items=", ".join(f"{criteria[c]} ({r})" for c, r in mix.weak)))
    else:
        lines.append(words.say("mix_weak_none"))
    return lines


def rank_mix_line(words: Words, report: MixReport, decision: Decision) -> str:
    """The one line that closes a ranking: the smallest mix of channels covering nearly everything."""
    size = report.recommended or (max(report.best) if report.best else None)
    if size is None:
        return ""
    mix = report.best[size]
    names = {c.id: words.name(c.names) for c in decision.channels}
    return words.say("rank_mix", size=words.counted(size, "channels"),
                     channels=" + ".join(names[c] for c in mix.channels),
                     coverage=words.number(mix.coverage), best=words.number(report.best_possible))


def expectation_failure(words: Words, check: ExpectationCheck) -> str:
    """What the ranking shows against a statement that does not hold; empty when it holds."""
    if check.holds:
        return ""
    if check.expectation.criterion is not None:
        ratings = ", ".join(words.say("exp_rating", channel=c, rating=r) for c, r in check.observed)
        return words.say("exp_ratings", criterion=check.expectation.criterion, shown=ratings or words.say("exp_none"))
    shown = ", ".join(words.say("exp_rank", channel=c, rank=r) if r is not None
                      else words.say("exp_not_applicable", channel=c) for c, r in check.observed)
    shown = shown or words.say("exp_none")
    if check.still_ranked:
        return words.say("exp_still_ranked", channels=", ".join(check.still_ranked), shown=shown)
    if check.out_of is not None:
        return words.say("exp_actual_of", shown=shown, count=check.out_of)
    return words.say("exp_actual", shown=shown)


def expectations_title(words: Words, items: Sequence[ExpectationStatus]) -> str:
    """The count of judgements, how many hold, fail or are unmet as recorded, and how many of the ranking
    statements that hold are fragile (a rating statement fails by design when its own rating moves)."""
    from channelscore.core.expectations import count_status, fragile_rankings

    ranking, fragile = fragile_rankings(items)
    title = words.say("exp_list_title", total=len(items), holds=count_status(items, "holds"),
                      fails=count_status(items, "fails"), unmet=count_status(items, "unmet"), ranking=ranking,
                      fragile=fragile)
    aside = count_status(items, "set_aside")
    return title + (f" ({words.say('exp_set_aside_count', count=aside)})" if aside else "")


def set_aside_reason(words: Words, item: ExpectationStatus) -> str:
    """Why a composition leaves a statement unchecked: the statement of another part it cannot hold with."""
    return set_aside_text(words, item.set_aside[0] if item.set_aside else None)


def set_aside_text(words: Words, against: Expectation | None, names: Mapping[str, str] | None = None) -> str:
    """Why a composition sets a statement aside, given the statement it cannot hold with (None: the others);
    ``names`` shows the profile that states it by name rather than id."""
    if against is None:
        return words.say("exp_set_aside_rest")
    stated_by = against.stated_by or ""
    return words.say("exp_set_aside_against", other=words.text(against.statement),
                     profile=(names or {}).get(stated_by, stated_by))


def fragility(words: Words, item: ExpectationStatus) -> str:
    """How many one-step rating moves would break a judgement that holds, and the first few of them."""
    if not item.check.holds or item.set_aside is not None:
        return "—"
    if not item.breaking:
        return words.say("exp_robust")
    shown = ", ".join(f"{m.channel}.{m.criterion} {m.before}→{m.after}" for m in item.breaking[:3])
    more = " …" if len(item.breaking) > 3 else ""
    return words.say("exp_moves", count=words.counted(len(item.breaking), "moves")) + f"{words.colon}{shown}{more}"


def source_title(words: Words, source: Source) -> str:
    """A source as a reader sees it: its title, its author (or that the text names none), its site and date, then
    its number ("..., author not named in the text, 7 October 2014 (000)")."""
    details = [words.say("report_no_author"), source.site, words.date(source.date) if source.date else None]
    return f"{words.name(source.titles)}, {', '.join(part for part in details if part)} ({source.id})"


def reference_title(words: Words, reference: Reference) -> str:
    """One of the consultant's own sources: its title, author, date and link, as far as they are given."""
    details = [reference.author, words.date(reference.date) if reference.date else None, reference.link]
    return ", ".join([words.text(reference.title), *(part for part in details if part)])


def cite(words: Words, citation: Text, sources: Sequence[Source]) -> str:
    """A citation in this language with every file name it holds replaced by what the data calls the text
    ("the comparative study of complaint channels (000), part C"), when the data names it."""
    text = words.text(citation)
    for source in sources:
        text = text.replace(source.file, f"{words.name(source.short)} ({source.id})")
    return text


def composed_factors(words: Words, decision: Decision, index: int) -> str:
    """The factors of a composed weight with the part and reason of each ("2 (Local retail: ...) × 4 (...)");
    the weight's reason when it is no product, or the caller set it."""
    profile = decision.profile
    weight = profile.weights.get(decision.criteria[index].id)
    reason = decision.weight_reasons[index]
    if weight is None or len(weight.factors) < 2 or reason is None:
        return weight_reason(words, reason)
    names = {part.id: words.name(part.names) for part in profile.parts}
    return " ".join(words.say("composed_multiplier" if f.multiplier else "composed_factor",
                              value=words.short(f.value, 3), part=names.get(f.profile, f.profile),
                              reason=words.text(f.reason)) for f in weight.factors)


class Composition(NamedTuple):
    """How a composed profile came about, in sentences: its parts, the weights that are products of the parts'
    factors, and the ratings the parts adjust."""

    intro: str
    weights: list[str]
    adjustments: list[str]


def composition(words: Words, decision: Decision) -> Composition | None:
    """How a composed profile came about; None for a profile that is no composition."""
    profile = decision.profile
    if not profile.parts:
        return None
    names = {part.id: words.name(part.names) for part in profile.parts}
    situations = [part for part in profile.parts if part.kind == "situation"]
    segment = next((part for part in profile.parts if part.kind != "situation"), None)
    listed = words.join([words.in_sentence(words.name(part.names)) for part in situations])
    intro = words.say("composition_parts", segment=words.name(segment.names), kind=words.kind(segment.kind),
                      situations=listed) if segment is not None \
        else words.say("composition_only_situations", situations=listed)
    weights = []
    for index, criterion in enumerate(decision.criteria):
        weight = profile.weights.get(criterion.id)
        if weight is None or len(weight.factors) < 2 or decision.weight_reasons[index] is None:
            continue
        weights.append(words.say("composed_weight", criterion=words.name(criterion.names),
                                 share=words.percent(float(decision.weights[index])),
                                 factors=composed_factors(words, decision, index)))
    criteria = {c.id: words.in_sentence(words.name(c.names)) for c in decision.criteria}
    channels = {c.id: words.name(c.names) for c in decision.channels}
    adjustments = []
    for adjustment in profile.adjustments:
        target = channels.get(adjustment.channel or "", adjustment.channel or "") if adjustment.trait is None \
            else words.say("trait_channels", trait=words.trait(adjustment.trait))
        adjustments.append(words.say("composed_adjustment", channel=target,
                                     criterion=criteria.get(adjustment.criterion, adjustment.criterion),
                                     rating=str(adjustment.rating),
                                     part=names.get(adjustment.stated_by or "", adjustment.stated_by or ""),
                                     reason=words.text(adjustment.reason)))
    return Composition(intro, weights, adjustments)


class LeverText(NamedTuple):
    """A lever in words: the step, what it changes, and the reason of the rating it would change."""

    step: str
    effects: str
    reason: str

    def sentence(self, words: Words) -> str:
        text = f"{self.step}{words.colon}{self.effects} ({self.reason})."
        return text[0].upper() + text[1:]


def lever_text(words: Words, lever: Lever, levers: Levers, decision: Decision) -> LeverText:
    """One lever in words: the step, what it changes (first place, the channel's rank, the mix), and the reason
    of the rating it would change."""
    names = {c.id: words.name(c.names) for c in decision.channels}
    index = {c.id: i for i, c in enumerate(decision.channels)}
    column = [c.id for c in decision.criteria].index(lever.step.criterion)
    now = levers.standing
    channel = names[lever.step.channel]
    effects = []
    if lever.changes_first:
        if lever.step.channel not in lever.first:
            effects.append(words.say("lever_first_lose", channel=channel, rank=lever.rank,
                                     others=words.join([names[c] for c in lever.first])))
        elif len(lever.first) == 1:
            effects.append(words.say("lever_first_take", channel=channel,
                                     others=words.join([names[c] for c in now.first if c != lever.step.channel])))
        else:
            effects.append(words.say("lever_first_share", channel=channel, others=words.join(
                [names[c] for c in lever.first if c != lever.step.channel])))
    elif lever.changes_rank:
        effects.append(words.say("lever_rank", channel=channel, old=now.ranks[lever.step.channel], new=lever.rank))
    if lever.changes_mix:
        effects.append(words.say("lever_mix", new=" + ".join(names[c] for c in lever.mix),
                                 old=" + ".join(names[c] for c in now.mix)))
    reason = words.say("lever_reason", old=lever.step.old,
                       reason=words.text(decision.reasons[index[lever.step.channel]][column]))
    return LeverText(step_text(words, lever.step, decision), words.semicolon.join(effects), reason)


def lever_sentence(words: Words, lever: Lever, levers: Levers, decision: Decision) -> str:
    """One lever as a sentence: "Phone, accessibility 2 → 3: Phone would share first place with ... (rated 2
    now: ...)"."""
    return lever_text(words, lever, levers, decision).sentence(words)


def step_text(words: Words, step: Step, decision: Decision, channel: bool = True) -> str:
    """"Phone, responsiveness 2 → 3"; without ``channel``, "responsiveness 2 → 3"."""
    criterion = next(c for c in decision.criteria if c.id == step.criterion)
    name = words.in_sentence(words.name(criterion.names))
    if not channel:
        return f"{name} {step.old} → {step.new}"
    channel_names = next(c.names for c in decision.channels if c.id == step.channel)
    return words.say("lever_step", channel=words.name(channel_names), criterion=name, old=step.old, new=step.new)


def pair_sentence(words: Words, pair: StepPair, decision: Decision) -> str:
    """Two steps of one channel that bring it first together."""
    channel = words.name(next(c.names for c in decision.channels if c.id == pair.channel))
    first, second = pair.steps
    if first.criterion == second.criterion:
        steps = step_text(words, first._replace(new=second.new), decision, channel=False)
    else:
        steps = words.join([step_text(words, step, decision, channel=False) for step in pair.steps])
    if pair.shared:
        return words.say("lever_pair_level", channel=channel, steps=steps) + "."
    return words.say("lever_pair", channel=channel, steps=steps, lead=words.number(pair.lead)) + "."


def levers_closing(words: Words, levers: Levers, decision: Decision) -> list[str]:
    """What no pair reaches, and how far the search looked."""
    names = {c.id: words.name(c.names) for c in decision.channels}
    lines = []
    if levers.beyond_pairs:
        lines.append(words.say("lever_beyond", channels=words.join([names[c] for c in levers.beyond_pairs])))
    steps = words.counted(levers.steps_tried, "changes")
    if levers.pairs_tried:
        lines.append(words.say("lever_scope", steps=steps, pairs=words.counted(levers.pairs_tried, "pairs")))
    else:
        lines.append(words.say("lever_scope_steps", steps=steps))
    return lines


def levers_title(words: Words, levers: Levers, decision: Decision) -> str:
    """"Improvement levers for Local retail", or "... of Phone for Local retail" for one channel's."""
    profile = words.name(decision.profile.names)
    if levers.channel is None:
        return words.say("levers_title", profile=profile)
    channel = next(c.names for c in decision.channels if c.id == levers.channel)
    return words.say("levers_channel_title", channel=words.name(channel), profile=profile)


def levers_none(words: Words, levers: Levers, decision: Decision) -> str:
    """The sentence for a decision where no step changes anything."""
    if levers.channel is None:
        return words.say("lever_none")
    name = words.name(next(c.names for c in decision.channels if c.id == levers.channel))
    return words.say("lever_none_channel", channel=name)
