"""The 8-week strength block (S9): where an athlete stands and what the week asks.

The count is of *consistent* weeks: a week with a heavy leg session (loaded work; a
weekly-totals log, which has no levels, counts any session; in a block's first two
weeks, the form weeks a first block keeps light (S14), any session). A week without one (a
taper, race week, recovery, illness, a gap) does not move the block on: it holds the
count. Strength is largely kept for about three weeks without training and falls
after that (Bosquet 2013), so after BLOCK_RESUME_AFTER_WEEKS or more logged weeks in a
row without heavy work the block resumes BLOCK_RESUME_BACK_WEEKS weeks lower, and
after BLOCK_RESTART_AFTER_WEEKS or more it restarts at week 1. A week that was not
logged at all (L1), or lies in the future, neither counts nor breaks. A first block
(no leg work in the 8 weeks before it) starts with two light weeks (S14). Week 8 is
a deload: the same weights, fewer sets. After it the profile's ``strength:
after_block`` decides: ``new`` (the default) starts a new block from the last block's
weights and variations, ``maintain`` holds the block's strength.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from legday import rules
from legday.strength.thresholds import (
    BLOCK_RESTART_AFTER_WEEKS,
    BLOCK_RESUME_AFTER_WEEKS,
    BLOCK_RESUME_BACK_WEEKS,
)
from legday.words import plural

BLOCK_WEEKS = rules.BLOCK_WEEKS
RESTART_AFTER_MISSED = BLOCK_RESTART_AFTER_WEEKS

#: Block week -> (focus, sets, variation). Weeks 1-4 form, 2 sets moving to 3; weeks 5-7
#: load, up to 4 sets, the harder variation from week 7; week 8 deloads: the harder
#: variation at the same weights, half the sets (S9; coaching reference section 5).
PRESCRIPTION: dict[int, tuple[str, int, str]] = {
    1: ("form", 2, "base"),
    2: ("form", 2, "base"),
    3: ("form", 3, "base"),
    4: ("form", 3, "base"),
    5: ("load", 3, "base"),
    6: ("load", 4, "base"),
    7: ("load", 4, "harder"),
    8: ("deload", 2, "harder"),
}
#: After week 8 with ``after_block: maintain``: the block's load, fewer sets (S12).
MAINTAIN_PRESCRIPTION: tuple[str, int, str] = ("maintain", 2, "harder")

COLUMNS = ["week_of", "sessions", "consistent", "missed_run", "block", "count"]


@dataclass(frozen=True)
class Progression:
    """Where the planned week sits in the block and what it prescribes."""

    week: int  # 1..8, the block week of the planned week
    focus: str  # form | load | deload | maintain
    sets: int
    variation: str  # base | harder
    block: int  # 1 for the first block counted, 2 after a new block, ...
    consistent_weeks: int  # consistent weeks already counted in this block
    status: str  # starting | building | resumed | restarted | new-block | maintaining
    note: str
    rule: str = "S9"
    light_only: bool = False  # S14: a first block's first two weeks
    carried: bool = False  # a new block after a finished one: its weights and variations

    def to_dict(self) -> dict:
        return asdict(self)


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True)
class BlockWeeks:
    """One entry per week from the block start to the last week counted."""

    monday: np.ndarray  # ordinals
    sessions: np.ndarray
    consistent: np.ndarray
    missed_run: np.ndarray  # missed logged weeks in a row ending here (unlogged weeks hold it)
    block: np.ndarray  # restart counter, 0-based
    count: np.ndarray  # consistent weeks in the block so far

    @property
    def empty(self) -> bool:
        return self.monday.size == 0


def block_weeks(
    mondays: np.ndarray,
    sessions: np.ndarray,
    logged: np.ndarray | None,
    end_week: dt.date,
    block_start: dt.date | None = None,
    heavy: np.ndarray | None = None,
) -> BlockWeeks:
    """The block's weeks up to ``end_week`` (a Monday, inclusive), from weekly arrays:
    Monday ordinals, sessions, whether each week was logged (None: all were) and heavy
    sessions (None, or NaN for a week: its sessions count). A week missing from
    ``mondays`` was not logged (it holds the count).

    ``count`` runs on across blocks (week ``(count - 1) % 8 + 1`` of its block) and
    starts again after a restart (``block`` counts restarts); a resume after a break
    takes it BLOCK_RESUME_BACK_WEEKS weeks lower, never into the block before.
    """
    mondays = np.asarray(mondays, dtype=np.int64)
    sessions = np.nan_to_num(np.asarray(sessions, dtype=float))
    strong = sessions if heavy is None else np.asarray(heavy, dtype=float)
    strong = np.where(np.isnan(strong), sessions, strong)
    if block_start is not None:
        start = monday(block_start).toordinal()
    else:
        lifted = mondays[sessions > 0]
        start = int(lifted.min()) if lifted.size else None
    end = end_week.toordinal()
    if start is None or start > end:
        nothing = np.zeros(0, dtype=np.int64)
        return BlockWeeks(nothing, nothing.astype(float), nothing.astype(bool), nothing, nothing,
                          nothing)  # fmt: skip
    n = (end - start) // 7 + 1
    keep = (mondays >= start) & (mondays <= end)
    slot = (mondays[keep] - start) // 7
    count, hits = np.zeros(n), np.zeros(n)
    count[slot], hits[slot] = sessions[keep], strong[keep]
    known = np.zeros(n, dtype=bool)
    known[slot] = True if logged is None else np.asarray(logged, dtype=bool)[keep]
    known |= count > 0
    consistent, missed, block, done = _walk(hits >= 1, count >= 1, known)
    return BlockWeeks(start + 7 * np.arange(n), count, consistent, missed, block, done)


def _walk(heavy: np.ndarray, lifted: np.ndarray, known: np.ndarray) -> tuple[np.ndarray, ...]:
    """Week by week: consistent or not, the logged weeks without heavy work in a row,
    the restarts so far and the count (a few hundred weeks: a loop reads plainer than
    the array tricks). In a block's first FIRST_BLOCK_LIGHT_WEEKS weeks any session
    counts: they are the form weeks S14 keeps light."""
    n = heavy.size
    consistent = np.zeros(n, dtype=bool)
    missed, block, done = (np.zeros(n, dtype=np.int64) for _ in range(3))
    gap = restarts = total = 0
    for i in range(n):
        consistent[i] = heavy[i] or (
            lifted[i] and total % BLOCK_WEEKS < rules.FIRST_BLOCK_LIGHT_WEEKS
        )
        if consistent[i]:
            if gap >= BLOCK_RESTART_AFTER_WEEKS and total:
                restarts, total = restarts + 1, 0
            elif gap >= BLOCK_RESUME_AFTER_WEEKS:
                total = resumed_count(total)
            total, gap = total + 1, 0
        elif known[i]:
            gap += 1
        missed[i], block[i], done[i] = gap, restarts, total
    return consistent, missed, block, done


def resumed_count(count: int) -> int:
    """The count after a break: the next week taken BLOCK_RESUME_BACK_WEEKS weeks lower
    within its own block (never below its week 1)."""
    week_next = count % BLOCK_WEEKS + 1
    return count - min(BLOCK_RESUME_BACK_WEEKS, week_next - 1)


def block_table(
    sessions: pd.Series,
    end_week: dt.date,
    block_start: dt.date | None = None,
    logged: pd.Series | None = None,
    heavy: pd.Series | None = None,
) -> pd.DataFrame:
    """``block_weeks`` as a table (sessions, logged and heavy indexed by the weeks'
    Mondays; no heavy: every session counts): week_of, sessions, consistent,
    missed_run, block, count."""
    if heavy is not None:
        heavy = heavy.reindex(sessions.index)
    mondays = np.array([d.toordinal() for d in pd.to_datetime(sessions.index).date], np.int64)
    known = None
    if logged is not None:
        known = logged.reindex(sessions.index, fill_value=False).to_numpy(bool)
        extra = logged[~logged.index.isin(sessions.index)]
        if len(extra):
            mondays = np.r_[mondays, [d.toordinal() for d in pd.to_datetime(extra.index).date]]
            sessions = pd.concat([sessions, pd.Series(0.0, index=extra.index)])
            known = np.r_[known, extra.to_numpy(bool)]
            if heavy is not None:
                heavy = pd.concat([heavy, pd.Series(0.0, index=extra.index)])
    strong = None if heavy is None else heavy.to_numpy(float)
    weeks = block_weeks(mondays, sessions.to_numpy(float), known, end_week, block_start, strong)
    return pd.DataFrame(
        {
            "week_of": pd.to_datetime([dt.date.fromordinal(int(d)) for d in weeks.monday]),
            "sessions": weeks.sessions,
            "consistent": weeks.consistent,
            "missed_run": weeks.missed_run,
            "block": weeks.block,
            "count": weeks.count,
        },
        columns=COLUMNS,
    )


def progression_from_table(
    table: BlockWeeks | pd.DataFrame,
    block_start: dt.date | None = None,
    after_block: str = "new",
    first_block: bool = False,
) -> Progression:
    """The next week's position and prescription from the weekly block table."""
    if isinstance(table, pd.DataFrame):
        table = _weeks_of(table)
    if table.empty:
        note = (
            f"A new block starts this week (block start {block_start.isoformat()})."
            if block_start is not None
            else "No leg sessions logged yet: the block starts at week 1."
        )
        return _make(1, 1, 0, "starting", note, first_block)
    last = {k: int(getattr(table, k)[-1]) for k in ("missed_run", "block", "count")}
    gap, done = last["missed_run"], last["count"]
    if gap >= BLOCK_RESTART_AFTER_WEEKS and int(table.count.max()) > 0:
        note = (
            f"{gap} logged weeks in a row without a heavy leg session: the block restarts at "
            f"week 1 (S9: strength falls after about {BLOCK_RESUME_AFTER_WEEKS} weeks without "
            "training, Bosquet 2013); the weights come back lighter (double progression)."
        )
        return _make(1, last["block"] + 2, 0, "restarted", note, False)
    held = ""
    if gap >= BLOCK_RESUME_AFTER_WEEKS and done:
        lowered = resumed_count(done)
        back = done - lowered
        held = (
            f" {gap} logged weeks in a row without a heavy leg session (a taper, a race, "
            f"recovery or a break): the block resumes {plural(back, 'week')} lower, at week "
            f"{lowered % BLOCK_WEEKS + 1} (S9; strength is largely kept for about "
            f"{BLOCK_RESUME_AFTER_WEEKS} weeks, Bosquet 2013)."
        )
        done = lowered
    elif gap and done:
        held = f" {plural(gap, 'week')} without a heavy leg session held the count (S9)."
    position = done + 1
    block = last["block"] + 1
    status = "resumed" if gap >= BLOCK_RESUME_AFTER_WEEKS and last["count"] else "building"
    if position <= BLOCK_WEEKS:
        status = status if done else "starting"
        note = f"Consistent week {position} of {BLOCK_WEEKS} in this block.{held}"
        return _make(position, block, done, status, note, first_block)
    if after_block == "maintain":
        note = (
            f"Block done ({done} consistent weeks): the profile says maintain, so the block's "
            f"strength is held with fewer sets (S9, S12).{held}"
        )
        return _make(BLOCK_WEEKS, block, done, "maintaining", note, False, maintain=True)
    week = (position - 1) % BLOCK_WEEKS + 1
    block += (position - 1) // BLOCK_WEEKS
    note = (
        f"Block done: a new block starts, week {week} (S9; strength: after_block new), from "
        f"the last block's weights and variations, not below them.{held}"
    )
    status = "new-block" if week == 1 else status
    return _make(week, block, done, status, note, False, carried=True)


