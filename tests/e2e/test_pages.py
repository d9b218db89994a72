"""Every page of the demo in a real headless Chromium (issue 5's end-to-end tests).

One demo server for the session (tests/e2e/conftest.py); each test module reuses its
browser pages. Full-page screenshots of every page at two desktop widths (1400 and
1280 px) and a phone's (390 px), light and dark, go to tests/e2e/screenshots/
(git-ignored) for a human to look at; docs/images/ holds the 1280 px ones.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from icalendar import Calendar

#: url path -> what must be on the page besides no error.
PAGES = {
    "roster": "[data-testid='stDataFrame']",
    "review": "[data-testid='stPlotlyChart']",
    "planner": "[data-testid='stDownloadButton']",
    "log": "[data-testid='stTabs']",
    "about": "[data-testid='stTable'], [data-testid='stDataFrame']",
}
#: screenshot name -> (width, colour scheme)
WIDTHS = {
    "desktop": (1400, "light"),
    "desktop-1280": (1280, "light"),
    "phone": (390, "light"),
    "desktop-dark": (1280, "dark"),
    "phone-dark": (390, "dark"),
}


@pytest.fixture(scope="module")
def pages(browser, ui):
    """One page per width, reused by every test in this module."""
    made = {}
    for name, (width, scheme) in WIDTHS.items():
        made[name] = ui.new_page(browser, width, 1000 if width > 500 else 844, scheme=scheme)
        made[name].dialogs = ui.DialogLog()
        made[name].dialogs.attach(made[name])
    yield made
    for page in made.values():
        page.context.close()


@pytest.fixture(scope="module")
def page(pages):
    return pages["desktop"]


def title(page) -> str:
    return page.locator("h1").first.inner_text()


def warnings(page) -> list[str]:
    return page.locator("[data-testid='stAlertContentWarning']").all_inner_texts()


def picked_athlete(page) -> str:
    return page.locator("[data-testid='stSidebar']").get_by_role("combobox").input_value()


def pick_athlete(ui, page, name: str) -> None:
    """Choose an athlete in the sidebar's picker, as a person would."""
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").click()
    page.get_by_role("option", name=name, exact=True).click()
    page.locator("h1", has_text=name).wait_for()
    ui.wait_ready(page)


# ------------------------------------------------------------------------------ pages


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_draws_without_errors(ui, demo_server, pages, path, width) -> None:
    page = pages[width]
    ui.goto(page, f"{demo_server.url}/{path}?athlete=ana-hills")
    ui.assert_no_errors(page)
    page.locator(PAGES[path]).first.wait_for(state="attached")
    if path == "planner":
        # the seven days, one bordered card each (st.container key day_card_<i>)
        assert page.locator("[class*='st-key-day_card_']").count() == 7
        assert page.locator("[data-testid='stDownloadButton']").count() == 3
        # the season strip drawn; the week at a glance and the strength block as tables
        assert page.locator("[data-testid='stPlotlyChart']").count() == 1
        assert page.locator("[data-testid='stPlotlyChart'] .main-svg").count() >= 1
        assert page.locator("[data-testid='stTable']").count() == 2
    if path == "review":
        assert page.locator("[data-testid='stPlotlyChart'] .main-svg").count() >= 1
        assert page.get_by_role("heading", name="Planned against done").count() == 1
        # the day grid and one week of planned against done, day by day
        assert page.locator("[data-testid='stTable']").count() == 2
    ui.screenshot(page, f"{path}-{width}")


def test_default_page_is_the_roster_and_links_reach_every_page(ui, demo_server, page) -> None:
    ui.goto(page, demo_server.url)
    assert title(page) == "Roster"
    links = page.locator("[data-testid='stSidebarNavLink']")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert [h.split("?")[0].rstrip("/").rsplit("/", 1)[-1] for h in hrefs[1:]] == [
        "review",
        "planner",
        "log",
        "about",
    ]
    links.filter(has_text="Planner").click()
    page.locator("h1", has_text="Planner").wait_for()
    ui.wait_ready(page)
    ui.assert_no_errors(page)


def test_switching_athlete_in_the_sidebar_redraws_and_updates_the_link(
    ui, demo_server, page
) -> None:
    ui.goto(page, f"{demo_server.url}/review")
    pick_athlete(ui, page, "Omar Haddad")
    assert "Omar Haddad" in title(page)
    page.wait_for_url("**/review?athlete=omar-raceseason*")
    pick_athlete(ui, page, "Kenji Watanabe")
    page.wait_for_url("**/review?athlete=kenji-weekly*")
    ui.assert_no_errors(page)


# ------------------------------------------------------------------------------ links


