"""The 8-week block (S9) follows the runner: weeks with a heavy session count, weeks
without one hold it, 3 such weeks resume two weeks lower, 6 restart; week 8 deloads."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from legday.model import Athlete, Profile, days_from_records
from legday.planner import plan_week, position
from legday.progression import PRESCRIPTION, block_table, progression_from_table

START = dt.date(2026, 1, 5)  # a Monday


def weeks(counts: list[int], start: dt.date = START) -> pd.Series:
    index = pd.date_range(pd.Timestamp(start), periods=len(counts), freq="7D")
    return pd.Series(counts, index=index, dtype="float64")


def after(counts: list[int], after_block: str = "new", block_start=None, heavy=None):
    """Progression of the week right after ``counts`` (sessions per logged week; heavy
    sessions per week, or every session heavy)."""
    end = START + dt.timedelta(days=7 * (len(counts) - 1))
    table = block_table(
        weeks(counts), end, block_start, heavy=None if heavy is None else weeks(heavy)
    )
    return progression_from_table(table, block_start, after_block)


def test_consistent_weeks_count_up() -> None:
    # 3 consistent weeks done: the next week is week 4
    prog = after([2, 1, 2])
    assert (prog.week, prog.focus, prog.sets, prog.status) == (4, "form", 3, "building")


def test_a_week_without_heavy_work_holds_the_count() -> None:
    # 1, miss, 1, miss, miss: 2 consistent weeks; 2 misses in a row hold -> week 3
    prog = after([1, 0, 1, 0, 0])
    assert (prog.week, prog.status) == (3, "building")
    assert "2 weeks without a heavy leg session held the count" in prog.note


def test_light_sessions_do_not_move_the_block() -> None:
    # sessions every week, heavy only in the first two: the block stays at week 3
    prog = after([2, 2, 1, 1], heavy=[1, 1, 0, 0])
    assert prog.week == 3


def test_three_weeks_without_heavy_work_resume_two_weeks_lower() -> None:
    # 6 consistent weeks (next would be week 7), then a taper, race week and recovery
    # week without heavy work: 7 - 2 = week 5
    prog = after([1] * 6 + [1, 1, 0], heavy=[1] * 6 + [0, 0, 0])
    assert (prog.week, prog.status) == (5, "resumed")
    assert "resumes 2 weeks lower, at week 5" in prog.note


def test_a_resume_never_goes_below_week_one() -> None:
    # one week done (next would be week 2), then 4 weeks off: 2 - 2 -> week 1
    assert after([1, 0, 0, 0, 0]).week == 1


def test_six_weeks_without_heavy_work_restart_at_week_one() -> None:
    prog = after([1, 1, 1, 1, 0, 0, 0, 0, 0, 0])
    assert (prog.week, prog.status) == (1, "restarted")
    assert "6 logged weeks in a row without a heavy leg session" in prog.note


def test_the_marathon_case_of_the_issue() -> None:
    """Block week 6 done, then five weeks without heavy work (taper, race, recovery):
    week 7 would be next; 5 weeks is a resume, two lower: week 5, not week 7."""
    prog = after([1] * 6 + [1, 1, 0, 0, 0], heavy=[1] * 6 + [0] * 5)
    assert prog.week == 5 and prog.focus == "load"


def test_count_after_a_restart_starts_again() -> None:
    # 4 weeks, 6 missed (restart), then 2 weeks: week 3 of the second run of blocks
    prog = after([1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1])
    assert (prog.week, prog.block) == (3, 2)


def test_after_week_eight_off_season_starts_a_new_block_from_the_last_ones_level() -> None:
    prog = after([2] * 8)
    assert (prog.week, prog.block, prog.status, prog.sets) == (1, 2, "new-block", 2)
    assert prog.carried and prog.variation == "harder"  # not back to the base variation
    assert "from the last block's weights" in prog.note
    # 10 consistent weeks: 10 - 8 = week 3 of block 2
    assert after([2] * 10).week == 3


def test_after_week_eight_the_profile_may_say_maintain() -> None:
    prog = after([1] * 9, after_block="maintain")
    assert (prog.focus, prog.sets, prog.status) == ("maintain", 2, "maintaining")
    assert "S12" in prog.note


def test_prescription_weeks() -> None:
    """Weeks 1-4 form, 2 sets moving to 3; weeks 5-7 load, up to 4 sets, the harder
    variation from week 7; week 8 a deload: the harder variation, half the sets."""
    assert [PRESCRIPTION[w][1] for w in range(1, 9)] == [2, 2, 3, 3, 3, 4, 4, 2]
    assert {PRESCRIPTION[w][0] for w in range(1, 5)} == {"form"}
    assert {PRESCRIPTION[w][0] for w in range(5, 8)} == {"load"}
    assert PRESCRIPTION[8][0] == "deload"
    assert [PRESCRIPTION[w][2] for w in (6, 7, 8)] == ["base", "harder", "harder"]


def test_block_start_counts_from_its_week() -> None:
    # lifting since START, but the block starts 3 weeks later: 2 weeks counted -> week 3
    block_start = START + dt.timedelta(days=21 + 2)  # a Wednesday snaps to its Monday
    prog = after([1, 1, 1, 1, 1], block_start=block_start)
    assert prog.week == 3


def test_block_start_after_the_log_starts_at_week_one() -> None:
    prog = after([1, 1], block_start=START + dt.timedelta(days=70))
    assert (prog.week, prog.status) == (1, "starting")
    assert "block start" in prog.note


def test_no_sessions_at_all_starts_at_week_one() -> None:
    prog = after([0, 0, 0])
    assert (prog.week, prog.status) == (1, "starting")


def test_block_table_columns() -> None:
    # 3 weeks off after week 3 (next: week 4): resumed two lower, at week 2
    table = block_table(weeks([1, 1, 1, 0, 0, 0, 2]), START + dt.timedelta(days=42))
    assert table["missed_run"].tolist() == [0, 0, 0, 1, 2, 3, 0]
    assert table["block"].tolist() == [0, 0, 0, 0, 0, 0, 0]
    assert table["count"].tolist() == [1, 2, 3, 3, 3, 3, 2]
    # 6 weeks off: a restart (block 1), counting from 1 again
    table = block_table(weeks([1, 0, 0, 0, 0, 0, 0, 2]), START + dt.timedelta(days=49))
    assert (table["block"].iloc[-1], table["count"].iloc[-1]) == (1, 1)


def test_from_the_daily_frame_counts_distinct_session_days_per_week() -> None:
    records = [
        {"date": "2026-01-06", "strength": "heavy"},
        {"date": "2026-01-06", "strength": "light"},  # a double row on one day counts once
        {"date": "2026-01-08", "strength": "light"},
        {"date": "2026-01-13", "strength": "none", "run": "easy"},
        {"date": "2026-01-21", "strength": "heavy"},
        {"date": "2026-01-25", "run": "easy"},
    ]
    athlete = Athlete(Profile(id="a", name="A"), days_from_records(records))
    # weeks of 5 Jan (2 days) and 19 Jan (1 day) are consistent, 12 Jan is held: week 3
    assert position(athlete, dt.date(2026, 1, 25))[1] == 3


def test_from_weekly_totals() -> None:
    totals = pd.DataFrame(
        {
            "week_of": pd.to_datetime(["2026-01-05", "2026-01-12", "2026-01-19"]),
            "distance": [20.0, 22.0, 24.0],
            "long_run": [8.0, 8.0, 9.0],
            "runs": [3.0, 3.0, 3.0],
            "strength_sessions": [2.0, 0.0, 1.0],
            "soreness": [2.0, 2.0, 2.0],
        }
    )
    athlete = Athlete(Profile(id="k", name="K"), days_from_records([]), week_totals=totals)
    # 2 consistent weeks, one held: week 3
    assert position(athlete, dt.date(2026, 1, 25))[1] == 3


def test_unlogged_weeks_hold_the_count_instead_of_restarting_it() -> None:
    """L1: 3 lifted weeks, then 4 weeks with no log at all: not missed, the count holds."""
    lifted = [{"date": f"2026-01-{d:02d}", "run": "easy", "strength": "heavy"} for d in (6, 13, 20)]
    back = [{"date": "2026-02-22", "run": "easy"}]
    athlete = Athlete(Profile(id="g", name="G"), days_from_records([*lifted, *back]))
    prog = plan_week(athlete, as_of=dt.date(2026, 2, 22)).progression
    assert (prog.week, prog.status) == (4, "building")  # 3 counted, nothing restarted


def test_planning_ahead_never_counts_future_weeks_as_missed() -> None:
    lifted = [{"date": f"2026-01-{d:02d}", "run": "easy", "strength": "heavy"} for d in (6, 13, 20)]
    athlete = Athlete(Profile(id="g", name="G"), days_from_records(lifted))
    plan = plan_week(athlete, week_of=dt.date(2026, 3, 2))  # 5 weeks after the log ends
    assert plan.progression.week == 4
    assert not any("restart" in f for f in plan.flags)


def test_a_first_block_starts_with_two_light_weeks() -> None:
    """S14: no leg work in the 8 weeks before the block: weeks 1-2 light, then loaded."""
    assert progression_from_table(block_table(weeks([]), START), first_block=True).light_only
    first = block_table(weeks([1]), START)
    assert progression_from_table(first, first_block=True).light_only  # week 2
    two = block_table(weeks([1, 1]), START + dt.timedelta(days=7))
    assert not progression_from_table(two, first_block=True).light_only  # week 3
    assert not progression_from_table(first, first_block=False).light_only
