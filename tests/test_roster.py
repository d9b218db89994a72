"""Roster summary: latest week, recent flag counts, worst flag, sortable status; and the
dashboard's roster table: phase, block week, trend, leg sessions, soreness; and its
planned-against-done column."""

from __future__ import annotations

import datetime as dt
import io
import math
import shutil

import pandas as pd
import pytest

from legday import clock, compliance, planner
from legday.demo import DEMO_DIR, load_demo
from legday.export import plan_to_csv
from legday.flags import review
from legday.io import load_folder
from legday.io.plans import plan_path
from legday.model import Athlete, Profile, Race, days_from_records, empty_days
from legday.roster import (
    COMPLIANCE_COLUMNS,
    ROSTER_COLUMNS,
    TABLE_COLUMNS,
    TREND_WEEKS,
    compliance_table,
    planned_position,
    roster_from_reviews,
    roster_summary,
    roster_table,
)

DEMO_DAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def demo() -> list[Athlete]:
    return [r.athlete for r in load_demo(DEMO_DAY) if r.athlete is not None]


def athlete(ident: str, records: list[dict], **profile) -> Athlete:
    return Athlete(Profile(id=ident, name=ident.title(), **profile), days_from_records(records))


def easy(start: str, count: int, distance: float = 3.0) -> list[dict]:
    """``count`` days of easy running, Sundays off (7 days without rest would raise W3)."""
    first = pd.Timestamp(start)
    days = [(first + pd.Timedelta(days=i)).date() for i in range(count)]
    return [
        {"date": d, "run": "easy", "distance": distance}
        if d.weekday() != 6
        else {"date": d, "run": "rest"}
        for d in days
    ]


def roster() -> list[Athlete]:
    # 13 days, no lifts: one day short of the 14-day no-leg-session flag (S1/S12)
    calm = athlete("calm", easy("2026-03-02", 13))
    lifter = athlete(
        "lifter",
        [
            *easy("2026-03-02", 12),
            {"date": "2026-03-14", "run": "easy", "distance": 3, "strength": "heavy"},
            {"date": "2026-03-15", "run": "long", "distance": 10},  # S5 act on 14 Mar
        ],
    )
    sore = athlete(
        "sore",
        [
            *easy("2026-03-02", 13),
            {"date": "2026-03-15", "run": "hard", "distance": 5},
            {"date": "2026-03-16", "run": "easy", "distance": 3, "strength": "light"},  # S4
        ],
        races=(Race("Spring 10K", dt.date(2026, 4, 5)),),
    )
    old = athlete(
        "old",
        [
            {"date": "2026-02-01", "run": "easy", "distance": 3, "strength": "heavy"},
            {"date": "2026-02-02", "run": "long", "distance": 9},  # S5, but 6 weeks ago
            *easy("2026-02-03", 41),
        ],
    )
    return [calm, lifter, sore, old]


@pytest.fixture(autouse=True)
def _logs_are_current() -> None:
    """The hand-made logs end in mid-March 2026: the roster looks at them from then."""
    clock.set_clock(dt.date(2026, 3, 16))


def test_a_log_that_stopped_weeks_ago_needs_a_look() -> None:
    clock.set_clock(dt.date(2026, 4, 20))  # five weeks after the logs end
    table = roster_summary(roster()).set_index("id")
    assert table.loc["calm", "status"] == "watch"
    assert table.loc["calm", "worst_rule"] == "L1"
    assert "The log stops on Sat 2026-03-14" in table.loc["calm", "worst_message"]


def test_roster_rows_sorted_worst_first():
    table = roster_summary(roster())
    assert tuple(table.columns) == ROSTER_COLUMNS
    assert table["id"].tolist() == ["lifter", "sore", "calm", "old"]  # act, watch, ok (by name)
    assert table["status"].tolist() == ["act", "watch", "ok", "ok"]
    assert table["status"].cat.ordered
    assert table["status_rank"].tolist() == [2, 1, 0, 0]
    assert table.sort_values("status")["id"].iloc[-1] == "lifter"


