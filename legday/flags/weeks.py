"""Week-level flags: the ones a weekly table can raise (weekly-totals logs too)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from legday import body, rules
from legday.flags.days import SIGNAL_TEXT
from legday.flags.values import Flag, day_label, flag, number
from legday.model import Athlete


@dataclass(frozen=True)
class WeekView:
    """A weekly table as the week-level flag functions read it: its columns as arrays,
    read once (a column of a frame with array attrs deep-copies the attrs each time)."""

    athlete: Athlete
    weekly: pd.DataFrame

    @cached_property
    def _bare(self) -> pd.DataFrame:
        bare = self.weekly.copy(deep=False)
        bare.attrs = {}
        return bare

    def column(self, name: str) -> np.ndarray:
        return self._bare[name].to_numpy(float)

    @cached_property
    def mondays(self) -> list[dt.date]:
        return list(self._bare["week_of"].to_numpy("datetime64[D]").astype(object))

    @cached_property
    def ends(self) -> list[dt.date]:
        return list(self.weekly.attrs["week_end"].astype(object))

    @cached_property
    def days_in_week(self) -> np.ndarray:
        return np.asarray(self.weekly.attrs["days_in_week"])


def m1_ramp(w: WeekView) -> list[Flag]:
    dist = w.column("distance")
    usable = (w.column("logged_days") > 0) & (w.days_in_week == 7)
    out = []
    if dist.size <= 2:
        return out
    base = dist[:-2]
    with np.errstate(over="ignore", invalid="ignore"):
        up = (base > 0) & usable[:-2] & usable[2:] & (dist[2:] > (1 + rules.RAMP_LIMIT) * base)
    units = w.athlete.units
    for i in (np.flatnonzero(up) + 2).tolist():
        pct = (dist[i] / dist[i - 2] - 1) * 100
        out.append(
            flag(w.ends[i], "M1", "watch",
                 f"Weekly distance {number(dist[i])} {units} (week of {day_label(w.mondays[i])}) "
                 f"is {pct:.0f}% above {number(dist[i - 2])} {units} two weeks earlier.")
        )  # fmt: skip
    return out


def m3_acwr(w: WeekView) -> list[Flag]:
    ratio = w.column("acwr")
    return [
        flag(w.ends[i], "M3", "info",
             f"Acute:chronic distance ratio {ratio[i]:.2f} in the week of "
             f"{day_label(w.mondays[i])} (last 7 days against the 28-day weekly mean). A "
             "description of a jump in volume, not a forecast: the ratio is contested.")
        for i in np.flatnonzero(np.nan_to_num(ratio) > rules.ACWR_HIGH).tolist()
    ]  # fmt: skip


def s10_weekly_soreness(w: WeekView) -> list[Flag]:
    signals = body.weekly_soreness_signals(w.column("soreness_avg"))
    out = []
    for name, mask in signals.items():
        for i in np.flatnonzero(mask).tolist():
            out.append(
                flag(w.ends[i], "S10", "act" if name == "high" else "watch",
                     f"Average leg soreness {number(w.column('soreness_avg')[i])} in the week "
                     f"of {day_label(w.mondays[i])} ({SIGNAL_TEXT.get(name, ('', name))[1]}): "
                     "back off leg work until it settles.")
            )  # fmt: skip
    return out


def s1_weekly(w: WeekView) -> list[Flag]:
    """S1 and S1/S12 for weekly-totals logs: too many sessions, or two empty weeks."""
    sessions = w.column("strength_sessions")
    out = [
        flag(w.ends[i], "S1", "act" if sessions[i] >= 4 else "watch",
             f"{int(sessions[i])} leg sessions in the week of {day_label(w.mondays[i])}: two a "
             "week is the most a building block needs.")
        for i in np.flatnonzero(sessions > rules.MAX_SESSIONS_PER_WEEK).tolist()
    ]  # fmt: skip
    calm = ~_taper_weeks(w)
    logged = w.column("logged_days") > 0
    none = (sessions == 0) & calm & logged
    for i in np.flatnonzero(rules.run_length(none) == 2).tolist():
        out.append(
            flag(w.ends[i], "S1/S12", "watch",
                 f"No leg session in the weeks of {day_label(w.mondays[i - 1])} and "
                 f"{day_label(w.mondays[i])}: one session a week keeps strength, two build it.")
        )  # fmt: skip
    return out


def _taper_weeks(w: WeekView) -> np.ndarray:
    """Weeks whose last day falls in a race's taper or recovery window."""
    ends = np.asarray(w.weekly.attrs["week_end"], dtype="datetime64[D]")
    out = np.zeros(ends.size, dtype=bool)
    for race in w.athlete.profile.races:
        day = np.datetime64(race.date, "D")
        before = np.timedelta64(rules.TAPER_DAYS, "D")
        after = np.timedelta64(rules.RECOVERY_WEEK_DAYS, "D")
        out |= (ends >= day - before) & (ends <= day + after)
    return out


WeekRule = Callable[[WeekView], list[Flag]]
#: Flags every log gets from its weekly table.
WEEK_FLAGS: tuple[WeekRule, ...] = (m1_ramp, m3_acwr)
#: Flags a weekly-totals log gets in place of the day-level ones.
TOTALS_FLAGS: tuple[WeekRule, ...] = (s1_weekly, s10_weekly_soreness)
