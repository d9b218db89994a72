"""The app on a SQLite store (LEGDAY_DATABASE_URL, loaded from the demo's files with
``db init`` and ``db load``) under AppTest: it reads the roster from the database, a
check-in and "Save this plan" land in the database with their audit row (who: the
signed-in email), a plan saved over someone else's is refused with the folder's words
and a download, and check-ins from many sessions at once all land."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from legday import clock
from legday.commands import db as db_command
from legday.demo import DEMO_DIR
from legday.store import Checkin, FolderStore, SqlStore, schema, stale_message
from tests.app.apptest import DEMO, new_app, no_errors, open_page

pytestmark = pytest.mark.apptest

ACCESS = """\
coaches:
  - email: head@club.example
    athletes: all
athletes:
  - email: maya@runner.example
    athlete: maya-newcomer
"""


@pytest.fixture
def database(tmp_path, monkeypatch) -> str:
    """The demo's files (and an access file) loaded into a new SQLite database, which
    the app is started on; no data folder."""
    folder = shutil.copytree(DEMO_DIR / "athletes", tmp_path / "athletes")
    (folder / "access.yaml").write_text(ACCESS, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'legday.db'}"
    assert db_command.init(url) == 0
    assert db_command.load(url, folder, "test") == 0
    shutil.rmtree(folder)  # the app reads the database only
    monkeypatch.setattr(sys, "argv", ["app.py"])
    monkeypatch.delenv("LEGDAY_DATA_DIR", raising=False)
    monkeypatch.delenv("LEGDAY_ACCESS", raising=False)
    monkeypatch.setenv("LEGDAY_DATABASE_URL", url)
    return url


def _audit(url: str, action: str) -> list[tuple]:
    store = SqlStore(url)
    with store.engine.connect() as db:
        rows = db.execute(
            select(schema.audit.c.athlete_id, schema.audit.c.who, schema.audit.c.version)
            .where(schema.audit.c.action == action)
            .order_by(schema.audit.c.id)
        ).all()
    store.dispose()
    return [tuple(r) for r in rows]


def _check_in(at: AppTest, soreness: int) -> None:
    at.slider(key="checkin_soreness").set_value(soreness)
    next(b for b in at.button if b.label == "Add check-in").click()
    at.run()


def test_the_app_on_a_database_shows_its_roster(database) -> None:
    at = new_app()
    at.run()
    no_errors(at)
    assert at.title[0].value == "Roster"
    assert set(at.get("dataframe")[0].value["id"]) == set(DEMO)
    assert at.radio(key="source").options == ["Database", "Bundled demo"]
    open_page(at, "log")
    assert "Saves go to the database" in at.caption[0].value


def test_a_check_in_through_the_page_lands_with_its_audit_row(database) -> None:
    at = new_app("maya@runner.example")
    at.run()
    open_page(at, "log")
    _check_in(at, 6)
    no_errors(at)
    log = SqlStore(database).log("maya-newcomer")
    today = clock.today().isoformat()
    assert any(r.startswith(today) and ",6," in r for r in log.data.decode().splitlines())
    assert _audit(database, "checkin") == [("maya-newcomer", "maya@runner.example", 2)]
    assert any("Check-in saved" in s.value for s in at.success)


def test_save_this_plan_lands_in_the_database_and_a_stale_one_is_refused(database) -> None:
    at = new_app("head@club.example", athlete="dan-marathon")
    at.run()
    open_page(at, "planner")
    at.button(key="save_plan").click().run()
    no_errors(at)
    week = at.session_state["plan_week"]
    store = SqlStore(database)
    assert store.plan_version("dan-marathon", week) == 1
    assert _audit(database, "plan") == [("dan-marathon", "head@club.example", 1)]
    # another server saves the plan after this page drew it: this save is refused
    assert store.save_plan("dan-marathon", week, "date,run\n", 1, who="other").saved
    at.button(key="save_plan").click().run()
    assert [e.value for e in at.error] == [stale_message(f"{week.isoformat()}.csv")]
    assert "Download this plan (.csv)" in [b.label for b in at.get("download_button")]
    with store.engine.connect() as db:
        data = db.execute(select(schema.plans.c.data)).scalar()
    assert bytes(data) == b"date,run\n"  # theirs stays
    store.dispose()


def test_another_servers_write_shows_on_the_next_run(database) -> None:
    """The shared roster's cache key moves with the database: a write made elsewhere is
    read on this session's next run (the As of follows the new last day)."""
    at = new_app(athlete="sam-csv-only")
    at.run()
    before = at.date_input(key="as_of").value
    store = SqlStore(database)
    read = store.log("sam-csv-only")
    text = read.data.decode().rstrip("\n") + "\n2026-11-30,easy,7,,,none,,,,from elsewhere\n"
    assert store.save_log("sam-csv-only", text, read.version, who="other").saved
    store.dispose()
    at.run()
    no_errors(at)
    assert before < dt.date(2026, 11, 30) == at.date_input(key="as_of").value


