"""The public demo link and a coach's shared server, attacked from two browsers at once.

- Two browser contexts are two people: an upload in one is never visible in the other
  (athlete picker, data-source choice, roster, Log page preview, a link to its id).
- Hostile text in an uploaded file (a name ``<img src=x onerror=alert(1)>``, notes and
  a race name with ``<script>``) shows as text: the literal text is on the page, no
  dialog fired and no ``<img src="x">`` element exists.
- Demo mode writes nothing under the repository (data/ included): the tree's paths,
  sizes and mtimes are the same before and after a session that uploads, edits,
  checks in and downloads.
- Two coaches editing the same log in a writable data folder: the second save is
  refused with a message and a download of their version; the file on disk is the
  first coach's.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from legday import clock

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_RACE = "<script>alert('race')</script>"
HOSTILE_NOTE = "<script>alert(3)</script>"
UPLOAD_ID = "zz-hostile"
#: Not part of the tree that demo mode must leave alone (test output, caches, git).
SNAPSHOT_SKIP = {
    ".git",
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    ".ruff_cache",
    ".venv",
    "artifacts",
    "screenshots",
    ".benchmarks",
}


def hostile_profile(today: dt.date) -> bytes:
    """A valid profile with inline days whose user text is HTML and script."""
    start = today - dt.timedelta(days=28)
    kinds = ["rest", "easy", "hard", "easy", "rest", "easy", "long"]
    rows = []
    for i in range(28):
        day = start + dt.timedelta(days=i)
        kind = kinds[day.weekday()]
        cells = [f"date: {day.isoformat()}", f"run: {kind}"]
        if kind != "rest":
            cells.append(f"distance: {5 + (kind == 'long') * 7}")
        if day.weekday() == 1:
            cells += ["strength: heavy", "soreness: 3"]
        if i >= 24:  # the last rows, shown in the upload preview
            cells.append(f'notes: "{HOSTILE_NOTE}"')
        rows.append("- {" + ", ".join(cells) + "}")
    race = today + dt.timedelta(days=40)
    text = (
        f'name: "{HOSTILE_NAME}"\n'
        "units: km\n"
        "week: {mon: rest, tue: easy, wed: hard, thu: easy, fri: rest, sat: easy, sun: long}\n"
        f'races:\n- {{name: "{HOSTILE_RACE}", date: {race.isoformat()}, distance: 10}}\n'
        "days:\n" + "\n".join(rows) + "\n"
    )
    return text.encode()


@pytest.fixture(scope="module")
def two(browser, ui):
    """Two people at the same time: separate contexts, each recording dialogs."""
    pages = []
    for _ in range(2):
        page = ui.new_page(browser)
        page.dialogs = ui.DialogLog()
        page.dialogs.attach(page)
        pages.append(page)
    yield pages
    for page in pages:
        page.context.close()


def upload(ui, page, name: str, data: bytes) -> None:
    page.get_by_role("tab", name="Upload").click()
    page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}]
    )
    page.get_by_role("tabpanel", name="Upload").get_by_text("KB)").wait_for()
    ui.wait_ready(page)


def athlete_options(ui, page) -> list[str]:
    """Every name the sidebar's athlete picker offers."""
    box = page.locator("[data-testid='stSidebar']").get_by_role("combobox")
    box.click()
    options = page.get_by_role("option")
    options.first.wait_for()
    names = options.all_inner_texts()
    page.keyboard.press("Escape")
    return names


def no_script_ran(page) -> None:
    assert page.dialogs.messages == []
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate(
        "() => Array.from(document.scripts).every(s => !s.textContent.includes('alert('))"
    )


