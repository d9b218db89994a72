"""Training metrics: the days as arrays, the daily frame and the weekly table.

Every number here is a trend for a coach to read, never an injury predictor
(docs/metrics.md gives each formula and its source). Work is done on whole arrays:
a 3-year log costs a few milliseconds.

Conventions: a calendar day with no row counts as 0 distance and 0 load for sums and
ratios (the reference counts missing days as 0), but soreness on such a day is unknown
(NaN), and a week with no row at all is *not logged* (``logged_days`` 0): its distance
stays 0 while ramps and the planner's volume base skip it (rule L1). Weeks start on
Monday. Units are the athlete's own (mi or km); nothing is converted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from legday import rules
from legday.model import Athlete, weekday_of
from legday.strength import load as strength_load

#: Columns of ``weekly_table``, in order (the JSON output of ``legday report`` uses them).
WEEK_COLUMNS: tuple[str, ...] = (
    "week_of",
    "distance",
    "runs",
    "long_run",
    "minutes",
    "run_load",
    "strength_sessions",
    "heavy_sessions",
    "strength_load",
    "soreness_avg",
    "soreness_max",
    "ramp_pct",
    "acwr",
    "acwr_ewma",
    "monotony",
    "strain",
    "ctl",
    "atl",
    "tsb",
    "logged_days",
    "tsb_pct",
    "calibrating",
    "monotony_capped",
    "leg_sets",
    "leg_volume_load",
    "pain_max",  # the week's highest pain (0-10, H1); NaN when none was logged
)

#: Columns of ``daily_frame``.
DAILY_COLUMNS: tuple[str, ...] = (
    "date",
    "run",
    "ran",
    "distance",
    "minutes",
    "run_load",
    "strength",
    "strength_minutes",
    "strength_load",
    "soreness",
    "total_load",
    "load",
    "logged",
)

LoadBasis = Literal["srpe", "distance"]

_KIND_VALUES = pa.array(rules.KIND_ORDER)
_LEVEL_VALUES = pa.array(rules.LEVEL_ORDER)
_HEAVY_WORDS = "|".join(rules.HEAVY_LEGS_WORDS)

#: Windows from the reference (section 2).
ACUTE_DAYS = 7
CHRONIC_DAYS = 28
CTL_DAYS = 42
ATL_DAYS = 7


@dataclass(frozen=True)
class DayArrays:
    """One entry per calendar day from the first logged day to the as-of day.

    Double days are summed (distance, minutes, loads) and take their most demanding run
    kind, heaviest session and highest soreness. ``load`` is what the load metrics use:
    ``total_load`` (session RPE x minutes) or, when no effort was ever logged, distance.
    """

    start: np.datetime64
    date: np.ndarray  # datetime64[D]
    kind: np.ndarray  # codes of rules.KIND_ORDER
    ran: np.ndarray
    distance: np.ndarray  # running distance only (cross-training excluded)
    minutes: np.ndarray
    run_load: np.ndarray
    level: np.ndarray  # codes of rules.LEVEL_ORDER
    strength_minutes: np.ndarray
    strength_load: np.ndarray
    soreness: np.ndarray  # NaN where not logged
    pain: np.ndarray  # the day's highest pain (H1), NaN where not logged
    total_load: np.ndarray
    load: np.ndarray
    logged: np.ndarray  # the day has a row
    heavy_legs: np.ndarray  # check-in said heavy legs and a run felt harder than usual (S10)
    effort: np.ndarray  # a row of the day has RPE x minutes (of a run or a leg session)
    effort_logged: bool

    @property
    def n(self) -> int:
        return self.date.size

    @property
    def first(self) -> dt.date:
        return self.start.astype(object)

    @property
    def load_basis(self) -> LoadBasis:
        return "srpe" if self.effort_logged else "distance"

    def until(self, as_of: dt.date) -> DayArrays | None:
        """These days up to ``as_of``: what ``day_arrays(athlete, as_of)`` gives for an
        earlier day, without reading the log again (every day's values depend on that
        day's rows and earlier ones only; the load basis is decided anew)."""
        n = int((_as_day(as_of) - self.start).astype(np.int64)) + 1
        if n <= 0:
            return None
        if n >= self.n:
            return self
        cut = {name: getattr(self, name)[:n] for name in PER_DAY}
        effort = bool(cut["effort"].any())
        cut["load"] = cut["total_load"] if effort else cut["distance"]
        return DayArrays(start=self.start, effort_logged=effort, **cut)


#: The per-day fields of ``DayArrays`` (``until`` cuts them).
PER_DAY = tuple(
    name for name in DayArrays.__dataclass_fields__ if name not in ("start", "effort_logged")
)
_ORDINAL_1970 = dt.date(1970, 1, 1).toordinal()


def day_ordinals(dates: pd.Series | np.ndarray) -> np.ndarray:
    """Dates (a datetime column or datetime64 array) as ``date.toordinal()`` numbers."""
    days = np.asarray(dates, dtype="datetime64[D]").astype(np.int64)
    return days + _ORDINAL_1970


def _as_day(value: dt.date | str | pd.Timestamp) -> np.datetime64:
    return np.datetime64(pd.Timestamp(value).date(), "D")


def _codes(column: pd.Series, values: pa.Array) -> np.ndarray:
    """Position of each string in ``values`` (unknown or missing: 0), via arrow."""
    found = pc.index_in(pa.array(column, type=pa.string()), value_set=values)
    return pc.fill_null(found, 0).to_numpy(zero_copy_only=False).astype(np.int64)


def day_arrays(athlete: Athlete, as_of: dt.date | None = None) -> DayArrays | None:
    """The athlete's days up to ``as_of`` (default: the last logged day); None: no days."""
    days = athlete.days
    if days is None or days.empty:
        return None
    dates = days["date"].to_numpy("datetime64[D]")
    if dates.size > 1 and (dates[1:] < dates[:-1]).any():  # loaders sort; be safe anyway
        order = np.argsort(dates, kind="stable")
        days, dates = days.iloc[order], dates[order]
    end = _as_day(as_of) if as_of is not None else dates[-1]
    keep = dates <= end
    if not keep.any():
        return None
    if not keep.all():
        days, dates = days.loc[keep], dates[keep]
    return _arrays(days, dates, dates[0], int((end - dates[0]).astype(int)) + 1)


def _arrays(days: pd.DataFrame, dates: np.ndarray, start: np.datetime64, n: int) -> DayArrays:
    idx = (dates - start).astype(np.int64)
    kind = _codes(days["run"], _KIND_VALUES)
    dist = days["distance"].to_numpy(float)
    run_load = days["rpe"].to_numpy(float) * days["minutes"].to_numpy(float)
    lift_load = days["strength_rpe"].to_numpy(float) * days["strength_minutes"].to_numpy(float)
    # Running distance only: a cross-training row's distance (bike, swim) is not mileage.
    run_dist = np.where(kind == rules.KIND["cross"], 0.0, np.nan_to_num(dist))
    ran_row = (kind >= rules.KIND["easy"]) | (run_dist > 0)

    def total(x: np.ndarray) -> np.ndarray:
        return np.bincount(idx, weights=np.nan_to_num(x), minlength=n)

    def top(x: np.ndarray, fill: float) -> np.ndarray:
        out = np.full(n, fill, dtype=float)
        np.fmax.at(out, idx, x)
        return out

    effort_rows = np.isfinite(run_load) | np.isfinite(lift_load)
    effort = bool(effort_rows.any())
    distance, run_total, lift_total = total(run_dist), total(run_load), total(lift_load)
    ran = total(ran_row.astype(float)) > 0
    day_kind = top(kind.astype(float), 0.0).astype(np.int64)
    # a day that ran under a "rest" row (distance logged, kind left blank) is an easy day
    day_kind = np.where(ran & (day_kind < rules.KIND["easy"]), rules.KIND["easy"], day_kind)
    return DayArrays(
        start=start,
        date=start + np.arange(n),
        kind=day_kind,
        ran=ran,
        distance=distance,
        minutes=total(days["minutes"].to_numpy(float)),
        run_load=run_total,
        level=top(_codes(days["strength"], _LEVEL_VALUES).astype(float), 0.0).astype(np.int64),
        strength_minutes=total(days["strength_minutes"].to_numpy(float)),
        strength_load=lift_total,
        soreness=top(days["soreness"].to_numpy(float), np.nan),
        pain=top(days["pain"].to_numpy(float), np.nan),
        total_load=run_total + lift_total,
        load=(run_total + lift_total) if effort else distance,
        logged=np.bincount(idx, minlength=n) > 0,
        heavy_legs=_heavy_legs(days, idx, kind, n),
        effort=np.bincount(idx, weights=effort_rows, minlength=n) > 0,
        effort_logged=effort,
    )


def _heavy_legs(days: pd.DataFrame, idx: np.ndarray, kind: np.ndarray, n: int) -> np.ndarray:
    """Days whose notes say the legs feel heavy and whose run's RPE is above the runner's
    median RPE for that kind of run over the previous RPE_USUAL_DAYS days (S10)."""
    out = np.zeros(n, dtype=bool)
    notes = pa.array(days["notes"], type=pa.string())
    found = pc.match_substring_regex(notes, _HEAVY_WORDS, ignore_case=True)
    said = pc.fill_null(found, False).to_numpy(zero_copy_only=False)
    if not said.any():
        return out
    said_days = np.unique(idx[said])
    rpe = days["rpe"].to_numpy(float)
    runs = np.flatnonzero(np.isin(idx, said_days) & np.isfinite(rpe) & (kind >= rules.KIND["easy"]))
    for row in runs.tolist():
        earlier = (
            (kind == kind[row])
            & (idx < idx[row])
            & (idx >= idx[row] - rules.RPE_USUAL_DAYS)
            & np.isfinite(rpe)
        )
        if earlier.any() and rpe[row] > np.median(rpe[earlier]):
            out[idx[row]] = True
    return out


def load_basis(athlete: Athlete) -> LoadBasis:
    """ "srpe" when any RPE x minutes was logged, else "distance" (the load fallback)."""
    days = athlete.days
    if days is None or days.empty:
        return "distance"
    run = days["rpe"].notna() & days["minutes"].notna()
    lift = days["strength_rpe"].notna() & days["strength_minutes"].notna()
    return "srpe" if bool((run | lift).any()) else "distance"


def daily_frame(athlete: Athlete, as_of: dt.date | None = None) -> pd.DataFrame:
    """One row per calendar day from the first logged day to ``as_of`` (DAILY_COLUMNS).

    A day with no row is ``rest``, 0 distance and 0 load, soreness NaN, ``logged`` False.
    """
    arr = day_arrays(athlete, as_of)
    if arr is None:
        frame = pd.DataFrame({c: pd.Series(dtype=float) for c in DAILY_COLUMNS})
        frame["date"] = pd.Series(dtype="datetime64[ns]")
        frame[["run", "strength"]] = frame[["run", "strength"]].astype("str")
        frame[["ran", "logged"]] = frame[["ran", "logged"]].astype(bool)
        frame.attrs["load_basis"] = "distance"
        return frame
    frame = pd.DataFrame(
        {
            "date": arr.date.astype("datetime64[ns]"),
            "run": np.asarray(rules.KIND_ORDER, dtype=object)[arr.kind],
            "ran": arr.ran,
            "distance": arr.distance,
            "minutes": arr.minutes,
            "run_load": arr.run_load,
            "strength": np.asarray(rules.LEVEL_ORDER, dtype=object)[arr.level],
            "strength_minutes": arr.strength_minutes,
            "strength_load": arr.strength_load,
            "soreness": arr.soreness,
            "total_load": arr.total_load,
            "load": arr.load,
            "logged": arr.logged,
        }
    ).astype({"run": "str", "strength": "str"})
    frame.attrs["load_basis"] = arr.load_basis
    return frame


# ----------------------------------------------------------------- the load formulas


def ewma(values: np.ndarray, alpha: float, seed: float) -> np.ndarray:
    """``e_t = alpha*x_t + (1-alpha)*e_{t-1}`` with ``e_{-1} = seed``."""
    if values.size == 0:
        return values.astype(float)
    padded = np.concatenate(([seed], values))
    return pd.Series(padded).ewm(alpha=alpha, adjust=False).mean().to_numpy()[1:]


def seed_of(values: np.ndarray) -> float:
    """M4: the mean daily value over the first SEED_DAYS days, so smoothed series start
    where the athlete already is instead of from zero."""
    head = values[: rules.SEED_DAYS]
    return float(head.mean()) if head.size else 0.0


def fitness_fatigue(load: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Daily CTL (42-day) and ATL (7-day), both seeded (Banister model, TrainingPeaks'
    form: ``CTL_t = CTL_{t-1} + (load_t - CTL_{t-1}) / 42``)."""
    seed = seed_of(load)
    return ewma(load, 1.0 / CTL_DAYS, seed), ewma(load, 1.0 / ATL_DAYS, seed)


def acwr(distance: np.ndarray, last_i: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Acute:chronic distance ratios on the days ``last_i``: rolling (last 7 days / the
    mean week of the last 28, Hulin 2016) and EWMA (N = 7 over N = 28, seeded,
    Williams 2017). NaN until 28 days are logged. Missing days count as 0."""
    csum = np.concatenate(([0.0], np.cumsum(distance)))
    acute = csum[last_i + 1] - csum[np.maximum(last_i + 1 - ACUTE_DAYS, 0)]
    chronic = csum[last_i + 1] - csum[np.maximum(last_i + 1 - CHRONIC_DAYS, 0)]
    history = last_i + 1 >= CHRONIC_DAYS
    seed = seed_of(distance)
    fast = ewma(distance, 2.0 / (ACUTE_DAYS + 1), seed)[last_i]
    slow = ewma(distance, 2.0 / (CHRONIC_DAYS + 1), seed)[last_i]
    with np.errstate(divide="ignore", invalid="ignore"):
        rolling = np.where(history & (chronic > 0), acute / (chronic / 4.0), np.nan)
        smooth = np.where(history & (slow > 0), fast / slow, np.nan)
    return rolling, smooth


def monotony_strain(
    load: np.ndarray, week: np.ndarray, n_weeks: int, full: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Foster's monotony (mean / sample SD of the 7 daily loads) and strain (weekly load
    x monotony) for full weeks, and which weeks were capped: M5, days so alike (identical
    days have SD 0) that the ratio runs past MONOTONY_CAP, which is shown instead."""
    weekly = np.bincount(week, weights=load, minlength=n_weeks)
    mean = weekly / 7.0
    dev = load - mean[week]  # deviations, not sums of squares: equal days give SD exactly 0
    sd = np.sqrt(np.bincount(week, weights=dev * dev, minlength=n_weeks) / 6.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        raw = np.where(sd > 1e-9, mean / sd, np.where(mean > 0, np.inf, np.nan))
    raw = np.where(full, raw, np.nan)
    capped = raw > rules.MONOTONY_CAP
    monotony = np.where(capped, rules.MONOTONY_CAP, raw)
    return monotony, weekly * monotony, capped


def ramp(distance: np.ndarray, logged: np.ndarray, full: np.ndarray) -> np.ndarray:
    """% change against the week before; NaN for a week that was not logged, and when the
    week before was not logged, partial (a log's first days) or ran nothing (L1)."""
    out = np.full(distance.shape, np.nan)
    if distance.size > 1:
        before = distance[:-1]
        ok = logged[1:] & logged[:-1] & full[:-1] & (before > 0)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            out[1:] = np.where(ok, (distance[1:] - before) / before * 100.0, np.nan)
    return out


# ------------------------------------------------------------------------ the weeks


def weekly_table(athlete: Athlete, as_of: dt.date | None = None) -> pd.DataFrame:
    """The week-by-week story, one row per Monday from the first logged week to ``as_of``.

    Columns are ``WEEK_COLUMNS`` (docs/metrics.md). ``attrs``: ``load_basis`` ("srpe" or
    "distance"), ``days_in_week`` (days inside the log range, for partial first and
    current weeks), ``week_end`` (each week's last day in range), ``granularity``,
    ``weight_unit`` (of ``leg_volume_load``). ``leg_sets`` and ``leg_volume_load`` come
    from the sets log (legday.strength.load); NaN without one.
    """
    if athlete.week_totals is not None:
        table = _weeks_from_totals(athlete.week_totals, as_of)
    else:
        table = weekly_from_days(day_arrays(athlete, as_of))
    return with_strength(table, athlete)


def with_strength(table: pd.DataFrame, athlete: Athlete) -> pd.DataFrame:
    """The weekly table with ``leg_sets`` and ``leg_volume_load`` from the athlete's sets
    log (in place; NaN without one) and ``attrs["weight_unit"]``."""
    if athlete.sets is not None and not table.empty:
        mondays = table["week_of"].to_numpy("datetime64[D]")
        for name, values in strength_load.by_week(athlete.sets, mondays).items():
            table[name] = values
    table.attrs["weight_unit"] = athlete.profile.weight_unit
    return table


def empty_weeks(granularity: str = "days") -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=float) for c in WEEK_COLUMNS})
    frame["week_of"] = pd.Series(dtype="datetime64[ns]")
    frame[["calibrating", "monotony_capped"]] = False
    frame.attrs.update(
        load_basis="distance",
        days_in_week=np.zeros(0, int),
        week_end=np.zeros(0, "datetime64[D]"),
        granularity=granularity,
    )
    return frame


