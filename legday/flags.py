"""Coach flags: the few things in a log that need attention, each with its reason.

Every flag names a rule id (S1..S13 from shared/coaching-reference.md, or the M/D ids
documented in docs/metrics.md), the numbers that raised it and how strong the evidence
behind the rule is. Flags describe the log; none of them predicts injury.

Day-level checks run on whole arrays of the daily frame (shifts, run lengths, sliding
windows); only the flags that fire are turned into sentences.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Literal

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view

from legday import metrics
from legday.model import WEEKDAYS, Athlete

FlagSeverity = Literal["info", "watch", "act"]
#: Sort order: worst first means highest rank first.
SEVERITY_RANK: dict[str, int] = {"info": 0, "watch": 1, "act": 2}

#: rule id -> evidence note, "strength: source". Strength words: strong, moderate, weak,
#: contested. docs/metrics.md explains each.
EVIDENCE: dict[str, str] = {
    "S1": "weak: source article (2x a week); Ronnestad 2010 (2x builds, 1x keeps; small sample, "
    "cyclists)",
    "S1/S12": "weak: Ronnestad 2010 (1x a week kept the gains; small sample, cyclists); "
    "source article",
    "S3": "weak: source article (coaching convention: rest days stay rest)",
    "S4": "weak: source article (the day after a hard or long run is recovery)",
    "S5": "weak: source article (48 h before a key run); DOMS peaks 24-72 h after a session",
    "S8": "weak: convention, no trial (7-10 days; the source article says 10); taper: Bosquet 2007",
    "S10": "weak: no validated soreness cut-off; pain-monitoring scale (above 5 is too much)",
    "M1": "weak: Nielsen 2014 (>30% over two weeks, HR 1.59, CI crossing 1); "
    "Buist 2008: the 10% rule did not prevent injuries",
    "M2": "moderate: Frandsen 2025, 5,205 runners (10-30% longer HR 1.64; >100% HR 2.28)",
    "M3": "contested: Hulin 2016, Gabbett 2016 (team sports); Lolli 2019, "
    "Impellizzeri 2020; Frandsen 2025 found a negative relation in runners",
    "D1": "strong: a weekly total cannot show which day a session or run fell on",
}

#: Thresholds (docs/metrics.md says where each comes from).
MAX_SESSIONS_PER_WEEK = 2  # S1
GAP_DAYS = 14  # S1/S12
TAPER_DAYS = 14  # S8: the taper window before a race (no gap flag inside it)
AFTER_RACE_DAYS = 7  # recovery after a race: no gap flag either
NO_HEAVY_DAYS = 10  # S8
NOTHING_DAYS = 2  # S8
TAPER_MAX_SESSIONS = 2  # S8: at most one a week over the 14 taper days
SORE_LEVEL = 6.0  # S10
SORE_DAYS = 3  # S10
SORE_RISE = 1.0  # S10: a week-on-week rise in average soreness worth a look (0-10 scale)
RAMP_TWO_WEEKS = 0.30  # M1
SPIKE_RATIO = 1.10  # M2
SPIKE_ACT_RATIO = 2.0  # M2: >100% longer
SPIKE_WINDOW = 30  # M2
ACWR_HIGH = 1.5  # M3

_KIND = metrics._KIND_CODE
_KEY = np.zeros(len(metrics._KIND_ORDER), dtype=bool)
_KEY[[_KIND["hard"], _KIND["long"], _KIND["race"]]] = True
_HARD_OR_LONG = _KEY  # S4 says hard or long; a race is the hardest run there is


@dataclass(frozen=True)
class Flag:
    """One thing for the coach: when, which rule, how urgent, why, and how sure we are."""

    date: dt.date
    rule: str
    severity: FlagSeverity
    message: str
    evidence: str

    @property
    def rank(self) -> int:
        return SEVERITY_RANK[self.severity]

    def to_dict(self) -> dict:
        out = asdict(self)
        out["date"] = self.date.isoformat()
        return out


@dataclass(frozen=True)
class Review:
    """Everything the report, roster and app pages need about one athlete, computed once."""

    athlete: Athlete
    as_of: dt.date | None
    weekly: pd.DataFrame
    flags: list[Flag]


def _flag(day: dt.date, rule: str, severity: FlagSeverity, message: str) -> Flag:
    return Flag(day, rule, severity, message, EVIDENCE[rule])


def _n(x: float) -> str:
    """12 -> "12", 12.345 -> "12.3": numbers a coach reads in a sentence."""
    v = float(x)
    return f"{v:.1f}".removesuffix(".0") if v == v else "?"


_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _d(day: dt.date) -> str:
    return f"{_ABBR[day.weekday()]} {day.isoformat()}"


def _dates(values: np.ndarray) -> np.ndarray:
    """datetime64[D] -> an object array of ``datetime.date`` (cheap to format, once)."""
    return values.astype("datetime64[D]").astype(object)


def _race_days(athlete: Athlete, arr: dict) -> np.ndarray:
    """Race days as offsets from the first logged day: profile races and logged races."""
    start = arr["start"]
    profile = [np.datetime64(r.date, "D") for r in athlete.profile.races]
    offsets = [int((d - start).astype(int)) for d in profile]
    logged = np.flatnonzero(arr["kind"] == _KIND["race"]).tolist()
    return np.unique(np.asarray(offsets + logged, dtype=np.int64))


def _run_length(mask: np.ndarray) -> np.ndarray:
    """Length of the current run of True ending at each position (0 where False)."""
    count = np.cumsum(mask)
    reset = np.maximum.accumulate(np.where(mask, 0, count))
    return count - reset


def _day_flags(athlete: Athlete, arr: dict) -> list[Flag]:
    n = int(arr["n"])
    dates = _dates(arr["date"])
    kind = arr["kind"]
    level = arr["level"]
    dist = arr["distance"]
    units = athlete.units
    leg = level > 0
    heavy = level == 2
    key = _KEY[kind]
    races = _race_days(athlete, arr)
    out: list[Flag] = []
    # Python lists for the per-flag sentences: list indexing is ~10x numpy scalar access.
    names = [metrics._KIND_ORDER[k] for k in kind.tolist()]
    dist_l = dist.tolist()
    heavy_l = heavy.tolist()
    iso = np.datetime_as_string(arr["date"], unit="D").tolist()
    weekday = ((np.arange(n) + int((arr["start"].astype(np.int64) + 3) % 7)) % 7).tolist()

    def label(i: int) -> str:
        return f"{_ABBR[weekday[i]]} {iso[i]}"

    def what(i: int) -> str:
        return "Heavy" if heavy_l[i] else "Light"

    # S5: heavy leg session on day d, key run on d + 1.
    for i in np.flatnonzero(heavy[:-1] & key[1:]).tolist():
        nxt = names[i + 1]
        run = f"{nxt} run" if nxt != "race" else "race"
        amount = f" ({_n(dist_l[i + 1])} {units})" if dist_l[i + 1] > 0 else ""
        out.append(
            _flag(
                dates[i],
                "S5",
                "act",
                f"Heavy leg session on {label(i)}, the day before a {run}{amount} on "
                f"{label(i + 1)}: keep 48 h between heavy lifting and a key run.",
            )
        )

    # S4: any leg session the day after a hard or long run (or a race).
    for i in (np.flatnonzero(leg[1:] & _HARD_OR_LONG[kind[:-1]]) + 1).tolist():
        prev = names[i - 1]
        run = f"{prev} run" if prev != "race" else "race"
        out.append(
            _flag(
                dates[i],
                "S4",
                "watch",
                f"{what(i)} leg session on {label(i)}, the day after a {run} "
                f"({_n(dist_l[i - 1])} {units}): that day is for recovery.",
            )
        )

    # S3: a leg session on a day the log calls rest (no run, no cross-training).
    usual = athlete.profile.week if athlete.profile.week_source == "profile" else None
    rest_lift = leg & (kind == _KIND["rest"]) & ~arr["ran"]
    for i in np.flatnonzero(rest_lift).tolist():
        note = ""
        if usual is not None and usual.get(WEEKDAYS[weekday[i]]) == "rest":
            note = " (a rest day in the usual week too)"
        out.append(
            _flag(
                dates[i],
                "S3",
                "watch",
                f"{what(i)} leg session on {label(i)}, a day the log calls rest{note}: "
                "rest days stay rest; move it after an easy run.",
            )
        )

    # Races: days to the next race (strictly after the day), for S8 and the taper window.
    to_race = np.full(n, np.iinfo(np.int64).max // 2)
    taper = np.zeros(n, dtype=bool)
    if races.size:
        pos = np.searchsorted(races, np.arange(n), side="right")
        has = pos < races.size
        to_race[has] = races[pos[has]] - np.arange(n)[has]
        for r in races:
            lo, hi = max(r - TAPER_DAYS, 0), min(r + AFTER_RACE_DAYS, n - 1)
            if lo <= hi:
                taper[lo : hi + 1] = True

        # S8: nothing in the last 2 days, no heavy lifting in the last 10.
        close = leg & (to_race <= NOTHING_DAYS)
        heavy_late = heavy & (to_race <= NO_HEAVY_DAYS) & ~close
        for i in np.flatnonzero(close | heavy_late).tolist():
            days = int(to_race[i])
            limit = (
                "no leg session in the 2 days before a race"
                if close[i]
                else "no heavy lifting in the 10 days before a race"
            )
            out.append(
                _flag(
                    dates[i],
                    "S8",
                    "act",
                    f"{what(i)} leg session on {label(i)}, {days} day(s) before the race on "
                    f"{_d(dates[i] + dt.timedelta(days=days))}: taper rule, {limit}.",
                )
            )
        # S8: at most one session a week in the 14 days before a race.
        cum = np.concatenate(([0], np.cumsum(leg)))
        for r in races:
            lo, hi = max(r - TAPER_DAYS, 0), min(r, n)  # days r-14 .. r-1 inside the log
            if lo < hi:
                count = int(cum[hi] - cum[lo])
                if count > TAPER_MAX_SESSIONS:
                    out.append(
                        _flag(
                            dates[hi - 1],
                            "S8",
                            "watch",
                            f"{count} leg sessions in the 14 days before the race on "
                            f"{_d(_dates(arr['start'] + r))}: the taper allows one a week at most.",
                        )
                    )

    # S1/S12: no leg session for 14 days or more, outside a taper and race recovery.
    gap = _run_length(~leg)
    eligible = (gap >= GAP_DAYS) & ~taper
    group = np.cumsum(leg)  # one id per stretch without a session
    first_in_group = eligible & (_run_length(eligible) == 1)
    # only the first eligible day of each stretch: later ones repeat the same news
    starts = np.flatnonzero(first_in_group)
    starts = starts[np.unique(group[starts], return_index=True)[1]]
    leg_days = np.flatnonzero(leg)
    for i in starts.tolist():
        g = group[i]
        nxt = np.searchsorted(leg_days, i, side="right")
        end = int(leg_days[nxt]) if nxt < leg_days.size else n  # the stretch's end
        length = int(gap[end - 1])
        last_seen = "since the log began" if g == 0 else f"since {label(i - int(gap[i]))}"
        out.append(
            _flag(
                dates[i],
                "S1/S12",
                "watch",
                f"No leg session for {length} days ({last_seen}, to {label(end - 1)}): "
                "one session a week keeps strength, two build it.",
            )
        )

    # S10: soreness 6/10 or more on 3 days in a row.
    sore = arr["soreness"]
    high = np.nan_to_num(sore, nan=-1.0) >= SORE_LEVEL
    streak = _run_length(high)
    low_days = np.flatnonzero(~high)
    for i in np.flatnonzero(streak == SORE_DAYS).tolist():
        nxt = np.searchsorted(low_days, i, side="right")
        end = int(low_days[nxt]) - 1 if nxt < low_days.size else n - 1  # the streak's end
        values = ", ".join(_n(v) for v in sore[i - SORE_DAYS + 1 : end + 1])
        out.append(
            _flag(
                dates[i],
                "S10",
                "act",
                f"Leg soreness at 6/10 or more for {end - i + SORE_DAYS} days in a row "
                f"({values}; {label(i - SORE_DAYS + 1)} to {label(end)}): back off "
                "leg work (less load, fewer reps, or bodyweight only).",
            )
        )

    # M2: a run more than 10% longer than the longest of the previous 30 days.
    if n > SPIKE_WINDOW:
        prev_max = sliding_window_view(dist[:-1], SPIKE_WINDOW).max(axis=1)  # for day 30..
        today = dist[SPIKE_WINDOW:]
        spike = (prev_max > 0) & (today > SPIKE_RATIO * prev_max)
        spike &= kind[SPIKE_WINDOW:] != _KIND["race"]  # a race is meant to be long
        for j in np.flatnonzero(spike).tolist():
            i = j + SPIKE_WINDOW
            ratio = float(today[j] / prev_max[j])
            severity: FlagSeverity = "act" if ratio > SPIKE_ACT_RATIO else "watch"
            out.append(
                _flag(
                    dates[i],
                    "M2",
                    severity,
                    f"Run of {_n(today[j])} {units} on {label(i)} is "
                    f"{(ratio - 1) * 100:.0f}% longer than the longest run of the previous "
                    f"30 days ({_n(prev_max[j])} {units}).",
                )
            )
    return out


def _week_flags(
    athlete: Athlete, weekly: dict[str, np.ndarray], taper: np.ndarray | None
) -> list[Flag]:
    """Flags that need only the weekly columns (they work for weekly-totals logs too).

    ``taper`` marks weeks inside a race's taper window; None skips the week-level gap
    check (daily logs run it per day instead).
    """
    units = athlete.units
    out: list[Flag] = []
    dist = weekly["distance"]
    sessions = weekly["strength_sessions"]
    full = weekly["days_in_week"] == 7
    mondays = _dates(weekly["week_of"])
    week_end = _dates(weekly["week_end"])

    # S1: more than two leg sessions in a week.
    for w in np.flatnonzero(sessions > MAX_SESSIONS_PER_WEEK):
        out.append(
            _flag(
                week_end[w],
                "S1",
                "act" if sessions[w] >= 4 else "watch",
                f"{int(sessions[w])} leg sessions in the week of {_d(mondays[w])}: two a week "
                "is the most a building block needs.",
            )
        )

    # S10: average soreness up by a point or more while leg load also rises.
    sore = weekly["soreness_avg"]
    s_load = weekly["strength_load"]
    use_load = np.isfinite(s_load).any() and np.nansum(s_load) > 0
    leg_load = s_load if use_load else sessions
    what = "leg load (RPE x minutes)" if use_load else "leg sessions"
    if dist.size > 1:
        rise = (sore[1:] - sore[:-1] >= SORE_RISE) & (leg_load[1:] > leg_load[:-1])
        for w in np.flatnonzero(rise) + 1:
            out.append(
                _flag(
                    week_end[w],
                    "S10",
                    "watch",
                    f"Soreness rose from {_n(sore[w - 1])} to {_n(sore[w])} (weekly average) "
                    f"in the week of {_d(mondays[w])} while {what} rose from "
                    f"{_n(leg_load[w - 1])} to {_n(leg_load[w])}: ease the leg work.",
                )
            )

    # M1: weekly distance more than 30% above the week two weeks before.
    if dist.size > 2:
        base = dist[:-2]
        up = (base > 0) & full[:-2] & (dist[2:] > (1 + RAMP_TWO_WEEKS) * base)
        for w in np.flatnonzero(up) + 2:
            pct = (dist[w] / dist[w - 2] - 1) * 100
            out.append(
                _flag(
                    week_end[w],
                    "M1",
                    "watch",
                    f"Weekly distance {_n(dist[w])} {units} (week of {_d(mondays[w])}) is "
                    f"{pct:.0f}% above {_n(dist[w - 2])} {units} two weeks earlier.",
                )
            )

    # M3: acute:chronic distance ratio above 1.5 (descriptive, contested).
    acwr = weekly["acwr"]
    for w in np.flatnonzero(np.nan_to_num(acwr) > ACWR_HIGH):
        out.append(
            _flag(
                week_end[w],
                "M3",
                "info",
                f"Acute:chronic distance ratio {acwr[w]:.2f} in the week of {_d(mondays[w])} "
                "(last 7 days against the 28-day weekly mean). A description of a jump in "
                "volume, not a forecast: the ratio is contested.",
            )
        )

    # S1/S12 for weekly logs: two weeks in a row without a leg session, outside a taper.
    if taper is not None:
        none = (sessions == 0) & ~taper
        for w in np.flatnonzero(_run_length(none) == 2):
            out.append(
                _flag(
                    week_end[w],
                    "S1/S12",
                    "watch",
                    f"No leg session in the weeks of {_d(mondays[w - 1])} and "
                    f"{_d(mondays[w])}: one session a week keeps strength, two build it.",
                )
            )
    return out


def _taper_weeks(athlete: Athlete, week_end: np.ndarray) -> np.ndarray:
    """Weeks whose last day falls in a race's taper or recovery window."""
    out = np.zeros(week_end.size, dtype=bool)
    for race in athlete.profile.races:
        r = np.datetime64(race.date, "D")
        lo, hi = r - np.timedelta64(TAPER_DAYS, "D"), r + np.timedelta64(AFTER_RACE_DAYS, "D")
        out |= (week_end >= lo) & (week_end <= hi)
    return out


