"""Training metrics: the daily frame and the weekly table (docs/metrics.md).

Every number here is a trend for a coach to read, never an injury predictor. Formulas
follow shared/coaching-reference.md section 2 and name their source. All work is done
on whole arrays (numpy bincount / reduce, pandas ewm): a 3-year log costs a few ms.

Conventions (why): a calendar day with no row counts as 0 distance and 0 load, because
the reference counts missing days as 0; soreness on such a day is unknown (NaN), never 0.
Weeks start on Monday. Units are the athlete's own (mi or km); nothing is converted.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from legday.model import Athlete

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

#: A double day takes its most demanding run kind (a race beats a long run beats ...).
_KIND_ORDER: tuple[str, ...] = ("rest", "cross", "easy", "moderate", "hard", "long", "race")
_KIND_CODE = {k: i for i, k in enumerate(_KIND_ORDER)}
_STRENGTH_ORDER: tuple[str, ...] = ("none", "light", "heavy")
_KIND_VALUES = pa.array(_KIND_ORDER)
_STRENGTH_VALUES = pa.array(_STRENGTH_ORDER)

#: Windows and constants from the reference (section 2).
ACUTE_DAYS = 7
CHRONIC_DAYS = 28
CTL_DAYS = 42
ATL_DAYS = 7


def _as_day(value: dt.date | str | pd.Timestamp | None) -> np.datetime64 | None:
    if value is None:
        return None
    return np.datetime64(pd.Timestamp(value).date(), "D")


def _codes(column: pd.Series, values: pa.Array) -> np.ndarray:
    """Position of each string in ``values`` (unknown or missing: 0), via arrow: 20x map()."""
    found = pc.index_in(pa.array(column, type=pa.string()), value_set=values)
    return pc.fill_null(found, 0).to_numpy(zero_copy_only=False).astype(np.int64)


def _ewm_from_zero(values: np.ndarray, alpha: float) -> np.ndarray:
    """``e_t = alpha*x_t + (1-alpha)*e_{t-1}`` with ``e_{-1} = 0`` (TrainingPeaks' CTL/ATL)."""
    if values.size == 0:
        return values.astype(float)
    padded = np.concatenate(([0.0], values))
    out = pd.Series(padded).ewm(alpha=alpha, adjust=False).mean().to_numpy()
    return out[1:]


def _day_arrays(athlete: Athlete, as_of: dt.date | None) -> dict[str, np.ndarray] | None:
    """Per-calendar-day arrays from the first logged day to ``as_of`` (None: no days)."""
    days = athlete.days
    if days is None or days.empty:
        return None
    dates = days["date"].to_numpy("datetime64[D]")
    if dates.size > 1 and (dates[1:] < dates[:-1]).any():  # the loaders sort; be safe anyway
        order = np.argsort(dates, kind="stable")
        days, dates = days.iloc[order], dates[order]
    end = _as_day(as_of) if as_of is not None else dates[-1]
    keep = dates <= end
    if not keep.any():
        return None
    if not keep.all():
        days = days.loc[keep]
        dates = dates[keep]
    start = dates[0]
    n = int((end - start).astype(int)) + 1
    idx = (dates - start).astype(np.int64)

    kind = _codes(days["run"], _KIND_VALUES)
    level = _codes(days["strength"], _STRENGTH_VALUES)
    dist = days["distance"].to_numpy(float)
    mins = days["minutes"].to_numpy(float)
    rpe = days["rpe"].to_numpy(float)
    s_mins = days["strength_minutes"].to_numpy(float)
    s_rpe = days["strength_rpe"].to_numpy(float)
    sore = days["soreness"].to_numpy(float)

    cross = kind == _KIND_CODE["cross"]
    # Running distance only: a cross-training row's distance (bike, swim) is not mileage.
    run_dist = np.where(cross, 0.0, np.nan_to_num(dist))
    ran_row = (kind >= _KIND_CODE["easy"]) | (run_dist > 0)
    run_load_row = rpe * mins
    s_load_row = s_rpe * s_mins

    def total(x: np.ndarray) -> np.ndarray:
        return np.bincount(idx, weights=np.nan_to_num(x), minlength=n)

    def top(x: np.ndarray, fill: float) -> np.ndarray:
        out = np.full(n, fill, dtype=float)
        np.fmax.at(out, idx, x)
        return out

    effort_logged = bool(np.isfinite(run_load_row).any() or np.isfinite(s_load_row).any())
    distance = total(run_dist)
    run_load = total(run_load_row)
    strength_load = total(s_load_row)
    total_load = run_load + strength_load
    return {
        "start": start,
        "n": n,
        "date": start + np.arange(n),
        "kind": top(kind.astype(float), 0.0).astype(np.int64),
        "ran": total(ran_row.astype(float)) > 0,
        "distance": distance,
        "minutes": total(mins),
        "run_load": run_load,
        "level": top(level.astype(float), 0.0).astype(np.int64),
        "strength_minutes": total(s_mins),
        "strength_load": strength_load,
        "soreness": top(sore, np.nan),
        "total_load": total_load,
        "load": total_load if effort_logged else distance,
        "logged": np.bincount(idx, minlength=n) > 0,
        "effort_logged": np.array(effort_logged),
    }


def load_basis(athlete: Athlete) -> LoadBasis:
    """ "srpe" when any RPE x minutes was logged, else "distance" (the load fallback)."""
    days = athlete.days
    if days is None or days.empty:
        return "distance"
    run = days["rpe"].notna() & days["minutes"].notna()
    lift = days["strength_rpe"].notna() & days["strength_minutes"].notna()
    return "srpe" if bool((run | lift).any()) else "distance"


def daily_frame(athlete: Athlete, as_of: dt.date | None = None) -> pd.DataFrame:
    """One row per calendar day from the first logged day to ``as_of`` (default: last day).

    Double days are summed (distance, minutes, loads), take their most demanding run
    kind and strength level, and their highest soreness. A day with no row is ``rest``,
    0 distance and 0 load, soreness NaN, ``logged`` False. ``load`` is the load the
    load metrics use: ``total_load`` (sRPE) or, when no effort was ever logged, distance.
    """
    arr = _day_arrays(athlete, as_of)
    if arr is None:
        frame = pd.DataFrame({c: pd.Series(dtype=float) for c in DAILY_COLUMNS})
        frame["date"] = pd.Series(dtype="datetime64[ns]")
        frame[["run", "strength"]] = frame[["run", "strength"]].astype("str")
        frame[["ran", "logged"]] = frame[["ran", "logged"]].astype(bool)
        frame.attrs["load_basis"] = "distance"
        return frame
    frame = pd.DataFrame(
        {
            "date": arr["date"].astype("datetime64[ns]"),
            "run": np.asarray(_KIND_ORDER, dtype=object)[arr["kind"]],
            "ran": arr["ran"],
            "distance": arr["distance"],
            "minutes": arr["minutes"],
            "run_load": arr["run_load"],
            "strength": np.asarray(_STRENGTH_ORDER, dtype=object)[arr["level"]],
            "strength_minutes": arr["strength_minutes"],
            "strength_load": arr["strength_load"],
            "soreness": arr["soreness"],
            "total_load": arr["total_load"],
            "load": arr["load"],
            "logged": arr["logged"],
        }
    )
    frame = frame.astype({"run": "str", "strength": "str"})
    frame.attrs["load_basis"] = "srpe" if bool(arr["effort_logged"]) else "distance"
    return frame


def _empty_weeks() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=float) for c in WEEK_COLUMNS})
    frame["week_of"] = pd.Series(dtype="datetime64[ns]")
    return frame


