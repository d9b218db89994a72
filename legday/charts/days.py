"""The day grid: weeks as rows, weekdays as columns, each day coloured by its run kind.

A coloured table rather than a heatmap figure: a browser draws it for a fraction of a
plotly figure's cost, and every day says its run in words, so the grid reads without
colour and without hovering (docs/performance.md, benchmark 4).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from legday.charts.base import WEEKDAY_LABELS
from legday.charts.colours import RUN_COLORS
from legday.charts.tables import SESSION_MARKS, ColouredTable, coloured_table


def day_table(daily: pd.DataFrame, weeks: int = 8) -> ColouredTable | None:
    """The last ``weeks`` calendar weeks (oldest on top) of a daily frame
    (``metrics.daily_frame`` or a plan's days): each day its run kind's colour and
    words, the distance, ▲ a heavy and △ a light leg session, and after a dot that
    morning's soreness (0-10): ``easy 6.2 △ · 3``; the page's caption names the unit.
    None without a daily log."""
    if daily is None or daily.empty:
        return None
    last = daily["date"].max()
    start = last - pd.Timedelta(days=int(last.weekday()) + 7 * (weeks - 1))
    days = daily.loc[daily["date"] >= start].sort_values("date")
    col = days["date"].dt.day_of_week.to_numpy()
    row = ((days["date"] - start).dt.days // 7).to_numpy()
    rows = int(row.max()) + 1
    words = np.full((rows, 7), "", dtype=object)
    fills = np.full((rows, 7), "", dtype=object)
    words[row, col] = _day_words(days)
    fills[row, col] = days["run"].astype(str).map(RUN_COLORS).fillna("").to_numpy()
    mondays = [start + pd.Timedelta(days=7 * i) for i in range(rows)]
    index = pd.Index([m.strftime("%d %b") for m in mondays], name="week of")
    return coloured_table(pd.DataFrame(words, index, list(WEEKDAY_LABELS)), fills)


def _day_words(days: pd.DataFrame) -> list[str]:
    """One cell's words per day: run, distance ("12.5"; "6", not "6.0"), session mark,
    soreness."""
    distance = days["distance"].to_numpy(float)
    soreness = days.get("soreness", pd.Series(np.nan, index=days.index)).to_numpy(float)
    out = []
    for run, dist, level, sore in zip(
        days["run"].astype(str), distance, days["strength"].astype(str), soreness, strict=True
    ):
        text = run + (f" {round(dist, 1):g}" if np.isfinite(dist) and dist > 0 else "")
        text += f" {SESSION_MARKS[level]}" if level in SESSION_MARKS else ""
        out.append(text + (f" · {sore:.0f}" if np.isfinite(sore) else ""))
    return out
