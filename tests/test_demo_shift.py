"""The demo never goes stale: whole-week shifts keep weekdays and race countdowns."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from legday.demo import demo_shift_days, shift_athlete
from legday.model import Athlete, Profile, Race, days_from_records

LAST = dt.date(2026, 11, 22)  # a Sunday


@given(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_shift_is_whole_weeks_and_ends_within_the_past_week(today: dt.date) -> None:
    shift = demo_shift_days(LAST, today)
    moved = LAST + dt.timedelta(days=shift)
    assert shift % 7 == 0
    assert moved.weekday() == LAST.weekday()
    # the last logged day lands on yesterday or up to six days before it
    assert today - dt.timedelta(days=7) <= moved <= today - dt.timedelta(days=1)


def test_no_shift_right_after_release() -> None:
    # opened on 2026-11-26: yesterday is 11-25, three days after the anchor -> no move
    assert demo_shift_days(LAST, dt.date(2026, 11, 26)) == 0


def test_a_year_later_the_race_is_still_12_days_after_the_log() -> None:
    athlete = Athlete(
        Profile(
            id="dan",
            name="Dan",
            races=(Race("Marathon", dt.date(2026, 12, 4), 26.2),),
            block_start=dt.date(2026, 9, 7),
        ),
        days_from_records([{"date": LAST, "run": "easy", "distance": 5}]),
    )
    today = dt.date(2027, 11, 30)
    moved = shift_athlete(athlete, demo_shift_days(LAST, today))
    last = moved.last_date
    assert (moved.profile.races[0].date - last).days == 12  # 2026-12-04 - 2026-11-22
    assert last.weekday() == 6  # still a Sunday
    assert today - dt.timedelta(days=7) <= last < today
    assert moved.profile.block_start.weekday() == dt.date(2026, 9, 7).weekday()
    assert isinstance(moved.days["date"].iloc[0], pd.Timestamp)
    assert any("demo data" in note for note in moved.notes)