def _ramp(distance: np.ndarray, base_ok: np.ndarray) -> np.ndarray:
    """% change vs the previous week; NaN for the first week, a 0 week or a partial one."""
    ramp = np.full(distance.shape, np.nan)
    if distance.size > 1:
        prev = distance[:-1]
        ok = (prev > 0) & base_ok[:-1]
        with np.errstate(divide="ignore", invalid="ignore"):
            ramp[1:] = np.where(ok, (distance[1:] - prev) / prev * 100.0, np.nan)
    return ramp


def _weeks_from_days(arr: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The weekly columns from the day arrays (``week_of`` as datetime64[D]), plus
    ``days_in_week`` (days inside the log range) and ``week_end`` (Sunday, or the last day)."""
    n = int(arr["n"])
    start = arr["start"]
    # numpy's epoch (1970-01-01) was a Thursday: weekday (Mon=0) is (days + 3) % 7.
    offset = int((start.astype(np.int64) + 3) % 7)
    day_i = np.arange(n)
    week = (day_i + offset) // 7
    n_weeks = int(week[-1]) + 1
    monday0 = start - np.timedelta64(offset, "D")
    week_of = monday0 + 7 * np.arange(n_weeks)
    last_i = np.minimum((np.arange(n_weeks) + 1) * 7 - offset, n) - 1  # each week's last day

    def wsum(x: np.ndarray) -> np.ndarray:
        return np.bincount(week, weights=x, minlength=n_weeks)

    in_range = np.bincount(week, minlength=n_weeks)
    distance = wsum(arr["distance"])
    long_run = np.zeros(n_weeks)
    np.maximum.at(long_run, week, arr["distance"])
    level = arr["level"]
    sore = arr["soreness"]
    has_sore = np.isfinite(sore)
    sore_n = np.bincount(week, weights=has_sore.astype(float), minlength=n_weeks)
    with np.errstate(divide="ignore", invalid="ignore"):
        sore_avg = np.where(sore_n > 0, wsum(np.where(has_sore, sore, 0.0)) / sore_n, np.nan)
    sore_max = np.full(n_weeks, np.nan)
    np.fmax.at(sore_max, week, sore)

    # Acute:chronic on daily distance at each week's last day (Hulin 2016; Williams 2017).
    dist = arr["distance"]
    csum = np.concatenate(([0.0], np.cumsum(dist)))
    acute = csum[last_i + 1] - csum[np.maximum(last_i + 1 - ACUTE_DAYS, 0)]
    chronic = csum[last_i + 1] - csum[np.maximum(last_i + 1 - CHRONIC_DAYS, 0)]
    history = last_i + 1 >= CHRONIC_DAYS
    with np.errstate(divide="ignore", invalid="ignore"):
        acwr = np.where(history & (chronic > 0), acute / (chronic / 4.0), np.nan)
        ew_a = _ewm_from_zero(dist, 2.0 / (ACUTE_DAYS + 1))[last_i]
        ew_c = _ewm_from_zero(dist, 2.0 / (CHRONIC_DAYS + 1))[last_i]
        acwr_ewma = np.where(history & (ew_c > 0), ew_a / ew_c, np.nan)

    # Foster monotony and strain on the load channel, full 7-day weeks only.
    load = arr["load"]
    load_sum = wsum(load)
    full = in_range == 7
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = load_sum / 7.0
        dev = load - mean[week]  # deviations, not sum-of-squares: equal days give SD exactly 0
        var = wsum(dev * dev) / 6.0  # sample SD (ddof=1)
        sd = np.sqrt(var)
        monotony = np.where(full & (sd > 1e-9), mean / sd, np.nan)
    strain = load_sum * monotony

    ctl = _ewm_from_zero(load, 1.0 / CTL_DAYS)[last_i]
    atl = _ewm_from_zero(load, 1.0 / ATL_DAYS)[last_i]

    return {
        "week_of": week_of,
        "distance": distance,
        "runs": wsum(arr["ran"].astype(float)),
        "long_run": long_run,
        "minutes": wsum(arr["minutes"]),
        "run_load": wsum(arr["run_load"]),
        "strength_sessions": wsum((level > 0).astype(float)),
        "heavy_sessions": wsum((level == 2).astype(float)),
        "strength_load": wsum(arr["strength_load"]),
        "soreness_avg": sore_avg,
        "soreness_max": sore_max,
        "ramp_pct": _ramp(distance, in_range == 7),
        "acwr": acwr,
        "acwr_ewma": acwr_ewma,
        "monotony": monotony,
        "strain": strain,
        "ctl": ctl,
        "atl": atl,
        "tsb": ctl - atl,
        "days_in_week": in_range,
        "week_end": arr["date"][last_i],
    }


def _frame(cols: dict[str, np.ndarray]) -> pd.DataFrame:
    data = {c: cols[c] for c in WEEK_COLUMNS}
    data["week_of"] = cols["week_of"].astype("datetime64[ns]")
    return pd.DataFrame(data)


def _weeks_from_totals(totals: pd.DataFrame, as_of: dt.date | None) -> pd.DataFrame:
    """What a weekly-totals log can give: counts, distance, ramp and the rolling ACWR.

    Weeks align with the 7- and 28-day windows, so the rolling ACWR is exact here
    (this week / mean of the last 4 weeks). Everything that needs days stays null.
    """
    totals = totals.sort_values("week_of")
    if as_of is not None:
        totals = totals.loc[totals["week_of"] <= pd.Timestamp(as_of)]
    if totals.empty:
        return _empty_weeks()
    first = totals["week_of"].iloc[0]
    last = totals["week_of"].iloc[-1]
    if as_of is not None:
        as_of_ts = pd.Timestamp(as_of)
        last = max(last, as_of_ts - pd.Timedelta(days=as_of_ts.weekday()))
    mondays = pd.date_range(first, last, freq="7D")
    weekly = totals.groupby("week_of").sum(min_count=1)
    listed = mondays.isin(weekly.index)
    weekly = weekly.reindex(mondays)
    # A week missing from the file ran 0, like a day with no row; a blank cell in a
    # listed week stays unknown.
    counted = ["distance", "runs", "long_run", "strength_sessions"]
    weekly.loc[~listed, counted] = 0.0
    distance = weekly["distance"].to_numpy(float)
    n = distance.size
    csum = np.concatenate(([0.0], np.cumsum(np.nan_to_num(distance))))  # a blank week: 0
    i = np.arange(n)
    four = csum[i + 1] - csum[np.maximum(i + 1 - 4, 0)]
    with np.errstate(divide="ignore", invalid="ignore"):
        acwr = np.where((i >= 3) & (four > 0), distance / (four / 4.0), np.nan)  # NaN stays
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
            "ramp_pct": _ramp(distance, np.ones(n, dtype=bool)),
            "acwr": acwr,
            "acwr_ewma": nan,
            "monotony": nan,
            "strain": nan,
            "ctl": nan,
            "atl": nan,
            "tsb": nan,
        }
    )
    return table.reset_index(drop=True)


def weekly_table(athlete: Athlete, as_of: dt.date | None = None) -> pd.DataFrame:
    """The week-by-week story, one row per Monday from the first logged week to ``as_of``.

    Columns are ``WEEK_COLUMNS`` (see docs/metrics.md for each formula and source).
    ``attrs["load_basis"]`` says what monotony, strain and CTL/ATL/TSB were computed on:
    "srpe" (RPE x minutes, runs plus leg sessions) or "distance" when no effort was logged.
    The first and the current week may be partial: ``attrs["days_in_week"]`` holds each
    week's count of days inside the log range. Weekly-totals logs fill what they can.
    """
    if athlete.week_totals is not None:
        table = _weeks_from_totals(athlete.week_totals, as_of)
        table.attrs["load_basis"] = "distance"
        table.attrs["days_in_week"] = np.full(len(table), 7)
        table.attrs["granularity"] = "weeks"
        return table
    return _weekly_from_arrays(_day_arrays(athlete, as_of))


def _weekly_from_arrays(arr: dict[str, np.ndarray] | None) -> pd.DataFrame:
    return _weekly_parts(arr)[0]


def _weekly_parts(
    arr: dict[str, np.ndarray] | None,
) -> tuple[pd.DataFrame, dict[str, np.ndarray] | None]:
    """The weekly table and its columns as arrays (flags read those: no column lookups)."""
    if arr is None:
        table = _empty_weeks()
        table.attrs.update(load_basis="distance", days_in_week=np.zeros(0, int), granularity="days")
        return table, None
    cols = _weeks_from_days(arr)
    table = _frame(cols)
    table.attrs["load_basis"] = "srpe" if bool(arr["effort_logged"]) else "distance"
    # an array, not a list: pandas deep-copies attrs on every operation
    table.attrs["days_in_week"] = cols["days_in_week"]
    table.attrs["granularity"] = "days"
    return table, cols
