"""Strava bulk export -> legday log: quirks, time zones, inference, zips, bad files."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from legday.io import archive as archive_module
from legday.io import imports, load_athlete
from legday.io.imports import ImportResult, import_file, to_log_csv
from legday.io.strava import parse_strava_dates
from legday.model import DAY_COLUMNS, OPTIONAL_DAY_COLUMNS

SAMPLES = Path(__file__).parent.parent / "samples" / "imports"
STRAVA = SAMPLES / "strava_activities.csv"
TODAY = dt.date(2024, 12, 31)
HEADER = (SAMPLES / "strava_activities.csv").read_text(encoding="utf-8").split("\n", 1)[0]
N_COLUMNS = HEADER.count(",") + 1


def strava_row(**cells: str) -> str:
    """One Strava row with the real column set, cells given by header name
    (``Distance_2`` is the second, metres, column)."""
    names = HEADER.split(",")
    row = [""] * N_COLUMNS
    for key, value in cells.items():
        name, nth = (key[:-2], 1) if key.endswith("_2") else (key, 0)
        name = name.replace("_", " ")
        row[[i for i, h in enumerate(names) if h == name][nth]] = value
    return ",".join(f'"{v}"' if "," in v else v for v in row)


def strava_csv(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def run(
    date: str, name: str = "Morning Run", metres: str = "8000", secs: str = "2400", **more: str
) -> str:
    return strava_row(
        Activity_ID=more.pop("Activity_ID", str(abs(hash((date, name))) % 10**9)),
        Activity_Date=date,
        Activity_Name=name,
        Activity_Type=more.pop("Activity_Type", "Run"),
        Elapsed_Time=secs,
        Distance=f"{float(metres) / 1000:.2f}",
        Distance_2=metres,
        Moving_Time=secs,
        **more,
    )


def load(data: bytes | Path, tz: str = "UTC", units: str = "km") -> ImportResult:
    return import_file(data, "activities.csv", tz=tz, units=units, today=TODAY)


@pytest.fixture(scope="module")
def sample() -> ImportResult:
    return import_file(STRAVA, tz="Europe/Berlin", units="km", today=TODAY)


def row_named(result: ImportResult, words: str) -> pd.Series:
    hits = result.days[result.days["notes"].str.contains(words, regex=False)]
    assert len(hits) == 1, f"{words!r} matched {len(hits)} rows"
    return hits.iloc[0]


# --------------------------------------------------------------------------- dates


def test_english_dates_parse_as_utc():
    """Strava's 'Jan 5, 2024, 7:12:33 AM' is UTC; 12 AM is midnight, 12 PM noon."""
    stamps = parse_strava_dates(
        pd.Series(
            ["Jan 5, 2024, 7:12:33 AM", "Dec 31, 2023, 12:05:00 AM", "Jul 4, 2024, 12:30:00 PM"]
        )
    )
    assert list(stamps) == [
        pd.Timestamp("2024-01-05 07:12:33", tz="UTC"),
        pd.Timestamp("2023-12-31 00:05:00", tz="UTC"),
        pd.Timestamp("2024-07-04 12:30:00", tz="UTC"),
    ]


def test_narrow_no_break_space_before_am_pm():
    """Exports since 2023 write 'Jan 5, 2024, 7:12:33\u202fPM' (U+202F before PM)."""
    stamps = parse_strava_dates(pd.Series(["Jan 5, 2024, 7:12:33\u202fPM"]))
    assert stamps.iloc[0] == pd.Timestamp("2024-01-05 19:12:33", tz="UTC")


def test_unreadable_dates_are_nat_not_guessed():
    stamps = parse_strava_dates(
        pd.Series(["16 janv. 2024, 07:00:00", "Feb 30, 2024, 1:00:00 PM", ""])
    )
    assert stamps.isna().all()


