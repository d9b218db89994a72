"""A demo visitor on any day, in a real browser against a served app.

The app's clock is set at start (``LEGDAY_TODAY``) to each day in ANY_DAYS
(tests/conftest.py). On each, a visitor edits Dan's log and keeps the edit in the
session, checks in, and walks every page: no error anywhere, the As of stays inside
the log, and a kept edit never moves the athlete off the demo's shifted dates. One
more session starts on a Sunday night and carries on into Monday.
"""

from __future__ import annotations

import datetime as dt
import time

from playwright.sync_api import expect

from legday import demo

ATHLETE = "dan-marathon"
NAV = ("Roster", "Athlete review", "Planner", "Log", "About")


def _last_day(today: dt.date) -> dt.date:
    return next(r.athlete for r in demo.load_demo(today) if r.athlete.id == ATHLETE).last_date


def sidebar_as_of(page) -> dt.date:
    box = page.locator("[data-testid='stSidebar'] [data-testid='stDateInput'] input")
    return dt.date.fromisoformat(box.input_value())


def every_page(ui, page) -> None:
    for name in NAV:
        page.locator("[data-testid='stSidebarNavLink']", has_text=name).click()
        page.locator("h1").first.wait_for()
        ui.wait_ready(page)
        ui.assert_no_errors(page)


def check_in(ui, page) -> None:
    page.get_by_role("tab", name="Check-in").click()
    ui.run_and_wait(page, lambda: page.get_by_role("button", name="Add check-in").click())
    flash = page.locator("[data-testid='stAlertContentSuccess']", has_text="Check-in kept")
    flash.wait_for()
    ui.assert_no_errors(page)


def test_a_demo_visitor_edits_checks_in_and_browses(ui, browser, any_day, tmp_path) -> None:
    server = ui.start_server(tmp_path / "streamlit.log", today=any_day.isoformat())
    page = ui.new_page(browser)
    try:
        last = _last_day(any_day)
        ui.goto(page, f"{server.url}/log?athlete={ATHLETE}")
        assert sidebar_as_of(page) == last
        page.get_by_role("tab", name="Edit").click()
        ui.edit_first_row(page, 10, f"edited on {any_day}")
        page.get_by_role("button", name="Use these edits in this session").click()
        kept = page.locator("[data-testid='stAlertContentSuccess']", has_text="kept in this")
        kept.wait_for()
        ui.wait_ready(page)
        ui.assert_no_errors(page)
        assert sidebar_as_of(page) == last  # the edit kept the demo's dates
        check_in(ui, page)
        assert sidebar_as_of(page) == any_day  # the check-in is today's
        every_page(ui, page)
        assert sidebar_as_of(page) == any_day
        ui.screenshot(page, f"any-day-{any_day.isoformat()}-about")
    finally:
        page.context.close()
        ui.stop_server(server)
    assert ui.server_tracebacks(server) == []


def test_a_session_carries_on_from_sunday_night_into_monday(ui, browser, anydays, tmp_path) -> None:
    """The app's clock starts 90 s before midnight on its first page run."""
    margin = 90
    night = anydays["sunday-night"]
    start = night + dt.timedelta(minutes=1) - dt.timedelta(seconds=margin)
    sunday, monday = night.date(), night.date() + dt.timedelta(days=1)
    server = ui.start_server(tmp_path / "streamlit.log", today=start.isoformat())
    page = ui.new_page(browser)
    try:
        began = time.monotonic()
        ui.goto(page, f"{server.url}/log?athlete={ATHLETE}")
        last = sidebar_as_of(page)
        check_in(ui, page)
        assert sidebar_as_of(page) == sunday, "the first check-in came after midnight"
        every_page(ui, page)
        time.sleep(max(0.0, margin + 5 - (time.monotonic() - began)))  # past midnight
        every_page(ui, page)
        page.locator("[data-testid='stSidebarNavLink']", has_text="Log").click()
        ui.wait_ready(page)
        check_in(ui, page)
        assert sidebar_as_of(page) == monday
        page.get_by_role("tab", name="Edit").click()
        grid = page.get_by_role("tabpanel", name="Edit").locator("[data-testid='stDataFrame']")
        expect(grid.first).to_be_visible()
        ui.assert_no_errors(page)
        every_page(ui, page)
        assert last < sunday  # the demo this session opened on is the one it kept
    finally:
        page.context.close()
        ui.stop_server(server)
    assert ui.server_tracebacks(server) == []
