"""Issue 20 in a real browser: a Hevy export imported on the Log page into a data
folder's athlete, then the weights it prescribes on the Planner and the lifts on the
Review. One server of its own (the import writes the athlete's files)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from legday.io import load_athlete
from tests.samples.imports.make_strength_samples import LEGS, hevy_csv

ATHLETE = "maya-newcomer"  # a daily log in logs/, no sets log yet, heavy sessions next


@pytest.fixture(scope="module")
def server(ui, tmp_path_factory) -> Iterator[object]:
    ui.need_browser_tools()
    root = tmp_path_factory.mktemp("strength-server")
    data = ui.copy_data_folder(root / "athletes")
    started = ui.start_server(root / "streamlit.log", data)
    yield started
    ui.stop_server(started)


@pytest.fixture
def page(browser, ui):
    made = ui.new_page(browser)
    yield made
    made.context.close()


def export_for(last: dt.date) -> bytes:
    """Six weeks of two leg workouts a week, the last the day before ``last``."""
    workouts = []
    for week in range(6):
        for back in (1, 4):
            day = last - dt.timedelta(days=7 * (5 - week) + back)
            workouts.append((dt.datetime.combine(day, dt.time(18, 0)), "Legs", LEGS, 50))
    return hevy_csv(sorted(workouts)).encode()


def test_a_hevy_import_on_the_log_page_gives_weights_on_the_planner(ui, server, page) -> None:
    last = load_athlete(server.data_dir / f"{ATHLETE}.yaml").athlete.last_date
    link = f"athlete={ATHLETE}&as_of={last.isoformat()}"
    ui.goto(page, f"{server.url}/log?{link}")
    page.get_by_role("tab", name="Import").click()
    panel = page.get_by_role("tabpanel", name="Import")
    uploader = panel.locator("[data-testid='stFileUploader']").first
    ui.run_and_wait(
        page,
        lambda: uploader.locator("input[type='file']").set_input_files(
            files=[{"name": "workouts.csv", "mimeType": "text/csv", "buffer": export_for(last)}]
        ),
    )
    # 12 workouts of 4 + 2 + 2 + 2 sets
    panel.get_by_text("found 120 Hevy rows: 120 sets (120 leg, 0 other) on 12 days").wait_for()
    panel.get_by_text("adds 12 days (120 sets)").wait_for()
    ui.screenshot(page, "log-import-hevy")
    name = load_athlete(server.data_dir / f"{ATHLETE}.yaml").athlete.name
    merge = panel.get_by_role("button", name=f"Merge into {name}'s sets log")
    ui.run_and_wait(page, merge.click)
    ui.assert_no_errors(page)
    page.get_by_text(f"Saved {ATHLETE}-sets.csv").wait_for()
    profile = server.read(f"{ATHLETE}.yaml").decode()
    assert profile.endswith(f"strength_log: logs/{ATHLETE}-sets.csv\n")

    ui.goto(page, f"{server.url}/planner?{link}")
    ui.assert_no_errors(page)
    day = last - dt.timedelta(days=1)
    squat = page.get_by_text(f"@ 60 kg (last {day.day} {day:%b}: 60 kg x 5, 5, 5, RIR 1.5)")
    squat.first.wait_for()
    page.get_by_text("@ 14 kg (last").first.wait_for()  # the split squat: 12 + 2 kg
    ui.screenshot(page, "planner-weights")

    ui.goto(page, f"{server.url}/review?{link}")
    ui.run_and_wait(page, lambda: page.get_by_text("Show the lifts: estimated 1RM").click())
    ui.assert_no_errors(page)
    assert page.locator(".st-key-lifts_chart .main-svg").count() >= 1
    ui.screenshot(page, "review-lifts")
    assert ui.server_tracebacks(server) == []
