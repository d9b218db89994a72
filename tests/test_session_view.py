"""The dashboard's decisions without Streamlit: the data source (legday.store.choice),
link values (legday.links), the log's range and problems (legday.session_view)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from legday import links, session_view
from legday.demo import load_demo
from legday.io import LoadResult
from legday.model import Athlete, Problem, Profile, days_from_records
from legday.store import choice
from legday.store.folder import folder_signature, inside_folder

TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def demo() -> list[LoadResult]:
    return load_demo(TODAY)


# ------------------------------------------------------------------------ data source


def test_no_configuration_means_the_demo() -> None:
    """Neither an argument nor LEGDAY_DATA_DIR: the bundled demo, no message."""
    source = choice.resolve_source({}, [])
    assert source == choice.DataSource("demo")
    assert source.label == "Demo roster"


def test_env_folder_is_used(tmp_path: Path) -> None:
    source = choice.resolve_source({"LEGDAY_DATA_DIR": str(tmp_path)}, [])
    assert (source.kind, source.folder, source.origin) == ("folder", tmp_path.resolve(), "env")


def test_path_after_dashes_beats_the_env(tmp_path: Path) -> None:
    """``streamlit run app.py -- PATH`` gives sys.argv[1:] == [PATH]; it wins over env."""
    argv_dir = tmp_path / "argv"
    env_dir = tmp_path / "env"
    argv_dir.mkdir()
    env_dir.mkdir()
    source = choice.resolve_source({"LEGDAY_DATA_DIR": str(env_dir)}, [str(argv_dir)])
    assert (source.folder, source.origin) == (argv_dir.resolve(), "argv")


@pytest.mark.parametrize("make", ["missing", "file"])
def test_a_folder_that_is_not_there_falls_back_to_the_demo_with_a_message(
    tmp_path: Path, make: str
) -> None:
    target = tmp_path / "athletes"
    if make == "file":
        target.write_text("not a folder")
    source = choice.resolve_source({"LEGDAY_DATA_DIR": str(target)}, [])
    assert source.kind == "demo"
    expected = "is a file, not a folder" if make == "file" else "does not exist"
    assert expected in source.message
    assert "LEGDAY_DATA_DIR" in source.message


def test_a_nul_byte_path_is_refused() -> None:
    source = choice.resolve_source({"LEGDAY_DATA_DIR": "data\x00/etc"}, [])
    assert source.kind == "demo" and "not a usable path" in source.message


def test_options_after_dashes_are_not_paths(tmp_path: Path) -> None:
    source = choice.resolve_source({}, ["--verbose", str(tmp_path)])
    assert source.folder == tmp_path.resolve()


# ------------------------------------------------------------------ files in the folder


def test_inside_folder_accepts_files_in_it_and_its_subfolders(tmp_path: Path) -> None:
    (tmp_path / "logs").mkdir()
    log = tmp_path / "logs" / "ana.csv"
    log.write_text("date\n")
    assert inside_folder(tmp_path, "logs/ana.csv") == log.resolve()
    assert inside_folder(tmp_path, log) == log.resolve()


@pytest.mark.parametrize("name", ["../outside.csv", "/etc/passwd", "logs/../../x.csv", "."])
def test_inside_folder_refuses_paths_that_leave_it(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "data"
    (folder / "logs").mkdir(parents=True)
    assert inside_folder(folder, name) is None


def test_inside_folder_refuses_a_symlink_out(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    secret = tmp_path / "secret.csv"
    secret.write_text("date\n")
    (folder / "link.csv").symlink_to(secret)
    assert inside_folder(folder, "link.csv") is None


def test_folder_signature_changes_when_a_file_changes(tmp_path: Path) -> None:
    """The cache key is stat-only: an edit changes size or mtime_ns; a new file adds a row."""
    log = tmp_path / "ana.csv"
    log.write_text("date,run\n2026-01-05,easy\n")
    first = folder_signature(tmp_path)
    assert [Path(p).name for p, _, _ in first] == ["ana.csv"]
    log.write_text("date,run\n2026-01-05,easy\n2026-01-06,rest\n")
    second = folder_signature(tmp_path)
    assert second != first
    (tmp_path / "ben.csv").write_text("date\n")
    (tmp_path / ".legday-backups").mkdir()
    (tmp_path / ".legday-backups" / "ana.20260101-000000.csv").write_text("date\n")
    names = [Path(p).name for p, _, _ in folder_signature(tmp_path)]
    assert names == ["ana.csv", "ben.csv"]  # backups are not athletes


# ----------------------------------------------------------------------- link values


IDS = ["ana-hills", "dan-marathon"]


def test_a_known_athlete_id_is_accepted() -> None:
    assert links.check_athlete_param("dan-marathon", IDS) == links.ParamCheck("dan-marathon")


def test_no_athlete_param_is_no_message() -> None:
    assert links.check_athlete_param(None, IDS) == links.ParamCheck()
    assert links.check_athlete_param("", IDS) == links.ParamCheck()


@pytest.mark.parametrize(
    "value",
    [
        "../../etc/passwd",
        "/etc/passwd",
        "ANA-HILLS",
        "-ana",
        "a" * 65,
        "ana-hills\x00",
        "ana hills",
        "<img src=x onerror=alert(1)>",
        "ana%2F..",
    ],
)
def test_malformed_ids_are_refused_with_a_message(value: str) -> None:
    check = links.check_athlete_param(value, IDS)
    assert check.value is None
    assert "not a valid athlete id" in check.message
    assert len(check.message) < 250  # a 500-character id is clipped, not echoed whole


def test_a_well_formed_unknown_id_says_so() -> None:
    check = links.check_athlete_param("nobody", IDS)
    assert check.value is None and "not in this roster" in check.message


def test_the_longest_legal_id_is_accepted() -> None:
    """1 + 63 characters is the pattern's limit."""
    longest = "a" + "-" * 63
    assert links.check_athlete_param(longest, [longest]).value == longest


