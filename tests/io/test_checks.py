"""The log checks, drawn AT and around every limit, against a plain-Python oracle.

Each property writes rows as a CSV file (and as a profile's inline ``days:``), loads
them through the public loader and compares every message (line, severity, words)
and the frame with what the rules in docs/data-format.md say, computed here cell by
cell: caps (150 mi a day, 1440 minutes, 0-10 scores, 7 x 150 a week, 14 sessions),
double days summing to the cap, Monday weeks, weeks listed twice, a long run equal
to its week, future dates, leap days, blanks, spaces and case.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from legday.io import load_upload
from legday.model import DAY_COLUMNS, PAIN_SITES, RUN_KINDS, STRENGTH_LEVELS, WEEK_TOTAL_COLUMNS

TODAY = dt.date(2026, 11, 26)
DAY_LIMIT = 150.0  # miles
NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")

# --- cells at and around the limits ------------------------------------------------

day_dates = st.sampled_from(
    [
        "2026-11-20",
        "2026-11-25",
        "2026-11-26",  # today: not in the future
        "2026-11-27",  # tomorrow: a warning
        "2024-02-29",  # a leap day
        "2026-02-29",  # not one
        "2026-02-28",
        " 2026-11-24 ",
        "2026-11-24",
        "05/03/2026",
        "2026-3-5",
        "",
    ]
)
distances = st.sampled_from(
    [
        *("", "0", "-0", "4", "75", "75.0", "149.999", "150", "150.0", "1.5e2", "150.001"),
        *("-0.001", " 4 ", "nan", "inf", "four", "1e999", "75,5"),
    ]
)
minutes = st.sampled_from(["", "0", "40", "1439.9", "1440", "1440.1", "-1"])
scores = st.sampled_from(["", "0", "10", "10.0", "10.01", "-1", "11", " 7"])
runs = st.sampled_from(["", "easy", "Easy", " long ", "race", "eazy", "tempo"])
strengths = st.sampled_from(["", "heavy", "HEAVY", "light", "gym"])
notes = st.sampled_from(["", "hills", "a, b", 'said "hi"', "two\nlines", "  pad  "])
sites = st.sampled_from(["", "knee", "Achilles", " hip ", "kneee", "elbow"])

day_row = st.fixed_dictionaries(
    {
        "date": day_dates,
        "run": runs,
        "distance": distances,
        "minutes": minutes,
        "rpe": scores,
        "strength": strengths,
        "strength_minutes": minutes,
        "strength_rpe": scores,
        "soreness": scores,
        "notes": notes,
        "pain": scores,
        "pain_site": sites,
    }
).filter(lambda row: any(cell.strip() for cell in row.values()))  # a blank line is no row


# --- the oracle ---------------------------------------------------------------------


def number(text: str, column: str, high: float, why: str) -> tuple[float, list[str]]:
    value = text.strip()
    if not value:
        return math.nan, []
    if not NUMBER.fullmatch(value) or not math.isfinite(float(value)):
        return math.nan, [f"{column} '{value}' is not a number"]
    number = float(value)
    if number < 0:
        return number, [f"{column} {value} is negative"]
    if number > high:
        return number, [f"{column} {value} is impossible ({why})"]
    return number, []


def date(text: str, column: str) -> tuple[dt.date | None, list[tuple[str, str]]]:
    value = text.strip()
    if not value:
        return None, [("error", f"{column} is empty")]
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return None, [("error", f"{column} '{value}' is not a date in YYYY-MM-DD form")]
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None, [("error", f"{column} '{value}' is not a real calendar day")]
    if day > TODAY:
        return day, [("warning", f"{column} {value} is in the future")]
    return day, []


def choice(text: str, column: str, choices: tuple[str, ...], blank: str) -> tuple[str, list[str]]:
    value = text.strip().lower()
    if not value:
        return blank, []
    if value not in choices:
        return value, [f"{column} '{value}' is not one of {', '.join(choices)}"]
    return value, []


def expected_days(rows: list[dict[str, str]]) -> tuple[set, pd.DataFrame]:
    """(line, severity, words) of every problem, and the frame when there is no error."""
    problems, records, line = set(), [], 2
    for row in rows:
        day, found = date(row["date"], "date")
        problems |= {(line, severity, words) for severity, words in found}
        record = {"date": day, "notes": row["notes"].strip()}
        for column, choices, blank in (
            ("run", RUN_KINDS, "rest"),
            ("strength", STRENGTH_LEVELS, "none"),
            ("pain_site", PAIN_SITES, ""),
        ):
            record[column], errors = choice(row[column], column, choices, blank)
            problems |= {(line, "error", words) for words in errors}
        for column, high, why in (
            ("distance", DAY_LIMIT, "over 150 mi in a day"),
            ("minutes", 1440, "a day has 1440 minutes"),
            ("rpe", 10, "RPE is 0-10"),
            ("strength_minutes", 1440, "a day has 1440 minutes"),
            ("strength_rpe", 10, "RPE is 0-10"),
            ("soreness", 10, "soreness is 0-10"),
            ("pain", 10, "pain is 0-10"),
        ):
            record[column], errors = number(row[column], column, high, why)
            problems |= {(line, "error", words) for words in errors}
        records.append((line, record))
        line += sum(cell.count("\n") for cell in row.values()) + 1
    problems |= double_day_problems(records)
    frame = pd.DataFrame([r for _, r in records], columns=list(DAY_COLUMNS))
    frame["date"] = pd.to_datetime(frame["date"])
    frame = frame.astype(DAY_COLUMNS).sort_values("date", kind="stable").reset_index(drop=True)
    return problems, frame


def double_day_problems(records: list[tuple[int, dict]]) -> set:
    totals: dict[dt.date, float] = {}
    for _, record in records:
        if record["date"] is not None and not math.isnan(record["distance"]):
            totals[record["date"]] = totals.get(record["date"], 0.0) + record["distance"]
    counts = {}
    for _, record in records:
        counts[record["date"]] = counts.get(record["date"], 0) + 1
    found = set()
    for line, record in records:
        day, own = record["date"], record["distance"]
        if day is None or counts[day] < 2 or totals.get(day, 0) <= DAY_LIMIT or own > DAY_LIMIT:
            continue
        found.add((line, "error", f"distance on {day} adds up to {totals[day]:g} mi"))
    return found


# --- writing and loading --------------------------------------------------------------


def as_csv(rows: list[dict[str, str]], header: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def as_inline_days(rows: list[dict[str, str]]) -> bytes:
    items = [
        "  - {" + ", ".join(f"{k}: {json.dumps(v)}" for k, v in row.items() if v) + "}"
        for row in rows
    ]
    return ("name: Ana\ndays:\n" + "\n".join(items) + "\n").encode()


def matches(found: list, expected: set) -> bool:
    """Every expected problem was reported, and nothing else was."""
    got = {(p.line, p.severity, p.message) for p in found}
    covered = {e for e in expected if any(g[:2] == e[:2] and e[2] in g[2] for g in got)}
    explained = {g for g in got if any(g[:2] == e[:2] and e[2] in g[2] for e in expected)}
    return covered == expected and explained == got


# --- the properties -------------------------------------------------------------------


@given(st.lists(day_row, min_size=1, max_size=12))
def test_daily_log_at_the_limits(rows: list[dict[str, str]]) -> None:
    problems, frame = expected_days(rows)
    result = load_upload("log.csv", as_csv(rows, list(DAY_COLUMNS)), TODAY)
    assert matches(result.problems, problems), (result.problems, problems)
    if any(severity == "error" for _, severity, _ in problems):
        assert result.athlete is None
    else:
        pd.testing.assert_frame_equal(result.athlete.days, frame)


@given(st.lists(day_row, min_size=1, max_size=12))
def test_inline_days_give_what_the_csv_gives(rows: list[dict[str, str]]) -> None:
    """Same cells, same checks: the same messages (lines aside) and the same frame."""
    from_csv = load_upload("log.csv", as_csv(rows, list(DAY_COLUMNS)), TODAY)
    inline = load_upload("log.yaml", as_inline_days(rows), TODAY)
    csv_messages = sorted(p.message for p in from_csv.problems if "no profile" not in p.message)
    inline_messages = sorted(p.message for p in inline.problems)
    assert csv_messages == inline_messages
    assert (from_csv.athlete is None) == (inline.athlete is None)
    if inline.athlete is not None:
        pd.testing.assert_frame_equal(inline.athlete.days, from_csv.athlete.days)


# Weekly totals: Mondays, other days, repeats; caps of 7 x 150 a week and 14 sessions;
# a long run equal to its week, or a hair over it.
week_dates = st.sampled_from(
    [
        *("2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"),
        *("2026-11-10", "2026-11-08", "2024-02-26", "2026-02-30", ""),
    ]
)
week_distance = st.sampled_from(["", "0", "30", "150", "1050", "1050.0", "1050.5", "-1"])
long_runs = st.sampled_from(["", "0", "30", "30.001", "150", "150.5"])
sessions = st.sampled_from(["", "0", "14", "14.5", "15"])
week_row = st.fixed_dictionaries(
    {
        "week_of": week_dates,
        "distance": week_distance,
        "long_run": long_runs,
        "runs": sessions,
        "strength_sessions": sessions,
        "soreness": scores,
    }
).filter(lambda row: any(cell.strip() for cell in row.values()))


def expected_weeks(rows: list[dict[str, str]]) -> set:
    problems, first = set(), {}
    for line, row in enumerate(rows, start=2):
        day, found = date(row["week_of"], "week_of")
        problems |= {(line, severity, words) for severity, words in found}
        if day is not None and day.weekday() != 0:
            problems.add((line, "error", f"week_of {day} is a {day:%A}, not a Monday"))
        if day is not None and day in first:
            words = f"week_of {day} appears twice (first on line {first[day]})"
            problems.add((line, "error", words))
        if day is not None:
            first.setdefault(day, line)
        values = {}
        for column, high, why in (
            ("distance", 7 * DAY_LIMIT, "over 1050 mi in a week"),
            ("long_run", DAY_LIMIT, "over 150 mi in a day"),
            ("runs", 14, "over 14 in a week"),
            ("strength_sessions", 14, "over 14 in a week"),
            ("soreness", 10, "soreness is 0-10"),
        ):
            values[column], errors = number(row[column], column, high, why)
            problems |= {(line, "error", words) for words in errors}
        if values["long_run"] > values["distance"]:
            problems.add((line, "error", f"long_run {values['long_run']:g} is longer"))
    return problems


@given(st.lists(week_row, min_size=1, max_size=10))
def test_weekly_totals_at_the_limits(rows: list[dict[str, str]]) -> None:
    problems = expected_weeks(rows)
    result = load_upload("weeks.csv", as_csv(rows, list(WEEK_TOTAL_COLUMNS)), TODAY)
    assert matches(result.problems, problems), (result.problems, problems)
    errors = any(severity == "error" for _, severity, _ in problems)
    assert (result.athlete is None) == errors
    if not errors:
        weeks = result.athlete.week_totals
        assert {c: str(t) for c, t in weeks.dtypes.items()} == WEEK_TOTAL_COLUMNS
        assert weeks["week_of"].is_monotonic_increasing
        assert (weeks["week_of"].dt.day_of_week == 0).all()


# Any text in a number or date cell: the rule is the pattern, not a parser's whims.
cell_text = st.text(alphabet="0123456789+-.eE ,naifNI:x\u0663", max_size=8)


@given(st.lists(cell_text, min_size=1, max_size=10))
def test_any_text_in_a_number_cell_follows_the_number_rule(cells: list[str]) -> None:
    rows = [
        {"date": str(dt.date(2026, 11, 1) + dt.timedelta(days=i)), "distance": text}
        for i, text in enumerate(cells)
    ]
    result = load_upload("log.csv", as_csv(rows, ["date", "distance"]), TODAY)
    expected, values = set(), []
    for line, row in enumerate(rows, start=2):
        value, errors = number(row["distance"], "distance", DAY_LIMIT, "over 150 mi in a day")
        expected |= {(line, "error", words) for words in errors}
        values.append(value)
    assert matches(result.problems, expected), (result.problems, expected)
    if result.athlete is not None:
        np.testing.assert_array_equal(result.athlete.days["distance"].to_numpy(), values)


@given(st.lists(st.text(alphabet="0123456789-/ T:+", min_size=0, max_size=12), max_size=8))
def test_any_text_in_a_date_cell_follows_the_date_rule(cells: list[str]) -> None:
    rows = [{"date": text, "run": "easy"} for text in cells] or [{"date": "x", "run": "easy"}]
    result = load_upload("log.csv", as_csv(rows, ["date", "run"]), TODAY)
    expected = set()
    for line, row in enumerate(rows, start=2):
        _, found = date(row["date"], "date")
        expected |= {(line, severity, words) for severity, words in found}
    assert matches(result.problems, expected), (result.problems, expected)
