"""Every page under Streamlit's AppTest: every demo athlete, an upload, a bad link,
a check-in on the demo (kept in the session) and in a data folder (saved safely).

AppTest runs the scripts in this process, so ``sys.argv`` is pytest's: an autouse
fixture sets it to what ``streamlit run app.py`` gives (no path after ``--``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from legday import clock
from legday.charts.base import WEEKDAY_LABELS as WEEKDAYS
from legday.demo import DEMO_DIR, load_demo
from legday.io import load_upload
from legday.session_logs import Upload
from tests.app.apptest import PAGES, REPO, new_app, no_errors, open_page

pytestmark = pytest.mark.apptest

TIMEOUT = 60
DEMO = [r.athlete for r in load_demo() if r.athlete is not None]
DAY_CARD = re.compile(r"^\*\*(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d [A-Z][a-z]{2}\*\*$")


@pytest.fixture(autouse=True)
def plain_argv(monkeypatch) -> None:
    monkeypatch.setattr(sys, "argv", ["app.py"])
    monkeypatch.delenv("LEGDAY_DATA_DIR", raising=False)


def _check_review(at: AppTest, athlete) -> None:
    assert athlete.name in at.title[0].value
    charts = at.get("plotly_chart")
    assert len(charts) == 1  # the weekly chart; the load trends wait for their toggle
    days = [t.value for t in at.table if list(t.value.columns) == list(WEEKDAYS)]
    # the day grid (8 weeks) and planned against done's week, for a daily log only
    assert len(days) == (0 if athlete.granularity == "weeks" else 1)
    assert at.get("dataframe") == []  # the long tables wait for their toggle
    assert len(at.metric) == 4
    at.toggle(key="load_trends").set_value(True).run()
    no_errors(at)
    assert len(at.get("plotly_chart")) == 2
    at.toggle(key="load_trends").set_value(False).run()
    charts = at.get("plotly_chart")
    at.toggle(key="review_tables").set_value(True).run()
    no_errors(at)
    tables = at.get("dataframe")
    assert len(tables) >= 1  # the weekly table (and the flags table when there are flags)
    assert len(at.get("plotly_chart")) == len(charts)
    at.toggle(key="review_tables").set_value(False).run()


def _check_planner(at: AppTest, athlete) -> None:
    assert athlete.name in at.title[0].value
    cards = [m.value for m in at.markdown if DAY_CARD.match(m.value)]
    assert len(cards) == 7, cards
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Calendar (.ics)", "Spreadsheet (.csv)", "Printable (.md)"]
    # the season strip; the week at a glance and the strength block are tables
    assert len(at.get("plotly_chart")) == 1
    glance = next(t.value for t in at.table if list(t.value.columns) == list(WEEKDAYS))
    assert len(glance) == 1


@pytest.mark.parametrize("athlete", DEMO, ids=[a.id for a in DEMO])
def test_every_page_for_every_demo_athlete(athlete) -> None:
    at = new_app(timeout=TIMEOUT, athlete=athlete.id)
    at.run()
    no_errors(at)
    assert at.title[0].value == "Roster"  # more than one athlete: the root opens the roster
    assert at.session_state["athlete"] == athlete.id
    roster = at.get("dataframe")[0]
    assert len(roster.value) == len(DEMO)
    _check_review(open_page(at, "review"), athlete)
    _check_planner(open_page(at, "planner"), athlete)
    log = open_page(at, "log")
    assert len(log.tabs) == 5
    about = open_page(at, "about")
    assert about.title[0].value == "About legday"
    assert len(about.table) == 1  # the rules with their evidence


@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_runs_on_its_own_with_defaults(page) -> None:
    """AppTest straight on a page file: no frame, so the page picks the defaults."""
    at = AppTest.from_file(str(REPO / PAGES[page]), default_timeout=TIMEOUT)
    at.run()
    no_errors(at)
    assert at.title


def test_the_sidebar_offers_every_athlete_and_syncs_the_link() -> None:
    at = new_app(timeout=TIMEOUT)
    at.run()
    picker = at.selectbox(key="athlete")
    assert picker.options == [a.name for a in DEMO]
    picker.set_value("omar-raceseason").run()
    no_errors(at)
    assert at.query_params["athlete"] == "omar-raceseason"
    assert "as_of" not in at.query_params  # the default date is not written in the link


def test_an_as_of_in_the_link_is_used_and_kept() -> None:
    dan = next(a for a in DEMO if a.id == "dan-marathon")
    day = (dan.last_date - dt.timedelta(days=14)).isoformat()
    at = new_app(timeout=TIMEOUT, athlete="dan-marathon", as_of=day)
    at.run()
    open_page(at, "review")
    assert at.session_state["as_of"] == dt.date.fromisoformat(day)
    assert at.query_params["as_of"] == day


@pytest.mark.parametrize(
    ("value", "words"),
    [("../../etc/passwd", "not a valid athlete id"), ("nobody", "not in this roster")],
)
def test_a_bad_link_warns_and_falls_back(value: str, words: str) -> None:
    at = new_app(timeout=TIMEOUT, athlete=value)
    at.run()
    no_errors(at)
    assert any(words in w.value for w in at.warning)
    assert at.session_state["athlete"] == DEMO[0].id


def test_link_text_in_a_warning_cannot_become_a_link() -> None:
    """The id is echoed in the warning with Markdown escaped: no clickable link."""
    at = new_app(timeout=TIMEOUT, athlete="[click me](https://evil.example)")
    at.run()
    shown = " ".join(w.value for w in at.warning)
    assert "\\[click me\\]" in shown
    assert re.search(r"(?<!\\)\]\(", shown) is None  # no unescaped "](": no link


def test_a_bad_as_of_warns() -> None:
    at = new_app(timeout=TIMEOUT, athlete="ana-hills", as_of="2026-02-30")
    at.run()
    assert any("not a real calendar date" in w.value for w in at.warning)


# ---------------------------------------------------------------------------- uploads

LOG = (
    "date,run,distance,minutes,rpe,strength,strength_minutes,strength_rpe,soreness,notes\n"
    + "".join(
        f"2026-10-{d:02d},{'long' if d % 7 == 4 else 'easy'},{8 if d % 7 == 4 else 4},"
        f"{80 if d % 7 == 4 else 40},4,{'heavy' if d % 7 == 6 else 'none'},"
        f"{30 if d % 7 == 6 else ''},{6 if d % 7 == 6 else ''},{d % 4},\n"
        for d in range(1, 32)
    )
)


def _with_upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.session_state["upload"] = Upload.read("test", name, data)
    at.session_state["source"] = "upload"
    return at


def test_an_uploaded_log_drives_every_page() -> None:
    at = _with_upload(new_app(timeout=TIMEOUT), "my-log.csv", LOG.encode())
    at.run()
    no_errors(at)
    assert at.title[0].value == "Review: My Log"  # one athlete: the root opens the review
    assert at.radio(key="source").value == "upload"
    for page in ("roster", "review", "planner", "log", "about"):
        open_page(at, page)
    _check_planner(open_page(at, "planner"), load_upload("my-log.csv", LOG.encode()).athlete)


def test_a_broken_upload_lists_its_problems_on_the_log_page() -> None:
    data = b"date,run,distance\n2026-02-30,easy,5\n2026-03-01,jog,-3\n"
    at = _with_upload(new_app(timeout=TIMEOUT), "broken.csv", data)
    at.run()
    no_errors(at)
    assert at.radio(key="source").value == "demo"  # a file that did not load is no source
    assert at.radio(key="source").options == ["Bundled demo"]
    open_page(at, "log")
    tables = [t.value for t in at.get("dataframe") if "message" in t.value.columns]
    problems = tables[0]
    assert set(problems["file"]) == {"broken.csv"}
    assert {2, 3} <= set(problems["line"].dropna().astype(int))


def test_a_name_with_html_is_shown_as_text() -> None:
    profile = (
        "name: '<img src=x onerror=alert(1)>'\nunits: km\n"
        "days:\n  - {date: 2026-10-01, run: easy, distance: 5}\n"
    )
    at = _with_upload(new_app(timeout=TIMEOUT), "x.yaml", profile.encode())
    at.run()
    no_errors(at)
    title = at.title[0].value
    assert "<img" not in title  # entities: Markdown shows them as the characters, as text
    assert "&lt;img src=x onerror=alert(1)&gt;" in title


# --------------------------------------------------------------------------- check-in


def _submit_checkin(at: AppTest, soreness: int) -> None:
    at.slider(key="checkin_soreness").set_value(soreness)
    at.text_input(key="checkin_feel").input("heavy calves")
    next(b for b in at.button if b.label == "Add check-in").click()
    at.run()
    no_errors(at)


def _tree(folder: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in sorted(folder.rglob("*"))}


def test_a_demo_check_in_stays_in_the_session_and_writes_nothing() -> None:
    before = _tree(DEMO_DIR)
    at = new_app(timeout=TIMEOUT, athlete="dan-marathon")
    at.run()
    open_page(at, "log")
    _submit_checkin(at, 7)
    edited = at.session_state["_session_logs"]["demo"]["dan-marathon"]
    today = edited.days[edited.days["date"] == pd.Timestamp(clock.today())]
    assert today["soreness"].tolist() == [7.0]
    assert "legs: heavy calves" in today["notes"].iloc[0]
    assert _tree(DEMO_DIR) == before


def test_a_folder_check_in_is_saved_with_a_backup(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "athletes"
    shutil.copytree(DEMO_DIR / "athletes", folder)
    monkeypatch.setenv("LEGDAY_DATA_DIR", str(folder))
    log = folder / "logs" / "dan-marathon.csv"
    old = log.read_text()
    at = new_app(timeout=TIMEOUT, athlete="dan-marathon")
    at.run()
    assert at.radio(key="source").value == "folder"
    open_page(at, "log")
    _submit_checkin(at, 5)
    backups = list((log.parent / ".legday-backups").glob("dan-marathon.*.csv"))
    assert len(backups) == 1 and backups[0].read_text() == old
    assert "heavy calves" in log.read_text()


def test_a_check_in_on_a_log_changed_meanwhile_lands_on_the_newest_log(
    tmp_path, monkeypatch
) -> None:
    """Opened, then someone else saves: a check-in is applied to the newest log (check-ins
    from many sessions all land), so both the other save and the check-in are there."""
    folder = tmp_path / "athletes"
    shutil.copytree(DEMO_DIR / "athletes", folder)
    monkeypatch.setenv("LEGDAY_DATA_DIR", str(folder))
    log = folder / "logs" / "dan-marathon.csv"
    at = new_app(timeout=TIMEOUT, athlete="dan-marathon")
    at.run()
    open_page(at, "log")  # the editor notes the file's version
    log.write_text(log.read_text() + "2026-11-23,rest,,,,none,,,2,someone else\n")
    at.slider(key="checkin_soreness").set_value(6)
    next(b for b in at.button if b.label == "Add check-in").click()
    at.run()
    no_errors(at)
    text = log.read_text()
    assert "someone else" in text  # theirs kept
    today = clock.today().isoformat()
    assert any(line.startswith(today) and ",6," in line for line in text.splitlines())
    assert len(list((log.parent / ".legday-backups").glob("dan-marathon.*.csv"))) == 1


# ------------------------------------------------------------------- wording and tables


def _table(at: AppTest, *columns: str):
    """The first table with these columns (a display-only table has no key in AppTest)."""
    return next(d for d in at.get("dataframe") if set(columns) <= set(d.value.columns))


def test_plural_by_hand() -> None:
    from app_pages._widgets import plural

    assert plural(1, "athlete") == "1 athlete"
    assert plural(0, "athlete") == "0 athletes"
    assert plural(7, "athlete") == "7 athletes"
    assert plural(2, "person", "people") == "2 people"


def test_counts_agree_with_their_nouns() -> None:
    """The demo roster has 7 athletes; an uploaded log makes a roster of 1."""
    at = new_app(timeout=TIMEOUT)
    at.run()
    assert at.caption[0].value.startswith(f"{len(DEMO)} athletes, each as of")
    at = _with_upload(new_app(timeout=TIMEOUT), "my-log.csv", LOG.encode())
    at.run()
    open_page(at, "roster")
    assert at.caption[0].value.startswith("1 athlete, each as of")
    open_page(at, "log")
    # LOG has 31 days (2026-10-01 .. 31) and no problems: "31 rows", never "(s)"
    captions = " ".join(c.value for c in at.caption)
    assert "My Log: 31 rows, units mi" in captions
    assert "(s)" not in " ".join(m.value for m in at.markdown)


def test_a_broken_upload_counts_errors_in_words() -> None:
    data = b"date,run,distance\n2026-02-30,easy,5\n2026-03-01,jog,-3\n"
    at = _with_upload(new_app(timeout=TIMEOUT), "broken.csv", data)
    at.run()
    open_page(at, "log")
    texts = [m.value for m in at.markdown]
    assert any(re.fullmatch(r"\d+ errors?, \d+ warnings?:", t) for t in texts), texts


def test_the_upload_preview_shows_dates_without_a_time() -> None:
    at = _with_upload(new_app(timeout=TIMEOUT), "my-log.csv", LOG.encode())
    at.run()
    open_page(at, "log")
    preview = next(d for d in at.get("dataframe") if len(d.value) == 10)  # the last rows
    config = json.loads(preview.proto.columns)
    assert config["date"]["type_config"] == {"type": "date", "format": "YYYY-MM-DD"}
    assert preview.value["date"].iloc[-1] == pd.Timestamp("2026-10-31")  # the last row


def test_review_tables_wait_for_their_toggle_and_count_the_flags() -> None:
    """Lena's log has flags: the toggle's label counts them, the list of the last 14
    days is drawn without it, the flags and weekly tables only with it."""
    at = new_app(timeout=TIMEOUT, athlete="lena-overeager")
    at.run()
    open_page(at, "review")
    toggle = at.toggle(key="review_tables")
    assert re.fullmatch(r"Show the tables: all \d+ flags, week by week", toggle.label)
    assert toggle.value is False and at.get("dataframe") == []
    assert any(m.value.startswith("- **S") for m in at.markdown)  # the recent flags list
    toggle.set_value(True).run()
    no_errors(at)
    flags = _table(at, "severity", "rule")
    count = int(re.search(r"all (\d+) flags", toggle.label).group(1))
    assert len(flags.value) == count
    assert _table(at, "week_of", "distance") is not None


def test_severity_is_a_marked_word_not_per_cell_css() -> None:
    """Roster and flags tables: no pandas Styler (no per-cell CSS sent), the severity as
    a coloured mark and a word; the roster's worst flag cut at its second colon."""
    at = new_app(timeout=TIMEOUT, athlete="lena-overeager")
    at.run()
    roster = _table(at, "status", "worst")
    assert not roster.proto.arrow_data.HasField("styler")
    assert set(roster.value["status"]) <= {"🔴 act", "🟠 watch", "🟢 ok"}
    lena = roster.value[roster.value["name"] == "Lena Brandt"].iloc[0]
    assert lena["status"] == "🔴 act"
    assert lena["worst"].count(":") == 1  # "S1: 4 leg sessions in the week of Mon ..."
    open_page(at, "review")
    at.toggle(key="review_tables").set_value(True).run()
    flags = _table(at, "severity", "rule")
    assert not flags.proto.arrow_data.HasField("styler")
    assert set(flags.value["severity"]) <= {"🔴 act", "🟠 watch", "🔵 info"}