def test_check_ins_from_sessions_opened_together_all_land(database) -> None:
    """Four sessions open the Log page, then each checks in: every one lands, though
    each session read the log before the others wrote (a check-in appends)."""
    sessions = [new_app(athlete="sam-csv-only") for _ in range(4)]
    for at in sessions:
        at.run()
        open_page(at, "log")
    days = [clock.today() - dt.timedelta(days=n) for n in range(len(sessions))]
    for at, day in zip(sessions, days, strict=True):
        at.date_input(key="checkin_date").set_value(day)
        _check_in(at, 3)
        no_errors(at)
    assert [v for _, _, v in _audit(database, "checkin")] == [2, 3, 4, 5]
    text = SqlStore(database).log("sam-csv-only").data.decode()
    for day in days:
        assert any(r.startswith(day.isoformat()) and ",3," in r for r in text.splitlines())


def test_check_ins_from_many_servers_at_once_all_land(database) -> None:
    """Eight threads, each a server of its own (its own engine on the SQLite file), check
    in with everything the page's form sends (pain and its site too): all eight land,
    each with its audit row."""
    days = [clock.today() - dt.timedelta(days=n) for n in range(8)]

    def check_in(number: int) -> bool:
        server = SqlStore(database)
        entry = Checkin(days[number], number % 10, f"s{number}", None, 2.0, "knee")
        try:
            return server.add_checkin("sam-csv-only", entry, who=f"s{number}@club.example").saved
        finally:
            server.dispose()

    with ThreadPoolExecutor(8) as pool:
        assert all(pool.map(check_in, range(8)))
    assert sorted(who for _, who, _ in _audit(database, "checkin")) == sorted(
        f"s{n}@club.example" for n in range(8)
    )
    rows = SqlStore(database).log("sam-csv-only").data.decode().splitlines()
    for number, day in enumerate(days):
        assert any(r.startswith(day.isoformat()) and f"s{number}" in r for r in rows)


def test_the_pages_on_a_database_read_only_the_athlete_they_show(database, monkeypatch):
    """The frame lists the athletes from the kept summaries and each page reads the one
    athlete it shows (``Store.athlete``): no page reads every athlete's log."""
    every: list[str] = []
    one: list[str] = []
    whole, alone = SqlStore.athletes, SqlStore.athlete
    monkeypatch.setattr(SqlStore, "athletes", lambda self: every.append("all") or whole(self))
    monkeypatch.setattr(SqlStore, "athlete", lambda self, i: one.append(i) or alone(self, i))
    at = new_app(athlete="dan-marathon")
    at.run()
    for page in ("roster", "review", "planner", "log", "about"):
        open_page(at, page)
        no_errors(at)
    listed = at.selectbox(key="athlete").options  # every athlete, by name
    assert len(listed) == len(DEMO) and "Dan Reyes" in listed
    assert every == []
    assert set(one) == {"dan-marathon"}


def test_a_new_server_on_a_folder_reads_only_the_athlete_it_shows(tmp_path, monkeypatch):
    """With the folder's listing and summaries kept (an earlier server made them), the
    Roster, Review, Planner and About pages read one athlete's files, never the whole
    folder (the Log page's problems tab reads every file: that is its job)."""
    folder = shutil.copytree(DEMO_DIR / "athletes", tmp_path / "athletes")
    monkeypatch.setattr(sys, "argv", ["app.py"])
    monkeypatch.delenv("LEGDAY_DATABASE_URL", raising=False)
    monkeypatch.setenv("LEGDAY_DATA_DIR", str(folder))
    monkeypatch.setenv("LEGDAY_CACHE_DIR", str(tmp_path / "cache"))
    earlier = FolderStore(folder)
    earlier.listing(), earlier.summaries()
    every: list[str] = []
    whole = FolderStore.athletes
    monkeypatch.setattr(FolderStore, "athletes", lambda self: every.append("all") or whole(self))
    at = new_app(athlete="dan-marathon")
    at.run()
    for page in ("roster", "review", "planner", "about"):
        open_page(at, page)
        no_errors(at)
    assert len(at.selectbox(key="athlete").options) == len(DEMO)
    assert every == []
