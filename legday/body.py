"""The body's signals, checked day by day: soreness (S10) and pain (H1).

The rule book's checks for what a runner reports about their legs; the thresholds are
the rule book's (legday.rules). Each check works on consecutive days (NaN when not
logged) and returns, for each day, whether its window shows the signal.
"""

from __future__ import annotations

import numpy as np

from legday.rules import (
    HEAVY_LEGS_WINDOW,
    HIGH_DAYS,
    HIGH_WINDOW,
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