def _specs(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_review_figures_are_cached_per_athlete() -> None:
    """The same athlete and day draw the same three figures (from the cache); another
    athlete draws others; the cached figures equal freshly built ones."""
    at = new_app(timeout=TIMEOUT, athlete="ana-hills")
    at.run()
    ana = _specs(open_page(at, "review"))
    at.selectbox(key="athlete").set_value("dan-marathon").run()
    dan = _specs(at)
    at.selectbox(key="athlete").set_value("ana-hills").run()
    again = _specs(at)
    assert len(ana) == len(dan) == 1
    assert again == ana
    assert all(a != d for a, d in zip(ana, dan, strict=True))

    from app_pages._session import Loaded, Selection, source_key

    athlete = next(a for a in DEMO if a.id == "ana-hills")
    results = load_demo()
    names = {a.id: a.name for a in DEMO}

    def selected(source: str, key: tuple | None) -> Selection:
        loaded = Loaded(source, key, names, None, [], read=results)
        return Selection(loaded, athlete, athlete.last_date)

    cached = selected("demo", source_key("demo", None)).review_figures()
    fresh = selected("upload", None).review_figures()
    assert set(cached) == {"core", "grid", "load"}
    for name in ("core", "load"):
        assert json.loads(cached[name].to_json()) == json.loads(fresh[name].to_json()), name
    pd.testing.assert_frame_equal(cached["grid"].words, fresh["grid"].words)
    pd.testing.assert_frame_equal(cached["grid"].fills, fresh["grid"].fills)


def test_the_units_note_names_its_yaml_key_as_code() -> None:
    """D2's note (Sam's bare CSV log: units assumed) on the Roster and on Sam's Review:
    the key to add is a code span, not backticks shown as text; the rest is escaped."""
    at = new_app(athlete="sam-csv-only")
    at.run()
    roster = next(c.value for c in open_page(at, "roster").caption if "D2:" in c.value)
    review = next(w.value for w in open_page(at, "review").warning if "D2:" in w.value)
    for shown in (roster, review):
        assert "`units: km`" in shown and "\\`" not in shown, shown