def test_a_real_as_of_inside_the_log_is_accepted() -> None:
    check = links.check_as_of_param("2026-11-01", TODAY, dt.date(2026, 6, 1), dt.date(2026, 11, 22))
    assert check == links.ParamCheck(dt.date(2026, 11, 1))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-02-30", "not a real calendar date"),
        ("26-11-01", "not a date like"),
        ("2026-11-01T00:00", "not a date like"),
        ("../2026-11-01", "not a date like"),
        ("1900-01-01", "out of range"),
        ("2999-01-01", "out of range"),
        ("2026-05-31", "before this athlete's log starts (2026-06-01)"),
        ("2026-11-23", "after this athlete's last logged day (2026-11-22)"),
    ],
)
def test_bad_as_of_values_are_refused(value: str, expected: str) -> None:
    check = links.check_as_of_param(value, TODAY, dt.date(2026, 6, 1), dt.date(2026, 11, 22))
    assert check.value is None
    assert expected in check.message


# -------------------------------------------------------------------------- the log


def _athlete(records: list[dict], units: str = "mi") -> Athlete:
    return Athlete(Profile(id="t", name="T", units=units), days_from_records(records))


def test_log_range_and_default_as_of_of_a_daily_log() -> None:
    athlete = _athlete([{"date": "2026-03-02", "run": "easy"}, {"date": "2026-03-10"}])
    assert session_view.log_range(athlete) == (dt.date(2026, 3, 2), dt.date(2026, 3, 10))
    assert session_view.default_as_of(athlete, TODAY) == dt.date(2026, 3, 10)


def test_an_empty_log_defaults_to_today() -> None:
    athlete = _athlete([])
    assert session_view.log_range(athlete) == (None, None)
    assert session_view.default_as_of(athlete, TODAY) == TODAY
    assert session_view.default_as_of(None, TODAY) == TODAY


def test_weekly_log_range_runs_from_the_first_monday_to_the_last_sunday(demo) -> None:
    kenji = next(r.athlete for r in demo if r.athlete and r.athlete.id == "kenji-weekly")
    first, last = session_view.log_range(kenji)
    assert first.weekday() == 0 and last.weekday() == 6
    assert last == kenji.last_date


def test_problems_frame_lists_every_problem_with_its_line() -> None:
    results = [
        LoadResult(
            "a.csv",
            None,
            [
                Problem("a.csv", 3, "error", "date '2026-02-30' is not a date"),
                Problem("a.csv", None, "warning", "no profile"),
            ],
        ),
        LoadResult("b.yaml", None, [Problem("b.yaml", 1, "error", "not a mapping")]),
    ]
    frame = session_view.problems_frame(results)
    assert frame["file"].tolist() == ["a.csv", "a.csv", "b.yaml"]
    assert frame["line"].tolist() == [3, pd.NA, 1]
    assert frame["severity"].tolist() == ["error", "warning", "error"]
