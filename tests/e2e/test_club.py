"""A club: two app servers on one PostgreSQL, twenty browser sessions split over them,
ten of them checking the same athlete in at the same moment, from both servers.

No error on any page or in either server's log; every check-in is in the database once
(the ``checkins`` table, one row per session, each with its own words); the roster on
both servers shows the check-in (its day as the athlete's last logged day) after one
rerun of each session.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from legday.commands import db as db_command
from legday.io import load_folder
from legday.store import SqlStore, schema

ATHLETE = "sam-csv-only"
SESSIONS = 20
CHECKINS = 10


def _roster_shows(ui, page, day: dt.date) -> None:
    grid = page.locator("[data-testid='stDataFrame']").first
    expect(grid).to_contain_text(day.isoformat(), timeout=30_000)
    ui.assert_no_errors(page)


def _empty(url: str) -> None:
    store = SqlStore(url)
    with store.engine.begin() as db:
        db.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    store.dispose()


@pytest.mark.skipif(
    os.environ.get("LEGDAY_E2E_CLUB") != "1",
    reason="about 3-5 minutes: LEGDAY_E2E_CLUB=1 runs it (docs/performance.md)",
)
def test_two_servers_twenty_sessions_ten_check_ins_at_once(ui, browser, postgres_url, tmp_path):
    _empty(postgres_url)
    folder = ui.copy_data_folder(tmp_path / "athletes")
    assert db_command.init(postgres_url) == 0
    assert db_command.load(postgres_url, folder, "test") == 0
    last = max(r.athlete.last_date for r in load_folder(folder) if r.athlete)
    today = last + dt.timedelta(days=1)  # no athlete has logged it: only the check-ins do
    servers = [
        ui.start_server(tmp_path / f"s{n}.log", today=today.isoformat(), database=postgres_url)
        for n in range(2)
    ]
    pages = []
    try:
        for number in range(SESSIONS):
            page = ui.new_page(browser, width=3000)  # every roster column drawn
            pages.append(page)
            server = servers[number % 2]
            path = f"/log?athlete={ATHLETE}" if number < CHECKINS else "/roster"
            ui.goto(page, server.url + path)
            ui.assert_no_errors(page)
        for number, page in enumerate(pages[:CHECKINS]):
            page.get_by_role("tab", name="Check-in").click()
            page.get_by_label("How the legs feel (optional)").fill(f"session {number}")
        for page in pages[:CHECKINS]:  # ten clicks in a row, none waiting for another
            page.get_by_role("button", name="Add check-in").click()
        for page in pages[:CHECKINS]:
            flash = page.locator("[data-testid='stAlertContentSuccess']", has_text="Check-in")
            flash.wait_for()
            ui.assert_no_errors(page)
            assert "Check-in saved" in flash.inner_text(), flash.inner_text()
        assert _feels(postgres_url) == sorted(f"session {n}" for n in range(CHECKINS))  # once each
        for page in pages:  # one rerun of each session: the Roster page again
            page.locator("[data-testid='stSidebarNavLink']", has_text="Roster").click()
            ui.wait_ready(page)
            _roster_shows(ui, page, today)
    finally:
        for page in pages:
            page.context.close()
        for server in servers:
            ui.stop_server(server)
    for server in servers:
        assert ui.server_tracebacks(server) == []
    store = SqlStore(postgres_url)
    days = store.athlete(ATHLETE).athlete.days
    store.dispose()
    assert (days["date"] == str(today)).sum() == 1  # one day in the log, the last check-in's


def _feels(url: str) -> list[str]:
    """The words of every check-in of the athlete the database holds."""
    store = SqlStore(url)
    with store.engine.connect() as db:
        table = schema.checkins
        feels = db.execute(select(table.c.feel).where(table.c.athlete_id == ATHLETE)).scalars()
        found = sorted(feels)
    store.dispose()
    return found
