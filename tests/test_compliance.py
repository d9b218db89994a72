"""Planned against done: the status bands, leg sessions on a par with distance, replayed
plans that do not move, saved plans that win, and `legday report`'s compliance key."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from legday import clock
from legday.cli import main
from legday.compliance import (
    PlannedWeek,
    compliance,
    day_status,
    days_text,
    distance_status,
    latest_week,
    session_status,
    week_status,
)
from legday.model import WEEKDAYS, Athlete, Profile, days_from_records
from legday.planner import plan_week

SAMPLE = ("rest", "easy", "moderate", "hard", "easy", "long", "rest")
DISTANCE = {"easy": 5.0, "moderate": 7.0, "hard": 6.0, "long": 10.0}
FIRST = dt.date(2026, 10, 5)  # a Monday: 8 weeks to Sunday 2026-11-29


@pytest.fixture(autouse=True)
def _december() -> None:
    clock.set_clock(dt.date(2026, 12, 2))


def athlete(skip_lifting_from: dt.date | None = None, weeks: int = 8) -> Athlete:
    """The sample week, heavy after Tuesday's easy run and Thursday's hard run."""
    records = []
    for i in range(7 * weeks):
        day = FIRST + dt.timedelta(days=i)
        kind = SAMPLE[day.weekday()]
        lifting = kind in ("easy", "hard") and day.weekday() in (1, 3)
        if skip_lifting_from and day >= skip_lifting_from:
            lifting = False
        records.append(
            {"date": day, "run": kind, "distance": DISTANCE.get(kind),
             "strength": "heavy" if lifting else "none"}
        )  # fmt: skip
    week = dict(zip(WEEKDAYS, SAMPLE, strict=True))
    profile = Profile(id="cam", name="Cam", week=week, week_source="profile", season="off-season")
    return Athlete(profile, days_from_records(records))


@pytest.mark.parametrize(
    ("planned", "done", "status"),
    [
        (30.0, 30.0, "green"),
        (30.0, 24.0, "green"),  # 20% under: the edge of green
        (30.0, 36.0, "green"),
        (30.0, 23.0, "yellow"),  # 23%
        (30.0, 15.0, "yellow"),  # 50%
        (30.0, 14.0, "red"),
        (30.0, 46.0, "red"),  # 53% over
        (None, 10.0, "green"),  # a plan of run kinds only: nothing to compare
    ],
)
def test_distance_bands(planned, done, status) -> None:
    assert distance_status(planned, done) == status


@pytest.mark.parametrize(
    ("planned", "done", "status"),
    [(2, 2, "green"), (2, 1, "yellow"), (2, 0, "red"), (2, 3, "yellow"), (2, 4, "red"),
     (0, 0, "green"), (0, 1, "yellow")],
)  # fmt: skip
def test_session_bands(planned, done, status) -> None:
    assert session_status(planned, done) == status


def test_leg_sessions_count_as_much_as_distance() -> None:
    # the distance to the mile, every planned leg session skipped: not green
    assert week_status(33.0, 33.0, 2, 0, True) == "red"
    assert week_status(33.0, 33.0, 2, 1, True) == "yellow"
    assert week_status(33.0, 33.0, 2, 2, True) == "green"
    assert week_status(33.0, 0.0, 2, 0, False) == "red"  # nothing logged


def test_the_last_four_weeks_against_legday_s_own_plans() -> None:
    cam = athlete()
    weeks = compliance(cam)
    assert [w.week_of for w in weeks] == [
        dt.date(2026, 11, 2), dt.date(2026, 11, 9), dt.date(2026, 11, 16), dt.date(2026, 11, 23)
    ]  # fmt: skip
    assert {w.source for w in weeks} == {"replayed"}
    assert all(w.done_distance == 33.0 for w in weeks)  # 5 + 7 + 6 + 5 + 10
    assert all(w.done_sessions == 2 and w.done_heavy == 2 for w in weeks)
    assert all(w.key_runs_done == 2 for w in weeks)  # the hard and the long run
    # the replay of each week is legday's plan as of the Sunday before it
    replay = plan_week(cam, week_of=dt.date(2026, 11, 16))
    assert weeks[2].planned_distance == pytest.approx(PlannedWeek.of(replay).distance)
    assert weeks[2].planned_sessions == replay.sessions
    assert [w.status for w in weeks] == ["green"] * 4


def test_a_replayed_plan_never_moves() -> None:
    """The same log gives the same plans, whatever day it is read."""
    cam = athlete()
    first = [w.to_dict() for w in compliance(cam)]
    clock.set_clock(dt.date(2031, 7, 16))
    assert [w.to_dict() for w in compliance(cam)] == first


def test_skipped_leg_sessions_turn_the_week_red() -> None:
    cam = athlete(skip_lifting_from=dt.date(2026, 11, 23))
    last = compliance(cam)[-1]
    assert (last.done_distance, last.done_sessions, last.planned_sessions) == (33.0, 0, 2)
    assert last.status == "red"


def test_a_week_with_nothing_logged_is_red() -> None:
    cam = athlete()
    gap = Athlete(cam.profile, cam.days[cam.days["date"] < pd.Timestamp("2026-11-16")])
    later = pd.concat(
        [gap.days, days_from_records([{"date": "2026-11-29", "run": "rest"}])], ignore_index=True
    )
    weeks = compliance(Athlete(cam.profile, later))
    missing = next(w for w in weeks if w.week_of == dt.date(2026, 11, 16))
    assert (missing.logged, missing.status, missing.done_distance) == (False, "red", 0.0)


def test_a_saved_plan_wins_over_the_replay() -> None:
    cam = athlete()
    monday = dt.date(2026, 11, 23)
    days = pd.DataFrame(
        {
            "date": pd.date_range(monday, periods=7),
            "run": ["rest", "easy", "moderate", "hard", "easy", "long", "rest"],
            "distance": [None, 8.0, 10.0, 8.0, 8.0, 16.0, None],  # 50: far more than done
            "strength": ["none", "heavy", "none", "heavy", "none", "none", "none"],
        }
    )
    weeks = compliance(cam, saved={monday: PlannedWeek.from_frame(monday, "saved", days)})
    last = weeks[-1]
    assert (last.source, last.planned_distance, last.done_distance) == ("saved", 50.0, 33.0)
    assert last.status == "yellow"  # 34% under
    assert weeks[-2].source == "replayed"


def test_report_json_has_compliance(tmp_path, capsys) -> None:
    path = tmp_path / "cam.csv"
    path.write_text(
        "date,run,distance,strength\n"
        + "".join(
            f"{r['date'].date()},{r['run']},{'' if pd.isna(r['distance']) else r['distance']},"
            f"{r['strength']}\n"
            for r in athlete().days.to_dict("records")
        )
    )
    assert main(["report", str(path), "--format", "json", "--compliance-weeks", "2"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [w["week_of"] for w in doc["compliance"]] == ["2026-11-16", "2026-11-23"]
    assert list(doc["compliance"][0]) == [
        "week_of", "source", "planned_distance", "done_distance", "planned_sessions",
        "done_sessions", "planned_heavy", "done_heavy", "key_runs_planned", "key_runs_done",
        "status",
    ]  # fmt: skip
    assert main(["report", str(path), "--format", "json", "--compliance-weeks", "0"]) == 0
    assert json.loads(capsys.readouterr().out)["compliance"] == []


def test_report_reads_saved_plans_from_the_data_folder(tmp_path, capsys) -> None:
    from legday.export import plan_to_csv
    from legday.io.plans import plan_path
    from legday.io.save import days_to_csv

    cam = athlete()
    (tmp_path / "cam.csv").write_text(days_to_csv(cam.days))
    week = dt.date(2026, 11, 23)
    saved = plan_path(tmp_path, "cam", week)
    saved.parent.mkdir(parents=True)
    saved.write_text(plan_to_csv(plan_week(cam, week_of=week)))
    broken = plan_path(tmp_path, "cam", dt.date(2026, 11, 16))
    broken.write_text("date,run,distance,strength\n2026-11-16,sprint,3,none\n")
    assert main(["report", str(tmp_path), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    (doc,) = json.loads(out)["athletes"]
    sources = {w["week_of"]: w["source"] for w in doc["compliance"]}
    assert sources["2026-11-23"] == "saved"
    assert sources["2026-11-16"] == "replayed"  # the broken file is reported and skipped
    assert "2026-11-16.csv:2: error: run 'sprint'" in err


def test_the_latest_week_alone_has_the_status_of_the_full_comparison() -> None:
    """The roster's lean call: the last whole week, the same status and numbers as
    compliance(..., weeks=1), no day-by-day table."""
    for cam in (athlete(), athlete(skip_lifting_from=dt.date(2026, 11, 23))):
        full = compliance(cam, weeks=1)[0]
        lean = latest_week(cam)
        assert (lean.week_of, lean.status, lean.source) == (full.week_of, full.status, full.source)
        assert lean.done_distance == full.done_distance and lean.done_sessions == full.done_sessions
        assert lean.days.empty and lean.key_runs_done is None
    monday = dt.date(2026, 11, 23)
    saved = {monday: PlannedWeek.of(plan_week(athlete(), week_of=monday), "saved")}
    assert latest_week(athlete(), saved=saved).source == "saved"


def test_no_whole_week_no_latest_week() -> None:
    empty = Athlete(Profile(id="e", name="E"), days_from_records([]))
    assert latest_week(empty) is None


def _days(planned: list[tuple], done: list[tuple]) -> pd.DataFrame:
    """Side by side days: (run, distance, strength) planned and done ("" run: not logged)."""
    dates = pd.date_range("2026-11-23", periods=len(planned))
    return pd.DataFrame(
        {
            "date": dates,
            "run_planned": [p[0] for p in planned],
            "distance_planned": [p[1] for p in planned],
            "strength_planned": [p[2] for p in planned],
            "run_done": [d[0] for d in done],
            "distance_done": [d[1] for d in done],
            "strength_done": [d[2] for d in done],
        }
    )


def test_each_day_as_planned_changed_or_off_plan() -> None:
    days = _days(
        [("rest", None, "none"), ("easy", 5.0, "heavy"), ("hard", 6.0, "none"),
         ("easy", 5.0, "none"), ("long", 10.0, "none"), ("easy", 5.0, "light"),
         ("rest", None, "none")],
        [("rest", 0.0, "none"), ("easy", 5.5, "heavy"), ("easy", 6.0, "none"),
         ("easy", 6.5, "none"), ("long", 16.0, "none"), ("easy", 5.0, "none"),
         ("", None, "")],
    )  # fmt: skip
    # 5.5 is 10% over: as planned; hard became easy: changed; 6.5 is 30% over: changed;
    # 16 is 60% over: off plan; the light session skipped: off plan; rest not logged,
    # nothing was planned: as planned
    assert day_status(days).tolist() == [
        "green", "green", "yellow", "yellow", "red", "red", "green"
    ]  # fmt: skip


def test_a_skipped_run_and_an_extra_session() -> None:
    days = _days(
        [("easy", 5.0, "none"), ("rest", None, "none"), ("easy", 5.0, "none")],
        [("rest", 0.0, "none"), ("rest", 0.0, "light"), ("", None, "")],
    )
    assert day_status(days).tolist() == ["red", "yellow", "red"]  # the last: not logged


def test_days_in_words() -> None:
    days = _days(
        [("easy", 5.0, "heavy"), ("rest", None, "none"), ("cross", None, "none")],
        [("easy", 5.25, "light"), ("", None, ""), ("cross", 0.0, "none")],
    )
    table = days_text(days, "km")
    assert table["planned"].tolist() == ["easy 5 km + heavy legs", "rest", "cross"]
    assert table["done"].tolist() == ["easy 5.2 km + light legs", "not logged", "cross"]
    assert table["status"].tolist() == ["yellow", "green", "green"]
