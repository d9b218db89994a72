"""Property tests over a season: random athletes with weeks of history, planned 12-16
weeks ahead, and every number the plan states checked against its own days.

The checks are written from the issue's contract, not from the planner's code: a
stated total is found in the sentence by its words ("N mi of running", "N mi in all"),
and the sum it must equal is added up here from the days.
"""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st
from pytest import approx

from legday.flags import review
from legday.model import WEEKDAYS, Athlete, Profile, Race, days_from_records
from legday.planner import plan_weeks
from legday.planner.reasons import claim_of
from legday.season import WEEK_TYPES

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
AT_MOST_OVER = re.compile(r"at most (\d+)% over last week's (\d+(?:\.\d+)?)")
UNDER_LAST = re.compile(r"(\d+)% under last week's (\d+(?:\.\d+)?)")


@st.composite
def seasons(draw):
    """An athlete with 6-12 logged weeks up to the Sunday before WEEK_OF (or a few weeks
    earlier: a stale log), races around the horizon, and a plan length of 12-16 weeks."""
    units = draw(st.sampled_from(("mi", "km")))
    week = draw(st.sampled_from(USUAL_WEEKS))
    easy = draw(st.floats(2.5, 8.0))
    n_weeks = draw(st.integers(6, 12))
    stale_weeks = draw(st.sampled_from((0, 0, 0, 1, 3)))
    factors = draw(st.lists(st.floats(0.7, 1.25), min_size=n_weeks, max_size=n_weeks))
    lifts = draw(st.lists(st.sampled_from(("none", "light", "heavy")), min_size=7, max_size=7))
    races = draw(
        st.lists(
            st.tuples(st.integers(-20, 110), st.sampled_from("AABC"), st.sampled_from(RACE_KM)),
            max_size=3,
            unique_by=lambda r: r[0],
        )
    )
    athlete = season_athlete(units, week, easy, factors, stale_weeks, lifts, races)
    return athlete, draw(st.integers(12, 16))


def season_athlete(
    units: str,
    week: tuple[str, ...],
    easy: float,
    factors: list[float],
    stale_weeks: int,
    lifts: list[str],
    races: list[tuple[int, str, float | None]],
) -> Athlete:
    """The athlete ``seasons`` draws: a week of ``len(factors)`` logged weeks, each run
    its share of ``easy`` times the week's factor, and races (day offset from WEEK_OF,
    priority, km)."""
    week = dict(zip(WEEKDAYS, week, strict=True))
    n_weeks = len(factors)
    held = []
    for offset, priority, km in races:
        distance = None if km is None else round(km / (1.609344 if units == "mi" else 1), 1)
        day = WEEK_OF + dt.timedelta(days=offset)
        held.append(Race(f"race {offset}", day, distance, priority))
    first = WEEK_OF - dt.timedelta(weeks=n_weeks + stale_weeks)
    race_on = {r.date: r for r in held}
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
        races=tuple(held),
    )  # fmt: skip
    return Athlete(profile, days_from_records(records))


#: Found by hypothesis: the week after an A race caps the long run by V2, then the ramp
#: limit trims that run half a mile under the cap; the V2 note must not stay on it.
V2_TRIMMED = (
    season_athlete("mi", USUAL_WEEKS[0], 2.5, [1.0] * 6, 0, ["none"] * 7, [(7, "A", None)]),
    12,
)


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
            for most, last in AT_MOST_OVER.findall(flag):  # a limit the days keep
                assert planned <= float(last) * (1 + int(most) / 100) + 0.01, flag
            for less, last in UNDER_LAST.findall(flag):  # a cut the days make
                assert round((1 - training / float(last)) * 100) == int(less), flag


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


def _as_logged(athlete: Athlete, plans) -> Athlete:
    """The athlete with the planned weeks logged as planned (a race counted as a race)."""
    records = athlete.days.to_dict("records")
    for plan in plans:
        for day in plan.days:
            records.append({"date": day.date, "run": day.run, "distance": day.distance,
                            "strength": day.strength})  # fmt: skip
    return Athlete(athlete.profile, days_from_records(records))


def _week_totals(athlete: Athlete, plans) -> dict[dt.date, float]:
    """Each calendar week's distance, races included, from the log and the plans."""
    totals: dict[dt.date, float] = {}
    for date, run, distance in zip(
        athlete.days["date"].dt.date, athlete.days["run"], athlete.days["distance"], strict=True
    ):
        monday = date - dt.timedelta(days=date.weekday())
        if run != "cross" and distance == distance:
            totals[monday] = totals.get(monday, 0.0) + distance
        totals.setdefault(monday, 0.0)
    for plan in plans:
        totals[plan.week_of] = plan.distance
    return totals


def _all_at_the_shortest(plan) -> bool:
    """Every run of the week at the shortest run planned (1 mi or 1 km): a week of a few
    units can rise past a ratio with nothing left to cut but a whole run."""
    runs = [d.distance for d in plan.days if d.run not in ("rest", "cross", "race")]
    return bool(runs) and all(r == 1.0 for r in runs)