def test_latest_week_numbers_and_counts():
    table = roster_summary(roster()).set_index("id")
    lifter = table.loc["lifter"]
    # week of 9 Mar: 5 easy days x 3 (9..13), 14 Mar 3, 15 Mar 10 = 15 + 3 + 10 = 28
    assert lifter["week_of"] == pd.Timestamp("2026-03-09")
    assert lifter["distance"] == 28
    assert lifter["long_run"] == 10
    assert lifter["heavy_sessions"] == 1
    # S5 (act) and W3 (watch: 9..15 Mar, seven days without rest or cross-training)
    assert (lifter["act"], lifter["watch"], lifter["info"]) == (1, 1, 0)
    assert lifter["worst_rule"] == "S5"
    assert lifter["worst_date"] == pd.Timestamp("2026-03-14")
    assert "Heavy leg session" in lifter["worst_message"]
    assert lifter["as_of"] == pd.Timestamp("2026-03-15")
    sore = table.loc["sore"]
    assert sore["worst_rule"] == "S4"
    assert (sore["next_race"], sore["days_to_race"]) == ("Spring 10K", 20.0)  # 5 Apr - 16 Mar
    assert math.isnan(table.loc["calm", "days_to_race"])


def test_flags_older_than_fourteen_days_do_not_count():
    old = roster_summary(roster()).set_index("id").loc["old"]
    # the S5 flag is on 1 Feb and the 14-days-without flag on 15 Feb (1 Feb + 14);
    # as of 15 Mar the window is 2..15 Mar
    assert (old["act"], old["watch"]) == (0, 0)
    assert old["status"] == "ok"


def test_common_as_of_and_reuse_of_reviews():
    people = roster()
    as_of = dt.date(2026, 3, 13)  # before the lifter's heavy day
    table = roster_summary(people, as_of=as_of).set_index("id")
    assert table.loc["lifter", "status"] == "ok"
    assert table.loc["lifter", "distance"] == 15  # 9..13 Mar: 5 x 3
    same = roster_from_reviews(review(a, as_of) for a in people).set_index("id")
    pd.testing.assert_frame_equal(table, same)


def test_empty_athlete_and_weekly_totals():
    totals = pd.DataFrame(
        {
            "week_of": pd.to_datetime(["2026-03-02", "2026-03-09"]),
            "distance": [30.0, 32.0],
            "long_run": [10.0, 11.0],
            "runs": [4.0, 4.0],
            "strength_sessions": [1.0, 1.0],
            "soreness": [2.0, 2.0],
        }
    )
    weekly = Athlete(Profile(id="wk", name="Wk", units="km"), empty_days(), week_totals=totals)
    empty = Athlete(Profile(id="none", name="None"), empty_days())
    table = roster_summary([weekly, empty]).set_index("id")
    assert table.loc["wk", "distance"] == 32
    assert table.loc["wk", "info"] == 1  # D1: weekly totals only
    assert table.loc["wk", "status"] == "ok"
    assert table.loc["wk", "granularity"] == "weeks"
    assert math.isnan(table.loc["none", "distance"])
    assert pd.isna(table.loc["none", "as_of"])


# ------------------------------------------------------------------ the dashboard's table


def test_roster_table_adds_phase_block_week_trend_and_keeps_worst_first(demo) -> None:
    table = roster_table(demo)
    summary = roster_summary(demo)
    assert tuple(table.columns) == (*ROSTER_COLUMNS, *TABLE_COLUMNS)
    assert table["id"].tolist() == summary["id"].tolist()  # the summary's order is kept
    for _, row in table.iterrows():
        assert row["phase"] in planner.PHASES
        week = int(row["block_week"].split("/")[0])
        assert 1 <= week <= 8 and row["block_week"].endswith("/8")
        assert 1 <= len(row["distance_trend"]) <= TREND_WEEKS
        if row["worst_rule"]:
            assert row["worst"] == f"{row['worst_rule']}: {row['worst_message']}"
        else:
            assert row["worst"] == ""


