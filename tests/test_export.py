"""Exports: the calendar parses back with stable UIDs, CSV cells cannot run as formulas,
Markdown shows user text literally."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
import pytest
from icalendar import Calendar

from legday.export import (
    md_escape,
    plan_to_csv,
    plan_to_ics,
    plan_to_markdown,
    plan_to_text,
    plans_to_csv,
    plans_to_ics,
    spreadsheet_safe,
)
from legday.model import WEEKDAYS, Athlete, Profile, Race, days_from_records
from legday.planner import plan_week

WEEK_OF = dt.date(2026, 11, 30)
SAMPLE = ("rest", "easy", "moderate", "hard", "easy", "long", "rest")
STAMP = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC)


def make_plan(name: str = "Sam", athlete_id: str = "sam", race_name: str = "City 10K"):
    week = dict(zip(WEEKDAYS, SAMPLE, strict=True))
    records = [
        {
            "date": WEEK_OF - dt.timedelta(days=28 - i),
            "run": SAMPLE[i % 7],
            "distance": None if SAMPLE[i % 7] == "rest" else 5.0,
            "strength": "light" if i % 7 == 1 else "none",  # a block under way: not a first one
        }
        for i in range(28)
    ]
    race = Race(race_name, WEEK_OF + dt.timedelta(days=60), 6.2)
    profile = Profile(
        id=athlete_id, name=name, week=week, week_source="profile", season="off-season",
        races=(race,), weaker_side="left",
    )  # fmt: skip
    return plan_week(Athlete(profile, days_from_records(records)), week_of=WEEK_OF)


def events(data: bytes) -> list:
    return Calendar.from_ical(data).walk("VEVENT")


def test_ics_one_all_day_event_per_day_with_a_run_or_session() -> None:
    plan = make_plan()
    found = events(plan_to_ics(plan, stamp=STAMP))
    # the sample week rests Monday and Sunday: 5 events, Tuesday to Saturday
    assert [e.decoded("dtstart") for e in found] == [
        WEEK_OF + dt.timedelta(days=i) for i in range(1, 6)
    ]
    assert all(type(e.decoded("dtstart")) is dt.date for e in found)  # all-day
    assert all(e.decoded("dtend") - e.decoded("dtstart") == dt.timedelta(days=1) for e in found)
    assert [str(e["uid"]) for e in found] == [
        f"legday-sam-{(WEEK_OF + dt.timedelta(days=i)).isoformat()}@legday" for i in range(1, 6)
    ]
    tuesday = found[0]
    assert "heavy leg session" in str(tuesday["summary"])
    description = str(tuesday["description"])
    assert "S6: after the easy run" in description
    assert "left side first" in description


def test_ics_reexport_keeps_uids_so_calendars_update() -> None:
    first = [str(e["uid"]) for e in events(plan_to_ics(make_plan()))]
    again = [str(e["uid"]) for e in events(plan_to_ics(make_plan(name="Sam B")))]
    assert first == again


def test_ics_roster_is_one_calendar_with_unique_uids() -> None:
    data = plans_to_ics([make_plan(), make_plan(athlete_id="ana", name="Ana")], stamp=STAMP)
    calendar = Calendar.from_ical(data)
    uids = [str(e["uid"]) for e in calendar.walk("VEVENT")]
    assert len(uids) == 10 and len(set(uids)) == 10  # 5 + 5
    assert str(calendar["version"]) == "2.0" and "legday" in str(calendar["prodid"])


def test_csv_neutralises_formula_names() -> None:
    evil = '=HYPERLINK("http://evil.example","click")'
    text = plan_to_csv(make_plan(name=evil, race_name="+cmd|' /C calc'!A0"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 7
    assert {row["name"] for row in rows} == {"'" + evil}
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
    # 5 runs x 5 = 25 logged a week; 25 x 1.1 = 27.5. Every kind's own median is 5
    # (V6), so the 5 runs share it evenly: 27.5 / 5 = 5.5 each
    assert rows[1]["strength"] == "heavy" and rows[1]["distance"] == "5.5"


def test_csv_roster_has_one_header() -> None:
    text = plans_to_csv([make_plan(), make_plan(athlete_id="ana")])
    lines = text.splitlines()
    assert lines[0].startswith("athlete,name,week_of,phase,date")
    assert len(lines) == 1 + 14


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", " x"),  # a line break becomes a space: one row is one line
        ("a\r\n=1", "a =1"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        (-3.5, -3.5),  # a number is a number
        (None, None),
    ],
)
def test_spreadsheet_safe_values(value, expected) -> None:
    assert spreadsheet_safe(value) == expected


def test_spreadsheet_safe_frame_and_series() -> None:
    frame = pd.DataFrame(
        {"name": ["=cmd", "ok", None], "n": [-1.0, 2.0, 3.0], "=h": ["a", "b", "c"]}
    )
    safe = spreadsheet_safe(frame)
    assert safe["name"].tolist()[:2] == ["'=cmd", "ok"] and pd.isna(safe["name"].iloc[2])
    assert safe["n"].tolist() == [-1.0, 2.0, 3.0]
    assert list(safe.columns) == ["name", "n", "'=h"]
    assert frame["name"].iloc[0] == "=cmd"  # the input is untouched
    assert spreadsheet_safe(pd.Series(["@x"])).tolist() == ["'@x"]


def test_markdown_escapes_user_text() -> None:
    plan = make_plan(name="[click](http://evil) <script>", race_name="*Big* | race")
    text = plan_to_markdown(plan)
    # "[click]" cannot become a link, "<script>" cannot become HTML
    assert "# Leg day plan: \\[click\\](http://evil) &lt;script&gt;" in text
    assert "<script>" not in text and "[click]" not in text
    assert "Next race: \\*Big\\* \\| race" in text
    assert "| Tuesday 2026-12-01 | easy 5.5 mi | heavy |" in text
    assert "## Flags" in text


def test_md_escape() -> None:
    assert md_escape("a_b*c") == "a\\_b\\*c"
    assert md_escape("x\ny") == "x y"
    # a marker at the start cannot make a heading, a list or a quote
    assert md_escape("# big") == "\\# big"
    assert md_escape("- item") == "\\- item"
    assert md_escape("12. item") == "12\\. item"
    assert md_escape("> quote") == "&gt; quote"
    assert md_escape("10-12 reps") == "10-12 reps"  # digits then a dash: plain text


def test_text_view_lists_every_day() -> None:
    text = plan_to_text(make_plan())
    assert text.count("legs:") == 7
    assert "why: S4: the day after Thursday's hard run" in text