def test_late_evening_utc_run_is_next_day_in_berlin():
    """23:30 UTC on 9 Jan is 00:30 on 10 Jan in Berlin (UTC+1 in winter)."""
    data = strava_csv(run("Jan 9, 2024, 11:30:00 PM"))
    assert load(data, tz="UTC").days["date"].iloc[0] == pd.Timestamp("2024-01-09")
    assert load(data, tz="Europe/Berlin").days["date"].iloc[0] == pd.Timestamp("2024-01-10")


def test_early_morning_utc_run_is_previous_day_in_los_angeles():
    """07:12 UTC on 5 Jan is 23:12 on 4 Jan in Los Angeles (UTC-8)."""
    data = strava_csv(run("Jan 5, 2024, 7:12:33 AM"))
    assert load(data, tz="America/Los_Angeles").days["date"].iloc[0] == pd.Timestamp("2024-01-04")


def test_summer_time_is_respected():
    """22:30 UTC on 1 July: Berlin is UTC+2 in summer, so 00:30 on 2 July; in winter
    the same clock time would stay on the same day (23:30)."""
    summer = strava_csv(run("Jul 1, 2024, 10:30:00 PM"))
    winter = strava_csv(run("Jan 1, 2024, 10:30:00 PM"))
    assert load(summer, tz="Europe/Berlin").days["date"].iloc[0] == pd.Timestamp("2024-07-02")
    assert load(winter, tz="Europe/Berlin").days["date"].iloc[0] == pd.Timestamp("2024-01-01")


def test_bad_time_zone_is_refused():
    with pytest.raises(ValueError, match="unknown time zone 'Berlin'"):
        import_file(STRAVA, tz="Berlin")
    assert imports.check_time_zone("../../etc/passwd") is not None
    assert imports.check_time_zone("Europe/Berlin") is None


def test_future_activities_are_skipped():
    data = strava_csv(run("Jan 5, 2024, 7:00:00 AM"), run("Jan 5, 2030, 7:00:00 AM"))
    result = load(data)
    assert len(result.days) == 1
    assert result.summary.skipped == {"dated in the future": 1}


# --------------------------------------------------------------------------- columns


def test_distance_comes_from_the_metres_column(sample):
    """Intervalle 6x800: first Distance says 10.10 (km, rounded), second 10104.2 m."""
    assert row_named(sample, "Intervalle")["distance"] == pytest.approx(10.10)
    in_miles = import_file(STRAVA, tz="Europe/Berlin", units="mi", today=TODAY)
    # 10104.2 / 1609.344 = 6.2785 -> 6.28
    assert row_named(in_miles, "Intervalle")["distance"] == pytest.approx(6.28)


def test_swim_distance_in_metres_is_not_misread(sample):
    """The first Distance of a swim is '1,500' metres: legday keeps no distance for
    cross-training, only its minutes (moving 2280 s = 38 min)."""
    swim = row_named(sample, "Lunch Swim")
    assert swim["run"] == "cross"
    assert pd.isna(swim["distance"])
    assert swim["minutes"] == 38.0


def test_blank_metres_fall_back_to_first_distance_in_account_units(sample):
    """The treadmill row has no metres; the first Distance (5.00) is km, as the
    other rows' ratio (~1000 m per unit) shows."""
    assert row_named(sample, "Treadmill 30'")["distance"] == pytest.approx(5.0)
    assert any("first Distance column, in km" in n for n in sample.summary.notes)


def test_first_distance_in_miles_is_recognised():
    """An account in miles: 5.00 (mi) next to 8046.7 m -> ratio 1609 -> a blank-metres
    row of 3.00 mi is 3.00 mi."""
    a = strava_row(
        Activity_ID="1",
        Activity_Date="Jan 2, 2024, 7:00:00 AM",
        Activity_Type="Run",
        Distance="5.00",
        Distance_2="8046.7",
        Moving_Time="2700",
    )
    b = strava_row(
        Activity_ID="2",
        Activity_Date="Jan 3, 2024, 7:00:00 AM",
        Activity_Type="Run",
        Distance="3.00",
        Moving_Time="1700",
    )
    result = load(strava_csv(a, b), units="mi")
    assert list(result.days["distance"]) == [5.0, 3.0]


