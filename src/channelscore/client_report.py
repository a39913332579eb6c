"""What a client report shows, gathered as plain data: ranking, mix, sensitivity, expectations, sources."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from channelscore.analysis.compare import Comparison, compare, scenario_labels
from channelscore.analysis.portfolio import MixReport, mix_for, sizes_up_to
from channelscore.analysis.sensitivity import Sensitivity, analyse
from channelscore.analysis.smaa import DEFAULT_SAMPLES, DEFAULT_SEED
from channelscore.catalog import Catalog
from channelscore.checks import expectation_failure
from channelscore.explain import ChannelAnalysis
from channelscore.explain import analyse as explain_all
from channelscore.models import Expectation
from channelscore.ranking import Ranking, build_decision, rank

RADAR_CHANNELS = 3
_SEED_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


class CheckedExpectation(NamedTuple):
    expectation: Expectation
    failure: str


class ClientReport(NamedTuple):
    ranking: Ranking
    analyses: list[ChannelAnalysis]
    mix: MixReport
    sensitivity: Sensitivity
    expectations: list[CheckedExpectation]
    comparison: Comparison | None
    sources: list[tuple[str, int]]
    lang: str


def gather(catalog: Catalog, profile: str, overrides: dict[str, float], others: Sequence[str], lang: str,
           samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED) -> ClientReport:
    """Everything the report of ``profile`` needs; ``others`` are profiles to compare it with."""
    resolved = catalog.resolve(profile)
    ranking = rank(build_decision(catalog, resolved, overrides))
    decision = ranking.decision
    comparison = None
    if others:
        rankings = [ranking] + [rank(build_decision(catalog, catalog.resolve(name), overrides)) for name in others]
        comparison = compare(rankings, scenario_labels(rankings))
    return ClientReport(
        ranking=ranking,
        analyses=explain_all(ranking, lang),
        mix=mix_for(decision, sizes_up_to(decision)),
        sensitivity=analyse(ranking, samples, seed),
        expectations=[CheckedExpectation(e, expectation_failure(e, ranking)) for e in resolved.expectations],
        comparison=comparison,
        sources=cited_sources(catalog, ranking),
        lang=lang,
    )


def cited_sources(catalog: Catalog, ranking: Ranking) -> list[tuple[str, int]]:
    """The source texts cited by the criteria, the ratings and the profile, with how often each is cited."""
    profile = ranking.decision.profile
    texts = [c.source for c in catalog.criteria]
    texts += [rated.source or "" for channel in catalog.channels for rated in channel.ratings.values()]
    texts += [profile.source or ""]
    texts += [item.source or "" for item in profile.adjustments]
    texts += [item.source or "" for item in profile.not_applicable]
    texts += [e.source for e in profile.expectations]
    texts += [c.source for c in profile.extra_criteria]
    if profile.group_split is not None:
        texts.append(profile.group_split.source or "")
    counts = Counter(name for text in texts for name in _SEED_FILE.findall(text))
    return sorted(counts.items())
