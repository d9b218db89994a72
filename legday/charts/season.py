"""The season strip: one column per planned week, to the next A race.

Each column is the week's planned distance as a bar, coloured by phase with the
phase's name written up the bar (so taper and race week read without colour), a
cutback week paler and named, the leg sessions as triangles under it (filled heavy,
open light, as in the day grid) and the strength block week at the bottom ("wk 6",
then the number alone: a phone's column is narrow).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from legday.charts.base import empty_figure, style
from legday.charts.colours import (
    PHASE_COLORS,
    SORENESS_COLOR,
    STRENGTH_MARK,
    text_colour_on,
    tint,
)

PHASE_WORDS = {"race-week": "race week"}
#: The season's week types that name the bar themselves (a build, hold or cutback week
#: is named by its phase: build or maintain, then the type).
TYPE_WORDS = {"taper": "taper", "race": "race week", "recovery": "recovery", "rebuild": "rebuild"}
TYPE_PHASE = {"taper": "taper", "race": "race-week", "recovery": "recovery", "rebuild": "recovery"}
#: Rows under the bars, as fractions of the tallest bar: the sessions, the block week.
_MARKS_ROW = -0.09
_MARK_STEP = 0.09
_BLOCK_ROW = -0.30


def season_strip(table: pd.DataFrame, units: str, picked: pd.Timestamp | None = None) -> go.Figure:
    """The weeks of ``legday.season.season_table`` as a strip; ``picked`` (a Monday) is
    outlined: the week whose days the page shows."""
    if table is None or table.empty:
        return empty_figure("No weeks planned: the log needs at least one logged day.")
    x = np.arange(len(table))
    top = max(float(table["distance"].max()), 1.0)
    types = table["week_type"].astype(str).tolist() if "week_type" in table else None
    phases = table["phase"].astype(str).tolist()
    cutback = table["cutback"].astype(bool).to_numpy()
    fills, words = [], []
    for i, phase in enumerate(phases):
        kind = types[i] if types else ("cutback" if cutback[i] else "build")
        colour = PHASE_COLORS.get(TYPE_PHASE.get(kind, phase), PHASE_COLORS["build"])
        # a cutback is a paler bar of its phase's colour, a rebuild a paler recovery
        fills.append(tint(colour, 0.55 if kind in ("cutback", "rebuild") else 1.0))
        named = PHASE_WORDS.get(phase, phase) + (
            f" · {kind}" if kind in ("cutback", "hold") else ""
        )
        words.append(TYPE_WORDS.get(kind, named))
    fig = go.Figure(
        go.Bar(
            x=x,
            y=table["distance"],
            marker={"color": fills, "line": {"width": 0}},
            text=words,
            textposition="inside",
            textangle=-90,
            insidetextanchor="start",
            insidetextfont={"color": [text_colour_on(f) for f in fills], "size": 11},
            customdata=_hover(table, units),
            hovertemplate="%{customdata}<extra></extra>",
            showlegend=False,
            name="planned distance",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=table["distance"],
            mode="text",
            text=[f"{d:.0f}" for d in table["distance"]],
            textposition="top center",
            textfont={"size": 11},
            hoverinfo="skip",
            showlegend=False,
            cliponaxis=False,
            name="distance",
        )
    )
    _session_marks(fig, table, top)
    return _strip_layout(fig, table, top, picked)


def _hover(table: pd.DataFrame, units: str) -> list[str]:
    out = []
    for row in table.itertuples():
        lines = [
            f"week of {row.week_of:%a %d %b}: {PHASE_WORDS.get(row.phase, row.phase)}"
            + (f", {row.week_type} week" if getattr(row, "week_type", "") else ""),
            f"{row.distance:g} {units} planned" + (" (a cutback week)" if row.cutback else ""),
            f"leg sessions: {row.heavy} heavy, {row.light} light",
            f"block week {row.block_week}: {row.focus}, {row.sets} sets",
        ]
        if row.race:
            lines.append(f"race: {row.race}")
        out.append("<br>".join(lines))
    return out


def _session_marks(fig: go.Figure, table: pd.DataFrame, top: float) -> None:
    """One triangle per planned session under the bar, heavy first, stacked (a phone's
    column is too narrow for two side by side)."""
    for level, symbol in (("heavy", "triangle-up"), ("light", "triangle-up-open")):
        xs, ys = [], []
        for i, row in enumerate(table.itertuples()):
            first = 0 if level == "heavy" else int(row.heavy)
            for j in range(first, first + int(getattr(row, level))):
                xs.append(i)
                ys.append((_MARKS_ROW - _MARK_STEP * j) * top)
        if not xs:
            continue
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="markers",
                name=f"{level} leg session",
                marker={
                    "symbol": symbol,
                    "size": 9,
                    "color": STRENGTH_MARK,
                    "line": {"width": 1.5, "color": STRENGTH_MARK},
                },
                hoverinfo="skip",
                cliponaxis=False,
            )
        )


def _strip_layout(
    fig: go.Figure, table: pd.DataFrame, top: float, picked: pd.Timestamp | None
) -> go.Figure:
    n = len(table)
    fig.add_trace(
        go.Scatter(
            x=np.arange(n),
            y=[_BLOCK_ROW * top] * n,
            mode="text",
            text=[f"wk {w}" if i == 0 else str(w) for i, w in enumerate(table["block_week"])],
            textfont={"size": 10},
            hoverinfo="skip",
            showlegend=False,
            name="block week",
        )
    )
    if picked is not None and (table["week_of"] == picked).any():
        i = int(np.flatnonzero((table["week_of"] == picked).to_numpy())[0])
        fig.add_shape(
            type="rect",
            x0=i - 0.5,
            x1=i + 0.5,
            y0=(_BLOCK_ROW - 0.1) * top,
            y1=top * 1.2,
            line={"color": SORENESS_COLOR, "width": 2.5},
        )
    fig.update_xaxes(
        tickvals=list(range(n)),
        ticktext=[f"{w:%d %b}" for w in table["week_of"]],
        range=[-0.5, n - 0.5],
        side="top",
        showgrid=False,
        fixedrange=True,
    )
    fig.update_yaxes(visible=False, range=[(_BLOCK_ROW - 0.12) * top, top * 1.22], fixedrange=True)
    fig = style(fig, 290)
    fig.update_layout(
        bargap=0.12,
        hovermode="closest",
        legend={"y": -0.02, "yanchor": "top", "x": 0},
        margin={"l": 8, "r": 8, "t": 30, "b": 8},
    )
    return fig
