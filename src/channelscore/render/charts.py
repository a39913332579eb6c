"""Charts of a report as inline SVG, drawn with matplotlib; the only module that imports it.

The Figure API is used without pyplot, so nothing opens a window or keeps global state; SVG
text stays text (no font files, nothing fetched), and the hash salt and metadata are fixed so
that the same data gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from numpy.typing import NDArray

PALETTE = ["#1b6ca8", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
           "#bab0ac", "#4e79a7", "#86bcb6"]


def _figure(width: float, height: float, constrained: bool = True) -> Figure:
    # text.parse_math off: a `$` in a channel name is a dollar sign, not the start of a formula to parse.
    matplotlib.rcParams.update({"text.parse_math": False, "svg.fonttype": "none", "svg.hashsalt": "channelscore",
                                "font.size": 9,
                                "font.family": "DejaVu Sans", "axes.spines.top": False,
                                "axes.spines.right": False})
    return Figure(figsize=(width, height), layout="constrained" if constrained else None)


LABEL_LENGTH = 40


def _label(text: str) -> str:
    """A name short enough for an axis or a legend: a very long one would squeeze the plot to nothing."""
    return text if len(text) <= LABEL_LENGTH else text[:LABEL_LENGTH - 1].rstrip() + "…"


def _svg(figure: Figure, title: str) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Title": title, "Date": None, "Creator": None, "Format": None,
                                                   "Type": None})
    text = buffer.getvalue()
    # The XML prolog and DOCTYPE are for standalone files; inline SVG starts at <svg>.
    return text[text.index("<svg"):]


def contribution_chart(channels: Sequence[str], criteria: Sequence[str], contributions: NDArray[np.float64],
                       title: str, score_label: str, number: Callable[[float, int], str]) -> str:
    """Horizontal stacked bars: each channel's score split into weight x rating per criterion, best on top."""
    figure = _figure(7.5, 0.42 * len(channels) + 1.6)
    axes = figure.add_subplot()
    positions = np.arange(len(channels))[::-1]
    left = np.zeros(len(channels))
    for k, criterion in enumerate(criteria):
        axes.barh(positions, contributions[:, k], left=left, color=PALETTE[k % len(PALETTE)], label=_label(criterion),
                  height=0.7, edgecolor="white", linewidth=0.5)
        left += contributions[:, k]
    for position, total in zip(positions, left, strict=True):
        axes.text(total + 0.02, position, number(float(total), 2), va="center", fontsize=8)
    axes.set_yticks(positions, labels=[_label(c) for c in channels])
    axes.set_xlim(0, 3.3)
    axes.set_xticks(np.arange(0.0, 3.01, 0.5), labels=[number(tick, 1) for tick in np.arange(0.0, 3.01, 0.5)])
    axes.set_xlabel(score_label)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18 if len(channels) > 4 else -0.3), ncol=4,
                fontsize=7, frameon=False)
    return _svg(figure, title)


def radar_chart(channels: Sequence[str], criteria: Sequence[str], ratings: NDArray[np.float64], title: str) -> str:
    """The ratings (1-3) of a few channels on every criterion, one closed polygon per channel."""
    # Constrained layout does not make room for the labels around a polar plot: the margins are set by hand.
    figure = _figure(7.5, 5.2, constrained=False)
    axes = figure.add_axes((0.2, 0.1, 0.5, 0.78), projection="polar")
    angles = np.linspace(0, 2 * np.pi, len(criteria), endpoint=False)
    closed = np.concatenate([angles, angles[:1]])
    for i, channel in enumerate(channels):
        values = np.concatenate([ratings[i], ratings[i][:1]])
        axes.plot(closed, values, color=PALETTE[i % len(PALETTE)], linewidth=1.8, label=_label(channel))
        axes.fill(closed, values, color=PALETTE[i % len(PALETTE)], alpha=0.12)
    axes.set_xticks(angles, labels=[_label(c) for c in criteria], fontsize=7)
    axes.tick_params(axis="x", pad=8)
    axes.set_ylim(0, 3)
    axes.set_yticks([1, 2, 3], labels=["1", "2", "3"], fontsize=7)
    axes.legend(loc="upper left", bbox_to_anchor=(1.18, 1.05), fontsize=8, frameon=False)
    return _svg(figure, title)


def heat_map(channels: Sequence[str], shares: NDArray[np.float64], title: str, rank_label: str,
             percent: Callable[[float, int], str]) -> str:
    """Rank acceptability: one row per channel, one column per rank, the share written in each cell."""
    figure = _figure(7.5, 0.36 * len(channels) + 1.2)
    axes = figure.add_subplot()
    axes.imshow(shares, cmap="Blues", vmin=0.0, vmax=1.0, aspect="auto")
    for i in range(shares.shape[0]):
        for j in range(shares.shape[1]):
            if shares[i, j] >= 0.005:
                axes.text(j, i, percent(float(shares[i, j]), 0), ha="center", va="center", fontsize=7,
                          color="white" if shares[i, j] > 0.55 else "#222222")
    axes.set_yticks(range(len(channels)), labels=[_label(c) for c in channels])
    axes.set_xticks(range(shares.shape[1]), labels=[str(r + 1) for r in range(shares.shape[1])])
    axes.set_xlabel(rank_label)
    axes.spines[:].set_visible(False)
    return _svg(figure, title)
