"""The daily check-in: this morning's leg soreness, how the legs feel, the RPE of
today's session and, when something hurts, the pain and where, added to a log in ten
seconds.

Soreness is what rule S10 (back off when soreness drags on) needs and what no watch
export holds; the check-in is how an imported log starts collecting it. Pain is apart
from soreness (H1): localised, at a site, and a reason to take the load off it.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd

from legday.model import DAY_COLUMNS, PAIN_SITES, days_from_records

#: The note fragment a check-in writes; a later check-in on the same day replaces it.
FEEL_PREFIX = "legs: "
_FEEL_PART = re.compile(r"(?:^|;\s*)legs: [^;|]*")


def add_checkin(
    days: pd.DataFrame,
    date: dt.date | str | pd.Timestamp,
    soreness: int,
    feel: str = "",
    rpe: float | None = None,
    pain: float | None = None,
    pain_site: str = "",
) -> pd.DataFrame:
    """A new log with ``date``'s check-in added or updated; every other row untouched.

    - soreness (0-10, legs, that morning) goes on the date's first row (and replaces
      any soreness already on the date's other rows, so a double day never says two
      things); a date with no row gets a rest-day row.
    - feel ("heavy", "fresh" ...) goes into that row's notes as ``legs: heavy``,
      replacing an earlier check-in's words.
    - rpe (0-10) is for today's session: the leg session's ``strength_rpe`` when the
      date has one (the last, if several), else the last run's ``rpe``.
    - pain (0-10, optional) and pain_site (one of PAIN_SITES) go on the first row with
      the soreness (H1: pain is not soreness).
    Raises ValueError for out-of-range numbers, an unknown site, a site without a pain
    score or an RPE on a date with no session.
    """
    day = _day(date)
    soreness_value = _checked("soreness", soreness)
    rpe_value = None if rpe is None else _checked("RPE", rpe)
    pain_value = None if pain is None else _checked("pain", pain)
    site = str(pain_site or "").strip().lower()
    if site and site not in PAIN_SITES:
        raise ValueError(f"pain site '{pain_site}' is not one of {', '.join(PAIN_SITES)}")
    if site and pain_value is None:
        raise ValueError("a pain site needs a pain score (0-10)")
    feel = " ".join(str(feel).split())[:200]
    out = days.reindex(columns=list(DAY_COLUMNS)).astype(DAY_COLUMNS).copy()
    on_day = out["date"] == day
    if not on_day.any():
        if rpe_value is not None:
            raise ValueError(f"no session logged on {day.date().isoformat()} to attach an RPE to")
        row = {"date": day, "soreness": soreness_value, "notes": _with_feel("", feel)}
        if pain_value is not None:
            row.update(pain=pain_value, pain_site=site)
        out = pd.concat([out, days_from_records([row])], ignore_index=True)
        order = out["date"].argsort(kind="stable")
        return out.iloc[order.to_numpy()].reset_index(drop=True)
    labels = out.index[on_day]
    first = labels[0]
    out.loc[first, "soreness"] = soreness_value
    others = labels[1:]
    out.loc[others[out.loc[others, "soreness"].notna().to_numpy()], "soreness"] = soreness_value
    out.loc[first, "notes"] = _with_feel(out.loc[first, "notes"], feel)
    if pain_value is not None:
        out.loc[first, ["pain", "pain_site"]] = [pain_value, site]
    if rpe_value is not None:
        lifts = labels[out.loc[labels, "strength"] != "none"]
        runs = labels[~out.loc[labels, "run"].isin(["rest"])]
        if len(lifts):
            out.loc[lifts[-1], "strength_rpe"] = rpe_value
        elif len(runs):
            out.loc[runs[-1], "rpe"] = rpe_value
        else:
            raise ValueError(f"no session logged on {day.date().isoformat()} to attach an RPE to")
    return out


def _day(date: dt.date | str | pd.Timestamp) -> pd.Timestamp:
    try:
        stamp = pd.Timestamp(date)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"date '{date}' is not a date (use YYYY-MM-DD)") from exc
    if pd.isna(stamp):
        raise ValueError("date is missing")
    return stamp.tz_localize(None).normalize() if stamp.tzinfo else stamp.normalize()


def _checked(what: str, value: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{what} '{value}' is not a number") from exc
    if not math.isfinite(number) or not 0 <= number <= 10:
        raise ValueError(f"{what} {value} is outside 0-10")
    return number


def _with_feel(notes: str, feel: str) -> str:
    """Notes with the check-in's ``legs: ...`` part set (or removed when feel is blank)."""
    kept = _FEEL_PART.sub("", notes or "").strip().strip(";").strip()
    if not feel:
        return kept
    part = FEEL_PREFIX + feel.replace(";", ",").replace("|", "/")
    return f"{kept}; {part}" if kept else part
