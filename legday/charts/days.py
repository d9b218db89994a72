"""The day grid: weeks as rows, weekdays as columns, the run kind as the cell's colour."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from legday.charts.base import WEEKDAY_LABELS, empty_figure, style
from legday.charts.colours import RUN_COLORS, STRENGTH_COLORS


@dataclass(frozen=True)
class _Cells:
    """The days placed on the grid: row and column of each day, and what it shows."""

    start: pd.Timestamp  # the first row's Monday
    rows: int
    row: np.ndarray
    col: np.ndarray
    run: np.ndarray  # run kind per day
    strength: np.ndarray  # none | light | heavy per day
    z: np.ndarray  # (rows, 7) run-kind codes
    text: np.ndarray  # (rows, 7) the number in each cell
    hover: np.ndarray  # (rows, 7) the hover line of each cell


def calendar_grid(
    daily: pd.DataFrame, units: str, weeks: int = 8, cell_text: str = "soreness"
) -> go.Figure:
    """Weeks (rows, oldest on top) x weekdays: cell colour = run kind, a triangle marks
    a leg session (filled heavy, open light), the number in a cell is that morning's
    soreness (0-10), or the distance with ``cell_text="distance"`` (a planned week).
    Only the last ``weeks`` calendar weeks are sent.
    """
    if daily is None or daily.empty:
        return empty_figure("No daily log: a day-by-day view needs a daily log (CSV or days:).")
    cells = _cells(daily, units, weeks, cell_text)
    kinds = list(RUN_COLORS)
    n = len(kinds)
    scale = []
    for i, kind in enumerate(kinds):
        scale += [[i / n, RUN_COLORS[kind]], [(i + 1) / n, RUN_COLORS[kind]]]
    fig = go.Figure(
        go.Heatmap(
            z=cells.z,
            x=list(range(7)),
            y=list(range(cells.rows)),
            zmin=0,
            zmax=n,
            colorscale=scale,
            showscale=False,
            xgap=3,
            ygap=3,
            text=cells.text,
            texttemplate="%{text}",
            textfont={"size": 12},
            customdata=cells.hover,
            hovertemplate="%{customdata}<extra></extra>",
            name="days",
            showlegend=False,
        )
    )
    _kind_legend(fig, set(cells.run))
    _session_marks(fig, cells)
    return _grid_layout(fig, cells)


def _cells(daily: pd.DataFrame, units: str, weeks: int, cell_text: str) -> _Cells:
    last = daily["date"].max()
    start = last - pd.Timedelta(days=int(last.weekday()) + 7 * (weeks - 1))
    days = daily.loc[daily["date"] >= start].sort_values("date")
    col = days["date"].dt.day_of_week.to_numpy()
    row = ((days["date"] - start).dt.days // 7).to_numpy()
    rows = int(row.max()) + 1
    kinds = list(RUN_COLORS)
    code = days["run"].astype(str).map({k: i for i, k in enumerate(kinds)}).to_numpy(float)
    sore = days["soreness"].to_numpy(float)
    dist = days["distance"].to_numpy(float)
    strength = days["strength"].astype(str).to_numpy()
    run = days["run"].astype(str).to_numpy()
    z = np.full((rows, 7), np.nan)
    text = np.full((rows, 7), "", dtype=object)
    hover = np.full((rows, 7), "", dtype=object)
    z[row, col] = code
    if cell_text == "distance":
        shown = np.where(np.isfinite(dist) & (dist > 0), dist, np.nan)
        shown = np.round(shown, 1)  # "12.5" fits a phone's cell; "12.25" does not
        text[row, col] = np.where(np.isfinite(shown), np.char.mod("%g", np.nan_to_num(shown)), "")
    else:
        text[row, col] = np.where(np.isfinite(sore), np.char.mod("%.0f", np.nan_to_num(sore)), "")
    label = days["date"].dt.strftime("%a %d %b").to_numpy().astype(str)
    distance = np.where(
        np.isfinite(dist) & (dist > 0), np.char.mod(f" %.1f {units}", np.nan_to_num(dist)), ""
    )
    soreness = np.where(np.isfinite(sore), np.char.mod(", soreness %.0f", np.nan_to_num(sore)), "")
    legs = np.where(strength != "none", np.char.add(", ", np.char.add(strength, " legs")), "")
    hover[row, col] = [
        f"{a}: {b}{c}{d}{e}"
        for a, b, c, d, e in zip(label, run, distance, legs, soreness, strict=True)
    ]
    return _Cells(start, rows, row, col, run, strength, z, text, hover)


def _kind_legend(fig: go.Figure, present: set[str]) -> None:
    """Legend entries: only the run kinds on screen."""
    for kind in RUN_COLORS:
        if kind in present:
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="markers",
                    name=kind,
                    marker={"symbol": "square", "size": 12, "color": RUN_COLORS[kind]},
                )
            )


def _session_marks(fig: go.Figure, cells: _Cells) -> None:
    """A triangle in the cell's top-right corner, clear of the centred number even in a
    phone's 37 px cell: (0.3, -0.3) of a cell is about 11 px right, 11 up."""
    for level, symbol in (("heavy", "triangle-up"), ("light", "triangle-up-open")):
        mask = cells.strength == level
        if not mask.any():
            continue
        heavy = level == "heavy"
        fig.add_trace(
            go.Scatter(
                x=cells.col[mask] + 0.3,
                y=cells.row[mask] - 0.3,
                mode="markers",
                name=f"{level} leg session",
                marker={
                    "symbol": symbol,
                    "size": 10,
                    "color": STRENGTH_COLORS[level] if heavy else STRENGTH_COLORS["heavy"],
                    # a white edge keeps the filled triangle visible on the dark cells
                    "line": {"width": 1, "color": "#FFFFFF"} if heavy else {"width": 1.5},
                },
                hoverinfo="skip",
            )
        )


def _grid_layout(fig: go.Figure, cells: _Cells) -> go.Figure:
    rows = cells.rows
    mondays = [cells.start + pd.Timedelta(days=7 * i) for i in range(rows)]
    fig.update_xaxes(
        tickvals=list(range(7)),
        ticktext=list(WEEKDAY_LABELS),
        range=[-0.5, 6.5],
        side="top",
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
    fig.update_yaxes(
        tickvals=list(range(rows)),
        ticktext=[m.strftime("%d %b") for m in mondays],
        range=[rows - 0.5, -0.5],
        showgrid=False,
        zeroline=False,
        title_text="week of (Monday)" if rows > 1 else None,
        fixedrange=True,
    )
    # The legend sits below the grid and pushes the bottom margin as it wraps: room for
    # two entries a line (a phone), which on a wide page goes to the cells instead.
    entries = sum(1 for t in fig.data if t.showlegend is not False)
    legend_px = 24 * ((entries + 1) // 2)
    fig = style(fig, 30 + 40 * rows + 12 + legend_px + (40 if rows == 1 else 0))
    fig.update_layout(
        hovermode="closest",
        legend={"y": -0.02, "yanchor": "top", "x": 0},
        margin={"l": 8, "r": 8, "t": 30, "b": 8},
    )
    return fig
