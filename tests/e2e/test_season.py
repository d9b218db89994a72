"""Issue 14's views in a real browser: the season strip and picking a week on the
Planner, "Save this plan" in a data folder (saved once, a second coach refused),
planned against done on the Review and the roster's compliance column."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect


@pytest.fixture
def page(browser, ui):
    """A page in a fresh browser context, closed after the test."""
    made = ui.new_page(browser)
    yield made
    made.context.close()


@pytest.fixture
def two(browser, ui):
    """Two coaches at the same time: separate browser contexts."""
    pages = [ui.new_page(browser) for _ in range(2)]
    yield pages
    for page in pages:
        page.context.close()


def _subheaders(page) -> list[str]:
    return page.locator("h3").all_inner_texts()


def _first_card_day(page) -> str:
    return page.locator("[class*='st-key-day_card_0'] strong").first.inner_text()


def test_picking_a_week_on_the_strip_shows_its_days(ui, demo_server, page) -> None:
    ui.goto(page, f"{demo_server.url}/planner?athlete=ana-hills")
    ui.assert_no_errors(page)
    assert "The season: 10 weeks, through Hilly Half and its recovery" in _subheaders(page)
    assert page.locator(".st-key-season_strip .main-svg").count() >= 1
    assert page.locator(".st-key-progression_strip [data-testid='stTable']").count() == 1
    heading = next(h for h in _subheaders(page) if h.startswith("Week of "))
    first = dt.datetime.strptime(heading.split(" (")[0], "Week of %a %d %b %Y")
    assert _first_card_day(page) == f"{first:%a %d %b}"
    slider = page.get_by_role("slider")
    slider.focus()
    ui.run_and_wait(page, lambda: page.keyboard.press("ArrowRight"))
    ui.assert_no_errors(page)
    later = first + dt.timedelta(weeks=1)
    expect(page.locator("[class*='st-key-day_card_0'] strong").first).to_have_text(
        f"{later:%a %d %b}"
    )
    assert f"Week of {later:%a %d %b %Y} (in 2 weeks)" in _subheaders(page)
    assert page.locator("[class*='st-key-day_card_']").count() == 7
    ui.screenshot(page, "planner-picked-week")


def test_the_demo_planner_offers_no_save(ui, demo_server, page) -> None:
    ui.goto(page, f"{demo_server.url}/planner?athlete=maya-newcomer")
    assert page.get_by_role("button", name="Save this plan").count() == 0
    expect(page.get_by_text(re.compile("nothing is written here"))).to_be_visible()


def test_save_this_plan_once_then_a_second_coach_is_refused(ui, folder_server, two) -> None:
    """Both coaches open Maya's plan; the first saves it (one plan in the store), the
    second's save is refused with a download, and the plan stays the first one's."""
    first, second = two
    url = f"{folder_server.url}/planner?athlete=maya-newcomer"
    ui.goto(first, url)
    ui.goto(second, url)
    assert folder_server.plans("maya-newcomer") == {}
    ui.run_and_wait(first, lambda: first.get_by_role("button", name="Save this plan").click())
    ui.assert_no_errors(first)
    expect(first.get_by_text(re.compile(r"^Saved \d{4}-\d\d-\d\d\.csv"))).to_be_visible()
    saved = folder_server.plans("maya-newcomer")
    assert len(saved) == 1
    text = next(iter(saved.values())).decode()
    assert text.startswith("athlete,name,week_of,phase,date")
    ui.run_and_wait(second, lambda: second.get_by_role("button", name="Save this plan").click())
    expect(second.get_by_text(re.compile("changed on disk since you opened it"))).to_be_visible()
    expect(second.get_by_role("button", name="Download this plan (.csv)")).to_be_visible()
    assert folder_server.plans("maya-newcomer") == saved


def test_the_review_compares_a_week_day_by_day(ui, demo_server, page) -> None:
    ui.goto(page, f"{demo_server.url}/review?athlete=lena-overeager")
    heading = page.get_by_role("heading", name="Planned against done")
    heading.scroll_into_view_if_needed()
    table = page.locator("[data-testid='stTable']").last
    expect(table.locator("tbody tr")).to_have_count(7)
    last = table.locator("tbody tr th").first.inner_text()
    buttons = page.locator("[data-testid='stButtonGroup'] button")
    assert buttons.count() == 4
    ui.run_and_wait(page, lambda: buttons.first.click())
    ui.assert_no_errors(page)
    expect(table.locator("tbody tr th").first).not_to_have_text(last)
    marks = " ".join(table.locator("tbody td").all_inner_texts())
    assert re.search("✓ as planned|◐ changed|✗ off plan", marks)
    ui.screenshot(page, "review-planned-against-done")


def test_the_roster_shows_last_week_against_its_plan(ui, demo_server, page) -> None:
    ui.goto(page, f"{demo_server.url}/roster")
    ui.assert_no_errors(page)
    grid = page.locator("[data-testid='stDataFrame']").first
    expect(grid.get_by_text("Last week vs plan")).to_have_count(1)
    cells = " ".join(grid.locator("td").all_inner_texts())
    assert re.search("on plan|partly|off plan", cells)
