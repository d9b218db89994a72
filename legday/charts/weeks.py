"""The weekly chart: distance and soreness above leg sessions (and, from a sets log, the
leg volume load), on one time axis."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from legday.charts.base import empty_figure, style
from legday.charts.colours import RUN_COLORS, SORENESS_COLOR, STRENGTH_COLORS

#: The range buttons over the weekly chart (no range slider: it draws a second, small
#: copy of every trace, costs browser time on every view and is too thin for a phone).
RANGE_BUTTONS = {
    "buttons": [
        {"count": 3, "label": "3 mo", "step": "month", "stepmode": "backward"},
        {"count": 6, "label": "6 mo", "step": "month", "stepmode": "backward"},
        {"step": "all", "label": "all"},
    ],
    "bgcolor": "rgba(128,128,128,0.15)",
    "activecolor": "rgba(128,128,128,0.35)",
    "y": 1.0,
    "yanchor": "bottom",
    "x": 1.0,
    "xanchor": "right",
}


def core_chart(weekly: pd.DataFrame, units: str) -> go.Figure:
    """Weekly distance (bars) and soreness (line, its own 0-10 axis) above leg sessions
    per week (heavy and light stacked apart) and, when sets are logged, the leg volume
    load (line, its own axis), on one shared time axis with a range control.
    """
    if weekly is None or weekly.empty:
        return empty_figure("No weeks logged yet: add runs to the log to see weekly distance.")
    volume = "leg_volume_load" in weekly and weekly["leg_volume_load"].notna().any()
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        row_heights=[0.68, 0.32],
        vertical_spacing=0.06,
        specs=[[{"secondary_y": True}], [{"secondary_y": bool(volume)}]],
    )
    _distance_and_soreness(fig, weekly, units)
    sessions = _leg_sessions(fig, weekly)
    if volume:
        _volume_load(fig, weekly, weekly.attrs.get("weight_unit", "kg"))
    _weekly_axes(fig, weekly["week_of"], sessions, units)
    fig = style(fig, 480)
    fig.update_layout(
        legend={"y": 1.1, "traceorder": "normal"},
        margin={"l": 8, "r": 8, "t": 40, "b": 8},
    )
    return fig


def _distance_and_soreness(fig: go.Figure, weekly: pd.DataFrame, units: str) -> None:
    weeks = weekly["week_of"]
    fig.add_trace(
        go.Bar(
            x=weeks,
            y=weekly["distance"].round(1),
            name=f"distance ({units})",
            marker_color=RUN_COLORS["long"],
            opacity=0.6,
            hovertemplate=f"%{{y:.1f}} {units}<extra>distance</extra>",
        ),
        row=1,
        col=1,
        secondary_y=False,
    )
    sore = weekly["soreness_avg"]
    if sore.notna().any():
        fig.add_trace(
            go.Scatter(
                x=weeks,
                y=sore.round(1),
                name="soreness (avg, 0-10)",
                mode="lines+markers",
                line={"color": SORENESS_COLOR, "width": 2.5},
                marker={"size": 6, "line": {"width": 1, "color": "rgba(255,255,255,0.85)"}},
                connectgaps=False,
                hovertemplate="%{y:.1f} / 10<extra>soreness</extra>",
            ),
            row=1,
            col=1,
            secondary_y=True,
        )
    else:
        fig.add_annotation(
            text="No soreness logged yet: add a 0-10 soreness each morning to see it here.",
            xref="x domain",
            yref="y domain",
            x=0.5,
            y=0.95,
            showarrow=False,
            font={"size": 12},
        )


def _leg_sessions(fig: go.Figure, weekly: pd.DataFrame) -> pd.Series:
    """Heavy and light sessions stacked (or sessions without a level); returns the
    sessions per week."""
    weeks = weekly["week_of"]
    sessions = weekly["strength_sessions"].fillna(0.0)
    heavy = weekly["heavy_sessions"]
    if heavy.notna().any():
        parts = [
            ("heavy leg sessions", heavy.fillna(0.0), "heavy", "heavy"),
            ("light leg sessions", (sessions - heavy.fillna(0.0)).clip(lower=0), "light", "light"),
        ]
    else:
        parts = [("leg sessions (level not logged)", sessions, "unknown", "leg sessions")]
    for name, values, colour, label in parts:
        fig.add_trace(
            go.Bar(
                x=weeks,
                y=values,
                name=name,
                marker_color=STRENGTH_COLORS[colour],
                hovertemplate=f"%{{y:.0f}}<extra>{label}</extra>",
            ),
            row=2,
            col=1,
        )
    return sessions


def _volume_load(fig: go.Figure, weekly: pd.DataFrame, unit: str) -> None:
    """Leg volume load (reps x weight of the working leg sets) on the sessions' row."""
    fig.add_trace(
        go.Scatter(
            x=weekly["week_of"],
            y=weekly["leg_volume_load"].round(0),
            name=f"leg volume load ({unit})",
            mode="lines+markers",
            line={"color": STRENGTH_COLORS["heavy"], "width": 2, "dash": "dot"},
            marker={"size": 5},
            hovertemplate=f"%{{y:,.0f}} {unit}<extra>leg volume load</extra>",
        ),
        row=2,
        col=1,
        secondary_y=True,
    )
    fig.update_yaxes(
        title_text=f"volume ({unit})", row=2, col=1, secondary_y=True, showgrid=False,
        rangemode="tozero",
    )  # fmt: skip


def _weekly_axes(fig: go.Figure, weeks: pd.Series, sessions: pd.Series, units: str) -> None:
    fig.update_layout(barmode="stack", bargap=0.15)
    fig.update_yaxes(title_text=f"distance ({units}/week)", row=1, col=1, secondary_y=False)
    fig.update_yaxes(
        title_text="soreness (0-10)",
        range=[0, 10.5],
        tickmode="linear",
        tick0=0,
        dtick=2,
        row=1,
        col=1,
        secondary_y=True,
        showgrid=False,
    )
    top = max(2.0, float(sessions.max()) if len(sessions) else 2.0)
    fig.update_yaxes(
        title_text="leg sessions / wk", row=2, col=1, range=[0, top + 0.5], dtick=1,
        secondary_y=False,
    )  # fmt: skip
    fig.update_xaxes(title_text="week starting (Monday)", row=2, col=1)
    fig.update_xaxes(rangeselector=RANGE_BUTTONS, row=1, col=1)
    fig.update_xaxes(type="date", row=2, col=1)
    if len(weeks) > 26:  # open on the last six months; "all" shows the rest
        end = weeks.iloc[-1] + pd.Timedelta(days=4)
        fig.update_xaxes(range=[end - pd.Timedelta(days=183), end])
