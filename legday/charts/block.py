"""The strength block at a glance: one column per week of the current block.

Four rows, a grid like the day grid: the prescription (focus, sets) of each block
week, the leg sessions done (triangles, filled heavy and open light; a cross for a
logged week without one) and the week's average soreness. The planned week is
outlined and named "now"; the block weeks still ahead are pale.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from legday.charts.base import empty_figure, style
from legday.charts.colours import (
    FOCUS_COLORS,
    SORENESS_COLOR,
    STATUS_COLORS,
    tint,
)

ROWS = ("focus", "sets", "sessions", "soreness")
ROW_LABELS = ("focus", "sets", "legs", "sore")
FOCUS_WORDS = {"form": "form", "load": "load", "maintain": "hold"}
#: The grid's fills: index = the heatmap's z value.
_NEUTRAL = "#C9CDD2"
_MISSED = tint(STATUS_COLORS["red"], 0.45)
_DONE = tint(STATUS_COLORS["green"], 0.45)


def block_chart(table: pd.DataFrame) -> go.Figure:
    """The rows of ``legday.season.block_table`` as a grid (weeks as columns)."""
    if table is None or table.empty:
        return empty_figure("No block yet: log a leg session to start one.")
    palette: list[str] = []

    def code(colour: str) -> int:
        if colour not in palette:
            palette.append(colour)
        return palette.index(colour)

    n = len(table)
    z = np.full((len(ROWS), n), np.nan)
    text = np.full((len(ROWS), n), "", dtype=object)
    for i, row in enumerate(table.itertuples()):
        fills, words = _column(row)
        for r, (fill, word) in enumerate(zip(fills, words, strict=True)):
            if fill is not None:
                z[r, i] = code(fill)
            text[r, i] = word
    m = max(len(palette), 1)
    scale = []
    for i, colour in enumerate(palette or [_NEUTRAL]):
        scale += [[i / m, colour], [(i + 1) / m, colour]]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=list(range(n)),
            y=list(range(len(ROWS))),
            zmin=0,
            zmax=m,
            colorscale=scale,
            showscale=False,
            xgap=3,
            ygap=3,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 13},
            customdata=np.array([_hover(table)] * len(ROWS)),
            hovertemplate="%{customdata}<extra></extra>",
            name="block",
        )
    )
    return _block_layout(fig, table)


def _column(row) -> tuple[list[str | None], list[str]]:
    """The four cells of one week: fills (None: blank) and texts."""
    sore = row.soreness
    sore_fill = tint(SORENESS_COLOR, min(sore, 10) / 10) if np.isfinite(sore) else None
    if _missed(row):
        if not row.logged:
            return [None] * 4, ["", "", "–", ""]
        return [_NEUTRAL, _NEUTRAL, _MISSED, sore_fill], ["", "", "✗", _number(sore)]
    pale = 0.35 if row.when == "ahead" else 1.0
    focus = FOCUS_COLORS.get(row.focus, FOCUS_COLORS["form"])
    fills: list[str | None] = [tint(focus, pale), tint(focus, 0.45 * pale)]
    words = [FOCUS_WORDS.get(row.focus, row.focus), str(row.sets)]
    if row.when == "ahead":
        return [*fills, None, None], [*words, "", ""]
    fills += [_DONE if row.when == "done" else _NEUTRAL, sore_fill]
    return fills, [*words, _marks(row), _number(sore)]


def _missed(row) -> bool:
    """A week of the block done without a leg session (or not logged)."""
    return row.when == "done" and not bool(row.consistent)


def _marks(row) -> str:
    """▲ per heavy session, △ per light one; ● per session of unknown level."""
    if not np.isfinite(row.heavy):
        return "●" * int(row.sessions) if np.isfinite(row.sessions) else ""
    return "▲" * int(row.heavy) + "△" * int(row.light)


def _number(value: float) -> str:
    return f"{value:.1f}" if np.isfinite(value) else ""


def _hover(table: pd.DataFrame) -> list[str]:
    out = []
    for row in table.itertuples():
        head = f"week of {row.week_of:%a %d %b}"
        if _missed(row):
            body = "no leg session: the block's count held" if row.logged else "not logged"
        else:
            week = "maintenance" if pd.isna(row.block_week) else f"block week {row.block_week}"
            body = f"{week}: {row.focus}, {row.sets} sets"
            if row.when != "ahead" and np.isfinite(row.sessions):
                planned = "planned" if row.when == "now" else "done"
                body += f"<br>leg sessions {planned}: {_marks(row) or 'none'}"
        if np.isfinite(row.soreness):
            body += f"<br>soreness {row.soreness:.1f} (week average)"
        out.append(f"{head}<br>{body}")
    return out


def _tick(row) -> str:
    """The column's block week (``hold``: a maintenance week; ``–``: no session) over
    its Monday, or ``now`` for the planned week."""
    if _missed(row):
        week = "–"
    elif pd.isna(row.block_week):
        week = "hold"
    else:
        week = f"wk {row.block_week}"
    return f"{week}<br>{'now' if row.when == 'now' else f'{row.week_of:%d %b}'}"


def _block_layout(fig: go.Figure, table: pd.DataFrame) -> go.Figure:
    n = len(table)
    now = np.flatnonzero((table["when"] == "now").to_numpy())
    if now.size:
        i = int(now[0])
        fig.add_shape(
            type="rect",
            x0=i - 0.5,
            x1=i + 0.5,
            y0=-0.5,
            y1=len(ROWS) - 0.5,
            line={"color": SORENESS_COLOR, "width": 2.5},
        )
    fig.update_xaxes(
        tickvals=list(range(n)),
        ticktext=[_tick(row) for row in table.itertuples()],
        range=[-0.5, n - 0.5],
        side="top",
        showgrid=False,
        zeroline=False,
        fixedrange=True,
        tickfont={"size": 11},
    )
    fig.update_yaxes(
        tickvals=list(range(len(ROWS))),
        ticktext=list(ROW_LABELS),
        range=[len(ROWS) - 0.5, -0.5],
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
    fig = style(fig, 60 + 44 * len(ROWS))
    fig.update_layout(hovermode="closest", margin={"l": 8, "r": 8, "t": 50, "b": 8})
    return fig
