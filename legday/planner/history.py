"""What the planner knows about the weeks before the planned one.

A ``History`` is built once from the log (the weekly table and the last six weeks of
days) and then grows by one planned week at a time (``after``), so a plan for 16 weeks
costs one read of the log plus 16 small appends: each week is planned as if the weeks
before it were done as planned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from legday import body, metrics, rules
from legday.model import WEEKDAYS, Athlete, Race
from legday.planner.values import Plan
from legday.season import Past
from legday.strength.prescribe import Last, planned_lasts

#: Log rows that are runs (a double's runs are rows of the same date).
RUN_ROWS = ("easy", "moderate", "hard", "long", "race")
#: Days of detail kept: own distances (V6, 6 weeks), the longest run (V2, 30 days),
#: soreness windows (S10, 7 days) and the days before the planned week.
RECENT_DAYS = 7 * rules.OWN_DISTANCE_WEEKS


@dataclass(frozen=True)
class Weeks:
    """One entry per calendar week (Monday ordinals) from the first logged week."""

    monday: np.ndarray
    distance: np.ndarray
    logged: np.ndarray  # at least one logged day (L1)
    complete: np.ndarray  # all 7 days inside the log's range
    normal: np.ndarray  # a build or maintain week: the volume base (not taper, race, recovery)
    cutback: np.ndarray  # a planned cutback week (V5)
    sessions: np.ndarray
    heavy: np.ndarray
    runs: np.ndarray
    long_run: np.ndarray
    soreness: np.ndarray  # the week's average

    def append(self, **row: float | bool | int) -> Weeks:
        return Weeks(**{k: np.append(getattr(self, k), row[k]) for k in self.__dataclass_fields__})


DAY_FIELDS = ("kind", "distance", "minutes", "level", "soreness", "heavy_legs", "logged", "second")


@dataclass(frozen=True)
class Days:
    """The last RECENT_DAYS calendar days up to the as-of day, oldest first."""

    first: int  # ordinal of entry 0
    kind: np.ndarray
    distance: np.ndarray
    minutes: np.ndarray
    level: np.ndarray
    soreness: np.ndarray
    heavy_legs: np.ndarray
    logged: np.ndarray
    second: np.ndarray  # a double day's other runs (0 on a day of one run)

    @property
    def last(self) -> int:
        return self.first + self.kind.size - 1

    @property
    def main(self) -> np.ndarray:
        """Each day's main run: a double's other run apart (V2 and V6 are per run)."""
        return self.distance - self.second

    def window(self, start: int, end: int) -> slice:
        """Entries of the days ``start`` .. ``end`` (ordinals, inclusive) that are held."""
        lo = min(max(start - self.first, 0), self.kind.size)
        hi = min(max(end - self.first + 1, 0), self.kind.size)
        return slice(lo, hi)

    def append(self, first: int, **values: np.ndarray) -> Days:
        """These days, followed by ``values`` for the days from ``first`` on, trimmed."""
        gap = first - self.last - 1
        arrays = {}
        for name in DAY_FIELDS:
            old = getattr(self, name)
            filler = np.zeros(gap, dtype=old.dtype) if gap > 0 else old[:0]
            arrays[name] = np.concatenate((old, filler, values[name]))[-RECENT_DAYS:]
        size = arrays["kind"].size
        return Days(first=first + values["kind"].size - size, **arrays)


@dataclass(frozen=True)
class History:
    as_of: dt.date  # nothing after this day is known (planned weeks count as done)
    last_logged: dt.date | None
    weekly_log: bool  # weekly totals: no days, no day-level checks
    weeks: Weeks
    days: Days | None
    planned_weeks: int = 0
    #: V6 as the log left it: what own_distances falls back on when the days held are
    #: all from lighter weeks (a long taper, recovery and rebuild)
    usual_runs: dict[str, float] | None = None
    #: races the log holds and the profile does not (up to the as-of day)
    log_races: tuple[Race, ...] = ()
    #: H1: pain on the as-of day (the week after it is planned around it); the week
    #: after a planned week assumes it settled and keeps it in ``pain_before``
    pain: body.Pain | None = None
    pain_before: body.Pain | None = None
    #: H2: (sessions sore after, of the last sessions) when the log shows the pattern
    pattern: tuple[int, int] | None = None
    last_type: str | None = None  # the season's type of the last week planned
    #: each lift's last session in the weeks planned so far, done as planned (S9's
    #: weights: legday.strength.prescribe.planned_lasts)
    planned_lifts: Mapping[str, Last] = field(default_factory=dict)

    # --------------------------------------------------------------- volume (V, L1)

    def _before(self, monday: dt.date) -> np.ndarray:
        return self.weeks.monday < monday.toordinal()

    def base_distances(self, monday: dt.date) -> np.ndarray:
        """V1: the last VOLUME_WEEKS logged, complete, normal weeks before ``monday``."""
        w = self.weeks
        keep = self._before(monday) & w.logged & w.complete & w.normal
        return w.distance[keep][-rules.VOLUME_WEEKS :]

    def logged_distances(self, monday: dt.date) -> np.ndarray:
        """Distances of the logged, complete weeks before ``monday`` (ramps skip gaps)."""
        w = self.weeks
        return w.distance[self._before(monday) & w.logged & w.complete]

    def last_week(self, monday: dt.date) -> dict[str, float | bool] | None:
        """The calendar week just before ``monday``, if it is held."""
        hit = np.flatnonzero(self.weeks.monday == monday.toordinal() - 7)
        if hit.size == 0:
            return None
        i = int(hit[0])
        return {k: getattr(self.weeks, k)[i].item() for k in self.weeks.__dataclass_fields__}

    def runs_per_week(self, monday: dt.date) -> float | None:
        w = self.weeks
        runs = w.runs[self._before(monday) & w.logged & w.complete][-rules.VOLUME_WEEKS :]
        runs = runs[np.isfinite(runs)]
        return float(np.median(runs)) if runs.size else None

    def unlogged_weeks(self, monday: dt.date) -> int:
        """L1: whole weeks between the last logged day and ``monday`` with no log."""
        if self.last_logged is None:
            return 0
        gap = (monday - self.last_logged).days - 1
        return max(0, gap // 7) if gap > rules.STALE_DAYS else 0

    # ------------------------------------------------------------ days (V2, V6, S10)

    def longest_run(self, monday: dt.date) -> float | None:
        """V2: the longest run of the LONG_RUN_WINDOW days before ``monday``."""
        end = monday.toordinal() - 1
        start = end - rules.LONG_RUN_WINDOW + 1
        if self.days is not None:
            part = self.days.window(start, end)
            kinds = self.days.kind[part]
            dist = self.days.main[part][kinds != rules.KIND["cross"]]
        else:  # weekly totals: the long runs of the weeks that overlap the window
            w = self.weeks
            near = (w.monday + 6 >= start) & (w.monday <= end) & w.logged
            dist = w.long_run[near]
            dist = dist[np.isfinite(dist)]
        longest = float(dist.max()) if dist.size else 0.0
        return longest if longest > 0 else None

    def own_distances(self) -> dict[str, float]:
        """V6: the median distance of each run kind over the days held, from the weeks
        that trained as usual (a taper's, a recovery's or a cutback's shortened runs are
        not the runner's usual length); when none is held, the log's own medians."""
        if self.days is None:
            return {}
        usual = self._usual_days()
        out = {}
        main = self.days.main
        for kind in ("easy", "moderate", "hard", "long"):
            hit = (self.days.kind == rules.KIND[kind]) & (main > 0)
            if (hit & usual).any():
                out[kind] = float(np.median(main[hit & usual]))
            elif self.usual_runs and kind in self.usual_runs:
                out[kind] = self.usual_runs[kind]
            elif hit.any():
                out[kind] = float(np.median(main[hit]))
        return out

    def doubles(self) -> dict[int, float]:
        """W6: the weekdays (0 Monday) a runner who runs twice a day keeps doubling on,
        each with the usual second run's distance: as many a week as the last
        DOUBLE_WEEKS weeks averaged, on the weekdays doubled most."""
        if self.days is None:
            return {}
        part = self.days.window(self.as_of.toordinal() - 7 * rules.DOUBLE_WEEKS + 1,
                                self.as_of.toordinal())  # fmt: skip
        second = self.days.second[part]
        hit = np.flatnonzero(second > 0)
        per_week = int(np.floor(hit.size / rules.DOUBLE_WEEKS + 0.5))
        if not per_week:
            return {}
        weekdays = (self.days.first + part.start + hit + 6) % 7  # ordinal 1 was a Monday
        counts = np.bincount(weekdays, minlength=7)
        order = sorted(range(7), key=lambda d: (-counts[d], d))[:per_week]
        usual = float(np.median(second[hit]))
        return {d: usual for d in sorted(order) if counts[d]}

    def logged_races(self) -> list[tuple[dt.date, float]]:
        """Races in the days held (logged, or planned), with the distance run."""
        if self.days is None:
            return []
        hit = np.flatnonzero(self.days.kind == rules.KIND["race"])
        return [
            (dt.date.fromordinal(self.days.first + int(i)), float(self.days.main[i])) for i in hit
        ]

    def _usual_days(self) -> np.ndarray:
        """Per day held: its calendar week is a normal week (build or maintain), not a
        cutback."""
        w = self.weeks
        ordinals = self.days.first + np.arange(self.days.kind.size)
        mondays = ordinals - (ordinals + 6) % 7  # ordinal 1 (0001-01-01) is a Monday
        slot = np.searchsorted(w.monday, mondays)
        found = (slot < w.monday.size) & (w.monday[np.minimum(slot, w.monday.size - 1)] == mondays)
        usual = w.normal & ~w.cutback
        return (
            found & usual[np.minimum(slot, max(w.monday.size - 1, 0))] if w.monday.size else found
        )

    def easy_pace(self) -> float | None:
        """Minutes per unit of distance on easy runs (for a 30-minute shakeout, R1)."""
        if self.days is None:
            return None
        hit = (
            (self.days.kind == rules.KIND["easy"])
            & (self.days.distance > 0)
            & np.isfinite(self.days.minutes)
            & (self.days.minutes > 0)
        )
        if not hit.any():
            return None
        return float(np.median(self.days.minutes[hit] / self.days.distance[hit]))

    def soreness(self) -> dict[str, bool]:
        """S10: the back-off signals on the as-of day (one definition, rules.py)."""
        if self.days is not None:
            end = self.days.window(self.as_of.toordinal() - 13, self.as_of.toordinal())
            signals = body.soreness_signals(self.days.soreness[end], self.days.heavy_legs[end])
            return {k: bool(v[-1]) if v.size else False for k, v in signals.items()}
        logged = self.weeks.logged
        signals = body.weekly_soreness_signals(self.weeks.soreness[logged])
        return {k: bool(v[-1]) if v.size else False for k, v in signals.items()}

    def recent_soreness(self, days: int = 7) -> list[float]:
        """The soreness logged in the last ``days`` days up to the as-of day."""
        if self.days is None:
            return []
        part = self.days.window(self.as_of.toordinal() - days + 1, self.as_of.toordinal())
        values = self.days.soreness[part]
        return [float(v) for v in values[np.isfinite(values)]]

    def before_week(self, monday: dt.date, usual: dict[str, str]) -> tuple[list[int], list[int]]:
        """Kinds and levels of the 7 days before ``monday``: as logged up to the as-of
        day (a day without a row is rest; days in a week that was not logged at all are
        unknown, taken as rest), the usual week after it (still to come)."""
        kinds, levels = [], []
        for offset in range(7, 0, -1):
            day = monday.toordinal() - offset
            if day > self.as_of.toordinal() or self.days is None:  # to come, or no days
                name = WEEKDAYS[dt.date.fromordinal(day).weekday()]
                kinds.append(rules.KIND[usual[name]])
                levels.append(0)
                continue
            part = self.days.window(day, day)
            held = part.stop > part.start
            kinds.append(int(self.days.kind[part][0]) if held else 0)
            levels.append(int(self.days.level[part][0]) if held else 0)
        return kinds, levels

    # ---------------------------------------------------------------- strength (S9)

    def sessions_by_week(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(Monday ordinals, sessions, logged) of every week held."""
        return self.weeks.monday, self.weeks.sessions, self.weeks.logged

    def lifted_within(self, monday: dt.date, weeks: int) -> bool:
        w = self.weeks
        recent = self._before(monday) & (w.monday >= monday.toordinal() - 7 * weeks)
        return bool(np.nansum(w.sessions[recent]) > 0)

    def completed_by(self, usual: dict[str, str]) -> History:
        """The week holding the as-of day counts as whole when its remaining days are rest
        or cross-training in the usual week (a runner who logs through Saturday and rests
        on Sunday has a whole week of running, not a partial one)."""
        weeks = self.weeks
        if not weeks.monday.size or weeks.complete[-1]:
            return self
        last_monday = int(weeks.monday[-1])
        to_come = range(self.as_of.toordinal() + 1, last_monday + 7)
        if not all(
            usual[WEEKDAYS[(day - last_monday) % 7]] in ("rest", "cross") for day in to_come
        ):
            return self
        complete = weeks.complete.copy()
        complete[-1] = True
        return replace(self, weeks=replace(weeks, complete=complete))

    # ----------------------------------------------------------------- growing it

    def past(self, monday: dt.date) -> Past:
        """The calendar weeks before ``monday`` as the season curve reads them; weeks
        between the last one held and ``monday`` are not logged."""
        w = self.weeks
        keep = self._before(monday)
        first = int(w.monday[keep][0]) if keep.any() else monday.toordinal()
        n = (monday.toordinal() - first) // 7
        slot = (w.monday[keep] - first) // 7
        total, usable, normal = np.zeros(n), np.zeros(n, bool), np.zeros(n, bool)
        total[slot] = np.nan_to_num(w.distance[keep])
        usable[slot] = w.logged[keep] & w.complete[keep]
        normal[slot] = w.normal[keep] & ~w.cutback[keep]
        return Past(total, usable, normal)

    def after(self, plan: Plan, normal: bool, cutback: bool = False) -> History:
        """This history with ``plan``'s week done as planned."""
        kinds = np.array([rules.KIND[d.run] for d in plan.days])
        levels = np.array([rules.LEVEL[d.strength] for d in plan.days])
        dist = np.array([d.distance if d.distance is not None else 0.0 for d in plan.days])
        main = np.where(kinds == rules.KIND["cross"], 0.0, dist)
        second = np.array([d.double.distance if d.double else 0.0 for d in plan.days])
        run_dist = main + second
        weeks = self.weeks.append(
            monday=plan.week_of.toordinal(),
            distance=float(run_dist.sum()),
            logged=True,
            complete=True,
            normal=normal,
            cutback=cutback,
            sessions=float((levels > 0).sum()),
            heavy=float((levels == 2).sum()),
            runs=float((kinds >= rules.KIND["easy"]).sum()),
            long_run=float(main.max()),
            soreness=np.nan,
        )
        days = None
        if self.days is not None:
            nan = np.full(7, np.nan)
            days = self.days.append(
                plan.week_of.toordinal(),
                kind=kinds,
                distance=run_dist,
                minutes=nan,
                level=levels,
                soreness=nan,
                heavy_legs=np.zeros(7, dtype=bool),
                logged=np.ones(7, dtype=bool),
                second=second,
            )
        sunday = plan.week_of + dt.timedelta(days=6)
        return replace(
            self,
            pain=None,
            pain_before=self.pain,
            last_type=plan.week_type,
            as_of=sunday,
            last_logged=sunday,
            weeks=weeks,
            days=days,
            planned_weeks=self.planned_weeks + 1,
            planned_lifts={**self.planned_lifts, **planned_lasts(plan.days)},
        )


def history_of(
    athlete: Athlete,
    as_of: dt.date,
    normal: np.ndarray | None = None,
    arrays: metrics.DayArrays | None = None,
) -> History:
    """The log up to ``as_of`` as the planner reads it. ``normal`` (one bool per week of
    the weekly table) marks build and maintain weeks; by default every week. ``arrays``:
    the athlete's day arrays up to a day on or after ``as_of``, when the caller has them."""
    arr = None
    if athlete.week_totals is None:
        arr = arrays.until(as_of) if arrays is not None else metrics.day_arrays(athlete, as_of)
    if arr is not None:
        weeks = _weeks_from_days(arr, normal)
    else:
        weeks = _weeks(metrics.weekly_table(athlete, as_of), normal)
    last = athlete.last_date
    history = History(
        as_of=as_of,
        last_logged=min(last, as_of) if last else None,
        weekly_log=athlete.week_totals is not None,
        weeks=weeks,
        days=_recent_days(arr, athlete.days) if arr is not None else None,
    )
    return replace(
        history, usual_runs=history.own_distances(), log_races=log_races(athlete, as_of),
        pain=body.pain_on(athlete.days, as_of) if arr is not None else None,
        pattern=_pattern(history.days),
    )  # fmt: skip


def _pattern(days: Days | None) -> tuple[int, int] | None:
    """H2 at the end of the days held: (sessions sore after, sessions looked at)."""
    if days is None:
        return None
    _, sore, pattern = body.soreness_pattern(days.level, days.soreness)
    if not pattern.size or not pattern[-1]:
        return None
    recent = sore[-rules.PATTERN_SESSIONS :]
    return int(recent.sum()), int(recent.size)


def log_races(athlete: Athlete, as_of: dt.date) -> tuple[Race, ...]:
    """Races in the log up to ``as_of`` that the profile does not list: each counts as an
    A race of the distance run (R2's recovery follows it), named by its day."""
    rows = athlete.days
    if rows.empty:
        return ()
    rows = rows[(rows["run"] == "race") & (rows["date"] <= pd.Timestamp(as_of))]
    listed = {r.date for r in athlete.profile.races}
    out: dict[dt.date, Race] = {}
    for day, distance in zip(rows["date"].dt.date, rows["distance"], strict=True):
        if day in listed:
            continue
        run = float(distance) if distance == distance and distance > 0 else None
        if day not in out or (run or 0) > (out[day].distance or 0):
            out[day] = Race(f"the race on {day:%a %d %b}", day, run, "A")
    return tuple(out.values())


def _weeks_from_days(arr: metrics.DayArrays, normal: np.ndarray | None) -> Weeks:
    """The weeks straight from the day arrays (the planner needs sums, not load curves)."""
    index = metrics.week_index(arr)
    sums = metrics.week_sums(arr, index)
    n = index.n_weeks
    return Weeks(
        monday=metrics.day_ordinals(index.week_of),
        distance=sums["distance"],
        logged=sums["logged_days"] > 0,
        complete=index.in_range == 7,
        normal=np.ones(n, dtype=bool) if normal is None else np.asarray(normal, dtype=bool)[:n],
        cutback=np.zeros(n, dtype=bool),
        sessions=sums["strength_sessions"],
        heavy=sums["heavy_sessions"],
        runs=sums["runs"],
        long_run=sums["long_run"],
        soreness=sums["soreness_avg"],
    )


def _weeks(table: pd.DataFrame, normal: np.ndarray | None) -> Weeks:
    n = len(table)
    full = np.asarray(table.attrs.get("days_in_week", np.full(n, 7))) == 7
    return Weeks(
        monday=metrics.day_ordinals(table["week_of"]),
        distance=table["distance"].to_numpy(float),
        logged=table["logged_days"].to_numpy(float) > 0,
        complete=full,
        normal=np.ones(n, dtype=bool) if normal is None else np.asarray(normal, dtype=bool),
        cutback=np.zeros(n, dtype=bool),
        sessions=np.nan_to_num(table["strength_sessions"].to_numpy(float)),
        heavy=np.nan_to_num(table["heavy_sessions"].to_numpy(float)),
        runs=table["runs"].to_numpy(float),
        long_run=table["long_run"].to_numpy(float),
        soreness=table["soreness_avg"].to_numpy(float),
    )


def _recent_days(arr: metrics.DayArrays, rows: pd.DataFrame) -> Days:
    keep = slice(max(0, arr.n - RECENT_DAYS), arr.n)
    first = arr.first.toordinal() + keep.start
    return Days(
        first=first,
        kind=arr.kind[keep],
        distance=arr.distance[keep],
        minutes=arr.minutes[keep],
        level=arr.level[keep],
        soreness=arr.soreness[keep],
        heavy_legs=arr.heavy_legs[keep],
        logged=arr.logged[keep],
        second=_second_runs(rows, first, keep.stop - keep.start),
    )


def _second_runs(rows: pd.DataFrame, first: int, n: int) -> np.ndarray:
    """Per day from ``first`` (an ordinal), the distance of its runs other than the main
    one (the most demanding kind, then the longest): 0 on a day of one run. A log holds
    several rows for a double day (model.Athlete)."""
    out = np.zeros(n)
    start = pd.Timestamp(dt.date.fromordinal(first))
    recent = rows[(rows["date"] >= start) & (rows["date"] < start + pd.Timedelta(days=n))]
    recent = recent[recent["run"].isin(RUN_ROWS) & (recent["distance"] > 0)]
    if not recent["date"].duplicated().any():
        return out
    rank = recent["run"].map(rules.KIND).to_numpy()
    day = (recent["date"] - start).dt.days.to_numpy()
    dist = recent["distance"].to_numpy(float)
    order = np.lexsort((dist, rank, day))  # the day's main run last
    day, dist = day[order], dist[order]
    is_main = np.r_[day[1:] != day[:-1], True]
    np.add.at(out, day[~is_main], dist[~is_main])
    return out