def test_minutes_prefer_moving_time():
    """Elapsed 3000 s, moving 2700 s -> 45 min."""
    row = strava_row(
        Activity_ID="1",
        Activity_Date="Jan 2, 2024, 7:00:00 AM",
        Activity_Type="Run",
        Elapsed_Time="3000",
        Elapsed_Time_2="3000.0",
        Moving_Time="2700.0",
        Distance_2="9000",
    )
    assert load(strava_csv(row)).days["minutes"].iloc[0] == 45.0


def test_perceived_exertion_becomes_rpe_and_relative_effort_does_not(sample):
    parkrun = row_named(sample, "Parkrun")
    assert parkrun["rpe"] == 9.0
    neujahr = row_named(sample, "Neujahrslauf")  # Relative Effort 42, no Perceived Exertion
    assert pd.isna(neujahr["rpe"])


def test_non_english_names_survive(sample):
    assert "Grunewald Trails 🌲" in row_named(sample, "Grunewald")["notes"]
    assert row_named(sample, "Leg day 🦵")["strength"] == "heavy"


def test_only_date_and_type_columns_are_required():
    data = b"Activity Date,Activity Type\n" + b'"Jan 2, 2024, 7:00:00 AM",Weight Training\n'
    result = load(data)
    assert result.ok
    assert result.days[["run", "strength"]].values.tolist() == [["rest", "light"]]


def test_repeated_activity_id_is_skipped(sample):
    assert sample.summary.skipped["repeated Activity ID"] == 1
    assert (sample.days["notes"].str.contains("Evening Ride")).sum() == 1


def test_skipped_rows_name_their_lines(sample):
    """The description of row 3 spans three lines, so the repeated ride (the 16th
    activity) is on line 1 + 16 + 2 = 19."""
    problem = next(p for p in sample.problems if "repeated Activity ID" in p.message)
    assert problem.line == 19
    assert problem.severity == "warning"


# --------------------------------------------------------------------------- mapping


def test_activity_types_map_to_runs_sessions_and_cross(sample):
    kinds = {
        words: (row_named(sample, words)["run"], row_named(sample, words)["strength"])
        for words in ("Zwift", "Grunewald", "Treadmill 30'", "WOD", "Evening Ride", "Lunch Walk")
    }
    assert kinds["Zwift"][0] == "easy"  # Virtual Run
    assert kinds["Grunewald"][0] == "long"  # Trail Run
    assert kinds["Treadmill 30'"][0] == "easy"  # Treadmill
    assert kinds["WOD"] == ("rest", "heavy")  # Crossfit, 45 min
    assert kinds["Evening Ride"] == ("cross", "none")
    assert kinds["Lunch Walk"] == ("cross", "none")


def test_summary_counts(sample):
    """19 rows; 1 repeated id and 1 French date skipped -> 17 kept: 11 runs,
    3 leg sessions (one shares a row with a run), 3 cross -> 16 day rows."""
    s = sample.summary
    assert (s.found, s.kept, sum(s.skipped.values())) == (19, 17, 2)
    assert (s.runs, s.strength_sessions, s.cross) == (11, 3, 3)
    assert len(sample.days) == 16
    assert (s.first_date, s.last_date) == (dt.date(2024, 1, 1), dt.date(2024, 1, 21))
    assert s.inferred_kinds == {"easy": 5, "hard": 3, "long": 2}  # + the race, not inferred
    assert s.inferred_levels == {"heavy": 2, "light": 1}


# --------------------------------------------------------------------------- inference


def test_hard_from_names_in_several_languages(sample):
    assert row_named(sample, "Intervalle 6x800")["run"] == "hard"
    assert row_named(sample, "Tempo 3x10'")["run"] == "hard"
    assert "name says tempo" in row_named(sample, "Tempo 3x10'")["notes"]


def test_spanish_default_run_name_is_not_a_race(sample):
    """'Carrera' is Strava's Spanish word for any run: it must not make it hard."""
    assert row_named(sample, "Carrera nocturna")["run"] == "easy"


