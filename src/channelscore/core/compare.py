"""Several scenarios side by side: ranks, scores, rank changes, Kendall tau-b, biggest movers."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import NamedTuple

from channelscore.core.decision import Ranking
from channelscore.model import Names


class ChannelAcross(NamedTuple):
    """One channel in every scenario: rank and score (None where it does not apply), and the places it gained
    against the first scenario (positive: a move up; the same sign in every output format)."""

    channel: str
    names: Names
    ranks: tuple[int | None, ...]
    scores: tuple[float | None, ...]
    changes: tuple[int | None, ...]

    @property
    def largest_move(self) -> int:
        return max((abs(c) for c in self.changes if c is not None), default=0)


class Agreement(NamedTuple):
    """Kendall's tau-b between two scenarios, over the channels both rank; None if one ranks them all equal."""

    first: int
    second: int
    tau_b: float | None
    channels: int


@dataclass(frozen=True, slots=True)
class Comparison:
    """Several rankings side by side; changes and agreement are measured against the first."""

    labels: tuple[str, ...]
    rankings: tuple[Ranking, ...]
    channels: tuple[ChannelAcross, ...]
    agreements: tuple[Agreement, ...]
    movers: tuple[ChannelAcross, ...]


ALL_PAIRS_UP_TO = 10


def kendall_tau_b(x: Sequence[float], y: Sequence[float], tolerance: float = 1e-9) -> float | None:
    """Kendall's tau-b of two score lists (higher is better), ties within ``tolerance`` counted as ties."""
    concordant = discordant = tied_x = tied_y = 0
    for i, j in combinations(range(len(x)), 2):
        dx = 0 if abs(x[i] - x[j]) <= tolerance else (1 if x[i] > x[j] else -1)
        dy = 0 if abs(y[i] - y[j]) <= tolerance else (1 if y[i] > y[j] else -1)
        if dx == 0 and dy == 0:
            continue
        if dx == 0:
            tied_x += 1
        elif dy == 0:
            tied_y += 1
        elif dx == dy:
            concordant += 1
        else:
            discordant += 1
    denominator = math.sqrt((concordant + discordant + tied_x) * (concordant + discordant + tied_y))
    return (concordant - discordant) / denominator if denominator else None


def scenario_labels(rankings: Sequence[Ranking]) -> list[str]:
    """Each ranking's profile id, numbered when the same profile appears more than once."""
    return numbered([r.decision.profile.id for r in rankings], "#")


def numbered(labels: Sequence[str], mark: str) -> list[str]:
    """``labels`` with the place of each one that comes back appended after ``mark`` (``p#1``, ``p#2``)."""
    return [f"{label}{mark}{i + 1}" if labels.count(label) > 1 else label for i, label in enumerate(labels)]


def compare_rankings(rankings: Sequence[Ranking], labels: Sequence[str]) -> Comparison:
    """Every channel across ``rankings``; changes and agreement are measured against the first one."""
    order: list[str] = [row.channel for row in rankings[0].rows]
    names: dict[str, Names] = {row.channel: row.names for ranking in rankings for row in ranking.rows}
    names.update({item.channel: item.names for ranking in rankings for item in ranking.excluded})
    for ranking in rankings:
        order += [row.channel for row in ranking.rows if row.channel not in order]
        order += [item.channel for item in ranking.excluded if item.channel not in order]
    ranks = [{row.channel: row.rank for row in ranking.rows} for ranking in rankings]
    scores = [{row.channel: row.score for row in ranking.rows} for ranking in rankings]
    channels = []
    for channel in order:
        channel_ranks = tuple(r.get(channel) for r in ranks)
        base = channel_ranks[0]
        changes = tuple(None if base is None or rank is None else base - rank for rank in channel_ranks)
        channels.append(ChannelAcross(channel, names[channel], channel_ranks, tuple(s.get(channel) for s in scores),
                                      changes))
    agreements = []
    # Every pair while the pairs stay few; past that, each scenario against the first, so the work
    # (and the output) grows with the number of scenarios, not its square.
    count = len(rankings)
    pairs = combinations(range(count), 2) if count <= ALL_PAIRS_UP_TO else ((0, b) for b in range(1, count))
    for a, b in pairs:
        common = [c for c in order if c in scores[a] and c in scores[b]]
        tau = kendall_tau_b([scores[a][c] for c in common], [scores[b][c] for c in common],
                            rankings[a].tolerance)
        agreements.append(Agreement(a, b, tau, len(common)))
    movers = sorted((c for c in channels if c.largest_move > 0), key=lambda c: (-c.largest_move, c.channel))
    return Comparison(tuple(labels), tuple(rankings), tuple(channels), tuple(agreements), tuple(movers))
