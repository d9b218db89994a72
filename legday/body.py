"""The body's signals, checked day by day: soreness (S10) and pain (H1).

The rule book's checks for what a runner reports about their legs; the thresholds are
the rule book's (legday.rules). Each check works on consecutive days (NaN when not
logged) and returns, for each day, whether its window shows the signal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from legday.rules import (
    HEAVY_LEGS_WINDOW,
    HIGH_DAYS,
    HIGH_WINDOW,
    PAIN_DAYS,
    PAIN_HIGH,
    PAIN_MODERATE,
    PAIN_WINDOW,
    PATTERN_DAYS,
    PATTERN_MOST,
    PATTERN_SESSIONS,
    PATTERN_SORENESS,
    RISING_DAYS,
    RISING_WINDOW,
    SEVERE_WINDOW,
    SORENESS_ACCEPTABLE_MAX,
    SORENESS_HIGH,
    SORENESS_SEVERE,
    run_length,
)


def trailing_count(mask: np.ndarray, window: int) -> np.ndarray:
    """How many True in the ``window`` days ending at each day, per row."""
    csum = np.cumsum(mask, axis=-1)
    shifted = np.zeros_like(csum)
    shifted[..., window:] = csum[..., :-window]
    return csum - shifted


def soreness_signals(
    soreness: np.ndarray, heavy_legs: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """S10 over consecutive days: for each day, which back-off signal its window shows.

    ``soreness`` is the morning soreness per day (NaN when not logged); ``heavy_legs``
    marks days whose check-in said the legs feel heavy while a run felt harder than the
    runner's usual for its kind. A signal on a day means: back off if that day is the
    last one looked at. Values inside 0-3 never raise one.
    """
    sore = np.nan_to_num(np.asarray(soreness, dtype=float), nan=-1.0)
    severe = trailing_count(sore >= SORENESS_SEVERE, SEVERE_WINDOW) > 0
    high = trailing_count(sore >= SORENESS_HIGH, HIGH_WINDOW) >= HIGH_DAYS
    up = np.zeros(sore.size, dtype=bool)
    if sore.size >= RISING_DAYS:
        steps = (sore[1:] > sore[:-1]) & (sore[:-1] >= 0)
        rising = run_length(steps) >= RISING_DAYS - 1
        up[1:] = rising & (sore[1:] > SORENESS_ACCEPTABLE_MAX)
        up = trailing_count(up, RISING_WINDOW) > 0
    legs = np.zeros(sore.size, dtype=bool)
    if heavy_legs is not None:
        legs = trailing_count(np.asarray(heavy_legs, dtype=bool), HEAVY_LEGS_WINDOW) > 0
    return {"severe": severe, "high": high, "rising": up, "heavy legs": legs}


def weekly_soreness_signals(average: np.ndarray) -> dict[str, np.ndarray]:
    """S10 for weekly-totals logs, which hold one average a week: a week averaging 6 or
    more, or averages rising 3 weeks in a row to above 5."""
    avg = np.nan_to_num(np.asarray(average, dtype=float), nan=-1.0)
    high = avg >= SORENESS_HIGH
    rising = np.zeros(avg.size, dtype=bool)
    if avg.size >= RISING_DAYS:
        steps = (avg[1:] > avg[:-1]) & (avg[:-1] >= 0)
        rising[1:] = (run_length(steps) >= RISING_DAYS - 1) & (avg[1:] > SORENESS_ACCEPTABLE_MAX)
    return {"high": high, "rising": rising & ~high}


# ------------------------------------------------------------------------------ pain


def pain_signals(pain: np.ndarray) -> np.ndarray:
    """H1 per day: its PAIN_WINDOW days hold PAIN_DAYS days of pain at PAIN_MODERATE or
    more, or one at PAIN_HIGH or more (pain is 0-10, NaN when not logged)."""
    score = np.nan_to_num(np.asarray(pain, dtype=float), nan=-1.0)
    moderate = trailing_count(score >= PAIN_MODERATE, PAIN_WINDOW) >= PAIN_DAYS
    return moderate | (trailing_count(score >= PAIN_HIGH, PAIN_WINDOW) > 0)


@dataclass(frozen=True)
class Pain:
    """H1 on a day: the pain that raised it, where it is, and when."""

    site: str  # one of model.PAIN_SITES, or "" when not said
    scores: tuple[float, ...]  # the window's scores at PAIN_MODERATE or more, oldest first
    last: dt.date  # the last day of pain

    @property
    def top(self) -> float:
        return max(self.scores)


def pain_on(days: pd.DataFrame, day: dt.date) -> Pain | None:
    """H1 on ``day`` from a log's rows (several rows a day allowed): the pain, or None."""
    start = pd.Timestamp(day) - pd.Timedelta(days=PAIN_WINDOW - 1)
    rows = days[(days["date"] >= start) & (days["date"] <= pd.Timestamp(day))]
    rows = rows[rows["pain"] >= PAIN_MODERATE]
    if rows.empty:
        return None
    by_day = rows.groupby("date")["pain"].max()
    if not (len(by_day) >= PAIN_DAYS or by_day.max() >= PAIN_HIGH):
        return None
    sites = rows.loc[rows["pain_site"] != "", "pain_site"]
    return Pain(
        site=str(sites.iloc[-1]) if len(sites) else "",
        scores=tuple(float(v) for v in by_day),
        last=by_day.index[-1].date(),
    )


def soreness_pattern(
    levels: np.ndarray, soreness: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """H2: for each leg session (``levels`` > 0) whose PATTERN_DAYS following days are
    held: its position, whether soreness reached PATTERN_SORENESS after it, and whether
    PATTERN_MOST of the last PATTERN_SESSIONS sessions (it included) did."""
    levels = np.asarray(levels)
    sore = np.nan_to_num(np.asarray(soreness, dtype=float), nan=-1.0)
    sessions = np.flatnonzero(levels > 0)
    sessions = sessions[sessions + PATTERN_DAYS < levels.size]
    after = np.array(
        [sore[s + 1 : s + 1 + PATTERN_DAYS].max() >= PATTERN_SORENESS for s in sessions], bool
    )
    count = trailing_count(after, PATTERN_SESSIONS)
    enough = np.arange(after.size) + 1 >= PATTERN_SESSIONS
    return sessions, after, enough & (count >= PATTERN_MOST)