@dataclass(frozen=True)
class WeekIndex:
    """Which calendar week (Monday start) each day of ``DayArrays`` falls in."""

    week: np.ndarray  # per day: 0, 1, ... from the first logged week
    week_of: np.ndarray  # per week: its Monday (datetime64[D])
    last_i: np.ndarray  # per week: the index of its last day inside the log
    in_range: np.ndarray  # per week: days inside the log's range (7 but at either end)

    @property
    def n_weeks(self) -> int:
        return self.week_of.size

    def sum(self, values: np.ndarray) -> np.ndarray:
        return np.bincount(self.week, weights=values, minlength=self.n_weeks)


def week_index(arr: DayArrays) -> WeekIndex:
    offset = int(weekday_of(arr.start.astype(np.int64)))
    week = (np.arange(arr.n) + offset) // 7
    n_weeks = int(week[-1]) + 1
    return WeekIndex(
        week=week,
        week_of=arr.start - np.timedelta64(offset, "D") + 7 * np.arange(n_weeks),
        last_i=np.minimum((np.arange(n_weeks) + 1) * 7 - offset, arr.n) - 1,
        in_range=np.bincount(week, minlength=n_weeks),
    )


def week_sums(arr: DayArrays, index: WeekIndex) -> dict[str, np.ndarray]:
    """The weekly columns that are sums, counts and extremes of the days."""
    long_run = np.zeros(index.n_weeks)
    np.maximum.at(long_run, index.week, arr.distance)
    has_sore = np.isfinite(arr.soreness)
    sore_n = index.sum(has_sore.astype(float))
    with np.errstate(divide="ignore", invalid="ignore"):
        sore_avg = np.where(
            sore_n > 0, index.sum(np.where(has_sore, arr.soreness, 0.0)) / sore_n, np.nan
        )
    sore_max = np.full(index.n_weeks, np.nan)
    np.fmax.at(sore_max, index.week, arr.soreness)
    pain_max = np.full(index.n_weeks, np.nan)
    np.fmax.at(pain_max, index.week, arr.pain)
    return {
        "distance": index.sum(arr.distance),
        "runs": index.sum(arr.ran.astype(float)),
        "long_run": long_run,
        "minutes": index.sum(arr.minutes),
        "run_load": index.sum(arr.run_load),
        "strength_sessions": index.sum((arr.level > 0).astype(float)),
        "heavy_sessions": index.sum((arr.level == 2).astype(float)),
        "strength_load": index.sum(arr.strength_load),
        "soreness_avg": sore_avg,
        "soreness_max": sore_max,
        "logged_days": index.sum(arr.logged.astype(float)),
        "pain_max": pain_max,
    }


