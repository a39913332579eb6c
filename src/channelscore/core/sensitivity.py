"""How firm a ranking is: stability intervals, SMAA and what it takes to overtake, gathered for one profile."""

from __future__ import annotations

from dataclasses import dataclass

from channelscore.core.decision import Ranking
from channelscore.core.records import Record
from channelscore.core.smaa import Progress, SmaaResult, smaa
from channelscore.core.stability import Overtake, Stability, overtake, stability
from channelscore.errors import RequestError


@dataclass(frozen=True, eq=False)
class Sensitivity(Record):
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


def analyse_sensitivity(ranking: Ranking, samples: int, seed: int, concentration: float | None = None,
            rating_noise: float = 0.0, overtake_pair: tuple[str, str] | None = None,
            progress: Progress | None = None) -> Sensitivity:
    """The sensitivity of ``ranking``; ``overtake_pair`` (A, B) asks what lets A reach B."""
    check_sampling(samples, concentration, rating_noise)
    decision = ranking.decision
    ids = [c.id for c in decision.channels]
    order = [row.matrix_row for row in ranking.rows]
    intervals = stability(decision.ratings, decision.weights, order, ids, [c.id for c in decision.criteria])
    result = smaa(decision.ratings, decision.weights, samples, seed, concentration, rating_noise, progress=progress)
    asked = None
    if overtake_pair is not None:
        a, b = (decision.channel_index(name) for name in overtake_pair)
        if a == b:
            raise RequestError("{argument} needs two different channels", argument="overtake")
        asked = overtake(decision.ratings, decision.weights, a, b, ids)
    first = ranking.rows[0]
    behind = [row for row in ranking.rows if row.rank > 1]
    runner_up = overtake(decision.ratings, decision.weights, behind[0].matrix_row, first.matrix_row, ids) \
        if behind else None
    return Sensitivity(ranking, tuple(intervals), result, asked, runner_up)


def check_sampling(samples: int, concentration: float | None, rating_noise: float) -> None:
    """A RequestError for sampling settings out of range (NaN and infinities included)."""
    if samples < 1:
        raise RequestError("{argument} must be at least 1", argument="samples")
    if not 0.0 <= rating_noise <= 1.0:
        raise RequestError("{argument} is a probability, from 0 to 1", argument="rating_noise")
    if concentration is not None and not 0 < concentration < float("inf"):
        raise RequestError("{argument} takes a concentration above 0",
                           hint="for example {argument} 50", argument="concentration")