def test_upload_stays_in_its_session_and_hostile_text_is_text(ui, demo_server, two) -> None:
    a, b = two
    ui.goto(a, f"{demo_server.url}/log")
    ui.goto(b, f"{demo_server.url}/roster")
    demo_names = athlete_options(ui, b)

    upload(ui, a, f"{UPLOAD_ID}.yaml", hostile_profile(clock.today()))
    panel = a.get_by_role("tabpanel", name="Upload")
    panel.get_by_text("No problems found.").wait_for()
    # the preview's last rows carry the note as plain text (the grid's accessible table)
    expect(panel.locator("[data-testid='stDataFrame']").first).to_contain_text(HOSTILE_NOTE)
    a.get_by_role("button", name="Show this file in the dashboard").click()
    a.locator("[data-testid='stSidebar']").get_by_text("Uploaded file", exact=True).wait_for()
    ui.wait_ready(a)
    assert a.locator("[data-testid='stSidebar']").get_by_role("combobox").input_value() == (
        HOSTILE_NAME
    )
    a.locator("[data-testid='stSidebarNavLink']", has_text="Planner").click()
    a.locator("h1", has_text=HOSTILE_NAME).wait_for()  # the literal name, as text
    ui.wait_ready(a)
    a.get_by_text(HOSTILE_RACE).first.wait_for()  # the race name in the countdown
    ui.assert_no_errors(a)
    a.locator("[data-testid='stSidebarNavLink']", has_text="Athlete review").click()
    a.locator("h1", has_text=HOSTILE_NAME).wait_for()
    ui.wait_ready(a)
    ui.assert_no_errors(a)
    no_script_ran(a)

    # the other person: a fresh run of every place the upload could leak into
    ui.goto(b, f"{demo_server.url}/roster")
    assert athlete_options(ui, b) == demo_names
    assert HOSTILE_NAME not in demo_names
    sidebar = b.locator("[data-testid='stSidebar']")
    assert sidebar.get_by_text("Uploaded file", exact=True).count() == 0
    grid = b.locator("[data-testid='stDataFrame']").first
    expect(grid).to_contain_text("Lena Brandt")  # the grid has drawn its rows
    roster = grid.text_content()
    assert "onerror" not in roster and "Zz Hostile" not in roster
    ui.goto(b, f"{demo_server.url}/log")
    b.get_by_role("tab", name="Upload").click()
    assert b.get_by_role("button", name="Forget the uploaded file").count() == 0
    assert UPLOAD_ID not in b.locator("[data-testid='stMain']").text_content()
    ui.goto(b, f"{demo_server.url}/review?athlete={UPLOAD_ID}")
    b.get_by_text("who is not in this roster").wait_for()
    ui.assert_no_errors(b)
    no_script_ran(b)

    # and the first person still has it after the other's runs (nothing shared, nothing lost)
    a.locator("[data-testid='stSidebarNavLink']", has_text="Roster").click()
    a.locator("h1", has_text="Roster").wait_for()
    ui.wait_ready(a)
    expect(a.locator("[data-testid='stDataFrame']").first).to_contain_text(HOSTILE_NAME)
    no_script_ran(a)


def roster_row(ui, page, name: str) -> str:
    """The text of one athlete's roster row (the grid's accessible table)."""
    grid = page.locator("[data-testid='stDataFrame']").first
    expect(grid).to_contain_text(name)
    return grid.locator("tr", has_text=name).first.text_content()


def test_a_demo_check_in_changes_only_its_own_session(ui, demo_server, two) -> None:
    """The demo roster is one cached copy shared by every session: an edit in one
    session must replace the athlete in that session only, never change the copy."""
    a, b = two
    ui.goto(b, f"{demo_server.url}/roster")
    before = roster_row(ui, b, "Maya Okafor")
    ui.goto(a, f"{demo_server.url}/log?athlete=maya-newcomer")
    a.get_by_role("tab", name="Check-in").click()
    a.get_by_role("slider").first.focus()
    a.keyboard.press("End")  # soreness 10, a value the demo never logs
    ui.run_and_wait(a, lambda: a.get_by_role("button", name="Add check-in").click())
    ui.assert_no_errors(a)
    a.locator("[data-testid='stSidebarNavLink']", has_text="Roster").click()
    a.locator("h1", has_text="Roster").wait_for()
    ui.wait_ready(a)
    mine = roster_row(ui, a, "Maya Okafor")
    assert mine != before  # A sees the check-in (a new week in the trend, soreness 10)
    ui.goto(b, f"{demo_server.url}/roster")
    assert roster_row(ui, b, "Maya Okafor") == before  # B never does
    ui.goto(b, f"{demo_server.url}/roster")  # nor a brand-new session
    assert roster_row(ui, b, "Maya Okafor") == before


# ------------------------------------------------------------------- demo writes nothing


def tree_snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """path -> (size, mtime_ns) of every file and folder under root (skips SNAPSHOT_SKIP)."""
    found: dict[str, tuple[int, int]] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SNAPSHOT_SKIP]
        for name in [*dirs, *files]:
            path = Path(folder) / name
            try:
                stat = path.lstat()
            except FileNotFoundError:
                continue
            found[str(path.relative_to(root))] = (stat.st_size, stat.st_mtime_ns)
    return found


@pytest.fixture(scope="module")
def repo_copy_server(ui, tmp_path_factory):
    """The demo served from a private copy of the repository, so that the tree compared
    is touched by nothing but this server (other work in the checkout can't interfere)."""
    root = tmp_path_factory.mktemp("repo-copy")
    copy = root / "legday"
    shutil.copytree(ui.REPO, copy, ignore=shutil.ignore_patterns(*SNAPSHOT_SKIP))
    server = ui.start_server(root / "streamlit.log", cwd=copy)
    server.root = copy
    yield server
    ui.stop_server(server)


