"""Charts of a report drawn with matplotlib (the only module that imports it), as inline SVG or PNG.

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


# Charts are drawn at the width of a printed page's text; the HTML stretches them to its content width.
WIDTH = 6.5
FONT_SIZE = 9.0
SMALL = 8.0


def _figure(width: float, height: float, constrained: bool = True) -> Figure:
    # text.parse_math off: a `$` in a channel name is a dollar sign, not the start of a formula to parse.
    matplotlib.rcParams.update({"text.parse_math": False, "svg.fonttype": "none", "svg.hashsalt": "channelscore",
                                "font.size": FONT_SIZE,
                                "font.family": "DejaVu Sans", "axes.spines.top": False,
                                "axes.spines.right": False})
    return Figure(figsize=(width, height), layout="constrained" if constrained else None)


LABEL_LENGTH = 40
WRAP = 18


def _label(text: str) -> str:
    """A name short enough for an axis or a legend: a very long one would squeeze the plot to nothing."""
    return text if len(text) <= LABEL_LENGTH else text[:LABEL_LENGTH - 1].rstrip() + "…"


def _wrapped(text: str) -> str:
    """A name on lines of about ``WRAP`` characters, for labels set around a circle."""
    import textwrap

    return "\n".join(textwrap.wrap(_label(text), WRAP, break_on_hyphens=False)) or text


def svg(figure: Figure, title: str) -> str:
    """The figure as inline SVG (text stays text), the same bytes for the same data."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Title": title, "Date": None, "Creator": None, "Format": None,
                                                   "Type": None})
    text = buffer.getvalue()
    # The XML prolog and DOCTYPE are for standalone files; inline SVG starts at <svg>.
    return text[text.index("<svg"):]


def png(figure: Figure, dpi: int = 200) -> bytes:
    """The figure as a PNG image, for documents that take no SVG (Word)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def contribution_chart(channels: Sequence[str], criteria: Sequence[str], contributions: NDArray[np.float64],
                       score_label: str, number: Callable[[float, int], str]) -> Figure:
    """Horizontal stacked bars: each channel's score split into weight x rating per criterion, best on top;
    the legend below, two criteria a line."""
    legend_lines = (len(criteria) + 1) // 2
    figure = _figure(WIDTH, 0.36 * len(channels) + 0.22 * legend_lines + 1.2)
    axes = figure.add_subplot()
    positions = np.arange(len(channels))[::-1]
    left = np.zeros(len(channels))
    for k, criterion in enumerate(criteria):
        axes.barh(positions, contributions[:, k], left=left, color=PALETTE[k % len(PALETTE)], label=_label(criterion),
                  height=0.7, edgecolor="white", linewidth=0.5)
        left += contributions[:, k]
    for position, total in zip(positions, left, strict=True):
        axes.text(total + 0.03, position, number(float(total), 2), va="center", fontsize=SMALL)
    axes.set_yticks(positions, labels=[_label(c) for c in channels])
    axes.set_xlim(0, 3.35)
    axes.set_xticks(np.arange(0.0, 3.01, 0.5), labels=[number(tick, 1) for tick in np.arange(0.0, 3.01, 0.5)])
    axes.set_xlabel(score_label)
    figure.legend(loc="outside lower center", ncol=2, fontsize=SMALL, frameon=False)
    return figure


def radar_chart(channels: Sequence[str], criteria: Sequence[str], ratings: NDArray[np.float64]) -> Figure:
    """The ratings (1-3) of a few channels on every criterion, one closed polygon per channel; the criteria's
    names wrapped around the circle, the channels in a legend below."""
    # Constrained layout does not make room for the labels around a polar plot: the margins are set by hand.
    figure = _figure(WIDTH, 6.2, constrained=False)
    axes = figure.add_axes((0.27, 0.25, 0.46, 0.58), projection="polar")
    angles = np.linspace(0, 2 * np.pi, len(criteria), endpoint=False)
    closed = np.concatenate([angles, angles[:1]])
    for i, channel in enumerate(channels):
        values = np.concatenate([ratings[i], ratings[i][:1]])
        axes.plot(closed, values, color=PALETTE[i % len(PALETTE)], linewidth=1.8, label=_label(channel))
        axes.fill(closed, values, color=PALETTE[i % len(PALETTE)], alpha=0.12)
    axes.set_xticks(angles, labels=[_wrapped(c) for c in criteria], fontsize=SMALL)
    # Each name leans away from the circle: left of it on the left half, right of it on the right half.
    for label, angle in zip(axes.get_xticklabels(), angles, strict=True):
        horizontal = np.cos(angle)
        label.set_horizontalalignment("center" if abs(horizontal) < 0.2 else "left" if horizontal > 0 else "right")
    axes.tick_params(axis="x", pad=4)
    axes.set_ylim(0, 3)
    axes.set_yticks([1, 2, 3], labels=["1", "2", "3"], fontsize=SMALL)
    figure.legend(loc="lower center", ncol=1, fontsize=FONT_SIZE, frameon=False,
                  bbox_to_anchor=(0.5, 0.01))
    return figure


def heat_map(channels: Sequence[str], shares: NDArray[np.float64], rank_label: str,
             percent: Callable[[float, int], str]) -> Figure:
    """Rank acceptability: one row per channel, one column per rank, the share written in each cell."""
    figure = _figure(WIDTH, 0.34 * len(channels) + 1.0)
    axes = figure.add_subplot()
    axes.imshow(shares, cmap="Blues", vmin=0.0, vmax=1.0, aspect="auto")
    for i in range(shares.shape[0]):
        for j in range(shares.shape[1]):
            if shares[i, j] >= 0.005:
                axes.text(j, i, percent(float(shares[i, j]), 0), ha="center", va="center", fontsize=SMALL,
                          color="white" if shares[i, j] > 0.55 else "#222222")
    axes.set_yticks(range(len(channels)), labels=[_label(c) for c in channels])
    axes.set_xticks(range(shares.shape[1]), labels=[str(r + 1) for r in range(shares.shape[1])])
    axes.set_xlabel(rank_label)
    axes.spines[:].set_visible(False)
    return figure