def test_planned_position_matches_the_full_plan(demo) -> None:
    """The roster's shortcut gives the phase and block week plan_week gives."""
    for person in demo:
        plan = planner.plan_week(person, person.last_date)
        assert planned_position(person, person.last_date) == (plan.phase, plan.progression.week)


def test_roster_table_counts_leg_sessions_in_the_last_14_days() -> None:
    """Sessions on 03-01 (outside), 03-05 and 03-12 (inside 03-02..03-15), two on 03-12."""
    person = athlete(
        "t",
        [
            {"date": "2026-03-01", "run": "easy", "strength": "heavy"},
            {"date": "2026-03-05", "run": "easy", "strength": "light", "soreness": 3},
            {"date": "2026-03-12", "run": "easy", "strength": "heavy"},
            {"date": "2026-03-12", "run": "hard", "strength": "light"},
            {"date": "2026-03-15", "run": "long", "distance": 10, "soreness": 4},
        ],
    )
    row = roster_table([person]).iloc[0]
    assert row["leg_sessions_14d"] == 2  # days with a session: 03-05 and 03-12
    assert row["latest_soreness"] == 4.0
    # weeks of 02-23 (03-01: 0 mi), 03-02 (0 mi), 03-09 (10 mi)
    assert row["distance_trend"] == [0.0, 0.0, 10.0]


def test_roster_table_of_a_weekly_log_uses_the_last_two_weeks(demo) -> None:
    kenji = next(a for a in demo if a.id == "kenji-weekly")
    row = roster_table([kenji]).iloc[0]
    assert row["leg_sessions_14d"] == int(kenji.week_totals["strength_sessions"].tail(2).sum())
    assert row["latest_soreness"] == pytest.approx(kenji.week_totals["soreness"].dropna().iloc[-1])


def test_an_empty_log_has_no_phase_and_no_counts() -> None:
    row = roster_table([Athlete(Profile(id="none", name="None"), empty_days())]).iloc[0]
    assert (row["phase"], row["block_week"], row["worst"]) == ("", "", "")
    assert pd.isna(row["leg_sessions_14d"]) and pd.isna(row["latest_soreness"])
    assert row["distance_trend"] == []


# ------------------------------------------------------------ planned against done


def test_the_compliance_column_is_each_athlete_s_last_whole_week(demo) -> None:
    table = compliance_table(demo)
    assert tuple(table.columns) == COMPLIANCE_COLUMNS
    assert table["id"].tolist() == [a.id for a in demo]
    for person, row in zip(demo, table.itertuples(), strict=True):
        full = compliance.compliance(person, person.last_date, 1)[0]
        assert (row.plan_status, row.plan_source) == (full.status, "replayed")
        assert row.plan_week == pd.Timestamp(full.week_of)
        assert row.plan_logged == full.logged


def test_a_saved_plan_in_the_folder_is_the_one_compared(tmp_path) -> None:
    """A plan saved under plans/<id>/<week>.csv wins; a plan of 60 mi against a week of
    far less turns it red."""
    folder = shutil.copytree(DEMO_DIR / "athletes", tmp_path / "athletes")
    maya = next(
        r.athlete for r in load_folder(folder) if r.athlete and r.athlete.id == "maya-newcomer"
    )
    week = compliance.recent_weeks(maya, maya.last_date, 1)[0]
    plan = planner.plan_week(maya, week_of=week)
    frame = pd.read_csv(io.StringIO(plan_to_csv(plan)), dtype=str, keep_default_na=False)
    frame["distance"] = "20"  # every day a 20-mile run: far above what was done
    target = plan_path(folder, "maya-newcomer", week)
    target.parent.mkdir(parents=True)
    frame.to_csv(target, index=False)
    row = compliance_table([maya], folder).iloc[0]
    assert (row["plan_source"], row["plan_status"]) == ("saved", "red")
    assert compliance_table([maya]).iloc[0]["plan_source"] == "replayed"


def test_no_log_no_compliance() -> None:
    row = compliance_table([Athlete(Profile(id="none", name="None"), empty_days())]).iloc[0]
    assert (row["plan_status"], row["plan_source"], row["plan_logged"]) == ("", "", False)
    assert pd.isna(row["plan_week"])