@pytest.mark.parametrize(
    "name",
    [
        "Fartlek Friday",
        "VO2max 5x3'",
        "Track session",
        "Threshold 2x20",
        "Séance fractionnée",
        "Tempolauf",
        "Series 10x400",
        "Intervalos en pista",
        "Ripetute 6x1000",
        "10 x 400m",
    ],
)
def test_hard_keywords(name):
    result = load(strava_csv(run("Jan 2, 2024, 7:00:00 AM", name)))
    assert result.days["run"].iloc[0] == "hard", name


def test_high_effort_makes_a_run_hard(sample):
    """Parkrun has no keyword, but Perceived Exertion 9 >= 7."""
    assert row_named(sample, "Parkrun")["run"] == "hard"
    assert "effort 9" in row_named(sample, "Parkrun")["notes"]


def test_longest_run_of_the_week_when_clearly_longer(sample):
    """Week of 8-14 Jan: 6.5, 12.0, 4.0, 5.0 and 21.0 km. Others' median = (5.0+6.5)/2
    = 5.75; 21.0 >= 1.5 x 5.75 = 8.6 and >= 8 km -> long."""
    trails = row_named(sample, "Grunewald")
    assert trails["run"] == "long"
    assert "longest run of its week" in trails["notes"]


def test_longest_run_not_long_when_not_clearly_longer():
    """10, 9, 8 km in one week: others' median 8.5; 10 < 1.5 x 8.5 = 12.75 -> easy."""
    data = strava_csv(
        run("Jan 2, 2024, 7:00:00 AM", "A", "10000"),
        run("Jan 4, 2024, 7:00:00 AM", "B", "9000"),
        run("Jan 6, 2024, 7:00:00 AM", "C", "8000"),
    )
    assert list(load(data).days["run"]) == ["easy", "easy", "easy"]


def test_short_longest_run_is_not_long():
    """6 km vs 3 km: 6 >= 1.5 x 3 but under the 8 km minimum -> easy."""
    data = strava_csv(
        run("Jan 2, 2024, 7:00:00 AM", "A", "3000"), run("Jan 6, 2024, 7:00:00 AM", "B", "6000")
    )
    assert list(load(data).days["run"]) == ["easy", "easy"]


def test_weeks_run_monday_to_sunday():
    """Sun 7 Jan 16 km and Mon 8 Jan 5 km are in different weeks: each alone, neither
    is 'clearly longer' than another run of its own week."""
    data = strava_csv(
        run("Jan 7, 2024, 9:00:00 AM", "Sunday", "16000"),
        run("Jan 8, 2024, 7:00:00 AM", "Monday", "5000"),
    )
    assert list(load(data).days["run"]) == ["easy", "easy"]


def test_competition_flag_is_a_race_and_not_inferred(sample):
    race = row_named(sample, "Hauptstadtlauf")
    assert race["run"] == "race"
    position = sample.days.index[sample.days["notes"].str.contains("Hauptstadtlauf")][0]
    assert not sample.inferred.loc[position, "run"]


def test_strength_levels_from_effort_and_duration(sample):
    """Leg day: effort 7 >= 6 -> heavy. WOD: 45 min >= 40 -> heavy. Gym 25 min, no
    effort -> light."""
    assert row_named(sample, "Leg day")["strength"] == "heavy"
    assert row_named(sample, "WOD")["strength"] == "heavy"
    assert row_named(sample, "Gym: squats")["strength"] == "light"


def test_inferred_mask_matches_days(sample):
    assert sample.inferred.index.equals(sample.days.index)
    assert list(sample.inferred.columns) == ["run", "strength"]
    # cross rows are mapped from the type, not inferred
    cross = sample.days["run"] == "cross"
    assert not sample.inferred.loc[cross, "run"].any()
    assert sample.inferred.loc[sample.days["strength"] != "none", "strength"].all()


# --------------------------------------------------------------------------- double days


def test_two_runs_on_one_day_are_two_rows(sample):
    jan11 = sample.days[sample.days["date"] == pd.Timestamp("2024-01-11")]
    assert list(jan11["run"]) == ["hard", "easy"]  # tempo at 06:30, shakeout at 17:45 UTC


