"""The strength block at a glance: one column per week of the current block.

Four rows, a coloured table like the day grid: the prescription (focus, sets) of
each block week, the leg sessions done (triangles, filled heavy and open light; a
cross for a logged week without one) and the week's average soreness. The planned
week's column is named "now"; the block weeks still ahead are pale.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from legday.charts.colours import (
    FOCUS_COLORS,
    SORENESS_COLOR,
    STATUS_COLORS,
    tint,
)
from legday.charts.tables import SESSION_MARKS, ColouredTable, coloured_table

ROWS = ("focus", "sets", "sessions", "soreness")
ROW_LABELS = ("focus", "sets", "legs", "sore")
FOCUS_WORDS = {"form": "form", "load": "load", "maintain": "hold"}
#: Fills for a week without a session, a week done, and the grey of a missed week.
_NEUTRAL = "#C9CDD2"
_MISSED = tint(STATUS_COLORS["red"], 0.45)
_DONE = tint(STATUS_COLORS["green"], 0.45)


def block_grid(table: pd.DataFrame) -> ColouredTable | None:
    """The rows of ``legday.season.block_table`` as a coloured table (weeks as columns,
    named by block week and Monday, ``now`` for the planned week); None when the table
    is empty."""
    if table is None or table.empty:
        return None
    words = np.full((len(ROWS), len(table)), "", dtype=object)
    fills = np.full((len(ROWS), len(table)), "", dtype=object)
    for i, row in enumerate(table.itertuples()):
        column_fills, column_words = _column(row)
        fills[:, i] = [fill or "" for fill in column_fills]
        words[:, i] = column_words
    columns = [_tick(row) for row in table.itertuples()]
    return coloured_table(pd.DataFrame(words, list(ROW_LABELS), columns), fills)


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
    return SESSION_MARKS["heavy"] * int(row.heavy) + SESSION_MARKS["light"] * int(row.light)


def _number(value: float) -> str:
    return f"{value:.1f}" if np.isfinite(value) else ""


def _tick(row) -> str:
    """The column's block week (``hold``: a maintenance week; ``–``: no session) over
    its Monday, or ``now`` for the planned week."""
    if _missed(row):
        week = "–"
    elif pd.isna(row.block_week):
        week = "hold"
    else:
        week = f"wk {row.block_week}"
    return f"{week} {'now' if row.when == 'now' else f'{row.week_of:%d %b}'}"
