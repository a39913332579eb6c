"""JSON documents of the results, the stable interface for programs."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from channelscore.catalog import Catalog
from channelscore.explain import ChannelAnalysis, ChannelExplanation, PairExplanation
from channelscore.ranking import Ranking

if TYPE_CHECKING:
    from channelscore.analysis.compare import Comparison
    from channelscore.analysis.portfolio import ChosenMix, MixReport
    from channelscore.analysis.sensitivity import Sensitivity
    from channelscore.analysis.stability import Bound, Overtake
    from channelscore.workshop import WorkshopResult


def dumps(document: Any) -> str:
    """Indented, UTF-8 friendly JSON with a final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def weights_of(ranking: Ranking) -> dict[str, float]:
    decision = ranking.decision
    return {c.id: float(w) for c, w in zip(decision.criteria, decision.weights, strict=True)}


def rank_document(ranking: Ranking, analyses: list[ChannelAnalysis], lang: str) -> dict[str, Any]:
    """The ``rank --format json`` document."""
    return {
        "profile": ranking.decision.profile.id,
        "method": "weighted-mean",
        "weights": weights_of(ranking),
        "ranking": [
            {"rank": a.row.rank, "channel": a.row.channel, "name": a.row.names.get(lang), "score": a.row.score,
             "ratings": a.ratings, "contributions": a.contributions, "strengths": list(a.strengths),
             "weaknesses": list(a.weaknesses), "why": a.why}
            for a in analyses],
        "excluded": [{"channel": e.channel, "why": e.reason} for e in ranking.excluded],
    }


def explain_document(ranking: Ranking, explanation: ChannelExplanation, pair: PairExplanation | None,
                     lang: str) -> dict[str, Any]:
    """The ``explain --format json`` document."""
    analysis = explanation.analysis
    document: dict[str, Any] = {
        "profile": ranking.decision.profile.id,
        "channel": analysis.row.channel,
        "name": analysis.row.names.get(lang),
        "rank": analysis.row.rank,
        "score": analysis.row.score,
        "criteria": [line._asdict() for line in explanation.lines],
        "strengths": list(analysis.strengths),
        "weaknesses": list(analysis.weaknesses),
        "why": analysis.why,
        "best_practices": list(explanation.best_practices),
    }
    if pair is not None:
        document["vs"] = {
            "channel": pair.b, "score": pair.score_b, "difference": pair.difference, "summary": pair.summary,
            "deciding": [item._asdict() for item in pair.deciding],
        }
    return document


def list_document(catalog: Catalog, what: str, lang: str) -> list[dict[str, Any]]:
    """The ``list --format json`` document: one object per criterion, channel or profile."""
    if what == "criteria":
        return [{"id": c.id, "group": c.group, "name": c.names.get(lang), "description": c.description}
                for c in catalog.criteria]
    if what == "channels":
        return [{"id": c.id, "name": c.names.get(lang), "family": c.family, "traits": list(c.traits)}
                for c in catalog.channels]
    return [{"id": p.model.id, "name": p.model.names.get(lang), "aliases": list(p.model.aliases),
             "extends": p.model.extends, "description": p.model.description}
            for p in sorted(catalog.profiles.values(), key=lambda p: p.model.id)]


def compare_document(comparison: Comparison, lang: str) -> dict[str, Any]:
    """The ``compare --format json`` document."""
    from channelscore.analysis.compare import summary

    return {
        "scenarios": [{"label": label, "profile": ranking.decision.profile.id, "weights": weights_of(ranking)}
                      for label, ranking in zip(comparison.labels, comparison.rankings, strict=True)],
        "channels": [{"channel": c.channel, "name": c.names.get(lang), "ranks": list(c.ranks),
                      "scores": list(c.scores), "changes": list(c.changes)} for c in comparison.channels],
        "kendall_tau_b": [{"a": comparison.labels[a.first], "b": comparison.labels[a.second], "tau_b": a.tau_b,
                           "channels": a.channels} for a in comparison.agreements],
        "movers": [{"channel": c.channel, "largest_move": c.largest_move} for c in comparison.movers],
        "summary": summary(comparison, lang),
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


def sensitivity_document(analysis: Sensitivity) -> dict[str, Any]:
    """The ``sensitivity --format json`` document."""
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


def portfolio_document(report: MixReport, profile: str) -> dict[str, Any]:
    """The ``portfolio --format json`` document; ``size`` and ``best`` are the size shown first."""
    size = report.chosen_size
    return {
        "profile": profile,
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
    }


def weights_document(result: WorkshopResult, written: str | None) -> dict[str, Any]:
    """The ``weights --format json`` document."""
    from channelscore.analysis.elicitation import RANDOM_INDEX, RANDOM_INDEX_SOURCE
    from channelscore.workshop import METHOD_NAMES

    def consistency(value: Any) -> Any:
        return None if value is None else {"lambda_max": value.lambda_max, "ci": value.ci, "ri": value.ri,
                                           "cr": value.cr}

    criteria = list(result.criteria)
    document: dict[str, Any] = {
        "workshop": result.workshop.id,
        "base": result.workshop.base,
        "method": result.method,
        "method_name": METHOD_NAMES[result.method],
        "weights": {c: float(w) for c, w in zip(criteria, result.weights, strict=True)},
        "not_weighed": list(result.zero),
        "participants": [{"name": p.name, "weights": {c: float(w) for c, w in zip(criteria, p.weights, strict=True)},
                          "consistency": consistency(p.consistency)} for p in result.participants],
        "consistency": consistency(result.consistency),
        "profile": written,
    }
    if result.workshop.method == "ahp":
        document["random_index"] = {"source": RANDOM_INDEX_SOURCE, "values": {str(k): v for k, v in
                                                                               RANDOM_INDEX.items()}}
        document["worst_judgments"] = [{"a": a, "b": b, "given": given, "implied": implied}
                                       for a, b, given, implied in result.worst]
    return document
