"""Prescribed weights by double progression, each case worked by hand."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from legday.exercises import Exercise
from legday.strength.load import with_load
from legday.strength.names import resolve
from legday.strength.prescribe import Last, next_weight, rep_range, with_weights

WEEK = dt.date(2026, 11, 23)  # the planned week's Monday
SQUAT = Exercise("Back squat", 4, "5-6", None, "add load (S9)")


def logged(rows: list[tuple], exercise: str = "Squat (Barbell)") -> pd.DataFrame:
    """(date, weight, reps, rir, type) sets of one exercise, as the loader gives them."""
    frame = pd.DataFrame(rows, columns=["date", "weight", "reps", "rir", "type"])
    frame = frame.assign(exercise=exercise, side="", rpe=np.nan, source="", set=1.0)
    frame["date"] = pd.to_datetime(frame["date"])
    return with_load(resolve(frame.astype({"weight": float, "reps": float, "rir": float})))


def four_sets(day: str, weight: float, reps: tuple, rir: float | None = 2.0) -> list[tuple]:
    return [(day, weight, r, np.nan if rir is None else rir, "normal") for r in reps]


def prescribed(sets: pd.DataFrame, exercise: Exercise = SQUAT, unit: str = "kg", **kw):
    return with_weights((exercise,), sets, WEEK, unit, **kw)[0]


def test_every_set_at_the_top_at_rir_2_adds_the_smallest_plate_step() -> None:
    sets = logged(
        [("2026-11-10", 40.0, 8, np.nan, "warmup"), *four_sets("2026-11-17", 60.0, (6, 6, 6, 6))]
    )
    squat = prescribed(sets)
    # 6, 6, 6, 6 reaches the top of 5-6 at RIR 2: 60 + 2.5 = 62.5
    assert (squat.weight, squat.weight_unit) == (62.5, "kg")
    assert squat.last == {"date": "2026-11-17", "weight": 60.0, "reps": [6, 6, 6, 6], "rir": 2.0}
    assert squat.weight_text() == "@ 62.5 kg (last 17 Nov: 60 kg x 6, 6, 6, 6, RIR 2)"
    assert "every set reached 6 at RIR 2 or more: +2.5 kg" in squat.load


@pytest.mark.parametrize(
    ("reps", "rir", "kind", "words"),
    [
        ((5, 5, 5, 5), 2.0, "normal", "hold the weight until every set reaches 6"),
        ((6, 6, 6, 4), 2.0, "normal", "a set missed 5 reps: hold"),
        ((6, 6, 6, 6), 0.0, "normal", "a set went to failure: hold"),
        ((6, 6, 6, 6), 1.0, "normal", "hold the weight until every set reaches 6"),
        ((6, 6, 6, 6), 2.0, "failure", "a set went to failure: hold"),
    ],
)
def test_holds(reps: tuple, rir: float, kind: str, words: str) -> None:
    rows = four_sets("2026-11-17", 60.0, reps, rir)
    rows[3] = (*rows[3][:4], kind)  # the last set's type
    squat = prescribed(logged(rows))
    assert squat.weight == 60.0 and words in squat.load


def test_no_effort_logged_progresses_on_reps_alone() -> None:
    squat = prescribed(logged(four_sets("2026-11-17", 60.0, (6, 6, 6, 6), rir=None)))
    assert squat.weight == 62.5 and "RIR" not in squat.weight_text()


def test_the_heaviest_sets_of_the_last_session_decide() -> None:
    # an older heavier session and a back-off set today: the top sets are 65 x 6, 6
    sets = logged(
        [*four_sets("2026-11-03", 70.0, (3, 3, 3)), *four_sets("2026-11-17", 65.0, (6, 6)),
         ("2026-11-17", 50.0, 10, 3.0, "normal")]
    )  # fmt: skip
    assert prescribed(sets).weight == 67.5  # 65 + 2.5


@pytest.mark.parametrize(
    ("last_day", "weight"),
    [
        # 23 Nov - 26 Oct = 28 days: 4 weeks off: 5% lighter, 60 x 0.95 = 57 -> 55 (down)
        ("2026-10-26", 55.0),
        # 23 Nov - 5 Oct = 49 days: 7 weeks: 10% lighter, 60 x 0.9 = 54 -> 52.5
        ("2026-10-05", 52.5),
        # 23 Nov - 9 Nov = 14 days: 2 weeks is no break: the rule as usual, 62.5
        ("2026-11-09", 62.5),
    ],
)
def test_after_a_break_come_back_lighter(last_day: str, weight: float) -> None:
    squat = prescribed(logged(four_sets(last_day, 60.0, (6, 6, 6, 6))))
    assert squat.weight == weight


def test_a_deload_keeps_the_weight() -> None:
    squat = prescribed(logged(four_sets("2026-11-17", 60.0, (6, 6, 6, 6))), deload=True)
    assert squat.weight == 60.0 and "deload week: the same weight" in squat.load


def test_pounds_round_to_5_lb_plates_and_dumbbells_step_2_kg() -> None:
    # 133 lb (a converted weight) is loaded as 135; every set at the top: + 5 = 140
    assert prescribed(logged(four_sets("2026-11-17", 133.0, (6, 6))), unit="lb").weight == 140
    lunge = Exercise("Split squat (dumbbells)", 3, "8 each leg", None, "")
    sets = logged(four_sets("2026-11-17", 12.0, (8, 8, 8)), "Split Squat (Dumbbell)")
    assert prescribed(sets, lunge).weight == 14.0  # 12 + 2 kg


def test_without_sets_of_the_lift_the_exercise_stays_as_it_was() -> None:
    sets = logged(four_sets("2026-11-17", 20.0, (8, 8)), "Romanian Deadlift (Dumbbell)")
    assert prescribed(sets) is SQUAT
    assert with_weights((SQUAT,), None, WEEK, "kg") == (SQUAT,)
    bodyweight = Exercise("Bodyweight squat, 3 s down", 3, "8", None, "")
    assert prescribed(logged(four_sets("2026-11-17", 10.0, (8,)), "Air Squat"), bodyweight) is (
        bodyweight
    )


def test_sets_after_the_planned_weeks_monday_are_not_read() -> None:
    assert prescribed(logged(four_sets("2026-11-23", 60.0, (6, 6)))) is SQUAT


def test_rep_ranges() -> None:
    assert rep_range("5-6") == (5, 6)
    assert rep_range("8 each leg") == (8, 8)
    assert rep_range("10-12 each leg") == (10, 12)
    assert rep_range(None) is None


def test_next_weight_by_itself() -> None:
    last = Last(dt.date(2026, 11, 17), 100.0, (5, 5, 5), 3.0, False)
    assert next_weight(last, 3, 5, 2.5, WEEK, "kg").weight == 102.5


def test_a_later_planned_week_holds_the_weight_an_earlier_one_prescribed() -> None:
    """Weeks of one plan: week 1's session counts as done as planned (its weight, the
    bottom of the range), so week 2 holds that weight, names the planned session, and
    still shows the last logged session; no planned week is a break from the lift."""
    from legday.planner.values import PlannedDay
    from legday.strength.prescribe import planned_lasts

    sets = logged(four_sets("2026-11-17", 60.0, (6, 6, 6, 6)))
    week1 = prescribed(sets)
    assert week1.weight == 62.5  # the top of 5-6 at RIR 2: one plate step up
    day = PlannedDay(WEEK + dt.timedelta(days=1), "tue", "easy", 5.0, "heavy", (week1,), ())
    planned = planned_lasts([day])
    next_week = with_weights((SQUAT,), sets, WEEK + dt.timedelta(weeks=1), "kg", False, planned)[0]
    assert next_week.weight == 62.5  # bottom of the range done: hold
    assert "as planned on Tue 24 Nov at 62.5 kg: hold the weight" in next_week.load
    assert next_week.last["date"] == "2026-11-17"  # the last logged session, never a plan
    # Six weeks on, the break counts from the planned session (5 weeks: 5% lighter, on a
    # 2.5 kg step: 62.5 x 0.95 = 59.4 -> 57.5), not from the logged one (6 weeks: 10%).
    monday = WEEK + dt.timedelta(weeks=6)
    after_a_gap = with_weights((SQUAT,), sets, monday, "kg", False, planned)[0]
    assert after_a_gap.weight == 57.5
    assert "5 weeks since this lift" in after_a_gap.load


def test_a_plan_of_weeks_never_counts_its_own_sessions_as_a_break() -> None:
    """The demo's Ana lifts from a sets log: over an 8-week plan, a lift each week
    prescribes is never 'N weeks since this lift' the week after, and never lighter
    than the week before except in a deload or after weeks without it."""
    from pathlib import Path

    from legday.io import load_folder
    from legday.planner import plan_weeks

    data = Path(__file__).resolve().parents[2] / "data" / "athletes"
    ana = next(r.athlete for r in load_folder(data) if r.athlete and r.athlete.id == "ana-hills")
    plans = plan_weeks(ana, week_of=dt.date(2026, 11, 23), weeks=8)
    before: dict[str, float] = {}
    weighted = 0
    for plan in plans:
        now: dict[str, float] = {}
        for day in plan.days:
            for e in day.exercises:
                if e.weight is None:
                    continue
                assert e.last is not None and e.last["date"] <= "2026-11-22"
                if e.name in before:
                    assert "weeks since this lift" not in e.load, (plan.week_of, e)
                    assert e.weight >= before[e.name] or "deload" in e.load, (plan.week_of, e)
                now[e.name] = e.weight
                weighted += 1
        before = now
    assert weighted >= 8  # the plan prescribes weights at all