def _sort(flags: list[Flag]) -> list[Flag]:
    """By date, and on one date the worst first."""
    return sorted(flags, key=lambda f: (f.date, -f.rank, f.rule))


def review(athlete: Athlete, as_of: dt.date | None = None) -> Review:
    """Weekly table and flags for one athlete up to ``as_of`` (default: the last logged day)."""
    if as_of is not None and type(as_of) is not dt.date:
        as_of = pd.Timestamp(as_of).date()  # a Timestamp or datetime: compare as dates
    if athlete.week_totals is not None:
        return _review_weeks(athlete, as_of or athlete.last_date)
    arr = metrics._day_arrays(athlete, as_of)
    weekly, cols = metrics._weekly_parts(arr)
    if arr is None or cols is None:
        return Review(athlete, as_of or athlete.last_date, weekly, [])
    if as_of is None:
        as_of = arr["date"][-1].astype(object)
    flags = _day_flags(athlete, arr) + _week_flags(athlete, cols, None)
    return Review(athlete, as_of, weekly, _sort(flags))


def _review_weeks(athlete: Athlete, as_of: dt.date | None) -> Review:
    weekly = metrics.weekly_table(athlete, as_of)
    if weekly.empty:
        return Review(athlete, as_of, weekly, [])
    mondays = weekly["week_of"].to_numpy("datetime64[D]")
    sundays = mondays + np.timedelta64(6, "D")
    cols = {c: weekly[c].to_numpy(float) for c in metrics.WEEK_COLUMNS[1:]}
    cols.update(week_of=mondays, week_end=sundays, days_in_week=np.full(len(weekly), 7))
    flags = _week_flags(athlete, cols, _taper_weeks(athlete, sundays))
    end = np.datetime64(as_of, "D") if as_of else sundays[-1]
    flags.append(
        _flag(
            _dates(min(end, sundays[-1])),
            "D1",
            "info",
            "This log has weekly totals only: the day-level checks (S3, S4, S5, S8, "
            "soreness streaks S10, single-run spikes M2) need a daily log.",
        )
    )
    return Review(athlete, as_of, weekly, _sort(flags))