def _make(
    week: int,
    block: int,
    done: int,
    status: str,
    note: str,
    first_block: bool,
    maintain: bool = False,
    carried: bool = False,
) -> Progression:
    focus, sets, variation = MAINTAIN_PRESCRIPTION if maintain else PRESCRIPTION[week]
    if carried:
        variation = "harder"  # a new block keeps the variations the last one reached
    light = first_block and week <= rules.FIRST_BLOCK_LIGHT_WEEKS
    if light:
        note += (
            f" S14: a first block: bodyweight sessions for its first "
            f"{rules.FIRST_BLOCK_LIGHT_WEEKS} weeks, loaded work from week "
            f"{rules.FIRST_BLOCK_LIGHT_WEEKS + 1}."
        )
    return Progression(
        week=week,
        focus=focus,
        sets=sets,
        variation=variation,
        block=block,
        consistent_weeks=done,
        status=status,
        note=note,
        light_only=light,
        carried=carried,
    )


def _weeks_of(table: pd.DataFrame) -> BlockWeeks:
    return BlockWeeks(
        np.array([d.toordinal() for d in pd.to_datetime(table["week_of"]).dt.date], np.int64),
        table["sessions"].to_numpy(float),
        table["consistent"].to_numpy(bool),
        table["missed_run"].to_numpy(np.int64),
        table["block"].to_numpy(np.int64),
        table["count"].to_numpy(np.int64),
    )