def weekly_from_days(arr: DayArrays | None) -> pd.DataFrame:
    """The weekly table of ``DayArrays`` (see ``weekly_table``)."""
    if arr is None:
        return empty_weeks()
    index = week_index(arr)
    sums = week_sums(arr, index)
    full = index.in_range == 7
    rolling, smooth = acwr(arr.distance, index.last_i)
    monotony, strain, capped = monotony_strain(arr.load, index.week, index.n_weeks, full)
    ctl_d, atl_d = fitness_fatigue(arr.load)
    ctl, atl = ctl_d[index.last_i], atl_d[index.last_i]
    with np.errstate(divide="ignore", invalid="ignore"):
        tsb_pct = np.where(ctl > 0, (ctl - atl) / ctl * 100.0, np.nan)
    columns = {
        "week_of": index.week_of.astype("datetime64[ns]"),
        **sums,
        "ramp_pct": ramp(sums["distance"], sums["logged_days"] > 0, full),
        "acwr": rolling,
        "acwr_ewma": smooth,
        "monotony": monotony,
        "strain": strain,
        "ctl": ctl,
        "atl": atl,
        "tsb": ctl - atl,
        "tsb_pct": tsb_pct,
        "calibrating": np.arange(index.n_weeks) < rules.CALIBRATING_WEEKS,
        "monotony_capped": capped,
        "leg_sets": np.full(index.n_weeks, np.nan),
        "leg_volume_load": np.full(index.n_weeks, np.nan),
    }
    table = pd.DataFrame({c: columns[c] for c in WEEK_COLUMNS})
    # arrays, not lists: pandas deep-copies attrs on every operation
    table.attrs.update(
        load_basis=arr.load_basis,
        days_in_week=index.in_range,
        week_end=arr.date[index.last_i],
        granularity="days",
    )
    return table


