"""One merge for every import: new days added, a day the log holds kept, twice adds nothing."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from legday.io.merge import merge_days, merge_sets
from legday.model import SET_COLUMNS, days_from_records


def sets(rows: list[tuple]) -> pd.DataFrame:
    """(date, exercise, set, reps, weight, source) rows as a sets frame."""
    frame = pd.DataFrame(rows, columns=["date", "exercise", "set", "reps", "weight", "source"])
    frame = frame.assign(rir=2.0, rpe=np.nan, side="", type="normal")
    frame["date"] = pd.to_datetime(frame["date"])
    return frame[list(SET_COLUMNS)].astype(SET_COLUMNS)


IMPORT = sets(
    [
        ("2025-07-22", "Squat (Barbell)", 1, 5, 60.0, "hevy"),
        ("2025-07-22", "Squat (Barbell)", 2, 5, 60.0, "hevy"),
        ("2025-07-24", "Squat (Barbell)", 1, 5, 62.5, "hevy"),
        ("2025-07-26", "Squat (Barbell)", 1, 5, 65.0, "hevy"),
    ]
)


def test_into_an_empty_log_everything_is_added() -> None:
    merged = merge_sets(None, IMPORT)
    assert (merged.added_days, merged.added_rows) == (3, 4)


def test_the_same_export_twice_adds_nothing() -> None:
    once = merge_sets(None, IMPORT).frame
    twice = merge_sets(once, IMPORT)
    assert (twice.added_days, twice.added_rows, twice.same_days) == (0, 0, 3)
    assert twice.frame.equals(once)
    # the same sets in another order are the same day
    assert merge_sets(once, IMPORT.iloc[::-1]).same_days == 3


def test_a_day_typed_by_hand_wins_and_is_named() -> None:
    log = sets(
        [
            ("2025-07-22", "Back squat", 1, 5, 60.0, ""),  # typed by hand, another name
            ("2025-07-24", "Squat (Barbell)", 1, 5, 62.5, "hevy"),  # the same as the import
            ("2025-07-26", "Squat (Barbell)", 1, 5, 60.0, "hevy"),  # an earlier import
        ]
    )
    merged = merge_sets(log, IMPORT)
    assert (merged.added_days, merged.same_days) == (0, 1)
    assert merged.kept_by_hand == (dt.date(2025, 7, 22),)
    assert merged.kept_imported == (dt.date(2025, 7, 26),)
    assert merged.frame.equals(log)  # nothing of the log replaced
    text = " ".join(merged.lines("sets", "ana-sets.csv"))
    assert "kept as the log has them: 1 day typed by hand that the import has otherwise " in text
    assert "(2025-07-22)" in text


def test_a_newer_export_adds_only_its_new_days() -> None:
    newer = pd.concat([IMPORT, sets([("2025-07-29", "Squat (Barbell)", 1, 5, 67.5, "hevy")])])
    merged = merge_sets(merge_sets(None, IMPORT).frame, newer)
    assert (merged.added_days, merged.added_rows, merged.same_days) == (1, 1, 3)
    assert merged.frame["date"].is_monotonic_increasing


def test_days_a_check_in_holds_get_the_imports_run_beside_it() -> None:
    log = days_from_records(
        [
            {"date": "2024-01-02", "soreness": 3, "notes": "legs: tight"},  # a check-in only
            {"date": "2024-01-03", "run": "easy", "distance": 5, "notes": "by hand"},
        ]
    )
    incoming = days_from_records(
        [
            {
                "date": "2024-01-02",
                "run": "easy",
                "distance": 8,
                "notes": "imported from Strava: a",
            },
            {
                "date": "2024-01-03",
                "run": "hard",
                "distance": 9,
                "notes": "imported from Strava: b",
            },
        ]
    )
    merged = merge_days(log, incoming)
    assert merged.added_rows == 1 and merged.kept_by_hand == (dt.date(2024, 1, 3),)
    assert merged.frame["notes"].tolist() == ["legs: tight", "imported from Strava: a", "by hand"]
    again = merge_days(merged.frame, incoming)  # the check-in row does not count: the same
    assert (again.added_rows, again.same_days) == (0, 1)
