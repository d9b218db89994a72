"""Coach flags: one hand-made log per rule, with the numbers each flag must name."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from legday import rules
from legday.flags import Flag, athlete_flags, flags_frame, review, worst_first
from legday.model import Athlete, Profile, Race, days_from_records, empty_days


def athlete(records: list[dict], **profile) -> Athlete:
    return Athlete(Profile(id="t", name="Test", **profile), days_from_records(records))


def day(date: str, **fields) -> dict:
    return {"date": date, **fields}


def easy_days(start: str, count: int, distance: float = 3.0, **fields) -> list[dict]:
    first = pd.Timestamp(start)
    return [
        day(str((first + pd.Timedelta(days=i)).date()), run="easy", distance=distance, **fields)
        for i in range(count)
    ]


def only(flags: list[Flag], rule: str) -> list[Flag]:
    return [f for f in flags if f.rule == rule]


# --- S5, S4, S3: where the leg session sits ------------------------------------------


def test_s5_heavy_the_day_before_a_long_run():
    a = athlete(
        [
            day("2026-03-02", run="easy", distance=3, strength="heavy"),
            day("2026-03-03", run="long", distance=12),
        ]
    )
    (flag,) = only(athlete_flags(a), "S5")
    assert (flag.date, flag.severity) == (dt.date(2026, 3, 2), "act")
    assert "long run (12 mi)" in flag.message and "Tue 2026-03-03" in flag.message
    assert flag.evidence.startswith("moderate: Doma")


def test_s5_not_for_light_or_before_an_easy_run():
    a = athlete(
        [
            day("2026-03-02", strength="light"),
            day("2026-03-03", run="hard", distance=5),
            day("2026-03-05", strength="heavy"),
            day("2026-03-06", run="easy", distance=3),
        ]
    )
    assert only(athlete_flags(a), "S5") == []


def test_s4_leg_session_the_day_after_a_hard_run():
    a = athlete(
        [
            day("2026-03-02", run="hard", distance=6, strength="heavy"),  # same day: fine (S6)
            day("2026-03-03", run="easy", distance=3, strength="light"),
        ]
    )
    (flag,) = only(athlete_flags(a), "S4")
    assert (flag.date, flag.severity) == (dt.date(2026, 3, 3), "watch")
    assert "after a hard run (6 mi)" in flag.message


def test_s3_lifting_on_a_rest_day_names_the_usual_week():
    week = {"mon": "easy", "tue": "hard", "wed": "rest", "thu": "easy", "fri": "rest",
            "sat": "long", "sun": "rest"}  # fmt: skip
    a = athlete(
        [
            day("2026-03-02", run="easy", distance=3),
            day("2026-03-04", strength="light"),  # Wednesday, rest in the usual week
            day("2026-03-05", run="cross", minutes=40, strength="light"),  # cross: not rest
            day("2026-03-06", run="easy", distance=3),
        ],
        week=week,
        week_source="profile",
    )
    (flag,) = only(athlete_flags(a), "S3")
    assert (flag.date, flag.severity) == (dt.date(2026, 3, 4), "watch")
    assert "usual week" in flag.message


def test_s3_without_a_declared_week_still_flags_the_logged_rest_day():
    a = athlete([day("2026-03-02", run="easy", distance=3), day("2026-03-03", strength="heavy")])
    (flag,) = only(athlete_flags(a), "S3")
    assert "usual week" not in flag.message


# --- S1 and S1/S12: how many sessions --------------------------------------------------


def test_s1_three_and_four_sessions_in_a_week():
    lifts = ["2026-03-02", "2026-03-04", "2026-03-06"]  # week 1: 3 sessions
    lifts += ["2026-03-09", "2026-03-10", "2026-03-12", "2026-03-14"]  # week 2: 4
    lifts += ["2026-03-16", "2026-03-18"]  # week 3: 2, fine
    a = athlete([day(d, run="easy", distance=3, strength="light") for d in lifts])
    flags = only(athlete_flags(a), "S1")
    assert [(f.date, f.severity) for f in flags] == [
        (dt.date(2026, 3, 8), "watch"),  # flagged on the week's Sunday
        (dt.date(2026, 3, 15), "act"),
    ]
    assert flags[0].message.startswith("3 leg sessions")


def test_s1_s12_fourteen_days_without_a_leg_session():
    # a session on 2 Mar, then 19 days without (3..21 Mar), then one on 22 Mar
    records = easy_days("2026-03-02", 21)
    records[0]["strength"] = "light"
    records.append(day("2026-03-22", run="easy", distance=3, strength="light"))
    (flag,) = only(athlete_flags(a := athlete(records)), "S1/S12")
    assert flag.date == dt.date(2026, 3, 16)  # 2 Mar + 14 days: the 14th day without
    assert "No leg session for 19 days (since Mon 2026-03-02, to Sat 2026-03-21)" in flag.message
    assert a.last_date == dt.date(2026, 3, 22)


def test_s1_s12_not_inside_a_taper():
    records = easy_days("2026-03-02", 21)
    records[0]["strength"] = "light"
    race = Race("10K", dt.date(2026, 3, 25))  # 25 Mar - 14 = 11 Mar: the gap is in the taper
    a = athlete(records, races=(race,))
    assert only(athlete_flags(a), "S1/S12") == []


# --- S8: the taper ---------------------------------------------------------------------


def test_s8_heavy_in_the_last_ten_days_and_anything_in_the_last_two():
    race = Race("Half", dt.date(2026, 4, 19))
    a = athlete(
        [
            day("2026-04-05", run="easy", distance=3, strength="heavy"),  # 14 days out: ok
            day("2026-04-09", run="easy", distance=3, strength="heavy"),  # 10 days: act
            day("2026-04-14", run="easy", distance=3, strength="light"),  # 5 days, light: ok
            day("2026-04-17", run="easy", distance=3, strength="light"),  # 2 days: act
        ],
        races=(race,),
    )
    flags = only(athlete_flags(a), "S8")
    assert [(f.date, f.severity) for f in flags] == [
        (dt.date(2026, 4, 9), "act"),  # heavy, 10 days out
        (dt.date(2026, 4, 14), "watch"),  # light, but 5 days after the 9th: 2 in 7 days
        (dt.date(2026, 4, 17), "act"),  # 2 days out: nothing at all
    ]
    assert "10 days before the race on Sun 2026-04-19" in flags[0].message
    assert "one leg session a week at most" in flags[1].message


def test_s8_a_race_after_as_of_still_counts():
    race = Race("5K", dt.date(2026, 4, 20))
    a = athlete([day("2026-04-15", run="easy", distance=3, strength="heavy")], races=(race,))
    (flag,) = only(athlete_flags(a), "S8")
    assert "5 days before" in flag.message  # 20 - 15


# --- S10: soreness ---------------------------------------------------------------------


def sore_days(start: str, values: list[float | None], **fields) -> list[dict]:
    first = pd.Timestamp(start)
    return [
        day(str((first + pd.Timedelta(days=i)).date()), soreness=v, **fields)
        for i, v in enumerate(values)
    ]


def test_s10_a_day_at_seven_or_more():
    # 2..6 Mar: 6, 7, 6, 8, 2: 7 on the 3rd is a day at 7 or more: one flag for the stretch
    a = athlete(sore_days("2026-03-02", [6, 7, 6, 8, 2]))
    (flag,) = only(athlete_flags(a), "S10")
    assert (flag.date, flag.severity) == (dt.date(2026, 3, 3), "act")
    assert "a day at 7 or more" in flag.message and "6 Mon, 7 Tue, 6 Wed, 8 Thu" in flag.message


def test_s10_two_days_at_six_in_a_week():
    a = athlete(sore_days("2026-03-02", [6, 3, None, 2, 6, 1]))  # 6 on Mon and Fri
    (flag,) = only(athlete_flags(a), "S10")
    assert (flag.date, flag.severity) == (dt.date(2026, 3, 6), "act")
    assert "2 days at 6 or more in the last 7" in flag.message


def test_s10_rising_three_days_to_above_five():
    a = athlete(sore_days("2026-03-02", [4, 5, 5.5, 1]))  # 4 -> 5 -> 5.5: above 5
    (rise,) = only(athlete_flags(a), "S10")
    assert (rise.date, rise.severity) == (dt.date(2026, 3, 4), "watch")
    assert "rising 3 days in a row to above 5" in rise.message
    # 2 -> 5 -> 6, then 6.5: the rise starts the stretch, 2 days at 6 or more make it act
    (both,) = only(athlete_flags(athlete(sore_days("2026-03-02", [2, 5, 6, 6.5, 1]))), "S10")
    assert (both.date, both.severity) == (dt.date(2026, 3, 4), "act")
    assert "rising 3 days in a row to above 5, then 2 days at 6 or more" in both.message


def test_s10_changes_inside_the_fine_band_never_flag():
    a = athlete(sore_days("2026-03-02", [0, 1, 2, 3, 1, 2, 3, 3, 2]))
    assert only(athlete_flags(a), "S10") == []


def test_s10_heavy_legs_with_a_run_harder_than_usual():
    usual = [
        day(f"2026-03-{d:02d}", run="easy", distance=5, minutes=40, rpe=3) for d in range(2, 15)
    ]
    odd = day("2026-03-15", run="easy", distance=5, minutes=40, rpe=6, notes="legs: heavy")
    fine = day("2026-03-16", run="easy", distance=5, minutes=40, rpe=3, notes="legs: heavy")
    (flag,) = only(athlete_flags(athlete([*usual, odd])), "S10")
    assert flag.date == dt.date(2026, 3, 15) and flag.severity == "watch"
    assert "heavy legs" in flag.message
    # heavy legs at the usual effort: not a signal on its own
    assert only(athlete_flags(athlete([*usual, fine])), "S10") == []


# --- M1, M2, M3: volume --------------------------------------------------------------


def test_m1_thirty_percent_over_two_weeks():
    # weekly distance 20, 22, 27: 27 / 20 = 1.35, up 35%; then 28: 28 / 22 = 1.27, no flag
    a = athlete(
        easy_days("2026-03-02", 4, 5.0)
        + easy_days("2026-03-09", 2, 11.0)
        + easy_days("2026-03-16", 3, 9.0)
        + easy_days("2026-03-23", 4, 7.0)
    )
    (flag,) = only(athlete_flags(a), "M1")
    assert flag.date == dt.date(2026, 3, 22)
    assert "27 mi" in flag.message and "35% above 20 mi" in flag.message


def test_m1_not_against_a_partial_first_week():
    # Sat-Sun 2 x 3 = 6, then 20, then 30: 30 / 6 is not a real ramp; 30 / 20 is one week
    a = athlete(
        easy_days("2026-03-07", 2)
        + easy_days("2026-03-09", 4, 5.0)
        + easy_days("2026-03-16", 5, 6.0)
    )
    assert only(athlete_flags(a), "M1") == []


def test_m2_single_run_spike():
    records = easy_days("2026-02-01", 30, 4.0)
    records[10]["distance"] = 10.0  # longest of the 30 days before 3 Mar
    records += [
        day("2026-03-03", run="long", distance=11.0),  # 11 / 10 = 1.10: not more than 10%
        day("2026-03-10", run="long", distance=12.5),  # 12.5 / 11 = 1.136: watch
        day("2026-03-17", run="long", distance=26.0),  # 26 / 12.5 = 2.08: act
        day("2026-03-24", run="race", distance=60.0),  # a race: never a spike flag
    ]
    flags = only(athlete_flags(athlete(records)), "M2")
    assert [(f.date, f.severity) for f in flags] == [
        (dt.date(2026, 3, 10), "watch"),
        (dt.date(2026, 3, 17), "act"),
    ]
    assert "14% longer than the longest run of the previous 30 days (11 mi)" in flags[0].message


def test_m2_needs_thirty_days_of_history():
    a = athlete([*easy_days("2026-02-01", 10, 3.0), day("2026-02-11", run="long", distance=9)])
    assert only(athlete_flags(a), "M2") == []


def test_m3_acwr_is_descriptive_never_injury():
    # 21 days of 1, then 7 days of 4: acute 28, chronic (21 + 28) / 4 = 12.25 -> 2.29
    a = athlete(easy_days("2026-02-02", 21, 1.0) + easy_days("2026-02-23", 7, 4.0))
    (flag,) = only(athlete_flags(a), "M3")
    assert flag.severity == "info"
    assert "2.29" in flag.message and "contested" in flag.message
    assert "injury" not in flag.message.lower()
    assert flag.evidence.startswith("contested:")


# --- weekly totals, as-of, frames ----------------------------------------------------


def test_weekly_totals_get_week_flags_and_a_coverage_note():
    totals = pd.DataFrame(
        {
            "week_of": pd.to_datetime(["2026-01-05", "2026-01-12", "2026-01-19"]),
            "distance": [20.0, 22.0, 30.0],  # 30 / 20 = 1.5: M1
            "long_run": [8.0, 8.0, 12.0],
            "runs": [4.0, 4.0, 5.0],
            "strength_sessions": [3.0, 0.0, 0.0],  # S1 in week 1; S1/S12 by week 3
            "soreness": [2.0, 2.0, 2.0],
        }
    )
    a = Athlete(Profile(id="w", name="W", units="km"), empty_days(), week_totals=totals)
    flags = athlete_flags(a)
    assert sorted(f.rule for f in flags) == ["D1", "M1", "S1", "S1/S12"]
    (m1,) = only(flags, "M1")
    assert "30 km" in m1.message and m1.date == dt.date(2026, 1, 25)
    (d1,) = only(flags, "D1")
    assert d1.severity == "info" and "daily log" in d1.message


def test_as_of_hides_later_days():
    a = athlete(
        [
            day("2026-03-02", run="easy", distance=3, strength="heavy"),
            day("2026-03-03", run="long", distance=10),
            day("2026-03-10", run="easy", distance=3, strength="heavy"),
            day("2026-03-11", run="hard", distance=5),
        ]
    )
    assert len(only(athlete_flags(a), "S5")) == 2
    assert len(only(athlete_flags(a, as_of=dt.date(2026, 3, 9)), "S5")) == 1


def test_frame_order_and_evidence():
    a = athlete(
        [
            day("2026-03-02", run="hard", distance=3, strength="heavy"),
            day("2026-03-03", run="long", distance=10, strength="light"),
        ]
    )
    flags = athlete_flags(a)
    frame = flags_frame(flags)
    assert list(frame.columns) == ["date", "rule", "severity", "message", "evidence"]
    assert frame["severity"].cat.ordered
    assert worst_first(flags)[0].severity == "act"
    for f in flags:
        assert f.evidence == rules.evidence(f.rule)
        assert f.evidence.split(":")[0] in {"strong", "moderate", "weak", "contested", "n/a"}
    assert review(a).weekly["distance"].tolist() == [13.0]


def test_no_flags_for_an_empty_log():
    a = Athlete(Profile(id="e", name="E"), empty_days())
    assert athlete_flags(a) == []
    assert flags_frame([]).empty


@given(
    st.lists(
        st.tuples(
            st.integers(0, 90),
            st.sampled_from(["rest", "easy", "hard", "long", "race", "cross"]),
            st.sampled_from(["none", "light", "heavy"]),
            st.one_of(st.none(), st.integers(0, 10)),
            st.floats(0, 30, allow_nan=False),
        ),
        min_size=1,
        max_size=50,
    )
)
def test_flags_are_well_formed_and_inside_the_log(rows):
    first = pd.Timestamp("2026-01-20")
    records = [
        day(str((first + pd.Timedelta(days=o)).date()), run=k, strength=s, soreness=sore,
            distance=d)
        for o, k, s, sore, d in rows
    ]  # fmt: skip
    a = athlete(records, races=(Race("R", dt.date(2026, 3, 1)),))
    start = a.days["date"].min().date()
    for f in athlete_flags(a):
        assert start <= f.date <= a.last_date
        assert f.severity in {"info", "watch", "act"}
        assert f.rule.split("/")[0] in rules.RULES
        assert "nan" not in f.message
    assert np.all(np.diff([f.date.toordinal() for f in athlete_flags(a)]) >= 0)


def test_as_of_may_be_a_timestamp_or_string():
    a = athlete([day("2026-03-02", run="easy", distance=3, strength="heavy"),
                 day("2026-03-03", run="long", distance=10)])  # fmt: skip
    assert review(a, pd.Timestamp("2026-03-03")).as_of == dt.date(2026, 3, 3)
    assert len(athlete_flags(a, "2026-03-03")) == len(athlete_flags(a))


def test_every_rule_states_its_evidence_strength():
    for rule in rules.RULES.values():
        strength, _, source = rule.evidence.partition(": ")
        assert strength in {"strong", "moderate", "weak", "contested", "n/a"}, rule.id
        assert source and rule.summary.endswith("."), rule.id
