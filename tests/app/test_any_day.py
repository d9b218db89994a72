"""The app holds on any day: the demo, the As of picker, kept edits and check-ins.

Each test runs once per day in ANY_DAYS (tests/conftest.py: the day after the demo's
last logged day, a weekday, a Sunday, five weeks later, a leap day, years later), with
legday's clock set to it; the last one crosses a Sunday midnight inside one session.
"""

from __future__ import annotations

import datetime as dt
import sys

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from legday import clock, demo
from legday.io.csv_log import read_csv_log
from legday.io.save import frame_to_csv
from legday.model import Athlete
from tests.app.apptest import PAGES, REPO, new_app, no_errors, open_page

pytestmark = pytest.mark.apptest

ATHLETE = "dan-marathon"  # a CSV log: editable on the Log page


@pytest.fixture(autouse=True)
def plain_argv(monkeypatch) -> None:
    monkeypatch.setattr(sys, "argv", ["app.py"])
    monkeypatch.delenv("LEGDAY_DATA_DIR", raising=False)


def _app(**query: str) -> AppTest:
    at = new_app(**query)
    at.run()
    no_errors(at)
    return at


def _every_page(at: AppTest) -> None:
    for page in PAGES:
        open_page(at, page)


def _demo_athlete(today: dt.date) -> Athlete:
    """The demo athlete as a session opened on ``today`` sees it."""
    return next(r.athlete for r in demo.load_demo(today) if r.athlete.id == ATHLETE)


def _check_in(at: AppTest, soreness: int) -> None:
    at.slider(key="checkin_soreness").set_value(soreness)
    next(b for b in at.button if b.label == "Add check-in").click()
    at.run()
    no_errors(at)


def _kept(at: AppTest) -> Athlete:
    return at.session_state["_session_logs"]["demo"][ATHLETE]


def test_the_demo_is_current_and_every_page_draws(any_day: dt.date) -> None:
    at = _app(athlete=ATHLETE)
    last = _demo_athlete(any_day).last_date
    assert at.session_state["as_of"] == last
    # the demo's last logged day is in the week before today, a Sunday like the files'
    assert any_day - dt.timedelta(days=7) <= last < any_day
    assert last.weekday() == demo.last_logged(demo.load_raw()).weekday()
    _every_page(at)


def test_a_check_in_lands_today_and_the_as_of_follows(any_day: dt.date) -> None:
    at = open_page(_app(athlete=ATHLETE), "log")
    before = _demo_athlete(any_day)
    _check_in(at, 7)
    kept = _kept(at)
    assert kept.last_date == any_day
    # every logged day is where the demo put it: the check-in added one day
    assert kept.days["date"].iloc[:-1].equals(before.days["date"])
    assert at.session_state["as_of"] == any_day  # the default follows the newest day
    _every_page(at)
    assert at.session_state["as_of"] == any_day


def test_a_kept_edit_keeps_the_demo_dates(any_day: dt.date) -> None:
    at = open_page(_app(athlete=ATHLETE), "log")
    shown = next(d.value for d in at.get("dataframe") if d.key and "log_editor" in d.key)
    before = _demo_athlete(any_day)
    # the editor shows the log as the session sees it: shifted dates
    assert pd.to_datetime(shown["date"]).max().date() == before.last_date
    # what "Use these edits in this session" keeps: the edited table read back as a log
    shown.loc[shown.index[-1], "notes"] = "edited"
    log = read_csv_log(frame_to_csv(shown).encode(), "edited log", "mi", clock.today())
    at.session_state["_session_logs"] = {
        "demo": {ATHLETE: Athlete(before.profile, log.frame, None, before.notes)}
    }
    at.run()
    no_errors(at)
    assert at.session_state["as_of"] == before.last_date
    _every_page(at)
    kept = _kept(at)
    assert kept.days["date"].equals(before.days["date"])
    assert kept.days["notes"].iloc[-1] == "edited"


def test_an_as_of_picked_earlier_stays_while_the_log_grows(any_day: dt.date) -> None:
    at = _app(athlete=ATHLETE)
    picked = _demo_athlete(any_day).last_date - dt.timedelta(days=10)
    at.date_input(key="as_of").set_value(picked).run()
    open_page(at, "log")
    _check_in(at, 3)
    assert at.session_state["as_of"] == picked
    _every_page(at)


def test_a_link_as_of_past_the_log_gets_the_short_note(any_day: dt.date) -> None:
    last = _demo_athlete(any_day).last_date
    after = (last + dt.timedelta(days=1)).isoformat()
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params["athlete"] = ATHLETE
    at.query_params["as_of"] = after
    at.run()
    assert not at.exception
    notes = " ".join(w.value for w in at.warning)
    assert f"as\\_of {after} is after this athlete's last logged day" in notes
    assert at.session_state["as_of"] == last


def test_a_session_crossing_sunday_midnight_keeps_one_demo(anydays) -> None:
    night = anydays["sunday-night"]
    clock.set_clock(night)
    at = open_page(_app(athlete=ATHLETE), "log")
    shift = at.session_state["_demo_shift"]
    _check_in(at, 6)  # Sunday
    clock.set_clock(night + dt.timedelta(minutes=2))  # Monday
    at.run()
    no_errors(at)
    assert at.session_state["_demo_shift"] == shift  # the session's demo did not jump
    _check_in(at, 4)  # Monday
    kept = _kept(at)
    sunday, monday = night.date(), night.date() + dt.timedelta(days=1)
    tail = kept.days.set_index("date")["soreness"]
    assert tail[pd.Timestamp(sunday)] == 6 and tail[pd.Timestamp(monday)] == 4
    assert at.session_state["as_of"] == monday
    _every_page(at)
    # a new session on Monday sees the demo moved a week on, and no check-in
    fresh = _app(athlete=ATHLETE)
    assert fresh.session_state["as_of"] == _demo_athlete(monday).last_date
