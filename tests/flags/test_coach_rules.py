"""Flags for the rules a coach adds (S6, R1-R3, W3, W4, L1): one hand-made log each."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from legday.flags import Flag, athlete_flags, review
from legday.model import Athlete, Profile, Race, days_from_records


def athlete(records: list[dict], **profile) -> Athlete:
    return Athlete(Profile(id="t", name="Test", **profile), days_from_records(records))


def day(date: str, **fields) -> dict:
    return {"date": date, **fields}


def only(flags: list[Flag], rule: str) -> list[Flag]:
    return [f for f in flags if f.rule == rule]


def test_s6_lifting_on_a_long_run_day():
    a = athlete([day("2026-03-07", run="long", distance=12, strength="light")])
    (flag,) = only(athlete_flags(a), "S6")
    assert flag.severity == "watch" and "the day of a long run (12 mi)" in flag.message


def test_r1_no_hard_or_long_run_in_the_two_days_before_a_race():
    race = Race("Spring 10K", dt.date(2026, 4, 12), 6.2)
    a = athlete(
        [
            day("2026-04-09", run="hard", distance=6),  # 3 days out: fine
            day("2026-04-10", run="hard", distance=6),  # 2 days out: R1
            day("2026-04-11", run="easy", distance=3),  # the day before: a shakeout, fine
        ],
        races=(race,),
    )
    (flag,) = only(athlete_flags(a), "R1")
    assert flag.date == dt.date(2026, 4, 10)
    assert "2 days before the race on Sun 2026-04-12" in flag.message


def test_r1_the_day_before_an_a_race_is_a_shakeout_not_a_moderate_run():
    race = Race("Marathon", dt.date(2026, 4, 12), 26.2)
    a = athlete([day("2026-04-11", run="moderate", distance=6)], races=(race,))
    (flag,) = only(athlete_flags(a), "R1")
    assert "the day before an A race is rest or a short shakeout" in flag.message
    b = Race("Marathon", dt.date(2026, 4, 12), 26.2, "C")
    assert only(athlete_flags(athlete([day("2026-04-11", run="moderate")], races=(b,))), "R1") == []


def test_r2_recovery_scales_with_the_race_distance():
    def after(distance: float) -> list[str]:
        race = Race("Race", dt.date(2026, 4, 12), distance)
        records = [
            day("2026-04-12", run="race", distance=distance),
            day("2026-04-15", run="hard", distance=5),  # 3 days after
        ]
        return [
            f.date.isoformat() for f in only(athlete_flags(athlete(records, races=(race,))), "R2")
        ]

    assert after(3.1) == []  # a 5K: about 2 days
    assert after(6.2) == ["2026-04-15"]  # a 10K: about 4 days
    assert after(26.2) == ["2026-04-15"]  # a marathon: about 14 days


def test_r2_says_which_race_and_how_long_its_recovery_is():
    race = Race("Harbour 10K", dt.date(2026, 4, 12), 6.2)
    records = [
        day("2026-04-12", run="race", distance=6.2),
        day("2026-04-14", run="hard", distance=5),
    ]
    (flag,) = only(athlete_flags(athlete(records, races=(race,))), "R2")
    # 6.2 mi = 9.98 km: between a 5K (2 days) and a 10K (4 days) by distance, about 4
    assert flag.message == (
        "Hard run (5 mi) on Tue 2026-04-14, 2 days after the race on Sun 2026-04-12 "
        "(10 km): about 4 days without a hard or long run."
    )


def test_r2_rest_the_day_after_a_half_and_no_heavy_legs_that_week():
    race = Race("Half", dt.date(2026, 4, 12), 13.1)
    a = athlete(
        [
            day("2026-04-12", run="race", distance=13.1),
            day("2026-04-13", run="easy", distance=3),  # the day after a half: rest
            day("2026-04-16", run="easy", distance=3, strength="heavy"),  # 4 days after
        ],
        races=(race,),
    )
    flags = only(athlete_flags(a), "R2")
    assert [f.date for f in flags] == [dt.date(2026, 4, 13), dt.date(2026, 4, 16)]
    assert (
        "1 day after the race on Sun 2026-04-12 (21.1 km): the day after a half or "
        "longer is rest or cross-training" in flags[0].message
    )
    assert "keep leg work light" in flags[1].message


def test_r3_a_b_race_gets_a_mini_taper_and_a_c_race_a_light_touch():
    b = Race("Tune-up 10K", dt.date(2026, 4, 12), 6.2, "B")
    heavy_4_days_out = [day("2026-04-08", run="easy", distance=3, strength="heavy")]
    (flag,) = only(athlete_flags(athlete(heavy_4_days_out, races=(b,))), "R3")
    assert "B race gets a mini-taper" in flag.message
    assert only(athlete_flags(athlete(heavy_4_days_out, races=(b,))), "S8") == []
    c = Race("Parkrun", dt.date(2026, 4, 12), 3.1, "C")
    assert only(athlete_flags(athlete(heavy_4_days_out, races=(c,))), "R3") == []
    light_the_day_before = [day("2026-04-11", run="easy", distance=3, strength="light")]
    (flag,) = only(athlete_flags(athlete(light_the_day_before, races=(c,))), "R3")
    assert "C race is trained through" in flag.message


def test_w3_seven_days_without_rest():
    first = pd.Timestamp("2026-03-02")
    runs = [
        day(str((first + pd.Timedelta(days=i)).date()), run="easy", distance=4) for i in range(9)
    ]
    (flag,) = only(athlete_flags(athlete(runs)), "W3")
    assert flag.date == dt.date(2026, 3, 10)  # the stretch's last day
    assert "9 days in a row without a rest" in flag.message
    runs[5]["run"] = "cross"  # a cross-training day breaks the stretch
    assert only(athlete_flags(athlete(runs)), "W3") == []


def test_w4_back_to_back_key_runs():
    a = athlete(
        [day("2026-03-07", run="long", distance=12), day("2026-03-08", run="hard", distance=6)]
    )
    (flag,) = only(athlete_flags(a), "W4")
    assert flag.date == dt.date(2026, 3, 8)
    assert "the day after a long run (12 mi)" in flag.message


def test_l1_weeks_with_no_logged_day_are_named():
    a = athlete(
        [
            day("2026-03-02", run="easy", distance=3, strength="light"),
            day("2026-03-23", run="easy", distance=3, strength="light"),  # 9..22 Mar: nothing
        ]
    )
    (flag,) = only(athlete_flags(a), "L1")
    assert flag.severity == "info"
    assert "2 weeks with no logged day (Mon 2026-03-09 to Sun 2026-03-22)" in flag.message
    # a gap in the log is not a gap in lifting
    assert only(athlete_flags(a), "S1/S12") == []


def test_l1_a_log_that_stopped_is_named_against_today():
    a = athlete([day("2026-03-02", run="easy", distance=3)])
    (flag,) = only(review(a, today=dt.date(2026, 3, 23)).flags, "L1")
    assert flag.severity == "watch" and flag.date == dt.date(2026, 3, 2)
    assert "21 days before today (2026-03-23)" in flag.message
    assert only(review(a, today=dt.date(2026, 3, 9)).flags, "L1") == []  # 7 days: current
