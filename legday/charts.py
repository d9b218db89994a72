"""Plotly figures from legday's tables: one look, one colour per run kind, everywhere.

Why these choices:
- One colour map (``RUN_COLORS``, ``STRENGTH_COLORS``) used by every chart and legend,
  from the Okabe-Ito colour-blind-safe palette, so "hard" is the same orange on every page.
- Transparent backgrounds and no hard-coded text colour: the dashboard's theme (light
  or dark) supplies the font colour, so text stays readable in both.
- Every axis names its unit; an empty table gives a figure with a sentence saying
  what to log, never a blank frame.
- Figures carry only the points they draw (the weekly rows, or the last weeks of days).

No streamlit import: tests build every figure from hand-made frames.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import hex_to_rgb
from plotly.subplots import make_subplots

#: One colour per run kind (Okabe-Ito; rest is a neutral grey that works on dark too).
RUN_COLORS: dict[str, str] = {
    "rest": "#9aa0a6",
    "easy": "#56B4E9",
    "moderate": "#009E73",
    "hard": "#E69F00",
    "long": "#0072B2",
    "race": "#D55E00",
    "cross": "#CC79A7",
}
#: Leg sessions: light (bodyweight, mobility) and heavy (loaded).
STRENGTH_COLORS: dict[str, str] = {
    "light": "#B8A0D9",
    "heavy": "#6A3D9A",
    "unknown": "#8E8E8E",  # weekly-totals logs count sessions without a level
}
#: Soreness: a crimson that stands out over the distance bars in light and dark themes.
SORENESS_COLOR = "#E0245E"
LOAD_COLORS: dict[str, str] = {
    "acwr": "#56B4E9",
    "acwr_ewma": "#9aa0a6",
    "ctl": "#009E73",
    "atl": "#E69F00",
    "tsb": "#9aa0a6",
}
SEVERITY_COLORS: dict[str, str] = {"act": "#D55E00", "watch": "#E69F00", "info": "#56B4E9"}
#: The band Gabbett (2016) called a "sweet spot": shown as a description, not a safe zone.
ACWR_BAND: tuple[float, float] = (0.8, 1.3)
ACWR_BAND_LABEL = "descriptive, contested"
ACWR_CAVEAT = (
    "ACWR is descriptive, contested: not an injury predictor "
    "(Impellizzeri 2020; in runners, Frandsen 2025)"
)
BLOCK_WEEKS = 8
FOCUS_COLORS: dict[str, str] = {"form": "#56B4E9", "load": "#0072B2", "maintain": "#009E73"}

_MARGIN = {"l": 8, "r": 8, "t": 40, "b": 8}
_WEEKDAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


DARK_TEXT = "#1F2430"
LIGHT_TEXT = "#FFFFFF"


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of ``#RRGGBB``."""
    channels = [c / 255 for c in hex_to_rgb(hex_colour)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#RRGGBB`` colours (1 to 21; 4.5 reads as body text)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour_on(fill: str) -> str:
    """Dark text on light fills, white on dark ones: whichever contrasts more."""
    return DARK_TEXT if contrast(fill, DARK_TEXT) >= contrast(fill, LIGHT_TEXT) else LIGHT_TEXT


def tint(hex_colour: str, strength: float) -> str:
    """``hex_colour`` mixed with white (``strength`` 1 = the colour, 0 = white), as a
    solid colour: reads the same on a light and a dark page."""
    mixed = [round(255 - (255 - c) * strength) for c in hex_to_rgb(hex_colour)]
    return "#{:02X}{:02X}{:02X}".format(*mixed)


def _style(fig: go.Figure, height: int, title: str | None = None) -> go.Figure:
    """The shared look: transparent, theme font, legend on top (fits a phone)."""
    fig.update_layout(
        height=height,
        margin=_MARGIN,
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
    fig = _style(fig, height)
    fig.update_layout(hovermode=False)
    fig.layout.meta = {"empty": True}
    return fig


def is_empty(fig: go.Figure) -> bool:
    meta = fig.layout.meta
    return isinstance(meta, dict) and bool(meta.get("empty"))


# ------------------------------------------------------------------------ core chart


def core_chart(weekly: pd.DataFrame, units: str) -> go.Figure:
    """Weekly distance (bars) and soreness (line, its own 0-10 axis) above leg sessions
    per week (heavy and light stacked apart), on one shared time axis with a range control.
    """
    if weekly is None or weekly.empty:
        return empty_figure("No weeks logged yet: add runs to the log to see weekly distance.")
    weeks = weekly["week_of"]
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        row_heights=[0.68, 0.32],
        vertical_spacing=0.06,
        specs=[[{"secondary_y": True}], [{"secondary_y": False}]],
    )
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
    sessions = weekly["strength_sessions"].fillna(0.0)
    heavy = weekly["heavy_sessions"]
    if heavy.notna().any():
        fig.add_trace(
            go.Bar(
                x=weeks,
                y=heavy.fillna(0.0),
                name="heavy leg sessions",
                marker_color=STRENGTH_COLORS["heavy"],
                hovertemplate="%{y:.0f}<extra>heavy</extra>",
            ),
            row=2,
            col=1,
        )
        fig.add_trace(
            go.Bar(
                x=weeks,
                y=(sessions - heavy.fillna(0.0)).clip(lower=0),
                name="light leg sessions",
                marker_color=STRENGTH_COLORS["light"],
                hovertemplate="%{y:.0f}<extra>light</extra>",
            ),
            row=2,
            col=1,
        )
    else:
        fig.add_trace(
            go.Bar(
                x=weeks,
                y=sessions,
                name="leg sessions (level not logged)",
                marker_color=STRENGTH_COLORS["unknown"],
                hovertemplate="%{y:.0f}<extra>leg sessions</extra>",
            ),
            row=2,
            col=1,
        )
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
    fig.update_yaxes(title_text="leg sessions / wk", row=2, col=1, range=[0, top + 0.5], dtick=1)
    fig.update_xaxes(title_text="week starting (Monday)", row=2, col=1)
    fig.update_xaxes(
        rangeselector={
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
        },
        row=1,
        col=1,
    )
    # No range slider: it draws a second, small copy of every trace (browser time on
    # every view) and is too thin to drag on a phone; the buttons and drag-to-zoom stay.
    fig.update_xaxes(type="date", row=2, col=1)
    if len(weeks) > 26:  # open on the last six months; "all" shows the rest
        end = weeks.iloc[-1] + pd.Timedelta(days=4)
        fig.update_xaxes(range=[end - pd.Timedelta(days=183), end])
    fig = _style(fig, 480)
    fig.update_layout(
        legend={"y": 1.1, "traceorder": "normal"},
        margin={"l": 8, "r": 8, "t": 40, "b": 8},
    )
    return fig


# ----------------------------------------------------------------------- daily grid


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
    last = daily["date"].max()
    start = last - pd.Timedelta(days=int(last.weekday()) + 7 * (weeks - 1))
    days = daily.loc[daily["date"] >= start].sort_values("date")
    col = days["date"].dt.day_of_week.to_numpy()
    row = ((days["date"] - start).dt.days // 7).to_numpy()
    n_rows = int(row.max()) + 1
    kinds = list(RUN_COLORS)
    code = days["run"].astype(str).map({k: i for i, k in enumerate(kinds)}).to_numpy(float)
    sore = days["soreness"].to_numpy(float)
    dist = days["distance"].to_numpy(float)
    strength = days["strength"].astype(str).to_numpy()
    z = np.full((n_rows, 7), np.nan)
    text = np.full((n_rows, 7), "", dtype=object)
    hover = np.full((n_rows, 7), "", dtype=object)
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
    run = days["run"].astype(str).to_numpy()
    hover[row, col] = [
        f"{a}: {b}{c}{d}{e}"
        for a, b, c, d, e in zip(label, run, distance, legs, soreness, strict=True)
    ]
    n = len(kinds)
    scale = []
    for i, kind in enumerate(kinds):
        scale += [[i / n, RUN_COLORS[kind]], [(i + 1) / n, RUN_COLORS[kind]]]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=list(range(7)),
            y=list(range(n_rows)),
            zmin=0,
            zmax=n,
            colorscale=scale,
            showscale=False,
            xgap=3,
            ygap=3,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 12},
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            name="days",
            showlegend=False,
        )
    )
    present = set(run)
    for kind in kinds:  # legend entries: only the kinds on screen
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
    for level, symbol in (("heavy", "triangle-up"), ("light", "triangle-up-open")):
        mask = strength == level
        if not mask.any():
            continue
        fig.add_trace(
            go.Scatter(
                # the cell's top-right corner, clear of the centred number even in a
                # phone's 37 px cell: (0.3, -0.3) of a cell is about 11 px right, 11 up
                x=col[mask] + 0.3,
                y=row[mask] - 0.3,
                mode="markers",
                name=f"{level} leg session",
                marker={
                    "symbol": symbol,
                    "size": 10,
                    "color": STRENGTH_COLORS[level]
                    if level == "heavy"
                    else STRENGTH_COLORS["heavy"],
                    # a white edge keeps the filled triangle visible on the dark cells
                    "line": {"width": 1, "color": "#FFFFFF"}
                    if level == "heavy"
                    else {"width": 1.5},
                },
                hoverinfo="skip",
            )
        )
    mondays = [start + pd.Timedelta(days=7 * i) for i in range(n_rows)]
    fig.update_xaxes(
        tickvals=list(range(7)),
        ticktext=list(_WEEKDAY_LABELS),
        range=[-0.5, 6.5],
        side="top",
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
    fig.update_yaxes(
        tickvals=list(range(n_rows)),
        ticktext=[m.strftime("%d %b") for m in mondays],
        range=[n_rows - 0.5, -0.5],
        showgrid=False,
        zeroline=False,
        title_text="week of (Monday)" if n_rows > 1 else None,
        fixedrange=True,
    )
    # The legend sits below the grid and pushes the bottom margin as it wraps: room for
    # two entries a line (a phone), which on a wide page goes to the cells instead.
    entries = sum(1 for t in fig.data if t.showlegend is not False)
    legend_px = 24 * ((entries + 1) // 2)
    fig = _style(fig, 30 + 40 * n_rows + 12 + legend_px + (40 if n_rows == 1 else 0))
    fig.update_layout(
        hovermode="closest",
        legend={"y": -0.02, "yanchor": "top", "x": 0},
        margin={"l": 8, "r": 8, "t": 30, "b": 8},
    )
    return fig


# ---------------------------------------------------------------------- load trends


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
    load_unit = "RPE x min/day" if basis == "srpe" else f"{units}/day"
    rows = 2 if has_ctl else 1
    fig = make_subplots(rows=rows, cols=1, shared_xaxes=True, vertical_spacing=0.12)
    x = weekly["week_of"]
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
                    x=x,
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
    if has_ctl:
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
    fig.update_yaxes(title_text="ACWR (ratio)", row=1, col=1, rangemode="tozero")
    fig.update_xaxes(title_text="week starting (Monday)", row=rows, col=1)
    # One explicit range for every row: an axis without data would otherwise widen it.
    half_week = pd.Timedelta(days=4)
    fig.update_xaxes(range=[x.min() - half_week, x.max() + half_week])
    # The legend above pushes the top margin as it wraps (three lines on a phone).
    fig = _style(fig, 500 if has_ctl else 300)
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


# ----------------------------------------------------------------- progression strip


def progression_strip(
    current_week: int | None, focus: str | None = None, weeks: int = BLOCK_WEEKS
) -> go.Figure:
    """The 8-week block as a strip: weeks 1-4 form, 5-8 load; the current week marked."""
    numbers = list(range(1, weeks + 1))
    phase = ["form" if n <= weeks // 2 else "load" for n in numbers]
    colours = [FOCUS_COLORS[p] for p in phase]
    if focus == "maintain":
        colours = [FOCUS_COLORS["maintain"]] * weeks
    # Weeks still to come are a solid pale tint (not a transparent bar, which would be
    # dark on a dark theme), and each label takes the text colour that reads on its fill.
    colours = [
        c if current_week is None or n <= current_week else tint(c, 0.35)
        for n, c in zip(numbers, colours, strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=numbers,
            y=[1] * weeks,
            marker={"color": colours, "line": {"width": 0}},
            text=[f"wk {n}<br>{p}" for n, p in zip(numbers, phase, strict=True)],
            textposition="inside",
            insidetextanchor="middle",
            textfont={"color": [text_colour_on(c) for c in colours], "size": 12},
            hovertemplate="week %{x}<extra></extra>",
            showlegend=False,
        )
    )
    if current_week is not None and 1 <= current_week <= weeks:
        fig.add_shape(
            type="rect",
            x0=current_week - 0.5,
            x1=current_week + 0.5,
            y0=-0.08,
            y1=1.08,
            line={"color": SORENESS_COLOR, "width": 3},
        )
        fig.add_annotation(
            x=current_week,
            y=1.1,
            text="this week",
            showarrow=False,
            yanchor="bottom",
            font={"size": 12},
        )
    fig.update_xaxes(
        title_text="block week (consistent weeks of leg work)",
        tickvals=numbers,
        showgrid=False,
        fixedrange=True,
    )
    fig.update_yaxes(visible=False, range=[-0.1, 1.45], fixedrange=True)
    fig = _style(fig, 170)
    fig.update_layout(bargap=0.08, hovermode=False, margin={"l": 8, "r": 8, "t": 10, "b": 8})
    return fig


# ------------------------------------------------------------------ small helpers


def trend_values(weekly: pd.DataFrame, weeks: int = BLOCK_WEEKS) -> list[float]:
    """The last ``weeks`` weekly distances (for the roster's LineChartColumn)."""
    if weekly is None or weekly.empty:
        return []
    return weekly["distance"].tail(weeks).fillna(0.0).round(1).tolist()


def colour_legend() -> list[tuple[str, str]]:
    """(label, colour) pairs for a page's key to the colours."""
    pairs = list(RUN_COLORS.items())
    pairs += [(f"{k} leg session", STRENGTH_COLORS[k]) for k in ("light", "heavy")]
    return pairs


def colour_key() -> go.Figure:
    """The colour map as a small figure (the About page's key)."""
    pairs = colour_legend()
    fig = go.Figure()
    for i, (label, colour) in enumerate(pairs):
        symbol = "square" if "session" not in label else "triangle-up"
        fig.add_trace(
            go.Scatter(
                x=[i % 3],
                y=[i // 3],
                mode="markers+text",
                marker={"symbol": symbol, "size": 18, "color": colour},
                text=[label],
                textposition="middle right",
                textfont={"size": 13},
                hoverinfo="skip",
                showlegend=False,
                name=label,
            )
        )
    rows = (len(pairs) + 2) // 3
    fig.update_xaxes(visible=False, range=[-0.2, 3.0], fixedrange=True)
    fig.update_yaxes(visible=False, range=[rows - 0.5, -0.5], fixedrange=True)
    fig = _style(fig, 40 + 34 * rows)
    fig.update_layout(hovermode=False, margin={"l": 8, "r": 8, "t": 8, "b": 8})
    return fig


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