def test_demo_session_writes_nothing_under_the_repo(ui, repo_copy_server, browser) -> None:
    server = repo_copy_server
    before = tree_snapshot(server.root)
    assert "data/athletes/ana-hills.yaml" in before and "app.py" in before
    page = ui.new_page(browser)
    try:
        ui.goto(page, f"{server.url}/log?athlete=maya-newcomer")
        # upload
        upload(ui, page, "scratch.csv", b"date,run,distance\n2026-03-02,easy,5\n")
        # edit the demo log and keep the edit in the session
        page.get_by_role("tab", name="Edit").click()
        ui.edit_first_row(page, 10, "edited in the demo")
        page.get_by_role("button", name="Use these edits in this session").click()
        kept = page.locator("[data-testid='stAlertContentSuccess']", has_text="kept in this")
        kept.wait_for()
        ui.wait_ready(page)
        # a check-in
        page.get_by_role("tab", name="Check-in").click()
        ui.run_and_wait(page, lambda: page.get_by_role("button", name="Add check-in").click())
        expect(kept).to_contain_text("Check-in kept in this browser session")
        ui.assert_no_errors(page)
        # downloads: the log and the three plan files
        page.get_by_role("tab", name="Edit").click()
        with page.expect_download() as info:
            page.get_by_role("button", name="Download this log (.csv)").click()
        assert info.value.path().stat().st_size > 0
        ui.goto(page, f"{server.url}/planner?athlete=maya-newcomer")
        for label in ("Calendar (.ics)", "Spreadsheet (.csv)", "Printable (.md)"):
            with page.expect_download() as info:
                page.get_by_role("button", name=label).click()
            assert info.value.path().stat().st_size > 0
        ui.assert_no_errors(page)
    finally:
        page.context.close()
    after = tree_snapshot(server.root)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert changed == []


# ------------------------------------------------------------------ two editors, one log


def test_second_save_of_the_same_log_is_refused(ui, folder_server, two) -> None:
    a, b = two
    server = folder_server
    name = "sam-csv-only.csv"
    original = server.read(name)
    for page in (a, b):  # both open the log before either saves
        ui.goto(page, f"{server.url}/log?athlete=sam-csv-only")
        page.get_by_role("tab", name="Edit").click()
        page.get_by_role("tabpanel", name="Edit").locator("[data-testid='stDataFrame']").wait_for()
        ui.wait_ready(page)

    ui.edit_first_row(a, 10, "saved by A")
    a.get_by_role("button", name=server.save_label).click()
    a.get_by_text("Saved sam-csv-only.csv").first.wait_for()  # the toast
    ui.wait_ready(a)
    ui.assert_no_errors(a)
    saved_by_a = server.read(name)
    assert b"saved by A" in saved_by_a and saved_by_a != original
    if not server.database:  # a folder keeps the version it replaced
        backups = list((server.data_dir / ".legday-backups").glob("sam-csv-only.*.csv"))
        assert [p.read_bytes() for p in backups] == [original]

    ui.edit_first_row(b, 10, "saved by B")
    b.get_by_role("button", name=server.save_label).click()
    refusal = b.locator("[data-testid='stAlertContentError']")
    refusal.wait_for()
    assert "changed on disk since you opened it" in refusal.inner_text()
    assert server.read(name) == saved_by_a  # never a silent overwrite
    with b.expect_download() as info:
        b.get_by_role("button", name="Download your version").click()
    download = info.value
    assert download.suggested_filename == "sam-csv-only.mine.csv"
    mine = download.path().read_bytes()
    assert b"saved by B" in mine and b"saved by A" not in mine
    assert server.read(name) == saved_by_a
    assert [r[2] for r in server.audit() if r[1] == "sam-csv-only"] == ["log"]  # A's only
    no_script_ran(a)
    no_script_ran(b)


def test_a_check_in_on_a_log_changed_since_it_was_opened_lands_on_the_newest(
    ui, folder_server, two
) -> None:
    """Runs after the two-editors test: B opened the log before A's save. A check-in
    appends to the newest log (check-ins from many sessions all land): A's save stays."""
    b = two[1]
    server = folder_server
    before = server.read("sam-csv-only.csv")
    assert b"saved by A" in before  # A's save from the test above
    assert clock.today().isoformat().encode() not in before
    b.get_by_role("tab", name="Check-in").click()
    ui.run_and_wait(b, lambda: b.get_by_role("button", name="Add check-in").click())
    b.get_by_text("Check-in saved", exact=False).first.wait_for()
    ui.wait_ready(b)
    ui.assert_no_errors(b)
    after = server.read("sam-csv-only.csv")
    assert b"saved by A" in after  # theirs kept
    assert clock.today().isoformat().encode() in after  # and the check-in added
    assert [r[2] for r in server.audit() if r[1] == "sam-csv-only"] == ["log", "checkin"]


def test_log_download_neutralises_formula_notes(ui, demo_server, browser) -> None:
    page = ui.new_page(browser)
    try:
        ui.goto(page, f"{demo_server.url}/log")
        formula = '=HYPERLINK("http://evil.example","x")'
        quoted = formula.replace('"', '""')
        data = f'date,run,distance,notes\n2026-11-02,easy,5,"{quoted}"\n'
        upload(ui, page, "formula.csv", data.encode())
        ui.run_and_wait(
            page,
            lambda: page.get_by_role("button", name="Show this file in the dashboard").click(),
        )
        page.get_by_role("tab", name="Edit").click()
        with page.expect_download() as info:
            page.get_by_role("button", name="Download this log (.csv)").click()
        text = info.value.path().read_text()
        cells = [c for row in csv.reader(io.StringIO(text, newline=None)) for c in row]
        assert formula in " ".join(cells)  # the note is in the file
        assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    finally:
        page.context.close()
