"""What a client report shows, gathered as data: ranking, analyses, mix, levers, sensitivity, expectations,
sources."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from channelscore.core.compare import Comparison, compare_rankings, scenario_labels
from channelscore.core.decision import Ranking
from channelscore.core.expectations import ExpectationCheck, check_all
from channelscore.core.explain import ChannelAnalysis, analyse_channels
from channelscore.core.levers import Levers, levers
from channelscore.core.portfolio import MixReport, mix_for, sizes_up_to
from channelscore.core.records import Record
from channelscore.core.sensitivity import Sensitivity, analyse_sensitivity
from channelscore.core.smaa import DEFAULT_SAMPLES, DEFAULT_SEED
from channelscore.model import Catalog, Source, Text

RADAR_CHANNELS = 3
_SEED_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


@dataclass(frozen=True, eq=False)
class ClientReport(Record):
    """Everything the client report of one profile shows; ``comparison`` when other scenarios were asked for."""

    ranking: Ranking
    analyses: tuple[ChannelAnalysis, ...]
    mix: MixReport
    sensitivity: Sensitivity
    expectations: tuple[ExpectationCheck, ...]
    comparison: Comparison | None
    sources: tuple[tuple[str, int], ...]
    known_sources: tuple[Source, ...] = ()
    levers: Levers | None = None


# The report draws weights around the client's own (Dirichlet of this concentration) unless asked for the
# uniform draw: a client asks how firm *their* ranking is, not how channels fare under any weighting at all.
REPORT_CONCENTRATION = 50.0


def gather(catalog: Catalog, ranking: Ranking, others: Sequence[Ranking] = (), samples: int = DEFAULT_SAMPLES,
           seed: int = DEFAULT_SEED, concentration: float | None = REPORT_CONCENTRATION,
           rating_noise: float = 0.0) -> ClientReport:
    """Everything the report of ``ranking`` needs; ``others`` are rankings to compare it with; the sensitivity
    draws weights around the profile's (``concentration``; None: uniformly), ratings moved with ``rating_noise``."""
    decision = ranking.decision
    comparison = None
    if others:
        rankings = [ranking, *others]
        comparison = compare_rankings(rankings, scenario_labels(rankings))
    return ClientReport(
        ranking=ranking,
        analyses=tuple(analyse_channels(ranking)),
        mix=mix_for(decision, sizes_up_to(decision)),
        sensitivity=analyse_sensitivity(ranking, samples, seed, concentration, rating_noise),
        expectations=check_all(decision.profile.expectations, ranking),
        comparison=comparison,
        sources=tuple(cited_sources(catalog, ranking)),
        known_sources=catalog.sources,
        levers=levers(decision),
    )


def cited_sources(catalog: Catalog, ranking: Ranking) -> list[tuple[str, int]]:
    """The source texts cited by the criteria, the ratings and the profile, with how often each is cited."""
    profile = ranking.decision.profile
    texts: list[Text | None] = [c.source for c in catalog.criteria]
    texts += [rated.source for channel in catalog.channels for rated in channel.ratings.values()]
    texts += [profile.source]
    texts += [item.source for item in profile.adjustments]
    texts += [item.source for item in profile.not_applicable]
    texts += [e.source for e in profile.expectations]
    texts += [c.source for c in profile.extra_criteria]
    if profile.group_split is not None:
        texts.append(profile.group_split.source)
    # A file name is the same in both languages of a citation: one of them is enough.
    counts = Counter(name for text in texts if text is not None for name in _SEED_FILE.findall(text.get("en")))
    return sorted(counts.items())
