"""JSON documents of the results, the stable interface for programs."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from channelscore.render.clean import json_escape
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
    from channelscore.core.decision import Decision, Ranking
    from channelscore.core.levers import Levers
    from channelscore.core.portfolio import ChosenMix
    from channelscore.core.stability import Bound, Overtake
    from channelscore.model import Profile


def dumps(document: Any) -> str:
    """Indented, UTF-8 friendly JSON with a final newline; invisible and direction characters escaped, and
    never NaN or Infinity (not JSON: every number the tool computes is finite, so one would be a bug)."""
    return json_escape(json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)) + "\n"


def weights_of(ranking: Ranking) -> dict[str, float]:
    decision = ranking.decision
    return {c.id: float(w) for c, w in zip(decision.criteria, decision.weights, strict=True)}


def rank_document(view: RankView, words: Words) -> dict[str, Any]:
    """The ``rank --format json`` document."""
    ranking = view.ranking
    return {
        "profile": ranking.decision.profile.id,
        "method": "weighted-mean",
        "weights": weights_of(ranking),
        "overrides": ranking.decision.overridden(),
        "ranking": [
            {"rank": a.row.rank, "channel": a.row.channel, "name": words.name(a.row.names), "score": a.row.score,
             "ratings": a.ratings, "contributions": a.contributions, "strengths": list(a.strengths),
             "weaknesses": list(a.weaknesses), "why": tell.why(words, ranking, a)}
            for a in view.analyses],
        "excluded": [{"channel": e.channel, "why": words.text(e.reason)} for e in ranking.excluded],
    }


def composition_document(profile: Profile, words: Words) -> dict[str, Any]:
    """The parts of a composed profile, the factors of each weight and the part each adjustment comes from."""
    return {
        "parts": [{"id": part.id, "name": words.name(part.names), "kind": part.kind} for part in profile.parts],
        "weights": {criterion: {"value": weight.value,
                                "factors": [{"profile": f.profile, "value": f.value, "multiplier": f.multiplier,
                                             "reason": words.text(f.reason)} for f in weight.factors]}
                    for criterion, weight in profile.weights.items()},
        "adjustments": [{"channel": a.channel, "trait": a.trait, "criterion": a.criterion, "rating": a.rating,
                         "profile": a.stated_by, "overrides": a.overrides, "reason": words.text(a.reason)}
                        for a in profile.adjustments],
        "set_aside": [{"profile": a.expectation.stated_by, "index": a.expectation.position,
                       "statement": words.text(a.expectation.statement),
                       "against": ({"profile": a.against.stated_by, "index": a.against.position}
                                   if a.against is not None else None)} for a in profile.set_aside],
    }


def explain_document(view: ExplainView, words: Words) -> dict[str, Any]:
    """The ``explain --format json`` document."""
    explanation, pair = view.explanation, view.pair
    analysis = explanation.analysis
    document: dict[str, Any] = {
        "profile": view.ranking.decision.profile.id,
        "channel": analysis.row.channel,
        "name": words.name(analysis.row.names),
        "rank": analysis.row.rank,
        "score": analysis.row.score,
        "criteria": [{"criterion": line.criterion, "name": words.name(line.names), "rating": line.rating,
                      "adjusted": line.adjusted, "weight": line.weight, "contribution": line.contribution,
                      "versus_average": line.versus_average, "reason": words.text(line.reason),
                      "source": words.text(line.source) if line.source else None,
                      "cited": tell.cite(words, line.source, view.sources) if line.source else None}
                     for line in explanation.lines],
        "strengths": list(analysis.strengths),
        "weaknesses": list(analysis.weaknesses),
        "why": tell.why(words, view.ranking, analysis),
        "best_practices": [words.text(p) for p in explanation.best_practices],
    }
    profile = view.ranking.decision.profile
    if profile.parts:
        document["composition"] = composition_document(profile, words)
    if view.levers is not None:
        document["levers"] = _levers(view.levers, view.ranking.decision, words)
    if pair is not None:
        document["vs"] = {
            "channel": pair.b, "score": pair.score_b, "difference": pair.difference,
            "summary": tell.pair_summary(words, pair),
            "deciding": [{"criterion": item.criterion, "name": words.name(item.names), "rating_a": item.rating_a,
                          "rating_b": item.rating_b, "weight": item.weight, "difference": item.difference,
                          "reason_a": words.text(item.reason_a), "reason_b": words.text(item.reason_b)}
                         for item in pair.deciding],
        }
    return document


def list_document(view: ListView, words: Words) -> list[dict[str, Any]]:
    """The ``list --format json`` document: one object per criterion, channel or profile."""
    catalog = view.catalog
    if view.what == "criteria":
        return [{"id": c.id, "group": c.group, "name": words.name(c.names), "description": words.text(c.description)}
                for c in catalog.criteria]
    if view.what == "channels":
        return [{"id": c.id, "name": words.name(c.names), "family": c.family, "traits": list(c.traits),
                 "study": catalog.in_study(c.id)}
                for c in catalog.channels]
    return [{"id": p.id, "name": words.name(p.names), "kind": p.kind, "aliases": list(p.aliases),
             "extends": "+".join(p.extends) or None, "description": words.text(p.description)}
            for p in listed_profiles(catalog)]


def expectations_document(view: ExpectationsView, words: Words) -> dict[str, Any]:
    """The ``list expectations --format json`` document: the counts, then every judgement with its status."""
    from channelscore.core.expectations import fragile_rankings

    items = []
    for item in view.items:
        e = item.check.expectation
        items.append({
            "profile": item.profile, "checked_in": item.checked_in, "index": item.position, "kind": e.kind,
            "scope": e.scope, "statement": words.text(e.statement),
            "quote": e.quote,
            "source": words.text(e.source), "cited": tell.cite(words, e.source, view.sources),
            "channels": list(e.channels) if e.channels is not None else None, "trait": e.trait, "family": e.family,
            "n": e.n, "than": list(e.than) if e.than is not None else None, "criterion": e.criterion,
            "value": e.value, "unmet": words.text(e.unmet) if e.unmet is not None else None,
            "status": item.status, "holds": item.check.holds,
            "set_aside_against": ({"profile": item.set_aside[0].stated_by, "index": item.set_aside[0].position}
                                  if item.set_aside and item.set_aside[0] is not None else None),
            "observed": [{"channel": c, ("rating" if e.criterion else "rank"): v} for c, v in item.check.observed],
            "breaking_moves": [{"channel": m.channel, "criterion": m.criterion, "from": m.before, "to": m.after}
                               for m in item.breaking]})
    return {"total": len(view.items), "holds": view.count("holds"), "fails": view.count("fails"),
            "unmet": view.count("unmet"), "unmet_holds": view.count("unmet_holds"),
            "set_aside": view.count("set_aside"),
            "fragile_rankings": fragile_rankings(view.items)[1],
            "expectations": items}


def compare_document(view: CompareView, words: Words) -> dict[str, Any]:
    """The ``compare --format json`` document."""
    comparison = view.comparison
    return {
        "scenarios": [{"label": label, "profile": ranking.decision.profile.id, "weights": weights_of(ranking)}
                      for label, ranking in zip(comparison.labels, comparison.rankings, strict=True)],
        "channels": [{"channel": c.channel, "name": words.name(c.names), "ranks": list(c.ranks),
                      "scores": list(c.scores), "changes": list(c.changes)} for c in comparison.channels],
        "kendall_tau_b": [{"a": comparison.labels[a.first], "b": comparison.labels[a.second], "tau_b": a.tau_b,
                           "channels": a.channels} for a in comparison.agreements],
        "movers": [{"channel": c.channel, "largest_move": c.largest_move} for c in comparison.movers],
        "summary": tell.comparison_summary(words, comparison),
    }


def _bound(bound: Bound, with_pair: bool) -> Any:
    if bound.channel is None:
        return None
    return {"channel": bound.channel, "passes": bound.passes} if with_pair else bound.channel


def overtake_document(result: Overtake, criteria: list[str]) -> dict[str, Any]:
    return {
        "channel": result.channel, "other": result.other, "possible": result.possible,
        "distance": result.distance if result.possible else None,
        "weights": dict(zip(criteria, map(float, result.weights), strict=True)) if result.weights is not None else None,
        "score": result.score, "other_score": result.other_score,
        "moved": [{"from": criteria[k], "amount": amount} for k, amount in result.moved_from],
        "to": criteria[result.moved_to] if result.moved_to is not None else None,
    }


def sensitivity_document(view: SensitivityView, words: Words) -> dict[str, Any]:
    """The ``sensitivity --format json`` document."""
    analysis = view.sensitivity
    ranking = analysis.ranking
    decision = ranking.decision
    criteria = [c.id for c in decision.criteria]
    channels = [c.id for c in decision.channels]
    result = analysis.smaa
    document: dict[str, Any] = {
        "profile": decision.profile.id,
        "samples": result.samples,
        "seed": result.seed,
        "sampling": {"weights": "uniform" if result.concentration is None else "dirichlet",
                     "concentration": result.concentration, "rating_noise": result.rating_noise},
        "weights": weights_of(ranking),
        "ranking": [{"rank": row.rank, "channel": row.channel, "score": row.score} for row in ranking.rows],
        "stability": {s.criterion: {
            "weight": s.weight,
            "first_low": s.first_low.weight, "first_high": s.first_high.weight,
            "first_low_by": _bound(s.first_low, False), "first_high_by": _bound(s.first_high, False),
            "order_low": s.order_low.weight, "order_high": s.order_high.weight,
            "order_low_by": _bound(s.order_low, True), "order_high_by": _bound(s.order_high, True),
        } for s in analysis.stability},
        "acceptability": {channel: [float(x) for x in row] for channel, row in
                          zip(channels, result.acceptability, strict=True)},
        "central_weights": {channel: dict(zip(criteria, map(float, result.central_weights[i]), strict=True))
                            for i, channel in enumerate(channels) if result.first_counts[i] > 0},
        "confidence": {channel: float(result.confidence[i]) for i, channel in enumerate(channels)
                       if result.first_counts[i] > 0},
        "runner_up": overtake_document(analysis.runner_up, criteria) if analysis.runner_up else None,
    }
    if analysis.overtake is not None:
        document["overtake"] = overtake_document(analysis.overtake, criteria)
    return document


def _mix(mix: ChosenMix) -> dict[str, Any]:
    return {"channels": list(mix.channels), "coverage": mix.coverage,
            "marginal_gains": {m.channel: m.gain for m in mix.members},
            "weak_criteria": [{"criterion": c, "best_rating": r} for c, r in mix.weak]}


def portfolio_document(view: PortfolioView, words: Words) -> dict[str, Any]:
    """The ``portfolio --format json`` document; ``size`` and ``best`` are the size shown first."""
    report = view.mix
    size = report.chosen_size
    return {
        "profile": view.decision.profile.id,
        "size": size,
        "best": _mix(report.best[size]) if size is not None else None,
        "alternatives": [_mix(m) for m in report.alternatives.get(size, ())] if size is not None else [],
        "recommended_size": report.recommended,
        "best_possible": report.best_possible,
        "margin": report.margin,
        "by_size": [{"size": s, "channels": list(m.channels), "coverage": m.coverage}
                    for s, m in sorted(report.best.items())],
        "requirements": [f"{r.kind}={r.value}" for r in report.requirements],
        "excluded": list(report.excluded),
        "given": _mix(report.given) if report.given is not None else None,
        "gap": report.given_gap,
    }


def weights_document(view: WeightsView, words: Words) -> dict[str, Any]:
    """The ``weights --format json`` document."""
    from channelscore.core.elicitation import RANDOM_INDEX, RANDOM_INDEX_SOURCE

    result = view.weights
    def consistency(value: Any) -> Any:
        return None if value is None else {"lambda_max": value.lambda_max, "ci": value.ci, "ri": value.ri,
                                           "cr": value.cr}

    criteria = list(result.criteria)
    document: dict[str, Any] = {
        "workshop": result.workshop,
        "base": result.base,
        "method": result.method,
        "method_name": words.method(result.method),
        "weights": {c: float(w) for c, w in zip(criteria, result.weights, strict=True)},
        "not_weighed": list(result.zero),
        "participants": [{"name": p.name, "weights": {c: float(w) for c, w in zip(criteria, p.weights, strict=True)},
                          "consistency": consistency(p.consistency)} for p in result.participants],
        "consistency": consistency(result.consistency),
        "profile": view.written,
    }
    if result.elicitation == "ahp":
        document["random_index"] = {"source": RANDOM_INDEX_SOURCE, "values": {str(k): v for k, v in
                                                                               RANDOM_INDEX.items()}}
        document["worst_judgments"] = [{"a": a, "b": b, "given": given, "implied": implied}
                                       for a, b, given, implied in result.worst]
    return document


def levers_document(view: LeversView, words: Words) -> dict[str, Any]:
    """The ``levers --format json`` document."""
    return {"profile": view.decision.profile.id, **_levers(view.levers, view.decision, words)}


def _levers(levers: Levers, decision: Decision, words: Words) -> dict[str, Any]:
    now = levers.standing
    return {
        "channel": levers.channel,
        "first": list(now.first),
        "mix": list(now.mix),
        "levers": [{"channel": lever.step.channel, "criterion": lever.step.criterion, "from": lever.step.old,
                    "to": lever.step.new, "effect": lever.effect,
                    "changes": list(lever.changes),
                    "rank_before": now.ranks[lever.step.channel], "rank": lever.rank, "first_after": list(lever.first),
                    "mix_after": list(lever.mix), "sentence": tell.lever_sentence(words, lever, levers, decision)}
                   for lever in levers.levers],
        "pairs": [{"channel": pair.channel, "steps": [{"criterion": step.criterion, "from": step.old, "to": step.new}
                                                      for step in pair.steps],
                   "lead": pair.lead, "level": pair.shared, "sentence": tell.pair_sentence(words, pair, decision)}
                  for pair in levers.pairs],
        "beyond_pairs": list(levers.beyond_pairs),
        "steps_tried": levers.steps_tried,
        "pairs_tried": levers.pairs_tried,
        "scope": tell.levers_closing(words, levers, decision)[-1],
    }