def athlete_flags(athlete: Athlete, as_of: dt.date | None = None) -> list[Flag]:
    """The athlete's flags up to ``as_of``, by date (worst first within a day)."""
    return review(athlete, as_of).flags


FLAG_COLUMNS: tuple[str, ...] = ("date", "rule", "severity", "message", "evidence")


def flags_frame(flags: list[Flag] | Athlete, as_of: dt.date | None = None) -> pd.DataFrame:
    """Flags as a table (``date`` as datetime64, ``severity`` an ordered categorical)."""
    if isinstance(flags, Athlete):
        flags = athlete_flags(flags, as_of)
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime([f.date for f in flags]).as_unit("ns")
            if flags
            else pd.Series(dtype="datetime64[ns]"),
            "rule": pd.Series([f.rule for f in flags], dtype="str"),
            "severity": pd.Categorical(
                [f.severity for f in flags], categories=list(SEVERITY_RANK), ordered=True
            ),
            "message": pd.Series([f.message for f in flags], dtype="str"),
            "evidence": pd.Series([f.evidence for f in flags], dtype="str"),
        }
    )
    return frame


def worst_first(flags: list[Flag]) -> list[Flag]:
    """Most urgent first, then newest first: the order a coach reads them in."""
    return sorted(flags, key=lambda f: (-f.rank, -f.date.toordinal(), f.rule))
