"""What each renderer reads, as protocols: the API's results satisfy them without the renderers importing the API."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from channelscore.core.compare import Comparison
    from channelscore.core.decision import Decision, Ranking
    from channelscore.core.elicitation import WorkshopWeights
    from channelscore.core.expectations import ExpectationStatus
    from channelscore.core.explain import ChannelAnalysis, ChannelExplanation, PairExplanation
    from channelscore.core.levers import Levers
    from channelscore.core.portfolio import MixReport
    from channelscore.core.sensitivity import Sensitivity
    from channelscore.errors import Problem
    from channelscore.model import Catalog, Names, Profile, Source, StatementTally



class RankView(Protocol):
    @property
    def ranking(self) -> Ranking: ...
    @property
    def analyses(self) -> Sequence[ChannelAnalysis]: ...
    @property
    def mix(self) -> MixReport: ...


class ExplainView(Protocol):
    @property
    def ranking(self) -> Ranking: ...
    @property
    def explanation(self) -> ChannelExplanation: ...
    @property
    def pair(self) -> PairExplanation | None: ...
    @property
    def sources(self) -> Sequence[Source]: ...
    @property
    def levers(self) -> Levers | None: ...


class CompareView(Protocol):
    @property
    def comparison(self) -> Comparison: ...


class SensitivityView(Protocol):
    @property
    def sensitivity(self) -> Sensitivity: ...


class PortfolioView(Protocol):
    @property
    def decision(self) -> Decision: ...
    @property
    def mix(self) -> MixReport: ...


class LeversView(Protocol):
    @property
    def decision(self) -> Decision: ...
    @property
    def levers(self) -> Levers: ...


class ListView(Protocol):
    @property
    def catalog(self) -> Catalog: ...
    @property
    def what(self) -> str: ...


class ExpectationsView(Protocol):
    @property
    def items(self) -> Sequence[ExpectationStatus]: ...
    @property
    def sources(self) -> Sequence[Source]: ...
    def count(self, status: str) -> int: ...


class WeightsView(Protocol):
    @property
    def weights(self) -> WorkshopWeights: ...
    @property
    def names(self) -> Mapping[str, Names]: ...
    @property
    def written(self) -> str | None: ...


class ValidationView(Protocol):
    @property
    def files(self) -> Sequence[str]: ...
    @property
    def problems(self) -> Sequence[Problem]: ...
    @property
    def notes(self) -> Sequence[Problem]: ...
    @property
    def statements(self) -> StatementTally: ...
    @property
    def errors(self) -> int: ...
    @property
    def warnings(self) -> int: ...
    def failed(self, strict: bool = False) -> bool: ...


def listed_profiles(catalog: Catalog) -> list[Profile]:
    """The profiles as ``list profiles`` shows them: the base, the segments, then the situations, each by id."""
    order = {"base": 0, "segment": 1, "situation": 2}
    return sorted(catalog.profiles.values(), key=lambda p: (order.get(p.kind, 1), p.id))
