"""The look every legday figure shares, the empty figure, and helpers tests use."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from legday.words import DAY_ABBR

MARGIN = {"l": 8, "r": 8, "t": 40, "b": 8}
WEEKDAY_LABELS = DAY_ABBR
#: Plotly config for small charts that need no toolbar.
NO_TOOLBAR = {"displayModeBar": False}


def style(fig: go.Figure, height: int, title: str | None = None) -> go.Figure:
    """The shared look: transparent, theme font, legend on top (fits a phone)."""
    fig.update_layout(
        height=height,
        margin=MARGIN,
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hovermode="x unified",
    )
    if title:  # no empty title objects: a cached (pickled) copy then sends the same JSON
        fig.update_layout(title={"text": title, "x": 0, "xanchor": "left"})
    # axis titles a size smaller: two stacked rows' titles stay apart on a phone
    fig.update_xaxes(title_font={"size": 12})
    fig.update_yaxes(title_font={"size": 12})
    return fig


def empty_figure(message: str, height: int = 220) -> go.Figure:
    """A figure that says why it is empty and what to do, instead of blank axes."""
    fig = go.Figure()
    fig.add_annotation(
        text=message,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 14},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig = style(fig, height)
    fig.update_layout(hovermode=False)
    fig.layout.meta = {"empty": True}
    return fig


def is_empty(fig: go.Figure) -> bool:
    meta = fig.layout.meta
    return isinstance(meta, dict) and bool(meta.get("empty"))


def figure_colours(fig: go.Figure) -> dict[str, str]:
    """Trace name -> marker or line colour (tests compare colours across charts)."""
    colours: dict[str, str] = {}
    for trace in fig.data:
        colour = None
        marker = getattr(trace, "marker", None)
        if marker is not None and isinstance(marker.color, str):
            colour = marker.color
        line = getattr(trace, "line", None)
        if colour is None and line is not None and isinstance(line.color, str):
            colour = line.color
        if trace.name and colour:
            colours[trace.name] = colour
    return colours


def point_count(fig: go.Figure) -> int:
    """How many x values the figure sends (a guard against shipping whole logs)."""
    total = 0
    for trace in fig.data:
        x = getattr(trace, "x", None)
        total += len(x) if isinstance(x, Sequence | np.ndarray | tuple) else 0
    return total
