"""The planned week's strength block as a strip: weeks 1-4 form, 5-8 load."""

from __future__ import annotations

import plotly.graph_objects as go

from legday.charts.base import style
from legday.charts.colours import FOCUS_COLORS, SORENESS_COLOR, text_colour_on, tint

BLOCK_WEEKS = 8


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
    fig = style(fig, 170)
    fig.update_layout(bargap=0.08, hovermode=False, margin={"l": 8, "r": 8, "t": 10, "b": 8})
    return fig