def test_session_after_a_run_shares_the_run_row(sample):
    """Carrera nocturna 00:30 on 10 Jan (Berlin), gym at 19:00: one row, run then legs."""
    row = row_named(sample, "Carrera nocturna")
    assert (row["run"], row["strength"], row["strength_minutes"]) == ("easy", "light", 25.0)
    assert "then Gym: squats + lunges" in row["notes"]


def test_session_before_the_run_keeps_its_own_earlier_row():
    lift = strava_row(
        Activity_ID="1",
        Activity_Date="Jan 2, 2024, 6:00:00 AM",
        Activity_Type="Weight Training",
        Moving_Time="3000",
    )
    data = strava_csv(lift, run("Jan 2, 2024, 5:00:00 PM", "Evening run"))
    days = load(data).days
    assert days[["run", "strength"]].values.tolist() == [["rest", "heavy"], ["easy", "none"]]


# --------------------------------------------------------------------------- zip


def test_zip_export_gives_the_same_log_as_its_csv(sample):
    zipped = import_file(SAMPLES / "strava_export.zip", tz="Europe/Berlin", units="km", today=TODAY)
    pd.testing.assert_frame_equal(zipped.days, sample.days)


def test_zip_from_bytes():
    data = (SAMPLES / "strava_export.zip").read_bytes()
    assert import_file(data, "export.zip", tz="Europe/Berlin", today=TODAY).ok


def test_zip_without_activities_csv():
    result = import_file(SAMPLES / "bad_no_activities.zip", today=TODAY)
    assert not result.ok
    assert "no activities.csv" in result.problems[0].message


def test_zip_bomb_member_is_refused_without_unpacking():
    """The member unpacks to 60 MB (> 50 MB cap) from ~60 kB."""
    result = import_file(SAMPLES / "bad_bomb.zip", today=TODAY)
    assert not result.ok
    assert "legday reads activity CSVs up to 50 MB" in result.problems[0].message