def progression_for(
    mondays: np.ndarray,
    sessions: np.ndarray,
    logged: np.ndarray,
    week_of: dt.date,
    block_start: dt.date | None = None,
    after_block: str = "new",
    heavy: np.ndarray | None = None,
) -> Progression:
    """The block week of the planned week ``week_of`` from weekly arrays (Monday
    ordinals, sessions, logged, heavy sessions: None for a log without levels), as
    ``legday.planner`` holds them."""
    before = mondays < week_of.toordinal()
    weeks = block_weeks(
        mondays[before], sessions[before], logged[before], week_of - dt.timedelta(days=7),
        block_start, None if heavy is None else np.asarray(heavy, float)[before],
    )  # fmt: skip
    first = _first_block(weeks, mondays[before], sessions[before], block_start)
    return progression_from_table(weeks, block_start, after_block, first)


def _first_block(
    weeks: BlockWeeks, mondays: np.ndarray, sessions: np.ndarray, block_start: dt.date | None
) -> bool:
    """S14: no leg session in the FIRST_BLOCK_LOOKBACK_WEEKS weeks before this block."""
    if weeks.empty:
        start = monday(block_start).toordinal() if block_start else None
    else:
        start = int(weeks.monday[np.flatnonzero(weeks.block == weeks.block[-1])[0]])
    lifted = np.nan_to_num(sessions) > 0
    if start is None:
        return not lifted.any()
    lookback = start - 7 * rules.FIRST_BLOCK_LOOKBACK_WEEKS
    return not (lifted & (mondays >= lookback) & (mondays < start)).any()
