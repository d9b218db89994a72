"""Load trends: the acute:chronic ratio with its contested band, and fitness / fatigue /
form (CTL, ATL, TSB)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from legday.charts.base import empty_figure, style
from legday.charts.colours import LOAD_COLORS

#: The band Gabbett (2016) called a "sweet spot": shown as a description, not a safe zone.
ACWR_BAND: tuple[float, float] = (0.8, 1.3)
ACWR_BAND_LABEL = "descriptive, contested"
ACWR_CAVEAT = (
    "ACWR is descriptive, contested: not an injury predictor "
    "(Impellizzeri 2020; in runners, Frandsen 2025)"
)


def load_chart(weekly: pd.DataFrame, basis: str = "srpe", units: str = "mi") -> go.Figure:
    """ACWR (rolling and EWMA) with the descriptive band and its caveat, above
    fitness / fatigue / form (CTL, ATL, TSB). ``basis``: "srpe" or "distance"."""
    if weekly is None or weekly.empty:
        return empty_figure("No weeks logged yet: load trends need a few weeks of log.")
    has_acwr = weekly["acwr"].notna().any() or weekly["acwr_ewma"].notna().any()
    has_ctl = weekly["ctl"].notna().any()
    if not has_acwr and not has_ctl:
        return empty_figure(
            "Not enough history yet: the ratio needs 28 days of log, fitness/fatigue a daily log."
        )
    rows = 2 if has_ctl else 1
    fig = make_subplots(rows=rows, cols=1, shared_xaxes=True, vertical_spacing=0.12)
    _ratio(fig, weekly)
    if has_ctl:
        _fitness_fatigue_form(fig, weekly)
        load_unit = "RPE x min/day" if basis == "srpe" else f"{units}/day"
        fig.update_yaxes(title_text=f"load ({load_unit})", row=2, col=1)
    if not has_acwr:
        fig.add_annotation(
            text="The ratio needs 28 days of log.",
            xref="x domain",
            yref="y domain",
            x=0.5,
            y=0.5,
            showarrow=False,
        )
    return _load_layout(fig, weekly["week_of"], rows, has_ctl)


def _ratio(fig: go.Figure, weekly: pd.DataFrame) -> None:
    """The 0.8-1.3 band, both ratios and the band's short label."""
    low, high = ACWR_BAND
    fig.add_hrect(
        y0=low,
        y1=high,
        row=1,
        col=1,
        fillcolor="rgba(0,158,115,0.16)",
        line_width=0,
        layer="below",
        exclude_empty_subplots=False,  # drawn before the lines, so the row is still empty
    )
    for column, label in (("acwr", "ACWR 7:28 d"), ("acwr_ewma", "ACWR EWMA")):
        if weekly[column].notna().any():
            fig.add_trace(
                go.Scatter(
                    x=weekly["week_of"],
                    y=weekly[column].round(2),
                    name=label,
                    mode="lines+markers",
                    marker={"size": 4},
                    line={
                        "color": LOAD_COLORS[column],
                        "width": 2,
                        "dash": "solid" if column == "acwr" else "dot",
                    },
                    hovertemplate="%{y:.2f}<extra>" + label + "</extra>",
                ),
                row=1,
                col=1,
            )
    fig.add_annotation(  # short enough for a phone; the caption under the chart says more
        text=f"shaded {low}-{high}: {ACWR_BAND_LABEL}",
        hovertext=ACWR_CAVEAT,
        xref="x domain",
        yref="y domain",
        x=0,
        y=1.0,
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        font={"size": 11},
    )


def _fitness_fatigue_form(fig: go.Figure, weekly: pd.DataFrame) -> None:
    x = weekly["week_of"]
    fig.add_trace(
        go.Bar(
            x=x,
            y=weekly["tsb"].round(1),
            name="form (TSB)",
            marker_color=LOAD_COLORS["tsb"],
            opacity=0.6,
            hovertemplate="%{y:.1f}<extra>form</extra>",
        ),
        row=2,
        col=1,
    )
    for column, label in (("ctl", "fitness (CTL 42 d)"), ("atl", "fatigue (ATL 7 d)")):
        fig.add_trace(
            go.Scatter(
                x=x,
                y=weekly[column].round(1),
                name=label,
                mode="lines",
                line={"color": LOAD_COLORS[column], "width": 2},
                hovertemplate="%{y:.1f}<extra>" + label + "</extra>",
            ),
            row=2,
            col=1,
        )


def _load_layout(fig: go.Figure, x: pd.Series, rows: int, has_ctl: bool) -> go.Figure:
    fig.update_yaxes(title_text="ACWR (ratio)", row=1, col=1, rangemode="tozero")
    fig.update_xaxes(title_text="week starting (Monday)", row=rows, col=1)
    # One explicit range for every row: an axis without data would otherwise widen it.
    half_week = pd.Timedelta(days=4)
    fig.update_xaxes(range=[x.min() - half_week, x.max() + half_week])
    # The legend above pushes the top margin as it wraps (three lines on a phone).
    fig = style(fig, 500 if has_ctl else 300)
    fig.update_layout(legend={"y": 1.08}, margin={"l": 8, "r": 8, "t": 40, "b": 8})
    if not has_ctl:
        fig.add_annotation(
            text="Fitness / fatigue / form need a daily log.",
            xref="paper",
            yref="paper",
            x=0,
            y=-0.32,
            xanchor="left",
            showarrow=False,
        )
        fig.update_layout(margin={"l": 8, "r": 8, "t": 40, "b": 50})
    return fig
