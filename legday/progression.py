"""The 8-week strength block (S9): where an athlete stands and what the week asks.

The count is of *consistent* weeks (a week with at least one leg session), not calendar
weeks: a missed week holds the count, and three or more missed weeks in a row restart the
block at week 1, because strength fades after a few weeks off. Everything is computed per
week from the daily frame (group by week), never by walking day rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from legday.model import Athlete

BLOCK_WEEKS = 8
#: This many missed weeks in a row (or more) restart the block at week 1 (S9).
RESTART_AFTER_MISSED = 3

#: Block week -> (focus, sets, variation). Weeks 1-4 form, 2 sets moving to 3; weeks 5-8
#: load, up to 4 sets, the harder variation in the last two weeks (S9).
PRESCRIPTION: dict[int, tuple[str, int, str]] = {
    1: ("form", 2, "base"),
    2: ("form", 2, "base"),
    3: ("form", 3, "base"),
    4: ("form", 3, "base"),
    5: ("load", 3, "base"),
    6: ("load", 4, "base"),
    7: ("load", 4, "harder"),
    8: ("load", 4, "harder"),
}
#: Race season after week 8: keep strength with less volume (S2, S12).
MAINTAIN_PRESCRIPTION: tuple[str, int, str] = ("maintain", 2, "harder")

FOCUS_TEXT = {
    "form": "form first: learn the movements, leave reps in reserve",
    "load": "add load: heavier weights, more sets or a harder variation",
    "maintain": "maintain: keep the load of the block, fewer sets",
}


@dataclass(frozen=True)
class Progression:
    """Where the planned week sits in the block and what it prescribes."""

    week: int  # 1..8, the block week of the planned week
    focus: str  # form | load | maintain
    sets: int
    variation: str  # base | harder
    block: int  # 1 for the first block counted, 2 after a new block, ...
    consistent_weeks: int  # consistent weeks already counted in this block
    status: str  # starting | building | restarted | new-block | maintaining
    note: str
    rule: str = "S9"

    def to_dict(self) -> dict:
        return asdict(self)


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def sessions_per_week(athlete: Athlete, until: dt.date | None = None) -> pd.Series:
    """Leg sessions per week (index: the week's Monday as Timestamp), from days or totals."""
    if athlete.week_totals is not None:
        frame = athlete.week_totals
        if until is not None:
            frame = frame[frame["week_of"] <= pd.Timestamp(until)]
        series = frame.groupby("week_of")["strength_sessions"].sum(min_count=1).fillna(0.0)
        return series.astype("float64").sort_index()
    days = athlete.days
    if until is not None:
        days = days[days["date"] <= pd.Timestamp(until)]
    lifted = days.loc[days["strength"] != "none", "date"].drop_duplicates()
    if lifted.empty:
        return pd.Series(dtype="float64")
    weeks = lifted - pd.to_timedelta(lifted.dt.day_of_week, unit="D")
    return weeks.value_counts().sort_index().astype("float64")


def block_table(
    sessions: pd.Series, end_week: dt.date, block_start: dt.date | None = None
) -> pd.DataFrame:
    """One row per week from the block start to ``end_week`` (a Monday, inclusive).

    Columns: week_of, sessions, consistent, missed_run (missed weeks in a row ending
    here), block (restart counter, 0-based), count (consistent weeks in the block so far).
    """
    columns = ["week_of", "sessions", "consistent", "missed_run", "block", "count"]
    if block_start is not None:
        start = pd.Timestamp(monday(block_start))
    else:
        lifted = sessions[sessions > 0]
        if lifted.empty:
            return pd.DataFrame(columns=columns)
        start = lifted.index.min()
    end = pd.Timestamp(end_week)
    if start > end:
        return pd.DataFrame(columns=columns)
    index = pd.date_range(start, end, freq="7D")
    count = sessions.reindex(index, fill_value=0.0).fillna(0.0).to_numpy()
    consistent = count >= 1
    # Missed weeks in a row ending at each week: weeks since the last consistent week.
    last_hit = np.maximum.accumulate(np.where(consistent, np.arange(len(index)), -1))
    missed_run = np.where(consistent, 0, np.arange(len(index)) - last_hit)
    if block_start is None:  # the first week is a lifted week by construction
        missed_run = np.where(last_hit < 0, 0, missed_run)
    previous_missed = np.concatenate([[0], missed_run[:-1]])
    restart = consistent & (previous_missed >= RESTART_AFTER_MISSED)
    block = np.cumsum(restart)
    frame = pd.DataFrame(
        {
            "week_of": index,
            "sessions": count,
            "consistent": consistent,
            "missed_run": missed_run,
            "block": block,
        }
    )
    # consistent weeks so far within each block (a per-block cumulative sum, in numpy)
    total = np.cumsum(consistent)
    starts = np.flatnonzero(np.r_[True, np.diff(block) != 0])
    before = np.r_[0, total][starts]
    frame["count"] = (total - np.repeat(before, np.diff(np.r_[starts, len(index)]))).astype("int64")
    return frame


def progression_for(
    athlete: Athlete, week_of: dt.date, season: str, as_of: dt.date | None = None
) -> Progression:
    """The block week of the planned week ``week_of`` (a Monday), counted from the log."""
    until = as_of if as_of is not None else week_of - dt.timedelta(days=1)
    sessions = sessions_per_week(athlete, until)
    table = block_table(sessions, week_of - dt.timedelta(days=7), athlete.profile.block_start)
    return progression_from_table(table, season, athlete.profile.block_start)


def progression_from_table(
    table: pd.DataFrame, season: str, block_start: dt.date | None = None
) -> Progression:
    """Turn the weekly block table into the next week's position and prescription."""
    if table.empty:
        note = (
            f"A new block starts this week (block start {block_start.isoformat()})."
            if block_start is not None
            else "No leg sessions logged yet: the block starts at week 1."
        )
        return _make(1, 1, 0, "starting", note, season)
    last = table.iloc[-1]
    if int(last["missed_run"]) >= RESTART_AFTER_MISSED and int(table["count"].max()) > 0:
        missed = int(last["missed_run"])
        note = (
            f"{missed} weeks in a row without a leg session: the block restarts at week 1 "
            "(S9: strength fades after a few weeks off)."
        )
        return _make(1, int(last["block"]) + 2, 0, "restarted", note, season)
    done = int(last["count"])
    position = done + 1
    block = int(last["block"]) + 1
    held = int(last["missed_run"])
    hold = (
        f" {held} missed week{'s' if held > 1 else ''} held the count (S9)."
        if held and done
        else ""
    )
    if position <= BLOCK_WEEKS:
        status = "building" if done else "starting"
        note = f"Consistent week {position} of {BLOCK_WEEKS} in this block.{hold}"
        return _make(position, block, done, status, note, season)
    if season == "race-season":
        note = (
            f"Block done ({done} consistent weeks): race season holds strength with one "
            f"lighter session a week (S2, S12).{hold}"
        )
        return _make(BLOCK_WEEKS, block, done, "maintaining", note, season, maintain=True)
    week = (position - 1) % BLOCK_WEEKS + 1
    block += (position - 1) // BLOCK_WEEKS
    note = f"Block done: off-season starts a new block, week {week} (S9, S12).{hold}"
    return _make(week, block, done, "new-block" if week == 1 else "building", note, season)


def _make(
    week: int,
    block: int,
    done: int,
    status: str,
    note: str,
    season: str,
    maintain: bool = False,
) -> Progression:
    focus, sets, variation = MAINTAIN_PRESCRIPTION if maintain else PRESCRIPTION[week]
    return Progression(
        week=week,
        focus=focus,
        sets=sets,
        variation=variation,
        block=block,
        consistent_weeks=done,
        status=status,
        note=note,
    )