def _weeks_from_totals(totals: pd.DataFrame, as_of: dt.date | None) -> pd.DataFrame:
    """What a weekly-totals log can give: counts, distance, ramp and the rolling ACWR.

    Weeks align with the 7- and 28-day windows, so the rolling ACWR is exact here (this
    week / mean of the last 4). A week missing from the file is not logged (distance 0,
    ``logged_days`` 0); a listed week counts as 7 logged days. Day-level columns stay null.
    """
    totals = totals.sort_values("week_of")
    if as_of is not None:
        totals = totals.loc[totals["week_of"] <= pd.Timestamp(as_of)]
    if totals.empty:
        return empty_weeks("weeks")
    first, last = totals["week_of"].iloc[0], totals["week_of"].iloc[-1]
    if as_of is not None:
        stamp = pd.Timestamp(as_of)
        last = max(last, stamp - pd.Timedelta(days=stamp.weekday()))
    mondays = pd.date_range(first, last, freq="7D")
    weekly = totals.groupby("week_of").sum(min_count=1)
    listed = mondays.isin(weekly.index)
    weekly = weekly.reindex(mondays)
    weekly.loc[~listed, ["distance", "runs", "long_run", "strength_sessions"]] = 0.0
    distance = weekly["distance"].to_numpy(float)
    n = distance.size
    csum = np.concatenate(([0.0], np.cumsum(np.nan_to_num(distance))))
    i = np.arange(n)
    four = csum[i + 1] - csum[np.maximum(i + 1 - 4, 0)]
    with np.errstate(divide="ignore", invalid="ignore"):
        rolling = np.where((i >= 3) & (four > 0), distance / (four / 4.0), np.nan)
    nan = np.full(n, np.nan)
    table = pd.DataFrame(
        {
            "week_of": mondays.as_unit("ns"),
            "distance": distance,
            "runs": weekly["runs"].to_numpy(float),
            "long_run": weekly["long_run"].to_numpy(float),
            "minutes": nan,
            "run_load": nan,
            "strength_sessions": weekly["strength_sessions"].to_numpy(float),
            "heavy_sessions": nan,
            "strength_load": nan,
            "soreness_avg": weekly["soreness"].to_numpy(float),
            "soreness_max": nan,
            "ramp_pct": ramp(distance, listed, np.ones(n, dtype=bool)),
            "acwr": rolling,
            "acwr_ewma": nan,
            "monotony": nan,
            "strain": nan,
            "ctl": nan,
            "atl": nan,
            "tsb": nan,
            "logged_days": np.where(listed, 7.0, 0.0),
            "tsb_pct": nan,
            "calibrating": False,
            "monotony_capped": False,
            "leg_sets": nan,
            "leg_volume_load": nan,
            "pain_max": nan,
        }
    ).reset_index(drop=True)
    table.attrs.update(
        load_basis="distance",
        days_in_week=np.full(n, 7),
        week_end=(mondays + pd.Timedelta(days=6)).to_numpy("datetime64[D]"),
        granularity="weeks",
    )
    return table
