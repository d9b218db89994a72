"""The lifts: each main lift's estimated 1RM, session by session (Epley)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from legday.charts.base import empty_figure, style
from legday.charts.colours import LIFT_COLORS
from legday.strength.thresholds import EPLEY_MAX_REPS


def lifts_chart(trend: pd.DataFrame, unit: str) -> go.Figure:
    """Estimated 1RM (Epley) of each main lift over time: one line per lift, named by
    the exercise that stands for it (``legday.strength.lifts.e1rm_trend``)."""
    if trend is None or trend.empty:
        return empty_figure(
            "No loaded squat, hinge or split squat sets logged yet: the estimated 1RM "
            f"needs sets of 1-{EPLEY_MAX_REPS} reps with a weight."
        )
    fig = go.Figure()
    for (movement, lift), rows in trend.groupby(["movement", "lift"], sort=False):
        fig.add_trace(
            go.Scatter(
                x=rows["date"],
                y=rows["e1rm"].round(1),
                name=f"{movement}: {lift}",
                mode="lines+markers",
                line={"color": LIFT_COLORS.get(movement), "width": 2},
                marker={"size": 6},
                hovertemplate=f"%{{y:.1f}} {unit}<extra>{lift}</extra>",
            )
        )
    fig.update_yaxes(title_text=f"estimated 1RM ({unit})", rangemode="tozero")
    fig.update_xaxes(title_text="session", type="date")
    fig = style(fig, 320)
    fig.update_layout(legend={"y": 1.12, "orientation": "h"}, margin={"t": 40})
    return fig
