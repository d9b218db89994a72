"""Property tests over a season: random athletes with weeks of history, planned 12-16
weeks ahead, and every number the plan states checked against its own days.

The checks are written from the issue's contract, not from the planner's code: a
stated total is found in the sentence by its words ("N mi of running", "N mi in all"),
and the sum it must equal is added up here from the days.
"""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from pytest import approx

from legday.model import WEEKDAYS, Athlete, Profile, Race, days_from_records
from legday.planner import plan_weeks

WEEK_OF = dt.date(2026, 6, 1)  # a Monday
USUAL_WEEKS = (
    ("rest", "easy", "rest", "hard", "rest", "long", "rest"),
    ("rest", "easy", "moderate", "hard", "easy", "long", "rest"),
    ("rest", "hard", "easy", "moderate", "easy", "easy", "long"),
    ("easy", "easy", "moderate", "hard", "easy", "long", "easy"),
    ("rest", "easy", "cross", "hard", "rest", "easy", "long"),
)
SHARE = {"easy": 1.0, "moderate": 1.3, "hard": 1.1, "long": 2.2}
RACE_KM = (5.0, 10.0, 21.1, 42.2, None)
TRAINING = re.compile(r"(\d+(?:\.\d+)?) (mi|km) of running")
IN_ALL = re.compile(r"(\d+(?:\.\d+)?) (mi|km) in all")
LAST_WEEK = re.compile(r"last week's (\d+(?:\.\d+)?)")


@st.composite
def seasons(draw):
    """An athlete with 6-12 logged weeks up to the Sunday before WEEK_OF (or a few weeks
    earlier: a stale log), races around the horizon, and a plan length of 12-16 weeks."""
    units = draw(st.sampled_from(("mi", "km")))
    week = dict(zip(WEEKDAYS, draw(st.sampled_from(USUAL_WEEKS)), strict=True))
    easy = draw(st.floats(2.5, 8.0))
    n_weeks = draw(st.integers(6, 12))
    stale_weeks = draw(st.sampled_from((0, 0, 0, 1, 3)))
    factors = draw(st.lists(st.floats(0.7, 1.25), min_size=n_weeks, max_size=n_weeks))
    lifts = draw(st.lists(st.sampled_from(("none", "light", "heavy")), min_size=7, max_size=7))
    races = []
    for offset, priority, km in draw(
        st.lists(
            st.tuples(st.integers(-20, 110), st.sampled_from("AABC"), st.sampled_from(RACE_KM)),
            max_size=3,
            unique_by=lambda r: r[0],
        )
    ):
        distance = None if km is None else round(km / (1.609344 if units == "mi" else 1), 1)
        day = WEEK_OF + dt.timedelta(days=offset)
        races.append(Race(f"race {offset}", day, distance, priority))
    first = WEEK_OF - dt.timedelta(weeks=n_weeks + stale_weeks)
    race_on = {r.date: r for r in races}
    records = []
    for w in range(n_weeks):
        for i, name in enumerate(WEEKDAYS):
            day = first + dt.timedelta(weeks=w, days=i)
            kind = week[name]
            race = race_on.get(day)
            distance = None
            if race is not None:
                kind, distance = "race", race.distance or 13.1
            elif kind in SHARE:
                distance = round(easy * SHARE[kind] * factors[w], 1)
            records.append(
                {"date": day, "run": kind, "distance": distance,
                 "strength": lifts[i] if kind not in ("rest", "long", "race") else "none",
                 "soreness": 2.0}
            )  # fmt: skip
    profile = Profile(
        id="season", name="Season", units=units, week=week, week_source="profile",
        races=tuple(races),
    )  # fmt: skip
    return Athlete(profile, days_from_records(records)), draw(st.integers(12, 16))


def _sum(plan, races: bool) -> float:
    return sum(
        d.distance or 0.0 for d in plan.days if d.run != "cross" and (races or d.run != "race")
    )


@settings(deadline=None, max_examples=15)
@given(seasons())
def test_stated_totals_are_the_sum_of_the_days(case) -> None:
    athlete, weeks = case
    plans = plan_weeks(athlete, week_of=WEEK_OF, weeks=weeks)
    for number, plan in enumerate(plans):
        training, planned = _sum(plan, races=False), _sum(plan, races=True)
        data = plan.to_dict()
        assert data["planned_distance"] == round(planned, 1)
        assert data["training_distance"] == round(training, 1)
        stated = [hit for flag in plan.flags for hit in TRAINING.findall(flag)]
        assert len(stated) == 1 if training else len(stated) <= 1, plan.flags  # says its total
        for flag in plan.flags:
            for value, units in TRAINING.findall(flag):
                assert units == plan.units and float(value) == approx(training, abs=0.01), flag
            for value, _ in IN_ALL.findall(flag):
                assert float(value) == approx(planned, abs=0.01), flag
            if number and (hit := LAST_WEEK.search(flag)):
                last = _sum(plans[number - 1], races=True)
                assert float(hit.group(1)) == approx(last, abs=0.01), flag


@settings(deadline=None, max_examples=15)
@given(seasons())
def test_the_countdown_runs_in_every_week(case) -> None:
    """Days to go count from each week's own as-of: the Sunday before its Monday."""
    athlete, weeks = case
    for plan in plan_weeks(athlete, week_of=WEEK_OF, weeks=weeks):
        ahead = sorted(r.date for r in athlete.profile.races if r.date >= plan.week_of)
        if not ahead:
            assert plan.next_race is None
            continue
        sunday = plan.week_of - dt.timedelta(days=1)
        assert (plan.next_race.date, plan.next_race.days_to_go) == (
            ahead[0],
            (ahead[0] - sunday).days,
        )
