"""Property tests: every generated athlete gets a plan that keeps every rule, and the plan
reaches its session target whenever an independent brute force says the week allows it.

The rule check here is written again from coaching-reference.md, on purpose without
calling the planner's code, so a bug in ``violations`` cannot hide a bug in the planner.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from legday.model import WEEK_RUN_KINDS, WEEKDAYS, Athlete, Profile, Race, days_from_records
from legday.planner import RULES, plan_week, violations

KEY = {"hard", "long", "race"}
RULE_ID = re.compile(r"^(S\d+|V\d|W\d|P\d)(/S\d+)?: ")
WEEK_OF = dt.date(2026, 6, 1)  # a Monday


def independent_breaks(
    runs: list[str],
    levels: list[str],
    previous_run: str,
    next_run: str,
    dates: list[dt.date],
    race_dates: list[dt.date],
) -> set[str]:
    """The rules from coaching-reference.md, day by day, the slow and obvious way."""
    broken = set()
    if sum(level != "none" for level in levels) > 2:
        broken.add("S1")  # never more than 2 sessions
    in_window = 0
    for i, (run, level) in enumerate(zip(runs, levels, strict=True)):
        lift = level != "none"
        before = previous_run if i == 0 else runs[i - 1]
        after = next_run if i == len(runs) - 1 else runs[i + 1]
        if lift and run == "rest":
            broken.add("S3")
        if lift and before in ("hard", "long", "race"):
            broken.add("S4")
        if level == "heavy" and after in KEY:
            broken.add("S5")
        if lift and run in ("long", "race"):
            broken.add("S6")
        ahead = [(race - dates[i]).days for race in race_dates if race >= dates[i]]
        if ahead and lift:
            days_out = min(ahead)
            if days_out <= 2 or (level == "heavy" and days_out <= 10):
                broken.add("S8")
            if days_out <= 14:
                in_window += 1
    if in_window > 1:
        broken.add("S8")
    return broken


def best_count(runs, previous_run, next_run, dates, race_dates) -> int:
    """Most sessions any placement fits. Light only: heavy can only break more rules."""
    best = 0
    for pattern in itertools.product(("none", "light"), repeat=7):
        count = sum(p == "light" for p in pattern)
        if count > best and not independent_breaks(
            runs, list(pattern), previous_run, next_run, dates, race_dates
        ):
            best = count
    return best


def expected_phase(offsets: list[int], season: str | None) -> str:
    if any(0 <= o <= 6 for o in offsets):
        return "race-week"
    if any(7 <= o <= 14 for o in offsets):
        return "taper"
    if any(-7 <= o <= -1 for o in offsets):
        return "recovery"
    if season is None:
        season = "race-season" if any(0 <= o <= 84 for o in offsets) else "off-season"
    return "maintain" if season == "race-season" else "build"


kinds = st.sampled_from(WEEK_RUN_KINDS)
levels = st.sampled_from(("none", "light", "heavy"))


@st.composite
def athletes(draw):
    week = dict(zip(WEEKDAYS, draw(st.lists(kinds, min_size=7, max_size=7)), strict=True))
    offsets = draw(st.lists(st.integers(-9, 30), max_size=2, unique=True))
    season = draw(st.sampled_from(("off-season", "race-season", None)))
    history_days = 21
    strength = draw(st.lists(levels, min_size=history_days, max_size=history_days))
    soreness = draw(
        st.lists(
            st.one_of(st.none(), st.integers(0, 10)), min_size=history_days, max_size=history_days
        )
    )
    last_sunday = draw(st.sampled_from((*WEEK_RUN_KINDS, None)))
    race_dates = [WEEK_OF + dt.timedelta(days=o) for o in offsets]
    records = []
    for i in range(history_days):
        day = WEEK_OF - dt.timedelta(days=history_days - i)
        run = week[WEEKDAYS[day.weekday()]]
        if i == history_days - 1 and last_sunday is not None:
            run = last_sunday
        if day in race_dates:
            run = "race"
        records.append(
            {
                "date": day,
                "run": run,
                "distance": None if run in ("rest", "cross") else 3.0 + i % 5,
                "strength": strength[i],
                "soreness": soreness[i],
            }
        )
    races = tuple(Race(f"race {o}", d, 10.0) for o, d in zip(offsets, race_dates, strict=True))
    profile = Profile(
        id="gen", name="Gen", week=week, week_source="profile", season=season, races=races
    )
    return Athlete(profile, days_from_records(records)), offsets, season


@settings(deadline=None)
@given(athletes())
def test_every_rule_holds_and_target_is_met_when_possible(case) -> None:
    athlete, offsets, season = case
    plan = plan_week(athlete, week_of=WEEK_OF)
    week = athlete.profile.week
    race_dates = [r.date for r in athlete.profile.races]
    dates = [d.date for d in plan.days]
    runs = [d.run for d in plan.days]
    strengths = [d.strength for d in plan.days]
    log = athlete.days
    previous_run = log.loc[log["date"] == log["date"].max(), "run"].iloc[0]
    next_monday = WEEK_OF + dt.timedelta(days=7)
    next_run = "race" if next_monday in race_dates else week["mon"]

    assert dates == [WEEK_OF + dt.timedelta(days=i) for i in range(7)]
    assert independent_breaks(runs, strengths, previous_run, next_run, dates, race_dates) == set()
    assert violations(plan.days, previous_run, race_dates, next_day=next_run) == []

    phase = expected_phase(offsets, season)
    assert plan.phase == phase
    target = 2 if phase == "build" else 1
    best = best_count(runs, previous_run, next_run, dates, race_dates)
    assert plan.sessions == min(target, best)
    if plan.sessions < target:
        assert any(
            f.split(":")[0] in ("S1", "S2", "S8", "P1") and "room for" in f for f in plan.flags
        )

    # runs follow the usual week except race days and the softening around a race
    for day, usual in zip(plan.days, (week[d] for d in WEEKDAYS), strict=True):
        if day.date in race_dates:
            assert day.run == "race"
        elif day.run != usual:
            near = [abs((r - day.date).days) for r in race_dates]
            assert near and min(near) <= 7
            assert usual in ("hard", "long", "moderate") and day.run in ("easy", "moderate")

    # taper, race week and recovery never lift heavy
    if phase in ("taper", "race-week", "recovery"):
        assert "heavy" not in strengths
    # every flag and every reason names its rule
    assert all(RULE_ID.match(flag) for flag in plan.flags), plan.flags
    assert all(RULE_ID.match(reason) for day in plan.days for reason in day.why)
    # single-leg work names a side (S11)
    for day in plan.days:
        assert bool(day.exercises) == (day.strength != "none")


@settings(deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from((*WEEK_RUN_KINDS, "race")), levels), min_size=7, max_size=7),
    st.sampled_from((*WEEK_RUN_KINDS, "race")),
    st.sampled_from((*WEEK_RUN_KINDS, "race")),
    st.lists(st.integers(-3, 20), max_size=3),
)
def test_violations_agrees_with_the_independent_check(days, previous_run, next_run, offsets):
    """The public ``violations`` and the slow check flag the same rules on any week."""
    dates = [WEEK_OF + dt.timedelta(days=i) for i in range(7)]
    races = [WEEK_OF + dt.timedelta(days=o) for o in offsets]
    week = [(d, run, level) for d, (run, level) in zip(dates, days, strict=True)]
    got = violations(week, previous_run, races, next_day=next_run)
    runs = [run for run, _ in days]
    expected = independent_breaks(
        runs, [level for _, level in days], previous_run, next_run, dates, races
    )
    assert set(got) == expected
    assert got == [rule for rule in RULES if rule in expected]  # fixed order


@settings(deadline=None)
@given(
    st.lists(kinds, min_size=7, max_size=7),
    st.lists(st.integers(-9, 30), max_size=2, unique=True),
    st.lists(st.tuples(st.integers(0, 7), st.integers(0, 10)), min_size=1, max_size=6),
)
def test_weekly_totals_athletes_keep_every_rule(kinds_, offsets, weeks_) -> None:
    """Weekly-totals logs: no days to look back on, the usual week's Sunday stands in."""
    week = dict(zip(WEEKDAYS, kinds_, strict=True))
    n = len(weeks_)
    last_monday = pd.Timestamp(WEEK_OF) - pd.Timedelta(days=7)
    totals = pd.DataFrame(
        {
            "week_of": pd.date_range(end=last_monday, periods=n, freq="7D"),
            "distance": [20.0 + 2 * i for i in range(n)],
            "long_run": [8.0] * n,
            "runs": [4.0] * n,
            "strength_sessions": [float(s) for s, _ in weeks_],
            "soreness": [float(s) for _, s in weeks_],
        }
    )
    race_dates = [WEEK_OF + dt.timedelta(days=o) for o in offsets]
    races = tuple(Race(f"r{o}", d) for o, d in zip(offsets, race_dates, strict=True))
    profile = Profile(id="wk", name="Wk", units="km", week=week, week_source="profile", races=races)
    athlete = Athlete(profile, days_from_records([]), week_totals=totals)
    plan = plan_week(athlete, week_of=WEEK_OF)
    previous_run = "race" if WEEK_OF - dt.timedelta(days=1) in race_dates else week["sun"]
    next_run = "race" if WEEK_OF + dt.timedelta(days=7) in race_dates else week["mon"]
    dates = [d.date for d in plan.days]
    runs = [d.run for d in plan.days]
    strengths = [d.strength for d in plan.days]
    assert independent_breaks(runs, strengths, previous_run, next_run, dates, race_dates) == set()
    target = 2 if plan.phase == "build" else 1
    assert plan.phase == expected_phase(offsets, None)
    assert plan.sessions == min(target, best_count(runs, previous_run, next_run, dates, race_dates))
    # distances come from the totals: the longest planned run stays within 1.1 x 8 = 8.8
    planned = [d.distance for d in plan.days if d.run != "race" and d.distance is not None]
    assert all(value <= 8.5 for value in planned)  # the cap 8.8 rounds down to 8.5
