"""Garmin Connect Activities.csv -> legday log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from legday.io import load_athlete
from legday.io.activities import parse_durations, parse_numbers
from legday.io.garmin import garmin_category, parse_garmin_dates
from legday.io.imports import ImportResult, import_file, to_log_csv

SAMPLES = Path(__file__).parent.parent / "samples" / "imports"
GARMIN = SAMPLES / "garmin_activities.csv"
TODAY = dt.date(2024, 12, 31)
HEADER = "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,Aerobic TE"


@pytest.fixture(scope="module")
def sample() -> ImportResult:
    return import_file(GARMIN, units="mi", today=TODAY)


def row_named(result: ImportResult, words: str) -> pd.Series:
    hits = result.days[result.days["notes"].str.contains(words, regex=False)]
    assert len(hits) == 1
    return hits.iloc[0]


def garmin(*rows: str, units: str = "mi", source_units: str | None = None) -> ImportResult:
    data = ("\n".join([HEADER, *rows]) + "\n").encode()
    return import_file(data, "Activities.csv", units=units, source_units=source_units, today=TODAY)


def test_numbers_with_thousands_separators_and_dashes():
    cells = pd.Series(['"1,420"', "5.48", "--", "", "1,234.5"])
    assert parse_numbers(cells).tolist()[:2] == [1420.0, 5.48]
    assert parse_numbers(cells).isna().tolist() == [False, False, True, True, False]
    assert parse_numbers(cells).iloc[4] == 1234.5


def test_decimal_comma_numbers():
    assert parse_numbers(pd.Series(["5,48", "1.234,5"]), decimal_comma=True).tolist() == [
        5.48,
        1234.5,
    ]


def test_durations():
    """01:52:03 = 60 + 52 + 3/60 = 112.05 min; 00:28:10.5 = 28.175; 31:40 (m:s) = 31.667;
    plain seconds 2700 = 45."""
    minutes = parse_durations(pd.Series(["01:52:03", "00:28:10.5", "31:40", "2700", "--"]))
    assert minutes.iloc[:4].round(3).tolist() == [112.05, 28.175, 31.667, 45.0]
    assert pd.isna(minutes.iloc[4])


def test_dates_are_local_and_never_guessed():
    stamps = parse_garmin_dates(pd.Series(["2024-03-04 06:45:10", "2024-03-04", "3/11/2024 6:00"]))
    assert stamps.iloc[0] == pd.Timestamp("2024-03-04 06:45:10")
    assert stamps.iloc[1] == pd.Timestamp("2024-03-04")
    assert pd.isna(stamps.iloc[2])


def test_time_zone_does_not_move_garmin_dates():
    """Garmin's Date is already local: 23:30 stays on its day whatever the zone."""
    data = (HEADER + "\nRunning,2024-03-04 23:30:00,false,Late,3.0,1,00:30:00,--,--,--\n").encode()
    for tz in ("UTC", "Asia/Tokyo", "America/Los_Angeles"):
        result = import_file(data, "Activities.csv", tz=tz, today=TODAY)
        assert result.days["date"].iloc[0] == pd.Timestamp("2024-03-04")


def test_activity_types():
    types = pd.Series(
        [
            "Running",
            "Treadmill Running",
            "Trail Running",
            "Track Running",
            "Virtual Run",
            "Strength Training",
            "Pool Swim",
            "Cycling",
            "HIIT",
            "Rowing",
        ]
    )
    assert garmin_category(types).tolist() == (["run"] * 5 + ["strength"] + ["cross"] * 4)


def test_sample_summary(sample):
    """11 rows, 1 with a spreadsheet date skipped: 10 kept = 6 runs, 2 leg sessions,
    2 cross; the 18:00 leg session joins the 06:45 run row -> 9 day rows."""
    s = sample.summary
    assert (s.found, s.kept, s.runs, s.strength_sessions, s.cross) == (11, 10, 6, 2, 2)
    assert len(sample.days) == 9
    assert s.skipped == {"date not in Garmin's '2024-01-05 07:12:33' form": 1}
    assert (s.first_date, s.last_date) == (dt.date(2024, 3, 4), dt.date(2024, 3, 14))


def test_sample_kinds(sample):
    assert row_named(sample, "Track 8x400")["run"] == "hard"
    assert row_named(sample, "Fartlek en el parque")["run"] == "hard"
    # Week 4-10 March: 4.02, 5.50, 3.10, 12.40, 5.00 mi; others' median = (4.02+5.00)/2
    # = 4.51; 12.40 >= 1.5 x 4.51 = 6.77 and 12.40 mi >= 8 km -> long
    assert row_named(sample, "Saturday Run")["run"] == "long"
    assert row_named(sample, "Treadmill Running")["run"] == "easy"


def test_sample_values(sample):
    saturday = row_named(sample, "Saturday Run")
    assert saturday["distance"] == 12.4
    assert saturday["minutes"] == 112.0  # 01:52:03 = 112.05 -> 112.0 (one decimal)
    easy = row_named(sample, "Easy")
    assert pd.isna(easy["distance"])  # "--"
    assert easy["minutes"] == 30.0


def test_leg_sessions(sample):
    morning = row_named(sample, "Morning Run")
    assert (morning["strength"], morning["strength_minutes"]) == ("heavy", 42.0)  # >= 40 min
    assert row_named(sample, "Core & legs")["strength"] == "light"  # 25 min


def test_distance_units_are_converted():
    """Garmin in km, log in miles: 10.00 km = 10 / 1.609344 = 6.21 mi."""
    row = "Running,2024-03-04 06:45:10,false,Run,10.00,600,00:55:00,--,--,--"
    assert garmin(row, units="mi", source_units="km").days["distance"].iloc[0] == 6.21
    assert garmin(row, units="km").days["distance"].iloc[0] == 10.0
    assert any("read as mi" in n for n in garmin(row, units="mi").summary.notes)


def test_decimal_comma_export_is_detected():
    row = 'Running,2024-03-04 06:45:10,false,"Lauf","5,48","1.020","00:31:24","--","--","3,1"'
    result = garmin(row, units="km")
    assert result.days["distance"].iloc[0] == 5.48
    assert any("decimal commas" in n for n in result.summary.notes)


def test_the_same_activity_twice_is_skipped():
    row = "Running,2024-03-04 06:45:10,false,Run,5.00,400,00:40:00,--,--,--"
    result = garmin(row, row)
    assert len(result.days) == 1
    assert result.summary.skipped == {"listed twice": 1}


def test_garmin_log_round_trips(sample, tmp_path):
    path = tmp_path / "runner.csv"
    path.write_text(to_log_csv(sample.days), encoding="utf-8")
    loaded = load_athlete(path, today=TODAY)
    assert loaded.ok
    pd.testing.assert_frame_equal(loaded.athlete.days, sample.days)


def test_utf16_resave_is_read():
    """A spreadsheet's 'Unicode text' save (UTF-16 with BOM) reads like the original."""
    data = GARMIN.read_text(encoding="utf-8").encode("utf-16")
    result = import_file(data, "Activities.csv", today=TODAY)
    assert result.ok
    assert len(result.days) == 9