def test_shared_link_opens_the_same_athlete_in_a_new_session(ui, demo_server, browser) -> None:
    other = ui.new_page(browser)
    try:
        ui.goto(other, f"{demo_server.url}/planner?athlete=dan-marathon")
        assert "Dan Reyes" in title(other)
        assert warnings(other) == []
        ui.assert_no_errors(other)
    finally:
        other.context.close()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("nobody-here", "who is not in this roster"),
        ("../../etc/passwd", "not a valid athlete id"),
        ("/etc/passwd", "not a valid athlete id"),
        ("ANA-HILLS", "not a valid athlete id"),
        ("a" * 500, "not a valid athlete id"),
        ("ana-hills\x00", "not a valid athlete id"),
        ("<img src=x onerror=alert(1)>", "not a valid athlete id"),
    ],
    ids=["unknown", "dotdot", "absolute", "upper", "long", "nul", "html"],
)
def test_bad_link_shows_a_message_and_the_roster_still_works(
    ui, demo_server, page, value, expected
) -> None:
    ui.goto(page, f"{demo_server.url}/review?athlete={quote(value, safe='')}")
    page.locator("[data-testid='stAlertContentWarning']").first.wait_for()
    shown = " ".join(warnings(page))
    assert expected in shown
    ui.assert_no_errors(page)
    assert title(page) == "Review: Ana Ferreira"  # the roster's first athlete instead
    assert page.locator("img[src='x']").count() == 0
    assert page.dialogs.messages == []


def test_bad_as_of_in_a_link_is_ignored_with_a_message(ui, demo_server, page) -> None:
    ui.goto(page, f"{demo_server.url}/review?athlete=ana-hills&as_of=2026-02-30")
    page.locator("[data-testid='stAlertContentWarning']").first.wait_for()
    assert "not a real calendar date" in " ".join(warnings(page))
    ui.assert_no_errors(page)


# ----------------------------------------------------------------------------- upload


def open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def upload(page, name: str, data: bytes, mime: str = "text/csv") -> None:
    """Put a file in the Log page's 'Check a file' uploader (its hidden <input>)."""
    open_tab(page, "Upload")
    uploader = page.locator("[data-testid='stFileUploader']").first
    uploader.locator("input[type='file']").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": data}]
    )


def test_upload_a_csv_then_show_it_in_the_dashboard(ui, demo_server, page) -> None:
    ui.goto(page, f"{demo_server.url}/log")
    data = (ui.REPO / "data" / "athletes" / "logs" / "maya-newcomer.csv").read_bytes()
    upload(page, "my-own-log.csv", data)
    panel = page.get_by_role("tabpanel", name="Upload")
    panel.get_by_text("No problems found.").wait_for()
    panel.get_by_text("My Own Log:").wait_for()  # the preview caption (name from the file)
    ui.wait_ready(page)
    ui.assert_no_errors(page)
    # The "Uploaded file" option is in the sidebar from the upload on, so its text says
    # nothing about the click: wait for the click's reruns, then for the choice itself.
    ui.run_and_wait(
        page, lambda: page.get_by_role("button", name="Show this file in the dashboard").click()
    )
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_role("radio", name="Uploaded file").wait_for()
    page.wait_for_function(
        "() => document.querySelector(\"[data-testid='stSidebar'] input[role='combobox']\")"
        "?.value === 'My Own Log'",
        timeout=30_000,
    )
    ui.wait_ready(page)
    assert sidebar.get_by_role("radio", name="Uploaded file").is_checked()
    assert picked_athlete(page) == "My Own Log"
    page.locator("[data-testid='stSidebarNavLink']", has_text="Athlete review").click()
    page.locator("h1", has_text="My Own Log").wait_for()
    ui.wait_ready(page)
    ui.assert_no_errors(page)


def test_upload_of_a_broken_file_lists_problems_not_a_traceback(ui, demo_server, page) -> None:
    ui.goto(page, f"{demo_server.url}/log")
    upload(page, "broken.csv", b"date,run,distance\n2026-02-30,easy,5\n2026-03-01,jog,abc\n")
    # "2 errors, 0 warnings:" (counts with agreeing nouns, never "error(s)")
    panel = page.get_by_role("tabpanel", name="Upload")
    panel.get_by_text(re.compile(r"^\d+ errors?, \d+ warnings?:$")).wait_for()
    ui.wait_ready(page)
    ui.assert_no_errors(page)
    assert page.locator("[data-testid='stDataFrame']").count() >= 1


# --------------------------------------------------------------------------- download


def test_planner_ics_download_holds_the_planned_week(ui, demo_server, page) -> None:
    ui.goto(page, f"{demo_server.url}/planner?athlete=ana-hills")
    with page.expect_download() as info:
        page.get_by_role("button", name="Calendar (.ics)").click()
    download = info.value
    name = download.suggested_filename
    assert name.startswith("legday-ana-hills-") and name.endswith(".ics")
    week_of = dt.date.fromisoformat(name.removeprefix("legday-ana-hills-").removesuffix(".ics"))
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    events = calendar.walk("VEVENT")
    starts = [event.decoded("dtstart") for event in events]
    # all-day events inside the planned week: week_of .. week_of + 6 days
    assert 1 <= len(events) <= 7
    assert all(week_of <= day <= week_of + dt.timedelta(days=6) for day in starts)
    assert len(set(starts)) == len(starts)
    assert all(str(e["uid"]).startswith("legday-ana-hills-") for e in events)
    from legday import planner
    from legday.demo import load_demo

    athlete = next(r.athlete for r in load_demo() if r.athlete and r.athlete.id == "ana-hills")
    plan = planner.plan_week(athlete, athlete.last_date)
    busy = [d.date for d in plan.days if d.run != "rest" or d.strength != "none"]
    assert plan.week_of == week_of
    assert sorted(starts) == busy
    ui.assert_no_errors(page)


def test_server_logged_no_traceback(ui, demo_server) -> None:
    """Last in the module: no page run above raised (the log is the server's own view)."""
    assert ui.server_tracebacks(demo_server) == []