@settings(deadline=None, max_examples=15)
@given(seasons())
def test_no_rebound_beyond_the_limit(case) -> None:
    """No planned week rises more than 1.5x the week before, more than 30% over the week
    two before (what M1 flags on a log: the log with the plan done is reviewed here), or
    more than 30% over the mean of the 3 before (V4). A race week is its taper plus the
    race: the race itself is not growth, so race weeks are left out."""
    athlete, weeks = case
    plans = plan_weeks(athlete, week_of=WEEK_OF, weeks=weeks)
    totals = _week_totals(athlete, plans)
    race_weeks = {p.week_of for p in plans if any(d.run == "race" for d in p.days)}
    for plan in plans:
        if plan.week_of in race_weeks or _all_at_the_shortest(plan):
            continue
        before = [totals.get(plan.week_of - dt.timedelta(weeks=k)) for k in (1, 2)]
        if before[0]:
            assert plan.distance <= 1.5 * before[0] + 0.01, (plan.week_of, before)
        if before[1]:
            assert plan.distance <= 1.3 * before[1] + 0.01, (plan.week_of, before)
        # V4: the mean of the 3 weeks logged (or planned) before it, weeks with no log
        # skipped
        known = [t for monday, t in sorted(totals.items()) if monday < plan.week_of][-3:]
        if known and sum(known) > 0:
            assert plan.distance <= 1.3 * sum(known) / len(known) + 0.01, (plan.week_of, known)
    flagged = review(_as_logged(athlete, plans)).flags
    ramps = [f for f in flagged if f.rule == "M1" and f.date >= WEEK_OF]
    shortest = {p.week_of for p in plans if _all_at_the_shortest(p)}
    assert all(f.date - dt.timedelta(days=6) in race_weeks | shortest for f in ramps), ramps


@settings(deadline=None, max_examples=15)
@given(seasons())
def test_a_lighter_week_at_least_every_fourth_build_week(case) -> None:
    """Never four build weeks in a row: a cutback (20-30% under the week before it), a
    taper, a race week or a recovery comes by the fourth."""
    athlete, weeks = case
    plans = plan_weeks(athlete, week_of=WEEK_OF, weeks=weeks)
    run = 0
    for before, plan in zip([None, *plans], plans, strict=False):
        assert plan.week_type in WEEK_TYPES
        run = run + 1 if plan.week_type == "build" else 0
        assert run <= 3, [p.week_type for p in plans]
        held = any("ramp limit holds it" in f or "days hold less" in f for f in plan.flags)
        raced = any(d.run == "race" for d in plan.days)  # a C race's distance is fixed
        fixed = raced or _all_at_the_shortest(plan)  # nothing left to cut but a run
        if plan.week_type == "cutback" and before and before.distance and not held and not fixed:
            cut = 1 - (plan.distance + 0.5) / before.distance  # half a unit of rounding
            assert cut <= 0.3 and plan.distance < before.distance, (before.distance, plan)


COUNTED = re.compile(r"in the last (\d+) days \(([^)]*)\)|of the last (\d+) \(([^)]*)\)")


def _reason_fits(reason: str, day, plan) -> None:
    """The day holds what its reason says: the run, the leg session, the double and the
    counts the reason names."""
    found = claim_of(reason)
    assert found is not None, f"no template declares {reason!r}"
    claim, hit = found
    groups = hit.groupdict()
    if claim.runs is not None:
        assert day.run in claim.runs, (reason, day.run)
    if groups.get("run"):
        assert day.run == groups["run"], (reason, day.run)
    if claim.legs is not None:
        assert day.strength in claim.legs, (reason, day.strength)
    if claim.double:
        assert day.double is not None and day.double.distance == float(groups["double"])
    if groups.get("distance"):
        capped = float(groups["distance"])
        assert capped in (day.distance, day.double.distance if day.double else None), reason
    sessions = re.search(r"leg session (\d+) of (\d+)", reason)
    if sessions:
        assert int(sessions.group(1)) <= int(sessions.group(2)) == plan.sessions, reason
    others = re.search(r"the week's (\d+) sessions are", reason)
    if others:
        assert int(others.group(1)) == plan.sessions, reason
    if "the week's one session is" in reason:
        assert plan.sessions == 1, reason
    for window, values, window_2, values_2 in COUNTED.findall(reason):
        listed = [v for v in (values or values_2).split(", ") if v]
        assert len(listed) <= int(window or window_2), reason  # a count matches its list


@settings(deadline=None, max_examples=15)
@given(seasons())
@example(V2_TRIMMED)
def test_every_reason_is_true_to_its_day(case) -> None:
    athlete, weeks = case
    for plan in plan_weeks(athlete, week_of=WEEK_OF, weeks=weeks):
        for day in plan.days:
            for reason in day.why:
                _reason_fits(reason, day, plan)
            if day.run == "rest":  # a rest day is never told to run
                assert not any("easy run suits" in r for r in day.why), day.why
