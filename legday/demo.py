"""The bundled demo roster, kept current.

The demo files are written around a fixed last logged day. Loading them moves
every date (log, races, block start) forward by whole weeks so the latest log
day falls within the past week: weekdays stay weekdays, and "12 days to the race"
stays 12 days however long after the release the demo is opened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pandas as pd

from legday import clock
from legday.io import LoadResult, load_folder
from legday.model import Athlete

DEMO_DIR = Path(__file__).resolve().parent.parent / "data"


def demo_shift_days(last_logged: dt.date, today: dt.date) -> int:
    """Whole weeks that bring ``last_logged`` to the latest same weekday before today."""
    yesterday = today - dt.timedelta(days=1)
    return 7 * ((yesterday - last_logged).days // 7)


def shift_athlete(athlete: Athlete, days: int) -> Athlete:
    """The same athlete with every date moved by ``days`` (a multiple of 7)."""
    if days == 0:
        return athlete
    delta = dt.timedelta(days=days)
    profile = athlete.profile
    profile = replace(
        profile,
        races=tuple(replace(race, date=race.date + delta) for race in profile.races),
        block_start=profile.block_start + delta if profile.block_start else None,
    )
    log = athlete.days.assign(date=athlete.days["date"] + pd.Timedelta(days=days))
    totals = athlete.week_totals
    if totals is not None:
        totals = totals.assign(week_of=totals["week_of"] + pd.Timedelta(days=days))
    sets, written = athlete.sets, athlete.log_days
    if sets is not None:
        sets = sets.assign(date=sets["date"] + pd.Timedelta(days=days))
    if written is not None:
        written = written.assign(date=written["date"] + pd.Timedelta(days=days))
    note = f"demo data: dates moved {days // 7} weeks forward so the log is current"
    return replace(
        athlete,
        profile=profile,
        days=log,
        week_totals=totals,
        notes=(*athlete.notes, note),
        sets=sets,
        log_days=written,
    )


def last_logged(results: list[LoadResult]) -> dt.date | None:
    """The roster's latest logged day (every athlete shifts by the same weeks)."""
    days = [r.athlete.last_date for r in results if r.athlete and r.athlete.last_date]
    return max(days) if days else None


def shift_for(results: list[LoadResult], today: dt.date) -> int:
    """The whole-week shift that makes the unshifted demo ``results`` current on ``today``."""
    last = last_logged(results)
    return demo_shift_days(last, today) if last is not None else 0


def shifted(results: list[LoadResult], days: int) -> list[LoadResult]:
    """New results with every athlete moved ``days`` forward (the input stays as it was,
    so one unshifted copy can serve every shift)."""
    return [
        replace(r, athlete=shift_athlete(r.athlete, days)) if r.athlete is not None else r
        for r in results
    ]


def load_raw(folder: Path = DEMO_DIR) -> list[LoadResult]:
    """The demo files as written, dates unshifted."""
    return load_folder(folder)


def load_demo(today: dt.date | None = None, folder: Path = DEMO_DIR) -> list[LoadResult]:
    """The demo roster as it reads on ``today``: one shift for all, so they stay in step."""
    raw = load_raw(folder)
    return shifted(raw, shift_for(raw, today or clock.today()))
