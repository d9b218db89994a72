"""The season ahead: the strip's length to the next A race, its table, the strength
block week by week, and the days and equipment a plan was made for."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields, replace

import pandas as pd
import pytest

from legday import metrics, planner, season
from legday.demo import load_demo
from legday.model import Athlete, Profile, Race, days_from_records

MONDAY = dt.date(2026, 11, 30)
DEMO_DAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def demo() -> dict[str, Athlete]:
    return {r.athlete.id: r.athlete for r in load_demo(DEMO_DAY) if r.athlete is not None}


def _profile(*races: Race) -> Profile:
    return Profile(id="p", name="P", races=races)


# --------------------------------------------------------------------------- the strip


def test_the_strip_runs_through_the_next_a_race_and_its_recovery() -> None:
    # Sat 2027-01-16 is in the week of Mon 01-11: 30 Nov .. 11 Jan is 7 weeks; a race
    # without a distance counts as a half, 7 days of recovery to Sat 01-23, in the week
    # of 01-18: 8 weeks
    profile = _profile(Race("Half", dt.date(2027, 1, 16), priority="A"))
    assert season.season_weeks(profile, MONDAY) == 8
    assert season.next_a_race(profile, MONDAY).name == "Half"


def test_b_and_c_races_and_races_before_the_week_do_not_count() -> None:
    profile = _profile(
        Race("Before", dt.date(2026, 11, 29), priority="A"),
        Race("B", dt.date(2026, 12, 12), priority="B"),
        Race("C", dt.date(2026, 12, 19), priority="C"),
    )
    assert season.next_a_race(profile, MONDAY) is None
    assert season.season_weeks(profile, MONDAY) == season.DEFAULT_WEEKS == 8


def test_a_race_this_week_is_one_week_and_a_far_race_is_capped() -> None:
    # a half's 7 recovery days from Mon 11-30 end on Mon 12-07: the strip's second week
    assert season.season_weeks(_profile(Race("Now", MONDAY, priority="A")), MONDAY) == 2
    far = _profile(Race("Far", dt.date(2027, 9, 1), priority="A"))
    assert season.season_weeks(far, MONDAY) == planner.MAX_WEEKS == 16


def test_the_season_table_has_one_row_per_planned_week(demo) -> None:
    ana = demo["ana-hills"]
    first = planner.plan_week(ana, ana.last_date)
    weeks = season.season_weeks(ana.profile, first.week_of)
    plans = planner.plan_weeks(ana, ana.last_date, weeks=weeks)
    table = season.season_table(plans, ana.profile.races)
    assert tuple(table.columns) == season.SEASON_COLUMNS
    assert len(table) == weeks
    assert table["week_of"].dt.day_of_week.eq(0).all()
    for plan, row in zip(plans, table.itertuples(), strict=True):
        assert (row.phase, row.cutback, row.block_week) == (
            plan.phase, plan.cutback, plan.progression.week
        )  # fmt: skip
        assert row.distance == pytest.approx(plan.distance, abs=0.05)
        assert row.heavy + row.light == row.sessions == plan.sessions
    # the strip ends with the A race's recovery: a half's 7 days reach into the week after
    assert table["race"].iloc[-2] == "Hilly Half" and table["week_type"].iloc[-2] == "race"
    assert (table["race"].drop(table.index[-2]) == "").all()
    assert table["week_type"].iloc[-1] in ("recovery", "rebuild")


# --------------------------------------------------------------------------- the block


def _lifter(weeks: int, miss: set[int] = frozenset(), **profile) -> Athlete:
    """Easy Tue (heavy legs in every week but those in ``miss``), hard Thu, long Sat from
    Mon 2026-09-07; soreness 3 each morning."""
    records = []
    start = dt.date(2026, 9, 7)
    for w in range(weeks):
        for offset, run in enumerate(("rest", "easy", "rest", "hard", "easy", "long", "rest")):
            day = start + dt.timedelta(days=7 * w + offset)
            lift = "heavy" if offset == 1 and w not in miss else "none"
            records.append({"date": day, "run": run, "distance": 5.0 if run != "rest" else None,
                            "strength": lift, "soreness": 3})  # fmt: skip
    return Athlete(_profile_with(**profile), days_from_records(records))


def _profile_with(**keys) -> Profile:
    """A profile with ``keys``, also those the loader does not know yet (``after_block``,
    ``strength_days``, ``equipment`` are read with getattr)."""
    known = {f.name for f in fields(Profile)}
    profile = Profile(id="l", name="L", **{k: v for k, v in keys.items() if k in known})
    for key, value in keys.items():
        if key not in known:
            object.__setattr__(profile, key, value)
    return profile


def _block(person: Athlete) -> tuple[pd.DataFrame, planner.Plan]:
    plan = planner.plan_week(person, person.last_date)
    weekly = metrics.weekly_table(person, plan.as_of)
    return season.block_table(weekly, plan, person.profile.block_start), plan


def test_the_block_shows_the_weeks_done_now_and_ahead() -> None:
    """Four weeks lifted once each: block weeks 1-4 done, 5 now, 6-8 ahead."""
    table, plan = _block(_lifter(4))
    assert tuple(table.columns) == season.BLOCK_COLUMNS
    assert plan.progression.week == 5
    assert table["when"].tolist() == ["done"] * 4 + ["now"] + ["ahead"] * 3
    assert table["block_week"].tolist() == [1, 2, 3, 4, 5, 6, 7, 8]
    done = table[table["when"] == "done"]
    assert done["consistent"].all() and (done["sessions"] == 1).all()
    assert (done["heavy"] == 1).all() and (done["light"] == 0).all()
    assert (done["soreness"] == 3).all()
    # the prescription of each block week (S9): form 2, 2, 3, 3 sets; load 3, 4, 4; deload 2
    assert table["focus"].tolist() == ["form"] * 4 + ["load"] * 3 + ["deload"]
    assert table["sets"].tolist() == [2, 2, 3, 3, 3, 4, 4, 2]
    now = table[table["when"] == "now"].iloc[0]
    assert now["week_of"] == pd.Timestamp(plan.week_of)
    assert now["sessions"] == plan.sessions


def test_a_missed_week_holds_the_count_and_shows_as_not_consistent() -> None:
    """Lifting in weeks 0, 1, 3, 4 (week 2 missed): four consistent weeks, five shown."""
    table, plan = _block(_lifter(5, miss={2}))
    done = table[table["when"] == "done"]
    assert plan.progression.week == 5
    assert done["consistent"].tolist() == [True, True, False, True, True]
    assert done["block_week"].tolist() == [1, 2, pd.NA, 3, 4]
    assert done["focus"].tolist()[2] == "" and done["sets"].tolist()[2] == 0


def test_after_week_8_maintain_shows_the_block_then_maintenance() -> None:
    table, plan = _block(_lifter(10, after_block="maintain"))
    assert plan.progression.focus == "maintain"
    done = table[table["when"] == "done"]
    assert len(done) == 8  # the last 8 consistent weeks
    assert done["block_week"].tolist()[:6] == [3, 4, 5, 6, 7, 8]
    assert done["block_week"].isna().tolist()[6:] == [True, True]  # maintenance weeks
    assert table["when"].tolist()[-1] == "now"  # nothing ahead: maintain
    assert pd.isna(table["block_week"].iloc[-1])


def test_after_week_8_new_starts_the_block_again() -> None:
    table, plan = _block(_lifter(9))  # 9 consistent weeks: week 2 of the next block
    assert plan.progression.week == 2
    assert table["when"].tolist() == ["done", "now"] + ["ahead"] * 6
    assert table["block_week"].tolist() == list(range(1, 9))


def test_what_follows_week_8_is_said() -> None:
    assert "new block starts at week 1" in season.after_block_text("new")
    assert "maintain" in season.after_block_text("maintain")
    assert "2 sets" in season.after_block_text("maintain")


# ------------------------------------------------------------------ days and equipment


def test_the_plan_says_its_days_and_equipment(demo) -> None:
    plan = planner.plan_week(demo["ana-hills"], demo["ana-hills"].last_date)
    assert season.strength_setup(plan) == (
        "Planned for leg sessions on any day the rules allow, with gym equipment "
        "(barbell and machines)."
    )
    home = replace(plan, strength_days=("sat", "tue"), equipment="home")
    assert season.strength_setup(home) == (
        "Planned for leg sessions on Tue and Sat only (the profile's strength days), with "
        "home equipment (dumbbells, bands and a step)."
    )
    bare = replace(plan, strength_days=("wed",), equipment="none")
    assert "on Wed only" in season.strength_setup(bare)
    assert "no equipment (bodyweight only)" in season.strength_setup(bare)
    three = replace(plan, strength_days=("mon", "wed", "fri"))
    assert "on Mon, Wed and Fri only" in season.strength_setup(three)


def test_weeks_to_a_race_count_its_own_week() -> None:
    assert season.weeks_to(Race("Sun", dt.date(2026, 12, 6)), MONDAY) == 1
    assert season.weeks_to(Race("Mon", dt.date(2026, 12, 7)), MONDAY) == 2
    assert season.weeks_to(Race("Far", dt.date(2027, 4, 18)), MONDAY) == 20  # 19 weeks on