def test_member_lying_about_its_size_is_refused(monkeypatch):
    """A directory claiming 10 bytes for a 5 kB member: refused, never read past."""
    monkeypatch.setattr(archive_module, "MAX_CSV_BYTES", 1000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("activities.csv", HEADER + "\n" + "x" * 5000)
    data = bytearray(buffer.getvalue())
    # patch the central directory's uncompressed size (offset 24 in the entry) to 10
    at = data.rfind(b"PK\x01\x02")
    data[at + 24 : at + 28] = (10).to_bytes(4, "little")
    result = import_file(bytes(data), "lying.zip", today=TODAY)
    assert not result.ok
    assert result.days.empty
    assert "zip" in result.problems[0].message  # the size or CRC check, never a crash


def test_too_many_members_refused_from_the_end_record(monkeypatch):
    monkeypatch.setattr(archive_module, "MAX_ZIP_MEMBERS", 5)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(6):
            archive.writestr(f"media/{i}.jpg", b"x")
    result = import_file(buffer.getvalue(), "many.zip", today=TODAY)
    assert "holds 6 files" in result.problems[0].message


def test_member_names_are_never_used_as_paths(tmp_path, monkeypatch):
    """A member called ../../activities.csv is read from memory; nothing is written."""
    monkeypatch.chdir(tmp_path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../activities.csv", strava_csv(run("Jan 2, 2024, 7:00:00 AM")))
    result = import_file(buffer.getvalue(), "evil.zip", today=TODAY)
    assert result.ok
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- malformed


@pytest.mark.parametrize(
    ("sample_name", "words"),
    [
        ("bad_empty.csv", "file is empty"),
        ("bad_binary.csv", "binary data"),
        ("bad_wrong_columns.csv", "not a Strava activities.csv"),
    ],
)
def test_malformed_files_give_one_clear_error(sample_name, words):
    result = import_file(SAMPLES / sample_name, today=TODAY)
    assert not result.ok
    assert result.days.empty
    errors = [p for p in result.problems if p.is_error]
    assert len(errors) == 1
    assert words in errors[0].message
    assert errors[0].path.endswith(sample_name)


def test_truncated_download_keeps_the_complete_rows():
    """Cut inside the Parkrun row's date: the 12 rows before it are read, with a warning."""
    result = import_file(SAMPLES / "bad_truncated.csv", tz="Europe/Berlin", today=TODAY)
    assert result.ok
    assert result.summary.found == 12
    assert any("ends in the middle of a row" in p.message for p in result.problems)


def test_header_only_file():
    result = load(strava_csv())
    assert not result.ok
    assert "no activities" in result.problems[-1].message


def test_missing_file():
    result = import_file("/no/such/activities.csv")
    assert not result.ok
    assert "does not exist" in result.problems[0].message


def test_a_strava_export_in_another_language_gets_advice():
    czech = "ID aktivity,Datum aktivity,Název aktivity,Typ aktivity,Uplynulý čas,Vzdálenost,"
    header = czech + ",".join(f"c{i}" for i in range(30)) + ",Uplynulý čas,Vzdálenost"
    result = load((header + "\n").encode())
    assert "Strava export in another language" in result.problems[0].message


def test_a_legday_log_is_recognised():
    result = load(b"date,run,distance\n2024-01-01,easy,5\n")
    assert "already a legday log" in result.problems[0].message


# --------------------------------------------------------------------------- writing


def test_log_csv_header_and_values(sample):
    text = to_log_csv(sample.days)
    lines = text.splitlines()
    assert lines[0] == ",".join(c for c in DAY_COLUMNS if c not in OPTIONAL_DAY_COLUMNS)
    assert lines[1].startswith("2024-01-01,easy,8.02,47.5,,none,,,,imported from Strava")


def test_log_csv_neutralises_formulas():
    days = sample_days_with_notes(['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "\tx", "fine"])
    text = to_log_csv(days)
    notes = [line.rsplit(",", 1)[-1] for line in text.splitlines()[1:]]
    assert all(n.startswith(("'", "\"'")) for n in notes[:5])
    assert notes[5] == "fine"


def sample_days_with_notes(notes: list[str]) -> pd.DataFrame:
    from legday.model import days_from_records

    return days_from_records(
        [{"date": f"2024-01-0{i + 1}", "notes": n} for i, n in enumerate(notes)]
    )


def test_imported_log_loads_back_unchanged(sample, tmp_path):
    path = tmp_path / "ann.csv"
    path.write_text(to_log_csv(sample.days), encoding="utf-8")
    loaded = load_athlete(path, today=TODAY)
    assert loaded.ok, [str(p) for p in loaded.problems]
    pd.testing.assert_frame_equal(loaded.athlete.days, sample.days)


# --------------------------------------------------------------------------- fuzzing

SEEDS = [
    (SAMPLES / "strava_activities.csv").read_bytes(),
    (SAMPLES / "garmin_activities.csv").read_bytes(),
    (SAMPLES / "strava_export.zip").read_bytes(),
]


@given(
    seed=st.sampled_from(SEEDS),
    cuts=st.lists(st.tuples(st.integers(0, 10**6), st.binary(max_size=12)), max_size=6),
    tail=st.integers(0, 10**6),
)
def test_mutated_exports_never_raise(seed, cuts, tail):
    """Any bytes give day rows or an error Problem, never an exception or a bug report."""
    data = bytearray(seed)
    for at, junk in cuts:
        at %= len(data) + 1
        data[at : at + len(junk)] = junk
    data = bytes(data[: max(1, tail % (len(data) + 1))])
    result = import_file(data, "fuzz.csv", tz="Asia/Kolkata", today=TODAY)
    assert result.ok or any(p.is_error for p in result.problems)
    assert not any(imports.INTERNAL_ERROR in p.message for p in result.problems)
    result.summary.lines()


@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(data):
    result = import_file(data, "random.bin", today=TODAY)
    assert not any(imports.INTERNAL_ERROR in p.message for p in result.problems)
